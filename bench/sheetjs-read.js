// Reads every row of every sheet of the given workbooks with SheetJS (npm
// package "xlsx") in its fastest mode -- dense sheets, no formatted text,
// formulas, styles or HTML -- and prints the number of data rows (rows after
// each sheet's first) per file and in total. Used by bench/run.sh.
"use strict";
const XLSX = require("xlsx");

let total = 0;
for (const path of process.argv.slice(2)) {
  const wb = XLSX.readFile(path, {
    dense: true, cellText: false, cellHTML: false, cellFormula: false,
    cellStyles: false, cellDates: false, sheetStubs: false,
  });
  let rows = 0;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const data = ws["!data"];
    let n = 0;
    if (data) {
      for (const r of data) if (r && r.length) n++;
    } else {
      n = XLSX.utils.sheet_to_json(ws, { header: 1, raw: true, blankrows: false }).length;
    }
    rows += Math.max(0, n - 1);
  }
  console.log(`${path}: ${rows} rows`);
  total += rows;
}
console.log(`total ${total}`);
