package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/qianjiang/gyqc"
)

// chartDPI is the resolution charts are drawn at for the Word document.
const chartDPI = 200

// canvas is an image drawn in millimetres with the fonts of the PDF.
type canvas struct {
	img   *image.RGBA
	scale float64 // pixels per millimetre
	fonts *FontSet
	faces map[*Face]font.Face
}

// newCanvas returns a white canvas of w × h millimetres.
func newCanvas(w, h float64, fonts *FontSet) *canvas {
	scale := chartDPI / 25.4
	img := image.NewRGBA(image.Rect(0, 0, int(w*scale+0.5), int(h*scale+0.5)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	return &canvas{img: img, scale: scale, fonts: fonts, faces: map[*Face]font.Face{}}
}

// rect fills the rectangle from (x, y) of w × h millimetres with c.
func (cv *canvas) rect(x, y, w, h float64, c Color) {
	r := image.Rect(int(x*cv.scale+0.5), int(y*cv.scale+0.5), int((x+w)*cv.scale+0.5), int((y+h)*cv.scale+0.5))
	if r.Dx() == 0 && w > 0 {
		r.Max.X++
	}
	if r.Dy() == 0 && h > 0 {
		r.Max.Y++
	}
	draw.Draw(cv.img, r, image.NewUniform(color.RGBA{c.R, c.G, c.B, 255}), image.Point{}, draw.Src)
}

// box draws a rectangle filled with fill and outlined in line.
func (cv *canvas) box(x, y, w, h float64, fill, line Color) {
	t := 0.15
	cv.rect(x, y, w, h, line)
	cv.rect(x+t, y+t, w-2*t, h-2*t, fill)
}

// face returns the font.Face of f at size points.
func (cv *canvas) face(f *Face, size float64) (font.Face, error) {
	if ff, ok := cv.faces[f]; ok {
		return ff, nil
	}
	parsed, err := opentype.Parse(f.data)
	if err != nil {
		return nil, fmt.Errorf("render: chart font %s: %w", f.Family, err)
	}
	ff, err := opentype.NewFace(parsed, &opentype.FaceOptions{Size: size, DPI: chartDPI, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("render: chart font %s: %w", f.Family, err)
	}
	cv.faces[f] = ff
	return ff, nil
}

// glyphs returns each character of s with the face that draws it (the replacement mark
// where none does).
func (cv *canvas) glyphs(s string) []struct {
	r rune
	f *Face
} {
	var out []struct {
		r rune
		f *Face
	}
	for _, r := range s {
		f := cv.fonts.Face(RoleBody, r)
		if f == nil || r > 0xFFFF {
			r, f = cv.fonts.replacementMark(RoleBody)
		}
		out = append(out, struct {
			r rune
			f *Face
		}{r, f})
	}
	return out
}

// width returns the width of s in millimetres at size points.
func (cv *canvas) width(s string) float64 {
	w := 0.0
	for _, g := range cv.glyphs(s) {
		w += float64(g.f.Advance(g.r)) / 1000 * sizeChart * ptToMM
	}
	return w
}

// text draws s with its left end at x and its vertical centre at cy, in c.
func (cv *canvas) text(s string, x, cy float64, c Color) error {
	size := sizeChart
	baseline := cy + size*ptToMM*0.35
	dot := fixed.Point26_6{X: fixed.Int26_6(x * cv.scale * 64), Y: fixed.Int26_6(baseline * cv.scale * 64)}
	src := image.NewUniform(color.RGBA{c.R, c.G, c.B, 255})
	for _, g := range cv.glyphs(s) {
		ff, err := cv.face(g.f, size)
		if err != nil {
			return err
		}
		d := font.Drawer{Dst: cv.img, Src: src, Face: ff, Dot: dot}
		d.DrawString(string(g.r))
		dot.X += fixed.Int26_6(float64(g.f.Advance(g.r)) / 1000 * size * ptToMM * cv.scale * 64)
	}
	return nil
}

// png encodes the canvas.
func (cv *canvas) png() ([]byte, error) {
	var b bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, cv.img)
	return b.Bytes(), err
}

// chartImage is one image of a chart.
type chartImage struct {
	png  []byte
	w, h float64 // millimetres
	alt  string
}

// barText is what a bar says after its end: its text, its value, or 暂无数据.
func barText(bar Bar) (string, bool) {
	v := finite(bar.Value)
	switch {
	case bar.Text != "":
		return bar.Text, v != nil
	case v == nil:
		return "暂无数据", false
	}
	return fmt.Sprintf("%.1f%%", *v), true
}

// legendItems are the chart's legend entries: the value legend (or one per light used),
// then the marker.
func legendItems(c BarChart) (items []string, kinds []gyqc.Light) {
	valueLegend, expLegend := c.ValueLegend, c.ExpectedLegend
	if valueLegend == "" {
		valueLegend = "完成率"
	}
	if expLegend == "" {
		expLegend = "序时进度"
	}
	lights := map[gyqc.Light]bool{}
	for _, bar := range c.Bars {
		if bar.Light != "" {
			lights[bar.Light] = true
		}
	}
	if len(lights) == 0 {
		items, kinds = append(items, valueLegend), append(kinds, "")
	} else {
		items, kinds = append(items, valueLegend+"："), append(kinds, "text")
		for _, l := range gyqc.LightOrder {
			if lights[l] {
				label := c.Legends[l]
				if label == "" {
					label = l.Label()
				}
				items, kinds = append(items, label), append(kinds, l)
			}
		}
	}
	return append(items, expLegend), append(kinds, "marker")
}

// altText is the chart in words: its caption, then each bar's label and value.
func altText(c BarChart) string {
	parts := make([]string, 0, len(c.Bars))
	for _, bar := range c.Bars {
		t, _ := barText(bar)
		parts = append(parts, bar.Label+" "+t)
	}
	return strings.TrimSpace(c.Caption + "：" + strings.Join(parts, "；"))
}
