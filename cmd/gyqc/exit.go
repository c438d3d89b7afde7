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
	exitInterrupted = 130
)

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// refusedError reports that some collected files were refused; the details were printed.
type refusedError struct{ n int }

func (e *refusedError) Error() string { return fmt.Sprintf("有 %d 个文件被退回", e.n) }

// run builds the application, runs it and maps its error to an exit code and a message.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, args)
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
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "已中断。")
		return exitInterrupted
	}
	fmt.Fprintln(stderr, "错误："+gyqc.ErrorMessage(err))
	switch gyqc.ErrorCode(err) {
	case gyqc.EInvalid, gyqc.ENotFound:
		return exitInvalid
	case gyqc.EBusy:
		return exitBusy
	}
	return exitInternal
}
