/* cli_data.c — records on the command line: kinds, list, import, export. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "i18n.h"
#include "import.h"
#include "query.h"
#include "sbuf.h"
#include "settings.h"
#include "textout.h"

static lz_status want_kind(const cli_cmd *c, int pos, const kind **k, lz_err *err)
{
	if (c->npos <= pos)
		return lz_fail(err, LZ_USAGE, "%s", _("which kind? (see: liangze kinds)"));
	*k = kind_find(c->pos[pos]);
	if (!*k)
		return lz_fail(err, LZ_USAGE, _("unknown kind '%s' (see: liangze kinds)"), c->pos[pos]);
	return LZ_OK;
}

static lz_status want_format(const cli_cmd *c, int *csv, lz_err *err)
{
	const char *f = cli_opt(c, "--format");
	*csv = 0;
	if (!f || strcmp(f, "text") == 0)
		return LZ_OK;
	if (strcmp(f, "csv") == 0) {
		*csv = 1;
		return LZ_OK;
	}
	return lz_fail(err, LZ_USAGE, _("--format takes text or csv, not '%s'"), f);
}

lz_status cli_kinds(const cli_cmd *c, lz_err *err)
{
	int csv;
	lz_status st = want_format(c, &csv, err);
	if (st)
		return st;
	textout_table t;
	if (c->npos < 2) {
		const char *hdr[] = { _("kind"), _("Chinese"), _("English name"), _("import key") };
		textout_init(&t, 4, hdr);
		for (int i = 0; kind_all[i]; i++) {
			const kind *k = kind_all[i];
			sbuf key = { 0 };
			for (int j = 0; j < KIND_MAX_KEYS && k->keys[j][0]; j++) {
				if (j)
					sbuf_add(&key, _(", else "));
				for (const char *const *f = k->keys[j]; *f; f++)
					sbuf_printf(&key, "%s%s", f == k->keys[j] ? "" : "+", *f);
			}
			/* The label untranslated: in Chinese, _(label) would only repeat k->zh. */
			const char *row[] = { k->name, k->zh, k->label, sbuf_str(&key) };
			textout_add(&t, row);
			sbuf_free(&key);
		}
		textout_print(&t, stdout, csv);
		return LZ_OK;
	}
	const kind *k;
	if ((st = want_kind(c, 1, &k, err)))
		return st;
	const char *hdr[] = { _("column"), _("label"), _("type"), _("required"), _("notes") };
	textout_init(&t, 5, hdr);
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		sbuf notes = { 0 };
		if (f->type == KF_ENUM || (f->type == KF_MULTI && f->choices))
			for (const char *const *ch = f->choices; *ch; ch++)
				sbuf_printf(&notes, "%s%s", ch == f->choices ? "" : " / ", *ch);
		if (f->type == KF_REF)
			sbuf_printf(&notes, _("code or name of a %s"), kind_find(f->ref)->zh);
		if (f->flags & KF_UNIQUE)
			sbuf_printf(&notes, "%s%s", notes.len ? "; " : "", _("unique"));
		if (f->help)
			sbuf_printf(&notes, "%s%s", notes.len ? "; " : "", _(f->help));
		const char *row[] = { f->name, f->zh, _(kind_type_label(f->type)),
				      (f->flags & KF_REQUIRED) ? _("yes") : "", sbuf_str(&notes) };
		textout_add(&t, row);
		sbuf_free(&notes);
	}
	textout_print(&t, stdout, csv);
	return LZ_OK;
}

/* --year, --unit, --search, --order, --desc into a filter. */
static lz_status read_filter(const cli_cmd *c, session *s, query_filter *f, lz_err *err)
{
	memset(f, 0, sizeof *f);
	f->year = cli_opt(c, "--year");
	f->search = cli_opt(c, "--search");
	f->order = cli_opt(c, "--order");
	f->desc = cli_flag(c, "--desc");
	if (f->year && (strlen(f->year) != 4 || strspn(f->year, "0123456789") != 4))
		return lz_fail(err, LZ_USAGE, _("--year takes a year like 2026, not '%s'"), f->year);
	/* The dashboard's filters by standing against the due date. */
	const char *due = cli_opt(c, "--due");
	if (due) {
		static const char *const names[] = { "", "open", "late", "soon", "closed" };
		for (int i = QD_OPEN; i <= QD_CLOSED; i++)
			if (strcmp(due, names[i]) == 0)
				f->due = (query_due)i;
		if (f->due == QD_ANY)
			return lz_fail(err, LZ_USAGE, _("--due takes open, late, soon or closed, not '%s'"), due);
		lz_status st = settings_get_int(s, "warn_days", &f->warn_days, err);
		if (st)
			return st;
	}
	const char *u = cli_opt(c, "--unit");
	if (u)
		return cli_unit(s, u, &f->unit, err);
	return LZ_OK;
}

lz_status cli_list(const cli_cmd *c, lz_err *err)
{
	const kind *k;
	int csv;
	lz_status st = want_kind(c, 1, &k, err);
	if (st || (st = want_format(c, &csv, err)))
		return st;
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	query_filter f;
	query_cursor *cur = NULL;
	if ((st = read_filter(c, &s, &f, err)))
		goto out;
	const char *lim = cli_opt(c, "--limit");
	if (lim && (strspn(lim, "0123456789") != strlen(lim) || !*lim || strlen(lim) > 9)) {
		st = lz_fail(err, LZ_USAGE, _("--limit takes a number of rows, not '%s'"), lim);
		goto out;
	}
	f.limit = lim ? atoi(lim) : 0;
	const char **hdr = calloc((size_t)k->nfields + 1, sizeof *hdr);
	const char **cells = calloc((size_t)k->nfields + 1, sizeof *cells);
	if (!hdr || !cells) {
		free(hdr);
		free(cells);
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		goto out;
	}
	hdr[0] = "id";
	for (int i = 0; i < k->nfields; i++)
		hdr[i + 1] = csv ? k->fields[i].name : k->fields[i].zh;
	textout_table t;
	textout_init(&t, k->nfields + 1, hdr);
	t.max_width = 40;
	if ((st = db_begin_read(&s.db, err)) == LZ_OK && (st = query_open(&s, k, &f, &cur, err)) == LZ_OK) {
		query_row row;
		int rc;
		char idbuf[24];
		while ((rc = query_next(cur, &row, err)) == 1) {
			snprintf(idbuf, sizeof idbuf, "%lld", (long long)row.id);
			cells[0] = idbuf;
			for (int i = 0; i < k->nfields; i++)
				cells[i + 1] = csv ? row.value[i] : row.shown[i];
			/* CSV keeps references readable: the name, not the id. */
			for (int i = 0; csv && i < k->nfields; i++)
				if (k->fields[i].type == KF_REF)
					cells[i + 1] = row.shown[i];
			textout_add(&t, cells);
		}
		if (rc < 0)
			st = err->code;
	}
	db_rollback(&s.db);
	if (!st)
		textout_print(&t, stdout, csv);
	else
		textout_clear(&t);
	free(hdr);
	free(cells);
out:
	query_close(cur);
	session_close(&s);
	return st;
}

lz_status cli_import(const cli_cmd *c, lz_err *err)
{
	const kind *k;
	lz_status st = want_kind(c, 1, &k, err);
	if (st)
		return st;
	if (c->npos < 3)
		return lz_fail(err, LZ_USAGE, _("import %s: which file?"), k->name);
	enc_kind enc = ENC_AUTO;
	const char *e = cli_opt(c, "--encoding");
	if (e && (st = enc_parse_name(e, &enc, err)))
		return st;
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	import_result r;
	bool dry = cli_flag(c, "--dry-run");
	st = import_file(&s, k, c->raw_pos[2], enc, dry, &r, err);
	if (st == LZ_OK)
		printf(dry ? _("%s: %ld rows (encoding %s) checked: would add %ld, update %ld, leave %ld unchanged; nothing written\n")
			   : _("%s: %ld rows (encoding %s): added %ld, updated %ld, unchanged %ld\n"),
		       c->pos[2], r.rows, enc_name(r.encoding), r.inserted, r.updated, r.unchanged);
	session_close(&s);
	return st;
}

lz_status cli_export(const cli_cmd *c, lz_err *err)
{
	const kind *k;
	lz_status st = want_kind(c, 1, &k, err);
	if (st)
		return st;
	const char *out = cli_opt(c, "-o");
	if (!out)
		return lz_fail(err, LZ_USAGE, "%s", _("export: name the file with -o FILE.xlsx or -o FILE.csv"));
	enc_kind enc = ENC_UTF8;
	const char *e = cli_opt(c, "--encoding");
	if (e && (st = enc_parse_name(e, &enc, err)))
		return st;
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	query_filter f;
	long rows = 0;
	if ((st = read_filter(c, &s, &f, err)) == LZ_OK &&
	    (st = export_kind(&s, k, &f, out, enc, &rows, err)) == LZ_OK)
		printf(_("%s: %ld rows written\n"), out, rows);
	session_close(&s);
	return st;
}
