/*
 * err: see err.h.  Messages are truncated rather than allocated so that
 * recording an error can never itself fail.
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(struct err *e)
{
	if (!e)
		return;
	e->code = 0;
	e->field = NULL;
	e->msg[0] = '\0';
}

int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	e->field = field;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

const char *err_name(int code)
{
	switch (code) {
	case ERR_OK:
		return "ok";
	case ERR_INVALID:
		return "invalid";
	case ERR_NOTFOUND:
		return "not-found";
	case ERR_CONFLICT:
		return "conflict";
	case ERR_TOOBIG:
		return "too-big";
	case ERR_DB:
		return "database";
	case ERR_IO:
		return "io";
	case ERR_BUSY:
		return "busy";
	default:
		return "internal";
	}
}
