package main

import (
	"os"
	"testing"
)

// TestMain lets tests run gyqc itself as another process: the test binary runs main when
// GYQC_RUN_MAIN is set (see gyqcCommand).
func TestMain(m *testing.M) {
	if os.Getenv("GYQC_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}
