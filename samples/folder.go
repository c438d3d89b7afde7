package samples

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/internal/jsonlist"
	"github.com/qianjiang/gyqc/internal/parallel"
	"github.com/qianjiang/gyqc/templates"
)

// WriteOptions control WriteReturns.
type WriteOptions struct {
	// Soffice is the LibreOffice program that re-saves the returns marked MessResaved; empty
	// means soffice (or libreoffice) on PATH. Without one those returns are written as filled,
	// and the manifest says so in a note.
	Soffice string
	// SofficeTimeout bounds the LibreOffice run; zero means two minutes.
	SofficeTimeout time.Duration
	// NoResave writes the returns marked MessResaved as filled, without LibreOffice, and says
	// so in a note: the demo re-saves only in its last month, where the result is shown.
	NoResave bool
	// Mail delivers the returns of about a third of the units as e-mail (.eml files, and
	// mbox files for two versions), as an office exports them from its mailbox; the
	// manifest's File.Mail names the mail file of each.
	Mail bool
}

// WriteReturns fills every return of the batch into the template issued to its unit, found in
// folder from (under the name templates.FileName gives it, or else by the unit and period in
// its metadata), and writes the workbooks into folder out under their returned file names,
// atomically, each with its arrival time as modification time. Returns marked MessResaved are
// then re-saved by LibreOffice, and with opts.Mail a share of them wrapped in e-mail. It
// completes and returns the batch's manifest: each file's SHA-256 and the program that last
// saved it, the mail file it came in, and a note for anything skipped.
func WriteReturns(ctx context.Context, from, out string, b *Batch, opts WriteOptions) (*Manifest, error) {
	m := b.Manifest
	paths, err := findTemplates(from, b)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, gyqc.Errorf(gyqc.EInvalid, "无法创建输出目录 %s：%v", out, err)
	}

	// Returns saved as old .xls need LibreOffice; without it they are written as .xlsx.
	soffice := ""
	if !opts.NoResave {
		soffice = findSoffice(opts.Soffice)
	}
	if why := legacyUnavailable(b, opts, soffice); why != "" {
		m.Notes = append(m.Notes, why)
		unmarkLegacy(b)
	}
	legacyDir, err := os.MkdirTemp("", "gyqc-legacy-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(legacyDir)

	if err := fillAll(ctx, paths, out, legacyDir, b); err != nil {
		return nil, err
	}
	if err := writeLegacy(ctx, soffice, legacyDir, out, b, opts); err != nil {
		return nil, err
	}
	var toResave []string
	for _, r := range b.Returns {
		if r.Has(MessResaved) {
			toResave = append(toResave, filepath.Join(out, r.FileName))
		}
	}

	if err := resaveMarked(ctx, out, b, toResave, opts); err != nil {
		return nil, err
	}

	// What each file is now.
	for i := range m.Files {
		f := &m.Files[i]
		data, err := os.ReadFile(filepath.Join(out, f.Name))
		if err != nil {
			return nil, fmt.Errorf("read back %s: %w", f.Name, err)
		}
		sum := sha256.Sum256(data)
		f.SHA256 = hex.EncodeToString(sum[:])
		f.Application = application(data)
	}
	if opts.Mail {
		if err := mailReturns(ctx, out, b); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// fillAll fills every return of the batch into its unit's template (paths by unit code) and
// writes it into out (a return to be saved as old .xls into legacyDir), on every core: the
// files are independent.
func fillAll(ctx context.Context, paths map[string]string, out, legacyDir string, b *Batch) error {
	templ := map[string][]byte{}
	var err error
	for code, path := range paths {
		if templ[code], err = os.ReadFile(path); err != nil {
			return gyqc.Errorf(gyqc.EInvalid, "无法读取模板 %s：%v", path, err)
		}
	}
	errs := make([]error, len(b.Returns))
	parallel.Each(ctx, len(b.Returns), runtime.GOMAXPROCS(0), func(i int) {
		r := b.Returns[i]
		filled, err := templ[r.Unit], error(nil)
		if !r.Has(MessUntouched) { // an untouched template goes back as it came
			filled, err = Fill(templ[r.Unit], r)
		}
		path := filepath.Join(out, r.FileName)
		if r.Has(MessLegacy) {
			path = filepath.Join(legacyDir, r.Unit+".xlsx") // saved as .xls below
		}
		if err == nil {
			err = writeReturn(path, filled, r.Received)
		}
		errs[i] = err
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// resaveMarked re-saves the files marked MessResaved with LibreOffice, or notes in the
// manifest why not and unmarks them.
func resaveMarked(ctx context.Context, out string, b *Batch, toResave []string, opts WriteOptions) error {
	if len(toResave) == 0 {
		return nil
	}
	soffice := ""
	if !opts.NoResave {
		soffice = findSoffice(opts.Soffice)
	}
	var saved map[string][]byte
	var why string
	switch {
	case opts.NoResave:
		why = "本期未调用 LibreOffice 另存，以下文件保持原样：" + baseNames(toResave)
	case soffice == "":
		why = "未找到 LibreOffice（soffice），以下文件未经 LibreOffice 另存：" + baseNames(toResave) +
			"。如需该样例，请安装 libreoffice-calc-nogui（Debian/Ubuntu）"
	default:
		var err error
		if saved, err = resave(ctx, soffice, toResave, opts.SofficeTimeout); err != nil {
			why = "LibreOffice 另存失败（" + err.Error() + "），以下文件保持原样：" + baseNames(toResave)
		}
	}
	if why != "" {
		b.Manifest.Notes = append(b.Manifest.Notes, why)
		unmarkResaved(b)
	}
	for path, data := range saved {
		r := returnAt(b, out, path)
		if err := writeReturn(path, data, r.Received); err != nil {
			return err
		}
	}
	return nil
}

// writeReturn writes one workbook atomically and dates it at its arrival.
func writeReturn(path string, data []byte, received time.Time) error {
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		return gyqc.Errorf(gyqc.EInvalid, "无法写入 %s：%v", path, err)
	}
	if err := os.Chtimes(path, received, received); err != nil {
		return fmt.Errorf("date %s: %w", path, err)
	}
	return nil
}

// findTemplates returns the path of the template of every unit that sends a file in the batch.
func findTemplates(from string, b *Batch) (map[string]string, error) {
	need := map[string]bool{}
	for _, r := range b.Returns {
		need[r.Unit] = true
	}
	paths := map[string]string{}
	plan := map[string]string{}
	for _, u := range b.Manifest.Units {
		plan[u.Code] = u.Name
	}
	for code := range need {
		p := filepath.Join(from, templates.FileName(b.Period, &gyqc.Unit{Code: code, Name: plan[code]}))
		if _, err := os.Stat(p); err == nil {
			paths[code] = p
		}
	}
	if len(paths) < len(need) {
		// Renamed templates: identify them by their metadata.
		entries, err := os.ReadDir(from)
		if err != nil {
			return nil, gyqc.Errorf(gyqc.EInvalid, "无法读取模板目录 %s：%v。请先用 gyqc issue 生成本期模板", from, err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".xlsx") {
				continue
			}
			p := filepath.Join(from, e.Name())
			if code, period := templateIdentity(p); need[code] && period == b.Period.String() && paths[code] == "" {
				paths[code] = p
			}
		}
	}
	var missing []string
	for _, u := range b.Manifest.Units {
		if need[u.Code] && paths[u.Code] == "" {
			missing = append(missing, u.Name+"（"+u.Code+"）")
		}
	}
	if len(missing) > 0 {
		return nil, gyqc.Errorf(gyqc.EInvalid, "模板目录 %s 中没有以下单位%s的模板：%s。请先运行 gyqc issue --period %s --out %s",
			from, b.Period.Label(), strings.Join(missing, "、"), b.Period, from)
	}
	return paths, nil
}

// templateIdentity reads the unit and period from a workbook's custom properties; empty when
// the file is not a template.
func templateIdentity(path string) (unit, period string) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: fillZipLimit, UnzipXMLSizeLimit: fillXMLLimit})
	if err != nil {
		return "", ""
	}
	defer f.Close()
	props, err := f.GetCustomProps()
	if err != nil {
		return "", ""
	}
	for _, p := range props {
		s, _ := p.Value.(string)
		switch p.Name {
		case templates.MetaUnit:
			unit = s
		case templates.MetaPeriod:
			period = s
		}
	}
	return unit, period
}

// application returns the program named in a workbook's docProps/app.xml, or "".
func application(data []byte) string {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range z.File {
		if f.Name != "docProps/app.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		defer rc.Close()
		var app struct {
			Application string `xml:"Application"`
		}
		if xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&app) != nil {
			return ""
		}
		return strings.TrimSpace(app.Application)
	}
	return ""
}

// unmarkResaved removes the re-save mess from the batch and its manifest.
func unmarkResaved(b *Batch) {
	for _, r := range b.Returns {
		if r.Has(MessResaved) {
			r.Mess, r.Details = nil, nil
		}
	}
	for i := range b.Manifest.Files {
		f := &b.Manifest.Files[i]
		if len(f.Mess) == 1 && f.Mess[0] == MessResaved {
			f.Mess, f.Details = nil, nil
		}
	}
	for i := range b.Manifest.Units {
		if b.Manifest.Units[i].Mess == MessResaved {
			b.Manifest.Units[i].Mess = ""
		}
	}
}

// legacyUnavailable says why the returns marked MessLegacy cannot be saved as .xls, or "".
func legacyUnavailable(b *Batch, opts WriteOptions, soffice string) string {
	var names []string
	for _, r := range b.Returns {
		if r.Has(MessLegacy) {
			names = append(names, r.FileName)
		}
	}
	switch {
	case len(names) == 0:
		return ""
	case opts.NoResave:
		return "本期未调用 LibreOffice，以下文件未另存为旧版 .xls，按 .xlsx 报送：" + strings.Join(names, "、")
	case soffice == "":
		return "未找到 LibreOffice（soffice），以下文件未另存为旧版 .xls，按 .xlsx 报送：" + strings.Join(names, "、") +
			"。如需该样例，请安装 libreoffice-calc-nogui（Debian/Ubuntu）"
	}
	return ""
}

// writeLegacy saves the filled returns marked MessLegacy (in dir, by unit) as .xls into out.
func writeLegacy(ctx context.Context, soffice, dir, out string, b *Batch, opts WriteOptions) error {
	var paths []string
	byPath := map[string]*Return{}
	for _, r := range b.Returns {
		if r.Has(MessLegacy) {
			p := filepath.Join(dir, r.Unit+".xlsx")
			paths = append(paths, p)
			byPath[p] = r
		}
	}
	if len(paths) == 0 {
		return nil
	}
	saved, err := saveAsXLS(ctx, soffice, paths, opts.SofficeTimeout)
	if err != nil { // keep the returns as .xlsx and say so
		b.Manifest.Notes = append(b.Manifest.Notes, "LibreOffice 另存为 .xls 失败（"+err.Error()+"），以下单位按 .xlsx 报送："+baseNames(paths))
		unmarkLegacy(b)
		for _, p := range paths {
			r := byPath[p]
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if err := writeReturn(filepath.Join(out, r.FileName), data, r.Received); err != nil {
				return err
			}
		}
		return nil
	}
	for p, data := range saved {
		r := byPath[p]
		if err := writeReturn(filepath.Join(out, r.FileName), data, r.Received); err != nil {
			return err
		}
	}
	return nil
}

// unmarkLegacy turns the returns marked MessLegacy into plain .xlsx returns, in the batch and
// its manifest: they arrive on time, under their template's name.
func unmarkLegacy(b *Batch) {
	renamed := map[string]string{}
	for _, r := range b.Returns {
		if r.Has(MessLegacy) {
			old := r.FileName
			r.FileName = strings.TrimSuffix(r.FileName, ".xls") + ".xlsx"
			renamed[old] = r.FileName
			r.Mess, r.Details = nil, nil
		}
	}
	for i := range b.Manifest.Files {
		f := &b.Manifest.Files[i]
		if name, ok := renamed[f.Name]; ok {
			f.Name, f.Mess, f.Details = name, nil, nil
		}
	}
	for i := range b.Manifest.Units {
		if u := &b.Manifest.Units[i]; u.Mess == MessLegacy {
			u.Mess, u.State = "", StateOnTime
		}
	}
}

// returnAt returns the return written at path.
func returnAt(b *Batch, out, path string) *Return {
	for _, r := range b.Returns {
		if filepath.Join(out, r.FileName) == path {
			return r
		}
	}
	return nil
}

func baseNames(paths []string) string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return strings.Join(names, "、")
}

// WriteJSON writes the manifest as indented JSON, atomically.
func (m *Manifest) WriteJSON(path string) error {
	data, err := jsonlist.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	return atomicfile.WriteFile(path, append(data, '\n'), 0o644)
}
