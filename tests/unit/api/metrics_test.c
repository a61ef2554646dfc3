/*
 * Tests of src/api/metrics.c through metrics.h: request counters per route
 * and status, the latency histogram (cumulative buckets, +Inf equals the
 * count), DB time, and the in-flight gauge, in Prometheus text format.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "api/metrics.h"
#include "core/buf.h"

static const char *const routes[] = {"/a", "/b"};

enum { MS = 1000000 }; /* nanoseconds */

struct fx {
	struct metrics *m;
	struct buf out;
};

static int setup(void **state)
{
	static struct fx f;

	f.m = metrics_new(routes, 2);
	buf_init(&f.out, 1 << 20);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	metrics_free(f->m);
	buf_fini(&f->out);
	return 0;
}

static const char *render(struct fx *f)
{
	buf_reset(&f->out);
	assert_int_equal(metrics_render(f->m, &f->out), 0);
	return buf_cstr(&f->out);
}

/* line must appear in text as a whole line. */
static void assert_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; (p = strstr(p, line)) != NULL; p++) {
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return;
	}
	fail_msg("line not found: %s\n--- in ---\n%s", line, text);
}

static void assert_no_substring(const char *text, const char *s)
{
	if (strstr(text, s))
		fail_msg("unexpected: %s\n--- in ---\n%s", s, text);
}

static void requests_are_counted_by_route_and_status(void **state)
{
	struct fx *f = *state;
	const char *t;

	metrics_observe(f->m, 0, 200, 2 * MS, 0);
	metrics_observe(f->m, 0, 200, 3 * MS, 0);
	metrics_observe(f->m, 0, 404, 1 * MS, 0);
	metrics_observe(f->m, 1, 201, 1 * MS, 0);
	t = render(f);
	assert_line(
	    t, "gridcare_http_requests_total{route=\"/a\",status=\"200\"} 2");
	assert_line(
	    t, "gridcare_http_requests_total{route=\"/a\",status=\"404\"} 1");
	assert_line(
	    t, "gridcare_http_requests_total{route=\"/b\",status=\"201\"} 1");
	assert_no_substring(t, "{route=\"/b\",status=\"200\"}");
	assert_line(t, "# TYPE gridcare_http_requests_total counter");
}

static void unmatched_route_is_its_own_series(void **state)
{
	struct fx *f = *state;
	const char *t;

	metrics_observe(f->m, -1, 404, 1 * MS, 0);
	t = render(f);
	assert_line(t, "gridcare_http_requests_total{route=\"unmatched\","
		       "status=\"404\"} 1");
	assert_line(t, "gridcare_http_request_duration_seconds_count"
		       "{route=\"unmatched\"} 1");
}

static void unlisted_status_counts_as_other(void **state)
{
	struct fx *f = *state;
	const char *t;

	metrics_observe(f->m, 1, 418, 1 * MS, 0);
	metrics_observe(f->m, 1, 599, 1 * MS, 0);
	t = render(f);
	assert_line(t, "gridcare_http_requests_total{route=\"/b\","
		       "status=\"other\"} 2");
	assert_no_substring(t, "status=\"418\"");
}

static void histogram_buckets_are_cumulative(void **state)
{
	struct fx *f = *state;
	const char *t;

	metrics_observe(f->m, 1, 200, MS / 2, 0); /* 0.5 ms */
	metrics_observe(f->m, 1, 200, 1 * MS, 0); /* on the 1 ms bound */
	metrics_observe(f->m, 1, 200, 1 * MS + 1, 0);
	metrics_observe(f->m, 1, 200, 20 * MS, 0);
	metrics_observe(f->m, 1, 200, 11000ull * MS, 0); /* past 10 s */
	t = render(f);
#define B(le, n)                                                               \
	assert_line(t, "gridcare_http_request_duration_seconds_bucket"         \
		       "{route=\"/b\",le=\"" le "\"} " #n)
	B("0.001", 2);
	B("0.005", 3);
	B("0.01", 3);
	B("0.025", 4);
	B("0.05", 4);
	B("0.1", 4);
	B("0.25", 4);
	B("0.5", 4);
	B("1", 4);
	B("2.5", 4);
	B("5", 4);
	B("10", 4);
	B("+Inf", 5);
#undef B
	assert_line(t, "gridcare_http_request_duration_seconds_count"
		       "{route=\"/b\"} 5");
	assert_line(t, "gridcare_http_request_duration_seconds_sum"
		       "{route=\"/b\"} 11.022500");
}

static void inf_bucket_equals_count(void **state)
{
	struct fx *f = *state;
	const char *t;

	for (int i = 0; i < 7; i++)
		metrics_observe(f->m, 0, 200, (uint64_t)i * 300 * MS, 0);
	t = render(f);
	assert_line(t, "gridcare_http_request_duration_seconds_bucket"
		       "{route=\"/a\",le=\"+Inf\"} 7");
	assert_line(t, "gridcare_http_request_duration_seconds_count"
		       "{route=\"/a\"} 7");
}

static void empty_series_render_zero_buckets(void **state)
{
	struct fx *f = *state;
	const char *t = render(f);

	assert_line(t, "gridcare_http_request_duration_seconds_bucket"
		       "{route=\"/a\",le=\"0.001\"} 0");
	assert_line(t, "gridcare_http_request_duration_seconds_bucket"
		       "{route=\"/a\",le=\"+Inf\"} 0");
	assert_line(t, "gridcare_http_request_duration_seconds_sum"
		       "{route=\"/a\"} 0.000000");
	assert_line(t, "gridcare_http_request_duration_seconds_count"
		       "{route=\"/a\"} 0");
	assert_line(t, "gridcare_http_db_seconds_total{route=\"/b\"} 0.000000");
	assert_no_substring(t, "gridcare_http_requests_total{");
}

static void db_time_is_summed_per_route(void **state)
{
	struct fx *f = *state;
	const char *t;

	metrics_observe(f->m, 0, 200, 5 * MS, 1 * MS);
	metrics_observe(f->m, 0, 500, 5 * MS, 2500000);
	t = render(f);
	assert_line(t, "gridcare_http_db_seconds_total{route=\"/a\"} 0.003500");
	assert_line(t, "gridcare_http_db_seconds_total{route=\"/b\"} 0.000000");
	assert_line(t, "# TYPE gridcare_http_db_seconds_total counter");
}

static void in_flight_gauge_follows_deltas(void **state)
{
	struct fx *f = *state;
	const char *t;

	assert_int_equal(metrics_in_flight_now(f->m), 0);
	metrics_in_flight(f->m, 1);
	metrics_in_flight(f->m, 1);
	metrics_in_flight(f->m, 1);
	metrics_in_flight(f->m, -1);
	assert_int_equal(metrics_in_flight_now(f->m), 2);
	t = render(f);
	assert_line(t, "# TYPE gridcare_http_in_flight_requests gauge");
	assert_line(t, "gridcare_http_in_flight_requests 2");
}

static void histogram_type_line_precedes_its_samples(void **state)
{
	struct fx *f = *state;
	const char *t = render(f), *type, *first;

	type = strstr(
	    t, "# TYPE gridcare_http_request_duration_seconds histogram\n");
	first = strstr(t, "gridcare_http_request_duration_seconds_bucket{");
	assert_non_null(type);
	assert_non_null(first);
	assert_true(type < first);
}

static void render_appends_to_existing_buffer(void **state)
{
	struct fx *f = *state;

	buf_reset(&f->out);
	buf_puts(&f->out, "prefix\n");
	assert_int_equal(metrics_render(f->m, &f->out), 0);
	assert_int_equal(strncmp(buf_cstr(&f->out), "prefix\n# HELP ", 14), 0);
	assert_int_equal(buf_cstr(&f->out)[f->out.len - 1], '\n');
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(requests_are_counted_by_route_and_status),
	    T(unmatched_route_is_its_own_series),
	    T(unlisted_status_counts_as_other),
	    T(histogram_buckets_are_cumulative),
	    T(inf_bucket_equals_count),
	    T(empty_series_render_zero_buckets),
	    T(db_time_is_summed_per_route),
	    T(in_flight_gauge_follows_deltas),
	    T(histogram_type_line_precedes_its_samples),
	    T(render_appends_to_existing_buffer),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
