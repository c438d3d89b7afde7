// Package review judges one returned workbook: Examine runs the whole path from a file's
// bytes to a checked return (the intake, the template reader under a panic guard, the
// two-level content checks of Check, and copies across units), and WriteFeedback and
// MarkWorkbook write what the unit gets back: the 退回意见单 and a copy of its file with every
// problem marked at its cell.
package review
