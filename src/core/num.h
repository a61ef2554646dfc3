/*
 * num: the one checked parser for numbers in text (STYLE.md section 9:
 * atoi, sscanf and friends are banned).
 *
 * num_parse_i64 accepts an optional '-' followed by decimal digits and
 * nothing else: no spaces, no '+', no hex, no trailing bytes.  A value
 * outside [min, max] is rejected.  Thread-safe, no allocation.
 */
#ifndef GC_CORE_NUM_H
#define GC_CORE_NUM_H

#include <stddef.h>
#include <stdint.h>

/* Parse s[0..len) into *out; 0 or ERR_INVALID (*out untouched). */
int num_parse_i64n(const char *s, size_t len, int64_t min, int64_t max,
		   int64_t *out);
/* The same for a NUL-terminated string. */
int num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/*
 * Parse a size with an optional binary suffix k, m or g (either case):
 * "1m" is 1048576.  Range-checked against max.
 */
int num_parse_size(const char *s, uint64_t max, uint64_t *out);

#endif
