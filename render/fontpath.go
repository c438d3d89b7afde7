package render

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// knownFonts are font files of the four styles, most preferred first within each style.
// Some are CFF fonts listed only so that, when they are all a system has, the error says
// they were found and why they cannot be used.
var knownFonts = []struct {
	name string
	st   style
}{
	// 仿宋: Windows, 华文 (Office), 方正 (common in government offices).
	{"simfang.ttf", styleFang}, {"FZFSK.TTF", styleFang}, {"FZFSJW.TTF", styleFang},
	{"STFANGSO.TTF", styleFang}, {"仿宋_GB2312.ttf", styleFang},
	// 楷体.
	{"simkai.ttf", styleKai}, {"FZKTK.TTF", styleKai}, {"STKAITI.TTF", styleKai},
	{"楷体_GB2312.ttf", styleKai}, {"LXGWWenKai-Regular.ttf", styleKai},
	{"LXGWWenKaiGB-Regular.ttf", styleKai}, {"ukai.ttc", styleKai}, {"Kaiti.ttc", styleKai},
	// 宋体 and 小标宋.
	{"FZXBSJW.TTF", styleSong}, {"FZXBSK.TTF", styleSong}, {"simsun.ttc", styleSong},
	{"STZHONGS.TTF", styleSong}, {"STSONG.TTF", styleSong}, {"Songti.ttc", styleSong},
	{"uming.ttc", styleSong},
	// 黑体.
	{"simhei.ttf", styleHei}, {"msyh.ttc", styleHei}, {"msyh.ttf", styleHei},
	{"wqy-microhei.ttc", styleHei}, {"wqy-zenhei.ttc", styleHei},
	{"STHeiti Light.ttc", styleHei}, {"STHeiti Medium.ttc", styleHei},
	{"Arial Unicode.ttf", styleHei}, {"DroidSansFallbackFull.ttf", styleHei},
	{"DroidSansFallback.ttf", styleHei},
	{"NotoSansCJK-Regular.ttc", styleHei}, {"NotoSansCJKsc-Regular.otf", styleHei},
	{"PingFang.ttc", styleHei}, {"Hiragino Sans GB.ttc", styleHei},
}

// fontDirs returns the directories that hold fonts on goos.
func fontDirs(goos string) []string {
	home, _ := os.UserHomeDir()
	var dirs []string
	switch goos {
	case "windows":
		win := os.Getenv("WINDIR")
		if win == "" {
			win = `C:\Windows`
		}
		dirs = append(dirs, filepath.Join(win, "Fonts"))
		if local := os.Getenv("LOCALAPPDATA"); local != "" {
			dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
		}
	case "darwin":
		if home != "" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		}
		dirs = append(dirs, "/Library/Fonts", "/Library/Fonts/Microsoft",
			"/System/Library/Fonts", "/System/Library/Fonts/Supplemental")
	default:
		if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
			dirs = append(dirs, filepath.Join(xdg, "fonts"))
		}
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"))
		}
		dirs = append(dirs, "/usr/local/share/fonts")
		for _, d := range []string{"wqy", "lxgw-wenkai", "arphic", "droid", "windows", "msttcorefonts"} {
			dirs = append(dirs, "/usr/share/fonts/truetype/"+d)
		}
		for _, d := range []string{"wqy-microhei", "wqy-zenhei", "lxgw-wenkai", "google-droid-sans-fonts",
			"TTF", "truetype", "winfonts", "opentype/noto", "noto-cjk", "google-noto-cjk"} {
			dirs = append(dirs, "/usr/share/fonts/"+d)
		}
	}
	return dirs
}

// SystemFontPaths returns the font files to try on this system, most preferred first
// within each style (仿宋, 楷体, 宋体, 黑体). Not all of them exist.
func SystemFontPaths() []string {
	dirs := fontDirs(runtime.GOOS)
	var out []string
	for _, k := range knownFonts {
		names := []string{k.name}
		if up := strings.ToUpper(k.name); up != k.name && runtime.GOOS != "windows" {
			names = append(names, up)
		}
		if low := strings.ToLower(k.name); low != k.name && runtime.GOOS != "windows" {
			names = append(names, low)
		}
		for _, d := range dirs {
			for _, n := range names {
				out = append(out, filepath.Join(d, n))
			}
		}
	}
	return out
}

// styleOfFile returns the style of a known font file.
func styleOfFile(path string) (style, bool) {
	base := filepath.Base(path)
	for _, k := range knownFonts {
		if strings.EqualFold(k.name, base) {
			return k.st, true
		}
	}
	return styleHei, false
}
