package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/qianjiang/gyqc"
	"github.com/qianjiang/gyqc/internal/jsonlist"
)

// unitsOptions are the options of `gyqc units`.
type unitsOptions struct {
	JSON bool
}

func unitsCommand() *cli.Command {
	return &cli.Command{
		Name:  "units",
		Usage: "列出承担任务的单位，及各单位牵头和配合的任务",
		Flags: []cli.Flag{jsonFlag()},
		Action: showPlanAction("units", "例如 gyqc units --json", func(ctx context.Context, plan *gyqc.Plan, asJSON bool, w io.Writer) error {
			return runUnits(ctx, plan, unitsOptions{JSON: asJSON}, w)
		}),
	}
}

// unitTasksView is one responsible unit with its tasks, for `gyqc units --json`.
type unitTasksView struct {
	unitView
	Lead       []gyqc.Assignment `json:"lead"`
	Support    []gyqc.Assignment `json:"support"`
	Indicators []string          `json:"indicators"`
	// Accountable lists the indicators the unit answers for and bears the deductions of,
	// whoever reports them.
	Accountable []string `json:"accountable"`
	Missing     []string `json:"missing"` // what the office has still to fill in: contact, phone, email
}

// runUnits lists the responsible units and their tasks.
func runUnits(_ context.Context, plan *gyqc.Plan, opts unitsOptions, w io.Writer) error {
	var views []unitTasksView
	for _, u := range plan.ResponsibleUnits() {
		v := unitTasksView{unitView: newUnitView(plan, *u), Lead: []gyqc.Assignment{}, Support: []gyqc.Assignment{}, Indicators: []string{},
			Missing: missingOf(u)}
		for _, a := range plan.Assignments(u.Code) {
			if a.Role == gyqc.RoleLead {
				v.Lead = append(v.Lead, a)
			} else {
				v.Support = append(v.Support, a)
			}
		}
		for _, ind := range plan.ReportedIndicators(u.Code) {
			v.Indicators = append(v.Indicators, ind.Key)
		}
		v.Accountable = accountableFor(plan, u.Code)
		views = append(views, v)
	}
	if opts.JSON {
		return jsonlist.Encode(w, struct {
			Units []unitTasksView `json:"units"`
		}{views})
	}
	list := func(as []gyqc.Assignment) string {
		if len(as) == 0 {
			return "无"
		}
		parts := make([]string, len(as))
		for i, a := range as {
			parts[i] = fmt.Sprint(a.Task)
			if a.Via != "" {
				parts[i] += "（" + a.Via + "）"
			}
		}
		return strings.Join(parts, "、")
	}
	for _, v := range views {
		var marks []string
		if v.Example {
			marks = append(marks, "示例单位")
		}
		if len(v.Missing) > 0 {
			marks = append(marks, "缺"+strings.Join(missingLabels(v.Missing), "、"))
		}
		mark := ""
		if len(marks) > 0 {
			mark = "（" + strings.Join(marks, "；") + "）"
		}
		fmt.Fprintf(w, "%-6s %s%s\n", v.Code, v.Name, mark)
		fmt.Fprintf(w, "       牵头任务：%s\n       配合任务：%s\n", list(v.Lead), list(v.Support))
		if len(v.Indicators) > 0 {
			fmt.Fprintf(w, "       报送指标：%d 个\n", len(v.Indicators))
		}
		if len(v.Accountable) > 0 {
			fmt.Fprintf(w, "       负责指标（承担扣分）：%d 个，%s\n", len(v.Accountable), indicatorNames(plan, v.Accountable))
		}
	}
	fmt.Fprintf(w, "\n共 %d 个承担任务的单位。\n", len(views))
	var gaps []gyqc.Gap
	for _, g := range plan.Gaps() {
		if g.Kind != "no-baseline" && g.Kind != "no-yearly-targets" {
			gaps = append(gaps, g)
		}
	}
	printGaps(w, gaps)
	return nil
}

// accountableFor lists the keys of the indicators unit code answers for.
func accountableFor(plan *gyqc.Plan, code string) []string {
	out := []string{}
	for _, ind := range plan.Indicators {
		if slices.Contains(ind.Accountable, code) {
			out = append(out, ind.Key)
		}
	}
	return out
}

// indicatorNames names indicators by key, joined with 、.
func indicatorNames(plan *gyqc.Plan, keys []string) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k
		if ind := plan.Indicator(k); ind != nil {
			names[i] = ind.Name
		}
	}
	return strings.Join(names, "、")
}

// missingOf lists what a unit's entry still lacks: contact, phone, email.
func missingOf(u *gyqc.Unit) []string {
	out := []string{}
	for _, f := range []struct{ key, value string }{{"contact", u.Contact}, {"phone", u.Phone}, {"email", u.Email}} {
		if strings.TrimSpace(f.value) == "" {
			out = append(out, f.key)
		}
	}
	return out
}

// missingLabels names missing fields in Chinese.
func missingLabels(keys []string) []string {
	labels := map[string]string{"contact": "联系人", "phone": "电话", "email": "邮箱"}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = labels[k]
	}
	return out
}
