/* views.c — which kinds have a view of their own. A table rather than tests
 * in the ledger, so a kind that gains a view is one line here. */
#include "views.h"

#include <string.h>

static const struct {
	const char *kind;
	ui_view_fn open;
} views[] = {
	{ "case", case_view_open },
	{ "vetting", vetting_view_open },
};

ui_view_fn ui_view_for_kind(const kind *k)
{
	for (size_t i = 0; k && i < sizeof views / sizeof views[0]; i++)
		if (strcmp(views[i].kind, k->name) == 0)
			return views[i].open;
	return NULL;
}
