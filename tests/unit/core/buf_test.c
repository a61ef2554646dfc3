/*
 * Tests of src/core/buf.c through buf.h: the growing byte buffer with a
 * fixed maximum (STYLE.md section 4).  Appends that would pass the
 * maximum fail with ERR_TOOBIG and change nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"

static void new_buf_reads_as_empty_string(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(b.len, 0);
	assert_null(b.data);
	buf_fini(&b);
}

static void append_concatenates_bytes_and_terminates(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_append(&b, "abc", 3), 0);
	assert_int_equal(buf_append(&b, "defXX", 3), 0);
	assert_int_equal(b.len, 6);
	assert_string_equal(buf_cstr(&b), "abcdef");
	assert_int_equal(b.data[6], '\0');
	buf_fini(&b);
}

static void append_keeps_embedded_nul(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_append(&b, "a\0b", 3), 0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	buf_fini(&b);
}

static void puts_appends_c_string(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_puts(&b, "xin "), 0);
	assert_int_equal(buf_puts(&b, "chào"), 0);
	assert_string_equal(buf_cstr(&b), "xin chào");
	assert_int_equal(b.len, strlen("xin chào"));
	buf_fini(&b);
}

static void printf_formats_and_appends(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_puts(&b, "n="), 0);
	assert_int_equal(buf_printf(&b, "%d,%s,%05.1f", -42, "ok", 3.14159), 0);
	assert_string_equal(buf_cstr(&b), "n=-42,ok,003.1");
	assert_int_equal(b.len, 14);
	buf_fini(&b);
}

static void growth_past_initial_capacity_keeps_contents(void **state)
{
	struct buf b;
	char expect[5001];

	(void)state;
	buf_init(&b, 5000);
	for (int i = 0; i < 5000; i++) {
		char ch = (char)('a' + i % 26);

		expect[i] = ch;
		assert_int_equal(buf_append(&b, &ch, 1), 0);
	}
	expect[5000] = '\0';
	assert_int_equal(b.len, 5000);
	assert_string_equal(buf_cstr(&b), expect);
	buf_fini(&b);
}

static void append_exactly_to_max_succeeds(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 5);
	assert_int_equal(buf_append(&b, "12345", 5), 0);
	assert_string_equal(buf_cstr(&b), "12345");
	buf_fini(&b);
}

static void append_past_max_is_toobig_and_leaves_contents(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 5);
	assert_int_equal(buf_append(&b, "abc", 3), 0);
	assert_int_equal(buf_append(&b, "def", 3), ERR_TOOBIG);
	assert_int_equal(b.len, 3);
	assert_string_equal(buf_cstr(&b), "abc");
	buf_fini(&b);
}

static void printf_past_max_is_toobig_and_leaves_contents(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "abcd"), 0);
	assert_int_equal(buf_printf(&b, "%d", 12345), ERR_TOOBIG);
	assert_int_equal(b.len, 4);
	assert_string_equal(buf_cstr(&b), "abcd");
	buf_fini(&b);
}

static void append_huge_size_is_toobig_without_overflow(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 16);
	assert_int_equal(buf_puts(&b, "x"), 0);
	assert_int_equal(buf_append(&b, "y", SIZE_MAX), ERR_TOOBIG);
	assert_string_equal(buf_cstr(&b), "x");
	buf_fini(&b);
}

static void json_escape_quotes_and_backslash(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_json_escape(&b, "say \"hi\" \\o/"), 0);
	assert_string_equal(buf_cstr(&b), "say \\\"hi\\\" \\\\o/");
	buf_fini(&b);
}

static void json_escape_control_chars_as_u_escapes(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_json_escape(&b, "a\nb\tc\rd\x01" "e\x1f"), 0);
	assert_string_equal(buf_cstr(&b),
			    "a\\u000ab\\u0009c\\u000dd\\u0001e\\u001f");
	buf_fini(&b);
}

static void json_escape_passes_utf8_and_del_through(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_json_escape(&b, "Lạng Giang \x7f/"), 0);
	assert_string_equal(buf_cstr(&b), "Lạng Giang \x7f/");
	buf_fini(&b);
}

/*
 * buf.h: "an append that would pass [max] fails with ERR_TOOBIG and leaves
 * the buffer as it was"; buf_json_escape is such an append, so a value
 * whose escape does not fit must not leave half of itself behind.
 */
static void json_escape_past_max_is_toobig_and_leaves_contents(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 4);
	assert_int_equal(buf_puts(&b, "ab"), 0);
	/* "!" fits, but the escape of '"' needs two more bytes */
	assert_int_equal(buf_json_escape(&b, "!\""), ERR_TOOBIG);
	assert_int_equal(b.len, 2);
	assert_string_equal(buf_cstr(&b), "ab");
	buf_fini(&b);
}

static void reset_empties_but_keeps_allocation(void **state)
{
	struct buf b;
	char *before;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_puts(&b, "hello"), 0);
	before = b.data;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_ptr_equal(b.data, before);
	assert_int_equal(buf_puts(&b, "x"), 0);
	assert_string_equal(buf_cstr(&b), "x");
	buf_fini(&b);
}

static void take_hands_over_contents_and_empties_buf(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_puts(&b, "owned"), 0);
	s = buf_take(&b);
	assert_string_equal(s, "owned");
	assert_int_equal(b.len, 0);
	assert_null(b.data);
	assert_int_equal(b.max, 100);
	assert_string_equal(buf_cstr(&b), "");
	free(s);
	buf_fini(&b);
}

static void take_of_empty_buf_gives_empty_heap_string(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b, 100);
	s = buf_take(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	buf_fini(&b);
}

static void fini_keeps_max_for_reuse(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 3);
	assert_int_equal(buf_puts(&b, "abc"), 0);
	buf_fini(&b);
	assert_int_equal(b.max, 3);
	assert_int_equal(buf_puts(&b, "abcd"), ERR_TOOBIG);
	assert_int_equal(buf_puts(&b, "xyz"), 0);
	assert_string_equal(buf_cstr(&b), "xyz");
	buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_buf_reads_as_empty_string),
		cmocka_unit_test(append_concatenates_bytes_and_terminates),
		cmocka_unit_test(append_keeps_embedded_nul),
		cmocka_unit_test(puts_appends_c_string),
		cmocka_unit_test(printf_formats_and_appends),
		cmocka_unit_test(growth_past_initial_capacity_keeps_contents),
		cmocka_unit_test(append_exactly_to_max_succeeds),
		cmocka_unit_test(append_past_max_is_toobig_and_leaves_contents),
		cmocka_unit_test(printf_past_max_is_toobig_and_leaves_contents),
		cmocka_unit_test(append_huge_size_is_toobig_without_overflow),
		cmocka_unit_test(json_escape_quotes_and_backslash),
		cmocka_unit_test(json_escape_control_chars_as_u_escapes),
		cmocka_unit_test(json_escape_passes_utf8_and_del_through),
		cmocka_unit_test(json_escape_past_max_is_toobig_and_leaves_contents),
		cmocka_unit_test(reset_empties_but_keeps_allocation),
		cmocka_unit_test(take_hands_over_contents_and_empties_buf),
		cmocka_unit_test(take_of_empty_buf_gives_empty_heap_string),
		cmocka_unit_test(fini_keeps_max_for_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
