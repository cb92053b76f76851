package slug

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	tests := []struct{ name, readable string }{
		{"West", "west"},
		{"West Coast", "west-coast"},
		{"  EMEA / North  ", "emea-north"},
		{"Zürich", "zurich"},
		{"Ｗｅｓｔ", "west"}, // full-width letters fold to ASCII
		{"../../etc/passwd", "etc-passwd"},
		{`C:\Windows\system32`, "c-windows-system32"},
		{"CON", "con"},
		{"nul.txt", "nul-txt"},
		{"</script><script>alert(1)</script>", "script-script-alert-1-script"},
		{`"><img src=x onerror=alert(1)>`, "img-src-x-onerror-alert-1"},
		{"__f__alert(1)__f__", "f-alert-1-f"},
		{"{{.}}", ""},
		{"", ""},
		{"..", ""},
		{"שלום", ""},           // right-to-left script has no readable part
		{"🚀 Rocket", "rocket"}, // emoji folds away
		{"Wеst", "w-st"},       // Cyrillic e, a lookalike
	}
	for _, tt := range tests {
		got := Make(tt.name)
		want := Hash(tt.name)
		if tt.readable != "" {
			want = tt.readable + "-" + want
		}
		if got != want {
			t.Errorf("Make(%q) = %q, want %q", tt.name, got, want)
		}
		checkSafe(t, tt.name, got)
	}
}

func TestMakeDistinguishesExactNames(t *testing.T) {
	names := []string{"West", "west", "WEST", "West ", " West", "Wést", "Wеst", "W-est", "W est"}
	seen := map[string]string{}
	for _, n := range names {
		s := Make(n)
		if prev, ok := seen[s]; ok {
			t.Errorf("Make(%q) = Make(%q) = %q", n, prev, s)
		}
		seen[s] = n
	}
}

func TestMakeIsStable(t *testing.T) {
	// The hash is part of the site's URLs: it must never change. The value is
	// the first 8 hex digits of `printf West | sha256sum`.
	if got, want := Make("West"), "west-"+"41a6741e"; got != want {
		t.Errorf("Make(West) = %q, want %q", got, want)
	}
}

func TestMakeBoundsLength(t *testing.T) {
	long := strings.Repeat("Very Long Account Name ", 50)
	s := Make(long)
	if len(s) > MaxLen {
		t.Errorf("len(Make(long)) = %d, want <= %d", len(s), MaxLen)
	}
	checkSafe(t, long, s)
	one := strings.Repeat("a", 1000)
	if s := Make(one); len(s) != MaxLen {
		t.Errorf("len(Make(a*1000)) = %d, want %d", len(s), MaxLen)
	}
}

var safeSlug = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*-)?[0-9a-f]{8}$`)

// reserved lists Windows device names, which are reserved with any extension.
var reserved = []string{"con", "prn", "aux", "nul",
	"com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
	"lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"}

// checkSafe fails the test when s is not a file name safe on every OS.
func checkSafe(t *testing.T, name, s string) {
	t.Helper()
	if !safeSlug.MatchString(s) {
		t.Errorf("Make(%q) = %q: not of the form readable-hash", name, s)
	}
	if s == "" || s == "." || s == ".." || len(s) > MaxLen || !utf8.ValidString(s) {
		t.Errorf("Make(%q) = %q: unsafe", name, s)
	}
	base := s
	if i := strings.IndexByte(s, '.'); i >= 0 {
		base = s[:i]
	}
	for _, r := range reserved {
		if base == r {
			t.Errorf("Make(%q) = %q: reserved device name", name, s)
		}
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"", "West", "..", "CON", "../../etc/passwd", "</script>",
		"__f__x__f__", "{{.}}", "Zürich", "שלום", "🚀", "Wеst", "\x00\xff", strings.Repeat("ab ", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := Make(name)
		checkSafe(t, name, s)
		if Make(name) != s {
			t.Fatalf("Make(%q) not deterministic", name)
		}
		if !strings.HasSuffix(s, Hash(name)) {
			t.Fatalf("Make(%q) = %q lacks the hash suffix", name, s)
		}
	})
}
