//go:build !unix && !windows

package collect

import "os"

// openFile opens path for reading; systems without FIFOs or links in the file system need
// nothing more (what was opened is still compared with what Gather saw).
func openFile(path string, follow bool) (*os.File, error) {
	return os.Open(path)
}
