"""Ledgers to Excel and CSV, read back by real readers (openpyxl, Python's
csv) and compared cell by cell with the database."""
import csv
import io
import os
import sqlite3
import openpyxl
from lzt import test, main, demo_env, eq, has, refused

PERSON_SQL = ("SELECT p.code, p.name, u.name, p.post, p.rank, p.principal, p.team_member,"
              " p.discipline_secretary, p.commission_member, p.promoted_on"
              " FROM person p JOIN unit u ON u.id = p.unit %s ORDER BY p.code, p.id")
HEADERS = ["人员编码", "姓名", "所在单位", "职务", "职级", "主要负责人", "班子成员", "纪检负责人", "纪委委员", "提拔时间"]


def expected_people(e, where="", *params):
    rows = []
    for r in e.sql(PERSON_SQL % where, *params):
        r = list(r)
        for i in range(5, 9):
            r[i] = "是" if r[i] else "否"
        rows.append(r)
    return rows


@test
def person_ledger_xlsx_matches_database():
    e = demo_env()
    try:
        out = e.path("cadres.xlsx")
        rc, so, se = e.run("export", "person", "-o", out, check=0)
        wb = openpyxl.load_workbook(out)
        ws = wb.worksheets[0]
        eq(ws.title, "干部", "sheet name")
        rows = list(ws.iter_rows(values_only=True))
        eq(list(rows[0]), HEADERS, "Chinese headers")
        want = expected_people(e)
        got = []
        for r in rows[1:]:
            r = list(r)
            r[9] = r[9].strftime("%Y-%m-%d") if r[9] is not None else None
            got.append([None if v == "" else v for v in r])
        eq(len(got), len(want), "row count")
        for g, w in zip(got, want):
            eq(g, w, "row")
        eq(ws.freeze_panes, "A2", "frozen header")
        has(ws.auto_filter.ref or "", "A1:J", "autofilter")
        eq(ws.page_setup.orientation, "landscape", "orientation")
        # Fit to one page wide (fitToWidth 1 is the default, so readers may show None), any height.
        eq(ws.sheet_properties.pageSetUpPr.fitToPage, True, "fit to page")
        eq(ws.page_setup.fitToWidth in (None, 1, "1"), True, "fit to width")
        eq(str(ws.page_setup.fitToHeight), "0", "any number of pages high")
        has(str(ws.print_title_rows), "1", "header row repeated")
        if ws.column_dimensions["C"].width < 10:
            raise AssertionError("unit column too narrow for CJK names")
        eq(ws.cell(row=2, column=10).number_format in ("yyyy-mm-dd", "yyyy\\-mm\\-dd"), True, "date format")
        eq(os.listdir(e.dir).count("cadres.xlsx"), 1, "file in place")
        eq([f for f in os.listdir(e.dir) if "tmp" in f], [], "no temporary file left")
    finally:
        e.close()


@test
def filtered_csv_in_utf8_bom_and_gb18030():
    e = demo_env()
    try:
        e.sql("SELECT 1")
        # A formula-looking post must come out neutralised.
        f = e.write("p.csv", "name,unit,post\n公式人,悦来镇,=1+1\n")
        e.run("import", "person", f, check=0)
        u8, gb = e.path("yl.csv"), e.path("yl-gb.csv")
        e.run("export", "person", "--unit", "悦来镇", "-o", u8, check=0)
        e.run("export", "person", "--unit", "悦来镇", "-o", gb, "--encoding", "gb18030", check=0)
        raw = open(u8, "rb").read()
        eq(raw[:3], b"\xef\xbb\xbf", "UTF-8 BOM")
        text = raw[3:].decode("utf-8")
        eq(open(gb, "rb").read().decode("gb18030"), text, "GB18030 holds the same text")
        rows = list(csv.reader(io.StringIO(text)))
        eq(rows[0], HEADERS, "headers")
        scope = "WHERE u.id IN (WITH RECURSIVE s(id) AS (SELECT id FROM unit WHERE name = ? UNION" \
                " SELECT u2.id FROM unit u2 JOIN s ON u2.parent = s.id) SELECT id FROM s)"
        want = [[("'=1+1" if v == "=1+1" else ("" if v is None else str(v))) for v in r]
                for r in expected_people(e, scope, "悦来镇")]
        eq(rows[1:], want, "rows of 悦来镇 and its villages")
        has(text, "\r\n", "CRLF line ends")
    finally:
        e.close()


@test
def unit_ledger_shows_references_by_name():
    e = demo_env()
    try:
        out = e.path("units.xlsx")
        e.run("export", "unit", "-o", out, check=0)
        ws = openpyxl.load_workbook(out).worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        want = e.sql("SELECT u.code, u.name, u.category, p.name, a.name, b.name FROM unit u"
                     " LEFT JOIN unit p ON p.id = u.parent LEFT JOIN person a ON a.id = u.principal_holder"
                     " LEFT JOIN person b ON b.id = u.supervisor_holder ORDER BY u.code")
        eq([tuple(None if v == "" else v for v in r) for r in rows[1:]], want, "unit rows")
    finally:
        e.close()


@test
def survey_ledger_keeps_decimals_and_empty_numbers():
    # Decimals are stored as cents and worked out per row; whole numbers may be empty.
    e = demo_env()
    try:
        first = e.sql("SELECT id FROM survey ORDER BY year, id LIMIT 1")[0][0]
        con = sqlite3.connect(e.db)  # test setup: one survey without a sample size
        con.execute("UPDATE survey SET respondents = NULL WHERE id = ?", (first,))
        con.commit()
        con.close()
        out = e.path("survey.xlsx")
        e.run("export", "survey", "-o", out, check=0)
        ws = openpyxl.load_workbook(out).worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        eq(list(rows[0]), ["年度", "单位", "满意度得分", "样本数"], "headers")
        want = [(y, n, s / 100, r) for y, n, s, r in e.sql(
            "SELECT v.year, u.name, v.score, v.respondents FROM survey v JOIN unit u ON u.id = v.unit"
            " ORDER BY v.year, v.id")]
        eq(len(want) > 100, True, "the demo has surveys")
        eq(want[0][3], None, "an empty number")
        eq([tuple(r) for r in rows[1:]], want, "survey rows")
        eq(any(s != int(s) for _, _, s, _ in want), True, "some scores have decimals")
        eq(ws.cell(row=2, column=3).number_format, "0.00", "decimal format")
    finally:
        e.close()


@test
def export_errors():
    e = demo_env()
    try:
        refused(e, 5, ["export", "unit", "-o", e.path("no/such/dir/u.xlsx")], "no/such/dir")
        refused(e, 1, ["export", "unit", "-o", e.path("u.pdf")], "u.pdf")
        refused(e, 1, ["export", "unit", "--year", "2026", "-o", e.path("u.xlsx")], "no year")
        refused(e, 1, ["export", "unit"], "-o")
        eq(sorted(f for f in os.listdir(e.dir) if not f.startswith("lz.db")), [], "nothing left behind")
    finally:
        e.close()


if __name__ == "__main__":
    main()
