/*
 * err: error codes and the error value every layer fills in.
 *
 * A function that can fail returns int: 0 on success or a negative ERR_*
 * code.  When the caller passes a struct err, the function also records
 * where the problem is (the field it names, for input errors) and a short
 * English message for logs and CLI output.  Only api/ turns a struct err
 * into a problem document and only cli/ turns it into exit 2; lower
 * layers never print.
 *
 * Ownership: struct err is plain storage owned by the caller; `field`
 * points at a string literal or at storage that outlives the error (it is
 * never freed).  Thread-safe: no shared state.
 */
#ifndef GC_CORE_ERR_H
#define GC_CORE_ERR_H

#include <stddef.h>

enum err_code {
	ERR_OK = 0,
	ERR_INVALID = -1,  /* bad input: names a field */
	ERR_NOTFOUND = -2, /* the thing asked for does not exist */
	ERR_CONFLICT = -3, /* violates a uniqueness or state rule */
	ERR_TOOBIG = -4,   /* input larger than the configured limit */
	ERR_DB = -5,       /* database failure (not the caller's input) */
	ERR_IO = -6,       /* file or socket failure */
	ERR_BUSY = -7,     /* resource temporarily unavailable, retry */
	ERR_INTERNAL = -8  /* a bug or a library failure */
};

struct err {
	int code;          /* an ERR_* value, 0 while nothing went wrong */
	const char *field; /* offending field or key, or NULL */
	char msg[240];     /* English one-line description, NUL-terminated */
};

/* Clear e (NULL allowed). */
void err_clear(struct err *e);

/*
 * Record an error in e (NULL allowed: then only the code is returned) and
 * return code, so callers can write `return err_set(e, ERR_INVALID, ...)`.
 * The message is formatted with printf rules and truncated to fit.
 */
int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A stable lower-case name for code ("invalid", "not-found", ...). */
const char *err_name(int code);

#endif
