package audit

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/consolidate"
	"github.com/qianjiang/gyqc/internal/atomicfile"
)

// EvaluationName is the name the evaluation stored with a lock (`gyqc consolidate --json`) is
// kept under.
func EvaluationName(p gyqc.Period) string { return p.String() + "_评价结果.json" }

// WorkbookPath and BriefingPath are where a lock writes copies of its stored files in the
// workspace dir: where `gyqc consolidate` and `gyqc brief` put theirs by default.
func WorkbookPath(dir string, p gyqc.Period) string {
	return filepath.Join(dir, "consolidated", WorkbookName(p))
}

// BriefingPath: see WorkbookPath.
func BriefingPath(dir string, p gyqc.Period) string {
	return filepath.Join(dir, "briefings", BriefingName(p))
}

// lockOutputs makes the files a lock stores besides the 汇总表 and briefing, from the same
// evaluation and options: the evaluation as `consolidate --json` prints it, then the tables
// as `consolidate --csv` writes them.
func lockOutputs(plan *gyqc.Plan, ev *gyqc.Evaluation, subs []gyqc.Submission, opts consolidate.Options) ([]consolidate.File, error) {
	var js bytes.Buffer
	if err := consolidate.WriteJSON(&js, ev); err != nil {
		return nil, fmt.Errorf("record the evaluation of %s: %w", ev.Period, err)
	}
	tables, err := consolidate.CSVFiles(plan, ev, subs, opts)
	if err != nil {
		return nil, err
	}
	return append([]consolidate.File{{Name: EvaluationName(ev.Period), Data: js.Bytes()}}, tables...), nil
}

// JSON returns the evaluation stored with the lock as `gyqc consolidate --json` printed it at
// the sign-off; nil for a lock taken before gyqc stored it, and for a nil Frozen (an open
// period).
func (fz *Frozen) JSON() []byte {
	if fz == nil {
		return nil
	}
	for _, f := range fz.Outputs {
		if f.Name == EvaluationName(fz.Lock.Period) {
			return f.Data
		}
	}
	return nil
}

// CSV returns the tables stored with the lock as `gyqc consolidate --csv` wrote them at the
// sign-off, in sheet order; none for a lock taken before gyqc stored them, and for a nil
// Frozen (an open period).
func (fz *Frozen) CSV() []consolidate.File {
	if fz == nil {
		return nil
	}
	var out []consolidate.File
	for _, f := range fz.Outputs {
		if strings.HasSuffix(f.Name, ".csv") {
			out = append(out, f)
		}
	}
	return out
}

// writeCopies writes copies of the 汇总表 and briefing a lock stored into the workspace,
// where consolidate and brief put theirs by default, and returns their paths; the stored
// files stay the record.
func writeCopies(dir string, fz *Frozen) ([]string, error) {
	p := fz.Lock.Period
	files := []struct {
		path string
		data []byte
	}{{WorkbookPath(dir, p), fz.Workbook}, {BriefingPath(dir, p), fz.Briefing}}
	var paths []string
	for _, f := range files {
		if f.data == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return paths, gyqc.Errorf(gyqc.EInternal, "%s已锁定，但无法创建目录 %s：%v；可用 gyqc consolidate 或 gyqc brief 取出锁定时保存的文件", p.Label(), filepath.Dir(f.path), err)
		}
		if err := atomicfile.WriteFile(f.path, f.data, 0o644); err != nil {
			return paths, gyqc.Errorf(gyqc.EInternal, "%s已锁定，但无法写出 %s：%v；可用 gyqc consolidate 或 gyqc brief 取出锁定时保存的文件", p.Label(), f.path, err)
		}
		paths = append(paths, f.path)
	}
	return paths, nil
}
