package store

import (
	"context"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestCorruptRowIsAnError: a submission row whose text columns do not read back (changed
// outside gyqc) is an error naming the row and column, not a submission with a zero period,
// time or filler.
func TestCorruptRowIsAnError(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		Name, Column, Value, Want string
	}{
		{"filler not JSON", "filler", "{not json", "filler"},
		{"period not a period", "period", "2025-06x", "period"},
		{"received not a time", "received", "yesterday", "received time"},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			s := MustOpen(t)
			got, _, err := s.Record(ctx, sample(t, s, "dsjj", "2025-06", "file-a", gyqc.OutcomeAccepted))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.db.ExecContext(ctx, `UPDATE submissions SET `+tc.Column+` = ? WHERE id = ?`, tc.Value, got.ID); err != nil {
				t.Fatal(err)
			}
			_, err = s.Submissions(ctx, gyqc.MustPeriod("2025-01"), gyqc.MustPeriod("2025-12"))
			if err == nil || !strings.Contains(err.Error(), tc.Want) || !strings.Contains(err.Error(), tc.Value) {
				t.Errorf("Submissions with %s = %q: %v, want an error naming %q and the value", tc.Column, tc.Value, err, tc.Want)
			}
		})
	}
}
