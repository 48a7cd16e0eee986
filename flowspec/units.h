/*
 * Rates and sizes as tc(8) users write them, and the conversions to the
 * units IntServ carries on the wire.
 *
 * Rates (tc-units(7)): a bare number or "bit" is bit/s; "kbit", "mbit",
 * "gbit", "tbit" multiply by 1000^n and "kibit", "mibit", "gibit", "tibit"
 * by 1024^n; "bps" is BYTES/s, with the same prefixes ("kbps", "mibps").
 * Sizes: a bare number or "b" is bytes; "k"/"kb", "m"/"mb", "g"/"gb"
 * multiply by 1024^n; "kbit", "mbit", "gbit" are 1024^n bits.  Suffixes
 * ignore case.  A decimal fraction is allowed ("1.5mbit") when the result
 * is a whole number of bits (rates) or bytes (sizes).
 *
 * Parsers return 0, or -1 for garbage, a sign, overflow past UINT64_MAX,
 * an unknown suffix or trailing junk.  Printers write a NUL-terminated
 * string that the parser reads back to the same value and return its
 * length, or -1 when 'len' is too small.
 */
#ifndef QUASAR_UNITS_H
#define QUASAR_UNITS_H

#include <stddef.h>
#include <stdint.h>

/* Longest string the printers produce, NUL included. */
#define UNITS_STRLEN	32

/* Parse a tc rate such as "10mbit" or "100kbps" into bits per second. */
int units_parse_rate_bits(const char *s, uint64_t *bits_per_s_r);
/* Parse a tc size such as "64k" or "1500" into bytes. */
int units_parse_size_bytes(const char *s, uint64_t *bytes_r);

/* Print a rate in bits/s with the largest readable unit: "10Mbit",
 * "1.5Mbit", "64Kbit", "999bit". */
int units_print_rate_bits(uint64_t bits_per_s, char *buf, size_t len);
/* Print a size in bytes with the largest unit that divides it exactly:
 * "64Kb", "1Mb", "1500b". */
int units_print_size_bytes(uint64_t bytes, char *buf, size_t len);

/* IntServ rate (r, p, R: bytes/s float) from bits/s. */
float units_bits_to_is_rate(uint64_t bits_per_s);
/* Bits/s from an IntServ rate in bytes/s, rounded to nearest; +infinity
 * and anything past the range give UINT64_MAX, NaN and negatives 0. */
uint64_t units_is_rate_to_bits(float bytes_per_s);
/* IntServ bucket depth (b: bytes float) from bytes. */
float units_bytes_to_is_size(uint64_t bytes);

#endif
