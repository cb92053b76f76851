package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/salesreview/salesreview/report/site"
)

// output is where a run puts the site it rendered.
type output interface {
	write(ctx context.Context, files []site.File) error
}

// folderOutput is the site folder build writes (site.Write).
type folderOutput struct {
	dir   string
	force bool
}

func (o folderOutput) write(ctx context.Context, files []site.File) error {
	return site.Write(ctx, o.dir, files, o.force)
}

func (o folderOutput) String() string { return filepath.ToSlash(o.dir) + "/" }

// fileOutput is the one file of build --single-file (site.WriteSingle).
type fileOutput struct {
	name  string
	force bool
}

func (o fileOutput) write(ctx context.Context, files []site.File) error {
	if len(files) != 1 {
		return fmt.Errorf("single-file site: render returned %d files", len(files))
	}
	return site.WriteSingle(ctx, o.name, files[0].Data, o.force)
}

func (o fileOutput) String() string { return o.name }

// siteOutput is where build writes: the folder, or the file with
// --single-file.
func (j *job) siteOutput() output {
	if j.singleFile {
		return fileOutput{name: j.outPath, force: j.force}
	}
	return folderOutput{dir: j.outPath, force: j.force}
}
