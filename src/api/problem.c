/*
 * problem: see problem.h.
 *
 * Internal errors never leak their message to the client (it may name
 * tables or paths); the client gets the request id to quote, and the log
 * line with that id carries the detail.
 */
#include "api/problem.h"

#include <string.h>

#include "core/log.h"

struct kind_info {
	int status;        /* HTTP status */
	const char *slug;  /* stable part of the type URI */
	const char *vi;    /* title, Vietnamese */
	const char *en;    /* title, English */
};

static const struct kind_info kinds[PROBLEM_N] = {
	[PROBLEM_BAD_REQUEST] = {400, "bad-request", "Yêu cầu không hợp lệ",
				 "Bad request"},
	[PROBLEM_INVALID] = {422, "invalid-field", "Dữ liệu không hợp lệ",
			     "Invalid input"},
	[PROBLEM_NOT_FOUND] = {404, "not-found", "Không tìm thấy",
			       "Not found"},
	[PROBLEM_NO_ROUTE] = {404, "no-route", "Không có địa chỉ này",
			      "No such URL"},
	[PROBLEM_METHOD] = {405, "method-not-allowed",
			    "Phương thức không được hỗ trợ",
			    "Method not allowed"},
	[PROBLEM_CONFLICT] = {409, "conflict", "Xung đột dữ liệu", "Conflict"},
	[PROBLEM_TOO_BIG] = {413, "body-too-large", "Dữ liệu gửi lên quá lớn",
			     "Request body too large"},
	[PROBLEM_UNSUPPORTED_TYPE] = {415, "unsupported-media-type",
				      "Định dạng dữ liệu không được hỗ trợ",
				      "Unsupported media type"},
	[PROBLEM_UNAVAILABLE] = {503, "unavailable",
				 "Dịch vụ tạm thời chưa sẵn sàng",
				 "Service unavailable"},
	[PROBLEM_INTERNAL] = {500, "internal", "Lỗi hệ thống",
			      "Internal error"},
};

int problem_status(enum problem_kind kind)
{
	return kinds[kind].status;
}

int problem_reply(struct req *r, enum problem_kind kind, const char *detail,
		  const char *field, const char *extra_header,
		  const char *extra_value)
{
	const struct kind_info *k = &kinds[kind];
	char type[96];
	json_t *doc;
	char *text;
	int rc;

	snprintf(type, sizeof type, "urn:gridcare:problem:%s", k->slug);
	doc = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", type, "title",
			r->lang_en ? k->en : k->vi, "status", k->status,
			"instance", r->path ? r->path : "", "request_id", r->id);
	if (detail)
		json_object_set_new(doc, "detail", json_string(detail));
	if (field)
		json_object_set_new(doc, "field", json_string(field));
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	rc = req_reply_bytes(r, k->status, "application/problem+json", text,
			     strlen(text), extra_header, extra_value);
	free(text);
	return rc;
}

int problem_from_err(struct req *r, const struct err *e)
{
	switch (e->code) {
	case ERR_INVALID:
		return problem_reply(r, PROBLEM_INVALID, e->msg, e->field, NULL,
				     NULL);
	case ERR_NOTFOUND:
		return problem_reply(r, PROBLEM_NOT_FOUND, e->msg, e->field, NULL,
				     NULL);
	case ERR_CONFLICT:
		return problem_reply(r, PROBLEM_CONFLICT, e->msg, e->field, NULL,
				     NULL);
	case ERR_TOOBIG:
		return problem_reply(r, PROBLEM_TOO_BIG, NULL, e->field, NULL,
				     NULL);
	case ERR_BUSY:
		return problem_reply(r, PROBLEM_UNAVAILABLE, NULL, NULL,
				     "Retry-After", "1");
	default:
		log_msg(LOG_ERROR, "request %s failed: %s: %s", r->id,
			err_name(e->code), e->msg);
		return problem_reply(r, PROBLEM_INTERNAL, NULL, NULL, NULL, NULL);
	}
}
