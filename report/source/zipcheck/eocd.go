package zipcheck

import (
	"bytes"
	"encoding/binary"
	"io"
)

// declaredEntries reads the number of entries a zip's end-of-central-
// directory record declares (the zip64 record when the classic one says
// 0xFFFF), so that a zip declaring millions of entries is refused before
// archive/zip allocates a File for each. ok is false when no record is
// found (archive/zip then reports the zip as damaged).
func declaredEntries(r io.ReaderAt, size int64) (n uint64, ok bool) {
	const eocdLen = 22
	tailLen := min(size, eocdLen+65535)
	tail := make([]byte, tailLen)
	if k, _ := r.ReadAt(tail, size-tailLen); int64(k) < tailLen {
		return 0, false
	}
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || len(tail)-i < eocdLen {
		return 0, false
	}
	count := uint64(binary.LittleEndian.Uint16(tail[i+10:]))
	if count != 0xFFFF {
		return count, true
	}
	// Zip64: a 20-byte locator precedes the record and points at the
	// zip64 end record, whose entry count is at offset 32.
	loc := size - tailLen + int64(i) - 20
	if loc < 0 {
		return count, true
	}
	var l [20]byte
	if k, _ := r.ReadAt(l[:], loc); k < len(l) || !bytes.Equal(l[:4], []byte("PK\x06\x07")) {
		return count, true
	}
	off := binary.LittleEndian.Uint64(l[8:])
	if off > uint64(size) || uint64(size)-off < 56 {
		return count, true
	}
	var z [56]byte
	if k, _ := r.ReadAt(z[:], int64(off)); k < len(z) || !bytes.Equal(z[:4], []byte("PK\x06\x06")) {
		return count, true
	}
	return binary.LittleEndian.Uint64(z[32:]), true
}
