package render

import (
	"bytes"
	stdcontext "context"
	"fmt"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
)

// Options describe a document as a whole.
type Options struct {
	// Fonts are the fonts to draw with, from FindFonts; nil means FindFonts with default
	// options.
	Fonts *FontSet
	// Title, Subject, Author and Keywords go into the PDF's document information.
	Title, Subject, Author, Keywords string
	// Creator names the program; empty means "gyqc".
	Creator string
	// Date is written as the creation and modification date, so that the same input gives
	// the same bytes; take it from the input (the period, the issue date). The zero time
	// writes 2000-01-01.
	Date time.Time
}

// Document is a Chinese official-style document (GB/T 9704 layout on A4) built from blocks:
// masthead, title, numbered headings, paragraphs, tables, bar charts and the closing 报尾.
// Add blocks in reading order, then call WriteFile or Bytes; layout and pagination happen
// then. Characters no font draws are replaced and listed by Replacements. A Document is not
// safe for concurrent use; documents sharing one FontSet may be rendered concurrently.
type Document struct {
	opts     Options
	fonts    *FontSet
	blocks   []block
	replaced []Replacement
	numbers  headingNumbers
}

// NewDocument starts an empty document. It fails only when opts.Fonts is nil and no
// usable Chinese font is installed; the error says what to install.
func NewDocument(opts Options) (*Document, error) {
	if opts.Fonts == nil {
		fs, err := FindFonts(FontOptions{})
		if err != nil {
			return nil, err
		}
		opts.Fonts = fs
	}
	if len(opts.Fonts.faces) == 0 {
		return nil, fmt.Errorf("render: a FontSet must come from FindFonts")
	}
	if opts.Creator == "" {
		opts.Creator = "gyqc"
	}
	if opts.Date.IsZero() {
		opts.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return &Document{opts: opts, fonts: opts.Fonts}, nil
}

// Replacements lists every character that could not be drawn, in the order added, with
// the mark drawn instead. Callers should show them as warnings.
func (d *Document) Replacements() []Replacement { return d.replaced }

// shaper returns the shaper that records replacements in d.
func (d *Document) shaper() shaper { return shaper{fonts: d.fonts, replaced: &d.replaced} }

// add appends a block.
func (d *Document) add(b block) { d.blocks = append(d.blocks, b) }

// PageBreak starts a new page, unless the current one is still empty.
func (d *Document) PageBreak() { d.add(pageBreak{}) }

// Bytes lays the document out and returns the PDF. The same document and fonts always give
// the same bytes.
func (d *Document) Bytes() (out []byte, err error) {
	return d.BytesContext(stdcontext.Background())
}

// BytesContext is Bytes that stops between blocks once ctx is done, returning ctx's error.
func (d *Document) BytesContext(ctx stdcontext.Context) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil { // gofpdf panics on some inputs; never crash a run
			out, err = nil, fmt.Errorf("render PDF: %v", p)
		}
	}()
	r := newRenderer(d)
	for i, b := range d.blocks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r.index = i
		b.draw(r)
		if err := r.pdf.Error(); err != nil {
			return nil, fmt.Errorf("render PDF: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteFile writes the PDF to path atomically: into a temporary file in the same folder,
// synced, then renamed over path, so that path holds either the old file or the whole new
// one.
func (d *Document) WriteFile(path string) error {
	return d.WriteFileContext(stdcontext.Background(), path)
}

// WriteFileContext is WriteFile that stops, leaving path as it was, once ctx is done.
func (d *Document) WriteFileContext(ctx stdcontext.Context, path string) error {
	b, err := d.BytesContext(ctx)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, b, 0o644); err != nil {
		return gyqc.EnvError(fmt.Sprintf("无法写入 PDF 文件“%s”（请检查文件夹是否存在、是否有写入权限、磁盘是否已满，以及该文件是否正被其他程序打开）", path), err)
	}
	return nil
}

// block is one element of the document's flow.
type block interface {
	// draw lays the block out at the renderer's cursor, adding pages as needed.
	draw(r *renderer)
	// lead returns the height of the block's first part, which a heading before it must
	// stay with on one page.
	lead(r *renderer) float64
}

// pageBreak is the block PageBreak adds.
type pageBreak struct{}

func (pageBreak) draw(r *renderer) {
	if !r.atTop() {
		r.newPage()
	}
}

func (pageBreak) lead(*renderer) float64 { return 0 }

// newPDF returns a gofpdf document set up for d: A4, metadata, fixed dates.
func newPDF(d *Document) *gofpdf.Fpdf {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom)
	pdf.SetCellMargin(0)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(d.opts.Date)
	pdf.SetModificationDate(d.opts.Date)
	pdf.SetCreator(safeText(d.opts.Creator), true)
	pdf.SetProducer("gyqc render (gofpdf 1.16.2)", false)
	if d.opts.Title != "" {
		pdf.SetTitle(safeText(d.opts.Title), true)
	}
	if d.opts.Subject != "" {
		pdf.SetSubject(safeText(d.opts.Subject), true)
	}
	if d.opts.Author != "" {
		pdf.SetAuthor(safeText(d.opts.Author), true)
	}
	if d.opts.Keywords != "" {
		pdf.SetKeywords(safeText(d.opts.Keywords), true)
	}
	pdf.SetDisplayMode("fullwidth", "OneColumn")
	return pdf
}
