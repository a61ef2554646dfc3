/*
 * seed-demo: create the demo district (store/seed, domain/demo).
 *
 * Progress: on a terminal, one line on standard error rewritten in place
 * ("seeding 120000/1000000 customers (12 %), 47.6 M usage rows, 38 s");
 * when standard error is not a terminal, one line per 10 %.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "cli/conf.h"
#include "core/day.h"
#include "core/log.h"
#include "core/num.h"
#include "store/seed.h"

static const char *const keys[] = {"db", "log_level", NULL};

struct progress {
	int tty;          /* standard error is a terminal */
	time_t t0;        /* start */
	int last_decile;  /* for non-terminal output */
};

static void on_progress(void *ctx, int64_t done, int64_t total)
{
	struct progress *p = ctx;
	int pct = (int)(done * 100 / total);
	long secs = (long)(time(NULL) - p->t0);

	if (p->tty) {
		fprintf(stderr, "\rseeding %lld/%lld customers (%d %%), %ld s ",
			(long long)done, (long long)total, pct, secs);
		if (done == total)
			fputc('\n', stderr);
	} else if (pct / 10 > p->last_decile || done == total) {
		p->last_decile = pct / 10;
		fprintf(stderr, "seeding %lld/%lld customers (%d %%), %ld s\n",
			(long long)done, (long long)total, pct, secs);
	}
}

static int parse_opts(const char *customers, const char *seed,
		      const char *until, const char *months,
		      struct seed_opts *o)
{
	int64_t v;

	if (customers &&
	    num_parse_i64(customers, 1, SEED_MAX_CUSTOMERS, &o->customers))
		return conf_fail("seed-demo", "--customers must be a whole number"
			       " from 1 to %d", SEED_MAX_CUSTOMERS);
	if (seed && num_parse_i64(seed, 0, INT64_MAX, &v))
		return conf_fail("seed-demo", "--seed must be a whole number >= 0");
	if (seed)
		o->seed = (uint64_t)v;
	if (until && day_parse(until, &o->last_day))
		return conf_fail("seed-demo", "--until must be a date YYYY-MM-DD");
	if (months && num_parse_i64(months, 0, 36, &v))
		return conf_fail("seed-demo", "--months must be from 0 to 36");
	if (months)
		o->months = (int)v;
	return 0;
}

int cmd_seed(int argc, char **argv)
{
	const char *customers = NULL, *seed = NULL, *until = NULL,
		   *months = NULL;
	int replace = 0, json = 0, rc;
	const struct conf_opt opts[] = {
		{"customers", "N", &customers, NULL, "customers (default 20000)"},
		{"seed", "N", &seed, NULL, "generator seed (default 1)"},
		{"until", "YYYY-MM-DD", &until, NULL,
		 "last day of usage (default yesterday, Vietnam time)"},
		{"months", "N", &months, NULL, "months of daily usage (default 13)"},
		{"replace", NULL, NULL, &replace,
		 "delete existing customers first"},
		{"json", NULL, NULL, &json, "print one JSON document"},
	};
	const struct conf_cmd cmd = {
		"seed-demo", "Create the demo district: areas, customers, meters"
			     " and daily usage.", opts, 6, keys};
	struct seed_opts o = {20000, 1, 0, 13, 0};
	struct progress prog = {0};
	struct seed_result res = {0};
	struct config cfg;
	struct db *db = NULL;
	struct err e;

	rc = conf_parse(&cmd, argc, argv, &cfg);
	if (rc)
		return rc == 1 ? 0 : rc;
	o.last_day = day_local_of_utc((int64_t)time(NULL)) - 1;
	rc = parse_opts(customers, seed, until, months, &o);
	if (rc)
		return rc;
	o.replace = replace;
	log_init(cfg.log_level);
	rc = cmds_open_db("seed-demo", &cfg, 1, &db);
	if (rc)
		return rc;
	prog.tty = isatty(STDERR_FILENO);
	prog.t0 = time(NULL);
	err_clear(&e);
	if (seed_run(db, &o, on_progress, &prog, &res, &e)) {
		db_close(db);
		return conf_fail("seed-demo", "%s%s%s", e.field ? e.field : "",
				 e.field ? ": " : "", e.msg);
	}
	db_close(db);
	if (json)
		printf("{\"customers\":%lld,\"areas\":%lld,\"usage_rows\":%lld}\n",
		       (long long)res.customers, (long long)res.areas,
		       (long long)res.usage_rows);
	else
		printf("seeded %lld customers in %lld areas, %lld daily usage"
		       " rows\n", (long long)res.customers, (long long)res.areas,
		       (long long)res.usage_rows);
	return 0;
}
