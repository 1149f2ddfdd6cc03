// SPDX-License-Identifier: GPL-2.0
/*
 * pcnet32d: the user-space half of the split pcnet32 driver.
 *
 * Opens the driver's upcall node (one daemon at a time, root only), asks
 * the kernel for its NIC's I/O range with COPY, takes port access to that
 * range only (ioperm, never iopl), drops every privilege it no longer
 * needs, then serves requests: REQUEST (wait for one), COPY (the state it
 * needs), run the op (the very slow-path source the in-kernel build
 * compiles), REPLY.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "dispatch.h"
#include "fault-user.h"
#include "pcnet32_upcall.h"

#define PCNET32D_UID 65534	/* nobody */

static FILE *logf_;
static volatile sig_atomic_t stopping;

static void logmsg(const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(logf_, "pcnet32d[%d] %lld.%03ld: ", (int)getpid(),
		(long long)ts.tv_sec, ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(logf_, fmt, ap);
	va_end(ap);
	fputc('\n', logf_);
	fflush(logf_);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static int do_copy(int fd, uint64_t id, struct pcnet32u_copy *c)
{
	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	c->version = PCNET32U_VERSION;
	c->id = id;
	return ioctl(fd, PCNET32U_IOC_COPY, c);
}

/* Keep nothing but the open node and the port range: become nobody. */
static int drop_privileges(void)
{
	if (setgroups(0, NULL) || setresgid(PCNET32D_UID, PCNET32D_UID, PCNET32D_UID) ||
	    setresuid(PCNET32D_UID, PCNET32D_UID, PCNET32D_UID)) {
		logmsg("dropping privileges failed: %s", strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		logmsg("PR_SET_NO_NEW_PRIVS failed: %s", strerror(errno));
		return -1;
	}
	/* still allowed to be dumped for debugging as this user */
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	return 0;
}

/*
 * Test instrumentation: PCNET32D_TEST_DELAY="OP:MS" makes the daemon sleep
 * MS milliseconds before running op OP, so that a test can act while a
 * request is in the daemon's hands (kill it, or let the caller's deadline
 * pass).
 */
static void test_delay(uint32_t op)
{
	const char *e = getenv("PCNET32D_TEST_DELAY");
	unsigned int dop, ms;
	struct timespec ts;

	if (!e || sscanf(e, "%u:%u", &dop, &ms) != 2 || dop != op)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) && errno == EINTR && !stopping)
		;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: pcnet32d [--dev PATH] [--log FILE] [--ready FILE] [--keep-root]\n"
		   "  --dev PATH    the driver's upcall node (default /dev/%s0)\n"
		   "  --log FILE    append the log there (default stderr)\n"
		   "  --ready FILE  create FILE once registered and serving\n"
		   "  --keep-root   do not drop privileges (debugging only)\n",
		PCNET32U_DEVNAME);
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/" PCNET32U_DEVNAME "0", *ready = NULL;
	static struct pcnet32u_request req;
	static struct pcnet32u_reply rep;
	static struct pcnet32u_copy copy;
	struct sigaction sa = { .sa_handler = on_term };
	struct pcnet32_io io;
	int fd, keep_root = 0, i;
	unsigned long served = 0;

	logf_ = stderr;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dev") && i + 1 < argc) {
			dev = argv[++i];
		} else if (!strcmp(argv[i], "--log") && i + 1 < argc) {
			logf_ = fopen(argv[++i], "a");
			if (!logf_) {
				fprintf(stderr, "pcnet32d: %s: %s\n", argv[i], strerror(errno));
				return 2;
			}
		} else if (!strcmp(argv[i], "--ready") && i + 1 < argc) {
			ready = argv[++i];
		} else if (!strcmp(argv[i], "--keep-root")) {
			keep_root = 1;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		logmsg("open %s: %s%s", dev, strerror(errno),
		       errno == EBUSY ? " (another daemon serves this NIC)" : "");
		return errno == EBUSY ? 3 : 1;
	}
	if (do_copy(fd, 0, &copy)) {
		logmsg("COPY: %s", strerror(errno));
		return 1;
	}
	/* the kernel says which ports are ours; still, a NIC's range is small */
	if (!copy.io_len || copy.io_len > 0x100 || copy.io_base > 0xffff - copy.io_len) {
		logmsg("implausible I/O range 0x%x+0x%x", copy.io_base, copy.io_len);
		return 1;
	}
	if (ioperm(copy.io_base, copy.io_len, 1)) {
		logmsg("ioperm 0x%x+0x%x: %s", copy.io_base, copy.io_len, strerror(errno));
		return 1;
	}
	if (ready) {
		int rfd = open(ready, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		if (rfd < 0)
			logmsg("%s: %s", ready, strerror(errno));
		else
			close(rfd);
	}
	/* the fault points' control file: root's, so mapped before the drop */
	if (pcnet32d_fault_setup(fileno(logf_)))
		logmsg("fault control file: %s (fault points disarmed)", strerror(errno));
	if (!keep_root && drop_privileges())
		return 1;
	io.base = copy.io_base;
	logmsg("serving %s (%s, ports 0x%x-0x%x, irq %u)%s", copy.ifname, dev,
	       copy.io_base, copy.io_base + copy.io_len - 1, copy.irq,
	       keep_root ? "" : " as nobody, no capabilities");

	while (!stopping) {
		uint64_t t0, t1, t2;
		uint32_t rep_len = 0;
		int status;

		memset(&req, 0, sizeof(req));
		req.size = sizeof(req);
		req.version = PCNET32U_VERSION;
		if (ioctl(fd, PCNET32U_IOC_REQUEST, &req)) {
			if (errno == EINTR)
				continue;
			logmsg("REQUEST: %s", strerror(errno));
			return 1;
		}
		t0 = now_ns();
		if (do_copy(fd, req.id, &copy)) {
			logmsg("COPY: %s", strerror(errno));
			return 1;
		}
		t1 = now_ns();
		test_delay(req.op);
		memset(&rep, 0, sizeof(rep));
		status = pcnet32d_dispatch(&io, copy.state, copy.state_len, req.op,
					   req.arg, req.arg_len, rep.rep,
					   sizeof(rep.rep), &rep_len);
		t2 = now_ns();
		rep.size = sizeof(rep);
		rep.version = PCNET32U_VERSION;
		rep.id = req.id;
		rep.op = req.op;
		rep.status = status;
		rep.rep_len = pcnet32d_fault_reply_len(status ? 0 : rep_len);
		rep.copy_ns = t1 - t0;
		rep.proc_ns = t2 - t1;
		if (ioctl(fd, PCNET32U_IOC_REPLY, &rep)) {
			/* ENOENT: the caller gave up (deadline) before we answered */
			logmsg("REPLY to request %llu (op %u) refused: %s",
			       (unsigned long long)req.id, req.op, strerror(errno));
			continue;
		}
		served++;
	}
	logmsg("stopping after %lu requests", served);
	close(fd);
	return 0;
}
