/* search.c — benchmark 4: the first page of a ledger search for the planted
 * vocabulary words (bench/gen.h), through the index and by the plain scan
 * (LIANGZE_SEARCH_SCAN), alternated, on one database.
 *   build/bench/search DB KIND PAGE REPS
 * prints one line per word: word per_million hits p50 p99 scan_p50 scan_min,
 * then "rss MB". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "gen.h"
#include "query.h"
#include "session.h"

/* Reads the first page; returns its time in ms, *hits the rows. */
static double first_page(session *s, const kind *k, const char *word, int page, int *hits)
{
	query_filter f = { .search = word, .limit = page };
	query_cursor *c;
	query_row row;
	lz_err e;
	double t0 = bench_ms();
	if (query_open(s, k, &f, &c, &e)) {
		fprintf(stderr, "search: %s\n", e.msg);
		exit(7);
	}
	int n = 0;
	while (query_next(c, &row, &e) == 1)
		n++;
	query_close(c);
	*hits = n;
	return bench_ms() - t0;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: search DB KIND PAGE REPS\n");
		return 1;
	}
	const kind *k = kind_find(argv[2]);
	int page = atoi(argv[3]), reps = atoi(argv[4]);
	session s;
	lz_err e;
	char login[64];
	if (!k || session_whoami(NULL, login, sizeof login, &e) || session_open(&s, argv[1], login, false, NULL, &e)) {
		fprintf(stderr, "search: %s\n", k ? e.msg : "unknown kind");
		return 7;
	}
	/* The scan is slow by design: fewer repetitions of it. */
	int sreps = reps / 6 > 2 ? reps / 6 : 2;
	for (int w = 0; w < GEN_VOCAB_N; w++) {
		double *t = calloc((size_t)reps, sizeof *t), *u = calloc((size_t)sreps, sizeof *u);
		int hits = 0, shits = 0;
		for (int r = 0, q = 0; r < reps; r++) {
			unsetenv("LIANGZE_SEARCH_SCAN");
			t[r] = first_page(&s, k, gen_vocab[w].word, page, &hits);
			if (q < sreps && r % (reps / sreps) == 0) {
				setenv("LIANGZE_SEARCH_SCAN", "1", 1);
				u[q++] = first_page(&s, k, gen_vocab[w].word, page, &shits);
			}
		}
		unsetenv("LIANGZE_SEARCH_SCAN");
		if (hits != shits) {
			fprintf(stderr, "search: %s: %d rows through the index, %d by scanning\n", gen_vocab[w].word, hits, shits);
			return 7;
		}
		double smin = bench_pct(u, sreps, 0);
		printf("%s %ld %d %.3f %.3f %.3f %.3f\n", gen_vocab[w].word, gen_vocab[w].per_million, hits,
		       bench_pct(t, reps, 50), bench_pct(t, reps, 99), bench_pct(u, sreps, 50), smin);
		free(t);
		free(u);
	}
	printf("rss %.1f\n", bench_peak_mb());
	session_close(&s);
	return 0;
}
