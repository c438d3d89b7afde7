"""Print the 自查结果 of each workbook as LibreOffice computed it: the cached values of the
formula cells of the 填报说明 sheet, by row key (check:...), as JSON.

Usage: checks.py FILE...
"""
import json
import sys

import openpyxl

out = {}
for path in sys.argv[1:]:
    ws = openpyxl.load_workbook(path, data_only=True)["填报说明"]
    found = {}
    for row in ws.iter_rows():
        key = row[2].value if len(row) > 2 else None
        if isinstance(key, str) and key.startswith("check:"):
            found[key] = row[1].value
    out[path] = found
json.dump(out, sys.stdout, ensure_ascii=False)
