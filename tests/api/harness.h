/*
 * harness: start the real `gridcare serve` on a free loopback port against
 * a freshly seeded database, and talk HTTP to it with libcurl.  The
 * database is a new SQLite file, or the PostgreSQL URL in the environment
 * variable GC_API_DB (reseeded with --replace).
 *
 * Ownership: harness_start returns a server owned by the caller and
 * stopped (SIGTERM, wait) by harness_stop.  A struct http_resp owns its
 * body, headers and parsed JSON; release it with http_resp_fini.
 * Not thread-safe; one test process drives one server.
 */
#ifndef GC_TESTS_API_HARNESS_H
#define GC_TESTS_API_HARNESS_H

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

struct harness {
	pid_t pid;           /* the server process */
	int port;            /* its port */
	char dir[64];        /* temp folder: db, log */
	char log_path[96];   /* server's standard error */
	char base[64];       /* "http://127.0.0.1:PORT" */
};

struct http_resp {
	long status;         /* HTTP status */
	char *headers;       /* raw response headers, owned */
	char *body;          /* body, NUL-terminated, owned */
	size_t body_len;     /* bytes in body */
	json_t *json;        /* parsed body, or NULL, owned */
};

/* gridcare binary, seed customers; extra serve args NULL-terminated. */
int harness_start(struct harness *h, const char *bin, int customers,
		  const char *const *extra_args);
/* SIGTERM and wait; returns the exit status (or -1). */
int harness_stop(struct harness *h);

/* method, path, extra header lines (NULL-terminated or NULL), body. */
int http_do(const struct harness *h, const char *method, const char *path,
	    const char *const *headers, const char *body, size_t body_len,
	    struct http_resp *out);
int http_get(const struct harness *h, const char *path, struct http_resp *out);
/* The value of header name (case-insensitive) into out, or 0 if absent. */
int http_header(const struct http_resp *r, const char *name, char *out,
		size_t size);
void http_resp_fini(struct http_resp *r);
/* Send raw bytes on a new TCP connection and read the reply into out. */
int http_raw(const struct harness *h, const char *bytes, char *out,
	     size_t size);
/* Run the gridcare binary with args; stdout/stderr into files; exit code. */
int harness_run(const char *bin, const char *const *args, const char *out,
		const char *err);

#endif
