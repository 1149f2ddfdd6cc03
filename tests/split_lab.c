// SPDX-License-Identifier: GPL-2.0
/*
 * Lab tests of the split build: the daemon's life cycle, the channel's
 * deadlines and refusals, the FIFO under load, the supervisor, and the
 * race between the daemon and the kernel's fast path on the NIC's ports.
 */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME "tsplit"

static char buf[8192];

/* a guest shell function: milliseconds since boot (10 ms steps) */
#define NOW_MS "now_ms() { awk '\\''{ printf \"%%d\", $1 * 1000 }'\\'' /proc/uptime; }; "

/* Run a shell command in the guest. */
static void gsh(struct th_result *r, int timeout, const char *cmd)
{
	char q[6144], *o = q;
	const char *c;

	/* single-quote cmd for the host shell */
	for (c = cmd; *c && o < q + sizeof(q) - 8; c++) {
		if (*c == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *c;
		}
	}
	*o = '\0';
	snprintf(buf, sizeof(buf), "cd '%s' && vm/lab exec --name " NAME
		 " --timeout %d -- sh -c '" NOW_MS "%s'", th_root(), timeout, q);
	th_sh(r, timeout + 60, buf);
}

static int split_init(void)
{
	struct th_result r;

	snprintf(buf, sizeof(buf), "cd '%s' && vm/lab down --name " NAME
		 "; vm/lab up --driver split --name " NAME, th_root());
	th_sh(&r, 240, buf);
	if (r.status) {
		fprintf(stderr, "split lab up failed (%d): %s\n", r.status, r.err);
		th_free(&r);
		return 1;
	}
	th_free(&r);
	return 0;
}

static int split_clean(void)
{
	struct th_result r;

	snprintf(buf, sizeof(buf), "cd '%s' && vm/lab down --name " NAME, th_root());
	th_sh(&r, 60, buf);
	th_free(&r);
	return 0;
}

static void test_daemon_serves(void)
{
	struct th_result r;

	gsh(&r, 60, "ethtool -i eth0 && pidof pcnet32d && "
		    "grep -E '^(Uid|CapEff|CapPrm|CapBnd|Seccomp)' /proc/$(pidof pcnet32d)/status");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "driver: pcnet32\n"));
	/*
	 * The daemon runs sandboxed (driver-split/daemon/sandbox.c, its own
	 * suite in tests/fuzz_lab.c): a uid of its own, neither root nor the
	 * shared nobody, no capabilities, a seccomp filter.
	 */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "Uid:\t"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "Uid:\t65534\t"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "Uid:\t0\t"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "CapEff:\t0000000000000000"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "CapPrm:\t0000000000000000"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "CapBnd:\t0000000000000000"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "Seccomp:\t2"));
	th_free(&r);
}

static void test_samples_recorded(void)
{
	struct th_result r;

	/* each answered upcall leaves one row of phase timings */
	gsh(&r, 60, "f=/sys/kernel/debug/pcnet32-upcall0/samples; "
		    "echo 0 > $f; ethtool -i eth0 >/dev/null; ethtool -d eth0 >/dev/null; cat $f");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "op,status,wait_ns,copy_ns,proc_ns,reply_ns,user_ns,total_ns\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n1,0,"));	/* GET_DRVINFO */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n3,0,"));	/* GET_REGS */
	th_free(&r);
}

static void test_second_daemon_refused(void)
{
	struct th_result r;

	gsh(&r, 30, "/lab/driver/pcnet32d; echo status=$?");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status=3"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "another daemon serves this NIC"));
	th_free(&r);
	/* and the first still serves */
	gsh(&r, 30, "ethtool -g eth0");
	CU_ASSERT_EQUAL(r.status, 0);
	th_free(&r);
}

static void test_non_root_refused(void)
{
	struct th_result r;

	gsh(&r, 30, "ls -l /dev/pcnet32-upcall0; "
		    "su -s /bin/sh nobody -c 'exec 3<>/dev/pcnet32-upcall0' ; echo status=$?");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "crw-------"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status=1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "Permission denied"));
	th_free(&r);
}

static void test_daemon_stopped(void)
{
	struct th_result r;
	char cmd[1024];
	int ms = 99999;

	/*
	 * No daemon: slow-path ops fail at once (no one to wait for) while
	 * the fast path keeps serving 100 pings from the host side.
	 */
	gsh(&r, 30, "/lab/driver/daemon-stop && ! pidof pcnet32d");
	CU_ASSERT_EQUAL(r.status, 0);
	th_free(&r);
	snprintf(cmd, sizeof(cmd), "cd '%s' && { vm/lab host --name " NAME
		 " -- sh -c 'ping -c 100 -i 0.05 -W 2 \"$GUEST\"' > /tmp/split-ping.$$ & "
		 "vm/lab exec --name " NAME " -- sh -c '" NOW_MS "t0=$(now_ms); "
		 "ethtool -r eth0; a=$?; ethtool -p eth0 1; b=$?; ethtool -G eth0 rx 64 tx 64; c=$?; "
		 "t1=$(now_ms); echo status=$a,$b,$c ms=$((t1 - t0)); "
		 "ethtool -i eth0'; "
		 "wait; cat /tmp/split-ping.$$; rm -f /tmp/split-ping.$$; }", th_root());
	th_sh(&r, 120, cmd);
	/* each op fails: none of them hangs or succeeds */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status=255,"));
	CU_ASSERT_PTR_NULL(strstr(r.out, ",0,"));
	CU_ASSERT_PTR_NULL(strstr(r.out, ",0 "));
	CU_ASSERT_EQUAL(th_count(r.err, r.err_len, "Transport endpoint is not connected"), 2);
	/* get_drvinfo cannot fail towards ethtool: it says what it lacks */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "driver: pcnet32\nversion: unavailable\n"));
	if (strstr(r.out, "ms="))
		ms = atoi(strstr(r.out, "ms=") + 3);
	fprintf(stderr, " [3 errors after %d ms] ", ms);
	CU_ASSERT(ms < 2000);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "100 packets transmitted, 100 received, 0% packet loss"));
	th_free(&r);
	gsh(&r, 30, "/lab/driver/daemon-start && ethtool -i eth0 | head -1");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "driver: pcnet32\n");
	th_free(&r);
}

/*
 * Kill the daemon while it holds op for 1.5 s (after 0.5 s): the caller
 * has an error at once (well before the 2 s deadline) and the kernel
 * counts one reset; the supervisor restarts the daemon (it logs the
 * restart) and the same command then gets its answer from the new daemon
 * (still holding op 1.5 s, within the deadline; "again=" is its status).
 * cmd runs the op and fails when the op failed; the output is left in r
 * for more checks.
 */
static void kill_mid_op(struct th_result *r, int op, const char *cmd)
{
	char c[2048];
	int ms = 99999;

	snprintf(c, sizeof(c),
		 "/lab/driver/daemon-stop && : > /var/log/pcnet32d.log && "
		 "PCNET32D_TEST_DELAY=%d:1500 /lab/driver/daemon-start && "
		 "f=/sys/kernel/debug/pcnet32-upcall0/samples; echo 0 > $f; "
		 "t0=$(now_ms); "
		 "( sleep 0.5; kill -9 $(pidof pcnet32d) ) & "
		 "{ %s; }; st=$?; t1=$(now_ms); wait; "
		 "echo status=$st ms=$((t1 - t0)); head -1 $f; "
		 "i=0; until grep -q 'restart 1 ' /var/log/pcnet32d.log && [ -s /run/pcnet32d.ready ]; do "
		 "[ $i -lt 100 ] || break; sleep 0.1; i=$((i+1)); done; "
		 "echo restarts=$(grep -c 'pcnet32d exited (status 137).*restart 1 ' /var/log/pcnet32d.log); "
		 "{ %s; }; echo again=$?; "
		 "/lab/driver/daemon-stop; PCNET32D_TEST_DELAY= /lab/driver/daemon-start", op, cmd, cmd);
	gsh(r, 60, c);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "status="));
	CU_ASSERT_PTR_NULL(strstr(r->out, "status=0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "resets 1 "));
	if (strstr(r->out, "ms="))
		ms = atoi(strstr(r->out, "ms=") + 3);
	fprintf(stderr, " [error after %d ms] ", ms);
	CU_ASSERT(ms < 1500);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "restarts=1\n"));
}

/*
 * kill -9 mid get_regs: a get op is replayed to the next daemon since the
 * channel's replay (tests/split_hostile_lab.c tests it).
 */

static void test_kill_mid_nway_reset(void)
{
	struct th_result r;

	/*
	 * An op that can fail visibly: ethtool -r reports the reset; then
	 * the new daemon's own answer for this chip (no autonegotiation to
	 * restart, as with the stock driver) comes through.
	 */
	kill_mid_op(&r, 6, "ethtool -r eth0");
	CU_ASSERT_EQUAL(th_count(r.err, r.err_len, "Connection reset by peer"), 1);
	CU_ASSERT_EQUAL(th_count(r.err, r.err_len, "Operation not supported"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "again=255\n"));
	th_free(&r);
}

static void test_late_daemon_killed(void)
{
	struct th_result r;

	/*
	 * The daemon holds set_ringparam (an op off the ports) for 3 s, past
	 * the 2 s deadline: the caller has an error at the deadline and the
	 * daemon, which serves nobody else while it holds a request, is
	 * killed then (not after one more caller's deadline); its reply never
	 * comes, the rings are not changed, and the next daemon serves.
	 */
	gsh(&r, 60, "/lab/driver/daemon-stop && : > /var/log/pcnet32d.log && "
		    "PCNET32D_TEST_DELAY=9:3000 /lab/driver/daemon-start && "
		    "f=/sys/kernel/debug/pcnet32-upcall0/samples; echo 0 > $f; "
		    "ethtool -G eth0 rx 64; echo status=$?; head -1 $f; "
		    "echo dmesg=$(dmesg | grep -c 'missed its deadline: killed'); "
		    "i=0; until grep -q 'restart 1 ' /var/log/pcnet32d.log && [ -s /run/pcnet32d.ready ]; do "
		    "[ $i -lt 100 ] || break; sleep 0.1; i=$((i+1)); done; "
		    "echo exited=$(grep -c 'exited (status 137)' /var/log/pcnet32d.log); "
		    "sleep 1.5; echo stale=$(grep -c 'refused: No such file or directory' /var/log/pcnet32d.log); "
		    "/lab/driver/daemon-stop && PCNET32D_TEST_DELAY= /lab/driver/daemon-start && "
		    "ethtool -g eth0 | grep -A1 '^Current' | tail -1");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status="));
	CU_ASSERT_PTR_NULL(strstr(r.out, "status=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "Connection timed out"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "timeouts 1 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "unresponsive 0 masked 0 foreign 0 killed 1 "));
	CU_ASSERT_PTR_NULL(strstr(r.out, "dmesg=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "exited=1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "stale=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "RX:\t\t32\n"));
	th_free(&r);
}

static void test_stale_reply_rejected(void)
{
	struct th_result r;

	/*
	 * The caller of set_ringparam (off the ports) is killed while the
	 * daemon holds the op for 1 s, within the deadline: the caller
	 * returns at once, the daemon is not killed, its reply comes after
	 * its caller gave up and is refused as stale, and the rings are not
	 * changed.
	 */
	gsh(&r, 60, "/lab/driver/daemon-stop && : > /var/log/pcnet32d.log && "
		    "PCNET32D_TEST_DELAY=9:1000 /lab/driver/daemon-start && p=$(pidof pcnet32d); "
		    "ethtool -G eth0 rx 64 & e=$!; sleep 0.4; kill -9 $e; wait $e; echo ethtool=$?; "
		    "sleep 1.5; echo stale=$(grep -c 'refused: No such file or directory' /var/log/pcnet32d.log); "
		    "[ \"$(pidof pcnet32d)\" = \"$p\" ] && echo same; "
		    "/lab/driver/daemon-stop && PCNET32D_TEST_DELAY= /lab/driver/daemon-start && "
		    "ethtool -g eth0 | grep -A1 '^Current' | tail -1");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "ethtool=137\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "stale=1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\nsame\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "RX:\t\t32\n"));
	th_free(&r);
}

static void test_hung_daemon_on_ports(void)
{
	struct th_result r;
	int ms = 99999;

	/*
	 * A daemon with direct ports hangs (5 s) in nway_reset, an op on the
	 * ports: at the 2 s deadline the caller has an error, and since the
	 * daemon may still be touching the ports the kernel is taking back,
	 * it is killed (and its release awaited); the supervisor starts a new
	 * one. (A mediated daemon is killed at its deadline as any other:
	 * "a daemon past its deadline off the ports is killed then".)
	 */
	gsh(&r, 60, "/lab/driver/daemon-stop && : > /var/log/pcnet32d.log && "
		    "PCNET32D_TEST_DELAY=6:5000 PCNET32D_ARGS=--ports\\ direct "
		    "/lab/driver/daemon-start && "
		    "f=/sys/kernel/debug/pcnet32-upcall0/samples; echo 0 > $f; "
		    "t0=$(now_ms); ethtool -r eth0; st=$?; t1=$(now_ms); "
		    "echo status=$st ms=$((t1 - t0)); head -1 $f; "
		    "i=0; until grep -q 'restart 1 ' /var/log/pcnet32d.log && [ -s /run/pcnet32d.ready ]; do "
		    "[ $i -lt 100 ] || break; sleep 0.1; i=$((i+1)); done; "
		    "grep -c 'exited (status 137)' /var/log/pcnet32d.log; "
		    "dmesg | grep -c 'missed its deadline holding the ports: killed'; "
		    "/lab/driver/daemon-stop; /lab/driver/daemon-start && ethtool -i eth0 | head -1");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status=255"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "Connection timed out"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "timeouts 1 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "killed 1 hello "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n1\n1\ndriver: pcnet32\n"));
	if (strstr(r.out, "ms="))
		ms = atoi(strstr(r.out, "ms=") + 3);
	fprintf(stderr, " [error after %d ms] ", ms);
	CU_ASSERT(ms >= 1900 && ms < 4500);
	th_free(&r);
}

static void test_parallel_fifo(void)
{
	struct th_result r;

	/*
	 * 8 loops at once: 4 of ethtool -d, 4 of ethtool -s msglvl with
	 * their own values read back; every call succeeds and every dump
	 * has the same chip id and address PROM as the first.
	 */
	gsh(&r, 300,
	    "ethtool -d eth0 raw on | od -An -tx1 -v -N 16 > /tmp/ref; "
	    "for i in 1 2 3 4; do ( for j in $(seq 15); do "
	    "  ethtool -d eth0 raw on | od -An -tx1 -v -N 16 | cmp -s - /tmp/ref || echo BADDUMP; "
	    "done; echo done-d ) & done; "
	    "for i in 1 2 3 4; do ( for j in $(seq 15); do "
	    "  ethtool -s eth0 msglvl $i || echo BADSET; ethtool eth0 >/dev/null || echo BADGET; "
	    "done; echo done-s ) & done; wait; ethtool -s eth0 msglvl 0x7; ethtool eth0 | grep -A1 'Current message level'");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(th_count(r.out, r.out_len, "done-d"), 4);
	CU_ASSERT_EQUAL(th_count(r.out, r.out_len, "done-s"), 4);
	CU_ASSERT_EQUAL(th_count(r.out, r.out_len, "BAD"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "0x00000007 (7)"));
	th_free(&r);
}

/*
 * Per-second throughput of the intervals of iperf3 -J, for the sending
 * (sender 1) or receiving (sender 0) side, into v[] (at most n); returns
 * how many. Stream entries and their sums both count: a second is as slow
 * as its slowest entry. In each entry "bits_per_second" comes before
 * "sender".
 */
static int interval_bps(const char *json, int sender, double *v, int n)
{
	const char *p = strstr(json, "\"intervals\"");
	/* the summary at top level, after the intervals (one tab indent) */
	const char *end = p ? strstr(p, "\n\t\"end\":") : NULL;
	long last_end = -1;
	int k = 0;

	while (p && end && (p = strstr(p, "\"end\":")) && p < end) {
		/* entries of one second end within a few ms of each other */
		long t = lround(strtod(p + strlen("\"end\":"), NULL));
		const char *b = strstr(p, "\"bits_per_second\":");
		const char *q = b ? strstr(b, "\"sender\":") : NULL;
		double bps;

		if (!q || q > end)
			break;
		bps = strtod(b + strlen("\"bits_per_second\":"), NULL);
		q += strlen("\"sender\":");
		while (*q == ' ' || *q == '\t')
			q++;
		p = q;
		if (strncmp(q, sender ? "true" : "false", sender ? 4 : 5))
			continue;
		if (t != last_end && k < n) {
			v[k++] = bps;	/* a new second */
			last_end = t;
		} else if (k && bps < v[k - 1]) {
			v[k - 1] = bps;
		}
	}
	return k;
}

/* The longest run of seconds without traffic, and the slowest second. */
static int longest_stall(const double *v, int n, double *slowest)
{
	int run = 0, worst = 0, i;

	*slowest = n ? v[0] : -1;
	for (i = 0; i < n; i++) {
		run = v[i] > 0 ? 0 : run + 1;
		if (run > worst)
			worst = run;
		if (v[i] < *slowest)
			*slowest = v[i];
	}
	return worst;
}

static void test_ports_race(void)
{
	struct th_result r;
	double tx, rx, vtx[128], vrx[128];
	int dumps = 0, bad = -1, timeouts = -1, ntx, nrx, stall_tx, stall_rx;
	int missed = -1, holds = -1;
	const char *p;

	/*
	 * 60 s of iperf3 in both directions at once while the guest dumps
	 * the registers in a loop through the (mediated) daemon: its programs
	 * run under the register lock the fast path takes, so no dump is
	 * corrupted (the address PROM, chip id and BCRs never change), no
	 * transmit times out, no second of traffic stalls in either
	 * direction, and the fast path is never stopped (the kernel's
	 * fastpath_holds stays 0). CSR112, the missed frame count, is
	 * reported: the emulated chip misses frames whenever the guest
	 * stalls.
	 */
	snprintf(buf, sizeof(buf),
		 "cd '%s' && { vm/lab host --name " NAME " -- sh -c "
		 "'sleep 1; iperf3 -c \"$GUEST\" -t 60 --bidir -J' > /tmp/split-race.$$ & "
		 "vm/lab exec --name " NAME " --timeout 150 -- sh -c '" NOW_MS
		 "key() { ethtool -d eth0 raw on | od -An -tx1 -v | tr -d \" \\n\" | cut -c1-32,385-392,401-544; }; "
		 "h0=$(cat /sys/kernel/debug/pcnet32-0000:*/fastpath_holds); "
		 "ref=$(key); n=0; bad=0; end=$(( $(now_ms) + 62000 )); "
		 "while [ $(now_ms) -lt $end ]; do [ \"$(key)\" = \"$ref\" ] || bad=$((bad + 1)); n=$((n + 1)); done; "
		 "echo dumps=$n bad=$bad timeouts=$(dmesg | grep -c -E \"timed out|WATCHDOG\") "
		 "missed=$(ethtool -d eth0 raw on | od -An -tu2 -v -j 196 -N 2) "
		 "holds=$(( $(cat /sys/kernel/debug/pcnet32-0000:*/fastpath_holds) - h0 ))'; "
		 "wait; cat /tmp/split-race.$$; rm -f /tmp/split-race.$$; }", th_root());
	th_sh(&r, 300, buf);
	CU_ASSERT_EQUAL(r.status, 0);
	p = strstr(r.out, "dumps=");
	if (p)
		sscanf(p, "dumps=%d bad=%d timeouts=%d missed=%d holds=%d", &dumps,
		       &bad, &timeouts, &missed, &holds);
	ntx = interval_bps(r.out, 1, vtx, 128);
	nrx = interval_bps(r.out, 0, vrx, 128);
	stall_tx = longest_stall(vtx, ntx, &tx);
	stall_rx = longest_stall(vrx, nrx, &rx);
	fprintf(stderr, " [%d dumps, %d bad, %d timeouts, %d frames missed (CSR112), "
		"%d fast-path holds; "
		"host->guest: slowest second %.1f Mbit/s, longest stall %d s; "
		"guest->host: %.1f Mbit/s, %d s] ",
		dumps, bad, timeouts, missed, holds, tx / 1e6, stall_tx, rx / 1e6,
		stall_rx);
	CU_ASSERT(dumps >= 20);
	CU_ASSERT_EQUAL(holds, 0);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(timeouts, 0);
	/* traffic both ways for the whole minute */
	CU_ASSERT(ntx >= 58 && nrx >= 58);
	/*
	 * A stall is a NIC that stops: 10 s or more without a byte, or no
	 * traffic in the last 3 s. Shorter gaps do happen: frames missed
	 * while the fast path is held off (CSR112 above) make TCP's
	 * retransmission timer back off; gaps of up to 5 s have been seen
	 * under back-to-back dumps, and the traffic resumed each time.
	 */
	CU_ASSERT(stall_tx < 10);
	CU_ASSERT(stall_rx < 10);
	CU_ASSERT(ntx >= 3 && vtx[ntx - 1] > 0 && vtx[ntx - 2] > 0 && vtx[ntx - 3] > 0);
	CU_ASSERT(nrx >= 3 && vrx[nrx - 1] > 0 && vrx[nrx - 2] > 0 && vrx[nrx - 3] > 0);
	th_free(&r);
	/* and the NIC works afterwards */
	snprintf(buf, sizeof(buf), "cd '%s' && vm/lab host --name " NAME
		 " -- sh -c 'ping -c 20 -i 0.05 -W 2 \"$GUEST\"'", th_root());
	th_sh(&r, 60, buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "20 packets transmitted, 20 received, 0% packet loss"));
	th_free(&r);
}

static void test_reload_cycles(void)
{
	struct th_result r;
	char cmd[1024];

	/*
	 * Unload (daemon first: its open node pins the module) and load the
	 * split build 5 times while the host pings: no oops, no WARN (the
	 * lab would say 242), the daemon serves again each time.
	 */
	snprintf(cmd, sizeof(cmd), "cd '%s' && { vm/lab host --name " NAME
		 " -- sh -c 'ping -c 150 -i 0.1 -W 1 \"$GUEST\"' > /tmp/split-reload.$$ & "
		 "vm/lab exec --name " NAME " --timeout 120 -- sh -c 'n=0; for i in 1 2 3 4 5; do "
		 "/lab/driver/unload && /lab/driver/load && lab-ifup && "
		 "ethtool -i eth0 | grep -q \"version: 1.0-ours\" && n=$((n + 1)); done; echo cycles=$n'; "
		 "echo status=$?; wait; tail -2 /tmp/split-reload.$$; rm -f /tmp/split-reload.$$; }",
		 th_root());
	th_sh(&r, 240, cmd);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "cycles=5\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status=0\n"));
	/* the interface works afterwards: the last pings got through */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "150 packets transmitted"));
	CU_ASSERT_PTR_NULL(strstr(r.out, " 0 received"));
	th_free(&r);
}

static CU_TestInfo split_tests[] = {
	{ "the daemon serves, sandboxed: own uid, no capabilities", test_daemon_serves },
	{ "phase timings are recorded per upcall", test_samples_recorded },
	{ "a second daemon is refused", test_second_daemon_refused },
	{ "a non-root user cannot open the node", test_non_root_refused },
	{ "daemon stopped: error within the deadline, pings unharmed", test_daemon_stopped },
	{ "kill -9 mid nway_reset: ethtool reports the reset", test_kill_mid_nway_reset },
	{ "a daemon past its deadline off the ports is killed then", test_late_daemon_killed },
	{ "a reply after its caller gave up is refused as stale", test_stale_reply_rejected },
	{ "a daemon hung on direct ports is killed at the deadline", test_hung_daemon_on_ports },
	{ "8 parallel loops through the FIFO all succeed", test_parallel_fifo },
	{ "ethtool -d loop under iperf3 both ways for 60 s: no race", test_ports_race },
	{ "unload and load 5 times under ping", test_reload_cycles },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "split: daemon and channel", split_init, split_clean, split_tests);
