"""Fill a gyqc template as a unit would, with openpyxl, and save it under a new name.

Usage: fill.py IN OUT SPEC.json

SPEC maps sheet names to cells and values: {"任务进展": {"G4": {"s": "正常推进"}, ...}}.
A value is {"s": text} (always stored as text, even "=1+1" or "+1"), {"n": number},
{"date": "YYYY-MM-DD"} or {"f": "=formula"} (a formula, saved without a cached value).
"""
import datetime
import json
import sys

import openpyxl


def main(src, dst, spec_path):
    with open(spec_path, encoding="utf-8") as fh:
        spec = json.load(fh)
    wb = openpyxl.load_workbook(src)
    for sheet, cells in spec.items():
        ws = wb[sheet]
        for ref, value in cells.items():
            cell = ws[ref]
            if "s" in value:
                cell.value = value["s"]
                cell.data_type = "s"  # text stays text: no formula from "=..."
            elif "n" in value:
                cell.value = value["n"]
            elif "f" in value:
                cell.value = value["f"]  # openpyxl stores a string starting with "=" as a formula
            elif "date" in value:
                cell.value = datetime.datetime.strptime(value["date"], "%Y-%m-%d")
    wb.save(dst)


if __name__ == "__main__":
    main(*sys.argv[1:4])
