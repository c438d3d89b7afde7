package intake

import (
	"testing"

	"github.com/qianjiang/gyqc"
)

func TestParseRef(t *testing.T) {
	tests := []struct {
		name, ref string
		col, row  int
		ok        bool
	}{
		{name: "simple", ref: "B12", col: 2, row: 12, ok: true},
		{name: "lower case", ref: "aa3", col: 27, row: 3, ok: true},
		{name: "absolute", ref: "$C$7", col: 3, row: 7, ok: true},
		{name: "last column allowed", ref: "AMJ1", col: 1024, row: 1, ok: true},
		{name: "column over limit", ref: "AMK1", col: 0, row: 1, ok: true},
		{name: "huge column", ref: "ZZZZZZZZZZZZZZZZZZZZZZZZ1", col: 0, row: 1, ok: true},
		{name: "row over limit", ref: "A10001", col: 1, row: 0, ok: true},
		{name: "row 2^31-1", ref: "A2147483647", col: 1, row: 0, ok: true},
		{name: "huge row", ref: "A99999999999999999999999999", col: 1, row: 0, ok: true},
		{name: "no row", ref: "A", ok: false},
		{name: "no column", ref: "12", ok: false},
		{name: "negative row", ref: "A-1", ok: false},
		{name: "digits first", ref: "1A", ok: false},
		{name: "empty", ref: "", ok: false},
		{name: "range", ref: "A1:B2", ok: false},
		{name: "non-ASCII", ref: "Ａ1", ok: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			col, row, ok := parseRef([]byte(tc.ref), 1024, 10000)
			if ok != tc.ok || ok && (col != tc.col || row != tc.row) {
				t.Errorf("got %d, %d, %v; want %d, %d, %v", col, row, ok, tc.col, tc.row, tc.ok)
			}
		})
	}
}

func TestColName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA", 1024: "AMJ", 16384: "XFD"} {
		if got := colName(n); got != want {
			t.Errorf("colName(%d): got %q, want %q", n, got, want)
		}
	}
}

func TestLocalName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"xl/worksheets/sheet1.xml", true},
		{"[Content_Types].xml", true},
		{"xl/media/图片 1.png", true},
		{"docProps/", true},
		{"", false},
		{"../x", false},
		{"xl/../../x", false},
		{"xl/./x", false},
		{"/abs", false},
		{`a\b`, false},
		{"C:/x", false},
		{"c:x", false},
		{"xl//x", false},
		{"xl/x\x00", false},
		{"xl/x\n", false},
	}
	for _, tc := range tests {
		if got := localName(tc.name); got != tc.ok {
			t.Errorf("localName(%q): got %v, want %v", tc.name, got, tc.ok)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, data string
		rule       gyqc.Rule
	}{
		{name: "utf-8 text", data: "进展情况\n", rule: RuleText},
		{name: "csv with bom", data: "\xEF\xBB\xBF序号,名称\r\n1,甲\r\n", rule: RuleText},
		{name: "gbk", data: "\xd0\xf2\xba\xc5,\xc3\xfb\xb3\xc6\r\n", rule: RuleText},
		{name: "utf-16 unicode text", data: "\xFF\xFEA\x00\t\x00B\x00", rule: RuleText},
		{name: "html", data: "  <!DOCTYPE html><html><body>", rule: RuleHTML},
		{name: "html table only", data: "<table><tr><td>1</td></tr></table>", rule: RuleHTML},
		{name: "utf-16 html", data: "\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00", rule: RuleHTML},
		{name: "xml 2003", data: `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook>`, rule: RuleXML2003},
		{name: "pdf", data: "%PDF-1.7\n", rule: RulePDF},
		{name: "png", data: "\x89PNG\r\n\x1a\n\x00\x00", rule: RuleImage},
		{name: "jpeg", data: "\xFF\xD8\xFF\xE0\x00\x10JFIF", rule: RuleImage},
		{name: "rar", data: "Rar!\x1a\x07\x00", rule: RuleArchive},
		{name: "7z", data: "7z\xBC\xAF\x27\x1C\x00", rule: RuleArchive},
		{name: "gzip", data: "\x1F\x8B\x08\x00", rule: RuleArchive},
		{name: "ole", data: "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", rule: RuleOLE},
		{name: "binary", data: "\x01\x02\x03\x04", rule: RuleUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniff([]byte(tc.data)); got.Rule != tc.rule || got.Message == "" || got.Fix == "" {
				t.Errorf("got %+v, want rule %s", got, tc.rule)
			}
		})
	}
}
