/*
 * Tests of src/domain/demo.c through demo.h: the area table of
 * shared/reference/areas.md, the customer code format of
 * shared/reference/official-channels.md (PA0501 + 7 digits), determinism
 * from the seed, the shares of the generated district, the season curve
 * and the reading gaps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/day.h"
#include "core/rng.h"
#include "domain/demo.h"

enum { N_SHARE_CUSTOMERS = 20000 };

/* A year of history, 2025, as used by seed-demo. */
static int64_t first_day(void)
{
	return day_from_civil(2025, 1, 1);
}

static int64_t last_day(void)
{
	return day_from_civil(2025, 12, 31);
}

static const struct demo_area *find(const char *code)
{
	size_t n;
	const struct demo_area *a = demo_areas(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].code, code) == 0)
			return &a[i];
	return NULL;
}

static size_t count_level(int level)
{
	size_t n, count = 0;
	const struct demo_area *a = demo_areas(&n);

	for (size_t i = 0; i < n; i++)
		count += a[i].level == level;
	return count;
}

static void areas_have_one_province_five_communes_19_villages(void **state)
{
	size_t n;

	(void)state;
	demo_areas(&n);
	assert_int_equal(n, 25);
	assert_int_equal(count_level(1), 1);
	assert_int_equal(count_level(2), 5);
	assert_int_equal(count_level(3), 19);
}

/* The table of shared/reference/areas.md, commune by commune. */
static void areas_match_the_reference_table(void **state)
{
	static const char *const expected[][6] = {
		{"Lạng Giang", "Vôi", "Xương Lâm", "Hương Lạc", "Tân Hưng",
		 NULL},
		{"Mỹ Thái", "Xuân Hương", "Dương Đức", "Tân Thanh", "Mỹ Thái",
		 NULL},
		{"Kép", "Kép", "Quang Thịnh", "Hương Sơn", NULL, NULL},
		{"Tân Dĩnh", "Tân Dĩnh", "Thái Đào", "Đại Lâm", NULL, NULL},
		{"Tiên Lục", "Đào Mỹ", "Nghĩa Hòa", "An Hà", "Nghĩa Hưng",
		 "Tiên Lục"},
	};
	size_t n;
	const struct demo_area *a = demo_areas(&n);

	(void)state;
	assert_string_equal(a[0].code, "BN");
	assert_string_equal(a[0].name, "Bắc Ninh");
	assert_null(a[0].parent_code);
	for (size_t c = 0; c < 5; c++) {
		const struct demo_area *commune = NULL;
		size_t n_villages = 0;

		for (size_t i = 0; i < n; i++)
			if (a[i].level == 2 &&
			    strcmp(a[i].name, expected[c][0]) == 0)
				commune = &a[i];
		assert_non_null(commune);
		assert_string_equal(commune->parent_code, "BN");
		for (size_t v = 1; v < 6 && expected[c][v]; v++) {
			int found = 0;

			for (size_t i = 0; i < n; i++)
				found |= a[i].level == 3 &&
					 strcmp(a[i].parent_code,
						commune->code) == 0 &&
					 strcmp(a[i].name, expected[c][v]) == 0;
			assert_true(found);
		}
		for (size_t i = 0; i < n; i++)
			n_villages += a[i].level == 3 &&
				      strcmp(a[i].parent_code,
					     commune->code) == 0;
		assert_int_equal(n_villages,
				 expected[c][5] ? 5 : expected[c][4] ? 4 : 3);
	}
}

static void areas_list_parents_before_children(void **state)
{
	size_t n;
	const struct demo_area *a = demo_areas(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		int seen = 0;

		if (!a[i].parent_code) {
			assert_int_equal(a[i].level, 1);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(a[j].code, a[i].parent_code) == 0) {
				assert_int_equal(a[j].level, a[i].level - 1);
				seen = 1;
			}
		assert_true(seen);
	}
}

static void area_codes_are_unique_ascii_upper_and_short(void **state)
{
	size_t n;
	const struct demo_area *a = demo_areas(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(a[i].code);

		assert_true(len >= 2 && len <= 23);
		for (size_t k = 0; k < len; k++) {
			char ch = a[i].code[k];

			assert_true((ch >= 'A' && ch <= 'Z') || ch == '-');
		}
		for (size_t k = 0; a[i].name_ascii[k]; k++)
			assert_true((unsigned char)a[i].name_ascii[k] < 0x80);
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(a[i].code, a[j].code);
	}
	assert_string_equal(find("BN-MTH-DDU")->name_ascii, "Duong Duc");
}

static void commune_weight_is_sum_of_its_villages(void **state)
{
	size_t n;
	const struct demo_area *a = demo_areas(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		unsigned sum = 0;

		if (a[i].level == 3) {
			assert_true(a[i].weight > 0);
			continue;
		}
		for (size_t j = 0; j < n; j++)
			if (a[j].parent_code &&
			    strcmp(a[j].parent_code, a[i].code) == 0)
				sum += a[j].weight;
		assert_int_equal(a[i].weight, sum);
	}
}

/* official-channels.md: 13 characters, PA0501 for the Lang Giang unit. */
static void customer_code_is_pa0501_and_seven_digits(void **state)
{
	struct rng r;
	struct demo_customer c;

	(void)state;
	rng_init(&r, 1);
	demo_customer_make(&r, 12345, first_day(), last_day(), &c);
	assert_string_equal(c.code, "PA05010012345");
	assert_int_equal(strlen(c.code), DEMO_CODE_LEN);
	assert_int_equal(c.customer_id, 12345);
	demo_customer_make(&r, 1, first_day(), last_day(), &c);
	assert_string_equal(c.code, "PA05010000001");
	demo_customer_make(&r, 9999999, first_day(), last_day(), &c);
	assert_string_equal(c.code, "PA05019999999");
}

static void same_customer(const struct demo_customer *a,
			  const struct demo_customer *b)
{
	assert_string_equal(a->code, b->code);
	assert_string_equal(a->area_code, b->area_code);
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->address, b->address);
	assert_string_equal(a->phone, b->phone);
	assert_string_equal(a->meter_serial, b->meter_serial);
	assert_int_equal(a->tariff, b->tariff);
	assert_int_equal(a->cycle_day, b->cycle_day);
	assert_int_equal(a->household_quota, b->household_quota);
	assert_int_equal(a->has_smartphone, b->has_smartphone);
	assert_int_equal(a->remote_meter, b->remote_meter);
	assert_int_equal(a->base_wh, b->base_wh);
	assert_int_equal(a->gap_start_day, b->gap_start_day);
	assert_int_equal(a->gap_days, b->gap_days);
}

static void same_seed_gives_same_customers_and_usage(void **state)
{
	struct rng r1, r2;

	(void)state;
	rng_init(&r1, 42);
	rng_init(&r2, 42);
	for (int64_t id = 1; id <= 200; id++) {
		struct demo_customer a, b;

		demo_customer_make(&r1, id, first_day(), last_day(), &a);
		demo_customer_make(&r2, id, first_day(), last_day(), &b);
		same_customer(&a, &b);
		for (int64_t d = first_day(); d < first_day() + 30; d++)
			assert_int_equal(demo_day_wh(&r1, &a, d),
					 demo_day_wh(&r2, &b, d));
	}
}

static void different_seed_gives_different_customers(void **state)
{
	struct rng r1, r2;
	int n_names_differ = 0, n_usage_differ = 0;

	(void)state;
	rng_init(&r1, 42);
	rng_init(&r2, 43);
	for (int64_t id = 1; id <= 100; id++) {
		struct demo_customer a, b;

		demo_customer_make(&r1, id, first_day(), last_day(), &a);
		demo_customer_make(&r2, id, first_day(), last_day(), &b);
		n_names_differ += strcmp(a.name, b.name) != 0;
		n_usage_differ += demo_day_wh(&r1, &a, first_day()) !=
				  demo_day_wh(&r2, &b, first_day());
	}
	assert_true(n_names_differ > 90);
	assert_true(n_usage_differ > 90);
}

/* Raw draws between two states, or -1 if more than `max` apart. */
static int draws_between(struct rng before, const struct rng *after, int max)
{
	for (int k = 0; k <= max; k++) {
		if (memcmp(&before, after, sizeof before) == 0)
			return k;
		rng_next(&before);
	}
	return -1;
}

static void customer_make_draws_a_fixed_number_of_values(void **state)
{
	struct rng r;
	int draws = -1;

	(void)state;
	rng_init(&r, 7);
	for (int64_t id = 1; id <= 2000; id++) {
		struct rng before = r;
		struct demo_customer c;
		int k;

		demo_customer_make(&r, id, first_day(), last_day(), &c);
		k = draws_between(before, &r, 100);
		assert_true(k > 0);
		if (draws < 0)
			draws = k;
		assert_int_equal(k, draws);
	}
}

static void day_wh_draws_one_value_even_on_gap_days(void **state)
{
	struct rng r;
	struct demo_customer c;

	(void)state;
	rng_init(&r, 7);
	demo_customer_make(&r, 1, first_day(), last_day(), &c);
	c.gap_start_day = first_day() + 10;
	c.gap_days = 5;
	for (int64_t d = first_day(); d < first_day() + 30; d++) {
		struct rng before = r;

		demo_day_wh(&r, &c, d);
		assert_int_equal(draws_between(before, &r, 2), 1);
	}
}

struct shares {
	int n_smartphone;  /* customers with a smartphone */
	int n_no_phone;    /* customers with phone "" */
	int n_remote;      /* remote-read meters */
	int n_gap;         /* customers with a reading gap */
	int n_household;   /* household tariff */
	int n_business;    /* business tariff */
	int n_admin;       /* administrative tariff */
};

static void count_shares(uint64_t seed, struct shares *s)
{
	struct rng r;

	memset(s, 0, sizeof *s);
	rng_init(&r, seed);
	for (int64_t id = 1; id <= N_SHARE_CUSTOMERS; id++) {
		struct demo_customer c;

		demo_customer_make(&r, id, first_day(), last_day(), &c);
		s->n_smartphone += c.has_smartphone;
		s->n_no_phone += c.phone[0] == '\0';
		s->n_remote += c.remote_meter;
		s->n_gap += c.gap_days > 0;
		s->n_household += c.tariff == DEMO_TARIFF_HOUSEHOLD;
		s->n_business += c.tariff == DEMO_TARIFF_BUSINESS;
		s->n_admin += c.tariff == DEMO_TARIFF_ADMINISTRATIVE;
	}
}

/* Share bounds below are in customers out of 20,000. */
static void about_70_percent_have_a_smartphone(void **state)
{
	struct shares s;

	(void)state;
	count_shares(2025, &s);
	assert_in_range(s.n_smartphone, 13000, 15000); /* 65-75 % */
}

static void about_3_percent_have_no_phone(void **state)
{
	struct shares s;

	(void)state;
	count_shares(2025, &s);
	assert_in_range(s.n_no_phone, 400, 800); /* 2-4 % */
}

static void about_85_percent_have_a_remote_meter(void **state)
{
	struct shares s;

	(void)state;
	count_shares(2025, &s);
	assert_in_range(s.n_remote, 16600, 17400); /* 83-87 % */
}

static void about_half_a_percent_have_a_gap(void **state)
{
	struct shares s;

	(void)state;
	count_shares(2025, &s);
	assert_in_range(s.n_gap, 40, 200); /* 0.2-1 % */
}

static void tariffs_are_mostly_household(void **state)
{
	struct shares s;

	(void)state;
	count_shares(2025, &s);
	assert_in_range(s.n_household, 18200, 19000); /* 91-95 % */
	assert_in_range(s.n_business, 700, 1300);     /* 3.5-6.5 % */
	assert_in_range(s.n_admin, 200, 600);         /* 1-3 % */
}

static void customers_are_internally_consistent(void **state)
{
	struct rng r;

	(void)state;
	rng_init(&r, 99);
	for (int64_t id = 1; id <= 5000; id++) {
		struct demo_customer c;
		const struct demo_area *v, *commune;

		demo_customer_make(&r, id, first_day(), last_day(), &c);
		v = find(c.area_code);
		assert_non_null(v);
		assert_int_equal(v->level, 3);
		commune = find(v->parent_code);
		assert_non_null(strstr(c.address, v->name));
		assert_non_null(strstr(c.address, commune->name));
		assert_non_null(strstr(c.address, "tỉnh Bắc Ninh"));
		assert_true(c.phone[0] || !c.has_smartphone);
		assert_in_range(c.cycle_day, 1, 28);
		assert_in_range(c.household_quota, 1, 3);
		assert_true(c.base_wh > 0);
		assert_true(c.meter_serial[0] != '\0');
		if (c.gap_days == 0) {
			assert_int_equal(c.gap_start_day, -1);
			continue;
		}
		assert_in_range(c.gap_days, 3, 20);
		assert_true(c.gap_start_day >= first_day());
		assert_true(c.gap_start_day <= last_day() - 20);
	}
}

static int allowed_prefix(const char *p)
{
	static const char *const prefixes[] = {
		"86", "96", "97", "98", "32", "33", "34", "35", "36", "37",
		"38", "39", "88", "91", "94", "81", "82", "83", "84", "85",
		"89", "90", "93", "70", "76", "77", "78", "79",
	};

	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(p, prefixes[i], 2) == 0)
			return 1;
	return 0;
}

static void phones_are_e164_vietnamese_mobiles(void **state)
{
	struct rng r;

	(void)state;
	rng_init(&r, 5);
	for (int64_t id = 1; id <= 5000; id++) {
		struct demo_customer c;

		demo_customer_make(&r, id, first_day(), last_day(), &c);
		if (!c.phone[0])
			continue;
		assert_int_equal(strlen(c.phone), 12);
		assert_memory_equal(c.phone, "+84", 3);
		assert_true(allowed_prefix(c.phone + 3));
		for (size_t k = 3; k < 12; k++)
			assert_true(c.phone[k] >= '0' && c.phone[k] <= '9');
	}
}

static void meter_serials_are_unique(void **state)
{
	enum { N = 3000 };
	char serials[N][16];
	struct rng r;

	(void)state;
	rng_init(&r, 5);
	for (int64_t id = 1; id <= N; id++) {
		struct demo_customer c;

		demo_customer_make(&r, id, first_day(), last_day(), &c);
		memcpy(serials[id - 1], c.meter_serial, 16);
	}
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N; j++)
			assert_string_not_equal(serials[i], serials[j]);
}

static void season_july_is_above_january(void **state)
{
	(void)state;
	assert_true(demo_season_permille(day_from_civil(2025, 7, 15)) >
		    demo_season_permille(day_from_civil(2025, 1, 15)));
}

static void season_yearly_mean_is_about_1000(void **state)
{
	int64_t sum = 0;

	(void)state;
	for (int64_t d = first_day(); d <= last_day(); d++)
		sum += demo_season_permille(d);
	assert_in_range(sum / 365, 970, 1030);
}

/* Interpolation: no jump at month boundaries, year end included. */
static void season_changes_smoothly_from_day_to_day(void **state)
{
	(void)state;
	for (int64_t d = first_day(); d <= last_day() + 31; d++) {
		int a = demo_season_permille(d);
		int b = demo_season_permille(d + 1);

		assert_in_range(a > b ? a - b : b - a, 0, 12);
	}
}

static void day_wh_is_minus_one_exactly_on_gap_days(void **state)
{
	struct rng r;
	struct demo_customer c;
	int64_t start;

	(void)state;
	rng_init(&r, 11);
	demo_customer_make(&r, 1, first_day(), last_day(), &c);
	start = first_day() + 40;
	c.gap_start_day = start;
	c.gap_days = 7;
	for (int64_t d = first_day(); d <= last_day(); d++) {
		int64_t wh = demo_day_wh(&r, &c, d);

		if (d >= start && d < start + 7)
			assert_int_equal(wh, -1);
		else
			assert_true(wh >= 0);
	}
}

static void day_wh_stays_within_noise_of_season(void **state)
{
	struct rng r;
	struct demo_customer c;

	(void)state;
	rng_init(&r, 12);
	demo_customer_make(&r, 1, first_day(), last_day(), &c);
	c.gap_start_day = -1;
	c.gap_days = 0;
	c.base_wh = 10000;
	for (int64_t d = first_day(); d <= last_day(); d++) {
		int64_t mid = 10 * demo_season_permille(d);
		int64_t wh = demo_day_wh(&r, &c, d);

		/* +-15 % noise, +5 % on weekends, a little rounding. */
		assert_true(wh >= mid * 85 / 100 - 2);
		assert_true(wh <= mid * 115 / 100 * 105 / 100 + 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			areas_have_one_province_five_communes_19_villages),
		cmocka_unit_test(areas_match_the_reference_table),
		cmocka_unit_test(areas_list_parents_before_children),
		cmocka_unit_test(area_codes_are_unique_ascii_upper_and_short),
		cmocka_unit_test(commune_weight_is_sum_of_its_villages),
		cmocka_unit_test(customer_code_is_pa0501_and_seven_digits),
		cmocka_unit_test(same_seed_gives_same_customers_and_usage),
		cmocka_unit_test(different_seed_gives_different_customers),
		cmocka_unit_test(customer_make_draws_a_fixed_number_of_values),
		cmocka_unit_test(day_wh_draws_one_value_even_on_gap_days),
		cmocka_unit_test(about_70_percent_have_a_smartphone),
		cmocka_unit_test(about_3_percent_have_no_phone),
		cmocka_unit_test(about_85_percent_have_a_remote_meter),
		cmocka_unit_test(about_half_a_percent_have_a_gap),
		cmocka_unit_test(tariffs_are_mostly_household),
		cmocka_unit_test(customers_are_internally_consistent),
		cmocka_unit_test(phones_are_e164_vietnamese_mobiles),
		cmocka_unit_test(meter_serials_are_unique),
		cmocka_unit_test(season_july_is_above_january),
		cmocka_unit_test(season_yearly_mean_is_about_1000),
		cmocka_unit_test(season_changes_smoothly_from_day_to_day),
		cmocka_unit_test(day_wh_is_minus_one_exactly_on_gap_days),
		cmocka_unit_test(day_wh_stays_within_noise_of_season),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
