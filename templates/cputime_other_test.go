//go:build !unix

package templates

import "time"

// processCPU is not measured on this system; benchmarks then report no CPU time.
func processCPU() time.Duration { return 0 }
