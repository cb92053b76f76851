package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCurrent regenerates THIRD_PARTY_LICENSES.md and wants the committed
// file: a new or updated dependency, or a new ECharts, needs `make licenses`.
func TestCurrent(t *testing.T) {
	root := filepath.Join("..", "..")
	want, err := os.ReadFile(filepath.Join(root, "THIRD_PARTY_LICENSES.md"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := document(root)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("THIRD_PARTY_LICENSES.md is stale: run `make licenses` and commit it (it has %d bytes, the dependencies give %d)",
			len(want), len(got))
	}
}

// TestClassify checks the licence names on the texts the dependencies carry.
func TestClassify(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Apache License\n Version 2.0, January 2004", "Apache-2.0"},
		{"Permission is hereby granted, free of charge, to any person", "MIT"},
		{"Redistribution and use in source and binary forms ...\n* Neither the name of Google", "BSD-3-Clause"},
		{"Redistribution and use in source and binary forms ... may be used to endorse", "BSD-3-Clause"},
		{"Redistribution and use in source and binary forms, with or without modification", "BSD-2-Clause"},
		{"Permission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted.", "0BSD"},
		{"MIT: Permission is hereby granted, free of charge ... Apache License Version 2.0", "Apache-2.0 and MIT"},
	}
	for _, tt := range tests {
		if got, err := classify(tt.text); err != nil || got != tt.want {
			t.Errorf("classify(%q) = %q, %v; want %q", tt.text, got, err, tt.want)
		}
	}
	if _, err := classify("All rights reserved."); err == nil || !strings.Contains(err.Error(), "not recognised") {
		t.Errorf("an unknown licence gave %v, want an error", err)
	}
}
