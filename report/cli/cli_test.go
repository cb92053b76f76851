package cli

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// The salesreview command inside the test binary reads the templates from
// the repository's folder, named by this variable (set in setup).
const templatesEnv = "SALESREVIEW_TEST_TEMPLATES"

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"salesreview": func() {
			os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr, os.DirFS(os.Getenv(templatesEnv))))
		},
	})
}

// TestScripts runs testdata/script/*.txtar. Scripts see $MAVEN (the Maven
// CRM copy in testdata/), $SAMPLE (the sample review) and the tsv2xlsx
// command.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "templates", "assets", "echarts.min.js")); err != nil {
		t.Fatalf("the embedded ECharts is missing: run `make assets` first (`make test` does): %v", err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv(templatesEnv, filepath.Join(root, "templates"))
			env.Setenv("MAVEN", filepath.Join(root, "testdata", "maven-crm"))
			env.Setenv("SAMPLE", filepath.Join(root, "sample"))
			env.Setenv("SOURCE_DATE_EPOCH", "")
			return nil
		},
		Cmds:                scriptCmds,
		RequireExplicitExec: true,
	})
}

// builtinTemplates is the repository's templates folder, which the
// binary embeds.
func builtinTemplates(t *testing.T) fs.FS {
	t.Helper()
	root, err := filepath.Abs("../../templates")
	if err != nil {
		t.Fatal(err)
	}
	return os.DirFS(root)
}

// scriptCmds are the scripts' own commands (cli_unix_test.go adds mkfifo).
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"tsv2xlsx": cmdTSV2XLSX,
	"exits":    cmdExits,
}

// cmdExits runs a program and checks its exit status, keeping its output
// for the stdout and stderr commands that follow:
//
//	exits 2 salesreview build --bogus
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits STATUS program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdTSV2XLSX writes a workbook from TSV files, so that bad inputs stay
// readable in the scripts:
//
//	tsv2xlsx out.xlsx Sheet=file.tsv [Other=file2.tsv ...]
//
// A cell that parses as a number is written as a number, "'text" as the
// text without the quote, "=F" as a formula without a cached value, and an
// empty cell is left out.
func cmdTSV2XLSX(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! tsv2xlsx")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: tsv2xlsx out.xlsx Sheet=file.tsv...")
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, spec := range args[1:] {
		sheet, file, ok := strings.Cut(spec, "=")
		if !ok {
			ts.Fatalf("tsv2xlsx: %q is not Sheet=file.tsv", spec)
		}
		if i == 0 {
			ts.Check(f.SetSheetName("Sheet1", sheet))
		} else {
			_, err := f.NewSheet(sheet)
			ts.Check(err)
		}
		data := ts.ReadFile(file)
		sc := bufio.NewScanner(strings.NewReader(data))
		row := 0
		for sc.Scan() {
			row++
			for c, v := range strings.Split(sc.Text(), "\t") {
				if v == "" {
					continue
				}
				cell, err := excelize.CoordinatesToCellName(c+1, row)
				ts.Check(err)
				switch {
				case strings.HasPrefix(v, "'"):
					ts.Check(f.SetCellStr(sheet, cell, v[1:]))
				case strings.HasPrefix(v, "="):
					ts.Check(f.SetCellFormula(sheet, cell, v[1:]))
				default:
					if n, err := strconv.ParseFloat(v, 64); err == nil {
						ts.Check(f.SetCellFloat(sheet, cell, n, -1, 64))
					} else {
						ts.Check(f.SetCellStr(sheet, cell, v))
					}
				}
			}
		}
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[0])))
}

func TestBar(t *testing.T) {
	got := bar(45, 100, 10)
	want := "reading [####......]  45%  0.0 / 0.0 MB"
	if got != want {
		t.Errorf("bar = %q, want %q", got, want)
	}
	if got := bar(5, 0, 10); !strings.HasPrefix(got, "reading ") {
		t.Errorf("bar without total = %q", got)
	}
}

// TestPanicIsOneLine: a bug that panics gives one line and status 1, no
// stack trace.
func TestPanicIsOneLine(t *testing.T) {
	var stderr strings.Builder
	// version writing to a nil stdout panics.
	status := Main([]string{"version"}, nil, &stderr, nil)
	if status != ExitInput {
		t.Errorf("status %d, want %d", status, ExitInput)
	}
	if got := stderr.String(); !strings.HasPrefix(got, "salesreview: internal error: ") || strings.Count(got, "\n") != 1 || strings.Contains(got, "goroutine") {
		t.Errorf("stderr = %q", got)
	}
}
