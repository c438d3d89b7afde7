package intake

// textMeter measures the length of XML character data as it streams, as Excel counts a
// cell's text: UTF-16 units of the unescaped text. An entity or character reference counts
// as one character, wherever the stream splits it.
type textMeter struct {
	n     int
	inRef bool
}

// write counts the characters of b.
func (m *textMeter) write(b []byte) {
	for _, c := range b {
		switch {
		case m.inRef:
			m.inRef = c != ';'
		case c == '&':
			m.n++
			m.inRef = true
		case c < 0x80 || c >= 0xC0 && c < 0xF0:
			m.n++ // ASCII, or the lead byte of a character in the basic plane
		case c >= 0xF0:
			m.n += 2 // the lead byte of a character beyond U+FFFF: a surrogate pair
		}
	}
}

// reset starts a new text.
func (m *textMeter) reset() { *m = textMeter{} }

// maxLongStrings caps the over-long shared strings remembered by index, for the cells that
// use them.
const maxLongStrings = 64

// sstHook checks the shared strings part as it streams: it counts the strings (<si>),
// stops caring once there are more than the limit, and measures each string's text,
// remembering those longer than a cell may hold.
type sstHook struct {
	lim   *Limits
	n     int         // strings seen
	inT   bool        // inside a <t> of the current string
	chars textMeter   // of the current string
	long  map[int]int // index to length, of strings over MaxCellText
	nLong int         // how many strings are over MaxCellText
}

func newSSTHook(lim *Limits) *sstHook { return &sstHook{lim: lim, long: map[int]int{}} }

func (h *sstHook) start(s *xmlScanner, name []byte, depth int, self bool) {
	switch {
	case depth == 1 && string(name) == "si":
		h.n++
		h.chars.reset()
		if h.n == h.lim.MaxSharedStrings+1 {
			s.failf(RuleStrings, "文件中的不同文字（共享字符串）超过%d个，不是正常的报表（本报表正常只有几百个）", h.lim.MaxSharedStrings)
		}
	case depth >= 2 && string(name) == "t" && !self:
		h.inT, s.textOn = true, true
	}
}

func (h *sstHook) end(s *xmlScanner, name []byte, depth int) {
	switch {
	case string(name) == "t" && h.inT:
		h.inT, s.textOn = false, false
	case depth == 1 && string(name) == "si":
		if h.chars.n > h.lim.MaxCellText {
			h.nLong++
			if len(h.long) < maxLongStrings {
				h.long[h.n-1] = h.chars.n
			}
		}
	}
}

func (h *sstHook) text(_ *xmlScanner, b []byte) {
	if h.inT {
		h.chars.write(b)
	}
}
