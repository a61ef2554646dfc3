/*
 * areas (store): see areas.h.
 *
 * Counting: one GROUP BY over customers by village (served by the index
 * customers_area (area_code, has_smartphone), so SQLite and PostgreSQL
 * answer it from the index alone), then a roll-up in C from the deepest
 * level upwards.  The tree is small (tens to thousands of areas), so a
 * linear parent lookup per area is cheaper than a hash table.
 */
#include "store/areas.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static size_t find(const struct area *a, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(a[i].code, code) == 0)
			return i;
	}
	return n;
}

static int load_counts(struct db *db, struct area *a, size_t n,
		       struct err *e)
{
	struct db_stmt *st;
	int rc;

	rc = db_prepare(db, "SELECT area_code, count(*), sum(has_smartphone)"
			    " FROM customers GROUP BY area_code", &st, e);
	if (rc)
		return rc;
	for (rc = db_step(st, e); rc == DB_ROW; rc = db_step(st, e)) {
		size_t i = find(a, n, db_col_text(st, 0));

		if (i < n) {
			a[i].n_customers += db_col_i64(st, 1);
			a[i].n_smartphone += db_col_i64(st, 2);
		}
	}
	db_reset(st);
	return rc < 0 ? rc : 0;
}

static void roll_up(struct area *a, size_t n)
{
	/* rows are ordered by level, so walking backwards visits children
	 * before their parents */
	for (size_t i = n; i-- > 0;) {
		size_t p;

		if (!a[i].parent_code[0])
			continue;
		p = find(a, n, a[i].parent_code);
		if (p < n) {
			a[p].n_customers += a[i].n_customers;
			a[p].n_smartphone += a[i].n_smartphone;
		}
	}
}

/* One row of the areas query as a struct area, counts zero. */
static void read_row(struct db_stmt *st, struct area *a)
{
	memset(a, 0, sizeof *a);
	snprintf(a->code, AREAS_CODE_MAX, "%s", db_col_text(st, 0));
	snprintf(a->parent_code, AREAS_CODE_MAX, "%s", db_col_text(st, 1));
	a->level = (int)db_col_i64(st, 2);
	snprintf(a->name, AREAS_NAME_MAX, "%s", db_col_text(st, 3));
	snprintf(a->name_ascii, AREAS_NAME_MAX, "%s", db_col_text(st, 4));
}

int areas_load_all(struct db *db, struct area **out, size_t *n,
		   struct err *e)
{
	struct db_stmt *st;
	struct buf rows;
	struct area row;
	size_t len;
	int rc;

	rc = db_prepare(db, "SELECT code, parent_code, level, name, name_ascii"
			    " FROM areas ORDER BY level, code", &st, e);
	if (rc)
		return rc;
	/* 64 MiB is some 250,000 areas, far beyond any corporation */
	buf_init(&rows, 64u << 20);
	for (rc = db_step(st, e); rc == DB_ROW; rc = db_step(st, e)) {
		read_row(st, &row);
		if (buf_append(&rows, &row, sizeof row)) {
			rc = err_set(e, ERR_TOOBIG, NULL, "too many areas");
			break;
		}
	}
	db_reset(st);
	len = rows.len / sizeof row;
	if (rc == DB_DONE)
		rc = load_counts(db, (struct area *)rows.data, len, e);
	if (rc) {
		buf_fini(&rows);
		return rc;
	}
	roll_up((struct area *)rows.data, len);
	*out = (struct area *)buf_take(&rows);
	*n = len;
	return 0;
}

int areas_save(struct db *db, const struct area *a, struct err *e)
{
	struct db_stmt *st;
	int rc;

	rc = db_prepare(db, "INSERT INTO areas (code, parent_code, level, name,"
			    " name_ascii) VALUES (?1, ?2, ?3, ?4, ?5)"
			    " ON CONFLICT (code) DO UPDATE SET"
			    " parent_code = excluded.parent_code,"
			    " level = excluded.level, name = excluded.name,"
			    " name_ascii = excluded.name_ascii", &st, e);
	if (rc)
		return rc;
	db_bind_text(st, 1, a->code);
	if (a->parent_code[0])
		db_bind_text(st, 2, a->parent_code);
	else
		db_bind_null(st, 2);
	db_bind_i64(st, 3, a->level);
	db_bind_text(st, 4, a->name);
	db_bind_text(st, 5, a->name_ascii);
	rc = db_step(st, e);
	db_reset(st);
	return rc < 0 ? rc : 0;
}
