/* listmark.h — what a ledger shows beyond its columns: a header line naming
 * the plan's tasks the kind serves (from the catalog), and each row's
 * standing against its due date as a colour (red overdue, yellow due within
 * warn_days, blue open) with a hint for the row under the cursor. */
#ifndef LZ_LISTMARK_H
#define LZ_LISTMARK_H

#include <stddef.h>

#include "ui.h"

typedef struct listmark {
	const kind *k;
	long warn_days;     /* the setting when the ledger opened */
	char tasks[1024];   /* "Tasks 5–7: 实行会议询问 · …", empty when the kind serves none */
} listmark;

/* Fills m for kind k: the task line from the catalog and warn_days from the
 * settings (7 when they cannot be read). */
void listmark_init(listmark *m, ui_app *app, const kind *k);

/* The attribute of a row with values v (k->nfields canonical values); the
 * selected row keeps the selection's colours, bold when overdue. */
attr_t listmark_row_attr(const listmark *m, ui_app *app, const char *const *v, bool selected);

/* A few words for the status info on the row with values v ("overdue 3
 * days", "due today" …), or "" when its kind or the row has no due date. */
void listmark_hint(const listmark *m, ui_app *app, const char *const *v, char *out, size_t outsz);

#endif
