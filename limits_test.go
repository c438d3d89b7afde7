package gyqc_test

import (
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestDefaultLimit: a limit left zero or negative takes its default, a set one is kept.
func TestDefaultLimit(t *testing.T) {
	for _, tc := range []struct {
		Name      string
		Set, Want int64
	}{
		{"left zero", 0, 10},
		{"negative", -1, 10},
		{"set", 3, 3},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			v := tc.Set
			gyqc.DefaultLimit(&v, 10)
			n := int(tc.Set)
			gyqc.DefaultLimit(&n, 10)
			if v != tc.Want || int64(n) != tc.Want {
				t.Errorf("DefaultLimit(%d) = %d (int64), %d (int); want %d", tc.Set, v, n, tc.Want)
			}
		})
	}
}
