"""Fill an issued gyqc template as a unit would, with openpyxl.

usage: fill.py TEMPLATE OUT SPEC.json
SPEC: {"tasks": {"3": {"status": ..., "progress": ..., "issues": ..., "next": ...}},
       "values": {"cloud-enterprises": 56 or "text"}, "formats": {"key": "0.0%"}, "notes": {"key": "..."},
       "filler": {"name": ..., "phone": ..., "reviewer": ..., "date": ...}}
Rows are found by their hidden key (task:N, indicator:KEY, filler:FIELD) in the last column.
"""
import json, sys
import openpyxl

src, dst, spec_path = sys.argv[1:4]
spec = json.load(open(spec_path, encoding="utf-8"))
wb = openpyxl.load_workbook(src)

def columns(ws, header_row):
    return {c.value: c.column for c in ws[header_row] if c.value}

def rows_by_key(ws, key_col):
    out = {}
    for row in ws.iter_rows(min_row=1):
        for c in row:
            if c.column == key_col and isinstance(c.value, str) and ":" in c.value:
                out[c.value] = c.row
    return out

ws = wb["任务进展"]
cols = columns(ws, 3)
keys = rows_by_key(ws, cols["行键（勿改）"])
for no, t in spec.get("tasks", {}).items():
    r = keys["task:" + no]
    for field, header in (("status", "进展状态"), ("progress", "本月工作进展"), ("issues", "存在问题及需协调事项"), ("next", "下月工作计划")):
        if field in t:
            c = ws.cell(r, cols[header])
            c.value = t[field]
            if isinstance(t[field], str) and t[field][:1] in "=+-@":
                c.data_type = "s"  # text, not a formula

ws = wb["指标填报"]
cols = columns(ws, 3)
keys = rows_by_key(ws, cols["行键（勿改）"])
for k, v in spec.get("values", {}).items():
    ws.cell(keys["indicator:" + k], cols["本期值"]).value = v
for k, fmt in spec.get("formats", {}).items():
    ws.cell(keys["indicator:" + k], cols["本期值"]).number_format = fmt
for k, v in spec.get("notes", {}).items():
    c = ws.cell(keys["indicator:" + k], cols["情况说明"])
    c.value = v
    if isinstance(v, str) and v[:1] in "=+-@":
        c.data_type = "s"  # text, not a formula

ws = wb["填报说明"]
key_col = 3  # 行键（勿改）: the hidden third column of 填报说明
keys = rows_by_key(ws, key_col)
for k, v in spec.get("filler", {}).items():
    if "filler:" + k in keys:
        ws.cell(keys["filler:" + k], 2).value = v
wb.save(dst)
