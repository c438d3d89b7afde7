# Reads a consolidated workbook as openpyxl and pandas users do and prints what they see as
# JSON: every sheet's rows in normal and in read-only mode (times as Excel serial numbers),
# the cells holding formulas, each sheet's print and view set-up, and the tables pandas
# read_excel makes of the sheets named on the command line.
#
# usage: summary_read.py WORKBOOK SHEET...
import datetime
import json
import sys

import openpyxl
import pandas as pd
from openpyxl.utils.datetime import to_excel


def cell(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, datetime.datetime):
        return float(to_excel(v))
    return str(v)


def rows(ws):
    out = [[cell(v) for v in r] for r in ws.iter_rows(values_only=True)]
    # Trailing empty cells and rows are not content.
    for r in out:
        while r and r[-1] is None:
            r.pop()
    while out and not out[-1]:
        out.pop()
    return out


path, sheets = sys.argv[1], sys.argv[2:]
result = {"normal": {}, "read_only": {}, "formulas": [], "setup": {}, "pandas": {}}

wb = openpyxl.load_workbook(path)
for ws in wb.worksheets:
    result["normal"][ws.title] = rows(ws)
    for r in ws.iter_rows():
        for c in r:
            if c.data_type == "f":
                result["formulas"].append(ws.title + "!" + c.coordinate)
    ps = ws.page_setup
    result["setup"][ws.title] = {
        "freeze": ws.freeze_panes or "",
        "filter": ws.auto_filter.ref or "",
        "print_titles": ws.print_title_rows or "",
        "orientation": ps.orientation or "",
        "paper": str(ps.paperSize or ""),
        "fit_width": str(ps.fitToWidth),
        "fit_height": str(ps.fitToHeight),
        "fit_to_page": str(ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None),
        "footer": ws.oddFooter.center.text or "",
        "dimension": ws.dimensions,
    }

ro = openpyxl.load_workbook(path, read_only=True)
for ws in ro.worksheets:
    result["read_only"][ws.title] = rows(ws)
ro.close()

for name in sheets:
    df = pd.read_excel(path, sheet_name=name, dtype=object)
    result["pandas"][name] = {
        "columns": [str(c) for c in df.columns],
        "rows": len(df),
        "empty_first_column": int(df.iloc[:, 0].isna().sum()),
    }

json.dump(result, sys.stdout, ensure_ascii=False)
