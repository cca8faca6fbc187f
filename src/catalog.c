#include "catalog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char SQL_TASKS[] =
	"SELECT num, mechanism, mechanism_title, title, lead_text, co_text"
	" FROM catalog_task ORDER BY num";
static const char SQL_UNITS[] =
	"SELECT name FROM catalog_task_unit"
	" WHERE task = ?1 AND role = ?2 ORDER BY seq";
static const char SQL_DUTIES[] =
	"SELECT holder, num, section, title FROM catalog_duty"
	" ORDER BY CASE holder WHEN 'collective' THEN 0 WHEN 'principal' THEN 1"
	" WHEN 'member' THEN 2 ELSE 3 END, num";
static const char SQL_TITLE[] =
	"SELECT title FROM catalog_task WHERE num = ?1";

/* The plan's part 二 order: the committee as a body, its principal, its
 * members, then the discipline commission. */
static const struct {
	const char *holder;
	const char *label;
} HOLDERS[] = {
	{ "collective", N_("Party committee (collective)") },
	{ "principal", N_("Party committee principal (first responsible person)") },
	{ "member", N_("Team members") },
	{ "commission", N_("Discipline commission") },
};

/* First task number of each mechanism 明询查考述评, from part 三 of the plan;
 * the last entry closes the range. */
static const int MECHANISM_FIRST[CATALOG_MECHANISMS + 1] = { 1, 5, 10, 16, 19, 21, 24 };

typedef struct stmts {
	sqlite3_stmt *task;
	sqlite3_stmt *unit;
	sqlite3_stmt *duty;
} stmts;

/* A growable string for the ';'-joined unit names of one CSV cell. */
typedef struct strbuf {
	char *p;
	size_t len;
	size_t cap;
} strbuf;

static lz_status db_fail(sqlite3 *db, int rc, lz_err *err)
{
	lz_status code = (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) ? LZ_BUSY : LZ_INTERNAL;
	return lz_fail(err, code, _("reading the plan's catalog: %s"), sqlite3_errmsg(db));
}

static const char *col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? (const char *)s : "";
}

static int strbuf_add(strbuf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (b->len + n + 1 > cap)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
	return 0;
}

/* Joins with ';', the separator the design gives for several values in a cell. */
static lz_status join_units(sqlite3 *db, sqlite3_stmt *st, int task, const char *role,
			    strbuf *b, lz_err *err)
{
	int rc;

	b->len = 0;
	if (strbuf_add(b, "") != 0)
		return lz_fail(err, LZ_INTERNAL, _("out of memory"));
	sqlite3_reset(st);
	if (sqlite3_bind_int(st, 1, task) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC) != SQLITE_OK)
		return db_fail(db, sqlite3_errcode(db), err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((b->len > 0 && strbuf_add(b, ";") != 0) || strbuf_add(b, col_text(st, 0)) != 0)
			return lz_fail(err, LZ_INTERNAL, _("out of memory"));
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, err);
	return LZ_OK;
}

/* RFC 4180: quote only a field that holds a comma, a quote or a line break. */
static void csv_field(FILE *out, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
	fputc(last ? '\n' : ',', out);
}

static void csv_int(FILE *out, int n)
{
	fprintf(out, "%d,", n);
}

static const char *holder_label(const char *holder)
{
	for (size_t i = 0; i < sizeof HOLDERS / sizeof HOLDERS[0]; i++)
		if (strcmp(HOLDERS[i].holder, holder) == 0)
			return _(HOLDERS[i].label);
	return holder;
}

static lz_status report_csv(sqlite3 *db, const stmts *s, FILE *out, lz_err *err)
{
	strbuf lead = { 0 }, co = { 0 };
	lz_status st = LZ_OK;
	int rc;

	/* Field names, not labels: scripts and tests read this header. */
	fputs("type,number,mechanism,holder,section,title,lead_units,co_units\n", out);
	while ((rc = sqlite3_step(s->task)) == SQLITE_ROW) {
		int num = sqlite3_column_int(s->task, 0);
		st = join_units(db, s->unit, num, "lead", &lead, err);
		if (st == LZ_OK)
			st = join_units(db, s->unit, num, "co", &co, err);
		if (st != LZ_OK)
			goto done;
		csv_field(out, "task", 0);
		csv_int(out, num);
		csv_field(out, col_text(s->task, 1), 0);
		csv_field(out, "", 0);
		csv_field(out, "", 0);
		csv_field(out, col_text(s->task, 3), 0);
		csv_field(out, lead.p, 0);
		csv_field(out, co.p, 1);
	}
	if (rc != SQLITE_DONE) {
		st = db_fail(db, rc, err);
		goto done;
	}
	while ((rc = sqlite3_step(s->duty)) == SQLITE_ROW) {
		csv_field(out, "duty", 0);
		csv_int(out, sqlite3_column_int(s->duty, 1));
		csv_field(out, "", 0);
		csv_field(out, col_text(s->duty, 0), 0);
		csv_field(out, col_text(s->duty, 2), 0);
		csv_field(out, col_text(s->duty, 3), 0);
		csv_field(out, "", 0);
		csv_field(out, "", 1);
	}
	if (rc != SQLITE_DONE)
		st = db_fail(db, rc, err);
done:
	free(lead.p);
	free(co.p);
	return st;
}

/* Lead and co-units are shown as the plan words them (with its 等, "and
 * others"), which tells a reader more than the split names do. */
static lz_status report_text(sqlite3 *db, const stmts *s, FILE *out, lz_err *err)
{
	char mech[16] = "";
	char holder[16] = "";
	int rc;

	fprintf(out, "%s\n", _("Work tasks"));
	while ((rc = sqlite3_step(s->task)) == SQLITE_ROW) {
		const char *m = col_text(s->task, 1);
		if (strcmp(m, mech) != 0) {
			fprintf(out, "\n%s %s\n", m, col_text(s->task, 2));
			snprintf(mech, sizeof mech, "%s", m);
		}
		fprintf(out, "  %d. %s\n", sqlite3_column_int(s->task, 0), col_text(s->task, 3));
		fprintf(out, "     %s: %s\n", _("Lead units"), col_text(s->task, 4));
		fprintf(out, "     %s: %s\n", _("Co-units"), col_text(s->task, 5));
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, err);

	fprintf(out, "\n%s\n", _("Responsibilities"));
	while ((rc = sqlite3_step(s->duty)) == SQLITE_ROW) {
		const char *h = col_text(s->duty, 0);
		if (strcmp(h, holder) != 0) {
			fprintf(out, "\n%s\n", holder_label(h));
			snprintf(holder, sizeof holder, "%s", h);
		}
		fprintf(out, "  %d. %s  [%s]\n", sqlite3_column_int(s->duty, 1),
			col_text(s->duty, 3), col_text(s->duty, 2));
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, err);
	return LZ_OK;
}

lz_status catalog_report(sqlite3 *db, FILE *out, int csv, lz_err *err)
{
	stmts s = { NULL, NULL, NULL };
	lz_status st;

	if (sqlite3_prepare_v2(db, SQL_TASKS, -1, &s.task, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, SQL_UNITS, -1, &s.unit, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, SQL_DUTIES, -1, &s.duty, NULL) != SQLITE_OK) {
		st = db_fail(db, sqlite3_errcode(db), err);
		goto done;
	}
	st = csv ? report_csv(db, &s, out, err) : report_text(db, &s, out, err);
	if (st == LZ_OK) {
		errno = 0;
		if (fflush(out) != 0 || ferror(out))
			st = lz_fail(err, LZ_IO, _("writing the catalog: %s"),
				     errno ? strerror(errno) : _("output error"));
	}
done:
	sqlite3_finalize(s.task);
	sqlite3_finalize(s.unit);
	sqlite3_finalize(s.duty);
	return st;
}

lz_status catalog_task_title(sqlite3 *db, int num, char *out, size_t outsz, lz_err *err)
{
	sqlite3_stmt *st = NULL;
	lz_status code = LZ_OK;
	int rc;

	if (sqlite3_prepare_v2(db, SQL_TITLE, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, num) != SQLITE_OK) {
		code = db_fail(db, sqlite3_errcode(db), err);
		goto done;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		code = lz_fail(err, LZ_USAGE, _("the plan has no task %d"), num);
	} else if (rc != SQLITE_ROW) {
		code = db_fail(db, rc, err);
	} else {
		const char *title = col_text(st, 0);
		size_t n = strlen(title);
		/* Cutting UTF-8 could split a character: refuse rather than truncate. */
		if (!out || n >= outsz)
			code = lz_fail(err, LZ_INTERNAL,
				       _("task %d title needs %zu bytes, the buffer has %zu"),
				       num, n + 1, out ? outsz : 0);
		else
			memcpy(out, title, n + 1);
	}
done:
	sqlite3_finalize(st);
	return code;
}

int catalog_mechanism_of(int task)
{
	for (int m = 0; m < CATALOG_MECHANISMS; m++)
		if (task >= MECHANISM_FIRST[m] && task < MECHANISM_FIRST[m + 1])
			return m;
	return -1;
}
