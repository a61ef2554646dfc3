/*
 * h_areas: the administrative area tree with customer counts.
 *
 *   GET /api/v1/areas         {"areas": [tree of roots]}
 *   GET /api/v1/areas/{code}  one area with its parent code and children
 *
 * Each node: code, name (Vietnamese, or ASCII when English is asked for),
 * name_vi, level ("province", "commune", "village"), customers,
 * smartphone_customers, children.  ?depth=1..3 limits the levels returned
 * (1: the node alone, without "children").  The tree comes from the
 * server's area_cache, so counts may be up to `cache_ttl` seconds old.
 */
#include <stdlib.h>
#include <string.h>

#include "api/handlers.h"
#include "api/area_cache.h"
#include "api/problem.h"
#include "api/server.h"
#include "core/num.h"
#include "store/areas.h"

static const char *const level_names[] = {"", "province", "commune",
					  "village"};

static json_t *node(const struct req *r, const struct area *a)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "code", a->code,
			      "name", r->lang_en ? a->name_ascii : a->name,
			      "name_vi", a->name, "level",
			      level_names[a->level < 1 || a->level > 3 ? 0
								       : a->level],
			      "customers", (json_int_t)a->n_customers,
			      "smartphone_customers",
			      (json_int_t)a->n_smartphone);

	if (a->parent_code[0])
		json_object_set_new(o, "parent", json_string(a->parent_code));
	else
		json_object_set_new(o, "parent", json_null());
	return o;
}

/*
 * The node for a[i] with `depth` levels of subtree (1 = the node alone,
 * without "children").  Recursion is bounded by the three area levels.
 */
static json_t *subtree(const struct req *r, const struct area *a, size_t n,
		       size_t i, int64_t depth)
{
	json_t *o = node(r, &a[i]), *kids;

	if (depth <= 1)
		return o;
	kids = json_array();
	for (size_t k = 0; k < n; k++) {
		if (strcmp(a[k].parent_code, a[i].code) == 0)
			json_array_append_new(kids,
					      subtree(r, a, n, k, depth - 1));
	}
	json_object_set_new(o, "children", kids);
	return o;
}

/* ?depth=1..3 (default 3, the whole tree); 0, or ERR_INVALID after
 * answering with a problem. */
static int depth_of(struct req *r, int64_t *depth)
{
	const char *v = req_query(r, "depth");

	*depth = 3;
	if (v && num_parse_i64(v, 1, 3, depth)) {
		problem_reply(r, PROBLEM_BAD_REQUEST,
			      r->lang_en ? "depth must be 1, 2 or 3"
					 : "depth phải là 1, 2 hoặc 3",
			      "depth", NULL, NULL);
		return ERR_INVALID;
	}
	return 0;
}

static void put_snap(void *p)
{
	area_cache_put(p);
}

/* The cached tree; released when the request completes. */
static int load(struct req *r, const struct area **a, size_t *n)
{
	const struct area_snap *snap;
	struct err e;

	err_clear(&e);
	if (area_cache_get(api_server_area_cache(r->srv), req_db(r), &snap,
			   &e)) {
		problem_from_err(r, &e);
		return e.code;
	}
	arena_defer(r->arena, put_snap, (void *)snap);
	*a = snap->areas;
	*n = snap->n;
	return 0;
}

int h_areas_list(struct req *r)
{
	const struct area *a = NULL;
	int64_t depth;
	size_t n = 0;
	json_t *roots;
	int rc;

	rc = depth_of(r, &depth);
	if (rc == 0)
		rc = load(r, &a, &n);
	if (rc)
		return rc; /* answered */
	roots = json_array();
	for (size_t i = 0; i < n; i++) {
		if (!a[i].parent_code[0])
			json_array_append_new(roots, subtree(r, a, n, i, depth));
	}
	return req_reply_json(r, 200, json_pack("{s:o}", "areas", roots));
}

int h_areas_get(struct req *r)
{
	const char *code = req_param(r, "code");
	const struct area *a = NULL;
	size_t n = 0, i;
	int64_t depth;
	json_t *doc;
	int rc;

	rc = depth_of(r, &depth);
	if (rc)
		return rc;
	if (!code || strlen(code) >= AREAS_CODE_MAX)
		return problem_reply(r, PROBLEM_NOT_FOUND, NULL, "code", NULL,
				     NULL);
	rc = load(r, &a, &n);
	if (rc)
		return rc;
	for (i = 0; i < n && strcmp(a[i].code, code) != 0; i++)
		;
	if (i == n)
		return problem_reply(r, PROBLEM_NOT_FOUND,
				     r->lang_en ? "no area has this code"
						: "không có khu vực với mã này",
				     "code", NULL, NULL);
	doc = subtree(r, a, n, i, depth);
	return req_reply_json(r, 200, doc);
}
