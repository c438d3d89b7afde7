// Package planfile reads and checks the plan file and the units file (YAML) into the
// domain's Plan, with every problem located by file and line, and embeds the Qianjiang
// plan's own files (data/plan.yaml, data/units.yaml) as the default.
package planfile
