/*
 * Tests of src/db/migrate.c through migrate.h: versioned migrations, each
 * in its own transaction, recorded with a checksum.  Every test runs on
 * SQLite (a fresh temporary file) and, when GC_TEST_PG holds a
 * postgresql:// URL, on PostgreSQL in a fresh schema gc_test_migrate;
 * without GC_TEST_PG the PostgreSQL group is skipped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "db/db.h"
#include "db/migrate.h"
#include "testdb.h"

struct fx {
	enum db_kind kind;
	char path[64]; /* SQLite temporary file, or "" */
	struct db *db; /* opened per test; NULL = engine unavailable */
};

static struct fx sqlite_fx = {.kind = DB_SQLITE};
static struct fx pg_fx = {.kind = DB_PG};

/* Two test migrations that work. */
static const struct migration good[] = {
    {9001, "t_one", "CREATE TABLE gc_t_one (a INTEGER)", NULL, NULL},
    {9002, "t_two",
     "CREATE TABLE gc_t_two (a INTEGER);"
     " INSERT INTO gc_t_two (a) VALUES (1)",
     NULL, NULL},
};

/* The same, but the second fails after creating its table. */
static const struct migration bad_second[] = {
    {9001, "t_one", "CREATE TABLE gc_t_one (a INTEGER)", NULL, NULL},
    {9002, "t_two",
     "CREATE TABLE gc_t_two (a INTEGER);"
     " INSERT INTO gc_t_nowhere (a) VALUES (1)",
     NULL, NULL},
};

static int setup_sqlite(void **state)
{
	struct fx *f = &sqlite_fx;

	if (testdb_open_sqlite(f->path, &f->db, 0))
		return -1;
	*state = f;
	return 0;
}

static int setup_pg(void **state)
{
	struct fx *f = &pg_fx;
	char target[1200];

	*state = f;
	return testdb_open_pg("gc_test_migrate", target, sizeof target, &f->db);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	testdb_close(f->path, &f->db);
	return 0;
}

static struct fx *fx(void **state)
{
	struct fx *f = *state;

	if (!f->db)
		skip();
	return f;
}

/* 1 if table exists (a query on it prepares), 0 if not. */
static int table_exists(struct db *db, const char *table)
{
	struct db_stmt *st;
	struct err e;
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return db_prepare(db, sql, &st, &e) == 0;
}

static void fresh_db_applies_every_migration(void **state)
{
	struct fx *f = fx(state);
	struct err e;
	int applied = -1;

	assert_true(migrate_n_all >= 1);
	err_clear(&e);
	assert_int_equal(
	    migrate_apply(f->db, migrate_all, migrate_n_all, &applied, &e), 0);
	assert_int_equal(applied, (int)migrate_n_all);
	assert_int_equal(
	    testdb_i64(f->db, "SELECT count(*) FROM schema_migrations"),
	    (int64_t)migrate_n_all);
	/* 0001_core made its tables */
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM customers"), 0);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM daily_usage"),
			 0);
}

static void second_run_applies_nothing(void **state)
{
	struct fx *f = fx(state);
	struct err e;
	int applied = -1;

	assert_int_equal(
	    migrate_apply(f->db, migrate_all, migrate_n_all, &applied, &e), 0);
	assert_int_equal(
	    migrate_apply(f->db, migrate_all, migrate_n_all, &applied, &e), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(
	    testdb_i64(f->db, "SELECT count(*) FROM schema_migrations"),
	    (int64_t)migrate_n_all);
}

static void migrations_are_in_strictly_increasing_version_order(void **state)
{
	(void)state;
	assert_int_equal(migrate_all[0].version, 1);
	assert_string_equal(migrate_all[0].name, "core");
	assert_non_null(migrate_all[0].sql_sqlite);
	assert_non_null(migrate_all[0].sql_pg);
	for (size_t i = 1; i < migrate_n_all; i++)
		assert_true(migrate_all[i].version >
			    migrate_all[i - 1].version);
}

static void status_of_fresh_db_is_pending(void **state)
{
	struct fx *f = fx(state);
	struct migrate_status st[2];
	struct err e;

	assert_int_equal(migrate_status(f->db, good, 2, st, &e), 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(st[i].version, good[i].version);
		assert_string_equal(st[i].name, good[i].name);
		assert_int_equal(st[i].state, MIGRATE_PENDING);
		assert_int_equal(st[i].applied_at_utc, 0);
	}
}

static void status_after_apply_is_applied_with_time(void **state)
{
	struct fx *f = fx(state);
	struct migrate_status *st;
	struct err e;
	int applied;
	int64_t t0 = (int64_t)time(NULL), t1;

	st = calloc(migrate_n_all, sizeof *st);
	assert_int_equal(
	    migrate_apply(f->db, migrate_all, migrate_n_all, &applied, &e), 0);
	t1 = (int64_t)time(NULL);
	assert_int_equal(
	    migrate_status(f->db, migrate_all, migrate_n_all, st, &e), 0);
	for (size_t i = 0; i < migrate_n_all; i++) {
		assert_int_equal(st[i].version, migrate_all[i].version);
		assert_string_equal(st[i].name, migrate_all[i].name);
		assert_int_equal(st[i].state, MIGRATE_APPLIED);
		assert_true(st[i].applied_at_utc >= t0);
		assert_true(st[i].applied_at_utc <= t1);
	}
	free(st);
}

static void pending_of_fresh_db_counts_all(void **state)
{
	struct fx *f = fx(state);
	struct err e;
	int pending = -1;

	err_clear(&e);
	assert_int_equal(
	    migrate_pending(f->db, migrate_all, migrate_n_all, &pending, &e),
	    0);
	assert_int_equal(pending, (int)migrate_n_all);
}

static void pending_counts_unapplied(void **state)
{
	struct fx *f = fx(state);
	struct err e;
	int applied, pending = -1;

	assert_int_equal(migrate_apply(f->db, good, 1, &applied, &e), 0);
	assert_int_equal(applied, 1);
	assert_int_equal(migrate_pending(f->db, good, 2, &pending, &e), 0);
	assert_int_equal(pending, 1);
	assert_int_equal(migrate_apply(f->db, good, 2, &applied, &e), 0);
	assert_int_equal(applied, 1);
	assert_int_equal(migrate_pending(f->db, good, 2, &pending, &e), 0);
	assert_int_equal(pending, 0);
}

static void failing_migration_is_rolled_back_and_stays_pending(void **state)
{
	struct fx *f = fx(state);
	struct migrate_status st[2];
	struct err e;
	int applied = -1, pending = -1;

	err_clear(&e);
	assert_int_equal(migrate_apply(f->db, bad_second, 2, &applied, &e),
			 ERR_DB);
	assert_int_equal(e.code, ERR_DB);
	assert_int_equal(applied, 1);
	assert_int_equal(migrate_status(f->db, bad_second, 2, st, &e), 0);
	assert_int_equal(st[0].state, MIGRATE_APPLIED);
	assert_int_equal(st[1].state, MIGRATE_PENDING);
	assert_int_equal(st[1].applied_at_utc, 0);
	assert_int_equal(migrate_pending(f->db, bad_second, 2, &pending, &e),
			 0);
	assert_int_equal(pending, 1);
	/* version 1's table stays; version 2's half-made table is gone */
	assert_true(table_exists(f->db, "gc_t_one"));
	assert_false(table_exists(f->db, "gc_t_two"));
	assert_int_equal(
	    testdb_i64(f->db, "SELECT count(*) FROM schema_migrations"), 1);
}

static void corrected_migration_applies_after_failure(void **state)
{
	struct fx *f = fx(state);
	struct err e;
	int applied;

	assert_int_equal(migrate_apply(f->db, bad_second, 2, &applied, &e),
			 ERR_DB);
	assert_int_equal(migrate_apply(f->db, good, 2, &applied, &e), 0);
	assert_int_equal(applied, 1);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t_two"), 1);
}

static void edited_sql_of_applied_migration_is_changed(void **state)
{
	struct fx *f = fx(state);
	struct migration edited[2];
	struct migrate_status st[2];
	struct err e;
	int applied;

	assert_int_equal(migrate_apply(f->db, good, 2, &applied, &e), 0);
	memcpy(edited, good, sizeof edited);
	edited[0].sql = "CREATE TABLE gc_t_one (a INTEGER, b TEXT)";
	assert_int_equal(migrate_status(f->db, edited, 2, st, &e), 0);
	assert_int_equal(st[0].state, MIGRATE_CHANGED);
	assert_int_equal(st[1].state, MIGRATE_APPLIED);
	assert_true(st[0].applied_at_utc > 0);
}

static void edited_migration_is_not_run_again(void **state)
{
	struct fx *f = fx(state);
	struct migration edited[1];
	struct err e;
	int applied = -1, pending = -1;

	assert_int_equal(migrate_apply(f->db, good, 1, &applied, &e), 0);
	memcpy(edited, good, sizeof edited);
	edited[0].sql = "CREATE TABLE gc_t_one_again (a INTEGER)";
	assert_int_equal(migrate_apply(f->db, edited, 1, &applied, &e), 0);
	assert_int_equal(applied, 0);
	assert_false(table_exists(f->db, "gc_t_one_again"));
	assert_int_equal(migrate_pending(f->db, edited, 1, &pending, &e), 0);
	assert_int_equal(pending, 0);
}

static void record_holds_name_and_hex_checksum(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *st;
	struct err e;
	int applied;
	const char *sum;

	assert_int_equal(migrate_apply(f->db, good, 1, &applied, &e), 0);
	assert_int_equal(db_prepare(f->db,
				    "SELECT version, name, checksum"
				    " FROM schema_migrations",
				    &st, &e),
			 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_int_equal(db_col_i64(st, 0), 9001);
	assert_string_equal(db_col_text(st, 1), "t_one");
	sum = db_col_text(st, 2);
	assert_int_equal(strlen(sum), 16);
	assert_int_equal(strspn(sum, "0123456789abcdef"), 16);
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_reset(st);
}

static void engine_variant_is_chosen_by_driver(void **state)
{
	static const struct migration variant[] = {
	    {9003, "variant", NULL,
	     "CREATE TABLE gc_t_v (engine TEXT);"
	     " INSERT INTO gc_t_v (engine) VALUES ('sqlite')",
	     "CREATE TABLE gc_t_v (engine TEXT);"
	     " INSERT INTO gc_t_v (engine) VALUES ('postgresql')"},
	};
	struct fx *f = fx(state);
	struct migrate_status ms;
	struct db_stmt *st;
	struct err e;
	int applied;

	assert_int_equal(migrate_apply(f->db, variant, 1, &applied, &e), 0);
	assert_int_equal(applied, 1);
	assert_int_equal(
	    db_prepare(f->db, "SELECT engine FROM gc_t_v", &st, &e), 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), db_kind_name(f->db));
	db_reset(st);
	assert_int_equal(migrate_status(f->db, variant, 1, &ms, &e), 0);
	assert_int_equal(ms.state, MIGRATE_APPLIED);
}

static void migration_without_sql_for_engine_fails(void **state)
{
	static const struct migration none[] = {
	    {9004, "none", NULL, NULL, NULL},
	};
	struct fx *f = fx(state);
	struct err e;
	int applied = -1, pending = -1;

	err_clear(&e);
	assert_int_equal(migrate_apply(f->db, none, 1, &applied, &e),
			 ERR_INTERNAL);
	assert_int_equal(applied, 0);
	assert_int_equal(migrate_pending(f->db, none, 1, &pending, &e), 0);
	assert_int_equal(pending, 1);
}

/* The behaviour tests every engine runs. */
#define ENGINE_TESTS(X)                                                        \
	X(fresh_db_applies_every_migration)                                    \
	X(second_run_applies_nothing)                                          \
	X(status_of_fresh_db_is_pending)                                       \
	X(status_after_apply_is_applied_with_time)                             \
	X(pending_of_fresh_db_counts_all)                                      \
	X(pending_counts_unapplied)                                            \
	X(failing_migration_is_rolled_back_and_stays_pending)                  \
	X(corrected_migration_applies_after_failure)                           \
	X(edited_sql_of_applied_migration_is_changed)                          \
	X(edited_migration_is_not_run_again)                                   \
	X(record_holds_name_and_hex_checksum)                                  \
	X(engine_variant_is_chosen_by_driver)                                  \
	X(migration_without_sql_for_engine_fails)

#define ON_SQLITE(fn)                                                          \
	cmocka_unit_test_setup_teardown(fn, setup_sqlite, teardown),
#define ON_PG(fn) cmocka_unit_test_setup_teardown(fn, setup_pg, teardown),

int main(void)
{
	const struct CMUnitTest sqlite_tests[] = {
	    cmocka_unit_test(
		migrations_are_in_strictly_increasing_version_order),
	    ENGINE_TESTS(ON_SQLITE)};
	const struct CMUnitTest pg_tests[] = {ENGINE_TESTS(ON_PG)};
	int failed;

	failed = cmocka_run_group_tests_name("migrate on sqlite", sqlite_tests,
					     NULL, NULL);
	if (!testdb_pg_url())
		printf("GC_TEST_PG is unset: the PostgreSQL group is skipped"
		       " (set it to a postgresql:// URL, see "
		       "scripts/test-pg-start)\n");
	failed += cmocka_run_group_tests_name("migrate on postgresql", pg_tests,
					      NULL, NULL);
	return failed;
}
