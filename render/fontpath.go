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
	// 小标宋: 方正 (common in government offices), the CESI fonts of 统信UOS and 麒麟.
	{"FZXBSJW.TTF", styleXBS}, {"FZXBSK.TTF", styleXBS}, {"方正小标宋简体.ttf", styleXBS},
	{"方正小标宋_GBK.ttf", styleXBS}, {"CESI_XBS_GB2312.TTF", styleXBS}, {"CESI_XBS_GB13000.TTF", styleXBS},
	{"CESI_XBS_GB18030.TTF", styleXBS},
	// 仿宋: Windows, 方正, 华文 (Office), CESI.
	{"simfang.ttf", styleFang}, {"仿宋_GB2312.ttf", styleFang}, {"FZFSK.TTF", styleFang}, {"FZFSJW.TTF", styleFang},
	{"方正仿宋_GBK.ttf", styleFang}, {"CESI_FS_GB2312.TTF", styleFang}, {"CESI_FS_GB13000.TTF", styleFang},
	{"CESI_FS_GB18030.TTF", styleFang}, {"STFANGSO.TTF", styleFang},
	// 楷体; the free stand-ins last.
	{"simkai.ttf", styleKai}, {"楷体_GB2312.ttf", styleKai}, {"FZKTK.TTF", styleKai}, {"FZKTJW.TTF", styleKai},
	{"方正楷体_GBK.ttf", styleKai}, {"CESI_KT_GB2312.TTF", styleKai}, {"CESI_KT_GB13000.TTF", styleKai},
	{"CESI_KT_GB18030.TTF", styleKai}, {"STKAITI.TTF", styleKai}, {"Kaiti.ttc", styleKai},
	{"LXGWWenKai-Regular.ttf", styleKai}, {"LXGWWenKaiGB-Regular.ttf", styleKai}, {"ukai.ttc", styleKai},
	// 宋体.
	{"simsun.ttc", styleSong}, {"FZSSK.TTF", styleSong}, {"CESI_SS_GB2312.TTF", styleSong},
	{"CESI_SS_GB13000.TTF", styleSong}, {"CESI_SS_GB18030.TTF", styleSong}, {"STZHONGS.TTF", styleSong},
	{"STSONG.TTF", styleSong}, {"Songti.ttc", styleSong}, {"uming.ttc", styleSong},
	// 黑体.
	{"simhei.ttf", styleHei}, {"FZHTK.TTF", styleHei}, {"FZHTJW.TTF", styleHei}, {"方正黑体_GBK.ttf", styleHei},
	{"CESI_HT_GB2312.TTF", styleHei}, {"CESI_HT_GB13000.TTF", styleHei}, {"CESI_HT_GB18030.TTF", styleHei},
	{"msyh.ttc", styleHei}, {"msyh.ttf", styleHei}, {"wqy-zenhei.ttc", styleHei}, {"wqy-microhei.ttc", styleHei},
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
		// Debian and Ubuntu; 统信UOS and 麒麟 (the CESI fonts, fonts copied from Windows,
		// WPS's fonts); Fedora and others.
		for _, d := range []string{"wqy", "lxgw-wenkai", "arphic", "droid", "windows", "msttcorefonts", "cesi",
			"fonts-cesi", "kylin-font", "windows-font"} {
			dirs = append(dirs, "/usr/share/fonts/truetype/"+d)
		}
		for _, d := range []string{"fonts-cesi", "cesi", "cesi-fonts", "winfonts", "windows", "win-fonts", "wps-office",
			"chinese", "zh_CN", "wqy-microhei", "wqy-zenhei", "lxgw-wenkai", "google-droid-sans-fonts",
			"TTF", "truetype", "opentype/noto", "noto-cjk", "google-noto-cjk"} {
			dirs = append(dirs, "/usr/share/fonts/"+d)
		}
		dirs = append(dirs, "/opt/kingsoft/wps-office/office6/fonts")
	}
	return dirs
}

// SystemFontPaths returns the font files to try on this system, most preferred first
// within each style (小标宋, 仿宋, 楷体, 宋体, 黑体): Windows (C:\Windows\Fonts: simfang,
// simhei, simkai, simsun and 方正 fonts), macOS, 统信UOS and 麒麟 (the CESI fonts) and
// Debian (AR PL UKai and UMing, 文泉驿, 霞鹜文楷 as free stand-ins). Not all of them exist.
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
