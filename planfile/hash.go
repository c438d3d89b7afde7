package planfile

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Hash returns the SHA-256 (hex) that identifies a pair of plan and units files: the hash of
// both files, each preceded by its length, so that no two pairs share it by moving bytes from
// one file to the other.
func Hash(planData, unitsData []byte) string {
	h := sha256.New()
	for _, b := range [][]byte{planData, unitsData} {
		h.Write([]byte(strconv.Itoa(len(b)) + "\n"))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}
