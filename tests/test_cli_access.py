"""Accounts, roles and unit scopes, checked in the core for every read and
write: a staff member of 悦来镇 sees and changes only 悦来镇 and the units
under it; a viewer reads but never writes; refusals exit 3 and write nothing."""
from lzt import test, main, demo_env, eq, has, refused


def setup():
    e = demo_env()
    e.run("user", "add", "staff1", "--role", "staff", "--scope", "悦来镇", check=0)
    e.run("user", "add", "viewer1", "--role", "viewer", check=0)
    e.run("user", "add", "viewer2", "--role", "viewer", "--scope", "X02", check=0)
    return e


def ids_in_scope(e, code):
    return {r[0] for r in e.sql(
        "WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE code = ? UNION"
        " SELECT u.id FROM unit u JOIN sub ON u.parent = sub.id) SELECT id FROM sub", code)}


@test
def creator_is_admin_and_users_are_listed():
    e = setup()
    try:
        eq(e.sql("SELECT login, role FROM account ORDER BY id")[0], ("root", "admin"), "first account")
        rc, out, err = e.run("user", "list", check=0)
        has(out, "staff1", "user list")
        has(out, "悦来镇", "scope shown by name")
        eq(e.sql("SELECT count(*) FROM audit WHERE kind = 'account'")[0][0], 4, "account changes audited")
        e.run("user", "set", "staff1", "--role", "viewer", check=0)
        eq(e.sql("SELECT role FROM account WHERE login = 'staff1'"), [("viewer",)], "user set")
    finally:
        e.close()


@test
def staff_sees_only_their_scope():
    e = setup()
    try:
        scope = ids_in_scope(e, "X02")
        rc, out, err = e.run("list", "unit", "--format", "csv", as_user="staff1", check=0)
        got = {int(l.split(",")[0]) for l in out.splitlines()[1:]}
        eq(got, scope, "units visible to staff1")
        rc, out, err = e.run("list", "person", "--format", "csv", as_user="staff1", check=0)
        got = {int(l.split(",")[0]) for l in out.splitlines()[1:]}
        want = {r[0] for r in e.sql("SELECT id FROM person WHERE unit IN (%s)" % ",".join(map(str, scope)))}
        eq(got, want, "cadres visible to staff1")
        if not want or len(want) >= e.sql("SELECT count(*) FROM person")[0][0]:
            raise AssertionError("scope should hold some but not all cadres")
        # The same holds for a viewer with a scope and for exports.
        rc, out, err = e.run("export", "person", "-o", e.path("v.csv"), as_user="viewer2", check=0)
        has(out, "%d rows" % len(want), "viewer2 export count")
    finally:
        e.close()


@test
def staff_cannot_write_outside_scope():
    e = setup()
    try:
        f = e.write("out.csv", "name,unit,post\n外人,浓洄街道,科员\n")
        refused(e, 3, ["import", "person", f], "outside the scope of account staff1", as_user="staff1")
        # Updating an out-of-scope record is refused too, even by key.
        code = e.sql("SELECT p.code FROM person p JOIN unit u ON u.id = p.unit WHERE u.code = 'J01' LIMIT 1")[0][0]
        f = e.write("upd.csv", "code,name,unit\n%s,改名,悦来镇\n" % code)
        refused(e, 3, ["import", "person", f], None, as_user="staff1")
        # Inside the scope (a village under 悦来镇) is fine.
        f = e.write("in.csv", "name,unit,post\n新人,悦来镇红光村,文书\n")
        e.run("import", "person", f, as_user="staff1", check=0)
        eq(e.sql("SELECT count(*) FROM person WHERE name = '新人'")[0][0], 1, "in-scope insert")
        eq(e.sql("SELECT login FROM audit ORDER BY id DESC LIMIT 1"), [("staff1",)], "audit names the account")
    finally:
        e.close()


@test
def viewers_and_strangers_are_refused():
    e = setup()
    try:
        f = e.write("in.csv", "name,unit\n新人,悦来镇\n")
        refused(e, 3, ["import", "person", f], "viewer", as_user="viewer1")
        refused(e, 3, ["user", "add", "x", "--role", "admin"], "administrator", as_user="staff1")
        refused(e, 3, ["config", "set", "warn_days", "3"], "administrator", as_user="staff1")
        refused(e, 3, ["list", "unit"], "not a liangze user", as_user="mallory")
        refused(e, 3, ["list", "account"], "administrator", as_user="viewer1")
        # Only root may act as another account.
        rc, out, err = e.run("--as", "root", "list", "unit", user=65534)
        eq(rc, 3, "--as by a non-root account (stderr %r)" % err)
        has(err, "only root", "message")
    finally:
        e.close()


@test
def settings_are_audited_and_validated():
    e = setup()
    try:
        rc, out, err = e.run("config", "get", "warn_days", check=0)
        eq(out.strip(), "7", "default")
        e.run("config", "set", "warn_days", "10", check=0)
        eq(e.run("config", "get", "warn_days", check=0)[1].strip(), "10", "after set")
        before, after = e.sql("SELECT before, after FROM audit WHERE kind = 'setting' ORDER BY id DESC")[0]
        has(before, '"7"', "audit before")
        has(after, '"10"', "audit after")
        refused(e, 2, ["config", "set", "warn_days", "abc"], "not a number")
        refused(e, 2, ["config", "set", "warn_days", "9999"], "outside")
        refused(e, 2, ["config", "set", "satisfaction_low", "80.555"], None)
        refused(e, 1, ["config", "set", "no_such", "1"], "unknown setting")
        e.run("config", "set", "satisfaction_low", "82.5", check=0)
        eq(e.run("config", "get", "satisfaction_low", check=0)[1].strip(), "82.50", "decimal setting")
        e.run("config", "reset", "warn_days", check=0)
        eq(e.run("config", "get", "warn_days", check=0)[1].strip(), "7", "after reset")
        rc, out, err = e.run("config", "list", check=0)
        has(out, "inquiry_reply_days", "config list")
    finally:
        e.close()


if __name__ == "__main__":
    main()
