/*
 * num: see num.h.  Digits are accumulated as a negative number so that
 * INT64_MIN parses without overflow; every step is checked with the
 * compiler's overflow builtins rather than by comparing against limits
 * by hand.
 */
#include "core/num.h"

#include <string.h>

#include "core/err.h"

int num_parse_i64n(const char *s, size_t len, int64_t min, int64_t max,
		   int64_t *out)
{
	int64_t v = 0;
	size_t i = 0;
	int neg = 0;

	if (!s || len == 0)
		return ERR_INVALID;
	if (s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == len)
		return ERR_INVALID;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return ERR_INVALID;
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_sub_overflow(v, s[i] - '0', &v))
			return ERR_INVALID;
	}
	if (!neg && __builtin_mul_overflow(v, -1, &v))
		return ERR_INVALID;
	if (v < min || v > max)
		return ERR_INVALID;
	*out = v;
	return 0;
}

int num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s)
		return ERR_INVALID;
	return num_parse_i64n(s, strlen(s), min, max, out);
}

int num_parse_size(const char *s, uint64_t max, uint64_t *out)
{
	size_t len;
	uint64_t mul = 1, r;
	int64_t v;

	if (!s || !*s)
		return ERR_INVALID;
	len = strlen(s);
	switch (s[len - 1]) {
	case 'k': case 'K':
		mul = 1024;
		break;
	case 'm': case 'M':
		mul = 1024 * 1024;
		break;
	case 'g': case 'G':
		mul = 1024 * 1024 * 1024;
		break;
	default:
		break;
	}
	if (mul != 1)
		len--;
	if (num_parse_i64n(s, len, 0, INT64_MAX, &v))
		return ERR_INVALID;
	if (__builtin_mul_overflow((uint64_t)v, mul, &r) || r > max)
		return ERR_INVALID;
	*out = r;
	return 0;
}
