// Package procgroup starts a child program in a process group of its own, so that
// cancelling it ends the programs it started too: LibreOffice's soffice is a script that
// starts soffice.bin, which holds the output pipe; killing the script alone left the
// caller waiting for the pipe (exec.Cmd.WaitDelay) after a Ctrl+C.
package procgroup

import (
	"os/exec"
	"time"
)

// waitDelay is how long Wait waits for the output pipes after the group was killed.
const waitDelay = 500 * time.Millisecond

// Set makes cmd (made with exec.CommandContext) start in a group of its own and, when its
// context is done, kill the whole group where the system allows it (the process alone
// elsewhere).
func Set(cmd *exec.Cmd) {
	setGroup(cmd)
	cmd.WaitDelay = waitDelay
}
