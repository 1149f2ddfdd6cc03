// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the guest lab itself (vm/lab) that boot guests with the stock
 * driver; its unit suite (host only, seconds) is tests/unit/vm_lab_unit.c.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LAB "vm/lab"
#define NAME "tlab"

static char cmdbuf[4096];

/* A command line with the lab's path filled in. */
static const char *labcmd(const char *fmt, const char *arg)
{
	char tmp[3072];

	snprintf(tmp, sizeof(tmp), fmt, arg ? arg : "");
	snprintf(cmdbuf, sizeof(cmdbuf), "cd '%s' && %s", th_root(), tmp);
	return cmdbuf;
}

static int one_line(const char *s)
{
	const char *nl = strchr(s, '\n');

	return s[0] && nl && nl[1] == '\0';
}

/* What a lab leaves on the machine: namespaces and live QEMU processes. */
static int leftovers(const char *name)
{
	struct th_result r;
	char cmd[512];
	int n;

	snprintf(cmd, sizeof(cmd),
		 "{ ip netns list | grep -c '^pcnet32-lab-%s\\b' || true; } ; "
		 "ps -eo stat=,args= | awk '$1 !~ /^Z/ && /-name pcnet32-lab-%s( |$)/' | grep -vc awk || true",
		 name, name);
	th_sh(&r, 30, cmd);
	n = atoi(r.out) + atoi(strchr(r.out, '\n') ? strchr(r.out, '\n') + 1 : "0");
	th_free(&r);
	return n;
}

/* ---- lab: one guest with the stock driver ------------------------------ */

static int lab_init(void)
{
	struct th_result r;

	th_sh(&r, 30, labcmd(LAB " down --name " NAME, NULL));
	th_free(&r);
	th_sh(&r, 180, labcmd(LAB " up --driver stock --name " NAME, NULL));
	if (r.status) {
		fprintf(stderr, "lab up failed (%d): %s\n", r.status, r.err);
		th_free(&r);
		return 1;
	}
	th_free(&r);
	return 0;
}

static int lab_clean(void)
{
	struct th_result r;

	th_sh(&r, 60, labcmd(LAB " down --name " NAME, NULL));
	th_free(&r);
	return 0;
}

static void gexec(struct th_result *r, int timeout, const char *cmd)
{
	th_sh(r, timeout + 60, labcmd(LAB " exec --name " NAME " -- %s", cmd));
}

static void test_ethtool_i(void)
{
	struct th_result r;

	gexec(&r, 60, "ethtool -i eth0");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "driver: pcnet32\n"));
	th_free(&r);
}

static void test_ping_100(void)
{
	struct th_result r;

	th_sh(&r, 120, labcmd(LAB " host --name " NAME
			      " -- sh -c 'ping -c 100 -i 0.02 -W 2 \"$GUEST\"'", NULL));
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "100 packets transmitted, 100 received, 0% packet loss"));
	th_free(&r);
}

static void iperf(const char *extra)
{
	struct th_result r;
	char cmd[512];
	double bps;

	/*
	 * the guest's server re-opens its socket between tests: retry; the
	 * receiver's bits per second from iperf3 -J, read with jq
	 */
	snprintf(cmd, sizeof(cmd),
		 LAB " host --name " NAME " -- sh -c 'for i in 1 2 3; do "
		 "o=$(iperf3 -c \"$GUEST\" -t 2 -J %s) && "
		 "printf \"%%s\" \"$o\" | jq -e .end.sum_received.bits_per_second && exit 0; "
		 "sleep 1; done; exit 1'",
		 extra);
	th_sh(&r, 120, labcmd("%s", cmd));
	CU_ASSERT_EQUAL(r.status, 0);
	bps = strtod(r.out, NULL);
	CU_ASSERT(bps > 0);
	fprintf(stderr, " [%s %.0f Mbit/s] ", *extra ? "guest->host" : "host->guest", bps / 1e6);
	th_free(&r);
}

static void test_iperf_to_guest(void)
{
	iperf("");
}

static void test_iperf_from_guest(void)
{
	iperf("-R");
}

static void test_status_passes_through(void)
{
	struct th_result r;

	gexec(&r, 60, "sh -c 'echo out; echo err >&2; exit 42'");
	CU_ASSERT_EQUAL(r.status, 42);
	CU_ASSERT_STRING_EQUAL(r.out, "out\n");
	CU_ASSERT_STRING_EQUAL(r.err, "err\n");
	th_free(&r);
}

static void test_every_byte(void)
{
	struct th_result r;
	char fmt[256 * 4 + 1], cmd[2048];
	int i, ok = 1;

	for (i = 0; i < 256; i++)
		sprintf(fmt + 4 * i, "\\%03o", i);
	snprintf(cmd, sizeof(cmd), "printf '%s'", fmt);
	gexec(&r, 60, cmd);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(r.out_len, 256);
	for (i = 0; i < 256 && i < (int)r.out_len; i++)
		ok &= (unsigned char)r.out[i] == i;
	CU_ASSERT(ok);
	th_free(&r);
}

static void test_large_output(void)
{
	struct th_result r;

	/* 4 MiB through the channel, byte-exact (checked by length and sum) */
	gexec(&r, 120, "sh -c 'head -c 4194304 /dev/zero | tr \"\\0\" x'");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(r.out_len, 4194304);
	CU_ASSERT_EQUAL(th_count(r.out, r.out_len, "x"), 4194304);
	th_free(&r);
}

static void test_not_found(void)
{
	struct th_result r;

	gexec(&r, 60, "no-such-command-here");
	CU_ASSERT_EQUAL(r.status, 127);
	CU_ASSERT(one_line(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "not found: no-such-command-here"));
	th_free(&r);
}

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * pause stops the guest (no host CPU, clocks standing still, exec and host
 * refused), resume brings it back answering; what make bench does to every
 * guest but the one it measures.
 */
static void test_pause_resume(void)
{
	struct th_result r;
	double g0, g1, h0, h1;

	gexec(&r, 60, "cut -d' ' -f1 /proc/uptime");
	CU_ASSERT_EQUAL(r.status, 0);
	g0 = strtod(r.out, NULL);
	th_free(&r);
	h0 = mono_s();
	th_sh(&r, 30, labcmd(LAB " pause --name " NAME, NULL));
	CU_ASSERT_EQUAL(r.status, 0);
	th_free(&r);
	th_sh(&r, 30, labcmd(LAB " exec --name " NAME " -- true", NULL));
	CU_ASSERT_EQUAL(r.status, 240);
	CU_ASSERT(one_line(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "is paused (vm/lab resume"));
	th_free(&r);
	th_sh(&r, 30, labcmd(LAB " host --name " NAME " -- true", NULL));
	CU_ASSERT_EQUAL(r.status, 240);
	th_free(&r);
	/* QEMU's CPU time over 2 s of pause: nothing (ticks of 10 ms) */
	th_sh(&r, 30, labcmd("p=$(cat build/lab/" NAME "/qemu.pid); "
			     "a=$(awk '{ print $14 + $15 }' /proc/$p/stat); sleep 2; "
			     "echo $(($(awk '{ print $14 + $15 }' /proc/$p/stat) - a))", NULL));
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(atoi(r.out) <= 2);
	fprintf(stderr, " [%d ticks paused] ", atoi(r.out));
	th_free(&r);
	th_sh(&r, 30, labcmd(LAB " resume --name " NAME, NULL));
	CU_ASSERT_EQUAL(r.status, 0);
	th_free(&r);
	gexec(&r, 60, "cut -d' ' -f1 /proc/uptime");
	CU_ASSERT_EQUAL(r.status, 0);
	g1 = strtod(r.out, NULL);
	th_free(&r);
	h1 = mono_s();
	/* the guest's clock stood still for the 2 s of the pause */
	CU_ASSERT(g1 > g0);
	CU_ASSERT(g1 - g0 < h1 - h0 - 1.0);
	fprintf(stderr, " [guest %.1f s, host %.1f s] ", g1 - g0, h1 - h0);
	th_free(&r);
	th_sh(&r, 60, labcmd(LAB " host --name " NAME
			     " -- sh -c 'ping -c 3 -i 0.2 -W 5 \"$GUEST\"'", NULL));
	CU_ASSERT_EQUAL(r.status, 0);
	th_free(&r);
}

static void test_two_labs(void)
{
	struct th_result r;

	th_sh(&r, 180, labcmd(LAB " run --driver stock --name " NAME "2 -- "
			      "sh -c 'ethtool -i eth0 | head -1; cat /lab/config'", NULL));
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "driver: pcnet32"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "LAB_NAME=" NAME "2"));
	th_free(&r);
	/* the first lab still answers */
	gexec(&r, 60, "cat /lab/config");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "LAB_NAME=" NAME "\n"));
	th_free(&r);
	CU_ASSERT_EQUAL(leftovers(NAME "2"), 0);
}

static void test_hung(void)
{
	struct th_result r;

	/* a real-time spinner starves every task: the guest stops answering */
	th_sh(&r, 60, labcmd(LAB " exec --name " NAME " --timeout 6 -- sh -c 'echo -1 > /proc/sys/kernel/sched_rt_runtime_us;"
		      " chrt -f 99 sh -c \"while :; do :; done\"'", NULL));
	CU_ASSERT_EQUAL(r.status, 243);
	CU_ASSERT(one_line(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "guest hung"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "console log: /"));
	/* deadline 6 s, plus 3 s of asking whether the guest lives */
	CU_ASSERT(r.seconds < 6 + 3 + 2);
	fprintf(stderr, " [reported after %.1f s] ", r.seconds);
	th_free(&r);
}

static void test_down_leaves_nothing(void)
{
	struct th_result r;

	th_sh(&r, 60, labcmd(LAB " down --name " NAME, NULL));
	CU_ASSERT_EQUAL(r.status, 0);
	th_free(&r);
	CU_ASSERT_EQUAL(leftovers(NAME), 0);
	th_sh(&r, 30, labcmd(LAB " exec --name " NAME " -- true", NULL));
	CU_ASSERT_EQUAL(r.status, 240);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "no lab named"));
	th_free(&r);
}

/* Order matters: the hang is last, it freezes the guest. */
static CU_TestInfo lab_tests[] = {
	{ "stock ethtool -i says driver: pcnet32", test_ethtool_i },
	{ "100 pings from the host side, 0% loss", test_ping_100 },
	{ "iperf3 host->guest above zero", test_iperf_to_guest },
	{ "iperf3 guest->host above zero", test_iperf_from_guest },
	{ "exit status, stdout and stderr come back exactly", test_status_passes_through },
	{ "output with every byte value 0..255 comes back exactly", test_every_byte },
	{ "4 MiB of output comes back whole", test_large_output },
	{ "a missing guest command is reported", test_not_found },
	{ "a paused guest is refused and stands still; resume brings it back", test_pause_resume },
	{ "a second lab runs beside the first", test_two_labs },
	{ "a guest that stops answering is reported hung", test_hung },
	{ "down leaves nothing behind", test_down_leaves_nothing },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "lab: stock guest", lab_init, lab_clean, lab_tests);

/* ---- lab: guests that die, and interrupted runs ------------------------ */

static void test_panic(void)
{
	struct th_result r;
	char log[512] = "";
	const char *p;

	th_sh(&r, 180, labcmd(LAB " run --driver stock --name " NAME "p --timeout 60 -- "
			      "sh -c 'echo c > /proc/sysrq-trigger'", NULL));
	CU_ASSERT_EQUAL(r.status, 241);
	CU_ASSERT(one_line(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "kernel panic"));
	p = strstr(r.err, "console log: ");
	CU_ASSERT_PTR_NOT_NULL(p);
	if (p)
		sscanf(p, "console log: %511s", log);
	th_free(&r);
	/* the log named in the message holds the panic */
	if (*log) {
		snprintf(cmdbuf, sizeof(cmdbuf), "grep -c 'sysrq triggered crash' '%s'", log);
		th_sh(&r, 10, cmdbuf);
		CU_ASSERT(atoi(r.out) >= 1);
		th_free(&r);
	}
	CU_ASSERT_EQUAL(leftovers(NAME "p"), 0);
}

static void test_oops(void)
{
	struct th_result r;

	/*
	 * The kernel adds the taint bits written to /proc/sys/kernel/tainted;
	 * 512 is TAINT_WARN, the bit a real WARN sets. The lab must report it.
	 */
	th_sh(&r, 180, labcmd(LAB " run --driver stock --name " NAME "o --timeout 60 -- "
			      "sh -c 'echo 512 > /proc/sys/kernel/tainted; echo done'", NULL));
	CU_ASSERT_EQUAL(r.status, 242);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "done"));
	CU_ASSERT(one_line(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "kernel oops/WARN (taint 0x200)"));
	th_free(&r);
	CU_ASSERT_EQUAL(leftovers(NAME "o"), 0);
}

static void test_interrupt(void)
{
	struct th_result r;

	/* Ctrl-C while the guest command runs: everything is torn down */
	th_sh(&r, 180, labcmd("timeout --preserve-status -s INT 25 " LAB " run --driver stock --name " NAME
			      "i -- sleep 120; echo \"status $?\"", NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status 130"));
	th_free(&r);
	CU_ASSERT_EQUAL(leftovers(NAME "i"), 0);
}

static void test_no_tun(void)
{
	struct th_result r;

	/* hide /dev/net/tun in a private mount namespace */
	th_sh(&r, 120, labcmd("unshare -m sh -c 'mount -t tmpfs none /dev/net && "
			      LAB " run --driver stock --name " NAME "t -- true'", NULL));
	CU_ASSERT_EQUAL(r.status, 240);
	CU_ASSERT(one_line(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "/dev/net/tun is missing"));
	th_free(&r);
	CU_ASSERT_EQUAL(leftovers(NAME "t"), 0);
}

static CU_TestInfo death_tests[] = {
	{ "echo c > /proc/sysrq-trigger is reported as a panic", test_panic },
	{ "a tainted kernel (WARN) is reported", test_oops },
	{ "Ctrl-C during run leaves nothing behind", test_interrupt },
	{ "no /dev/net/tun is a clear error", test_no_tun },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "lab: failures", NULL, NULL, death_tests);
