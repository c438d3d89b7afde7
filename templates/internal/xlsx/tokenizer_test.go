package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tokens returns the tokens of s as the tokenizer reads them, written as encoding/xml
// would give them through Token (namespaces resolved; comments and processing
// instructions left out), or the reason it fails.
func tokens(s string) ([]string, string) {
	t := newTokenizer(s, true)
	var out, open []string
	for {
		switch t.next() {
		case tokEOF:
			return out, t.fail
		case tokStart:
			space := t.space(t.prefix, t.local, true)
			open = append(open, space)
			var attrs []string
			for i := range t.attrs {
				local := t.attrLocal(i)
				attrs = append(attrs, fmt.Sprintf("%s|%s=%q", t.space(t.attrPrefix(i), local, false), local, t.attrValue(i)))
			}
			out = append(out, fmt.Sprintf("<%s|%s %s>", space, t.local, strings.Join(attrs, " ")))
		case tokEnd:
			space := open[len(open)-1]
			open = open[:len(open)-1]
			out = append(out, fmt.Sprintf("</%s|%s>", space, t.local))
		case tokText:
			out = append(out, fmt.Sprintf("%q", t.textValue()))
		}
	}
}

// stdTokens returns the tokens of s as encoding/xml's Token gives them, in the same form,
// or its error.
func stdTokens(s string) ([]string, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	var out []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			var attrs []string
			for _, a := range tok.Attr {
				attrs = append(attrs, fmt.Sprintf("%s|%s=%q", a.Name.Space, a.Name.Local, a.Value))
			}
			out = append(out, fmt.Sprintf("<%s|%s %s>", tok.Name.Space, tok.Name.Local, strings.Join(attrs, " ")))
		case xml.EndElement:
			out = append(out, fmt.Sprintf("</%s|%s>", tok.Name.Space, tok.Name.Local))
		case xml.CharData:
			out = append(out, fmt.Sprintf("%q", string(tok)))
		}
	}
}

// checkLikeStd fails when the tokenizer reads s to its end but encoding/xml does not, or
// reads other tokens.
func checkLikeStd(t *testing.T, s string) {
	t.Helper()
	got, fail := tokens(s)
	if fail != "" {
		return
	}
	want, err := stdTokens(s)
	if err != nil {
		t.Fatalf("the tokenizer accepts what encoding/xml refuses (%v):\n%q", err, s)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("tokens differ for %q\ngot  %q\nwant %q", s, got, want)
	}
}

// TestTokenizer reads markup the fast reader must read as encoding/xml does, and markup it
// must leave to excelize; every accepted case is also compared with encoding/xml.
func TestTokenizer(t *testing.T) {
	for _, tc := range []struct {
		Name, In string
		Want     []string // tokens; nil when the tokenizer must fail
	}{
		{Name: "declaration and elements", In: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<a x="1"><b/></a>`,
			Want: []string{`"\n"`, `<|a |x="1">`, `<|b >`, `</|b>`, `</|a>`}},
		{Name: "default namespace and prefixes", In: `<x:sst xmlns:x="urn:m" xmlns="urn:d"><x:si><t r:id="1" xmlns:r="urn:r"/></x:si></x:sst>`,
			Want: []string{`<urn:m|sst xmlns|x="urn:m" |xmlns="urn:d">`, `<urn:m|si >`, `<urn:d|t urn:r|id="1" xmlns|r="urn:r">`,
				`</urn:d|t>`, `</urn:m|si>`, `</urn:m|sst>`}},
		{Name: "unbound prefix stands for itself", In: `<p:a p:b="1"/>`, Want: []string{`<p|a p|b="1">`, `</p|a>`}},
		{Name: "xml prefix", In: `<t xml:space="preserve"> a </t>`,
			Want: []string{`<|t http://www.w3.org/XML/1998/namespace|space="preserve">`, `" a "`, `</|t>`}},
		{Name: "predefined entities", In: `<v a="&lt;&amp;&quot;&apos;&gt;">&lt;b&gt; &amp; &quot;x&quot; &apos;y&apos;</v>`,
			Want: []string{`<|v |a="<&\"'>">`, `"<b> & \"x\" 'y'"`, `</|v>`}},
		{Name: "character references", In: `<v>&#65;&#x42;&#x43;&#x4e2d;&#x1F600;&#9;</v>`,
			Want: []string{`<|v >`, `"ABC中😀\t"`, `</|v>`}},
		{Name: "surrogate reference becomes U+FFFD", In: `<v>&#xD800;</v>`, Want: []string{`<|v >`, "\"\uFFFD\"", `</|v>`}},
		{Name: "line ends in text and attributes", In: "<v a=\"1\r\n2\r3\">x\r\ny\rz</v>",
			Want: []string{`<|v |a="1\n2\n3">`, `"x\ny\nz"`, `</|v>`}},
		{Name: "decoded carriage return stays", In: `<v>a&#13;b</v>`, Want: []string{`<|v >`, `"a\rb"`, `</|v>`}},
		{Name: "CDATA", In: "<v><![CDATA[<b>&amp; ]]]]><![CDATA[>\r\n]]></v>",
			Want: []string{`<|v >`, `"<b>&amp; ]]"`, `">\n"`, `</|v>`}},
		{Name: "comments and processing instructions", In: `<!-- a - b --><a><?pi x?><!----></a>`,
			Want: []string{`<|a >`, `</|a>`}},
		{Name: "spaces inside tags", In: "<a\n x = '1'\tb=\"2\" ></a >", Want: []string{`<|a |x="1" |b="2">`, `</|a>`}},
		{Name: "byte order mark is text", In: "\ufeff<a/>", Want: []string{`"\ufeff"`, `<|a >`, `</|a>`}},
		{Name: "right bracket and greater-than", In: `<v>a]b]>c] ]></v>`, Want: []string{`<|v >`, `"a]b]>c] ]>"`, `</|v>`}},
		{Name: "]]> in an attribute", In: `<v a="]]>"/>`, Want: []string{`<|v |a="]]>">`, `</|v>`}},

		{Name: "doctype", In: `<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`},
		{Name: "unknown entity", In: `<v>&nbsp;</v>`},
		{Name: "entity without semicolon", In: `<v>&amp </v>`},
		{Name: "bare ampersand", In: `<v>a & b</v>`},
		{Name: "NUL reference", In: `<v>&#0;</v>`},
		{Name: "upper-case X reference", In: `<v>&#X41;</v>`},
		{Name: "reference beyond Unicode", In: `<v>&#x110000;</v>`},
		{Name: "FFFE", In: "<v>\uFFFE</v>"},
		{Name: "control character", In: "<v>a\x01b</v>"},
		{Name: "invalid UTF-8", In: "<v>\xff</v>"},
		{Name: "]]> in text", In: `<v>a]]>b</v>`},
		{Name: "< in an attribute", In: `<v a="<"/>`},
		{Name: "unquoted attribute", In: `<v a=1/>`},
		{Name: "attribute without value", In: `<v a/>`},
		{Name: "mismatched end tag", In: `<a><b></a></b>`},
		{Name: "end tag with another prefix", In: `<x:a xmlns:x="u" xmlns:y="u"></y:a>`},
		{Name: "unclosed element", In: `<a><b></b>`},
		{Name: "stray end tag", In: `</a>`},
		{Name: "double hyphen in a comment", In: `<!-- a -- b --><a/>`},
		{Name: "unterminated CDATA", In: `<v><![CDATA[x</v>`},
		{Name: "other encoding", In: `<?xml version="1.0" encoding="GB2312"?><a/>`},
		{Name: "XML 1.1", In: `<?xml version="1.1"?><a/>`},
		{Name: "non-ASCII element name", In: `<名称/>`},
		{Name: "two colons", In: `<a:b:c/>`},
		{Name: "slash not closing", In: `<a / >`},
		{Name: "nesting too deep", In: strings.Repeat("<a>", maxTokDepth+1) + strings.Repeat("</a>", maxTokDepth+1)},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			got, fail := tokens(tc.In)
			if tc.Want == nil {
				if fail == "" {
					t.Fatalf("read %q, want a failure", got)
				}
				return
			}
			if fail != "" {
				t.Fatalf("failed: %s", fail)
			}
			if !slices.Equal(got, tc.Want) {
				t.Errorf("got  %q\nwant %q", got, tc.Want)
			}
			checkLikeStd(t, tc.In)
		})
	}
}

// FuzzTokenizer checks the tokenizer against encoding/xml: whatever it reads to the end,
// encoding/xml reads too, into the same tokens. Seeded with the parts of real workbooks.
func FuzzTokenizer(f *testing.F) {
	f.Add(`<a x="1">t<b/>&amp;<![CDATA[c]]></a>`)
	f.Add(`<x:c r="A1" t="s" xmlns:x="urn:x"><x:v>1</x:v></x:c>`)
	for _, s := range tokenizerSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkLikeStd(t, s)
	})
}

// tokenizerSeeds returns the XML parts (up to 8 KB, which keeps fuzzing and minimizing fast)
// of the workbooks in the intake's good corpus: a template, and files Excel, LibreOffice and
// openpyxl wrote.
func tokenizerSeeds(tb testing.TB) []string {
	var seeds []string
	good, _ := filepath.Glob(filepath.Join("..", "..", "..", "intake", "testdata", "good", "*.xlsx"))
	if len(good) == 0 {
		tb.Fatal("no workbooks in intake/testdata/good")
	}
	for _, p := range good {
		zr, err := zip.OpenReader(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") || f.UncompressedSize64 > 8<<10 {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				tb.Fatal(err)
			}
			seeds = append(seeds, string(b))
		}
		zr.Close()
	}
	return seeds
}
