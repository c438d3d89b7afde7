// Package consolidate writes the consolidated workbook (汇总表) and its CSV files from the
// one evaluation of a period: 总览, 任务进展, 指标完成, 报送情况, 单位考核, 历史趋势 and 明细.
// Every figure in it can be traced to the 明细 sheet, text stays text, and the file is
// byte-identical for the same input.
package consolidate
