/*
 * Tests of src/core/num.c through num.h: the one checked number parser
 * (STYLE.md section 9).  num_parse_i64 takes an optional '-' and decimal
 * digits and nothing else; num_parse_size adds a binary k/m/g suffix.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/num.h"

/* Parse s over the full int64 range; *out is set to 777 beforehand so a
 * rejected input can be seen to leave it untouched. */
static int parse_full(const char *s, int64_t *out)
{
	*out = 777;
	return num_parse_i64(s, INT64_MIN, INT64_MAX, out);
}

static void i64_accepts_zero(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse_full("0", &v), 0);
	assert_int_equal(v, 0);
}

static void i64_accepts_negative(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse_full("-5", &v), 0);
	assert_int_equal(v, -5);
}

static void i64_accepts_int64_max_text(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse_full("9223372036854775807", &v), 0);
	assert_true(v == INT64_MAX);
}

static void i64_accepts_int64_min_text(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse_full("-9223372036854775808", &v), 0);
	assert_true(v == INT64_MIN);
}

static void i64_accepts_leading_zeros(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse_full("007", &v), 0);
	assert_int_equal(v, 7);
}

static void i64_rejects_malformed_text_and_leaves_out_untouched(void **state)
{
	static const char *const bad[] = {"", "-", "+1", " 1", "1 ", "0x10",
					  "12a", "1-", "--1", "1.0", "\t1"};
	int64_t v;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(parse_full(bad[i], &v), ERR_INVALID);
		assert_int_equal(v, 777);
	}
}

static void i64_rejects_null(void **state)
{
	int64_t v = 777;

	(void)state;
	assert_int_equal(num_parse_i64(NULL, 0, 10, &v), ERR_INVALID);
	assert_int_equal(v, 777);
}

static void i64_rejects_one_past_int64_max(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse_full("9223372036854775808", &v), ERR_INVALID);
	assert_int_equal(v, 777);
}

static void i64_rejects_one_past_int64_min(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse_full("-9223372036854775809", &v), ERR_INVALID);
	assert_int_equal(v, 777);
}

static void i64_rejects_huge_digit_string(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse_full("99999999999999999999999999", &v),
			 ERR_INVALID);
	assert_int_equal(v, 777);
}

static void i64_accepts_bounds_inclusive(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_int_equal(num_parse_i64("1", 1, 12, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(num_parse_i64("12", 1, 12, &v), 0);
	assert_int_equal(v, 12);
}

static void i64_rejects_outside_min_max(void **state)
{
	int64_t v = 777;

	(void)state;
	assert_int_equal(num_parse_i64("0", 1, 12, &v), ERR_INVALID);
	assert_int_equal(num_parse_i64("13", 1, 12, &v), ERR_INVALID);
	assert_int_equal(num_parse_i64("-1", 0, 12, &v), ERR_INVALID);
	assert_int_equal(v, 777);
}

static void i64n_reads_only_len_bytes(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_int_equal(num_parse_i64n("2024-11", 4, 0, 9999, &v), 0);
	assert_int_equal(v, 2024);
}

static void i64n_rejects_zero_length(void **state)
{
	int64_t v = 777;

	(void)state;
	assert_int_equal(num_parse_i64n("5", 0, 0, 9, &v), ERR_INVALID);
	assert_int_equal(v, 777);
}

static void size_without_suffix_is_bytes(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(num_parse_size("1500", UINT64_MAX, &v), 0);
	assert_int_equal(v, 1500);
}

static void size_k_is_1024(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(num_parse_size("1k", UINT64_MAX, &v), 0);
	assert_int_equal(v, 1024);
}

static void size_2m_is_2097152(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(num_parse_size("2m", UINT64_MAX, &v), 0);
	assert_int_equal(v, 2097152);
}

static void size_g_is_1073741824(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(num_parse_size("1g", UINT64_MAX, &v), 0);
	assert_int_equal(v, 1073741824);
}

static void size_suffix_is_case_insensitive(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(num_parse_size("3K", UINT64_MAX, &v), 0);
	assert_int_equal(v, 3072);
	assert_int_equal(num_parse_size("1M", UINT64_MAX, &v), 0);
	assert_int_equal(v, 1048576);
	assert_int_equal(num_parse_size("1G", UINT64_MAX, &v), 0);
	assert_int_equal(v, 1073741824);
}

static void size_rejects_malformed_text(void **state)
{
	static const char *const bad[] = {"", "k", "1kb", "-1k", "-1", " 1k",
					  "1 k", "1.5m", "+1k", "1t", "kk"};
	uint64_t v = 777;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(num_parse_size(bad[i], UINT64_MAX, &v),
				 ERR_INVALID);
	assert_int_equal(v, 777);
}

static void size_accepts_exactly_max(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(num_parse_size("64m", 64u << 20, &v), 0);
	assert_int_equal(v, 67108864);
}

static void size_rejects_over_max(void **state)
{
	uint64_t v = 777;

	(void)state;
	assert_int_equal(num_parse_size("67108865", 64u << 20, &v), ERR_INVALID);
	assert_int_equal(num_parse_size("65m", 64u << 20, &v), ERR_INVALID);
	assert_int_equal(v, 777);
}

static void size_rejects_multiplication_overflow(void **state)
{
	uint64_t v = 777;

	(void)state;
	/* 2^62 * 1024 does not fit 64 bits */
	assert_int_equal(num_parse_size("4611686018427387904k", UINT64_MAX, &v),
			 ERR_INVALID);
	assert_int_equal(v, 777);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(i64_accepts_zero),
		cmocka_unit_test(i64_accepts_negative),
		cmocka_unit_test(i64_accepts_int64_max_text),
		cmocka_unit_test(i64_accepts_int64_min_text),
		cmocka_unit_test(i64_accepts_leading_zeros),
		cmocka_unit_test(i64_rejects_malformed_text_and_leaves_out_untouched),
		cmocka_unit_test(i64_rejects_null),
		cmocka_unit_test(i64_rejects_one_past_int64_max),
		cmocka_unit_test(i64_rejects_one_past_int64_min),
		cmocka_unit_test(i64_rejects_huge_digit_string),
		cmocka_unit_test(i64_accepts_bounds_inclusive),
		cmocka_unit_test(i64_rejects_outside_min_max),
		cmocka_unit_test(i64n_reads_only_len_bytes),
		cmocka_unit_test(i64n_rejects_zero_length),
		cmocka_unit_test(size_without_suffix_is_bytes),
		cmocka_unit_test(size_k_is_1024),
		cmocka_unit_test(size_2m_is_2097152),
		cmocka_unit_test(size_g_is_1073741824),
		cmocka_unit_test(size_suffix_is_case_insensitive),
		cmocka_unit_test(size_rejects_malformed_text),
		cmocka_unit_test(size_accepts_exactly_max),
		cmocka_unit_test(size_rejects_over_max),
		cmocka_unit_test(size_rejects_multiplication_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
