package site

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/salesreview/salesreview/report"
	"github.com/salesreview/salesreview/report/testsuite/pagecheck"
)

// writeNotes writes files into a fresh folder and returns it.
func writeNotes(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCommentaryPlaceholders(t *testing.T) {
	rev := fixtureReview(false)
	dir := writeNotes(t, map[string]string{
		"a-overview.md": "---\npage: overview\nperiod: FY2026-Q3\n---\n" +
			"Bookings {{ bookings }}; West {{ bookings \"West\" }} ({{ growth \"West\" \"qoq\" }} on {{previous_period}}, {{ growth \"yoy\" }} overall yoy).\n\n" +
			"Win rate {{ winrate }}, East attainment {{ attainment \"East\" }}, Unassigned attainment {{ attainment \"Unassigned\" }}.\n\n" +
			"Coverage West {{ coverage \"West\" }}, East {{ coverage \"East\" }} against {{ required_coverage \"East\" }}.\n",
		"b-west.md": "---\nregion: West\n---\n# West\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A footnote.\n\n<script>alert(1)</script>\n\n[r](revenue.html#top) [f](#note)\n",
	})
	notes, warns, err := LoadCommentary(dir, rev)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns)
	}
	if len(notes) != 2 {
		t.Fatalf("%d notes", len(notes))
	}
	ov := string(notes[0].HTML)
	// Worked out from the fixture: total bookings 3000 x (10+6) = 48,000;
	// West scale 1000 -> 16,000; West QoQ 16/15 - 1 = +6.7%; total YoY
	// 16/12 - 1 = +33.3%; win rate 8/9 = 88.9%; East attainment 16/12 =
	// 133.3%; Unassigned attainment undefined; West target met; East 2.5x
	// against 2.0x.
	for _, want := range []string{"Bookings 48,000 USD; West 16,000 USD (+6.7% on FY2026-Q2, +33.3% overall yoy)",
		"Win rate 88.9%, East attainment 133.3%, Unassigned attainment n/a", "Coverage West target met, East 2.5x against 2.0x"} {
		if !strings.Contains(ov, want) {
			t.Errorf("overview note lacks %q:\n%s", want, ov)
		}
	}
	if notes[0].Page != "overview" || notes[1].Page != "region" || notes[1].Region != "West" {
		t.Errorf("placement: %+v %+v", notes[0], notes[1])
	}
	w := string(notes[1].HTML)
	for _, want := range []string{"<table>", "<td>1</td>", `id="note-`, "A footnote", "<!-- raw HTML omitted -->"} {
		if !strings.Contains(w, want) {
			t.Errorf("region note lacks %q:\n%s", want, w)
		}
	}
	if strings.Contains(w, "<script") || strings.Contains(w, "javascript:") {
		t.Errorf("unsafe HTML passed:\n%s", w)
	}
	// The notes reach their pages.
	site := render(t, rev, Options{Commentary: notes})
	if !strings.Contains(string(site["index.html"]), "Bookings 48,000 USD; West") {
		t.Error("overview note not on the overview")
	}
	for p, d := range site {
		if strings.HasSuffix(p, ".html") {
			for _, bad := range pagecheck.Problems(p, d, pagecheck.Options{}) {
				t.Errorf("%s: %s", p, bad)
			}
		}
	}
}

func TestCommentaryErrors(t *testing.T) {
	rev := fixtureReview(false)
	tests := []struct {
		name, text, want string
	}{
		{"unknown.md", "line one\n\nsee {{ revenue }}\n", `unknown.md: row 3: unknown placeholder "revenue"`},
		{"region.md", "---\npage: overview\n---\nok\n{{ bookings \"North\" }}\n", `region.md: row 5: unknown region "North" in {{ bookings "North" }}`},
		{"image.md", "---\npage: revenue\n---\n\ntext\n\n![chart](https://example.com/x.png)\n", `image.md: row 7: image "https://example.com/x.png" refused`},
		{"proto.md", "![x](//evil.example/x.png)\n", `proto.md: row 1: image "//evil.example/x.png" refused`},
		{"search.md", "---\npage: overview\n---\n\n[find](search-ms:query=x)\n", `search.md: row 5: link "search-ms:query=x" refused`},
		{"msdt.md", "ok\n<ms-msdt:/id>\n", `msdt.md: row 2: link "ms-msdt:/id" refused`},
		{"js.md", "[x](javascript:alert(1))\n", `js.md: row 1: link "javascript:alert(1)" refused`},
		{"file.md", "[x](FILE:///etc/passwd)\n", `file.md: row 1: link "FILE:///etc/passwd" refused`},
		{"ref.md", "[x][r]\n\n[r]: smb://host/share\n", `ref.md: row 3: link "smb://host/share" refused`},
		{"unc.md", "[x](//host/share)\n", `unc.md: row 1: link "//host/share" refused`},
		// Character references are decoded before the check, as the browser
		// reads the rendered href (issue 14, item 4).
		{"hex.md", "x\n[x](search-ms&#x3a;query=x)\n", `hex.md: row 2: link "search-ms&#x3a;query=x" (read as "search-ms:query=x") refused`},
		{"dec.md", "[x](vscode&#58;//file/etc/passwd)\n", `dec.md: row 1: link "vscode&#58;//file/etc/passwd" (read as "vscode://file/etc/passwd") refused`},
		{"slashes.md", "[x](&#47;&#47;host/share)\n", `slashes.md: row 1: link "&#47;&#47;host/share" (read as "//host/share") refused`},
		{"root.md", "[x](&#x2F;etc/passwd)\n", `root.md: row 1: link "&#x2F;etc/passwd" (read as "/etc/passwd") refused`},
		{"refdef.md", "[x][r]\n\n[r]: smb&#58;//host/share\n", `refdef.md: row 3: link "smb&#58;//host/share" (read as "smb://host/share") refused`},
		{"colon.md", "[x](ms-msdt&colon;/id)\n", `colon.md: row 1: link "ms-msdt&colon;/id" (read as "ms-msdt:/id") refused`},
		{"escaped.md", "[x](search-ms\\:query)\n", `escaped.md: row 1: link "search-ms\\:query" (read as "search-ms:query") refused`},
		{"imgroot.md", "![x](&#x2F;etc/passwd)\n", `imgroot.md: row 1: image "&#x2F;etc/passwd" (read as "/etc/passwd") refused`},
		{"imgremote.md", "![x](https&#58;//evil.example/x.png)\n", `imgremote.md: row 1: image "https&#58;//evil.example/x.png" (read as "https://evil.example/x.png") refused`},
		{"fm.md", "---\npage: nowhere\n---\n", `fm.md: row 1: front matter: unknown page "nowhere"`},
		{"field.md", "---\npgae: overview\n---\n", `field.md: row 2: front matter: line 1: field pgae not found`},
		{"open.md", "---\npage: overview\n", `open.md: row 1: front matter is not closed`},
		{"brace.md", "a {{ bookings\n}}\n", `brace.md: row 1: unbalanced`},
		{"args.md", "{{ growth \"West\" \"mom\" }}\n", `growth kind "mom"`},
		{"tmpl.md", "{{ .Secret }}\n", `unknown placeholder`},
		// text/template runs the placeholders; nothing else of its language passes.
		{"pipe.md", "{{ bookings | printf \"%s\" }}\n", `pipe.md: row 1: unknown placeholder "bookings | printf \"%s\""`},
		{"var.md", "{{ $x := bookings }}\n", `var.md: row 1: unknown placeholder "$x := bookings"`},
		{"builtin.md", "{{ printf \"%s\" \"x\" }}\n", `builtin.md: row 1: unknown placeholder "printf"`},
		{"call.md", "{{ call .F }}\n", `call.md: row 1: unknown placeholder "call"`},
		{"if.md", "{{ if true }}x{{ end }}\n", `if.md: row 1: unknown placeholder (known: bookings, growth`},
		{"define.md", "{{ define \"x\" }}y{{ end }}\n", `define.md: row 1: {{define}} and {{block}} are not placeholders`},
		{"comment.md", "{{/* note */}}\n", `comment.md: row 1: unknown placeholder (known: bookings`},
		{"trim.md", "a {{- bookings -}} b\n", `trim.md: row 1: unknown placeholder "- bookings -"`},
		{"raw.md", "{{ bookings `West` }}\n", "raw.md: row 1: argument `West` must be in double quotes"},
		{"bare.md", "{{ bookings West }}\n", `bare.md: row 1: argument West must be in double quotes`},
		{"quoted.md", "{{ \"bookings\" }}\n", `quoted.md: row 1: a placeholder starts with a name`},
		{"noargs.md", "{{ period \"x\" }}\n", `noargs.md: row 1: period takes no arguments in {{ period "x" }}`},
		{"twoargs.md", "{{ bookings \"West\" \"East\" }}\n", `twoargs.md: row 1: bookings takes at most one argument, a region`},
		{"quote.md", "x\n{{ bookings \"West }}\n", `quote.md: row 2: placeholder cannot be read: unterminated quoted string in {{ bookings "West }}`},
		{"stray.md", "a }} b\n", `stray.md: row 1: unbalanced`},
	}
	for _, tt := range tests {
		dir := writeNotes(t, map[string]string{tt.name: tt.text})
		_, _, err := LoadCommentary(dir, rev)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if err != nil && !strings.Contains(err.Error(), filepath.Join(dir, tt.name)) {
			t.Errorf("%s: error does not name the file: %v", tt.name, err)
		}
	}
	big := writeNotes(t, map[string]string{"big.md": strings.Repeat("x", MaxCommentaryBytes+1)})
	if _, _, err := LoadCommentary(big, rev); err == nil || !strings.Contains(err.Error(), "big.md") || !strings.Contains(err.Error(), "limit") {
		t.Errorf("big file: %v", err)
	}
}

func TestCommentaryWarnings(t *testing.T) {
	rev := fixtureReview(false)
	dir := writeNotes(t, map[string]string{
		"gone.md": "---\nregion: North\n---\nx\n",
		"old.md":  "---\nperiod: FY2020-Q1\n---\nx\n",
		"prev.md": "---\nperiod: FY2026-Q2\n---\nx\n",
		"ok.md":   "plain\n",
	})
	notes, warns, err := LoadCommentary(dir, rev)
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	for _, w := range warns {
		if w.Severity != report.Warning {
			t.Errorf("not a warning: %v", w)
		}
		ws = append(ws, w.Error())
	}
	all := strings.Join(ws, "\n")
	for _, want := range []string{`gone.md: row 1: region "North" is not in the data`, `old.md: row 1: period "FY2020-Q1" is not in the data`,
		`prev.md: row 1: period "FY2026-Q2" is not the review period FY2026-Q3`} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if len(notes) != 1 { // ok.md
		t.Errorf("%d notes shown, want 1", len(notes))
	}
}

// TestPlaceholdersDocumented checks that the README's Commentary section
// lists every placeholder and only placeholders that exist.
func TestPlaceholdersDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## Commentary\n")
	section, _, _ = strings.Cut(section, "\n## ")
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile(`\{\{ ([a-z_]+)`).FindAllStringSubmatch(section, -1) {
		documented[m[1]] = true
	}
	funcs := newPlaceholders(fixtureReview(false)).funcs
	for name := range funcs {
		if !documented[name] {
			t.Errorf("placeholder %s is not in the README's Commentary section", name)
		}
	}
	for name := range documented {
		if funcs[name] == nil {
			t.Errorf("the README documents {{ %s }}, which is not a placeholder", name)
		}
	}
}

// TestLinkAllowed: http, https, mailto and relative links pass; any other
// scheme, read as browsers read it, is refused.
func TestLinkAllowed(t *testing.T) {
	for _, ok := range []string{"https://crm.example/x", "HTTP://a", "mailto:a@example.com", "revenue.html", "#top",
		"?q=1", "../x.html", "a b:c", "java%73cript:x"} {
		if !linkAllowed(ok) {
			t.Errorf("linkAllowed(%q) = false, want true", ok)
		}
	}
	for _, bad := range []string{"javascript:alert(1)", " JaVa\tScript:x", "\x01vbscript:x", "search-ms:query=x", "ms-msdt:/id",
		"file:///etc/passwd", "data:text/html,x", "smb://h/s", "//host/share", `\\host\share`, `/\host`, "/abs/path", "/", "tel:123", "x-foo+bar.baz:1"} {
		if linkAllowed(bad) {
			t.Errorf("linkAllowed(%q) = true, want false", bad)
		}
	}
}

// TestCommentaryImages: a note's local image is embedded as a data: URL;
// one that is missing, outside the folder (by path or symbolic link), too
// large or not a raster image is an error naming the file and line.
func TestCommentaryImages(t *testing.T) {
	rev := fixtureReview(false)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	dir := writeNotes(t, map[string]string{"pic.md": "Our funnel:\n\n![funnel](img/funnel%20q3.png)\n"})
	if err := os.MkdirAll(filepath.Join(dir, "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "img", "funnel q3.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	notes, _, err := LoadCommentary(dir, rev)
	if err != nil {
		t.Fatal(err)
	}
	want := `<img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(png) + `" alt="funnel">`
	if len(notes) != 1 || !strings.Contains(string(notes[0].HTML), want) {
		t.Errorf("notes %+v\nwant %s", notes, want)
	}

	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text, want string
		setup            func(dir string)
	}{
		{"missing.md", "x\n\n![a](nope.png)\n", `missing.md: row 3: image "nope.png" is not in the commentary folder`, nil},
		{"up.md", "![a](../secret.png)\n", `up.md: row 1: image "../secret.png" is outside the commentary folder`, nil},
		{"link.md", "![a](sneaky.png)\n", `link.md: row 1: image "sneaky.png" is outside the commentary folder (through a symbolic link)`, func(dir string) {
			if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(dir, "sneaky.png")); err != nil {
				t.Skip("no symbolic links here: ", err)
			}
		}},
		{"text.md", "![a](notes.txt)\n", `text.md: row 1: image "notes.txt" is not a PNG, JPEG, GIF or WebP image`, func(dir string) {
			os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("<script>alert(1)</script>"), 0o644)
		}},
		{"svg.md", "![a](x.svg)\n", `svg.md: row 1: image "x.svg" is not a PNG, JPEG, GIF or WebP image`, func(dir string) {
			os.WriteFile(filepath.Join(dir, "x.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 0o644)
		}},
		{"big.md", "![a](big.png)\n", `big.md: row 1: image "big.png" is larger than the limit of 2 MiB`, func(dir string) {
			os.WriteFile(filepath.Join(dir, "big.png"), append(png, make([]byte, MaxCommentaryImageBytes)...), 0o644)
		}},
		{"folder.md", "![a](img)\n", `folder.md: row 1: image "img" is not a file`, func(dir string) {
			os.Mkdir(filepath.Join(dir, "img"), 0o755)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeNotes(t, map[string]string{tt.name: tt.text})
			if tt.setup != nil {
				tt.setup(dir)
			}
			_, _, err := LoadCommentary(dir, rev)
			if err == nil || !strings.Contains(err.Error(), dir+string(filepath.Separator)+tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestCommentaryShapeBounds: the shapes of Markdown whose parsing grows
// faster than their size are bounded (issue 14, item 11): past a bound, the
// file is refused with its line before goldmark parses it. The time it
// takes within the bounds is in report/testsuite/safety
// BenchmarkCommentaryWorst.
func TestCommentaryShapeBounds(t *testing.T) {
	rev := fixtureReview(false)
	deep := strings.Repeat(">", MaxCommentaryNesting)
	tests := []struct{ name, text, want string }{
		{"quotes.md", "ok\n" + deep + "> x\n", "quotes.md: row 2: 17 block quotes and list items open on one line, more than the limit of 16"},
		{"oneline.md", strings.Repeat(">", 250<<10) + "x\n", "oneline.md: row 1: a line of 256001 bytes, longer than the limit of 4 KiB"},
		{"lists.md", strings.Repeat("- ", MaxCommentaryNesting+1) + "x\n", "lists.md: row 1: 17 block quotes"},
		{"mixed.md", strings.Repeat("> 1. ", 9) + "x\n", "mixed.md: row 1: 18 block quotes"},
		{"indent.md", "- a\n" + strings.Repeat(" ", 2*MaxCommentaryNesting) + "- b\n", "indent.md: row 2: 17 block quotes"},
		{"tabs.md", "- a\n" + strings.Repeat("\t", 8) + "> b\n", "tabs.md: row 2: 17 block quotes"},
		{"line.md", "a\n\n" + strings.Repeat("[a](", MaxCommentaryLine/4+1) + "\n", "line.md: row 3: a line of 4100 bytes, longer than the limit of 4 KiB"},
		{"table.md", "|" + strings.Repeat("a|", 100) + "\n|" + strings.Repeat("-|", 100) + "\n" + strings.Repeat("|\n", 199),
			"table.md: row 201: tables of more than 20000 cells"},
		{"refs.md", strings.Repeat("[a]: b\n", MaxCommentaryReferences+1), "refs.md: row 1001: more than 1000 link reference definitions"},
		{"front.md", "---\npage: revenue\n---\n" + deep + "> x\n", "front.md: row 4: 17 block quotes"},
	}
	for _, tt := range tests {
		dir := writeNotes(t, map[string]string{tt.name: tt.text})
		_, _, err := LoadCommentary(dir, rev)
		if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, tt.want)) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	// At the bounds, and in shapes that only look alike, a note is fine.
	ok := writeNotes(t, map[string]string{
		"deep.md":    deep + " x\n\n" + strings.Repeat("- ", MaxCommentaryNesting) + "x\n\n" + strings.Repeat(" ", 2*MaxCommentaryNesting-2) + "- y\n",
		"break.md":   "a\n\n- - -\n\n* * *\n\n" + strings.Repeat("x", MaxCommentaryLine) + "\n",
		"table.md":   "|" + strings.Repeat("a|", 100) + "\n|" + strings.Repeat("-|", 100) + "\n" + strings.Repeat("|\n", 98) + "\nafter the table\n",
		"code.md":    "    indented code, not a list\n\n**bold** *list*? 1.5 is not a list\n",
		"refs.md":    strings.Repeat("[a]: b\n", MaxCommentaryReferences) + "[^n]: a footnote\n",
		"numbers.md": "1234567890. is not a list marker (more than nine digits)\n",
	})
	if _, _, err := LoadCommentary(ok, rev); err != nil {
		t.Errorf("notes within the bounds refused: %v", err)
	}
}

// TestCommentaryFolderTotal: a folder's Markdown is bounded in all.
func TestCommentaryFolderTotal(t *testing.T) {
	files := map[string]string{}
	for i := 0; i*(MaxCommentaryBytes-1) <= MaxCommentaryTotal; i++ {
		files[fmt.Sprintf("n%d.md", i)] = strings.Repeat("words and more words\n", (MaxCommentaryBytes-1)/21)
	}
	dir := writeNotes(t, files)
	_, _, err := LoadCommentary(dir, fixtureReview(false))
	if err == nil || !strings.Contains(err.Error(), "more than 1 MiB of Markdown in all with n4.md") || !strings.Contains(err.Error(), dir) {
		t.Errorf("err = %v", err)
	}
}

// TestContainers counts the containers a line opens.
func TestContainers(t *testing.T) {
	for line, want := range map[string]int{
		"x": 0, "> x": 1, ">>> x": 3, "> > - 1. x": 4, "- ": 1, "-": 1, "-x": 0, "* * *": 3, "**bold**": 0,
		"1. x": 1, "1) x": 1, "1.x": 0, "123456789. x": 1, "1234567890. x": 0, "    - x": 3, "\t> x": 3,
		"  text": 0, "": 0, "+ x": 1, "12 apples": 0,
	} {
		if got, _ := containers([]byte(line)); got != want {
			t.Errorf("containers(%q) = %d, want %d", line, got, want)
		}
	}
	for line, want := range map[string]int{"|-|": 1, "| --- | :-: |": 2, "-|-": 2, "|a|": 0, "---": 0, "| - | x |": 0} {
		if got := delimiterColumns([]byte(line)); got != want {
			t.Errorf("delimiterColumns(%q) = %d, want %d", line, got, want)
		}
	}
}
