/*
 * Tests of src/api/router.c through router.h: exact matching of method and
 * path against a route table with "{name}" parameters, 405 detection with
 * the Allow list, and no prefix or trailing-slash folding.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "api/router.h"
#include "core/arena.h"

static void h(void)
{
}

static const struct router_route table[] = {
    {"GET", "/api/v1/health", h},			   /* 0 */
    {"GET", "/api/v1/areas", h},			   /* 1 */
    {"POST", "/api/v1/areas", h},			   /* 2 */
    {"GET", "/api/v1/areas/{code}", h},			   /* 3 */
    {"PUT", "/api/v1/areas/{code}", h},			   /* 4 */
    {"DELETE", "/api/v1/areas/{code}", h},		   /* 5 */
    {"GET", "/api/v1/areas/{code}/villages/{village}", h}, /* 6 */
    {"GET", "/api/v1/areas/{code}/stats", h},		   /* 7 */
    {"GET", "/", h},					   /* 8 */
};
enum { N = sizeof table / sizeof table[0] };

struct fx {
	struct arena *a;
	struct router_match m;
	const char *allow;
};

static int setup(void **state)
{
	static struct fx f;

	memset(&f, 0, sizeof f);
	f.a = arena_new();
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	arena_free(f->a);
	return 0;
}

static void match(struct fx *f, const char *method, const char *path)
{
	f->allow = "unset";
	router_match(table, N, method, path, f->a, &f->m, &f->allow);
}

static void exact_path_matches_its_route(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/api/v1/health");
	assert_int_equal(f->m.route, 0);
	assert_int_equal(f->m.path_known, 1);
	assert_int_equal(f->m.n_params, 0);
}

static void method_selects_among_routes_of_one_path(void **state)
{
	struct fx *f = *state;

	match(f, "POST", "/api/v1/areas");
	assert_int_equal(f->m.route, 2);
	match(f, "GET", "/api/v1/areas");
	assert_int_equal(f->m.route, 1);
}

static void root_path_matches_only_root(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/");
	assert_int_equal(f->m.route, 8);
	match(f, "GET", "");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
}

static void parameter_is_captured(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/api/v1/areas/BN-LGI-VOI");
	assert_int_equal(f->m.route, 3);
	assert_int_equal(f->m.n_params, 1);
	assert_string_equal(f->m.names[0], "code");
	assert_string_equal(f->m.values[0], "BN-LGI-VOI");
	assert_string_equal(router_param(&f->m, "code"), "BN-LGI-VOI");
}

static void two_parameters_are_captured_in_order(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/api/v1/areas/BN-LGI/villages/VOI");
	assert_int_equal(f->m.route, 6);
	assert_int_equal(f->m.n_params, 2);
	assert_string_equal(router_param(&f->m, "code"), "BN-LGI");
	assert_string_equal(router_param(&f->m, "village"), "VOI");
}

static void literal_after_parameter_must_match(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/api/v1/areas/BN/stats");
	assert_int_equal(f->m.route, 7);
	assert_string_equal(router_param(&f->m, "code"), "BN");
	match(f, "GET", "/api/v1/areas/BN/statz");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
}

static void unknown_parameter_name_is_null(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/api/v1/areas/BN");
	assert_null(router_param(&f->m, "village"));
	assert_null(router_param(&f->m, "Code"));
}

static void captured_value_is_a_copy_of_the_path(void **state)
{
	struct fx *f = *state;
	char path[] = "/api/v1/areas/BN";

	match(f, "GET", path);
	path[14] = 'X';
	assert_string_equal(router_param(&f->m, "code"), "BN");
}

static void other_method_on_known_path_is_405_with_allow_list(void **state)
{
	struct fx *f = *state;

	match(f, "PATCH", "/api/v1/areas/BN");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 1);
	assert_string_equal(f->allow, "GET, PUT, DELETE");
}

static void allow_list_of_collection_path(void **state)
{
	struct fx *f = *state;

	match(f, "DELETE", "/api/v1/areas");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 1);
	assert_string_equal(f->allow, "GET, POST");
}

static void allow_list_names_each_method_once(void **state)
{
	static const struct router_route dup[] = {
	    {"GET", "/x/{id}", h},
	    {"GET", "/x/y", h},
	    {"POST", "/x/{id}", h},
	};
	struct fx *f = *state;

	router_match(dup, 3, "PUT", "/x/y", f->a, &f->m, &f->allow);
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 1);
	assert_string_equal(f->allow, "GET, POST");
}

static void first_matching_route_wins(void **state)
{
	static const struct router_route order[] = {
	    {"GET", "/x/{id}", h},
	    {"GET", "/x/y", h},
	};
	struct fx *f = *state;

	router_match(order, 2, "GET", "/x/y", f->a, &f->m, NULL);
	assert_int_equal(f->m.route, 0);
	assert_string_equal(router_param(&f->m, "id"), "y");
}

static void unknown_path_is_404_with_empty_allow(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/api/v1/nothing");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
	assert_string_equal(f->allow, "");
}

static void no_prefix_match(void **state)
{
	static const char *const paths[] = {
	    "/api/v1/healthz", "/api/v1/health/x",	   "/api/v1", "/api",
	    "/api/v1/heal",    "/api/v1/areas/BN/villages"};
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		match(f, "GET", paths[i]);
		assert_int_equal(f->m.route, -1);
		assert_int_equal(f->m.path_known, 0);
	}
}

static void trailing_slash_is_a_different_path(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/api/v1/health/");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
	match(f, "GET", "/api/v1/areas/BN/");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
}

static void empty_segment_does_not_match_a_parameter(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/api/v1/areas/");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
	match(f, "GET", "/api/v1/areas//villages/VOI");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
	match(f, "GET", "/api/v1/areas/BN/villages/");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
}

static void doubled_slash_does_not_match_literal_path(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/api//v1/health");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
}

static void matching_is_case_sensitive(void **state)
{
	struct fx *f = *state;

	match(f, "GET", "/API/v1/health");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 0);
	match(f, "get", "/api/v1/health");
	assert_int_equal(f->m.route, -1);
	assert_int_equal(f->m.path_known, 1);
	assert_string_equal(f->allow, "GET");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(exact_path_matches_its_route),
	    T(method_selects_among_routes_of_one_path),
	    T(root_path_matches_only_root),
	    T(parameter_is_captured),
	    T(two_parameters_are_captured_in_order),
	    T(literal_after_parameter_must_match),
	    T(unknown_parameter_name_is_null),
	    T(captured_value_is_a_copy_of_the_path),
	    T(other_method_on_known_path_is_405_with_allow_list),
	    T(allow_list_of_collection_path),
	    T(allow_list_names_each_method_once),
	    T(first_matching_route_wins),
	    T(unknown_path_is_404_with_empty_allow),
	    T(no_prefix_match),
	    T(trailing_slash_is_a_different_path),
	    T(empty_segment_does_not_match_a_parameter),
	    T(doubled_slash_does_not_match_literal_path),
	    T(matching_is_case_sensitive),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
