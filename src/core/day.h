/*
 * day: calendar days and instants.
 *
 * Instants are stored as int64 seconds since the Unix epoch, UTC.  People
 * live in Asia/Ho_Chi_Minh, which is UTC+7 all year (no daylight saving
 * since 1975), so "today", billing periods and daily usage are local days
 * computed with a fixed offset; no tz database is needed, and none of this
 * depends on the process's TZ.  A local day is represented as a day number
 * (days since 1970-01-01) for arithmetic and as ISO "YYYY-MM-DD" text in
 * the database and the API.
 *
 * The civil-from-days conversions are Howard Hinnant's public-domain
 * algorithms (proleptic Gregorian).  Thread-safe, no allocation.
 */
#ifndef GC_CORE_DAY_H
#define GC_CORE_DAY_H

#include <stddef.h>
#include <stdint.h>

enum { DAY_LOCAL_OFFSET_S = 7 * 3600 }; /* Asia/Ho_Chi_Minh, UTC+7 */
enum { DAY_ISO_LEN = 10 };             /* strlen("YYYY-MM-DD") */

/* Day number of a civil date; month 1..12, mday 1..31 (not validated). */
int64_t day_from_civil(int64_t year, int month, int mday);
/* Civil date of a day number. */
void day_to_civil(int64_t day, int64_t *year, int *month, int *mday);
/* The local (Asia/Ho_Chi_Minh) day that contains the UTC instant. */
int64_t day_local_of_utc(int64_t at_utc);
/* UTC instant of local midnight starting the day. */
int64_t day_start_utc(int64_t day);
/* Days in the month; month 1..12. */
int day_days_in_month(int64_t year, int month);
/* 0 = Monday ... 6 = Sunday. */
int day_weekday(int64_t day);
/* Write "YYYY-MM-DD" and a NUL into out (at least DAY_ISO_LEN + 1). */
void day_format(int64_t day, char *out, size_t size);
/* Parse exactly "YYYY-MM-DD" of a real date; 0 or ERR_INVALID. */
int day_parse(const char *s, int64_t *out);
/* Write an RFC 3339 UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" (21 bytes). */
void day_format_utc(int64_t at_utc, char *out, size_t size);

#endif
