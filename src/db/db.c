/*
 * db: the engine-independent half of db.h -- dispatch to the driver, the
 * per-connection statement cache, bulk loading, transactions and the
 * connection pool.
 *
 * Design notes:
 *  1. The statement cache is keyed by SQL text (FNV-1a), not by pointer,
 *     so two call sites with the same text share one prepared statement.
 *     It is an open-addressed table that doubles at 50 % load; statements
 *     are never evicted (the set of SQL texts in the program is finite).
 *  2. Time inside the engine is accumulated per connection (db_time_ns)
 *     so that api/ can report DB time per request without a global lock.
 *  3. Bulk loading on SQLite is a prepared single-row INSERT stepped per
 *     row inside the caller's transaction: with SQLite that is as fast as
 *     multi-row VALUES lists and needs no SQL text per batch.
 */
#include "db/db.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/mono.h"
#include "db/db_int.h"

static int is_pg_url(const char *t)
{
	return strncmp(t, "postgresql://", 13) == 0 ||
	       strncmp(t, "postgres://", 11) == 0;
}

int db_open(const char *target, struct db **out, struct err *e)
{
	const struct db_driver *drv = &db__sqlite_driver;
	struct db *db;
	int rc;

	if (!target || !*target)
		return err_set(e, ERR_INVALID, "db", "database target is empty");
	if (is_pg_url(target))
		drv = &db__pg_driver;
	else if (strncmp(target, "sqlite:", 7) == 0)
		target += 7;
	db = xcalloc(1, sizeof *db);
	db->drv = drv;
	db->cache_cap = 64;
	db->cache = xcalloc(db->cache_cap, sizeof *db->cache);
	rc = drv->open(db, target, e);
	if (rc) {
		free(db->cache);
		free(db);
		return rc;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db_rollback(db);
	for (size_t i = 0; i < db->cache_cap; i++) {
		struct db_stmt *st = db->cache[i];

		if (!st)
			continue;
		db->drv->finalize(st);
		free(st->sql);
		free(st);
	}
	free(db->cache);
	db->drv->close(db);
	free(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->drv->kind;
}

const char *db_kind_name(const struct db *db)
{
	return db->drv->name;
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
	uint64_t t0 = mono_now_ns();
	int rc = db->drv->exec(db, sql, e);

	db->time_ns += mono_now_ns() - t0;
	return rc;
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static void cache_put(struct db *db, struct db_stmt *st)
{
	size_t mask = db->cache_cap - 1, i = fnv1a(st->sql) & mask;

	while (db->cache[i])
		i = (i + 1) & mask;
	db->cache[i] = st;
	db->cache_n++;
}

static void cache_grow(struct db *db)
{
	struct db_stmt **old = db->cache;
	size_t old_cap = db->cache_cap;

	db->cache_cap *= 2;
	db->cache = xcalloc(db->cache_cap, sizeof *db->cache);
	db->cache_n = 0;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i])
			cache_put(db, old[i]);
	}
	free(old);
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out,
	       struct err *e)
{
	size_t mask = db->cache_cap - 1, i = fnv1a(sql) & mask;
	struct db_stmt *st;
	uint64_t t0;
	int rc;

	for (; db->cache[i]; i = (i + 1) & mask) {
		if (strcmp(db->cache[i]->sql, sql) == 0) {
			db_reset(db->cache[i]);
			*out = db->cache[i];
			return 0;
		}
	}
	st = xcalloc(1, sizeof *st);
	st->db = db;
	st->sql = xstrdup(sql);
	t0 = mono_now_ns();
	rc = db->drv->prepare(db, st, e);
	db->time_ns += mono_now_ns() - t0;
	if (rc) {
		free(st->sql);
		free(st);
		return rc;
	}
	if (db->cache_n + 1 > db->cache_cap / 2)
		cache_grow(db);
	cache_put(db, st);
	*out = st;
	return 0;
}

int db_bind_i64(struct db_stmt *st, int idx, int64_t v)
{
	return st->db->drv->bind_i64(st, idx, v);
}

int db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (!s)
		return db_bind_null(st, idx);
	return st->db->drv->bind_text(st, idx, s);
}

int db_bind_null(struct db_stmt *st, int idx)
{
	return st->db->drv->bind_null(st, idx);
}

int db_step(struct db_stmt *st, struct err *e)
{
	uint64_t t0 = mono_now_ns();
	int rc = st->db->drv->step(st, e);

	st->db->time_ns += mono_now_ns() - t0;
	return rc;
}

int64_t db_col_i64(struct db_stmt *st, int col)
{
	return st->db->drv->col_i64(st, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
	return st->db->drv->col_text(st, col);
}

int db_col_is_null(struct db_stmt *st, int col)
{
	return st->db->drv->col_is_null(st, col);
}

void db_reset(struct db_stmt *st)
{
	if (st)
		st->db->drv->reset(st);
}

int64_t db_changes(struct db *db)
{
	return db->drv->changes(db);
}

int db_begin(struct db *db, struct err *e)
{
	int rc;

	if (db->in_tx)
		return err_set(e, ERR_INTERNAL, NULL, "transaction already open");
	rc = db_exec(db, db->drv->begin_sql, e);
	if (rc == 0)
		db->in_tx = 1;
	return rc;
}

int db_commit(struct db *db, struct err *e)
{
	int rc;

	if (!db->in_tx)
		return err_set(e, ERR_INTERNAL, NULL, "no transaction to commit");
	rc = db_exec(db, "COMMIT", e);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	db->in_tx = 0;
	return 0;
}

void db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	db->in_tx = 0;
	(void)db_exec(db, "ROLLBACK", NULL);
}

int db_ping(struct db *db, struct err *e)
{
	struct db_stmt *st;
	int rc;

	rc = db_prepare(db, "SELECT 1", &st, e);
	if (rc)
		return rc;
	rc = db_step(st, e);
	db_reset(st);
	return rc == DB_ROW ? 0 : (rc < 0 ? rc : ERR_DB);
}

uint64_t db_time_ns(const struct db *db)
{
	return db->time_ns;
}

/* ---- bulk ---- */

/*
 * Two paths behind one interface.  Engines with COPY (PostgreSQL) get the
 * rows accumulated in COPY text format and sent in one COPY FROM STDIN
 * at close, which also lets several loaders be open at once on one
 * connection (a COPY in progress would block every other statement).
 * Other engines (SQLite) step a cached prepared INSERT per row.
 */
struct db_bulk {
	struct db *db;       /* connection, borrowed */
	struct db_stmt *st;  /* cached INSERT (no COPY), borrowed from db */
	char *table;         /* table name (COPY), owned */
	char *cols;          /* "a, b, c" (COPY), owned */
	struct buf copy;     /* pending rows in COPY text format */
	int n_cols;          /* columns per row */
	int col;             /* next column to fill, 1-based */
	int rc;              /* first error, sticky */
};

enum { BULK_COPY_MAX = 1 << 30 }; /* a batch larger than this is a bug */

int db_bulk_open(struct db *db, const char *table, const char *const *cols,
		 int n_cols, struct db_bulk **out, struct err *e)
{
	struct db_bulk *b;
	struct buf list, sql;
	int rc = 0;

	if (!db->in_tx)
		return err_set(e, ERR_INTERNAL, NULL, "bulk load outside a transaction");
	buf_init(&list, 64 * 1024);
	for (int i = 0; i < n_cols; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", cols[i]);
	b = xcalloc(1, sizeof *b);
	buf_init(&b->copy, BULK_COPY_MAX);
	if (db->drv->copy) {
		b->table = xstrdup(table);
		b->cols = buf_take(&list);
	} else {
		buf_init(&sql, 64 * 1024);
		buf_printf(&sql, "INSERT INTO %s (%s) VALUES (", table,
			   buf_cstr(&list));
		for (int i = 0; i < n_cols; i++)
			buf_printf(&sql, "%s?%d", i ? ", " : "", i + 1);
		buf_puts(&sql, ")");
		rc = db_prepare(db, buf_cstr(&sql), &b->st, e);
		buf_fini(&sql);
	}
	buf_fini(&list);
	if (rc) {
		free(b);
		return rc;
	}
	b->db = db;
	b->n_cols = n_cols;
	b->col = 1;
	*out = b;
	return 0;
}

/* Separator before a COPY field: a tab except before the first. */
static void copy_sep(struct db_bulk *b)
{
	if (b->col > 1 && !b->rc)
		b->rc = buf_append(&b->copy, "\t", 1);
}

void db_bulk_i64(struct db_bulk *b, int64_t v)
{
	if (b->st) {
		if (!b->rc)
			b->rc = db_bind_i64(b->st, b->col, v);
	} else {
		copy_sep(b);
		if (!b->rc)
			b->rc = buf_printf(&b->copy, "%lld", (long long)v);
	}
	b->col++;
}

void db_bulk_text(struct db_bulk *b, const char *s)
{
	if (!s) {
		db_bulk_null(b);
		return;
	}
	if (b->st) {
		if (!b->rc)
			b->rc = db_bind_text(b->st, b->col, s);
		b->col++;
		return;
	}
	copy_sep(b);
	/* COPY text format: backslash, tab, newline and CR are escaped */
	for (const char *p = s; *p && !b->rc; p++) {
		switch (*p) {
		case '\\':
			b->rc = buf_append(&b->copy, "\\\\", 2);
			break;
		case '\t':
			b->rc = buf_append(&b->copy, "\\t", 2);
			break;
		case '\n':
			b->rc = buf_append(&b->copy, "\\n", 2);
			break;
		case '\r':
			b->rc = buf_append(&b->copy, "\\r", 2);
			break;
		default:
			b->rc = buf_append(&b->copy, p, 1);
		}
	}
	b->col++;
}

void db_bulk_null(struct db_bulk *b)
{
	if (b->st) {
		if (!b->rc)
			b->rc = db_bind_null(b->st, b->col);
	} else {
		copy_sep(b);
		if (!b->rc)
			b->rc = buf_append(&b->copy, "\\N", 2);
	}
	b->col++;
}

int db_bulk_row(struct db_bulk *b, struct err *e)
{
	int rc;

	if (b->rc)
		return err_set(e, b->rc, NULL, "bulk load: bad value");
	if (b->col != b->n_cols + 1)
		return err_set(e, ERR_INTERNAL, NULL, "bulk row has %d of %d columns",
			       b->col - 1, b->n_cols);
	b->col = 1;
	if (!b->st) {
		b->rc = buf_append(&b->copy, "\n", 1);
		return b->rc ? err_set(e, b->rc, NULL, "bulk batch too large") : 0;
	}
	rc = db_step(b->st, e);
	db_reset(b->st);
	if (rc < 0)
		b->rc = rc;
	return rc < 0 ? rc : 0;
}

int db_bulk_close(struct db_bulk *b, struct err *e)
{
	uint64_t t0;
	int rc;

	if (!b)
		return 0;
	rc = b->rc;
	if (rc)
		err_set(e, rc, NULL, "bulk load failed");
	if (b->st) {
		db_reset(b->st);
	} else if (rc == 0 && b->copy.len) {
		t0 = mono_now_ns();
		rc = b->db->drv->copy(b->db, b->table, b->cols, b->copy.data,
				      b->copy.len, e);
		b->db->time_ns += mono_now_ns() - t0;
	}
	buf_fini(&b->copy);
	free(b->table);
	free(b->cols);
	free(b);
	return rc;
}

/* ---- pool ---- */

struct db_pool {
	pthread_mutex_t mu;  /* guards free_list and n_free */
	pthread_cond_t cv;   /* signalled when a connection is released */
	struct db **all;     /* every connection, owned */
	struct db **free_list; /* idle connections (borrowed from all) */
	int size;            /* connections in all */
	int n_free;          /* entries in free_list */
};

int db_pool_new(const char *target, int size, struct db_pool **out,
		struct err *e)
{
	struct db_pool *p;
	int rc = 0;

	if (size < 1)
		return err_set(e, ERR_INVALID, "db_pool", "pool size must be >= 1");
	p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->all = xcalloc((size_t)size, sizeof *p->all);
	p->free_list = xcalloc((size_t)size, sizeof *p->free_list);
	for (int i = 0; i < size; i++) {
		rc = db_open(target, &p->all[i], e);
		if (rc)
			break;
		p->size++;
		p->free_list[p->n_free++] = p->all[i];
	}
	if (rc) {
		db_pool_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

void db_pool_free(struct db_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->size; i++)
		db_close(p->all[i]);
	free(p->all);
	free(p->free_list);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

struct db *db_pool_acquire(struct db_pool *p)
{
	struct db *db;

	pthread_mutex_lock(&p->mu);
	while (p->n_free == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	db = p->free_list[--p->n_free];
	pthread_mutex_unlock(&p->mu);
	return db;
}

void db_pool_release(struct db_pool *p, struct db *db)
{
	db_rollback(db);
	pthread_mutex_lock(&p->mu);
	p->free_list[p->n_free++] = db;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}
