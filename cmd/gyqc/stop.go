package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/qianjiang/gyqc/internal/atomicfile"
)

// debugStop is the environment variable that makes gyqc report, on stderr, how long it
// took from receiving SIGINT or SIGTERM to exiting: "gyqc-stop: 123.4ms itself" (the
// command returned) or "… forced" (ended stopGrace after the signal). Set to "self", the
// process is not ended after stopGrace: what is measured is how soon the command's own
// loops notice the signal. For tests and for measuring; no effect on the work done.
const debugStop = "GYQC_DEBUG_STOP"

// signalled is when the first SIGINT or SIGTERM arrived (Unix nanoseconds; 0: none).
var signalled atomic.Int64

// stopOnSignal returns a context cancelled by the first SIGINT or SIGTERM, after which the
// next signal ends the process the usual way, and the function to call when the command
// is done. A command that has not returned stopGrace after the signal is not waited for
// (unless patient, or debugStop is "self").
func stopOnSignal() (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		if _, ok := <-sigs; !ok {
			return
		}
		signalled.Store(time.Now().UnixNano())
		signal.Stop(sigs)
		cancel()
		if os.Getenv(debugStop) == "self" {
			return
		}
		time.Sleep(stopGrace)
		if patient.Load() {
			return
		}
		// A step that does not look at the context (loading fonts, one large query) is not
		// waited for: the outputs are written atomically and the database commits whole,
		// so ending here leaves the old output or none; the half-written temporary files
		// are removed now rather than by the next run.
		atomicfile.Shutdown()
		fmt.Fprintln(os.Stderr, "已中断。")
		reportStop("forced")
		os.Exit(exitInterrupted)
	}()
	return ctx, func() {
		signal.Stop(sigs)
		cancel()
	}
}

// reportStop writes, when debugStop is set and a signal came, how long the process took
// from the signal to now, and how it ended.
func reportStop(how string) {
	at := signalled.Load()
	if at == 0 || os.Getenv(debugStop) == "" {
		return
	}
	took := time.Since(time.Unix(0, at))
	fmt.Fprintf(os.Stderr, "gyqc-stop: %.1fms %s\n", float64(took.Microseconds())/1000, how)
}

// debugCommit is the environment variable that makes collect write "gyqc-commit" to stderr
// in each chunk's write transaction just before it commits and then wait the duration it
// holds ("0s", "200ms"): the moment the kill tests kill it.
const debugCommit = "GYQC_DEBUG_COMMIT"

// commitPause is collect.Options.BeforeCommit as debugCommit asks (nil: unset or not a
// duration).
func commitPause() func() {
	d, err := time.ParseDuration(os.Getenv(debugCommit))
	if err != nil {
		return nil
	}
	return func() {
		fmt.Fprintln(os.Stderr, "gyqc-commit")
		time.Sleep(d)
	}
}
