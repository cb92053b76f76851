// Command licenses writes THIRD_PARTY_LICENSES.md: the licence of every
// piece of third-party code in the salesreview binary, with its text. That
// is the ECharts build embedded from templates/assets/ (and what it
// bundles: zrender, tslib, parts of d3), the Go standard library, and each
// Go module the binary links on any of the release platforms (`go list
// -deps` per platform, since some modules are linked on one system only).
//
//	go run ./scripts/licenses > THIRD_PARTY_LICENSES.md   (make licenses)
//
// A licence it cannot recognise is an error, so that a new dependency is
// looked at by a person. TestCurrent fails when the committed file is stale.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// platforms are the GOOS/GOARCH pairs `make dist` builds.
var platforms = []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"}

// component is one piece of third-party code and its licence texts.
type component struct {
	name, version, licence, holds string
	texts                         []licenceText
}

// licenceText is one licence or notice file.
type licenceText struct{ file, text string }

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	doc, err := document(root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "licenses:", err)
		os.Exit(1)
	}
	os.Stdout.Write(doc)
}

// document builds THIRD_PARTY_LICENSES.md for the module in root.
func document(root string) ([]byte, error) {
	js, err := echarts(filepath.Join(root, "templates", "assets"))
	if err != nil {
		return nil, err
	}
	std, err := goStd()
	if err != nil {
		return nil, err
	}
	mods, err := goModules(root)
	if err != nil {
		return nil, err
	}
	return render(append(append(js, std), mods...)), nil
}

// echarts describes the committed ECharts build and what it bundles.
func echarts(assets string) ([]component, error) {
	min, err := os.ReadFile(filepath.Join(assets, "echarts.min.js"))
	if err != nil {
		return nil, err
	}
	m := regexp.MustCompile(`version="(\d+\.\d+\.\d+)"`).FindSubmatch(min)
	if m == nil {
		return nil, fmt.Errorf("%s/echarts.min.js does not say its version", assets)
	}
	bundled, in := "bundled in templates/assets/echarts.min.js", "that of ECharts "+string(m[1])
	cs := []component{
		{name: "Apache ECharts", version: string(m[1]), holds: "templates/assets/echarts.min.js, copied into every site"},
		{name: "zrender", version: in, holds: bundled}, {name: "tslib", version: in, holds: bundled},
		{name: "d3 (parts)", version: in, holds: bundled},
	}
	files := [][]string{{"echarts.LICENSE", "echarts.NOTICE"}, {"echarts.LICENSE-zrender"}, {"echarts.LICENSE-tslib"}, {"echarts.LICENSE-d3"}}
	for i, names := range files {
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(assets, n))
			if err != nil {
				return nil, err
			}
			cs[i].texts = append(cs[i].texts, licenceText{file: "templates/assets/" + n, text: string(b)})
		}
		if cs[i].licence, err = classify(cs[i].texts[0].text); err != nil {
			return nil, fmt.Errorf("%s: %w", names[0], err)
		}
	}
	return cs, nil
}

// goStd describes the Go standard library and runtime, from GOROOT.
func goStd() (component, error) {
	goroot, err := goCommand(".", nil, "env", "GOROOT")
	if err != nil {
		return component{}, err
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(goroot), "LICENSE"))
	if err != nil {
		return component{}, err
	}
	c := component{name: "Go standard library and runtime", version: "the Go release it is built with",
		holds: "linked", texts: []licenceText{{file: "$GOROOT/LICENSE", text: string(b)}}}
	c.licence, err = classify(string(b))
	return c, err
}

// goModules describes every module the binary links on some platform.
func goModules(root string) ([]component, error) {
	lists, err := listModules(root)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var cs []component
	for i, out := range lists {
		goos, _, _ := strings.Cut(platforms[i], "/")
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			f := strings.Split(line, "\t")
			if len(f) != 3 || seen[f[0]] {
				continue
			}
			seen[f[0]] = true
			c, err := goModule(f[0], f[1], f[2])
			if err != nil {
				return nil, err
			}
			if goos != "linux" {
				c.holds = "linked on " + goos
			}
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	return cs, nil
}

// listModules lists the modules linked on each platform ("path\tversion\tdir"
// lines), running the go commands at once.
func listModules(root string) ([]string, error) {
	lists := make([]string, len(platforms))
	errs := make([]error, len(platforms))
	var wg sync.WaitGroup
	for i, p := range platforms {
		goos, goarch, _ := strings.Cut(p, "/")
		wg.Go(func() {
			lists[i], errs[i] = goCommand(root, []string{"GOOS=" + goos, "GOARCH=" + goarch, "CGO_ENABLED=0"},
				"list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Version}}\t{{.Dir}}{{end}}{{end}}", ".")
		})
	}
	wg.Wait()
	return lists, errors.Join(errs...)
}

// goModule reads the licence and notice files at a module's root.
func goModule(path, version, dir string) (component, error) {
	c := component{name: path, version: version, holds: "linked"}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return c, err
	}
	var licences []string
	for _, e := range entries {
		upper := strings.ToUpper(e.Name())
		if e.IsDir() || !(strings.HasPrefix(upper, "LICEN") || strings.HasPrefix(upper, "COPYING") || strings.HasPrefix(upper, "NOTICE")) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return c, err
		}
		c.texts = append(c.texts, licenceText{file: e.Name(), text: string(b)})
		if !strings.HasPrefix(upper, "NOTICE") {
			l, err := classify(string(b))
			if err != nil {
				return c, fmt.Errorf("%s %s: %s: %w", path, version, e.Name(), err)
			}
			licences = append(licences, l)
		}
	}
	if len(licences) == 0 {
		return c, fmt.Errorf("%s %s: no licence file in %s", path, version, dir)
	}
	c.licence = strings.Join(licences, ", ")
	return c, nil
}

// classify names the licences a text holds (a file may hold several, as
// klauspost/compress's does).
func classify(text string) (string, error) {
	t := strings.Join(strings.Fields(text), " ")
	var found []string
	if strings.Contains(t, "Apache License") && strings.Contains(t, "Version 2.0") {
		found = append(found, "Apache-2.0")
	}
	if strings.Contains(t, "Permission is hereby granted, free of charge") {
		found = append(found, "MIT")
	}
	if strings.Contains(t, "Redistribution and use in source and binary forms") {
		if strings.Contains(t, "Neither the name") || strings.Contains(t, "may be used to endorse") {
			found = append(found, "BSD-3-Clause")
		} else {
			found = append(found, "BSD-2-Clause")
		}
	}
	if strings.Contains(t, "Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted") {
		found = append(found, "0BSD")
	}
	if len(found) == 0 {
		return "", fmt.Errorf("licence not recognised: look at it and teach scripts/licenses")
	}
	return strings.Join(found, " and "), nil
}

// goCommand runs the go command in dir with extra environment variables.
func goCommand(dir string, env []string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out), nil
}

// render writes the document: the table, then each component's texts.
func render(cs []component) []byte {
	var b bytes.Buffer
	b.WriteString(`# Third-party licences

Written by ` + "`make licenses`" + ` (scripts/licenses); do not edit by hand. salesreview itself is
licensed under the Apache License 2.0 (LICENSE, NOTICE). Its binary holds the third-party code
below: the ECharts build it embeds and copies into every site, the Go standard library, and the
Go modules it links on the release platforms (` + strings.Join(platforms, ", ") + `).
The test tools (chromedp, testscript, staticcheck) are not part of the binary and are not listed.

| component | version | licence | in the binary |
| --- | --- | --- | --- |
`)
	for _, c := range cs {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.name, c.version, c.licence, c.holds)
	}
	for _, c := range cs {
		title := c.name
		if c.version != "" && !strings.Contains(c.version, " ") {
			title += " " + c.version
		}
		fmt.Fprintf(&b, "\n## %s\n", title)
		for _, t := range c.texts {
			fmt.Fprintf(&b, "\n%s:\n\n```text\n%s\n```\n", t.file, strings.TrimRight(t.text, "\n "))
		}
	}
	return b.Bytes()
}
