/* kind_table.c — every record kind, in menu order. A new kind is one line here. */
#include "kind.h"
#include "kinds_master.h"

const kind *const kind_all[] = {
	&kind_unit,
	&kind_person,
	&kind_account,
	NULL
};
