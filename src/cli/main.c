/*
 * gridcare: one binary, one subcommand per file (DESIGN.md, "The
 * operator's command-line contract").
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cmds.h"
#include "cli/conf.h"
#include "core/log.h"
#include "db/migrate.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"serve", cmd_serve, "serve the API and the web app over HTTP"},
	{"migrate", cmd_migrate, "apply database migrations (--status: list)"},
	{"seed-demo", cmd_seed, "create the demo district (Lang Giang)"},
	{"version", cmd_version, "print the version"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: gridcare COMMAND [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'gridcare COMMAND --help' describes a command's options.\n"
		   "Exit status: 0 success, 1 a check found a problem,"
		   " 2 bad usage or input.\n");
}

int cmds_open_db(const char *cmd, const struct config *cfg, int migrate,
		 struct db **out)
{
	struct db *db = NULL;
	struct err e;
	int applied = 0;

	err_clear(&e);
	/* the default lives under var/, which a fresh checkout lacks */
	if (strcmp(cfg->db, "var/gridcare.db") == 0)
		mkdir("var", 0750);
	if (db_open(cfg->db, &db, &e))
		return conf_fail(cmd, "db: %s", e.msg);
	if (migrate && migrate_apply(db, migrate_all, migrate_n_all, &applied,
				     &e)) {
		db_close(db);
		return conf_fail(cmd, "migrate: %s", e.msg);
	}
	if (applied)
		log_msg(LOG_INFO, "applied %d migration(s)", applied);
	*out = db;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc - 1, argv + 1);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "gridcare: unknown command '%s' (see gridcare --help)\n",
		argv[1]);
	return 2;
}
