package zipcheck

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// streamed reports whether the workbook library spools the part to a
// temporary file and streams it rather than holding it in memory (excelize
// v2.11.1's ReadZipReader: worksheets whose path starts with
// xl/worksheets/sheet, and xl/sharedStrings.xml; compared without regard to
// case, with backslashes read as slashes).
func streamed(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, `\`, "/"))
	return strings.HasPrefix(n, "xl/worksheets/sheet") || n == "xl/sharedstrings.xml"
}

// over reports whether n exceeds a limit (a negative limit is no limit).
func over(n uint64, limit int64) bool {
	return limit >= 0 && n > uint64(limit)
}

// checkEntries checks the zip's central directory: entry count, names, and
// declared sizes against lim.
func checkEntries(files []*zip.File, size int64, lim Limits) error {
	if lim.MaxEntries >= 0 && len(files) > lim.MaxEntries {
		return fmt.Errorf("%w: the zip has %d entries, more than the limit of %d", ErrTooLarge, len(files), lim.MaxEntries)
	}
	seen := make(map[string]string, len(files))
	var total uint64
	for _, f := range files {
		if why := unsafeName(f.Name); why != "" {
			return fmt.Errorf("%w: entry %q %s", ErrUnsafeName, f.Name, why)
		}
		// Part names in an Office package are equal when they are equal
		// without regard to ASCII case (ECMA-376 part 2, 6.2.2.3).
		key := strings.ToLower(f.Name)
		if prev, ok := seen[key]; ok {
			if prev == f.Name {
				return fmt.Errorf("%w: entry %q appears twice in the zip", ErrUnsafeName, f.Name)
			}
			return fmt.Errorf("%w: entries %q and %q name the same part", ErrUnsafeName, prev, f.Name)
		}
		seen[key] = f.Name
		if f.Flags&1 != 0 {
			return fmt.Errorf("%w: zip entry %q is encrypted", ErrEncrypted, f.Name)
		}
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return fmt.Errorf("%w: zip entry %q uses compression method %d, which xlsx files do not use", ErrCorrupt, f.Name, f.Method)
		}
		us := f.UncompressedSize64
		limit, what := lim.MaxEntry, "one entry"
		if !streamed(f.Name) && lim.MaxPart >= 0 && (limit < 0 || lim.MaxPart < limit) {
			limit, what = lim.MaxPart, "a part read into memory"
		}
		if strings.EqualFold(f.Name, "xl/styles.xml") && lim.MaxStyles >= 0 && (limit < 0 || lim.MaxStyles < limit) {
			limit, what = lim.MaxStyles, "styles"
		}
		if over(us, limit) {
			return fmt.Errorf("%w: entry %q unpacks to %s, more than the %s allowed for %s", ErrTooLarge, f.Name, bytesText(us), bytesText(uint64(limit)), what)
		}
		if lim.MaxRatio >= 0 && us > RatioFloor && us/uint64(lim.MaxRatio) >= max(f.CompressedSize64, 1) {
			return fmt.Errorf("%w: entry %q expands from %s to %s, more than %d times: a zip bomb?", ErrTooLarge, f.Name, bytesText(f.CompressedSize64), bytesText(us), lim.MaxRatio)
		}
		if total += us; total < us || over(total, lim.MaxTotal) {
			return fmt.Errorf("%w: the zip unpacks to more than the %s allowed in total", ErrTooLarge, bytesText(uint64(lim.MaxTotal)))
		}
	}
	if lim.MaxRatio >= 0 && total > RatioFloor && total/uint64(lim.MaxRatio) >= uint64(size) {
		return fmt.Errorf("%w: the zip expands from %s to %s, more than %d times: a zip bomb?", ErrTooLarge, bytesText(uint64(size)), bytesText(total), lim.MaxRatio)
	}
	return nil
}

// unsafeName says why a zip entry name is unsafe, or "" when it is not: an
// empty name, a backslash, an absolute path or drive letter, a "." or ".."
// segment, an empty segment, or a control character.
func unsafeName(name string) string {
	switch {
	case name == "":
		return "has an empty name"
	case strings.ContainsRune(name, '\\'):
		return "contains a backslash"
	case strings.HasPrefix(name, "/"):
		return "is an absolute path"
	case len(name) >= 2 && name[1] == ':':
		return "starts with a drive letter"
	}
	for _, c := range name {
		if c < 0x20 || c == 0x7F {
			return "contains a control character"
		}
	}
	segs := strings.Split(strings.TrimSuffix(name, "/"), "/")
	for _, s := range segs {
		switch s {
		case "..":
			return "escapes the archive (a .. segment)"
		case ".":
			return "has a . segment"
		case "":
			return "has an empty path segment"
		}
	}
	return ""
}

// checkPackage checks that the zip is an xlsx package, and says what it is
// when it is not.
func checkPackage(files []*zip.File) error {
	has := map[string]bool{}
	for _, f := range files {
		has[strings.ToLower(f.Name)] = true
	}
	switch {
	case has["xl/workbook.xml"] && has["[content_types].xml"]:
		return nil
	case has["xl/workbook.bin"]:
		return wrong("an Excel binary workbook (.xlsb)", ": open it in Excel and save it as .xlsx").err
	case has["word/document.xml"]:
		return wrong("a Word document (.docx)", "").err
	case has["ppt/presentation.xml"]:
		return wrong("a PowerPoint presentation (.pptx)", "").err
	case has["mimetype"] && has["content.xml"]:
		return wrong("an OpenDocument file", " (.ods?): open it and save it as .xlsx").err
	case has["[content_types].xml"]:
		// A package whose workbook part is elsewhere (its place is named in
		// _rels/.rels): leave it to the workbook library.
		return nil
	}
	return wrong("a zip archive", " that holds no workbook (no [Content_Types].xml)").err
}

// xmlWindow is how many leading bytes of each XML part are inspected.
const xmlWindow = 16 << 10

// checkXMLParts reads the first bytes of every XML part and refuses any
// with a DTD or entity declaration, or with a prolog longer than xmlWindow.
func checkXMLParts(files []*zip.File) error {
	buf := make([]byte, xmlWindow)
	for _, f := range files {
		n := strings.ToLower(f.Name)
		if !strings.HasSuffix(n, ".xml") && !strings.HasSuffix(n, ".rels") && !strings.HasSuffix(n, ".vml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%w: entry %q cannot be opened: %v", ErrCorrupt, f.Name, err)
		}
		k, err := io.ReadFull(rc, buf)
		rc.Close()
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%w: entry %q is damaged: %v", ErrCorrupt, f.Name, err)
		}
		if why := xmlPrologProblem(buf[:k], k < len(buf)); why != "" {
			return fmt.Errorf("%w: entry %q %s", ErrDTD, f.Name, why)
		}
	}
	return nil
}

// xmlPrologProblem looks at the first bytes of an XML part (all of it when
// whole is set) and says what is wrong: a markup declaration (<!DOCTYPE,
// <!ENTITY, any <! other than a comment or CDATA section) anywhere in b, or
// no start tag within b. It returns "" when b is fine. Office parts never
// hold a DTD; refusing one keeps entity expansion of any kind out.
func xmlPrologProblem(b []byte, whole bool) string {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		b = utf16ToUTF8(b)
	}
	sawElement := false
	for i := 0; i < len(b); i++ {
		if b[i] != '<' || i+1 >= len(b) {
			continue
		}
		rest := b[i+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("!--")):
			end := bytes.Index(rest[3:], []byte("-->"))
			if end < 0 {
				i = len(b)
				continue
			}
			i += 3 + end + 3
		case bytes.HasPrefix(rest, []byte("![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				i = len(b)
				continue
			}
			i += end + 3
		case rest[0] == '!':
			decl := rest[1:min(len(rest), 8)]
			return fmt.Sprintf("holds a markup declaration (<!%s...), which Office files never contain: refused", sanitize(decl))
		case rest[0] == '?':
		default:
			sawElement = true
		}
	}
	if !sawElement && !whole && len(b) > 0 {
		return fmt.Sprintf("has no start tag in its first %d KiB", xmlWindow>>10)
	}
	return ""
}

// utf16ToUTF8 decodes UTF-16 text with a byte-order mark, enough for the
// markup checks (unpaired surrogates become U+FFFD).
func utf16ToUTF8(b []byte) []byte {
	big := b[0] == 0xFE
	var out []rune
	for i := 2; i+1 < len(b); i += 2 {
		c := rune(b[i]) | rune(b[i+1])<<8
		if big {
			c = rune(b[i])<<8 | rune(b[i+1])
		}
		out = append(out, c)
	}
	return []byte(string(out))
}

// sanitize keeps letters of a declaration keyword for a message.
func sanitize(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			s.WriteByte(c)
		} else {
			break
		}
	}
	return s.String()
}

// bytesText formats a byte count for a message: "512 bytes", "3.2 MiB",
// "1.0 GiB" (from 1000 of a unit on, the next unit is used).
func bytesText(n uint64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1000<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
}
