/*
 * migrate: apply pending migrations, or with --status list each one as
 * applied, pending or changed.  --status exits 1 when any migration is
 * pending or changed, so scripts can gate a deploy on it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmds.h"
#include "cli/conf.h"
#include "core/day.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/migrate.h"

static const char *const keys[] = {"db", "log_level", NULL};
static const char *const state_names[] = {"pending", "applied", "changed"};

static int status(struct db *db, int json)
{
	struct migrate_status *st = xcalloc(migrate_n_all, sizeof *st);
	struct err e;
	int bad = 0;

	if (migrate_status(db, migrate_all, migrate_n_all, st, &e)) {
		free(st);
		return conf_fail("migrate", "%s", e.msg);
	}
	if (json)
		printf("{\"migrations\":[");
	for (size_t i = 0; i < migrate_n_all; i++) {
		char when[32] = "";

		if (st[i].applied_at_utc)
			day_format_utc(st[i].applied_at_utc, when, sizeof when);
		bad |= st[i].state != MIGRATE_APPLIED;
		if (json)
			printf("%s{\"version\":%d,\"name\":\"%s\",\"state\":\"%s\","
			       "\"applied_at\":%s%s%s}", i ? "," : "",
			       st[i].version, st[i].name, state_names[st[i].state],
			       when[0] ? "\"" : "", when[0] ? when : "null",
			       when[0] ? "\"" : "");
		else
			printf("%04d %-24s %-8s %s\n", st[i].version, st[i].name,
			       state_names[st[i].state], when);
	}
	if (json)
		printf("]}\n");
	free(st);
	return bad ? 1 : 0;
}

int cmd_migrate(int argc, char **argv)
{
	int show = 0, json = 0, rc;
	const struct conf_opt opts[] = {
		{"status", NULL, NULL, &show, "list migrations; exit 1 if any"
					      " is not applied"},
		{"json", NULL, NULL, &json, "print one JSON document"},
	};
	const struct conf_cmd cmd = {
		"migrate", "Apply pending database migrations, in order, each in"
			   " its own transaction.", opts, 2, keys};
	struct config cfg;
	struct db *db = NULL;

	rc = conf_parse(&cmd, argc, argv, &cfg);
	if (rc)
		return rc == 1 ? 0 : rc;
	log_init(cfg.log_level);
	rc = cmds_open_db("migrate", &cfg, !show, &db);
	if (rc)
		return rc;
	if (show)
		rc = status(db, json);
	else if (json)
		printf("{\"ok\":true}\n");
	db_close(db);
	return rc;
}
