/* case_stage.c — the stage rules of a case (see case_stage.h). */
#include "case_stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

const case_stage_def case_stage_defs[CASE_STAGES] = {
	{ "线索受理", "受理", "clue_on", "clue_party_on", "clue_higher_on" },
	{ "初步核实", "初核", "verify_on", "verify_party_on", "verify_higher_on" },
	{ "立案审查", "立案", "filed_on", "filed_party_on", "filed_higher_on" },
	{ "审理", "审理", "trial_on", "trial_party_on", "trial_higher_on" },
	{ "结案", "结案", "closed_on", "closed_party_on", "closed_higher_on" },
};

#define ENDED "了结"

int case_stage_index(const char *stage)
{
	if (!stage)
		return -1;
	for (int i = 0; i < CASE_STAGES; i++)
		if (strcmp(case_stage_defs[i].stage, stage) == 0)
			return i;
	return strcmp(stage, ENDED) == 0 ? CASE_ENDED : -1;
}

/* The name people see for a stage index (了结 included). */
static const char *stage_name(int i)
{
	return i == CASE_ENDED ? ENDED : i >= 0 && i < CASE_STAGES ? case_stage_defs[i].stage : "?";
}

static const char *get(const record *r, const char *field)
{
	return record_get_named(r, field);
}

/* The stage as typed, trimmed; -1 when it is not one (validation says so). */
static int typed_stage(const record *r)
{
	const char *v = get(r, "stage");
	if (!v)
		return -1;
	char *t = strdup(v);
	if (!t)
		return -1;
	int i = case_stage_index(kind_trim(t));
	free(t);
	return i;
}

lz_status case_stage_prepare(session *s, record *r, lz_err *err)
{
	(void)err;
	if (!get(r, "stage"))
		record_set_named(r, "stage", case_stage_defs[0].stage);
	int cur = typed_stage(r);
	if (cur < 0)
		return LZ_OK;
	int top = cur;
	const char *end = NULL; /* what the top stage's empty date becomes */
	if (cur == CASE_ENDED) {
		/* Ended at the last stage that has a date; the end itself is closed_on. */
		if (!get(r, "closed_on"))
			record_set_named(r, "closed_on", s->today);
		end = get(r, "closed_on");
		top = 0;
		for (int j = 1; j < CASE_STAGES - 1; j++)
			if (get(r, case_stage_defs[j].date_field))
				top = j;
	}
	for (int j = top; j >= 0; j--) {
		const char *field = case_stage_defs[j].date_field;
		if (get(r, field))
			continue;
		const char *later = j == top ? end : get(r, case_stage_defs[j + 1].date_field);
		/* later is another field's value: setting this one leaves it alone. */
		record_set_named(r, field, later ? later : s->today);
	}
	return LZ_OK;
}

/* "受理日期 (clue_on)": the Chinese label people see and the field name. */
static const char *where(const record *r, const char *field, char *buf, size_t n)
{
	const kind_field *f = kind_field_named(r->k, field);
	snprintf(buf, n, "%s (%s)", f ? f->zh : field, field);
	return buf;
}

/* Leaving the stages after cur: their dates go (the audit trail keeps them). */
static void clear_after(record *r, int cur)
{
	for (int j = cur + 1; j < CASE_STAGES; j++) {
		record_set_named(r, case_stage_defs[j].date_field, NULL);
		record_set_named(r, case_stage_defs[j].party_field, NULL);
		record_set_named(r, case_stage_defs[j].higher_field, NULL);
	}
}

/* A move back (or out of 结案/了结) must bring its own reason. */
static lz_status check_back(const record *before, record *r, int cur, lz_err *err)
{
	int prev = case_stage_index(get(before, "stage"));
	if (prev < 0 || prev == cur)
		return LZ_OK;
	bool final = prev == CASE_STAGES - 1 || prev == CASE_ENDED;
	if (!final && (cur == CASE_ENDED || cur > prev))
		return LZ_OK;
	const char *reason = get(r, "back_reason"), *old = get(before, "back_reason");
	char w[128];
	if (!reason)
		return lz_fail(err, LZ_BAD, _("%s: going back from %s to %s needs a reason"),
			       where(r, "back_reason", w, sizeof w), stage_name(prev), stage_name(cur));
	if (old && strcmp(reason, old) == 0)
		return lz_fail(err, LZ_BAD,
			       _("%s: going back from %s to %s needs a new reason ('%s' was given for an earlier move)"),
			       where(r, "back_reason", w, sizeof w), stage_name(prev), stage_name(cur), old);
	clear_after(r, cur == CASE_ENDED ? CASE_STAGES - 1 : cur);
	if (cur != CASE_STAGES - 1)
		record_set_named(r, "published_on", NULL); /* typical cases are closed ones */
	return LZ_OK;
}

/* Dates only on stages reached, in stage order, reports not before their stage. */
static lz_status check_dates(record *r, int cur, lz_err *err)
{
	char w1[128], w2[128];
	int last = cur == CASE_ENDED ? CASE_STAGES - 1 : cur;
	for (int j = last + 1; j < CASE_STAGES; j++) {
		const char *fields[] = { case_stage_defs[j].date_field, case_stage_defs[j].party_field,
					 case_stage_defs[j].higher_field };
		for (int k = 0; k < 3; k++)
			if (get(r, fields[k]))
				return lz_fail(err, LZ_BAD, _("%s: the case has not reached %s (its stage is %s)"),
					       where(r, fields[k], w1, sizeof w1), case_stage_defs[j].stage, stage_name(cur));
	}
	const char *prev = NULL, *prev_field = NULL;
	for (int j = 0; j < CASE_STAGES; j++) {
		const case_stage_def *d = &case_stage_defs[j];
		const char *on = get(r, d->date_field);
		const char *reports[] = { d->party_field, d->higher_field };
		if (!on) {
			for (int k = 0; k < 2; k++)
				if (get(r, reports[k]))
					return lz_fail(err, LZ_BAD, _("%s: there is no %s to report"),
						       where(r, reports[k], w1, sizeof w1), where(r, d->date_field, w2, sizeof w2));
			continue;
		}
		if (prev && strcmp(on, prev) < 0)
			return lz_fail(err, LZ_BAD, _("%s: %s is before %s %s"), where(r, d->date_field, w1, sizeof w1), on,
				       where(r, prev_field, w2, sizeof w2), prev);
		for (int k = 0; k < 2; k++) {
			const char *rep = get(r, reports[k]);
			if (rep && strcmp(rep, on) < 0)
				return lz_fail(err, LZ_BAD, _("%s: %s is before %s %s"), where(r, reports[k], w1, sizeof w1),
					       rep, where(r, d->date_field, w2, sizeof w2), on);
		}
		prev = on;
		prev_field = d->date_field;
	}
	return LZ_OK;
}

lz_status case_stage_validate(session *s, const record *before, record *r, lz_err *err)
{
	(void)s;
	char w[128];
	int cur = case_stage_index(get(r, "stage"));
	lz_status st;
	if (cur < 0)
		return LZ_OK; /* the stage's own check has spoken */
	if (before && (st = check_back(before, r, cur, err)))
		return st;
	/* What the closing stages need first: the dates are seldom what is missing. */
	if (cur == CASE_STAGES - 1 && !get(r, "outcome"))
		return lz_fail(err, LZ_BAD, _("%s: a case is closed (结案) only with its outcome"),
			       where(r, "outcome", w, sizeof w));
	if (cur == CASE_ENDED && !get(r, "ended_reason"))
		return lz_fail(err, LZ_BAD, _("%s: a case is ended (了结) only with a reason"),
			       where(r, "ended_reason", w, sizeof w));
	if ((st = check_dates(r, cur, err)))
		return st;
	const char *pub = get(r, "published_on"), *closed = get(r, "closed_on");
	if (pub && cur != CASE_STAGES - 1)
		return lz_fail(err, LZ_BAD, _("%s: only a closed case (结案) is published as a typical case"),
			       where(r, "published_on", w, sizeof w));
	if (pub && closed && strcmp(pub, closed) < 0) {
		char w2[128];
		return lz_fail(err, LZ_BAD, _("%s: %s is before %s %s"), where(r, "published_on", w, sizeof w), pub,
			       where(r, "closed_on", w2, sizeof w2), closed);
	}
	return LZ_OK;
}
