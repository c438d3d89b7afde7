package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/clients"
	"github.com/qianjiang/gyqc/samples"
)

// statusView is what the tests read of `gyqc status --json`.
type statusView struct {
	AsOf        string `json:"as_of"`
	Provisional bool   `json:"provisional"`
	Units       []statusUnit
	Chase       []statusUnit
}

// reportingCase is a period with three kinds of unit, by mail: a reported on time, b was
// refused (a figure written as text), every other unit sent nothing.
func reportingCase(t *testing.T) (*mailCase, string, string) {
	mc := newMailCase(t)
	a, b := mc.units[0], mc.units[1]
	spoiled := mc.returns[b].Submission
	spoiled.Values = append([]gyqc.IndicatorValue(nil), spoiled.Values...)
	for i, v := range spoiled.Values {
		if v.Value != nil {
			spoiled.Values[i] = gyqc.IndicatorValue{Key: v.Key, Raw: "待统计", Note: v.Note}
			break
		}
	}
	data, err := samples.Fill(mustRead(t, mc.template("2025-06", b)), &samples.Return{Submission: spoiled})
	if err != nil {
		t.Fatal(err)
	}
	mc.goMail("a.eml", a, "Sat, 28 Jun 2025 02:00:00 +0000", "a@qj.example.cn")
	mc.pyMail("b.eml", false, map[string]any{"received": "Sun, 29 Jun 2025 16:00:00 +0800", "date": "Sun, 29 Jun 2025 15:59:00 +0800",
		"from": []string{"B", "b@qj.example.cn"}, "subject": "报表", "charset": "gbk",
		"attachments": []any{attachment(mc.book(b, data), b+".xlsx", "")}})
	if _, err := mc.collect("", mc.inbox); err == nil {
		t.Fatal("b's return must be refused")
	}
	return mc, a, b
}

func (mc *mailCase) status(asOf string) statusView {
	mc.t.Helper()
	now, err := parseAsOf(asOf, mc.plan.Location())
	if err != nil {
		mc.t.Fatal(err)
	}
	var out strings.Builder
	if err := runStatus(context.Background(), mc.plan, statusOptions{Workspace: mc.workspace, Period: mc.period, JSON: true, Now: now}, &out); err != nil {
		mc.t.Fatal(err)
	}
	var v statusView
	if err := json.Unmarshal([]byte(out.String()), &v); err != nil {
		mc.t.Fatal(err)
	}
	return v
}

// TestStatusAsOf checks status before and after the deadline: before it, units that have
// sent nothing are 尚未报送 (not_yet_due) and not chased; after it they are 未报送 (missing)
// and chased; contacts and e-mail come from the returns.
func TestStatusAsOf(t *testing.T) {
	mc, a, b := reportingCase(t)
	n := len(mc.units)
	for _, tc := range []struct {
		name, asOf  string
		provisional bool
		nobody      gyqc.State
		chase       int
	}{
		{"before the deadline", "2025-06-30 17:00", true, gyqc.StateNotYetDue, 1},
		{"after the deadline", "2025-07-02 09:00", false, gyqc.StateMissing, n - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := mc.status(tc.asOf)
			if v.Provisional != tc.provisional || len(v.Units) != n || len(v.Chase) != tc.chase {
				t.Fatalf("provisional %v, %d units, %d chased; want %v, %d, %d", v.Provisional, len(v.Units), len(v.Chase), tc.provisional, n, tc.chase)
			}
			for _, u := range v.Units {
				want, label := tc.nobody, tc.nobody.Label()
				switch u.Code {
				case a:
					want, label = gyqc.StateOnTime, "按时报送"
				case b:
					want, label = gyqc.StateRefused, "被退回"
				}
				if u.State != want || u.Label != label {
					t.Errorf("%s: %s %s, want %s %s", u.Code, u.State, u.Label, want, label)
				}
			}
			for _, u := range v.Chase {
				if u.Code == a || (tc.provisional && u.Code != b) {
					t.Errorf("%s (%s) must not be chased", u.Code, u.State)
				}
			}
			ua := v.Units[0]
			fa := mc.returns[a].Filler
			if ua.Contact != fa.Name || ua.Phone != fa.Phone || ua.Reviewer != fa.Reviewer || ua.Email != "a@qj.example.cn" ||
				ua.Sender != "报送人 <a@qj.example.cn>" || ua.Subject != "6月报表" {
				t.Errorf("%s: contact %+v, want the return's %+v and the mail's sender", a, ua, fa)
			}
		})
	}
	// The text says why nobody is chased yet.
	var out strings.Builder
	now, _ := parseAsOf("2025-06-30 17:00", mc.plan.Location())
	runStatus(context.Background(), mc.plan, statusOptions{Workspace: mc.workspace, Period: mc.period, Now: now}, &out)
	for _, want := range []string{"统计时间：2025-06-30 17:00，截止时间未到", "尚未报送", "暂不催报", "催报名单：", "（被退回）"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, out.String())
		}
	}
}

// TestRemind checks remind before and after the deadline: the workbook read by openpyxl and
// LibreOffice, the messages, and that units which reported are left out.
func TestRemind(t *testing.T) {
	mc, a, b := reportingCase(t)
	py := clients.Python(t)
	nameOf := func(code string) string { return mc.plan.Registry.Unit(code).Name }
	for _, tc := range []struct {
		name, asOf string
		tag        string
		nobody     string
		extra      string // in the message of a unit that sent nothing
	}{
		{"before the deadline", "2025-06-30 17:00", "【提醒】", "尚未报送", "请于7月1日前报送（还有7小时）"},
		{"after the deadline", "2025-07-02 09:00", "【催报】", "未报送", "已逾期1天9小时，至今未收到"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "催报")
			now, _ := parseAsOf(tc.asOf, mc.plan.Location())
			var out strings.Builder
			if err := runRemind(context.Background(), mc.plan, remindOptions{Workspace: mc.workspace, Period: mc.period, Now: now, Out: dir, JSON: true}, &out); err != nil {
				t.Fatal(err)
			}
			var res remindJSON
			if err := json.Unmarshal([]byte(out.String()), &res); err != nil {
				t.Fatal(err)
			}
			if len(res.Units) != len(mc.units)-1 {
				t.Errorf("%d units, want every unit but %s", len(res.Units), a)
			}
			for _, u := range res.Units {
				switch {
				case u.Code == a:
					t.Errorf("%s reported and is on the list", a)
				case !strings.HasPrefix(u.Message, tc.tag+u.Name):
					t.Errorf("%s: message %q does not start with %s", u.Code, u.Message, tc.tag)
				case u.Code == b:
					if u.Label != "被退回" || u.Feedback == "" || !strings.Contains(u.Message, "不是数字") || u.Contact.Email != "b@qj.example.cn" {
						t.Errorf("%s: %+v", b, u)
					}
					if _, err := os.Stat(u.Feedback); err != nil {
						t.Errorf("退回意见单 %s: %v", u.Feedback, err)
					}
				case u.Label != tc.nobody || !strings.Contains(u.Message, tc.extra):
					t.Errorf("%s: %s %q, want %s and %q", u.Code, u.Label, u.Message, tc.nobody, tc.extra)
				}
			}
			// The messages file: one numbered paragraph per unit, for Notepad.
			txt := string(mustRead(t, res.Messages))
			if !strings.HasPrefix(txt, "\uFEFF") || strings.Count(txt, "\r\n") < 2*len(res.Units) ||
				len(regexp.MustCompile(`(?m)^\d+\. `).FindAllString(txt, -1)) != len(res.Units) || strings.Contains(txt, nameOf(a)+"（") {
				t.Errorf("messages file:\n%s", txt)
			}
			// The workbook, as openpyxl (normal and read-only) and LibreOffice read it.
			script := `import json, openpyxl, sys
out = {}
for ro in (False, True):
    wb = openpyxl.load_workbook(sys.argv[1], read_only=ro)
    ws = wb["催报名单"]
    out[str(ro)] = [[c for c in r] for r in ws.iter_rows(values_only=True)]
print(json.dumps(out, ensure_ascii=False))`
			raw, err := exec.Command(py, "-c", script, res.Workbook).CombinedOutput()
			if err != nil {
				t.Fatalf("openpyxl: %v\n%s", err, raw)
			}
			var views map[string][][]any
			if err := json.Unmarshal(raw, &views); err != nil {
				t.Fatal(err)
			}
			for mode, rows := range views {
				if len(rows) != 4+len(res.Units) || rows[3][1] != "单位" || rows[3][3] != "联系人" {
					t.Fatalf("openpyxl (read_only %s): %d rows, header %v", mode, len(rows), rows[min(3, len(rows)-1)])
				}
				var rowB []any
				for _, r := range rows[4:] {
					if r[1] == nameOf(b) {
						rowB = r
					}
				}
				fb := mc.returns[b].Filler
				if rowB == nil || rowB[2] != "被退回" || rowB[3] != fb.Name || rowB[4] != fb.Phone || rowB[6] != "b@qj.example.cn" ||
					!strings.Contains(rowB[7].(string), "第1版被退回") || !strings.HasSuffix(rowB[8].(string), "_退回意见单.xlsx") ||
					!strings.HasPrefix(rowB[9].(string), tc.tag) {
					t.Errorf("openpyxl (read_only %s): %s's row %v", mode, b, rowB)
				}
			}
			csvDir := t.TempDir()
			if msg, err := clients.SofficeRun(t, csvDir, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", csvDir, res.Workbook); err != nil {
				t.Fatalf("LibreOffice: %v\n%s", err, msg)
			}
			csv := string(mustRead(t, filepath.Join(csvDir, "催报名单.csv")))
			if !strings.Contains(csv, nameOf(b)) || !strings.Contains(csv, "b@qj.example.cn") || strings.Contains(csv, nameOf(a)+",") {
				t.Errorf("LibreOffice reads:\n%s", csv)
			}
		})
	}
}

var _ = time.Now
