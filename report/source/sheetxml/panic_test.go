package sheetxml

import (
	"io"
	"strings"
	"testing"
)

// panicReader panics on its first read, as a broken decompressor might.
type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("boom") }

// TestPipeReaderPanic: a panic in the inflating goroutine reaches the
// reader as an error instead of ending the process.
func TestPipeReaderPanic(t *testing.T) {
	p := newPipeReader(panicReader{})
	defer p.stop()
	_, err := io.ReadAll(p)
	if err == nil || !strings.Contains(err.Error(), "internal error in the workbook reader: boom") {
		t.Fatalf("error %v, want the panic as an error", err)
	}
	// The error stays.
	if _, err2 := p.Read(make([]byte, 1)); err2 != err {
		t.Errorf("second read: %v, want %v", err2, err)
	}
}
