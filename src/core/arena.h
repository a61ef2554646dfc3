/*
 * arena: a region allocator with destructors, one per request
 * (STYLE.md section 4, after h2o's req->pool and rspamd's task pool).
 *
 * Everything allocated from an arena is freed at once by arena_free, and
 * the destructors registered with arena_defer run then, newest first (so a
 * JSON value registered after the statement it was read from is released
 * before it).  Allocation never fails (see mem.h).  Alignment is that of
 * max_align_t.
 *
 * Ownership: arena_new returns an arena owned by the caller and released
 * by arena_free (NULL allowed).  Pointers from arena_alloc are borrowed
 * until arena_free.  Not thread-safe: one arena belongs to one request.
 */
#ifndef GC_CORE_ARENA_H
#define GC_CORE_ARENA_H

#include <stddef.h>

struct arena;

typedef void (*arena_dtor_fn)(void *p);

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* n bytes, uninitialised. */
void *arena_alloc(struct arena *a, size_t n);
/* n zeroed bytes. */
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Run fn(p) when the arena is freed. */
void arena_defer(struct arena *a, arena_dtor_fn fn, void *p);
/* Bytes handed out so far (for tests and limits). */
size_t arena_used(const struct arena *a);

#endif
