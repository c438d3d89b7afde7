package render

import (
	"fmt"
	"strings"
)

// chartKeep is how many bars of a chart stay on the page of its caption and legend, and
// how many stay with its axis at the end, as the PDF keeps them (chartRoom).
const chartKeep = 8

// chart writes a chart: its caption, then a table without borders holding its parts
// (chartParts) one under the other: the legend in the header row, repeated on each page
// the chart runs on, then a row per bar, the last with the axis. Word and LibreOffice flow
// the rows over pages as they do lines, so a long chart starts on the page where the text
// before it ends; the caption stays with the legend and the first bars, the last bars with
// the axis. Each image's description holds its part in words, the legend's the whole chart.
func (w *wordWriter) chart(b *strings.Builder, c *BarChart) error {
	parts, err := chartParts(*c, w.fonts)
	if err != nil {
		return err
	}
	if c.Caption != "" {
		b.WriteString(para("Caption", "", plainRun(c.Caption)))
	}
	tw := fmt.Sprint(wordTextW)
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + tw + `" w:type="dxa"/><w:jc w:val="center"/>` +
		`<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>` +
		`<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>` +
		`</w:tblPr><w:tblGrid><w:gridCol w:w="` + tw + `"/></w:tblGrid>`)
	for i, img := range parts {
		w.drawn++
		im := wordImage{name: fmt.Sprintf("chart%d.png", w.drawn), rid: fmt.Sprintf("rIdImage%d", w.drawn), data: img.png}
		w.images = append(w.images, im)
		trPr := `<w:cantSplit/>`
		if i == 0 {
			trPr += `<w:tblHeader/>`
		}
		// Keep the first bars with the legend, and the last bars with the axis.
		keep := ""
		if i < min(chartKeep, len(parts)-1) || i >= len(parts)-min(chartKeep/2, len(parts)-1) && i < len(parts)-1 {
			keep = `<w:keepNext/>`
		}
		b.WriteString(`<w:tr><w:trPr>` + trPr + `</w:trPr><w:tc><w:tcPr><w:tcW w:w="` + tw + `" w:type="dxa"/></w:tcPr>` +
			para("ChartImage", keep, drawing(w.drawn, im, img)) + `</w:tc></w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return nil
}

// drawing is a run holding image im inline, img.w × img.h millimetres, described by its
// text.
func drawing(id int, im wordImage, img chartImage) string {
	cx, cy := int(img.w*emuPerMM), int(img.h*emuPerMM)
	name := xmlText(im.name)
	return fmt.Sprintf(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`+
		`<wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="%s" descr="%s"/>`+
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`+
		`<pic:nvPicPr><pic:cNvPr id="%d" name="%s"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`+
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`,
		cx, cy, id, name, xmlText(img.alt), id, name, im.rid, cx, cy)
}
