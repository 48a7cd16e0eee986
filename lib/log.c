#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

static const char *log_progname = "quasar";
static enum log_level log_level = LOG_LVL_INFO;
static bool log_syslog;

void
log_init(const char *progname, enum log_level level, bool use_syslog)
{
	log_progname = progname;
	log_level = level;
	log_syslog = use_syslog;
	if (use_syslog)
		openlog(progname, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void
log_setlevel(enum log_level level)
{
	log_level = level;
}

enum log_level
log_getlevel(void)
{
	return log_level;
}

static void
vlog(int prio, const char *fmt, va_list ap, const char *suffix)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (log_syslog) {
		if (suffix)
			syslog(prio, "%s: %s", msg, suffix);
		else
			syslog(prio, "%s", msg);
		return;
	}
	if (suffix)
		fprintf(stderr, "%s: %s: %s\n", log_progname, msg, suffix);
	else
		fprintf(stderr, "%s: %s\n", log_progname, msg);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	vlog(LOG_WARNING, fmt, ap, strerror(saved));
	va_end(ap);
	errno = saved;
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_WARNING, fmt, ap, NULL);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	if (log_level < LOG_LVL_INFO)
		return;
	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap, NULL);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (log_level < LOG_LVL_DEBUG)
		return;
	va_start(ap, fmt);
	vlog(LOG_DEBUG, fmt, ap, NULL);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap, strerror(saved));
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap, NULL);
	va_end(ap);
	exit(1);
}

/* True if a message may go out now; folds the suppressed count into 'note'. */
static bool
ratelimit_pass(struct log_ratelimit *rl, char *note, size_t notelen)
{
	time_t now = time(NULL);

	note[0] = '\0';
	if (now - rl->window_start >= (time_t)rl->interval) {
		rl->window_start = now;
		rl->in_window = 0;
	}
	if (rl->in_window >= rl->burst) {
		rl->suppressed++;
		return false;
	}
	rl->in_window++;
	if (rl->suppressed > 0) {
		snprintf(note, notelen, " (%lu similar messages suppressed)",
		    rl->suppressed);
		rl->suppressed = 0;
	}
	return true;
}

static void
vlog_rl(struct log_ratelimit *rl, int prio, const char *fmt, va_list ap)
{
	char msg[1024], note[64];

	if (!ratelimit_pass(rl, note, sizeof(note)))
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (log_syslog)
		syslog(prio, "%s%s", msg, note);
	else
		fprintf(stderr, "%s: %s%s\n", log_progname, msg, note);
}

void
log_debug_rl(struct log_ratelimit *rl, const char *fmt, ...)
{
	va_list ap;

	if (log_level < LOG_LVL_DEBUG)
		return;
	va_start(ap, fmt);
	vlog_rl(rl, LOG_DEBUG, fmt, ap);
	va_end(ap);
}

void
log_warnx_rl(struct log_ratelimit *rl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog_rl(rl, LOG_WARNING, fmt, ap);
	va_end(ap);
}
