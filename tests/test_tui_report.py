"""述 and 评 on screen, through tmux: a late 三述 report entered in its ledger
raises an accountability item at once (the report_late rule runs in the
save's transaction) and `rules run` on a later day escalates the same item,
seen in the accountability ledger; the secretaries' draw screen (述, key d)
stores a draw before showing its pool, seed and result, refuses a redraw
without a reason and replays; and the vetting view gathers a cadre's
records and exports them to one sheet.

Paths: menu 5 → 述 → task 19 → Enter → 1 (三述 ledger) or 2 (accountability
ledger); 述 → d (the secretaries' draw); menu 4 → 考 → task 17 → Enter → 1
(vetting ledger) → Enter (the vetting view)."""
import openpyxl

from lzt import test, main, demo_env, eq, has
from tuilib import Tmux, available


def open_app(e):
    # English messages: the test reads msgids, not translations still to come.
    t = Tmux(["--db", e.db], width=140, height=40, lang="C.UTF-8")
    t.wait("liangze")
    return t


def line_with(screen, text):
    for l in screen.splitlines():
        if text in l:
            return l
    raise AssertionError("no line with %r in:\n%s" % (text, screen))


@test
def a_late_report_raises_an_item_that_escalates():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_app(e)
    try:
        t.keys("5")
        t.wait("19. 认真落实领导干部述责述廉述险制度")
        t.keys("Enter")
        t.wait("Open which ledger?", "1 Three reports", "2 Accountability")
        t.keys("1")
        t.wait("Three reports ledger")
        t.keys("n")
        t.wait("Three reports — new", "Cadre reporting")
        t.keys("Enter")                      # the cadre, from the picker
        t.wait("Choose: Cadres")
        t.keys("/")
        t.type("邓凯蜀")
        t.wait("P0014", "1/1")
        t.keys("Enter", "Enter")
        t.wait("Three reports — new", "邓凯蜀")
        t.keys("Tab")
        t.type("2030")
        t.keys("Tab", "Tab")                 # mode left empty: filled in on save
        t.type("2026-10-31")                 # due 27 days before today; not submitted
        for _ in range(6):                   # submitted, three copies, published → truthful
            t.keys("Tab")
        t.type("y")
        t.keys("F2")
        t.wait("Saved")
        rep = e.sql("SELECT id, mode, truthful, submitted_on FROM report WHERE year = 2030")
        eq([r[1:] for r in rep], [("向区纪委全委会口头", 1, None)], "saved: oral (a street's principal), truthful")
        rid = rep[0][0]
        item = e.sql("SELECT id, measure, state, person FROM accountability WHERE rule = 'report_late'"
                     " AND source_kind = 'report' AND source_id = ?", rid)
        pid = e.sql("SELECT id FROM person WHERE code = 'P0014'")[0][0]
        eq([i[1:] for i in item], [("通报批评", "待处理", pid)], "the save raised the item")
        # A month on, the nightly rules run escalates the same item.
        rc, out, err = e.run("rules", "run", env={"LIANGZE_TODAY": "2026-12-01"}, check=0)
        now = e.sql("SELECT id, measure FROM accountability WHERE rule = 'report_late' AND source_kind = 'report'"
                    " AND source_id = ?", rid)
        eq(now, [(item[0][0], "诫勉谈话")], "same item, 31 days late")
        # The accountability ledger, from the same task.
        t.keys("q")
        t.wait("19. 认真落实领导干部述责述廉述险制度")
        t.keys("Enter")
        t.wait("Open which ledger?")
        t.keys("2")
        t.wait("Accountability ledger")
        t.keys("/")
        t.type("邓凯蜀2030")
        s = t.wait("1/1", "诫勉谈话")
        row = line_with(s, "诫勉谈话")
        has(row, "report_la", "raised by the rule (the column cuts it)")
        has(row, " %d " % rid, "the source report")
        has(row, "待处理")
        t.keys("Escape", "q", "q", "q")
        has(t.exited(), "__EXIT__0", "clean exit")
    finally:
        t.close()
        e.close()


@test
def the_secretaries_draw_on_screen():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    e.run("import", "duty_meeting", e.write("m.csv", "held_on,title,draw_count\n2026-12-10,年终述职大会,4\n"), check=0)
    mid = e.sql("SELECT id FROM duty_meeting WHERE title = '年终述职大会'")[0][0]
    npool = len(e.sql("SELECT DISTINCT u.supervisor_holder FROM unit u WHERE u.category IN ('乡镇', '街道', '区级部门')"
                      " AND u.supervisor_holder IS NOT NULL"))
    t = open_app(e)
    try:
        t.keys("5")
        t.wait("F8 Secretaries' draw")
        t.keys("d")
        s = t.wait("Meeting #%d" % mid, "年终述职大会", "Not drawn yet", "Pool: %d secretaries" % npool)
        t.keys("n")
        t.wait("How many of the %d secretaries? 4" % npool)
        t.keys("Enter")
        t.wait("Draw 4 of the %d secretaries for meeting #%d now?" % (npool, mid))
        eq(e.sql("SELECT count(*) FROM draw"), [(0,)], "nothing stored before the answer")
        t.keys("y")
        s = t.wait("stored: 4 secretaries drawn, 4 duty reports")
        did, seed, result = e.sql("SELECT id, seed, result FROM draw")[0]
        has(s, "Draw #%d — seed %s — 4 of %d drawn" % (did, seed, npool), "the stored seed on screen")
        has(line_with(s, "Result:"), "1. %s  2. %s  3. %s  4. %s" % tuple(result.split(";")), "the stored result")
        eq(e.sql("SELECT draw FROM duty_meeting WHERE id = ?", mid), [(did,)], "meeting linked to its draw")
        eq(e.sql("SELECT count(*) FROM duty_report WHERE meeting = ?", mid), [(4,)], "duty reports made")
        before = e.snapshot()
        t.keys("r")
        t.wait("Draw #%d again" % did)
        t.keys("Enter")
        t.wait("needs a reason")
        eq(e.snapshot() == before, True, "no redraw without a reason, nothing written")
        t.keys("v")
        t.wait("Draw #%d replays" % did)
        # Another meeting, from the picker: not drawn, its pool shown.
        first = e.sql("SELECT id, title FROM duty_meeting ORDER BY held_on, id LIMIT 1")[0]
        t.keys("m")
        t.wait("Choose: Duty-report meetings")
        t.keys("g", "Enter")
        t.wait("Meeting #%d" % first[0], "Not drawn yet", "Pool: %d secretaries" % npool)
        t.keys("q", "q", "q")   # the draw screen, 述, the menu
        has(t.exited(), "__EXIT__0", "clean exit")
    finally:
        t.close()
        e.close()


@test
def the_vetting_view_and_its_sheet():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    vid, name, post = e.sql("SELECT v.id, p.name, v.proposed_post FROM vetting v JOIN person p ON p.id = v.person"
                            " ORDER BY v.started_on, v.id LIMIT 1")[0]
    t = open_app(e)
    try:
        t.keys("4")
        t.wait("17. ")
        t.keys("j", "Enter")
        t.wait("Open which ledger?")
        t.keys("1")
        t.wait("Vetting for promotion ledger")
        t.keys("Enter")
        s = t.wait("Vetting for promotion — %s, proposed as %s" % (name, post), "Conclusion")
        has(s, "Three reports (", "the cadre's reports gathered")
        path = e.path("vet.xlsx")
        t.keys("x")
        t.wait("Export this vetting to file")
        t.keys("C-u")
        t.type(path)
        t.keys("Enter")
        t.wait("records written to %s" % path)
        rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
        eq(rows[1][:3], ("拟提拔考察", "本次考察", vid), "the vetting first")
        reports = e.sql("SELECT count(*) FROM report r JOIN vetting v ON v.person = r.person WHERE v.id = ?", vid)[0][0]
        eq(len([r for r in rows if r[0] == "三述"]), reports, "every report of the cadre in the sheet")
        t.keys("q", "q", "q", "q")   # the view, the ledger, 考, the menu
        has(t.exited(), "__EXIT__0", "clean exit")
    finally:
        t.close()
        e.close()


if __name__ == "__main__":
    main()
