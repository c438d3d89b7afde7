package render

import (
	"fmt"
	"strings"
)

// chart writes a chart: its caption and its images (see chartImages), each image's
// description holding the chart in words.
func (w *wordWriter) chart(b *strings.Builder, c *BarChart) error {
	imgs, err := chartImages(*c, w.fonts)
	if err != nil {
		return err
	}
	for i, img := range imgs {
		caption := c.Caption
		if i > 0 && caption != "" {
			caption += "（续）"
		}
		if caption != "" {
			b.WriteString(para("Caption", "", plainRun(caption)))
		}
		w.drawn++
		im := wordImage{name: fmt.Sprintf("chart%d.png", w.drawn), rid: fmt.Sprintf("rIdImage%d", w.drawn), data: img.png}
		w.images = append(w.images, im)
		b.WriteString(para("ChartImage", "", drawing(w.drawn, im, img)))
	}
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
