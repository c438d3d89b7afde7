"""Fill many issued gyqc templates with openpyxl, as units using a Python tool would, in
parallel. The benchmark of collect uses it to have returns written by openpyxl.

usage: fill_batch.py JOBS.json
JOBS: [{"template": ..., "out": ..., "spec": SPEC}, ...] with SPEC as for fill.py.
"""
import json, sys
from multiprocessing import Pool
import openpyxl


def rows_by_key(ws, key_col):
    out = {}
    for row in ws.iter_rows(min_row=1):
        for c in row:
            if c.column == key_col and isinstance(c.value, str) and ":" in c.value:
                out[c.value] = c.row
    return out


def text(cell, v):
    cell.value = v
    if isinstance(v, str) and v[:1] in "=+-@":
        cell.data_type = "s"  # text, not a formula


def fill(job):
    spec = job["spec"]
    wb = openpyxl.load_workbook(job["template"])
    ws = wb["任务进展"]
    cols = {c.value: c.column for c in ws[3] if c.value}
    keys = rows_by_key(ws, cols["行键（勿改）"])
    for no, t in spec.get("tasks", {}).items():
        r = keys["task:" + no]
        for field, header in (("status", "进展状态"), ("progress", "本月工作进展"),
                              ("issues", "存在问题及需协调事项"), ("next", "下月工作计划")):
            if field in t:
                text(ws.cell(r, cols[header]), t[field])
    ws = wb["指标填报"]
    cols = {c.value: c.column for c in ws[3] if c.value}
    keys = rows_by_key(ws, cols["行键（勿改）"])
    for k, v in spec.get("values", {}).items():
        ws.cell(keys["indicator:" + k], cols["本期值"]).value = v
    for k, v in spec.get("notes", {}).items():
        text(ws.cell(keys["indicator:" + k], cols["情况说明"]), v)
    ws = wb["填报说明"]
    keys = rows_by_key(ws, 3)
    for k, v in spec.get("filler", {}).items():
        if "filler:" + k in keys:
            ws.cell(keys["filler:" + k], 2).value = v
    wb.save(job["out"])


if __name__ == "__main__":
    jobs = json.load(open(sys.argv[1], encoding="utf-8"))
    with Pool() as pool:
        pool.map(fill, jobs, chunksize=16)
