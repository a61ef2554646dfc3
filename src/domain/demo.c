/*
 * demo: see demo.h.
 *
 * Design.  The district is a fixed table (the real geography of
 * shared/reference/areas.md) plus generators that turn a seeded struct rng
 * into customers and daily readings.  Nothing here is measured data: EVN
 * publishes no customer count, name list or load curve for Lang Giang
 * (areas.md, last paragraph), so every share below is a plausible demo
 * figure, and each says where its shape comes from.
 *
 * Invariants:
 *   1. demo_customer_make draws exactly CUSTOMER_DRAWS values with
 *      rng_next, whatever the customer turns out to be, and demo_day_wh
 *      draws exactly one, even on a gap day.  Adding a field later
 *      therefore changes only the values derived from new draws, and a
 *      caller can interleave customers and readings without the streams
 *      drifting apart.  rng_below is not used because its rejection loop
 *      makes the number of draws depend on the values drawn.
 *   2. The area table lists parents before children, codes are unique
 *      ASCII upper case of at most 23 characters, and a commune's weight
 *      is the sum of its villages' (the province's, of all villages).
 *   3. All arithmetic is on int64_t; no floating point, so results are
 *      bit-identical on every machine.
 */
#include "domain/demo.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/day.h"

/*
 * The area table, from shared/reference/areas.md (Resolution
 * 1658/NQ-UBTVQH15 merged Bac Giang into Bac Ninh; former Lang Giang
 * district became five communes).  Villages are the former communes and
 * townships each new commune was formed from.  Codes: province "BN",
 * commune = "BN-" and three letters of its name, village = the commune
 * code, "-" and three letters.
 * A village may share its commune's name (My Thai, Kep, Tan Dinh, Tien
 * Luc); the full code stays unique because it includes the commune.
 *
 * Weights are invented relative customer counts (no public figure exists):
 * the two former townships, Voi (the old district seat, with Voi market)
 * and Kep (on the railway and highway), are the most populous; the rural
 * former communes are of similar size.  Commune weights are the sums.
 */
static const struct demo_area areas[] = {
	{"BN", NULL, 1, "Bắc Ninh", "Bac Ninh", 1080},

	{"BN-LGI", "BN", 2, "Lạng Giang", "Lang Giang", 285},
	{"BN-LGI-VOI", "BN-LGI", 3, "Vôi", "Voi", 120},
	{"BN-LGI-XLA", "BN-LGI", 3, "Xương Lâm", "Xuong Lam", 55},
	{"BN-LGI-HLA", "BN-LGI", 3, "Hương Lạc", "Huong Lac", 60},
	{"BN-LGI-THU", "BN-LGI", 3, "Tân Hưng", "Tan Hung", 50},

	{"BN-MTH", "BN", 2, "Mỹ Thái", "My Thai", 210},
	{"BN-MTH-XHU", "BN-MTH", 3, "Xuân Hương", "Xuan Huong", 55},
	{"BN-MTH-DDU", "BN-MTH", 3, "Dương Đức", "Duong Duc", 50},
	{"BN-MTH-TTH", "BN-MTH", 3, "Tân Thanh", "Tan Thanh", 50},
	{"BN-MTH-MTH", "BN-MTH", 3, "Mỹ Thái", "My Thai", 55},

	{"BN-KEP", "BN", 2, "Kép", "Kep", 215},
	{"BN-KEP-KEP", "BN-KEP", 3, "Kép", "Kep", 90},
	{"BN-KEP-QTH", "BN-KEP", 3, "Quang Thịnh", "Quang Thinh", 60},
	{"BN-KEP-HSO", "BN-KEP", 3, "Hương Sơn", "Huong Son", 65},

	{"BN-TDI", "BN", 2, "Tân Dĩnh", "Tan Dinh", 160},
	{"BN-TDI-TDI", "BN-TDI", 3, "Tân Dĩnh", "Tan Dinh", 70},
	{"BN-TDI-TDA", "BN-TDI", 3, "Thái Đào", "Thai Dao", 45},
	{"BN-TDI-DLA", "BN-TDI", 3, "Đại Lâm", "Dai Lam", 45},

	{"BN-TLU", "BN", 2, "Tiên Lục", "Tien Luc", 210},
	{"BN-TLU-DMY", "BN-TLU", 3, "Đào Mỹ", "Dao My", 50},
	{"BN-TLU-NHO", "BN-TLU", 3, "Nghĩa Hòa", "Nghia Hoa", 40},
	{"BN-TLU-AHA", "BN-TLU", 3, "An Hà", "An Ha", 50},
	{"BN-TLU-NHU", "BN-TLU", 3, "Nghĩa Hưng", "Nghia Hung", 35},
	{"BN-TLU-TLU", "BN-TLU", 3, "Tiên Lục", "Tien Luc", 35},
};

enum { N_AREAS = sizeof areas / sizeof areas[0] };

/* A string with a relative frequency, for names and phone prefixes. */
struct weighted {
	const char *text; /* UTF-8 text */
	unsigned weight;  /* relative frequency */
};

/*
 * Family names with weights in per mille of the population, rounded from
 * the figures usually quoted for Vietnam (Nguyen about 38 %, Tran 11 %,
 * Le 9.5 %, Pham 7 %; see the "Vietnamese name" article of Wikipedia).
 * Northern spellings: Hoàng and Vũ rather than the southern Huỳnh and Võ.
 * The long tail is folded into the last few names; Thân is added because
 * it is a well-known local family name of the former Bac Giang province.
 */
static const struct weighted family_names[] = {
	{"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70},
	{"Hoàng", 50},   {"Vũ", 40},    {"Đặng", 25}, {"Bùi", 25},
	{"Đỗ", 20},      {"Ngô", 20},   {"Dương", 20}, {"Đào", 20},
	{"Hà", 20},      {"Lý", 10},    {"Phan", 35}, {"Đinh", 20},
	{"Trương", 10},  {"Lương", 10}, {"Thân", 20},
};

/*
 * Middle names.  Văn and Thị dominate in the countryside and among older
 * account holders (the meter is usually in the head of household's name),
 * so they carry about half the weight.  Given names below never repeat a
 * middle name, so no "Minh Minh".
 */
static const struct weighted middle_male[] = {
	{"Văn", 50}, {"Đức", 10}, {"Minh", 8}, {"Hữu", 8}, {"Quang", 7},
	{"Xuân", 5}, {"Tiến", 4}, {"Công", 4}, {"Mạnh", 2}, {"Thành", 2},
};

static const struct weighted middle_female[] = {
	{"Thị", 55}, {"Ngọc", 9}, {"Thu", 8}, {"Thanh", 8}, {"Minh", 5},
	{"Hồng", 6}, {"Kim", 5},  {"Thúy", 4},
};

static const char *const given_male[] = {
	"An",   "Bình", "Cường", "Dũng",  "Đạt",   "Hải",  "Hiếu", "Hùng",
	"Huy",  "Khánh", "Kiên", "Long",  "Nam",   "Phong", "Quân", "Sơn",
	"Thắng", "Tuấn", "Tùng", "Trung", "Việt",  "Hưng", "Toàn", "Thịnh",
};

static const char *const given_female[] = {
	"Anh",  "Chi",  "Dung",  "Giang", "Hà",    "Hằng",  "Hạnh", "Hoa",
	"Hương", "Huyền", "Lan", "Linh",  "Loan",  "Mai",   "Nga",  "Nhung",
	"Oanh", "Phương", "Quỳnh", "Thảo", "Thủy", "Trang", "Yến",  "Vân",
};

/*
 * Mobile prefixes after the 2018 renumbering (11-digit numbers moved to
 * 10 digits): Viettel 86, 96-98, 32-39; Vinaphone 88, 91, 94, 81-85;
 * Mobifone 89, 90, 93, 70, 76-79.  Weights give the networks roughly
 * their reported market shares in the countryside (Viettel well over
 * half, then Vinaphone, then Mobifone), spread evenly over the prefixes.
 */
static const struct weighted mobile_prefixes[] = {
	{"86", 5}, {"96", 5}, {"97", 5}, {"98", 5}, {"32", 5}, {"33", 5},
	{"34", 5}, {"35", 5}, {"36", 5}, {"37", 5}, {"38", 5}, {"39", 5},
	{"88", 3}, {"91", 3}, {"94", 3}, {"81", 3}, {"82", 3}, {"83", 3},
	{"84", 3}, {"85", 3},
	{"89", 2}, {"90", 2}, {"93", 2}, {"70", 2}, {"76", 2}, {"77", 2},
	{"78", 2}, {"79", 2},
};

/* Slots of the fixed block of draws taken by demo_customer_make. */
enum {
	D_VILLAGE, D_GENDER, D_FAMILY, D_MIDDLE, D_GIVEN, D_HAMLET,
	D_HAS_PHONE, D_PREFIX, D_SUBSCRIBER, D_SMARTPHONE, D_TARIFF,
	D_CYCLE, D_QUOTA, D_REMOTE, D_BASE_A, D_BASE_B, D_GAP, D_GAP_START,
	D_GAP_LEN,
	CUSTOMER_DRAWS
};

/*
 * Shares in per mille.  Smartphone: the brief's ~70 % of all customers,
 * conditional on having a phone (700 / 970).  Tariff mix: a rural district
 * is overwhelmingly household; small shops and the schools and commune
 * offices make up the rest.  Remote meters: the brief's ~85 %, a demo
 * figure for a network where most mechanical meters have been replaced.
 */
enum {
	PM_NO_PHONE = 30,
	PM_SMARTPHONE_IF_PHONE = 722,
	PM_BUSINESS = 50,
	PM_ADMINISTRATIVE = 20,
	PM_QUOTA_2 = 80,
	PM_QUOTA_3 = 20,
	PM_REMOTE = 850,
	PM_GAP = 5
};

enum { GAP_MIN_DAYS = 3, GAP_MAX_DAYS = 20 };
enum { HAMLETS_PER_VILLAGE = 14 };    /* thôn / tổ dân phố 1..14 */
enum { SUBSCRIBER_SPAN = 10000000 };  /* 7 subscriber digits */
enum { SERIAL_HALF = 10000 };         /* 4 of the 8 serial digits */

/*
 * Uniform-ish value in [0, n) from one raw draw.  The modulo bias is below
 * n / 2^64, invisible for demo data; xoshiro256** has good low bits, so
 * the residue is as random as the high bits would be.
 */
static uint64_t below(uint64_t x, uint64_t n)
{
	return x % n;
}

static const char *pick_weighted(const struct weighted *w, size_t n,
				 uint64_t x)
{
	uint64_t total = 0, at;
	size_t i;

	/* Tables are a few dozen entries: summing each time beats a cache. */
	for (i = 0; i < n; i++)
		total += w[i].weight;
	at = below(x, total);
	for (i = 0; i + 1 < n; i++) {
		if (at < w[i].weight)
			break;
		at -= w[i].weight;
	}
	return w[i].text;
}

/* A village drawn in proportion to its weight. */
static const struct demo_area *pick_village(uint64_t x)
{
	uint64_t total = 0, at;
	size_t i, last = 0;

	for (i = 0; i < N_AREAS; i++)
		if (areas[i].level == 3)
			total += areas[i].weight;
	at = below(x, total);
	for (i = 0; i < N_AREAS; i++) {
		if (areas[i].level != 3)
			continue;
		last = i;
		if (at < areas[i].weight)
			break;
		at -= areas[i].weight;
	}
	return &areas[last];
}

static const struct demo_area *find_area(const char *code)
{
	for (size_t i = 0; i < N_AREAS; i++)
		if (strcmp(areas[i].code, code) == 0)
			return &areas[i];
	return NULL;
}

const struct demo_area *demo_areas(size_t *n)
{
	*n = N_AREAS;
	return areas;
}

/*
 * "Nguyễn Văn Hùng": family, middle, given.  Gender is drawn first so
 * middle and given names agree with it (Văn is male, Thị female).
 */
static void make_name(const uint64_t *d, struct demo_customer *out)
{
	int female = below(d[D_GENDER], 2) == 1;
	const char *family, *middle, *given;

	family = pick_weighted(family_names,
			       sizeof family_names / sizeof family_names[0],
			       d[D_FAMILY]);
	if (female) {
		middle = pick_weighted(middle_female,
				       sizeof middle_female /
					       sizeof middle_female[0],
				       d[D_MIDDLE]);
		given = given_female[below(d[D_GIVEN],
					   sizeof given_female /
						   sizeof given_female[0])];
	} else {
		middle = pick_weighted(middle_male,
				       sizeof middle_male /
					       sizeof middle_male[0],
				       d[D_MIDDLE]);
		given = given_male[below(d[D_GIVEN],
					 sizeof given_male /
						 sizeof given_male[0])];
	}
	snprintf(out->name, sizeof out->name, "%s %s %s", family, middle,
		 given);
}

/*
 * "Thôn 5, Xương Lâm, xã Lạng Giang, tỉnh Bắc Ninh".  Since the 2025
 * merger there is no district level: the village (a former commune) is
 * kept because people still use it.  The former townships Vôi and Kép are
 * divided into residential groups (tổ dân phố), the rest into hamlets.
 */
static void make_address(const uint64_t *d, const struct demo_area *village,
			 struct demo_customer *out)
{
	const struct demo_area *commune = find_area(village->parent_code);
	int township = strcmp(village->code, "BN-LGI-VOI") == 0 ||
		       strcmp(village->code, "BN-KEP-KEP") == 0;
	unsigned hamlet =
		(unsigned)below(d[D_HAMLET], HAMLETS_PER_VILLAGE) + 1;

	assert(commune);
	snprintf(out->address, sizeof out->address,
		 "%s %u, %s, xã %s, tỉnh %s",
		 township ? "Tổ dân phố" : "Thôn", hamlet, village->name,
		 commune->name, areas[0].name);
}

/* "+84" + a mobile prefix + 7 digits, or "" for the ~3 % without. */
static void make_phone(const uint64_t *d, struct demo_customer *out)
{
	const char *prefix;
	unsigned long subscriber;

	out->phone[0] = '\0';
	out->has_smartphone = 0;
	if (below(d[D_HAS_PHONE], 1000) < PM_NO_PHONE)
		return;
	prefix = pick_weighted(mobile_prefixes,
			       sizeof mobile_prefixes /
				       sizeof mobile_prefixes[0],
			       d[D_PREFIX]);
	subscriber = (unsigned long)below(d[D_SUBSCRIBER], SUBSCRIBER_SPAN);
	snprintf(out->phone, sizeof out->phone, "+84%s%07lu", prefix,
		 subscriber);
	out->has_smartphone =
		below(d[D_SMARTPHONE], 1000) < PM_SMARTPHONE_IF_PHONE;
}

/*
 * Mean daily energy.  The product of two uniforms is skewed to the low
 * end (density -ln t), like real consumption: most households near the
 * bottom of the range, a tail of large ones.  Households: 3,500 to 12,500
 * Wh/day per quota, mean about 5,750 (roughly 175 kWh a month, typical of
 * a rural northern household).  Shops and public buildings are larger.
 * A meter shared by several households (quota > 1) uses proportionally
 * more, which is why the tariff gives it wider tiers.
 */
static int64_t make_base_wh(const uint64_t *d, enum demo_tariff tariff,
			    int quota)
{
	int64_t a = (int64_t)below(d[D_BASE_A], 1001);
	int64_t b = (int64_t)below(d[D_BASE_B], 1001);
	int64_t ab = a * b; /* 0 .. 10^6 */

	switch (tariff) {
	case DEMO_TARIFF_BUSINESS:
		return 8000 + ab * 40 / 1000;
	case DEMO_TARIFF_ADMINISTRATIVE:
		return 15000 + ab * 60 / 1000;
	case DEMO_TARIFF_HOUSEHOLD:
	default:
		return (3500 + ab * 9 / 1000) * quota;
	}
}

static void make_tariff(const uint64_t *d, struct demo_customer *out)
{
	uint64_t t = below(d[D_TARIFF], 1000);
	uint64_t q = below(d[D_QUOTA], 1000);

	if (t < PM_ADMINISTRATIVE)
		out->tariff = DEMO_TARIFF_ADMINISTRATIVE;
	else if (t < PM_ADMINISTRATIVE + PM_BUSINESS)
		out->tariff = DEMO_TARIFF_BUSINESS;
	else
		out->tariff = DEMO_TARIFF_HOUSEHOLD;
	/* Quotas (định mức) only exist on the household tariff. */
	out->household_quota = 1;
	if (out->tariff == DEMO_TARIFF_HOUSEHOLD) {
		if (q < PM_QUOTA_3)
			out->household_quota = 3;
		else if (q < PM_QUOTA_3 + PM_QUOTA_2)
			out->household_quota = 2;
	}
	/* Cycle days stop at 28 so every month has them (no 29-31 rule). */
	out->cycle_day = (int)below(d[D_CYCLE], 28) + 1;
}

/*
 * A reading gap lies wholly inside [first_day, last_day]: it starts no
 * later than last_day - 20 and lasts at most 20 days.  A history too
 * short for that gets no gap rather than one that spills outside.
 */
static void make_gap(const uint64_t *d, int64_t first_day, int64_t last_day,
		     struct demo_customer *out)
{
	int64_t latest = last_day - GAP_MAX_DAYS;
	uint64_t span;

	out->gap_start_day = -1;
	out->gap_days = 0;
	if (below(d[D_GAP], 1000) >= PM_GAP || latest < first_day)
		return;
	span = (uint64_t)(latest - first_day) + 1;
	out->gap_start_day = first_day + (int64_t)below(d[D_GAP_START], span);
	span = GAP_MAX_DAYS - GAP_MIN_DAYS + 1;
	out->gap_days = GAP_MIN_DAYS + (int)below(d[D_GAP_LEN], span);
}

/*
 * Serial numbers must be unique, stateless and not look like a counter
 * (customers created one after another get unrelated meter numbers).
 * A four-round Feistel network on the two 4-digit halves of the customer
 * id is a bijection on 0 .. 10^8 - 1 whatever the round function, so
 * distinct ids give distinct serials; a plain multiply-mod would also be
 * a bijection but leaves a constant step between neighbours.
 */
static void make_serial(int64_t customer_id, struct demo_customer *out)
{
	uint64_t left = (uint64_t)customer_id / SERIAL_HALF;
	uint64_t right = (uint64_t)customer_id % SERIAL_HALF;
	uint64_t serial;

	for (uint64_t pass = 1; pass <= 4; pass++) {
		uint64_t mixed = (right * right + right * 2971 + pass * 1237) %
				 SERIAL_HALF;
		uint64_t next = (left + mixed) % SERIAL_HALF;

		left = right;
		right = next;
	}
	/* Both halves are below 10^4 here; the modulo tells the compiler. */
	serial = (left * SERIAL_HALF + right) % (SERIAL_HALF * SERIAL_HALF);
	snprintf(out->meter_serial, sizeof out->meter_serial, "LG%08lu",
		 (unsigned long)serial);
}

void demo_customer_make(struct rng *r, int64_t customer_id, int64_t first_day,
			int64_t last_day, struct demo_customer *out)
{
	uint64_t d[CUSTOMER_DRAWS];
	const struct demo_area *village;

	assert(customer_id >= 1 && customer_id < 10000000);
	/* Invariant 1: the whole block is drawn up front, unconditionally. */
	for (int i = 0; i < CUSTOMER_DRAWS; i++)
		d[i] = rng_next(r);

	memset(out, 0, sizeof *out);
	out->customer_id = customer_id;
	/* PA = EVNNPC, 0501 = the Lang Giang unit (official-channels.md). */
	snprintf(out->code, sizeof out->code, "PA0501%07ld",
		 (long)customer_id);
	village = pick_village(d[D_VILLAGE]);
	out->area_code = village->code;
	make_name(d, out);
	make_address(d, village, out);
	make_phone(d, out);
	make_tariff(d, out);
	out->remote_meter = below(d[D_REMOTE], 1000) < PM_REMOTE;
	make_serial(customer_id, out);
	out->base_wh = make_base_wh(d, out->tariff, out->household_quota);
	make_gap(d, first_day, last_day, out);
}

/*
 * Per-mille season factor for the middle of each month, northern Vietnam.
 * Shape: a cool, dry winter with a small bump in December-January
 * (heaters, water heaters, Tết preparations), the low point in February
 * (Tết holidays, mild drizzly weather), then the hot season May to
 * September, peaking in June-July with air conditioning; EVN warns every
 * summer that northern household bills rise sharply in those months.  The
 * brief's figures (Jan 900 ... Jul 1550) averaged 1128, so they were
 * scaled by 0.887 and rounded so the twelve values sum to exactly 12000.
 */
static const int season_mid_pm[12] = {
	800, 755, 780, 930, 1150, 1330, 1375, 1285, 1110, 885, 780, 820,
};

/* Day number of the middle of a month (the 15th or 16th), and its factor. */
static int64_t month_mid(int64_t year, int month)
{
	return day_from_civil(year, month, 1) +
	       (day_days_in_month(year, month) - 1) / 2;
}

/* Round a / b to nearest, b > 0, a of either sign. */
static int64_t div_round(int64_t a, int64_t b)
{
	return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

int demo_season_permille(int64_t day)
{
	int64_t year, y0, y1, mid0, mid1;
	int month, mday, m0, m1, f0, f1;

	day_to_civil(day, &year, &month, &mday);
	/*
	 * Interpolate linearly between the two mid-months around the day, so
	 * the factor has no step at a month boundary (a step would show as a
	 * jump in every customer's daily chart on the 1st).
	 */
	if (day >= month_mid(year, month)) {
		y0 = year;
		m0 = month;
		y1 = month == 12 ? year + 1 : year;
		m1 = month == 12 ? 1 : month + 1;
	} else {
		y1 = year;
		m1 = month;
		y0 = month == 1 ? year - 1 : year;
		m0 = month == 1 ? 12 : month - 1;
	}
	mid0 = month_mid(y0, m0);
	mid1 = month_mid(y1, m1);
	f0 = season_mid_pm[m0 - 1];
	f1 = season_mid_pm[m1 - 1];
	return f0 + (int)div_round((int64_t)(f1 - f0) * (day - mid0),
				   mid1 - mid0);
}

/*
 * Weekend factor: people are at home on Saturday and Sunday (many rural
 * households also work on Saturday, hence a modest 5 %).  Noise: uniform
 * +-15 %, the day-to-day scatter of a single household's readings.
 */
enum { WEEKEND_PM = 1050, NOISE_PM = 150 };

int64_t demo_day_wh(struct rng *r, const struct demo_customer *c, int64_t day)
{
	/* Invariant 1: one draw per call, taken before the gap test. */
	uint64_t x = rng_next(r);
	int64_t noise_pm = (int64_t)below(x, 2 * NOISE_PM + 1) - NOISE_PM;
	int64_t wh;

	if (c->gap_days > 0 && day >= c->gap_start_day &&
	    day < c->gap_start_day + c->gap_days)
		return -1;
	wh = div_round(c->base_wh * demo_season_permille(day), 1000);
	if (day_weekday(day) >= 5)
		wh = div_round(wh * WEEKEND_PM, 1000);
	wh = div_round(wh * (1000 + noise_pm), 1000);
	return wh < 0 ? 0 : wh;
}
