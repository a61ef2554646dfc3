/*
 * area_cache_test: the shared area tree is reloaded only after its ttl,
 * and a snapshot a request holds survives a reload (ASan would report a
 * use after free).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "api/area_cache.h"
#include "testdb.h"

struct fx {
	char path[TESTDB_PATH];
	struct db *db;
};

static int setup(void **state)
{
	static struct fx f;

	if (testdb_open_sqlite(f.path, &f.db, 1))
		return -1;
	testdb_exec(f.db, "INSERT INTO areas (code, parent_code, level, name,"
			  " name_ascii) VALUES ('P', NULL, 1, 'Tỉnh', 'Tinh'),"
			  " ('P-V', 'P', 3, 'Thôn', 'Thon')");
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	testdb_close(f->path, &f->db);
	return 0;
}

static void add_customer(struct db *db, int id)
{
	char sql[512];

	snprintf(sql, sizeof sql,
		 "INSERT INTO customers (customer_id, code, area_code, name,"
		 " address, phone, tariff_class, cycle_day, household_quota,"
		 " has_smartphone, created_at) VALUES (%d, 'PA0501%07d', 'P-V',"
		 " 'x', 'y', NULL, 'household', 1, 1, 1, 0)", id, id);
	testdb_exec(db, sql);
}

/* Customers counted at the province in snapshot s. */
static int64_t province_count(const struct area_snap *s)
{
	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->areas[i].code, "P") == 0)
			return s->areas[i].n_customers;
	}
	fail_msg("no province in the snapshot");
	return -1;
}

static void within_ttl_the_same_snapshot_is_shared(void **state)
{
	struct fx *f = *state;
	struct area_cache *c = area_cache_new(3600ull * 1000000000u);
	const struct area_snap *a, *b;
	struct err e;

	add_customer(f->db, 1);
	assert_int_equal(area_cache_get(c, f->db, &a, &e), 0);
	add_customer(f->db, 2);
	assert_int_equal(area_cache_get(c, f->db, &b, &e), 0);
	assert_ptr_equal(a, b);
	assert_int_equal(province_count(b), 1); /* not reloaded yet */
	area_cache_put(a);
	area_cache_put(b);
	area_cache_free(c);
}

static void ttl_zero_reloads_and_held_snapshot_survives(void **state)
{
	struct fx *f = *state;
	struct area_cache *c = area_cache_new(0);
	const struct area_snap *a, *b;
	struct err e;

	add_customer(f->db, 1);
	assert_int_equal(area_cache_get(c, f->db, &a, &e), 0);
	add_customer(f->db, 2);
	assert_int_equal(area_cache_get(c, f->db, &b, &e), 0);
	assert_ptr_not_equal(a, b);
	assert_int_equal(province_count(b), 2);
	/* a was swapped out of the cache but is still ours to read */
	assert_int_equal(province_count(a), 1);
	area_cache_put(a);
	area_cache_free(c); /* b outlives the cache too */
	assert_int_equal(province_count(b), 2);
	area_cache_put(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			within_ttl_the_same_snapshot_is_shared, setup, teardown),
		cmocka_unit_test_setup_teardown(
			ttl_zero_reloads_and_held_snapshot_survives, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
