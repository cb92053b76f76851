package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// maxLine bounds one line of CSV text (a quoted field may span lines; each
// is bounded): the same bound as one row of a worksheet's XML.
const maxLine = 128 << 20

// textDecoder passes CSV text on to the parser line by line, checking the
// whole file as it goes, not only its start: a line of valid UTF-8 passes
// as it is, any other line is decoded from Windows-1252 (what Excel's "CSV
// (Comma delimited)" writes), so that a "Müller" saved that way far down
// the file reads as the "Müller" above it; CR-only line ends (old Mac
// exports) become LF; a NUL byte stops the reading with an error naming
// its line, since text does not hold one.
type textDecoder struct {
	r    *bufio.Reader
	end  byte   // the line end: '\n', or '\r' for CR-only text
	line int    // lines passed on so far
	out  []byte // text not yet read: a line as it is, or dec
	off  int
	long []byte // a line longer than r's buffer, put together
	dec  []byte // a line decoded from Windows-1252 or given an LF
	err  error

	// What was found: lines read as Windows-1252 and the first of them,
	// and lines of UTF-8 beyond ASCII.
	cp1252Lines, firstCP1252, utf8Lines int
}

// newTextDecoder decodes the text r holds; head is its start, where the
// line ends are looked for.
func newTextDecoder(r *bufio.Reader, head []byte) *textDecoder {
	d := &textDecoder{r: r, end: '\n'}
	if cr := bytes.IndexByte(head, '\r'); cr >= 0 && bytes.IndexByte(head, '\n') < 0 && cr+1 < len(head) {
		d.end = '\r'
	}
	return d
}

func (d *textDecoder) Read(p []byte) (int, error) {
	for d.off == len(d.out) {
		if d.err != nil {
			return 0, d.err
		}
		d.next()
	}
	n := copy(p, d.out[d.off:])
	d.off += n
	return n, nil
}

// next reads and decodes the next line into d.out, or sets d.err.
func (d *textDecoder) next() {
	d.out, d.off = nil, 0
	line, err := d.readLine()
	if len(line) > 0 {
		d.line++
		if bytes.IndexByte(line, 0) >= 0 {
			d.err = fmt.Errorf("line %d holds a NUL byte: binary data, not CSV text", d.line)
			return
		}
		d.out = d.decode(line)
	}
	d.err = err
}

// readLine returns the next line with its end (the last line may have
// none), and io.EOF after the last.
func (d *textDecoder) readLine() ([]byte, error) {
	line, err := d.r.ReadSlice(d.end)
	if !errors.Is(err, bufio.ErrBufferFull) {
		return line, err
	}
	d.long = append(d.long[:0], line...)
	for errors.Is(err, bufio.ErrBufferFull) {
		if len(d.long) > maxLine {
			return nil, fmt.Errorf("line %d is longer than %d MiB", d.line+1, maxLine>>20)
		}
		line, err = d.r.ReadSlice(d.end)
		d.long = append(d.long, line...)
	}
	return d.long, err
}

// decode returns a line as UTF-8 text ending in LF (when it ends).
func (d *textDecoder) decode(line []byte) []byte {
	ascii := isASCII(line)
	if ascii || utf8.Valid(line) {
		if !ascii {
			d.utf8Lines++
		}
		if d.end == '\n' || line[len(line)-1] != '\r' {
			return line
		}
		d.dec = append(append(d.dec[:0], line[:len(line)-1]...), '\n')
		return d.dec
	}
	d.cp1252Lines++
	if d.firstCP1252 == 0 {
		d.firstCP1252 = d.line
	}
	d.dec = d.dec[:0]
	for _, c := range line {
		switch {
		case c == '\r' && d.end == '\r':
			d.dec = append(d.dec, '\n')
		case c < utf8.RuneSelf:
			d.dec = append(d.dec, c)
		default:
			d.dec = utf8.AppendRune(d.dec, charmap.Windows1252.DecodeByte(c))
		}
	}
	return d.dec
}

// isASCII reports whether b holds only ASCII bytes.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// encodingWarning says how the text was decoded, "" when all of it was
// UTF-8 (or ASCII); line is where to point the warning, 0 for the file.
func (d *textDecoder) encodingWarning() (msg string, line int) {
	const advice = `read as Windows-1252 (Excel's "CSV (Comma delimited)"); save as "CSV UTF-8" to be sure of accented names`
	switch {
	case d.cp1252Lines == 0:
		return "", 0
	case d.utf8Lines == 0:
		return "is not UTF-8; " + advice, 0
	}
	return fmt.Sprintf("is UTF-8 but for %d lines that are not (the first here), %s", d.cp1252Lines, advice), d.firstCP1252
}
