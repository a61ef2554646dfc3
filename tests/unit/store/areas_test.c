/*
 * Tests of src/store/areas.c through areas.h on a migrated SQLite file:
 * the area tree comes back ordered by level then code, with customer
 * counts rolled up from villages to communes to the province, and
 * areas_save is an upsert.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "db/db.h"
#include "db/migrate.h"
#include "store/areas.h"
#include "testdb.h"

struct fx {
	char path[64];
	struct db *db;
};

static int setup(void **state)
{
	static struct fx f;

	if (testdb_open_sqlite(f.path, &f.db, 1))
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	testdb_close(f->path, &f->db);
	return 0;
}

static struct area mk(const char *code, const char *parent, int level,
		      const char *name, const char *ascii)
{
	struct area a;

	memset(&a, 0, sizeof a);
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.parent_code, sizeof a.parent_code, "%s", parent);
	a.level = level;
	snprintf(a.name, sizeof a.name, "%s", name);
	snprintf(a.name_ascii, sizeof a.name_ascii, "%s", ascii);
	return a;
}

/* One province, two communes, three villages; parents are saved before
 * their children (foreign key), codes out of order on purpose. */
static void save_tree(struct db *db)
{
	const struct area tree[] = {
	    mk("BN", "", 1, "Bắc Ninh", "Bac Ninh"),
	    mk("BN-B", "BN", 2, "Xã Tiên Lục", "Xa Tien Luc"),
	    mk("BN-A", "BN", 2, "Xã Lạng Giang", "Xa Lang Giang"),
	    mk("BN-B-1", "BN-B", 3, "Tiên Lục", "Tien Luc"),
	    mk("BN-A-2", "BN-A", 3, "Vôi", "Voi"),
	    mk("BN-A-1", "BN-A", 3, "Tân Dĩnh", "Tan Dinh"),
	};
	struct err e;

	for (size_t i = 0; i < sizeof tree / sizeof tree[0]; i++) {
		err_clear(&e);
		if (areas_save(db, &tree[i], &e))
			fail_msg("areas_save %s: %s", tree[i].code, e.msg);
	}
}

/*
 * Customers: BN-A-1 3 (2 with a smartphone), BN-A-2 1 (0), BN-B-1 2 (2),
 * and one registered on the commune BN-B itself (1).
 */
static void insert_customers(struct db *db)
{
	testdb_exec(db, "INSERT INTO customers (customer_id, code, area_code, name,"
		    " address, phone, tariff_class, cycle_day, household_quota,"
		    " has_smartphone, created_at) VALUES"
		    " (1, 'PA05010000001', 'BN-A-1', 'A', 'x', NULL, "
		    "'household', 1, 1, 1, 0),"
		    " (2, 'PA05010000002', 'BN-A-1', 'B', 'x', NULL, "
		    "'household', 1, 1, 1, 0),"
		    " (3, 'PA05010000003', 'BN-A-1', 'C', 'x', NULL, "
		    "'business', 5, 1, 0, 0),"
		    " (4, 'PA05010000004', 'BN-A-2', 'D', 'x', NULL, "
		    "'household', 9, 2, 0, 0),"
		    " (5, 'PA05010000005', 'BN-B-1', 'E', 'x', '+84912345678', "
		    "'household', 1, 1, 1, 0),"
		    " (6, 'PA05010000006', 'BN-B-1', 'F', 'x', NULL, "
		    "'administrative', 1, 1, 1, 0),"
		    " (7, 'PA05010000007', 'BN-B', 'G', 'x', NULL, "
		    "'household', 28, 1, 1, 0)");
}

static void empty_table_loads_zero_areas(void **state)
{
	struct fx *f = *state;
	struct area *a = NULL;
	size_t n = 99;
	struct err e;

	assert_int_equal(areas_load_all(f->db, &a, &n, &e), 0);
	assert_int_equal(n, 0);
	free(a);
}

static void load_orders_by_level_then_code(void **state)
{
	static const char *const order[] = {"BN",     "BN-A",	"BN-B",
					    "BN-A-1", "BN-A-2", "BN-B-1"};
	struct fx *f = *state;
	struct area *a = NULL;
	size_t n = 0;
	struct err e;

	save_tree(f->db);
	assert_int_equal(areas_load_all(f->db, &a, &n, &e), 0);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(a[i].code, order[i]);
	free(a);
}

static void load_returns_fields_as_saved(void **state)
{
	struct fx *f = *state;
	struct area *a = NULL;
	size_t n = 0;
	struct err e;

	save_tree(f->db);
	assert_int_equal(areas_load_all(f->db, &a, &n, &e), 0);
	assert_string_equal(a[0].code, "BN");
	assert_string_equal(a[0].parent_code, "");
	assert_int_equal(a[0].level, 1);
	assert_string_equal(a[0].name, "Bắc Ninh");
	assert_string_equal(a[0].name_ascii, "Bac Ninh");
	assert_string_equal(a[4].code, "BN-A-2");
	assert_string_equal(a[4].parent_code, "BN-A");
	assert_int_equal(a[4].level, 3);
	assert_string_equal(a[4].name, "Vôi");
	assert_string_equal(a[4].name_ascii, "Voi");
	free(a);
}

static void root_is_stored_with_null_parent(void **state)
{
	struct fx *f = *state;
	struct db_stmt *st;
	struct err e;

	save_tree(f->db);
	assert_int_equal(db_prepare(f->db,
				    "SELECT count(*) FROM areas"
				    " WHERE parent_code IS NULL",
				    &st, &e),
			 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_int_equal(db_col_i64(st, 0), 1);
	db_reset(st);
}

static void counts_without_customers_are_zero(void **state)
{
	struct fx *f = *state;
	struct area *a = NULL;
	size_t n = 0;
	struct err e;

	save_tree(f->db);
	assert_int_equal(areas_load_all(f->db, &a, &n, &e), 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(a[i].n_customers, 0);
		assert_int_equal(a[i].n_smartphone, 0);
	}
	free(a);
}

static void counts_roll_up_to_communes_and_province(void **state)
{
	static const struct {
		const char *code;
		int64_t customers, smartphone;
	} want[] = {
	    {"BN", 7, 5},     {"BN-A", 4, 2},	{"BN-B", 3, 3},
	    {"BN-A-1", 3, 2}, {"BN-A-2", 1, 0}, {"BN-B-1", 2, 2},
	};
	struct fx *f = *state;
	struct area *a = NULL;
	size_t n = 0;
	struct err e;

	save_tree(f->db);
	insert_customers(f->db);
	assert_int_equal(areas_load_all(f->db, &a, &n, &e), 0);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(a[i].code, want[i].code);
		assert_int_equal(a[i].n_customers, want[i].customers);
		assert_int_equal(a[i].n_smartphone, want[i].smartphone);
	}
	free(a);
}

static void save_existing_code_updates_name(void **state)
{
	struct fx *f = *state;
	struct area upd =
	    mk("BN-A-2", "BN-A", 3, "Thị trấn Vôi", "Thi tran Voi");
	struct area *a = NULL;
	size_t n = 0;
	struct err e;

	save_tree(f->db);
	insert_customers(f->db);
	assert_int_equal(areas_save(f->db, &upd, &e), 0);
	assert_int_equal(areas_load_all(f->db, &a, &n, &e), 0);
	assert_int_equal(n, 6);
	assert_string_equal(a[4].code, "BN-A-2");
	assert_string_equal(a[4].name, "Thị trấn Vôi");
	assert_string_equal(a[4].name_ascii, "Thi tran Voi");
	assert_int_equal(a[4].n_customers, 1); /* customers kept */
	free(a);
}

static void save_existing_code_can_move_parent(void **state)
{
	struct fx *f = *state;
	struct area moved = mk("BN-B-1", "BN-A", 3, "Tiên Lục", "Tien Luc");
	struct area *a = NULL;
	size_t n = 0;
	struct err e;

	save_tree(f->db);
	insert_customers(f->db);
	assert_int_equal(areas_save(f->db, &moved, &e), 0);
	assert_int_equal(areas_load_all(f->db, &a, &n, &e), 0);
	assert_string_equal(a[5].parent_code, "BN-A");
	assert_int_equal(a[1].n_customers, 6); /* BN-A: 4 + 2 */
	assert_int_equal(a[2].n_customers, 1); /* BN-B: its own one */
	assert_int_equal(a[0].n_customers, 7);
	free(a);
}

static void save_with_unknown_parent_is_conflict(void **state)
{
	struct fx *f = *state;
	struct area orphan = mk("BN-X-1", "BN-X", 3, "Mồ côi", "Mo coi");
	struct err e;

	save_tree(f->db);
	err_clear(&e);
	assert_int_equal(areas_save(f->db, &orphan, &e), ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
}

static void save_with_level_out_of_range_is_conflict(void **state)
{
	struct fx *f = *state;
	struct area deep = mk("BN-A-1-Z", "BN-A-1", 4, "Xóm", "Xom");
	struct err e;

	save_tree(f->db);
	assert_int_equal(areas_save(f->db, &deep, &e), ERR_CONFLICT);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(empty_table_loads_zero_areas),
	    T(load_orders_by_level_then_code),
	    T(load_returns_fields_as_saved),
	    T(root_is_stored_with_null_parent),
	    T(counts_without_customers_are_zero),
	    T(counts_roll_up_to_communes_and_province),
	    T(save_existing_code_updates_name),
	    T(save_existing_code_can_move_parent),
	    T(save_with_unknown_parent_is_conflict),
	    T(save_with_level_out_of_range_is_conflict),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
