"""Report what openpyxl sees in gyqc templates, as JSON on stdout.

Usage: facts.py FILE...

For every file: the sheets and their states, and per sheet what openpyxl reports in normal
mode (dimensions, protection, unlocked cells, hidden columns, data validations, page set-up,
frozen panes) and in read_only mode (how many rows it yields, and the row keys it sees).
"""
import json
import sys

import openpyxl

KEY_PREFIXES = ("task:", "indicator:", "filler:", "gyqc.")


def keys_of(rows):
    found = []
    for row in rows:
        for v in row:
            if isinstance(v, str) and v.startswith(KEY_PREFIXES):
                found.append(v)
    return found


def facts(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "states": [ws.sheet_state for ws in wb], "sheet": {}}
    for ws in wb:
        pr = ws.sheet_properties.pageSetUpPr
        out["sheet"][ws.title] = {
            "max_row": ws.max_row,
            "max_col": ws.max_column,
            "protected": bool(ws.protection.sheet),
            "format_rows_allowed": not ws.protection.formatRows,
            "insert_rows_allowed": not ws.protection.insertRows,
            "unlocked": sorted(c.coordinate for row in ws.iter_rows() for c in row
                               if c.protection is not None and not c.protection.locked),
            "hidden_cols": sorted(k for k, d in ws.column_dimensions.items() if d.hidden),
            "validations": [{"type": dv.type, "sqref": str(dv.sqref), "f1": dv.formula1, "f2": dv.formula2,
                             "op": dv.operator, "prompt": dv.prompt, "error_style": dv.errorStyle,
                             "show_dropdown_hidden": bool(dv.showDropDown)}
                            for dv in ws.data_validations.dataValidation],
            "freeze": ws.freeze_panes,
            "print_title_rows": ws.print_title_rows,
            "orientation": ws.page_setup.orientation,
            "paper": ws.page_setup.paperSize,
            "fit_width": ws.page_setup.fitToWidth,
            "fit_to_page": bool(pr.fitToPage) if pr is not None else False,
            "keys": keys_of(ws.iter_rows(values_only=True)),
        }
    wb.close()
    ro = openpyxl.load_workbook(path, read_only=True)
    for ws in ro:
        rows = list(ws.iter_rows(values_only=True))
        s = out["sheet"][ws.title]
        s["ro_rows"] = len(rows)
        s["ro_keys"] = keys_of(rows)
    ro.close()
    return out


if __name__ == "__main__":
    json.dump({p: facts(p) for p in sys.argv[1:]}, sys.stdout, ensure_ascii=False)
