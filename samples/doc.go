// Package samples makes realistic monthly returns of the plan's responsible units: what forty
// real offices would write into their templates (statuses, progress texts built from each
// task's own requirements and figures, problems, next month's plans, indicator values on
// plausible trajectories, who filled the form and when it arrived), and the mess real months
// bring (late, missing, wrong and resubmitted files, copied text, misleading file names,
// workbooks re-saved by LibreOffice).
//
// Everything is deterministic: the same plan, seed, period and scenario give the same returns,
// byte for byte. A Manifest says which unit got which mess, so that end-to-end tests can check
// that collection, consolidation and the briefing report exactly those units.
//
// The story (Generator, Return, Scenario, Manifest) is pure Go and needs no files; Fill and
// WriteReturns put it into the workbooks the templates package issued. ScalePlan builds a plan
// with any number of synthetic towns for benchmarks.
package samples
