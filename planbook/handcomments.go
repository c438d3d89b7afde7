package planbook

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/qianjiang/gyqc/planfile"
)

// Comment is a comment line of a plan or units file that gyqc did not write: a note the
// office (or anyone) wrote by hand.
type Comment struct {
	Line int    // 1-based line: its own for a comment above a key, else the key's
	Text string // the comment line, "#" included
}

// HandComments lists the comments of a plan file or units file that gyqc did not write: neither the comments of the canonical files nor those of the
// embedded files. The workbook has no place for them, so the canonical files written from
// it cannot keep them; gyqc says so, and keeps the old file, rather than drop them quietly.
// A file that does not parse has none.
func HandComments(data []byte) []Comment {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return nil
	}
	known := knownComments()
	var out []Comment
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		head := strings.Split(n.HeadComment, "\n")
		for i, c := range [][]string{head, {n.LineComment}, strings.Split(n.FootComment, "\n")} {
			for j, line := range c {
				at := n.Line
				if i == 0 { // the head comment's lines stand just above the node
					at = n.Line - len(head) + j
				}
				if line = strings.TrimSpace(line); line != "" && line != "#" && !known[line] {
					out = append(out, Comment{Line: at, Text: line})
				}
			}
		}
		for _, k := range n.Content {
			walk(k)
		}
	}
	walk(&doc)
	lines := strings.Split(string(data), "\n")
	for i := range out {
		out[i].Line = lineOf(lines, out[i].Text, out[i].Line)
	}
	return out
}

// lineOf returns the line (1-based) holding text nearest after hint, else before it; hint
// when none does. A foot comment's node is above it.
func lineOf(lines []string, text string, hint int) int {
	for i := max(hint-1, 0); i < len(lines); i++ {
		if strings.Contains(lines[i], text) {
			return i + 1
		}
	}
	for i := min(hint-1, len(lines)-1); i >= 0; i-- {
		if strings.Contains(lines[i], text) {
			return i + 1
		}
	}
	return hint
}

// knownComments returns every comment line gyqc writes itself: those of the canonical files
// and those of the embedded plan and units files.
func knownComments() map[string]bool {
	known := map[string]bool{}
	add := func(text string) {
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); strings.HasPrefix(line, "#") {
				known[line] = true
			}
		}
	}
	add(planHeader)
	add(unitsHeader)
	for _, m := range sectionComments {
		for _, c := range m {
			add(c)
		}
	}
	for _, data := range [][]byte{planfile.DefaultPlanFile, planfile.DefaultUnitsFile} {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil {
			continue
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			add(n.HeadComment)
			add(n.LineComment)
			add(n.FootComment)
			for _, k := range n.Content {
				walk(k)
			}
		}
		walk(&doc)
	}
	return known
}

// CommentsNote says in Chinese, for the file named, that its hand-written comments are not
// carried into the files written from the workbook, and shows the first few; empty when
// there are none.
func CommentsNote(name string, list []Comment) string {
	if len(list) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(name + " 中有 " + strconv.Itoa(len(list)) + " 行手写注释，工作簿中没有存放它们的位置，由工作簿写出的文件不会保留：")
	for i, c := range list {
		if i == 3 {
			b.WriteString("\n    ……")
			break
		}
		b.WriteString("\n    第" + strconv.Itoa(c.Line) + "行 " + c.Text)
	}
	return b.String()
}
