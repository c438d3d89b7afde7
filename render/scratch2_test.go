package render

import (
	"io"
	"math/rand"
	"os"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

func TestScratchFuzz(t *testing.T) {
	base := cutFont(t, "中文ABC123 ，。")
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 5000; iter++ {
		data := append([]byte(nil), base...)
		n := 1 + rng.Intn(4)
		for k := 0; k < n; k++ {
			i := rng.Intn(len(data))
			data[i] = byte(rng.Intn(256))
		}
		done := make(chan struct{})
		go func() {
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				os.WriteFile("/tmp/rscratch/hang.ttf", data, 0o644)
				panic("hang")
			}
		}()
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("iter %d panic: %v", iter, p)
					os.WriteFile("/tmp/rscratch/panic.ttf", data, 0o644)
				}
			}()
			face, err := ParseFace("x", data, 0)
			if err != nil {
				return
			}
			var text []rune
			for r := rune(0x20); r <= 0xFFFF && len(text) < 20; r++ {
				if face.Covers(r) {
					text = append(text, r)
				}
			}
			pdf := gofpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("f", "", face.data)
			pdf.AddPage()
			pdf.SetFont("f", "", 12)
			pdf.CellFormat(50, 10, string(text), "", 0, "L", false, 0, "")
			_ = pdf.Output(io.Discard)
		}()
		close(done)
	}
}
