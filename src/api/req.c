/*
 * req: see req.h.  Every response leaves through req_reply_bytes, so the
 * security headers below are on every answer, problems included.
 *
 * Headers, and why:
 *  - X-Content-Type-Options: nosniff: a JSON answer is never run as script;
 *  - X-Frame-Options / frame-ancestors 'none': the official app cannot be
 *    framed by a look-alike site (click-jacking is a phishing tool);
 *  - Content-Security-Policy: only our own scripts, styles and images;
 *  - Referrer-Policy: no-referrer: links out never carry our URLs;
 *  - Cache-Control: no-store on API answers: bills and personal data must
 *    not stay in shared caches (static assets set their own).
 */
#include "api/req.h"

#include <microhttpd.h>
#include <string.h>

#include "api/server.h"

int req_is_token(const char *s, size_t max_len)
{
	size_t n = s ? strlen(s) : 0;

	return n >= 1 && n <= max_len &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789._-") == n;
}

struct db *req_db(struct req *r)
{
	if (!r->db) {
		r->db = db_pool_acquire(api_server_pool(r->srv));
		r->db_ns0 = db_time_ns(r->db);
	}
	return r->db;
}

const char *req_param(const struct req *r, const char *name)
{
	return router_param(&r->match, name);
}

const char *req_query(const struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(const struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

static void security_headers(struct MHD_Response *resp, const char *path)
{
	int is_api = strncmp(path, "/api/", 5) == 0;

	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:;"
				" frame-ancestors 'none'; base-uri 'none';"
				" form-action 'self'");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy",
				"same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
				"geolocation=(), microphone=()");
	if (is_api || !MHD_get_response_header(resp, "Cache-Control"))
		MHD_add_response_header(resp, "Cache-Control", "no-store");
}

int req_reply_bytes(struct req *r, int status, const char *content_type,
		    const void *data, size_t len, const char *extra_name,
		    const char *extra_value)
{
	struct MHD_Response *resp;
	enum MHD_Result ok;

	if (r->answered)
		return ERR_INTERNAL;
	resp = MHD_create_response_from_buffer(len, (void *)data,
					       MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return ERR_INTERNAL;
	MHD_add_response_header(resp, "Content-Type", content_type);
	MHD_add_response_header(resp, "X-Request-Id", r->id);
	if (extra_name && extra_value)
		MHD_add_response_header(resp, extra_name, extra_value);
	security_headers(resp, r->path ? r->path : "");
	ok = MHD_queue_response(r->conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	if (ok != MHD_YES)
		return ERR_IO;
	r->answered = 1;
	r->status = status;
	r->resp_bytes = len;
	return 0;
}

int req_reply_json(struct req *r, int status, json_t *doc)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	int rc;

	json_decref(doc);
	if (!text)
		return ERR_INTERNAL;
	rc = req_reply_bytes(r, status, "application/json", text, strlen(text),
			     NULL, NULL);
	free(text);
	return rc;
}
