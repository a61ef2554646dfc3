/*
 * Tests of src/core/day.c through day.h: day numbers (days since
 * 1970-01-01), ISO dates, and local days of Asia/Ho_Chi_Minh (UTC+7).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/day.h"
#include "core/err.h"

/* 2026-11-24T17:00:00Z */
enum { T_2026_11_24_1700Z = 1795539600 };

static void epoch_is_day_zero(void **state)
{
	int64_t d = -1;

	(void)state;
	assert_int_equal(day_from_civil(1970, 1, 1), 0);
	assert_int_equal(day_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
}

static void known_day_numbers(void **state)
{
	(void)state;
	assert_int_equal(day_from_civil(2000, 3, 1), 11017);
	assert_int_equal(day_from_civil(1969, 12, 31), -1);
	assert_int_equal(day_from_civil(1900, 1, 1), -25567);
	assert_int_equal(day_from_civil(2026, 11, 25), 20782);
}

static void leap_day_2000_is_valid(void **state)
{
	int64_t d = 0;

	(void)state;
	assert_int_equal(day_parse("2000-02-29", &d), 0);
	assert_int_equal(d, 11016);
}

static void leap_day_2024_is_valid(void **state)
{
	int64_t d = 0;

	(void)state;
	assert_int_equal(day_parse("2024-02-29", &d), 0);
	assert_int_equal(d, day_from_civil(2024, 2, 29));
}

static void feb_29_of_common_year_is_rejected(void **state)
{
	int64_t d = 777;

	(void)state;
	assert_int_equal(day_parse("2023-02-29", &d), ERR_INVALID);
	assert_int_equal(day_parse("1900-02-29", &d), ERR_INVALID);
	assert_int_equal(d, 777);
}

static void parse_rejects_non_iso_text(void **state)
{
	static const char *const bad[] = {
		"2024-1-01", "2024-01-1", "24-01-01", "2024/01/01", "2024-01-01 ",
		" 2024-01-01", "2024-01-01T00", "", "2024-13-01", "2024-00-10",
		"2024-01-00", "2024-01-32", "2024-04-31", "0000-01-01",
		"2024--1-01", "2024-01--1", "+024-01-01", "abcd-ef-gh"};
	int64_t d = 777;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(day_parse(bad[i], &d), ERR_INVALID);
	assert_int_equal(d, 777);
}

static void parse_rejects_null(void **state)
{
	int64_t d = 777;

	(void)state;
	assert_int_equal(day_parse(NULL, &d), ERR_INVALID);
	assert_int_equal(d, 777);
}

static void round_trip_every_day_1900_to_2100(void **state)
{
	int64_t first = day_from_civil(1900, 1, 1);
	int64_t last = day_from_civil(2100, 12, 31);
	int64_t prev_y = 1899;
	int prev_m = 12, prev_d = 31;

	(void)state;
	assert_int_equal(last - first + 1, 73414); /* 201 years, 49 leap days */
	for (int64_t day = first; day <= last; day++) {
		char iso[DAY_ISO_LEN + 1];
		int64_t y, parsed = 0;
		int m, d;

		day_to_civil(day, &y, &m, &d);
		/* consecutive day numbers are consecutive dates */
		if (d == 1) {
			assert_int_equal(prev_d, day_days_in_month(prev_y, prev_m));
			assert_true(m == prev_m % 12 + 1);
		} else {
			assert_int_equal(d, prev_d + 1);
			assert_int_equal(m, prev_m);
			assert_int_equal(y, prev_y);
		}
		assert_int_equal(day_from_civil(y, m, d), day);
		day_format(day, iso, sizeof iso);
		assert_int_equal(strlen(iso), DAY_ISO_LEN);
		assert_int_equal(day_parse(iso, &parsed), 0);
		assert_int_equal(parsed, day);
		prev_y = y;
		prev_m = m;
		prev_d = d;
	}
}

static void format_writes_iso_date(void **state)
{
	char iso[DAY_ISO_LEN + 1];

	(void)state;
	day_format(day_from_civil(2026, 1, 5), iso, sizeof iso);
	assert_string_equal(iso, "2026-01-05");
	day_format(-1, iso, sizeof iso);
	assert_string_equal(iso, "1969-12-31");
}

static void days_in_month(void **state)
{
	(void)state;
	assert_int_equal(day_days_in_month(2024, 2), 29);
	assert_int_equal(day_days_in_month(2023, 2), 28);
	assert_int_equal(day_days_in_month(2000, 2), 29);
	assert_int_equal(day_days_in_month(2100, 2), 28);
	assert_int_equal(day_days_in_month(2026, 4), 30);
	assert_int_equal(day_days_in_month(2026, 12), 31);
}

static void weekday_of_2026_11_25_is_wednesday(void **state)
{
	(void)state;
	assert_int_equal(day_weekday(day_from_civil(2026, 11, 25)), 2);
}

static void weekday_of_epoch_and_before(void **state)
{
	(void)state;
	assert_int_equal(day_weekday(0), 3);  /* 1970-01-01 Thursday */
	assert_int_equal(day_weekday(-1), 2); /* 1969-12-31 Wednesday */
	assert_int_equal(day_weekday(-3), 0); /* 1969-12-29 Monday */
	assert_int_equal(day_weekday(day_from_civil(1900, 1, 1)), 0);
	assert_int_equal(day_weekday(day_from_civil(2026, 11, 29)), 6);
}

static void local_day_of_1700z_is_next_day_in_vietnam(void **state)
{
	(void)state;
	assert_int_equal(day_local_of_utc(T_2026_11_24_1700Z),
			 day_from_civil(2026, 11, 25));
	assert_int_equal(day_local_of_utc(T_2026_11_24_1700Z - 1),
			 day_from_civil(2026, 11, 24));
}

static void local_day_before_epoch_rounds_down(void **state)
{
	(void)state;
	/* 1969-12-31T16:59:59Z is 23:59:59 local on 1969-12-31 */
	assert_int_equal(day_local_of_utc(-7 * 3600 - 1), -1);
	assert_int_equal(day_local_of_utc(-7 * 3600), 0);
}

static void day_start_utc_is_local_midnight(void **state)
{
	int64_t d = day_from_civil(2026, 11, 25);

	(void)state;
	assert_int_equal(day_start_utc(d), T_2026_11_24_1700Z);
	assert_int_equal(day_start_utc(0), -25200);
	assert_int_equal(day_local_of_utc(day_start_utc(d)), d);
}

static void format_utc_writes_rfc3339(void **state)
{
	char ts[21];

	(void)state;
	day_format_utc(T_2026_11_24_1700Z, ts, sizeof ts);
	assert_string_equal(ts, "2026-11-24T17:00:00Z");
	day_format_utc(T_2026_11_24_1700Z + 3600 * 6 + 60 * 59 + 58, ts,
		       sizeof ts);
	assert_string_equal(ts, "2026-11-24T23:59:58Z");
	day_format_utc(0, ts, sizeof ts);
	assert_string_equal(ts, "1970-01-01T00:00:00Z");
}

static void format_utc_before_epoch(void **state)
{
	char ts[21];

	(void)state;
	day_format_utc(-1, ts, sizeof ts);
	assert_string_equal(ts, "1969-12-31T23:59:59Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(epoch_is_day_zero),
		cmocka_unit_test(known_day_numbers),
		cmocka_unit_test(leap_day_2000_is_valid),
		cmocka_unit_test(leap_day_2024_is_valid),
		cmocka_unit_test(feb_29_of_common_year_is_rejected),
		cmocka_unit_test(parse_rejects_non_iso_text),
		cmocka_unit_test(parse_rejects_null),
		cmocka_unit_test(round_trip_every_day_1900_to_2100),
		cmocka_unit_test(format_writes_iso_date),
		cmocka_unit_test(days_in_month),
		cmocka_unit_test(weekday_of_2026_11_25_is_wednesday),
		cmocka_unit_test(weekday_of_epoch_and_before),
		cmocka_unit_test(local_day_of_1700z_is_next_day_in_vietnam),
		cmocka_unit_test(local_day_before_epoch_rounds_down),
		cmocka_unit_test(day_start_utc_is_local_midnight),
		cmocka_unit_test(format_utc_writes_rfc3339),
		cmocka_unit_test(format_utc_before_epoch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
