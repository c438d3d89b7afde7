package intake

import (
	"fmt"
	"strings"

	"github.com/qianjiang/gyqc"
)

// activeKind is one kind of active or linked content a workbook may carry, recognised by
// part name or content type.
type activeKind struct {
	rule    gyqc.Rule
	message string // what was found (%s: its parts) and what becomes of it
	fix     string
	prefix  []string // lower-case part name prefixes
	types   []string // content type fragments
}

// activeKinds lists the active content the intake reports, under the policy in the package
// doc: accepted with a warning, never opened, run or copied into gyqc's outputs.
var activeKinds = []activeKind{
	{rule: RuleMacro, prefix: []string{"xl/vbaproject.bin", "xl/macrosheets/", "xl/dialogsheets/"},
		types:   []string{"vbaproject", "macrosheet", "dialogsheet"},
		message: "文件含有宏（VBA 代码或宏表：%s），宏已忽略，不会运行，也不会进入汇总结果",
		fix:     "无需处理；今后请“另存为”Excel 工作簿（*.xlsx），不要保存为启用宏的工作簿"},
	{rule: RuleExternal, prefix: []string{"xl/externallinks/"}, types: []string{"externallink"},
		message: "文件含有外部链接（公式引用了其他文件：%s），外部链接已忽略，只读取单元格中保存的数值，链接本身不会进入汇总结果",
		fix:     "请确认报送的数字直接填写在表格中，而不是引用其他文件（可“复制”后“选择性粘贴—数值”）"},
	{rule: RuleEmbedded, prefix: []string{"xl/embeddings/"}, types: []string{"oleobject"},
		message: "文件含有嵌入对象（如插入的文档、附件或 OLE 对象：%s），已忽略，不会进入汇总结果",
		fix:     "如需提供附件材料，请另行报送，不要插入到报表中"},
	{rule: RuleActiveX, prefix: []string{"xl/activex/", "xl/ctrlprops/"}, types: []string{"activex", "controlproperties"},
		message: "文件含有 ActiveX 控件或表单控件（%s），已忽略，不会运行，也不会进入汇总结果",
		fix:     "无需处理；今后请不要在报表中插入控件"},
	{rule: RuleConnection, prefix: []string{"xl/connections.xml", "xl/querytables/"}, types: []string{"connections+xml", "querytable+xml"},
		message: "文件含有外部数据连接或查询（%s），已忽略，不会刷新，也不会进入汇总结果",
		fix:     "请确认报送的数字直接填写在表格中"},
}

// reportActive adds one warning for each kind of active content the package holds, naming
// up to three of its parts.
func (sc *pkgScan) reportActive() {
	for _, k := range activeKinds {
		var parts []string
		for _, f := range sc.zr.File {
			if strings.HasSuffix(f.Name, "/") {
				continue
			}
			if k.matches(strings.ToLower(f.Name), sc.types.contentType(f.Name)) {
				parts = append(parts, f.Name)
			}
		}
		if k.rule == RuleMacro && sc.macroApp && len(parts) == 0 {
			parts = append(parts, "启用宏的工作簿格式（.xlsm）")
		}
		if len(parts) == 0 {
			continue
		}
		list := strings.Join(parts[:min(len(parts), 3)], "、")
		if len(parts) > 3 {
			list += fmt.Sprintf("等%d个部件", len(parts))
		}
		sc.col.add("", gyqc.Problem{Severity: gyqc.SevWarning, Rule: k.rule, Message: fmt.Sprintf(k.message, list), Fix: k.fix})
	}
}

// matches reports whether a part (lower-cased name, content type) is of this kind.
func (k activeKind) matches(lower, ct string) bool {
	for _, p := range k.prefix {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	for _, t := range k.types {
		if strings.Contains(ct, t) {
			return true
		}
	}
	return false
}
