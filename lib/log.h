/*
 * Logging in the style of OpenBSD's ldpd: log_warn appends strerror(errno),
 * log_warnx does not; fatal/fatalx are for broken invariants only.  Bad
 * input from peers is logged with log_debug_rl, rate-limited per call site.
 */
#ifndef QUASAR_LOG_H
#define QUASAR_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

enum log_level {
	LOG_LVL_WARN = 0,
	LOG_LVL_INFO = 1,
	LOG_LVL_DEBUG = 2,
};

/* Start logging as 'progname' at 'level'; to syslog if 'use_syslog'. */
void log_init(const char *progname, enum log_level level, bool use_syslog);
/* Change the level at run time. */
void log_setlevel(enum log_level level);
enum log_level log_getlevel(void);

void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/*
 * A rate limit: at most 'burst' messages per 'interval' seconds; the count
 * of suppressed messages is reported with the next one let through.
 */
struct log_ratelimit {
	unsigned interval;
	unsigned burst;
	time_t window_start;
	unsigned in_window;
	unsigned long suppressed;
};

#define LOG_RATELIMIT_INIT(interval_s, burst_n) \
	{ .interval = (interval_s), .burst = (burst_n) }

void log_debug_rl(struct log_ratelimit *rl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void log_warnx_rl(struct log_ratelimit *rl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
