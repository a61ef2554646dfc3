/*
 * demo: the demo district, generated deterministically from a seed.
 *
 * Pure logic (no I/O, no SQL): the area tree of a district modelled on
 * Lang Giang after the 2025 merger (shared/reference/areas.md: province
 * Bac Ninh > its five new communes > the former communes and townships
 * they were formed from, used as villages), and generators of plausible
 * customers and of their daily consumption with a seasonal shape (the hot
 * season of northern Vietnam, May to September, peaks with air
 * conditioning; a smaller winter bump).
 *
 * Determinism: every function takes the caller's struct rng and draws a
 * fixed number of values from it per call where documented, so the same
 * seed gives the same district on every machine.
 *
 * Ownership: demo_areas returns a static, immutable table.  Generated
 * customers are plain values in caller storage.  Thread-safe (no shared
 * mutable state).
 */
#ifndef GC_DOMAIN_DEMO_H
#define GC_DOMAIN_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/rng.h"

enum { DEMO_CODE_LEN = 13 }; /* customer code, e.g. PA05010012345 */

struct demo_area {
	const char *code;        /* stable area code, e.g. "BN-LGI-VOI" */
	const char *parent_code; /* NULL for the province */
	int level;               /* 1 province, 2 commune, 3 village */
	const char *name;        /* Vietnamese, with diacritics */
	const char *name_ascii;  /* without diacritics */
	unsigned weight;         /* relative share of customers (villages) */
};

enum demo_tariff {
	DEMO_TARIFF_HOUSEHOLD = 0,      /* six-tier household tariff */
	DEMO_TARIFF_BUSINESS = 1,       /* small shops, flat business price */
	DEMO_TARIFF_ADMINISTRATIVE = 2  /* schools, commune offices */
};

struct demo_customer {
	int64_t customer_id;          /* = sequence number, from 1 */
	char code[DEMO_CODE_LEN + 1]; /* "PA0501" + 7 digits of customer_id */
	const char *area_code;        /* village code, borrowed from the table */
	char name[96];                /* Vietnamese full name with diacritics */
	char address[160];            /* hamlet, village, commune, province */
	char phone[16];               /* E.164 "+84..." mobile, or "" (none) */
	enum demo_tariff tariff;      /* tariff class */
	int cycle_day;                /* billing cycle day, 1..28 */
	int household_quota;          /* household quotas on the meter, >= 1 */
	int has_smartphone;           /* 0/1: uses a smartphone */
	int remote_meter;             /* 0/1: remote-read (daily) meter */
	char meter_serial[16];        /* meter serial number */
	int64_t base_wh;              /* mean daily energy in Wh, before season */
	int64_t gap_start_day;        /* first day of a reading gap, or -1 */
	int gap_days;                 /* length of the gap in days, 0 if none */
};

/* The area table, parents before children; *n receives its length. */
const struct demo_area *demo_areas(size_t *n);

/*
 * Fill *out with customer number `customer_id` (>= 1, < 10^7), placed in a
 * village chosen by weight.  `first_day`/`last_day` (day numbers, see
 * core/day.h) bound the usage history, so a gap falls inside it.
 * About 70 % of customers have a smartphone, about 0.5 % of meters have a
 * gap of 3 to 20 days.
 */
void demo_customer_make(struct rng *r, int64_t customer_id, int64_t first_day,
			int64_t last_day, struct demo_customer *out);

/*
 * Energy in Wh used by customer c on local day `day`: base_wh shaped by
 * the season (integer per-mille factors per month, interpolated by day),
 * weekends slightly higher, and +-15 % noise drawn from r.  Returns -1 on
 * a day inside the customer's gap (no reading).  Never negative otherwise.
 */
int64_t demo_day_wh(struct rng *r, const struct demo_customer *c, int64_t day);

/* Season factor in per mille for a day (1000 = the yearly mean). */
int demo_season_permille(int64_t day);

#endif
