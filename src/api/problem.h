/*
 * problem: errors as RFC 9457 problem documents
 * (Content-Type: application/problem+json).
 *
 * Each problem kind has a stable `type` URI ("urn:gridcare:problem:<slug>",
 * documented in docs/openapi.yaml) that clients switch on, and a title in
 * Vietnamese (the default) and English (when the request asks for it with
 * ?lang=en or Accept-Language: en).  Members: type, title, status, detail,
 * instance (the request path), request_id, and field when the problem
 * names an input field.
 *
 * Thread-safety: the kind table is immutable.
 */
#ifndef GC_API_PROBLEM_H
#define GC_API_PROBLEM_H

#include "api/req.h"
#include "core/err.h"

enum problem_kind {
	PROBLEM_BAD_REQUEST = 0,  /* 400 malformed request */
	PROBLEM_INVALID,          /* 422 a field is invalid */
	PROBLEM_NOT_FOUND,        /* 404 no such resource */
	PROBLEM_NO_ROUTE,         /* 404 no such URL */
	PROBLEM_METHOD,           /* 405 method not allowed */
	PROBLEM_CONFLICT,         /* 409 */
	PROBLEM_TOO_BIG,          /* 413 body over the limit */
	PROBLEM_UNSUPPORTED_TYPE, /* 415 body is not JSON */
	PROBLEM_UNAVAILABLE,      /* 503 not ready */
	PROBLEM_INTERNAL,         /* 500 */
	PROBLEM_N
};

/*
 * Answer r with a problem of kind; detail (NULL for none)
 * is shown as given, field (NULL allowed) names the offending input.
 * extra_header/value (NULL allowed) adds one header, e.g. Allow for 405.
 */
int problem_reply(struct req *r, enum problem_kind kind, const char *detail,
		  const char *field, const char *extra_header,
		  const char *extra_value);
/* Answer r with the problem that matches a struct err from a lower layer. */
int problem_from_err(struct req *r, const struct err *e);
/* The HTTP status of kind. */
int problem_status(enum problem_kind kind);

#endif
