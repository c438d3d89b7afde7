package render

import (
	"os"
	"sync"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// Fonts the tests use, as Debian installs them (fonts-wqy-microhei, fonts-lxgw-wenkai,
// fonts-arphic-ukai, fonts-arphic-uming, fonts-wqy-zenhei).
const (
	wqyPath    = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	lxgwPath   = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
	ukaiPath   = "/usr/share/fonts/truetype/arphic/ukai.ttc"
	umingPath  = "/usr/share/fonts/truetype/arphic/uming.ttc"
	zenheiPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
)

// fontFile returns the bytes of a font the tests need; it skips the test when the font is
// not installed, and fails under CI, which installs it.
func fontFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is missing under CI; run scripts/deps.sh", path)
		}
		tb.Skipf("%s not installed (Debian: bash scripts/deps.sh)", path)
	}
	return b
}

var (
	setOnce sync.Once
	setErr  error
	theSet  *FontSet
)

// testFonts returns the FontSet of the two test fonts, loaded once.
func testFonts(tb testing.TB) *FontSet {
	tb.Helper()
	fontFile(tb, wqyPath)
	fontFile(tb, lxgwPath)
	setOnce.Do(func() {
		theSet, setErr = FindFonts(FontOptions{System: []string{lxgwPath, wqyPath}})
	})
	if setErr != nil {
		tb.Fatal(setErr)
	}
	return theSet
}

var (
	wqyOnce sync.Once
	wqyFace []byte
)

// wqyFace0 returns face 0 of wqy-microhei.ttc as a standalone TrueType font.
func wqyFace0(tb testing.TB) []byte {
	tb.Helper()
	data := fontFile(tb, wqyPath)
	wqyOnce.Do(func() {
		var err error
		if wqyFace, err = ExtractFace(data, 0); err != nil {
			tb.Fatal(err)
		}
	})
	return wqyFace
}

// cutFont returns a small TrueType font holding only the characters of cutset, made from
// face 0 of wqy-microhei by gofpdf's own subsetter.
func cutFont(tb testing.TB, cutset string) []byte {
	tb.Helper()
	b := gofpdf.UTF8CutFont(wqyFace0(tb), cutset)
	if len(b) == 0 {
		tb.Fatal("UTF8CutFont returned nothing")
	}
	return b
}

// writeTemp writes b to a file named name in a test's temporary folder.
func writeTemp(tb testing.TB, name string, b []byte) string {
	tb.Helper()
	path := tb.TempDir() + "/" + name
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}
