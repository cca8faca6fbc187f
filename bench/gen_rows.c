/* gen_rows.c — rows of any kind from its descriptor (see gen.h).
 *
 * Keys: the fields of the kind's first key are laid out on a grid (cadres ×
 * days × enum choices …) and row i takes cell perm(i), where perm is an
 * affine bijection of [0, cells): no two rows share a key, and neighbouring
 * rows land far apart. A text field in the key instead carries the row
 * number, which alone keeps rows apart. */
#include "gen_priv.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_data.h"

enum dim_type { DIM_PERSON, DIM_UNIT, DIM_DATE, DIM_YEAR, DIM_PERIOD, DIM_ENUM, DIM_SERIAL };

typedef struct dim {
	int field;
	enum dim_type type;
	long n;
} dim;

struct gen {
	const kind *k;
	const gen_kind_spec *spec;
	gen_cfg cfg;
	int kindno;
	int ncols, col[GEN_MAXF];
	int vocab;                      /* field index, or -1 */
	long vcount[GEN_VOCAB_N];
	uint64_t va[GEN_VOCAB_N], vb[GEN_VOCAB_N];
	int ndims;
	dim dims[KIND_MAX_KEYFIELDS];
	int serial;                     /* a text field in the key numbers the rows */
	long cap;                       /* grid cells (LONG_MAX with a serial) */
	uint64_t pa, pb;                /* perm(i) = (i * pa + pb) mod cap */
	int from_person[GEN_MAXF];      /* unit field filled from this person field, or -1 */
	int first_person;               /* the first person reference, or -1 */
	int in_key[GEN_MAXF];
	int first_day, ndays;
	char (*dates)[11];              /* "YYYY-MM-DD" of first_day + n */
	gen_rowbuf row;
	struct { const char *name; int f; } seen[GEN_MAXF];   /* field names the touches used */
	int nseen;
};

/* --- vocabulary ------------------------------------------------------------- */

/* Characters found in no name pool, unit, post or phrase of the generator. */
const gen_word gen_vocab[GEN_VOCAB_N] = {
	{ "翡翠湾", 100 }, { "琥珀巷", 1000 }, { "玛瑙泉", 10000 },
	{ "鹦鹉", 100 }, { "孔雀", 1000 }, { "麒麟", 10000 },
};

long gen_vocab_rows(const gen_word *w, long rows)
{
	return (long)((__int128)rows * w->per_million / 1000000);
}

/* --- random numbers and days ------------------------------------------------------ */

static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= UINT64_C(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}

uint64_t gen_rand(gen_rowbuf *r)
{
	return demo_rng_next(&r->rng);
}

uint32_t gen_below(gen_rowbuf *r, uint32_t n)
{
	return demo_rng_below(&r->rng, n);
}

/* Howard Hinnant's days_from_civil and civil_from_days. */
int gen_days(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

void gen_ymd(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)yoe + era * 400 + (*m <= 2);
}

int gen_today(void)
{
	static int today = -1;
	if (today < 0)
		today = gen_days(GEN_TODAY_Y, GEN_TODAY_M, GEN_TODAY_D);
	return today;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* A multiplier near the golden ratio of n that is coprime to n. */
static uint64_t coprime_near(uint64_t n, uint64_t salt)
{
	if (n <= 1)
		return 1;
	uint64_t a = (uint64_t)((double)n * 0.6180339887) + salt % 97;
	a = a % n;
	if (a == 0)
		a = 1;
	while (gcd64(a, n) != 1)
		a = a + 1 == n ? 1 : a + 1;
	return a;
}

/* --- values --------------------------------------------------------------------- */

const gen_cfg *gen_config(const gen *g)
{
	return &g->cfg;
}

/* The touches name fields by string literals: remembered by address, as a
 * case's fifteen dates looked up by name made it four times slower. */
static int field_at(const gen *cg, const char *name)
{
	gen *g = (gen *)cg;
	for (int i = 0; i < g->nseen; i++)
		if (g->seen[i].name == name)
			return g->seen[i].f;
	int f = kind_field_index(g->k, name);
	if (g->nseen < GEN_MAXF) {
		g->seen[g->nseen].name = name;
		g->seen[g->nseen++].f = f;
	}
	return f;
}

void gen_set(const gen *g, gen_rowbuf *r, const char *name, const char *v)
{
	int f = field_at(g, name);
	if (f < 0)
		return;
	snprintf(r->v[f], GEN_VAL, "%s", v ? v : "");
	if (g->k->fields[f].type == KF_DATE && (!v || !*v))
		r->day[f] = -1;
}

static void put_day(const gen *g, gen_rowbuf *r, int f, int day);

void gen_set_day(const gen *g, gen_rowbuf *r, const char *name, int day)
{
	int f = field_at(g, name);
	if (f < 0)
		return;
	if (day < 0) {
		r->v[f][0] = '\0';
		r->day[f] = -1;
		return;
	}
	put_day(g, r, f, day);
}

const char *gen_get(const gen *g, const gen_rowbuf *r, const char *name)
{
	int f = field_at(g, name);
	return f < 0 ? "" : r->v[f];
}

static void put_day(const gen *g, gen_rowbuf *r, int f, int day)
{
	if (day > gen_today())
		day = gen_today();
	if (day < g->first_day)
		day = g->first_day;
	memcpy(r->v[f], g->dates[day - g->first_day], 11);
	r->day[f] = day;
}

static long nchoices(const char *const *c)
{
	long n = 0;
	while (c && c[n])
		n++;
	return n;
}

static int is_person_ref(const kind_field *f)
{
	return f->type == KF_REF && strcmp(f->ref, "person") == 0;
}

static int is_unit_ref(const kind_field *f)
{
	return f->type == KF_REF && strcmp(f->ref, "unit") == 0;
}

/* --- opening ----------------------------------------------------------------------- */

static int outputs(const kind_field *f)
{
	return !(f->flags & (KF_DERIVED | KF_READONLY));
}

int gen_supported(const kind *k)
{
	if (k->system || k->owner == KO_ADMIN || !gen_spec(k->name))
		return 0;
	for (int f = 0; f < k->nfields; f++) {
		const kind_field *fd = &k->fields[f];
		if (outputs(fd) && fd->type == KF_REF && (fd->flags & KF_REQUIRED) && !is_person_ref(fd) &&
		    !is_unit_ref(fd))
			return 0;
	}
	return 1;
}

static lz_status plan_key(gen *g, lz_err *err)
{
	const kind *k = g->k;
	__int128 cap = 1;
	for (const char *const *kf = k->keys[0]; *kf; kf++) {
		int f = kind_field_index(k, *kf);
		const kind_field *fd = &k->fields[f];
		g->in_key[f] = 1;
		if (g->from_person[f] >= 0)
			continue;   /* follows the cadre */
		dim d = { f, DIM_SERIAL, 0 };
		if (is_person_ref(fd))
			d.type = DIM_PERSON, d.n = g->cfg.people;
		else if (is_unit_ref(fd))
			d.type = DIM_UNIT, d.n = (long)g->cfg.units->n;
		else if (fd->type == KF_DATE)
			d.type = DIM_DATE, d.n = gen_today() - g->first_day + 1;
		else if (fd->type == KF_YEAR)
			d.type = DIM_YEAR, d.n = GEN_LAST_YEAR - GEN_FIRST_YEAR + 1;
		else if (fd->type == KF_PERIOD)
			d.type = DIM_PERIOD, d.n = (GEN_LAST_YEAR - GEN_FIRST_YEAR) * 12 + GEN_TODAY_M;
		else if (fd->type == KF_ENUM)
			d.type = DIM_ENUM, d.n = nchoices(fd->choices);
		else if (fd->type == KF_TEXT)
			g->serial = 1;
		else
			return lz_fail(err, LZ_USAGE, "kind %s: key field %s cannot be generated", k->name, fd->name);
		if (d.type != DIM_SERIAL) {
			if (d.n <= 0)
				return lz_fail(err, LZ_USAGE, "kind %s: no values for key field %s (no units or people?)",
					       k->name, fd->name);
			cap *= d.n;
		}
		g->dims[g->ndims++] = d;
	}
	g->cap = g->serial ? LONG_MAX : cap > LONG_MAX ? LONG_MAX : (long)cap;
	if (g->cfg.rows > g->cap)
		return lz_fail(err, LZ_USAGE,
			       "kind %s holds at most %ld rows with distinct keys for %ld cadres and %zu units; %ld asked",
			       k->name, g->cap, g->cfg.people, g->cfg.units->n, g->cfg.rows);
	if (!g->serial) {
		g->pa = coprime_near((uint64_t)g->cap, g->cfg.seed + (uint64_t)g->kindno);
		g->pb = mix(g->cfg.seed ^ (uint64_t)g->kindno) % (uint64_t)g->cap;
	}
	return LZ_OK;
}

/* The searched text field the words go into: not a name or code others look
 * up, not unique; a key field (numbered, so still unique) only as a last resort. */
static int pick_vocab(const gen *g)
{
	const kind *k = g->k;
	for (int pass = 0; pass < 2; pass++)
		for (int f = 0; f < k->nfields; f++) {
			unsigned fl = k->fields[f].flags;
			if (k->fields[f].type == KF_TEXT && (fl & KF_SEARCH) && outputs(&k->fields[f]) &&
			    !(fl & (KF_LOOKUP | KF_UNIQUE)) && (pass || !g->in_key[f]))
				return f;
		}
	return -1;
}

lz_status gen_open(gen **out, const kind *k, const gen_cfg *cfg, lz_err *err)
{
	*out = NULL;
	if (!gen_supported(k))
		return lz_fail(err, LZ_USAGE, "kind %s cannot be generated", k->name);
	if (k->nfields > GEN_MAXF)
		return lz_fail(err, LZ_USAGE, "kind %s has too many fields", k->name);
	gen *g = calloc(1, sizeof *g);
	if (!g)
		return lz_fail(err, LZ_INTERNAL, "out of memory");
	g->k = k;
	g->spec = gen_spec(k->name);
	g->cfg = *cfg;
	for (int i = 0; kind_all[i]; i++)
		if (kind_all[i] == k)
			g->kindno = i + 1;
	g->first_day = gen_days(GEN_FIRST_YEAR, 1, 1);
	g->ndays = gen_today() - g->first_day + 1;
	g->dates = malloc((size_t)g->ndays * sizeof *g->dates);
	if (!g->dates) {
		gen_close(g);
		return lz_fail(err, LZ_INTERNAL, "out of memory");
	}
	for (int d = 0; d < g->ndays; d++) {
		int y, m, dd;
		gen_ymd(g->first_day + d, &y, &m, &dd);
		snprintf(g->dates[d], 11, "%04d-%02d-%02d", y % 10000, m % 100, dd % 100);
	}
	g->first_person = -1;
	for (int f = 0; f < k->nfields; f++) {
		g->from_person[f] = -1;
		if (g->first_person < 0 && is_person_ref(&k->fields[f]) && outputs(&k->fields[f]))
			g->first_person = f;
	}
	/* A unit liangze fills in from a cadre is written as that cadre's unit. */
	for (int f = 0; f < k->nfields; f++)
		if (is_unit_ref(&k->fields[f]) && (k->fields[f].flags & KF_AUTO) && g->first_person >= 0)
			g->from_person[f] = g->first_person;
	for (int f = 0; f < k->nfields; f++) {
		if (!outputs(&k->fields[f]))
			continue;
		/* The header must map back to this very field. */
		if (kind_field_by_header(k, k->fields[f].zh) != f) {
			gen_close(g);
			return lz_fail(err, LZ_INTERNAL, "kind %s: header %s is ambiguous", k->name, k->fields[f].zh);
		}
		g->col[g->ncols++] = f;
	}
	lz_status st = plan_key(g, err);
	if (st) {
		gen_close(g);
		return st;
	}
	g->vocab = pick_vocab(g);
	for (int w = 0; w < GEN_VOCAB_N; w++) {
		long n = cfg->rows > 0 ? cfg->rows : 1;
		g->vcount[w] = g->vocab >= 0 ? gen_vocab_rows(&gen_vocab[w], cfg->rows) : 0;
		g->va[w] = coprime_near((uint64_t)n, (uint64_t)w * 7919 + 13);
		g->vb[w] = mix(cfg->seed * 31 + (uint64_t)w) % (uint64_t)n;
	}
	*out = g;
	return LZ_OK;
}

void gen_close(gen *g)
{
	if (!g)
		return;
	free(g->dates);
	free(g);
}

const kind_field *gen_vocab_field(const gen *g)
{
	return g->vocab >= 0 ? &g->k->fields[g->vocab] : NULL;
}

long gen_capacity(const gen *g)
{
	return g->cap;
}

/* --- rows ---------------------------------------------------------------------------- */

static void set_person(const gen *g, gen_rowbuf *r, int f, long p)
{
	gen_person_code(p, r->v[f]);
	for (int u = 0; u < g->k->nfields; u++)
		if (g->from_person[u] == f)
			snprintf(r->v[u], GEN_VAL, "%s", g->cfg.units->u[gen_person_unit(g->cfg.units, p)].code);
}

static void set_key(gen *g, gen_rowbuf *r)
{
	uint64_t j = 0;
	if (!g->serial)
		j = (uint64_t)(((unsigned __int128)r->i * g->pa + g->pb) % (uint64_t)g->cap);
	for (int di = 0; di < g->ndims; di++) {
		dim *d = &g->dims[di];
		long x = 0;
		if (d->type != DIM_SERIAL) {
			if (g->serial) {
				x = (long)gen_below(r, (uint32_t)d->n);
			} else {
				x = (long)(j % (uint64_t)d->n);
				j /= (uint64_t)d->n;
			}
		}
		const kind_field *fd = &g->k->fields[d->field];
		char *v = r->v[d->field];
		switch (d->type) {
		case DIM_PERSON:
			set_person(g, r, d->field, x);
			break;
		case DIM_UNIT:
			snprintf(v, GEN_VAL, "%s", g->cfg.units->u[x].code);
			break;
		case DIM_DATE:
			put_day(g, r, d->field, g->first_day + (int)x);
			r->base = r->day[d->field];
			break;
		case DIM_YEAR: {
			int y = GEN_FIRST_YEAR + (int)x;
			snprintf(v, GEN_VAL, "%d", y);
			if (r->base < 0) {
				int from = gen_days(y, 1, 1), to = gen_days(y, 12, 31);
				if (to > gen_today())
					to = gen_today();
				r->base = from + (int)gen_below(r, (uint32_t)(to - from + 1));
			}
			break;
		}
		case DIM_PERIOD: {
			int y = GEN_FIRST_YEAR + (int)(x / 12), m = (int)(x % 12) + 1;
			snprintf(v, GEN_VAL, "%04d-%02d", y % 10000, m % 100);
			if (r->base < 0)
				r->base = gen_days(y, m, 1) + (int)gen_below(r, 28);
			break;
		}
		case DIM_ENUM:
			snprintf(v, GEN_VAL, "%s", fd->choices[x]);
			break;
		case DIM_SERIAL: {
			char t[GEN_VAL / 2];
			gen_text(r, 1, t, sizeof t);
			snprintf(v, GEN_VAL, "%s〔%ld〕", t, r->i + 1);
			break;
		}
		}
	}
}

static void fill_field(gen *g, gen_rowbuf *r, int f, int *prev_day, int *dated)
{
	const kind_field *fd = &g->k->fields[f];
	char *v = r->v[f];
	int req = (fd->flags & KF_REQUIRED) != 0;
	switch (fd->type) {
	case KF_TEXT:
		if (fd->flags & KF_UNIQUE)
			snprintf(v, GEN_VAL, "%s-%ld", g->k->name, r->i + 1);
		else if (req || f == g->vocab || gen_below(r, 2))
			gen_text(r, fd->flags & KF_SEARCH ? 2 + (int)gen_below(r, 2) : 1, v, GEN_VAL);
		break;
	case KF_INT:
		snprintf(v, GEN_VAL, "%u", gen_below(r, 10));
		break;
	case KF_DEC:
		snprintf(v, GEN_VAL, "%u.%02u", 60 + gen_below(r, 40), gen_below(r, 100));
		break;
	case KF_DATE:
		if (!*dated) {
			put_day(g, r, f, r->base);
			*dated = 1;
		} else if (req || gen_below(r, 10) < 7) {
			put_day(g, r, f, *prev_day + (int)gen_below(r, 41));
		} else {
			break;
		}
		*prev_day = r->day[f];
		break;
	case KF_PERIOD: {
		int y, m, d;
		gen_ymd(r->base, &y, &m, &d);
		snprintf(v, GEN_VAL, "%04d-%02d", y % 10000, m % 100);
		break;
	}
	case KF_YEAR: {
		int y, m, d;
		gen_ymd(r->base, &y, &m, &d);
		snprintf(v, GEN_VAL, "%d", y);
		break;
	}
	case KF_BOOL:
		snprintf(v, GEN_VAL, "%s", gen_below(r, 10) ? "否" : "是");
		break;
	case KF_ENUM:
		if (req || gen_below(r, 10) < 8)
			snprintf(v, GEN_VAL, "%s", fd->choices[gen_below(r, (uint32_t)nchoices(fd->choices))]);
		break;
	case KF_MULTI: {
		long n = nchoices(fd->choices);
		size_t len = 0;
		if (!n || (!req && gen_below(r, 2)))
			break;
		uint32_t take = 1 + gen_below(r, 3);
		for (long c = 0; c < n; c++)
			if (gen_below(r, (uint32_t)n) < take && len + strlen(fd->choices[c]) + 2 < GEN_VAL)
				len += (size_t)snprintf(v + len, GEN_VAL - len, "%s%s", len ? ";" : "", fd->choices[c]);
		if (!len)
			snprintf(v, GEN_VAL, "%s", fd->choices[gen_below(r, (uint32_t)n)]);
		break;
	}
	case KF_REF:
		if (is_person_ref(fd)) {
			if (req || f == g->first_person || gen_below(r, 2))
				set_person(g, r, f, (long)gen_below(r, (uint32_t)g->cfg.people));
		} else if (is_unit_ref(fd)) {
			if (req || gen_below(r, 2))
				snprintf(v, GEN_VAL, "%s", g->cfg.units->u[gen_below(r, (uint32_t)g->cfg.units->n)].code);
		}
		break;
	}
}

static void plant_vocab(gen *g, gen_rowbuf *r)
{
	if (g->vocab < 0)
		return;
	char *v = r->v[g->vocab];
	for (int w = 0; w < GEN_VOCAB_N; w++) {
		uint64_t x = (uint64_t)(((unsigned __int128)r->i * g->va[w] + g->vb[w]) % (uint64_t)g->cfg.rows);
		if ((long)x < g->vcount[w]) {
			size_t len = strlen(v);
			snprintf(v + len, GEN_VAL - len, "，%s", gen_vocab[w].word);
		}
	}
}

static void make_row(gen *g, long i)
{
	gen_rowbuf *r = &g->row;
	r->i = i;
	r->rng = mix(g->cfg.seed * UINT64_C(0x9e3779b97f4a7c15) + (uint64_t)g->kindno * UINT64_C(0x100000001b3) +
		     (uint64_t)i);
	r->base = -1;
	for (int f = 0; f < g->k->nfields; f++) {
		r->v[f][0] = '\0';
		r->day[f] = -1;
	}
	set_key(g, r);
	if (r->base < 0)
		r->base = g->first_day + (int)gen_below(r, (uint32_t)g->ndays);
	int prev_day = r->base, dated = 0;
	for (int c = 0; c < g->ncols; c++) {
		int f = g->col[c];
		if (g->in_key[f] && g->k->fields[f].type == KF_DATE) {
			prev_day = r->day[f];
			dated = 1;
			continue;
		}
		if (g->in_key[f] || g->from_person[f] >= 0 || r->v[f][0])
			continue;
		fill_field(g, r, f, &prev_day, &dated);
	}
	if (g->spec->fix)
		g->spec->fix(g, r);
	plant_vocab(g, r);
}

static void add_cell(sbuf *out, const char *v)
{
	if (!strpbrk(v, ",\"\r\n")) {
		sbuf_add(out, v);
		return;
	}
	sbuf_add(out, "\"");
	for (const char *p = v; *p; p++) {
		sbuf_addn(out, p, 1);
		if (*p == '"')
			sbuf_addn(out, p, 1);
	}
	sbuf_add(out, "\"");
}

void gen_header(gen *g, sbuf *out)
{
	for (int c = 0; c < g->ncols; c++) {
		if (c)
			sbuf_add(out, ",");
		add_cell(out, g->k->fields[g->col[c]].zh);
	}
	sbuf_add(out, "\n");
}

void gen_row(gen *g, long i, sbuf *out)
{
	make_row(g, i);
	for (int c = 0; c < g->ncols; c++) {
		if (c)
			sbuf_add(out, ",");
		add_cell(out, g->row.v[g->col[c]]);
	}
	sbuf_add(out, "\n");
}
