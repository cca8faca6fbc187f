/* kind.h — record kinds described once, as data.
 * The list, form, importer, exporter and ledger all read these descriptors;
 * adding a field is one line here plus a migration. */
#ifndef LZ_KIND_H
#define LZ_KIND_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

struct session;
struct record;

typedef enum kind_ftype {
	KF_TEXT,    /* free text */
	KF_INT,     /* whole number (counts) */
	KF_DEC,     /* decimal, kept in hundredths; canonical text "12.30" */
	KF_DATE,    /* "YYYY-MM-DD" */
	KF_PERIOD,  /* "YYYY-MM" */
	KF_YEAR,    /* four-digit year */
	KF_BOOL,    /* "1" / "0"; input 是/否, Y/N, 1/0, true/false */
	KF_ENUM,    /* one of choices (data, Chinese) */
	KF_REF,     /* id of a record of kind ref; input by code or name */
	KF_MULTI    /* several values separated by ';' */
} kind_ftype;

enum {
	KF_REQUIRED = 1u << 0, /* must not be empty */
	KF_UNIQUE = 1u << 1,   /* no two records share a non-empty value */
	KF_SEARCH = 1u << 2,   /* searched by the list's search box */
	KF_HIDDEN = 1u << 3,   /* not a column in the list (still in form, import, export) */
	KF_LOOKUP = 1u << 4,   /* other kinds' references may name a record by this field */
	KF_DERIVED = 1u << 5,  /* worked out by the SQL in expr when read; never stored or imported */
	KF_READONLY = 1u << 6, /* set by liangze (rules, actions), shown but not typed */
	KF_AUTO = 1u << 7      /* required, but liangze fills it in when left empty (the kind's prepare hook) */
};

typedef struct kind_field {
	const char *name;    /* column name in table, CSV header */
	const char *label;   /* English msgid for screens */
	const char *zh;      /* Chinese label: ledger headers and CSV header alias */
	kind_ftype type;
	unsigned flags;
	int width;           /* preferred display columns in lists */
	const char *const *choices; /* KF_ENUM: NULL-terminated; KF_MULTI: optional */
	const char *ref;     /* KF_REF: the referenced kind's name */
	const char *help;    /* optional English msgid: what to enter */
	/* KF_DERIVED: an SQL expression over the row (alias t) and :today, giving
	 * the canonical text. */
	const char *expr;
} kind_field;

/* How the unit that owns a record is found, for unit scopes. */
typedef enum kind_owner {
	KO_FIELD,   /* owner_field holds the unit id */
	KO_SELF,    /* the record is a unit (its own id; new units: their parent) */
	KO_PERSON,  /* owner_field refers to a person: the unit that person belongs to */
	KO_ADMIN,   /* administrative kind: admins only */
	KO_NONE     /* belongs to no unit: everyone reads it, staff and admins write it */
} kind_owner;

/* A task a kind serves only through some of its records: those whose field
 * (an enum) holds one of values. A kind's list ends with task 0. */
typedef struct kind_task_when {
	int task;
	const char *field;
	const char *const *values; /* NULL-terminated */
} kind_task_when;

#define KIND_MAX_KEYS 3
#define KIND_MAX_KEYFIELDS 4

typedef struct kind {
	const char *name;      /* CLI name: unit, person … */
	const char *label;     /* English msgid */
	const char *zh;        /* Chinese name for sheet titles */
	const char *table;
	const kind_field *fields;
	int nfields;
	/* Alternative keys for import matching, tried in order: the first whose
	 * fields all have values in the row is used. */
	const char *keys[KIND_MAX_KEYS][KIND_MAX_KEYFIELDS + 1];
	const char *order;     /* default sort field */
	const char *display;   /* field that names a record (for references) */
	kind_owner owner;
	const char *owner_field;
	const char *year_field;   /* field that gives its year ("ref.field": the referenced record's), or NULL */
	const char *due_field;    /* due-date field, or NULL */
	const char *state_field;  /* state field, or NULL */
	const char *const *closed_states; /* states that count as closed */
	const char *closed_field; /* a date field whose value means closed, or NULL */
	const int *tasks;         /* catalog tasks it serves, 0-terminated, may be NULL */
	const kind_task_when *task_when; /* tasks among those served only by some records; may be NULL */
	bool system;              /* made by liangze's rules: not imported, not added by hand */
	/* Fills values that follow from others (a due date from the asked date …)
	 * before a save is checked; may be NULL. */
	lz_status (*prepare)(struct session *s, struct record *r, lz_err *err);
	/* Checks a change as a whole — before is NULL for a new record — after
	 * the values themselves are valid (stage order, an outcome to close);
	 * may be NULL. */
	lz_status (*validate)(struct session *s, const struct record *before, struct record *r, lz_err *err);
	/* Whether record r may be deleted (beyond role and scope); may be NULL. */
	lz_status (*may_delete)(struct session *s, const struct record *r, lz_err *err);
} kind;

/* All kinds, in menu order; NULL-terminated. */
extern const kind *const kind_all[];

/* The kind named name (CLI name), or NULL. */
const kind *kind_find(const char *name);

/* Index of the field named name, or -1. */
int kind_field_index(const kind *k, const char *name);

/* The field named name, or NULL. */
const kind_field *kind_field_named(const kind *k, const char *name);

/* Index of the field whose name or Chinese label equals header (trimmed,
 * names case-insensitive), or -1. */
int kind_field_by_header(const kind *k, const char *header);

/* The field's label for screens: the descriptor's Chinese label when the
 * interface speaks Chinese (one English word may stand for several Chinese
 * labels), else the English label. */
const char *kind_field_title(const kind_field *f);

/* The kind's name for screens, chosen the same way. */
const char *kind_title(const kind *k);

/* The type's name for `kinds` listings (English msgid). */
const char *kind_type_label(kind_ftype t);

/* Parses user input for field f into canonical text (malloc'd, NULL when
 * empty). KF_REF fields are not resolved here (see record_resolve_ref): the
 * trimmed text is returned. On error fills err (LZ_BAD) with what is wrong,
 * without location (the caller adds file, line, field). */
lz_status kind_parse_value(const kind_field *f, const char *in, char **out, lz_err *err);

/* Trims ASCII whitespace and U+3000 (ideographic space) from both ends, in place. */
char *kind_trim(char *s);

/* Whether the tasks list of k contains task. */
bool kind_serves_task(const kind *k, int task);

/* The condition under which k's records serve task (NULL: all of them do). */
const kind_task_when *kind_task_condition(const kind *k, int task);

/* The kind's name for screens as it serves task: with the values that
 * select its records when only some serve it ("询问 (书面询问 only)"). */
void kind_task_title(const kind *k, int task, char *out, size_t outsz);

/* The kinds that serve catalog task (at most max into out); returns how many. */
int kind_serving_task(int task, const kind **out, int max);

#endif
