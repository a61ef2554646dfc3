/*
 * router: see router.h.  Linear over the table: with tens of routes a
 * scan of short strings beats building a trie, and it keeps the table a
 * plain array a reader can audit.
 */
#include "api/router.h"

#include <string.h>

#include "core/buf.h"

/* Match path against pattern; captures into m when it matches. */
static int match_one(const char *pattern, const char *path, struct arena *a,
		     struct router_match *m)
{
	const char *p = pattern, *s = path;

	m->n_params = 0;
	while (*p && *s) {
		size_t plen = strcspn(p + 1, "/") + 1; /* includes leading '/' */
		size_t slen = strcspn(s + 1, "/") + 1;

		if (*p != '/' || *s != '/')
			return 0;
		if (p[1] == '{' && p[plen - 1] == '}') {
			if (slen < 2 || m->n_params == ROUTER_MAX_PARAMS)
				return 0;
			m->names[m->n_params] = arena_strndup(a, p + 2, plen - 3);
			m->values[m->n_params] = arena_strndup(a, s + 1, slen - 1);
			m->n_params++;
		} else if (plen != slen || memcmp(p, s, plen) != 0) {
			return 0;
		}
		p += plen;
		s += slen;
	}
	return *p == '\0' && *s == '\0';
}

void router_match(const struct router_route *table, size_t n,
		  const char *method, const char *path, struct arena *a,
		  struct router_match *m, const char **allow)
{
	struct buf methods;

	memset(m, 0, sizeof *m);
	m->route = -1;
	buf_init(&methods, 256);
	for (size_t i = 0; i < n; i++) {
		struct router_match tmp;

		if (!match_one(table[i].pattern, path, a, &tmp))
			continue;
		/* HEAD is GET without a body (RFC 9110 section 9.3.2); the
		 * HTTP library drops the body */
		if (strcmp(table[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 &&
		     strcmp(table[i].method, "GET") == 0)) {
			*m = tmp;
			m->route = (int)i;
			m->path_known = 1;
			break;
		}
		m->path_known = 1;
		if (!strstr(buf_cstr(&methods), table[i].method))
			buf_printf(&methods, "%s%s", methods.len ? ", " : "",
				   table[i].method);
	}
	if (allow)
		*allow = arena_strdup(a, buf_cstr(&methods));
	buf_fini(&methods);
}

const char *router_param(const struct router_match *m, const char *name)
{
	for (size_t i = 0; i < m->n_params; i++) {
		if (strcmp(m->names[i], name) == 0)
			return m->values[i];
	}
	return NULL;
}
