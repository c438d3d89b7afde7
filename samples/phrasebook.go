package samples

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// phraseFiles holds the phrase banks: what units write, task by task, in the plan's wording.
// common.yaml has the phrases for any task and explains slots and conditions; projectN.yaml
// has the banks of the tasks of project N.
//
//go:embed phrases/*.yaml
var phraseFiles embed.FS

// phrase is one sentence of a bank with its slots and the conditions under which a unit
// may write it.
type phrase struct {
	Text string
	When string
	segs []segment
	cond []condition
}

// UnmarshalYAML accepts a plain string or a mapping {text, when}.
func (p *phrase) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		p.Text = n.Value
		return nil
	}
	var m struct {
		Text string `yaml:"text"`
		When string `yaml:"when"`
	}
	if err := n.Decode(&m); err != nil {
		return err
	}
	p.Text, p.When = m.Text, m.When
	return nil
}

// pool is a list of phrases to choose from.
type pool []phrase

// taskBank is what units write about one task.
type taskBank struct {
	Task      int               `yaml:"task"`
	Counts    map[string][2]int `yaml:"counts"`     // figures drawn each month: [min, max]
	Facts     pool              `yaml:"facts"`      // sentences on the task's indicators
	Lead      pool              `yaml:"lead"`       // work of any lead unit
	LeadBy    map[string]pool   `yaml:"lead_by"`    // work of one lead unit, by code
	Support   pool              `yaml:"support"`    // work of any supporting unit
	SupportBy map[string]pool   `yaml:"support_by"` // by unit code or group name
	Issues    pool              `yaml:"issues"`     // causes of delay
	Minor     pool              `yaml:"minor"`      // small problems of a task on track
	Next      pool              `yaml:"next"`       // next month's plans
}

// notesBank holds the explanations (情况说明) units write beside figures.
type notesBank struct {
	Dip     pool `yaml:"dip"`
	Lag     pool `yaml:"lag"`
	Restart pool `yaml:"restart"`
	Rank    pool `yaml:"rank"`
	Source  pool `yaml:"source"`
}

// commonBank holds phrases for any task.
type commonBank struct {
	Counts           map[string][2]int `yaml:"counts"` // figures of common phrases
	Lead             pool              `yaml:"lead"`
	Issues           pool              `yaml:"issues"`
	NotStarted       pool              `yaml:"not_started"`
	NotStartedIssues pool              `yaml:"not_started_issues"`
	Done             pool              `yaml:"done"`
	Support          pool              `yaml:"support"`
	NoIssues         pool              `yaml:"no_issues"`
	Next             pool              `yaml:"next"`
	Practice         pool              `yaml:"practice"` // 经验做法, written now and then
	Notes            notesBank         `yaml:"notes"`
}

// bank is the whole phrase file.
type bank struct {
	Common commonBank `yaml:"common"`
	Tasks  []taskBank `yaml:"tasks"`
	byTask map[int]*taskBank
}

var (
	bankOnce   sync.Once
	bankLoaded *bank
	bankErr    error
)

// phrases returns the embedded banks, parsed and compiled once.
func phrases() (*bank, error) {
	bankOnce.Do(func() { bankLoaded, bankErr = loadBank(phraseFiles) })
	return bankLoaded, bankErr
}

// loadBank reads every phrase file of fsys (common.yaml first) into one bank.
func loadBank(fsys fs.FS) (*bank, error) {
	names, err := fs.Glob(fsys, "phrases/*.yaml")
	if err != nil {
		return nil, err
	}
	// common.yaml first, then the projects in order.
	slices.SortFunc(names, func(a, b string) int {
		rank := func(n string) string {
			if strings.HasSuffix(n, "/common.yaml") {
				return ""
			}
			return n
		}
		return cmp.Compare(rank(a), rank(b))
	})
	var files [][]byte
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		files = append(files, data)
	}
	return parseBank(files...)
}

// parseBank decodes phrase files, merges them (the common phrases may appear in one file
// only) and compiles every phrase.
func parseBank(files ...[]byte) (*bank, error) {
	var b bank
	for i, data := range files {
		var part bank
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&part); err != nil {
			return nil, fmt.Errorf("phrase banks, file %d: %w", i+1, err)
		}
		if !reflect.ValueOf(part.Common).IsZero() {
			if !reflect.ValueOf(b.Common).IsZero() {
				return nil, fmt.Errorf("phrase banks, file %d: common phrases given twice", i+1)
			}
			b.Common = part.Common
		}
		b.Tasks = append(b.Tasks, part.Tasks...)
	}
	b.byTask = map[int]*taskBank{}
	for i := range b.Tasks {
		t := &b.Tasks[i]
		if _, dup := b.byTask[t.Task]; dup {
			return nil, fmt.Errorf("phrase banks: task %d twice", t.Task)
		}
		b.byTask[t.Task] = t
	}
	var errs []string
	b.each(func(where string, p *phrase) {
		if err := p.compile(); err != nil {
			errs = append(errs, where+": "+err.Error())
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("phrase banks: %s", strings.Join(errs, "; "))
	}
	return &b, nil
}

// each calls f for every phrase of the bank with a description of where it is.
func (b *bank) each(f func(where string, p *phrase)) {
	walk := func(where string, ps pool) {
		for i := range ps {
			f(fmt.Sprintf("%s[%d] %q", where, i, ps[i].Text), &ps[i])
		}
	}
	c := &b.Common
	walk("common.lead", c.Lead)
	walk("common.issues", c.Issues)
	walk("common.not_started", c.NotStarted)
	walk("common.not_started_issues", c.NotStartedIssues)
	walk("common.done", c.Done)
	walk("common.support", c.Support)
	walk("common.no_issues", c.NoIssues)
	walk("common.next", c.Next)
	walk("common.practice", c.Practice)
	walk("common.notes.dip", c.Notes.Dip)
	walk("common.notes.lag", c.Notes.Lag)
	walk("common.notes.restart", c.Notes.Restart)
	walk("common.notes.rank", c.Notes.Rank)
	walk("common.notes.source", c.Notes.Source)
	for _, t := range b.Tasks {
		w := fmt.Sprintf("task %d ", t.Task)
		walk(w+"facts", t.Facts)
		walk(w+"lead", t.Lead)
		walk(w+"support", t.Support)
		walk(w+"issues", t.Issues)
		walk(w+"minor", t.Minor)
		walk(w+"next", t.Next)
		for _, k := range sortedKeys(t.LeadBy) {
			walk(w+"lead_by."+k, t.LeadBy[k])
		}
		for _, k := range sortedKeys(t.SupportBy) {
			walk(w+"support_by."+k, t.SupportBy[k])
		}
	}
}

// Slot kinds.
const (
	slotIndicator = iota // {KEY} or {KEY.field}
	slotCount            // {n.NAME}, {y.NAME}, {c.NAME}, {k.NAME}
	slotWord             // {月}, {单位}, ...
)

// words are the slots that are neither indicators nor counts.
var words = map[string]bool{"月": true, "下月": true, "年": true, "季度": true, "牵头": true, "单位": true,
	"任务": true, "名称": true, "计量": true, "drop": true}

// indicatorFields are the fields an indicator slot may ask for.
var indicatorFields = map[string]bool{"": true, "delta": true, "drop": true, "chg": true, "yoy": true,
	"gap": true, "target": true, "pct": true, "prev": true}

// segment is a literal or a slot of a compiled phrase.
type segment struct {
	lit   string
	kind  int
	key   string // indicator key, count name or word
	field string // indicator field, or n/y/c/k for counts
	slot  bool
}

// compile splits the text into literals and slots and parses the conditions.
func (p *phrase) compile() error {
	p.segs = p.segs[:0]
	rest := p.Text
	if strings.TrimSpace(rest) == "" {
		return fmt.Errorf("empty phrase")
	}
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			if strings.ContainsRune(rest, '}') {
				return fmt.Errorf("unmatched }")
			}
			p.segs = append(p.segs, segment{lit: rest})
			break
		}
		if open > 0 {
			if strings.ContainsRune(rest[:open], '}') {
				return fmt.Errorf("unmatched }")
			}
			p.segs = append(p.segs, segment{lit: rest[:open]})
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return fmt.Errorf("unclosed {")
		}
		s, err := parseSlot(rest[open+1 : open+end])
		if err != nil {
			return err
		}
		p.segs = append(p.segs, s)
		rest = rest[open+end+1:]
	}
	p.cond = p.cond[:0]
	for _, tok := range strings.Fields(p.When) {
		c, err := parseCondition(tok)
		if err != nil {
			return err
		}
		p.cond = append(p.cond, c)
	}
	return nil
}

// parseSlot parses the inside of {...}.
func parseSlot(s string) (segment, error) {
	if words[s] {
		return segment{slot: true, kind: slotWord, key: s}, nil
	}
	head, tail, dotted := strings.Cut(s, ".")
	switch {
	case dotted && (head == "n" || head == "y" || head == "c" || head == "k"):
		if tail == "" {
			return segment{}, fmt.Errorf("slot {%s} has no count name", s)
		}
		return segment{slot: true, kind: slotCount, key: tail, field: head}, nil
	case head == "":
		return segment{}, fmt.Errorf("empty slot {%s}", s)
	case !indicatorFields[tail]:
		return segment{}, fmt.Errorf("slot {%s}: unknown field %q", s, tail)
	}
	return segment{slot: true, kind: slotIndicator, key: head, field: tail}, nil
}

// condition is one token of a phrase's `when`.
type condition struct {
	op  string // up, flat, down, met, unmet, or one of conditionWords
	key string // the indicator of up/flat/down/met/unmet
}

var conditionOps = map[string]bool{"up": true, "flat": true, "down": true, "met": true, "unmet": true}
var conditionWords = map[string]bool{"q-end": true, "not-q-end": true, "jan": true, "dec": true, "not-dec": true,
	"early": true, "mid": true, "late": true, "lag": true, "ok": true, "lead": true, "support": true,
	"money": true, "firms": true, "items": true, "annual": true, "percent": true}

func parseCondition(tok string) (condition, error) {
	if conditionWords[tok] {
		return condition{op: tok}, nil
	}
	op, k, ok := strings.Cut(tok, ":")
	if !ok || !conditionOps[op] || k == "" {
		return condition{}, fmt.Errorf("unknown condition %q", tok)
	}
	return condition{op: op, key: k}, nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
