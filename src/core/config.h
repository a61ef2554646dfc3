/*
 * config: the settings of a gridcare process, one table of keys.
 *
 * Every key is defined once (name, default, bounds, whether it is a
 * secret) and can come from three sources which cli/ applies in order, the
 * later winning: the file gridcare.ini, the environment (GRIDCARE_ + the
 * key in upper case) and command-line flags (--key, with '_' written
 * '-').  config_set validates a value before storing it, so a bad value
 * from any source is rejected with the key named and the config left as it
 * was.
 *
 * Ownership: struct config is plain storage owned by the caller; strings
 * are copied into it.  After start-up it is read-only and may be shared by
 * threads.  Secrets are zeroed by config_fini.
 */
#ifndef GC_CORE_CONFIG_H
#define GC_CORE_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct config {
	char db[1024];           /* SQLite path or postgresql:// URL */
	char listen_host[256];   /* address to bind, from "listen" */
	int64_t listen_port;     /* TCP port, 0 = any free port */
	int64_t threads;         /* HTTP worker threads */
	int64_t db_pool;         /* database connections per process */
	uint64_t max_body;       /* largest request body, bytes */
	int64_t request_timeout; /* idle connection timeout, seconds */
	int64_t shutdown_grace;  /* wait for in-flight requests, seconds */
	int64_t cache_ttl;       /* reload cached aggregates after, seconds */
	char log_level[8];       /* debug, info, warn or error */
	char web_root[1024];     /* directory of the built web app */
	char secret_key[256];    /* server signing secret (masked) */
};

/* Fill c with the defaults. */
void config_init(struct config *c);
/* Zero secrets. */
void config_fini(struct config *c);
/* Set key to value (text as it would appear in the file); validates. */
int config_set(struct config *c, const char *key, const char *value,
	       struct err *e);
/* 1 if key names a setting. */
int config_is_key(const char *key);
/* The n-th key name, or NULL past the end (for env and flag scanning). */
const char *config_key(size_t n);
/* One-line description of the n-th key (for --help and docs). */
const char *config_key_help(size_t n);
/*
 * Append the effective settings to out, one "key = value" per line, or as
 * one JSON object when json is non-zero.  Secrets print as "********" when
 * set and "" when not.
 */
int config_format(const struct config *c, int json, struct buf *out);

#endif
