/* list_actions.c — what a ledger does besides paging: sort, filter, export
 * and delete, each through the core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "i18n.h"
#include "list_priv.h"
#include "record.h"

/* ---- sort, filter, export, delete ---------------------------------------- */

static void on_sort(void *arg, int index)
{
	list *l = arg;
	const char *name = l->k->fields[l->col[index]].name;
	if (strcmp(name, l->f.order ? l->f.order : l->k->order) == 0) {
		l->f.desc = !l->f.desc;
	} else {
		snprintf(l->order, sizeof l->order, "%s", name);
		l->f.order = l->order;
		l->f.desc = false;
	}
	list_go_home(l);
}

void list_choose_sort(list *l)
{
	const char **labels = l->choice_labels;
	int cur = 0, oi = list_order_index(l);
	for (int i = 0; i < l->ncol; i++) {
		labels[i] = kind_field_title(&l->k->fields[l->col[i]]);
		if (l->col[i] == oi)
			cur = i;
	}
	labels[l->ncol] = NULL;
	ui_push(l->sc.app, choice_open(l->sc.app, _("Sort by (the same column again: reverse)"), labels, cur, on_sort, l));
}

static void on_unit_picked(void *arg, int64_t id, const char *shown)
{
	list *l = arg;
	l->f.unit = id;
	snprintf(l->unit_name, sizeof l->unit_name, "%s", shown ? shown : "");
	list_after_filter_change(l);
}

enum { FILTER_YEAR, FILTER_UNIT, FILTER_STATE, FILTER_CLEAR };

static void on_state(void *arg, int index)
{
	list *l = arg;
	const kind_field *f = kind_field_named(l->k, l->k->state_field);
	snprintf(l->state, sizeof l->state, "%s", f->choices[index]);
	l->f.state = l->state;
	list_after_filter_change(l);
}

static void on_filter(void *arg, int index)
{
	list *l = arg;
	ui_app *app = l->sc.app;
	switch (l->filter_items[index]) {
	case FILTER_YEAR: {
		char buf[16];
		snprintf(buf, sizeof buf, "%s", l->f.year ? l->year : "");
		if (!ui_prompt(app, _("Year (empty: all years):"), buf, sizeof buf))
			return;
		kind_trim(buf);
		if (!*buf) {
			l->f.year = NULL;
		} else if (strlen(buf) != 4 || strspn(buf, "0123456789") != 4) {
			ui_error(app, _("'%s' is not a year like 2026"), buf);
			return;
		} else {
			snprintf(l->year, sizeof l->year, "%s", buf);
			l->f.year = l->year;
		}
		list_after_filter_change(l);
		break;
	}
	case FILTER_UNIT:
		ui_push(app, list_open(app, kind_find("unit"), NULL, on_unit_picked, l));
		break;
	case FILTER_STATE: {
		const kind_field *f = kind_field_named(l->k, l->k->state_field);
		ui_push(app, choice_open(app, _("Show records in state"), f->choices, 0, on_state, l));
		break;
	}
	case FILTER_CLEAR:
		l->f.year = NULL;
		l->f.unit = 0;
		l->f.state = NULL;
		l->f.category = NULL;
		l->f.cond = NULL;
		l->f.task = 0;
		l->f.due = QD_ANY;
		list_after_filter_change(l);
		break;
	}
}

void list_choose_filter(list *l)
{
	const char **labels = l->choice_labels;
	int *filter_items = l->filter_items;
	int n = 0;
	if (l->k->year_field) {
		filter_items[n] = FILTER_YEAR;
		labels[n++] = _("By year");
	}
	if (l->k->owner != KO_ADMIN) {
		filter_items[n] = FILTER_UNIT;
		labels[n++] = _("By unit (and the units under it)");
	}
	if (l->k->state_field) {
		filter_items[n] = FILTER_STATE;
		labels[n++] = _("By state");
	}
	filter_items[n] = FILTER_CLEAR;
	labels[n++] = _("Show all (clear the filters)");
	labels[n] = NULL;
	ui_push(l->sc.app, choice_open(l->sc.app, _("Filter"), labels, 0, on_filter, l));
}

void list_export(list *l)
{
	ui_app *app = l->sc.app;
	char path[1024];
	snprintf(path, sizeof path, "%s台账-%s.xlsx", l->k->zh, app->s.today);
	if (!ui_prompt(app, _("Export this ledger (as filtered) to file (.xlsx or .csv):"), path, sizeof path))
		return;
	kind_trim(path);
	if (!*path)
		return;
	long rows = 0;
	lz_err e;
	ui_status(app, "%s", _("Exporting…"));
	ui_redraw(app);
	if (export_kind(&app->s, l->k, &l->f, path, ENC_UTF8, &rows, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	/* Over SSH the file's folder is not obvious: say where it went. */
	char *full = realpath(path, NULL);
	ui_status(app, _("%ld rows written to %s"), rows, full ? full : path);
	free(full);
}

void list_delete_current(list *l)
{
	ui_app *app = l->sc.app;
	if (!l->nrows)
		return;
	lrow *r = &l->rows[l->cur];
	char name[256], q[512];
	lz_err e;
	/* Say no before asking (a rule's item, another unit's record). */
	if (record_check_delete(&app->s, l->k, r->id, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	record_display(&app->s, l->k, r->id, name, sizeof name);
	snprintf(q, sizeof q, _("Delete %s \"%s\"? The audit trail keeps its last state."), l->k->zh, name);
	if (!ui_confirm(app, q))
		return;
	if (record_delete(&app->s, l->k, r->id, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	ui_status(app, _("Deleted %s"), name);
	list_reload(l);
}


void list_history_by_id(list *l)
{
	ui_app *app = l->sc.app;
	char buf[32] = "";
	if (l->nrows)
		snprintf(buf, sizeof buf, "%lld", (long long)l->rows[l->cur].id);
	if (!ui_prompt(app, _("History of the record with id (also of a deleted one):"), buf, sizeof buf))
		return;
	kind_trim(buf);
	char *end;
	long long id = strtoll(buf, &end, 10);
	if (!*buf || *end || id <= 0) {
		ui_error(app, _("'%s' is not a record id"), buf);
		return;
	}
	/* history_open says on the status line why, when it cannot. */
	ui_screen *h = history_open(app, l->k, id);
	if (h)
		ui_push(app, h);
}
