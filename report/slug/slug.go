// Package slug turns arbitrary user text (region, account, owner and deal
// names) into file names that are safe on every operating system and unique
// per exact name.
//
// A slug is a lower-case ASCII readable part, a dash, and a short hash of the
// exact name: "West Coast" becomes "west-coast-" followed by eight hex digits.
// The readable part holds only a-z, 0-9 and single inner dashes, so a slug is
// never empty, never "." or "..", never contains a path separator, a drive
// letter, a control character or a character Windows forbids, and never
// equals a reserved Windows device name (CON, NUL, COM1, ...) because the
// hash suffix always follows. The hash is taken over the exact bytes of the
// name, so names that differ only by case, accents, punctuation or
// lookalike characters ("West", "west", "Wést", "Wеst" with a Cyrillic e)
// still get distinct slugs, also on case-insensitive file systems.
package slug

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxReadable is the most bytes the readable part of a slug holds; a slug is
// at most MaxReadable + 1 + HashLen bytes long.
const MaxReadable = 48

// HashLen is the number of hex digits of the hash suffix.
const HashLen = 8

// MaxLen is the longest slug Make returns.
const MaxLen = MaxReadable + 1 + HashLen

// Make returns the slug of name: its readable part (lower-case ASCII letters
// and digits, runs of anything else folded to one dash, accents dropped,
// trimmed, at most MaxReadable bytes) and "-" and the first HashLen hex
// digits of the SHA-256 of the exact name. When nothing readable is left (an
// empty name, or one of only symbols or non-Latin script), the slug is the
// hash alone.
func Make(name string) string {
	readable := Readable(name)
	h := Hash(name)
	if readable == "" {
		return h
	}
	return readable + "-" + h
}

// Hash returns the first HashLen hex digits of the SHA-256 of name's exact
// bytes.
func Hash(name string) string {
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:])[:HashLen]
}

// Readable returns the readable part of name's slug: lower-case a-z and 0-9,
// with every run of other characters replaced by one dash, no leading or
// trailing dash, accents stripped ("Zürich" -> "zurich"), and cut to at most
// MaxReadable bytes at a dash when one is near. It may be empty.
func Readable(name string) string {
	var b strings.Builder
	dash := false
	// NFKD splits "ü" into "u" and a combining mark, and maps compatibility
	// forms such as full-width letters to ASCII; combining marks are then
	// dropped rather than turned into dashes.
	for _, r := range norm.NFKD.String(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case unicode.Is(unicode.Mn, r):
			continue
		default:
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
		if b.Len() >= MaxReadable {
			break
		}
	}
	s := b.String()
	if len(s) > MaxReadable {
		s = s[:MaxReadable]
	}
	if len(s) == MaxReadable {
		// Prefer to cut at a word boundary when one is in the last third.
		if i := strings.LastIndexByte(s, '-'); i >= MaxReadable*2/3 {
			s = s[:i]
		}
	}
	return strings.Trim(s, "-")
}
