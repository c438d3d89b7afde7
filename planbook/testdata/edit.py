"""Edit an exported plan workbook as a clerk would, with openpyxl.

usage: edit.py IN.xlsx OUT.xlsx CASE

CASE "good" fills in what the office is asked to: a baseline, a unit's contact, a new town
and the real members of a group. The other cases are broken edits, one mistake each.
"""
import sys

import openpyxl


def header_col(ws, header, row=1):
    for cell in ws[row]:
        if cell.value is not None and str(cell.value).strip() == header:
            return cell.column
    raise SystemExit("no column %r on sheet %s" % (header, ws.title))


def find_row(ws, col, value):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col).value == value:
            return r
    raise SystemExit("no %r in column %d of %s" % (value, col, ws.title))


def set_by(ws, key_header, key, header, value):
    r = find_row(ws, header_col(ws, key_header), key)
    ws.cell(r, header_col(ws, header)).value = value
    return r


def kv_row(ws, label):
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == label:
            return r
    raise SystemExit("no row %r on %s" % (label, ws.title))


def first_empty_row(ws, col):
    r = 2
    while ws.cell(r, col).value not in (None, ""):
        r += 1
    return r


def good(wb):
    ws = wb["指标"]
    set_by(ws, "指标代码", "scale-enterprises", "基期值", 45)
    set_by(ws, "指标代码", "scale-enterprises", "基期说明", "2021年末规模以上工业企业数")
    set_by(ws, "指标代码", "scale-enterprises", "2023年目标", 70)
    set_by(ws, "指标代码", "scale-enterprises", "2024年目标", 85)
    ws = wb["单位"]
    set_by(ws, "代码", "jxw", "联系人", "王五")
    set_by(ws, "代码", "jxw", "电话", "023-79223456")
    set_by(ws, "代码", "jxw", "邮箱", "jxw@qianjiang.gov.cn")
    r = first_empty_row(ws, header_col(ws, "单位名称"))
    ws.cell(r, header_col(ws, "单位名称")).value = "新华乡"  # no code: gyqc assigns one
    ws = wb["单位组"]
    set_by(ws, "单位组", "各乡镇街道", "成员", "城东街道、城南街道、新华乡")
    set_by(ws, "单位组", "各乡镇街道", "成员为示例", "否")


def unknown_unit(wb):
    ws = wb["工程与任务"]
    r = find_row(ws, header_col(ws, "名称"), "转型升级传统产业")
    ws.cell(r, header_col(ws, "配合单位")).value = "区科学技术局"


def duplicate_code(wb):
    ws = wb["单位"]
    set_by(ws, "代码", "swj", "代码", "czj")


def text_target(wb):
    set_by(wb["指标"], "指标代码", "scale-enterprises", "目标值", "约100家")


def group_cycle(wb):
    ws = wb["单位组"]
    set_by(ws, "单位组", "各产业链配合部门", "成员", "区市场监管局、区级相关部门")
    set_by(ws, "单位组", "区级相关部门", "成员", "区发展改革委、各产业链配合部门")


def deleted_column(wb):
    ws = wb["指标"]
    ws.delete_cols(header_col(ws, "比较方式"))


def typed_kind(wb):
    set_by(wb["指标"], "指标代码", "output-value", "类型", "存量")


def duplicate_key(wb):
    set_by(wb["指标"], "指标代码", "output-tobacco", "指标代码", "output-value")


def unknown_task(wb):
    set_by(wb["指标"], "指标代码", "smart-factory", "所属任务", 99)


def bad_email(wb):
    set_by(wb["单位"], "代码", "czj", "邮箱", "czj@")


def bad_period(wb):
    ws = wb["报送与简报"]
    ws.cell(kv_row(ws, "最后报送期"), 2).value = "2025-13"


def deleted_sheet(wb):
    del wb["单位组"]


def unknown_member(wb):
    set_by(wb["单位组"], "单位组", "各乡镇街道", "成员", "城东街道、城北街道")


def group_reports(wb):
    set_by(wb["指标"], "指标代码", "output-value", "报送单位", "各乡镇街道")


def text_yearly_target(wb):
    set_by(wb["指标"], "指标代码", "scale-enterprises", "2024年目标", "八十五")


def text_due_day(wb):
    ws = wb["报送与简报"]
    ws.cell(kv_row(ws, "截止日（次月几日前）"), 2).value = "一日"


def old_export(wb):
    # A workbook exported before the 曾用代码 and 备注 columns were added.
    ws = wb["单位"]
    for header in ("备注", "曾用代码"):
        ws.delete_cols(header_col(ws, header))


def former_in_use(wb):
    set_by(wb["单位"], "代码", "cdjd", "曾用代码", "czj")


CASES = {f.__name__: f for f in [good, unknown_unit, duplicate_code, text_target, group_cycle, deleted_column,
                                 typed_kind, duplicate_key, unknown_task, bad_email, bad_period, deleted_sheet,
                                 unknown_member, group_reports, text_yearly_target, text_due_day, former_in_use,
                                 old_export]}

if __name__ == "__main__":
    src, dst, case = sys.argv[1:4]
    wb = openpyxl.load_workbook(src)
    CASES[case](wb)
    wb.save(dst)
