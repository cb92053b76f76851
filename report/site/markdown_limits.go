package site

import (
	"bytes"
	"fmt"
)

// Bounds on the shape of a commentary file (issue 14, item 11). goldmark's
// parsing time grows with the square of some shapes rather than with the
// size: 250 KiB of nested block quotes on one line took 49 s, as many
// nested list items 117 s, a line of 64,000 unclosed links "[a](" 69 s, a
// table header of 64 columns over 128,000 one-cell rows 24 s and 85 MB of
// HTML. Each bound is far above what a note needs; with them and the
// folder's total, the worst known input renders in about a second per
// mebibyte (BenchmarkCommentaryWorst).
const (
	// MaxCommentaryTotal bounds the Markdown of a commentary folder, all
	// files together.
	MaxCommentaryTotal = 1 << 20
	// MaxCommentaryLine bounds a line (a paragraph may span many lines).
	MaxCommentaryLine = 4 << 10
	// MaxCommentaryNesting bounds the block quotes and list items that one
	// line opens ("> > - 1. x" opens four).
	MaxCommentaryNesting = 16
	// MaxCommentaryTableCells bounds the cells of the tables of a file
	// (columns times rows, every row counted at the header's width).
	MaxCommentaryTableCells = 20_000
	// MaxCommentaryReferences bounds the link reference definitions of a
	// file ("[name]: https://...").
	MaxCommentaryReferences = 1_000
)

// shapeProblem returns the first line (0-based) of body that passes a bound
// and why, or -1 and "".
func shapeProblem(body []byte) (int, string) {
	var s shapeCount
	for i := 0; len(body) > 0; i++ {
		line := body
		if n := bytes.IndexByte(body, '\n'); n >= 0 {
			line, body = body[:n], body[n+1:]
		} else {
			body = nil
		}
		if why := s.line(line); why != "" {
			return i, why
		}
	}
	return -1, ""
}

// shapeCount counts what the bounds bound, line by line.
type shapeCount struct {
	tableCols int // columns of the table being read, or 0
	cells     int
	refs      int
}

// line counts one line and says which bound it passes, or "".
func (s *shapeCount) line(line []byte) string {
	if len(line) > MaxCommentaryLine {
		return fmt.Sprintf("a line of %d bytes, longer than the limit of %d KiB (a paragraph may span lines)", len(line),
			MaxCommentaryLine>>10)
	}
	depth, rest := containers(line)
	if depth > MaxCommentaryNesting {
		return fmt.Sprintf("%d block quotes and list items open on one line, more than the limit of %d", depth,
			MaxCommentaryNesting)
	}
	rest = bytes.TrimSpace(rest)
	switch cols := delimiterColumns(rest); {
	case len(rest) == 0:
		s.tableCols = 0
	case cols > 0:
		s.tableCols = cols
		s.cells += 2 * cols // the header and this row
	default:
		s.cells += s.tableCols
	}
	if s.cells > MaxCommentaryTableCells {
		return fmt.Sprintf("tables of more than %d cells (columns times rows), the limit of a commentary file",
			MaxCommentaryTableCells)
	}
	if bytes.HasPrefix(rest, []byte("[")) && !bytes.HasPrefix(rest, []byte("[^")) && bytes.Contains(rest, []byte("]:")) {
		if s.refs++; s.refs > MaxCommentaryReferences {
			return fmt.Sprintf("more than %d link reference definitions, the limit of a commentary file",
				MaxCommentaryReferences)
		}
	}
	return ""
}

// containers counts the block quote and list item markers that open a
// line ("> ", "- ", "* ", "+ ", "1. ", "1) ") and returns the rest. The
// indentation before the first marker counts one level for each two
// columns: a list nests by indentation too, one line after another.
func containers(line []byte) (int, []byte) {
	n, i := 0, 0
	indent := 0
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		indent += 1 + 3*btoi(line[i] == '\t')
	}
	if i < len(line) && (line[i] == '>' || listMarkerEnd(line, i) > i) {
		n = indent / 2
	}
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i == len(line) {
			return n, nil
		}
		end := listMarkerEnd(line, i)
		switch {
		case line[i] == '>':
			i++
		case end > i:
			i = end
		default:
			return n, line[i:]
		}
		n++
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// listMarkerEnd returns the index after the list item marker at line[i],
// or i when there is none: a bullet or up to nine digits and "." or ")",
// followed by a space, a tab or the end of the line.
func listMarkerEnd(line []byte, i int) int {
	j := i
	switch c := line[i]; {
	case c == '-' || c == '+' || c == '*':
		j++
	case c >= '0' && c <= '9':
		for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
			j++
		}
		if j == len(line) || line[j] != '.' && line[j] != ')' {
			return i
		}
		j++
	default:
		return i
	}
	if j < len(line) && line[j] != ' ' && line[j] != '\t' {
		return i
	}
	return j
}

// delimiterColumns returns the number of columns of a table's delimiter
// row ("| --- | :-: |"), or 0 when line is not one.
func delimiterColumns(line []byte) int {
	if !bytes.ContainsRune(line, '|') || !bytes.ContainsRune(line, '-') {
		return 0
	}
	cols := 0
	for _, cell := range bytes.Split(line, []byte("|")) {
		cell = bytes.TrimSpace(cell)
		if len(cell) == 0 {
			continue
		}
		if len(bytes.Trim(cell, ":-")) > 0 {
			return 0
		}
		cols++
	}
	return cols
}
