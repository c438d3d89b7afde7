package main

import (
	"bytes"
	"context"
	"testing"
)

// TestVersion: gyqc --version names the release scripts/build.sh built, and a build from the
// source tree says so.
func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "-v"} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"gyqc", arg}, &out, &errOut); code != 0 {
			t.Fatalf("gyqc %s: exit %d, %s", arg, code, errOut.String())
		}
		if got, want := out.String(), "gyqc "+version+"\n"; got != want {
			t.Errorf("gyqc %s = %q, want %q", arg, got, want)
		}
	}
}
