// Command dist packs the binaries `make dist` cross-compiled into release
// archives that are byte-identical from run to run: one tar.gz per platform
// (zip for Windows) holding the binary and the given documents under a
// folder named like the archive, and a SHA256SUMS file over the archives.
//
//	go run ./scripts/dist -version v0.1.0 -mtime 1733430649 -bin dist/bin -out dist README.md LICENSE
//
// -bin holds one folder per platform, named GOOS-GOARCH, with the binary
// (salesreview, or salesreview.exe). Entries are sorted, every file carries
// -mtime (the commit's time), owner root (0:0) and mode 0755 (the binary) or
// 0644, and gzip writes no name or time, so the bytes depend only on the
// inputs.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	version := flag.String("version", "", "release version, as in the archive names (a git tag: v0.1.0)")
	mtime := flag.Int64("mtime", 0, "modification time of every entry, in seconds since 1970 (the commit's time)")
	bin := flag.String("bin", "", "folder of GOOS-GOARCH folders holding the binaries")
	out := flag.String("out", "dist", "folder to write the archives and SHA256SUMS into")
	flag.Parse()
	if *version == "" || *bin == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: dist -version V -mtime SECONDS -bin DIR [-out DIR] DOCUMENT...")
		os.Exit(2)
	}
	r := release{Version: *version, ModTime: time.Unix(*mtime, 0).UTC(), Documents: flag.Args()}
	names, err := r.Write(*bin, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
	for _, n := range names {
		fmt.Println(n)
	}
}
