/*
 * req: one HTTP request as handlers see it, and the ways to answer it.
 *
 * server.c creates a struct req when a request arrives and frees it, with
 * its arena, when libmicrohttpd reports the request complete.  Handlers
 * read the method, path parameters, query and body, and answer exactly
 * once with req_reply_json, req_reply_text or problem_reply (problem.h).
 * Every answer carries the security headers and the request id.
 *
 * Ownership: everything reachable from a struct req is owned by its arena
 * (req->arena) and valid until the request completes.  A json_t passed to
 * req_reply_json is STOLEN (its reference is released by the reply).  The
 * database connection from req_db is borrowed from the server's pool until
 * the handler returns (it must not be kept past its answer).  Thread-safety: a request is handled by one
 * thread.
 */
#ifndef GC_API_REQ_H
#define GC_API_REQ_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "api/router.h"
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"

struct api_server;
struct MHD_Connection;

enum { REQ_ID_LEN = 32 };

struct req {
	struct arena *arena;           /* request memory, freed at completion */
	struct MHD_Connection *conn;   /* libmicrohttpd connection, borrowed */
	struct api_server *srv;        /* server, borrowed */
	const char *method;            /* "GET", ... (MHD memory) */
	const char *path;              /* decoded path (MHD memory) */
	char id[REQ_ID_LEN + 1];       /* request id, also X-Request-Id */
	int lang_en;                   /* 1 = English, 0 = Vietnamese */
	struct router_match match;     /* route and path parameters */
	struct buf body;               /* request body, at most max_body */
	int body_too_big;              /* body exceeded max_body */
	struct db *db;                 /* lazily acquired connection or NULL */
	uint64_t t0_ns;                /* arrival, monotonic */
	uint64_t db_ns0;               /* db_time_ns when db was acquired */
	uint64_t db_ns;                /* time spent in the database */
	int status;                    /* status answered, 0 before */
	size_t resp_bytes;             /* body bytes answered */
	int answered;                  /* a response was queued */
};

/*
 * 1 if s is 1 to max_len characters of [A-Za-z0-9._-]: the only shape
 * accepted for client-chosen request ids and static file names, so
 * neither can smuggle a path, a quote or a control character.
 */
int req_is_token(const char *s, size_t max_len);

/* The database connection for this request (acquired on first use). */
struct db *req_db(struct req *r);
/* A path parameter captured by the route, or NULL. */
const char *req_param(const struct req *r, const char *name);
/* A query-string argument, or NULL. */
const char *req_query(const struct req *r, const char *name);
/* A request header, or NULL. */
const char *req_header(const struct req *r, const char *name);

/* Answer with a JSON document (stolen) as application/json. */
int req_reply_json(struct req *r, int status, json_t *doc);
/* Answer with bytes (copied); extra_header may be NULL. */
int req_reply_bytes(struct req *r, int status, const char *content_type,
		    const void *data, size_t len, const char *extra_name,
		    const char *extra_value);

#endif
