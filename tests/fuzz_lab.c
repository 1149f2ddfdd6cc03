// SPDX-License-Identifier: GPL-2.0
/*
 * Lab tests of the daemon's sandbox and supervisor, and a short run of the
 * hostile-daemon fuzzer (faultinject/fuzz/), in one guest of the split
 * build. The fuzz comes last: a kernel it breaks is tainted for the rest.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fz_name[32];
static char fz_buf[8192];

/* a guest shell function: milliseconds since boot (10 ms steps) */
#define FZ_NOW_MS "now_ms() { awk '\\''{ printf \"%%d\", $1 * 1000 }'\\'' /proc/uptime; }; "

/* Run a shell command in the guest. */
static void fz_sh(struct th_result *r, int timeout, const char *cmd)
{
	char q[6144], *o = q;
	const char *c;

	for (c = cmd; *c && o < q + sizeof(q) - 8; c++) {
		if (*c == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *c;
		}
	}
	*o = '\0';
	snprintf(fz_buf, sizeof(fz_buf), "cd '%s' && vm/lab exec --name %s --timeout %d -- sh -c '"
		 FZ_NOW_MS "%s'", th_root(), fz_name, timeout, q);
	th_sh(r, timeout + 60, fz_buf);
}

static int fz_init(void)
{
	struct th_result r;

	snprintf(fz_name, sizeof(fz_name), "tfuzz-%d", (int)getpid());
	snprintf(fz_buf, sizeof(fz_buf), "cd '%s' && vm/lab up --driver split --name %s",
		 th_root(), fz_name);
	th_sh(&r, 240, fz_buf);
	if (r.status) {
		fprintf(stderr, "fuzz lab up failed (%d): %s\n", r.status, r.err);
		th_free(&r);
		return 1;
	}
	th_free(&r);
	return 0;
}

static int fz_clean(void)
{
	struct th_result r;

	snprintf(fz_buf, sizeof(fz_buf), "cd '%s' && vm/lab down --name %s", th_root(), fz_name);
	th_sh(&r, 60, fz_buf);
	th_free(&r);
	return 0;
}

static void test_sandboxed(void)
{
	struct th_result r;
	long uid = -1;
	const char *p;

	/*
	 * The daemon's uid: its own (not root, not nobody), named in neither
	 * database, owned by no other process; all four ids the same, no
	 * groups, no capability in any set, no new privileges, a seccomp
	 * filter; not dumpable, so its /proc files are root's; and a process
	 * of that very uid (a passwd entry made for the test) can neither
	 * open its memory nor read its environment.
	 */
	fz_sh(&r, 60, "P=$(pidof pcnet32d); u=$(awk '/^Uid:/ { print $2 }' /proc/$P/status); "
		      "echo uid=$u; grep -E '^(Uid|Gid|Groups|Cap...|NoNewPrivs|Seccomp):' /proc/$P/status; "
		      "echo owner=$(stat -c %u:%g /proc/$P/mem /proc/$P/environ); "
		      "echo indb=$(awk -F: -v u=$u '$3 == u || $4 == u' /etc/passwd /etc/group | wc -l); "
		      "n=0; for s in /proc/[0-9]*/status; do [ $s = /proc/$P/status ] && continue; "
		      "grep -E '^(Uid|Gid):' $s 2>/dev/null | grep -qw $u && n=$((n + 1)); done; echo others=$n; "
		      "echo \"pcnet32d-test:x:$u:$u::/:/bin/sh\" >> /etc/passwd; "
		      "su -s /bin/sh pcnet32d-test -c \"cat /proc/$P/mem; cat /proc/$P/environ\"; "
		      "sed -i '/^pcnet32d-test:/d' /etc/passwd; "
		      "grep -c \"sandboxed as uid/gid $u\" /var/log/pcnet32d.log");
	CU_ASSERT_EQUAL(r.status, 0);
	p = strstr(r.out, "uid=");
	if (p)
		uid = strtol(p + 4, NULL, 10);
	fprintf(stderr, " [uid %ld] ", uid);
	CU_ASSERT(uid > 0 && uid != 65534);
	snprintf(fz_buf, sizeof(fz_buf), "Uid:\t%ld\t%ld\t%ld\t%ld\n", uid, uid, uid, uid);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, fz_buf));
	snprintf(fz_buf, sizeof(fz_buf), "Gid:\t%ld\t%ld\t%ld\t%ld\n", uid, uid, uid, uid);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, fz_buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "CapInh:\t0000000000000000\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "CapPrm:\t0000000000000000\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "CapEff:\t0000000000000000\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "CapBnd:\t0000000000000000\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "CapAmb:\t0000000000000000\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "NoNewPrivs:\t1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "Seccomp:\t2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "owner=0:0 0:0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "indb=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "others=0\n"));
	CU_ASSERT_EQUAL(th_count(r.err, r.err_len, "Permission denied"), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n1\n"));
	th_free(&r);
}

static void test_ops_under_filter(void)
{
	struct th_result r;

	/*
	 * Every op through the sandboxed daemon: each gives the real answer
	 * (this chip has no MII and cannot restart autonegotiation), and the
	 * filter killed nothing: the same daemon before and after, no
	 * restart in the log, no seccomp record in the kernel log.
	 */
	fz_sh(&r, 120, "P=$(pidof pcnet32d); : > /var/log/pcnet32d.log; "
		       "ethtool -i eth0 | grep -q 'version: 1.0-ours'; echo i=$?; "
		       "echo d=$(ethtool -d eth0 raw on | wc -c); "
		       "ethtool -g eth0 >/dev/null; echo g=$?; "
		       "ethtool -G eth0 rx 64 tx 32 && ethtool -G eth0 rx 32 tx 16; echo G=$?; "
		       "ethtool -s eth0 msglvl 0x15 && ethtool eth0 | grep -q '0x00000015'; echo msglvl=$?; "
		       "ethtool -s eth0 msglvl 0x7; "
		       "ethtool -r eth0; echo r=$?; "
		       "ethtool -p eth0 1; echo p=$?; "
		       "ethtool -t eth0 >/dev/null; echo t=$?; "
		       "ethtool -s eth0 autoneg off speed 10 duplex half; echo slink=$?; "
		       "ethtool eth0 | grep -q 'Speed: 10Mb/s'; echo glink=$?; "
		       "su -s /bin/sh nobody -c 'ethtool -i eth0' | grep -q 'version: 1.0-ours'; echo user=$?; "
		       "/lab/bin/pcnet32-mii eth0; "
		       "[ \"$(pidof pcnet32d)\" = \"$P\" ]; echo same=$?; "
		       "echo restarts=$(grep -c exited /var/log/pcnet32d.log); "
		       "echo seccomp=$(dmesg | grep -c 'type=1326')");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "i=0\nd=272\ng=0\nG=0\nmsglvl=0\nr=255\np=0\nt=0\n"
					     "slink=0\nglink=0\nuser=0\n"));
	/* ethtool -r once, and the MII tool's four requests */
	CU_ASSERT_EQUAL(th_count(r.err, r.err_len, "Operation not supported") +
			th_count(r.out, r.out_len, "Operation not supported"), 5);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "same=0\nrestarts=0\nseccomp=0\n"));
	th_free(&r);
}

static int fz_cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void test_kill_recovery(void)
{
	struct th_result r;
	int ms[10], n = 0, i;
	const char *p;

	/*
	 * kill -9 the daemon 10 times in a row; each time, until ethtool -i
	 * shows the real version again from a new daemon. A daemon that was
	 * ready is restarted at once (no backoff), and the log says so.
	 */
	fz_sh(&r, 120, ": > /var/log/pcnet32d.log; for i in 1 2 3 4 5 6 7 8 9 10; do "
		       "old=$(pidof pcnet32d); t0=$(now_ms); kill -9 $old; n=0; "
		       "until [ \"$(pidof pcnet32d)\" != \"$old\" ] && "
		       "ethtool -i eth0 | grep -q 'version: 1.0-ours'; do "
		       "n=$((n + 1)); [ $n -lt 500 ] || break; sleep 0.01; done; "
		       "echo ms=$(($(now_ms) - t0)); done; "
		       "echo now=$(grep -c 'was ready; restart [0-9]* now' /var/log/pcnet32d.log)");
	CU_ASSERT_EQUAL(r.status, 0);
	for (p = r.out; n < 10 && (p = strstr(p, "ms=")); p += 3)
		ms[n++] = atoi(p + 3);
	CU_ASSERT_EQUAL(n, 10);
	if (n == 10) {
		qsort(ms, 10, sizeof(ms[0]), fz_cmp_int);
		fprintf(stderr, " [recovery after kill -9: median %d ms, max %d ms] ",
			(ms[4] + ms[5]) / 2, ms[9]);
		for (i = 0; i < 10; i++)
			CU_ASSERT(ms[i] < 2000);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "now=10\n"));
	th_free(&r);
}

static void test_crash_loop_backoff(void)
{
	struct th_result r;

	/*
	 * A daemon that dies before it is ready (here: false) is a crash
	 * loop: the supervisor backs off 0.1 s, 0.2 s, 0.4 s, 0.8 s, ...
	 * (its own files, beside the real supervisor's).
	 */
	fz_sh(&r, 60, "PCNET32D=false PCNET32D_LOG=/tmp/cl.log PCNET32D_PIDFILE=/tmp/cl.pid "
		      "PCNET32D_READY=/tmp/cl.ready /lab/driver/pcnet32-supervise & s=$!; "
		      "sleep 3.5; kill $s; wait $s; cat /tmp/cl.log");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "never ready; restart 1 in 100ms\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "never ready; restart 2 in 200ms\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "never ready; restart 3 in 400ms\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "never ready; restart 4 in 800ms\n"));
	CU_ASSERT_PTR_NULL(strstr(r.out, " now\n"));
	th_free(&r);
}

static void test_rebind(void)
{
	struct th_result r;

	/*
	 * Unbind the NIC from the driver and bind it again: the daemon loses
	 * its node (REQUEST fails), the supervisor waits for the node to come
	 * back instead of crash-looping, and a new daemon serves. The kernel
	 * gives the NIC the lowest free node index again (an IDA); with a
	 * growing index the node came back as pcnet32-upcall1 and this
	 * failed. Afterwards the module is reloaded,
	 * whatever happened, so that the next test starts from node 0.
	 */
	fz_sh(&r, 120, ": > /var/log/pcnet32d.log; "
		       "bus=$(ethtool -i eth0 | sed -n 's/^bus-info: //p'); "
		       "echo $bus > /sys/bus/pci/drivers/pcnet32/unbind; sleep 1; "
		       "echo $bus > /sys/bus/pci/drivers/pcnet32/bind; t0=$(now_ms); "
		       "lab-ifup >/dev/null 2>&1; n=0; "
		       "until ethtool -i eth0 2>/dev/null | grep -q 'version: 1.0-ours'; do "
		       "n=$((n + 1)); [ $n -lt 100 ] || break; sleep 0.1; done; "
		       "ethtool -i eth0 | grep -q 'version: 1.0-ours'; echo back=$? ms=$(($(now_ms) - t0)); "
		       "ls /dev | grep pcnet32-upcall; cat /var/log/pcnet32d.log; "
		       "/lab/driver/unload; /lab/driver/load && lab-ifup; echo reload=$?");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "back=0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "waiting for /dev/pcnet32-upcall0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "/dev/pcnet32-upcall0 is back"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "never ready"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "reload=0\n"));
	if (strstr(r.out, "back="))
		fprintf(stderr, " [%s] ", strstr(r.out, "back="));
	th_free(&r);
}

/* the number after the first "key" at or after p (0: none) */
static unsigned long fz_after(const char *p, const char *key)
{
	p = p ? strstr(p, key) : NULL;
	return p ? strtoul(p + strlen(key), NULL, 10) : 0;
}

/*
 * The REGS category's counts in a mediated phase's report: programs sent
 * in classes with the request held on the NIC, the kernel's answers.
 */
static void fz_check_regs(const char *out)
{
	const char *nic = strstr(out, "fuzz: regs HELD_NIC ");
	const char *formed = strstr(out, "fuzz: regs HELD_NIC_FORMED ");
	unsigned long n_nic = fz_after(nic, " sent "), n_formed = fz_after(formed, " sent ");
	unsigned long eperm = fz_after(nic, "EPERM="), ok = fz_after(formed, "OK=");
	unsigned long n_ran = 0, n_bad = 1, checks = 0, changed = 1;
	const char *p;

	p = strstr(out, " programs ran (");
	if (p) {
		while (p > out && p[-1] != '\n')
			p--;
		sscanf(p, "fuzz: regs %lu programs ran", &n_ran);
		n_bad = fz_after(p, "checks: ");
	}
	p = strstr(out, "in a held get_regs: ");
	if (p)
		sscanf(p, "in a held get_regs: %lu checks, %lu changed", &checks, &changed);
	fprintf(stderr, " [REGS: %lu random and %lu formed programs on the NIC, %lu refused by "
		"the firewall, %lu formed ran; %lu ran in all; %lu ran although refused; "
		"DMA checks %lu, changed %lu] ", n_nic, n_formed, eperm, ok, n_ran, n_bad,
		checks, changed);
	/* random programs, refused by the firewall; programs of the op's own table, run */
	CU_ASSERT(n_nic >= 100);
	CU_ASSERT(n_formed >= 100);
	CU_ASSERT(eperm >= 10);
	CU_ASSERT(ok >= 10);
	CU_ASSERT(n_ran >= 10);
	/* the kernel's path agrees with its own checks: nothing refused ran */
	CU_ASSERT_EQUAL(n_bad, 0);
	/* around the programs in held get_regs requests: the DMA registers stay */
	CU_ASSERT(checks >= 5);
	CU_ASSERT_EQUAL(changed, 0);
}

static void test_short_fuzz(void)
{
	struct th_result r;
	unsigned long replies = 0, ioctls = 0, fetched = 0;
	int phases = 0;
	const char *p;

	/*
	 * A short hostile-daemon fuzz (8000 replies, 800 random ioctls,
	 * fixed seed) under the full load, in two halves: a server on the
	 * NIC's ports (the paper's design), then a mediated one (the real
	 * daemon's default) that also sends random register programs while
	 * it holds requests (category REGS). No WARN, BUG, oops or lockdep
	 * line, no new taint (the lab's 242), the real daemon back and giving
	 * the same answers as before, the DMA registers (CSR1/2, CSR24/25,
	 * CSR30/31, CSR76/78, read with ethtool -d through the real daemon)
	 * the same after the mediated half as before it, and the NIC passes
	 * pings and a TCP stream. A kernel that took string-set counts from
	 * the daemon failed this (a WARN in dev_ethtool and an oops in the
	 * self-test within a few thousand replies).
	 */
	fz_sh(&r, 600, "fuzz-run 11 8000 800 300");
	for (p = r.out; (p = strstr(p, "fuzz: seed 11, ports ")); p++) {
		unsigned long rp = 0, io = 0;
		char ports[16] = "";

		fprintf(stderr, " [%.*s] ", (int)strcspn(p, "\n"), p);
		if (sscanf(p, "fuzz: seed 11, ports %15[a-z]: %lu replies (target %*u), %lu ioctls",
			   ports, &rp, &io) == 3) {
			phases++;
			replies += rp;
			ioctls += io;
		}
	}
	if ((p = strstr(r.out, "fuzz-run: kernel log:")))
		fprintf(stderr, " [%.*s] ", (int)strcspn(p, "\n"), p);
	CU_ASSERT_EQUAL(r.status, 0);
	/* both servers, the targets between them */
	CU_ASSERT_EQUAL(phases, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "fuzz: seed 11, ports direct: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "fuzz: seed 11, ports mediated: "));
	CU_ASSERT(replies >= 8000);
	CU_ASSERT(ioctls >= 800);
	/* both protocols' reply paths were fuzzed: REPLY and FETCH commits */
	for (p = r.out; (p = strstr(p, " replies sent as FETCH commits")); p++) {
		const char *l = p;
		unsigned long f = 0;

		while (l > r.out && l[-1] != '\n')
			l--;
		if (sscanf(l, "fuzz: %lu replies sent as FETCH commits", &f) == 1)
			fetched += f;
	}
	fprintf(stderr, " [%lu replies as FETCH commits] ", fetched);
	CU_ASSERT(fetched >= 1000);
	fz_check_regs(r.out);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " 0 bad lines"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "fuzz-run: battery same as before: yes\n"));
	p = strstr(r.out, "fuzz-run: DMA registers before");
	if (p)
		fprintf(stderr, " [%.*s] ", (int)strcspn(p, "\n"), p);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "fuzz-run: DMA registers unchanged: yes\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "fuzz-run: verdict PASS\n"));
	if (!strstr(r.out, "fuzz-run: verdict PASS\n"))
		fprintf(stderr, "\n%s\n%s\n", r.out, r.err);
	th_free(&r);
	if (r.status)
		return;	/* the guest is gone or its kernel broken: no network */
	/*
	 * The battery's last op (ethtool -t) restarts the chip: the guest
	 * answers again within 10 s, then 20 echoes of 20 and iperf3.
	 */
	snprintf(fz_buf, sizeof(fz_buf), "cd '%s' && vm/lab host --name %s -- sh -c "
		 "'i=0; until ping -c 1 -W 1 \"$GUEST\" >/dev/null || [ $i -ge 10 ]; do i=$((i+1)); done; "
		 "echo first-reply-after=$i; "
		 "ping -c 20 -i 0.1 -W 2 \"$GUEST\" && iperf3 -c \"$GUEST\" -t 3'",
		 th_root(), fz_name);
	th_sh(&r, 90, fz_buf);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "20 packets transmitted, 20 received, 0% packet loss"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "receiver"));
	if (r.status)
		fprintf(stderr, "\n[after the fuzz, host to guest: %s\n%s]\n", r.out, r.err);
	th_free(&r);
}

static CU_TestInfo fuzz_tests[] = {
	{ "the daemon is sandboxed: own uid, no caps, seccomp, not dumpable", test_sandboxed },
	{ "every op works under the filter; nothing is killed", test_ops_under_filter },
	{ "kill -9 x10: a ready daemon is back at once (< 2 s each)", test_kill_recovery },
	{ "a daemon that never gets ready backs off 0.1, 0.2, 0.4, 0.8 s", test_crash_loop_backoff },
	{ "unbind/bind: the supervisor waits for the node, a new daemon serves",
	  test_rebind },
	{ "short hostile-daemon fuzz, direct then mediated with random register programs: "
	  "no WARN/oops/taint, DMA registers unchanged, daemon and NIC recover",
	  test_short_fuzz },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "fuzz: daemon sandbox, supervisor, hostile daemon", fz_init, fz_clean, fuzz_tests);
