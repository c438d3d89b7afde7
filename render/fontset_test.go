package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
)

func TestFindFontsRoles(t *testing.T) {
	fs := testFonts(t)
	tests := []struct {
		Name string
		Role Role
		Want string // the file of the role's preferred face
	}{
		{"body text in 楷体 when there is no 仿宋", RoleBody, lxgwPath},
		{"headings in 黑体", RoleHeading, wqyPath},
		{"second-level headings in 楷体", RoleKai, lxgwPath},
		{"titles in 黑体 when there is no 宋体", RoleTitle, wqyPath},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			if got := fs.Primary(tt.Role).Path; got != tt.Want {
				t.Errorf("got %s, want %s", got, tt.Want)
			}
		})
	}
	if s := fs.Summary(); !strings.Contains(s, "正文：") || !strings.Contains(s, "文泉驿") {
		t.Errorf("summary %q", s)
	}
}

func TestFindFontsUserFont(t *testing.T) {
	fontFile(t, wqyPath)
	fontFile(t, lxgwPath)
	cff := writeTemp(t, "NotoSansCJK-Regular.otf", []byte("OTTO\x00\x01\x00\x10\x00\x00\x00\x00CFF \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04"))
	cjkOnly := writeTemp(t, "cjk-only.ttf", cutFont(t, cjkSample+"，。、：；？！（）“”□"))
	tests := []struct {
		Name    string
		Opts    FontOptions
		Env     string
		Want    string // the path of every role's preferred face
		WantErr error
	}{
		{"--font comes first for every role", FontOptions{Files: []string{wqyPath + "#1"}, System: []string{lxgwPath}}, "", wqyPath, nil},
		{"GYQC_FONT comes first for every role", FontOptions{System: []string{wqyPath}}, lxgwPath, lxgwPath, nil},
		{"--font before GYQC_FONT", FontOptions{Files: []string{cjkOnly}, System: []string{}}, lxgwPath, cjkOnly, nil},
		{"CFF font refused", FontOptions{Files: []string{cff}, System: []string{lxgwPath}}, "", "", ErrFontCFF},
		{"missing file refused", FontOptions{Files: []string{"/nonexistent/simfang.ttf"}, System: []string{lxgwPath}}, "", "", ErrFontUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			t.Setenv(FontEnv, tt.Env)
			fs, err := FindFonts(tt.Opts)
			if tt.WantErr != nil {
				if !errors.Is(err, tt.WantErr) {
					t.Fatalf("got %v, want %v", err, tt.WantErr)
				}
				if gyqc.ErrorCode(err) != gyqc.EInvalid {
					t.Errorf("code %q, want %q", gyqc.ErrorCode(err), gyqc.EInvalid)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for role := Role(0); role < numRoles; role++ {
				if got := fs.Primary(role).Path; got != tt.Want {
					t.Errorf("role %d: got %s, want %s", role, got, tt.Want)
				}
			}
		})
	}
}

// TestFontFallback checks the choice of face per character: a CJK-only font draws the
// hanzi, the next font the Latin letters and digits it lacks.
func TestFontFallback(t *testing.T) {
	fontFile(t, lxgwPath)
	cjkOnly := writeTemp(t, "cjk-only.ttf", cutFont(t, cjkSample+"，。□"))
	fs, err := FindFonts(FontOptions{Files: []string{cjkOnly}, System: []string{lxgwPath}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		Name string
		Rune rune
		Want string // "" when no face draws it
	}{
		{"hanzi from the first font", '中', cjkOnly},
		{"full-width comma from the first font", '，', cjkOnly},
		{"digit from the second font", '7', lxgwPath},
		{"Latin letter from the second font", 'Q', lxgwPath},
		{"space from the second font", ' ', lxgwPath},
		{"hanzi only the second font has", '鹜', lxgwPath},
		{"Yi syllable nobody has", 'ꀀ', ""},
		{"character above U+FFFF", '𠮷', ""},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			f := fs.Face(RoleBody, tt.Rune)
			got := ""
			if f != nil {
				got = f.Path
			}
			if got != tt.Want {
				t.Errorf("face for %q: got %q, want %q", tt.Rune, got, tt.Want)
			}
		})
	}
}

func TestFindFontsNoChineseFont(t *testing.T) {
	t.Setenv(FontEnv, "")
	cff := writeTemp(t, "NotoSansCJK-Regular.ttc", []byte("OTTO\x00\x01\x00\x10\x00\x00\x00\x00CFF \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04"))
	latin := writeTemp(t, "latin.ttf", cutFont(t, "ABCabc123 "))
	tests := []struct {
		Name   string
		Opts   FontOptions
		Expect []string // in the message
	}{
		{"nothing installed", FontOptions{System: []string{"/nonexistent/wqy-microhei.ttc"}},
			[]string{"apt-get install fonts-wqy-microhei", "--font", FontEnv}},
		{"only a CFF font installed", FontOptions{System: []string{cff}},
			[]string{"apt-get install fonts-wqy-microhei", "NotoSansCJK-Regular.ttc", "CFF"}},
		{"user font without hanzi", FontOptions{Files: []string{latin}, System: []string{}},
			[]string{"不含常用汉字", latin}},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			_, err := FindFonts(tt.Opts)
			if err == nil {
				t.Fatal("no error")
			}
			msg := gyqc.ErrorMessage(err)
			for _, s := range tt.Expect {
				if !strings.Contains(msg, s) {
					t.Errorf("message lacks %q:\n%s", s, msg)
				}
			}
		})
	}
}
