/* version: print the version (and with --json, the engines built in). */
#include <sqlite3.h>
#include <stdio.h>

#include "cli/cmds.h"
#include "cli/conf.h"

int cmd_version(int argc, char **argv)
{
	int json = 0;
	const struct conf_opt opts[] = {
		{"json", NULL, NULL, &json, "print one JSON document"},
	};
	const struct conf_cmd cmd = {"version", "Print the gridcare version.",
				     opts, 1, NULL};
	struct config cfg;
	int rc = conf_parse(&cmd, argc, argv, &cfg);

	if (rc)
		return rc == 1 ? 0 : rc;
	if (json)
		printf("{\"version\":\"%s\",\"sqlite\":\"%s\"}\n", GC_VERSION,
		       sqlite3_libversion());
	else
		printf("gridcare %s\n", GC_VERSION);
	return 0;
}
