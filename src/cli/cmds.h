/*
 * cmds: the subcommands of the gridcare command, one file each
 * (cmd_*.c), and the helpers they share.  Each takes argv with argv[0]
 * the subcommand name and returns the process exit status: 0 success,
 * 1 a check found a problem, 2 bad usage or bad input.
 */
#ifndef GC_CLI_CMDS_H
#define GC_CLI_CMDS_H

#include "core/config.h"
#include "db/db.h"

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_seed(int argc, char **argv);
int cmd_version(int argc, char **argv);

/*
 * Open cfg->db (creating the parent folder of the default SQLite path) and
 * apply pending migrations.  Prints one line and returns 2 on failure.
 */
int cmds_open_db(const char *cmd, const struct config *cfg, int migrate,
		 struct db **out);

#endif
