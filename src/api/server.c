/*
 * server: see server.h.
 *
 * Design notes:
 *  1. The route table below is the whole public surface of the server; a
 *     reader audits the API here.  Order matters only for the static
 *     catch-alls at the end.
 *  2. Body limit: a Content-Length over max_body is refused with 413 on
 *     the first callback, before any byte is read; a chunked body is read
 *     into a buf whose maximum is max_body and refused when it overflows
 *     (the rest is drained, so the connection stays in sync).
 *  3. A request that arrives while the server is stopping is still
 *     answered: quiescing closes the listening socket, so only requests on
 *     connections that were already open can arrive, and they count as
 *     in flight.
 *  4. Request ids: a client's X-Request-Id is kept when it is 1 to 32
 *     characters of [A-Za-z0-9._-] (so a proxy's id threads through);
 *     otherwise 16 random bytes from libsodium, hex encoded.
 */
#include "api/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/area_cache.h"
#include "api/handlers.h"
#include "api/metrics.h"
#include "api/problem.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/mono.h"
#include "core/num.h"


static const struct router_route routes[] = {
	{"GET", "/healthz", (router_fn)h_healthz},
	{"GET", "/readyz", (router_fn)h_readyz},
	{"GET", "/metrics", (router_fn)h_metrics},
	{"GET", "/api/v1/areas", (router_fn)h_areas_list},
	{"GET", "/api/v1/areas/{code}", (router_fn)h_areas_get},
	{"GET", "/", (router_fn)h_static},
	{"GET", "/{file}", (router_fn)h_static},
};
enum { N_ROUTES = sizeof routes / sizeof routes[0] };

struct api_server {
	struct MHD_Daemon *daemon;   /* libmicrohttpd, owned */
	const struct config *cfg;    /* borrowed */
	struct db_pool *pool;        /* borrowed */
	struct metrics *metrics;     /* owned */
	struct area_cache *areas;    /* area tree with counts, owned */
	const char *names[N_ROUTES]; /* route patterns, for metrics */
	int port;                    /* bound port */
};


struct db_pool *api_server_pool(const struct api_server *s)
{
	return s->pool;
}

const struct config *api_server_config(const struct api_server *s)
{
	return s->cfg;
}

struct metrics *api_server_metrics(const struct api_server *s)
{
	return s->metrics;
}

struct area_cache *api_server_area_cache(const struct api_server *s)
{
	return s->areas;
}

int api_server_port(const struct api_server *s)
{
	return s->port;
}

static int wants_english(struct MHD_Connection *c)
{
	const char *lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
						       "lang");
	const char *accept;

	if (lang)
		return strcmp(lang, "en") == 0;
	accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
					     "Accept-Language");
	/* the first listed language decides: "en", "en-US", ... */
	return accept && strncmp(accept, "en", 2) == 0;
}

static struct req *req_new(struct api_server *s, struct MHD_Connection *c,
			   const char *method, const char *path)
{
	struct arena *a = arena_new();
	struct req *r = arena_zalloc(a, sizeof *r);
	const char *id;

	r->arena = a;
	r->conn = c;
	r->srv = s;
	r->method = method;
	r->path = path;
	r->match.route = -1; /* unmatched until routed (413, aborted) */
	r->t0_ns = mono_now_ns();
	r->lang_en = wants_english(c);
	buf_init(&r->body, s->cfg->max_body);
	id = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Request-Id");
	if (req_is_token(id, REQ_ID_LEN)) {
		snprintf(r->id, sizeof r->id, "%s", id);
	} else {
		unsigned char raw[REQ_ID_LEN / 2];

		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(r->id, sizeof r->id, raw, sizeof raw);
	}
	metrics_in_flight(s->metrics, 1);
	return r;
}

/* Content-Length over the limit: refuse before reading. */
static int declared_too_big(const struct req *r)
{
	const char *cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						     "Content-Length");
	int64_t n;

	if (!cl)
		return 0;
	if (num_parse_i64(cl, 0, INT64_MAX, &n))
		return 0; /* MHD itself rejects malformed lengths */
	return (uint64_t)n > r->srv->cfg->max_body;
}

static int dispatch(struct req *r)
{
	const char *allow = NULL;
	handler_fn fn;

	if (r->body_too_big)
		return problem_reply(r, PROBLEM_TOO_BIG, NULL, NULL, NULL, NULL);
	router_match(routes, N_ROUTES, r->method, r->path, r->arena, &r->match,
		     &allow);
	if (r->match.route < 0 && r->match.path_known)
		return problem_reply(r, PROBLEM_METHOD, NULL, NULL, "Allow", allow);
	if (r->match.route < 0)
		return problem_reply(r, PROBLEM_NO_ROUTE, NULL, NULL, NULL, NULL);
	fn = (handler_fn)routes[r->match.route].handler;
	return fn(r);
}

/*
 * Give the connection back as soon as the handler has answered, not when
 * the response has been sent: sending is done later by this same worker
 * thread, which could otherwise block in db_pool_acquire on a connection
 * only it can free (a deadlock under slow clients).
 */
static void release_db(struct req *r)
{
	if (!r->db)
		return;
	r->db_ns = db_time_ns(r->db) - r->db_ns0;
	db_pool_release(api_server_pool(r->srv), r->db);
	r->db = NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct api_server *s = cls;
	struct req *r = *con_cls;

	if (!r) {
		r = req_new(s, c, method, url);
		*con_cls = r;
		if (declared_too_big(r)) {
			r->body_too_big = 1;
			dispatch(r);
			return r->answered ? MHD_YES : MHD_NO;
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->body_too_big &&
		    buf_append(&r->body, upload, *upload_size))
			r->body_too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->answered)
		return MHD_YES;
	dispatch(r);
	release_db(r);
	if (!r->answered) {
		log_msg(LOG_ERROR, "request %s: handler gave no answer", r->id);
		problem_reply(r, PROBLEM_INTERNAL, NULL, NULL, NULL, NULL);
	}
	return r->answered ? MHD_YES : MHD_NO;
}

static void access_log(const struct req *r, int route, uint64_t dur_ns,
		       uint64_t db_ns, enum MHD_RequestTerminationCode toe)
{
	json_t *o;
	char *text;
	size_t len;

	if (!log_enabled(LOG_INFO))
		return;
	/* the route pattern, not the path: paths can carry customer codes */
	o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:I, s:f, s:f}", "event",
		      "access", "request_id", r->id, "method", r->method,
		      "route", route >= 0 ? routes[route].pattern : "unmatched",
		      "status", r->status, "bytes", (json_int_t)r->resp_bytes,
		      "ms", (double)dur_ns / 1e6, "db_ms", (double)db_ns / 1e6);
	if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		json_object_set_new(o, "aborted", json_true());
	text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(4));
	json_decref(o);
	/* pass the members without the outer braces */
	len = strlen(text);
	text[len - 1] = '\0';
	log_json(LOG_INFO, text + 1);
	free(text);
}

static void on_complete(void *cls, struct MHD_Connection *c, void **con_cls,
			enum MHD_RequestTerminationCode toe)
{
	struct api_server *s = cls;
	struct req *r = *con_cls;
	uint64_t dur;

	if (!r)
		return;
	dur = mono_now_ns() - r->t0_ns;
	release_db(r); /* a request aborted mid-handler */
	metrics_observe(s->metrics, r->match.route, r->status, dur, r->db_ns);
	access_log(r, r->match.route, dur, r->db_ns, toe);
	buf_fini(&r->body);
	metrics_in_flight(s->metrics, -1);
	arena_free(r->arena);
	*con_cls = NULL;
}

static int resolve(const struct config *cfg, struct sockaddr_storage *ss,
		   struct err *e)
{
	struct addrinfo hints = {0}, *ai = NULL;
	char port[8];
	int rc;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(port, sizeof port, "%lld", (long long)cfg->listen_port);
	rc = getaddrinfo(cfg->listen_host, port, &hints, &ai);
	if (rc || !ai)
		return err_set(e, ERR_INVALID, "listen", "cannot resolve listen"
			       " host '%s': %s", cfg->listen_host,
			       gai_strerror(rc));
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	freeaddrinfo(ai);
	return 0;
}

__attribute__((format(printf, 2, 0)))
static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	log_msg(LOG_WARN, "libmicrohttpd: %s", msg);
}

int api_server_start(const struct config *cfg, struct db_pool *pool,
		     struct api_server **out, struct err *e)
{
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG;
	struct sockaddr_storage ss = {0};
	const union MHD_DaemonInfo *info;
	struct api_server *s;
	int rc;

	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, NULL, "libsodium failed to start");
	rc = resolve(cfg, &ss, e);
	if (rc)
		return rc;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s = xcalloc(1, sizeof *s);
	s->cfg = cfg;
	s->pool = pool;
	for (int i = 0; i < N_ROUTES; i++)
		s->names[i] = routes[i].pattern;
	s->metrics = metrics_new(s->names, N_ROUTES);
	s->areas = area_cache_new((uint64_t)cfg->cache_ttl * 1000000000u);
	s->daemon = MHD_start_daemon(
		flags, (uint16_t)cfg->listen_port, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->request_timeout,
		MHD_OPTION_CONNECTION_LIMIT, 1024u,
		MHD_OPTION_NOTIFY_COMPLETED, on_complete, s,
		MHD_OPTION_END);
	if (!s->daemon) {
		area_cache_free(s->areas);
		metrics_free(s->metrics);
		free(s);
		return err_set(e, ERR_IO, "listen", "cannot listen on %s:%lld",
			       cfg->listen_host, (long long)cfg->listen_port);
	}
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : (int)cfg->listen_port;
	*out = s;
	return 0;
}

void api_server_stop(struct api_server *s)
{
	uint64_t deadline;
	MHD_socket fd;

	if (!s)
		return;
	/* stop accepting; connections already open keep being served */
	fd = MHD_quiesce_daemon(s->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	deadline = mono_now_ns() + (uint64_t)s->cfg->shutdown_grace * 1000000000u;
	while (metrics_in_flight_now(s->metrics) > 0 && mono_now_ns() < deadline)
		usleep(10000);
	if (metrics_in_flight_now(s->metrics) > 0)
		log_msg(LOG_WARN, "stopping with %lld requests still in flight",
			(long long)metrics_in_flight_now(s->metrics));
	MHD_stop_daemon(s->daemon);
	area_cache_free(s->areas);
	metrics_free(s->metrics);
	free(s);
}
