package sheetxml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"
)

const (
	// startBuf is the scanner's initial window; it grows (doubling) only
	// when one unit (a row, a shared string) does not fit.
	startBuf = 256 << 10
	// maxUnit bounds one row or one shared string item in bytes of XML.
	maxUnit = 128 << 20
)

// errShort says that the window ends inside the unit being parsed: the
// caller reads more and parses the unit again from its start.
var errShort = errors.New("sheetxml: unit continues past the window")

// errTooLarge is returned by more when one unit exceeds maxUnit.
var errTooLarge = fmt.Errorf("one element is larger than %d MiB", maxUnit>>20)

// syntaxError is an XML error found by the scanner; the caller adds the part
// and position.
type syntaxError struct {
	msg  string
	kind Kind
}

func (e *syntaxError) Error() string { return e.msg }

func synErr(format string, args ...any) error {
	return &syntaxError{msg: fmt.Sprintf(format, args...)}
}

// kindErr is a syntaxError of another kind than KindXML.
func kindErr(kind Kind, format string, args ...any) error {
	return &syntaxError{msg: fmt.Sprintf(format, args...), kind: kind}
}

// attr is one attribute of the last start tag: slices into the window, val
// still escaped.
type attr struct{ name, val []byte }

// scanner is a window over a decompressed XML stream. Units are parsed from
// pos on buf[:end]; a unit that runs past end returns errShort, and the
// caller calls more and parses it again.
type scanner struct {
	r     io.Reader
	buf   []byte
	pos   int
	end   int
	eof   bool
	rerr  error
	attrs []attr
}

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, startBuf), attrs: make([]attr, 0, 8)}
}

// more discards buf[:pos] and reads at least one more byte. It returns
// io.ErrUnexpectedEOF when the stream has ended, errTooLarge when the unit
// at pos cannot fit, or the reader's error.
func (s *scanner) more() error {
	if s.rerr != nil {
		return s.rerr
	}
	if s.eof {
		return io.ErrUnexpectedEOF
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxUnit {
			return errTooLarge
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for tries := 0; ; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			if n > 0 {
				return nil
			}
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			s.rerr = err
			return err
		}
		if n > 0 {
			return nil
		}
		if tries > 100 {
			s.rerr = io.ErrNoProgress
			return s.rerr
		}
	}
}

// drain reads the rest of the stream, so that the zip reader checks the
// entry's size and CRC-32 and reports a corrupt entry.
func (s *scanner) drain() error {
	if s.rerr != nil {
		return s.rerr
	}
	if s.eof {
		return nil
	}
	_, err := io.Copy(io.Discard, s.r)
	s.eof = true
	return err
}

var nameByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == ':' || c == '-' || c == '.' || c >= 0x80
	}
	return
}()

// indexFrom returns the index of the first c in b at or after i, or -1. It
// looks at the next bytes itself: the markup it scans for is usually close,
// where a call to bytes.IndexByte costs more than it saves.
func indexFrom(b []byte, i int, c byte) int {
	end := min(len(b), i+16)
	for j := i; j < end; j++ {
		if b[j] == c {
			return j
		}
	}
	if end == len(b) {
		return -1
	}
	if k := bytes.IndexByte(b[end:], c); k >= 0 {
		return end + k
	}
	return -1
}

// indexRel is indexFrom relative to i.
func indexRel(b []byte, i int, c byte) int {
	if k := indexFrom(b, i, c); k >= 0 {
		return k - i
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func scanName(b []byte, i int) int {
	for i < len(b) && nameByte[b[i]] {
		i++
	}
	return i
}

// local returns the local part of a qualified name.
func local(name []byte) []byte {
	if k := bytes.LastIndexByte(name, ':'); k >= 0 {
		return name[k+1:]
	}
	return name
}

// markup kinds found at a '<'.
const (
	mkStart = iota
	mkEnd
	mkComment
	mkPI
	mkCDATA
)

// classify says what markup starts at b[i] == '<', refusing DTDs and entity
// declarations.
func classify(b []byte, i int) (int, error) {
	if i+1 >= len(b) {
		return 0, errShort
	}
	switch b[i+1] {
	case '/':
		return mkEnd, nil
	case '?':
		return mkPI, nil
	case '!':
		rest := b[i:]
		if len(rest) < 9 && (bytes.HasPrefix([]byte("<![CDATA["), rest) || bytes.HasPrefix([]byte("<!--"), rest)) {
			return 0, errShort
		}
		if bytes.HasPrefix(rest, []byte("<!--")) {
			return mkComment, nil
		}
		if bytes.HasPrefix(rest, []byte("<![CDATA[")) {
			return mkCDATA, nil
		}
		if len(rest) < 10 {
			return 0, errShort
		}
		return 0, synErr("document type or entity declaration %q refused", clip(rest, 20))
	}
	return mkStart, nil
}

// skipTo returns the index after the first occurrence of end in b[i:].
func skipTo(b []byte, i int, end string) (int, error) {
	k := bytes.Index(b[i:], []byte(end))
	if k < 0 {
		return 0, errShort
	}
	return i + k + len(end), nil
}

// startTag parses the start tag at b[i] == '<' into its name and s.attrs.
func (s *scanner) startTag(b []byte, i int) (name []byte, selfClose bool, next int, err error) {
	j := i + 1
	k := scanName(b, j)
	if k >= len(b) {
		return nil, false, 0, errShort
	}
	if k == j {
		return nil, false, 0, synErr("unexpected %q after <", clip(b[j:], 10))
	}
	name = b[j:k]
	s.attrs = s.attrs[:0]
	for {
		if k = skipSpace(b, k); k >= len(b) {
			return nil, false, 0, errShort
		}
		switch b[k] {
		case '>':
			return name, false, k + 1, nil
		case '/':
			if k+1 >= len(b) {
				return nil, false, 0, errShort
			}
			if b[k+1] != '>' {
				return nil, false, 0, synErr("expected /> in <%s>", name)
			}
			return name, true, k + 2, nil
		}
		if k, err = s.attribute(b, k, name); err != nil {
			return nil, false, 0, err
		}
	}
}

// skipSpace returns the index of the first byte at or after k that is not
// XML white space.
func skipSpace(b []byte, k int) int {
	for k < len(b) && isSpace(b[k]) {
		k++
	}
	return k
}

// attribute parses the attribute name="value" at b[k] in the start tag of
// the element name, appends it to s.attrs, and returns the index after it.
func (s *scanner) attribute(b []byte, k int, name []byte) (int, error) {
	ns := k
	k = scanName(b, k)
	if k >= len(b) {
		return 0, errShort
	}
	if k == ns {
		return 0, synErr("unexpected %q in <%s>", clip(b[k:], 10), name)
	}
	ne := k
	if k = skipSpace(b, k); k >= len(b) {
		return 0, errShort
	}
	if b[k] != '=' {
		return 0, synErr("attribute %s of <%s> has no value", b[ns:ne], name)
	}
	if k = skipSpace(b, k+1); k >= len(b) {
		return 0, errShort
	}
	q := b[k]
	if q != '"' && q != '\'' {
		return 0, synErr("unquoted value of attribute %s of <%s>", b[ns:ne], name)
	}
	e := indexFrom(b, k+1, q)
	if e < 0 {
		return 0, errShort
	}
	val := b[k+1 : e]
	if bytes.IndexByte(val, '<') >= 0 {
		return 0, synErr("unescaped < in attribute %s of <%s>", b[ns:ne], name)
	}
	s.attrs = append(s.attrs, attr{b[ns:ne], val})
	return e + 1, nil
}

// endTag parses the end tag at b[i:] == "</..." and returns its name.
func endTag(b []byte, i int) (name []byte, next int, err error) {
	j := i + 2
	k := scanName(b, j)
	if k >= len(b) {
		return nil, 0, errShort
	}
	name = b[j:k]
	for k < len(b) && isSpace(b[k]) {
		k++
	}
	if k >= len(b) {
		return nil, 0, errShort
	}
	if b[k] != '>' || len(name) == 0 {
		return nil, 0, synErr("malformed end tag %q", clip(b[i:], 20))
	}
	return name, k + 1, nil
}

// skipMarkup skips a comment, processing instruction or CDATA section at
// b[i] (kind from classify) and returns the index after it.
func skipMarkup(b []byte, i, kind int) (int, error) {
	switch kind {
	case mkComment:
		return skipTo(b, i+4, "-->")
	case mkPI:
		return skipTo(b, i+2, "?>")
	case mkCDATA:
		return skipTo(b, i+9, "]]>")
	}
	panic("sheetxml: skipMarkup of a tag")
}

// skipElement skips the content and end tag of the element whose start tag
// (named name) ends at i.
func (s *scanner) skipElement(b []byte, i int, name []byte) (int, error) {
	depth := 0
	for {
		var kind int
		var err error
		if i, kind, err = nextMarkup(b, i); err != nil {
			return 0, err
		}
		var end bool
		if i, depth, end, err = s.nest(b, i, kind, name, depth); err != nil || end {
			return i, err
		}
	}
}

// errEnd is markupFrom's error when the stream ends without more markup.
var errEnd = errors.New("sheetxml: no more markup")

// markupFrom finds the next markup at or after i in the window b (a
// document's top level, where text between markup is ignored): it returns
// the index of its '<' and its kind. Without a '<' in the window it moves
// s.pos to the window's end and returns errEnd at the end of the stream,
// else errShort.
func (s *scanner) markupFrom(b []byte, i int) (int, int, error) {
	k := indexRel(b, i, '<')
	if k < 0 {
		s.pos = len(b)
		if s.eof {
			return 0, 0, errEnd
		}
		return 0, 0, errShort
	}
	i += k
	kind, err := classify(b, i)
	return i, kind, err
}

// nextMarkup finds the next '<' at or after i and says what markup starts
// there: it returns the index of the '<' and the markup's kind.
func nextMarkup(b []byte, i int) (int, int, error) {
	k := indexRel(b, i, '<')
	if k < 0 {
		return 0, 0, errShort
	}
	i += k
	kind, err := classify(b, i)
	if err != nil {
		return 0, 0, err
	}
	return i, kind, nil
}

// nest steps over the markup of the given kind at b[i] inside the element
// named name, depth elements deep in it: a start tag goes one deeper, an end
// tag one shallower, anything else is skipped. It returns the index after
// the markup and the new depth; end says the markup was name's own end tag.
func (s *scanner) nest(b []byte, i, kind int, name []byte, depth int) (next, newDepth int, end bool, err error) {
	switch kind {
	case mkStart:
		_, self, next, err := s.startTag(b, i)
		if err != nil {
			return 0, 0, false, err
		}
		if !self {
			depth++
		}
		return next, depth, false, nil
	case mkEnd:
		n, next, err := endTag(b, i)
		if err != nil {
			return 0, 0, false, err
		}
		if depth == 0 {
			if !bytes.Equal(n, name) {
				return 0, 0, false, synErr("element <%s> closed by </%s>", name, n)
			}
			return next, 0, true, nil
		}
		return next, depth - 1, false, nil
	default:
		if i, err = skipMarkup(b, i, kind); err != nil {
			return 0, 0, false, err
		}
		return i, depth, false, nil
	}
}

// nextChild reads on from i, inside the element named name, to the start
// tag of its next child element, skipping text, comments, processing
// instructions and CDATA. It returns the child's name, whether it closes
// itself and the index after its start tag; or, at name's own end tag, end
// true and the index after that.
func (s *scanner) nextChild(b []byte, i int, name []byte) (child []byte, self, end bool, next int, err error) {
	for {
		var kind int
		if i, kind, err = nextMarkup(b, i); err != nil {
			return nil, false, false, 0, err
		}
		switch kind {
		case mkEnd:
			n, next, err := endTag(b, i)
			if err != nil {
				return nil, false, false, 0, err
			}
			if !bytes.Equal(n, name) {
				return nil, false, false, 0, synErr("element <%s> closed by </%s>", name, n)
			}
			return nil, false, true, next, nil
		case mkStart:
			child, self, next, err = s.startTag(b, i)
			return child, self, false, next, err
		default:
			if i, err = skipMarkup(b, i, kind); err != nil {
				return nil, false, false, 0, err
			}
		}
	}
}

// appendContent appends the decoded character data of the element whose
// start tag (named name) ends at i, up to and excluding its end tag, and
// returns the index after the end tag. Text of nested elements is skipped,
// as encoding/xml does when it decodes an element into a string.
func (s *scanner) appendContent(dst, b []byte, i int, name []byte) ([]byte, int, error) {
	depth := 0
	for {
		k := indexRel(b, i, '<')
		if k < 0 {
			return dst, 0, errShort
		}
		if k > 0 && depth == 0 {
			var err error
			if dst, err = appendText(dst, b[i:i+k]); err != nil {
				return dst, 0, err
			}
		}
		i += k
		kind, err := classify(b, i)
		if err != nil {
			return dst, 0, err
		}
		if kind != mkCDATA {
			var end bool
			if i, depth, end, err = s.nest(b, i, kind, name, depth); err != nil {
				return dst, 0, err
			}
			if end {
				return dst, i, nil
			}
			continue
		}
		next, err := skipMarkup(b, i, kind)
		if err != nil {
			return dst, 0, err
		}
		if depth == 0 {
			if dst, err = appendCDATA(dst, b[i+9:next-3]); err != nil {
				return dst, 0, err
			}
		}
		i = next
	}
}

// plain says whether text needs no decoding: printable ASCII, tab, newline.
func plain(t []byte) bool {
	for _, c := range t {
		if c < 0x20 && c != '\t' && c != '\n' || c >= 0x7f || c == '&' || c == ']' {
			return false
		}
	}
	return true
}

// appendText appends character data, decoding entities and character
// references and turning CR LF and lone CR into LF, exactly as encoding/xml
// does in strict mode; an unknown entity, invalid UTF-8 or a character XML
// forbids is an error.
func appendText(dst, t []byte) ([]byte, error) {
	if plain(t) {
		return append(dst, t...), nil
	}
	if bytes.Contains(t, []byte("]]>")) {
		return dst, synErr("unescaped ]]> in text")
	}
	start := len(dst)
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c == '&':
			r, n, err := entity(t[i:])
			if err != nil {
				return dst, err
			}
			dst = append(dst, r...)
			i += n
		case c == '\r':
			dst = append(dst, '\n')
			i++
			if i < len(t) && t[i] == '\n' {
				i++
			}
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst, checkChars(dst[start:])
}

// appendCDATA appends a CDATA section's text with line ends normalised.
func appendCDATA(dst, t []byte) ([]byte, error) {
	start := len(dst)
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == '\r' {
			dst = append(dst, '\n')
			if i+1 < len(t) && t[i+1] == '\n' {
				i++
			}
			continue
		}
		dst = append(dst, c)
	}
	return dst, checkChars(dst[start:])
}

// entity decodes the entity or character reference at t[0] == '&' and
// returns its text and length.
func entity(t []byte) (string, int, error) {
	semi := bytes.IndexByte(t, ';')
	if semi < 0 {
		return "", 0, synErr("invalid character entity %q (no semicolon)", clip(t, 12))
	}
	ref := t[1:semi]
	if len(ref) > 0 && ref[0] == '#' {
		digits, base := ref[1:], 10
		if len(digits) > 0 && digits[0] == 'x' {
			digits, base = digits[1:], 16
		}
		n, err := strconv.ParseUint(string(digits), base, 64)
		if err != nil || n > unicode.MaxRune || len(digits) == 0 {
			return "", 0, synErr("invalid character entity %q", t[:semi+1])
		}
		return string(rune(n)), semi + 1, nil
	}
	switch string(ref) {
	case "lt":
		return "<", semi + 1, nil
	case "gt":
		return ">", semi + 1, nil
	case "amp":
		return "&", semi + 1, nil
	case "apos":
		return "'", semi + 1, nil
	case "quot":
		return `"`, semi + 1, nil
	}
	return "", 0, synErr("invalid character entity %q", clip(t[:semi+1], 20))
}

// checkChars refuses invalid UTF-8 and characters XML 1.0 forbids.
func checkChars(t []byte) error {
	for i := 0; i < len(t); {
		c := t[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return synErr("illegal character code %U", rune(c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(t[i:])
		if r == utf8.RuneError && n == 1 {
			return synErr("invalid UTF-8")
		}
		if r >= 0xD800 && r <= 0xDFFF || r == 0xFFFE || r == 0xFFFF {
			return synErr("illegal character code %U", r)
		}
		i += n
	}
	return nil
}

// decodeAttr returns an attribute's value with entities decoded.
func decodeAttr(dst, v []byte) ([]byte, error) {
	if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\r') < 0 {
		return append(dst, v...), nil
	}
	return appendText(dst, v)
}

// appendBstr appends s with Excel's _xHHHH_ escapes decoded the way
// excelize does: "_x005F_" is "_", a surrogate code is dropped.
func appendBstr(dst, s []byte) []byte {
	for {
		k := bytes.Index(s, []byte("_x"))
		if k < 0 {
			return append(dst, s...)
		}
		if k+7 <= len(s) && s[k+6] == '_' {
			if r, ok := hex4(s[k+2 : k+6]); ok {
				dst = append(dst, s[:k]...)
				if r < 0xD800 || r > 0xDFFF {
					dst = utf8.AppendRune(dst, r)
				}
				s = s[k+7:]
				continue
			}
		}
		dst = append(dst, s[:k+1]...)
		s = s[k+1:]
	}
}

func hex4(h []byte) (rune, bool) {
	var r rune
	for _, c := range h {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// clip returns at most n bytes of b, for messages.
func clip(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

// pipeChunk is the size of the chunks the inflating goroutine hands over.
const pipeChunk = 256 << 10

// pipeReader inflates a zip entry in its own goroutine, one chunk ahead of
// the scanner, so that decompression and parsing use two cores.
type pipeReader struct {
	full  chan []byte // chunks with data, in order
	free  chan []byte // chunks to refill
	errc  chan error  // the reader's final error (io.EOF at the end)
	done  chan struct{}
	exit  chan struct{} // closed when the goroutine has returned
	cur   []byte        // the chunk being consumed
	off   int
	err   error
	close sync.Once
}

func newPipeReader(r io.Reader) *pipeReader {
	p := &pipeReader{full: make(chan []byte, 3), free: make(chan []byte, 3), errc: make(chan error, 1), done: make(chan struct{}), exit: make(chan struct{})}
	for i := 0; i < 3; i++ {
		p.free <- make([]byte, pipeChunk)
	}
	go func() {
		defer close(p.exit)
		// A panic in the decompressor would end the process from this
		// goroutine: it is handed to Read as an error instead.
		defer func() {
			if v := recover(); v != nil {
				p.errc <- fmt.Errorf("internal error in the workbook reader: %v", v)
				close(p.full)
			}
		}()
		for {
			var buf []byte
			select {
			case buf = <-p.free:
			case <-p.done:
				return
			}
			n, err := io.ReadFull(r, buf)
			if n > 0 {
				select {
				case p.full <- buf[:n]:
				case <-p.done:
					return
				}
			}
			if err == io.ErrUnexpectedEOF {
				err = io.EOF
			}
			if err != nil {
				p.errc <- err
				close(p.full)
				return
			}
		}
	}()
	return p
}

// Read copies from the current chunk, waiting for the next one if needed.
func (p *pipeReader) Read(b []byte) (int, error) {
	for p.off == len(p.cur) {
		if p.err != nil {
			return 0, p.err
		}
		if p.cur != nil {
			p.free <- p.cur[:cap(p.cur)]
			p.cur = nil
		}
		c, ok := <-p.full
		if !ok {
			p.err = <-p.errc
			return 0, p.err
		}
		p.cur, p.off = c, 0
	}
	n := copy(b, p.cur[p.off:])
	p.off += n
	return n, nil
}

// stop ends the inflating goroutine and waits for it, so that the entry
// can be closed safely.
func (p *pipeReader) stop() {
	p.close.Do(func() { close(p.done) })
	<-p.exit
}
