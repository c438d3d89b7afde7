package collect

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestFeedbackFile: the 意见单 of a version is found by its outcome's name — 审核意见单 for an
// accepted file, 退回意见单 for a refused one, the office's 审核退回意见单 first for a version
// returned by hand — and a workspace written before accepted files got a 审核意见单 still has
// its 退回意见单 found.
func TestFeedbackFile(t *testing.T) {
	p, u := gyqc.MustPeriod("2025-06"), &gyqc.Unit{Code: "jxw", Name: "区经济信息委"}
	base := "2025-06_jxw_区经济信息委_第1版"
	tests := []struct {
		name    string
		files   []string
		outcome gyqc.Outcome
		want    string // "" for none
	}{
		{name: "accepted with warnings", files: []string{base + "_审核意见单.xlsx"}, outcome: gyqc.OutcomeWarned, want: base + "_审核意见单.xlsx"},
		{name: "refused", files: []string{base + "_退回意见单.xlsx"}, outcome: gyqc.OutcomeRefused, want: base + "_退回意见单.xlsx"},
		{name: "refused is not the accepted one's", files: []string{base + "_审核意见单.xlsx"}, outcome: gyqc.OutcomeRefused},
		{name: "returned by hand", files: []string{base + "_审核意见单.xlsx", base + "_审核退回意见单.xlsx"}, outcome: gyqc.OutcomeRefused,
			want: base + "_审核退回意见单.xlsx"},
		{name: "accepted, written under the old name", files: []string{base + "_退回意见单.xlsx"}, outcome: gyqc.OutcomeWarned,
			want: base + "_退回意见单.xlsx"},
		{name: "a second file of the run", files: []string{base + "_2_审核意见单.xlsx"}, outcome: gyqc.OutcomeWarned, want: base + "_2_审核意见单.xlsx"},
		{name: "none", outcome: gyqc.OutcomeWarned},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := ""
			if tc.want != "" {
				want = filepath.Join(dir, tc.want)
			}
			if got := FeedbackFile(dir, p, u, 1, tc.outcome); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
