/*
 * conf: see conf.h.
 *
 * Why the file is read first even though flags are parsed last: a flag
 * like --config must be known before the file is read, so argv is
 * scanned once for --config, then the sources are applied in precedence
 * order.  Unknown keys in the file are errors (a typo in a production
 * config must not be silently ignored).
 */
#include "cli/conf.h"

#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"

int conf_fail(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gridcare %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 2;
}

static int key_allowed(const struct conf_cmd *cmd, const char *key)
{
	for (const char *const *k = cmd->keys; k && *k; k++) {
		if (strcmp(*k, key) == 0)
			return 1;
	}
	return 0;
}

struct ini_ctx {
	struct config *cfg;         /* being filled */
	struct err e;               /* first error */
};

static int on_ini(void *user, const char *section, const char *name,
		  const char *value)
{
	struct ini_ctx *ctx = user;

	if (ctx->e.code)
		return 0; /* inih goes on after an error; keep the first */
	if (section && *section) {
		err_set(&ctx->e, ERR_INVALID, name,
			"sections are not used; move '%s' to the top", name);
		return 0;
	}
	/* keys a command does not use are still validated, so one file
	 * serves every subcommand */
	return config_set(ctx->cfg, name, value, &ctx->e) == 0;
}

static const char *config_path(int argc, char **argv, int *explicit_)
{
	const char *p = getenv("GRIDCARE_CONFIG");

	*explicit_ = p != NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
			p = argv[i + 1];
			*explicit_ = 1;
		} else if (strncmp(argv[i], "--config=", 9) == 0) {
			p = argv[i] + 9;
			*explicit_ = 1;
		}
	}
	return p ? p : "gridcare.ini";
}

int conf_ini_parse(const char *text, struct config *cfg, int *line,
		   struct err *e)
{
	struct ini_ctx ctx = {cfg, {0}};
	int rc = ini_parse_string(text, on_ini, &ctx);

	*line = rc;
	if (rc == 0)
		return 0;
	if (ctx.e.code)
		return err_set(e, ctx.e.code, ctx.e.field, "%s", ctx.e.msg);
	return err_set(e, ERR_INVALID, NULL, "not a 'key = value' line");
}

static int load_file(const struct conf_cmd *cmd, int argc, char **argv,
		     struct config *cfg)
{
	char chunk[4096];
	int explicit_, line = 0, rc = 0;
	const char *path = config_path(argc, argv, &explicit_);
	struct buf text;
	struct err e;
	FILE *f;
	size_t n;

	f = fopen(path, "r");
	if (!f) {
		if (explicit_)
			return conf_fail(cmd->name, "config: cannot read %s", path);
		return 0;
	}
	buf_init(&text, 1 << 20);
	for (;;) {
		n = fread(chunk, 1, sizeof chunk, f);
		if (n == 0 || rc)
			break;
		rc = buf_append(&text, chunk, n);
	}
	if (rc || ferror(f))
		rc = conf_fail(cmd->name, "config: cannot read %s%s", path,
			       rc ? " (over 1 MiB)" : "");
	else if (conf_ini_parse(buf_cstr(&text), cfg, &line, &e))
		rc = conf_fail(cmd->name, "%s:%d: %s", path, line, e.msg);
	fclose(f);
	buf_fini(&text);
	return rc;
}

static int load_env(const struct conf_cmd *cmd, struct config *cfg)
{
	char var[64];
	struct err e;

	for (size_t i = 0; config_key(i); i++) {
		const char *key = config_key(i), *v;
		size_t n = strlen("GRIDCARE_");

		snprintf(var, sizeof var, "GRIDCARE_%s", key);
		for (char *p = var + n; *p; p++) {
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		}
		v = getenv(var);
		if (!v)
			continue;
		if (config_set(cfg, key, v, &e))
			return conf_fail(cmd->name, "%s: %s", var, e.msg);
	}
	return 0;
}

static void usage(const struct conf_cmd *cmd)
{
	printf("usage: gridcare %s [options]\n\n%s\n\noptions:\n", cmd->name,
	       cmd->summary);
	for (size_t i = 0; i < cmd->n_opts; i++) {
		const struct conf_opt *o = &cmd->opts[i];
		char left[48];

		snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "",
			 o->arg ? o->arg : "");
		printf("  %-26s %s\n", left, o->help);
	}
	for (size_t i = 0; config_key(i); i++) {
		char left[48], flag[32];

		if (!key_allowed(cmd, config_key(i)))
			continue;
		snprintf(flag, sizeof flag, "%s", config_key(i));
		for (char *p = flag; *p; p++)
			*p = *p == '_' ? '-' : *p;
		snprintf(left, sizeof left, "--%s VALUE", flag);
		printf("  %-26s %s\n", left, config_key_help(i));
	}
	printf("  %-26s %s\n  %-26s %s\n", "--config FILE",
	       "configuration file (default gridcare.ini)", "--help",
	       "show this help");
	printf("\nSettings come from the config file, then GRIDCARE_* environment"
	       " variables,\nthen flags; later sources win.\n");
}

static const struct conf_opt *find_opt(const struct conf_cmd *cmd,
				       const char *name, size_t len)
{
	for (size_t i = 0; i < cmd->n_opts; i++) {
		if (strlen(cmd->opts[i].name) == len &&
		    strncmp(cmd->opts[i].name, name, len) == 0)
			return &cmd->opts[i];
	}
	return NULL;
}

/* Apply one flag; *used receives how many argv entries it took. */
static int apply_flag(const struct conf_cmd *cmd, struct config *cfg,
		      int argc, char **argv, int i, int *used)
{
	const char *arg = argv[i] + 2, *eq = strchr(arg, '='), *value = NULL;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct conf_opt *o = find_opt(cmd, arg, len);
	char key[32];
	struct err e;

	*used = 1;
	if (o && !o->arg) {
		if (eq)
			return conf_fail(cmd->name, "--%s takes no value", o->name);
		*o->set = 1;
		return 0;
	}
	snprintf(key, sizeof key, "%.*s", (int)len, arg);
	for (char *p = key; *p; p++)
		*p = *p == '-' ? '_' : *p;
	if (!o && strcmp(key, "config") != 0 && !key_allowed(cmd, key))
		return conf_fail(cmd->name, "unknown option --%.*s (see --help)",
				 (int)len, arg);
	if (eq) {
		value = eq + 1;
	} else if (i + 1 < argc) {
		value = argv[i + 1];
		*used = 2;
	} else {
		return conf_fail(cmd->name, "--%.*s needs a value", (int)len, arg);
	}
	if (o) {
		*o->value = value;
		return 0;
	}
	if (strcmp(key, "config") == 0)
		return 0; /* handled before the file was read */
	if (config_set(cfg, key, value, &e))
		return conf_fail(cmd->name, "--%.*s: %s", (int)len, arg, e.msg);
	return 0;
}

int conf_parse(const struct conf_cmd *cmd, int argc, char **argv,
	       struct config *cfg)
{
	int rc, used;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(cmd);
			return 1;
		}
	}
	config_init(cfg);
	rc = load_file(cmd, argc, argv, cfg);
	if (rc == 0)
		rc = load_env(cmd, cfg);
	for (int i = 1; rc == 0 && i < argc; i += used) {
		used = 1;
		if (strncmp(argv[i], "--", 2) != 0 || argv[i][2] == '\0')
			return conf_fail(cmd->name, "unexpected argument '%s'"
					 " (see --help)", argv[i]);
		rc = apply_flag(cmd, cfg, argc, argv, i, &used);
	}
	return rc;
}
