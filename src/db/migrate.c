/*
 * migrate: see migrate.h.
 *
 * The bookkeeping table is created with IF NOT EXISTS outside any
 * migration so that the very first run can record version 1.  Each
 * migration then runs as: BEGIN (a serialising write transaction) ->
 * check the version is still missing -> run the SQL -> insert the record
 * -> COMMIT.  If two nodes race, the second waits on the first's write
 * lock and then finds the version recorded, so nothing runs twice.  On
 * PostgreSQL, whose DDL is transactional too, the loser of a race fails
 * (a serialization failure, a duplicate key or "already exists") and its
 * whole transaction rolls back; its next start finds the version applied.
 *
 * The checksum is FNV-1a 64 over the SQL text: it detects accidental
 * edits, it is not a security measure.
 */
#include "db/migrate.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const create_table =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version BIGINT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" checksum TEXT NOT NULL,"
	" applied_at BIGINT NOT NULL)";

static const char *sql_for(const struct db *db, const struct migration *m)
{
	if (db_kind(db) == DB_PG && m->sql_pg)
		return m->sql_pg;
	if (db_kind(db) == DB_SQLITE && m->sql_sqlite)
		return m->sql_sqlite;
	return m->sql;
}

static void checksum(const char *sql, char out[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (const char *p = sql ? sql : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* 1 and the stored checksum when version is recorded, 0 when not. */
static int lookup(struct db *db, int version, char sum[17], int64_t *at,
		  struct err *e)
{
	struct db_stmt *st;
	int rc;

	rc = db_prepare(db, "SELECT checksum, applied_at FROM schema_migrations"
			    " WHERE version = ?1", &st, e);
	if (rc)
		return rc;
	db_bind_i64(st, 1, version);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		snprintf(sum, 17, "%s", db_col_text(st, 0));
		*at = db_col_i64(st, 1);
	}
	db_reset(st);
	return rc;
}

static int apply_one(struct db *db, const struct migration *m, int *applied,
		     struct err *e)
{
	const char *sql = sql_for(db, m);
	struct db_stmt *st;
	char sum[17], old[17];
	int64_t at = 0;
	int rc;

	if (!sql)
		return err_set(e, ERR_INTERNAL, NULL,
			       "migration %04d has no SQL for %s", m->version,
			       db_kind_name(db));
	rc = db_begin(db, e);
	if (rc)
		return rc;
	rc = lookup(db, m->version, old, &at, e);
	if (rc != DB_DONE)
		goto out; /* already applied (DB_ROW) or an error */
	rc = db_exec(db, sql, e);
	if (rc)
		goto out;
	checksum(sql, sum);
	rc = db_prepare(db, "INSERT INTO schema_migrations"
			    " (version, name, checksum, applied_at)"
			    " VALUES (?1, ?2, ?3, ?4)", &st, e);
	if (rc)
		goto out;
	db_bind_i64(st, 1, m->version);
	db_bind_text(st, 2, m->name);
	db_bind_text(st, 3, sum);
	db_bind_i64(st, 4, (int64_t)time(NULL));
	rc = db_step(st, e);
	db_reset(st);
	if (rc < 0)
		goto out;
	rc = db_commit(db, e);
	if (rc == 0)
		(*applied)++;
	return rc;
out:
	db_rollback(db);
	return rc < 0 ? rc : 0;
}

int migrate_apply(struct db *db, const struct migration *list, size_t n,
		  int *applied, struct err *e)
{
	int rc;

	*applied = 0;
	rc = db_exec(db, create_table, e);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = apply_one(db, &list[i], applied, e);
	return rc;
}

int migrate_status(struct db *db, const struct migration *list, size_t n,
		   struct migrate_status *out, struct err *e)
{
	char sum[17], old[17];
	int rc;

	rc = db_exec(db, create_table, e);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int64_t at = 0;

		rc = lookup(db, list[i].version, old, &at, e);
		if (rc < 0)
			return rc;
		out[i].version = list[i].version;
		out[i].name = list[i].name;
		out[i].applied_at_utc = at;
		out[i].state = MIGRATE_PENDING;
		if (rc == DB_ROW) {
			checksum(sql_for(db, &list[i]), sum);
			out[i].state = strcmp(sum, old) == 0 ? MIGRATE_APPLIED
							     : MIGRATE_CHANGED;
		}
		rc = 0;
	}
	return rc;
}

int migrate_pending(struct db *db, const struct migration *list, size_t n,
		    int *pending, struct err *e)
{
	struct db_stmt *st;
	int applied = 0, rc;

	/* No bookkeeping table yet means nothing is applied.  Preparing a
	 * query on it fails on both engines when the table is missing, so
	 * this probe (run by every /readyz) never writes. */
	if (db_prepare(db, "SELECT version FROM schema_migrations", &st, NULL)) {
		*pending = (int)n;
		return 0;
	}
	/* one query for the applied versions, matched against the list */
	for (rc = db_step(st, e); rc == DB_ROW; rc = db_step(st, e)) {
		int64_t v = db_col_i64(st, 0);

		for (size_t i = 0; i < n; i++)
			applied += list[i].version == v;
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	*pending = (int)n - applied;
	return 0;
}
