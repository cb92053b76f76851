package hostile

import (
	"crypto/sha256"
	"encoding/binary"
	"unicode/utf16"
)

// cfbStream is one stream of a compound file.
type cfbStream struct {
	name string
	data []byte
}

// CFB special sector numbers.
const (
	cfbFree       = 0xFFFFFFFF
	cfbEndOfChain = 0xFFFFFFFE
	cfbFATSector  = 0xFFFFFFFD
	cfbNoStream   = 0xFFFFFFFF
	cfbSector     = 512
)

// cfbFile writes a minimal OLE compound file (MS-CFB version 3, 512-byte
// sectors): sector 0 holds the FAT, sector 1 the directory (a root entry and
// up to three streams, chained as right siblings in ascending name order),
// and the streams follow, each at least 4,096 bytes so that it lives in
// regular sectors rather than the mini stream. Stream names must be given
// in the CFB order (shorter first, then by upper-cased name).
func cfbFile(streams []cfbStream) []byte {
	if len(streams) > 3 {
		panic("cfbFile: at most three streams")
	}
	sectors := [][]byte{make([]byte, cfbSector), make([]byte, cfbSector)}
	fat := make([]uint32, cfbSector/4)
	for i := range fat {
		fat[i] = cfbFree
	}
	fat[0], fat[1] = cfbFATSector, cfbEndOfChain
	type placed struct {
		start uint32
		size  uint64
	}
	var where []placed
	for _, s := range streams {
		data := s.data
		if len(data) < 4096 {
			data = append(data, make([]byte, 4096-len(data))...)
		}
		start := uint32(len(sectors))
		for off := 0; off < len(data); off += cfbSector {
			sec := make([]byte, cfbSector)
			copy(sec, data[off:])
			sectors = append(sectors, sec)
		}
		for n := start; n < uint32(len(sectors)); n++ {
			fat[n] = n + 1
		}
		fat[len(sectors)-1] = cfbEndOfChain
		where = append(where, placed{start, uint64(len(data))})
	}
	if len(sectors) > len(fat) {
		panic("cfbFile: streams too large for one FAT sector")
	}
	for i, v := range fat {
		binary.LittleEndian.PutUint32(sectors[0][4*i:], v)
	}
	dir := sectors[1]
	entry := func(i int, name string, typ byte, right, child, start uint32, size uint64) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			binary.LittleEndian.PutUint16(e[2*j:], c)
		}
		if name != "" {
			binary.LittleEndian.PutUint16(e[0x40:], uint16(2*len(u)+2))
		}
		e[0x42] = typ
		e[0x43] = 1 // black
		binary.LittleEndian.PutUint32(e[0x44:], cfbNoStream)
		binary.LittleEndian.PutUint32(e[0x48:], right)
		binary.LittleEndian.PutUint32(e[0x4C:], child)
		binary.LittleEndian.PutUint32(e[0x74:], start)
		binary.LittleEndian.PutUint64(e[0x78:], size)
	}
	child := uint32(cfbNoStream)
	if len(streams) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, cfbNoStream, child, cfbEndOfChain, 0)
	for i, s := range streams {
		right := uint32(cfbNoStream)
		if i+1 < len(streams) {
			right = uint32(i + 2)
		}
		entry(i+1, s.name, 2, right, cfbNoStream, where[i].start, where[i].size)
	}
	for i := len(streams) + 1; i < 4; i++ {
		entry(i, "", 0, cfbNoStream, cfbNoStream, 0, 0)
	}

	hdr := make([]byte, cfbSector)
	copy(hdr, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(hdr[0x18:], 0x003E) // minor version
	le.PutUint16(hdr[0x1A:], 0x0003) // major version 3
	le.PutUint16(hdr[0x1C:], 0xFFFE) // byte order
	le.PutUint16(hdr[0x1E:], 9)      // 512-byte sectors
	le.PutUint16(hdr[0x20:], 6)      // 64-byte mini sectors
	le.PutUint32(hdr[0x2C:], 1)      // one FAT sector
	le.PutUint32(hdr[0x30:], 1)      // directory starts at sector 1
	le.PutUint32(hdr[0x38:], 4096)   // mini stream cutoff
	le.PutUint32(hdr[0x3C:], cfbEndOfChain)
	le.PutUint32(hdr[0x44:], cfbEndOfChain)
	le.PutUint32(hdr[0x4C:], 0) // DIFAT[0]: the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(hdr[0x4C+4*i:], cfbFree)
	}
	out := hdr
	for _, s := range sectors {
		out = append(out, s...)
	}
	return out
}

// noise returns n deterministic pseudo-random bytes (a SHA-256 chain).
func noise(n int, seed string) []byte {
	out := make([]byte, 0, n+32)
	sum := sha256.Sum256([]byte(seed))
	for len(out) < n {
		out = append(out, sum[:]...)
		sum = sha256.Sum256(sum[:])
	}
	return out[:n]
}

// encrypted is what Excel writes for a workbook with a password: a compound
// file whose EncryptionInfo stream describes the (agile) encryption and
// whose EncryptedPackage stream holds the encrypted xlsx zip.
func encrypted() ([]byte, error) {
	info := []byte{4, 0, 4, 0, 0x40, 0, 0, 0} // version 4.4 (agile), flags
	info = append(info, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">`+
		`<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>`+
		`</encryption>`...)
	pkg := make([]byte, 8, 8192)
	binary.LittleEndian.PutUint64(pkg, 8000)
	pkg = append(pkg, noise(8184, "encrypted package")...)
	return cfbFile([]cfbStream{{"EncryptionInfo", info}, {"EncryptedPackage", pkg}}), nil
}

// legacyXLS is an Excel 97-2003 file: a compound file with a Workbook
// stream that starts with a BIFF8 BOF record.
func legacyXLS() ([]byte, error) {
	bof := []byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0x54, 0x38, 0xCD, 0x07, 0xC1, 0x00, 0x01, 0x00, 0x06, 0x04, 0x00, 0x00}
	eof := []byte{0x0A, 0x00, 0x00, 0x00}
	return cfbFile([]cfbStream{{"Workbook", append(bof, eof...)}}), nil
}
