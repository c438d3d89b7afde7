package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/qianjiang/gyqc"
)

// Exit codes; documented in the package comment and README.md.
const (
	exitOK          = 0
	exitInternal    = 1
	exitUsage       = 2
	exitInvalid     = 3
	exitRefused     = 4
	exitBusy        = 5
	exitEnv         = 6
	exitInterrupted = 130
)

// interruptible runs fn in its own goroutine and returns its error, or ctx's error as soon
// as ctx is done: a long rendering or writing then stops the command at once, while fn stops
// at its own next check of ctx (its output is written atomically, so the old file stays).
func interruptible(ctx context.Context, fn func() error) error {
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// refusedError reports that some collected files were refused; the details were printed.
type refusedError struct{ n int }

func (e *refusedError) Error() string { return fmt.Sprintf("有 %d 个文件被退回", e.n) }

// run builds the application, runs it and maps its error to an exit code and a message.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, globalsFirst(app, args))
	if name, ok := app.Metadata[unknownCommand].(string); ok && err == nil {
		err = &usageError{msg: fmt.Sprintf("没有“%s”这个命令", name)}
	}
	if err == nil {
		return exitOK
	}
	var ue *usageError
	var re *refusedError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "用法错误：%s\n请运行 gyqc --help 查看用法。\n", ue.msg)
		return exitUsage
	case errors.As(err, &re):
		fmt.Fprintln(stderr, re.Error())
		return exitRefused
	case errors.Is(err, context.Canceled), ctx.Err() != nil:
		// Whatever the error says once the run was interrupted, it is the interrupt.
		fmt.Fprintln(stderr, "已中断。")
		return exitInterrupted
	case gyqc.ErrorCode(err) == gyqc.EInternal && gyqc.EnvCause(err) != "":
		// A fault of the machine that reached here without a message of its own.
		fmt.Fprintf(stderr, "错误：运行环境故障：%s（系统信息：%s）\n", gyqc.EnvCause(err), gyqc.SystemWords(err))
		return exitEnv
	}
	fmt.Fprintln(stderr, "错误："+gyqc.ErrorMessage(err))
	switch gyqc.ErrorCode(err) {
	case gyqc.EInvalid, gyqc.ENotFound:
		return exitInvalid
	case gyqc.EBusy:
		return exitBusy
	case gyqc.EEnv:
		return exitEnv
	}
	return exitInternal
}
