/*
 * testdb: what the database unit tests share -- a temporary SQLite file
 * (optionally migrated), the PostgreSQL URL of GC_TEST_PG, and one-line
 * queries that fail the current cmocka test on error.
 *
 * Ownership: testdb_open_sqlite hands the caller an open connection and
 * fills path; testdb_close closes it and removes the file with its WAL
 * companions.  Not thread-safe (test code).
 */
#ifndef GC_TESTS_UNIT_TESTDB_H
#define GC_TESTS_UNIT_TESTDB_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

enum { TESTDB_PATH = 64 };

/* A new SQLite file in /tmp, opened (and migrated if asked); 0 or -1. */
int testdb_open_sqlite(char path[TESTDB_PATH], struct db **db, int migrate);
/* Close db (NULL allowed) and remove path and its -wal/-shm/-journal. */
void testdb_close(char path[TESTDB_PATH], struct db **db);
/* GC_TEST_PG when set and non-empty, else NULL. */
const char *testdb_pg_url(void);
/*
 * Open GC_TEST_PG with search_path set to a freshly (re)created schema,
 * so every test starts empty.  target (size bytes) receives the URL, with
 * the schema in its options, for further connections (pools).  With
 * GC_TEST_PG unset, *db is NULL and 0 is returned (the tests skip).
 */
int testdb_open_pg(const char *schema, char *target, size_t size,
		   struct db **db);

/* Run sql; fail the test on error. */
void testdb_exec(struct db *db, const char *sql);
/* The first column of the single row of sql. */
int64_t testdb_i64(struct db *db, const char *sql);
void testdb_text(struct db *db, const char *sql, char *out, size_t size);

#endif
