package render

import (
	"fmt"

	"github.com/qianjiang/gyqc"
)

// chartGeometry is where the parts of a chart's images go, in millimetres from the left of
// the text block: the labels up to labelW, the bars from barX over barW, the axis scale.
type chartGeometry struct {
	axis               chartBlock // axisMax and step
	labelW, barX, barW float64
}

// newChartGeometry measures the labels and value texts of c.
func newChartGeometry(c BarChart, fonts *FontSet) chartGeometry {
	var g chartGeometry
	g.axis.setAxis(c)
	probe := newCanvas(1, 1, fonts)
	valueW := 0.0
	for _, bar := range c.Bars {
		g.labelW = max(g.labelW, probe.width(bar.Label))
		t, _ := barText(bar)
		valueW = max(valueW, probe.width(t))
	}
	g.labelW = min(g.labelW+2, textW*0.46)
	valueW = min(valueW+3, textW*0.2)
	g.barX = g.labelW + 1
	g.barW = textW - g.barX - valueW
	return g
}

// x returns the position of percentage v.
func (g chartGeometry) x(v float64) float64 {
	return g.barX + max(0, min(v, g.axis.axisMax))/g.axis.axisMax*g.barW
}

// chartParts draws c as images for the Word document, as wide as the text block: the
// legend, then one image per bar, the last with the axis and its ticks below it. Set one
// under the other they make the chart; a word processor flows them over pages as it does
// lines, so that no page is left half empty before a long chart.
func chartParts(c BarChart, fonts *FontSet) ([]chartImage, error) {
	g := newChartGeometry(c, fonts)
	items, kinds := legendItems(c)
	cv := newCanvas(textW, chartLegend, fonts)
	if err := drawLegend(cv, items, kinds); err != nil {
		return nil, err
	}
	legend, err := cv.png()
	if err != nil {
		return nil, err
	}
	out := []chartImage{{png: legend, w: textW, h: chartLegend, alt: altText(c)}}
	for i, bar := range c.Bars {
		img, err := drawBarRow(g, bar, i == len(c.Bars)-1, fonts)
		if err != nil {
			return nil, err
		}
		out = append(out, img)
	}
	return out, nil
}

// drawBarRow draws one bar of a chart: the gridlines behind it (the 100% line darker), its
// label at the left, its value after its end on a white ground and the expectation marker,
// with the axis line at the left; withAxis adds the axis and its ticks below.
func drawBarRow(g chartGeometry, bar Bar, withAxis bool, fonts *FontSet) (chartImage, error) {
	rowH := chartRowH
	h := rowH
	if withAxis {
		h += chartAxisH + 1
	}
	cv := newCanvas(textW, h, fonts)
	black, grid, dark := Color{0, 0, 0}, Color{215, 215, 215}, Color{120, 120, 120}
	for v := 0.0; v <= g.axis.axisMax+1e-9; v += g.axis.step {
		col := grid
		lw := 0.2
		if v == 100 {
			col, lw = dark, 0.3
		}
		cv.rect(g.x(v)-lw/2, 0, lw, rowH, col)
	}
	label := bar.Label
	for cv.width(label) > g.labelW-2 && len([]rune(label)) > 2 {
		label = string([]rune(label)[:len([]rune(label))-2]) + "…"
	}
	by := (rowH-chartBarH)/2 + chartBarShift
	cy := by + chartBarH/2
	if err := cv.text(label, 0, cy, black); err != nil {
		return chartImage{}, err
	}
	tx := g.barX + 1
	if v := finite(bar.Value); v != nil {
		end := g.x(*v)
		if end > g.barX {
			cv.box(g.barX, by, end-g.barX, chartBarH, barColor(bar.Light), Color{70, 70, 70})
		}
		tx = end + 1
	}
	text, _ := barText(bar)
	tw := cv.width(text)
	if e := finite(bar.Expected); e != nil {
		if mx := g.x(*e); mx+1.4 > tx && mx-1.4 < tx+tw {
			tx = mx + 1.6
		}
	}
	cv.rect(tx-0.4, cy-1.6, tw+0.8, 3.2, Color{255, 255, 255})
	col := black
	if finite(bar.Value) == nil && bar.Text == "" {
		col = Gray
	}
	if err := cv.text(text, tx, cy, col); err != nil {
		return chartImage{}, err
	}
	if e := finite(bar.Expected); e != nil {
		marker(cv, g.x(*e), by-markerOver, chartBarH+2*markerOver)
	}
	cv.rect(g.barX-0.15, 0, 0.3, rowH, black)
	if withAxis {
		cv.rect(g.barX, rowH-0.15, g.barW, 0.3, black)
		for v := 0.0; v <= g.axis.axisMax+1e-9; v += g.axis.step {
			cv.rect(g.x(v)-0.1, rowH, 0.2, 1, black)
			t := fmt.Sprintf("%g%%", v)
			if err := cv.text(t, g.x(v)-cv.width(t)/2, rowH+1.2+sizeChart*ptToMM*0.7, black); err != nil {
				return chartImage{}, err
			}
		}
	}
	data, err := cv.png()
	if err != nil {
		return chartImage{}, err
	}
	return chartImage{png: data, w: textW, h: h, alt: bar.Label + " " + text}, nil
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
	cv.rect(x-0.2, y, 0.4, h, black)
	for i := 0.0; i < markerHead; i += 0.05 {
		half := 0.8 * markerHead * (markerHead - i) / markerHead
		cv.rect(x-half, y-markerHead+i, 2*half, 0.05, black)
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
			marker(cv, lx+legendSwatch/2, cy-1.2, 2.6)
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
