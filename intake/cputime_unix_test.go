//go:build unix

package intake_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the test process has used, which,
// unlike wall time, does not grow when other programs share the machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
