package gyqc_test

import (
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestManualReturn(t *testing.T) {
	plan := planfile.Default()
	p := per("2025-06")
	due := plan.Due(p)
	day := 24 * time.Hour
	at := func(v int, o gyqc.Outcome, received time.Time) gyqc.Submission {
		return gyqc.Submission{ID: int64(v), Unit: "fgw", Period: p, Version: v, Outcome: o, Received: received}
	}
	ev := func(kind gyqc.ReviewKind, v int, when time.Time, until time.Time) gyqc.ReviewEvent {
		return gyqc.ReviewEvent{Period: p, Unit: "fgw", Kind: kind, Version: v, Text: "进展情况与上月完全相同，请据实填写", Until: until, Reviewer: "王科长", At: when}
	}
	tests := []struct {
		name     string
		attempts []gyqc.Submission
		reviews  gyqc.Reviews
		now      time.Time

		state     gyqc.State
		label     string
		review    gyqc.ReviewStatus
		returned  bool
		corrected bool
		late      time.Duration
		refusals  float64 // points lost under the rule "refused"
	}{
		{name: "accepted, not yet reviewed", attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day))},
			state: gyqc.StateOnTime, label: "按时报送", review: gyqc.ReviewPending},
		{name: "nothing received: nothing to review",
			state: gyqc.StateMissing, label: "未报送", review: gyqc.ReviewNone},
		{name: "accepted by the office", attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day))},
			reviews: gyqc.Reviews{ev(gyqc.ReviewAccept, 1, due.Add(day), time.Time{})},
			state:   gyqc.StateOnTime, label: "按时报送", review: gyqc.ReviewAccepted},
		{name: "accepted, then a new version awaits review",
			attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-2*day)), at(2, gyqc.OutcomeAccepted, due.Add(-day))},
			reviews:  gyqc.Reviews{ev(gyqc.ReviewAccept, 1, due.Add(-day-time.Hour), time.Time{})},
			state:    gyqc.StateOnTime, label: "按时报送", review: gyqc.ReviewPending},
		{name: "returned by hand, not corrected", attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day))},
			reviews: gyqc.Reviews{ev(gyqc.ReviewReturn, 1, due.Add(day), due.Add(4*day))},
			state:   gyqc.StateRefused, label: "被退回", review: gyqc.ReviewReturned, returned: true, refusals: 2},
		{name: "returned, corrected before the date set: 按期更正, not 迟报",
			attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day)), at(2, gyqc.OutcomeAccepted, due.Add(3*day))},
			reviews:  gyqc.Reviews{ev(gyqc.ReviewReturn, 1, due.Add(day), due.Add(4*day))},
			state:    gyqc.StateOnTime, label: "按时报送（按期更正）", review: gyqc.ReviewPending, corrected: true, refusals: 2},
		{name: "returned, corrected a day after the date set",
			attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day)), at(2, gyqc.OutcomeWarned, due.Add(5*day))},
			reviews:  gyqc.Reviews{ev(gyqc.ReviewReturn, 1, due.Add(day), due.Add(4*day))},
			state:    gyqc.StateLate, label: "迟报1天", review: gyqc.ReviewPending, late: day, refusals: 2},
		{name: "returned with no date set, corrected after the deadline",
			attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day)), at(2, gyqc.OutcomeAccepted, due.Add(day+time.Hour))},
			reviews:  gyqc.Reviews{ev(gyqc.ReviewReturn, 1, due.Add(day), time.Time{})},
			state:    gyqc.StateLate, label: "迟报1天1小时", review: gyqc.ReviewPending, late: day + time.Hour, refusals: 2},
		{name: "returned before the deadline, corrected before it",
			attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-3*day)), at(2, gyqc.OutcomeAccepted, due.Add(-day))},
			reviews:  gyqc.Reviews{ev(gyqc.ReviewReturn, 1, due.Add(-2*day), time.Time{})},
			state:    gyqc.StateOnTime, label: "按时报送（按期更正）", review: gyqc.ReviewPending, corrected: true, refusals: 2},
		{name: "late first version stays late after a correction in time",
			attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(2*day)), at(2, gyqc.OutcomeAccepted, due.Add(4*day))},
			reviews:  gyqc.Reviews{ev(gyqc.ReviewReturn, 1, due.Add(3*day), due.Add(6*day))},
			state:    gyqc.StateLate, label: "迟报2天（按期更正）", review: gyqc.ReviewPending, corrected: true, late: 2 * day, refusals: 2},
		{name: "returned, correction refused by the checks",
			attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day)), at(2, gyqc.OutcomeRefused, due.Add(2*day))},
			reviews:  gyqc.Reviews{ev(gyqc.ReviewReturn, 1, due.Add(day), due.Add(4*day))},
			state:    gyqc.StateRefused, label: "被退回", review: gyqc.ReviewPending, refusals: 4},
		{name: "a return after the evaluation time does not count", now: due.Add(day),
			attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day))},
			reviews:  gyqc.Reviews{ev(gyqc.ReviewReturn, 1, due.Add(2*day), time.Time{})},
			state:    gyqc.StateOnTime, label: "按时报送", review: gyqc.ReviewPending},
		{name: "returned twice, corrected twice, last correction accepted by the office",
			attempts: []gyqc.Submission{at(1, gyqc.OutcomeAccepted, due.Add(-day)), at(2, gyqc.OutcomeAccepted, due.Add(day)), at(3, gyqc.OutcomeAccepted, due.Add(3*day))},
			reviews: gyqc.Reviews{ev(gyqc.ReviewReturn, 1, due.Add(-time.Hour), due.Add(2*day)), ev(gyqc.ReviewReturn, 2, due.Add(2*day), due.Add(4*day)),
				ev(gyqc.ReviewAccept, 3, due.Add(5*day), time.Time{})},
			state: gyqc.StateOnTime, label: "按时报送（按期更正）", review: gyqc.ReviewAccepted, corrected: true, refusals: 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := gyqc.EvaluateInput(plan, p, gyqc.Input{Submissions: tc.attempts, Reviews: tc.reviews, Now: tc.now})
			if err != nil {
				t.Fatal(err)
			}
			u := e.Unit("fgw")
			r := u.Report
			if r.State != tc.state || r.Label() != tc.label || r.ReviewStatus != tc.review {
				t.Errorf("state %s %q review %q; want %s %q %q", r.State, r.Label(), r.ReviewStatus, tc.state, tc.label, tc.review)
			}
			if (r.Returned != nil) != tc.returned || r.Corrected != tc.corrected || r.Late != tc.late {
				t.Errorf("returned %v corrected %v late %v; want %v %v %v", r.Returned != nil, r.Corrected, r.Late, tc.returned, tc.corrected, tc.late)
			}
			if tc.returned && r.ReturnLabel(plan) == "" {
				t.Error("a return in force has no label")
			}
			if got := lostTo(u.Score, gyqc.PenaltyRefused); got != tc.refusals {
				t.Errorf("lost %v points for refusals, want %v: %+v", got, tc.refusals, u.Score.Deductions)
			}
		})
	}
}

func lostTo(s gyqc.Score, k gyqc.PenaltyKey) float64 {
	var sum float64
	for _, d := range s.Deductions {
		if d.Penalty == k {
			sum += d.Points
		}
	}
	return sum
}

func TestReviewFold(t *testing.T) {
	p := per("2025-06")
	t0 := time.Date(2025, 7, 3, 9, 0, 0, 0, time.UTC)
	e := func(min int, kind gyqc.ReviewKind, flag string, task int) gyqc.ReviewEvent {
		return gyqc.ReviewEvent{Period: p, Unit: "jxw", Kind: kind, Flag: flag, Task: task, Reviewer: "李四", At: t0.Add(time.Duration(min) * time.Minute)}
	}
	rs := gyqc.Reviews{
		e(0, gyqc.ReviewConfirm, gyqc.StatusFlagKey(3), 0),
		e(1, gyqc.ReviewConfirm, gyqc.StatusFlagKey(1), 0),
		e(2, gyqc.ReviewAdopt, "", 5),
		e(3, gyqc.ReviewAdopt, "", 2),
		e(10, gyqc.ReviewDismiss, gyqc.StatusFlagKey(3), 0),
		e(11, gyqc.ReviewUnadopt, "", 5),
		{Period: p.Add(-1), Unit: "jxw", Kind: gyqc.ReviewAdopt, Task: 7, At: t0},
	}
	tests := []struct {
		name      string
		now       time.Time
		confirmed []string
		dismissed []string
		adopted   []int
		notAdopt  []int
	}{
		{name: "everything counted", confirmed: []string{"status:1"}, dismissed: []string{"status:3"}, adopted: []int{2}, notAdopt: []int{5, 7}},
		{name: "as of before the second thoughts", now: t0.Add(5 * time.Minute),
			confirmed: []string{"status:1", "status:3"}, adopted: []int{2, 5}, notAdopt: []int{7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rs.Of(p, "jxw", tc.now)
			if got := rs.Fold(tc.now)[gyqc.ReviewKey(p, "jxw")]; got == nil || len(got.Flags) != len(r.Flags) || len(got.Adoptions) != len(r.Adoptions) {
				t.Fatalf("Fold and Of disagree: %+v vs %+v", got, r)
			}
			for _, k := range tc.confirmed {
				if !r.Confirmed(k) || r.Dismissed(k) {
					t.Errorf("flag %s should be confirmed", k)
				}
			}
			for _, k := range tc.dismissed {
				if r.Confirmed(k) || !r.Dismissed(k) {
					t.Errorf("flag %s should be dismissed", k)
				}
			}
			for _, n := range tc.adopted {
				if !r.Adopted(n) {
					t.Errorf("task %d should be adopted", n)
				}
			}
			for _, n := range tc.notAdopt {
				if r.Adopted(n) {
					t.Errorf("task %d should not be adopted", n)
				}
			}
		})
	}
	var none *gyqc.Review
	if none.Confirmed("status:1") || none.Adopted(1) || rs.Of(p, "fgw", time.Time{}) != nil {
		t.Error("no review confirms or adopts nothing")
	}
}
