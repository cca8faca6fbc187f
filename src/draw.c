/* draw.c — the draw module: SplitMix64, Lemire's bounded numbers, a partial
 * Fisher–Yates shuffle, and the audited draw row (see draw.h for why each). */
#include "draw.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "date.h"
#include "i18n.h"
#include "kind.h"
#include "kinds_plan.h"
#include "record.h"
#include "sbuf.h"

/* SplitMix64: the state moves by the golden-ratio increment, the output is
 * the state run through two xor-shift-multiply rounds. */
static uint64_t splitmix64_next(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A number in [0, bound), bound >= 1, every value equally likely (Lemire):
 * a 32-bit x times bound falls into one of bound slices of 2^32; the low
 * half tells whether x lies in the short remainder that would favour some
 * slices, and those x are drawn again. */
static uint32_t draw_below(uint64_t *state, uint32_t bound)
{
	uint64_t m = (uint64_t)(uint32_t)(splitmix64_next(state) >> 32) * bound;
	uint32_t low = (uint32_t)m;
	if (low < bound) {
		uint32_t threshold = (uint32_t)-bound % bound; /* 2^32 mod bound */
		while (low < threshold) {
			m = (uint64_t)(uint32_t)(splitmix64_next(state) >> 32) * bound;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

bool draw_seed_valid(const char *seed)
{
	if (!seed || strlen(seed) != DRAW_SEED_LEN)
		return false;
	for (const char *p = seed; *p; p++)
		if (!strchr("0123456789abcdefABCDEF", *p))
			return false;
	return true;
}

lz_status draw_new_seed(char out[DRAW_SEED_LEN + 1], lz_err *err)
{
	uint64_t v = 0;
	unsigned char b[8];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return lz_fail(err, LZ_IO, _("cannot get random numbers from the system: %s"), strerror(errno));
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof b; i++)
		v = v << 8 | b[i];
	snprintf(out, DRAW_SEED_LEN + 1, "%016llx", (unsigned long long)v);
	return LZ_OK;
}

bool draw_replay(const char *seed, int n, int count, int *picked)
{
	if (!draw_seed_valid(seed) || n <= 0 || count <= 0 || count > n)
		return false;
	uint64_t state = strtoull(seed, NULL, 16);
	int *pos = malloc((size_t)n * sizeof *pos);
	if (!pos)
		return false;
	for (int i = 0; i < n; i++)
		pos[i] = i;
	for (int i = 0; i < count; i++) {
		int j = i + (int)draw_below(&state, (uint32_t)(n - i));
		int t = pos[i];
		pos[i] = pos[j];
		pos[j] = t;
		picked[i] = pos[i];
	}
	free(pos);
	return true;
}

/* Appends t with the separator ';' turned into '；', so an entry stays one entry. */
static void add_clean(sbuf *b, const char *t)
{
	for (const char *p = t ? t : ""; *p; p++) {
		if (*p == ';')
			sbuf_add(b, "；");
		else
			sbuf_addn(b, p, 1);
	}
}

char *draw_item_text(const draw_item *item)
{
	sbuf b = { 0 };
	if (item->code && *item->code)
		add_clean(&b, item->code);
	else
		sbuf_printf(&b, "#%lld", (long long)item->id);
	sbuf_add(&b, " ");
	add_clean(&b, item->name);
	return sbuf_take(&b);
}

void draw_result_free(draw_result *out)
{
	if (!out)
		return;
	free(out->picked);
	out->picked = NULL;
}

void draw_pool_free(draw_item *pool, int n)
{
	for (int i = 0; pool && i < n; i++) {
		free(pool[i].code);
		free(pool[i].name);
	}
	free(pool);
}

/* The earlier draw a redraw replaces: it exists, was for the same purpose and
 * has not been drawn again already (redraws form one line, never a tree). */
static lz_status check_redraw(session *s, const char *purpose, int64_t redraw_of, const char *reason, lz_err *err)
{
	char *why = reason ? strdup(reason) : NULL;
	bool empty = !why || !*kind_trim(why);
	free(why);
	if (empty)
		return lz_fail(err, LZ_BAD, _("drawing again (instead of draw %lld) needs a reason"), (long long)redraw_of);
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT d.purpose, (SELECT min(n.id) FROM draw n WHERE n.redraw_of = d.id) FROM draw d WHERE d.id = ?",
				  &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, redraw_of);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_DONE)
		st = lz_fail(err, LZ_BAD, _("there is no draw %lld to draw again"), (long long)redraw_of);
	else if (rc != SQLITE_ROW)
		st = db_error(&s->db, rc, _("reading draws"), err);
	else if (strcmp((const char *)sqlite3_column_text(q, 0), purpose) != 0)
		st = lz_fail(err, LZ_BAD, _("draw %lld was for '%s', not for '%s': a redraw repeats the same draw"),
			     (long long)redraw_of, (const char *)sqlite3_column_text(q, 0), purpose);
	else if (sqlite3_column_type(q, 1) != SQLITE_NULL)
		st = lz_fail(err, LZ_BAD, _("draw %lld was already drawn again as draw %lld; draw that one again instead"),
			     (long long)redraw_of, (long long)sqlite3_column_int64(q, 1));
	sqlite3_finalize(q);
	return st;
}

/* The entries of pool named by positions (all of them when positions is
 * NULL), joined by ';'. */
static char *join_items(const draw_item *pool, int n, const int *positions)
{
	sbuf b = { 0 };
	for (int i = 0; i < n; i++) {
		char *t = draw_item_text(&pool[positions ? positions[i] : i]);
		if (i)
			sbuf_add(&b, ";");
		sbuf_add(&b, t ? t : "");
		free(t);
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return n ? sbuf_take(&b) : strdup("");
}

lz_status draw_run_in(session *s, const char *purpose, const draw_item *pool, int n, int count, int64_t redraw_of,
		      const char *reason, draw_result *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	record *r = record_new(&kind_draw);
	char *pool_text = NULL, *result_text = NULL;
	lz_status st;
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	record_set_named(r, "purpose", purpose);
	/* Who may draw is asked first: a viewer hears that, not what else is wrong. */
	if ((st = record_check_write(s, NULL, r, err)))
		goto out;
	if (n <= 0) {
		st = lz_fail(err, LZ_BAD, _("%s: there is nothing to draw from"), purpose);
		goto out;
	}
	if (count <= 0 || count > n) {
		st = lz_fail(err, LZ_BAD, _("%s: cannot draw %d of %d"), purpose, count, n);
		goto out;
	}
	if (redraw_of && (st = check_redraw(s, purpose, redraw_of, reason, err)))
		goto out;
	out->picked = malloc((size_t)count * sizeof *out->picked);
	if (!out->picked) {
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		goto out;
	}
	if ((st = draw_new_seed(out->seed, err)))
		goto out;
	if (!draw_replay(out->seed, n, count, out->picked)) {
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		goto out;
	}
	pool_text = join_items(pool, n, NULL);
	result_text = join_items(pool, count, out->picked);
	if (!pool_text || !result_text) {
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		goto out;
	}
	char num[24], redraw[24], now[20];
	snprintf(num, sizeof num, "%d", count);
	snprintf(redraw, sizeof redraw, "%lld", (long long)redraw_of);
	date_now_stamp(now);
	record_set_named(r, "pool", pool_text);
	record_set_named(r, "seed", out->seed);
	record_set_named(r, "count", num);
	record_set_named(r, "result", result_text);
	record_set_named(r, "redraw_of", redraw_of ? redraw : NULL);
	record_set_named(r, "reason", redraw_of ? reason : NULL);
	record_set_named(r, "drawn_at", now);
	record_set_named(r, "drawn_by", s->login);
	if ((st = record_save_in(s, r, err)))
		goto out;
	out->id = r->id;
	out->n = n;
	out->count = count;
out:
	if (st)
		draw_result_free(out);
	free(pool_text);
	free(result_text);
	record_free(r);
	return st;
}

lz_status draw_run(session *s, const char *purpose, const draw_item *pool, int n, int count, int64_t redraw_of,
		   const char *reason, draw_result *out, lz_err *err)
{
	lz_status st = db_begin_write(&s->db, err);
	if (st)
		return st;
	if ((st = draw_run_in(s, purpose, pool, n, count, redraw_of, reason, out, err))) {
		db_rollback(&s->db);
		return st;
	}
	if ((st = db_commit(&s->db, err)))
		draw_result_free(out);
	return st;
}

/* Splits a stored pool into its entries (pointers into text, which is cut up). */
static int split_pool(char *text, char ***out)
{
	int n = *text ? 1 : 0;
	for (char *p = text; *p; p++)
		n += *p == ';';
	*out = calloc((size_t)(n ? n : 1), sizeof **out);
	if (!*out)
		return -1;
	int i = 0;
	for (char *p = text, *start = text; n; p++) {
		if (*p == ';' || !*p) {
			(*out)[i++] = start;
			if (!*p)
				break;
			*p = '\0';
			start = p + 1;
		}
	}
	return n;
}

static lz_status compare_replay(int64_t id, char *pool, const char *seed, int count, const char *result, lz_err *err)
{
	char **items = NULL;
	int n = split_pool(pool, &items);
	int *picked = count > 0 && n > 0 && count <= n ? malloc((size_t)count * sizeof *picked) : NULL;
	lz_status st = LZ_OK;
	if (n < 0) {
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	} else if (!picked || !draw_replay(seed, n, count, picked)) {
		st = lz_fail(err, LZ_DAMAGE, _("draw %lld cannot be replayed: seed '%s', %d drawn of a pool of %d"),
			     (long long)id, seed, count, n);
	} else {
		sbuf b = { 0 };
		for (int i = 0; i < count; i++) {
			if (i)
				sbuf_add(&b, ";");
			sbuf_add(&b, items[picked[i]]);
		}
		if (strcmp(sbuf_str(&b), result) != 0)
			st = lz_fail(err, LZ_DAMAGE, _("draw %lld does not replay: it records '%s', but its seed %s draws '%s'"),
				     (long long)id, result, seed, sbuf_str(&b));
		sbuf_free(&b);
	}
	free(picked);
	free(items);
	return st;
}

lz_status draw_verify(session *s, int64_t id, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "SELECT pool, seed, count, result FROM draw WHERE id = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(q, 0);
		const char *seed = (const char *)sqlite3_column_text(q, 1);
		const char *result = (const char *)sqlite3_column_text(q, 3);
		char *pool = strdup(p ? p : "");
		if (!pool)
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		else
			st = compare_replay(id, pool, seed ? seed : "", sqlite3_column_int(q, 2), result ? result : "", err);
		free(pool);
	} else if (rc == SQLITE_DONE) {
		st = lz_fail(err, LZ_BAD, _("there is no draw %lld"), (long long)id);
	} else {
		st = db_error(&s->db, rc, _("reading draws"), err);
	}
	sqlite3_finalize(q);
	return st;
}
