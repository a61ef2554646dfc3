/*
 * log: see log.h.  The only state is the threshold, written by log_init
 * before any thread starts and read-only afterwards.
 */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/day.h"
#include "core/err.h"

static enum log_level threshold = LOG_INFO;

static const char *const names[] = {"debug", "info", "warn", "error"};

int log_init(const char *level_name)
{
	for (int i = 0; i < 4; i++) {
		if (strcmp(level_name, names[i]) == 0) {
			threshold = (enum log_level)i;
			return 0;
		}
	}
	return ERR_INVALID;
}

int log_enabled(enum log_level level)
{
	return level >= threshold;
}

static void emit(enum log_level level, const char *msg, const char *members)
{
	struct timespec ts;
	struct buf b;
	char when[32];
	ssize_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	day_format_utc(ts.tv_sec, when, sizeof when);
	when[19] = '\0'; /* drop the Z, milliseconds follow */
	buf_init(&b, 64 * 1024);
	buf_printf(&b, "{\"ts\":\"%s.%03ldZ\",\"level\":\"%s\"", when,
		   ts.tv_nsec / 1000000, names[level]);
	if (msg) {
		buf_puts(&b, ",\"msg\":\"");
		buf_json_escape(&b, msg);
		buf_puts(&b, "\"");
	}
	if (members && *members) {
		buf_puts(&b, ",");
		buf_puts(&b, members);
	}
	buf_puts(&b, "}\n");
	n = write(STDERR_FILENO, b.data, b.len);
	(void)n; /* nothing sensible to do when stderr is gone */
	buf_fini(&b);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!log_enabled(level))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	emit(level, msg, NULL);
}

void log_json(enum log_level level, const char *members)
{
	if (!log_enabled(level))
		return;
	emit(level, NULL, members);
}
