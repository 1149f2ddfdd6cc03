// SPDX-License-Identifier: GPL-2.0
/*
 * upcall-hostile: a daemon that breaks the rules, for the lab suite
 * tests/lab/hostile/. It opens the split driver's upcall node the
 * way pcnet32d does and then lies, races or hands the node on, so that the
 * tests can show what the kernel makes of it. Test instrumentation only;
 * it runs as root in the guest.
 *
 * usage: upcall-hostile [--dev PATH] MODE
 *   lie          serve requests with wrong sizes and forbidden statuses
 *                (see serve_lie); one line per request on stdout
 *   copy-loop    COPY (id 0) until it fails; prints copies=N err=NAME
 *   wait FILE    COPY once, wait until FILE exists, then try REQUEST, COPY
 *                and REPLY once each; prints their results
 *   copy-id      COPY with id 0 and with an id never issued
 *   fork         the parent opens the node, a child tries REQUEST, COPY and
 *                REPLY on the inherited descriptor; then the parent COPYs
 *   hold-thread  a second thread takes requests and never answers them,
 *                while the first (the opener) sleeps
 *   handshake    (no HELLO first) commands before HELLO, HELLOs of other
 *                versions, sizes, reserved bits and ops, HELLO twice,
 *                FACTS out of bounds, twice; FETCH with bad commits; one
 *                line per attempt: "WHAT: RESULT"
 *   declare MASK HELLO declaring only the ops of MASK (hex bitmap), poll()
 *                for the first request, then FETCH, answering EOPNOTSUPP to
 *                every request ("got op N")
 *   regs         a mediated daemon that tries the register firewall: a
 *                program without a request held; then, per request taken
 *                (FETCH), programs the op's table forbids (every DMA,
 *                control and mode register a write of its own), malformed
 *                ones, and one it allows; one line per program,
 *                "op N WHAT: RESULT [n_vals]"; every request is answered
 *                EIO; it stops after the first GET_REGS request
 * Every mode but handshake says HELLO first (all ops, no facts).
 * Exit status 0 when it ran (the results are in its output), 1 on a setup
 * failure.
 */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ops.h"
#include "pcnet32_upcall.h"

static int fd = -1;

static const char *ename(int e)
{
	const char *n = e ? strerrorname_np(e) : "OK";

	return n ? n : "UNKNOWN";
}

/* an ioctl's result as "OK" or the errno's name */
static const char *res(int ret)
{
	return ename(ret ? errno : 0);
}

static int do_copy(__u64 id)
{
	static struct pcnet32u_copy c;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.version = PCNET32U_VERSION;
	c.id = id;
	return ioctl(fd, PCNET32U_IOC_COPY, &c);
}

static int do_request(struct pcnet32u_request *q)
{
	memset(q, 0, sizeof(*q));
	q->size = sizeof(*q);
	q->version = PCNET32U_VERSION;
	return ioctl(fd, PCNET32U_IOC_REQUEST, q);
}

static int hello_mask(__u64 ops)
{
	static struct pcnet32u_hello h;

	memset(&h, 0, sizeof(h));
	h.size = sizeof(h);
	h.version = PCNET32U_VERSION;
	h.ops[0] = ops;
	return ioctl(fd, PCNET32U_IOC_HELLO, &h);
}

/* the ops pcnet32d serves: every op but the kernel's self-test */
#define ALL_USER_OPS	(((1ULL << PCNET32_OP_MAX) - 2) & ~(1ULL << PCNET32_OP_SELF_TEST))

static int do_reply(__u64 id, __u32 op, int status, const void *rep,
		    __u32 rep_len)
{
	static struct pcnet32u_reply r;

	memset(&r, 0, sizeof(r));
	r.size = sizeof(r);
	r.version = PCNET32U_VERSION;
	r.id = id;
	r.op = op;
	r.status = status;
	r.rep_len = rep_len;
	if (rep_len)
		memcpy(r.rep, rep, rep_len);
	return ioctl(fd, PCNET32U_IOC_REPLY, &r);
}

/*
 * Lies, per op: a self-test count of 0 and no test strings (the ethtool
 * core allocates by the count), a register dump longer than the chip's
 * (336 bytes: the MII layout, on a chip without MII), ERESTARTSYS (-512,
 * kernel-internal) to nway_reset, ETIMEDOUT (the channel's own) to
 * get_link and get_link_ksettings, EOPNOTSUPP with a payload to
 * get_ringparam; EOPNOTSUPP, the
 * honest answer, to the rest.
 */
static int serve_lie(void)
{
	static struct pcnet32u_request q;
	static struct pcnet32_regs_rep regs;
	struct pcnet32_strings_rep strings;
	struct pcnet32_u32 v;
	struct pcnet32_ring ring;
	int ret;

	for (;;) {
		const void *rep = NULL;
		__u32 len = 0;
		int status = 0;

		if (do_request(&q)) {
			if (errno == EINTR)
				continue;
			printf("REQUEST %s\n", res(-1));
			return 0;
		}
		if (do_copy(q.id))
			printf("COPY %s\n", res(-1));
		switch (q.op) {
		case PCNET32_OP_GET_SSET_COUNT:
			v.value = 0;
			rep = &v;
			len = sizeof(v);
			break;
		case PCNET32_OP_GET_STRINGS:
			memset(&strings, 0, sizeof(strings));
			rep = &strings;
			len = sizeof(strings);
			break;
		case PCNET32_OP_GET_REGS_LEN:
			v.value = PCNET32_DUMP_MAX_WORDS * 2;	/* the MII layout */
			rep = &v;
			len = sizeof(v);
			break;
		case PCNET32_OP_GET_REGS:
			memset(&regs, 0xab, sizeof(regs));
			regs.len = PCNET32_DUMP_MAX_WORDS * 2;
			rep = &regs;
			len = sizeof(regs);
			break;
		case PCNET32_OP_NWAY_RESET:
			status = -512;
			break;
		case PCNET32_OP_GET_LINK:
		case PCNET32_OP_GET_LINK_KSETTINGS:
			status = -ETIMEDOUT;
			break;
		case PCNET32_OP_GET_RINGPARAM:
			memset(&ring, 0, sizeof(ring));
			status = -EOPNOTSUPP;
			rep = &ring;
			len = sizeof(ring);
			break;
		default:
			status = -EOPNOTSUPP;
			break;
		}
		ret = do_reply(q.id, q.op, status, rep, len);
		printf("op %u status %d len %u: REPLY %s\n", q.op, status, len,
		       res(ret));
		fflush(stdout);
	}
}

static int copy_loop(void)
{
	unsigned long n = 0;

	while (!do_copy(0))
		n++;
	printf("copies=%lu err=%s\n", n, ename(errno));
	return 0;
}

static int wait_then_try(const char *file)
{
	struct pcnet32u_request q;
	struct stat sb;
	int ret;

	printf("COPY %s\n", res(do_copy(0)));
	fflush(stdout);
	while (stat(file, &sb))
		usleep(20000);
	ret = do_request(&q);
	printf("REQUEST %s\n", res(ret));
	printf("COPY %s\n", res(do_copy(0)));
	printf("REPLY %s\n", res(do_reply(1, PCNET32_OP_GET_LINK, 0, NULL, 0)));
	return 0;
}

static int copy_id(void)
{
	printf("COPY id 0: %s\n", res(do_copy(0)));
	printf("COPY id 999999: %s\n", res(do_copy(999999)));
	return 0;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static int fork_child(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct pcnet32u_request q;
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		printf("child COPY %s\n", res(do_copy(0)));
		printf("child REPLY %s\n",
		       res(do_reply(1, PCNET32_OP_GET_LINK, 0, NULL, 0)));
		/*
		 * Where a child may drive the channel, REQUEST blocks (no
		 * request comes): the alarm ends it with EINTR.
		 */
		sigaction(SIGALRM, &sa, NULL);
		alarm(3);
		printf("child REQUEST %s\n", res(do_request(&q)));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("parent COPY %s\n", res(do_copy(0)));
	return 0;
}

static void *hold(void *arg)
{
	struct pcnet32u_request q;

	(void)arg;
	for (;;) {
		if (do_request(&q) && errno != EINTR)
			break;
		printf("thread took op %u\n", q.op);
		fflush(stdout);
	}
	printf("thread REQUEST %s\n", res(-1));
	return NULL;
}

static int hold_thread(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, hold, NULL))
		return 1;
	printf("holding, pid %d\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}

/* facts pcnet32d would publish for a chip without MII, then one lie */
static void facts_ok(struct pcnet32u_facts *f)
{
	int i;

	memset(f, 0, sizeof(*f));
	f->size = sizeof(*f);
	f->version = PCNET32U_VERSION;
	f->regs_len = PCNET32_DUMP_LEN(0);
	for (i = 0; i < PCNET32U_NSSETS; i++)
		f->sset_count[i] = -EOPNOTSUPP;
	f->sset_count[PCNET32_SS_TEST] = PCNET32_TEST_LEN;
}

static void fetch_init(struct pcnet32u_fetch *f, __u64 id)
{
	memset(f, 0, offsetof(struct pcnet32u_fetch, arg));
	f->size = sizeof(*f);
	f->version = PCNET32U_VERSION;
	f->id = id;
	if (id)
		f->op = PCNET32_OP_GET_LINK;
}

static void on_alarm(int sig);

static int handshake(void)
{
	static struct pcnet32u_hello h;
	static struct pcnet32u_facts f;
	static struct pcnet32u_fetch x;
	struct sigaction sa = { .sa_handler = on_alarm };
	/* a HELLO of another (older or newer) ABI: another size, too */
	struct { __u32 size, version; __u8 rest[56]; } old = { 64, 2, { 0 } };

	printf("COPY before HELLO: %s\n", res(do_copy(0)));
	fetch_init(&x, 0);
	printf("FETCH before HELLO: %s\n", res(ioctl(fd, PCNET32U_IOC_FETCH, &x)));
	facts_ok(&f);
	printf("FACTS before HELLO: %s\n", res(ioctl(fd, PCNET32U_IOC_FACTS, &f)));
	printf("HELLO v2, 64 bytes: %s\n",
	       res(ioctl(fd, _IOWR(PCNET32U_IOC_MAGIC, PCNET32U_IOC_NR_HELLO, old), &old)));
#define TRY_HELLO(what, change) do {					\
		memset(&h, 0, sizeof(h));				\
		h.size = sizeof(h);					\
		h.version = PCNET32U_VERSION;				\
		h.ops[0] = ALL_USER_OPS;				\
		change;							\
		printf("HELLO %s: %s\n", what,				\
		       res(ioctl(fd, PCNET32U_IOC_HELLO, &h)));		\
	} while (0)
	TRY_HELLO("version 2", h.version = 2);
	TRY_HELLO("version next", h.version = PCNET32U_VERSION + 1);
	TRY_HELLO("size - 8", h.size -= 8);
	TRY_HELLO("flags", h.flags = 2);
	/* the test runs it with the module's allow_direct_ports off */
	TRY_HELLO("direct ports", h.flags = PCNET32U_HELLO_PORTS_DIRECT);
	TRY_HELLO("pad", h.pad = 1);
	TRY_HELLO("reserved", h.reserved[3] = 1);
	TRY_HELLO("nic not zero", h.nic.irq = 1);
	TRY_HELLO("kernel op", h.ops[0] |= 1ULL << PCNET32_OP_SELF_TEST);
	TRY_HELLO("unknown op", h.ops[0] |= 1ULL << 40);
	TRY_HELLO("op 0", h.ops[0] |= 1);
	TRY_HELLO("ok", (void)0);
	{
		struct pollfd p = { .fd = fd, .events = POLLIN };

		printf("poll idle: %d\n", poll(&p, 1, 0));
	}
	printf("nic: io_len 0x%x has_mii %u state_len %u ifname %s\n", h.nic.io_len,
	       h.nic.has_mii, h.nic.state_len, h.nic.ifname);
	TRY_HELLO("twice", (void)0);
#define TRY_FACTS(what, change) do {					\
		facts_ok(&f);						\
		change;							\
		printf("FACTS %s: %s\n", what,				\
		       res(ioctl(fd, PCNET32U_IOC_FACTS, &f)));		\
	} while (0)
	TRY_FACTS("regs_len MII", f.regs_len = PCNET32_DUMP_LEN(1));
	TRY_FACTS("regs_len 0", f.regs_len = 0);
	TRY_FACTS("test count 0", f.sset_count[PCNET32_SS_TEST] = 0);
	TRY_FACTS("test count -95", f.sset_count[PCNET32_SS_TEST] = -EOPNOTSUPP);
	TRY_FACTS("stats count 2", f.sset_count[1] = 2);
	TRY_FACTS("set 31 count -22", f.sset_count[31] = -EINVAL);
	TRY_FACTS("set 7 count 1", f.sset_count[7] = 1);
	TRY_FACTS("twice", (void)0);
	facts_ok(&f);
	f.reserved[0] = 1;
	printf("FACTS reserved: %s\n", res(ioctl(fd, PCNET32U_IOC_FACTS, &f)));
#define TRY_FETCH(what, change) do {					\
		fetch_init(&x, 999999);					\
		change;							\
		printf("FETCH %s: %s\n", what,				\
		       res(ioctl(fd, PCNET32U_IOC_FETCH, &x)));		\
	} while (0)
	TRY_FETCH("stale id", (void)0);
	TRY_FETCH("size", x.size = 64);
	TRY_FETCH("version", x.version = 2);
	TRY_FETCH("flags", x.flags = 2);
	TRY_FETCH("nowait, stale id", x.flags = PCNET32U_FETCH_NOWAIT);
	TRY_FETCH("nowait, id 0", { x.id = 0; x.op = 0; x.flags = PCNET32U_FETCH_NOWAIT; });
	TRY_FETCH("reserved", x.reserved[1] = 1);
	TRY_FETCH("status 1", x.status = 1);
	TRY_FETCH("status -4096", x.status = -4096);
	TRY_FETCH("status with payload", { x.status = -EIO; x.rep_len = 4; });
	TRY_FETCH("rep_len 4097", x.rep_len = PCNET32U_MAX_REPLY + 1);
	TRY_FETCH("proc_ns 61 s", x.proc_ns = 61ULL * 1000000000ULL);
	/* id 0 and no request queued: it blocks; the alarm ends it */
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	TRY_FETCH("id 0, nothing queued", { x.id = 0; x.op = 0; });
	TRY_FETCH("id 0 with a status", { x.id = 0; x.op = 0; x.status = -EIO; });
	return 0;
}

/*
 * FETCH (committing what x holds) until a request comes: 0 with it in x;
 * -1 when FETCH fails otherwise than by a signal ("FETCH ERRNO" printed)
 */
static int fetch_next(struct pcnet32u_fetch *x)
{
	while (ioctl(fd, PCNET32U_IOC_FETCH, x)) {
		if (errno != EINTR) {
			printf("FETCH %s\n", res(-1));
			return -1;
		}
		fetch_init(x, 0);
	}
	return 0;
}

static struct pcnet32u_regs rb;

static void regs_init(__u64 id, __u32 n)
{
	memset(&rb, 0, sizeof(rb));
	rb.size = sizeof(rb);
	rb.version = PCNET32U_VERSION;
	rb.id = id;
	rb.n_ops = n;
}

static void regs_op(__u32 i, __u8 cmd, __u8 space, __u16 reg, __u16 mask,
		    __u16 val, __u16 count)
{
	struct pcnet32u_reg_op *o = &rb.ops[i];

	o->cmd = cmd;
	o->space = space;
	o->reg = reg;
	o->mask = mask;
	o->val = val;
	o->count = count;
}

static void regs_try(__u32 op, const char *what)
{
	int ret = ioctl(fd, PCNET32U_IOC_REGS, &rb);

	printf("op %u %s: %s", op, what, res(ret));
	if (!ret)
		printf(" %u", rb.n_vals);
	putchar('\n');
}

/* a one-access program */
#define REGS1(OP, WHAT, CMD, SPACE, REG, MASK, VAL, COUNT) do {		\
	regs_init(id, 1);						\
	regs_op(0, CMD, SPACE, REG, MASK, VAL, COUNT);			\
	regs_try(OP, WHAT);						\
} while (0)

/* what the firewall makes of one request's programs */
static void regs_probe(__u64 id, __u32 op)
{
	static const struct { __u8 space; __u16 reg; const char *name; } never[] = {
		{ PCNET32U_SPACE_CSR, 0, "CSR0" }, { PCNET32U_SPACE_CSR, 1, "CSR1" },
		{ PCNET32U_SPACE_CSR, 2, "CSR2" }, { PCNET32U_SPACE_CSR, 3, "CSR3" },
		{ PCNET32U_SPACE_CSR, 4, "CSR4" }, { PCNET32U_SPACE_CSR, 5, "CSR5" },
		{ PCNET32U_SPACE_CSR, 15, "CSR15" }, { PCNET32U_SPACE_CSR, 24, "CSR24" },
		{ PCNET32U_SPACE_CSR, 25, "CSR25" }, { PCNET32U_SPACE_CSR, 30, "CSR30" },
		{ PCNET32U_SPACE_CSR, 31, "CSR31" }, { PCNET32U_SPACE_CSR, 58, "CSR58" },
		{ PCNET32U_SPACE_CSR, 76, "CSR76" }, { PCNET32U_SPACE_CSR, 78, "CSR78" },
		{ PCNET32U_SPACE_BCR, 18, "BCR18" }, { PCNET32U_SPACE_BCR, 19, "BCR19" },
		{ PCNET32U_SPACE_BCR, 20, "BCR20" }, { PCNET32U_SPACE_BCR, 22, "BCR22" },
		{ PCNET32U_SPACE_BCR, 32, "BCR32" }, { PCNET32U_SPACE_BCR, 33, "BCR33" },
		{ PCNET32U_SPACE_BCR, 34, "BCR34" },
	};
	char what[64];
	unsigned int i;

	for (i = 0; i < sizeof(never) / sizeof(never[0]); i++) {
		snprintf(what, sizeof(what), "write %s", never[i].name);
		REGS1(op, what, PCNET32U_REG_WRITE, never[i].space, never[i].reg,
		      0, 0, 0);
		snprintf(what, sizeof(what), "update %s", never[i].name);
		REGS1(op, what, PCNET32U_REG_UPDATE, never[i].space, never[i].reg,
		      0xffff, 0x0004, 0);
	}
	/* RAP, the reset ports, 32-bit I/O: no space names them */
	REGS1(op, "space 4", PCNET32U_REG_READ, 4, 0, 0, 0, 0);
	REGS1(op, "space 255", PCNET32U_REG_WRITE, 255, 0, 0, 0, 0);
	REGS1(op, "write APROM", PCNET32U_REG_WRITE, PCNET32U_SPACE_APROM, 0, 0, 0, 0);
	REGS1(op, "cmd 0", 0, PCNET32U_SPACE_CSR, 0, 0, 0, 0);
	REGS1(op, "cmd 8", 8, PCNET32U_SPACE_CSR, 0, 0, 0, 0);
	REGS1(op, "suspend unresumed", PCNET32U_REG_SUSPEND, 0, 0, 0, 0, 0);
	REGS1(op, "csr 128", PCNET32U_REG_READ, PCNET32U_SPACE_CSR, 128, 0, 0, 0);
	REGS1(op, "poll 2000 us", PCNET32U_REG_POLL, PCNET32U_SPACE_CSR, 0, 1, 1, 2000);
	regs_init(id, 1);
	regs_op(0, PCNET32U_REG_READ, PCNET32U_SPACE_CSR, 0, 0, 0, 0);
	rb.reserved[2] = 1;
	regs_try(op, "reserved");
	regs_init(id, 0);
	regs_try(op, "0 accesses");
	regs_init(id, PCNET32U_REGS_MAX_OPS + 1);
	regs_try(op, "65 accesses");
	/* allowed to the dump only: reads, and a suspend that is resumed */
	regs_init(id, 4);
	regs_op(0, PCNET32U_REG_SUSPEND, 0, 0, 0, 0, 0);
	regs_op(1, PCNET32U_REG_BULK, PCNET32U_SPACE_CSR, 0, 0, 0, 90);
	regs_op(2, PCNET32U_REG_BULK, PCNET32U_SPACE_BCR, 0, 0, 0, 36);
	regs_op(3, PCNET32U_REG_RESUME, 0, 0, 0, 0, 0);
	regs_try(op, "dump reads");
	/* one forbidden access spoils the whole program: nothing runs */
	regs_init(id, 2);
	regs_op(0, PCNET32U_REG_READ, PCNET32U_SPACE_CSR, 0, 0, 0, 0);
	regs_op(1, PCNET32U_REG_WRITE, PCNET32U_SPACE_CSR, 24, 0, 0, 0);
	regs_try(op, "read then write CSR24");
}

/* a mediated daemon against the register firewall */
static int regs_mode(void)
{
	static struct pcnet32u_fetch x;
	__u64 id = 424242;

	/* no request held: nothing to serve a program for */
	REGS1(0, "no request", PCNET32U_REG_READ, PCNET32U_SPACE_CSR, 0, 0, 0, 0);
	fetch_init(&x, 0);
	while (!fetch_next(&x)) {
		id = x.id;
		printf("got op %u\n", x.op);
		regs_probe(id, x.op);
		x.status = -EIO;
		x.rep_len = 0;
		x.proc_ns = 0;
		if (x.op == PCNET32_OP_GET_REGS) {
			x.flags = PCNET32U_FETCH_NOWAIT;
			printf("last reply: %s\n",
			       res(ioctl(fd, PCNET32U_IOC_FETCH, &x)));
			return 0;
		}
	}
	return 0;
}

/* serve by FETCH, refusing everything: which ops reach us */
static int declare(__u64 mask)
{
	static struct pcnet32u_fetch x;
	int ret;

	ret = hello_mask(mask);
	printf("HELLO 0x%llx: %s\n", (unsigned long long)mask, res(ret));
	if (ret)
		return 0;
	/* the first request queued: poll() says so (at most 5 s) */
	{
		struct pollfd p = { .fd = fd, .events = POLLIN };

		ret = poll(&p, 1, 5000);
		printf("poll %d%s%s\n", ret, p.revents & POLLIN ? " POLLIN" : "",
		       p.revents & POLLHUP ? " POLLHUP" : "");
	}
	fetch_init(&x, 0);
	while (!fetch_next(&x)) {
		printf("got op %u\n", x.op);
		x.status = -EOPNOTSUPP;
		x.rep_len = 0;
		x.proc_ns = 0;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/" PCNET32U_DEVNAME "0";
	int i = 1;

	if (argc > 2 && !strcmp(argv[1], "--dev")) {
		dev = argv[2];
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: upcall-hostile [--dev PATH] MODE\n");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(dev, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "upcall-hostile: %s: %s\n", dev, strerror(errno));
		return 1;
	}
	if (!strcmp(argv[i], "handshake"))
		return handshake();
	if (!strcmp(argv[i], "declare") && i + 1 < argc)
		return declare(strtoull(argv[i + 1], NULL, 16));
	if (hello_mask(ALL_USER_OPS)) {
		fprintf(stderr, "upcall-hostile: HELLO: %s\n", strerror(errno));
		return 1;
	}
	if (!strcmp(argv[i], "lie"))
		return serve_lie();
	if (!strcmp(argv[i], "copy-loop"))
		return copy_loop();
	if (!strcmp(argv[i], "wait") && i + 1 < argc)
		return wait_then_try(argv[i + 1]);
	if (!strcmp(argv[i], "copy-id"))
		return copy_id();
	if (!strcmp(argv[i], "fork"))
		return fork_child();
	if (!strcmp(argv[i], "hold-thread"))
		return hold_thread();
	if (!strcmp(argv[i], "regs"))
		return regs_mode();
	fprintf(stderr, "upcall-hostile: unknown mode %s\n", argv[i]);
	return 1;
}
