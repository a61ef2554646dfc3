/*
 * buf: the one growing byte buffer (STYLE.md section 4, after curl's
 * dynbuf).
 *
 * A buf has a maximum size fixed at init; an append that would pass it
 * fails with ERR_TOOBIG and leaves the buffer as it was, so a request body
 * or a CSV line can never grow without bound.  The contents are always
 * NUL-terminated after a successful append (the terminator is not counted
 * in len and does not count against max).
 *
 * Ownership: the storage is owned by the caller (init/fini); the bytes are
 * owned by the buf until buf_fini or buf_take.  Not thread-safe.
 */
#ifndef GC_CORE_BUF_H
#define GC_CORE_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* bytes, NUL-terminated once anything was added; or NULL */
	size_t len; /* bytes in use, not counting the terminator */
	size_t cap; /* bytes allocated */
	size_t max; /* largest len allowed */
};

void buf_init(struct buf *b, size_t max);
void buf_fini(struct buf *b);
/* Forget the contents but keep the allocation. */
void buf_reset(struct buf *b);
/* Append n bytes; 0 or ERR_TOOBIG (nothing appended). */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Append s escaped for the inside of a JSON string ("\"", "\\" and
 * control characters; UTF-8 passes through).  Encoding only: JSON is
 * parsed and built with jansson everywhere else.
 */
int buf_json_escape(struct buf *b, const char *s);
/* The contents as a C string ("" when empty); borrowed until next change. */
const char *buf_cstr(const struct buf *b);
/* Hand the heap contents to the caller (free()), leaving b empty. */
char *buf_take(struct buf *b);

#endif
