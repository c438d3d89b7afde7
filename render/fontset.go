package render

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/qianjiang/gyqc"
)

// FontEnv is the environment variable that names font files, like --font; several files
// are separated by the system's list separator (":" on Linux and macOS, ";" on Windows).
const FontEnv = "GYQC_FONT"

// Role is what a piece of text is, which decides its typeface, after the conventions of
// Chinese official documents (GB/T 9704).
type Role int

// Text roles.
const (
	RoleBody    Role = iota // body text: 仿宋 where installed
	RoleHeading             // first-level headings, table headers: 黑体
	RoleKai                 // second-level headings: 楷体
	RoleTitle               // masthead and title: 小标宋 or 宋体
	numRoles
)

// style is a typeface style: the four used in official documents.
type style int

const (
	styleFang style = iota // 仿宋
	styleHei               // 黑体
	styleKai               // 楷体
	styleSong              // 宋体
	styleXBS               // 小标宋
	numStyles
)

// styleNames are the styles in Chinese, as the font report names them.
var styleNames = [numStyles]string{"仿宋", "黑体", "楷体", "宋体", "小标宋"}

// rolePreference lists, for each role, the styles to use in order: the style official
// documents use first, then the nearest stand-ins. 宋体 stands in for 仿宋 (both are print
// faces; 楷体 is kept for second-level headings), 黑体 for 小标宋.
var rolePreference = [numRoles][]style{
	RoleBody:    {styleFang, styleSong, styleKai, styleHei, styleXBS},
	RoleHeading: {styleHei, styleXBS, styleSong, styleKai, styleFang},
	RoleKai:     {styleKai, styleFang, styleSong, styleHei, styleXBS},
	RoleTitle:   {styleXBS, styleHei, styleSong, styleKai, styleFang},
}

// roleNames are the roles in Chinese, as the font report names them.
var roleNames = [numRoles]string{"正文", "一级标题", "二级标题", "报头和标题"}

// FontOptions says where to look for fonts.
type FontOptions struct {
	// Files are fonts chosen by the user (--font), most preferred first; "FILE#N" picks
	// face N of a collection. They come first for every role and must be usable. The files
	// named by the environment variable GYQC_FONT follow them.
	Files []string
	// Body, Heading and Title are fonts chosen for one role (--font-body, --font-heading,
	// --font-title): body text and tables, first-level headings, the masthead and title.
	// They come before Files in that role's chain and must be usable.
	Body, Heading, Title []string
	// System lists the system font files to try after them. Nil means the well-known
	// locations of this operating system (SystemFontPaths); an empty slice means none.
	System []string
}

// FontSet is the fonts a document draws with: for each role a chain of faces, the preferred
// first, each later one covering characters the earlier ones lack (a CJK-only font has no
// Latin digits). A FontSet is read-only and may be shared by documents rendered at the same
// time.
type FontSet struct {
	faces   []*Face
	chains  [numRoles][]*Face
	styles  map[*Face]style // the style of each system face
	chosen  map[*Face]bool  // faces the user named
	Skipped []string        // system fonts found but refused, with the reason, in Chinese
}

// cjkSample is a set of common characters a Chinese font must draw.
const cjkSample = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严黔"

// coversChinese reports whether f draws nearly all of cjkSample.
func coversChinese(f *Face) bool {
	n, have := 0, 0
	for _, r := range cjkSample {
		n++
		if f.Covers(r) {
			have++
		}
	}
	return have*100 >= n*95
}

// FindFonts loads the fonts for documents: the user's files (opts.Files, then GYQC_FONT),
// then one face of each style found among the system fonts. It fails when a user's file
// cannot be used, or when no font draws Chinese, with a message saying what to install.
func FindFonts(opts FontOptions) (*FontSet, error) {
	set := &FontSet{styles: map[*Face]style{}, chosen: map[*Face]bool{}}
	loaded := map[string]*Face{} // by spec, so a file named twice is one face
	load := func(specs []string) ([]*Face, error) {
		var out []*Face
		for _, spec := range specs {
			spec = strings.TrimSpace(spec)
			if spec == "" {
				continue
			}
			f, ok := loaded[spec]
			if !ok {
				var err error
				if f, err = LoadFace(spec); err != nil {
					return nil, err
				}
				loaded[spec] = f
				set.faces = append(set.faces, f)
				set.chosen[f] = true
			}
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
		return out, nil
	}
	files := append([]string(nil), opts.Files...)
	if env := os.Getenv(FontEnv); env != "" {
		files = append(files, filepath.SplitList(env)...)
	}
	var perRole [numRoles][]*Face
	for _, rs := range []struct {
		role  Role
		specs []string
	}{{RoleBody, opts.Body}, {RoleHeading, opts.Heading}, {RoleTitle, opts.Title}} {
		faces, err := load(rs.specs)
		if err != nil {
			return nil, err
		}
		perRole[rs.role] = faces
	}
	user, err := load(files)
	if err != nil {
		return nil, err
	}
	byStyle := set.systemFaces(opts.System, loaded)

	// Chains: the role's own faces, the user's, then the role's styles in order.
	for _, f := range byStyle {
		if f != nil {
			set.faces = append(set.faces, f)
		}
	}
	names := map[string]int{} // gofpdf keys fonts by their lower-cased name
	for _, f := range set.faces {
		key := strings.ToLower(f.PSName)
		names[key]++
		if n := names[key]; n > 1 {
			f.PSName = fmt.Sprintf("%s%d", f.PSName, n) // each face gets its own PDF name
		}
	}
	for role := range set.chains {
		var chain []*Face
		for _, f := range append(append([]*Face(nil), perRole[role]...), user...) {
			if !slices.Contains(chain, f) {
				chain = append(chain, f)
			}
		}
		for _, st := range rolePreference[role] {
			if byStyle[st] != nil {
				chain = append(chain, byStyle[st])
			}
		}
		set.chains[role] = chain
	}

	for _, f := range set.faces {
		if coversChinese(f) {
			return set, nil
		}
	}
	return nil, noChineseFont(set, append(perRole[RoleBody], user...))
}

// systemFaces loads one face per style from the system's font files: the first usable file
// of that style. Files already loaded as the user's are skipped.
func (set *FontSet) systemFaces(system []string, loaded map[string]*Face) [numStyles]*Face {
	if system == nil {
		system = SystemFontPaths()
	}
	var byStyle [numStyles]*Face
	seen := map[string]bool{}
	for _, path := range system {
		if seen[path] || loaded[path] != nil {
			continue
		}
		seen[path] = true
		st, known := styleOfFile(path)
		if known && byStyle[st] != nil {
			continue
		}
		if _, err := os.Stat(path); err != nil {
			continue
		}
		f, err := LoadFace(path)
		if err != nil {
			var fe *FontError
			if errors.As(err, &fe) {
				set.Skipped = append(set.Skipped, fe.Error())
			}
			continue
		}
		if !known {
			st = styleOfFamily(f.Family)
		}
		if byStyle[st] == nil {
			byStyle[st] = f
			set.styles[f] = st
		}
	}
	return byStyle
}

// noChineseFont is the error when no loaded face draws Chinese.
func noChineseFont(set *FontSet, user []*Face) error {
	var b strings.Builder
	b.WriteString("没有找到可用的中文字体，无法生成 PDF。")
	if len(user) > 0 {
		fmt.Fprintf(&b, "指定的字体“%s”不含常用汉字。", user[0].Path)
	}
	b.WriteString("请安装文泉驿微米黑（Debian/Ubuntu：sudo apt-get install fonts-wqy-microhei；" +
		"Fedora：sudo dnf install wqy-microhei-fonts），或用 --font 指定一个 TrueType 中文字体文件" +
		"（.ttf 或 .ttc，例如 C:\\Windows\\Fonts\\simfang.ttf），也可以设置环境变量 " + FontEnv + "。")
	if len(set.Skipped) > 0 {
		b.WriteString("以下字体已找到但不能使用：\n" + strings.Join(set.Skipped, "\n"))
	}
	return &gyqc.Error{Code: gyqc.EInvalid, Message: b.String()}
}

// Face returns the first face of role's chain that draws r, or nil when none does.
func (s *FontSet) Face(role Role, r rune) *Face {
	for _, f := range s.chains[role] {
		if f.Covers(r) {
			return f
		}
	}
	for _, f := range s.faces {
		if f.Covers(r) {
			return f
		}
	}
	return nil
}

// Primary returns the preferred face of a role.
func (s *FontSet) Primary(role Role) *Face {
	if len(s.chains[role]) > 0 {
		return s.chains[role][0]
	}
	return s.faces[0]
}

// Summary says in Chinese which face each role uses and what stands in for what, for the
// last line of `gyqc brief`: 正文 AR PL UMing CN（以宋体代仿宋）、一级标题 文泉驿正黑（黑体）….
func (s *FontSet) Summary() string {
	parts := make([]string, 0, numRoles)
	for role := Role(0); role < numRoles; role++ {
		f := s.Primary(role)
		parts = append(parts, roleNames[role]+" "+f.Family+"（"+s.standIn(role, f)+"）")
	}
	return strings.Join(parts, "、")
}

// standIn says what face f is for role: 指定, the wanted style, or 以宋体代仿宋.
func (s *FontSet) standIn(role Role, f *Face) string {
	if s.chosen[f] {
		return "指定：" + displayPath(f.Path)
	}
	want := rolePreference[role][0]
	st, ok := s.styles[f]
	switch {
	case !ok:
		return displayPath(f.Path)
	case st == want:
		return styleNames[st]
	}
	return "以" + styleNames[st] + "代" + styleNames[want]
}

// Distinct reports whether role is drawn in another face than body text; when it is not,
// headings are set in bold so that they still stand out.
func (s *FontSet) Distinct(role Role) bool { return s.Primary(role) != s.Primary(RoleBody) }

// styleOfFamily guesses the style of a face from its family name.
func styleOfFamily(family string) style {
	low := strings.ToLower(family)
	switch {
	case strings.Contains(low, "fang") || strings.Contains(family, "仿宋"):
		return styleFang
	case strings.Contains(low, "kai") || strings.Contains(family, "楷"):
		return styleKai
	case strings.Contains(low, "xbs") || strings.Contains(low, "xiaobiaosong") || strings.Contains(family, "小标宋"):
		return styleXBS
	case strings.Contains(low, "song") || strings.Contains(low, "ming") || strings.Contains(family, "宋") || strings.Contains(family, "明"):
		return styleSong
	}
	return styleHei
}
