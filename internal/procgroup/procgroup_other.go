//go:build !unix

package procgroup

import "os/exec"

// setGroup leaves cmd as it is: Windows has no process groups to signal; the process is
// killed alone (exec.CommandContext's default).
func setGroup(cmd *exec.Cmd) {}
