package collect

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/qianjiang/gyqc/internal/procgroup"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/intake"
)

// Converter turns a workbook in an old format (.xls, .et) into an .xlsx workbook.
type Converter func(ctx context.Context, name string, data []byte) ([]byte, error)

// maxConvertTime bounds one conversion.
const maxConvertTime = 2 * time.Minute

// LibreOffice returns a Converter that runs LibreOffice headless (soffice, or prog when
// given) with its own user profile in a temporary folder, so that conversions neither touch
// nor wait for the clerk's own LibreOffice and may run side by side. It fails when
// LibreOffice cannot be found.
func LibreOffice(prog string) (Converter, error) {
	names := []string{"soffice", "libreoffice"}
	if prog != "" {
		names = []string{prog}
	}
	soffice := ""
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		return nil, gyqc.Errorf(gyqc.EInvalid, "未找到 LibreOffice（soffice），无法转换旧版 .xls/.et 文件；"+
			"请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-calc-nogui），或去掉 --convert")
	}
	return func(ctx context.Context, name string, data []byte) ([]byte, error) {
		return convert(ctx, soffice, data)
	}, nil
}

// convert runs one conversion in a fresh temporary folder.
func convert(ctx context.Context, soffice string, data []byte) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "gyqc-convert-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	in, out := filepath.Join(tmp, "return.xls"), filepath.Join(tmp, "out")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, maxConvertTime)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice,
		"-env:UserInstallation="+(&url.URL{Scheme: "file", Path: filepath.Join(tmp, "profile")}).String(),
		"--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
	cmd.Dir, cmd.Env = tmp, append(os.Environ(), "HOME="+tmp)
	procgroup.Set(cmd) // a Ctrl+C ends soffice.bin too, not only the soffice script
	msg, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("LibreOffice 未在 %s 内完成转换", maxConvertTime)
	}
	if err != nil {
		return nil, fmt.Errorf("LibreOffice 转换失败：%v %s", err, strings.TrimSpace(string(msg)))
	}
	b, err := os.ReadFile(filepath.Join(out, "return.xlsx"))
	if err != nil {
		return nil, fmt.Errorf("LibreOffice 没有生成 .xlsx 文件：%s", strings.TrimSpace(string(msg)))
	}
	return b, nil
}

// converted turns an item's old-format workbook into .xlsx with the run's converter, when
// there is one; the original stays what is archived and recorded. It returns the note that
// goes with the examined file, or nil when nothing was converted.
func (c *collector) converted(ctx context.Context, it *item) *gyqc.Problem {
	if c.opts.Convert == nil || !intake.LegacyWorkbook(it.data) {
		return nil
	}
	out, err := c.opts.Convert(ctx, it.name, it.data)
	if err != nil {
		return &gyqc.Problem{Severity: gyqc.SevNote, Rule: "convert-failed", Message: "旧版 .xls/.et 文件无法自动转换（" + err.Error() + "）"}
	}
	it.data = out
	return &gyqc.Problem{Severity: gyqc.SevNote, Rule: "converted",
		Message: "本文件是旧版 .xls/.et 格式，已用 LibreOffice 转换为 .xlsx 后读取，原文件已归档；以后请" + strings.TrimPrefix(intake.LegacyFix, "请")}
}
