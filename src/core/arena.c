/*
 * arena: see arena.h.
 *
 * Design: a singly linked list of blocks.  Small allocations are carved
 * from the newest block (4 KiB by default); an allocation larger than a
 * quarter of a block gets a block of its own, so a large body does not
 * waste the rest of a small block.  Destructors form a second list in the
 * arena itself.
 */
#include "core/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

enum { BLOCK_SIZE = 4096 };

struct block {
	struct block *next; /* older block, or NULL */
	size_t size;        /* usable bytes in data */
	size_t used;        /* bytes handed out from data */
	alignas(max_align_t) unsigned char data[];
};

struct dtor {
	struct dtor *next; /* registered before this one */
	arena_dtor_fn fn;  /* called with p */
	void *p;           /* argument */
};

struct arena {
	struct block *blocks; /* newest first */
	struct dtor *dtors;   /* newest first */
	size_t used;          /* total bytes handed out */
};

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	struct block *b, *bn;
	struct dtor *d;

	if (!a)
		return;
	/* Destructors live in blocks, so run them all before freeing any. */
	for (d = a->dtors; d; d = d->next)
		d->fn(d->p);
	for (b = a->blocks; b; b = bn) {
		bn = b->next;
		free(b);
	}
	free(a);
}

static struct block *block_new(size_t size)
{
	struct block *b = xmalloc(sizeof *b + size);

	b->size = size;
	b->used = 0;
	return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	struct block *b;
	size_t off;

	n = n ? n : 1;
	if (n > SIZE_MAX - align)
		abort();
	n = (n + align - 1) & ~(align - 1);
	a->used += n;
	if (n > BLOCK_SIZE / 4) {
		b = block_new(n);
		b->used = n;
		if (a->blocks) {
			/* keep the current small block in front */
			b->next = a->blocks->next;
			a->blocks->next = b;
		} else {
			b->next = NULL;
			a->blocks = b;
		}
		return b->data;
	}
	b = a->blocks;
	if (!b || b->size - b->used < n) {
		b = block_new(BLOCK_SIZE);
		b->next = a->blocks;
		a->blocks = b;
	}
	off = b->used;
	b->used += n;
	return b->data + off;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);

	memset(p, 0, n ? n : 1);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_defer(struct arena *a, arena_dtor_fn fn, void *p)
{
	struct dtor *d = arena_alloc(a, sizeof *d);

	d->fn = fn;
	d->p = p;
	d->next = a->dtors;
	a->dtors = d;
}

size_t arena_used(const struct arena *a)
{
	return a->used;
}
