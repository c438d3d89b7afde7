package templates

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/internal/jsonlist"
)

// Manifest lists the templates issued for one period in an output folder: who gets which
// file, its SHA-256 and the deadline. It is written as JSON (for scripts) and as CSV with a
// byte-order mark (for Excel and WPS).
type Manifest struct {
	PlanID      string      `json:"plan_id"`
	PlanVersion string      `json:"plan_version"`
	Period      gyqc.Period `json:"period"`
	Layout      string      `json:"layout"`
	Due         time.Time   `json:"due"`
	DueLabel    string      `json:"due_label"`
	Files       []Info      `json:"files"`
}

// NewManifest returns the manifest of the templates described by infos, issued for period.
func NewManifest(plan *gyqc.Plan, period gyqc.Period, infos []Info) *Manifest {
	return &Manifest{PlanID: plan.ID, PlanVersion: plan.Version, Period: period, Layout: LayoutVersion,
		Due: plan.Due(period), DueLabel: plan.DueLabel(period), Files: infos}
}

// ManifestName returns the base name of the manifest of period with extension ext.
func ManifestName(period gyqc.Period, ext string) string { return period.String() + "_manifest." + ext }

// Merge keeps the entries of an earlier run into the same folder (issuing to a few units
// again must not drop the others from the manifest) whose files are still there unchanged.
func (m *Manifest) Merge(plan *gyqc.Plan, dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName(m.Period, "json")))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read manifest: %w", err)
	}
	var old Manifest
	if json.Unmarshal(data, &old) != nil || old.PlanID != m.PlanID || old.Period != m.Period {
		return nil // not ours to keep: it is replaced
	}
	have := map[string]bool{}
	for _, in := range m.Files {
		have[in.Unit] = true
	}
	for _, in := range old.Files {
		if have[in.Unit] || plan.Registry.Unit(in.Unit) == nil || filepath.Base(in.FileName) != in.FileName {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, in.FileName))
		if err != nil {
			continue
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) == in.SHA256 {
			m.Files = append(m.Files, in)
			have[in.Unit] = true
		}
	}
	order := map[string]int{}
	for i, u := range plan.Registry.Units {
		order[u.Code] = i
	}
	slices.SortStableFunc(m.Files, func(a, b Info) int { return cmp.Compare(order[a.Unit], order[b.Unit]) })
	return nil
}

// Write writes the manifest as CSV and JSON into dir, atomically, and returns their paths.
func (m *Manifest) Write(dir string) (csvPath, jsonPath string, err error) {
	jsonPath = filepath.Join(dir, ManifestName(m.Period, "json"))
	csvPath = filepath.Join(dir, ManifestName(m.Period, "csv"))
	js, err := jsonlist.MarshalIndent(m, "", "  ")
	if err != nil {
		return "", "", fmt.Errorf("encode manifest: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	records := [][]string{{"单位代码", "单位名称", "文件名", "SHA-256", "报送截止", "下发时间", "任务数", "指标数", "模板指纹"}}
	for _, in := range m.Files {
		records = append(records, []string{in.Unit, in.UnitName, in.FileName, in.SHA256, in.DueLabel, in.Issued.Format("2006-01-02 15:04:05"),
			fmt.Sprint(in.Tasks), fmt.Sprint(in.Indicators), in.Fingerprint})
	}
	if err := cw.WriteAll(records); err != nil {
		return "", "", fmt.Errorf("encode manifest: %w", err)
	}
	if err := atomicfile.WriteFile(csvPath, buf.Bytes(), 0o644); err != nil {
		return "", "", err
	}
	if err := atomicfile.WriteFile(jsonPath, append(js, '\n'), 0o644); err != nil {
		return "", "", err
	}
	return csvPath, jsonPath, nil
}
