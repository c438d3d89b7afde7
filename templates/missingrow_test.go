package templates

import (
	"strconv"
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestMissingRowNamesTheRow deletes a task row and an indicator row of jxw's filled
// template: each reader reports each as missing-row, naming the task (with its title) or the
// indicator in the message and in the problem's Task or Indicator, with the same fix.
func TestMissingRowNamesTheRow(t *testing.T) {
	k := newFaultKit(t)
	task := k.tasks[1]
	ind := k.p.ReportedIndicators("jxw")[2]
	f := openBytes(t, filledTemplate(t))
	mustDo(t, f.RemoveRow(SheetTasks, k.first+1))
	mustDo(t, f.RemoveRow(SheetIndicators, k.lay.Indicators.FirstDataRow()+2))
	data := saveBytes(t, f)
	const fix = "请使用下发的原模板填写，不要删除行或改动隐藏的行键"
	want := []gyqc.Problem{
		{Severity: gyqc.SevError, Sheet: SheetTasks, Rule: RuleMissingRow, Task: task.Task, Fix: fix,
			Message: "缺少任务 " + strconv.Itoa(task.Task) + "“" + k.p.Task(task.Task).Title + "”所在的行（可能被删除，或行键被改动）"},
		{Severity: gyqc.SevError, Sheet: SheetIndicators, Rule: RuleMissingRow, Indicator: ind.Key, Fix: fix,
			Message: "缺少指标“" + ind.Name + "”所在的行（可能被删除，或行键被改动）"},
	}
	for _, rdr := range readers {
		t.Run(rdr.Name, func(t *testing.T) {
			ret, probs := rdr.Read(t, data, k.p)
			if ret == nil {
				t.Fatal(probs)
			}
			var got []gyqc.Problem
			for _, p := range probs {
				if p.Rule == RuleMissingRow {
					got = append(got, p)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("missing-row problems:\n%s\nwant %d", probs.Error(), len(want))
			}
			for i := range want {
				if g, w := got[i], want[i]; g.Severity != w.Severity || g.Sheet != w.Sheet || g.Rule != w.Rule ||
					g.Task != w.Task || g.Indicator != w.Indicator || g.Fix != w.Fix || g.Message != w.Message || g.Cell != "" {
					t.Errorf("problem %d:\ngot  %+v\nwant %+v", i, g, w)
				}
			}
			if len(ret.Tasks) != len(k.tasks)-1 || ret.Task(task.Task) != nil || ret.Value(ind.Key) != nil {
				t.Errorf("read %d tasks (task %d: %v), indicator %s: %v", len(ret.Tasks), task.Task, ret.Task(task.Task), ind.Key, ret.Value(ind.Key))
			}
		})
	}
}
