package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
)

// TestEachRow holds the one row loop of the store to its contract: rows in the query's order
// with its arguments, a failed query worded by what (or left as it is), a scan's error ending
// the loop at once.
func TestEachRow(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const q = `SELECT value FROM json_each('[1,2,3,4]') WHERE value >= ? ORDER BY key`
	stop := errors.New("stop")
	cases := []struct {
		name, what, query string
		args              []any
		stopAt            int
		want              []int
		wantErr           string
	}{
		{name: "rows in order", query: q, args: []any{2}, want: []int{2, 3, 4}},
		{name: "no rows", query: q, args: []any{9}},
		{name: "scan error ends the loop", query: q, args: []any{1}, stopAt: 2, want: []int{1, 2}, wantErr: "stop"},
		{name: "failed query named", what: "read things", query: `SELECT x FROM nowhere`, wantErr: "read things: SQL logic error: no such table"},
		{name: "failed query as it is", query: `SELECT x FROM nowhere`, wantErr: "SQL logic error: no such table"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []int
			err := eachRow(ctx, s.db, c.what, c.query, c.args, func(rows *sql.Rows) error {
				var v int
				if err := rows.Scan(&v); err != nil {
					return err
				}
				got = append(got, v)
				if len(got) == c.stopAt {
					return stop
				}
				return nil
			})
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), c.wantErr)) {
				t.Fatalf("error %v, want one starting %q", err, c.wantErr)
			}
			if len(got) != len(c.want) {
				t.Fatalf("rows %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("rows %v, want %v", got, c.want)
				}
			}
		})
	}
}
