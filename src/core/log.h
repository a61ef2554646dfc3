/*
 * log: one JSON object per line on standard error.
 *
 * Every line carries "ts" (UTC, RFC 3339 with milliseconds), "level" and
 * "msg".  Callers must never pass personal data (phone, name, address) or
 * secrets: log what happened and an id, not who.  A line is written with a
 * single write(2) so lines from different threads never interleave.
 *
 * The level is set once by log_init (explicit init, STYLE.md section 9)
 * before threads start; afterwards logging is thread-safe.
 */
#ifndef GC_CORE_LOG_H
#define GC_CORE_LOG_H

enum log_level { LOG_DEBUG = 0, LOG_INFO = 1, LOG_WARN = 2, LOG_ERROR = 3 };

/* Set the threshold; 0 or ERR_INVALID for an unknown name. */
int log_init(const char *level_name);
int log_enabled(enum log_level level);
/* Log a formatted message (JSON-escaped). */
void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Log a line whose extra members are already JSON: `members` is the inside
 * of an object without braces, for example "\"status\":200".  The caller
 * guarantees it is valid JSON (the access log builds it with jansson).
 */
void log_json(enum log_level level, const char *members);

#endif
