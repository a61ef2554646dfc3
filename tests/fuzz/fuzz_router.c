/*
 * fuzz_router: arbitrary method and path through router_match against a
 * table with parameters.  Captures must be non-empty, free of '/', and a
 * match must be exact.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/router.h"

static const struct router_route table[] = {
	{"GET", "/healthz", NULL},
	{"GET", "/api/v1/areas", NULL},
	{"GET", "/api/v1/areas/{code}", NULL},
	{"POST", "/api/v1/areas/{code}/x/{id}", NULL},
	{"GET", "/{file}", NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	struct arena *a = arena_new();
	struct router_match m;
	const char *allow;
	char *method, *path;

	if (!nl) {
		arena_free(a);
		return 0;
	}
	method = arena_strndup(a, (const char *)data, (size_t)(nl - (const char *)data));
	path = arena_strndup(a, nl + 1, size - (size_t)(nl + 1 - (const char *)data));
	router_match(table, sizeof table / sizeof table[0], method, path, a, &m,
		     &allow);
	for (size_t i = 0; m.route >= 0 && i < m.n_params; i++) {
		if (!m.values[i][0] || strchr(m.values[i], '/'))
			abort();
	}
	arena_free(a);
	return 0;
}
