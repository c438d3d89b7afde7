"""Dump the input cells of filled gyqc workbooks as openpyxl reads them.

Usage: python3 inputs.py FILE...   (prints one JSON object per file, keyed by file name)

Rows are found by their hidden row key (the last column), columns by their header text, so
that the dump does not depend on the Go code's idea of the layout.
"""
import datetime
import json
import sys

import openpyxl


def by_header(ws, header_row):
    cols = {}
    for cell in ws[header_row]:
        if cell.value is not None:
            cols[str(cell.value).strip()] = cell.column
    return cols


def value(v):
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def dump(path):
    wb = openpyxl.load_workbook(path)
    out = {"tasks": {}, "values": {}, "filler": {}, "locked": {}, "app": None}
    ws = wb["任务进展"]
    cols = by_header(ws, 3)
    key = cols["行键（勿改）"]
    for row in ws.iter_rows(min_row=4):
        k = row[key - 1].value
        if not k:
            continue
        r = row[0].row
        out["tasks"][k] = {h: value(ws.cell(r, cols[h]).value) for h in ("进展状态", "本月工作进展", "存在问题及需协调事项", "下月工作计划")}
        out["tasks"][k]["cells"] = {h: ws.cell(r, cols[h]).coordinate for h in ("进展状态", "本月工作进展")}
        out["tasks"][k]["types"] = {"本月工作进展": ws.cell(r, cols["本月工作进展"]).data_type}
        out["locked"][k] = bool(ws.cell(r, cols["任务要求"]).protection.locked) and not ws.cell(r, cols["本月工作进展"]).protection.locked
    ws = wb["指标填报"]
    cols = by_header(ws, 3)
    key = cols["行键（勿改）"]
    for row in ws.iter_rows(min_row=4):
        k = row[key - 1].value
        if not k:
            continue
        r = row[0].row
        c = ws.cell(r, cols["本期值"])
        out["values"][k] = {"本期值": value(c.value), "type": c.data_type, "情况说明": ws.cell(r, cols["情况说明"]).value,
                            "cell": c.coordinate}
    ws = wb["填报说明"]
    for row in ws.iter_rows():
        k = row[2].value if len(row) > 2 else None
        if isinstance(k, str) and k.startswith("filler:"):
            out["filler"][k] = value(row[1].value)
    out["protected"] = all(wb[s].protection.sheet for s in ("填报说明", "任务进展", "指标填报"))
    out["last_modified_by"] = wb.properties.lastModifiedBy
    return out


print(json.dumps({p: dump(p) for p in sys.argv[1:]}, ensure_ascii=False))
