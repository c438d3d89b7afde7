package planbook

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
)

// importer reads one workbook into the two files' values, collecting every problem.
type importer struct {
	file  string
	grids map[string]*grid
	roots map[planfile.Which]*value
	probs gyqc.Problems
	years map[int]string // the year of each year column of the table being read
	// refs are the cells naming units or groups, checked once every unit is known.
	refs []nameRef
}

// nameRef is a cell that names units or groups.
type nameRef struct {
	v     *value // its value: text or list
	names names
	what  string // what the cell is, for messages: 任务 3 的牵头单位
	at    origin
}

func (im *importer) problem(sev gyqc.Severity, at origin, rule gyqc.Rule, value, msg, fix string) {
	im.probs = append(im.probs, gyqc.Problem{Severity: sev, File: im.file, Sheet: at.sheet, Cell: at.cell,
		Rule: rule, Value: value, Message: msg, Fix: fix})
}

func (im *importer) errAt(at origin, rule gyqc.Rule, value, msg, fix string) {
	im.problem(gyqc.SevError, at, rule, value, msg, fix)
}

func (im *importer) warnAt(at origin, rule gyqc.Rule, value, msg, fix string) {
	im.problem(gyqc.SevWarning, at, rule, value, msg, fix)
}

// fixHeader is how to repair a damaged header or label.
const fixHeader = "请恢复原来的表头文字（可从 gyqc plan export 重新导出的工作簿中复制），不要删除、改名或合并表头"

// readSheet reads a sheet's blocks.
func (im *importer) readSheet(sh sheet) {
	g := im.grids[sh.Name]
	if g == nil {
		im.errAt(origin{sheet: sh.Name}, RuleMissingSheet, "", fmt.Sprintf("工作簿缺少工作表“%s”（已被删除或改名）", sh.Name),
			"请不要删除或改名工作表；可从 gyqc plan export 重新导出的工作簿中复制该工作表")
		return
	}
	if len(sh.Blocks) == 1 {
		if t, ok := sh.Blocks[0].(*table); ok && t.Title == "" {
			im.readTable(g, t, 0, len(g.rows))
			return
		}
	}
	type span struct {
		block any
		title string
		row   int
	}
	var spans []span
	for _, b := range sh.Blocks {
		title := blockTitle(b)
		found := -1
		for r := range g.rows {
			if headerKey(g.cell(r, 0)) == headerKey(title) {
				found = r
				break
			}
		}
		if found < 0 {
			im.errAt(origin{sheet: sh.Name, cell: "A1"}, RuleMissingBlock, "", fmt.Sprintf("找不到“%s”部分（A列的标题行）", title), fixHeader)
			continue
		}
		spans = append(spans, span{b, title, found})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].row < spans[j].row })
	for i, s := range spans {
		end := len(g.rows)
		if i+1 < len(spans) {
			end = spans[i+1].row
		}
		switch b := s.block.(type) {
		case *table:
			im.readTable(g, b, s.row+1, end)
		case *kv:
			im.readKV(g, b, s.row+1, end)
		}
	}
}

func blockTitle(b any) string {
	switch b := b.(type) {
	case *table:
		return b.Title
	case *kv:
		return b.Title
	}
	return ""
}

// firstRow returns the first row in [from, to) that is not blank, or -1.
func firstRow(g *grid, from, to int) int {
	for r := from; r < to && r < len(g.rows); r++ {
		if !g.blank(r, -1) {
			return r
		}
	}
	return -1
}

// readTable reads the table in rows [from, to) of g: the header row, then one record a row.
func (im *importer) readTable(g *grid, t *table, from, to int) {
	h := firstRow(g, from, to)
	if h < 0 {
		im.errAt(origin{sheet: g.name, cell: cellName(0, from+1)}, RuleMissingHeader, "", "找不到表头行", fixHeader)
		return
	}
	cols, index := im.headers(g, t, h)
	if cols == nil {
		return
	}
	root := im.roots[t.File]
	last := map[string]*value{} // the last record of each kind, for children
	for r := h + 1; r < to && r < len(g.rows); r++ {
		if rowBlank(g, r, index) {
			continue
		}
		var kind *rowKind
		if len(t.Kinds) > 0 {
			c := index[kindHeader][0]
			label := clean(g.cell(r, c))
			for i := range t.Kinds {
				if t.Kinds[i].Label == label {
					kind = &t.Kinds[i]
				}
			}
			if kind == nil {
				labels := make([]string, len(t.Kinds))
				for i, k := range t.Kinds {
					labels[i] = k.Label
				}
				im.errAt(origin{g.name, cellName(c, r+1)}, RuleBadKindLabel, label, fmt.Sprintf("类别应为%s之一", strings.Join(labels, "、")),
					"请从下拉列表中选择类别")
				continue
			}
		}
		rec := newRecord()
		rec.at = &origin{g.name, cellName(0, r+1)}
		for _, yc := range t.Columns {
			if path, list := t.pathOf(col{column: yc, header: yc.Header}, kind); yc.Years && path != "" {
				if m := im.yearsValue(g, r, yc, index[yc.Header], list); m != nil {
					rec.set(path, m)
				}
			}
		}
		for _, c := range cols {
			if c.header == kindHeader {
				continue
			}
			path, list := t.pathOf(c, kind)
			if path == "" {
				continue
			}
			fk := fieldKind(t.File, list, path)
			cs := index[c.header]
			if len(cs) == 0 {
				continue
			}
			if v := im.parseCell(g, r, cs[0], c.column, fk); v != nil {
				rec.set(path, v)
			}
		}
		listPath, within := t.List, root
		if kind != nil {
			listPath = kind.List
			if kind.Parent != "" {
				parent := last[kind.Parent]
				if parent == nil {
					im.errAt(*rec.at, RuleOrphanRow, kind.Label, fmt.Sprintf("这一%s行的上方没有%s行", kind.Label, kind.Parent),
						fmt.Sprintf("每个%s应写在它所属的%s行下方", kind.Label, kind.Parent))
					continue
				}
				for i := range t.Kinds {
					if t.Kinds[i].Label == kind.Parent {
						listPath = strings.TrimPrefix(kind.List, t.Kinds[i].List+".")
					}
				}
				within = parent
			}
			last[kind.Label] = rec
		}
		list := within.get(listPath)
		if list == nil {
			list = &value{kind: planfile.FieldRecords}
			within.set(listPath, list)
		}
		list.items = append(list.items, rec)
	}
}

// rowBlank reports whether row r is blank in every column the table reads.
func rowBlank(g *grid, r int, index map[string][]int) bool {
	for _, cs := range index {
		for _, c := range cs {
			if clean(g.cell(r, c)) != "" {
				return false
			}
		}
	}
	return true
}

// headers finds the table's columns in header row h: index maps each header to its column
// (a year column's header to its columns, in order). A missing column is an error; an
// unknown one is ignored with a warning.
func (im *importer) headers(g *grid, t *table, h int) ([]col, map[string][]int) {
	cols := layoutColumns(t, nil)
	want := map[string]string{}
	for _, c := range cols {
		if !c.Years {
			want[headerKey(c.header)] = c.header
		}
	}
	index := map[string][]int{}
	years := map[int]string{} // column → year
	for c, s := range g.rows[h] {
		key := headerKey(s)
		if key == "" {
			continue
		}
		if name, ok := want[key]; ok {
			if len(index[name]) > 0 {
				im.errAt(origin{g.name, cellName(c, h+1)}, RuleDuplicateColumn, "", fmt.Sprintf("表头“%s”出现了两次", clean(s)), "请删去重复的列")
				continue
			}
			index[name] = []int{c}
			continue
		}
		matched := false
		for _, yc := range t.Columns {
			if y, ok := yearOf(yc.Header, key); yc.Years && ok {
				index[yc.Header] = append(index[yc.Header], c)
				years[c] = y
				matched = true
			}
		}
		if !matched {
			im.warnAt(origin{g.name, cellName(c, h+1)}, RuleUnknownColumn, "",
				fmt.Sprintf("“%s”列不是方案与名册的列，导入时不读取该列", clean(s)), "如需保留这些内容，请写在“说明”等已有的列中")
		}
	}
	ok := true
	for _, c := range cols {
		if !c.Years && !c.Added && len(index[c.header]) == 0 {
			im.errAt(origin{g.name, cellName(0, h+1)}, RuleMissingColumn, "",
				fmt.Sprintf("第%d行的表头中缺少“%s”列", h+1, c.header), fixHeader)
			ok = false
		}
	}
	if !ok {
		return nil, nil
	}
	im.years = years
	return cols, index
}

// yearsValue reads the cells of row r in a year column's columns cs into a year → number map.
func (im *importer) yearsValue(g *grid, r int, c column, cs []int, _ string) *value {
	m := &value{kind: planfile.FieldNumberMap}
	for _, ci := range cs {
		v := im.parseCell(g, r, ci, column{Header: fmt.Sprintf(c.Header, atoiYear(im.years[ci]))}, planfile.FieldNumber)
		if v == nil || v.text == "" {
			continue
		}
		if m.at == nil {
			m.at = v.at
		}
		m.pairs = append(m.pairs, [2]string{im.years[ci], v.text})
	}
	if len(m.pairs) == 0 {
		return nil
	}
	sortPairs(m.pairs)
	return m
}

// readKV reads a key-value block in rows [from, to): the header row, then one row per field
// found by its label.
func (im *importer) readKV(g *grid, b *kv, from, to int) {
	h := firstRow(g, from, to)
	if h < 0 {
		im.errAt(origin{g.name, cellName(0, from)}, RuleMissingHeader, b.Title, fmt.Sprintf("“%s”部分是空的", b.Title), fixHeader)
		return
	}
	valueCol := 1
	for c, s := range g.rows[h] {
		if headerKey(s) == "内容" {
			valueCol = c
		}
	}
	rows := map[string]int{}
	for r := h + 1; r < to && r < len(g.rows); r++ {
		if key := headerKey(g.cell(r, 0)); key != "" {
			if _, dup := rows[key]; !dup {
				rows[key] = r
			}
		}
	}
	root := im.roots[b.File]
	for _, c := range b.Rows {
		r, ok := rows[headerKey(c.Header)]
		if !ok {
			im.errAt(origin{g.name, cellName(0, from)}, RuleMissingRow, "", fmt.Sprintf("“%s”部分缺少“%s”一行", b.Title, c.Header), fixHeader)
			continue
		}
		if v := im.parseCell(g, r, valueCol, c, planfile.Field(b.File, c.Path)); v != nil {
			root.set(c.Path, v)
		}
	}
}

// parseCell reads one cell as a field of the given shape; nil when the cell is empty.
func (im *importer) parseCell(g *grid, r, c int, col column, kind planfile.FieldKind) *value {
	raw := clean(g.cell(r, c))
	if raw == "" {
		if col.Required {
			im.errAt(origin{g.name, cellName(c, r+1)}, RuleMissingValue, "", fmt.Sprintf("“%s”不能为空", col.Header), "请填写该单元格")
		}
		return nil
	}
	at := origin{g.name, cellName(c, r+1)}
	v := &value{kind: kind, at: &at}
	bad := func(rule gyqc.Rule, msg, fix string) *value {
		im.errAt(at, rule, raw, msg, fix)
		return nil
	}
	switch kind {
	case planfile.FieldInt, planfile.FieldNumber:
		f, ok := parseNumber(raw)
		if ok && g.percent(at.cell) {
			f *= 100
		}
		switch {
		case !ok:
			return bad(RuleNotANumber, fmt.Sprintf("“%s”应为数字", col.Header), "请只填写数字，不带单位和文字，例如 12.5；不知道请留空")
		case kind == planfile.FieldInt && f != math.Trunc(f):
			return bad(RuleNotAnInteger, fmt.Sprintf("“%s”应为整数", col.Header), "请填写整数，例如 3")
		}
		v.text = strconv.FormatFloat(f, 'f', -1, 64)
	case planfile.FieldBool:
		switch headerKey(strings.ToLower(raw)) {
		case "是", "true", "y", "yes", "1", "√":
			v.text = "true"
		case "否", "false", "n", "no", "0", "×":
			return nil
		default:
			return bad(RuleBadChoice, fmt.Sprintf("“%s”应填“是”或“否”", col.Header), "请从下拉列表中选择“是”或“否”")
		}
	case planfile.FieldList:
		v.list = splitList(raw, sepOf(col))
	case planfile.FieldRecords:
		if !col.Lines {
			return nil
		}
		for _, line := range strings.Split(raw, "\n") {
			line = clean(line)
			if line == "" {
				continue
			}
			i := strings.IndexAny(line, "：:")
			if i <= 0 {
				return bad(RuleBadLine, fmt.Sprintf("“%s”的每一行应写作“标签：内容”", col.Header), "例如“发：各乡镇人民政府”")
			}
			_, size := firstRune(line[i:])
			item := newRecord()
			item.fields["label"] = &value{kind: planfile.FieldText, text: clean(line[:i])}
			item.fields["text"] = &value{kind: planfile.FieldText, text: clean(line[i+size:])}
			v.items = append(v.items, item)
		}
	default:
		v.text = raw
		if col.Period {
			p, ok := parsePeriod(raw)
			if !ok {
				return bad(planfile.RuleBadPeriod, fmt.Sprintf("“%s”应写作“年-月”", col.Header), "例如 2025-06")
			}
			v.text = p
		}
		if col.Choices != nil {
			val, ok := pick(col.Choices(), raw)
			if !ok {
				labels := labelsOf(col.Choices())
				return bad(RuleBadChoice, fmt.Sprintf("“%s”应为%s之一", col.Header, strings.Join(labels, "、")), "请从下拉列表中选择")
			}
			if val == "" {
				return nil
			}
			v.text = val
		}
	}
	if col.Names != noNames {
		im.refs = append(im.refs, nameRef{v: v, names: col.Names, what: col.Header, at: at})
	}
	return v
}

func atoiYear(s string) int {
	y, _ := strconv.Atoi(s)
	return y
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// pick returns the file's value of a drop-down entry given by its label or its value.
func pick(choices []choice, raw string) (string, bool) {
	key := headerKey(raw)
	for _, ch := range choices {
		if headerKey(ch.Label) == key || ch.Value == raw && ch.Value != "" {
			return ch.Value, true
		}
	}
	return "", false
}

func labelsOf(choices []choice) []string {
	var out []string
	seen := map[string]bool{}
	for _, ch := range choices {
		if !seen[ch.Label] {
			seen[ch.Label] = true
			out = append(out, "“"+ch.Label+"”")
		}
	}
	return out
}

// splitList splits a list cell. Lists of names accept the separators clerks type (、，,；;
// and line breaks); a list of lines splits at line breaks only.
func splitList(s, sep string) []string {
	seps := "、，,；;\n"
	if sep == "\n" {
		seps = "\n"
	}
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if part = clean(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// parseNumber reads a number cell: digits full- or half-width, thousands separators, a
// trailing % (20% is 20 in a percent field).
func parseNumber(raw string) (float64, bool) {
	s := width.Narrow.String(raw)
	s = strings.ReplaceAll(s, ",", "")
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

var periodForms = []*regexp.Regexp{
	regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$`),
}

// parsePeriod reads a period written 2025-06, 2025-6, 2025/6 or 2025年6月, or a date cell
// (a serial number) of that month, and returns it as 2025-06.
func parsePeriod(raw string) (string, bool) {
	s := width.Narrow.String(raw)
	for _, re := range periodForms {
		if m := re.FindStringSubmatch(s); m != nil {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			if mo >= 1 && mo <= 12 {
				return fmt.Sprintf("%04d-%02d", y, mo), true
			}
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 10000 && f < 2958466 {
		if t, err := excelize.ExcelDateToTime(f, false); err == nil {
			return fmt.Sprintf("%04d-%02d", t.Year(), int(t.Month())), true
		}
	}
	if p, err := gyqc.ParsePeriod(s); err == nil {
		return p.String(), true
	}
	return "", false
}
