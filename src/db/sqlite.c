/*
 * sqlite: the SQLite 3 driver behind db.h.
 *
 * Connection settings, and why:
 *  - journal_mode=WAL: readers never block the writer, which is what a
 *    thread pool of request handlers needs;
 *  - synchronous=NORMAL: with WAL a commit is durable against process
 *    crashes and consistent against power loss (SQLite's documented
 *    trade-off); FULL would fsync every commit for little gain here;
 *  - busy_timeout=5000: writers wait for each other instead of failing;
 *  - foreign_keys=ON: SQLite leaves them off by default.
 * Connections are opened with SQLITE_OPEN_NOMUTEX because db.h promises
 * one thread per connection at a time; the pool enforces that.
 *
 * Statements are prepared with SQLITE_PREPARE_PERSISTENT since they live
 * in the cache for the life of the connection.  ?NNN placeholders are
 * SQLite's own syntax, so SQL needs no rewriting here.
 */
#include <sqlite3.h>
#include <string.h>

#include "db/db_int.h"

static int fail(sqlite3 *h, struct err *e, const char *what)
{
	int code = sqlite3_extended_errcode(h);
	int rc = ERR_DB;

	if ((code & 0xff) == SQLITE_CONSTRAINT)
		rc = ERR_CONFLICT;
	else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		rc = ERR_BUSY;
	return err_set(e, rc, NULL, "sqlite %s: %s", what, sqlite3_errmsg(h));
}

static int lite_exec(struct db *db, const char *sql, struct err *e)
{
	sqlite3 *h = db->impl;

	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(h, e, "exec");
	return 0;
}

static int lite_open(struct db *db, const char *target, struct err *e)
{
	sqlite3 *h = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
		    SQLITE_OPEN_NOMUTEX;
	int rc;

	if (sqlite3_open_v2(target, &h, flags, NULL) != SQLITE_OK) {
		rc = err_set(e, ERR_DB, "db", "cannot open SQLite database: %s",
			     h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return rc;
	}
	db->impl = h;
	sqlite3_extended_result_codes(h, 1);
	sqlite3_busy_timeout(h, 5000);
	rc = lite_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			   " PRAGMA foreign_keys=ON;", e);
	if (rc) {
		sqlite3_close(h);
		db->impl = NULL;
		if (e)
			e->field = "db";
	}
	return rc;
}

static void lite_close(struct db *db)
{
	sqlite3_close(db->impl);
}

static int lite_prepare(struct db *db, struct db_stmt *st, struct err *e)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v3(db->impl, st->sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &s, NULL) != SQLITE_OK)
		return fail(db->impl, e, "prepare");
	st->impl = s;
	return 0;
}

static void lite_finalize(struct db_stmt *st)
{
	sqlite3_finalize(st->impl);
}

static int bind_rc(int rc)
{
	return rc == SQLITE_OK ? 0 : ERR_INVALID;
}

static int lite_bind_i64(struct db_stmt *st, int idx, int64_t v)
{
	return bind_rc(sqlite3_bind_int64(st->impl, idx, v));
}

static int lite_bind_text(struct db_stmt *st, int idx, const char *s)
{
	return bind_rc(sqlite3_bind_text(st->impl, idx, s, -1,
					 SQLITE_TRANSIENT));
}

static int lite_bind_null(struct db_stmt *st, int idx)
{
	return bind_rc(sqlite3_bind_null(st->impl, idx));
}

static int lite_step(struct db_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st->impl);

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return fail(st->db->impl, e, "step");
}

static int64_t lite_col_i64(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->impl, col);
}

static const char *lite_col_text(struct db_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st->impl, col);

	return t ? (const char *)t : "";
}

static int lite_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->impl, col) == SQLITE_NULL;
}

static void lite_reset(struct db_stmt *st)
{
	sqlite3_reset(st->impl);
	sqlite3_clear_bindings(st->impl);
}

static int64_t lite_changes(struct db *db)
{
	return sqlite3_changes64(db->impl);
}

const struct db_driver db__sqlite_driver = {
	.kind = DB_SQLITE,
	.name = "sqlite",
	.open = lite_open,
	.close = lite_close,
	.exec = lite_exec,
	.prepare = lite_prepare,
	.finalize = lite_finalize,
	.bind_i64 = lite_bind_i64,
	.bind_text = lite_bind_text,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.col_i64 = lite_col_i64,
	.col_text = lite_col_text,
	.col_is_null = lite_col_is_null,
	.reset = lite_reset,
	.changes = lite_changes,
	.begin_sql = "BEGIN IMMEDIATE",
};
