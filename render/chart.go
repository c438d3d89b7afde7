package render

import (
	"fmt"
	"math"

	"github.com/jung-kurt/gofpdf"

	"github.com/qianjiang/gyqc"
)

// BarChart is a horizontal bar chart of percentages, such as completion rates: one bar per
// item with its label at the left and its value at the end, a marker for the expected
// percentage (序时进度), gridlines and an axis. A long chart continues on the next page
// with its caption, legend and axis repeated.
type BarChart struct {
	Caption        string // above the chart, such as 图1 主要指标完成率; may be empty
	Bars           []Bar
	ValueLegend    string  // the legend of the bars; empty means 完成率
	ExpectedLegend string  // the legend of the marker; empty means 序时进度
	Max            float64 // the axis end in percent; 0 means 100, extended to the largest value (at most 200)
	// Legends name the bar colours when bars have lights; a light not named here is
	// labelled with the light itself (绿灯, 黄灯, 红灯).
	Legends map[gyqc.Light]string
}

// Bar is one bar of a BarChart.
type Bar struct {
	Label    string
	Value    *float64   // percent; nil when there is no figure (shown as 暂无数据)
	Expected *float64   // percent; nil for no marker
	Text     string     // written after the bar; empty means the value, such as 85.3%
	Light    gyqc.Light // colours the bar; empty for the neutral colour
}

// Percent returns a pointer to v, for Bar.Value and Bar.Expected.
func Percent(v float64) *float64 { return &v }

// Chart geometry in millimetres, and the size of its text (小五). A bar row is low enough
// for a chart of thirty bars to take about half a page; each bar sits a little below the
// middle of its row so that the expectation marker's head stays inside the row (the Word
// document draws each row as an image of its own).
const (
	sizeChart     = 9.0
	chartRowH     = 4.5  // a row of a one-line label
	chartBarH     = 2.8  // the bar
	chartBarShift = 0.45 // the bar's centre below the row's
	chartAxisH    = 6.5
	chartLegend   = 6.0
	markerHead    = 0.9 // the height of the marker's triangle
	markerOver    = 0.3 // how far the marker's line reaches above and below the bar
)

// chartBlock is the block BarChart adds.
type chartBlock struct {
	caption, contCaption *paragraph
	legend               [][]atom // legend labels, in order: values (or lights), then marker
	legendKind           []gyqc.Light
	bars                 []chartBar
	ticks                [][]atom
	axisMax, step        float64
	labelW, barX, barW   float64
	lineH                float64
	styles               []textStyle
}

// chartBar is a shaped bar.
type chartBar struct {
	label      []atom
	lines      []line
	value, exp *float64
	text       []atom
	light      gyqc.Light
	height     float64
}

// BarChart adds a bar chart.
func (d *Document) BarChart(c BarChart) {
	sh := d.shaper()
	size := sizeChart
	em := size * ptToMM
	b := &chartBlock{lineH: em * 1.2, styles: []textStyle{{}, {color: Gray}}}
	if c.Caption != "" {
		atoms, styles := sh.spans([]Span{{Text: c.Caption, Role: RoleHeading}}, sizeTable+2)
		b.caption = &paragraph{atoms: atoms, styles: styles, size: sizeTable + 2, lineH: 8, align: alignCenter}
		atoms, styles = sh.spans([]Span{{Text: c.Caption + "（续）", Role: RoleHeading}}, sizeTable+2)
		b.contCaption = &paragraph{atoms: atoms, styles: styles, size: sizeTable + 2, lineH: 8, align: alignCenter}
	}

	b.setAxis(c)

	// Labels, value texts and their widths.
	valueW, labelNat, lights := 0.0, 0.0, map[gyqc.Light]bool{}
	for _, bar := range c.Bars {
		cb := chartBar{value: finite(bar.Value), exp: finite(bar.Expected), light: bar.Light}
		cb.label = sh.shape(nil, bar.Label, RoleBody, size, 0)
		text := bar.Text
		st := uint8(0)
		switch {
		case text != "":
		case cb.value == nil:
			text, st = "暂无数据", 1
		default:
			text = fmt.Sprintf("%.1f%%", *cb.value)
		}
		cb.text = sh.shape(nil, text, RoleBody, size, st)
		valueW = max(valueW, width(cb.text))
		labelNat = max(labelNat, width(cb.label))
		if bar.Light != "" {
			lights[bar.Light] = true
		}
		b.bars = append(b.bars, cb)
	}
	b.labelW = min(labelNat+2, textW*0.46)
	valueW = min(valueW+2, textW*0.2)
	b.barX = marginLeft + b.labelW + 1
	b.barW = textW - b.labelW - 1 - valueW
	for i := range b.bars {
		cb := &b.bars[i]
		cb.lines = breakLines(cb.label, b.labelW-2, 0)
		cb.height = max(float64(len(cb.lines))*b.lineH+0.7, chartRowH)
	}
	for v := 0.0; v <= b.axisMax+1e-9; v += b.step {
		b.ticks = append(b.ticks, sh.shape(nil, fmt.Sprintf("%g%%", v), RoleBody, size, 0))
	}

	// The legend: one swatch per light used, or one for the values; then the marker.
	valueLegend, expLegend := c.ValueLegend, c.ExpectedLegend
	if valueLegend == "" {
		valueLegend = "完成率"
	}
	if expLegend == "" {
		expLegend = "序时进度"
	}
	if len(lights) == 0 {
		b.legend = append(b.legend, sh.shape(nil, valueLegend, RoleBody, size, 0))
		b.legendKind = append(b.legendKind, "")
	} else {
		// 完成率： then one swatch per light used.
		b.legend = append(b.legend, sh.shape(nil, valueLegend+"：", RoleBody, size, 0))
		b.legendKind = append(b.legendKind, "text")
		for _, l := range gyqc.LightOrder {
			if lights[l] {
				label := c.Legends[l]
				if label == "" {
					label = l.Label()
				}
				b.legend = append(b.legend, sh.shape(nil, label, RoleBody, size, 0))
				b.legendKind = append(b.legendKind, l)
			}
		}
	}
	b.legend = append(b.legend, sh.shape(nil, expLegend, RoleBody, size, 0))
	b.legendKind = append(b.legendKind, "marker")
	d.add(b)
}

// setAxis sets the axis of the chart: to c.Max, else to 100, or further when a value or
// marker exceeds it, with ticks every 20 (50 beyond 100, at most ten).
func (b *chartBlock) setAxis(c BarChart) {
	b.axisMax = c.Max
	if b.axisMax <= 0 {
		b.axisMax = 100
		top := 0.0
		for _, bar := range c.Bars {
			for _, v := range []*float64{bar.Value, bar.Expected} {
				if v != nil && !math.IsNaN(*v) && !math.IsInf(*v, 0) {
					top = max(top, *v)
				}
			}
		}
		if top > 100 {
			b.axisMax = min(math.Ceil(top/50)*50, 200)
		}
	}
	b.step = 20
	if b.axisMax > 100 {
		b.step = 50
	}
	if b.axisMax/b.step > 10 {
		b.step = b.axisMax / 5
	}
}

// finite returns v, or nil when v is nil, NaN or infinite.
func finite(v *float64) *float64 {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return nil
	}
	return v
}

// headerHeight is the height of the caption and legend.
func (b *chartBlock) headerHeight(cont bool) float64 {
	h := chartLegend * float64(len(b.legendRows()))
	capt := b.caption
	if cont {
		capt = b.contCaption
	}
	if capt != nil {
		h += float64(len(capt.layout())) * capt.lineH
	}
	return h
}

func (b *chartBlock) lead(*renderer) float64 {
	h := 2 + b.headerHeight(false) + chartAxisH
	if len(b.bars) > 0 {
		h += b.bars[0].height
	}
	return h
}

func (b *chartBlock) draw(r *renderer) {
	if !r.atTop() {
		r.y += 2
	}
	r.ensure(b.lead(r) - 2)
	b.drawHeader(r, false)
	top := r.y
	for i := 0; i < len(b.bars); {
		// The bars that fit on this page, leaving none or at least three for the next.
		k, h := 0, 0.0
		for i+k < len(b.bars) && r.y+h+b.bars[i+k].height+chartAxisH <= bodyBottom+1e-6 {
			h += b.bars[i+k].height
			k++
		}
		if rest := len(b.bars) - i - k; rest > 0 && rest < 3 && k > 3 {
			k -= min(3-rest, k-3)
		}
		if k == 0 && r.y > top {
			b.drawAxis(r, top)
			r.newPage()
			b.drawHeader(r, true)
			top = r.y
			continue
		}
		for _, bar := range b.bars[i : i+max(k, 1)] {
			b.drawBar(r, &bar)
		}
		i += max(k, 1)
		if i < len(b.bars) {
			b.drawAxis(r, top)
			r.newPage()
			b.drawHeader(r, true)
			top = r.y
		}
	}
	b.drawAxis(r, top)
	r.y += 3
}

// x returns the position of percentage v on the axis.
func (b *chartBlock) x(v float64) float64 {
	return b.barX + max(0, min(v, b.axisMax))/b.axisMax*b.barW
}

// drawHeader draws the caption and the legend at the cursor.
func (b *chartBlock) drawHeader(r *renderer, cont bool) {
	capt := b.caption
	if cont {
		capt = b.contCaption
	}
	if capt != nil {
		for _, ln := range capt.layout() {
			capt.drawLine(r, ln, false)
			r.y += capt.lineH
		}
	}
	// Legend items in rows, each row centred.
	for _, row := range b.legendRows() {
		total := 0.0
		for _, i := range row {
			total += b.legendItemWidth(i)
		}
		x := marginLeft + max(0, (textW-total+legendGap)/2)
		cy := r.y + chartLegend/2
		for _, i := range row {
			l := b.legend[i]
			switch kind := b.legendKind[i]; kind {
			case "text":
				x -= legendSwatch + 1
			case "marker":
				b.drawMarker(r, x+legendSwatch/2, cy-1.2, 2.6)
			default:
				b.fillFor(r, kind)
				r.pdf.Rect(x, cy-1.5, legendSwatch, 3, "FD")
			}
			x += legendSwatch + 1
			r.drawLine(l, b.styles, oneLine(l), x, r.y+(chartLegend-b.lineH)/2, b.lineH, sizeChart, 0, false)
			x += width(l) + legendGap
		}
		r.y += chartLegend
	}
	r.y -= chartLegend
	r.pdf.SetDrawColor(0, 0, 0)
	r.pdf.SetFillColor(255, 255, 255)
	r.y += chartLegend
}

// Legend geometry in millimetres.
const legendGap, legendSwatch = 4.0, 5.0

// legendItemWidth is the width legend item i takes, with the gap after it.
func (b *chartBlock) legendItemWidth(i int) float64 {
	w := width(b.legend[i]) + legendGap
	if b.legendKind[i] != "text" {
		w += legendSwatch + 1
	}
	return w
}

// legendRows splits the legend items into rows that fit the text block.
func (b *chartBlock) legendRows() [][]int {
	var rows [][]int
	var row []int
	w := 0.0
	for i := range b.legend {
		iw := b.legendItemWidth(i)
		if len(row) > 0 && w+iw-legendGap > textW {
			rows = append(rows, row)
			row, w = nil, 0
		}
		row = append(row, i)
		w += iw
	}
	return append(rows, row)
}

// fillFor sets the fill and outline of a bar of light l.
func (b *chartBlock) fillFor(r *renderer, l gyqc.Light) {
	c, ok := lightColor(l)
	if !ok {
		c = Color{84, 112, 160}
		if l == gyqc.LightNone {
			c = Color{190, 190, 190}
		}
	}
	r.pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
	r.pdf.SetDrawColor(70, 70, 70)
	r.pdf.SetLineWidth(0.15)
}

// drawMarker draws the expectation marker: a dark line of height h from top y at x, with
// a triangle pointing down onto it.
func (b *chartBlock) drawMarker(r *renderer, x, y, h float64) {
	r.pdf.SetDrawColor(0, 0, 0)
	r.pdf.SetFillColor(0, 0, 0)
	r.pdf.SetLineWidth(0.4)
	r.pdf.Line(x, y, x, y+h)
	half := markerHead * 0.8
	r.pdf.Polygon([]gofpdf.PointType{{X: x - half, Y: y - markerHead}, {X: x + half, Y: y - markerHead}, {X: x, Y: y}}, "F")
	r.pdf.SetLineWidth(0.2)
	r.pdf.SetFillColor(255, 255, 255)
}

// drawBar draws one bar row at the cursor: gridlines, label, bar, value and marker.
func (b *chartBlock) drawBar(r *renderer, bar *chartBar) {
	y0, h := r.y, bar.height
	// Gridlines in the row's band; the 100% line darker.
	for v := 0.0; v <= b.axisMax+1e-9; v += b.step {
		grey := 215
		if v == 100 {
			grey = 120
		}
		r.pdf.SetDrawColor(grey, grey, grey)
		r.pdf.SetLineWidth(0.15)
		r.pdf.Line(b.x(v), y0, b.x(v), y0+h)
	}
	// The label, centred on the bar.
	ly := y0 + (h-float64(len(bar.lines))*b.lineH)/2 + chartBarShift
	for _, ln := range bar.lines {
		r.drawLine(bar.label, b.styles, ln, marginLeft, ly, b.lineH, sizeChart, b.labelW-2, false)
		ly += b.lineH
	}
	by := y0 + (h-chartBarH)/2 + chartBarShift
	cy := by + chartBarH/2
	tx := b.barX + 1
	if bar.value != nil {
		end := b.x(*bar.value)
		if end > b.barX {
			b.fillFor(r, bar.light)
			r.pdf.Rect(b.barX, by, end-b.barX, chartBarH, "FD")
		}
		if *bar.value > b.axisMax { // cut off: two white strokes across the bar's end
			r.pdf.SetDrawColor(255, 255, 255)
			r.pdf.SetLineWidth(0.5)
			for _, dx := range []float64{-4, -2.8} {
				r.pdf.Line(end+dx, by+chartBarH+0.3, end+dx+1, by-0.3)
			}
		}
		tx = end + 1
	}
	if bar.exp != nil { // keep the value clear of the marker
		if mx := b.x(*bar.exp); mx+1.4 > tx && mx-1.4 < tx+width(bar.text) {
			tx = mx + 1.6
		}
	}
	// The value on a white ground, so that no gridline runs through it.
	r.pdf.SetFillColor(255, 255, 255)
	r.pdf.Rect(tx-0.4, cy-b.lineH/2+0.3, width(bar.text)+0.8, b.lineH-0.6, "F")
	r.drawLine(bar.text, b.styles, oneLine(bar.text), tx, cy-b.lineH/2, b.lineH, sizeChart, 0, false)
	if bar.exp != nil {
		b.drawMarker(r, b.x(*bar.exp), by-markerOver, chartBarH+2*markerOver)
	}
	r.pdf.SetDrawColor(0, 0, 0)
	r.pdf.SetLineWidth(0.2)
	r.y += h
}

// drawAxis draws the axis line under the rows that began at top, with the tick labels.
func (b *chartBlock) drawAxis(r *renderer, top float64) {
	r.pdf.SetDrawColor(0, 0, 0)
	r.pdf.SetLineWidth(0.25)
	r.pdf.Line(b.barX, top, b.barX, r.y)
	r.pdf.Line(b.barX, r.y, b.barX+b.barW, r.y)
	for i, t := range b.ticks {
		x := b.x(float64(i) * b.step)
		r.pdf.Line(x, r.y, x, r.y+1)
		w := width(t)
		r.drawLine(t, b.styles, oneLine(t), x-w/2, r.y+1.2, b.lineH, sizeChart, 0, false)
	}
	r.pdf.SetLineWidth(0.2)
	r.y += chartAxisH
}
