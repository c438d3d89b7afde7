//go:build !unix

package intake_test

import "time"

// processCPU is not measured on this system; benchmarks then report 0 CPU time.
func processCPU() time.Duration { return 0 }
