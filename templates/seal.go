package templates

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/qianjiang/gyqc"
)

// Rules of the keyed identity.
const (
	RuleSealMissing gyqc.Rule = "seal-missing" // the template carries no seal
	RuleSealBroken  gyqc.Rule = "seal-broken"  // the seal does not match what the template says
)

// sealDomain separates the seal from any other use of the workspace key.
const sealDomain = "gyqc template seal v1"

// Seal returns the keyed identity of a template: the HMAC-SHA256 (hex) under the workspace
// key of its layout version, plan identity, plan version recorded at issue, unit, period
// and the fingerprint of what it locks. The fingerprint is public (anyone can compute it
// from the plan); the seal is not: without the key, which never leaves the workspace, no
// one can write a seal for another unit, period or plan version, so editing a template's
// metadata is detected, whatever else is copied or deleted.
func Seal(key []byte, m Meta) string {
	mac := hmac.New(sha256.New, key)
	var buf []byte
	for _, s := range []string{sealDomain, m.Layout, m.PlanID, m.PlanVersion, m.Unit, m.Period.String(), m.Fingerprint} {
		buf = append(append(append(strconv.AppendInt(buf[:0], int64(len(s)), 10), ':'), s...), '\n')
		mac.Write(buf)
	}
	return hex.EncodeToString(mac.Sum(nil))
}

// sealMatches reports whether seal is the seal of m under key, in constant time.
func sealMatches(key []byte, m Meta, seal []byte) bool {
	return hmac.Equal([]byte(Seal(key, m)), seal)
}

// VerifySeal checks the keyed identity of a returned template read with Read or ReadBytes.
// It returns nil when the seal matches, else one problem of error severity: the seal is
// missing, or the metadata no longer match it. In the second case it looks for the
// identity the seal was made for among the plan's units and periods (and the current plan
// version and layout), so that the problem names what was changed, such as "单位代码由
// “zfj”改为“fgw”". A template issued by another workspace (another key) matches nothing
// and is described as such. key must not be empty.
func VerifySeal(key []byte, plan *gyqc.Plan, m Meta) *gyqc.Problem {
	seal := strings.ToLower(strings.TrimSpace(m.Seal))
	if len(key) > 0 && seal != "" && sealMatches(key, m, []byte(seal)) {
		return nil
	}
	const fix = "请使用领导小组办公室下发给本单位的本期模板填写后报送；不要修改、复制或删除模板中隐藏的模板信息"
	if seal == "" {
		return &gyqc.Problem{Severity: gyqc.SevError, Rule: RuleSealMissing, Fix: fix,
			Message: "模板缺少防伪校验码，无法确认本表是下发给哪个单位、哪个报送期的模板（校验码被删除，或不是本工作区下发的模板）"}
	}
	msg := "模板信息与防伪校验码不符：本表不是本工作区下发的模板，或模板信息（单位、报送期、方案版本、格式版本、锁定内容指纹）被改动过"
	if orig, ok := findSealed(key, plan, m, []byte(seal)); ok {
		msg = "模板信息被改动过：" + strings.Join(changes(plan, orig, m), "，") + "。改动模板信息的报表不能作为任何单位的报送"
	}
	return &gyqc.Problem{Severity: gyqc.SevError, Rule: RuleSealBroken, Fix: fix, Message: msg}
}

// findSealed looks for the metadata the seal was made for, varying what a forger would
// change: the unit, the period (with or without the fingerprint recomputed for them),
// the plan version and the layout version. It tries some ten thousand HMACs at most, which
// costs milliseconds, and only for a file whose seal does not match.
func findSealed(key []byte, plan *gyqc.Plan, m Meta, seal []byte) (Meta, bool) {
	units := []string{m.Unit}
	for _, u := range plan.Registry.Units {
		if u.Code != m.Unit {
			units = append(units, u.Code)
		}
	}
	periods := []gyqc.Period{m.Period}
	for _, p := range plan.Horizon.Periods() {
		if p != m.Period {
			periods = append(periods, p)
		}
	}
	versions := unique(m.PlanVersion, plan.Version)
	lays := []string{m.Layout}
	for v := range layouts {
		if v != m.Layout {
			lays = append(lays, v)
		}
	}
	type up struct {
		u string
		p gyqc.Period
	}
	fps := map[up]string{} // fingerprints recomputed, each once
	for _, lay := range lays {
		for _, ver := range versions {
			for _, u := range units {
				for _, p := range periods {
					c := m
					c.Layout, c.PlanVersion, c.Unit, c.Period = lay, ver, u, p
					if sealMatches(key, c, seal) {
						return c, true
					}
					fp, ok := fps[up{u, p}]
					if !ok {
						if plan.Registry.Unit(u) != nil && plan.CheckPeriod(p) == nil {
							fp = Fingerprint(plan, u, p)
						}
						fps[up{u, p}] = fp
					}
					if c.Fingerprint = fp; fp != "" && fp != m.Fingerprint && sealMatches(key, c, seal) {
						return c, true
					}
				}
			}
		}
	}
	return Meta{}, false
}

// unique returns the non-repeated strings, in order.
func unique(ss ...string) []string {
	var out []string
	for _, s := range ss {
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// changes lists, in Chinese, how the metadata m differ from orig, the metadata the seal was
// made for.
func changes(plan *gyqc.Plan, orig, m Meta) []string {
	unitLabel := func(code string) string {
		if u := plan.Registry.Unit(code); u != nil {
			return fmt.Sprintf("“%s”（%s）", code, u.Name)
		}
		return fmt.Sprintf("“%s”", code)
	}
	var out []string
	if orig.Unit != m.Unit {
		out = append(out, fmt.Sprintf("单位代码由%s改为%s", unitLabel(orig.Unit), unitLabel(m.Unit)))
	}
	if orig.Period != m.Period {
		out = append(out, fmt.Sprintf("报送期由%s改为%s", orig.Period, m.Period))
	}
	if orig.PlanVersion != m.PlanVersion {
		out = append(out, fmt.Sprintf("方案版本由“%s”改为“%s”", orig.PlanVersion, m.PlanVersion))
	}
	if orig.Layout != m.Layout {
		out = append(out, fmt.Sprintf("模板格式版本由“%s”改为“%s”", orig.Layout, m.Layout))
	}
	if orig.Fingerprint != m.Fingerprint {
		if m.Fingerprint == "" {
			out = append(out, "锁定内容指纹被删除")
		} else {
			out = append(out, "锁定内容指纹被改动（从其他模板复制或重新计算）")
		}
	}
	if len(out) == 0 {
		out = append(out, "防伪校验码被改动")
	}
	return out
}
