#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "kind.h"
#include "rules.h"
#include "sbuf.h"
#include "value.h"

/* Every rule reads its numbers from here; later rules add their lines. */
const setting_def settings_defs[] = {
	{ "warn_days", ST_INT, "7", 0, 365, N_("a record is yellow when due within this many days") },
	{ "inquiry_reply_days", ST_INT, "15", 1, 365, N_("days to answer a written or online inquiry") },
	{ "tiancheng_weight_petitions", ST_DEC, "1", 0, 100, N_("Tiancheng index weight of petitions and reports") },
	{ "tiancheng_weight_complaints", ST_DEC, "1", 0, 100, N_("Tiancheng index weight of efficiency complaints") },
	{ "tiancheng_weight_opinions", ST_DEC, "1", 0, 100, N_("Tiancheng index weight of corruption-related online opinion") },
	{ "tiancheng_persist_months", ST_INT, "3", 2, 24, N_("consecutive months in the worst three of its category that make a unit persistently high in the Tiancheng index") },
	{ "tiancheng_serious_repeat", ST_INT, "2", 1, 1000, N_("repeat and leapfrog petitions of one month, added together, at which a unit counts as serious") },
	{ "rectification_days", ST_INT, "30", 1, 365, N_("days a unit has to carry out a rectification opened by a confirmed interview proposal") },
	{ "supervise_days", ST_INT, "15", 1, 365, N_("days to act on a 任务落实督办书 made when an overdue 目标任务通知书 is confirmed") },
	{ "dual_report_days", ST_INT, "5", 0, 365, N_("days after a case stage by which it must be reported both to the Party committee and to the higher commission") },
	{ "satisfaction_low", ST_DEC, "80", 0, 100, N_("satisfaction score below which a unit counts as low") },
	{ "report_late_notice_max_days", ST_INT, "30", 1, 365, N_("days late up to which a late report brings a notice of criticism") },
	{ "report_measure_minor", ST_TEXT, "通报批评", 0, 0, N_("accountability measure for a 三述 report up to report_late_notice_max_days late") },
	{ "report_measure_major", ST_TEXT, "诫勉谈话", 0, 0, N_("accountability measure for a 三述 report later than that, or found untruthful") },
	{ "assess_max_lead", ST_INT, "20", 0, 100, N_("assessment: most points for leadership") },
	{ "assess_max_duties", ST_INT, "20", 0, 100, N_("assessment: most points for carrying out duties") },
	{ "assess_max_style", ST_INT, "15", 0, 100, N_("assessment: most points for conduct") },
	{ "assess_max_cases", ST_INT, "15", 0, 100, N_("assessment: most points for cases") },
	{ "assess_max_supervision", ST_INT, "15", 0, 100, N_("assessment: most points for supervision") },
	{ "assess_max_education", ST_INT, "15", 0, 100, N_("assessment: most points for education") },
	{ "assess_cut_good", ST_INT, "90", 0, 100, N_("assessment: lowest total graded 好") },
	{ "assess_cut_fair", ST_INT, "80", 0, 100, N_("assessment: lowest total graded 较好") },
	{ "assess_cut_pass", ST_INT, "60", 0, 100, N_("assessment: lowest total graded 一般") },
	{ "district_name", ST_TEXT, "", 0, 0, N_("the district's name on the yearly archive's cover; empty: the top unit's name when there is only one") },
	{ "backup_dir", ST_TEXT, "", 0, 0, N_("folder for backups; empty: beside the database") },
	{ NULL, ST_TEXT, NULL, 0, 0, NULL }
};

const setting_def *settings_find(const char *name)
{
	for (const setting_def *d = settings_defs; d->name; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

lz_status settings_get(session *s, const char *name, char *out, size_t outsz, lz_err *err)
{
	const setting_def *d = settings_find(name);
	if (!d)
		return lz_fail(err, LZ_USAGE, _("unknown setting '%s' (see: liangze config list)"), name);
	sqlite3_stmt *q;
	lz_status st = db_cached(&s->db, "SELECT value FROM setting WHERE name = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(q, 0));
	else if (rc == SQLITE_DONE)
		snprintf(out, outsz, "%s", d->dflt);
	else
		st = db_error(&s->db, rc, _("reading settings"), err);
	db_release(&s->db, q);
	return st;
}

lz_status settings_get_int(session *s, const char *name, long *out, lz_err *err)
{
	char buf[64];
	lz_status st = settings_get(s, name, buf, sizeof buf, err);
	if (st == LZ_OK)
		*out = strtol(buf, NULL, 10);
	return st;
}

lz_status settings_get_hundredths(session *s, const char *name, long *out, lz_err *err)
{
	char buf[64];
	lz_status st = settings_get(s, name, buf, sizeof buf, err);
	if (st == LZ_OK)
		*out = (long)value_hundredths(buf);
	return st;
}

/* Canonical text of value for d, or an error saying what is allowed. */
static lz_status check_value(const setting_def *d, const char *value, char **canon, lz_err *err)
{
	static const kind_field int_f = { "value", "", "", KF_INT, 0, 0, NULL, NULL, NULL, NULL };
	static const kind_field dec_f = { "value", "", "", KF_DEC, 0, 0, NULL, NULL, NULL, NULL };
	if (d->type == ST_TEXT) {
		*canon = strdup(value);
		return LZ_OK;
	}
	lz_err e;
	if (kind_parse_value(d->type == ST_INT ? &int_f : &dec_f, value, canon, &e) || !*canon)
		return lz_fail(err, LZ_BAD, _("setting %s: '%s' is not a number"), d->name, value);
	long whole = strtol(*canon, NULL, 10);
	if (**canon == '-' && whole == 0)
		whole = -1; /* "-0.50" is below a minimum of 0 */
	if (whole < d->min || whole > d->max || (whole == d->max && strchr(*canon, '.') && strcmp(strchr(*canon, '.'), ".00"))) {
		free(*canon);
		*canon = NULL;
		return lz_fail(err, LZ_BAD, _("setting %s: %s is outside %ld to %ld"), d->name, value, d->min, d->max);
	}
	if (d->type == ST_DEC) {
		/* Store "80" rather than "80.00" when there is no fraction. */
		char *dot = strchr(*canon, '.');
		if (dot && strcmp(dot, ".00") == 0)
			*dot = '\0';
	}
	return LZ_OK;
}

/* The write itself, inside the caller's write transaction. */
static lz_status set_in(session *s, const setting_def *d, const char *canon, lz_err *err)
{
	const char *name = d->name;
	char old[1024];
	sbuf before = { 0 }, after = { 0 };
	lz_status st;
	if ((st = settings_get(s, name, old, sizeof old, err)))
		return st;
	sqlite3_stmt *q;
	if ((st = db_prepare(&s->db, canon ? "INSERT OR REPLACE INTO setting(name, value) VALUES (?, ?)"
					   : "DELETE FROM setting WHERE name = ?", &q, err)))
		return st;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	if (canon)
		sqlite3_bind_text(q, 2, canon, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return db_error(&s->db, rc, _("saving a setting"), err);
	sbuf_add(&before, "{\"name\":");
	sbuf_json_str(&before, name);
	sbuf_add(&before, ",\"value\":");
	sbuf_json_str(&before, old);
	sbuf_add(&before, "}");
	sbuf_add(&after, "{\"name\":");
	sbuf_json_str(&after, name);
	sbuf_add(&after, ",\"value\":");
	sbuf_json_str(&after, canon ? canon : d->dflt);
	sbuf_add(&after, "}");
	st = audit_write(s, "setting", 0, "update", sbuf_str(&before), sbuf_str(&after), err);
	if (!st)
		st = rules_after_setting(s, name, err);
	sbuf_free(&before);
	sbuf_free(&after);
	return st;
}

static lz_status check_set(session *s, const char *name, const char *value, const setting_def **d, char **canon,
			   lz_err *err)
{
	*canon = NULL;
	if (!(*d = settings_find(name)))
		return lz_fail(err, LZ_USAGE, _("unknown setting '%s' (see: liangze config list)"), name);
	if (s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, _("only an administrator may change settings (you are %s)"),
			       session_role_title(session_role_name(s->role)));
	return value ? check_value(*d, value, canon, err) : LZ_OK;
}

lz_status settings_set_in(session *s, const char *name, const char *value, lz_err *err)
{
	const setting_def *d;
	char *canon;
	lz_status st = check_set(s, name, value, &d, &canon, err);
	if (!st)
		st = set_in(s, d, canon, err);
	free(canon);
	return st;
}

lz_status settings_set(session *s, const char *name, const char *value, lz_err *err)
{
	const setting_def *d;
	char *canon;
	lz_status st = check_set(s, name, value, &d, &canon, err);
	if (!st && !(st = db_begin_write(&s->db, err))) {
		if ((st = set_in(s, d, canon, err)))
			db_rollback(&s->db);
		else
			st = db_commit(&s->db, err);
	}
	free(canon);
	return st;
}
