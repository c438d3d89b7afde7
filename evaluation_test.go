package gyqc_test

import (
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/internal/fixture"
	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestEvaluateRefusesBadArguments(t *testing.T) {
	plan := planfile.Default()
	tests := []struct {
		name   string
		plan   *gyqc.Plan
		period gyqc.Period
		code   string
		msg    string
	}{
		{name: "period after the horizon", plan: plan, period: per("2026-01"), code: gyqc.EInvalid, msg: "不在方案的报送期范围内"},
		{name: "period before the horizon", plan: plan, period: per("2022-08"), code: gyqc.EInvalid, msg: "不在方案的报送期范围内"},
		{name: "no plan", period: per("2025-06"), code: gyqc.EInternal, msg: "没有可用的方案"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := gyqc.Evaluate(tc.plan, tc.period, nil, time.Time{})
			if ev != nil || gyqc.ErrorCode(err) != tc.code || !strings.Contains(gyqc.ErrorMessage(err), tc.msg) {
				t.Errorf("got %v, %v (code %s); want code %s and %q", ev, err, gyqc.ErrorCode(err), tc.code, tc.msg)
			}
		})
	}
}

func TestEvaluateIgnoresWhatItCannotPlace(t *testing.T) {
	w := fixture.New(t, nil).Fill(per("2025-06"), per("2025-06"))
	stray := w.Good("fgw", per("2025-06"))
	stray.Unit, stray.FileName = "nobody", "nobody.xlsx"
	early := w.Good("fgw", per("2025-06"))
	early.Period, early.FileName = per("2021-12"), "early.xlsx"
	odd := w.Good("jxw", per("2025-06"))
	odd.Outcome, odd.FileName = "maybe", "odd.xlsx"
	later := w.Good("jxw", per("2025-07"))
	later.Values = nil // a later period is simply out of scope
	w.Add(stray).Add(early).Add(odd).Add(later)

	ev := w.Evaluate(per("2025-06"))
	var got []string
	for _, p := range ev.Ignored {
		got = append(got, p.File+" "+string(p.Rule))
		if p.Severity != gyqc.SevWarning || p.Message == "" || p.Fix == "" {
			t.Errorf("ignored attempt without a warning, message and fix: %+v", p)
		}
	}
	if want := "nobody.xlsx unknown-unit|early.xlsx period-outside-horizon|odd.xlsx unknown-outcome"; strings.Join(got, "|") != want {
		t.Errorf("ignored %v, want %s", got, want)
	}
	if r := ev.Unit("jxw").Report; r.Versions != 1 || r.State != gyqc.StateOnTime {
		t.Errorf("jxw: %d versions, %s; the odd attempt must not count", r.Versions, r.State)
	}
}

// TestEveryFigureTracesToItsFile checks that each indicator's value is the figure of its
// reporting unit's current submission, and each task entry's text that of the unit's file.
func TestEveryFigureTracesToItsFile(t *testing.T) {
	w := fixture.New(t, shortPlan(t)).Fill(per("2025-01"), per("2025-06"))
	correction := w.Good("jxw", per("2025-06"))
	correction.Received = correction.Received.Add(72 * time.Hour)
	correction.Hash = "jxw-v2"
	for i := range correction.Values {
		v := *correction.Values[i].Value + 1
		correction.Values[i].Value = &v
	}
	w.Add(correction)
	ev := w.Evaluate(per("2025-06"))
	for _, ie := range ev.Indicators {
		if ie.Source == nil {
			t.Errorf("%s has no source", ie.Key)
			continue
		}
		in := ie.Source.Value(ie.Key)
		if in == nil || !sameNumber(in.Value, ie.Value) || ie.Source.Unit != ie.Indicator.UnitCode {
			t.Errorf("%s = %s does not come from %s's file", ie.Key, show(ie.Value), ie.Indicator.UnitCode)
		}
		if ie.Indicator.UnitCode == "jxw" && ie.Source.Hash != "jxw-v2" {
			t.Errorf("%s comes from %s, want the corrected version", ie.Key, ie.Source.Hash)
		}
	}
	for _, te := range ev.Tasks {
		for _, e := range append(te.Leads, te.Supports...) {
			if e.Report != nil && e.Report != e.State.Current.Task(te.No) {
				t.Errorf("task %d: %s's entry is not the report of its current file", te.No, e.Code)
			}
		}
	}
	if r := ev.Unit("jxw").Report; r.State != gyqc.StateOnTime || r.Versions != 2 {
		t.Errorf("jxw corrected after the deadline: %s with %d versions, want on time with 2", r.State, r.Versions)
	}
}

// TestGoldenEvaluation compares a text dump of a month with a bit of everything against
// testdata/evaluation/2025-06.golden; run with -update to rewrite it after a deliberate change.
func TestGoldenEvaluation(t *testing.T) {
	w := fixture.New(t, shortPlan(t)).Fill(per("2025-01"), per("2025-06"))
	p := per("2025-06")
	w.Drop("fgw", per("2025-05"))
	w.Latest("fgw", p).Received = w.Plan.Due(p).Add(3*24*time.Hour + 2*time.Hour)
	w.Status("fgw", p, 7, gyqc.StatusBehind)
	w.SetValue("new-projects", p, num(8)).SetValue("emerging-share", p, num(15)).SetValue("index-rank-city", p, num(17))
	w.SetValue("scale-enterprises", p, num(70)).SetValue("rnd-share", p, nil)
	w.Latest("kjj", p).Outcome = gyqc.OutcomeRefused
	w.Drop("czj", p)
	w.Drop("zstzj", p)
	bad := w.Good("dsjj", p)
	bad.Outcome = gyqc.OutcomeRefused
	bad.Problems = gyqc.Problems{{Severity: gyqc.SevError, Sheet: "任务进展", Cell: "D4", Message: "牵头任务的本月工作进展未填写"}}
	good := *w.Latest("dsjj", p)
	w.Drop("dsjj", p).Add(bad).Add(good)
	warned := w.Latest("jrb", p)
	warned.Outcome = gyqc.OutcomeWarned
	warned.Problems = gyqc.Problems{{Severity: gyqc.SevWarning, File: "jrb.xlsx", Sheet: "指标", Cell: "E5", Message: "较上月下降"}}
	for _, m := range []string{"2025-04", "2025-05", "2025-06"} {
		w.Status("zzb", per(m), 22, gyqc.StatusBehind)
	}
	ev := w.Evaluate(p)
	got := dump(ev)

	path := filepath.Join("testdata", "evaluation", "2025-06.golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGoldenEvaluation -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, x string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				x = wl[i]
			}
			if g != x {
				t.Fatalf("dump differs from %s at line %d:\ngot  %s\nwant %s\n(run with -update after a deliberate change)", path, i+1, g, x)
			}
		}
	}
}

// dump writes an evaluation as text, the way a reader checks it.
func dump(ev *gyqc.Evaluation) string {
	var b strings.Builder
	s := ev.Summary
	fmt.Fprintf(&b, "报送期 %s  截止 %s\n", ev.Period.Label(), ev.Plan.DueLabel(ev.Period))
	fmt.Fprintf(&b, "单位 %d：按时 %d，迟报 %d，未报送 %d，被退回 %d\n", s.Units, s.OnTime, s.Late, s.Missing, s.Refused)
	for _, l := range []gyqc.Light{gyqc.LightGreen, gyqc.LightYellow, gyqc.LightRed} {
		fmt.Fprintf(&b, "%s %d 项（%s）\n", l.Label(), s.Lights.Of(l), s.LightChange(l))
	}
	fmt.Fprintf(&b, "指标 %d：符合进度 %d，滞后 %d，严重滞后 %d，无数据 %d，无可比数据 %d\n",
		s.Indicators, s.OnTrack, s.Behind, s.FarBehind, s.NoData, s.NoBasis)

	b.WriteString("\n== 指标\n")
	for _, ie := range ev.Indicators {
		fmt.Fprintf(&b, "%s｜%s｜目标%s｜本期 %s｜上期 %s｜完成 %s｜进度 %s｜%s\n  %s\n",
			ie.Key, ie.Indicator.Kind.Label(), ie.Indicator.TargetLabel(), show(ie.Value), show(ie.Previous),
			show(round4(ie.Completion)), show(round4(ie.Expectation)), ie.Status.Label(), ie.Reason)
	}

	b.WriteString("\n== 任务\n")
	for _, te := range ev.Tasks {
		var hist []string
		for _, h := range te.History {
			hist = append(hist, h.Light.Label())
		}
		fmt.Fprintf(&b, "%d %s｜%s｜%s\n  历史：%s\n", te.No, te.Task.Title, te.Light.Label(), te.Reason(), strings.Join(hist, " "))
		for _, e := range append(te.Leads, te.Supports...) {
			text := ""
			if e.Report != nil {
				text = e.Report.Progress
			}
			fmt.Fprintf(&b, "  %s %s：%s %s\n", e.Role.Label(), e.Unit.Name, e.StatusLabel(), text)
		}
	}

	b.WriteString("\n== 单位考核\n")
	for _, u := range ev.Ranking {
		fmt.Fprintf(&b, "%s %s｜%s｜%s 分｜%s｜版本 %d｜%s\n", u.RankLabel(), u.Name, u.Report.Label(),
			gyqc.FormatNumber(u.Score.Value), strings.Join(noData(u.Score), "、"), u.Report.Versions, u.Streak.Label())
		for _, d := range u.Score.Deductions {
			fmt.Fprintf(&b, "  -%s %s：%s\n", gyqc.FormatNumber(d.Points), d.Penalty.Label(), d.Reason)
		}
	}
	return b.String()
}

func noData(s gyqc.Score) []string {
	var out []string
	for _, c := range s.NoData {
		out = append(out, c.Label()+"无数据")
	}
	return out
}

func round4(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := math.Round(*v*1e4) / 1e4
	return &r
}

// FuzzEvaluate feeds arbitrary attempts to Evaluate: whatever they hold, it returns an
// evaluation whose counts add up, never a panic.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	f.Add([]byte("refused then accepted, late, NaN and huge numbers......"))
	f.Add(make([]byte, 64))
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1, 2, 3})
	plan := shortPlan(f)
	units := []string{"fgw", "jxw", "zyyq", "zstzj", "kjj", "cdjd", "nobody", ""}
	outcomes := []gyqc.Outcome{gyqc.OutcomeAccepted, gyqc.OutcomeWarned, gyqc.OutcomeRefused, "x"}
	statuses := []gyqc.Status{gyqc.StatusDone, gyqc.StatusOnTrack, gyqc.StatusBehind, gyqc.StatusNotBegun, "", "乱写"}
	values := []float64{0, -1, 1e308, math.NaN(), math.Inf(1), 12.5, 100, 3}
	f.Fuzz(func(t *testing.T, data []byte) {
		var subs []gyqc.Submission
		for len(data) >= 8 {
			c := data[:8]
			data = data[8:]
			s := gyqc.Submission{
				Unit:     units[int(c[0])%len(units)],
				Period:   per("2024-11").Add(int(c[1]) % 10),
				Version:  int(c[2]%4) - 1,
				Outcome:  outcomes[int(c[3])%len(outcomes)],
				Received: plan.Due(per("2025-03")).Add(time.Duration(int16(binary.LittleEndian.Uint16(c[4:6]))) * time.Hour),
			}
			for i, no := range []int{int(c[6] % 30), 7, 20} {
				s.Tasks = append(s.Tasks, gyqc.TaskReport{Task: no, Status: statuses[(int(c[6])+i)%len(statuses)]})
			}
			for i, ind := range plan.Indicators {
				if (int(c[7])+i)%3 == 0 {
					v := values[(int(c[7])+i)%len(values)]
					s.Values = append(s.Values, gyqc.IndicatorValue{Key: ind.Key, Value: &v})
				}
			}
			subs = append(subs, s)
		}
		now := time.Time{}
		if len(data) > 0 {
			now = plan.Due(per("2025-05")).Add(time.Duration(data[0]) * time.Hour)
		}
		ev, err := gyqc.Evaluate(plan, per("2025-06"), subs, now)
		if err != nil {
			t.Fatal(err)
		}
		s := ev.Summary
		if len(ev.Units) != 36 || len(ev.Tasks) != 24 || s.OnTime+s.Late+s.Missing+s.Refused+s.NotYetDue != 36 ||
			s.Lights.Green+s.Lights.Yellow+s.Lights.Red+s.Lights.None != 24 {
			t.Fatalf("counts do not add up: %+v", s)
		}
		for _, te := range ev.Tasks {
			if te.Reason() == "" {
				t.Errorf("task %d: %s without a reason", te.No, te.Light)
			}
		}
		for _, u := range ev.Units {
			if u.Score.Value < 0 || u.Score.Value > u.Score.Full || math.IsNaN(u.Score.Value) {
				t.Errorf("%s scores %v", u.Code, u.Score.Value)
			}
		}
		for _, ie := range ev.Indicators {
			if ie.Value != nil && (math.IsNaN(*ie.Value) || math.IsInf(*ie.Value, 0)) {
				t.Errorf("%s carries a value that is not a number", ie.Key)
			}
		}
	})
}
