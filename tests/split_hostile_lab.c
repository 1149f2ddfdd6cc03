// SPDX-License-Identifier: GPL-2.0
/*
 * Lab tests of the split build against a hostile or broken daemon: the
 * kernel end of the upcall channel must survive whatever holds the node.
 * A rule-breaking daemon (driver-split/guest/upcall-hostile.c, in the guest
 * as /lab/driver/upcall-hostile) lies about sizes and statuses, races the
 * NIC's removal, hands its descriptor to a child; the real daemon is
 * stopped (SIGSTOP), killed mid-op, or has its caller killed. Every test
 * command fails with the lab's 242 if the kernel WARNs, oopses or taints.
 * One guest for the whole suite.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME "chan-hostile"


/* a guest shell function: milliseconds since boot (10 ms steps) */
#define NOW_MS "now_ms() { awk '\\''{ printf \"%d\", $1 * 1000 }'\\'' /proc/uptime; }; "
/* the first line of the channel's debugfs samples: its counters */
#define COUNTERS "head -1 /sys/kernel/debug/pcnet32-upcall0/samples; "
#define RESET_COUNTERS "echo 0 > /sys/kernel/debug/pcnet32-upcall0/samples; "
/* wait (at most 15 s) until a supervised daemon serves */
#define WAIT_READY "i=0; until [ -e /run/pcnet32d.ready ]; do [ $i -lt 150 ] || break; " \
	"sleep 0.1; i=$((i+1)); done; "

/* Run a shell command in the guest. */
static void gsh(struct th_result *r, int timeout, const char *cmd)
{
	th_lab_sh(r, NAME, timeout, NOW_MS, cmd);
}

/* the integer after key in s, or def */
static int num_after(const char *s, const char *key, int def)
{
	const char *p = strstr(s, key);

	return p ? atoi(p + strlen(key)) : def;
}

static int hostile_init(void)
{
	return th_lab_up(NAME, "split");
}

static int hostile_clean(void)
{
	th_lab_down(NAME);
	return 0;
}

static void test_only_the_opener(void)
{
	struct th_result r;

	/*
	 * A child that inherited the daemon's descriptor cannot drive the
	 * channel (EPERM, counted as foreign); the opener still can. A
	 * COPY naming a request the daemon does not hold is refused, from a
	 * 64-bit and a 32-bit daemon alike.
	 */
	gsh(&r, 60, "/lab/driver/daemon-stop && " RESET_COUNTERS
		    "/lab/driver/upcall-hostile fork; /lab/driver/upcall-hostile copy-id; "
		    "/lab/driver/upcall-hostile32 copy-id | sed \"s/^/32: /\"; "
		    COUNTERS "/lab/driver/daemon-start");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "child COPY EPERM\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "child REPLY EPERM\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "child REQUEST EPERM\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "parent COPY OK\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " foreign 3 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "COPY id 0: OK\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "COPY id 999999: EINVAL\n"));
	/* a 32-bit daemon gets the same answers (the compat ioctl) */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "32: COPY id 0: OK\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "32: COPY id 999999: EINVAL\n"));
	th_free(&r);
}

static void test_kill_reaches_the_thread_group(void)
{
	struct th_result r;

	/*
	 * A second thread takes nway_reset (on the ports) and never answers:
	 * at the deadline the kernel kills the whole process, not only the
	 * thread that opened the node, and waits for the node's release.
	 */
	gsh(&r, 60, "/lab/driver/daemon-stop && " RESET_COUNTERS
		    "/lab/driver/upcall-hostile hold-thread > /tmp/hold.out & h=$!; sleep 0.5; "
		    "ethtool -r eth0; wait $h; echo hold=$?; cat /tmp/hold.out; " COUNTERS
		    "/lab/driver/daemon-start && ethtool -i eth0 | head -2");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "thread took op 6\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "hold=137\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " killed 1 hello "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\n"));
	th_free(&r);
}

static void test_nic_unbound_under_daemon(void)
{
	struct th_result r;

	/*
	 * The NIC goes away (PCI unbind) under its daemon: every ioctl of a
	 * daemon whose NIC is gone fails with ENODEV, whether it was waiting
	 * for a request (the supervised pcnet32d exits), or issues them
	 * after (upcall-hostile wait), or races COPY against the removal
	 * (copy-loop); nothing touches the freed driver. Bound again, the
	 * NIC gets node 0 again and the supervisor's daemon serves it.
	 */
	gsh(&r, 120,
	    "dev=$(basename $(readlink /sys/class/net/eth0/device)); drv=/sys/bus/pci/drivers/pcnet32; "
	    ": > /var/log/pcnet32d.log; "
	    "echo $dev > $drv/unbind; sleep 1; "
	    "echo asleep=$(grep -c \"FETCH: No such device\" /var/log/pcnet32d.log); "
	    "echo $dev > $drv/bind; lab-ifup; " WAIT_READY
	    "/lab/driver/daemon-stop; "
	    "rm -f /tmp/go; /lab/driver/upcall-hostile wait /tmp/go > /tmp/wait.out & w=$!; sleep 0.3; "
	    "echo $dev > $drv/unbind; touch /tmp/go; wait $w; cat /tmp/wait.out; "
	    "echo $dev > $drv/bind; lab-ifup; "
	    "/lab/driver/upcall-hostile copy-loop > /tmp/loop.out & c=$!; sleep 0.5; "
	    "echo $dev > $drv/unbind; i=0; while kill -0 $c 2>/dev/null && [ $i -lt 30 ]; do "
	    "sleep 0.1; i=$((i+1)); done; kill $c 2>/dev/null; cat /tmp/loop.out; "
	    "echo $dev > $drv/bind; lab-ifup; ls /dev | grep pcnet32-upcall; "
	    "/lab/driver/daemon-start && ethtool -i eth0 | head -2");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "asleep=1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "COPY OK\nREQUEST ENODEV\nCOPY ENODEV\nREPLY ENODEV\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " err=ENODEV\n"));
	CU_ASSERT(num_after(r.out, "copies=", 0) > 0);
	/* the node a supervisor knows, and no other */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\npcnet32-upcall0\ndriver: pcnet32\nversion: 1.0-ours\n"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "pcnet32-upcall1"));
	th_free(&r);
}

static void test_stopped_then_continued(void)
{
	struct th_result r;

	/* stopped for 0.5 s, well within the deadline: it simply serves */
	gsh(&r, 60, RESET_COUNTERS "p=$(pidof pcnet32d); kill -STOP $p; "
		    "( sleep 0.5; kill -CONT $p ) & ethtool -i eth0 | head -2; wait; "
		    "[ \"$(pidof pcnet32d)\" = \"$p\" ] && echo same; " COUNTERS);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\nsame\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " unresponsive 0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " killed 0 hello "));
	th_free(&r);
}

static void test_stopped_daemon_unresponsive(void)
{
	struct th_result r;
	int first, rest;

	/*
	 * Stopped for good: the first caller pays the deadline (ethtool -i
	 * makes three upcalls, the first of them waits), then the daemon is
	 * declared unresponsive and killed; the calls after it fail at once
	 * (or are served by the new daemon) instead of 2 s each.
	 */
	gsh(&r, 90, "/lab/driver/daemon-stop; : > /var/log/pcnet32d.log; /lab/driver/daemon-start; "
		    RESET_COUNTERS "p=$(pidof pcnet32d); kill -STOP $p; "
		    "t0=$(now_ms); ethtool -i eth0 > /dev/null; t1=$(now_ms); "
		    "ethtool -i eth0 > /dev/null; ethtool -i eth0 > /dev/null; t2=$(now_ms); "
		    "echo first=$((t1 - t0)) rest=$((t2 - t1)); " COUNTERS
		    "i=0; until grep -q \"restart 1 \" /var/log/pcnet32d.log && [ -e /run/pcnet32d.ready ]; do "
		    "[ $i -lt 100 ] || break; sleep 0.1; i=$((i+1)); done; "
		    "grep -c \"exited (status 137)\" /var/log/pcnet32d.log; "
		    "dmesg | grep -c \"took no request for a deadline: killed\"; "
		    "[ \"$(pidof pcnet32d)\" != \"$p\" ] && echo new; "
		    RESET_COUNTERS "ethtool -i eth0 | head -2; " COUNTERS);
	first = num_after(r.out, "first=", -1);
	rest = num_after(r.out, "rest=", 99999);
	fprintf(stderr, " [first call %d ms, next two %d ms] ", first, rest);
	CU_ASSERT(first >= 1900 && first < 5000);
	CU_ASSERT(rest < 1500);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " unresponsive 1 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n1\n1\nnew\n"));
	/* the new daemon attached: the state is cleared, it serves */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "unresponsive 0 masked 0 foreign 0 killed 0 hello "));
	th_free(&r);
}

static void test_killed_caller_spares_daemon(void)
{
	struct th_result r;

	/*
	 * ethtool -d (get_regs, an op on the NIC) is killed while the daemon
	 * holds the op for 1 s: the daemon is not killed (mediated, the
	 * caller returns at once and the daemon's late reply is refused as
	 * stale; the programs it might still send for it are refused too).
	 */
	gsh(&r, 60, "/lab/driver/daemon-stop && PCNET32D_TEST_DELAY=3:1000 /lab/driver/daemon-start && "
		    RESET_COUNTERS "p=$(pidof pcnet32d); "
		    "ethtool -d eth0 raw on > /dev/null & e=$!; sleep 0.4; kill -9 $e; wait $e; "
		    "echo ethtool=$?; sleep 1.5; [ \"$(pidof pcnet32d)\" = \"$p\" ] && echo same; "
		    COUNTERS "/lab/driver/daemon-stop; PCNET32D_TEST_DELAY= /lab/driver/daemon-start && "
		    "ethtool -i eth0 | head -2");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "ethtool=137\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\nsame\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " killed 0 hello "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\n"));
	th_free(&r);
	/*
	 * With direct ports the kernel cannot take its ports back while the
	 * daemon may be on them, so the killed caller waits for the reply:
	 * a daemon that holds it 3 s misses the deadline, the killed
	 * caller's wait ends there (about 2 s after it started, not 3 s),
	 * and the daemon is killed for being late.
	 */
	gsh(&r, 60, "/lab/driver/daemon-stop && PCNET32D_TEST_DELAY=3:3000 "
		    "PCNET32D_ARGS=--ports\\ direct /lab/driver/daemon-start && "
		    RESET_COUNTERS "p=$(pidof pcnet32d); t0=$(now_ms); "
		    "ethtool -d eth0 raw on > /dev/null & e=$!; sleep 0.4; kill -9 $e; "
		    "i=0; while [ \"$(cat /sys/kernel/debug/pcnet32-upcall0/samples | head -1 | "
		    "sed \"s/.*killed \\([0-9]*\\).*/\\1/\")\" = 0 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; "
		    "echo late=$(( $(now_ms) - t0 )); wait $e; " COUNTERS
		    "/lab/driver/daemon-stop; PCNET32D_TEST_DELAY= /lab/driver/daemon-start && "
		    "ethtool -i eth0 | head -2");
	fprintf(stderr, " [killed caller, late daemon killed after %d ms] ",
		num_after(r.out, "late=", -1));
	CU_ASSERT(num_after(r.out, "late=", -1) >= 1800);
	CU_ASSERT(num_after(r.out, "late=", 99999) < 2900);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " killed 1 hello "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\n"));
	th_free(&r);
}

/*
 * Kill -9 the daemon 0.3 s into op (held 1 s by each daemon), with a 5 s
 * deadline so that the next daemon has time to answer; cmd runs the op.
 */
static void kill_mid_op(struct th_result *r, int op, const char *cmd)
{
	char c[2048];

	snprintf(c, sizeof(c),
		 "echo 5000 > /sys/module/pcnet32/parameters/upcall_timeout_ms; "
		 "/lab/driver/daemon-stop && : > /var/log/pcnet32d.log && "
		 "PCNET32D_TEST_DELAY=%d:1000 /lab/driver/daemon-start && " RESET_COUNTERS
		 "( sleep 0.3; kill -9 $(pidof pcnet32d) ) & { %s; }; echo status=$?; wait; "
		 COUNTERS "i=0; until grep -q \"restart 1 \" /var/log/pcnet32d.log && "
		 "[ -e /run/pcnet32d.ready ]; do [ $i -lt 100 ] || break; sleep 0.1; i=$((i+1)); done; "
		 "echo restarts=$(grep -c \"pcnet32d exited (status 137).*restart 1 \" /var/log/pcnet32d.log); "
		 "echo 2000 > /sys/module/pcnet32/parameters/upcall_timeout_ms; "
		 "/lab/driver/daemon-stop; PCNET32D_TEST_DELAY= /lab/driver/daemon-start", op, cmd);
	gsh(r, 90, c);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "restarts=1\n"));
}

static void test_get_regs_replayed(void)
{
	struct th_result r;

	/* a get op: replayed once to the next daemon, the caller never knows */
	kill_mid_op(&r, 3, "n=$(ethtool -d eth0 raw on | wc -c); echo rawlen=$n; [ $n -eq 272 ]");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "rawlen=272\nstatus=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " resets 0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " masked 1 "));
	th_free(&r);
}

static void test_nway_reset_not_replayed(void)
{
	struct th_result r;

	/* a set op is never replayed: the caller has the reset */
	kill_mid_op(&r, 6, "ethtool -r eth0");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status=255\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "Connection reset by peer"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " resets 1 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " masked 0 "));
	th_free(&r);
}

static void test_lying_daemon(void)
{
	struct th_result r;

	/*
	 * Sizes the core allocates by are the kernel's: with a self-test
	 * count of 0 from the daemon, ethtool -t still runs the kernel's
	 * self-test (no WARN, no write past a zero-length buffer), and a
	 * dump longer than the chip's is refused (an empty dump). A
	 * kernel-internal status (-512) and the channel's own ETIMEDOUT reach
	 * the caller as EIO, counted as mapped; an error with a payload is
	 * refused, and its request fails then (EIO), not at the deadline.
	 * Last in the suite: without the fixes it WARNs (242).
	 */
	gsh(&r, 90, "/lab/driver/daemon-stop && " RESET_COUNTERS
		    "/lab/driver/upcall-hostile lie > /tmp/lie.out 2>&1 & h=$!; sleep 0.3; "
		    "ethtool -r eth0; echo nway=$?; "
		    "ethtool eth0 > /dev/null; ethtool -g eth0 > /dev/null; "
		    "echo rawlen=$(ethtool -d eth0 raw on | wc -c); "
		    "ethtool -t eth0; echo test=$?; "
		    COUNTERS "kill $h; wait $h; cat /tmp/lie.out; "
		    "/lab/driver/daemon-start && ethtool -i eth0 | head -2");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "The test result is PASS"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "test=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "rawlen=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "nway=255\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "Input/output error"));
	CU_ASSERT_PTR_NULL(strstr(r.err, "Unknown error 512"));
	CU_ASSERT_PTR_NULL(strstr(r.err, "timed out"));
	/* nway_reset's -512 and get_link_ksettings' -ETIMEDOUT */
	CU_ASSERT(num_after(r.out, " mapped ", 0) >= 2);
	/* sset count, strings, regs_len, regs, the ringparam payload */
	CU_ASSERT(num_after(r.out, " rejected ", 0) >= 5);
	/* a refused reply fails its request at once: nobody waits, none killed */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " timeouts 0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " killed 0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\n"));
	th_free(&r);
}

/* the DMA registers in the dump: CSR1/2, CSR24..31, CSR76..78 (hex words) */
#define DMA_WORDS(F) "od -An -v -tx2 -j 18 -N 4 " F "; od -An -v -tx2 -j 64 -N 16 " F "; " \
	"od -An -v -tx2 -j 168 -N 6 " F

static int count_lines(const char *s, const char *prefix, const char *suffix)
{
	const char *p = s;
	int n = 0;

	while ((p = strstr(p, prefix))) {
		const char *eol = strchr(p, '\n');

		if (eol && (size_t)(eol - p) >= strlen(suffix) &&
		    !strncmp(eol - strlen(suffix), suffix, strlen(suffix)))
			n++;
		p += strlen(prefix);
	}
	return n;
}

static void test_firewall_refuses(void)
{
	struct th_result r;
	char *before, *after;
	int n14;

	/*
	 * A mediated daemon (no port access) sends register programs: with
	 * no request held (ENOENT); for an op that does not reach the NIC
	 * (drvinfo: EPERM); for the link settings and the dump, a write of
	 * its own to every DMA, control and mode register (EPERM: counted,
	 * nothing runs), malformed programs (EINVAL, E2BIG), spaces beyond
	 * CSR, BCR, MII and the APROM (RAP and the reset ports are no
	 * register of any space). The dump's reads are allowed. Afterwards
	 * the DMA registers read as before and the fast path serves.
	 */
	gsh(&r, 120, "d=$(ls -d /sys/kernel/debug/pcnet32-0000:*); "
		     "ethtool -d eth0 raw on > /tmp/fw.before && " DMA_WORDS("/tmp/fw.before")
		     " > /tmp/fw.dma.before; "
		     "/lab/driver/daemon-stop && echo 0 > $d/regaccess; "
		     "/lab/driver/upcall-hostile regs > /tmp/fw.out 2>&1 & h=$!; sleep 0.3; "
		     "ethtool -i eth0 > /dev/null 2>&1; ethtool eth0 > /dev/null 2>&1; "
		     "ethtool -d eth0 > /dev/null 2>&1; wait $h; cat /tmp/fw.out; "
		     "grep '^3 ' $d/regaccess | sed 's/^/regaccess /'; "
		     "/lab/driver/daemon-start && ethtool -d eth0 raw on > /tmp/fw.after && "
		     DMA_WORDS("/tmp/fw.after") " > /tmp/fw.dma.after; "
		     "echo before; cat /tmp/fw.dma.before; echo after; cat /tmp/fw.dma.after; "
		     "cmp -s /tmp/fw.dma.before /tmp/fw.dma.after && echo DMA unchanged; "
		     "echo holds $(cat $d/fastpath_holds)");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 0 no request: ENOENT\n"));
	/* drvinfo does not reach the NIC: every program refused */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "got op 1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 1 dump reads: EPERM\n"));
	/*
	 * the link settings (ethtool eth0 asks them once or twice) may not
	 * write any of them, nor suspend
	 */
	n14 = (int)th_count(r.out, r.out_len, "got op 14\n");
	CU_ASSERT(n14 >= 1);
	CU_ASSERT_EQUAL(count_lines(r.out, "op 14 write ", ": EPERM"), 21 * n14);
	CU_ASSERT_EQUAL(count_lines(r.out, "op 14 update ", ": EPERM"), 21 * n14);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 14 dump reads: EPERM\n"));
	/* the dump: reads allowed, writes of every kind refused */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "got op 3\n"));
	CU_ASSERT_EQUAL(count_lines(r.out, "op 3 write ", ": EPERM"), 21);
	CU_ASSERT_EQUAL(count_lines(r.out, "op 3 update ", ": EPERM"), 21);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 read then write CSR24: EPERM\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 dump reads: OK 127\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 space 4: EINVAL\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 space 255: EINVAL\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 write APROM: EINVAL\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 cmd 0: EINVAL\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 suspend unresumed: EINVAL\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 csr 128: EINVAL\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 poll 2000 us: E2BIG\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 reserved: EINVAL\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 0 accesses: EINVAL\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op 3 65 accesses: E2BIG\n"));
	/* the kernel counted the dump's refusals: 42 writes and the mixed one */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "regaccess 3 1 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " 43 "));
	/* nothing of it reached the chip's DMA registers; nothing stopped */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "DMA unchanged\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "holds 0\n"));
	before = strstr(r.out, "before\n");
	after = strstr(r.out, "after\n");
	if (!before || !after || !strstr(r.out, "DMA unchanged\n"))
		fprintf(stderr, "\n%s\n", r.out);
	th_free(&r);
	gsh(&r, 60, "ping -c 20 -i 0.05 -W 2 10.77.0.1 | tail -2");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " 0% packet loss"));
	th_free(&r);
}

static CU_TestInfo hostile_tests[] = {
	{ "a mediated daemon's writes to DMA, control and mode registers are refused",
	  test_firewall_refuses },
	{ "only the opener's thread group drives the node; COPY id checked",
	  test_only_the_opener },
	{ "a hung daemon's kill takes its whole thread group", test_kill_reaches_the_thread_group },
	{ "NIC unbound under its daemon: ENODEV, node 0 again, served", test_nic_unbound_under_daemon },
	{ "a daemon stopped briefly simply serves", test_stopped_then_continued },
	{ "a stopped daemon: one deadline, then unresponsive and killed",
	  test_stopped_daemon_unresponsive },
	{ "a killed ethtool -d does not kill the daemon; with direct ports a late one is",
	  test_killed_caller_spares_daemon },
	{ "kill -9 mid get_regs: replayed to the next daemon", test_get_regs_replayed },
	{ "kill -9 mid nway_reset: not replayed, reset", test_nway_reset_not_replayed },
	{ "a lying daemon: sizes and statuses are the kernel's", test_lying_daemon },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "split: hostile daemon", hostile_init, hostile_clean, hostile_tests);
