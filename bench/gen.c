/* gen.c — deterministic CSV data for the benchmarks and the stress tests.
 *
 *   build/bench/gen --seed S --rows N --kind KIND [--encoding utf8|gb18030]
 *                   [--units FILE.csv] [--people P]
 *       N rows of KIND as CSV on stdout, with the kind's Chinese headers,
 *       importable by `liangze import KIND`. KIND unit writes the units
 *       (the demo district's, or those of --units) and ignores --rows;
 *       KIND person writes N cadres G000001..; every other kind refers to
 *       the cadres G000001..G<P> (P = --people, default 20000) and to the
 *       units by code, so import the person file first.
 *   build/bench/gen --plan DIR [--seed S] [--rows N] [--people P] [--units FILE.csv]
 *       The realistic set: DIR/utf8/KIND.csv and DIR/gb18030/KIND.csv for
 *       the units, P cadres and N records (default 1,000,000) spread over the
 *       kinds in the proportions of bench/gen_kinds.c, and DIR/plan.tsv:
 *       one line per file in import order — kind, rows, the field holding
 *       the vocabulary, and how many rows carry each word.
 *   build/bench/gen --vocab [--kind KIND --rows N]
 *       The planted search words (gen.h), one per line: word, rows per
 *       million, and for KIND and N the exact rows carrying it and the field.
 *
 * The same arguments always give the same bytes. Exit codes as liangze's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "enc.h"
#include "gen_priv.h"
#include "kinds_master.h"

#define FLUSH_AT (1u << 20)

typedef struct sink {
	FILE *utf8, *gb;      /* either may be NULL */
	const char *utf8_name, *gb_name;
} sink;

static lz_status flush(sink *o, sbuf *b, lz_err *err)
{
	if (b->oom)
		return lz_fail(err, LZ_INTERNAL, "out of memory");
	if (!b->len)
		return LZ_OK;
	if (o->utf8 && fwrite(b->s, 1, b->len, o->utf8) != b->len)
		return lz_fail(err, LZ_IO, "cannot write %s: %s", o->utf8_name, strerror(errno));
	if (o->gb) {
		char *conv = NULL;
		size_t clen = 0;
		lz_status st = enc_from_utf8(b->s, b->len, ENC_GB18030, &conv, &clen, err);
		if (st)
			return st;
		size_t w = fwrite(conv, 1, clen, o->gb);
		free(conv);
		if (w != clen)
			return lz_fail(err, LZ_IO, "cannot write %s: %s", o->gb_name, strerror(errno));
	}
	sbuf_reset(b);
	return LZ_OK;
}

static lz_status write_units(const gen_units *us, sink *o, lz_err *err)
{
	sbuf b = { 0 };
	sbuf_add(&b, "单位编码,单位名称,单位类别,上级单位\n");
	for (size_t i = 0; i < us->n; i++)
		sbuf_printf(&b, "%s,%s,%s,%s\n", us->u[i].code, us->u[i].name, us->u[i].category, us->u[i].parent);
	lz_status st = flush(o, &b, err);
	sbuf_free(&b);
	return st;
}

static lz_status write_kind(const kind *k, const gen_cfg *cfg, sink *o, lz_err *err)
{
	gen *g;
	lz_status st = gen_open(&g, k, cfg, err);
	if (st)
		return st;
	sbuf b = { 0 };
	gen_header(g, &b);
	for (long i = 0; i < cfg->rows && !st; i++) {
		gen_row(g, i, &b);
		if (b.len >= FLUSH_AT)
			st = flush(o, &b, err);
	}
	if (!st)
		st = flush(o, &b, err);
	sbuf_free(&b);
	gen_close(g);
	return st;
}

static lz_status open_pair(const char *dir, const char *name, sink *o, char *p1, char *p2, size_t sz, lz_err *err)
{
	snprintf(p1, sz, "%s/utf8/%s.csv", dir, name);
	snprintf(p2, sz, "%s/gb18030/%s.csv", dir, name);
	o->utf8 = fopen(p1, "wb");
	o->gb = fopen(p2, "wb");
	o->utf8_name = p1;
	o->gb_name = p2;
	if (!o->utf8 || !o->gb)
		return lz_fail(err, LZ_IO, "cannot create %s: %s", !o->utf8 ? p1 : p2, strerror(errno));
	return LZ_OK;
}

static lz_status close_pair(sink *o, lz_status st, lz_err *err)
{
	int bad = 0;
	if (o->utf8 && fclose(o->utf8) != 0)
		bad = 1;
	if (o->gb && fclose(o->gb) != 0)
		bad = 1;
	if (!st && bad)
		st = lz_fail(err, LZ_IO, "cannot write %s: %s", o->utf8_name, strerror(errno));
	return st;
}

static void plan_line(FILE *f, const char *name, long rows, const kind_field *vf)
{
	fprintf(f, "%s\t%ld\t%s", name, rows, vf ? vf->zh : "-");
	for (int w = 0; w < GEN_VOCAB_N; w++)
		fprintf(f, "\t%ld", vf ? gen_vocab_rows(&gen_vocab[w], rows) : 0);
	fprintf(f, "\n");
}

static lz_status plan(const char *dir, gen_cfg *base, lz_err *err)
{
	char p1[4096], p2[4096];
	snprintf(p1, sizeof p1, "%s/utf8", dir);
	snprintf(p2, sizeof p2, "%s/gb18030", dir);
	if ((mkdir(dir, 0777) && errno != EEXIST) || (mkdir(p1, 0777) && errno != EEXIST) ||
	    (mkdir(p2, 0777) && errno != EEXIST))
		return lz_fail(err, LZ_IO, "cannot create %s: %s", dir, strerror(errno));
	snprintf(p1, sizeof p1, "%s/plan.tsv", dir);
	FILE *tsv = fopen(p1, "w");
	if (!tsv)
		return lz_fail(err, LZ_IO, "cannot create %s: %s", p1, strerror(errno));
	fprintf(tsv, "#kind\trows\tvocab_field");
	for (int w = 0; w < GEN_VOCAB_N; w++)
		fprintf(tsv, "\t%s", gen_vocab[w].word);
	fprintf(tsv, "\n");

	sink o = { 0 };
	lz_status st = open_pair(dir, "unit", &o, p1, p2, sizeof p1, err);
	if (!st)
		st = write_units(base->units, &o, err);
	st = close_pair(&o, st, err);
	plan_line(tsv, "unit", (long)base->units->n, NULL);

	/* Records: each kind its share, the rounding left over to the largest. */
	long total = base->rows, given = 0;
	const gen_kind_spec *largest = NULL;
	for (const gen_kind_spec *s = gen_kind_specs; s->name; s++) {
		given += total * s->share / 1000;
		if (!largest || s->share > largest->share)
			largest = s;
	}
	for (const gen_kind_spec *s = gen_kind_specs; s->name && !st; s++) {
		gen_cfg c = *base;
		c.rows = s->share ? total * s->share / 1000 + (s == largest ? total - given : 0) : base->people;
		if (c.rows <= 0)
			continue;
		const kind *k = kind_find(s->name);
		gen *g;
		if ((st = gen_open(&g, k, &c, err)))
			break;
		plan_line(tsv, s->name, c.rows, gen_vocab_field(g));
		gen_close(g);
		memset(&o, 0, sizeof o);
		st = open_pair(dir, s->name, &o, p1, p2, sizeof p1, err);
		if (!st)
			st = write_kind(k, &c, &o, err);
		st = close_pair(&o, st, err);
	}
	if (fclose(tsv) != 0 && !st)
		st = lz_fail(err, LZ_IO, "cannot write %s/plan.tsv: %s", dir, strerror(errno));
	return st;
}

static lz_status vocab(const char *kname, const gen_cfg *cfg, lz_err *err)
{
	const kind_field *vf = NULL;
	gen *g = NULL;
	if (kname) {
		lz_status st = gen_open(&g, kind_find(kname), cfg, err);
		if (st)
			return st;
		vf = gen_vocab_field(g);
	}
	for (int w = 0; w < GEN_VOCAB_N; w++) {
		printf("%s\t%ld", gen_vocab[w].word, gen_vocab[w].per_million);
		if (kname)
			printf("\t%ld\t%s", vf ? gen_vocab_rows(&gen_vocab[w], cfg->rows) : 0, vf ? vf->zh : "-");
		printf("\n");
	}
	gen_close(g);
	return LZ_OK;
}

static int usage(void)
{
	fprintf(stderr, "usage: gen --seed S --rows N --kind KIND [--encoding utf8|gb18030] [--units FILE.csv] [--people P]\n"
			"       gen --plan DIR [--seed S] [--rows N] [--people P] [--units FILE.csv]\n"
			"       gen --vocab [--kind KIND --rows N]\n"
			"kinds:");
	fprintf(stderr, " unit");
	for (const gen_kind_spec *s = gen_kind_specs; s->name; s++)
		fprintf(stderr, " %s", s->name);
	fprintf(stderr, "\n");
	return LZ_USAGE;
}

static int number(const char *s, long *out)
{
	char *e;
	errno = 0;
	long v = s ? strtol(s, &e, 10) : -1;
	if (!s || *e || errno || v < 0)
		return 0;
	*out = v;
	return 1;
}

int main(int argc, char **argv)
{
	const char *kname = NULL, *units_path = NULL, *plan_dir = NULL, *encname = "utf8";
	long seed = 1, rows = -1, people = 20000;
	int want_vocab = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int ok = 1;
		if (strcmp(a, "--vocab") == 0) {
			want_vocab = 1;
			continue;
		}
		if (strcmp(a, "--seed") == 0)
			ok = number(v, &seed);
		else if (strcmp(a, "--rows") == 0)
			ok = number(v, &rows);
		else if (strcmp(a, "--people") == 0)
			ok = number(v, &people) && people > 0;
		else if (strcmp(a, "--kind") == 0)
			kname = v;
		else if (strcmp(a, "--units") == 0)
			units_path = v;
		else if (strcmp(a, "--plan") == 0)
			plan_dir = v;
		else if (strcmp(a, "--encoding") == 0)
			encname = v;
		else
			ok = 0;
		if (!ok || !v) {
			fprintf(stderr, "gen: bad or missing value for %s\n", a);
			return usage();
		}
		i++;
	}
	enc_kind enc;
	lz_err err;
	if (!encname || enc_parse_name(encname, &enc, &err) || enc == ENC_AUTO) {
		fprintf(stderr, "gen: --encoding is utf8 or gb18030\n");
		return usage();
	}
	const kind *k = kname ? kind_find(kname) : NULL;
	if (kname && strcmp(kname, "unit") != 0 && (!k || !gen_supported(k))) {
		fprintf(stderr, "gen: cannot generate kind %s\n", kname);
		return usage();
	}
	if (!plan_dir && !want_vocab && (!kname || (rows < 0 && strcmp(kname, "unit") != 0)))
		return usage();

	gen_units us;
	lz_status st = units_path ? gen_units_load(&us, units_path, &err) : gen_units_demo(&us, &err);
	if (st) {
		fprintf(stderr, "gen: %s\n", err.msg);
		return st;
	}
	gen_cfg cfg = { .seed = (uint64_t)seed, .rows = rows < 0 ? 1000000 : rows, .people = people, .units = &us };
	if (want_vocab)
		st = vocab(kname && strcmp(kname, "unit") ? kname : NULL, &cfg, &err);
	else if (plan_dir)
		st = plan(plan_dir, &cfg, &err);
	else {
		sink o = { 0 };
		if (enc == ENC_GB18030)
			o.gb = stdout, o.gb_name = "stdout";
		else
			o.utf8 = stdout, o.utf8_name = "stdout";
		st = strcmp(kname, "unit") == 0 ? write_units(&us, &o, &err) : write_kind(k, &cfg, &o, &err);
		if (!st && fflush(stdout) != 0)
			st = lz_fail(&err, LZ_IO, "cannot write stdout: %s", strerror(errno));
	}
	gen_units_free(&us);
	if (st)
		fprintf(stderr, "gen: %s\n", err.msg);
	return st;
}
