package review

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/planfile"
	"github.com/qianjiang/gyqc/templates"
)

// updateCorpus regenerates the identity cases of the bad-input corpus.
var updateCorpus = flag.Bool("update", false, "regenerate the identity cases of ../intake/testdata/bad")

// identityCase is a file of the bad-input corpus that passes the intake (it is a sound
// workbook) and must be refused by its identity: a town's return whose metadata were edited,
// sealed with testKey.
type identityCase struct {
	file  string
	edits map[string]string // metadata key to value ("" deletes), applied to 城东街道's return
	rule  gyqc.Rule
	want  string
}

var identityCases = []identityCase{
	{file: "identity-unit-changed.xlsx", edits: map[string]string{templates.MetaUnit: "cnjd"},
		rule: templates.RuleSealBroken, want: "单位代码由“cdjd”（城东街道）改为“cnjd”（城南街道）"},
	{file: "identity-fingerprint-copied.xlsx", edits: map[string]string{templates.MetaUnit: "cnjd", templates.MetaFingerprint: templates.Fingerprint(planfile.Default(), "cnjd", gyqc.MustPeriod("2025-06"))},
		rule: templates.RuleSealBroken, want: "锁定内容指纹被改动"},
	{file: "identity-fingerprint-deleted.xlsx", edits: map[string]string{templates.MetaUnit: "cnjd", templates.MetaFingerprint: ""},
		rule: templates.RuleSealBroken, want: "锁定内容指纹被删除"},
	{file: "identity-seal-deleted.xlsx", edits: map[string]string{templates.MetaUnit: "cnjd", templates.MetaSeal: ""},
		rule: templates.RuleSealMissing, want: "缺少防伪校验码"},
	{file: "identity-period-changed.xlsx", edits: map[string]string{templates.MetaPeriod: "2025-07"},
		rule: templates.RuleSealBroken, want: "报送期由2025-06改为2025-07"},
	{file: "identity-plan-version-changed.xlsx", edits: map[string]string{templates.MetaPlanVersion: "2099"},
		rule: templates.RuleSealBroken, want: "方案版本由"},
}

// TestBadCorpusIdentity examines the identity cases of ../intake/testdata/bad under the
// key that sealed them: each is refused, attributed to no unit, naming what was changed.
// With -update it first regenerates them; a change of the template layout changes the
// fingerprint the deleted-fingerprint case is traced back by, so it needs -update then.
func TestBadCorpusIdentity(t *testing.T) {
	plan := planfile.Default()
	dir := filepath.Join("..", "intake", "testdata", "bad")
	if *updateCorpus {
		good := filledReturn(t, plan, "cdjd", "2025-06")
		for _, tc := range identityCases {
			if err := os.WriteFile(filepath.Join(dir, tc.file), forge(t, good, tc.edits), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range identityCases {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatalf("%v (run go test ./review -run TestBadCorpusIdentity -update)", err)
			}
			period := gyqc.MustPeriod("2025-06")
			if tc.edits[templates.MetaPeriod] != "" {
				period = gyqc.MustPeriod(tc.edits[templates.MetaPeriod])
			}
			ex := Examine(tc.file, data, Input{Plan: plan, Period: period, Key: testKey})
			if ex.Attributed || ex.Unit != nil {
				t.Fatalf("attributed to %v", ex.Unit)
			}
			for _, p := range ex.Problems {
				if p.Rule == tc.rule && strings.Contains(p.Message, tc.want) {
					return
				}
			}
			t.Errorf("got %v, want %s naming %q", ex.Problems, tc.rule, tc.want)
		})
	}
}
