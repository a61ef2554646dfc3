/*
 * mono: the monotonic clock, for durations (request latency, time spent
 * in the database, shutdown deadlines).  Never for instants people see:
 * those are UTC seconds (day.h).  Thread-safe.
 */
#ifndef GC_CORE_MONO_H
#define GC_CORE_MONO_H

#include <stdint.h>

/* Nanoseconds on CLOCK_MONOTONIC since an arbitrary start. */
uint64_t mono_now_ns(void);

#endif
