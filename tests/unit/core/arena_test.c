/*
 * Tests of src/core/arena.c through arena.h: the per-request region
 * allocator.  Allocations are aligned for max_align_t, survive until
 * arena_free, and destructors run newest first, exactly once, at
 * arena_free.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdalign.h>
#include <string.h>

#include "core/arena.h"

static int is_aligned(const void *p)
{
	return (uintptr_t)p % alignof(max_align_t) == 0;
}

static void many_allocations_of_odd_sizes_are_aligned(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	for (size_t i = 0; i < 2000; i++) {
		void *p = arena_alloc(a, i % 37 + 1);

		assert_true(is_aligned(p));
	}
	arena_free(a);
}

static void allocations_do_not_overlap(void **state)
{
	struct arena *a = arena_new();
	unsigned char *p[500];

	(void)state;
	/* fill each with its own byte, then check none was overwritten */
	for (size_t i = 0; i < 500; i++) {
		p[i] = arena_alloc(a, 24);
		memset(p[i], (int)(i & 0xff), 24);
	}
	for (size_t i = 0; i < 500; i++)
		for (size_t k = 0; k < 24; k++)
			assert_int_equal(p[i][k], i & 0xff);
	arena_free(a);
}

static void zero_byte_allocation_gives_distinct_pointers(void **state)
{
	struct arena *a = arena_new();
	void *p, *q;

	(void)state;
	p = arena_alloc(a, 0);
	q = arena_alloc(a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	arena_free(a);
}

static void large_allocation_is_usable_and_aligned(void **state)
{
	struct arena *a = arena_new();
	unsigned char *small1, *big, *small2;
	const size_t n = 1 << 20;

	(void)state;
	small1 = arena_alloc(a, 10);
	memset(small1, 0xaa, 10);
	big = arena_alloc(a, n);
	assert_true(is_aligned(big));
	memset(big, 0x5c, n);
	small2 = arena_alloc(a, 10);
	memset(small2, 0xbb, 10);
	assert_int_equal(big[0], 0x5c);
	assert_int_equal(big[n - 1], 0x5c);
	assert_int_equal(small1[9], 0xaa);
	assert_int_equal(small2[0], 0xbb);
	arena_free(a);
}

static void large_allocation_as_first_allocation(void **state)
{
	struct arena *a = arena_new();
	unsigned char *big, *small;

	(void)state;
	big = arena_alloc(a, 100000);
	memset(big, 1, 100000);
	small = arena_alloc(a, 16);
	memset(small, 2, 16);
	assert_int_equal(big[99999], 1);
	arena_free(a);
}

static void zalloc_returns_zeroed_memory(void **state)
{
	struct arena *a = arena_new();
	unsigned char *p;

	(void)state;
	/* dirty the first block, then ask for zeroed memory after it */
	memset(arena_alloc(a, 200), 0xff, 200);
	p = arena_zalloc(a, 300);
	for (size_t i = 0; i < 300; i++)
		assert_int_equal(p[i], 0);
	arena_free(a);
}

static void used_counts_aligned_bytes(void **state)
{
	struct arena *a = arena_new();
	const size_t al = alignof(max_align_t);

	(void)state;
	assert_int_equal(arena_used(a), 0);
	arena_alloc(a, 1);
	assert_int_equal(arena_used(a), al);
	arena_alloc(a, al + 1);
	assert_int_equal(arena_used(a), 3 * al);
	arena_free(a);
}

static void strdup_copies_string(void **state)
{
	struct arena *a = arena_new();
	char src[] = "Xã Lạng Giang";
	char *p;

	(void)state;
	p = arena_strdup(a, src);
	assert_ptr_not_equal(p, src);
	src[0] = 'Y';
	assert_string_equal(p, "Xã Lạng Giang");
	arena_free(a);
}

static void strdup_of_empty_string(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_string_equal(arena_strdup(a, ""), "");
	arena_free(a);
}

static void strndup_copies_prefix_and_terminates(void **state)
{
	struct arena *a = arena_new();
	char *p;

	(void)state;
	p = arena_strndup(a, "/api/v1/areas", 4);
	assert_string_equal(p, "/api");
	arena_free(a);
}

/* Destructor log: each call appends its tag. */
struct log {
	char order[16];
	size_t n;
};

struct tagged {
	struct log *log;
	char tag;
};

static void record(void *p)
{
	struct tagged *t = p;

	t->log->order[t->log->n++] = t->tag;
}

static void destructors_do_not_run_before_arena_free(void **state)
{
	struct log log = {{0}, 0};
	struct tagged t = {&log, 'a'};
	struct arena *a = arena_new();

	(void)state;
	arena_defer(a, record, &t);
	arena_alloc(a, 100000); /* a big block must not trigger them either */
	assert_int_equal(log.n, 0);
	arena_free(a);
	assert_int_equal(log.n, 1);
}

static void destructors_run_newest_first_exactly_once(void **state)
{
	struct log log = {{0}, 0};
	struct tagged t[3] = {{&log, 'a'}, {&log, 'b'}, {&log, 'c'}};
	struct arena *a = arena_new();

	(void)state;
	arena_defer(a, record, &t[0]);
	arena_alloc(a, 5000);
	arena_defer(a, record, &t[1]);
	for (int i = 0; i < 300; i++)
		arena_alloc(a, 64); /* spill into further blocks */
	arena_defer(a, record, &t[2]);
	arena_free(a);
	assert_int_equal(log.n, 3);
	assert_memory_equal(log.order, "cba", 3);
}

/* A destructor that reads arena memory: all must run before any block
 * is freed (ASan reports a use-after-free otherwise). */
struct in_arena {
	struct log *log;
	char *text; /* arena memory */
};

static void record_text(void *p)
{
	struct in_arena *x = p;

	x->log->order[x->log->n++] = x->text[0];
}

static void destructors_may_use_arena_memory(void **state)
{
	struct log log = {{0}, 0};
	struct arena *a = arena_new();
	struct in_arena *x;

	(void)state;
	x = arena_alloc(a, sizeof *x);
	x->log = &log;
	x->text = arena_strdup(a, "z");
	arena_defer(a, record_text, x);
	for (int i = 0; i < 200; i++)
		arena_alloc(a, 100);
	arena_free(a);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.order[0], 'z');
}

static void arena_free_null_is_noop(void **state)
{
	(void)state;
	arena_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(many_allocations_of_odd_sizes_are_aligned),
		cmocka_unit_test(allocations_do_not_overlap),
		cmocka_unit_test(zero_byte_allocation_gives_distinct_pointers),
		cmocka_unit_test(large_allocation_is_usable_and_aligned),
		cmocka_unit_test(large_allocation_as_first_allocation),
		cmocka_unit_test(zalloc_returns_zeroed_memory),
		cmocka_unit_test(used_counts_aligned_bytes),
		cmocka_unit_test(strdup_copies_string),
		cmocka_unit_test(strdup_of_empty_string),
		cmocka_unit_test(strndup_copies_prefix_and_terminates),
		cmocka_unit_test(destructors_do_not_run_before_arena_free),
		cmocka_unit_test(destructors_run_newest_first_exactly_once),
		cmocka_unit_test(destructors_may_use_arena_memory),
		cmocka_unit_test(arena_free_null_is_noop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
