#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Reads up to maxd digits; returns chars used, 0 if none. */
static int digits(const char *s, int maxd, int *val)
{
	int n = 0, v = 0;
	while (n < maxd && s[n] >= '0' && s[n] <= '9')
		v = v * 10 + (s[n++] - '0');
	*val = v;
	return n;
}

/* Splits "Y<sep>M[<sep>D][<end>]" where the separators are '-', '/', or 年 月 日. */
static int parse_ymd(const char *s, int *y, int *m, int *d, bool want_day)
{
	int n;
	while (*s == ' ')
		s++;
	if ((n = digits(s, 4, y)) != 4)
		return 0;
	s += n;
	bool cjk = strncmp(s, "年", 3) == 0;
	char sep = *s;
	if (cjk)
		s += 3;
	else if (sep == '-' || sep == '/' || sep == '.')
		s++;
	else
		return 0;
	if ((n = digits(s, 2, m)) == 0)
		return 0;
	s += n;
	if (want_day) {
		if (cjk) {
			if (strncmp(s, "月", 3) != 0)
				return 0;
			s += 3;
		} else if (*s == sep) {
			s++;
		} else {
			return 0;
		}
		if ((n = digits(s, 2, d)) == 0)
			return 0;
		s += n;
		if (cjk && strncmp(s, "日", 3) == 0)
			s += 3;
	} else if (cjk && strncmp(s, "月", 3) == 0) {
		s += 3;
	}
	while (*s == ' ')
		s++;
	return *s == '\0';
}

bool date_parse(const char *in, char out[11])
{
	int y, m, d;
	if (!in || !parse_ymd(in, &y, &m, &d, true))
		return false;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return true;
}

bool period_parse(const char *in, char out[8])
{
	int y, m, d;
	if (!in || !parse_ymd(in, &y, &m, &d, false))
		return false;
	if (y < 1900 || y > 2999 || m < 1 || m > 12)
		return false;
	snprintf(out, 8, "%04d-%02d", y % 10000, m % 100);
	return true;
}

/* Days since 1970-01-01 of a canonical date (civil-from-days inverse). */
static long day_number(const char *s)
{
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long date_diff(const char *a, const char *b)
{
	return day_number(b) - day_number(a);
}

void date_add(const char *in, long n, char out[11])
{
	long z = day_number(in) + n + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	int yy = (int)((y + (m <= 2)) % 10000), mm = (int)(m % 100), dd = (int)(d % 100);
	if (yy < 0)
		yy = 0;
	snprintf(out, 11, "%04d-%02d-%02d", yy, mm < 0 ? 0 : mm, dd < 0 ? 0 : dd);
}

lz_status date_today(char out[11], lz_err *err)
{
	const char *env = getenv("LIANGZE_TODAY");
	if (env && *env) {
		if (!date_parse(env, out))
			return lz_fail(err, LZ_USAGE, _("LIANGZE_TODAY=%s is not a date like 2026-11-27"), env);
		return LZ_OK;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return LZ_OK;
}

void date_now_stamp(char out[20])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%dT%H:%M:%S", &tm);
}
