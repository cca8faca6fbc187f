/* listmark.c — a ledger's task line and due-date colours (see listmark.h). */
#include "listmark.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "due.h"
#include "i18n.h"
#include "settings.h"

/* "5–7" for a run of consecutive tasks, "1、8、9" otherwise. */
static void task_numbers(const int *t, int n, char *out, size_t outsz)
{
	bool run = n > 2;
	for (int i = 1; i < n; i++)
		if (t[i] != t[i - 1] + 1)
			run = false;
	if (run) {
		snprintf(out, outsz, "%d–%d", t[0], t[n - 1]);
		return;
	}
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n && len < outsz; i++)
		len += (size_t)snprintf(out + len, outsz - len, "%s%d", i ? "、" : "", t[i]);
}

void listmark_init(listmark *m, ui_app *app, const kind *k)
{
	lz_err e;
	memset(m, 0, sizeof *m);
	m->k = k;
	if (settings_get_int(&app->s, "warn_days", &m->warn_days, &e))
		m->warn_days = 7;
	int n = 0;
	while (k->tasks && k->tasks[n])
		n++;
	if (!n)
		return;
	char nums[128], titles[900] = "";
	size_t len = 0;
	task_numbers(k->tasks, n, nums, sizeof nums);
	for (int i = 0; i < n && len < sizeof titles; i++) {
		char t[CATALOG_TITLE_MAX];
		if (catalog_task_title(app->s.db.h, k->tasks[i], t, sizeof t, &e))
			snprintf(t, sizeof t, "?");
		len += (size_t)snprintf(titles + len, sizeof titles - len, "%s%s", i ? " · " : "", t);
	}
	snprintf(m->tasks, sizeof m->tasks, n == 1 ? _("Task %s: %s") : _("Tasks %s: %s"), nums, titles);
}

static due_state row_state(const listmark *m, ui_app *app, const char *const *v, long *days)
{
	if (days)
		*days = 0;
	/* A row whose values could not be copied has nothing to judge. */
	return v ? due_of(m->k, v, app->s.today, m->warn_days, days) : DUE_NONE;
}

attr_t listmark_row_attr(const listmark *m, ui_app *app, const char *const *v, bool selected)
{
	due_state st = row_state(m, app, v, NULL);
	if (selected)
		return ui_attr(app, UI_SELECTED) | (st == DUE_LATE ? A_BOLD : A_NORMAL);
	switch (st) {
	case DUE_LATE: return ui_attr(app, UI_LATE);
	case DUE_SOON: return ui_attr(app, UI_SOON);
	case DUE_OPEN: return ui_attr(app, UI_OPEN);
	default: return A_NORMAL;
	}
}

void listmark_hint(const listmark *m, ui_app *app, const char *const *v, char *out, size_t outsz)
{
	long days;
	out[0] = '\0';
	switch (row_state(m, app, v, &days)) {
	case DUE_LATE:
		snprintf(out, outsz, ngettext("overdue %ld day", "overdue %ld days", (unsigned long)days), days);
		break;
	case DUE_SOON:
		if (days == 0)
			snprintf(out, outsz, "%s", _("due today"));
		else
			snprintf(out, outsz, ngettext("due in %ld day", "due in %ld days", (unsigned long)days), days);
		break;
	case DUE_CLOSED:
		snprintf(out, outsz, "%s", _("closed"));
		break;
	default:
		break;
	}
}
