/* views.h — screens written by hand for one record kind (the case view …),
 * which the generic ledger opens instead of the read-only form. */
#ifndef LZ_VIEWS_H
#define LZ_VIEWS_H

#include "ui.h"

/* Opens the view of record id (NULL when out of memory). */
typedef ui_screen *(*ui_view_fn)(ui_app *app, int64_t id);

/* The view of records of kind k, or NULL when the form shows them. */
ui_view_fn ui_view_for_kind(const kind *k);

#endif
