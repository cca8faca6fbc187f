/* cli_ranking.h — what the `ranking` commands share, and `ranking
 * satisfaction` (cli_ranking.c); `ranking tiancheng` and the dispatch of
 * `ranking` live in cli_tiancheng.c. */
#ifndef LZ_CLI_RANKING_H
#define LZ_CLI_RANKING_H

#include "cli.h"

/* *csv from --format (text, the default, or csv); LZ_USAGE for anything else. */
lz_status cli_ranking_format(const char *fmt, int *csv, lz_err *err);

/* `ranking satisfaction --year Y [--format text|csv] [-o FILE.xlsx]`: the
 * year's ranking in the account's scope, best first; CSV columns category,
 * rank,unit_code,unit_name,score,respondents,score_change,rank_change,
 * bottom_three,accountable. LZ_USAGE without a valid --year. */
lz_status cli_ranking_satisfaction(const cli_cmd *c, lz_err *err);

#endif
