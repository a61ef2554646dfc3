/*
 * handlers: the request handlers, one .c file per resource (h_*.c), and
 * the signature they share.  server.c maps routes to them.
 *
 * A handler answers its request exactly once (req.h) and returns 0, or a
 * negative ERR_* after it has answered with a problem document.  Handlers
 * run on MHD's worker threads: they keep no state outside the request.
 */
#ifndef GC_API_HANDLERS_H
#define GC_API_HANDLERS_H

#include "api/req.h"

typedef int (*handler_fn)(struct req *r);

/* h_health.c */
int h_healthz(struct req *r);
int h_readyz(struct req *r);
int h_metrics(struct req *r);
/* h_areas.c */
int h_areas_list(struct req *r);
int h_areas_get(struct req *r);
/* h_static.c */
int h_static(struct req *r);

#endif
