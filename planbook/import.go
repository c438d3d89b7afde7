package planbook

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
	"github.com/qianjiang/gyqc/planfile"
)

// Result is an imported workbook: the canonical plan and units files, and the plan they load
// into.
type Result struct {
	PlanYAML  []byte
	UnitsYAML []byte
	Plan      *gyqc.Plan
}

// Names of the files written, as problems about them are shown.
const (
	PlanFileName  = "plan.yaml"
	UnitsFileName = "units.yaml"
)

// Import reads a plan workbook (name is how the file is shown in problems) and returns the
// canonical files and their plan, with the warnings; or nil and every problem, each with its
// sheet and cell. Nothing is half-imported: any error means no result.
func Import(name string, data []byte) (*Result, gyqc.Problems) {
	f, probs := intake.OpenWorkbook(name, data, intake.DefaultLimits())
	if f == nil {
		for i := range probs {
			if probs[i].Severity == gyqc.SevError {
				// The intake's advice speaks of returned templates; this is the office's own workbook.
				probs[i].Fix = "请导入用 gyqc plan export 导出、在 Excel、WPS 或 LibreOffice 中修改后保存为 .xlsx（不加密码）的工作簿"
			}
		}
		return nil, probs
	}
	defer f.Close()
	im := &importer{file: name, grids: map[string]*grid{}, probs: probs,
		roots: map[planfile.Which]*value{planfile.PlanYAML: newRecord(), planfile.UnitsYAML: newRecord()}}
	err := intake.Guard(name, func() error { return im.read(f) })
	if err != nil {
		if ps, ok := err.(gyqc.Problems); ok {
			return nil, append(im.probs, ps...)
		}
		return nil, append(im.probs, gyqc.Problem{Severity: gyqc.SevError, File: name, Rule: RuleUnreadable,
			Message: "无法读取工作簿：" + err.Error(), Fix: "请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"})
	}
	if len(im.probs.Errors()) > 0 {
		return nil, im.probs
	}
	res := &Result{}
	planData, planLines, err := emit(planfile.PlanYAML, im.roots[planfile.PlanYAML])
	if err != nil {
		return nil, append(im.probs, internalProblem(name, err))
	}
	unitsData, unitsLines, err := emit(planfile.UnitsYAML, im.roots[planfile.UnitsYAML])
	if err != nil {
		return nil, append(im.probs, internalProblem(name, err))
	}
	plan, loaded := planfile.Load(PlanFileName, planData, UnitsFileName, unitsData)
	for _, p := range loaded {
		lines := planLines
		if p.File == UnitsFileName {
			lines = unitsLines
		}
		if at, ok := lines[p.Line]; ok {
			p.Sheet, p.Cell, p.Line = at.sheet, at.cell, 0
		} else if p.Line > 0 {
			p.Message += fmt.Sprintf("（生成的 %s 第%d行）", p.File, p.Line)
			p.Line = 0
		}
		p.File = name
		if fix, ok := workbookFixes[p.Rule]; ok {
			p.Fix = fix
		}
		im.probs = append(im.probs, p)
	}
	if plan == nil {
		return nil, im.probs
	}
	res.PlanYAML, res.UnitsYAML, res.Plan = planData, unitsData, plan
	return res, im.probs
}

// workbookFixes say, in the workbook's terms, how to fix what the loader finds and words for
// its files.
var workbookFixes = map[gyqc.Rule]string{
	planfile.RuleExampleGroup:    "核实成员后，把“单位组”工作表中该组的“成员为示例”改为“否”",
	planfile.RuleEmptyGroup:      "请在“单位组”工作表该组的“成员”中填写成员单位，用“、”分隔",
	planfile.RuleNoMissingRule:   "请在“考核规则”工作表的扣分规则中增加“未报送”一行",
	planfile.RuleMissingTooCheap: "请调高“考核规则”工作表中“未报送”的每次扣分，或调低任务和指标规则的每月最多扣分",
}

func internalProblem(name string, err error) gyqc.Problem {
	return gyqc.Problem{Severity: gyqc.SevError, File: name, Rule: RuleInternal, Message: "内部错误：" + err.Error()}
}

// read reads every sheet of the schema and checks the workbook as a whole.
func (im *importer) read(f *excelize.File) error {
	if props, err := f.GetCustomProps(); err == nil {
		for _, p := range props {
			if p.Name == PropFormat && fmt.Sprint(p.Value) != formatV1 {
				im.errAt(origin{}, RuleNewerFormat, fmt.Sprint(p.Value), "该工作簿的格式版本较新，本程序无法读取",
					"请用导出该工作簿的 gyqc 版本导入，或升级 gyqc")
				return nil
			}
		}
	}
	missing := 0
	for _, sh := range schema {
		idx, err := f.GetSheetIndex(sh.Name)
		if err != nil || idx < 0 {
			missing++
			continue
		}
		g, err := readGrid(f, sh.Name)
		if err != nil {
			im.errAt(origin{sheet: sh.Name}, RuleUnreadableSheet, "", "无法读取该工作表："+err.Error(), "请用 Excel 或 WPS 打开后另存为 .xlsx 再导入")
			continue
		}
		im.grids[sh.Name] = g
	}
	if missing == len(schema) {
		im.errAt(origin{}, RuleNotAPlanbook, "", "这不是方案与名册工作簿：其中没有“工程与任务”“指标”“单位”等工作表",
			"请导入用 gyqc plan export 导出、修改后保存的工作簿")
		return nil
	}
	for _, sh := range schema {
		im.readSheet(sh)
	}
	for _, p := range im.probs.Errors() {
		if structural[p.Rule] {
			// Without a sheet, a column or a block, what refers to it would only add noise.
			return nil
		}
	}
	reg := im.checkUnits()
	im.checkRefs(reg)
	im.checkCycles(reg)
	im.checkPlan()
	return nil
}

// structural are the rules of problems with the workbook's shape rather than its content.
var structural = map[gyqc.Rule]bool{RuleMissingSheet: true, RuleMissingBlock: true, RuleMissingHeader: true,
	RuleMissingColumn: true, RuleMissingRow: true, RuleDuplicateColumn: true}

// emit writes a file's values as canonical YAML, and returns for each line of it the cell
// it came from.
func emit(w planfile.Which, root *value) ([]byte, map[int]origin, error) {
	e := &emitter{w: w, comments: sectionComments[w], flow: flowLists[w], origins: map[*yaml.Node]*origin{}}
	top := e.record("", root)
	top.HeadComment = planHeader
	if w == planfile.UnitsYAML {
		top.HeadComment = unitsHeader
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{top}}); err != nil {
		return nil, nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, nil, err
	}
	data := spaceSections(buf.Bytes())
	var back yaml.Node
	if err := yaml.Unmarshal(data, &back); err != nil {
		return nil, nil, fmt.Errorf("re-read canonical %v file: %w", w, err)
	}
	lines := map[int]origin{}
	var walk func(built, parsed *yaml.Node)
	walk = func(built, parsed *yaml.Node) {
		if at := e.origins[built]; at != nil {
			if _, seen := lines[parsed.Line]; !seen {
				lines[parsed.Line] = *at
			}
		}
		for i := range built.Content {
			if i < len(parsed.Content) {
				walk(built.Content[i], parsed.Content[i])
			}
		}
	}
	if len(back.Content) > 0 {
		walk(top, back.Content[0])
	}
	return data, lines, nil
}

// spaceSections puts a blank line before every top-level section (a key whose value is a
// block, or the comment above it) after the first key.
func spaceSections(data []byte) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	var b strings.Builder
	seenKey := false
	for i, line := range lines {
		top := line != "" && line[0] != ' ' && line[0] != '-' && line[0] != '\n'
		comment := top && line[0] == '#'
		section := top && !comment && strings.HasSuffix(line, ":\n")
		afterComment := i > 0 && strings.HasPrefix(lines[i-1], "#")
		if seenKey && (comment && !afterComment || section && !afterComment) {
			b.WriteString("\n")
		}
		if top && !comment {
			seenKey = true
		}
		b.WriteString(line)
	}
	return []byte(b.String())
}
