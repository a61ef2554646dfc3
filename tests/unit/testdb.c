/* testdb: see testdb.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/migrate.h"
#include "testdb.h"

int testdb_open_sqlite(char path[TESTDB_PATH], struct db **db, int migrate)
{
	struct err e;
	int fd, applied;

	err_clear(&e);
	snprintf(path, TESTDB_PATH, "/tmp/gc_unit_XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	if (db_open(path, db, &e) ||
	    (migrate &&
	     migrate_apply(*db, migrate_all, migrate_n_all, &applied, &e))) {
		fprintf(stderr, "testdb %s: %s\n", path, e.msg);
		return -1;
	}
	return 0;
}

void testdb_close(char path[TESTDB_PATH], struct db **db)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char p[TESTDB_PATH + 16];

	db_close(*db);
	*db = NULL;
	if (!path[0])
		return;
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
	path[0] = '\0';
}

const char *testdb_pg_url(void)
{
	const char *u = getenv("GC_TEST_PG");

	return u && *u ? u : NULL;
}

int testdb_open_pg(const char *schema, char *target, size_t size,
		   struct db **db)
{
	const char *url = testdb_pg_url();
	char sql[256];
	struct err e;

	*db = NULL;
	if (!url)
		return 0;
	err_clear(&e);
	snprintf(target, size,
		 "%s%soptions=-csearch_path%%3D%s%%20-cclient_min_messages%%3Dwarning",
		 url, strchr(url, '?') ? "&" : "?", schema);
	snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE;"
		 " CREATE SCHEMA %s", schema, schema);
	if (db_open(target, db, &e) || db_exec(*db, sql, &e)) {
		fprintf(stderr, "testdb %s: %s\n", schema, e.msg);
		return -1;
	}
	return 0;
}

void testdb_exec(struct db *db, const char *sql)
{
	struct err e;

	err_clear(&e);
	if (db_exec(db, sql, &e))
		fail_msg("exec %s: %s", sql, e.msg);
}

/* Prepare sql and step to its single row; the caller resets. */
static struct db_stmt *one_row(struct db *db, const char *sql)
{
	struct db_stmt *st = NULL;
	struct err e;

	err_clear(&e);
	if (db_prepare(db, sql, &st, &e))
		fail_msg("prepare %s: %s", sql, e.msg);
	assert_int_equal(db_step(st, &e), DB_ROW);
	return st;
}

int64_t testdb_i64(struct db *db, const char *sql)
{
	struct db_stmt *st = one_row(db, sql);
	int64_t v = db_col_i64(st, 0);

	db_reset(st);
	return v;
}

void testdb_text(struct db *db, const char *sql, char *out, size_t size)
{
	struct db_stmt *st = one_row(db, sql);

	snprintf(out, size, "%s", db_col_text(st, 0));
	db_reset(st);
}
