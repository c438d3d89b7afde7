package portal

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/qianjiang/gyqc/store"
)

// incoming is one file of a request, streamed into the archive.
type incoming struct {
	name string // as shown (uploadName)
	rec  store.Received
}

// requestError is a request the portal cannot take, with the HTTP status and a Chinese
// message for the person or script that sent it.
type requestError struct {
	code int
	msg  string
}

func (e *requestError) Error() string { return e.msg }

// idleBody is a request body that may not stall: each read must bring data within idle, or
// the connection is dropped (a slow-loris client holds nothing for long). Slow but moving
// uploads from a phone are fine.
type idleBody struct {
	io.ReadCloser
	rc   *http.ResponseController
	idle time.Duration
}

func (b *idleBody) Read(p []byte) (int, error) {
	b.rc.SetReadDeadline(time.Now().Add(b.idle)) // not supported by test recorders: then no deadline
	return b.ReadCloser.Read(p)
}

// receive streams the files of a multipart request (field "file") into the archive's staging
// area, at most max of them, each at most the file size limit, and returns them with the small
// form fields. Files are never held whole in memory. On error every file received is left to
// the archive, where it harms nothing.
// before, when not nil, is called with the fields read so far before the first file is taken
// (or at the end when there is none): the office checks its form token there.
func (s *Server) receive(w http.ResponseWriter, r *http.Request, max int, limit int64,
	before func(map[string]string) error) ([]incoming, map[string]string, error) {
	r.Body = &idleBody{ReadCloser: http.MaxBytesReader(w, r.Body, limit), rc: http.NewResponseController(w), idle: s.cfg.BodyIdle}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, &requestError{http.StatusBadRequest, "请求格式不正确：请以 multipart/form-data 上传，文件放在字段 file 中"}
	}
	var files []incoming
	fields := map[string]string{}
	checked := before == nil
	check := func() error {
		if checked {
			return nil
		}
		checked = true
		return before(fields)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return files, fields, bodyError(err)
		}
		if part.FormName() == "file" && part.FileName() != "" {
			if err := check(); err != nil {
				part.Close()
				return files, fields, err
			}
			if len(files) == max {
				part.Close()
				if max == 1 {
					return files, fields, &requestError{http.StatusBadRequest, "一次只能上传一个文件"}
				}
				return files, fields, &requestError{http.StatusBadRequest, "一次最多上传 " + itoa(max) + " 个文件，请分批上传"}
			}
			rec, err := store.Receive(s.cfg.Workspace, part, s.cfg.Limits.MaxFileSize)
			part.Close()
			if errors.Is(err, store.ErrTooLarge) {
				return files, fields, &requestError{http.StatusRequestEntityTooLarge,
					"文件“" + uploadName(part.FileName()) + "”超过 " + itoa(int(s.cfg.Limits.MaxFileSize>>20)) + " MB，不是正常的填报模板；请使用下发的模板填写，不要粘贴图片"}
			}
			if err != nil {
				return files, fields, bodyError(err)
			}
			files = append(files, incoming{name: uploadName(part.FileName()), rec: rec})
			continue
		}
		if part.FileName() == "" && len(fields) < 16 {
			b, err := io.ReadAll(io.LimitReader(part, 4<<10))
			if err != nil {
				part.Close()
				return files, fields, bodyError(err)
			}
			fields[part.FormName()] = strings.TrimSpace(string(b))
		}
		io.Copy(io.Discard, part)
		part.Close()
	}
	return files, fields, check()
}

// bodyError classifies a failure while reading a request body.
func bodyError(err error) error {
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &mb):
		return &requestError{http.StatusRequestEntityTooLarge, "上传的内容过大（超过 " + itoa(int(mb.Limit>>20)) + " MB）"}
	case errors.Is(err, os.ErrDeadlineExceeded):
		return &requestError{http.StatusRequestTimeout, "上传中断：网络长时间没有传来数据，请重新上传"}
	case errors.Is(err, multipart.ErrMessageTooLarge):
		return &requestError{http.StatusRequestEntityTooLarge, "表单内容过大"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &requestError{http.StatusBadRequest, "上传没有完成（连接中断），请重新上传"}
	}
	var re *requestError
	if errors.As(err, &re) {
		return re
	}
	return &requestError{http.StatusBadRequest, "请求格式不正确：" + err.Error()}
}
