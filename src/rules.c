#include "rules.h"

#include <string.h>

#include "i18n.h"

static int listed(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

lz_status rules_after_save(session *s, const kind *k, int64_t id, lz_err *err)
{
	int i = 0;
	for (const rule *const *r = s->rules; r && *r; r++, i++) {
		if (!(*r)->on_save || !listed((*r)->kinds, k->name))
			continue;
		/* A whole re-evaluation at the end gives the same result as one per
		 * row, because rules are idempotent — and costs one pass, not n. */
		if (s->batch && (*r)->on_date && i < 64) {
			s->rules_pending |= (uint64_t)1 << i;
			continue;
		}
		int written = 0;
		lz_status st = (*r)->on_save(s, k, id, &written, err);
		if (st)
			return st;
	}
	return LZ_OK;
}

lz_status rules_run(session *s, int *written, lz_err *err)
{
	*written = 0;
	for (const rule *const *r = s->rules; r && *r; r++) {
		if (!(*r)->on_date)
			continue;
		lz_status st = db_begin_write(&s->db, err);
		if (st)
			return st;
		int n = 0;
		st = (*r)->on_date(s, &n, err);
		if (st) {
			db_rollback(&s->db);
			return st;
		}
		if ((st = db_commit(&s->db, err)))
			return st;
		*written += n;
	}
	return LZ_OK;
}

void rules_batch_begin(session *s)
{
	s->batch = true;
	s->rules_pending = 0;
}

lz_status rules_batch_end(session *s, lz_err *err)
{
	uint64_t pending = s->rules_pending;
	s->batch = false;
	s->rules_pending = 0;
	int i = 0;
	for (const rule *const *r = s->rules; r && *r; r++, i++) {
		if (i >= 64 || !(pending & ((uint64_t)1 << i)))
			continue;
		int n = 0;
		lz_status st = (*r)->on_date(s, &n, err);
		if (st)
			return st;
	}
	return LZ_OK;
}

lz_status rules_after_setting(session *s, const char *name, lz_err *err)
{
	for (const rule *const *r = s->rules; r && *r; r++) {
		if (!(*r)->on_date || !listed((*r)->settings, name))
			continue;
		int n = 0;
		lz_status st = (*r)->on_date(s, &n, err);
		if (st)
			return st;
	}
	return LZ_OK;
}
