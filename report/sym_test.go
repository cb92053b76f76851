package report

import (
	"encoding/json"
	"strconv"
	"sync"
	"testing"
)

// internAll interns each of names.
func internAll(names ...string) []Sym {
	ys := make([]Sym, len(names))
	for i, n := range names {
		ys[i] = Intern(n)
	}
	return ys
}

func TestSym(t *testing.T) {
	if Intern("") != 0 || Sym(0).String() != "" {
		t.Errorf("the empty name is not the zero Sym")
	}
	a, b := Intern("Acme"), Intern("acme")
	if a == b || a == 0 || b == 0 {
		t.Errorf("Intern(Acme) = %d, Intern(acme) = %d: want distinct, non-zero", a, b)
	}
	if Intern("Acme") != a || a.String() != "Acme" || b.String() != "acme" {
		t.Errorf("Intern is not stable: %d %q %q", Intern("Acme"), a, b)
	}
	js, err := json.Marshal(map[string]Sym{"region": Intern("East </script>")})
	if err != nil || string(js) != `{"region":"East \u003c/script\u003e"}` {
		t.Errorf("json = %s, %v", js, err)
	}
}

// TestSymConcurrent interns across chunk boundaries from several goroutines
// (run with -race): every name keeps one Sym and reads back.
func TestSymConcurrent(t *testing.T) {
	const n = 3 * symChunkSize
	got := make([][]Sym, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			got[g] = make([]Sym, n)
			for i := range n {
				got[g][i] = Intern("concurrent " + strconv.Itoa(i))
				if s := got[g][i].String(); s != "concurrent "+strconv.Itoa(i) {
					t.Errorf("Sym %d reads %q", got[g][i], s)
					return
				}
			}
		})
	}
	wg.Wait()
	for g := range got {
		for i := range n {
			if got[g][i] != got[0][i] {
				t.Fatalf("name %d: goroutine %d got Sym %d, goroutine 0 got %d", i, g, got[g][i], got[0][i])
			}
		}
	}
}

func TestSymIndex(t *testing.T) {
	var n symNumbers
	x, y := Intern("index x"), Intern("index y")
	if n.id(y) != 0 || n.id(x) != 1 || n.id(y) != 0 || len(n.syms) != 2 {
		t.Errorf("numbers: %v", n.syms)
	}
	if i, ok := n.get(Intern("index z")); ok || i != -1 {
		t.Errorf("get of a Sym never numbered = %d, %v", i, ok)
	}
}
