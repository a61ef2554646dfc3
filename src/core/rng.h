/*
 * rng: a small deterministic pseudo-random generator for demo data and
 * tests (xoshiro256** seeded through splitmix64, Blackman and Vigna).
 *
 * It is NOT for secrets: tokens, codes and keys come from libsodium's
 * randombytes.  The same seed gives the same sequence on every machine,
 * which is what makes `gridcare seed-demo --seed N` reproducible.
 * State is caller-owned; not thread-safe (one per thread).
 */
#ifndef GC_CORE_RNG_H
#define GC_CORE_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4]; /* xoshiro256 state, never all zero */
};

void rng_init(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n), n > 0, without modulo bias. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);
/* True with probability per_mille / 1000. */
int rng_chance(struct rng *r, unsigned per_mille);

#endif
