/*
 * metrics: request counters and latency histograms for GET /metrics, in
 * the Prometheus text exposition format (version 0.0.4).
 *
 * Series:
 *   gridcare_http_requests_total{route,status}          counter
 *   gridcare_http_request_duration_seconds{route}       histogram
 *   gridcare_http_db_seconds_total{route}               counter
 *   gridcare_http_in_flight_requests                    gauge
 * `route` is the route pattern (never the raw path, which can carry a
 * customer code), or "unmatched".
 *
 * Thread-safety: every update is a relaxed atomic add, so handler threads
 * never take a lock; a scrape may see counters a few requests apart, which
 * Prometheus tolerates.  Ownership: metrics_new returns an object owned by
 * the caller (metrics_free); route names are borrowed for its life.
 */
#ifndef GC_API_METRICS_H
#define GC_API_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct metrics;

/* One series per route name plus "unmatched" (index n_routes). */
struct metrics *metrics_new(const char *const *route_names, size_t n_routes);
void metrics_free(struct metrics *m);
void metrics_in_flight(struct metrics *m, int delta);
int64_t metrics_in_flight_now(const struct metrics *m);
/* Record one finished request; route may be -1 for unmatched. */
void metrics_observe(struct metrics *m, int route, int status,
		     uint64_t duration_ns, uint64_t db_ns);
/* Append the exposition text. */
int metrics_render(const struct metrics *m, struct buf *out);

#endif
