package config

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestEveryKeyInREADME checks that the README's configuration reference
// names every key of Config, as `key` or `parent.key`.
func TestEveryKeyInREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	keys := yamlKeys(reflect.TypeOf(Config{}), "")
	if len(keys) < 30 {
		t.Fatalf("only %d keys found: %v", len(keys), keys)
	}
	for _, key := range keys {
		if !strings.Contains(text, "`"+key+"`") {
			t.Errorf("README does not document the configuration key %s", key)
		}
	}
}

// yamlKeys lists the dotted keys of a struct type's yaml tags; list
// elements are written parent[].key.
func yamlKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		key := prefix + name
		ft := f.Type
		switch {
		case ft.Kind() == reflect.Struct && ft.PkgPath() == t.PkgPath():
			// A section: its keys are documented one by one.
			keys = append(keys, yamlKeys(ft, key+".")...)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && key == "inputs":
			keys = append(keys, key)
			keys = append(keys, yamlKeys(ft.Elem(), key+"[].")...)
		default:
			// previous is documented as "a path or list like inputs";
			// targets.inline's fields in its one row.
			keys = append(keys, key)
		}
	}
	return keys
}
