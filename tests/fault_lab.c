// SPDX-License-Identifier: GPL-2.0
/*
 * Lab tests of the fault points (pcnet32/fault.h) through the guest tool
 * fault-arm, one guest per build: each kind tried here fires where it was
 * armed, the build copes as it should (the split build's daemon is
 * restarted, the kernel refuses bad replies), and disarming leaves no
 * trace. The kinds that kill the in-kernel build (null, abort, stack, ...)
 * are the fault campaign's, in fresh guests: not tried here.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_SPLIT "tfault-split"
#define NAME_INK "tfault-ink"

static const char *fl_name;

/* a guest shell function: milliseconds since boot (10 ms steps) */
#define NOW_MS "now_ms() { awk '\\''{ printf \"%d\", $1 * 1000 }'\\'' /proc/uptime; }; "
/*
 * served P: wait (up to 10 s) until a daemon other than pid P serves. The
 * supervisor reaps the dead one, removes the ready file, then starts the
 * next, which creates it again.
 */
#define SERVED "served() { i=0; while [ $i -lt 100 ]; do q=$(pidof pcnet32d || true); " \
	"[ -n \"$q\" ] && [ \"$q\" != \"$1\" ] && [ -e /run/pcnet32d.ready ] && return 0; " \
	"i=$((i + 1)); sleep 0.1; done; return 1; }; "

/* Run a shell command in the guest (busybox sh, set -eu not implied). */
static void gsh(struct th_result *r, int timeout, const char *cmd)
{
	th_lab_sh(r, fl_name, timeout, NOW_MS SERVED, cmd);
}

/* the value of key= in fault-arm --show's line, or -1 */
static long long show_val(const char *out, const char *key)
{
	char k[32];
	const char *p;

	snprintf(k, sizeof(k), " %s=", key);
	p = strstr(out, k);
	return p ? atoll(p + strlen(k)) : -1;
}

static int lab_up(const char *name, const char *driver)
{
	fl_name = name;
	return th_lab_up(name, driver);
}

static int lab_down(void)
{
	th_lab_down(fl_name);
	return 0;
}

static int split_init(void)
{
	return lab_up(NAME_SPLIT, "split");
}

static int ink_init(void)
{
	return lab_up(NAME_INK, "inkernel");
}

/* ---- split build ------------------------------------------------------ */

static void test_split_usage(void)
{
	struct th_result r;

	gsh(&r, 30, "fault-arm get_drvinfo bogus; echo st=$?; "
		    "fault-arm get_drvinfo null --times x; echo st=$?; "
		    "fault-arm --list-ops | wc -l; fault-arm --list-kinds | tr '\\n' ' '");
	CU_ASSERT_EQUAL(th_count(r.out, r.out_len, "st=2\n"), 2);
	CU_ASSERT_EQUAL(th_count(r.err, r.err_len, "\n"), 2);	/* one line each */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unknown kind 'bogus'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "16\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "null wild abort loop sleep corrupt badlen "
					     "stack scribble "));
	th_free(&r);
}

static void test_split_null(void)
{
	struct th_result r;

	/*
	 * null in get_drvinfo: the daemon dies on the NULL write, the
	 * supervisor restarts it, and the kernel replays the request (a get
	 * op, side-effect free) on the new daemon: the fault is masked, the
	 * caller sees the real version. The replay is the op's second call.
	 */
	gsh(&r, 60, "p=$(pidof pcnet32d); fault-arm get_drvinfo null && fault-arm --show; "
		    "ethtool -i eth0 | head -2; served \"$p\" && echo served; "
		    "ethtool -i eth0 | head -2; fault-arm --show; "
		    "grep -c 'fault null fired in get_drvinfo' /var/log/pcnet32d.log; "
		    "grep 'pcnet32d exited (status 139)' /var/log/pcnet32d.log | head -1; "
		    "head -1 /sys/kernel/debug/pcnet32-upcall0/samples");
	CU_ASSERT_EQUAL(r.status, 0);
	/* armed, not yet fired */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "build=split armed=1 op=get_drvinfo kind=null "
					     "at=entry interval=1 probability=100 times=1 seed=0 "
					     "ms=10000 calls=0 fired=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "driver: pcnet32\nversion: 1.0-ours\nserved\n"
					     "driver: pcnet32\nversion: 1.0-ours\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " calls=3 fired=1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " masked 1 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n1\npcnet32-supervise: pcnet32d exited (status 139)"));
	th_free(&r);
}

static void test_split_times_across_restarts(void)
{
	struct th_result r;

	/*
	 * abort at most twice, on every call: the counters live in the
	 * control file, so the restarted daemon knows it fired already. The
	 * first call fires, its replay on the next daemon fires again and
	 * fails the call; the later calls are served.
	 */
	gsh(&r, 90, "r0=$(grep -c 'pcnet32d exited' /var/log/pcnet32d.log); "
		    "fault-arm get_drvinfo abort --times 2; "
		    "for i in 1 2 3 4; do p=$(pidof pcnet32d); v=$(ethtool -i eth0 | sed -n 2p); "
		    "echo \"$v\"; [ \"$v\" = \"version: unavailable\" ] && served \"$p\"; done; "
		    "fault-arm --show; "
		    "echo restarts=$(($(grep -c 'pcnet32d exited' /var/log/pcnet32d.log) - r0))");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: unavailable\nversion: 1.0-ours\n"
					     "version: 1.0-ours\nversion: 1.0-ours\n"));
	CU_ASSERT_EQUAL(show_val(r.out, "calls"), 5);
	CU_ASSERT_EQUAL(show_val(r.out, "fired"), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "restarts=2\n"));
	th_free(&r);
}

static void test_split_corrupt_ringparam(void)
{
	struct th_result r;
	const char *cur;

	/* the true answer is rx 32, tx 16 */
	gsh(&r, 60, "fault-arm get_ringparam corrupt --seed 1 && "
		    "ethtool -g eth0; echo st=$?; fault-arm --show; "
		    "echo ---; ethtool -g eth0");
	CU_ASSERT_EQUAL(show_val(r.out, "fired"), 1);
	cur = strstr(r.out, "Current hardware settings:\nRX:");
	CU_ASSERT_PTR_NOT_NULL_FATAL(cur);
	/* the kernel refuses the reply (the caller sees n/a) or lets it through */
	if (!strncmp(cur, "Current hardware settings:\nRX:\t\tn/a", 35))
		fprintf(stderr, " [corrupt get_ringparam: refused by the kernel] ");
	else
		fprintf(stderr, " [corrupt get_ringparam: caller saw a wrong value] ");
	CU_ASSERT(strncmp(cur, "Current hardware settings:\nRX:\t\t32\n", 35) != 0);
	/* the next call is answered normally */
	CU_ASSERT_PTR_NOT_NULL(strstr(strstr(r.out, "---\n"),
				      "Current hardware settings:\nRX:\t\t32\n"));
	th_free(&r);
}

static void test_split_badlen(void)
{
	struct th_result r;

	/* a reply of the wrong length is refused; the daemon lives on */
	gsh(&r, 60, "p=$(pidof pcnet32d); fault-arm get_drvinfo badlen --seed 4 && "
		    "ethtool -i eth0 | sed -n 2p; ethtool -i eth0 | sed -n 2p; "
		    "fault-arm --show; [ \"$(pidof pcnet32d)\" = \"$p\" ] && echo same-daemon");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: unavailable\nversion: 1.0-ours\n"));
	CU_ASSERT_EQUAL(show_val(r.out, "fired"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "same-daemon\n"));
	th_free(&r);
}

static void test_split_off(void)
{
	struct th_result r;

	gsh(&r, 60, "fault-arm get_drvinfo null --times -1 && fault-arm --off && "
		    "fault-arm --show && ethtool -i eth0 | sed -n 2p && "
		    "ethtool -i eth0 | sed -n 2p && fault-arm --show");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(th_count(r.out, r.out_len,
				 "build=split armed=0 op=none kind=none at=entry interval=1 "
				 "probability=100 times=1 seed=0 ms=0 calls=0 fired=0\n"), 2);
	CU_ASSERT_EQUAL(th_count(r.out, r.out_len, "version: 1.0-ours\n"), 2);
	th_free(&r);
}

/* ---- in-kernel build -------------------------------------------------- */

static void test_ink_sleep(void)
{
	struct th_result r;
	long long ms = -1;
	const char *p;

	gsh(&r, 60, "fault-arm get_drvinfo sleep --ms 300 && fault-arm --show && "
		    "t0=$(now_ms); ethtool -i eth0 | sed -n 2p; t1=$(now_ms); "
		    "echo elapsed=$((t1 - t0)); fault-arm --show; "
		    "dmesg | grep -c 'fault sleep fired in get_drvinfo'");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "build=inkernel armed=1 op=get_drvinfo kind=sleep "
					     "at=entry interval=1 probability=100 times=1 seed=0 "
					     "ms=300 calls=0 fired=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\n"));
	p = strstr(r.out, "elapsed=");
	if (p)
		ms = atoll(p + 8);
	fprintf(stderr, " [ethtool -i with a 300 ms sleep: %lld ms] ", ms);
	/* the guest's clock has 10 ms steps */
	CU_ASSERT(ms >= 290);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " calls=1 fired=1\n1\n"));
	th_free(&r);
}

static void test_ink_corrupt_msglevel(void)
{
	struct th_result r;

	gsh(&r, 60, "fault-arm get_msglevel corrupt --seed 9 && "
		    "ethtool eth0 | grep 'message level'; ethtool eth0 | grep 'message level'; "
		    "fault-arm --show");
	CU_ASSERT_EQUAL(r.status, 0);
	/* the first answer is whatever the fault made up; the next is right */
	CU_ASSERT_EQUAL(th_count(r.out, r.out_len, "message level: 0x00000007 (7)\n"), 1);
	CU_ASSERT_PTR_NULL(strstr(r.out, "message level: 0x00000007 (7)\n\tCurrent"));
	CU_ASSERT_EQUAL(show_val(r.out, "calls"), 2);
	CU_ASSERT_EQUAL(show_val(r.out, "fired"), 1);
	th_free(&r);
}

static void test_ink_knobs(void)
{
	struct th_result r;

	/* knobs refuse while armed, and refuse nonsense; arming checks the plan */
	gsh(&r, 30, "d=/sys/kernel/debug/pcnet32-fault; fault-arm get_link corrupt; "
		    "echo 5 > $d/interval; echo st=$?; fault-arm --off; "
		    "echo 0 > $d/interval; echo st=$?; echo 101 > $d/probability; echo st=$?; "
		    "echo self_test > $d/op; echo st=$?; echo 1 > $d/armed; echo st=$?; "
		    "echo 5 > $d/calls; echo st=$?; fault-arm --show");
	CU_ASSERT_EQUAL(th_count(r.out, r.out_len, "st=1\n"), 6);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "Device or resource busy"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " armed=0 op=none kind=none"));
	th_free(&r);
}

static void test_ink_scribble_then_off(void)
{
	struct th_result r;
	char cmd[1024];

	/*
	 * scribble in get_regs: a few random CSR/BCR writes, then a normal
	 * dump. Whether the NIC still moves traffic afterwards depends on
	 * which registers were hit: recorded, not assumed.
	 */
	gsh(&r, 60, "t=$(cat /proc/sys/kernel/tainted); ethtool -d eth0 > /tmp/d0; "
		    "fault-arm get_regs scribble --seed 1 && ethtool -d eth0 > /tmp/d1; "
		    "echo st=$?; cmp -s /tmp/d0 /tmp/d1 || echo dump-changed; "
		    "fault-arm --show; fault-arm --off; "
		    "ethtool -i eth0 | sed -n 2p; ethtool -d eth0 >/dev/null; fault-arm --show; "
		    "[ \"$(cat /proc/sys/kernel/tainted)\" = \"$t\" ] && echo taint-unchanged; "
		    "dmesg | grep -c 'fault scribble fired in get_regs'");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "st=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "kind=scribble at=entry interval=1 probability=100 "
					     "times=1 seed=1 ms=10000 calls=1 fired=1\n"));
	fprintf(stderr, " [scribble: register dump %s] ",
		strstr(r.out, "dump-changed") ? "changed" : "unchanged");
	/* disarmed: calls do not count, the ops answer normally, no taint */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\nbuild=inkernel armed=0 op=none "
					     "kind=none at=entry interval=1 probability=100 times=1 "
					     "seed=0 ms=0 calls=0 fired=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "taint-unchanged\n1\n"));
	th_free(&r);
	snprintf(cmd, sizeof(cmd), "cd '%s' && vm/lab host --name %s -- "
		 "sh -c 'ping -c 10 -i 0.1 -W 1 \"$GUEST\"' | grep transmitted",
		 th_root(), fl_name);
	th_sh(&r, 60, cmd);
	fprintf(stderr, " [pings after the scribble: %.*s] ",
		(int)strcspn(r.out, "\n"), r.out);
	th_free(&r);
}

static CU_TestInfo split_tests[] = {
	{ "fault-arm refuses bad usage, lists ops and kinds", test_split_usage },
	{ "null in get_drvinfo: daemon restarted, the request replayed (masked)", test_split_null },
	{ "abort --times 2: at most twice across restarts (the replay fires too)", test_split_times_across_restarts },
	{ "corrupt in get_ringparam: refused or wrong, then right", test_split_corrupt_ringparam },
	{ "badlen in get_drvinfo: refused, daemon lives on", test_split_badlen },
	{ "--off: disarmed, counters reset, calls normal", test_split_off },
	CU_TEST_INFO_NULL,
};

static CU_TestInfo ink_tests[] = {
	{ "sleep 300 ms in get_drvinfo", test_ink_sleep },
	{ "corrupt in get_msglevel: once, then right", test_ink_corrupt_msglevel },
	{ "debugfs knobs: busy while armed, ranges checked", test_ink_knobs },
	{ "scribble in get_regs, then --off leaves no trace", test_ink_scribble_then_off },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "fault: split build", split_init, lab_down, split_tests);
TH_SUITE(lab, "fault: inkernel build", ink_init, lab_down, ink_tests);
