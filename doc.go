// Package gyqc is the domain of the monthly reporting cycle of the Qianjiang District
// "工业强城" implementation plan: the plan with its projects, tasks and indicators, the
// responsible units and their groups, reporting periods and deadlines, and the submissions
// units return. It has no dependencies on files, spreadsheets or databases; the packages
// below it (planfile, templates, intake, review, collect, consolidate, render, store) adapt it
// to those.
package gyqc
