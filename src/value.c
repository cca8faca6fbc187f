#include "value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t value_hundredths(const char *s)
{
	int neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	int64_t whole = strtoll(s, NULL, 10);
	const char *dot = strchr(s, '.');
	int64_t frac = 0;
	if (dot && dot[1]) {
		frac = (dot[1] - '0') * 10;
		if (dot[2])
			frac += dot[2] - '0';
	}
	int64_t v = whole * 100 + frac;
	return neg ? -v : v;
}

char *value_hundredths_text(int64_t v)
{
	char buf[40];
	int64_t a = v < 0 ? -v : v;
	snprintf(buf, sizeof buf, "%s%lld.%02lld", v < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
	return strdup(buf);
}

static int is_integer(kind_ftype t)
{
	return t == KF_INT || t == KF_YEAR || t == KF_BOOL || t == KF_REF;
}

void value_bind(sqlite3_stmt *q, int idx, const kind_field *f, const char *v)
{
	if (!v)
		sqlite3_bind_null(q, idx);
	else if (f->type == KF_DEC)
		sqlite3_bind_int64(q, idx, value_hundredths(v));
	else if (is_integer(f->type))
		sqlite3_bind_int64(q, idx, strtoll(v, NULL, 10));
	else
		sqlite3_bind_text(q, idx, v, -1, SQLITE_TRANSIENT);
}

char *value_column(sqlite3_stmt *q, int col, const kind_field *f)
{
	if (sqlite3_column_type(q, col) == SQLITE_NULL)
		return NULL;
	if (f->type == KF_DEC)
		return value_hundredths_text(sqlite3_column_int64(q, col));
	const char *t = (const char *)sqlite3_column_text(q, col);
	return t && *t ? strdup(t) : NULL;
}
