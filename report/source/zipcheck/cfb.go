package zipcheck

import (
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
)

// maxCFBScan bounds how many bytes of a compound file checkCFB reads while
// looking for its directory entries.
const maxCFBScan = 512 << 20

// checkCFB explains a file in the OLE compound file format (CFB), the
// container of legacy Office files and of encrypted xlsx files. Rather than
// follow the file's sector chains (which a damaged or hostile file can make
// loop), it reads the file in sector-sized steps and looks at every
// 128-byte slot that could be a directory entry: a stream or storage entry
// whose name length and type are consistent and whose name is one Office
// uses. Such slots do not occur by accident.
func checkCFB(r io.ReaderAt, size int64) error {
	names := cfbStreamNames(r, size)
	switch {
	case names["encryptioninfo"] || names["encryptedpackage"]:
		return fmt.Errorf("%w: the file is encrypted; remove the password in Excel (File > Info > Protect Workbook) and save it again", ErrEncrypted)
	case names["workbook"] || names["book"]:
		return fmt.Errorf("%w: open it in Excel and save it as .xlsx, or export CSV", ErrLegacyXLS)
	case names["worddocument"]:
		return wrong("a Word 97-2003 document (.doc)", "").err
	case names["powerpoint document"]:
		return wrong("a PowerPoint 97-2003 presentation (.ppt)", "").err
	}
	return wrong("an OLE compound file", " (a legacy Office format) that holds no workbook").err
}

// cfbStreamNames returns the lower-cased names of the directory entries
// found in the compound file.
func cfbStreamNames(r io.ReaderAt, size int64) map[string]bool {
	names := map[string]bool{}
	var hdr [512]byte
	if n, _ := r.ReadAt(hdr[:], 0); n < len(hdr) {
		return names
	}
	sector := int64(512)
	if binary.LittleEndian.Uint16(hdr[0x1E:]) == 12 {
		sector = 4096
	}
	end := min(size, maxCFBScan)
	if end <= sector {
		return names
	}
	buf := make([]byte, min(1<<20, end-sector))
	for off := sector; off < end; off += int64(len(buf)) {
		n, _ := r.ReadAt(buf[:min(int64(len(buf)), end-off)], off)
		for i := 0; i+128 <= n; i += 128 {
			if name, ok := cfbEntryName(buf[i : i+128]); ok {
				names[strings.ToLower(name)] = true
			}
		}
		if n < len(buf) {
			break
		}
	}
	return names
}

// cfbEntryName decodes a 128-byte directory entry: a UTF-16LE name of at
// most 31 characters and its terminating zero, the name's byte length
// (with the zero) at offset 64, and the object type at 66 (1 storage, 2
// stream, 5 root).
func cfbEntryName(e []byte) (string, bool) {
	n := int(binary.LittleEndian.Uint16(e[64:]))
	if n < 4 || n > 64 || n%2 != 0 {
		return "", false
	}
	if t := e[66]; t != 1 && t != 2 && t != 5 {
		return "", false
	}
	u := make([]uint16, n/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(e[2*i:])
	}
	if u[len(u)-1] != 0 {
		return "", false
	}
	for _, c := range u[:len(u)-1] {
		if c < 0x20 && c > 6 || c == 0 {
			return "", false
		}
	}
	return string(utf16.Decode(u[:len(u)-1])), true
}
