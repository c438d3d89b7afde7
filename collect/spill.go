package collect

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/qianjiang/gyqc"
)

// DefaultSpillBudget is how many bytes taken out of mail a collection holds in memory
// before it writes the rest to temporary files.
const DefaultSpillBudget = 256 << 20

// Spill holds the bytes Expand takes out of mail (attached workbooks, refused messages): in
// memory up to Budget, then in files of a temporary folder, so that a mailbox of any size is
// collected with bounded memory. The pipeline reads a spilled file back when it takes the
// file in. Close removes the folder.
type Spill struct {
	Budget int64 // bytes held in memory; <= 0: DefaultSpillBudget
	held   int64
	dir    string // made at the first spill
	n      int
}

// hold gives f the bytes data: in memory while the budget allows, else in a temporary file
// that f names. A nil Spill holds everything in memory.
func (s *Spill) hold(f *File, data []byte) error {
	if data == nil {
		return nil
	}
	budget := s.budget()
	if s == nil || s.held+int64(len(data)) <= budget {
		f.Data = data
		if s != nil {
			s.held += int64(len(data))
		}
		return nil
	}
	if s.dir == "" {
		dir, err := os.MkdirTemp("", "gyqc-mail-")
		if err != nil {
			return gyqc.EnvError("无法创建存放邮件附件的临时文件夹", err)
		}
		s.dir = dir
	}
	s.n++
	path := filepath.Join(s.dir, strconv.Itoa(s.n))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return gyqc.EnvError(fmt.Sprintf("无法把邮件附件写入临时文件夹 %s", s.dir), err)
	}
	f.spilled = path
	return nil
}

func (s *Spill) budget() int64 {
	if s == nil || s.Budget <= 0 {
		return DefaultSpillBudget
	}
	return s.Budget
}

// Spilled returns how many files were written to the temporary folder.
func (s *Spill) Spilled() int {
	if s == nil {
		return 0
	}
	return s.n
}

// Close removes the temporary folder and what it holds.
func (s *Spill) Close() error {
	if s == nil || s.dir == "" {
		return nil
	}
	err := os.RemoveAll(s.dir)
	s.dir = ""
	return err
}

// load reads back the bytes of a spilled file.
func (f *File) load() error {
	if f.spilled == "" {
		return nil
	}
	data, err := os.ReadFile(f.spilled)
	if err != nil {
		return gyqc.EnvError(fmt.Sprintf("无法读回邮件附件 %s 的临时文件", DisplayName(f.Name)), err)
	}
	f.Data = data
	return nil
}
