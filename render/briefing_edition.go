package render

// editionNote names, in a small note at the end of the body, the version of the plan and
// of the unit registry the period was evaluated under, so that a reader can tell which
// membership and rules judged it.
func (b *brief) editionNote() {
	b.d.Note("注：本期评价依据的方案和单位名册版本：" + b.plan.Edition.Label() + "。")
	b.d.KeepWithPrevious()
}
