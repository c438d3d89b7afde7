package templates

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Markup of the sheets and shared strings the mutations work on.
var (
	cellRE = regexp.MustCompile(`<c r="[A-Z]+\d+"[^>]*?(?:/>|>.*?</c>)`)
	rowRE  = regexp.MustCompile(`(?s)<row [^>]*?(?:/>|>.*?</row>)`)
	refRE  = regexp.MustCompile(`^<c r="([A-Z]+)(\d+)"`)
)

// texts are what mutated cells hold: markup spreadsheet programs write and markup they do
// not, all inside what the tokenizer reads.
var texts = []string{
	`<t>纯文本</t>`, `<t xml:space="preserve"> 前后空格 </t>`, "<t>换行\r\n回车\r</t>", `<t>&lt;&amp;&gt;&quot;&apos;&#x4E2D;&#13;</t>`,
	`<t><![CDATA[<b>&amp;]]></t>`, `<t>_x000D__x005F_x0041__xD800__x4e2d_</t>`, `<r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r>`,
	`<t>前</t><r><t>后</t></r><rPh sb="0" eb="1"><t>ぜん</t></rPh>`, `<t></t>`, `<r><rPr><sz val="11"/></rPr></r>`, `<t>a<!--c-->b</t>`,
}

// mutate returns the parts of a filled template with random changes to the sheets and the
// shared strings, and a list of what was done.
func mutate(rng *rand.Rand, parts []zipPart) ([]zipPart, []string) {
	m := &mutator{rng: rng}
	out := make([]zipPart, len(parts))
	copy(out, parts)
	m.cellRate, m.rowRate = 2<<rng.IntN(12), 2<<rng.IntN(8) // one cell in cellRate changes, one row in rowRate
	for i, p := range out {
		if p.name == partSharedStrings {
			s := string(p.data)
			m.nsi = strings.Count(s, "<si>")
			var add strings.Builder
			for range 3 {
				add.WriteString("<si>" + texts[rng.IntN(len(texts))] + "</si>")
			}
			out[i].data = []byte(strings.Replace(s, "</sst>", add.String()+"</sst>", 1))
			m.nsi += 3
		}
	}
	for i, p := range out {
		if strings.HasPrefix(p.name, "xl/worksheets/") {
			out[i].data = []byte(m.sheet(p.name, string(p.data)))
		}
	}
	return out, m.did
}

// mutator makes the random changes of mutate and notes them.
type mutator struct {
	rng               *rand.Rand
	did               []string
	nsi               int // shared strings, after the three added
	cellRate, rowRate int // one cell in cellRate changes, one row in rowRate
}

func (m *mutator) note(format string, args ...any) {
	m.did = append(m.did, fmt.Sprintf(format, args...))
}

// sheet changes the cells and rows of the sheet part name holding s.
func (m *mutator) sheet(name, s string) string {
	rng := m.rng
	s = cellRE.ReplaceAllStringFunc(s, func(c string) string {
		if rng.IntN(m.cellRate) != 0 {
			return c
		}
		return m.cell(c)
	})
	rows := rowRE.FindAllStringIndex(s, -1)
	var b strings.Builder
	last := 0
	for _, r := range rows {
		b.WriteString(s[last:r[0]])
		row := s[r[0]:r[1]]
		last = r[1]
		if rng.IntN(m.rowRate) != 0 {
			b.WriteString(row)
			continue
		}
		b.WriteString(m.row(row))
	}
	b.WriteString(s[last:])
	s = b.String()
	if rng.IntN(8) == 0 {
		m.note("%s: row after sheetData", name)
		s = strings.Replace(s, "</sheetData>", `</sheetData><extLst><row r="300"><c r="H300"><v>5</v></c></row></extLst>`, 1)
	}
	if rng.IntN(8) == 0 {
		m.note("%s: prefixed", name)
		s = strings.Replace(regexp.MustCompile(`<(/?)([A-Za-z])`).ReplaceAllString(s, "<${1}x:${2}"), ` xmlns="`, ` xmlns:x="`, 1)
	}
	return s
}

// cell returns cell c changed in one of twelve ways.
func (m *mutator) cell(c string) string {
	g := refRE.FindStringSubmatch(c)
	ref := g[1] + g[2]
	switch m.rng.IntN(12) {
	case 0:
		m.note("%s without r", ref)
		return strings.Replace(c, ` r="`+ref+`"`, "", 1)
	case 1:
		m.note("%s inline", ref)
		return `<c r="` + ref + `" t="inlineStr"><is>` + texts[m.rng.IntN(len(texts))] + `</is></c>`
	case 2:
		k := []string{"0", " 1 ", "1.0", "-1", "99999", fmt.Sprint(m.nsi - 1 - m.rng.IntN(3)), ""}[m.rng.IntN(7)]
		m.note("%s shared %q", ref, k)
		return `<c r="` + ref + `" t="s"><v>` + k + `</v></c>`
	case 3:
		t := []string{"b", "e", "str", "n", "d", "x", ""}[m.rng.IntN(7)]
		m.note("%s type %q", ref, t)
		return `<c r="` + ref + `" t="` + t + `"><v>` + []string{"1", "12.50", "#N/A", "2025-06-30T00:00:00Z", " 7 "}[m.rng.IntN(5)] + `</v></c>`
	case 4:
		m.note("%s formula", ref)
		return `<c r="` + ref + `"><f t="shared" si="1" ref="A1:B2">A1</f>` + []string{"", "<v>3</v>", "<v></v>"}[m.rng.IntN(3)] + `</c>`
	case 5:
		m.note("%s self-closing", ref)
		return `<c r="` + ref + `"/>`
	case 6:
		r := []string{strings.ToLower(ref), "$" + g[1] + "$" + g[2], g[1] + "1", "A" + g[2], "XFD" + g[2], g[1] + "0", "1" + g[1]}[m.rng.IntN(7)]
		m.note("%s as %s", ref, r)
		return strings.Replace(c, `r="`+ref+`"`, `r="`+r+`"`, 1)
	case 7:
		m.note("%s commented", ref)
		return "<!-- x -->" + c + "<?pi ?>\n"
	case 8:
		m.note("%s value in extLst", ref)
		return `<c r="` + ref + `"><extLst><v>4</v></extLst></c>`
	case 9:
		m.note("%s cell with an xmlns r", ref)
		return strings.Replace(c, `<c r="`, `<c xmlns:r="urn:r" r="`, 1)
	case 10:
		m.note("%s doubled", ref)
		return c + c
	}
	m.note("%s dropped", ref)
	return ""
}

// row returns row changed in one of seven ways.
func (m *mutator) row(row string) string {
	switch m.rng.IntN(7) {
	case 0:
		m.note("row without r")
		row = regexp.MustCompile(`^<row r="\d+"`).ReplaceAllString(row, "<row")
	case 1:
		m.note("row r with spaces")
		row = regexp.MustCompile(`^<row r="(\d+)"`).ReplaceAllString(row, `<row r=" $1"`)
	case 2:
		m.note("row moved down")
		row = regexp.MustCompile(`^<row r="(\d+)"`).ReplaceAllString(row, `<row r="4$1"`)
	case 3:
		m.note("row doubled")
		row += row
	case 4:
		m.note("empty row before")
		row = `<row r="0"/>` + row
	case 5:
		m.note("row dropped")
		row = ""
	case 6:
		m.note("cells reversed")
		cells := cellRE.FindAllString(row, -1)
		for i, j := 0, len(cells)-1; i < j; i, j = i+1, j-1 {
			cells[i], cells[j] = cells[j], cells[i]
		}
		if k := strings.Index(row, ">"); k > 0 && !strings.HasSuffix(row[:k+1], "/>") {
			row = row[:k+1] + strings.Join(cells, "") + "</row>"
		}
	}
	return row
}

// TestReadMutated reads filled templates whose sheets and shared strings were changed at
// random in the ways mutate knows, far beyond what Inspect lets through, with both
// readers: whenever the fast reader reads one, it reads it exactly as excelize does.
func TestReadMutated(t *testing.T) {
	plan := defaultPlan(t)
	parts := zipParts(t, filledTemplate(t))
	n := 300
	if testing.Short() {
		n = 50
	}
	read, withProblems := 0, 0
	for seed := range n {
		rng := rand.New(rand.NewPCG(uint64(seed), 2026))
		mutated, did := mutate(rng, parts)
		data := pack(t, mutated, zip.Store)
		got, gotProbs, err := ReadBytes(data, plan)
		if err != nil {
			continue
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("seed %d: excelize cannot open it: %v", seed, err)
		}
		want, wantProbs, panicked := readGuarded(f, plan)
		f.Close()
		if panicked != nil {
			t.Fatalf("seed %d (%v): excelize panics (%v) where the fast reader reads", seed, did, panicked)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotProbs, wantProbs) {
			t.Fatalf("seed %d (%v): readers differ\nfast     %+v\n%v\nexcelize %+v\n%v", seed, did, got, gotProbs, want, wantProbs)
		}
		read++
		if len(gotProbs) > 0 {
			withProblems++
		}
	}
	t.Logf("%d of %d mutated files read by both readers, %d of them with problems", read, n, withProblems)
	if read < n*9/10 {
		t.Errorf("the fast reader read only %d of %d mutated files", read, n)
	}
}
