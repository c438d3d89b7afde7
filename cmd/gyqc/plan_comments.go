package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/qianjiang/gyqc/internal/atomicfile"
	"github.com/qianjiang/gyqc/planbook"
)

// commentsAdvice tells where notes go instead of comments in the YAML files.
const commentsAdvice = "需要长期保留的说明，请写进工作簿中“单位”的“备注”、“单位组”的“说明”、“指标”的“基期说明”等列，它们会随方案一起保存。"

// noteHandComments says on w, for each named file, which comments written by hand the files
// made from the workbook will not have; it reports whether there were any.
func noteHandComments(w io.Writer, files map[string][]byte, names ...string) bool {
	any := false
	for _, name := range names {
		if note := planbook.CommentsNote(name, planbook.HandComments(files[name])); note != "" {
			fmt.Fprintln(w, "注意："+note)
			any = true
		}
	}
	return any
}

// keepHandEdited copies path, when it exists with comments written by hand and differs from
// data, to a backup beside it (plan.导入前.yaml) before it is replaced, and says so on w.
func keepHandEdited(path string, data []byte, w io.Writer) error {
	old, err := os.ReadFile(path)
	if err != nil || bytes.Equal(old, data) || len(planbook.HandComments(old)) == 0 {
		return nil
	}
	ext := filepath.Ext(path)
	backup := strings.TrimSuffix(path, ext) + ".导入前" + ext
	noteHandComments(w, map[string][]byte{path: old}, path)
	if err := atomicfile.Write(backup, 0o644, func(f io.Writer) error {
		_, err := f.Write(old)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(w, "原文件已另存为 %s。%s\n", backup, commentsAdvice)
	return nil
}
