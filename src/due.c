/* due.c — a record's standing against its due date, from values alone. */
#include "due.h"

#include <string.h>

#include "date.h"

static const char *value_of(const kind *k, const char *const *v, const char *field)
{
	int i = field ? kind_field_index(k, field) : -1;
	return i >= 0 && v[i] && *v[i] ? v[i] : NULL;
}

bool due_closed(const kind *k, const char *const *v)
{
	if (value_of(k, v, k->closed_field))
		return true;
	const char *state = value_of(k, v, k->state_field);
	for (const char *const *c = k->closed_states; state && c && *c; c++)
		if (strcmp(*c, state) == 0)
			return true;
	return false;
}

due_state due_of(const kind *k, const char *const *v, const char *today, long warn_days, long *days)
{
	char due[11];
	if (days)
		*days = 0;
	const char *d = value_of(k, v, k->due_field);
	/* A date that is not a real one cannot be judged; validation reports it. */
	if (!d || !date_parse(d, due))
		return DUE_NONE;
	if (due_closed(k, v))
		return DUE_CLOSED;
	long left = date_diff(today, due);
	if (left < 0) {
		if (days)
			*days = -left;
		return DUE_LATE;
	}
	if (days)
		*days = left;
	return left <= warn_days ? DUE_SOON : DUE_OPEN;
}
