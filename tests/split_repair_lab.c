// SPDX-License-Identifier: GPL-2.0
/*
 * Lab tests of the split build's chip repair and fast-path holds: a daemon
 * that leaves the chip suspended, in 32-bit I/O mode or with its DMA
 * registers rewritten, or dies or hangs mid-sequence, costs the traffic
 * less than a second (debugfs pcnet32-repair0 counts the repairs); get_link
 * takes no upcall; an rx-mode change skipped during a hold is applied;
 * ring resizes work under traffic and a failed one changes nothing.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw.h"

#define NAME "trepair"

static char buf[8192];

#define NOW_MS "now_ms() { awk '\\''{ printf \"%d\", $1 * 1000 }'\\'' /proc/uptime; }; "
#define REPAIR "/sys/kernel/debug/pcnet32-repair0"

/*
 * The suite's daemon takes the NIC's ports itself (--ports direct, the
 * paper's design): the repair and the holds exist for that mode only.
 * Every daemon-start of the suite passes it.
 */
#define DIRECT "PCNET32D_ARGS=--ports\\ direct "

/* Run a shell command in the guest. */
static void gsh(struct th_result *r, int timeout, const char *cmd)
{
	th_lab_sh(r, NAME, timeout, NOW_MS, cmd);
}

static int repair_init(void)
{
	struct th_result r;
	int ret;

	if (th_lab_up(NAME, "split"))
		return 1;
	th_lab_sh(&r, NAME, 60, "", "/lab/driver/daemon-stop && " DIRECT
		  "/lab/driver/daemon-start && grep -c \"ports .* direct\" /var/log/pcnet32d.log");
	ret = r.status != 0;
	if (ret)
		fprintf(stderr, "repair: the direct-ports daemon did not start: %s%s\n",
			r.out, r.err);
	th_free(&r);
	return ret;
}

static int repair_clean(void)
{
	th_lab_down(NAME);
	return 0;
}

/* the value of counter name in the repair file's text, -1 if absent */
static long counter(const char *out, const char *name)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "\n%s ", name);
	p = strstr(out, key);
	if (!p && !strncmp(out, key + 1, strlen(key + 1)))
		p = out - 1;
	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static long field(const char *out, const char *key)
{
	const char *p = strstr(out, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static void test_normal_ops_no_repair(void)
{
	struct th_result r;
	long checks, ports, ns;

	/*
	 * Every op on the ports a well-behaved daemon runs, 5 times over:
	 * each is checked, none finds anything to repair (RAP aside).
	 */
	gsh(&r, 120, "echo 0 > " REPAIR "; for i in 1 2 3 4 5; do "
		     "ethtool -d eth0 >/dev/null; ethtool eth0 >/dev/null; ethtool -r eth0 2>/dev/null; "
		     "ethtool -s eth0 autoneg off speed 10 duplex half; done; "
		     "cat " REPAIR "; ping -c 3 -W 1 10.77.0.1 | grep received");
	CU_ASSERT_EQUAL(r.status, 0);
	checks = counter(r.out, "checks");
	ports = counter(r.out, "port_accesses");
	ns = counter(r.out, "check_ns");
	fprintf(stderr, " [%ld checks, %ld port accesses and %ld ns each] ", checks,
		checks > 0 ? ports / checks : -1, checks > 0 ? ns / checks : -1);
	CU_ASSERT(checks >= 20);
	CU_ASSERT_EQUAL(counter(r.out, "dwio"), 0);
	CU_ASSERT_EQUAL(counter(r.out, "suspend"), 0);
	CU_ASSERT_EQUAL(counter(r.out, "stopped"), 0);
	CU_ASSERT_EQUAL(counter(r.out, "config"), 0);
	CU_ASSERT_EQUAL(counter(r.out, "dma"), 0);
	CU_ASSERT_EQUAL(counter(r.out, "reinits"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "3 packets received"));
	th_free(&r);
}

/*
 * Start the daemon with PCNET32D_TEST_PORTS=op:what, run cmd (its status
 * as st=), then ping the host until it answers: flow= is the time from
 * cmd's end to the first answer (ms), pings= the attempts (at most 5, 1 s
 * each). The repair counters follow; the daemon is restarted plain.
 */
static void leave_chip(struct th_result *r, int op, const char *what,
		       const char *cmd)
{
	char c[2048];

	snprintf(c, sizeof(c),
		 "/lab/driver/daemon-stop && : > /var/log/pcnet32d.log && "
		 "PCNET32D_TEST_PORTS=%d:%s " DIRECT "/lab/driver/daemon-start && "
		 "echo 0 > " REPAIR "; { %s; }; echo st=$?; t0=$(now_ms); n=0; "
		 "until [ $n -ge 5 ] || ping -c 1 -W 1 10.77.0.1 >/dev/null; do n=$((n + 1)); done; "
		 "t1=$(now_ms); echo pings=$((n + 1)) flow=$((t1 - t0)); cat " REPAIR "; "
		 "/lab/driver/daemon-stop; PCNET32D_TEST_PORTS= " DIRECT "/lab/driver/daemon-start",
		 op, what, cmd);
	gsh(r, 90, c);
}

/* traffic within 1 s, one repair of kind, nothing left failed */
static void check_repaired(struct th_result *r, const char *kind)
{
	long flow = field(r->out, "flow="), pings = field(r->out, "pings=");

	fprintf(stderr, " [traffic again after %ld ms, %ld ping(s)] ", flow, pings);
	CU_ASSERT(pings >= 1 && pings <= 5);
	CU_ASSERT(flow >= 0 && flow < 1000);
	CU_ASSERT_EQUAL(counter(r->out, kind), 1);
	CU_ASSERT_EQUAL(counter(r->out, "reinits"), 1);
	CU_ASSERT_EQUAL(counter(r->out, "reinit_failed"), 0);
}

static void test_left_suspended(void)
{
	struct th_result r;

	/* get_regs returns with the chip suspended (CSR5 SPND) */
	leave_chip(&r, 3, "suspend", "ethtool -d eth0 >/dev/null");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "st=0\n"));
	check_repaired(&r, "suspend");
	th_free(&r);
}

static void test_left_dwio(void)
{
	struct th_result r;

	/*
	 * nway_reset returns with the chip in double-word I/O mode: every
	 * word access of the kernel's fast path would be ignored
	 */
	leave_chip(&r, 6, "dwio", "ethtool -r eth0 2>/dev/null");
	check_repaired(&r, "dwio");
	th_free(&r);
}

static void test_dwio_between_ops(void)
{
	struct th_result r;
	long flow;

	/*
	 * The daemon switches the chip to double-word I/O after get_drvinfo,
	 * an op off the ports, which no chip check follows. The chip's next
	 * interrupt cannot be read in word I/O: the interrupt handler looks
	 * again, resets the chip and has it reinitialized, instead of
	 * leaving the interrupts unclaimed until the kernel disables the
	 * line for good ("nobody cared": no traffic until a reboot).
	 */
	gsh(&r, 90, "/lab/driver/daemon-stop && : > /var/log/pcnet32d.log && "
		    "PCNET32D_TEST_PORTS=1:dwio " DIRECT "/lab/driver/daemon-start && "
		    "ethtool -i eth0 > /dev/null; t0=$(now_ms); n=0; "
		    "until [ $n -ge 5 ] || ping -c 1 -W 1 10.77.0.1 >/dev/null; do n=$((n + 1)); done; "
		    "t1=$(now_ms); echo pings=$((n + 1)) flow=$((t1 - t0)); "
		    "ping -c 20 -i 0.05 -W 1 10.77.0.1 | grep -o '[0-9]* packets received'; "
		    "echo nobody=$(dmesg | grep -c 'nobody cared'); "
		    "echo reset=$(dmesg | grep -c 'chip found in double-word I/O mode'); "
		    "/lab/driver/daemon-stop; PCNET32D_TEST_PORTS= " DIRECT "/lab/driver/daemon-start");
	flow = field(r.out, "flow=");
	fprintf(stderr, " [traffic again after %ld ms] ", flow);
	CU_ASSERT(flow >= 0 && flow < 2000);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n20 packets received\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "nobody=0\n"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "reset=0\n"));
	th_free(&r);
}

static void test_dies_mid_sequence(void)
{
	struct th_result r;

	/*
	 * The daemon suspends the chip and dies before replying: the dump
	 * fails (empty), the chip is repaired all the same.
	 */
	leave_chip(&r, 3, "exit", "n=$(ethtool -d eth0 raw on | wc -c); echo rawlen=$n");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "rawlen=0\n"));
	check_repaired(&r, "suspend");
	th_free(&r);
}

static void test_hangs_mid_sequence(void)
{
	struct th_result r;

	/*
	 * The daemon suspends the chip and hangs: killed at the deadline
	 * (2 s), then the chip is repaired.
	 */
	leave_chip(&r, 6, "hang", "ethtool -r eth0 2>/dev/null; echo r=$?; echo killed=$(dmesg | "
		   "grep -c \"missed its deadline holding the ports: killed\")");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "r="));
	CU_ASSERT_PTR_NULL(strstr(r.out, "r=0\n"));
	CU_ASSERT(field(r.out, "killed=") >= 1);
	check_repaired(&r, "suspend");
	th_free(&r);
}

/*
 * The dump's words for CSR lo and lo+1 (a 32-bit address), from the
 * text of od -An -tu2 of the whole dump
 */
static long dump_csr32(const char *dump, int lo)
{
	const char *p = dump;
	long w[PCNET32_DUMP_WORDS];
	int i, n = 0;
	char *end;

	for (i = 0; i < PCNET32_DUMP_WORDS; i++) {
		w[i] = strtol(p, &end, 10);
		if (end == p)
			break;
		n++;
		p = end;
	}
	lo += PCNET32_DUMP_APROM_WORDS;
	if (n < lo + 2)
		return -1;
	return w[lo] | w[lo + 1] << 16;
}

static void dma_rewritten(const char *what, const int *csrs, int ncsrs)
{
	struct th_result r;
	char before[4096] = "", *after;
	int i;

	/*
	 * get_regs returns with DMA registers zeroed (the chip suspended
	 * meanwhile): the kernel notices, stops the chip and reinitializes
	 * it; the next dump (a plain daemon) shows the programmed values
	 * again.
	 */
	gsh(&r, 30, "ethtool -d eth0 raw on | od -An -tu2 -v");
	CU_ASSERT_EQUAL(r.status, 0);
	snprintf(before, sizeof(before), "%s", r.out);
	th_free(&r);
	leave_chip(&r, 3, what, "ethtool -d eth0 >/dev/null; echo ===");
	check_repaired(&r, "dma");
	th_free(&r);
	gsh(&r, 30, "ethtool -d eth0 raw on | od -An -tu2 -v");
	after = r.out;
	for (i = 0; i < ncsrs; i++) {
		long b = dump_csr32(before, csrs[i]), a = dump_csr32(after, csrs[i]);

		fprintf(stderr, "[CSR%d/%d %08lx, after %08lx] ", csrs[i],
			csrs[i] + 1, b, a);
		CU_ASSERT(b > 0);
		CU_ASSERT_EQUAL(a, b);
	}
	th_free(&r);
}

static void test_ring_bases_rewritten(void)
{
	static const int csrs[] = { PCNET32_CSR_BADR_LO, PCNET32_CSR_BADX_LO };

	dma_rewritten("rings", csrs, 2);
}

static void test_init_block_rewritten(void)
{
	static const int csrs[] = { PCNET32_CSR_IADR_LO };

	dma_rewritten("iadr", csrs, 1);
}

static void test_get_link_no_upcall(void)
{
	struct th_result r;

	/*
	 * ethtool eth0 (as nobody) asks for the link: the answer comes
	 * from the kernel (no row of op 7, get_link, among the upcalls;
	 * get_link_ksettings, op 14, still goes to the daemon).
	 */
	gsh(&r, 60, "f=/sys/kernel/debug/pcnet32-upcall0/samples; echo 0 > $f; "
		    "su -s /bin/sh nobody -c 'ethtool eth0' | grep 'Link detected'; "
		    "echo get_link=$(grep -c '^7,' $f) ksettings=$(grep -c '^14,0,' $f)");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "Link detected: yes\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "get_link=0 "));
	CU_ASSERT(field(r.out, "ksettings=") >= 1);
	th_free(&r);
}

/* CSR n of an od -An -tu2 dump text, -1 if the dump is short */
static long dump_csr(const char *dump, int n)
{
	const char *p = dump;
	long w = -1;
	char *end;
	int i;

	for (i = 0; i <= PCNET32_DUMP_APROM_WORDS + n; i++) {
		w = strtol(p, &end, 10);
		if (end == p)
			return -1;
		p = end;
	}
	return w;
}

static void test_rx_mode_during_hold(void)
{
	struct th_result r;
	long before, during;
	const char *p;

	/*
	 * Promiscuous mode switched on while a dump holds the fast path (the
	 * daemon takes 1.5 s): the core skips the rx-mode change while the
	 * device is detached, the release applies it (CSR15 PROM is set
	 * afterwards).
	 */
	gsh(&r, 60, "ethtool -d eth0 raw on | od -An -tu2 -v; echo ===; "
		    "/lab/driver/daemon-stop && PCNET32D_TEST_DELAY=3:1500 " DIRECT "/lab/driver/daemon-start && "
		    "{ ethtool -d eth0 >/dev/null & sleep 0.5; ip link set eth0 promisc on; wait; }; "
		    "/lab/driver/daemon-stop; PCNET32D_TEST_DELAY= " DIRECT "/lab/driver/daemon-start && "
		    "ethtool -d eth0 raw on | od -An -tu2 -v; ip link set eth0 promisc off");
	CU_ASSERT_EQUAL(r.status, 0);
	p = strstr(r.out, "===");
	before = dump_csr(r.out, PCNET32_CSR_MODE);
	during = p ? dump_csr(p + 3, PCNET32_CSR_MODE) : -1;
	fprintf(stderr, " [CSR15 %04lx, after the hold %04lx] ", before, during);
	CU_ASSERT(before >= 0 && !(before & PCNET32_MODE_PROM));
	CU_ASSERT(during >= 0 && (during & PCNET32_MODE_PROM));
	th_free(&r);
}

static void test_ring_resize(void)
{
	struct th_result r;

	/*
	 * Under a ping flood from the host, the rings grow and shrink back;
	 * then a resize whose allocation fails (debugfs fail_ring_alloc, 2:
	 * the old code's second attempt fails too) is refused, keeps the
	 * rings as they were, tries one allocation only and leaves the
	 * device up and serving (the old code closed it under the RTNL
	 * with NAPI already disabled: a hang).
	 */
	snprintf(buf, sizeof(buf), "cd '%s' && { vm/lab host --name " NAME
		 " -- sh -c 'ping -c 400 -i 0.01 -W 1 \"$GUEST\"' > /tmp/repair-ping.$$ & "
		 "vm/lab exec --name " NAME " --timeout 120 -- sh -c '"
		 "for i in 1 2 3; do ethtool -G eth0 rx 128 tx 64 && ethtool -G eth0 rx 32 tx 16 || echo BAD; done; "
		 "k=$(echo /sys/kernel/debug/pcnet32-0*/fail_ring_alloc); echo 2 > $k; "
		 "ethtool -G eth0 rx 256 tx 32; echo st=$?; echo left=$(cat $k); echo 0 > $k; "
		 "ethtool -g eth0 | grep -A1 \"^Current\"; ip link show eth0 | grep -c \"state UP\"'; "
		 "wait; tail -2 /tmp/repair-ping.$$; rm -f /tmp/repair-ping.$$; }", th_root());
	th_sh(&r, 240, buf);
	CU_ASSERT_PTR_NULL(strstr(r.out, "BAD"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "st="));
	CU_ASSERT_PTR_NULL(strstr(r.out, "st=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "Cannot allocate memory"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "left=1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "Current hardware settings:\nRX:\t\t32\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "400 packets transmitted"));
	CU_ASSERT_PTR_NULL(strstr(r.out, " 0 received"));
	th_free(&r);
	/* and the NIC serves afterwards */
	snprintf(buf, sizeof(buf), "cd '%s' && vm/lab host --name " NAME
		 " -- sh -c 'ping -c 10 -i 0.05 -W 2 \"$GUEST\"'", th_root());
	th_sh(&r, 60, buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "10 packets transmitted, 10 received, 0% packet loss"));
	th_free(&r);
}

static CU_TestInfo repair_tests[] = {
	{ "well-behaved ops: checked, nothing to repair", test_normal_ops_no_repair },
	{ "chip left suspended: repaired, traffic within 1 s", test_left_suspended },
	{ "chip left in 32-bit I/O: reset, traffic within 1 s", test_left_dwio },
	{ "32-bit I/O after an op off the ports: the irq handler resets it", test_dwio_between_ops },
	{ "daemon dies mid-sequence: repaired, traffic within 1 s", test_dies_mid_sequence },
	{ "daemon hangs mid-sequence: killed, repaired", test_hangs_mid_sequence },
	{ "ring bases rewritten: stopped and reinitialized", test_ring_bases_rewritten },
	{ "init-block address rewritten: stopped and reinitialized", test_init_block_rewritten },
	{ "get_link: no upcall", test_get_link_no_upcall },
	{ "rx-mode change during a hold is applied on release", test_rx_mode_during_hold },
	{ "ring resize under traffic; a failed one changes nothing", test_ring_resize },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "split: chip repair and holds", repair_init, repair_clean, repair_tests);
