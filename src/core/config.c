/*
 * config: see config.h.
 *
 * The key table is the single definition of every setting: config_set,
 * the environment and flag scanners in cli/, config_format and --help all
 * walk it, so a new key is one row here and one field in struct config.
 * Values are validated by kind (string, integer range, size, enum,
 * host:port) before anything is stored.
 */
#include "core/config.h"

#include <stdio.h>
#include <string.h>

#include "core/num.h"

enum kind { K_STR, K_INT, K_SIZE, K_LEVEL, K_LISTEN };

struct key {
	const char *name; /* key in the file; GRIDCARE_<NAME> in env */
	enum kind kind;   /* how the value is parsed */
	size_t off;       /* offset of the field in struct config */
	size_t size;      /* field size (strings) */
	int64_t min, max; /* bounds (integers and sizes) */
	int secret;       /* masked when printed */
	const char *def;  /* default, as text */
	const char *help; /* one line for --help and OPERATIONS.md */
};

#define STR(f) offsetof(struct config, f), sizeof(((struct config *)0)->f)
#define NUM(f) offsetof(struct config, f), 0

static const struct key keys[] = {
	{"db", K_STR, STR(db), 0, 0, 0, "var/gridcare.db",
	 "SQLite file path or postgresql:// URL"},
	{"listen", K_LISTEN, STR(listen_host), 0, 65535, 0, "127.0.0.1:8080",
	 "HOST:PORT the server binds"},
	{"threads", K_INT, NUM(threads), 1, 256, 0, "4",
	 "HTTP worker threads"},
	{"db_pool", K_INT, NUM(db_pool), 1, 256, 0, "4",
	 "database connections per process"},
	{"max_body", K_SIZE, NUM(max_body), 1024, 64 << 20, 0, "1m",
	 "largest request body (bytes; k, m suffixes)"},
	{"request_timeout", K_INT, NUM(request_timeout), 1, 3600, 0, "30",
	 "seconds an idle connection is kept"},
	{"shutdown_grace", K_INT, NUM(shutdown_grace), 0, 600, 0, "20",
	 "seconds in-flight requests get on SIGTERM"},
	{"cache_ttl", K_INT, NUM(cache_ttl), 0, 3600, 0, "10",
	 "seconds area counts are cached (0: never)"},
	{"log_level", K_LEVEL, STR(log_level), 0, 0, 0, "info",
	 "debug, info, warn or error"},
	{"web_root", K_STR, STR(web_root), 0, 0, 0, "web/dist",
	 "directory of the built web app"},
	{"secret_key", K_STR, STR(secret_key), 0, 0, 1, "",
	 "server signing secret (never printed)"},
};

enum { N_KEYS = sizeof keys / sizeof keys[0] };

static const struct key *find(const char *name)
{
	for (size_t i = 0; i < N_KEYS; i++) {
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	}
	return NULL;
}

int config_is_key(const char *key)
{
	return find(key) != NULL;
}

const char *config_key(size_t n)
{
	return n < N_KEYS ? keys[n].name : NULL;
}

const char *config_key_help(size_t n)
{
	return n < N_KEYS ? keys[n].help : NULL;
}

static int set_listen(struct config *c, const struct key *k, const char *v,
		      struct err *e)
{
	const char *colon = strrchr(v, ':');
	size_t host_len;
	int64_t port;

	if (!colon || colon == v)
		return err_set(e, ERR_INVALID, k->name,
			       "%s must be HOST:PORT", k->name);
	host_len = (size_t)(colon - v);
	/* "[::1]:8080": an IPv6 address is bracketed so its colons are not
	 * taken for the port separator (RFC 3986 section 3.2.2) */
	if (v[0] == '[' && host_len > 2 && v[host_len - 1] == ']') {
		v++;
		host_len -= 2;
	}
	if (host_len >= sizeof c->listen_host)
		return err_set(e, ERR_INVALID, k->name, "%s host is too long",
			       k->name);
	if (num_parse_i64(colon + 1, k->min, k->max, &port))
		return err_set(e, ERR_INVALID, k->name,
			       "%s port must be a number from 0 to 65535",
			       k->name);
	memcpy(c->listen_host, v, host_len);
	c->listen_host[host_len] = '\0';
	c->listen_port = port;
	return 0;
}

int config_set(struct config *c, const char *key, const char *value,
	       struct err *e)
{
	const struct key *k = find(key);
	char *base = (char *)c;
	uint64_t size;
	int64_t n;

	if (!k)
		return err_set(e, ERR_INVALID, key, "unknown setting '%s'", key);
	switch (k->kind) {
	case K_STR:
		if (strlen(value) >= k->size)
			return err_set(e, ERR_INVALID, k->name, "%s is too long",
				       k->name);
		memcpy(base + k->off, value, strlen(value) + 1);
		return 0;
	case K_INT:
		if (num_parse_i64(value, k->min, k->max, &n))
			return err_set(e, ERR_INVALID, k->name,
				       "%s must be a whole number from %lld to %lld",
				       k->name, (long long)k->min, (long long)k->max);
		memcpy(base + k->off, &n, sizeof n);
		return 0;
	case K_SIZE:
		if (num_parse_size(value, (uint64_t)k->max, &size) ||
		    size < (uint64_t)k->min)
			return err_set(e, ERR_INVALID, k->name,
				       "%s must be a size from %lld to %lld bytes",
				       k->name, (long long)k->min, (long long)k->max);
		memcpy(base + k->off, &size, sizeof size);
		return 0;
	case K_LEVEL:
		if (strcmp(value, "debug") != 0 && strcmp(value, "info") != 0 &&
		    strcmp(value, "warn") != 0 && strcmp(value, "error") != 0)
			return err_set(e, ERR_INVALID, k->name,
				       "%s must be debug, info, warn or error",
				       k->name);
		memcpy(base + k->off, value, strlen(value) + 1);
		return 0;
	case K_LISTEN:
		return set_listen(c, k, value, e);
	}
	return ERR_INTERNAL;
}

void config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < N_KEYS; i++) {
		int rc = config_set(c, keys[i].name, keys[i].def, NULL);

		(void)rc; /* defaults are valid by construction (unit-tested) */
	}
}

void config_fini(struct config *c)
{
	/* volatile so the compiler cannot drop the store as dead */
	volatile char *p = (volatile char *)c->secret_key;

	for (size_t i = 0; i < sizeof c->secret_key; i++)
		p[i] = 0;
}

static void value_text(const struct config *c, const struct key *k,
		       char *out, size_t size)
{
	const char *base = (const char *)c;
	int64_t n;
	uint64_t u;

	switch (k->kind) {
	case K_STR:
	case K_LEVEL:
		if (k->secret)
			snprintf(out, size, "%s", *(base + k->off) ? "********" : "");
		else
			snprintf(out, size, "%s", base + k->off);
		break;
	case K_INT:
		memcpy(&n, base + k->off, sizeof n);
		snprintf(out, size, "%lld", (long long)n);
		break;
	case K_SIZE:
		memcpy(&u, base + k->off, sizeof u);
		snprintf(out, size, "%llu", (unsigned long long)u);
		break;
	case K_LISTEN:
		snprintf(out, size, strchr(c->listen_host, ':') ? "[%s]:%lld"
								 : "%s:%lld",
			 c->listen_host, (long long)c->listen_port);
		break;
	}
}

int config_format(const struct config *c, int json, struct buf *out)
{
	char v[1100];

	if (json)
		buf_puts(out, "{");
	for (size_t i = 0; i < N_KEYS; i++) {
		value_text(c, &keys[i], v, sizeof v);
		if (json) {
			buf_printf(out, "%s\"%s\":", i ? "," : "", keys[i].name);
			if (keys[i].kind == K_INT || keys[i].kind == K_SIZE)
				buf_puts(out, v);
			else {
				buf_puts(out, "\"");
				buf_json_escape(out, v);
				buf_puts(out, "\"");
			}
		} else {
			buf_printf(out, "%s = %s\n", keys[i].name, v);
		}
	}
	if (json)
		buf_puts(out, "}\n");
	return 0;
}
