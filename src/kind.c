#include "kind.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "i18n.h"

const kind *kind_find(const char *name)
{
	if (!name)
		return NULL;
	for (int i = 0; kind_all[i]; i++)
		if (strcmp(kind_all[i]->name, name) == 0)
			return kind_all[i];
	return NULL;
}

int kind_field_index(const kind *k, const char *name)
{
	for (int i = 0; i < k->nfields; i++)
		if (strcmp(k->fields[i].name, name) == 0)
			return i;
	return -1;
}

const kind_field *kind_field_named(const kind *k, const char *name)
{
	int i = kind_field_index(k, name);
	return i < 0 ? NULL : &k->fields[i];
}

char *kind_trim(char *s)
{
	static const char ideo_space[] = "\xe3\x80\x80";
	char *p = s;
	for (;;) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		else if (strncmp(p, ideo_space, 3) == 0)
			p += 3;
		else
			break;
	}
	size_t n = strlen(p);
	for (;;) {
		if (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
			n--;
		else if (n >= 3 && memcmp(p + n - 3, ideo_space, 3) == 0)
			n -= 3;
		else
			break;
	}
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

int kind_field_by_header(const kind *k, const char *header)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", header);
	kind_trim(buf);
	for (int i = 0; i < k->nfields; i++)
		if (strcasecmp(k->fields[i].name, buf) == 0 || strcmp(k->fields[i].zh, buf) == 0)
			return i;
	return -1;
}

/* Whether the messages catalog in force is Chinese: the descriptor's own
 * Chinese labels are then exact, where a translation of a shared English
 * label could not be. */
static bool ui_is_chinese(void)
{
	const char *probe = N_("Units");
	return gettext(probe) != probe && strcmp(gettext(probe), "单位") == 0;
}

const char *kind_field_title(const kind_field *f)
{
	return ui_is_chinese() ? f->zh : _(f->label);
}

const char *kind_title(const kind *k)
{
	return ui_is_chinese() ? k->zh : _(k->label);
}

const char *kind_type_label(kind_ftype t)
{
	switch (t) {
	case KF_TEXT: return N_("text");
	case KF_INT: return N_("whole number");
	case KF_DEC: return N_("decimal (2 places)");
	case KF_DATE: return N_("date");
	case KF_PERIOD: return N_("month");
	case KF_YEAR: return N_("year");
	case KF_BOOL: return N_("yes/no");
	case KF_ENUM: return N_("one of");
	case KF_REF: return N_("reference");
	case KF_MULTI: return N_("list, ';' between values");
	}
	return "?";
}

bool kind_serves_task(const kind *k, int task)
{
	for (const int *t = k->tasks; t && *t; t++)
		if (*t == task)
			return true;
	return false;
}

const kind_task_when *kind_task_condition(const kind *k, int task)
{
	for (const kind_task_when *w = k->task_when; w && w->task; w++)
		if (w->task == task)
			return w;
	return NULL;
}

void kind_task_title(const kind *k, int task, char *out, size_t outsz)
{
	const kind_task_when *w = kind_task_condition(k, task);
	if (!w) {
		snprintf(out, outsz, "%s", kind_title(k));
		return;
	}
	char vals[256] = "";
	size_t n = 0;
	for (const char *const *v = w->values; v && *v && n < sizeof vals; v++)
		n += (size_t)snprintf(vals + n, sizeof vals - n, "%s%s", n ? "、" : "", *v);
	/* TRANSLATORS: a ledger and the values of a field that select its records serving a task: "询问 (书面询问 only)". */
	snprintf(out, outsz, _("%s (%s only)"), kind_title(k), vals);
}

int kind_serving_task(int task, const kind **out, int max)
{
	int n = 0;
	for (int i = 0; kind_all[i]; i++)
		if (kind_serves_task(kind_all[i], task) && n < max)
			out[n++] = kind_all[i];
	return n;
}

static bool in_choices(const char *const *choices, const char *v)
{
	for (; choices && *choices; choices++)
		if (strcmp(*choices, v) == 0)
			return true;
	return false;
}

static void choices_text(const char *const *choices, char *out, size_t outsz)
{
	size_t n = 0;
	out[0] = '\0';
	for (; choices && *choices && n + 1 < outsz; choices++) {
		int w = snprintf(out + n, outsz - n, "%s%s", n ? ", " : "", *choices);
		if (w < 0)
			break;
		n += (size_t)w;
	}
}

static lz_status parse_int(const char *s, char **out, lz_err *err)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!*p || strlen(p) > 15)
		return lz_fail(err, LZ_BAD, _("'%s' is not a whole number"), s);
	for (const char *q = p; *q; q++)
		if (!isdigit((unsigned char)*q))
			return lz_fail(err, LZ_BAD, _("'%s' is not a whole number"), s);
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", strtoll(s, NULL, 10));
	*out = strdup(buf);
	return LZ_OK;
}

/* Decimal with at most two places; rounding a typed value would silently
 * change what the administrator's file says, so more places are refused. */
static lz_status parse_dec(const char *s, char **out, lz_err *err)
{
	const char *p = s;
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	long long whole = 0;
	int nd = 0, frac = 0, nf = 0;
	while (isdigit((unsigned char)*p) && nd < 13)
		whole = whole * 10 + (*p++ - '0'), nd++;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			if (nf == 2)
				return lz_fail(err, LZ_BAD, _("'%s' has more than two decimal places"), s);
			frac = frac * 10 + (*p++ - '0');
			nf++;
		}
	}
	if (*p || (nd == 0 && nf == 0))
		return lz_fail(err, LZ_BAD, _("'%s' is not a number"), s);
	if (nf == 1)
		frac *= 10;
	char buf[40];
	snprintf(buf, sizeof buf, "%s%lld.%02d", neg && (whole || frac) ? "-" : "", whole, frac);
	*out = strdup(buf);
	return LZ_OK;
}

static lz_status parse_bool(const char *s, char **out, lz_err *err)
{
	static const char *const yes[] = { "是", "y", "yes", "1", "true", "t", "√", NULL };
	static const char *const no[] = { "否", "n", "no", "0", "false", "f", "×", NULL };
	for (int i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *out = strdup("1"), LZ_OK;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return *out = strdup("0"), LZ_OK;
	return lz_fail(err, LZ_BAD, _("'%s' is not yes or no (是/否, Y/N, 1/0, true/false)"), s);
}

static lz_status parse_multi(const kind_field *f, const char *s, char **out, lz_err *err)
{
	size_t cap = strlen(s) + 1;
	char *res = malloc(cap), *tmp = strdup(s);
	if (!res || !tmp) {
		free(res);
		free(tmp);
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	/* Full-width ；and 、 are what people type in Chinese text. */
	for (char *p = tmp; *p; p++) {
		if (strncmp(p, "\xef\xbc\x9b", 3) == 0 || strncmp(p, "\xe3\x80\x81", 3) == 0) {
			memset(p, ' ', 3);
			*p = ';';
		}
	}
	size_t n = 0;
	res[0] = '\0';
	char *save = NULL;
	for (char *tok = strtok_r(tmp, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		kind_trim(tok);
		if (!*tok)
			continue;
		if (f->choices && !in_choices(f->choices, tok)) {
			char ch[512];
			choices_text(f->choices, ch, sizeof ch);
			lz_fail(err, LZ_BAD, _("'%s' is not one of: %s"), tok, ch);
			free(tmp);
			free(res);
			return LZ_BAD;
		}
		n += (size_t)snprintf(res + n, cap - n, "%s%s", n ? ";" : "", tok);
	}
	free(tmp);
	if (n == 0) {
		free(res);
		res = NULL;
	}
	*out = res;
	return LZ_OK;
}

lz_status kind_parse_value(const kind_field *f, const char *in, char **out, lz_err *err)
{
	*out = NULL;
	if (!in)
		return LZ_OK;
	char *s = strdup(in);
	if (!s)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	kind_trim(s);
	lz_status st = LZ_OK;
	char buf[16];
	if (*s == '\0') {
		free(s);
		return LZ_OK;
	}
	switch (f->type) {
	case KF_TEXT:
	case KF_REF:
		*out = s;
		return LZ_OK;
	case KF_INT:
		st = parse_int(s, out, err);
		break;
	case KF_DEC:
		st = parse_dec(s, out, err);
		break;
	case KF_DATE:
		if (date_parse(s, buf))
			*out = strdup(buf);
		else
			st = lz_fail(err, LZ_BAD, _("'%s' is not a date like 2026-03-05, 2026/3/5 or 2026年3月5日"), s);
		break;
	case KF_PERIOD:
		if (period_parse(s, buf))
			*out = strdup(buf);
		else
			st = lz_fail(err, LZ_BAD, _("'%s' is not a month like 2026-03, 2026/3 or 2026年3月"), s);
		break;
	case KF_YEAR: {
		char *e;
		long y = strtol(s, &e, 10);
		if (strcmp(e, "年") == 0)
			e += strlen(e);
		if (e == s || *e || y < 1900 || y > 2999)
			st = lz_fail(err, LZ_BAD, _("'%s' is not a year like 2026"), s);
		else
			snprintf(buf, sizeof buf, "%ld", y), *out = strdup(buf);
		break;
	}
	case KF_BOOL:
		st = parse_bool(s, out, err);
		break;
	case KF_ENUM:
		if (in_choices(f->choices, s)) {
			*out = s;
			return LZ_OK;
		} else {
			char ch[512];
			choices_text(f->choices, ch, sizeof ch);
			st = lz_fail(err, LZ_BAD, _("'%s' is not one of: %s"), s, ch);
		}
		break;
	case KF_MULTI:
		st = parse_multi(f, s, out, err);
		break;
	}
	free(s);
	return st;
}
