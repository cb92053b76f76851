"""Reads every sheet of the given workbooks with pandas and openpyxl (the
engine pandas uses for .xlsx) and prints the number of data rows (rows after
each sheet's header) per file and in total. Used by bench/run.sh."""
import sys

import pandas as pd

total = 0
for path in sys.argv[1:]:
    sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    rows = sum(len(df) for df in sheets.values())
    print(f"{path}: {rows} rows")
    total += rows
print(f"total {total}")
