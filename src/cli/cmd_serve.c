/*
 * serve: run the HTTP server until SIGTERM or SIGINT.
 *
 * Signals are blocked in every thread (libmicrohttpd's workers inherit the
 * mask) and taken synchronously by sigwait in the main thread, so no
 * handler runs in signal context and no global flag is needed.  Pending
 * migrations are applied at start (migrate is idempotent and safe when
 * several nodes start together).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "api/server.h"
#include "cli/cmds.h"
#include "cli/conf.h"
#include "core/log.h"

static const char *const keys[] = {
	"db", "listen", "threads", "db_pool", "max_body", "request_timeout",
	"shutdown_grace", "cache_ttl", "log_level", "web_root", "secret_key", NULL};

static int print_config(const struct config *cfg, int json)
{
	struct buf out;

	buf_init(&out, 1 << 20);
	config_format(cfg, json, &out);
	fputs(buf_cstr(&out), stdout);
	buf_fini(&out);
	return 0;
}

static int run(const struct config *cfg)
{
	struct api_server *srv = NULL;
	struct db_pool *pool = NULL;
	struct db *db = NULL;
	sigset_t set;
	struct err e;
	const char *engine;
	int rc, sig = 0;

	rc = cmds_open_db("serve", cfg, 1, &db);
	if (rc)
		return rc;
	engine = db_kind_name(db);
	db_close(db);
	err_clear(&e);
	if (db_pool_new(cfg->db, (int)cfg->db_pool, &pool, &e))
		return conf_fail("serve", "db: %s", e.msg);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (api_server_start(cfg, pool, &srv, &e)) {
		db_pool_free(pool);
		return conf_fail("serve", "%s", e.msg);
	}
	log_msg(LOG_INFO, "gridcare %s listening on %s:%d (db %s, %lld threads)",
		GC_VERSION, cfg->listen_host, api_server_port(srv),
		engine,
		(long long)cfg->threads);
	sigwait(&set, &sig);
	log_msg(LOG_INFO, "signal %d: stopping, in-flight requests finish first",
		sig);
	api_server_stop(srv);
	db_pool_free(pool);
	log_msg(LOG_INFO, "stopped");
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	int print = 0, json = 0, rc;
	const struct conf_opt opts[] = {
		{"print-config", NULL, NULL, &print,
		 "print the effective settings (secrets masked) and exit"},
		{"json", NULL, NULL, &json, "with --print-config: one JSON"
					    " document"},
	};
	const struct conf_cmd cmd = {"serve", "Serve the API and the web app.",
				     opts, 2, keys};
	struct config cfg;

	rc = conf_parse(&cmd, argc, argv, &cfg);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (print)
		rc = print_config(&cfg, json);
	else if (log_init(cfg.log_level) == 0)
		rc = run(&cfg);
	config_fini(&cfg);
	return rc;
}
