/*
 * tc-style rates and sizes (tc(8), "PARAMETERS"): parsing, printing, and
 * conversion to the bytes/s floats of IntServ (RFC 2210 3.1).
 */
#include "flowspec/units.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <strings.h>

struct unit {
	const char	*name;
	uint64_t	 mult;
};

#define K	1000ULL
#define KI	1024ULL

/* Multipliers in bits/s. */
static const struct unit rate_units[] = {
	{ "", 1 }, { "bit", 1 },
	{ "kbit", K }, { "mbit", K * K }, { "gbit", K * K * K },
	{ "tbit", K * K * K * K },
	{ "kibit", KI }, { "mibit", KI * KI }, { "gibit", KI * KI * KI },
	{ "tibit", KI * KI * KI * KI },
	{ "bps", 8 }, { "kbps", 8 * K }, { "mbps", 8 * K * K },
	{ "gbps", 8 * K * K * K }, { "tbps", 8 * K * K * K * K },
	{ "kibps", 8 * KI }, { "mibps", 8 * KI * KI },
	{ "gibps", 8 * KI * KI * KI }, { "tibps", 8 * KI * KI * KI * KI },
};

/* Multipliers in bits; the parsed value is divided by 8 into bytes. */
static const struct unit size_units[] = {
	{ "", 8 }, { "b", 8 },
	{ "k", 8 * KI }, { "kb", 8 * KI }, { "m", 8 * KI * KI },
	{ "mb", 8 * KI * KI }, { "g", 8 * KI * KI * KI },
	{ "gb", 8 * KI * KI * KI },
	{ "kbit", KI }, { "mbit", KI * KI }, { "gbit", KI * KI * KI },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Significant digits (and decimals) allowed: under 10^25 times the
 * largest multiplier (2^43), and 8 * 10^25 as divisor, fit in 128 bits. */
#define MAX_DIGITS	25

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Parse "<digits>[.<digits>]<unit>" and return the number times the
 * unit's multiplier, divided by 'div', which must come out whole and
 * within 64 bits.
 */
static int
units_parse(const char *s, const struct unit *units, size_t nunits,
    unsigned div, uint64_t *v_r)
{
	unsigned __int128 num = 0, den = div, v;
	const char *p = s;
	size_t i, digits = 0, decimals = 0;
	bool frac = false;

	if (!is_digit(*p))
		return -1;
	for (;;) {
		if (is_digit(*p)) {
			num = num * 10 + (unsigned)(*p - '0');
			if (num != 0 && ++digits > MAX_DIGITS)
				return -1;
			if (frac) {
				if (++decimals > MAX_DIGITS)
					return -1;
				den *= 10;
			}
			p++;
		} else if (*p == '.' && !frac && is_digit(p[1])) {
			frac = true;
			p++;
		} else
			break;
	}
	for (i = 0; i < nunits; i++)
		if (strcasecmp(p, units[i].name) == 0)
			break;
	if (i == nunits)
		return -1;
	v = num * units[i].mult;
	if (v % den != 0 || v / den > UINT64_MAX)
		return -1;
	*v_r = (uint64_t)(v / den);
	return 0;
}

int
units_parse_rate_bits(const char *s, uint64_t *bits_per_s_r)
{
	return units_parse(s, rate_units, NELEM(rate_units), 1, bits_per_s_r);
}

int
units_parse_size_bytes(const char *s, uint64_t *bytes_r)
{
	return units_parse(s, size_units, NELEM(size_units), 8, bytes_r);
}

/* snprintf's result as ours: the length, or -1 if it did not fit. */
static int
units_fit(int n, size_t len)
{
	if (n < 0 || (size_t)n >= len)
		return -1;
	return n;
}

/*
 * The largest decimal unit the rate reaches, with up to three decimals
 * ("1.5Mbit", "2.048Kbit"); below 1 Kbit, or when more decimals would be
 * needed, a smaller unit, down to plain bits.
 */
int
units_print_rate_bits(uint64_t bits_per_s, char *buf, size_t len)
{
	static const struct unit shown[] = {
		{ "Tbit", K * K * K * K }, { "Gbit", K * K * K },
		{ "Mbit", K * K }, { "Kbit", K },
	};
	uint64_t whole, milli;
	size_t i;
	int digits;

	for (i = 0; i < NELEM(shown); i++) {
		if (bits_per_s < shown[i].mult ||
		    bits_per_s % (shown[i].mult / K) != 0)
			continue;
		whole = bits_per_s / shown[i].mult;
		milli = bits_per_s % shown[i].mult / (shown[i].mult / K);
		if (milli == 0)
			return units_fit(snprintf(buf, len, "%" PRIu64 "%s",
			    whole, shown[i].name), len);
		for (digits = 3; milli % 10 == 0; digits--)
			milli /= 10;
		return units_fit(snprintf(buf, len, "%" PRIu64 ".%0*" PRIu64
		    "%s", whole, digits, milli, shown[i].name), len);
	}
	return units_fit(snprintf(buf, len, "%" PRIu64 "bit", bits_per_s),
	    len);
}

/* The largest binary unit that divides the size exactly, as tc does. */
int
units_print_size_bytes(uint64_t bytes, char *buf, size_t len)
{
	static const struct unit shown[] = {
		{ "Gb", KI * KI * KI }, { "Mb", KI * KI }, { "Kb", KI },
	};
	size_t i;

	for (i = 0; i < NELEM(shown); i++)
		if (bytes >= shown[i].mult && bytes % shown[i].mult == 0)
			return units_fit(snprintf(buf, len, "%" PRIu64 "%s",
			    bytes / shown[i].mult, shown[i].name), len);
	return units_fit(snprintf(buf, len, "%" PRIu64 "b", bytes), len);
}

float
units_bits_to_is_rate(uint64_t bits_per_s)
{
	return (float)((double)bits_per_s / 8);
}

uint64_t
units_is_rate_to_bits(float bytes_per_s)
{
	double bits;

	if (isnan(bytes_per_s) || bytes_per_s <= 0)
		return 0;
	bits = (double)bytes_per_s * 8;
	/* 2^64 is the first double past the range. */
	if (bits >= 18446744073709551616.0)
		return UINT64_MAX;
	/* Below 2^64 - 2048 here, so adding a half cannot reach 2^64. */
	return (uint64_t)(bits + 0.5);
}

float
units_bytes_to_is_size(uint64_t bytes)
{
	return (float)bytes;
}
