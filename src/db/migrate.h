/*
 * migrate: versioned schema migrations, applied in order, each in its own
 * transaction, recorded in the table schema_migrations.
 *
 * Migrations are the files src/db/migrations/NNNN_name[.engine].sql, built
 * into the binary (CMake generates migrations_gen.c).  A file without an
 * engine suffix is written in the SQL both engines share; where a dialect
 * differs, NNNN_name.sqlite.sql and NNNN_name.pg.sql give the variants and
 * the driver in use picks its own.  Callers never see the difference.
 *
 * Invariants:
 *  1. Versions are unique and strictly increasing in migrate_all.
 *  2. A version is applied at most once; re-running migrate_apply is a
 *     no-op (idempotent) and safe when several nodes start at once (the
 *     version check and the DDL share one write transaction).
 *  3. Each applied row records a checksum of the SQL that ran, so an
 *     edited migration is detected (migrate_status reports it).
 *
 * Thread-safety: operates on one connection, like db.h.
 */
#ifndef GC_DB_MIGRATE_H
#define GC_DB_MIGRATE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

struct migration {
	int version;            /* NNNN of the file name */
	const char *name;       /* the part after NNNN_ */
	const char *sql;        /* SQL for both engines, or NULL */
	const char *sql_sqlite; /* SQLite variant, or NULL */
	const char *sql_pg;     /* PostgreSQL variant, or NULL */
};

/* Every migration, in version order (generated). */
extern const struct migration migrate_all[];
extern const size_t migrate_n_all;

enum migrate_state {
	MIGRATE_PENDING = 0, /* not applied yet */
	MIGRATE_APPLIED = 1, /* applied with the SQL we have */
	MIGRATE_CHANGED = 2  /* applied, but the SQL has changed since */
};

struct migrate_status {
	int version;             /* migration version */
	const char *name;        /* borrowed from migrate_all */
	enum migrate_state state;
	int64_t applied_at_utc;  /* when applied, or 0 */
};

/* Apply the pending migrations of list[0..n); *applied counts them. */
int migrate_apply(struct db *db, const struct migration *list, size_t n,
		  int *applied, struct err *e);
/* Status of each of list[0..n) into out[0..n). */
int migrate_status(struct db *db, const struct migration *list, size_t n,
		   struct migrate_status *out, struct err *e);
/*
 * Number of migrations of list that are not applied (for readiness); all
 * of them when the database has never been migrated.  Never writes.
 */
int migrate_pending(struct db *db, const struct migration *list, size_t n,
		    int *pending, struct err *e);

#endif
