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
	want := "正文 霞鹜文楷（以楷体代仿宋）、一级标题 文泉驿微米黑（黑体）、二级标题 霞鹜文楷（楷体）、报头和标题 文泉驿微米黑（以黑体代小标宋）"
	if s := fs.Summary(); s != want {
		t.Errorf("summary\n got %s\nwant %s", s, want)
	}
}

// TestFindFontsDebian checks the free stand-ins Debian offers, and a machine with nothing
// but 文泉驿微米黑, where every role takes it and headings are set in bold.
func TestFindFontsDebian(t *testing.T) {
	for _, p := range []string{wqyPath, lxgwPath, ukaiPath, umingPath, zenheiPath} {
		fontFile(t, p)
	}
	tests := []struct {
		Name     string
		Opts     FontOptions
		Want     [numRoles]string // the file of each role's preferred face
		Summary  string
		Distinct bool // headings in another face than the body
	}{
		{"every Debian stand-in", FontOptions{System: SystemFontPaths()},
			[numRoles]string{umingPath, zenheiPath, lxgwPath, zenheiPath},
			"正文 AR PL UMing CN（以宋体代仿宋）、一级标题 文泉驿正黑（黑体）、二级标题 霞鹜文楷（楷体）、报头和标题 文泉驿正黑（以黑体代小标宋）", true},
		{"only 文泉驿微米黑", FontOptions{System: []string{wqyPath}},
			[numRoles]string{wqyPath, wqyPath, wqyPath, wqyPath},
			"正文 文泉驿微米黑（以黑体代仿宋）、一级标题 文泉驿微米黑（黑体）、二级标题 文泉驿微米黑（以黑体代楷体）、报头和标题 文泉驿微米黑（以黑体代小标宋）", false},
		{"--font-body, --font-heading and --font-title", FontOptions{Body: []string{ukaiPath}, Heading: []string{lxgwPath},
			Title: []string{umingPath}, System: []string{wqyPath}},
			[numRoles]string{ukaiPath, lxgwPath, wqyPath, umingPath},
			"正文 AR PL UKai CN（指定：ukai.ttc）、一级标题 霞鹜文楷（指定：LXGWWenKai-Regular.ttf）、二级标题 文泉驿微米黑（以黑体代楷体）、报头和标题 AR PL UMing CN（指定：uming.ttc）", true},
		{"--font-body before --font", FontOptions{Body: []string{ukaiPath}, Files: []string{lxgwPath}, System: []string{}},
			[numRoles]string{ukaiPath, lxgwPath, lxgwPath, lxgwPath},
			"正文 AR PL UKai CN（指定：ukai.ttc）、一级标题 霞鹜文楷（指定：LXGWWenKai-Regular.ttf）、二级标题 霞鹜文楷（指定：LXGWWenKai-Regular.ttf）、报头和标题 霞鹜文楷（指定：LXGWWenKai-Regular.ttf）", true},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			t.Setenv(FontEnv, "")
			fs, err := FindFonts(tt.Opts)
			if err != nil {
				t.Fatal(err)
			}
			for role := Role(0); role < numRoles; role++ {
				if got := fs.Primary(role).Path; got != tt.Want[role] {
					t.Errorf("%s: got %s, want %s", roleNames[role], got, tt.Want[role])
				}
			}
			if s := fs.Summary(); s != tt.Summary {
				t.Errorf("summary\n got %s\nwant %s", s, tt.Summary)
			}
			if got := fs.Distinct(RoleHeading); got != tt.Distinct {
				t.Errorf("headings distinct %v, want %v", got, tt.Distinct)
			}
		})
	}
	if _, err := FindFonts(FontOptions{Title: []string{"/nonexistent/FZXBSJW.TTF"}, System: []string{wqyPath}}); !errors.Is(err, ErrFontUnreadable) {
		t.Errorf("a missing --font-title: %v, want %v", err, ErrFontUnreadable)
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
