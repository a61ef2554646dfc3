/*
 * server: the gridcare HTTP server on libmicrohttpd.
 *
 * libmicrohttpd runs an epoll event loop with an internal pool of
 * `threads` worker threads; each request is handled start to finish on
 * one of them.  server.c owns the request life cycle:
 *
 *   arrive --> read body (up to max_body) --> route --> handler --> answer
 *      \                                                            |
 *       `-- request id, in-flight +1        complete: access log, metrics,
 *                                            release DB, free arena, -1
 *
 * Graceful stop: api_server_stop stops accepting connections, waits up to
 * shutdown_grace seconds for in-flight requests to finish, then closes
 * everything.
 *
 * Ownership: api_server_start returns a server owned by the caller and
 * released by api_server_stop.  The config and the pool are borrowed and
 * must outlive the server.  Thread-safety: start and stop from one thread;
 * the accessors may be called from handlers.
 */
#ifndef GC_API_SERVER_H
#define GC_API_SERVER_H

#include "core/config.h"
#include "core/err.h"
#include "db/db.h"

struct api_server;
struct metrics;
struct area_cache;

int api_server_start(const struct config *cfg, struct db_pool *pool,
		     struct api_server **out, struct err *e);
/* The TCP port actually bound (useful with listen port 0). */
int api_server_port(const struct api_server *s);
void api_server_stop(struct api_server *s);

struct db_pool *api_server_pool(const struct api_server *s);
const struct config *api_server_config(const struct api_server *s);
struct metrics *api_server_metrics(const struct api_server *s);
struct area_cache *api_server_area_cache(const struct api_server *s);

#endif
