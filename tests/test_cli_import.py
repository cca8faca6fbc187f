"""Importing units and cadres from CSV: encodings, keys, updates, and every
kind of bad input refused with the right exit code, a message naming file,
line and field, and the database unchanged."""
import os
from lzt import test, main, Env, demo_env, eq, has, refused

UNITS = ("单位编码,单位名称,单位类别,上级单位\n"
         "T02,测试村,村(社区),测试镇\n"       # names a parent that comes later in the file
         "T01,测试镇,乡镇,\n")


@test
def units_utf8_bom_with_parent_later_in_file():
    e = Env()
    try:
        e.run("init", check=0)
        f = e.write("u.csv", b"\xef\xbb\xbf" + UNITS.encode())
        rc, out, err = e.run("import", "unit", f, check=0)
        has(out, "added 2", "summary")
        rows = e.sql("SELECT c.code, p.code FROM unit c LEFT JOIN unit p ON p.id = c.parent ORDER BY c.code")
        eq(rows, [("T01", None), ("T02", "T01")], "units and parent")
        eq(e.sql("SELECT count(*) FROM audit WHERE kind='unit' AND action='insert'")[0][0], 2, "audit rows")
    finally:
        e.close()


@test
def cadres_gb18030_with_four_byte_character_and_euro():
    e = demo_env()
    try:
        text = ("姓名,所在单位,职务,职级,主要负责人,提拔时间\n"
                "吉𠮷祥,悦来镇,副镇长,副科级,否,2026/3/5\n"
                "王五,X02,\"联络员,兼出纳\",科员,N,2025年12月1日\n")
        data = text.encode("gb18030").replace("出纳".encode("gb18030"), "出纳".encode("gb18030") + b"\x80")
        f = e.write("p.csv", data)
        rc, out, err = e.run("import", "person", f, check=0)
        has(out, "GB18030", "detected encoding")
        row = e.sql("SELECT p.name, u.name, p.post, p.rank, p.principal, p.promoted_on FROM person p"
                    " JOIN unit u ON u.id = p.unit WHERE p.name = ?", "吉𠮷祥")
        eq(row, [("吉𠮷祥", "悦来镇", "副镇长", "副科级", 0, "2026-03-05")], "GB18030 row")
        row = e.sql("SELECT post, promoted_on FROM person WHERE name = '王五'")
        eq(row, [("联络员,兼出纳€", "2025-12-01")], "quoted comma, euro from 0x80, Chinese date")
    finally:
        e.close()


@test
def rows_with_existing_keys_update_and_are_audited():
    e = demo_env()
    try:
        code, name, post = e.sql("SELECT code, name, post FROM person WHERE code = 'P0066'")[0]
        audits = e.sql("SELECT count(*) FROM audit")[0][0]
        f = e.write("p.csv", "人员编码,姓名,所在单位,职务\n%s,%s,悦来镇,镇长(代)\n" % (code, name))
        rc, out, err = e.run("import", "person", f, check=0)
        has(out, "updated 1", "summary")
        eq(e.sql("SELECT post FROM person WHERE code = ?", code), [("镇长(代)",)], "post updated")
        eq(e.sql("SELECT count(*) FROM audit")[0][0], audits + 1, "one audit row")
        before, after = e.sql("SELECT before, after FROM audit ORDER BY id DESC LIMIT 1")[0]
        has(before, post, "audit before")
        has(after, "镇长(代)", "audit after")
        # Without a code, name + unit find the same person; a column left out keeps its value.
        f = e.write("p2.csv", "name,unit,rank\n%s,悦来镇,正科级\n" % name)
        e.run("import", "person", f, check=0)
        eq(e.sql("SELECT post, rank FROM person WHERE code = ?", code), [("镇长(代)", "正科级")], "name+unit key")
        # The same file again changes nothing and writes no audit row.
        n = e.sql("SELECT count(*) FROM audit")[0][0]
        rc, out, err = e.run("import", "person", f, check=0)
        has(out, "unchanged 1", "summary")
        eq(e.sql("SELECT count(*) FROM audit")[0][0], n, "no audit row for an unchanged row")
    finally:
        e.close()


@test
def dry_run_writes_nothing():
    e = demo_env()
    try:
        f = e.write("u.csv", UNITS)
        snap = e.snapshot()
        rc, out, err = e.run("import", "unit", f, "--dry-run", check=0)
        has(out, "would add 2", "dry-run summary")
        eq(e.snapshot(), snap, "database after --dry-run")
    finally:
        e.close()


@test
def bad_files_are_refused_and_nothing_is_written():
    e = demo_env()
    try:
        def imp(kind, name, data, code, part):
            f = e.write(name, data)
            refused(e, code, ["import", kind, f], part)
        refused(e, 1, ["import", "bogus", "x.csv"], "unknown kind 'bogus'")
        imp("person", "noreq.csv", "姓名,职务\n张三,科员\n", 2,
            "noreq.csv: line 2: this row adds a new record, but the file has no column 所在单位 (unit)")
        imp("unit", "dup.csv", "code,name,category,单位编码\nZ1,甲,乡镇,Z1\n", 2, "appears twice")
        imp("unit", "twice.csv", "code,name,category\nZ1,甲镇,乡镇\nZ1,乙镇,乡镇\n", 2,
            "line 3 names the same record as line 2")
        imp("person", "ref.csv", "name,unit\n张三,火星镇\n", 2, "line 2, 所在单位 (unit): no 单位 is called '火星镇'")
        bad = "code,name,category\nZ1,甲镇,乡镇\nZ2,".encode("gb18030") + b"\x81\x20" + "镇,乡镇\n".encode("gb18030")
        imp("unit", "badgb.csv", bad, 2, "line 3, column 4: invalid GB18030 byte sequence")
        imp("unit", "quote.csv", 'code,name,category\nZ1,"甲镇,乡镇\n', 2, "line 2")
        imp("unit", "empty.csv", "", 2, "empty")
        imp("unit", "enum.csv", "code,name,category\nZ1,甲镇,公司\n", 2, "line 2, 单位类别 (category): '公司' is not one of")
        imp("person", "date.csv", "name,unit,promoted_on\n张三,悦来镇,2026-02-30\n", 2, "提拔时间 (promoted_on)")
        imp("unit", "unknown.csv", "code,name,category,颜色\nZ1,甲镇,乡镇,红\n", 2, "unknown column '颜色'")
        imp("unit", "uniq.csv", "code,name,category\nZ9,悦来镇,乡镇\n", 2, "'悦来镇' is already used")
        refused(e, 5, ["import", "unit", e.path("not-there.csv")], "not-there.csv")
    finally:
        e.close()


@test
def rows_that_would_lose_or_clash_are_refused_before_writing():
    e = demo_env()
    try:
        e.run("user", "add", "bob", "--role", "staff", "--scope", "X01", check=0)
        code, name, unit = e.sql("SELECT p.code, p.name, u.name FROM person p JOIN unit u ON u.id = p.unit"
                                 " WHERE p.post IS NOT NULL AND p.rank IS NOT NULL LIMIT 1")[0]
        # A short row would blank the missing columns.
        f = e.write("short.csv", "code,name,unit,post,rank\n%s,%s,%s\n" % (code, name, unit))
        refused(e, 2, ["import", "person", f], "3 cells, but the header has 5 columns")
        # The same new person twice, the unit once by code and once by name.
        f = e.write("twice.csv", "name,unit,post\n新人甲,B03,科员\n新人甲,区纪委监察局,主任\n")
        refused(e, 2, ["import", "person", f, "--dry-run"], "line 3 names the same record as line 2")
        refused(e, 2, ["import", "person", f], "line 3 names the same record as line 2")
        # Two new units with one name; a row under a new row that clashes with a stored name.
        f = e.write("names.csv", "code,name,category\nZ1,甲村,村(社区)\nZ2,甲村,村(社区)\n")
        refused(e, 2, ["import", "unit", f, "--dry-run"], "'甲村' is also on line 2")
        f = e.write("clash.csv", "code,name,category,parent\nC92,新村A,村(社区),X01\nC93,协兴镇,村(社区),C92\n")
        refused(e, 2, ["import", "unit", f, "--dry-run"], "already used")
        # Staff may add a village and a hamlet under it, all inside their scope.
        f = e.write("tree.csv", "code,name,category,parent\nC91,协兴镇新二组,村(社区),C90\nC90,协兴镇新村,村(社区),X01\n")
        e.run("import", "unit", f, as_user="bob", check=0)
        eq(e.sql("SELECT count(*) FROM unit WHERE code IN ('C90','C91')")[0][0], 2, "in-scope tree")
        # A row found by name + unit with an empty code cell keeps the stored code.
        f = e.write("nocode.csv", "code,name,unit,post\n,%s,%s,新职务\n" % (name, unit))
        e.run("import", "person", f, check=0)
        eq(e.sql("SELECT code, post FROM person WHERE code = ?", code), [(code, "新职务")], "code kept")
        # An out-of-scope record named by key: refused as out of scope, not as missing.
        f = e.write("other.csv", "code,name,category\nB01,区委办,区级部门\n")
        refused(e, 3, ["import", "unit", f], "outside the scope of account bob", as_user="bob")
    finally:
        e.close()


@test
def an_update_may_leave_out_required_columns():
    e = demo_env()
    try:
        t, who, on, q = e.sql("SELECT i.inquiry_type, p.code, i.asked_on, i.question FROM inquiry i"
                              " JOIN person p ON p.id = i.respondent WHERE i.reply IS NULL ORDER BY i.id LIMIT 1")[0]
        head = "inquiry_type,respondent,asked_on,reply,replied_on\n"
        row = "%s,%s,%s,已按要求答复,2026-11-20\n" % (t, who, on)
        # A row that would add a record without the question: refused, in the
        # dry run as in the real import, naming file, line and field.
        new = "%s,%s,2026-11-02,答复,2026-11-20\n" % (t, who)
        f = e.write("mixed.csv", head + row + new)
        for dry in (["--dry-run"], []):
            refused(e, 2, ["import", "inquiry", f] + dry,
                    "mixed.csv: line 3: this row adds a new record, but the file has no column 询问内容 (question)")
        # Every row updates a stored record: the question is kept.
        f = e.write("upd.csv", head + row)
        snap = e.snapshot()
        rc, out, err = e.run("import", "inquiry", f, "--dry-run", check=0)
        eq(rc, 0, "dry run: %s" % err)
        has(out, "would add 0, update 1", "dry-run summary")
        eq(e.snapshot(), snap, "database after --dry-run")
        rc, out, err = e.run("import", "inquiry", f, check=0)
        eq(rc, 0, "import: %s" % err)
        has(out, "updated 1", "summary")
        eq(e.sql("SELECT question, reply, replied_on FROM inquiry i JOIN person p ON p.id = i.respondent"
                 " WHERE i.inquiry_type = ? AND p.code = ? AND i.asked_on = ?", t, who, on),
           [(q, "已按要求答复", "2026-11-20")], "reply set, question kept")
    finally:
        e.close()


@test
def database_in_a_folder_that_is_not_writable():
    e = Env()
    try:
        locked = e.path("locked")
        os.mkdir(locked, 0o755)  # owned by root: nobody cannot create files in it
        rc, out, err = e.run("--db", os.path.join(locked, "lz.db"), "init", db=False, user=65534)
        eq(rc, 5, "exit code (stderr %r)" % err)
        has(err, "locked", "message names the path")
        eq(os.listdir(locked), [], "nothing created")
    finally:
        e.close()


if __name__ == "__main__":
    main()
