package render

import (
	"fmt"

	"github.com/qianjiang/gyqc"
)

// drawChart draws one image of a chart (see chartImages), as wide as the text block.
func drawChart(c BarChart, fonts *FontSet) (chartImage, error) {
	b := &chartBlock{}
	b.setAxis(c)
	probe := newCanvas(1, 1, fonts)
	rowH := chartBarH + 2*chartPadY
	labelW, valueW := 0.0, 0.0
	for _, bar := range c.Bars {
		labelW = max(labelW, probe.width(bar.Label))
		t, _ := barText(bar)
		valueW = max(valueW, probe.width(t))
	}
	labelW = min(labelW+2, textW*0.46)
	valueW = min(valueW+3, textW*0.2)
	barX := labelW + 1
	barW := textW - barX - valueW
	x := func(v float64) float64 { return barX + max(0, min(v, b.axisMax))/b.axisMax*barW }

	items, kinds := legendItems(c)
	h := chartLegend + float64(len(c.Bars))*rowH + chartAxisH + 1
	cv := newCanvas(textW, h, fonts)
	black, grid, dark := Color{0, 0, 0}, Color{215, 215, 215}, Color{120, 120, 120}

	if err := drawLegend(cv, items, kinds); err != nil {
		return chartImage{}, err
	}

	// The bars.
	top := chartLegend
	for i, bar := range c.Bars {
		y0 := top + float64(i)*rowH
		for v := 0.0; v <= b.axisMax+1e-9; v += b.step {
			g := grid
			if v == 100 {
				g = dark
			}
			cv.rect(x(v)-0.075, y0, 0.15, rowH, g)
		}
		label := bar.Label
		for cv.width(label) > labelW-2 && len([]rune(label)) > 2 {
			label = string([]rune(label)[:len([]rune(label))-2]) + "…"
		}
		if err := cv.text(label, 0, y0+rowH/2, black); err != nil {
			return chartImage{}, err
		}
		by := y0 + (rowH-chartBarH)/2
		tx := barX + 1
		if v := finite(bar.Value); v != nil {
			end := x(*v)
			if end > barX {
				cv.box(barX, by, end-barX, chartBarH, barColor(bar.Light), Color{70, 70, 70})
			}
			tx = end + 1
		}
		text, _ := barText(bar)
		tw := cv.width(text)
		if e := finite(bar.Expected); e != nil {
			if mx := x(*e); mx+1.4 > tx && mx-1.4 < tx+tw {
				tx = mx + 1.6
			}
		}
		cv.rect(tx-0.4, y0+0.8, tw+0.8, rowH-1.6, Color{255, 255, 255})
		col := black
		if finite(bar.Value) == nil && bar.Text == "" {
			col = Gray
		}
		if err := cv.text(text, tx, y0+rowH/2, col); err != nil {
			return chartImage{}, err
		}
		if e := finite(bar.Expected); e != nil {
			marker(cv, x(*e), by-0.8, chartBarH+1.6)
		}
	}

	// The axis and its ticks.
	ay := top + float64(len(c.Bars))*rowH
	cv.rect(barX-0.125, top, 0.25, ay-top, black)
	cv.rect(barX, ay-0.125, barW, 0.25, black)
	for v := 0.0; v <= b.axisMax+1e-9; v += b.step {
		cv.rect(x(v)-0.1, ay, 0.2, 1, black)
		t := fmt.Sprintf("%g%%", v)
		if err := cv.text(t, x(v)-cv.width(t)/2, ay+1.2+sizeSmall*ptToMM*0.7, black); err != nil {
			return chartImage{}, err
		}
	}
	data, err := cv.png()
	if err != nil {
		return chartImage{}, err
	}
	return chartImage{png: data, w: textW, h: h, alt: altText(c)}, nil
}

// barColor is the fill of a bar of light l, as the PDF's.
func barColor(l gyqc.Light) Color {
	c, ok := lightColor(l)
	if !ok {
		c = Color{84, 112, 160}
		if l == gyqc.LightNone {
			c = Color{190, 190, 190}
		}
	}
	return c
}

// marker draws the expectation marker: a dark line of height h from top y at x, with a
// triangle pointing down onto it.
func marker(cv *canvas, x, y, h float64) {
	black := Color{0, 0, 0}
	cv.rect(x-0.25, y, 0.5, h, black)
	for i := 0.0; i < 1.4; i += 0.1 {
		half := 1.1 * (1.4 - i) / 1.4
		cv.rect(x-half, y-1.4+i, 2*half, 0.1, black)
	}
}

// drawLegend draws the legend items, centred in a row at the top of the image: a swatch
// before each bar colour, the marker before the expectation.
func drawLegend(cv *canvas, items []string, kinds []gyqc.Light) error {
	total := 0.0
	for i, it := range items {
		total += cv.width(it) + legendGap
		if kinds[i] != "text" {
			total += legendSwatch + 1
		}
	}
	lx, cy := max(0, (textW-total+legendGap)/2), chartLegend/2
	for i, it := range items {
		switch kinds[i] {
		case "text":
		case "marker":
			marker(cv, lx+legendSwatch/2, cy-1.6, 3.2)
			lx += legendSwatch + 1
		default:
			cv.box(lx, cy-1.5, legendSwatch, 3, barColor(kinds[i]), Color{70, 70, 70})
			lx += legendSwatch + 1
		}
		if err := cv.text(it, lx, cy, Color{0, 0, 0}); err != nil {
			return err
		}
		lx += cv.width(it) + legendGap
	}
	return nil
}
