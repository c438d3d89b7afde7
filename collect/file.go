package collect

import (
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
	// Data holds the file's bytes when it did not come from disk (an attachment, an
	// upload); nil: the bytes are read from Path.
	Data []byte
	// Actor is who handed this file in, for the audit trail (a unit through its portal link);
	// empty: Options.Actor.
	Actor string
}

// Gather expands files and folders (recursively) into the list of files to collect, in
// a stable order. Office lock files (~$name.xlsx) and hidden files are skipped; a path that
// does not exist is an error naming it.
func Gather(paths []string) ([]File, []string, error) {
	var files []File
	var skipped []string
	seen := map[string]bool{}
	add := func(path string, info fs.FileInfo) {
		base := filepath.Base(path)
		if strings.HasPrefix(base, "~$") || strings.HasPrefix(base, ".") {
			skipped = append(skipped, path)
			return
		}
		abs, _ := filepath.Abs(path)
		if seen[abs] {
			return
		}
		seen[abs] = true
		files = append(files, File{Path: path, Size: info.Size(), ModTime: info.ModTime()})
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, nil, gyqc.Errorf(gyqc.EInvalid, "找不到文件或文件夹“%s”，请检查路径", p)
		}
		if !info.IsDir() {
			add(p, info)
			continue
		}
		var found []File
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			found = append(found, File{Path: path, Size: info.Size(), ModTime: info.ModTime()})
			return nil
		})
		if err != nil {
			return nil, nil, gyqc.Errorf(gyqc.EInvalid, "无法读取文件夹“%s”：%v", p, err)
		}
		sort.Slice(found, func(i, j int) bool { return found[i].Path < found[j].Path })
		for _, f := range found {
			info, _ := os.Stat(f.Path)
			add(f.Path, info)
		}
	}
	return files, skipped, nil
}
