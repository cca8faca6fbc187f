"""Benchmark 2's other reference: Python's XlsxWriter (Debian's
python3-xlsxwriter) in constant_memory mode writing the same cells from the
same rows, read with the stock sqlite3 module (it cannot load liangze's
tokenizer, so it reads the record table and joins the names itself).
    /usr/bin/python3 bench/xlsx_python.py DB OUT.xlsx   (the inquiry kind)"""
import datetime
import sqlite3
import sys
import xlsxwriter

db, out = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
cols = [r[1] for r in con.execute("PRAGMA table_info(inquiry)") if r[1] != "id"]
names = {"asker": "a.name", "respondent": "p.name"}
dates = {c for c in cols if c.endswith("_on") or c == "due"}
sql = ("SELECT t.id, %s FROM inquiry t LEFT JOIN person p ON p.id = t.respondent"
       " LEFT JOIN person a ON a.id = t.asker ORDER BY t.asked_on, t.id"
       % ", ".join(names.get(c, "t." + c) for c in cols))
isdate = [c in dates for c in cols]
wb = xlsxwriter.Workbook(out, {"constant_memory": True})
ws = wb.add_worksheet("询问")
fdate = wb.add_format({"num_format": "yyyy-mm-dd"})
for i, c in enumerate(cols):
    ws.write_string(0, i, c)
r = 1
for row in con.execute(sql):
    for i, v in enumerate(row[1:]):
        if v is None:
            continue
        if isdate[i]:
            ws.write_datetime(r, i, datetime.datetime.strptime(v, "%Y-%m-%d"), fdate)
        elif isinstance(v, int):
            ws.write_number(r, i, v)
        else:
            ws.write_string(r, i, str(v))
    r += 1
wb.close()
print("rows", r - 1)
