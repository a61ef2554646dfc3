/*
 * Tests of src/db/db.c and its drivers through db.h.  Every behaviour test
 * runs once per engine: on SQLite (a fresh temporary file per test) and,
 * when GC_TEST_PG holds a postgresql:// URL, on PostgreSQL (a fresh schema
 * gc_test_db per test, selected through the URL's options so that pooled
 * connections see it too).  Without GC_TEST_PG the PostgreSQL group is
 * skipped.
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
#include "testdb.h"

enum { N_BULK = 10000 };

struct fx {
	enum db_kind kind;
	char target[1200]; /* what db_open gets */
	char path[64];	   /* SQLite temporary file, or "" */
	struct db *db;	   /* opened per test */
};

static struct fx sqlite_fx = {.kind = DB_SQLITE};
static struct fx pg_fx = {.kind = DB_PG};

static int setup_sqlite(void **state)
{
	struct fx *f = &sqlite_fx;

	if (testdb_open_sqlite(f->path, &f->db, 0))
		return -1;
	snprintf(f->target, sizeof f->target, "%s", f->path);
	*state = f;
	return 0;
}

static int setup_pg(void **state)
{
	struct fx *f = &pg_fx;

	*state = f;
	return testdb_open_pg("gc_test_db", f->target, sizeof f->target, &f->db);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	testdb_close(f->path, &f->db);
	return 0;
}

/* The fixture of this test; skips when its engine is not available. */
static struct fx *fx(void **state)
{
	struct fx *f = *state;

	if (!f->db)
		skip();
	return f;
}

static void make_table(struct db *db)
{
	testdb_exec(db, "CREATE TABLE gc_t (id BIGINT PRIMARY KEY,"
		    " name TEXT NOT NULL, note TEXT)");
}

/* ---- tests ---- */

static void kind_names_the_engine(void **state)
{
	struct fx *f = fx(state);

	assert_int_equal(db_kind(f->db), f->kind);
	assert_string_equal(db_kind_name(f->db),
			    f->kind == DB_PG ? "postgresql" : "sqlite");
}

static void ping_answers(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	assert_int_equal(db_ping(f->db, &e), 0);
}

static void exec_runs_several_statements(void **state)
{
	struct fx *f = fx(state);

	make_table(f->db);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a');"
		       " INSERT INTO gc_t (id, name) VALUES (2, 'b');"
		       " INSERT INTO gc_t (id, name) VALUES (3, 'c')");
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 3);
	assert_int_equal(testdb_i64(f->db, "SELECT sum(id) FROM gc_t"), 6);
}

static void exec_reports_syntax_error_as_db_error(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	err_clear(&e);
	assert_int_equal(db_exec(f->db, "CREAT TABLE x (a INT)", &e), ERR_DB);
	assert_int_equal(e.code, ERR_DB);
	assert_true(strlen(e.msg) > 0);
}

static void prepare_reports_unknown_table_as_db_error(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *st = NULL;
	struct err e;

	err_clear(&e);
	assert_int_equal(
	    db_prepare(f->db, "SELECT a FROM gc_no_such_table", &st, &e),
	    ERR_DB);
	assert_int_equal(e.code, ERR_DB);
	assert_null(st);
}

static void bound_values_read_back_exactly(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *ins, *sel;
	struct err e;

	make_table(f->db);
	err_clear(&e);
	assert_int_equal(db_prepare(f->db,
				    "INSERT INTO gc_t (id, name, note)"
				    " VALUES (?1, ?2, ?3)",
				    &ins, &e),
			 0);
	assert_int_equal(db_bind_i64(ins, 1, INT64_MAX), 0);
	assert_int_equal(db_bind_text(ins, 2, "Nguyễn Văn A 'quoted' \"x\""),
			 0);
	assert_int_equal(db_bind_null(ins, 3), 0);
	assert_int_equal(db_step(ins, &e), DB_DONE);
	db_reset(ins);
	assert_int_equal(db_bind_i64(ins, 1, INT64_MIN), 0);
	assert_int_equal(db_bind_text(ins, 2, ""), 0);
	assert_int_equal(db_bind_text(ins, 3, "tab\there\nline"), 0);
	assert_int_equal(db_step(ins, &e), DB_DONE);
	db_reset(ins);

	assert_int_equal(db_prepare(f->db,
				    "SELECT id, name, note FROM gc_t"
				    " ORDER BY id",
				    &sel, &e),
			 0);
	assert_int_equal(db_step(sel, &e), DB_ROW);
	assert_true(db_col_i64(sel, 0) == INT64_MIN);
	assert_string_equal(db_col_text(sel, 1), "");
	assert_false(db_col_is_null(sel, 1));
	assert_string_equal(db_col_text(sel, 2), "tab\there\nline");
	assert_int_equal(db_step(sel, &e), DB_ROW);
	assert_true(db_col_i64(sel, 0) == INT64_MAX);
	assert_string_equal(db_col_text(sel, 1), "Nguyễn Văn A 'quoted' \"x\"");
	assert_true(db_col_is_null(sel, 2));
	assert_string_equal(db_col_text(sel, 2), "");
	assert_int_equal(db_col_i64(sel, 2), 0);
	assert_int_equal(db_step(sel, &e), DB_DONE);
	db_reset(sel);
}

static void text_bind_null_pointer_binds_null(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *st;
	struct err e;

	make_table(f->db);
	assert_int_equal(db_prepare(f->db,
				    "INSERT INTO gc_t (id, name, note)"
				    " VALUES (?1, 'n', ?2)",
				    &st, &e),
			 0);
	db_bind_i64(st, 1, 1);
	assert_int_equal(db_bind_text(st, 2, NULL), 0);
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_reset(st);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"
					  " WHERE note IS NULL"),
			 1);
}

static void question_mark_inside_comments_is_not_a_placeholder(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *st;
	struct err e;

	make_table(f->db);
	/* with ?2 and ?3 taken for parameters, PostgreSQL would expect three
	 * values and the statement would fail */
	assert_int_equal(db_prepare(f->db,
				    "INSERT INTO gc_t (id, name) /* not ?2 */"
				    " VALUES (?1, 'x') -- nor ?3\n",
				    &st, &e),
			 0);
	db_bind_i64(st, 1, 7);
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_reset(st);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"
					  " WHERE id = 7 AND name = 'x'"),
			 1);
}

static void placeholder_may_repeat_and_appear_out_of_order(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *st;
	struct err e;

	make_table(f->db);
	assert_int_equal(db_prepare(f->db,
				    "INSERT INTO gc_t (id, name, note)"
				    " VALUES (?2, ?1, ?1)",
				    &st, &e),
			 0);
	db_bind_text(st, 1, "same");
	db_bind_i64(st, 2, 42);
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_reset(st);
	assert_int_equal(testdb_i64(f->db,
				   "SELECT count(*) FROM gc_t WHERE id = 42"
				   " AND name = 'same' AND note = 'same'"),
			 1);
}

static void
question_mark_inside_string_literal_is_not_a_placeholder(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *st;
	struct err e;

	assert_int_equal(
	    db_prepare(f->db, "SELECT '?1', CAST(?1 AS TEXT)", &st, &e), 0);
	db_bind_text(st, 1, "x");
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "?1");
	assert_string_equal(db_col_text(st, 1), "x");
	db_reset(st);
}

static void changes_counts_rows_of_last_write(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *st;
	struct err e;

	make_table(f->db);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a'), (2, 'a'),"
		       " (3, 'b')");
	assert_int_equal(db_prepare(f->db,
				    "UPDATE gc_t SET note = 'x'"
				    " WHERE name = ?1",
				    &st, &e),
			 0);
	db_bind_text(st, 1, "a");
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_reset(st);
	assert_int_equal(db_changes(f->db), 2);
	db_bind_text(st, 1, "zzz");
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_reset(st);
	assert_int_equal(db_changes(f->db), 0);
}

static void cache_returns_same_statement_for_same_text(void **state)
{
	struct fx *f = fx(state);
	char sql[] = "SELECT name FROM gc_t WHERE id = ?1";
	struct db_stmt *a, *b, *c;
	struct err e;

	make_table(f->db);
	assert_int_equal(
	    db_prepare(f->db, "SELECT name FROM gc_t WHERE id = ?1", &a, &e),
	    0);
	/* sql is a different buffer with the same text */
	assert_int_equal(db_prepare(f->db, sql, &b, &e), 0);
	assert_ptr_equal(a, b);
	assert_int_equal(
	    db_prepare(f->db, "SELECT name FROM gc_t WHERE id = ?1 ", &c, &e),
	    0); /* one more space */
	assert_ptr_not_equal(a, c);
}

static void cached_statement_comes_back_reset_without_bindings(void **state)
{
	struct fx *f = fx(state);
	const char *sql = "SELECT name FROM gc_t WHERE id = ?1 OR ?1 IS NULL"
			  " ORDER BY id";
	struct db_stmt *st, *again;
	struct err e;

	make_table(f->db);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a'), (2, 'b')");
	assert_int_equal(db_prepare(f->db, sql, &st, &e), 0);
	db_bind_i64(st, 1, 2);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "b");
	/* left mid-result and bound: prepare must hand it back fresh */
	assert_int_equal(db_prepare(f->db, sql, &again, &e), 0);
	assert_ptr_equal(again, st);
	/* no binding: ?1 is NULL, so every row, from the first */
	assert_int_equal(db_step(again, &e), DB_ROW);
	assert_string_equal(db_col_text(again, 0), "a");
	assert_int_equal(db_step(again, &e), DB_ROW);
	assert_string_equal(db_col_text(again, 0), "b");
	assert_int_equal(db_step(again, &e), DB_DONE);
	db_reset(again);
}

static void cache_keeps_statements_across_growth(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *first[150];
	struct err e;
	char sql[64];

	for (int i = 0; i < 150; i++) {
		snprintf(sql, sizeof sql, "SELECT %d", i);
		assert_int_equal(db_prepare(f->db, sql, &first[i], &e), 0);
	}
	for (int i = 0; i < 150; i++) {
		struct db_stmt *st;

		snprintf(sql, sizeof sql, "SELECT %d", i);
		assert_int_equal(db_prepare(f->db, sql, &st, &e), 0);
		assert_ptr_equal(st, first[i]);
		assert_int_equal(db_step(st, &e), DB_ROW);
		assert_int_equal(db_col_i64(st, 0), i);
		db_reset(st);
	}
}

static void failed_prepare_is_not_cached(void **state)
{
	struct fx *f = fx(state);
	const char *sql = "SELECT count(*) FROM gc_t";
	struct db_stmt *st;
	struct err e;

	assert_int_equal(db_prepare(f->db, sql, &st, &e), ERR_DB);
	make_table(f->db);
	assert_int_equal(db_prepare(f->db, sql, &st, &e), 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_int_equal(db_col_i64(st, 0), 0);
	db_reset(st);
}

static void duplicate_key_on_step_is_conflict(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *st;
	struct err e;

	make_table(f->db);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a')");
	assert_int_equal(db_prepare(f->db,
				    "INSERT INTO gc_t (id, name)"
				    " VALUES (?1, ?2)",
				    &st, &e),
			 0);
	db_bind_i64(st, 1, 1);
	db_bind_text(st, 2, "again");
	err_clear(&e);
	assert_int_equal(db_step(st, &e), ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	db_reset(st);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 1);
}

static void not_null_violation_is_conflict(void **state)
{
	struct fx *f = fx(state);
	struct db_stmt *st;
	struct err e;

	make_table(f->db);
	assert_int_equal(db_prepare(f->db,
				    "INSERT INTO gc_t (id, name)"
				    " VALUES (?1, ?2)",
				    &st, &e),
			 0);
	db_bind_i64(st, 1, 7);
	db_bind_null(st, 2);
	assert_int_equal(db_step(st, &e), ERR_CONFLICT);
	db_reset(st);
}

static void duplicate_key_in_exec_is_conflict(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	make_table(f->db);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a')");
	err_clear(&e);
	assert_int_equal(db_exec(f->db,
				 "INSERT INTO gc_t (id, name)"
				 " VALUES (1, 'b')",
				 &e),
			 ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
}

static void rollback_discards_writes(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	make_table(f->db);
	assert_int_equal(db_begin(f->db, &e), 0);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a')");
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 1);
	db_rollback(f->db);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 0);
}

static void commit_keeps_writes(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	make_table(f->db);
	assert_int_equal(db_begin(f->db, &e), 0);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a')");
	assert_int_equal(db_commit(f->db, &e), 0);
	db_rollback(f->db); /* a no-op now */
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 1);
}

static void committed_writes_are_seen_by_another_connection(void **state)
{
	struct fx *f = fx(state);
	struct db *other;
	struct err e;

	make_table(f->db);
	assert_int_equal(db_open(f->target, &other, &e), 0);
	assert_int_equal(db_begin(f->db, &e), 0);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a')");
	assert_int_equal(testdb_i64(other, "SELECT count(*) FROM gc_t"), 0);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(testdb_i64(other, "SELECT count(*) FROM gc_t"), 1);
	db_close(other);
}

static void begin_twice_fails_and_keeps_first_transaction(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	make_table(f->db);
	assert_int_equal(db_begin(f->db, &e), 0);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a')");
	err_clear(&e);
	assert_int_equal(db_begin(f->db, &e), ERR_INTERNAL);
	assert_int_equal(e.code, ERR_INTERNAL);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 1);
}

static void commit_without_begin_fails(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	err_clear(&e);
	assert_int_equal(db_commit(f->db, &e), ERR_INTERNAL);
	assert_int_equal(e.code, ERR_INTERNAL);
}

static void rollback_outside_transaction_is_noop(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	make_table(f->db);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a')");
	db_rollback(f->db);
	db_rollback(f->db);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 1);
	assert_int_equal(db_begin(f->db, &e), 0); /* still usable */
	db_rollback(f->db);
}

static void begin_after_rollback_works(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	make_table(f->db);
	assert_int_equal(db_begin(f->db, &e), 0);
	db_rollback(f->db);
	assert_int_equal(db_begin(f->db, &e), 0);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (5, 'e')");
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(testdb_i64(f->db, "SELECT id FROM gc_t"), 5);
}

static void bulk_load_of_10000_rows(void **state)
{
	static const char *const cols[] = {"id", "name", "note"};
	struct fx *f = fx(state);
	struct db_bulk *b;
	struct db_stmt *st;
	struct err e;
	char name[32];

	make_table(f->db);
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(db_bulk_open(f->db, "gc_t", cols, 3, &b, &e), 0);
	for (int i = 1; i <= N_BULK; i++) {
		snprintf(name, sizeof name, "n%d", i);
		db_bulk_i64(b, i);
		db_bulk_text(b, name);
		if (i % 2)
			db_bulk_null(b);
		else
			db_bulk_text(b, "tab\t nl\n cr\r bs\\ end");
		assert_int_equal(db_bulk_row(b, &e), 0);
	}
	assert_int_equal(db_bulk_close(b, &e), 0);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), N_BULK);
	assert_int_equal(testdb_i64(f->db, "SELECT sum(id) FROM gc_t"),
			 (int64_t)N_BULK * (N_BULK + 1) / 2);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"
					  " WHERE note IS NULL"),
			 N_BULK / 2);
	assert_int_equal(db_prepare(f->db,
				    "SELECT name, note FROM gc_t"
				    " WHERE id = 9998",
				    &st, &e),
			 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "n9998");
	assert_string_equal(db_col_text(st, 1), "tab\t nl\n cr\r bs\\ end");
	db_reset(st);
}

static void bulk_load_is_undone_by_rollback(void **state)
{
	static const char *const cols[] = {"id", "name"};
	struct fx *f = fx(state);
	struct db_bulk *b;
	struct err e;

	make_table(f->db);
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(db_bulk_open(f->db, "gc_t", cols, 2, &b, &e), 0);
	for (int i = 1; i <= 100; i++) {
		db_bulk_i64(b, i);
		db_bulk_text(b, "x");
		assert_int_equal(db_bulk_row(b, &e), 0);
	}
	assert_int_equal(db_bulk_close(b, &e), 0);
	db_rollback(f->db);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 0);
}

static void bulk_outside_transaction_fails(void **state)
{
	static const char *const cols[] = {"id", "name"};
	struct fx *f = fx(state);
	struct db_bulk *b = NULL;
	struct err e;

	make_table(f->db);
	err_clear(&e);
	assert_int_equal(db_bulk_open(f->db, "gc_t", cols, 2, &b, &e),
			 ERR_INTERNAL);
	assert_int_equal(e.code, ERR_INTERNAL);
	assert_null(b);
}

static void bulk_row_with_missing_column_fails(void **state)
{
	static const char *const cols[] = {"id", "name"};
	struct fx *f = fx(state);
	struct db_bulk *b;
	struct err e;

	make_table(f->db);
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(db_bulk_open(f->db, "gc_t", cols, 2, &b, &e), 0);
	db_bulk_i64(b, 1);
	err_clear(&e);
	assert_int_equal(db_bulk_row(b, &e), ERR_INTERNAL);
	assert_int_equal(e.code, ERR_INTERNAL);
	db_bulk_close(b, NULL);
	db_rollback(f->db);
}

static void bulk_duplicate_key_fails_the_load(void **state)
{
	static const char *const cols[] = {"id", "name"};
	struct fx *f = fx(state);
	struct db_bulk *b;
	struct err e;
	int rc = 0, rc_close;

	make_table(f->db);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (2, 'there')");
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(db_bulk_open(f->db, "gc_t", cols, 2, &b, &e), 0);
	for (int i = 1; i <= 3 && rc == 0; i++) {
		db_bulk_i64(b, i);
		db_bulk_text(b, "new");
		rc = db_bulk_row(b, &e);
	}
	/* SQLite fails at the row, PostgreSQL's COPY at close */
	err_clear(&e);
	rc_close = db_bulk_close(b, &e);
	if (rc == 0)
		rc = rc_close;
	assert_int_equal(rc, ERR_CONFLICT);
	db_rollback(f->db);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 1);
}

static void time_in_engine_is_accumulated(void **state)
{
	struct fx *f = fx(state);
	uint64_t t0 = db_time_ns(f->db);

	make_table(f->db);
	assert_true(testdb_i64(f->db, "SELECT count(*) FROM gc_t") == 0);
	assert_true(db_time_ns(f->db) > t0);
}

static void pool_of_two_lends_two_distinct_connections(void **state)
{
	struct fx *f = fx(state);
	struct db_pool *p;
	struct db *a, *b, *c;
	struct err e;

	assert_int_equal(db_pool_new(f->target, 2, &p, &e), 0);
	a = db_pool_acquire(p);
	b = db_pool_acquire(p);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	assert_int_equal(db_ping(a, &e), 0);
	assert_int_equal(db_ping(b, &e), 0);
	db_pool_release(p, a);
	c = db_pool_acquire(p);
	assert_ptr_equal(c, a);
	db_pool_release(p, b);
	db_pool_release(p, c);
	db_pool_free(p);
}

static void pool_size_below_one_is_invalid(void **state)
{
	struct fx *f = fx(state);
	struct db_pool *p = NULL;
	struct err e;

	err_clear(&e);
	assert_int_equal(db_pool_new(f->target, 0, &p, &e), ERR_INVALID);
	assert_string_equal(e.field, "db_pool");
	assert_null(p);
}

static void pool_rolls_back_connection_released_in_transaction(void **state)
{
	struct fx *f = fx(state);
	struct db_pool *p;
	struct db *a, *b;
	struct err e;

	make_table(f->db);
	assert_int_equal(db_pool_new(f->target, 1, &p, &e), 0);
	a = db_pool_acquire(p);
	assert_int_equal(db_begin(a, &e), 0);
	testdb_exec(a, "INSERT INTO gc_t (id, name) VALUES (1, 'lost')");
	db_pool_release(p, a);
	b = db_pool_acquire(p);
	assert_ptr_equal(b, a);
	/* the write is gone and the connection is out of its transaction */
	assert_int_equal(testdb_i64(b, "SELECT count(*) FROM gc_t"), 0);
	assert_int_equal(testdb_i64(f->db, "SELECT count(*) FROM gc_t"), 0);
	assert_int_equal(db_begin(b, &e), 0);
	assert_int_equal(db_commit(b, &e), 0);
	db_pool_release(p, b);
	db_pool_free(p);
}

static void pool_of_unreachable_target_fails(void **state)
{
	struct fx *f = fx(state);
	struct db_pool *p = NULL;
	struct err e;
	const char *target =
	    f->kind == DB_PG
		? "postgresql://gridcare@127.0.0.1:1/none?connect_timeout=2"
		: "/tmp/gc-no-such-dir-4711/x.db";

	err_clear(&e);
	assert_int_equal(db_pool_new(target, 2, &p, &e), ERR_DB);
	assert_string_equal(e.field, "db");
	assert_null(p);
}

static void open_in_missing_directory_fails_naming_db(void **state)
{
	struct fx *f = fx(state);
	struct db *db = NULL;
	struct err e;

	(void)f;
	err_clear(&e);
	assert_int_equal(db_open("/tmp/gc-no-such-dir-4711/sub/x.db", &db, &e),
			 ERR_DB);
	assert_int_equal(e.code, ERR_DB);
	assert_non_null(e.field);
	assert_string_equal(e.field, "db");
	assert_null(db);
}

static void open_of_unreachable_server_fails_naming_db(void **state)
{
	struct fx *f = fx(state);
	struct db *db = NULL;
	struct err e;

	(void)f;
	err_clear(&e);
	assert_int_equal(db_open("postgresql://gridcare@127.0.0.1:1/none"
				 "?connect_timeout=2",
				 &db, &e),
			 ERR_DB);
	assert_string_equal(e.field, "db");
	assert_null(db);
}

static void open_of_empty_target_is_invalid(void **state)
{
	struct fx *f = fx(state);
	struct db *db = NULL;
	struct err e;

	(void)f;
	err_clear(&e);
	assert_int_equal(db_open("", &db, &e), ERR_INVALID);
	assert_string_equal(e.field, "db");
	assert_null(db);
}

static void sqlite_prefix_selects_sqlite_file(void **state)
{
	struct fx *f = fx(state);
	char target[128];
	struct db *db;
	struct err e;

	make_table(f->db);
	testdb_exec(f->db, "INSERT INTO gc_t (id, name) VALUES (1, 'a')");
	snprintf(target, sizeof target, "sqlite:%s", f->path);
	assert_int_equal(db_open(target, &db, &e), 0);
	assert_int_equal(db_kind(db), DB_SQLITE);
	assert_int_equal(testdb_i64(db, "SELECT count(*) FROM gc_t"), 1);
	db_close(db);
}

static void sqlite_enforces_foreign_keys(void **state)
{
	struct fx *f = fx(state);
	struct err e;

	testdb_exec(f->db, "CREATE TABLE gc_p (id INTEGER PRIMARY KEY);"
		       " CREATE TABLE gc_c (p INTEGER REFERENCES gc_p (id))");
	assert_int_equal(db_exec(f->db, "INSERT INTO gc_c VALUES (9)", &e),
			 ERR_CONFLICT);
}

/* The behaviour tests every engine runs. */
#define ENGINE_TESTS(X)                                                        \
	X(kind_names_the_engine)                                               \
	X(ping_answers)                                                        \
	X(exec_runs_several_statements)                                        \
	X(exec_reports_syntax_error_as_db_error)                               \
	X(prepare_reports_unknown_table_as_db_error)                           \
	X(bound_values_read_back_exactly)                                      \
	X(text_bind_null_pointer_binds_null)                                   \
	X(placeholder_may_repeat_and_appear_out_of_order)                      \
	X(question_mark_inside_string_literal_is_not_a_placeholder)            \
	X(question_mark_inside_comments_is_not_a_placeholder)                  \
	X(changes_counts_rows_of_last_write)                                   \
	X(cache_returns_same_statement_for_same_text)                          \
	X(cached_statement_comes_back_reset_without_bindings)                  \
	X(cache_keeps_statements_across_growth)                                \
	X(failed_prepare_is_not_cached)                                        \
	X(duplicate_key_on_step_is_conflict)                                   \
	X(not_null_violation_is_conflict)                                      \
	X(duplicate_key_in_exec_is_conflict)                                   \
	X(rollback_discards_writes)                                            \
	X(commit_keeps_writes)                                                 \
	X(committed_writes_are_seen_by_another_connection)                     \
	X(begin_twice_fails_and_keeps_first_transaction)                       \
	X(commit_without_begin_fails)                                          \
	X(rollback_outside_transaction_is_noop)                                \
	X(begin_after_rollback_works)                                          \
	X(bulk_load_of_10000_rows)                                             \
	X(bulk_load_is_undone_by_rollback)                                     \
	X(bulk_outside_transaction_fails)                                      \
	X(bulk_row_with_missing_column_fails)                                  \
	X(bulk_duplicate_key_fails_the_load)                                   \
	X(time_in_engine_is_accumulated)                                       \
	X(pool_of_two_lends_two_distinct_connections)                          \
	X(pool_size_below_one_is_invalid)                                      \
	X(pool_rolls_back_connection_released_in_transaction)                  \
	X(pool_of_unreachable_target_fails)

#define ON_SQLITE(fn)                                                          \
	cmocka_unit_test_setup_teardown(fn, setup_sqlite, teardown),
#define ON_PG(fn) cmocka_unit_test_setup_teardown(fn, setup_pg, teardown),

int main(void)
{
	const struct CMUnitTest sqlite_tests[] = {
	    ENGINE_TESTS(ON_SQLITE)
		ON_SQLITE(open_in_missing_directory_fails_naming_db)
		    ON_SQLITE(sqlite_prefix_selects_sqlite_file)
			ON_SQLITE(sqlite_enforces_foreign_keys)
			    ON_SQLITE(open_of_empty_target_is_invalid)};
	const struct CMUnitTest pg_tests[] = {ENGINE_TESTS(ON_PG) ON_PG(
	    open_of_unreachable_server_fails_naming_db)};
	int failed;

	failed = cmocka_run_group_tests_name("db on sqlite", sqlite_tests, NULL,
					     NULL);
	if (!testdb_pg_url())
		printf("GC_TEST_PG is unset: the PostgreSQL group is skipped"
		       " (set it to a postgresql:// URL, see "
		       "scripts/test-pg-start)\n");
	failed += cmocka_run_group_tests_name("db on postgresql", pg_tests,
					      NULL, NULL);
	return failed;
}
