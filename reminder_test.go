package gyqc_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestReminders(t *testing.T) {
	plan := planfile.Default()
	p := per("2025-06")
	due := plan.Due(p)
	units := plan.ResponsibleUnits()
	onTime, refused, missing := units[0].Code, units[1].Code, units[2].Code
	sub := func(unit string, v int, o gyqc.Outcome, at time.Time, probs ...gyqc.Problem) gyqc.Submission {
		return gyqc.Submission{ID: int64(len(unit) + v), Unit: unit, Period: p, Version: v, Outcome: o, Received: at, Problems: probs}
	}
	bad := gyqc.Problem{Severity: gyqc.SevError, Rule: "not-a-number", Message: "指标“上云企业数”的本期值不是数字"}
	subs := []gyqc.Submission{
		sub(onTime, 1, gyqc.OutcomeAccepted, due.Add(-48*time.Hour)),
		sub(refused, 1, gyqc.OutcomeRefused, due.Add(-30*time.Hour), bad, bad),
	}
	contacts := gyqc.Contacts(plan, subs, time.Time{})
	tests := []struct {
		name    string
		now     time.Time
		states  map[string]gyqc.State // of the three units; absent: not on the list
		count   int                   // units on the list
		message map[string][]string   // substrings of each unit's message
	}{
		{"before the deadline", due.Add(-7 * time.Hour), map[string]gyqc.State{refused: gyqc.StateRefused, missing: gyqc.StateNotYetDue}, len(units) - 1,
			map[string][]string{
				refused: {"【提醒】", "（第1版）已退回，指标“上云企业数”的本期值不是数字等2个问题", "请于7月1日前修改后重新报送"},
				missing: {"【提醒】", "请于7月1日前报送（还有7小时）", "已发送的请忽略"},
			}},
		{"after the deadline", due.Add(26 * time.Hour), map[string]gyqc.State{refused: gyqc.StateRefused, missing: gyqc.StateMissing}, len(units) - 1,
			map[string][]string{
				refused: {"【催报】", "截止时间7月1日已过，请尽快修改后重新报送"},
				missing: {"【催报】", "应于7月1日前报送，已逾期1天2小时，至今未收到"},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := gyqc.Evaluate(plan, p, subs, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			list := gyqc.Reminders(ev, contacts)
			if len(list) != tc.count {
				t.Errorf("%d units on the list, want %d", len(list), tc.count)
			}
			got := map[string]gyqc.Reminder{}
			for _, r := range list {
				got[r.Code] = r
			}
			if _, ok := got[onTime]; ok {
				t.Errorf("a unit that reported is on the list")
			}
			for code, st := range tc.states {
				r, ok := got[code]
				if !ok || r.State != st {
					t.Errorf("%s: got %+v, want state %s", code, r, st)
					continue
				}
				msg := r.Message(plan, p, tc.now)
				for _, want := range tc.message[code] {
					if !strings.Contains(msg, want) {
						t.Errorf("%s: message %q lacks %q", code, msg, want)
					}
				}
				if n := utf8.RuneCountInString(msg); n > 140 {
					t.Errorf("%s: message of %d characters is too long for a text message: %s", code, n, msg)
				}
			}
		})
	}
}
