package templates

import (
	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/templates/internal/xlsx"
)

// ReadPartsInflating reads a return as ReadParts does and returns the parts the fast reader
// had to inflate itself, not finding them among parts.
func ReadPartsInflating(data []byte, parts map[string][]byte, plan *gyqc.Plan) ([]string, error) {
	b := xlsx.Open(data, parts)
	if err := b.Err(); err != nil {
		return nil, err
	}
	read(fastBook{b}, plan)
	return b.Inflated(), b.Err()
}
