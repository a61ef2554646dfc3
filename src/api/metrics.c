/*
 * metrics: see metrics.h.
 *
 * Storage is a dense array per route: one counter per status code we
 * emit (the `statuses` list; anything else counts as status "other") and
 * one per histogram bucket.  Bucket bounds are Prometheus' defaults (5 ms
 * to 10 s) with 1 ms added, since most of our requests are faster than
 * 5 ms.
 */
#include "api/metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/mem.h"

static const int statuses[] = {200, 201, 202, 204, 304, 400, 401, 403, 404,
			       405, 406, 408, 409, 413, 415, 422, 429, 500,
			       503, 0 /* other */};
enum { N_STATUS = sizeof statuses / sizeof statuses[0] };

/* upper bounds in microseconds; +Inf is implicit */
static const uint64_t bounds_us[] = {1000,   5000,    10000,   25000,
				     50000,  100000,  250000,  500000,
				     1000000, 2500000, 5000000, 10000000};
enum { N_BUCKET = sizeof bounds_us / sizeof bounds_us[0] };

struct route_series {
	atomic_uint_fast64_t by_status[N_STATUS]; /* requests per status */
	atomic_uint_fast64_t bucket[N_BUCKET + 1]; /* not cumulative; +Inf last */
	atomic_uint_fast64_t duration_ns;         /* sum of durations */
	atomic_uint_fast64_t db_ns;               /* sum of DB time */
};

struct metrics {
	const char *const *names;     /* route names, borrowed */
	size_t n_routes;              /* routes; series has one more */
	struct route_series *series;  /* n_routes + 1, owned */
	atomic_int_fast64_t in_flight; /* requests being handled */
};

struct metrics *metrics_new(const char *const *route_names, size_t n_routes)
{
	struct metrics *m = xcalloc(1, sizeof *m);

	m->names = route_names;
	m->n_routes = n_routes;
	/* calloc gives zeroed atomics, a valid initial state on every ABI
	 * we build for (lock-free 64-bit atomics) */
	m->series = xcalloc(n_routes + 1, sizeof *m->series);
	return m;
}

void metrics_free(struct metrics *m)
{
	if (!m)
		return;
	free(m->series);
	free(m);
}

void metrics_in_flight(struct metrics *m, int delta)
{
	atomic_fetch_add_explicit(&m->in_flight, delta, memory_order_relaxed);
}

int64_t metrics_in_flight_now(const struct metrics *m)
{
	return atomic_load_explicit(&m->in_flight, memory_order_relaxed);
}

void metrics_observe(struct metrics *m, int route, int status,
		     uint64_t duration_ns, uint64_t db_ns)
{
	struct route_series *s;
	size_t si = N_STATUS - 1, bi = N_BUCKET;

	s = &m->series[route < 0 ? m->n_routes : (size_t)route];
	for (size_t i = 0; i + 1 < N_STATUS; i++) {
		if (statuses[i] == status) {
			si = i;
			break;
		}
	}
	for (size_t i = 0; i < N_BUCKET; i++) {
		if (duration_ns <= bounds_us[i] * 1000) {
			bi = i;
			break;
		}
	}
	atomic_fetch_add_explicit(&s->by_status[si], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->bucket[bi], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->duration_ns, duration_ns,
				  memory_order_relaxed);
	atomic_fetch_add_explicit(&s->db_ns, db_ns, memory_order_relaxed);
}

static uint64_t load(const atomic_uint_fast64_t *v)
{
	return atomic_load_explicit(v, memory_order_relaxed);
}

static const char *route_name(const struct metrics *m, size_t i)
{
	return i < m->n_routes ? m->names[i] : "unmatched";
}

static void render_requests(const struct metrics *m, struct buf *out)
{
	buf_puts(out, "# HELP gridcare_http_requests_total HTTP requests by"
		      " route and status.\n"
		      "# TYPE gridcare_http_requests_total counter\n");
	for (size_t i = 0; i <= m->n_routes; i++) {
		for (size_t k = 0; k < N_STATUS; k++) {
			uint64_t v = load(&m->series[i].by_status[k]);

			char status[8] = "other";

			if (!v)
				continue;
			if (statuses[k])
				snprintf(status, sizeof status, "%d", statuses[k]);
			buf_printf(out, "gridcare_http_requests_total{route=\"%s\","
				   "status=\"%s\"} %llu\n", route_name(m, i), status,
				   (unsigned long long)v);
		}
	}
}

static void render_histogram(const struct metrics *m, size_t i,
			     struct buf *out)
{
	const struct route_series *s = &m->series[i];
	const char *name = route_name(m, i);
	uint64_t cum = 0;

	for (size_t b = 0; b <= N_BUCKET; b++) {
		cum += load(&s->bucket[b]);
		if (b < N_BUCKET)
			buf_printf(out, "gridcare_http_request_duration_seconds_bucket"
				   "{route=\"%s\",le=\"%g\"} %llu\n", name,
				   (double)bounds_us[b] / 1e6,
				   (unsigned long long)cum);
		else
			buf_printf(out, "gridcare_http_request_duration_seconds_bucket"
				   "{route=\"%s\",le=\"+Inf\"} %llu\n", name,
				   (unsigned long long)cum);
	}
	buf_printf(out, "gridcare_http_request_duration_seconds_sum{route=\"%s\"}"
		   " %.6f\n", name, (double)load(&s->duration_ns) / 1e9);
	buf_printf(out, "gridcare_http_request_duration_seconds_count"
		   "{route=\"%s\"} %llu\n", name, (unsigned long long)cum);
}

int metrics_render(const struct metrics *m, struct buf *out)
{
	render_requests(m, out);
	buf_puts(out, "# HELP gridcare_http_request_duration_seconds Time to"
		      " answer a request.\n"
		      "# TYPE gridcare_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i <= m->n_routes; i++)
		render_histogram(m, i, out);
	buf_puts(out, "# HELP gridcare_http_db_seconds_total Time spent in the"
		      " database while answering requests.\n"
		      "# TYPE gridcare_http_db_seconds_total counter\n");
	for (size_t i = 0; i <= m->n_routes; i++)
		buf_printf(out, "gridcare_http_db_seconds_total{route=\"%s\"} %.6f\n",
			   route_name(m, i),
			   (double)load(&m->series[i].db_ns) / 1e9);
	buf_printf(out, "# HELP gridcare_http_in_flight_requests Requests being"
		   " handled now.\n"
		   "# TYPE gridcare_http_in_flight_requests gauge\n"
		   "gridcare_http_in_flight_requests %lld\n",
		   (long long)metrics_in_flight_now(m));
	return 0;
}
