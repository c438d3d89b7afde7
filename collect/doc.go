// Package collect takes returned files into the workspace: it gathers them from files and
// folders, archives each by hash before anything looks inside it, examines them (package
// review), records each attempt in the store, and writes the 退回意见单 and marked copies.
// The command line and a server call the same Run.
package collect
