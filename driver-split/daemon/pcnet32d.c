// SPDX-License-Identifier: GPL-2.0
/*
 * pcnet32d: the user-space half of the split pcnet32 driver.
 *
 * Opens the driver's upcall node (one daemon at a time, root only), says
 * HELLO (its ABI version and ops; the kernel answers the NIC's I/O range
 * and state), enters its sandbox (sandbox.c: a uid/gid of its own, no capabilities,
 * not dumpable, a seccomp filter that allows only the serving loop's
 * system calls), publishes the FACT ops' answers computed from HELLO's
 * state (FACTS: so the slow-path code only ever runs sandboxed, and a
 * fault armed in a FACT op fires there), then serves requests, running
 * each op with the very slow-path source the in-kernel build compiles:
 * one FETCH per request (commit the last reply, take the next request
 * with its state), or with --protocol paper the paper's REQUEST, COPY,
 * REPLY. An op reaches the NIC only through register programs that the
 * kernel checks and runs (PCNET32U_IOC_REGS, regs.c): the daemon has no
 * port access. With --ports direct (the paper's design, for the ablation)
 * it says so at HELLO and takes port access to the NIC's range only
 * (ioperm, never iopl) before the sandbox, and runs the programs itself.
 *
 * Once sandboxed it can make no system call but those: no open, no
 * malloc that would need more memory from the system, no stdio stream
 * that is not already set up. The log stream gets its buffer before.
 */
#include <errno.h>
#include <stddef.h>
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
#include "fault.h"
#include "fault-user.h"
#include "pcnet32_upcall.h"
#include "regs.h"
#include "sandbox.h"

static FILE *logf_;
static volatile sig_atomic_t stopping;
/* where the ops' register programs go, and the request they serve */
static struct pcnet32d_chan chan = { .fd = -1 };

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

/*
 * The leave faults (fault.h: PCNET32_FAULT_LEAVE_*, armed as any fault by
 * fault-arm, by op name), after the op ran and before its reply: leave the
 * chip as a broken or hostile daemon would, for the kernel's chip repair
 * to find. suspend (CSR5 SPND set), rap (RAP left at CSR88), dwio (a
 * 32-bit write to RDP: double-word I/O mode), rings (the ring bases
 * CSR24/25 and CSR30/31 zeroed while suspended), iadr (the init-block
 * address CSR1/2 zeroed while suspended), exit (suspend, then die without
 * replying), hang (suspend, then sleep 10 s: past the deadline). Address 0
 * is harmless in the lab: QEMU's chip reads the init block only on INIT
 * and keeps its ring addresses apart. Only with --ports direct: a mediated
 * daemon has no port to leave so.
 */
static void leave_chip(const struct pcnet32_io *io, uint32_t op)
{
	static const uint16_t rings[] = { PCNET32_CSR_BADR_LO, PCNET32_CSR_BADR_HI,
					  PCNET32_CSR_BADX_LO, PCNET32_CSR_BADX_HI };
	static const uint16_t iadr[] = { PCNET32_CSR_IADR_LO, PCNET32_CSR_IADR_HI };
	uint32_t kind = pcnet32d_fault_after(op);
	struct timespec ts = { .tv_sec = 10 };
	unsigned int i;

	if (kind == PCNET32_FAULT_NONE)
		return;
	if (!chan.direct) {
		logmsg("fault %s needs --ports direct: nothing left",
		       pcnet32_fault_kind_name(kind));
		return;
	}
	switch (kind) {
	case PCNET32_FAULT_LEAVE_RAP:
		pcnet32_write_rap(io, PCNET32_CSR_CHIPID_LO);
		return;
	case PCNET32_FAULT_LEAVE_DWIO:
		outl(0, io->base + PCNET32_WIO_RDP);
		return;
	case PCNET32_FAULT_LEAVE_RINGS:
	case PCNET32_FAULT_LEAVE_IADR:
		pcnet32_suspend(io, NULL);
		if (kind == PCNET32_FAULT_LEAVE_RINGS) {
			for (i = 0; i < 4; i++)
				pcnet32_write_csr(io, rings[i], 0);
		} else {
			for (i = 0; i < 2; i++)
				pcnet32_write_csr(io, iadr[i], 0);
		}
		pcnet32_resume(io, NULL);
		return;
	case PCNET32_FAULT_LEAVE_EXIT:
		pcnet32_suspend(io, NULL);
		_exit(1);
	case PCNET32_FAULT_LEAVE_HANG:
		pcnet32_suspend(io, NULL);
		while (nanosleep(&ts, &ts) && errno == EINTR)
			;
		return;
	default:	/* suspend */
		pcnet32_suspend(io, NULL);
		return;
	}
}

static void usage(FILE *f)
{
	fprintf(f, "usage: pcnet32d [--dev PATH] [--log FILE] [--ready FILE] [--keep-root]\n"
		   "                [--seccomp-log] [--protocol fetch|paper]\n"
		   "                [--ports mediated|direct]\n"
		   "       pcnet32d --list-ops\n"
		   "  --dev PATH      the driver's upcall node (default /dev/%s0)\n"
		   "  --log FILE      append the log there (default stderr)\n"
		   "  --ready FILE    create FILE at start; write the pid to it once\n"
		   "                  sandboxed and serving (a non-empty file: ready)\n"
		   "  --keep-root     no sandbox at all (debugging only)\n"
		   "  --seccomp-log   sandbox, but a forbidden system call is logged\n"
		   "                  (kernel log, audit type 1326), not fatal\n"
		   "                  (debugging: which calls does the loop make)\n"
		   "  --protocol P    fetch (default): one FETCH per upcall, facts\n"
		   "                  published at attach; paper: REQUEST, COPY and\n"
		   "                  REPLY per upcall, no facts (the paper's protocol)\n"
		   "  --ports P       mediated (default): no port access, every\n"
		   "                  register access a program the kernel checks\n"
		   "                  and runs; direct: ioperm on the NIC's ports,\n"
		   "                  the kernel stops its fast path around each op\n"
		   "                  on them (the paper's design)\n"
		   "  --list-ops      print the op table as CSV (id,name,fn,side,flags)\n"
		   "                  and exit\n",
		PCNET32U_DEVNAME);
}

/*
 * HELLO: our version and ops; the kernel's NIC facts and state. Test
 * instrumentation: PCNET32D_TEST_VERSION=N says version N instead (a
 * daemon of another ABI, which the kernel must refuse). The daemon's one
 * hook beside the fault points (fault.h): HELLO comes before any op, so
 * before any fault point, and a fault plan is one op's.
 */
static int do_hello(int fd, struct pcnet32u_hello *h)
{
	const char *v = getenv("PCNET32D_TEST_VERSION");

	memset(h, 0, sizeof(*h));
	h->size = sizeof(*h);
	h->version = v ? (uint32_t)strtoul(v, NULL, 10) : PCNET32U_VERSION;
	h->ops[0] = pcnet32d_served_ops();
	if (chan.direct)
		h->flags |= PCNET32U_HELLO_PORTS_DIRECT;
	if (!ioctl(fd, PCNET32U_IOC_HELLO, h))
		return 0;
	if (errno == EPROTONOSUPPORT)
		logmsg("HELLO: the kernel does not speak ABI version %u: exiting",
		       h->version);
	else
		logmsg("HELLO: %s", strerror(errno));
	return -1;
}

/*
 * FACTS: the answers of the FACT ops, by the slow-path functions, for
 * HELLO's state. A refusal is logged and not fatal: the kernel then asks
 * those ops as upcalls.
 */
static void do_facts(int fd, const struct pcnet32_io *io,
		     const struct pcnet32u_hello *h)
{
	static struct pcnet32u_facts f;
	int ret = pcnet32d_facts(io, h->nic.state, h->nic.state_len, &f);

	/* a badlen fault in a FACT op: the facts are the reply it spoils */
	f.size = pcnet32d_fault_reply_len(f.size);
	if (ret) {
		logmsg("facts: %s (none published)", strerror(-ret));
		return;
	}
	if (ioctl(fd, PCNET32U_IOC_FACTS, &f))
		logmsg("FACTS refused: %s (the kernel will ask)", strerror(errno));
}

/* The paper's protocol: REQUEST, COPY, REPLY per upcall. */
static int serve_paper(int fd, const struct pcnet32_io *io, unsigned long *served)
{
	static struct pcnet32u_request req;
	static struct pcnet32u_reply rep;
	static struct pcnet32u_copy copy;

	while (!stopping) {
		uint64_t t0, t1, t2;
		uint32_t rep_len = 0;
		int status;

		memset(&req, 0, offsetof(struct pcnet32u_request, arg));
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
		memset(&rep, 0, sizeof(rep));
		chan.id = req.id;
		status = pcnet32d_dispatch(io, &chan, copy.state, copy.state_len,
					   req.op, req.arg, req.arg_len, rep.rep,
					   sizeof(rep.rep), &rep_len);
		leave_chip(io, req.op);
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
		(*served)++;
	}
	return 0;
}

/*
 * One FETCH per upcall: it commits the reply to the request we hold and
 * returns the next request with its state. A refused commit fetches
 * nothing: log it and fetch again with id 0.
 */
static int serve_fetch(int fd, const struct pcnet32_io *io, unsigned long *served)
{
	static struct pcnet32u_fetch f;
	uint64_t held = 0;
	uint32_t op = 0;

	while (!stopping) {
		uint64_t t1, t2;
		uint32_t rep_len = 0;
		int status;

		f.size = sizeof(f);
		f.version = PCNET32U_VERSION;
		if (ioctl(fd, PCNET32U_IOC_FETCH, &f)) {
			int err = errno;

			if (held && (err == ENOENT || err == EINVAL || err == EIO)) {
				/* ENOENT: the caller gave up (deadline) before we answered */
				logmsg("reply to request %llu (op %u) refused: %s",
				       (unsigned long long)held, op, strerror(err));
			} else if (err != EINTR) {
				logmsg("FETCH: %s", strerror(err));
				return 1;
			} else if (held) {
				(*served)++;	/* EINTR comes after the commit */
			}
			held = 0;
			memset(&f, 0, offsetof(struct pcnet32u_fetch, arg));
			continue;
		}
		if (held)
			(*served)++;
		held = f.id;
		op = f.op;
		t1 = now_ns();
		chan.id = held;
		status = pcnet32d_dispatch(io, &chan, f.state, f.state_len, op,
					   f.arg, f.arg_len, f.rep, sizeof(f.rep),
					   &rep_len);
		leave_chip(io, op);
		t2 = now_ns();
		/* the commit rides on the next FETCH */
		f.status = status;
		f.rep_len = pcnet32d_fault_reply_len(status ? 0 : rep_len);
		f.proc_ns = t2 - t1;
	}
	/* stopping with a reply in hand: hand it in, wait for nothing */
	if (held) {
		f.flags = PCNET32U_FETCH_NOWAIT;
		if (ioctl(fd, PCNET32U_IOC_FETCH, &f))
			logmsg("last reply (request %llu) refused: %s",
			       (unsigned long long)held, strerror(errno));
		else
			(*served)++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/" PCNET32U_DEVNAME "0", *ready = NULL;
	static struct pcnet32u_hello hello;
	static char logbuf[BUFSIZ];
	struct sigaction sa = { .sa_handler = on_term };
	struct pcnet32d_sandbox sb = { .ready_fd = -1 };
	struct pcnet32_io io;
	int fd, keep_root = 0, paper = 0, i, ret;
	unsigned long served = 0;
	uint32_t id = 0;
	char why[256];

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
		} else if (!strcmp(argv[i], "--seccomp-log")) {
			sb.seccomp_log = 1;
		} else if (!strcmp(argv[i], "--protocol") && i + 1 < argc &&
			   (!strcmp(argv[i + 1], "fetch") || !strcmp(argv[i + 1], "paper"))) {
			paper = !strcmp(argv[++i], "paper");
		} else if (!strcmp(argv[i], "--ports") && i + 1 < argc &&
			   (!strcmp(argv[i + 1], "mediated") ||
			    !strcmp(argv[i + 1], "direct"))) {
			chan.direct = !strcmp(argv[++i], "direct");
		} else if (!strcmp(argv[i], "--list-ops")) {
			pcnet32d_list_ops(stdout);
			return fflush(stdout) ? 1 : 0;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	/* the stream's buffer now: stdio would malloc it at the first line */
	setvbuf(logf_, logbuf, _IOLBF, sizeof(logbuf));
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		logmsg("open %s: %s%s", dev, strerror(errno),
		       errno == EBUSY ? " (another daemon serves this NIC)" : "");
		return errno == EBUSY ? 3 : 1;
	}
	chan.fd = fd;
	if (do_hello(fd, &hello))
		return 1;
	/* the kernel says which ports are ours; still, a NIC's range is small */
	if (!hello.nic.io_len || hello.nic.io_len > 0x100 ||
	    hello.nic.io_base > 0xffff - hello.nic.io_len) {
		logmsg("implausible I/O range 0x%x+0x%x", hello.nic.io_base, hello.nic.io_len);
		return 1;
	}
	io.base = hello.nic.io_base;
	if (chan.direct && ioperm(hello.nic.io_base, hello.nic.io_len, 1)) {
		logmsg("ioperm 0x%x+0x%x: %s", hello.nic.io_base, hello.nic.io_len,
		       strerror(errno));
		return 1;
	}
	if (ready) {
		/* exists: starting; non-empty: sandboxed and serving */
		sb.ready_fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (sb.ready_fd < 0)
			logmsg("%s: %s", ready, strerror(errno));
	}
	/* the fault points' control file: root's, so mapped before the drop */
	if (pcnet32d_fault_setup(fileno(logf_)))
		logmsg("fault control file: %s (fault points disarmed)", strerror(errno));
	/*
	 * Everything that needs a system call the filter forbids happens
	 * before this point (the fault-injection set-up, pcnet32d_fault_setup(),
	 * maps its control file here, before the sandbox).
	 */
	if (!keep_root) {
		sb.node_fd = fd;
		sb.log_fd = fileno(logf_);
		sb.paper = paper;
		if (pcnet32d_sandbox_pick_id(&id, why, sizeof(why)) ||
		    pcnet32d_sandbox_enter(&sb, id, why, sizeof(why))) {
			logmsg("sandbox: %s", why);
			return 1;
		}
	}
	/*
	 * Facts: computed here, sandboxed, with the ports and the fault points
	 * of the serving loop (a fault armed in a FACT op fires here). The
	 * paper's protocol publishes none: its questions go up.
	 */
	if (!paper)
		do_facts(fd, &io, &hello);
	logmsg("serving %s (%s, ports 0x%x-0x%x %s, irq %u, protocol %s) %s %u%s",
	       hello.nic.ifname, dev, hello.nic.io_base,
	       hello.nic.io_base + hello.nic.io_len - 1,
	       chan.direct ? "direct" : "mediated", hello.nic.irq,
	       paper ? "paper" : "fetch",
	       keep_root ? "as root, no sandbox" : "sandboxed as uid/gid",
	       id, sb.seccomp_log ? " (seccomp: log only)" : "");
	if (sb.ready_fd >= 0) {
		/* not dprintf(): it sets up a stream, with an fstat */
		char pid[16];
		int n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());

		if (write(sb.ready_fd, pid, n) != n)
			logmsg("%s: %s", ready, strerror(errno));
	}
	ret = paper ? serve_paper(fd, &io, &served) : serve_fetch(fd, &io, &served);
	/* no close(): the filter does not allow it; exit closes the node */
	logmsg("stopping after %lu requests", served);
	return ret;
}
