/*
 * The builder's processes: fork/exec with an argv, setns into a named
 * network namespace, and the processes a namespace holds.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"
#include "testbed/proc.h"

#define KILL_POLL_MS	50

/* In a child: stdout and stderr to /dev/null. */
static void
silence(void)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
	}
}

/* Wait for 'pid'; its exit status, or -1 if it died of a signal. */
static int
reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			log_warn("waitpid");
			return -1;
		}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return -1;
}

int
tb_cmd(char *const argv[], bool quiet)
{
	pid_t pid;

	if ((pid = fork()) < 0) {
		log_warn("fork");
		return -1;
	}
	if (pid == 0) {
		if (quiet)
			silence();
		execvp(argv[0], argv);
		_exit(127);
	}
	return reap(pid);
}

bool
tb_netns_exists(const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", TB_NETNS_DIR, name);
	return stat(path, &st) == 0;
}

int
tb_netns_enter(const char *name)
{
	char path[256];
	int fd, rc = -1;

	snprintf(path, sizeof(path), "%s/%s", TB_NETNS_DIR, name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_warn("%s", path);
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0)
		log_warn("setns %s", path);
	else
		rc = 0;
	close(fd);
	return rc;
}

int
tb_in_netns(const char *name, int (*fn)(void *arg), void *arg)
{
	pid_t pid;

	fflush(NULL);
	if ((pid = fork()) < 0) {
		log_warn("fork");
		return -1;
	}
	if (pid == 0) {
		if (tb_netns_enter(name) < 0)
			_exit(255);
		_exit(fn(arg) & 0xff);
	}
	return reap(pid);
}

bool
tb_netem_available(void)
{
	char *const argv[] = { "tc", "qdisc", "add", "dev", "lo", "root",
	    "netem", "delay", "1ms", NULL };
	pid_t pid;

	if ((pid = fork()) < 0) {
		log_warn("fork");
		return false;
	}
	if (pid == 0) {
		silence();
		if (unshare(CLONE_NEWNET) < 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	return reap(pid) == 0;
}

/* Is process 'pid' in the namespace whose file is (dev, ino)? */
static bool
pid_in(const char *pid, dev_t dev, ino_t ino)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%s/ns/net", pid);
	return stat(path, &st) == 0 && st.st_dev == dev && st.st_ino == ino;
}

/* Send 'sig' to every process in the namespace; how many there were. */
static int
signal_all(dev_t dev, ino_t ino, int sig)
{
	struct dirent *de;
	DIR *d;
	int n = 0;
	pid_t self = getpid();

	if ((d = opendir("/proc")) == NULL) {
		log_warn("/proc");
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strspn(de->d_name, "0123456789") != strlen(de->d_name) ||
		    atoi(de->d_name) == self || !pid_in(de->d_name, dev, ino))
			continue;
		if (kill(atoi(de->d_name), sig) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int
tb_netns_kill(const char *name, int grace_ms)
{
	struct timespec pause = { 0, KILL_POLL_MS * 1000000L };
	char path[256];
	struct stat st;
	int n, left, waited;

	snprintf(path, sizeof(path), "%s/%s", TB_NETNS_DIR, name);
	if (stat(path, &st) < 0)
		return 0;
	if ((n = signal_all(st.st_dev, st.st_ino, SIGTERM)) <= 0)
		return n;
	for (waited = 0; waited < grace_ms; waited += KILL_POLL_MS) {
		nanosleep(&pause, NULL);
		if (signal_all(st.st_dev, st.st_ino, 0) == 0)
			return n;
	}
	if ((left = signal_all(st.st_dev, st.st_ino, SIGKILL)) > 0)
		log_warnx("%s: %d processes did not end on SIGTERM, killed",
		    name, left);
	return n;
}
