/* dashboard.h — the supervisors' dashboard worked out once, for the screen
 * and for `report dashboard` alike: per work mechanism the records of a year
 * done, open and overdue; the plan's 23 tasks coloured by the records of the
 * kinds that serve them; and the warnings, each with the kind and the query
 * filter that lists exactly the records it counts. Everything is read within
 * the session's scope, through query.c, so a drill-down shows what a count
 * says. No read transaction outlives dashboard_load. */
#ifndef LZ_DASHBOARD_H
#define LZ_DASHBOARD_H

#include <stdint.h>

#include "catalog.h"
#include "query.h"

/* What the dashboard is narrowed to. */
typedef struct dash_filter {
	char year[8];          /* "2026"; empty: today's year */
	int64_t unit;          /* a unit and the units under it; 0: all in scope */
	char unit_name[128];   /* its name, for headings */
	char category[64];     /* unit category; empty: all */
} dash_filter;

/* Task states as the issue defines them. */
typedef enum dash_color {
	DC_GREY,   /* no record serves it yet this year (未开展) */
	DC_RED,    /* a record is overdue */
	DC_YELLOW, /* a record falls due within the warning days */
	DC_GREEN,  /* all its records with a due date are closed */
	DC_BLUE    /* otherwise: open, due later */
} dash_color;

typedef struct dash_mech {
	char ch[8];            /* 明 … */
	char title[128];       /* the plan's name of the mechanism */
	int64_t closed, open, late;
} dash_mech;

typedef struct dash_task {
	int num;
	char title[CATALOG_TITLE_MAX];
	char lead[256];
	dash_color color;
	int64_t records, closed, open;   /* the records that serve it, closed and not */
	int64_t late, soon, open_due;    /* of kinds with a due date: overdue, due soon, open with a due date */
} dash_task;

#define DASH_WARNINGS 9

typedef struct dash_warning {
	const char *name;      /* stable id: "inquiry_late" … (CSV) */
	const char *label;     /* English msgid */
	const kind *k;
	query_filter f;        /* due and cond; dash_warning_filter adds the rest */
	char year[8];          /* the year it reads (a look-back warning: the latest with records) */
	int64_t count;
} dash_warning;

typedef struct dashboard {
	dash_filter filter;
	char scope_name[128];  /* a scoped account's unit (its scope: it and the units under it); "" for the district */
	char today[11];
	long warn_days;
	dash_mech mech[CATALOG_MECHANISMS];
	dash_task task[CATALOG_TASKS];
	dash_warning warn[DASH_WARNINGS];
	int nwarn;
} dashboard;

/* Works out the dashboard for filter f (may be NULL) within s's scope into d.
 * A scoped account, like a unit filter, counts only records of units. */
lz_status dashboard_load(session *s, const dash_filter *f, dashboard *d, lz_err *err);

/* The scope in words into out: "瓦店乡 and the units under it" or "the whole district". */
void dash_scope_words(const dashboard *d, char *out, size_t outsz);

/* The state's word for people without colours ("not started" … "done"). */
const char *dash_color_word(dash_color c);

/* The state's stable name for CSV ("grey", "red" …). */
const char *dash_color_name(dash_color c);

/* Whether d counts kind k's records for s (and so its drill-downs offer
 * it): kinds of a year, not administrative, and of no unit only while
 * neither a filter nor s's scope narrows the view to some units. */
bool dash_kind_counted(const session *s, const dashboard *d, const kind *k);

/* The mechanism a kind is counted under (that of its first task), or -1. */
int dash_kind_mechanism(const kind *k);

/* Copies warning i's filter into out, bound to d's strings (valid while d is). */
void dash_warning_filter(const dashboard *d, int i, query_filter *out);

/* Warning i's label for people into out, with its year when it looks back to another. */
void dash_warning_label(const dashboard *d, int i, char *out, size_t outsz);

/* The database's data_version: it changes when another connection commits. */
lz_status dash_data_version(session *s, int64_t *v, lz_err *err);

#endif
