package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report/source/zipcheck"
	"github.com/salesreview/salesreview/report/testsuite/hostile"
)

// TestExcelizeSpoolsInTempDir: excelize spools a sheet over 16 MiB of XML
// (here when it opens the whole workbook, as formula look-ups do) into
// Options.TempDir, not the process's temporary folder, and the spooled
// file is gone once the workbook is closed.
func TestExcelizeSpoolsInTempDir(t *testing.T) {
	system, own := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", system)
	deals := hostileFile(t, "spooled-sheet") // 17 MiB of sheet XML
	f, err := os.Open(deals)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wb, err := openWorkbook(f, zipcheck.Limits{}, own)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wb.wholeWorkbook(); err != nil {
		t.Fatal(err)
	}
	if names := entryNames(t, own); len(names) != 1 || !strings.HasPrefix(names[0], "excelize-") {
		t.Errorf("while open, the temporary folder holds %v, want the spooled sheet", names)
	}
	if names := entryNames(t, system); len(names) > 0 {
		t.Errorf("the system's temporary folder holds %v", names)
	}
	if err := wb.close(); err != nil {
		t.Fatal(err)
	}
	if names := entryNames(t, own); len(names) > 0 {
		t.Errorf("after close, the temporary folder holds %v", names)
	}
}

// hostileFile writes the case of the hostile corpus named name and
// returns its path.
func hostileFile(t *testing.T, name string) string {
	t.Helper()
	for _, c := range hostile.Cases() {
		if c.Name != name {
			continue
		}
		b, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), c.File)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Fatalf("no hostile case %s", name)
	return ""
}

func entryNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
