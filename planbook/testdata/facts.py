"""Print what openpyxl sees of an exported plan workbook, as JSON: per sheet its protection,
the used range in normal and read-only mode, which header cells of row 2 are locked, and the
data validations (type, formula, ranges)."""
import json
import sys

import openpyxl

path = sys.argv[1]
wb = openpyxl.load_workbook(path)
ro = openpyxl.load_workbook(path, read_only=True)
out = {"sheets": wb.sheetnames, "sheet": {}}
for ws in wb.worksheets:
    header = [c.value for c in ws[1]]
    locked = {}
    for i, h in enumerate(header):
        if h is not None:
            locked[str(h)] = ws.cell(2, i + 1).protection.locked
    out["sheet"][ws.title] = {
        "protected": bool(ws.protection.sheet),
        "max_row": ws.max_row,
        "ro_rows": sum(1 for _ in ro[ws.title].iter_rows()),
        "header": [str(h) if h is not None else "" for h in header],
        "locked_row2": locked,
        "validations": [{"type": dv.type, "formula": dv.formula1, "sqref": str(dv.sqref)} for dv in ws.data_validations.dataValidation],
    }
print(json.dumps(out, ensure_ascii=False))
