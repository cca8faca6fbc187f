/* browse.c — benchmark 3: the ledger screen of a kind, paged down to the end
 * and back, in this process, drawing into a headless terminal (ncurses
 * newterm on /dev/null, as tig's tests do). Each keypress is timed from the
 * key to the finished redraw. Beside it: the naive OFFSET query for the same
 * page at the start, the middle and the end.
 *   build/bench/browse DB KIND
 * prints "keyset start|middle|end|back p50 p99 presses", "end_key ms",
 * "offset start|middle|end ms" and "keyq start|middle|end ms" (the bare page
 * query by OFFSET and by keyset, best of 5), "rows N", "rss MB". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "list_priv.h"
#include "ui.h"

static double press(ui_app *app, ui_req req)
{
	double t0 = bench_ms();
	ui_result r = app->top->ops->key(app->top, req, 0);
	(void)r;
	ui_redraw(app);
	return bench_ms() - t0;
}

static void report(const char *what, double *v, int n)
{
	if (n <= 0)
		return;
	double *c = malloc((size_t)n * sizeof *c);
	memcpy(c, v, (size_t)n * sizeof *c);
	printf("keyset %s %.3f %.3f %d\n", what, bench_pct(c, n, 50), bench_pct(c, n, 99), n);
	free(c);
}

/* The naive page: ORDER BY the ledger's sort column with OFFSET. */
static double offset_page(session *s, const kind *k, long offset, int height)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s, id LIMIT %d OFFSET %ld", k->table, k->order, height, offset);
	double best = 1e9;
	for (int r = 0; r < 5; r++) {
		sqlite3_stmt *st;
		double t0 = bench_ms();
		if (sqlite3_prepare_v2(s->db.h, sql, -1, &st, NULL) != SQLITE_OK)
			return -1;
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		sqlite3_finalize(st);
		double t = bench_ms() - t0;
		best = t < best ? t : best;
	}
	return best;
}

/* The same page by keyset: after the row at offset-1, as the screen asks. */
static double keyset_page(session *s, const kind *k, long offset, int height)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT %s, id FROM %s ORDER BY %s, id LIMIT 1 OFFSET %ld", k->order, k->table, k->order,
		 offset > 0 ? offset - 1 : 0);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db.h, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		return -1;
	char *av = sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL : strdup((const char *)sqlite3_column_text(st, 0));
	long long aid = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE (%s, id) > (?1, ?2) ORDER BY %s, id LIMIT %d", k->table,
		 k->order, k->order, height);
	double best = 1e9;
	for (int r = 0; r < 5; r++) {
		double t0 = bench_ms();
		if (sqlite3_prepare_v2(s->db.h, sql, -1, &st, NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_text(st, 1, av ? av : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, offset > 0 ? aid : -1);
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		sqlite3_finalize(st);
		double t = bench_ms() - t0;
		best = t < best ? t : best;
	}
	free(av);
	return best;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: browse DB KIND\n");
		return 1;
	}
	const kind *k = kind_find(argv[2]);
	static ui_app app;
	lz_err e;
	char login[64];
	if (!k || session_whoami(NULL, login, sizeof login, &e) || session_open(&app.s, argv[1], login, false, NULL, &e)) {
		fprintf(stderr, "browse: %s\n", k ? e.msg : "unknown kind");
		return 7;
	}
	setenv("LINES", "50", 1);
	setenv("COLUMNS", "160", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm-256color", out, in);
	if (!scr) {
		fprintf(stderr, "browse: no terminal\n");
		return 7;
	}
	set_term(scr);
	double t0 = bench_ms();
	ui_push(&app, list_open(&app, k, NULL, NULL, NULL));
	ui_redraw(&app);
	double open_ms = bench_ms() - t0;
	list *l = (list *)app.top;
	long total = (long)l->total;
	int height = l->height;
	long pages = total / (height > 0 ? height : 1) + 2;
	double *down = calloc((size_t)pages, sizeof *down), *up = calloc((size_t)pages, sizeof *up);
	int nd = 0, nu = 0;
	while (nd < pages) {
		long before = l->first_pos + l->cur;
		down[nd++] = press(&app, REQ_PGDN);
		if (l->first_pos + l->cur == before)
			break;
	}
	while (nu < pages) {
		long before = l->first_pos + l->cur;
		up[nu++] = press(&app, REQ_PGUP);
		if (l->first_pos + l->cur == before)
			break;
	}
	int w = nd / 10 > 5 ? nd / 10 : (nd < 5 ? nd : 5);
	report("start", down, w);
	report("middle", down + nd / 2 - w / 2, w);
	report("end", down + nd - w, w);
	report("back", up, nu);
	double endk = press(&app, REQ_END);
	double homek = press(&app, REQ_HOME);
	printf("open %.3f\nend_key %.3f\nhome_key %.3f\n", open_ms, endk, homek);
	printf("offset start %.3f\noffset middle %.3f\noffset end %.3f\n", offset_page(&app.s, k, 0, height),
	       offset_page(&app.s, k, total / 2, height), offset_page(&app.s, k, total - height, height));
	printf("keyq start %.3f\nkeyq middle %.3f\nkeyq end %.3f\n", keyset_page(&app.s, k, 0, height),
	       keyset_page(&app.s, k, total / 2, height), keyset_page(&app.s, k, total - height, height));
	printf("rows %ld\nheight %d\n", total, height);
	while (app.top) {
		ui_screen *sc = app.top;
		app.top = sc->below;
		sc->ops->free(sc);
	}
	endwin();
	delscreen(scr);
	printf("rss %.1f\n", bench_peak_mb());
	session_close(&app.s);
	free(down);
	free(up);
	return 0;
}
