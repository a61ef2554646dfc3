/*
 * db: the one small database interface every store module is written
 * against, with one driver per engine (sqlite.c and pg.c).
 *
 * SQL is written once, in the subset SQLite 3 and PostgreSQL 15 share
 * (DESIGN.md, "One schema"): numbered placeholders ?1, ?2, ... (a driver
 * rewrites them to its own syntax), ON CONFLICT upserts, RETURNING, CTEs.
 * Integers are 64-bit, text is UTF-8, booleans are 0/1.
 *
 * Ownership and lifetimes:
 *  - db_open returns a connection owned by the caller, closed by db_close.
 *  - db_prepare returns a statement BORROWED from the connection's cache:
 *    it stays valid until db_close.  It comes back reset with no bindings;
 *    the caller steps it and then calls db_reset (also on error paths) so
 *    that locks and cursors are released promptly.
 *  - db_col_text returns text borrowed until the next db_step or db_reset
 *    of that statement.
 *  - A pool owns its connections; db_pool_acquire lends one until
 *    db_pool_release.
 *
 * Thread-safety: a connection and its statements are used by one thread at
 * a time (the pool hands each request its own).  A pool is thread-safe.
 */
#ifndef GC_DB_DB_H
#define GC_DB_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct db_stmt;
struct db_pool;
struct db_bulk;

enum db_kind { DB_SQLITE = 1, DB_PG = 2 };

enum { DB_DONE = 0, DB_ROW = 1 };

/*
 * Open target: a "postgresql://" or "postgres://" URL selects PostgreSQL;
 * anything else is a SQLite file path (optionally prefixed "sqlite:").
 * SQLite connections run with WAL, a 5 s busy timeout and foreign keys on.
 */
int db_open(const char *target, struct db **out, struct err *e);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
/* "sqlite" or "postgresql". */
const char *db_kind_name(const struct db *db);

/* Run one or more statements without parameters or results. */
int db_exec(struct db *db, const char *sql, struct err *e);
/* A cached statement for sql (see ownership above). */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out,
	       struct err *e);

/* Parameters are numbered from 1; text is copied. */
int db_bind_i64(struct db_stmt *st, int idx, int64_t v);
int db_bind_text(struct db_stmt *st, int idx, const char *s);
int db_bind_null(struct db_stmt *st, int idx);
/* DB_ROW, DB_DONE, or a negative ERR_* (ERR_CONFLICT for constraints). */
int db_step(struct db_stmt *st, struct err *e);
/* Columns are numbered from 0.  NULL reads as 0 or "". */
int64_t db_col_i64(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
int db_col_is_null(struct db_stmt *st, int col);
/* Finish with a statement: release cursors and bindings. */
void db_reset(struct db_stmt *st);
/* Rows changed by the last completed INSERT/UPDATE/DELETE. */
int64_t db_changes(struct db *db);

/*
 * Transactions.  db_begin starts a write transaction that serialises with
 * other writers (SQLite BEGIN IMMEDIATE), so read-then-write logic inside
 * it sees no interleaved writer.  Transactions do not nest.
 */
int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
/* Always safe to call; a no-op outside a transaction. */
void db_rollback(struct db *db);

/* A trivial round trip, for readiness probes. */
int db_ping(struct db *db, struct err *e);
/* Nanoseconds this connection has spent inside the engine. */
uint64_t db_time_ns(const struct db *db);

/*
 * Bulk load: the fastest path of each engine for many rows into one table
 * (SQLite: one prepared INSERT in the caller's transaction; PostgreSQL:
 * COPY FROM STDIN).  Call db_bulk_open, then for each row one put per
 * column in order and db_bulk_row, then db_bulk_close, which flushes and
 * frees (it must be called even after an error).  Must run inside
 * db_begin/db_commit.
 */
int db_bulk_open(struct db *db, const char *table, const char *const *cols,
		 int n_cols, struct db_bulk **out, struct err *e);
void db_bulk_i64(struct db_bulk *b, int64_t v);
/* Text (copied); NULL stores SQL NULL, as with db_bind_text. */
void db_bulk_text(struct db_bulk *b, const char *s);
void db_bulk_null(struct db_bulk *b);
int db_bulk_row(struct db_bulk *b, struct err *e);
int db_bulk_close(struct db_bulk *b, struct err *e);

/* A fixed-size pool of connections to one target. */
int db_pool_new(const char *target, int size, struct db_pool **out,
		struct err *e);
void db_pool_free(struct db_pool *p);
/* Wait for a free connection (never NULL). */
struct db *db_pool_acquire(struct db_pool *p);
/* Give it back; a connection left inside a transaction is rolled back. */
void db_pool_release(struct db_pool *p, struct db *db);

#endif
