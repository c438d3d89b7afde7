package store

import (
	"context"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
)

func TestReviewsAndAuditRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	at := time.Date(2025, 7, 3, 10, 30, 15, 123456789, time.FixedZone("CST", 8*3600))
	in := []gyqc.ReviewEvent{
		{Period: gyqc.MustPeriod("2025-06"), Unit: "jxw", Kind: gyqc.ReviewReturn, Version: 2, Text: "进展与上月相同", Until: at.Add(48 * time.Hour), Reviewer: "王科长", At: at},
		{Period: gyqc.MustPeriod("2025-06"), Unit: "jxw", Kind: gyqc.ReviewConfirm, Flag: "status:3", Reviewer: "王科长", At: at.Add(time.Minute)},
		{Period: gyqc.MustPeriod("2025-05"), Unit: "fgw", Kind: gyqc.ReviewAdopt, Task: 7, Text: "做法可推广", Reviewer: "李四", At: at},
	}
	err := s.Update(ctx, func(tx *Tx) error {
		for i := range in {
			if err := tx.AddReview(&in[i]); err != nil {
				return err
			}
			if err := tx.Audit(&gyqc.AuditEntry{Actor: in[i].Reviewer, Action: gyqc.ActionReview, Period: in[i].Period, Unit: in[i].Unit, Detail: in[i].Kind.Label()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Reviews(ctx, gyqc.MustPeriod("2025-06"), gyqc.MustPeriod("2025-06"))
	if err != nil || len(got) != 2 {
		t.Fatalf("reviews of June: %v, %+v", err, got)
	}
	if g := got[0]; g.ID == 0 || g.Kind != gyqc.ReviewReturn || g.Version != 2 || !g.At.Equal(at) || !g.Until.Equal(at.Add(48*time.Hour)) || g.Text != in[0].Text {
		t.Errorf("read back %+v, want %+v", g, in[0])
	}
	if g := got[1]; g.Flag != "status:3" || !g.Until.IsZero() {
		t.Errorf("read back %+v", g)
	}
	log, err := s.AuditLog(ctx, gyqc.MustPeriod("2025-06"))
	if err != nil || len(log) != 2 {
		t.Fatalf("audit of June: %v, %+v", err, log)
	}
	if e := log[0]; e.Actor != "王科长" || e.Action != gyqc.ActionReview || e.Unit != "jxw" || e.Detail != "退回" || !e.Time.Equal(s.Now()) {
		t.Errorf("audit entry %+v", e)
	}
}

func TestLockAndSupplements(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	may, june, july := gyqc.MustPeriod("2025-05"), gyqc.MustPeriod("2025-06"), gyqc.MustPeriod("2025-07")
	record := func(unit, period, data string) *gyqc.Submission {
		t.Helper()
		got, _, err := s.Record(ctx, sample(t, s, unit, period, data, gyqc.OutcomeAccepted))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	lock := func(p gyqc.Period, ids ...int64) *gyqc.Lock {
		t.Helper()
		hash, err := s.Archive(ctx, "汇总表.xlsx", []byte("workbook of "+p.String()))
		if err != nil {
			t.Fatal(err)
		}
		l := &gyqc.Lock{Period: p, SignedBy: "赵主任", At: s.Now(), PlanVersion: "2025.1", Versions: ids, Workbook: hash}
		if err := s.Update(ctx, func(tx *Tx) error { return tx.AddLock(l, []byte(`{}`)) }); err != nil {
			t.Fatal(err)
		}
		return l
	}
	a := record("fgw", "2025-05", "may-fgw")
	b := record("jxw", "2025-06", "june-jxw")
	lock(may, a.ID)
	lock(june, b.ID)
	if err := s.Update(ctx, func(tx *Tx) error { return tx.AddLock(&gyqc.Lock{Period: june, Workbook: b.Hash}, nil) }); gyqc.ErrorCode(err) != gyqc.EInvalid {
		t.Errorf("locking a locked period: %v", err)
	}

	// Late returns for May and June: kept, out of their locked periods, shown in July.
	c := record("jxw", "2025-05", "may-jxw-late")
	d := record("fgw", "2025-06", "june-fgw-late")
	in, err := s.Input(ctx, may, july)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Submissions) != 2 || in.Submissions[0].ID != a.ID || in.Submissions[1].ID != b.ID {
		t.Errorf("counted %+v, want only the locked versions", in.Submissions)
	}
	if len(in.Supplements) != 2 || in.Supplements[0].Submission.ID != c.ID || in.Supplements[0].ShownIn != july ||
		in.Supplements[1].Submission.ID != d.ID || in.Supplements[1].ShownIn != july {
		t.Errorf("supplements %+v", in.Supplements)
	}

	// Unlock June: its late return counts again; the lock stays as history.
	var lifted *gyqc.Lock
	if err := s.Update(ctx, func(tx *Tx) (err error) {
		lifted, err = tx.Unlock(june, s.Now(), "赵主任", "发改委补报数据更正")
		return err
	}); err != nil || lifted.UnlockReason != "发改委补报数据更正" {
		t.Fatalf("unlock: %v %+v", err, lifted)
	}
	if err := s.Update(ctx, func(tx *Tx) error { _, err := tx.Unlock(june, s.Now(), "x", "y"); return err }); gyqc.ErrorCode(err) != gyqc.EInvalid {
		t.Errorf("unlocking an open period: %v", err)
	}
	if in, err = s.Input(ctx, may, july); err != nil || len(in.Submissions) != 3 || len(in.Supplements) != 1 {
		t.Errorf("after unlocking June: %v, %d counted, %d supplements", err, len(in.Submissions), len(in.Supplements))
	}
	all, err := s.Locks(ctx, may, july)
	if err != nil || len(all) != 2 || !all[0].Holds() || all[1].Holds() || len(all[0].Versions) != 1 {
		t.Errorf("locks %+v %v", all, err)
	}

	// With June locked again, a late May return is shown in July, the first open period.
	lock(june, b.ID, d.ID)
	e := record("dsjj", "2025-05", "may-dsjj-late")
	if err := s.Update(ctx, func(tx *Tx) error {
		ok, shown, err := tx.Supplement(e.ID)
		if err == nil && (!ok || shown != july) {
			t.Errorf("supplement %v shown in %s, want July", ok, shown)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
