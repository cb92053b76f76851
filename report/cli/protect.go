package cli

import (
	"fmt"
	"os"
	"path/filepath"
)

// readPaths lists every file and folder the job reads: the inputs, the
// previous snapshot, the configuration file, the logo, the commentary and
// template folders.
func (j *job) readPaths() []string {
	var ps []string
	for _, in := range j.sourceOpts.Inputs {
		ps = append(ps, in.Path)
	}
	for _, in := range j.previous {
		ps = append(ps, in.Path)
	}
	if j.cfgPath != "" {
		ps = append(ps, j.cfgPath)
	}
	if j.cfg.Logo != "" {
		ps = append(ps, j.cfg.Resolve(j.cfg.Logo))
	}
	for _, d := range []string{j.commentary, j.templates} {
		if d != "" {
			ps = append(ps, d)
		}
	}
	return ps
}

// checkNotInput refuses an output that would replace what the build reads,
// --force or not: a single file that is one of the inputs (the export being
// read, the configuration), or a site folder that holds one (the whole
// folder is replaced).
func (j *job) checkNotInput() error {
	out, err := os.Stat(j.outPath)
	if err != nil {
		return nil // nothing there yet
	}
	realOut, err := filepath.EvalSymlinks(j.outPath)
	if err != nil {
		return nil
	}
	for _, p := range j.readPaths() {
		in, err := os.Stat(p)
		if err != nil {
			continue // reading it will say what is wrong
		}
		if os.SameFile(out, in) {
			return fmt.Errorf("%s is read by this build (%s): salesreview never writes over what it reads, even with --force; choose another output", j.outPath, p)
		}
		if real, err := filepath.EvalSymlinks(p); err == nil && !j.singleFile && inside(realOut, real) {
			return fmt.Errorf("the output folder %s holds %s, which this build reads: the folder is replaced as a whole, so salesreview will not write there, even with --force; choose another folder", j.outPath, p)
		}
	}
	return nil
}

// inside reports whether path p lies in the folder dir.
func inside(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}
