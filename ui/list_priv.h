/* list_priv.h — the ledger screen's state, shared by list.c (paging and
 * drawing) and list_actions.c (sort, filter, export, delete). Not for other
 * screens: they use list_open in ui.h. */
#ifndef LZ_LIST_PRIV_H
#define LZ_LIST_PRIV_H

#include "lineedit.h"
#include "listmark.h"
#include "ui.h"

typedef struct lrow {
	int64_t id;
	char **val;     /* canonical values */
	char **shown;   /* as shown (references by name) */
} lrow;

typedef struct list {
	ui_screen sc;
	const kind *k;
	query_filter f;
	char search[256], year[8], order[64], state[64], category[64];
	char unit_name[128];
	lrow *rows;
	int nrows, cap;
	int cur;            /* cursor, index into rows */
	int height;         /* data rows that fit */
	int64_t total;
	int64_t first_pos;  /* position of rows[0] in the whole ledger */
	int col[64];        /* fields shown, in order */
	int ncol;
	bool searching;
	lineedit search_le;
	ui_pick_fn pick;
	void *pick_arg;
	/* Labels of the open sort or filter chooser, which keeps the pointers. */
	const char *choice_labels[66];
	int filter_items[4];
	listmark mark;      /* the task line and the due-date colours */
} list;

/* The index of the sort field (-1: by id). */
int list_order_index(list *l);

/* Back to the first rows. */
void list_go_home(list *l);

/* Reads the rows on screen again, keeping the cursor's place. */
void list_reload(list *l);

/* After the filter changed: title, count, first rows. */
void list_after_filter_change(list *l);

/* Opens the sort chooser. */
void list_choose_sort(list *l);

/* Opens the filter chooser (year, unit, state, clear). */
void list_choose_filter(list *l);

/* Asks for a file and exports the ledger as filtered. */
void list_export(list *l);

/* Asks, then deletes the record under the cursor. */
void list_delete_current(list *l);

/* Asks for a record id (the cursor's offered) and opens that record's
 * history, also of a deleted record: where an administrator brings it back. */
void list_history_by_id(list *l);

#endif
