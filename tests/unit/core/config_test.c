/*
 * Tests of src/core/config.c through config.h: the one table of settings.
 * Defaults are exact, config_set validates every kind of value before
 * storing it (a bad value names its key and leaves the config as it was),
 * and config_format masks the secret.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"

static const char default_text[] =
	"db = var/gridcare.db\n"
	"listen = 127.0.0.1:8080\n"
	"threads = 4\n"
	"db_pool = 4\n"
	"max_body = 1048576\n"
	"request_timeout = 30\n"
	"shutdown_grace = 20\n"
	"cache_ttl = 10\n"
	"log_level = info\n"
	"web_root = web/dist\n"
	"secret_key = \n";

static const char default_json[] =
	"{\"db\":\"var/gridcare.db\",\"listen\":\"127.0.0.1:8080\","
	"\"threads\":4,\"db_pool\":4,\"max_body\":1048576,"
	"\"request_timeout\":30,\"shutdown_grace\":20,\"cache_ttl\":10,"
	"\"log_level\":\"info\","
	"\"web_root\":\"web/dist\",\"secret_key\":\"\"}\n";

static void defaults_are_exact(void **state)
{
	struct config c;

	(void)state;
	config_init(&c);
	assert_string_equal(c.db, "var/gridcare.db");
	assert_string_equal(c.listen_host, "127.0.0.1");
	assert_int_equal(c.listen_port, 8080);
	assert_int_equal(c.threads, 4);
	assert_int_equal(c.db_pool, 4);
	assert_int_equal(c.max_body, 1048576);
	assert_int_equal(c.request_timeout, 30);
	assert_int_equal(c.shutdown_grace, 20);
	assert_int_equal(c.cache_ttl, 10);
	assert_string_equal(c.log_level, "info");
	assert_string_equal(c.web_root, "web/dist");
	assert_string_equal(c.secret_key, "");
	config_fini(&c);
}

static void key_table_lists_every_setting_in_order(void **state)
{
	static const char *const names[] = {
		"db", "listen", "threads", "db_pool", "max_body",
		"request_timeout", "shutdown_grace", "cache_ttl", "log_level",
		"web_root",
		"secret_key"};
	size_t n = sizeof names / sizeof names[0];

	(void)state;
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(config_key(i), names[i]);
		assert_true(config_is_key(names[i]));
		assert_non_null(config_key_help(i));
		assert_true(strlen(config_key_help(i)) > 0);
	}
	assert_null(config_key(n));
	assert_null(config_key_help(n));
	assert_false(config_is_key("DB"));
	assert_false(config_is_key("listen_port"));
	assert_false(config_is_key(""));
}

static void set_accepts_valid_values_of_each_kind(void **state)
{
	struct config c;
	struct err e;

	(void)state;
	config_init(&c);
	err_clear(&e);
	assert_int_equal(config_set(&c, "db", "postgresql://u@h/gc", &e), 0);
	assert_int_equal(config_set(&c, "threads", "256", &e), 0);
	assert_int_equal(config_set(&c, "max_body", "64m", &e), 0);
	assert_int_equal(config_set(&c, "log_level", "debug", &e), 0);
	assert_int_equal(config_set(&c, "listen", "0.0.0.0:0", &e), 0);
	assert_int_equal(config_set(&c, "shutdown_grace", "0", &e), 0);
	assert_string_equal(c.db, "postgresql://u@h/gc");
	assert_int_equal(c.threads, 256);
	assert_int_equal(c.max_body, 67108864);
	assert_string_equal(c.log_level, "debug");
	assert_string_equal(c.listen_host, "0.0.0.0");
	assert_int_equal(c.listen_port, 0);
	assert_int_equal(c.shutdown_grace, 0);
	assert_int_equal(e.code, 0);
	config_fini(&c);
}

static void max_body_minimum_is_1k(void **state)
{
	struct config c;

	(void)state;
	config_init(&c);
	assert_int_equal(config_set(&c, "max_body", "1k", NULL), 0);
	assert_int_equal(c.max_body, 1024);
	config_fini(&c);
}

static void set_rejects_unknown_key_naming_it(void **state)
{
	struct config c, before;
	struct err e;

	(void)state;
	config_init(&c);
	before = c;
	err_clear(&e);
	assert_int_equal(config_set(&c, "thread", "4", &e), ERR_INVALID);
	assert_int_equal(e.code, ERR_INVALID);
	assert_non_null(e.field);
	assert_string_equal(e.field, "thread");
	assert_string_equal(e.msg, "unknown setting 'thread'");
	assert_memory_equal(&c, &before, sizeof c);
	config_fini(&c);
}

/* Every (key, bad value) pair: ERR_INVALID, the key named, c unchanged. */
static void set_rejects_bad_values_naming_key_and_changing_nothing(void **state)
{
	static char too_long[1025];
	static const struct {
		const char *key, *value;
	} bad[] = {
		/* integers */
		{"threads", "0"}, {"threads", "257"}, {"threads", "four"},
		{"threads", " 4"}, {"threads", "4.0"}, {"threads", ""},
		{"db_pool", "-1"}, {"request_timeout", "3601"},
		{"shutdown_grace", "601"}, {"shutdown_grace", "-1"},
		{"cache_ttl", "3601"}, {"cache_ttl", "-1"},
		/* sizes */
		{"max_body", "1023"}, {"max_body", "65m"}, {"max_body", "1kb"},
		{"max_body", "k"}, {"max_body", "-1k"}, {"max_body", ""},
		{"max_body", "67108865"},
		/* enum */
		{"log_level", "verbose"}, {"log_level", "INFO"},
		{"log_level", ""}, {"log_level", "info "},
		/* host:port */
		{"listen", "8080"}, {"listen", ":8080"}, {"listen", "host:"},
		{"listen", "host:65536"}, {"listen", "host:-1"},
		{"listen", "host:80x"}, {"listen", ""},
		/* strings longer than their field */
		{"db", too_long}, {"web_root", too_long}, {"secret_key", too_long},
	};

	(void)state;
	memset(too_long, 'x', sizeof too_long - 1);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct config c, before;
		struct err e;

		config_init(&c);
		before = c;
		err_clear(&e);
		assert_int_equal(config_set(&c, bad[i].key, bad[i].value, &e),
				 ERR_INVALID);
		assert_int_equal(e.code, ERR_INVALID);
		assert_non_null(e.field);
		assert_string_equal(e.field, bad[i].key);
		assert_true(strlen(e.msg) > 0);
		assert_memory_equal(&c, &before, sizeof c);
		config_fini(&c);
	}
}

static void listen_host_longer_than_field_is_rejected(void **state)
{
	char v[300];
	struct config c, before;
	struct err e;

	(void)state;
	memset(v, 'h', 256);
	strcpy(v + 256, ":80");
	config_init(&c);
	before = c;
	assert_int_equal(config_set(&c, "listen", v, &e), ERR_INVALID);
	assert_string_equal(e.field, "listen");
	assert_memory_equal(&c, &before, sizeof c);
	config_fini(&c);
}

static void bad_value_messages_state_the_range(void **state)
{
	struct config c;
	struct err e;

	(void)state;
	config_init(&c);
	config_set(&c, "threads", "0", &e);
	assert_string_equal(e.msg, "threads must be a whole number from 1 to 256");
	config_set(&c, "max_body", "1", &e);
	assert_string_equal(e.msg,
			    "max_body must be a size from 1024 to 67108864 bytes");
	config_set(&c, "listen", "h:99999", &e);
	assert_string_equal(e.msg, "listen port must be a number from 0 to 65535");
	config_fini(&c);
}

static void listen_splits_host_at_last_colon(void **state)
{
	struct config c;

	(void)state;
	config_init(&c);
	assert_int_equal(config_set(&c, "listen", "gridcare.local:65535", NULL), 0);
	assert_string_equal(c.listen_host, "gridcare.local");
	assert_int_equal(c.listen_port, 65535);
	config_fini(&c);
}

/*
 * IPv6: the server resolves listen_host with getaddrinfo() and switches
 * libmicrohttpd to IPv6 for an AF_INET6 address, so an IPv6 listen
 * address is meant to work.  The usual HOST:PORT spelling of one is
 * "[::1]:80" (RFC 3986 section 3.2.2); the brackets only delimit the
 * address and getaddrinfo() rejects them, so the stored host must be
 * "::1".
 */
static void listen_bracketed_ipv6_stores_bare_address(void **state)
{
	struct config c;
	struct err e;

	(void)state;
	config_init(&c);
	err_clear(&e);
	assert_int_equal(config_set(&c, "listen", "[::1]:80", &e), 0);
	assert_string_equal(c.listen_host, "::1");
	assert_int_equal(c.listen_port, 80);
	config_fini(&c);
}

static void format_text_of_defaults_is_exact(void **state)
{
	struct config c;
	struct buf out;

	(void)state;
	config_init(&c);
	buf_init(&out, 1 << 16);
	assert_int_equal(config_format(&c, 0, &out), 0);
	assert_string_equal(buf_cstr(&out), default_text);
	buf_fini(&out);
	config_fini(&c);
}

static void format_json_of_defaults_is_exact(void **state)
{
	struct config c;
	struct buf out;

	(void)state;
	config_init(&c);
	buf_init(&out, 1 << 16);
	assert_int_equal(config_format(&c, 1, &out), 0);
	assert_string_equal(buf_cstr(&out), default_json);
	buf_fini(&out);
	config_fini(&c);
}

static void format_masks_secret_key(void **state)
{
	struct config c;
	struct buf text, json;

	(void)state;
	config_init(&c);
	assert_int_equal(config_set(&c, "secret_key", "hunter2-very-secret", NULL),
			 0);
	buf_init(&text, 1 << 16);
	buf_init(&json, 1 << 16);
	config_format(&c, 0, &text);
	config_format(&c, 1, &json);
	assert_non_null(strstr(buf_cstr(&text), "\nsecret_key = ********\n"));
	assert_non_null(strstr(buf_cstr(&json), ",\"secret_key\":\"********\"}"));
	assert_null(strstr(buf_cstr(&text), "hunter2"));
	assert_null(strstr(buf_cstr(&json), "hunter2"));
	buf_fini(&text);
	buf_fini(&json);
	config_fini(&c);
}

static void format_json_escapes_string_values(void **state)
{
	struct config c;
	struct buf out;

	(void)state;
	config_init(&c);
	assert_int_equal(config_set(&c, "db", "C:\\data\\\"gc\".db", NULL), 0);
	assert_int_equal(config_set(&c, "web_root", "web\tdist", NULL), 0);
	buf_init(&out, 1 << 16);
	config_format(&c, 1, &out);
	assert_non_null(strstr(buf_cstr(&out),
			       "{\"db\":\"C:\\\\data\\\\\\\"gc\\\".db\","));
	assert_non_null(strstr(buf_cstr(&out),
			       ",\"web_root\":\"web\\u0009dist\","));
	buf_fini(&out);
	config_fini(&c);
}

/* Every "key = value" line of the text form is accepted by config_set and
 * gives back the same settings (which also proves the defaults valid). */
static void format_text_round_trips_through_set(void **state)
{
	struct config c, back;
	struct buf out, again;
	char line[2200];
	const char *p;

	(void)state;
	config_init(&c);
	assert_int_equal(config_set(&c, "listen", "10.1.2.3:9090", NULL), 0);
	assert_int_equal(config_set(&c, "max_body", "2m", NULL), 0);
	assert_int_equal(config_set(&c, "threads", "17", NULL), 0);
	memset(&back, 0, sizeof back);
	buf_init(&out, 1 << 16);
	buf_init(&again, 1 << 16);
	config_format(&c, 0, &out);
	for (p = buf_cstr(&out); *p;) {
		const char *nl = strchr(p, '\n');
		char *eq;
		struct err e;

		assert_non_null(nl);
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		eq = strstr(line, " = ");
		assert_non_null(eq);
		*eq = '\0';
		assert_int_equal(config_set(&back, line, eq + 3, &e), 0);
		p = nl + 1;
	}
	config_format(&back, 0, &again);
	assert_string_equal(buf_cstr(&again), buf_cstr(&out));
	assert_string_equal(back.listen_host, "10.1.2.3");
	assert_int_equal(back.listen_port, 9090);
	assert_int_equal(back.max_body, 2097152);
	assert_int_equal(back.threads, 17);
	buf_fini(&out);
	buf_fini(&again);
	config_fini(&c);
	config_fini(&back);
}

static void fini_zeroes_secret(void **state)
{
	struct config c;
	static const char zero[sizeof c.secret_key];

	(void)state;
	config_init(&c);
	assert_int_equal(config_set(&c, "secret_key", "s3cr3t", NULL), 0);
	config_fini(&c);
	assert_memory_equal(c.secret_key, zero, sizeof zero);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_are_exact),
		cmocka_unit_test(key_table_lists_every_setting_in_order),
		cmocka_unit_test(set_accepts_valid_values_of_each_kind),
		cmocka_unit_test(max_body_minimum_is_1k),
		cmocka_unit_test(set_rejects_unknown_key_naming_it),
		cmocka_unit_test(set_rejects_bad_values_naming_key_and_changing_nothing),
		cmocka_unit_test(listen_host_longer_than_field_is_rejected),
		cmocka_unit_test(bad_value_messages_state_the_range),
		cmocka_unit_test(listen_splits_host_at_last_colon),
		cmocka_unit_test(listen_bracketed_ipv6_stores_bare_address),
		cmocka_unit_test(format_text_of_defaults_is_exact),
		cmocka_unit_test(format_json_of_defaults_is_exact),
		cmocka_unit_test(format_masks_secret_key),
		cmocka_unit_test(format_json_escapes_string_values),
		cmocka_unit_test(format_text_round_trips_through_set),
		cmocka_unit_test(fini_zeroes_secret),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
