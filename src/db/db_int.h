/*
 * db_int.h: what db.c (the dispatcher, cache, bulk and pool) shares with
 * the drivers.  Not for callers outside src/db.
 *
 * Each driver fills a struct db_driver; db.c owns struct db and struct
 * db_stmt and keeps the engine handles in their `impl` fields.
 */
#ifndef GC_DB_DB_INT_H
#define GC_DB_DB_INT_H

#include "db/db.h"

struct db_driver {
	enum db_kind kind;
	const char *name;
	int (*open)(struct db *db, const char *target, struct err *e);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, struct err *e);
	int (*prepare)(struct db *db, struct db_stmt *st, struct err *e);
	void (*finalize)(struct db_stmt *st);
	int (*bind_i64)(struct db_stmt *st, int idx, int64_t v);
	int (*bind_text)(struct db_stmt *st, int idx, const char *s);
	int (*bind_null)(struct db_stmt *st, int idx);
	int (*step)(struct db_stmt *st, struct err *e);
	int64_t (*col_i64)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	int (*col_is_null)(struct db_stmt *st, int col);
	void (*reset)(struct db_stmt *st);
	int64_t (*changes)(struct db *db);
	/* Load rows in PostgreSQL COPY text format into table (cols is the
	 * column list "a, b"); NULL when the engine has no COPY, in which
	 * case db.c steps a prepared INSERT per row. */
	int (*copy)(struct db *db, const char *table, const char *cols,
		    const char *data, size_t len, struct err *e);
	const char *begin_sql; /* statement that starts a write transaction */
};

struct db {
	const struct db_driver *drv; /* engine */
	void *impl;                  /* engine handle, owned by the driver */
	struct db_stmt **cache;      /* open-addressed by SQL text, owned */
	size_t cache_cap;            /* slots, a power of two */
	size_t cache_n;              /* statements cached */
	int in_tx;                   /* inside db_begin..commit/rollback */
	uint64_t time_ns;            /* time spent in the engine */
};

struct db_stmt {
	struct db *db;   /* connection it belongs to */
	char *sql;       /* text as the caller wrote it, owned */
	void *impl;      /* engine statement, owned by the driver */
	uint64_t t0_ns;  /* when the current execution started, or 0 */
};

extern const struct db_driver db__sqlite_driver;
extern const struct db_driver db__pg_driver;

#endif
