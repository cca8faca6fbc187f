#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_data.h"
#include "demo_plan.h"
#include "i18n.h"
#include "kinds_master.h"
#include "record.h"
#include "rules.h"
#include "settings.h"

/* Fixed seed: every demo database shows the same district. */
#define DEMO_SEED 20141127u

static int64_t unit_id(session *s, const char *code)
{
	int64_t id = 0;
	lz_err e;
	if (record_resolve(s, &kind_unit, code, 0, &id, &e))
		return 0;
	return id;
}

static lz_status add_units(session *s, long *n, lz_err *err)
{
	char buf[32];
	for (size_t i = 0; i < demo_unit_count(); i++) {
		const demo_unit *u = &demo_units[i];
		record *r = record_new(&kind_unit);
		if (!r)
			return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		record_set_named(r, "code", u->code);
		record_set_named(r, "name", u->name);
		record_set_named(r, "category", u->category);
		if (u->parent_code) {
			snprintf(buf, sizeof buf, "%lld", (long long)unit_id(s, u->parent_code));
			record_set_named(r, "parent", buf);
		}
		lz_status st = record_save_in(s, r, err);
		record_free(r);
		if (st)
			return st;
		(*n)++;
	}
	return LZ_OK;
}

static lz_status set_holder(session *s, int64_t unit, const char *field, int64_t person, lz_err *err)
{
	record *r = NULL;
	lz_status st = record_get(s, &kind_unit, unit, &r, err);
	if (st)
		return st;
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)person);
	record_set_named(r, field, buf);
	st = record_save_in(s, r, err);
	record_free(r);
	return st;
}

static lz_status add_people(session *s, long *n, lz_err *err)
{
	demo_person *p = calloc(DEMO_PEOPLE_MAX, sizeof *p);
	if (!p)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	size_t count = demo_people(DEMO_SEED, p, DEMO_PEOPLE_MAX);
	lz_status st = LZ_OK;
	char buf[32];
	for (size_t i = 0; i < count && !st; i++) {
		record *r = record_new(&kind_person);
		if (!r) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
		int64_t unit = unit_id(s, p[i].unit_code);
		snprintf(buf, sizeof buf, "%lld", (long long)unit);
		record_set_named(r, "code", p[i].code);
		record_set_named(r, "name", p[i].name);
		record_set_named(r, "unit", buf);
		record_set_named(r, "post", p[i].post);
		record_set_named(r, "rank", p[i].rank && *p[i].rank ? p[i].rank : NULL);
		record_set_named(r, "principal", p[i].principal ? "1" : "0");
		record_set_named(r, "team_member", p[i].team_member ? "1" : "0");
		record_set_named(r, "discipline_secretary", p[i].discipline_secretary ? "1" : "0");
		record_set_named(r, "commission_member", p[i].commission_member ? "1" : "0");
		record_set_named(r, "promoted_on", p[i].promoted_on);
		st = record_save_in(s, r, err);
		if (!st && p[i].principal)
			st = set_holder(s, unit, "principal_holder", r->id, err);
		if (!st && p[i].discipline_secretary)
			st = set_holder(s, unit, "supervisor_holder", r->id, err);
		record_free(r);
		(*n)++;
	}
	free(p);
	return st;
}

lz_status demo_fill(session *s, long *units, long *people, lz_err *err)
{
	*units = *people = 0;
	if (s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, "%s", _("only an administrator may add the demo data"));
	lz_status st = db_begin_write(&s->db, err);
	if (st)
		return st;
	int64_t have = 0;
	if ((st = db_scalar_int(&s->db, "SELECT count(*) FROM unit", 0, &have, err)))
		goto fail;
	if (have) {
		st = lz_fail(err, LZ_USAGE, _("the database already holds %lld units: --demo only fills an empty database"),
			     (long long)have);
		goto fail;
	}
	rules_batch_begin(s);
	/* The README's quick start names the demo district 广安区 (the archive's cover). */
	st = settings_set_in(s, "district_name", "广安区", err);
	if (!st)
		st = add_units(s, units, err);
	if (!st)
		st = add_people(s, people, err);
	if (!st)
		st = demo_plan_fill(s, err);
	lz_status rst = rules_batch_end(s, err);
	if (!st)
		st = rst;
	if (st)
		goto fail;
	return db_commit(&s->db, err);
fail:
	db_rollback(&s->db);
	return st;
}
