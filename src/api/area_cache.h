/*
 * area_cache: the area tree with its customer counts, shared by all
 * requests of a process and reloaded at most once per `ttl`.
 *
 * Why: the counts are a GROUP BY over every customer (0.34 s for
 * 1,000,000 customers on SQLite, bench/run's database), far too much for
 * every request to /api/v1/areas; a dashboard may show counts a few
 * seconds old.  ttl 0 turns the cache off (every request loads).
 *
 * Ownership: a snapshot is immutable and reference-counted (STYLE.md
 * section 4): area_cache_get returns one holding a reference, released
 * with area_cache_put (usually deferred on the request's arena).  A reload
 * builds a new snapshot and swaps it in; requests holding the old one keep
 * it until they put it.  Thread-safe; the lock is never held while the
 * database is read (two threads that miss at once may both load).
 */
#ifndef GC_API_AREA_CACHE_H
#define GC_API_AREA_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "store/areas.h"

struct area_cache;

struct area_snap {
	const struct area *areas; /* as areas_load_all returns them, owned */
	size_t n;                 /* entries in areas */
};

struct area_cache *area_cache_new(uint64_t ttl_ns);
void area_cache_free(struct area_cache *c);
/* A snapshot no older than ttl, loading through db when needed. */
int area_cache_get(struct area_cache *c, struct db *db,
		   const struct area_snap **out, struct err *e);
/* Release a snapshot from area_cache_get (NULL allowed). */
void area_cache_put(const struct area_snap *s);

#endif
