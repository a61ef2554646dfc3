/*
 * seed (store): see seed.h.
 *
 * Speed: rows go through db_bulk (a cached prepared INSERT on SQLite,
 * COPY on PostgreSQL) in batches of BATCH customers per transaction; the
 * ISO text of every day is formatted once up front rather than per row.
 * With 13 months of history a customer is about 400 rows, so a batch of
 * 500 customers is some 200,000 rows per commit: large enough that commit
 * cost vanishes, small enough that the WAL stays in the tens of MB.
 */
#include "store/seed.h"

#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/mem.h"
#include "domain/demo.h"

enum { BATCH = 500 };

static const char *const tariff_names[] = {"household", "business",
					   "administrative"};

static int count_customers(struct db *db, int64_t *n, struct err *e)
{
	struct db_stmt *st;
	int rc;

	rc = db_prepare(db, "SELECT count(*) FROM customers", &st, e);
	if (rc)
		return rc;
	rc = db_step(st, e);
	*n = rc == DB_ROW ? db_col_i64(st, 0) : 0;
	db_reset(st);
	return rc < 0 ? rc : 0;
}

static int clear(struct db *db, struct err *e)
{
	int rc = db_begin(db, e);

	if (rc)
		return rc;
	rc = db_exec(db, "DELETE FROM daily_usage; DELETE FROM meters;"
			 " DELETE FROM customers; DELETE FROM areas", e);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}

/* Close b (NULL allowed); keep the first error: rc if set, else close's. */
static int close_bulk(struct db_bulk *b, int rc, struct err *e)
{
	int r = db_bulk_close(b, rc ? NULL : e);

	return rc ? rc : r;
}

static int write_areas(struct db *db, int64_t *n_out, struct err *e)
{
	static const char *const cols[] = {"code", "parent_code", "level", "name",
					   "name_ascii"};
	const struct demo_area *a;
	struct db_bulk *b = NULL;
	size_t n;
	int rc;

	a = demo_areas(&n);
	rc = db_begin(db, e);
	if (rc)
		return rc;
	rc = db_bulk_open(db, "areas", cols, 5, &b, e);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		db_bulk_text(b, a[i].code);
		db_bulk_text(b, a[i].parent_code); /* NULL for the province */
		db_bulk_i64(b, a[i].level);
		db_bulk_text(b, a[i].name);
		db_bulk_text(b, a[i].name_ascii);
		rc = db_bulk_row(b, e);
	}
	rc = close_bulk(b, rc, e);
	if (rc == 0)
		rc = db_commit(db, e);
	else
		db_rollback(db);
	*n_out = (int64_t)n;
	return rc;
}

struct loaders {
	struct db_bulk *cust;  /* customers */
	struct db_bulk *meter; /* meters */
	struct db_bulk *usage; /* daily_usage */
};

static int open_loaders(struct db *db, struct loaders *l, struct err *e)
{
	static const char *const ccols[] = {
		"customer_id", "code", "area_code", "name", "address", "phone",
		"tariff_class", "cycle_day", "household_quota", "has_smartphone",
		"created_at"};
	static const char *const mcols[] = {"customer_id", "meter_id", "serial",
					    "kind", "installed_on"};
	static const char *const ucols[] = {"customer_id", "meter_id", "day",
					    "energy_wh"};
	int rc;

	memset(l, 0, sizeof *l);
	rc = db_bulk_open(db, "customers", ccols, 11, &l->cust, e);
	if (rc == 0)
		rc = db_bulk_open(db, "meters", mcols, 5, &l->meter, e);
	if (rc == 0)
		rc = db_bulk_open(db, "daily_usage", ucols, 4, &l->usage, e);
	return rc;
}

/* Close all three (customers before meters before usage, the order
 * their foreign keys need on PostgreSQL, where rows travel at close). */
static int close_loaders(struct loaders *l, int rc, struct err *e)
{
	rc = close_bulk(l->cust, rc, e);
	rc = close_bulk(l->meter, rc, e);
	rc = close_bulk(l->usage, rc, e);
	memset(l, 0, sizeof *l);
	return rc;
}

static int put_customer(struct loaders *l, const struct demo_customer *c,
			int64_t first_day, struct err *e)
{
	char installed[DAY_ISO_LEN + 1];
	int rc;

	db_bulk_i64(l->cust, c->customer_id);
	db_bulk_text(l->cust, c->code);
	db_bulk_text(l->cust, c->area_code);
	db_bulk_text(l->cust, c->name);
	db_bulk_text(l->cust, c->address);
	db_bulk_text(l->cust, c->phone[0] ? c->phone : NULL);
	db_bulk_text(l->cust, tariff_names[c->tariff]);
	db_bulk_i64(l->cust, c->cycle_day);
	db_bulk_i64(l->cust, c->household_quota);
	db_bulk_i64(l->cust, c->has_smartphone);
	/* contracts signed over the ten years before the history starts */
	db_bulk_i64(l->cust, day_start_utc(first_day - c->customer_id % 3650));
	rc = db_bulk_row(l->cust, e);
	if (rc)
		return rc;
	day_format(first_day - c->customer_id % 3650, installed,
		   sizeof installed);
	db_bulk_i64(l->meter, c->customer_id);
	db_bulk_i64(l->meter, 1);
	db_bulk_text(l->meter, c->meter_serial);
	db_bulk_text(l->meter, c->remote_meter ? "remote" : "manual");
	db_bulk_text(l->meter, installed);
	return db_bulk_row(l->meter, e);
}

static int put_usage(struct loaders *l, struct rng *r,
		     const struct demo_customer *c, int64_t first_day,
		     int64_t n_days, char (*days)[DAY_ISO_LEN + 1],
		     int64_t *rows, struct err *e)
{
	for (int64_t d = 0; d < n_days; d++) {
		int64_t wh = demo_day_wh(r, c, first_day + d);
		int rc;

		if (wh < 0)
			continue; /* a gap: the meter did not report */
		db_bulk_i64(l->usage, c->customer_id);
		db_bulk_i64(l->usage, 1);
		db_bulk_text(l->usage, days[d]);
		db_bulk_i64(l->usage, wh);
		rc = db_bulk_row(l->usage, e);
		if (rc)
			return rc;
		(*rows)++;
	}
	return 0;
}

static int write_batch(struct db *db, const struct seed_opts *o,
		       int64_t from, int64_t to, int64_t first_day,
		       int64_t n_days, char (*days)[DAY_ISO_LEN + 1],
		       struct seed_result *res, struct err *e)
{
	struct loaders l;
	int rc;

	rc = db_begin(db, e);
	if (rc)
		return rc;
	rc = open_loaders(db, &l, e);
	for (int64_t id = from; rc == 0 && id < to; id++) {
		struct demo_customer c;
		struct rng r;

		rng_init(&r, o->seed * 0x9e3779b97f4a7c15ULL + (uint64_t)id);
		demo_customer_make(&r, id, first_day, o->last_day, &c);
		rc = put_customer(&l, &c, first_day, e);
		if (rc == 0)
			rc = put_usage(&l, &r, &c, first_day, n_days, days,
				       &res->usage_rows, e);
	}
	rc = close_loaders(&l, rc, e);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	rc = db_commit(db, e);
	if (rc == 0)
		res->customers += to - from;
	return rc;
}

static int64_t months_back(int64_t day, int months)
{
	int64_t y;
	int m, d;

	day_to_civil(day, &y, &m, &d);
	m -= months;
	while (m < 1) {
		m += 12;
		y--;
	}
	if (d > day_days_in_month(y, m))
		d = day_days_in_month(y, m);
	return day_from_civil(y, m, d) + 1;
}

int seed_run(struct db *db, const struct seed_opts *o,
	     seed_progress_fn progress, void *ctx, struct seed_result *out,
	     struct err *e)
{
	struct seed_result res = {0};
	char (*days)[DAY_ISO_LEN + 1] = NULL;
	int64_t existing = 0, first_day, n_days;
	int rc;

	if (o->customers < 1 || o->customers > SEED_MAX_CUSTOMERS)
		return err_set(e, ERR_INVALID, "customers",
			       "customers must be from 1 to %d",
			       SEED_MAX_CUSTOMERS);
	if (o->months < 0 || o->months > 36)
		return err_set(e, ERR_INVALID, "months",
			       "months must be from 0 to 36");
	rc = count_customers(db, &existing, e);
	if (rc)
		return rc;
	if (existing && !o->replace)
		return err_set(e, ERR_CONFLICT, "replace",
			       "the database already holds %lld customers;"
			       " use --replace to seed it again",
			       (long long)existing);
	rc = clear(db, e);
	if (rc == 0)
		rc = write_areas(db, &res.areas, e);
	if (rc)
		return rc;
	first_day = o->months ? months_back(o->last_day, o->months)
			      : o->last_day + 1;
	n_days = o->last_day - first_day + 1;
	days = xcalloc((size_t)(n_days > 0 ? n_days : 1), sizeof *days);
	for (int64_t d = 0; d < n_days; d++)
		day_format(first_day + d, days[d], sizeof days[d]);
	for (int64_t from = 1; rc == 0 && from <= o->customers; from += BATCH) {
		int64_t to = from + BATCH;

		if (to > o->customers + 1)
			to = o->customers + 1;
		rc = write_batch(db, o, from, to, first_day, n_days, days, &res,
				 e);
		if (rc == 0 && progress)
			progress(ctx, to - 1, o->customers);
	}
	free(days);
	if (rc == 0)
		*out = res;
	return rc;
}
