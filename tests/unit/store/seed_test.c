/*
 * Tests of src/store/seed.c through seed.h on migrated temporary SQLite
 * files: exact counts, the usage window, refusal to seed over existing
 * customers without `replace`, determinism from the seed, progress
 * reporting and option validation.
 *
 * One database is seeded once for the group (300 customers, seed 7, 13
 * months up to 2026-11-24) and read by several tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/err.h"
#include "db/db.h"
#include "db/migrate.h"
#include "store/seed.h"
#include "testdb.h"

enum { N_CUSTOMERS = 300, SEED = 7, MONTHS = 13 };

struct tmpdb {
	char path[64];
	struct db *db;
};

struct group {
	struct tmpdb t;		/* seeded once */
	struct seed_result res; /* what seed_run reported */
};

static struct group g;

static int open_migrated(struct tmpdb *t)
{
	return testdb_open_sqlite(t->path, &t->db, 1);
}

static void close_tmp(struct tmpdb *t)
{
	testdb_close(t->path, &t->db);
}

static struct seed_opts opts(int64_t customers, uint64_t seed, int months,
			     int replace)
{
	struct seed_opts o = {
	    .customers = customers,
	    .seed = seed,
	    .last_day = day_from_civil(2026, 11, 24),
	    .months = months,
	    .replace = replace,
	};

	return o;
}

static int group_setup(void **state)
{
	struct seed_opts o = opts(N_CUSTOMERS, SEED, MONTHS, 0);
	struct err e;

	(void)state;
	if (open_migrated(&g.t))
		return -1;
	err_clear(&e);
	if (seed_run(g.t.db, &o, NULL, NULL, &g.res, &e)) {
		fprintf(stderr, "seed_run: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	close_tmp(&g.t);
	return 0;
}

/* What identifies the data: usage sum and count, customer names. */
struct digest {
	int64_t usage_sum, usage_rows, customers, areas, name_len_sum;
	char first_name[96];
};

static void digest(struct db *db, struct digest *d)
{
	d->usage_sum = testdb_i64(db, "SELECT sum(energy_wh) FROM daily_usage");
	d->usage_rows = testdb_i64(db, "SELECT count(*) FROM daily_usage");
	d->customers = testdb_i64(db, "SELECT count(*) FROM customers");
	d->areas = testdb_i64(db, "SELECT count(*) FROM areas");
	d->name_len_sum = testdb_i64(db, "SELECT sum(length(name) * customer_id)"
					" FROM customers");
	testdb_text(db,
		   "SELECT name FROM customers ORDER BY customer_id LIMIT 1",
		   d->first_name, sizeof d->first_name);
}

static void assert_digest_equal(const struct digest *a, const struct digest *b)
{
	assert_int_equal(a->usage_sum, b->usage_sum);
	assert_int_equal(a->usage_rows, b->usage_rows);
	assert_int_equal(a->customers, b->customers);
	assert_int_equal(a->areas, b->areas);
	assert_int_equal(a->name_len_sum, b->name_len_sum);
	assert_string_equal(a->first_name, b->first_name);
}

/* ---- on the group's database ---- */

static void result_counts_match_the_tables(void **state)
{
	(void)state;
	assert_int_equal(g.res.customers, N_CUSTOMERS);
	assert_int_equal(testdb_i64(g.t.db, "SELECT count(*) FROM customers"),
			 N_CUSTOMERS);
	assert_int_equal(testdb_i64(g.t.db, "SELECT count(*) FROM daily_usage"),
			 g.res.usage_rows);
	assert_int_equal(g.res.areas, 25);
	assert_int_equal(testdb_i64(g.t.db, "SELECT count(*) FROM areas"), 25);
}

static void every_customer_has_one_meter(void **state)
{
	(void)state;
	assert_int_equal(testdb_i64(g.t.db, "SELECT count(*) FROM meters"),
			 N_CUSTOMERS);
	assert_int_equal(testdb_i64(g.t.db, "SELECT count(DISTINCT customer_id)"
					   " FROM meters WHERE meter_id = 1"),
			 N_CUSTOMERS);
}

static void customer_ids_run_from_1_to_n(void **state)
{
	(void)state;
	assert_int_equal(
	    testdb_i64(g.t.db, "SELECT min(customer_id) FROM customers"), 1);
	assert_int_equal(
	    testdb_i64(g.t.db, "SELECT max(customer_id) FROM customers"),
	    N_CUSTOMERS);
}

/* 13 months before 2026-11-24 is 2025-10-24; the history is the days
 * after it up to and including last_day: 2025-10-25 .. 2026-11-24. */
static void usage_spans_2025_10_25_to_2026_11_24(void **state)
{
	char first[16], last[16];

	(void)state;
	testdb_text(g.t.db, "SELECT min(day) FROM daily_usage", first,
		   sizeof first);
	testdb_text(g.t.db, "SELECT max(day) FROM daily_usage", last,
		   sizeof last);
	assert_string_equal(first, "2025-10-25");
	assert_string_equal(last, "2026-11-24");
	assert_int_equal(testdb_i64(g.t.db, "SELECT count(DISTINCT day)"
					   " FROM daily_usage"),
			 396);
}

static void no_customer_has_more_than_one_row_per_day(void **state)
{
	(void)state;
	assert_int_equal(
	    testdb_i64(g.t.db, "SELECT max(n) FROM (SELECT count(*)"
			      " AS n FROM daily_usage GROUP BY customer_id)"),
	    396);
	assert_true(g.res.usage_rows <= (int64_t)N_CUSTOMERS * 396);
	/* gaps are rare (about 0.5 % of meters, at most 20 days each) */
	assert_true(g.res.usage_rows >= (int64_t)N_CUSTOMERS * 396 - 20 * 20);
}

static void
seeding_again_without_replace_is_conflict_and_changes_nothing(void **state)
{
	struct seed_opts o = opts(5, 99, 1, 0);
	struct seed_result res = {-1, -1, -1};
	struct digest before, after;
	struct err e;

	(void)state;
	digest(g.t.db, &before);
	err_clear(&e);
	assert_int_equal(seed_run(g.t.db, &o, NULL, NULL, &res, &e),
			 ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_non_null(e.field);
	assert_string_equal(e.field, "replace");
	assert_int_equal(res.customers, -1); /* *out untouched on error */
	digest(g.t.db, &after);
	assert_digest_equal(&before, &after);
}

/* ---- each on its own database ---- */

/* Replacing with the same options rewrites the very same rows (fewer
 * customers and a shorter window than the group's keep the test fast;
 * customer i's data depend only on (seed, i)). */
static void replace_with_same_seed_gives_identical_rows(void **state)
{
	struct seed_opts a = opts(100, SEED, 1, 0);
	struct seed_opts b = opts(100, SEED, 1, 1);
	struct seed_result ra, rb;
	struct digest before, after;
	struct tmpdb t;
	struct err e;

	(void)state;
	assert_int_equal(open_migrated(&t), 0);
	err_clear(&e);
	assert_int_equal(seed_run(t.db, &a, NULL, NULL, &ra, &e), 0);
	digest(t.db, &before);
	assert_int_equal(seed_run(t.db, &b, NULL, NULL, &rb, &e), 0);
	digest(t.db, &after);
	assert_int_equal(rb.customers, 100);
	assert_int_equal(rb.usage_rows, ra.usage_rows);
	assert_int_equal(rb.areas, 25);
	assert_int_equal(after.usage_rows, rb.usage_rows);
	assert_digest_equal(&before, &after);
	close_tmp(&t);
}

/* Customer i's data do not depend on how long the history is: the first
 * customer of the group's database is the same person here. */
static void customer_identity_does_not_depend_on_window(void **state)
{
	static const char who[] = "SELECT name || '|' || code || '|' ||"
				  " coalesce(phone, '') || '|' || area_code"
				  " FROM customers WHERE customer_id = 1";
	struct seed_opts o = opts(3, SEED, 0, 0);
	struct seed_result res;
	struct tmpdb t;
	struct err e;
	char here[96], there[96];

	(void)state;
	assert_int_equal(open_migrated(&t), 0);
	assert_int_equal(seed_run(t.db, &o, NULL, NULL, &res, &e), 0);
	testdb_text(t.db, who, here, sizeof here);
	testdb_text(g.t.db, who, there, sizeof there);
	assert_string_equal(here, there);
	close_tmp(&t);
}

static void replace_with_other_seed_changes_rows(void **state)
{
	struct seed_opts a = opts(20, 7, 1, 0), b = opts(20, 8, 1, 1);
	struct seed_result res;
	struct digest da, db7, db8;
	struct tmpdb t;
	struct err e;

	(void)state;
	assert_int_equal(open_migrated(&t), 0);
	assert_int_equal(seed_run(t.db, &a, NULL, NULL, &res, &e), 0);
	digest(t.db, &da);
	assert_int_equal(seed_run(t.db, &b, NULL, NULL, &res, &e), 0);
	digest(t.db, &db8);
	assert_int_equal(db8.customers, 20);
	assert_true(db8.usage_sum != da.usage_sum);
	a.replace = 1;
	assert_int_equal(seed_run(t.db, &a, NULL, NULL, &res, &e), 0);
	digest(t.db, &db7);
	assert_digest_equal(&da, &db7);
	close_tmp(&t);
}

static void replace_with_fewer_customers_leaves_only_them(void **state)
{
	struct seed_opts a = opts(30, 7, 0, 0), b = opts(10, 7, 0, 1);
	struct seed_result res;
	struct tmpdb t;
	struct err e;

	(void)state;
	assert_int_equal(open_migrated(&t), 0);
	assert_int_equal(seed_run(t.db, &a, NULL, NULL, &res, &e), 0);
	assert_int_equal(seed_run(t.db, &b, NULL, NULL, &res, &e), 0);
	assert_int_equal(res.customers, 10);
	assert_int_equal(testdb_i64(t.db, "SELECT count(*) FROM customers"), 10);
	assert_int_equal(testdb_i64(t.db, "SELECT count(*) FROM meters"), 10);
	assert_int_equal(testdb_i64(t.db, "SELECT count(*) FROM areas"), 25);
	close_tmp(&t);
}

struct calls {
	int n;
	int64_t done[8], total[8];
};

static void on_progress(void *ctx, int64_t done, int64_t total)
{
	struct calls *c = ctx;

	if (c->n < 8) {
		c->done[c->n] = done;
		c->total[c->n] = total;
	}
	c->n++;
}

static void progress_is_reported_per_batch_ending_at_total(void **state)
{
	struct seed_opts o = opts(1200, 3, 0, 0);
	struct seed_result res;
	struct calls c = {0};
	struct tmpdb t;
	struct err e;

	(void)state;
	assert_int_equal(open_migrated(&t), 0);
	assert_int_equal(seed_run(t.db, &o, on_progress, &c, &res, &e), 0);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.done[0], 500);
	assert_int_equal(c.done[1], 1000);
	assert_int_equal(c.done[2], 1200);
	for (int i = 0; i < 3; i++)
		assert_int_equal(c.total[i], 1200);
	assert_int_equal(res.customers, 1200);
	close_tmp(&t);
}

static void progress_single_batch_reports_done_equal_total(void **state)
{
	struct seed_opts o = opts(7, 3, 0, 0);
	struct seed_result res;
	struct calls c = {0};
	struct tmpdb t;
	struct err e;

	(void)state;
	assert_int_equal(open_migrated(&t), 0);
	assert_int_equal(seed_run(t.db, &o, on_progress, &c, &res, &e), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.done[0], 7);
	assert_int_equal(c.total[0], 7);
	close_tmp(&t);
}

static void zero_months_writes_no_usage(void **state)
{
	struct seed_opts o = opts(12, 3, 0, 0);
	struct seed_result res;
	struct tmpdb t;
	struct err e;

	(void)state;
	assert_int_equal(open_migrated(&t), 0);
	assert_int_equal(seed_run(t.db, &o, NULL, NULL, &res, &e), 0);
	assert_int_equal(res.customers, 12);
	assert_int_equal(res.usage_rows, 0);
	assert_int_equal(testdb_i64(t.db, "SELECT count(*) FROM daily_usage"),
			 0);
	close_tmp(&t);
}

/* One month before 2026-03-31 is 2026-02-28 (clamped to the month's
 * end), so the history is the whole of March. */
static void one_month_before_month_end_clamps(void **state)
{
	struct seed_opts o = opts(3, 3, 1, 0);
	struct seed_result res;
	struct tmpdb t;
	struct err e;
	char first[16];

	(void)state;
	o.last_day = day_from_civil(2026, 3, 31);
	assert_int_equal(open_migrated(&t), 0);
	assert_int_equal(seed_run(t.db, &o, NULL, NULL, &res, &e), 0);
	testdb_text(t.db, "SELECT min(day) FROM daily_usage", first,
		   sizeof first);
	assert_string_equal(first, "2026-03-01");
	assert_int_equal(testdb_i64(t.db, "SELECT count(DISTINCT day)"
					 " FROM daily_usage"),
			 31);
	close_tmp(&t);
}

static void invalid_customer_count_is_rejected_naming_customers(void **state)
{
	static const int64_t bad[] = {0, -1, SEED_MAX_CUSTOMERS + 1LL};
	struct seed_result res = {-1, -1, -1};
	struct tmpdb t;

	(void)state;
	assert_int_equal(open_migrated(&t), 0);
	for (size_t i = 0; i < 3; i++) {
		struct seed_opts o = opts(bad[i], 1, 1, 0);
		struct err e;

		err_clear(&e);
		assert_int_equal(seed_run(t.db, &o, NULL, NULL, &res, &e),
				 ERR_INVALID);
		assert_non_null(e.field);
		assert_string_equal(e.field, "customers");
	}
	assert_int_equal(res.customers, -1);
	assert_int_equal(testdb_i64(t.db, "SELECT count(*) FROM areas"), 0);
	close_tmp(&t);
}

static void invalid_months_is_rejected_naming_months(void **state)
{
	static const int bad[] = {-1, 37};
	struct seed_result res;
	struct tmpdb t;

	(void)state;
	assert_int_equal(open_migrated(&t), 0);
	for (size_t i = 0; i < 2; i++) {
		struct seed_opts o = opts(5, 1, bad[i], 0);
		struct err e;

		err_clear(&e);
		assert_int_equal(seed_run(t.db, &o, NULL, NULL, &res, &e),
				 ERR_INVALID);
		assert_string_equal(e.field, "months");
	}
	assert_int_equal(testdb_i64(t.db, "SELECT count(*) FROM areas"), 0);
	close_tmp(&t);
}

int main(void)
{
	const struct CMUnitTest seeded[] = {
	    cmocka_unit_test(result_counts_match_the_tables),
	    cmocka_unit_test(every_customer_has_one_meter),
	    cmocka_unit_test(customer_ids_run_from_1_to_n),
	    cmocka_unit_test(usage_spans_2025_10_25_to_2026_11_24),
	    cmocka_unit_test(no_customer_has_more_than_one_row_per_day),
	    cmocka_unit_test(
		seeding_again_without_replace_is_conflict_and_changes_nothing),
	    cmocka_unit_test(customer_identity_does_not_depend_on_window),
	};
	const struct CMUnitTest fresh[] = {
	    cmocka_unit_test(replace_with_same_seed_gives_identical_rows),
	    cmocka_unit_test(replace_with_other_seed_changes_rows),
	    cmocka_unit_test(replace_with_fewer_customers_leaves_only_them),
	    cmocka_unit_test(progress_is_reported_per_batch_ending_at_total),
	    cmocka_unit_test(progress_single_batch_reports_done_equal_total),
	    cmocka_unit_test(zero_months_writes_no_usage),
	    cmocka_unit_test(one_month_before_month_end_clamps),
	    cmocka_unit_test(
		invalid_customer_count_is_rejected_naming_customers),
	    cmocka_unit_test(invalid_months_is_rejected_naming_months),
	};
	int failed;

	failed = cmocka_run_group_tests_name(
	    "seed: one seeded database", seeded, group_setup, group_teardown);
	failed += cmocka_run_group_tests_name("seed: fresh databases", fresh,
					      NULL, NULL);
	return failed;
}
