package xlsx

import "testing"

// BenchmarkTokenizer reads every XML part of the workbooks in the intake's good corpus
// (up to 8 KB each) to its end with the tokenizer, values decoded as the reader decodes
// them.
func BenchmarkTokenizer(b *testing.B) {
	parts := tokenizerSeeds(b)
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var t tokenizer
	for b.Loop() {
		for _, p := range parts {
			t.reset(p, true)
			for k := t.next(); k != tokEOF; k = t.next() {
				switch k {
				case tokStart:
					for i := range t.attrs {
						_ = t.attrValue(i)
					}
				case tokText:
					_ = t.textValue()
				}
			}
		}
	}
}
