package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/portal"
	"github.com/qianjiang/gyqc/render"
)

// defaultAddr is where `gyqc serve` listens unless told otherwise: this machine only.
const defaultAddr = "127.0.0.1:8080"

// serveOptions are the options of `gyqc serve`.
type serveOptions struct {
	Workspace string
	Addr      string
	BaseURL   string // empty: http(s)://Addr
	TLSCert   string
	TLSKey    string
	Period    gyqc.Period // the period the office pages open on; zero: the one being reported
	Password  string      // office password besides the office token
	Fonts     []string
	Stderr    io.Writer
	Explicit  bool // --plan/--units given: they judge every period, not the workspace's versions
	// Ready, when not nil, receives the address listened on once the portal accepts
	// connections (tests listen on port 0).
	Ready chan<- string
}

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:      "serve",
		Usage:     "运行报送平台：各单位通过专用链接下载模板、上传报表并当场看到检查结果，办公室查看报送情况",
		UsageText: "gyqc serve [--addr 127.0.0.1:8080] [--base-url http://10.1.2.3:8080] [--tls-cert 证书 --tls-key 私钥]",
		Description: "在本机启动网页版报送平台，使用同一个工作区：单位上传的文件与 gyqc collect 收取的完全一样检查和入库。" +
			"默认只允许本机访问；在单位内网使用时用 --addr 0.0.0.0:8080 并用 --base-url 写明各单位访问的地址。" +
			"各单位的链接用 gyqc links 查看，办公室登录口令用 gyqc links --office 查看。运行期间可以同时使用其他 gyqc 命令。",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: defaultAddr, Usage: "监听地址；默认只允许本机访问，内网使用时例如 0.0.0.0:8080"},
			&cli.StringFlag{Name: "base-url", Usage: "各单位访问平台的地址，写进链接，例如 http://10.1.2.3:8080；默认按监听地址"},
			&cli.StringFlag{Name: "tls-cert", Usage: "HTTPS 证书文件（PEM）"},
			&cli.StringFlag{Name: "tls-key", Usage: "HTTPS 私钥文件（PEM）"},
			&cli.StringFlag{Name: "period", Aliases: []string{"p"}, Usage: "办公室页面默认显示的报送期；默认为正在报送的月份"},
			&cli.StringFlag{Name: "office-password", EnvVars: []string{"GYQC_OFFICE_PASSWORD"},
				Usage: "办公室页面的登录密码（建议用环境变量 GYQC_OFFICE_PASSWORD 设置）；不设则只能用 gyqc links --office 给出的口令"},
			&cli.StringSliceFlag{Name: "font", Usage: "生成简报用的中文字体文件，同 gyqc brief --font"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return argsError("serve 不接受参数“%s”；请用选项，例如 gyqc serve --addr 127.0.0.1:8080", c.Args().First())
			}
			patient.Store(true) // the server finishes the uploads under way when told to stop
			g := globalsFrom(c)
			lp, err := g.openPlan(c.Context, useActive, gyqc.Period{})
			if err != nil {
				return err
			}
			plan := lp.Plan
			opts := serveOptions{Workspace: g.Workspace, Addr: c.String("addr"), BaseURL: c.String("base-url"),
				TLSCert: c.String("tls-cert"), TLSKey: c.String("tls-key"), Password: c.String("office-password"),
				Fonts: c.StringSlice("font"), Stderr: g.Stderr, Explicit: lp.Explicit}
			if (opts.TLSCert == "") != (opts.TLSKey == "") {
				return argsError("--tls-cert 和 --tls-key 需要同时给出")
			}
			if err := checkBaseURL(opts.BaseURL); err != nil {
				return err
			}
			if s := c.String("period"); s != "" {
				if opts.Period, err = parsePeriodFlag(plan, s); err != nil {
					return err
				}
			}
			return runServe(c.Context, plan, opts, c.App.Writer)
		},
	}
}

// runServe runs the portal until ctx ends (SIGINT or SIGTERM), then stops taking new
// requests, lets the requests in progress finish, collects every upload received and
// returns.
func runServe(ctx context.Context, plan *gyqc.Plan, opts serveOptions, w io.Writer) error {
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return gyqc.Errorf(gyqc.EInvalid, "无法在 %s 上监听（端口被占用，或地址不属于本机）：%v；可用 --addr 换一个端口，例如 --addr 127.0.0.1:8081", opts.Addr, err)
	}
	defer ln.Close()
	scheme := "http"
	var tlsConf *tls.Config
	if opts.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(opts.TLSCert, opts.TLSKey)
		if err != nil {
			return gyqc.Errorf(gyqc.EInvalid, "无法读取 HTTPS 证书 %s 或私钥 %s：%v", opts.TLSCert, opts.TLSKey, err)
		}
		scheme, tlsConf = "https", &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	addr := ln.Addr().(*net.TCPAddr)
	base := opts.BaseURL
	if base == "" {
		host := addr.IP.String()
		if addr.IP.IsUnspecified() {
			host = "127.0.0.1"
		}
		base = scheme + "://" + net.JoinHostPort(host, fmt.Sprint(addr.Port))
	}
	srv, err := portal.New(ctx, portal.Config{Workspace: opts.Workspace, Plan: plan, Explicit: opts.Explicit, BaseURL: base, Period: opts.Period,
		OfficePassword: opts.Password, TLS: tlsConf != nil, Log: w, Fonts: render.FontOptions{Files: opts.Fonts}})
	if err != nil {
		return err
	}
	hs := srv.HTTPServer()
	hs.TLSConfig, hs.ErrorLog = tlsConf, log.New(opts.Stderr, "", log.LstdFlags)

	fmt.Fprintf(w, "报送平台已启动：%s/\n", strings.TrimRight(base, "/"))
	fmt.Fprintf(w, "办公室页面：%s（登录口令用 gyqc links --office 查看）\n", portal.OfficeURL(base))
	fmt.Fprintf(w, "各单位的报送链接用 gyqc links --period %s 查看。按 Ctrl+C 停止。\n", defaultPeriodLabel(plan, opts))
	if !addr.IP.IsLoopback() {
		fmt.Fprintf(opts.Stderr, "注意：平台在 %s 上监听，同一网络中的电脑都能访问；请只在单位内网使用。\n", addr)
		if opts.BaseURL == "" {
			fmt.Fprintln(opts.Stderr, "提示：请用 --base-url 写明各单位访问的地址（例如 http://10.1.2.3:8080），否则链接中是本机地址。")
		}
	}
	if opts.Ready != nil {
		opts.Ready <- addr.String()
	}

	errc := make(chan error, 1)
	go func() {
		if tlsConf != nil {
			errc <- hs.ServeTLS(ln, "", "")
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		srv.Close()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintln(w, "正在停止：等待进行中的上传完成……")
	stop, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	err = hs.Shutdown(stop)
	srv.Close()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shut down: %w", err)
	}
	fmt.Fprintln(w, "报送平台已停止。")
	return nil
}

// defaultPeriodLabel is the period the start message names.
func defaultPeriodLabel(plan *gyqc.Plan, opts serveOptions) string {
	if !opts.Period.IsZero() {
		return opts.Period.String()
	}
	return portal.CurrentPeriod(plan, time.Now()).String()
}
