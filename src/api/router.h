/*
 * router: match a method and path against a table of routes with path
 * parameters ("/api/v1/areas/{code}").
 *
 * A pattern is split on '/'; a segment "{name}" matches any one non-empty
 * segment and captures it.  Matching is exact otherwise (no prefixes, no
 * trailing-slash folding), so every URL has one meaning.
 *
 * Ownership: the table and patterns are borrowed for the router's life
 * (they are static in practice); captured values point into a copy of the
 * path owned by the match's arena.  Thread-safe: the table is read-only.
 */
#ifndef GC_API_ROUTER_H
#define GC_API_ROUTER_H

#include <stddef.h>

#include "core/arena.h"

enum { ROUTER_MAX_PARAMS = 4 };

/* Any function; the router only carries it (C allows casts between
 * function pointer types, not to void *). */
typedef void (*router_fn)(void);

struct router_route {
	const char *method;  /* "GET", "POST", ... */
	const char *pattern; /* e.g. "/api/v1/areas/{code}" */
	router_fn handler;   /* opaque to the router */
};

struct router_match {
	int route;                                /* index, or -1 */
	int path_known;                           /* some route has this path */
	const char *names[ROUTER_MAX_PARAMS];     /* parameter names */
	const char *values[ROUTER_MAX_PARAMS];    /* captured values */
	size_t n_params;                          /* captures */
};

/*
 * Find the route for method and path in table[0..n).  On a miss,
 * route = -1 and path_known says whether another method would have matched
 * (405 rather than 404); allow, if not NULL, receives those methods
 * (comma-separated, arena memory).
 */
void router_match(const struct router_route *table, size_t n,
		  const char *method, const char *path, struct arena *a,
		  struct router_match *m, const char **allow);

/* The value captured for name, or NULL. */
const char *router_param(const struct router_match *m, const char *name);

#endif
