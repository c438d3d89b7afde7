package templates

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

// Parts of the filled template the cases edit (excelize writes the sheets in layout order).
const (
	guidePart = "xl/worksheets/sheet1.xml"
	tasksPart = "xl/worksheets/sheet2.xml"
	valuePart = "xl/worksheets/sheet3.xml"
	metaPart  = "xl/worksheets/sheet4.xml"
	bookPart  = "xl/workbook.xml"
	relsPart  = "xl/_rels/workbook.xml.rels"
)

// The cells the cases write into: the progress of the first task and the value of the
// first indicator of jxw's template.
var (
	progressCell = Current().Tasks.Cell(FieldProgress, Current().Tasks.FirstDataRow())
	valueCell    = Current().Indicators.Cell(FieldValue, Current().Indicators.FirstDataRow())
)

// withCell replaces the cell ref of a sheet part by the given markup.
func withCell(tb testing.TB, data []byte, part, ref, cell string) []byte {
	tb.Helper()
	re := regexp.MustCompile(`(?s)<c r="` + ref + `"[^>]*?(?:/>|>.*?</c>)`)
	return editParts(tb, data, func(name string, b []byte) []byte {
		if name != part {
			return b
		}
		if !re.Match(b) {
			tb.Fatalf("%s has no cell %s", part, ref)
		}
		return re.ReplaceAllLiteral(b, []byte(cell))
	})
}

// withString adds a string item to the shared strings and returns its index.
func withString(tb testing.TB, data []byte, si string) ([]byte, int) {
	tb.Helper()
	n := -1
	out := editParts(tb, data, func(name string, b []byte) []byte {
		if name != "xl/sharedStrings.xml" {
			return b
		}
		n = strings.Count(string(b), "<si>")
		return []byte(strings.Replace(string(b), "</sst>", si+"</sst>", 1))
	})
	if n < 0 {
		tb.Fatal("no shared strings")
	}
	return out, n
}

// prefixed rewrites a part with every element in the prefix x, bound to its default
// namespace, as some writers (the Open XML SDK) do.
func prefixed(tb testing.TB, part string) func(string, []byte) []byte {
	tag := regexp.MustCompile(`<(/?)([A-Za-z])`)
	return func(name string, b []byte) []byte {
		if name != part {
			return b
		}
		s := tag.ReplaceAllString(string(b), "<${1}x:${2}")
		if !strings.Contains(s, ` xmlns="`) {
			tb.Fatalf("%s has no default namespace", part)
		}
		return []byte(strings.Replace(s, ` xmlns="`, ` xmlns:x="`, 1))
	}
}

// readBoth reads data through both readers with the default plan, fails unless they give
// the same result and problems, and returns them.
func readBoth(t *testing.T, data []byte) (*Returned, gyqc.Problems) {
	t.Helper()
	return readBothPlan(t, data, defaultPlan(t))
}

// readBothPlan is readBoth with another plan.
func readBothPlan(t *testing.T, data []byte, p *gyqc.Plan) (*Returned, gyqc.Problems) {
	t.Helper()
	want, wantProbs := readers[0].Read(t, data, p)
	got, gotProbs, err := ReadBytes(data, p)
	if err != nil {
		t.Fatalf("the fast reader left the file to excelize: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results differ:\nfast     %+v\nexcelize %+v", got, want)
	}
	if !reflect.DeepEqual(gotProbs, wantProbs) {
		t.Errorf("problems differ:\nfast     %v\nexcelize %v", gotProbs, wantProbs)
	}
	return want, wantProbs
}

// readKit makes the workbooks of the TestReadBytes cases: a filled template with one cell
// or part changed, and reads back the first task's progress or the first figure.
type readKit struct {
	base []byte
	task int
}

func newReadKit(t *testing.T) *readKit {
	return &readKit{base: filledTemplate(t), task: defaultPlan(t).Assignments("jxw")[0].Task}
}

func (k *readKit) progress(r *Returned) string { return r.Task(k.task).Progress.Text }
func (k *readKit) value(r *Returned) string    { return r.Values[0].Value.Text }

// str puts the shared string si in the progress cell.
func (k *readKit) str(tb testing.TB, si string) []byte {
	b, i := withString(tb, k.base, si)
	return withCell(tb, b, tasksPart, progressCell, fmt.Sprintf(`<c r="%s" t="s"><v>%d</v></c>`, progressCell, i))
}

// inline puts the inline string is in the progress cell.
func (k *readKit) inline(tb testing.TB, is string) []byte {
	return withCell(tb, k.base, tasksPart, progressCell, `<c r="`+progressCell+`" t="inlineStr"><is>`+is+`</is></c>`)
}

func (k *readKit) task1(tb testing.TB, cell string) []byte {
	return withCell(tb, k.base, tasksPart, progressCell, cell)
}
func (k *readKit) value1(tb testing.TB, cell string) []byte {
	return withCell(tb, k.base, valuePart, valueCell, cell)
}

// readCase is one workbook both readers read, what is read from it and the problems found.
type readCase struct {
	Name  string
	Make  func(tb testing.TB) []byte
	Got   func(*Returned) string
	Want  string
	Rules []string // problems expected, by rule
}

// runReadCases reads each case's workbook through both readers (which must agree) and holds
// the result to the case.
func runReadCases(t *testing.T, cases []readCase) {
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			ret, probs := readBoth(t, tc.Make(t))
			var rules []string
			for _, p := range probs {
				rules = append(rules, string(p.Rule))
			}
			if strings.Join(rules, ",") != strings.Join(tc.Rules, ",") {
				t.Errorf("problems %v, want rules %v", probs, tc.Rules)
			}
			if tc.Got != nil {
				if ret == nil {
					t.Fatal("no result")
				}
				if got := tc.Got(ret); got != tc.Want {
					t.Errorf("read %q, want %q", got, tc.Want)
				}
			}
		})
	}
}

// TestReadBytes reads cell markup that spreadsheet programs write, and some they do not,
// through both readers: they must agree on everything, and read the expected text.
func TestReadBytes(t *testing.T) {
	k := newReadKit(t)
	runReadCases(t, []readCase{
		{Name: "untouched", Make: func(tb testing.TB) []byte { return k.base }, Got: k.progress, Want: progressText(k.task)},
		{Name: "shared string with entities", Make: func(tb testing.TB) []byte {
			return k.str(tb, `<si><t>A&amp;B &lt;C&gt; &#x4E2D;&#25991; &quot;q&quot; &apos;</t></si>`)
		}, Got: k.progress, Want: `A&B <C> 中文 "q" '`},
		{Name: "rich text runs and phonetic runs", Make: func(tb testing.TB) []byte {
			return k.str(tb, `<si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="宋体"/><charset val="134"/></rPr><t>富</t></r>`+
				`<r><t xml:space="preserve"> 文本 </t></r><rPh sb="0" eb="1"><t>ふ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>`)
		}, Got: k.progress, Want: "富 文本 "},
		{Name: "plain text before runs", Make: func(tb testing.TB) []byte {
			return k.str(tb, `<si><r><t>后</t></r><t>先</t></si>`)
		}, Got: k.progress, Want: "先后"},
		{Name: "escapes _xHHHH_", Make: func(tb testing.TB) []byte {
			return k.str(tb, `<si><t>a_x000D_b_x005F_x0041_c_xD800_d_x0041__x4e2d__x12_</t></si>`)
		}, Got: k.progress, Want: "a\rb_x0041_cdA中_x12_"},
		{Name: "line breaks", Make: func(tb testing.TB) []byte { return k.str(tb, "<si><t>第一行\r\n第二行\r第三行&#13;</t></si>") },
			Got: k.progress, Want: "第一行\n第二行\n第三行\r"},
		{Name: "spaces kept", Make: func(tb testing.TB) []byte { return k.str(tb, "<si><t xml:space=\"preserve\">  前后  \n</t></si>") },
			Got: k.progress, Want: "  前后  \n"},
		{Name: "CDATA", Make: func(tb testing.TB) []byte { return k.inline(tb, `<t><![CDATA[<不是标签> & ]]>尾</t>`) },
			Got: k.progress, Want: "<不是标签> & 尾"},
		{Name: "inline string with runs", Make: func(tb testing.TB) []byte {
			return k.inline(tb, `<r><rPr><i val="1"/></rPr><t>行内</t></r><r><t>文字</t></r>`)
		}, Got: k.progress, Want: "行内文字"},
		{Name: "character outside the BMP", Make: func(tb testing.TB) []byte { return k.inline(tb, `<t>𠮷野家&#x20BB7;</t>`) },
			Got: k.progress, Want: "𠮷野家𠮷"},
		{Name: "comments and processing instructions", Make: func(tb testing.TB) []byte {
			return k.task1(tb, `<!-- 注释 --><c r="`+progressCell+`" t="inlineStr"><?pi x?><is><t>a<!-- x -->b</t></is></c>`)
		}, Got: k.progress, Want: "ab"},
		{Name: "formula with a cached text", Make: func(tb testing.TB) []byte {
			return k.task1(tb, `<c r="`+progressCell+`" t="str"><f>"已"&amp;"完成"</f><v>已完成</v></c>`)
		}, Got: k.progress, Want: "已完成"},
		{Name: "shared formula with a cached number", Make: func(tb testing.TB) []byte {
			return k.value1(tb, `<c r="`+valueCell+`"><f t="shared" ref="H4:H5" si="0" ca="1">1+1</f><v>2</v></c>`)
		}, Got: k.value, Want: "2"},
		{Name: "formula without a cached value", Make: func(tb testing.TB) []byte {
			return k.value1(tb, `<c r="`+valueCell+`"><f>1+1</f></c>`)
		}, Got: k.value, Want: ""},
		{Name: "number as written", Make: func(tb testing.TB) []byte { return k.value1(tb, `<c r="`+valueCell+`" s="12"><v>12.50</v></c>`) },
			Got: k.value, Want: "12.50"},
		{Name: "boolean", Make: func(tb testing.TB) []byte { return k.value1(tb, `<c r="`+valueCell+`" t="b"><v>1</v></c>`) },
			Got: k.value, Want: "1"},
		{Name: "error value", Make: func(tb testing.TB) []byte { return k.value1(tb, `<c r="`+valueCell+`" t="e"><v>#DIV/0!</v></c>`) },
			Got: k.value, Want: "#DIV/0!"},
		{Name: "shared string index with spaces", Make: func(tb testing.TB) []byte {
			b, i := withString(tb, k.base, `<si><t>带空格</t></si>`)
			return withCell(tb, b, tasksPart, progressCell, fmt.Sprintf(`<c r="%s" t="s"><v> %d </v></c>`, progressCell, i))
		}, Got: k.progress, Want: "带空格"},
		{Name: "shared string index that is not a number", Make: func(tb testing.TB) []byte {
			return k.task1(tb, `<c r="`+progressCell+`" t="s"><v>1.0</v></c>`) // excelize reads item 0
		}, Got: k.progress, Want: "黔江区“工业强城”建设工作进展月报表"},
		{Name: "shared string index out of range", Make: func(tb testing.TB) []byte {
			return k.task1(tb, `<c r="`+progressCell+`" t="s"><v>99999</v></c>`)
		}, Got: k.progress, Want: ""},
		{Name: "value in CDATA and nested markup", Make: func(tb testing.TB) []byte {
			return k.value1(tb, `<c r="`+valueCell+`"><v><![CDATA[3]]><x>9</x>.5</v></c>`)
		}, Got: k.value, Want: "3.5"},
		{Name: "value inside another element of the cell", Make: func(tb testing.TB) []byte {
			return k.value1(tb, `<c r="`+valueCell+`"><extLst><v>8</v></extLst></c>`)
		}, Got: k.value, Want: "8"},
	})
}

// TestReadBytesParts reads rows, sheets and package parts written in unusual ways through
// both readers: they must agree on everything, and read the expected text.
func TestReadBytesParts(t *testing.T) {
	k := newReadKit(t)
	runReadCases(t, []readCase{
		{Name: "cells without references", Make: func(tb testing.TB) []byte {
			return editParts(tb, k.base, func(name string, b []byte) []byte {
				if name != tasksPart {
					return b
				}
				return regexp.MustCompile(`<c r="[A-Z]+4"`).ReplaceAll(b, []byte("<c"))
			})
		}, Got: k.progress, Want: progressText(k.task)},
		{Name: "rows without numbers", Make: func(tb testing.TB) []byte {
			return editParts(tb, k.base, func(name string, b []byte) []byte {
				if name != tasksPart {
					return b
				}
				return regexp.MustCompile(`<row r="\d+"`).ReplaceAll(b, []byte("<row"))
			})
		}, Got: k.progress, Want: progressText(k.task)},
		{Name: "cell out of order", Make: func(tb testing.TB) []byte {
			// excelize appends it after the cells before it, which shifts the row key
			return editParts(tb, k.base, replacing(tb, tasksPart, `<c r="A4" s="6"><v>1</v></c>`,
				`<c r="A4" s="6"><v>1</v></c><c r="`+progressCell+`" t="inlineStr"><is><t>早</t></is></c>`))
		}, Rules: []string{"missing-row", "unknown-row"}},
		{Name: "self-closing cells and rows", Make: func(tb testing.TB) []byte {
			b := editParts(tb, k.base, replacing(tb, tasksPart, `<c r="F4" s="5"></c>`, `<c r="F4" s="5"/>`))
			return editParts(tb, b, replacing(tb, tasksPart, "</sheetData>", `<row r="200"/></sheetData>`))
		}, Got: k.progress, Want: progressText(k.task)},
		{Name: "element prefixes", Make: func(tb testing.TB) []byte {
			b := editParts(tb, k.base, prefixed(tb, tasksPart))
			b = editParts(tb, b, prefixed(tb, "xl/sharedStrings.xml"))
			return editParts(tb, b, prefixed(tb, bookPart))
		}, Got: k.progress, Want: progressText(k.task)},
		{Name: "row after sheetData", Make: func(tb testing.TB) []byte { // excelize reads on past </sheetData>
			return editParts(tb, k.base, replacing(tb, valuePart, "</sheetData>",
				`</sheetData><extLst><row r="900"><c r="H900" t="inlineStr"><is><t>x</t></is></c></row></extLst>`))
		}, Got: k.value, Want: "1", Rules: []string{"row-without-key"}},
		{Name: "sheet part missing", Make: func(tb testing.TB) []byte {
			return editParts(tb, k.base, func(name string, b []byte) []byte {
				if name == valuePart {
					return nil
				}
				return b
			})
		}, Rules: []string{"unreadable-sheet", "missing-header"}},
		{Name: "sheet renamed with an entity", Make: func(tb testing.TB) []byte {
			return editParts(tb, k.base, replacing(tb, bookPart, `name="`+SheetIndicators+`"`, `name="指标&amp;填报"`))
		}, Got: k.value, Want: "1", Rules: []string{"renamed-sheet"}},
		{Name: "absolute and dotted targets", Make: func(tb testing.TB) []byte {
			b := editParts(tb, k.base, replacing(tb, relsPart, `Target="worksheets/sheet2.xml"`, `Target="/xl/worksheets/sheet2.xml"`))
			return editParts(tb, b, replacing(tb, relsPart, `Target="worksheets/sheet3.xml"`, `Target="./other/../worksheets/sheet3.xml"`))
		}, Got: k.value, Want: "1"},
		{Name: "custom property as a number", Make: func(tb testing.TB) []byte {
			b := editParts(tb, k.base, replacing(tb, partCustom, `<vt:lpwstr>`+LayoutVersion+`</vt:lpwstr>`, `<vt:r8>`+LayoutVersion+`.0</vt:r8>`))
			return editParts(tb, b, replacing(tb, partCustom, `<vt:lpwstr>jxw</vt:lpwstr>`, `<vt:lpwstr>jxw</vt:lpwstr><vt:i4>7</vt:i4>`))
		}, Got: func(r *Returned) string { return r.Meta.Layout + "|" + strings.Join(r.MetaSources, ",") }, Want: LayoutVersion + "|custom-properties,sheet"},
		{Name: "custom property excelize cannot decode", Make: func(tb testing.TB) []byte {
			return editParts(tb, k.base, replacing(tb, partCustom, `<vt:lpwstr>`+LayoutVersion+`</vt:lpwstr>`, `<vt:i4>三</vt:i4>`))
		}, Got: func(r *Returned) string { return strings.Join(r.MetaSources, ",") }, Want: "sheet"},
		{Name: "application with an entity", Make: func(tb testing.TB) []byte {
			return editParts(tb, k.base, replacing(tb, partApp, `<Application>Go Excelize</Application>`, `<Application> WPS &amp; 表格 </Application>`))
		}, Got: func(r *Returned) string { return r.Application }, Want: "WPS & 表格"},
		{Name: "application properties excelize cannot decode", Make: func(tb testing.TB) []byte {
			return editParts(tb, k.base, replacing(tb, partApp, `<TotalTime>0</TotalTime>`, `<TotalTime>x</TotalTime>`))
		}, Got: func(r *Returned) string { return r.Application }, Want: ""},
		{Name: "no application properties", Make: func(tb testing.TB) []byte {
			return editParts(tb, k.base, func(name string, b []byte) []byte {
				if name == partApp {
					return nil
				}
				return b
			})
		}, Got: func(r *Returned) string { return r.Application }, Want: ""},
	})
}
