/*
 * conf: command-line options and the three configuration sources of every
 * subcommand, in order of precedence (later wins): the file gridcare.ini
 * (parsed with libinih; --config FILE or GRIDCARE_CONFIG names another),
 * the environment (GRIDCARE_<KEY>), and flags (--key VALUE or
 * --key=VALUE, '_' in a key written '-').
 *
 * A subcommand describes its own flags in a struct conf_opt table; config
 * keys are accepted as flags where the subcommand says so.  Any problem is
 * reported as one line naming its source and field, and the subcommand
 * exits 2 (conf_fail).
 *
 * Ownership: values point into argv or the environment (borrowed for the
 * life of the process).  Not thread-safe: runs before threads start.
 */
#ifndef GC_CLI_CONF_H
#define GC_CLI_CONF_H

#include <stddef.h>

#include "core/config.h"

struct conf_opt {
	const char *name;   /* flag without "--" */
	const char *arg;    /* metavariable for help, NULL for a switch */
	const char **value; /* receives the value (flags with arg) */
	int *set;           /* receives 1 (switches) */
	const char *help;   /* one line */
};

struct conf_cmd {
	const char *name;            /* subcommand, e.g. "serve" */
	const char *summary;         /* one line */
	const struct conf_opt *opts; /* its own flags */
	size_t n_opts;
	const char *const *keys;     /* config keys accepted, NULL-terminated;
					NULL = none */
};

/*
 * Parse argv (argv[0] is the subcommand) into cfg and the command's
 * options.  Returns 0 to go on, 1 when --help was printed (exit 0), or 2
 * after printing one line on standard error (exit 2).
 */
int conf_parse(const struct conf_cmd *cmd, int argc, char **argv,
	       struct config *cfg);

/*
 * Apply the text of an ini file to cfg (flat "key = value" lines, '#' or
 * ';' comments, no sections).  On failure *line is the 1-based line of
 * the first problem and e says what it is.  This is the parser of
 * gridcare.ini; it has a fuzz target (tests/fuzz/fuzz_config.c).
 */
int conf_ini_parse(const char *text, struct config *cfg, int *line,
		   struct err *e);

/* Print "gridcare CMD: msg" on standard error and return 2. */
int conf_fail(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
