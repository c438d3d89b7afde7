package samples

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
)

// defaultSofficeTimeout bounds one LibreOffice run.
const defaultSofficeTimeout = 2 * time.Minute

// findSoffice returns the LibreOffice program: prog when given, else soffice or libreoffice on
// PATH; "" when there is none.
func findSoffice(prog string) string {
	if prog != "" {
		if p, err := exec.LookPath(prog); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// resave opens each workbook in LibreOffice and saves it again as .xlsx, as a unit that works
// with LibreOffice Calc does, and returns the re-saved bytes by input path. All files go
// through one headless run with its own user profile in a temporary folder (so that it
// neither touches nor waits for the user's own LibreOffice), under a time limit.
func resave(ctx context.Context, soffice string, paths []string, timeout time.Duration) (map[string][]byte, error) {
	return convertFiles(ctx, soffice, paths, "xlsx:Calc MS Excel 2007 XML", ".xlsx", timeout)
}

// saveAsXLS opens each workbook in LibreOffice and saves it as an Excel 97-2003 .xls, as WPS
// does when a unit picks that format, and returns the .xls bytes by input path.
func saveAsXLS(ctx context.Context, soffice string, paths []string, timeout time.Duration) (map[string][]byte, error) {
	return convertFiles(ctx, soffice, paths, "xls:MS Excel 97", ".xls", timeout)
}

// convertFiles converts each workbook with the LibreOffice filter and returns the results
// (named with ext) by input path, in one headless run.
func convertFiles(ctx context.Context, soffice string, paths []string, filter, ext string, timeout time.Duration) (map[string][]byte, error) {
	if timeout <= 0 {
		timeout = defaultSofficeTimeout
	}
	tmp, err := os.MkdirTemp("", "gyqc-soffice-")
	if err != nil {
		return nil, fmt.Errorf("libreoffice temporary folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	in, out := filepath.Join(tmp, "in"), filepath.Join(tmp, "out")
	for _, d := range []string{in, out} {
		if err := os.Mkdir(d, 0o700); err != nil {
			return nil, fmt.Errorf("libreoffice temporary folder: %w", err)
		}
	}
	// Copy the inputs under plain names: LibreOffice keeps the base name, and plain names
	// keep the command line and the output names simple.
	names := make([]string, len(paths))
	args := []string{"-env:UserInstallation=" + (&url.URL{Scheme: "file", Path: filepath.Join(tmp, "profile")}).String(),
		"--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"--convert-to", filter, "--outdir", out}
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		names[i] = fmt.Sprintf("return%04d.xlsx", i)
		if err := os.WriteFile(filepath.Join(in, names[i]), b, 0o600); err != nil {
			return nil, err
		}
		args = append(args, filepath.Join(in, names[i]))
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "HOME="+tmp)
	procgroup.Set(cmd) // a Ctrl+C ends soffice.bin too, not only the soffice script
	msg, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("libreoffice did not finish within %s", timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("libreoffice: %v: %s", err, strings.TrimSpace(string(msg)))
	}
	res := map[string][]byte{}
	for i, p := range paths {
		made := strings.TrimSuffix(names[i], ".xlsx") + ext
		b, err := os.ReadFile(filepath.Join(out, made))
		if err != nil {
			return nil, fmt.Errorf("libreoffice wrote no %s: %s", made, strings.TrimSpace(string(msg)))
		}
		res[p] = b
	}
	return res, nil
}
