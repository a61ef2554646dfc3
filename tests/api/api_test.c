/*
 * api_test: the real `gridcare serve` on a free loopback port, against a
 * fresh database seeded with 200 customers (seed 3, until 2026-11-24).
 * Each test checks exact statuses, headers and JSON.
 *
 * usage: api_test GRIDCARE_BINARY SOURCE_DIR
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static const char *bin;
static struct harness srv;

static int setup(void **state)
{
	const char *extra[] = {"--max-body", "4k", "--threads", "2", NULL};

	return harness_start(&srv, bin, 200, extra);
}

static int teardown(void **state)
{
	return harness_stop(&srv) == 0 ? 0 : -1;
}

static void assert_header(const struct http_resp *r, const char *name,
			  const char *want)
{
	char v[512];

	assert_true(http_header(r, name, v, sizeof v));
	assert_string_equal(v, want);
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static json_int_t num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static void healthz_answers_ok_with_security_headers(void **state)
{
	struct http_resp r;
	char id[64];

	assert_int_equal(http_get(&srv, "/healthz", &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "{\"status\":\"ok\"}");
	assert_header(&r, "Content-Type", "application/json");
	assert_header(&r, "X-Content-Type-Options", "nosniff");
	assert_header(&r, "X-Frame-Options", "DENY");
	assert_header(&r, "Referrer-Policy", "no-referrer");
	assert_header(&r, "Cache-Control", "no-store");
	assert_true(http_header(&r, "Content-Security-Policy", id, sizeof id));
	assert_true(http_header(&r, "X-Request-Id", id, sizeof id));
	assert_int_equal(strlen(id), 32);
	assert_int_equal(strspn(id, "0123456789abcdef"), 32);
	http_resp_fini(&r);
}

static void request_id_is_kept_when_valid_and_replaced_when_not(void **state)
{
	const char *good[] = {"X-Request-Id: lb-42.abc_Z", NULL};
	const char *bad[] = {"X-Request-Id: <script>", NULL};
	struct http_resp r;
	char id[64];

	http_do(&srv, "GET", "/healthz", good, NULL, 0, &r);
	assert_header(&r, "X-Request-Id", "lb-42.abc_Z");
	http_resp_fini(&r);
	http_do(&srv, "GET", "/healthz", bad, NULL, 0, &r);
	assert_true(http_header(&r, "X-Request-Id", id, sizeof id));
	assert_int_equal(strlen(id), 32);
	http_resp_fini(&r);
}

static void readyz_reports_database_ready(void **state)
{
	struct http_resp r;

	const char *pg = getenv("GC_API_DB");

	http_get(&srv, "/readyz", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, pg && *pg
			    ? "{\"status\":\"ready\",\"db\":\"postgresql\"}"
			    : "{\"status\":\"ready\",\"db\":\"sqlite\"}");
	http_resp_fini(&r);
}

static json_int_t sum_children(json_t *node, const char *key)
{
	json_t *kids = json_object_get(node, "children"), *k;
	json_int_t sum = 0;
	size_t i;

	json_array_foreach(kids, i, k)
		sum += num(k, key);
	return sum;
}

static void areas_tree_counts_every_customer_once(void **state)
{
	struct http_resp r;
	json_t *roots, *bn, *c;
	size_t i;

	http_get(&srv, "/api/v1/areas", &r);
	assert_int_equal(r.status, 200);
	roots = json_object_get(r.json, "areas");
	assert_int_equal(json_array_size(roots), 1);
	bn = json_array_get(roots, 0);
	assert_string_equal(str(bn, "code"), "BN");
	assert_string_equal(str(bn, "name"), "Bắc Ninh");
	assert_string_equal(str(bn, "level"), "province");
	assert_true(json_is_null(json_object_get(bn, "parent")));
	assert_int_equal(num(bn, "customers"), 200);
	assert_int_equal(json_array_size(json_object_get(bn, "children")), 5);
	assert_int_equal(sum_children(bn, "customers"), 200);
	assert_int_equal(sum_children(bn, "smartphone_customers"),
			 num(bn, "smartphone_customers"));
	json_array_foreach(json_object_get(bn, "children"), i, c) {
		assert_string_equal(str(c, "level"), "commune");
		assert_int_equal(sum_children(c, "customers"), num(c, "customers"));
	}
	http_resp_fini(&r);
}

static void area_by_code_has_its_villages(void **state)
{
	struct http_resp r;
	json_t *kids;

	http_get(&srv, "/api/v1/areas/BN-KEP", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(str(r.json, "name"), "Kép");
	assert_string_equal(str(r.json, "parent"), "BN");
	assert_string_equal(str(r.json, "level"), "commune");
	kids = json_object_get(r.json, "children");
	/* shared/reference/areas.md: Kep township, Quang Thinh, Huong Son */
	assert_int_equal(json_array_size(kids), 3);
	assert_string_equal(str(json_array_get(kids, 0), "code"), "BN-KEP-HSO");
	assert_string_equal(str(json_array_get(kids, 0), "name"), "Hương Sơn");
	http_resp_fini(&r);
}

static void english_is_given_on_request(void **state)
{
	const char *en[] = {"Accept-Language: en-US,en;q=0.8", NULL};
	struct http_resp r;

	http_get(&srv, "/api/v1/areas/BN-KEP-HSO?lang=en", &r);
	assert_string_equal(str(r.json, "name"), "Huong Son");
	assert_string_equal(str(r.json, "name_vi"), "Hương Sơn");
	http_resp_fini(&r);
	http_do(&srv, "GET", "/nope/nope", en, NULL, 0, &r);
	assert_string_equal(str(r.json, "title"), "No such URL");
	http_resp_fini(&r);
}

static void depth_limits_the_tree_and_bad_depth_is_a_problem(void **state)
{
	struct http_resp r;

	http_get(&srv, "/api/v1/areas/BN?depth=1", &r);
	assert_int_equal(r.status, 200);
	assert_null(json_object_get(r.json, "children"));
	http_resp_fini(&r);
	http_get(&srv, "/api/v1/areas?depth=abc", &r);
	assert_int_equal(r.status, 400);
	assert_header(&r, "Content-Type", "application/problem+json");
	assert_string_equal(str(r.json, "type"),
			    "urn:gridcare:problem:bad-request");
	assert_string_equal(str(r.json, "field"), "depth");
	assert_int_equal(num(r.json, "status"), 400);
	http_resp_fini(&r);
}

static void unknown_area_is_not_found(void **state)
{
	struct http_resp r;
	char id[64];

	http_get(&srv, "/api/v1/areas/XX-NONE", &r);
	assert_int_equal(r.status, 404);
	assert_header(&r, "Content-Type", "application/problem+json");
	assert_string_equal(str(r.json, "type"), "urn:gridcare:problem:not-found");
	assert_string_equal(str(r.json, "title"), "Không tìm thấy");
	assert_string_equal(str(r.json, "field"), "code");
	assert_string_equal(str(r.json, "instance"), "/api/v1/areas/XX-NONE");
	http_header(&r, "X-Request-Id", id, sizeof id);
	assert_string_equal(str(r.json, "request_id"), id);
	http_resp_fini(&r);
}

static void unknown_route_is_a_problem(void **state)
{
	struct http_resp r;

	http_get(&srv, "/api/v2/areas", &r);
	assert_int_equal(r.status, 404);
	assert_string_equal(str(r.json, "type"), "urn:gridcare:problem:no-route");
	assert_string_equal(str(r.json, "title"), "Không có địa chỉ này");
	http_resp_fini(&r);
}

static void wrong_method_is_405_with_allow(void **state)
{
	struct http_resp r;

	http_do(&srv, "DELETE", "/api/v1/areas", NULL, NULL, 0, &r);
	assert_int_equal(r.status, 405);
	assert_header(&r, "Allow", "GET");
	assert_string_equal(str(r.json, "type"),
			    "urn:gridcare:problem:method-not-allowed");
	http_resp_fini(&r);
}

static void oversized_body_is_413_and_server_keeps_serving(void **state)
{
	const char *chunked[] = {"Transfer-Encoding: chunked", NULL};
	size_t n = 8192; /* max_body is 4k in this suite */
	char *big = malloc(n);
	struct http_resp r;

	memset(big, 'x', n);
	http_do(&srv, "POST", "/api/v1/areas", NULL, big, n, &r);
	assert_int_equal(r.status, 413);
	assert_string_equal(str(r.json, "type"),
			    "urn:gridcare:problem:body-too-large");
	http_resp_fini(&r);
	http_do(&srv, "POST", "/api/v1/areas", chunked, big, n, &r);
	assert_int_equal(r.status, 413);
	http_resp_fini(&r);
	free(big);
	http_get(&srv, "/healthz", &r);
	assert_int_equal(r.status, 200);
	http_resp_fini(&r);
}

static void malformed_request_is_400_and_server_keeps_serving(void **state)
{
	char reply[4096];
	struct http_resp r;

	/* Protocol-level garbage is refused by libmicrohttpd before any
	 * handler runs: a request line without a version is dropped, a bad
	 * Content-Length gets its plain 400. */
	assert_int_equal(http_raw(&srv, "BLAH\r\n\r\n", reply, sizeof reply), 0);
	assert_string_equal(reply, "");
	assert_int_equal(http_raw(&srv, "GET /healthz HTTP/1.1\r\n"
				  "Host: x\r\nContent-Length: abc\r\n\r\n",
				  reply, sizeof reply), 0);
	assert_memory_equal(reply, "HTTP/1.1 400", 12);
	http_get(&srv, "/healthz", &r);
	assert_int_equal(r.status, 200);
	http_resp_fini(&r);
}

static void path_traversal_finds_nothing(void **state)
{
	struct http_resp r;

	http_get(&srv, "/..%2Fgridcare.ini", &r);
	assert_int_equal(r.status, 404);
	http_resp_fini(&r);
	http_get(&srv, "/.hidden.html", &r);
	assert_int_equal(r.status, 404);
	http_resp_fini(&r);
}

static void metrics_count_requests_by_route_and_status(void **state)
{
	struct http_resp r;
	const char *p;

	http_get(&srv, "/api/v1/areas/BN-TLU", &r);
	http_resp_fini(&r);
	http_get(&srv, "/metrics", &r);
	assert_int_equal(r.status, 200);
	assert_header(&r, "Content-Type",
		      "text/plain; version=0.0.4; charset=utf-8");
	assert_non_null(strstr(r.body, "gridcare_http_requests_total{route="
				       "\"/api/v1/areas/{code}\",status=\"200\"}"));
	assert_non_null(strstr(r.body, "gridcare_http_requests_total{route="
				       "\"unmatched\",status=\"404\"}"));
	/* the scrape itself is in flight; the previous request may still be
	 * completing on the server after its client has read the answer */
	p = strstr(r.body, "\ngridcare_http_in_flight_requests ");
	assert_non_null(p);
	p += strlen("\ngridcare_http_in_flight_requests ");
	assert_true(*p == '1' || *p == '2');
	assert_int_equal(p[1], '\n');
	assert_non_null(strstr(r.body, "# TYPE gridcare_http_db_seconds_total"
				       " counter"));
	http_resp_fini(&r);
}

static void access_log_has_route_but_no_personal_data(void **state)
{
	char cmd[512], line[4096];
	FILE *f;
	int found = 0;

	snprintf(cmd, sizeof cmd, "grep '\"event\":\"access\"' %s", srv.log_path);
	f = popen(cmd, "r");
	while (fgets(line, sizeof line, f)) {
		if (strstr(line, "\"route\":\"/api/v1/areas/{code}\""))
			found = 1;
		/* no raw paths (they can carry codes), no phone numbers */
		assert_null(strstr(line, "BN-KEP"));
		assert_null(strstr(line, "+84"));
	}
	pclose(f);
	assert_true(found);
}

static int connect_to(int port)
{
	struct sockaddr_in a = {0};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

static void sigterm_lets_an_in_flight_request_finish(void **state)
{
	const char *head = "POST /healthz HTTP/1.1\r\nHost: x\r\n"
			   "Connection: close\r\nContent-Length: 10\r\n\r\n01234";
	char reply[4096] = "";
	struct harness h;
	ssize_t n;
	int fd, status;

	assert_int_equal(harness_start(&h, bin, 20, NULL), 0);
	/* a request whose body is still arriving is in flight */
	fd = connect_to(h.port);
	assert_true(write(fd, head, strlen(head)) > 0);
	usleep(200000);
	kill(h.pid, SIGTERM);
	usleep(300000);
	assert_int_equal(waitpid(h.pid, &status, WNOHANG), 0); /* waiting */
	assert_int_equal(write(fd, "56789", 5), 5);
	n = read(fd, reply, sizeof reply - 1);
	assert_true(n > 12);
	assert_memory_equal(reply, "HTTP/1.1 405", 12); /* answered in full */
	close(fd);
	assert_int_equal(waitpid(h.pid, &status, 0), h.pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	h.pid = 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(healthz_answers_ok_with_security_headers),
		cmocka_unit_test(request_id_is_kept_when_valid_and_replaced_when_not),
		cmocka_unit_test(readyz_reports_database_ready),
		cmocka_unit_test(areas_tree_counts_every_customer_once),
		cmocka_unit_test(area_by_code_has_its_villages),
		cmocka_unit_test(english_is_given_on_request),
		cmocka_unit_test(depth_limits_the_tree_and_bad_depth_is_a_problem),
		cmocka_unit_test(unknown_area_is_not_found),
		cmocka_unit_test(unknown_route_is_a_problem),
		cmocka_unit_test(wrong_method_is_405_with_allow),
		cmocka_unit_test(oversized_body_is_413_and_server_keeps_serving),
		cmocka_unit_test(malformed_request_is_400_and_server_keeps_serving),
		cmocka_unit_test(path_traversal_finds_nothing),
		cmocka_unit_test(metrics_count_requests_by_route_and_status),
		cmocka_unit_test(access_log_has_route_but_no_personal_data),
		cmocka_unit_test(sigterm_lets_an_in_flight_request_finish),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: api_test GRIDCARE_BINARY\n");
		return 2;
	}
	bin = argv[1];
	return cmocka_run_group_tests(tests, setup, teardown);
}
