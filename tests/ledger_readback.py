#!/usr/bin/python3
"""Reads back an xlsx ledger with openpyxl and prints what a person would see
as one line of JSON (keys sorted), for tests/test_ledger.c to compare.

Usage: /usr/bin/python3 tests/ledger_readback.py FILE.xlsx
Exit status 0 on success; anything else (a traceback) means the file could not
be read, which the C test treats as a failure too.
"""
import datetime
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def plain(v):
    """Cell value as JSON: dates as ISO strings (a date without a time as YYYY-MM-DD)."""
    if isinstance(v, datetime.datetime):
        if v.time() == datetime.time(0):
            return v.date().isoformat()
        return v.isoformat()
    if isinstance(v, (datetime.date, datetime.time)):
        return v.isoformat()
    return v


def widths(ws):
    """Column letter -> width as set (the integer part: the library adds a
    fraction for the cell padding). A <col> element may cover several columns."""
    out = {}
    for dim in ws.column_dimensions.values():
        if dim.width is None or not dim.customWidth:
            continue
        for i in range(dim.min or 1, (dim.max or dim.min or 1) + 1):
            out[get_column_letter(i)] = int(dim.width)
    return out


def sheet(ws):
    ps = ws.page_setup
    rows = [[plain(c.value) for c in row] for row in ws.iter_rows()]
    header = [c for c in ws[1]] if ws.max_row >= 1 else []
    second = [c for c in ws[2]] if ws.max_row >= 2 else []
    fit = ws.sheet_properties.pageSetUpPr
    return {
        "cells": rows,
        "freeze_panes": ws.freeze_panes,
        "auto_filter": ws.auto_filter.ref,
        "widths": widths(ws),
        "orientation": ps.orientation,
        "paper_size": int(ps.paperSize) if ps.paperSize is not None else None,
        # the file leaves out fitToWidth when it is 1, the OOXML default
        "fit_to_width": int(ps.fitToWidth) if ps.fitToWidth is not None else 1,
        "fit_to_height": int(ps.fitToHeight) if ps.fitToHeight is not None else 1,
        "fit_to_page": bool(fit.fitToPage) if fit is not None else False,
        "print_title_rows": ws.print_title_rows,
        "page_header": ws.oddHeader.center.text,
        "page_footer": ws.oddFooter.center.text,
        "header_bold": all(bool(c.font.b) for c in header),
        "header_fill": sorted({str(c.fill.fgColor.rgb) for c in header}),
        "row2_formats": [c.number_format for c in second],
    }


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: ledger_readback.py FILE.xlsx\n")
        return 2
    wb = openpyxl.load_workbook(argv[1])
    out = {"sheets": wb.sheetnames, "data": {ws.title: sheet(ws) for ws in wb.worksheets}}
    print(json.dumps(out, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
