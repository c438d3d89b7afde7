package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/internal/jsonlist"
	"github.com/qianjiang/gyqc/mailbox"
)

// TestJSONResultsWhole checks that collect's JSON written file by file is the document
// jsonlist.Encode writes of the whole run, byte for byte.
func TestJSONResultsWhole(t *testing.T) {
	p := gyqc.MustPeriod("2025-06")
	results := []collect.Result{
		{File: "a<b>&.xlsx", Unit: "jxw", UnitName: "区经济信息委", Outcome: gyqc.OutcomeAccepted, Label: "已接收", Version: 1,
			Received: time.Date(2025, 6, 28, 10, 0, 0, 0, time.UTC)},
		{File: "b.xlsx", Outcome: gyqc.OutcomeRefused, Label: "退回", Feedback: []string{"fb.xlsx"},
			Problems: gyqc.Problems{{Severity: gyqc.SevError, File: "b.xlsx", Message: "换行\n和\"引号\""}}, Errors: 1},
		{File: "c.xlsx", Elsewhere: &p, Duplicate: true},
	}
	skipped := []collect.Skipped{{Path: "~$a.xlsx", Reason: "Office 临时文件"}}
	mail := []*mailbox.Message{{File: "m.eml"}}
	for _, tc := range []struct {
		name    string
		results []collect.Result
		skipped []collect.Skipped
		mail    []*mailbox.Message
	}{
		{"nothing", nil, nil, nil},
		{"one file", results[:1], nil, nil},
		{"files, skipped and mail", results, skipped, mail},
		{"only skipped", nil, skipped, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want, got bytes.Buffer
			if err := jsonlist.Encode(&want, struct {
				Period  string             `json:"period"`
				Files   []collect.Result   `json:"files"`
				Skipped []collect.Skipped  `json:"skipped"`
				Mail    []*mailbox.Message `json:"mail"`
			}{p.String(), nonNil(tc.results), nonNil(tc.skipped), nonNil(tc.mail)}); err != nil {
				t.Fatal(err)
			}
			js := &jsonResults{w: &got, period: p.String()}
			for _, r := range tc.results {
				js.add(r)
			}
			if err := js.finish(tc.skipped, tc.mail); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("streamed:\n%s\nwhole:\n%s", got.String(), want.String())
			}
		})
	}
}
