/*
 * areas (store): the administrative area tree (province > commune >
 * village) with customer counts, persisted through db.h.
 *
 * Counts are rolled up: a commune counts the customers of all its villages
 * and the province those of all its communes.
 *
 * Ownership: areas_load_all returns a heap array owned by the caller and
 * released with free(); the structs hold their strings inline.
 * Thread-safety: as db.h (one connection per thread).
 */
#ifndef GC_STORE_AREAS_H
#define GC_STORE_AREAS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "db/db.h"

enum { AREAS_CODE_MAX = 24, AREAS_NAME_MAX = 96 };

struct area {
	char code[AREAS_CODE_MAX];        /* e.g. "BN-LGI-VOI" */
	char parent_code[AREAS_CODE_MAX]; /* "" for a root */
	int level;                        /* 1 province, 2 commune, 3 village */
	char name[AREAS_NAME_MAX];        /* Vietnamese, with diacritics */
	char name_ascii[AREAS_NAME_MAX];  /* without diacritics */
	int64_t n_customers;              /* customers in it and below */
	int64_t n_smartphone;             /* of which use a smartphone */
};

/*
 * Every area ordered by level then code, with rolled-up counts.  *out is
 * written only on success (never NULL; *n = 0 on an empty table).
 */
int areas_load_all(struct db *db, struct area **out, size_t *n,
		   struct err *e);

/* Insert or update one area (without counts). */
int areas_save(struct db *db, const struct area *a, struct err *e);

#endif
