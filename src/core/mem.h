/*
 * mem: allocation that never returns NULL.
 *
 * Out of memory is not survivable here (STYLE.md section 4): xmalloc and
 * friends log one line to standard error and abort, so callers never
 * check for NULL.  Memory from these functions is released with free().
 * Thread-safe.
 */
#ifndef GC_CORE_MEM_H
#define GC_CORE_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* A copy of s (NUL-terminated) owned by the caller. */
char *xstrdup(const char *s);
/* A NUL-terminated copy of the first n bytes of s. */
char *xstrndup(const char *s, size_t n);

#endif
