package main

import (
	"context"
	"fmt"
	"io"
	"os/user"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/jsonlist"
	"github.com/qianjiang/gyqc/portal"
	"github.com/qianjiang/gyqc/store"
)

// defaultBaseURL is the address links start with when neither --base-url nor an earlier
// `gyqc serve` says otherwise: serve's default address.
const defaultBaseURL = "http://" + defaultAddr

// linksOptions are the options of `gyqc links`.
type linksOptions struct {
	Workspace    string
	Period       gyqc.Period // zero with Office alone
	BaseURL      string      // empty: the address serve last ran at, else defaultBaseURL
	JSON         bool
	Rotate       []string // unit codes whose link is replaced first
	Office       bool     // print the office page and its 口令
	RotateOffice bool
}

func linksCommand() *cli.Command {
	return &cli.Command{
		Name:      "links",
		Usage:     "列出各单位某月的专用报送链接（gyqc serve 提供的报送平台），或更换泄露的链接",
		UsageText: "gyqc links --period 2025-06 [--base-url http://10.1.2.3:8080] [--json] [--rotate 单位代码]...\n   gyqc links --office [--rotate-office]",
		Description: "每个单位每月一个链接，由工作区中的密钥计算得出（不保存链接本身），每次运行输出相同的链接；" +
			"--rotate 使某单位的链接立即失效并生成新链接。--office 输出办公室页面的地址和登录口令。",
		Flags: []cli.Flag{
			periodFlag(),
			&cli.StringFlag{Name: "base-url", Usage: "各单位访问报送平台的地址，例如 http://10.1.2.3:8080；默认为 gyqc serve 最近一次使用的地址"},
			jsonFlag(),
			&cli.StringSliceFlag{Name: "rotate", Usage: "更换这些单位的链接（单位代码，可重复），原链接立即失效"},
			&cli.BoolFlag{Name: "office", Usage: "输出办公室页面的地址和登录口令"},
			&cli.BoolFlag{Name: "rotate-office", Usage: "更换办公室登录口令（已登录的浏览器需重新登录）"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return argsError("links 不接受参数“%s”；请用选项，例如 gyqc links --period 2025-06", c.Args().First())
			}
			g := globalsFrom(c)
			lp, err := g.openPlan(c.Context, useActive, gyqc.Period{})
			if err != nil {
				return err
			}
			plan := lp.Plan
			opts := linksOptions{Workspace: g.Workspace, BaseURL: c.String("base-url"), JSON: c.Bool("json"),
				Rotate: c.StringSlice("rotate"), Office: c.Bool("office"), RotateOffice: c.Bool("rotate-office")}
			if c.IsSet("period") || !(opts.Office || opts.RotateOffice) {
				if opts.Period, err = parsePeriodFlag(plan, c.String("period")); err != nil {
					return err
				}
				// The units of the period's own version get its links.
				if lp, err = g.openPlan(c.Context, usePeriod, opts.Period); err != nil {
					return err
				}
				plan = lp.Plan
			}
			if len(opts.Rotate) > 0 && opts.Period.IsZero() {
				return argsError("--rotate 需要同时用 --period 指定报送期，例如 gyqc links --period 2025-06 --rotate %s", opts.Rotate[0])
			}
			if opts.JSON && (opts.Office || opts.RotateOffice) && !opts.Period.IsZero() {
				return argsError("--json 时请分开查询：gyqc links --period 2025-06 --json 输出各单位链接，gyqc links --office --json 输出办公室口令")
			}
			if err := checkBaseURL(opts.BaseURL); err != nil {
				return err
			}
			return runLinks(c.Context, plan, opts, c.App.Writer)
		},
	}
}

// checkBaseURL checks a --base-url value: http or https, a host, nothing after the path.
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	if !(strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")) || strings.ContainsAny(s, "?# \t") ||
		len(strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")) == 0 {
		return argsError("--base-url 应为完整地址，例如 --base-url http://10.1.2.3:8080")
	}
	return nil
}

// runLinks prints the links of a period (after replacing those asked for), and the office
// page and 口令 when asked.
func runLinks(ctx context.Context, plan *gyqc.Plan, opts linksOptions, w io.Writer) error {
	st, err := store.Open(ctx, opts.Workspace, store.Update)
	if err != nil {
		return err
	}
	defer st.Close()
	base := opts.BaseURL
	if base == "" {
		if base, err = st.Setting(ctx, portal.SettingBaseURL); err != nil {
			return err
		}
	}
	if base == "" {
		base = defaultBaseURL
	}
	var rotated []string
	for _, code := range opts.Rotate {
		u := plan.Registry.Unit(strings.TrimSpace(code))
		if u == nil {
			u = plan.Registry.UnitByName(strings.TrimSpace(code))
		}
		if u == nil {
			return gyqc.Errorf(gyqc.EInvalid, "单位名册中没有单位“%s”，请用 gyqc units 查看单位代码", code)
		}
		if err := rotate(ctx, st, store.Rotation{Subject: u.Code, Period: opts.Period.String()}, u.Code, opts.Period.String()); err != nil {
			return err
		}
		rotated = append(rotated, u.Name)
	}
	if opts.RotateOffice {
		if err := rotate(ctx, st, store.Rotation{Subject: store.OfficeSubject}, "", ""); err != nil {
			return err
		}
	}
	key, err := st.Secret(ctx, portal.KeyPurpose)
	if err != nil {
		return err
	}
	rot, err := st.Rotations(ctx)
	if err != nil {
		return err
	}
	links := portal.NewLinks(plan, key, rot)
	if !opts.Period.IsZero() {
		if err := printLinks(w, links.Entries(base, opts.Period), opts, rotated); err != nil {
			return err
		}
	}
	if opts.Office || opts.RotateOffice {
		return printOffice(w, portal.OfficeURL(base), links.OfficeToken(), opts)
	}
	return nil
}

// rotate replaces a link and records it in the audit trail with the OS user as the actor.
func rotate(ctx context.Context, st *store.Store, r store.Rotation, unit, period string) error {
	n, err := st.Rotate(ctx, r)
	if err != nil {
		return err
	}
	actor := "命令行"
	if u, err := user.Current(); err == nil {
		actor = u.Username
	}
	detail := fmt.Sprintf("第%d次更换，原链接失效", n)
	if unit == "" {
		detail = fmt.Sprintf("更换办公室口令（第%d次）", n)
	}
	var p gyqc.Period
	if period != "" {
		p, _ = gyqc.ParsePeriod(period)
	}
	return st.Audit(ctx, &gyqc.AuditEntry{Time: time.Now(), Actor: actor, Action: gyqc.ActionLink, Period: p, Unit: unit, Detail: detail})
}

func printLinks(w io.Writer, entries []portal.LinkEntry, opts linksOptions, rotated []string) error {
	if opts.JSON {
		type link struct {
			Code string `json:"code"`
			Name string `json:"name"`
			URL  string `json:"url"`
		}
		out := make([]link, len(entries))
		for i, e := range entries {
			out[i] = link{e.Code, e.Name, e.URL}
		}
		return jsonlist.Encode(w, out)
	}
	for _, name := range rotated {
		fmt.Fprintf(w, "已更换%s的链接，原链接已失效；请把下面的新链接发给该单位。\n", name)
	}
	fmt.Fprintf(w, "%s报送链接（共 %d 个单位）：\n", opts.Period.Label(), len(entries))
	for _, e := range entries {
		fmt.Fprintf(w, "%-6s %s %s\n", e.Code, padName(e.Name, 12), e.URL)
	}
	fmt.Fprintf(w, "\n请把每个链接只发给对应单位的填报人。链接泄露时用 gyqc links --period %s --rotate 单位代码 更换。\n", opts.Period)
	return nil
}

func printOffice(w io.Writer, url, token string, opts linksOptions) error {
	if opts.JSON {
		return jsonlist.Encode(w, struct {
			URL      string `json:"url"`
			Password string `json:"password"`
		}{url, token})
	}
	if opts.RotateOffice {
		fmt.Fprintln(w, "已更换办公室登录口令，原口令和已登录的浏览器均已失效。")
	}
	fmt.Fprintf(w, "办公室页面：%s\n登录口令：%s\n（请妥善保管，不要发给各单位。）\n", url, token)
	return nil
}
