// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-daemon: a hostile pcnet32d. It stops the real daemon, opens the
 * upcall node in its place and, while a load (fuzz-load) makes the kernel
 * send real requests, answers them with the replies of fuzz-reply.c and
 * issues the random ioctls of fuzz-ioctl.c. It prints what it sent (per
 * category) and what the kernel answered (per errno).
 *
 * --ports direct (the default) is the paper's daemon: HELLO with
 * PCNET32U_HELLO_PORTS_DIRECT (the module's allow_direct_ports is turned
 * on for the run and put back after it) and ioperm on the NIC's ports,
 * where its plausible replies run the ops. --ports mediated is the real
 * daemon's default: no port access; the plausible replies send the ops'
 * register programs, and category REGS random programs of its own
 * (fuzz-regs.c). Its decisions are drawn from another stream of the same
 * seed, so that a run of both kinds makes no decision twice.
 *
 * Processes: this one supervises; a server child holds the node. The
 * kernel kills a daemon that still holds a request at its deadline, and
 * one that stops taking requests: then a new server starts where the
 * last left off. The counters, and the index of the next
 * decision, live in shared memory: decision n of a seed is always the
 * same, whichever process makes it.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dispatch.h"
#include "fuzz.h"

#define TIMEOUT_PARAM "/sys/module/pcnet32/parameters/upcall_timeout_ms"
#define DIRECT_PARAM "/sys/module/pcnet32/parameters/allow_direct_ports"
/* a mediated server's seed: the run's, in another stream */
#define FUZZ_MEDIATED_SEED 0x6d65646961746564ULL
#define STALL_S 60	/* no progress that long: the run is over (exit 3) */

struct fuzz_opts {
	const char *dev;
	const char *stop_cmd;		/* NULL: leave the real daemon alone */
	const char *progress;		/* a file for the last progress line */
	uint64_t seed, replies, ioctls;
	unsigned int seconds;		/* 0: no limit */
	unsigned int deadline_ms;	/* 0: keep the module's */
	int direct;			/* --ports direct (1) or mediated (0) */
};

static volatile uint32_t *stop_flag;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_alarm(int sig)
{
	(void)sig;	/* only to interrupt a blocking ioctl (no SA_RESTART) */
}

void fuzz_alarm_ms(unsigned int ms)
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, (long)(ms % 1000) * 1000 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

/*
 * HELLO: every op pcnet32d serves, and no facts, so that the FACT ops
 * still come up as upcalls for the fuzzed replies; a direct server with
 * the NIC's ports (the paper's design: the kernel stops its fast path
 * around each op on them and checks the chip after), which its plausible
 * replies use; a mediated one without.
 */
static int server_hello(struct fuzz_server *s)
{
	static struct pcnet32u_hello h;

	memset(&h, 0, sizeof(h));
	h.size = sizeof(h);
	h.version = PCNET32U_VERSION;
	h.ops[0] = pcnet32d_served_ops();
	h.flags = s->direct ? PCNET32U_HELLO_PORTS_DIRECT : 0;
	if (!ioctl(s->fd, PCNET32U_IOC_HELLO, &h)) {
		s->io_base = h.nic.io_base;
		s->io_len = h.nic.io_len;
		return 0;
	}
	fprintf(stderr, "fuzz: HELLO: %s\n", strerror(errno));
	close(s->fd);
	s->fd = -1;
	return -1;
}

int fuzz_server_open(struct fuzz_server *s)
{
	int i;

	/* EBUSY: the last holder's file is still being released */
	for (i = 0; i < 5000; i++) {
		s->fd = open(s->dev, O_RDWR | O_CLOEXEC);
		fuzz_hist_add(&s->st->reopen, s->fd < 0 ? -1 : 0, errno);
		if (s->fd >= 0)
			return server_hello(s);
		if (errno != EBUSY && errno != ENOENT)
			break;
		usleep(1000);
	}
	fprintf(stderr, "fuzz: open %s: %s\n", s->dev, strerror(errno));
	return -1;
}

void fuzz_server_reopen(struct fuzz_server *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->has_pending = 0;	/* the old file's: failed at its release */
	if (fuzz_server_open(s))
		exit(1);
}

/* The port range from COPY, and access to it for the plausible replies. */
static int server_ports(struct fuzz_server *s)
{
	static struct pcnet32u_copy c;

	c.size = sizeof(c);
	c.version = PCNET32U_VERSION;
	if (ioctl(s->fd, PCNET32U_IOC_COPY, &c)) {
		perror("fuzz: COPY");
		return -1;
	}
	s->io_base = c.io_base;
	s->io_len = c.io_len;
	if (!c.io_len || c.io_len > 0x100 || ioperm(c.io_base, c.io_len, 1)) {
		perror("fuzz: ioperm");
		return -1;
	}
	return 0;
}

/* The server: hold the node, answer, fuzz, until the targets are met. */
static int serve(struct fuzz_server *s, const struct fuzz_opts *o)
{
	static struct pcnet32u_request req;
	struct fuzz_stats *st = s->st;

	s->tid = gettid();
	s->has_pending = 0;
	if (fuzz_server_open(s) || (s->direct && server_ports(s)))
		return 1;
	while (!__atomic_load_n(stop_flag, __ATOMIC_RELAXED)) {
		/*
		 * Done counts, not started ones: a decision whose server was
		 * killed half-way is not done, and one more is made.
		 */
		uint64_t rs = __atomic_load_n(&st->replies_done, __ATOMIC_RELAXED);
		uint64_t is = __atomic_load_n(&st->ioctls_done, __ATOMIC_RELAXED);
		int ret;

		while (waitpid(-1, NULL, WNOHANG) > 0)
			;	/* children that kept the file */
		if (rs >= o->replies && is >= o->ioctls)
			break;
		if (s->fd < 0) {
			fuzz_server_reopen(s);
			continue;
		}
		/* a request a FETCH commit took: answer it first */
		if (s->has_pending) {
			req = s->pending;
			s->has_pending = 0;
			fuzz_reply(s, &req, __atomic_fetch_add(&st->replies_started, 1,
							      __ATOMIC_RELAXED), 0);
			continue;
		}
		/* the ioctls keep pace with the replies */
		if (is < o->ioctls && (rs >= o->replies || is * o->replies <= rs * o->ioctls)) {
			uint64_t i = __atomic_fetch_add(&st->ioctls_started, 1, __ATOMIC_RELAXED);

			if (fuzz_ioctl(s, i, &req))
				fuzz_reply(s, &req, __atomic_fetch_add(&st->replies_started, 1,
								       __ATOMIC_RELAXED), 1);
			continue;
		}
		memset(&req, 0, sizeof(req));
		req.size = sizeof(req);
		req.version = PCNET32U_VERSION;
		fuzz_alarm_ms(500);
		ret = ioctl(s->fd, PCNET32U_IOC_REQUEST, &req);
		fuzz_alarm_ms(0);
		fuzz_hist_add(&st->request, ret, errno);
		if (!ret)
			fuzz_reply(s, &req, __atomic_fetch_add(&st->replies_started, 1,
							      __ATOMIC_RELAXED), 0);
		else if (errno == EBADF || errno == ENODEV)
			fuzz_server_reopen(s);
	}
	while (wait(NULL) > 0)
		;
	return 0;
}

static void print_hist(const char *what, const struct fuzz_hist *h)
{
	int i;

	printf("%s", what);
	for (i = 0; i < FUZZ_NERRNO; i++) {
		const char *n = i ? strerrorname_np(i) : "OK";

		if (!h->n[i])
			continue;
		if (i == FUZZ_NERRNO - 1)
			printf(" E>=%d=%llu", i, (unsigned long long)h->n[i]);
		else if (n)
			printf(" %s=%llu", n, (unsigned long long)h->n[i]);
		else
			printf(" E%d=%llu", i, (unsigned long long)h->n[i]);
	}
	printf("\n");
}

/* category REGS: the programs sent and the kernel's answers */
static void report_regs(const struct fuzz_stats *st)
{
	static const char *const prim[FUZZ_NRPRIM] = {
		"none", "READ", "WRITE", "UPDATE", "BULK", "POLL", "SUSPEND", "RESUME", "other",
	};
	static const char *const len[FUZZ_NRLEN] = { "1", "2-8", "9-32", "33-64", ">64" };
	char what[128];
	int c;

	for (c = 0; c < FUZZ_NRCLASS; c++) {
		snprintf(what, sizeof(what), "fuzz: regs %-15s sent %7llu answered:",
			 fuzz_rclass_name[c], (unsigned long long)st->regs_sent[c]);
		print_hist(what, &st->regs[c]);
	}
	printf("fuzz: regs accesses by primitive:");
	for (c = 0; c < FUZZ_NRPRIM; c++)
		printf(" %s=%llu", prim[c], (unsigned long long)st->regs_prim[c]);
	printf("\nfuzz: regs programs by length:");
	for (c = 0; c < FUZZ_NRLEN; c++)
		printf(" %s=%llu", len[c], (unsigned long long)st->regs_len[c]);
	printf("\nfuzz: regs %llu programs ran (%llu accesses done); against the kernel's own "
	       "checks: %llu ran although refused, %llu refused with another errno\n",
	       (unsigned long long)st->regs_ran, (unsigned long long)st->regs_done,
	       (unsigned long long)st->regs_ran_refused,
	       (unsigned long long)st->regs_other_answer);
	printf("fuzz: regs DMA registers (CSR1/2 24/25 30/31 76/78) around the programs "
	       "in a held get_regs: %llu checks, %llu changed\n",
	       (unsigned long long)st->dma_checks, (unsigned long long)st->dma_changed);
}

static void report(const struct fuzz_opts *o, const struct fuzz_stats *st, double secs)
{
	char what[128];
	int c, k;

	printf("fuzz: seed %llu, ports %s: %llu replies (target %llu), %llu ioctls (target %llu), "
	       "%llu server starts, %llu killed by the kernel, %.0f s\n",
	       (unsigned long long)o->seed, o->direct ? "direct" : "mediated",
	       (unsigned long long)st->replies_done,
	       (unsigned long long)o->replies, (unsigned long long)st->ioctls_done,
	       (unsigned long long)o->ioctls, (unsigned long long)st->server_starts,
	       (unsigned long long)st->killed, secs);
	printf("fuzz: %llu replies sent as FETCH commits (the rest as REPLY), "
	       "%llu of them took the next request\n",
	       (unsigned long long)st->via_fetch, (unsigned long long)st->fetch_took);
	for (c = 0; c < FUZZ_NCAT; c++) {
		snprintf(what, sizeof(what), "fuzz: sent %-18s %7llu  REPLY:", fuzz_cat_name[c],
			 (unsigned long long)st->sent[c]);
		print_hist(what, &st->reply[c]);
	}
	print_hist("fuzz: answered REQUEST:", &st->request);
	print_hist("fuzz: answered COPY:", &st->copy);
	print_hist("fuzz: answered open:", &st->reopen);
	for (c = 0; c < FUZZ_NICLASS; c++) {
		printf("fuzz: ioctl %-12s sent", fuzz_iclass_name[c]);
		for (k = 0; k < FUZZ_NPTR; k++)
			printf(" %s=%llu", fuzz_ptr_name[k],
			       (unsigned long long)st->ioctl_sent[c][k]);
		printf("\n");
		snprintf(what, sizeof(what), "fuzz: ioctl %-12s answered:", fuzz_iclass_name[c]);
		print_hist(what, &st->ioctl[c]);
	}
	if (!o->direct)
		report_regs(st);
	fflush(stdout);
}

static void progress(const struct fuzz_opts *o, const struct fuzz_stats *st, double t0)
{
	double el = now_s() - t0, left = 0;
	uint64_t r = st->replies_done, i = st->ioctls_done;
	char line[256];
	FILE *f;

	if (r && r < o->replies)
		left = el * (double)(o->replies - r) / (double)r;
	if (i && i < o->ioctls && el * (double)(o->ioctls - i) / (double)i > left)
		left = el * (double)(o->ioctls - i) / (double)i;
	snprintf(line, sizeof(line),
		 "fuzz: %.0f s: %llu/%llu replies, %llu/%llu ioctls, %.0f replies/s, "
		 "%llu kills; about %.0f s left\n", el, (unsigned long long)r,
		 (unsigned long long)o->replies, (unsigned long long)i,
		 (unsigned long long)o->ioctls, el > 0 ? (double)r / el : 0.0,
		 (unsigned long long)st->killed, left);
	fputs(line, stderr);
	if (o->progress && (f = fopen(o->progress, "w"))) {
		fputs(line, f);
		fclose(f);
	}
}

/* a module parameter: its old value in *old, then ms written */
static int set_param(const char *path, unsigned int v, unsigned int *old)
{
	FILE *f = fopen(path, "r");
	char buf[16];

	if (!f || !fgets(buf, sizeof(buf), f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	/* a bool reads Y or N */
	*old = buf[0] == 'Y' ? 1 : buf[0] == 'N' ? 0 : (unsigned int)strtoul(buf, NULL, 10);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%u\n", v);
	return fclose(f);
}

static int set_deadline(unsigned int ms, unsigned int *old)
{
	return set_param(TIMEOUT_PARAM, ms, old);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fuzz-daemon [--seed N] [--replies N] [--ioctls N] [--seconds S]\n"
		"                   [--deadline-ms MS] [--dev PATH] [--no-stop] [--progress FILE]\n"
		"                   [--ports direct|mediated]\n"
		"  --seed N         the decisions' seed (default 1)\n"
		"  --replies N      requests to answer (default 100000)\n"
		"  --ioctls N       random ioctls (default 10000)\n"
		"  --seconds S      stop after S seconds whatever the counts (default: none)\n"
		"  --deadline-ms MS the module's upcall deadline meanwhile (unanswered\n"
		"                   requests cost that much each; restored at the end)\n"
		"  --dev PATH       the node (default /dev/%s0)\n"
		"  --no-stop        do not run /lab/driver/daemon-stop first\n"
		"  --progress FILE  the last progress line, rewritten every 5 s\n"
		"  --ports P        direct (default): HELLO with PORTS_DIRECT and ioperm, as\n"
		"                   the paper's daemon; mediated: no ports, the ops' register\n"
		"                   programs through the kernel, and category REGS\n"
		"Exit: 0 done, 1 error, 3 stalled (no progress for a minute), 4 the kernel ran\n"
		"a register program its own checks refuse or the DMA registers changed\n",
		PCNET32U_DEVNAME);
}

static int parse(int argc, char **argv, struct fuzz_opts *o)
{
	static const struct option lo[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "replies", required_argument, NULL, 'r' },
		{ "ioctls", required_argument, NULL, 'i' },
		{ "seconds", required_argument, NULL, 't' },
		{ "deadline-ms", required_argument, NULL, 'd' },
		{ "dev", required_argument, NULL, 'D' },
		{ "no-stop", no_argument, NULL, 'n' },
		{ "progress", required_argument, NULL, 'p' },
		{ "ports", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 's': o->seed = strtoull(optarg, NULL, 0); break;
		case 'r': o->replies = strtoull(optarg, NULL, 0); break;
		case 'i': o->ioctls = strtoull(optarg, NULL, 0); break;
		case 't': o->seconds = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'd': o->deadline_ms = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'D': o->dev = optarg; break;
		case 'n': o->stop_cmd = NULL; break;
		case 'p': o->progress = optarg; break;
		case 'P':
			if (strcmp(optarg, "direct") && strcmp(optarg, "mediated"))
				return -1;
			o->direct = !strcmp(optarg, "direct");
			break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct fuzz_opts o = {
		.dev = "/dev/" PCNET32U_DEVNAME "0", .stop_cmd = "/lab/driver/daemon-stop",
		.seed = 1, .replies = 100000, .ioctls = 10000, .direct = 1,
	};
	struct sigaction sa = { .sa_handler = on_alarm };
	struct fuzz_server s = { .fd = -1 };
	unsigned int old_deadline = 0, old_allow = 0;
	double t0, last = 0, moved;
	uint64_t seen = 0;
	struct fuzz_stats *st;
	int status = 0, stalled = 0;
	pid_t server = 0;

	if (parse(argc, argv, &o)) {
		usage(stderr);
		return 2;
	}
	st = mmap(NULL, sizeof(*st) + 64, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (st == MAP_FAILED || fuzz_ioctl_init()) {
		perror("fuzz: mmap");
		return 1;
	}
	stop_flag = (volatile uint32_t *)(st + 1);
	s.dev = o.dev;
	s.seed = o.direct ? o.seed : o.seed ^ FUZZ_MEDIATED_SEED;
	s.direct = o.direct;
	s.st = st;
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (o.stop_cmd && system(o.stop_cmd)) {
		fprintf(stderr, "fuzz: %s failed\n", o.stop_cmd);
		return 1;
	}
	if (o.deadline_ms && set_deadline(o.deadline_ms, &old_deadline)) {
		perror("fuzz: " TIMEOUT_PARAM);
		return 1;
	}
	if (o.direct && set_param(DIRECT_PARAM, 1, &old_allow)) {
		perror("fuzz: " DIRECT_PARAM);
		return 1;
	}
	t0 = now_s();
	moved = t0;
	for (;;) {
		pid_t w;

		if (!server) {
			fuzz_count(&st->server_starts);
			server = fork();
			if (server == 0)
				_exit(serve(&s, &o));
			if (server < 0) {
				perror("fuzz: fork");
				status = 1;
				break;
			}
		}
		w = waitpid(server, &status, WNOHANG);
		if (w == server) {
			server = 0;
			if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
			    !*stop_flag) {
				fuzz_count(&st->killed);	/* by the kernel: go on */
				status = 0;
				continue;
			}
			if (WIFSIGNALED(status))
				fprintf(stderr, "fuzz: the server died of signal %d (%s)\n",
					WTERMSIG(status), strsignal(WTERMSIG(status)));
			status = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
			break;
		}
		if (o.seconds && now_s() - t0 > o.seconds)
			*stop_flag = 1;
		/*
		 * No reply and no ioctl for a minute: the kernel sends no more
		 * requests (a caller died holding the RTNL, say). Stop and say so.
		 */
		if (st->replies_done + st->ioctls_done != seen) {
			seen = st->replies_done + st->ioctls_done;
			moved = now_s();
		} else if (now_s() - moved > STALL_S && !*stop_flag) {
			stalled = 1;
			*stop_flag = 1;
		}
		if (now_s() - last >= 5) {
			progress(&o, st, t0);
			last = now_s();
		}
		usleep(100000);
	}
	progress(&o, st, t0);
	if (o.deadline_ms) {
		unsigned int unused;

		set_deadline(old_deadline, &unused);
	}
	if (o.direct) {
		unsigned int unused;

		set_param(DIRECT_PARAM, old_allow, &unused);
	}
	report(&o, st, now_s() - t0);
	if (stalled) {
		printf("fuzz: stalled: no progress for %d s; the kernel sends no more requests\n",
		       STALL_S);
		return 3;
	}
	if (status)
		fprintf(stderr, "fuzz: the server failed (status %d)\n", status);
	if (status)
		return 1;
	if (st->regs_ran_refused || st->dma_changed) {
		printf("fuzz: the kernel ran %llu register programs its own checks refuse; "
		       "the DMA registers changed %llu times\n",
		       (unsigned long long)st->regs_ran_refused,
		       (unsigned long long)st->dma_changed);
		return 4;
	}
	return 0;
}
