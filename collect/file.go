package collect

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// File is one file to collect.
type File struct {
	Path string // where it was found, as shown to the clerk
	// Name is the name the file arrived under, shown to people and recorded (an upload's
	// file name, when Path is where the server staged it); empty: the base of Path.
	Name string
	// Unit, when set, is the unit the file must belong to (an upload through that unit's
	// own link): a return of another unit is refused, not recorded as that unit's.
	Unit    string
	Size    int64     // its size in bytes, checked before it is read
	ModTime time.Time // its modification time (Options.ByFileTime)
	// Received is when this file reached the office, where its source says so (a mail
	// server's Received header, a portal upload); zero: Options decides.
	Received time.Time
	// TimeSource says where Received comes from (empty: the caller does not say).
	TimeSource gyqc.TimeSource
	// Data holds the file's bytes when it did not come from disk (an attachment, an
	// upload); nil: the bytes are read from Path.
	Data []byte
	// Actor is who handed this file in, for the audit trail (a unit through its portal link);
	// empty: Options.Actor.
	Actor string
	// Mail is the e-mail message the file was attached to, nil when it did not come by
	// e-mail (see Expand).
	Mail *Mail
	// Refused holds the problems of a message refused whole (hostile or broken mail, see
	// Expand): the file is refused with them without being read.
	Refused gyqc.Problems
	// gathered is what Gather saw at Path (nil: not gathered from disk): the file opened
	// later must be this very file (see openRegular).
	gathered fs.FileInfo
	// follow: Path was named on the command line, where a link is followed.
	follow bool
	// spilled is the temporary file holding Data when Expand's Spill wrote it out; the
	// pipeline reads it back (load).
	spilled string
}

// Skipped is a path a collection did not read, and why, in Chinese.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Gather expands files and folders (recursively) into the list of files to collect, in a
// stable order, and lists everything it left out with the reason: Office lock files
// (~$name.xlsx), hidden files and folders, symbolic links inside folders (never followed),
// FIFOs, devices and sockets (only regular files are read: a FIFO would block the run and a
// device never ends), and folders or entries that cannot be read. A path named on the
// command line is followed when it is a link; a path that does not exist is an error
// naming it. Nothing found inside a folder stops the gathering.
func Gather(paths []string) ([]File, []Skipped, error) {
	g := &gatherer{seen: map[string]bool{}}
	for _, p := range paths {
		info, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, gyqc.Errorf(gyqc.EInvalid, "找不到文件或文件夹“%s”，请检查路径", p)
		}
		if err != nil {
			g.skip(p, unreadable(err))
			continue
		}
		if !info.IsDir() {
			g.add(p, info, true)
			continue
		}
		g.walk(p)
	}
	return g.files, g.skipped, nil
}

// gatherer collects the files and the skipped paths of one Gather.
type gatherer struct {
	files   []File
	skipped []Skipped
	seen    map[string]bool // absolute paths already taken
}

func (g *gatherer) skip(path, reason string) {
	g.skipped = append(g.skipped, Skipped{Path: path, Reason: reason})
}

// add takes a file, unless its name or type says to skip it.
// A link is followed only when follow (a path named on the command line).
func (g *gatherer) add(path string, info fs.FileInfo, follow bool) {
	base := filepath.Base(path)
	switch {
	case strings.HasPrefix(base, "~$"):
		g.skip(path, "Office 临时文件（文件正在 Excel 或 WPS 中打开时生成）")
		return
	case strings.HasPrefix(base, "."):
		g.skip(path, "隐藏文件")
		return
	case !info.Mode().IsRegular():
		g.skip(path, notRegular(info.Mode()))
		return
	}
	abs, _ := filepath.Abs(path)
	if g.seen[abs] {
		return
	}
	g.seen[abs] = true
	g.files = append(g.files, File{Path: path, Size: info.Size(), ModTime: info.ModTime(), gathered: info, follow: follow})
}

// walk takes the files under the folder root, in path order. An entry that cannot be read
// is skipped with its reason; the walk goes on.
func (g *gatherer) walk(root string) {
	type entry struct {
		path string
		info fs.FileInfo
	}
	var found []entry
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			g.skip(path, unreadable(err))
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				g.skip(path, "隐藏文件夹")
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			g.skip(path, "符号链接（快捷方式），不跟随；请把文件本身放进文件夹")
			return nil
		}
		info, err := d.Info()
		if err != nil {
			g.skip(path, unreadable(err))
			return nil
		}
		found = append(found, entry{path, info})
		return nil
	})
	sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
	for _, e := range found {
		g.add(e.path, e.info, false)
	}
}

// notRegular says what kind of file-system object a mode is, for a skipped path.
func notRegular(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "命名管道（FIFO），不是普通文件，未读取"
	case m&fs.ModeSocket != 0:
		return "套接字，不是普通文件，未读取"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "设备文件，不是普通文件，未读取"
	case m&fs.ModeSymlink != 0:
		return "符号链接（快捷方式），不跟随"
	}
	return "不是普通文件，未读取"
}

// unreadable says why a path could not be read, with the system's words after.
func unreadable(err error) string {
	why := "无法读取"
	if cause := gyqc.EnvCause(err); cause != "" {
		why += "：" + cause
	}
	return why + "（系统信息：" + gyqc.SystemWords(err) + "）"
}
