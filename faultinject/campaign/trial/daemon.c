// SPDX-License-Identifier: GPL-2.0
/*
 * The split build's daemon and its supervisor, as fault-trial sees and
 * drives them: the live pcnet32d processes, the supervisor's restarts (its
 * log), a restart from scratch (its backoff starts over), a new daemon for
 * a FACT op's fault point, and the port mode of the daemon that serves
 * (its start-up line in the log), which must be the build's.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trial.h"

#define ALLOW_DIRECT "/sys/module/pcnet32/parameters/allow_direct_ports"
#define SUP_LOG "/var/log/pcnet32d.log"
#define SUP_PIDFILE "/run/pcnet32-supervise.pid"
#define SUP_READY "/run/pcnet32d.ready"
#define SUP_EXITED "pcnet32-supervise: pcnet32d exited"
#define DRIVER_DIR "/lab/driver"

/*
 * The live pcnet32d processes (zombies left to PID 1 do not count), up to
 * max into pids; returns how many.
 */
static int daemon_pids(pid_t *pids, int max)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[300], stat[512];
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < max) {
		const char *close_paren;
		FILE *f;
		size_t len;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		len = fread(stat, 1, sizeof(stat) - 1, f);
		fclose(f);
		stat[len] = '\0';
		/* "pid (comm) state ..." */
		close_paren = strrchr(stat, ')');
		if (!strstr(stat, "(pcnet32d)") || !close_paren ||
		    close_paren[1] != ' ' || close_paren[2] == 'Z' ||
		    close_paren[2] == 'X')
			continue;
		pids[n++] = (pid_t)atoi(e->d_name);
	}
	closedir(d);
	return n;
}

pid_t daemon_pid(void)
{
	pid_t p;

	return daemon_pids(&p, 1) ? p : 0;
}

/* restarts the supervisor logged so far */
long supervisor_restarts(void)
{
	FILE *f = fopen(SUP_LOG, "r");
	char line[512];
	long n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, SUP_EXITED))
			n++;
	fclose(f);
	return n;
}

static pid_t read_pidfile(const char *p)
{
	FILE *f = fopen(p, "r");
	int pid = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%d", &pid) != 1)
		pid = 0;
	fclose(f);
	return (pid_t)pid;
}

/*
 * Restart the supervisor (and so the daemon) from scratch: its restart
 * backoff starts over. Returns 0 when a daemon serves again.
 */
int supervisor_reset(void)
{
	pid_t sup = read_pidfile(SUP_PIDFILE), child;
	uint64_t end;

	if (sup > 0)
		kill(sup, SIGTERM);
	end = now_ns() + 300000000ULL;
	while (now_ns() < end) {
		/* a supervisor this runner started is its child: reap it */
		if (sup > 0 && waitpid(sup, NULL, WNOHANG) == sup)
			sup = 0;
		if ((sup <= 0 || kill(sup, 0)) && !daemon_pid())
			break;
		sleep_ms(2);
	}
	if (sup > 0 && !kill(sup, 0))
		kill(sup, SIGKILL);
	/* a daemon that loops may not heed SIGTERM */
	end = now_ns() + 3000000000ULL;
	while (now_ns() < end) {
		pid_t pids[8];
		int i, n = daemon_pids(pids, 8);

		if (!n)
			break;
		for (i = 0; i < n; i++)
			kill(pids[i], SIGKILL);
		sleep_ms(2);
	}
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	unlink(SUP_READY);
	child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		int fd = open("/dev/null", O_RDWR);
		char path[512];

		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		setsid();
		snprintf(path, sizeof(path), "%s:%s", DRIVER_DIR,
			 getenv("PATH") ? getenv("PATH") : "/bin:/sbin");
		setenv("PATH", path, 1);
		execl(DRIVER_DIR "/pcnet32-supervise", "pcnet32-supervise",
		      (char *)NULL);
		_exit(127);
	}
	end = now_ns() + 10000000000ULL;
	while (now_ns() < end) {
		if (!access(SUP_READY, F_OK))
			return 0;
		sleep_ms(2);
	}
	return -1;
}

/*
 * A FACT op's fault point (split) is reached when a daemon starts: the
 * daemon computes the facts it publishes (PCNET32U_IOC_FACTS) by the op
 * itself, and the kernel answers the op from them. So after arming, the
 * trial starts a new daemon (SIGKILL: the supervisor restarts a daemon
 * that was serving at once) and issues the call once the new one serves,
 * or after FACT_WAIT_MS when none does (a fault that loops or sleeps in
 * the facts: the call goes up to that daemon, as the kernel asks when no
 * facts were published). kill9: the new daemon is killed in its start-up
 * sleep (the fault's), KILL9_AFTER_MS after it appeared.
 *
 * Returns the pid of the daemon that met the fault (0 when it was never
 * seen: it died at once); *served: a daemon serves again.
 */
#define FACT_WAIT_MS 3000
#define KILL9_AFTER_MS 100
pid_t restart_for_facts(pid_t old, int kill9, int *served)
{
	uint64_t end = now_ns() + FACT_WAIT_MS * 1000000ULL, seen = 0;
	pid_t first = 0, ready;
	int killed = 0;

	*served = 0;
	if (old > 0)
		kill(old, SIGKILL);
	while (now_ns() < end) {
		pid_t p = daemon_pid();

		if (p && p != old && !first) {
			first = p;
			seen = now_ns();
		}
		if (kill9 && first && !killed &&
		    now_ns() - seen >= KILL9_AFTER_MS * 1000000ULL) {
			kill(first, SIGKILL);
			killed = 1;
		}
		ready = read_pidfile(SUP_READY);
		if (ready > 0 && ready != old && (!kill9 || killed) &&
		    (!killed || ready != first)) {
			*served = 1;
			return first ? first : ready;
		}
		sleep_ms(2);
	}
	return first;
}

/*
 * Wait (at most ms) until a daemon serves: a live one whose pid the
 * supervisor's ready file names. 1 when one does.
 */
int wait_serving(unsigned int ms)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000ULL;

	do {
		pid_t p = daemon_pid();

		if (p > 0 && read_pidfile(SUP_READY) == p)
			return 1;
		sleep_ms(2);
	} while (now_ns() < end);
	return 0;
}

/*
 * The port mode of the daemon that serves: its start-up line in the log,
 * "serving eth0 (..., ports 0xc040-0xc05f mediated, irq ...)". Read on
 * from where the last look ended (the log only grows, unless a test
 * truncates it: then from its start). Returns "direct", "mediated" or
 * "unknown" (no such line yet).
 */
const char *serving_mode(void)
{
	static long off;
	static const char *mode = "unknown";
	char line[512];
	FILE *f = fopen(SUP_LOG, "r");
	long size;

	if (!f)
		return mode;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	if (size < off)
		off = 0;
	fseek(f, off, SEEK_SET);
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, ": serving "))
			continue;
		if (strstr(line, " direct, irq "))
			mode = "direct";
		else if (strstr(line, " mediated, irq "))
			mode = "mediated";
	}
	off = ftell(f);
	fclose(f);
	return mode;
}

/*
 * The daemon's port mode, before the first trial: the environment of the
 * supervisors this runner starts (supervisor_reset()) asks for the
 * build's mode, and the daemon that serves has it (one restart if not;
 * split-direct: with the module's allow_direct_ports on, as daemon-start
 * does). 0, or -1 (said why on stderr).
 */
int daemon_mode_setup(void)
{
	const char *want = cfg.direct ? "direct" : "mediated";
	const char *args = getenv("PCNET32D_ARGS");
	int asks_direct = args && strstr(args, "--ports direct");

	if (cfg.direct) {
		/* the module refuses direct ports unless root allows them */
		FILE *f = fopen(ALLOW_DIRECT, "w");

		if (!f || fputs("1\n", f) < 0 || fclose(f)) {
			fprintf(stderr, "fault-trial: %s: %s\n", ALLOW_DIRECT,
				strerror(errno));
			return -1;
		}
	}
	if (cfg.direct && !asks_direct) {
		char buf[512];

		snprintf(buf, sizeof(buf), "%s%s--ports direct", args ? args : "",
			 args && *args ? " " : "");
		setenv("PCNET32D_ARGS", buf, 1);
	} else if (!cfg.direct && asks_direct) {
		fprintf(stderr, "fault-trial: --build split is the mediated daemon, "
			"but PCNET32D_ARGS asks for direct ports (%s)\n", args);
		return -1;
	}
	if (!strcmp(serving_mode(), want))
		return 0;
	fprintf(stderr, "fault-trial: the daemon serves %s, not %s: restarting it\n",
		serving_mode(), want);
	if (!supervisor_reset()) {
		/* the ready file exists from the start; the log line comes later */
		uint64_t end = now_ns() + 10000000000ULL;

		while (strcmp(serving_mode(), want) && now_ns() < end)
			sleep_ms(20);
	}
	if (strcmp(serving_mode(), want)) {
		fprintf(stderr, "fault-trial: no daemon with %s ports (the log says %s)\n",
			want, serving_mode());
		return -1;
	}
	return 0;
}
