package intake_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
)

// Sheet names of the template-like workbooks the tests build.
const (
	tplGuide   = "填报说明"
	tplTasks   = "任务进展"
	tplValues  = "指标数据"
	tplOptions = "选项"
)

// buildTemplateLike makes a workbook shaped like a monthly template: instructions, a task sheet
// with status drop-downs and filled-in progress text, an indicator sheet, a very hidden
// option list, custom properties, protection with unlocked input cells. tasks and
// indicators say how many rows to fill (capped by the plan's 24 and 33).
func buildTemplateLike(tb testing.TB, tasks, indicators int) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	b := &templateLike{tb: tb, f: f, plan: planfile.Default()}
	b.must(f.SetSheetName("Sheet1", tplGuide))
	for _, s := range []string{tplTasks, tplValues, tplOptions} {
		_, err := f.NewSheet(s)
		b.must(err)
	}
	b.styles()
	b.guide(tasks)
	b.tasks(tasks)
	b.indicators(indicators)
	b.options()
	f.SetActiveSheet(1)
	buf, err := f.WriteToBuffer()
	b.must(err)
	// Sheet protection comes with a random salt: fix it, so that the corpus built from this
	// workbook is the same on every run.
	es := zipEntries(tb, buf.Bytes())
	for i := range es {
		es[i].data = protectionSalt.ReplaceAll(es[i].data, []byte(`${1}="AAAAAAAAAAAAAAAAAAAAAA=="`))
	}
	return packParts(tb, es)
}

// templateLike is a workbook buildTemplateLike is making, with its styles.
type templateLike struct {
	tb                           testing.TB
	f                            *excelize.File
	plan                         *gyqc.Plan
	title, header, locked, input int // style IDs
}

// tplStatuses are the choices of the status drop-down.
var tplStatuses = []string{"已完成", "正常推进", "滞后", "未启动"}

func (b *templateLike) must(err error) {
	b.tb.Helper()
	if err != nil {
		b.tb.Fatal(err)
	}
}

// styles registers the title, header, locked and input styles.
func (b *templateLike) styles() {
	f := b.f
	var err error
	b.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Family: "宋体"},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	b.must(err)
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	b.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "黑体"}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	b.must(err)
	b.locked, err = f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	b.must(err)
	b.input, err = f.NewStyle(&excelize.Style{Border: border, Protection: &excelize.Protection{Locked: false},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	b.must(err)

}

// guide writes the instructions and the list of the first tasks.
func (b *templateLike) guide(tasks int) {
	f, plan := b.f, b.plan
	b.must(f.MergeCell(tplGuide, "A1", "F1"))
	b.must(f.SetCellValue(tplGuide, "A1", plan.Title+"月度报表"))
	b.must(f.SetCellStyle(tplGuide, "A1", "F1", b.title))
	guide := []string{"一、本表由责任单位每月填报一次，报送截止时间为" + plan.DueLabel(gyqc.MustPeriod("2025-06")) + "。",
		"二、黄色单元格为填报区，其余单元格已锁定，请勿插入、删除行列或修改工作表名称。",
		"三、进展状态请从下拉列表中选择：已完成、正常推进、滞后、未启动。",
		"四、数值请直接填写数字，不要带单位；确无数据的请在“情况说明”中说明原因。",
		"五、填报完成后请保存为 .xlsx 格式，不要另存为其他格式或设置密码。"}
	for i, s := range guide {
		b.must(f.SetCellValue(tplGuide, fmt.Sprintf("A%d", i+3), s))
	}
	for i := 0; i < min(tasks, len(plan.Tasks)); i++ {
		t := plan.Tasks[i]
		row := []any{fmt.Sprintf("任务%d", t.No), t.Title, t.Text, strings.Join(t.Lead, "、"), strings.Join(t.Support, "、")}
		b.must(f.SetSheetRow(tplGuide, fmt.Sprintf("A%d", len(guide)+4+i), &row))
	}

}

// tasks writes the task sheet: tasks rows of filled-in progress, with the status drop-down.
func (b *templateLike) tasks(tasks int) {
	f, plan, statuses := b.f, b.plan, tplStatuses
	heads := []string{"序号", "任务编号", "任务内容", "承担方式", "进展状态", "本月工作进展", "存在问题及需协调事项", "下月工作计划", "上月工作进展（供参考）"}
	b.must(f.SetSheetRow(tplTasks, "A1", &heads))
	b.must(f.SetCellStyle(tplTasks, "A1", "I1", b.header))
	for i := 0; i < min(tasks, len(plan.Tasks)); i++ {
		t := plan.Tasks[i]
		row := i + 2
		progress := fmt.Sprintf("一是围绕“%s”召开专题推进会%d次，协调解决用地、用能等问题%d个；二是完成年度目标任务的%d%%，"+
			"新签约项目%d个、协议投资%d.%d亿元；三是开展企业走访%d家次，收集诉求%d条，已办结%d条。", t.Title, i%3+1, i%5+2, 40+i,
			i%4+1, 3+i, i%10, 10+i, 6+i%7, 5+i%6)
		issues := "部分项目前期手续办理进度偏慢，要素保障压力较大，需区级层面协调自然资源、生态环境等部门加快审批。"
		plan := fmt.Sprintf("下月重点推进%s相关工作，力争完成年度目标任务的%d%%以上，确保按时序进度完成。", t.Title, 50+i)
		last := fmt.Sprintf("上月完成%s阶段性任务，推进会%d次，签约项目%d个，累计完成年度目标的%d%%。", t.Title, i%2+1, i%3+1, 30+i)
		cells := []any{i + 1, t.No, t.Title + "：" + t.Text, "牵头", statuses[i%len(statuses)], progress, issues, plan, last}
		b.must(f.SetSheetRow(tplTasks, fmt.Sprintf("A%d", row), &cells))
		b.must(f.SetCellStyle(tplTasks, fmt.Sprintf("A%d", row), fmt.Sprintf("D%d", row), b.locked))
		b.must(f.SetCellStyle(tplTasks, fmt.Sprintf("E%d", row), fmt.Sprintf("H%d", row), b.input))
		b.must(f.SetCellStyle(tplTasks, fmt.Sprintf("I%d", row), fmt.Sprintf("I%d", row), b.locked))
	}
	b.must(f.SetColWidth(tplTasks, "C", "C", 50))
	b.must(f.SetColWidth(tplTasks, "F", "H", 40))
	b.must(f.SetColVisible(tplTasks, "B", false))
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("E2:E%d", max(2, tasks+1))
	dv.SetSqrefDropList("选项!$A$1:$A$4")
	b.must(f.AddDataValidation(tplTasks, dv))

}

// indicators writes the indicator sheet: indicators rows, each with a year of history.
func (b *templateLike) indicators(indicators int) {
	f, plan := b.f, b.plan
	heads := []string{"序号", "指标编号", "指标名称", "计量单位", "目标值", "本月数值", "情况说明"}
	for m := 1; m <= 12; m++ {
		heads = append(heads, fmt.Sprintf("2024年%d月", m))
	}
	b.must(f.SetSheetRow(tplValues, "A1", &heads))
	b.must(f.SetCellStyle(tplValues, "A1", "G1", b.header))
	for i := 0; i < min(indicators, len(plan.Indicators)); i++ {
		ind := plan.Indicators[i]
		row := i + 2
		note := ""
		if i%3 == 0 {
			note = "数据来源于区统计局月度快报，较上月有所增长。"
		}
		cells := []any{i + 1, ind.Key, ind.Name, ind.Measure, ind.TargetLabel(), fmt.Sprintf("%d.%d", 10+i, i%10), note}
		for m := 1; m <= 12; m++ { // the monthly history shown for reference (一表同享)
			cells = append(cells, float64((i+3)*(m+7)%97)+float64(m*i%10)/10)
		}
		b.must(f.SetSheetRow(tplValues, fmt.Sprintf("A%d", row), &cells))
		b.must(f.SetCellStyle(tplValues, fmt.Sprintf("A%d", row), fmt.Sprintf("E%d", row), b.locked))
		b.must(f.SetCellStyle(tplValues, fmt.Sprintf("F%d", row), fmt.Sprintf("G%d", row), b.input))
	}
	b.must(f.SetColWidth(tplValues, "C", "C", 40))

}

// options writes the very hidden option list, the custom properties and the protection.
func (b *templateLike) options() {
	f, statuses := b.f, tplStatuses
	for i, s := range statuses {
		b.must(f.SetCellValue(tplOptions, fmt.Sprintf("A%d", i+1), s))
	}
	b.must(f.SetSheetVisible(tplOptions, false, true))
	for _, p := range []excelize.CustomProperty{{Name: "gyqc.unit", Value: "jxw"}, {Name: "gyqc.period", Value: "2025-06"},
		{Name: "gyqc.layout", Value: "1"}} {
		b.must(f.SetCustomProps(p))
	}
	for _, s := range []string{tplTasks, tplValues} {
		b.must(f.ProtectSheet(s, &excelize.SheetProtectionOptions{AlgorithmName: "SHA-512", Password: "gyqc",
			FormatColumns: true, FormatRows: true}))
	}
}

// protectionSalt matches the random parts of a sheetProtection element.
var protectionSalt = regexp.MustCompile(`(saltValue|hashValue)="[^"]*"`)

// zipEntry is one zip entry of a workbook being taken apart and put back together.
type zipEntry struct {
	name   string
	data   []byte
	stored bool // Store instead of Deflate
}

// zipEntries returns the entries of a zip in order.
func zipEntries(tb testing.TB, b []byte) []zipEntry {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	var out []zipEntry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, zipEntry{name: f.Name, data: data, stored: f.Method == zip.Store})
	}
	return out
}

// packParts writes entries as a zip, deterministically (fixed times).
func packParts(tb testing.TB, es []zipEntry) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: time.Date(2025, 6, 30, 9, 0, 0, 0, time.UTC)}
		if e.stored {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// editParts returns the workbook with fn applied to each entry's data; fn returns the data
// unchanged for entries it leaves alone. It fails when fn changed nothing, so that a
// template change cannot silently turn a bad case into a good file.
func editParts(tb testing.TB, b []byte, fn func(name string, data []byte) []byte) []byte {
	tb.Helper()
	es := zipEntries(tb, b)
	changed := false
	for i := range es {
		out := fn(es[i].name, es[i].data)
		if !bytes.Equal(out, es[i].data) {
			changed = true
		}
		es[i].data = out
	}
	if !changed {
		tb.Fatal("edit changed nothing")
	}
	return packParts(tb, es)
}

// replaceInPart returns an edit function for editParts that replaces old by new once in the named part.
func replaceInPart(part, old, new string) func(string, []byte) []byte {
	return func(name string, data []byte) []byte {
		if name != part {
			return data
		}
		return []byte(strings.Replace(string(data), old, new, 1))
	}
}

// withParts returns the workbook with extra entries appended and content-type overrides
// added for them.
func withParts(tb testing.TB, b []byte, overrides map[string]string, extra ...zipEntry) []byte {
	tb.Helper()
	es := zipEntries(tb, b)
	for i := range es {
		if es[i].name != "[Content_Types].xml" {
			continue
		}
		var add strings.Builder
		for part, ct := range overrides {
			fmt.Fprintf(&add, `<Override PartName="/%s" ContentType="%s"/>`, part, ct)
		}
		es[i].data = []byte(strings.Replace(string(es[i].data), "</Types>", add.String()+"</Types>", 1))
	}
	return packParts(tb, append(es, extra...))
}

// patchCentral finds the central directory header of the named entry and lets fn change
// its fixed 46 bytes (CRC at 16, compressed size at 20, uncompressed size at 24, flags at 8,
// method at 10).
func patchCentral(tb testing.TB, b []byte, name string, fn func(hdr []byte)) []byte {
	tb.Helper()
	out := bytes.Clone(b)
	for i := 0; i+46 <= len(out); i++ {
		if binary.LittleEndian.Uint32(out[i:]) != 0x02014b50 {
			continue
		}
		n := int(binary.LittleEndian.Uint16(out[i+28:]))
		if i+46+n <= len(out) && string(out[i+46:i+46+n]) == name {
			fn(out[i : i+46])
			return out
		}
	}
	tb.Fatalf("no central header for %s", name)
	return nil
}

// patchLocal lets fn change the fixed 30 bytes of the named entry's local header (flags at
// 6, method at 8).
func patchLocal(tb testing.TB, b []byte, name string, fn func(hdr []byte)) []byte {
	tb.Helper()
	out := bytes.Clone(b)
	off := localOffset(tb, out, name)
	fn(out[off : off+30])
	return out
}

// localOffset returns the offset of the named entry's local header.
func localOffset(tb testing.TB, b []byte, name string) int {
	tb.Helper()
	for i := 0; i+30 <= len(b); i++ {
		if binary.LittleEndian.Uint32(b[i:]) != 0x04034b50 {
			continue
		}
		n := int(binary.LittleEndian.Uint16(b[i+26:]))
		if i+30+n <= len(b) && string(b[i+30:i+30+n]) == name {
			return i
		}
	}
	tb.Fatalf("no local header for %s", name)
	return 0
}
