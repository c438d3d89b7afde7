// Command gyqc runs the monthly reporting cycle of the Qianjiang District "工业强城" plan:
// it issues Excel templates to the responsible units, collects and checks the returned
// workbooks, consolidates them and renders the briefing for the assessment office.
//
// Exit codes:
//
//	0  成功
//	1  内部错误
//	2  用法错误（命令、参数或选项有误）
//	3  输入有误（方案文件、报送期等不合规）
//	4  有文件被退回（collect）
//	5  工作区正被另一进程使用
//	6  运行环境故障（磁盘已满、没有写入权限、只读文件系统等）
//	130 被中断（Ctrl+C 或 SIGTERM；再按一次 Ctrl+C 立即结束）
package main

import (
	"os"
	"sync/atomic"
	"time"

	"github.com/qianjiang/gyqc/internal/atomicfile"
)

// version is the release, set by scripts/build.sh (-X main.version=…); "开发版" in a build
// from the source tree.
var version = "开发版"

// stopGrace is how long a command may take to stop by itself after SIGINT or SIGTERM
// (every loop checks its context) before the process ends anyway: within a second in all.
const stopGrace = 500 * time.Millisecond

// patient is set by a command that stops on its own terms after a signal (serve finishes
// the uploads under way): the process is not ended for it after stopGrace.
var patient atomic.Bool

func main() {
	ctx, stopped := stopOnSignal()
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stopped()
	// A command interrupted returns while a write it left may still run (interruptible):
	// its temporary file goes with the process.
	atomicfile.Shutdown()
	reportStop("itself")
	os.Exit(code)
}
