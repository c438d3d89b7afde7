package planfile

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Hash returns the SHA-256 (hex) that identifies a pair of plan and units files: the hash of
// both files, each preceded by its length, so that no two pairs share it by moving bytes from
// one file to the other. The files are hashed as Load reads them (without a byte-order mark,
// with LF line ends), so that saving them on Windows does not make another plan version.
func Hash(planData, unitsData []byte) string {
	h := sha256.New()
	for _, b := range [][]byte{normalize(planData), normalize(unitsData)} {
		h.Write([]byte(strconv.Itoa(len(b)) + "\n"))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}
