/*
 * area_cache: see area_cache.h.  The snapshot header and the reference
 * count live in one allocation; the count is atomic so putting a
 * snapshot takes no lock.
 */
#include "api/area_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "core/mem.h"
#include "core/mono.h"

struct snap {
	struct area_snap pub;  /* what callers see; first, so it converts */
	atomic_int refs;       /* holders: the cache and each request */
	uint64_t loaded_ns;    /* mono_now_ns() when loaded */
};

struct area_cache {
	pthread_mutex_t mu;   /* guards cur */
	struct snap *cur;     /* newest snapshot (one reference), or NULL */
	uint64_t ttl_ns;      /* reload after this long; 0 = always */
};

struct area_cache *area_cache_new(uint64_t ttl_ns)
{
	struct area_cache *c = xcalloc(1, sizeof *c);

	pthread_mutex_init(&c->mu, NULL);
	c->ttl_ns = ttl_ns;
	return c;
}

void area_cache_put(const struct area_snap *pub)
{
	struct snap *s = (struct snap *)pub;

	if (s && atomic_fetch_sub(&s->refs, 1) == 1) {
		free((void *)s->pub.areas);
		free(s);
	}
}

void area_cache_free(struct area_cache *c)
{
	if (!c)
		return;
	area_cache_put(c->cur ? &c->cur->pub : NULL);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

/* The current snapshot with a reference for the caller, if fresh. */
static struct snap *fresh(struct area_cache *c)
{
	struct snap *s = NULL;

	pthread_mutex_lock(&c->mu);
	if (c->cur && c->ttl_ns &&
	    mono_now_ns() - c->cur->loaded_ns < c->ttl_ns) {
		s = c->cur;
		atomic_fetch_add(&s->refs, 1);
	}
	pthread_mutex_unlock(&c->mu);
	return s;
}

int area_cache_get(struct area_cache *c, struct db *db,
		   const struct area_snap **out, struct err *e)
{
	struct snap *s = fresh(c), *old;
	struct area *a;
	size_t n;
	int rc;

	if (s) {
		*out = &s->pub;
		return 0;
	}
	rc = areas_load_all(db, &a, &n, e);
	if (rc)
		return rc;
	s = xcalloc(1, sizeof *s);
	s->pub.areas = a;
	s->pub.n = n;
	s->loaded_ns = mono_now_ns();
	atomic_init(&s->refs, 2); /* the cache's and the caller's */
	pthread_mutex_lock(&c->mu);
	old = c->cur;
	c->cur = s;
	pthread_mutex_unlock(&c->mu);
	area_cache_put(old ? &old->pub : NULL);
	*out = &s->pub;
	return 0;
}
