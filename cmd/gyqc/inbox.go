package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/qianjiang/gyqc"
)

// inboxFile is one file given to collect.
type inboxFile struct {
	Path    string
	Size    int64
	ModTime time.Time
}

// gatherFiles expands files and folders (recursively) into the list of files to collect, in
// a stable order. Office lock files (~$name.xlsx) and hidden files are skipped; a path that
// does not exist is an error naming it.
func gatherFiles(paths []string) ([]inboxFile, []string, error) {
	var files []inboxFile
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
		files = append(files, inboxFile{Path: path, Size: info.Size(), ModTime: info.ModTime()})
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
		var found []inboxFile
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
			found = append(found, inboxFile{Path: path, Size: info.Size(), ModTime: info.ModTime()})
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
