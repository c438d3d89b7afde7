package main

import (
	"io"

	"github.com/qianjiang/gyqc/collect"
	"github.com/qianjiang/gyqc/internal/jsonlist"
	"github.com/qianjiang/gyqc/mailbox"
)

// jsonResults writes collect's JSON document as the run goes: each file's result as soon as
// it is recorded, then the skipped paths and the mail read. The document is the one
// jsonlist.Encode writes of {period, files, skipped, mail}, byte for byte, but no file's
// result is kept until the end.
type jsonResults struct {
	w      io.Writer
	period string
	n      int   // results written
	err    error // the first write error
}

// add writes one file's result.
func (j *jsonResults) add(r collect.Result) {
	if j.n == 0 {
		j.head()
	}
	sep := ",\n    "
	if j.n == 0 {
		sep = "\n    "
	}
	j.n++
	j.write([]byte(sep))
	j.value(r, "    ")
}

// finish writes the end of the files and the rest of the document, and returns the first
// error met writing it.
func (j *jsonResults) finish(skipped []collect.Skipped, mail []*mailbox.Message) error {
	if j.n == 0 {
		j.head()
		j.write([]byte("]"))
	} else {
		j.write([]byte("\n  ]"))
	}
	j.write([]byte(",\n  \"skipped\": "))
	j.value(nonNil(skipped), "  ")
	j.write([]byte(",\n  \"mail\": "))
	j.value(nonNil(mail), "  ")
	j.write([]byte("\n}\n"))
	return j.err
}

// head writes the document up to the opening of the files.
func (j *jsonResults) head() {
	j.write([]byte("{\n  \"period\": "))
	j.value(j.period, "  ")
	j.write([]byte(",\n  \"files\": ["))
}

// value writes v as JSON indented for its depth.
func (j *jsonResults) value(v any, prefix string) {
	data, err := jsonlist.MarshalIndent(v, prefix, "  ")
	if err != nil && j.err == nil {
		j.err = err
	}
	j.write(data)
}

func (j *jsonResults) write(p []byte) {
	if j.err == nil {
		_, j.err = j.w.Write(p)
	}
}
