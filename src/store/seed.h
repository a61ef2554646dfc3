/*
 * seed (store): write the demo district of domain/demo into a migrated
 * database: areas, customers, one meter each, and daily usage.
 *
 * Consistency: customers are written in batches, each batch one
 * transaction holding the customers together with their meters and usage,
 * so a seed killed at any moment leaves whole customers only.  Seeding a
 * database that already holds customers is refused unless `replace` is
 * set, which first deletes the demo tables' rows in one transaction.
 *
 * Determinism: customer i draws from its own generator seeded with
 * (seed, i), so the data do not depend on batch size or order.
 *
 * Thread-safety: uses the one connection it is given.
 */
#ifndef GC_STORE_SEED_H
#define GC_STORE_SEED_H

#include <stdint.h>

#include "core/err.h"
#include "db/db.h"

enum { SEED_MAX_CUSTOMERS = 9999999 }; /* 7 digits in the customer code */

struct seed_opts {
	int64_t customers; /* how many, 1..SEED_MAX_CUSTOMERS */
	uint64_t seed;     /* generator seed */
	int64_t last_day;  /* last day of usage (day number, local) */
	int months;        /* months of daily usage before last_day, 0..36 */
	int replace;       /* delete existing customers first */
};

struct seed_result {
	int64_t customers;  /* customers written */
	int64_t usage_rows; /* daily usage rows written */
	int64_t areas;      /* areas written */
};

/* Called after each batch with customers done so far and the total. */
typedef void (*seed_progress_fn)(void *ctx, int64_t done, int64_t total);

int seed_run(struct db *db, const struct seed_opts *o,
	     seed_progress_fn progress, void *ctx, struct seed_result *out,
	     struct err *e);

#endif
