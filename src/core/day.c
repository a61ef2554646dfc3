/*
 * day: see day.h.  The algorithms count eras of 400 years (146097 days)
 * from 0000-03-01 so that the leap day falls at the end of a year.
 */
#include "core/day.h"

#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/num.h"

static int64_t floordiv(int64_t a, int64_t b)
{
	return (a >= 0 ? a : a - b + 1) / b;
}

int64_t day_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floordiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void day_to_civil(int64_t z, int64_t *year, int *month, int *mday)
{
	int64_t era, doe, yoe, y, doy, mp;

	z += 719468;
	era = floordiv(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = y + (*month <= 2);
}

int64_t day_local_of_utc(int64_t at_utc)
{
	return floordiv(at_utc + DAY_LOCAL_OFFSET_S, 86400);
}

int64_t day_start_utc(int64_t day)
{
	return day * 86400 - DAY_LOCAL_OFFSET_S;
}

int day_days_in_month(int64_t y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : days[m - 1];
}

int day_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	return (int)(((day % 7) + 7 + 3) % 7);
}

void day_format(int64_t day, char *out, size_t size)
{
	int64_t y;
	int m, d;

	day_to_civil(day, &y, &m, &d);
	snprintf(out, size, "%04lld-%02d-%02d", (long long)y, m, d);
}

int day_parse(const char *s, int64_t *out)
{
	int64_t y, m, d;

	if (!s || strlen(s) != DAY_ISO_LEN || s[4] != '-' || s[7] != '-')
		return ERR_INVALID;
	if (num_parse_i64n(s, 4, 1, 9999, &y) ||
	    num_parse_i64n(s + 5, 2, 1, 12, &m) ||
	    num_parse_i64n(s + 8, 2, 1, 31, &d))
		return ERR_INVALID;
	if (d > day_days_in_month(y, (int)m))
		return ERR_INVALID;
	*out = day_from_civil(y, (int)m, (int)d);
	return 0;
}

void day_format_utc(int64_t at_utc, char *out, size_t size)
{
	int64_t day = floordiv(at_utc, 86400), y;
	int64_t s = at_utc - day * 86400;
	int m, d;

	day_to_civil(day, &y, &m, &d);
	snprintf(out, size, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m,
		 d, (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
}
