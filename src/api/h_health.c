/*
 * h_health: liveness, readiness and metrics.
 *
 *  - /healthz answers 200 while the process can answer at all; it touches
 *    nothing, so a slow database never gets a healthy node restarted.
 *  - /readyz answers 200 only when the database answers and every
 *    migration is applied, so a load balancer sends no traffic to a node
 *    whose schema is behind; otherwise 503 with a problem document.
 *  - /metrics renders api/metrics in Prometheus text format.
 */
#include <string.h>

#include "api/handlers.h"
#include "api/metrics.h"
#include "api/problem.h"
#include "api/server.h"
#include "db/migrate.h"

int h_healthz(struct req *r)
{
	return req_reply_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

int h_readyz(struct req *r)
{
	struct db *db = req_db(r);
	struct err e;
	int pending = 0;

	err_clear(&e);
	if (db_ping(db, &e) ||
	    migrate_pending(db, migrate_all, migrate_n_all, &pending, &e))
		return problem_reply(r, PROBLEM_UNAVAILABLE,
				     r->lang_en ? "database unreachable"
						: "không kết nối được cơ sở dữ liệu",
				     NULL, "Retry-After", "5");
	if (pending)
		return problem_reply(r, PROBLEM_UNAVAILABLE,
				     r->lang_en ? "database migrations pending"
						: "cơ sở dữ liệu chưa được cập nhật",
				     NULL, "Retry-After", "5");
	return req_reply_json(r, 200,
			      json_pack("{s:s, s:s}", "status", "ready", "db",
					db_kind_name(db)));
}

int h_metrics(struct req *r)
{
	struct buf out;
	int rc;

	buf_init(&out, 16 * 1024 * 1024);
	metrics_render(api_server_metrics(r->srv), &out);
	rc = req_reply_bytes(r, 200, "text/plain; version=0.0.4; charset=utf-8",
			     buf_cstr(&out), out.len, NULL, NULL);
	buf_fini(&out);
	return rc;
}
