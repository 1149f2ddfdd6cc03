// SPDX-License-Identifier: GPL-2.0
/*
 * Lab tests of the upcall protocol (ABI version 3,
 * driver-split/uapi/pcnet32_upcall.h) in the split build, on one guest:
 *
 * - upcalls per ioctl, from the kernel's own counter (`calls` of the
 *   channel's debugfs samples file): with the default protocol (fetch,
 *   facts published) every ethtool ioctl the benchmark issues makes
 *   exactly one upcall (the ethtool core's auxiliary questions, dump
 *   length and string-set counts, are answered from the facts); with the
 *   paper's protocol (no facts) GDRVINFO makes more than one: the ablation;
 * - the paper protocol answers as the fetch protocol does;
 * - the handshake: commands before HELLO, HELLOs of other versions and
 *   sizes, reserved bits, undeclared or kernel ops, HELLO twice, facts out
 *   of bounds, bad FETCH commits, from a 64- and a 32-bit tool alike;
 * - an op the daemon did not declare fails at once, without an upcall.
 *
 * Every test command fails with the lab's 242 if the kernel WARNs, oopses
 * or taints.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME "abi-protocol"
#define SAMPLES "/sys/kernel/debug/pcnet32-upcall0/samples"


/* Run a shell command in the guest. */
static void gsh(struct th_result *r, int timeout, const char *cmd)
{
	th_lab_sh(r, NAME, timeout, "", cmd);
}

static int proto_init(void)
{
	return th_lab_up(NAME, "split");
}

static int proto_clean(void)
{
	th_lab_down(NAME);
	return 0;
}

/*
 * A guest shell function: "OP PER-IOCTL" for an opbench op, from the
 * difference of `calls` between 40 and 20 calls of it (opbench's own
 * probe call cancels out); and the same for a whole command run 20 times.
 */
#define CALLS "calls() { echo 0 > " SAMPLES "; \"$@\" > /dev/null 2>&1; " \
	"head -1 " SAMPLES " | cut -d\" \" -f3; }; " \
	"per_op() { a=$(calls /lab/bin/opbench ops -n 20 -w 0 $1); " \
	"b=$(calls /lab/bin/opbench ops -n 40 -w 0 $1); " \
	"echo \"$1 $(( (b - a) * 100 / 20 ))\"; }; " \
	"per_cmd() { n=$1; shift; a=$(calls sh -c \"for i in 1 2 3 4 5 6 7 8 9 10 " \
	"11 12 13 14 15 16 17 18 19 20; do $* || true; done\"); " \
	"echo \"$n $(( a * 100 / 20 ))\"; }; "

/* The ops the benchmark issues (opbench list), and two ethtool commands. */
#define PER_IOCTL "for op in GDRVINFO GREGS GRINGPARAM GMSGLVL SMSGLVL GLINKSETTINGS " \
	"GSSET_INFO GSTRINGS; do per_op $op; done; " \
	"per_cmd NWAY_RST ethtool -r eth0; per_cmd ETHTOOL_T ethtool -t eth0; "

/* upcalls per ioctl x 100 of op in the output, or -1 */
static int per_ioctl(const char *out, const char *op)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "\n%s ", op);
	p = strstr(out, key);
	if (!p && !strncmp(out, key + 1, strlen(key + 1)))
		p = out - 1;
	return p ? atoi(p + strlen(key)) : -1;
}

static void test_one_upcall_per_ioctl(void)
{
	static const char *const one[] = {
		"GDRVINFO", "GREGS", "GRINGPARAM", "GMSGLVL", "SMSGLVL",
		"GLINKSETTINGS", "GSTRINGS", "NWAY_RST",
	};
	struct th_result r;
	size_t i;

	/*
	 * The default daemon (fetch, facts published). GSSET_INFO asks only
	 * a string-set count: a fact, no upcall. ethtool -t issues
	 * GSSET_INFO (0), TEST (the self-test runs in the kernel: 0) and
	 * GSTRINGS (1): 1 per command. SMSGLVL is 1: after set_msglevel the
	 * ethtool core's netlink notification (ETHTOOL_MSG_DEBUG_NTF) asks
	 * get_msglevel, which the glue answers from the level the set just
	 * applied (it was 2 before: pcnet32/ethtool.c).
	 */
	gsh(&r, 240, CALLS "/lab/driver/daemon-stop; /lab/driver/daemon-start && "
		     PER_IOCTL "head -1 " SAMPLES);
	CU_ASSERT_EQUAL(r.status, 0);
	fprintf(stderr, " [fetch, upcalls x100 per ioctl: %s] ", r.out);
	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		int n = per_ioctl(r.out, one[i]);

		if (n != 100)
			fprintf(stderr, " [%s: %d/100] ", one[i], n);
		CU_ASSERT_EQUAL(n, 100);
	}
	CU_ASSERT_EQUAL(per_ioctl(r.out, "GSSET_INFO"), 0);
	CU_ASSERT_EQUAL(per_ioctl(r.out, "ETHTOOL_T"), 100);
	/* the facts answered, and nothing went wrong on the way */
	CU_ASSERT_PTR_NULL(strstr(r.out, " facts 0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " timeouts 0 resets 0 rejected 0 mapped 0 "));
	th_free(&r);
}

static void test_paper_protocol(void)
{
	struct th_result r;
	int drvinfo;

	/*
	 * The paper's protocol: no facts, so GDRVINFO also asks the dump
	 * length and the test count as upcalls (the ablation), but answers
	 * as fetch does: ethtool -i the same, ethtool -d the same header
	 * and length (register values may move between two dumps). The
	 * facts counter stays 0: the fetch daemon's facts went with it.
	 */
	gsh(&r, 240, CALLS "ethtool -i eth0 > /tmp/i.fetch; ethtool -d eth0 > /tmp/d.fetch; "
		     "/lab/driver/daemon-stop; PCNET32D_ARGS=\"--protocol paper\" "
		     "/lab/driver/daemon-start && grep -c \"protocol paper\" /var/log/pcnet32d.log; "
		     "per_op GDRVINFO; per_op GREGS; per_op GRINGPARAM; "
		     "ethtool -i eth0 > /tmp/i.paper; ethtool -d eth0 > /tmp/d.paper; "
		     "cmp /tmp/i.fetch /tmp/i.paper && echo drvinfo-same; "
		     "head -3 /tmp/d.fetch > /tmp/h.fetch; head -3 /tmp/d.paper > /tmp/h.paper; "
		     "cmp /tmp/h.fetch /tmp/h.paper && [ $(wc -l < /tmp/d.fetch) = $(wc -l < /tmp/d.paper) ] "
		     "&& echo dump-same; head -1 " SAMPLES "; "
		     "/lab/driver/daemon-stop; /lab/driver/daemon-start");
	CU_ASSERT_EQUAL(r.status, 0);
	fprintf(stderr, " [paper, upcalls x100 per ioctl: %s] ", r.out);
	drvinfo = per_ioctl(r.out, "GDRVINFO");
	/* get_drvinfo, get_regs_len, get_sset_count(ETH_SS_TEST) at least */
	CU_ASSERT(drvinfo >= 300);
	/* dump length and dump: two */
	CU_ASSERT_EQUAL(per_ioctl(r.out, "GREGS"), 200);
	CU_ASSERT_EQUAL(per_ioctl(r.out, "GRINGPARAM"), 100);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "drvinfo-same\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "dump-same\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " commits 0 facts 0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " timeouts 0 resets 0 rejected 0 mapped 0 "));
	th_free(&r);
}

/* the lines upcall-hostile handshake prints, in order */
static const char *const handshake_lines[] = {
	"COPY before HELLO: EPROTO",
	"FETCH before HELLO: EPROTO",
	"FACTS before HELLO: EPROTO",
	"HELLO v2, 64 bytes: EPROTONOSUPPORT",
	"HELLO version 2: EPROTONOSUPPORT",
	"HELLO version next: EPROTONOSUPPORT",
	"HELLO size - 8: EINVAL",
	"HELLO flags: EINVAL",
	"HELLO direct ports: EPERM",
	"HELLO pad: EINVAL",
	"HELLO reserved: EINVAL",
	"HELLO nic not zero: EINVAL",
	"HELLO kernel op: EINVAL",
	"HELLO unknown op: EINVAL",
	"HELLO op 0: EINVAL",
	"HELLO ok: OK",
	"nic: io_len 0x20 has_mii 0 state_len 168 ifname eth0",
	"HELLO twice: EALREADY",
	"FACTS regs_len MII: ERANGE",
	"FACTS regs_len 0: ERANGE",
	"FACTS test count 0: ERANGE",
	"FACTS test count -95: ERANGE",
	"FACTS stats count 2: ERANGE",
	"FACTS set 31 count -22: ERANGE",
	"FACTS set 7 count 1: OK",
	"FACTS twice: EALREADY",
	"FACTS reserved: EINVAL",
	"FETCH stale id: ENOENT",
	"FETCH size: EINVAL",
	"FETCH version: EINVAL",
	"FETCH flags: EINVAL",
	"FETCH nowait, stale id: ENOENT",
	"FETCH nowait, id 0: EINVAL",
	"FETCH reserved: EINVAL",
	"FETCH status 1: EINVAL",
	"FETCH status -4096: EINVAL",
	"FETCH status with payload: EINVAL",
	"FETCH rep_len 4097: EINVAL",
	"FETCH proc_ns 61 s: EINVAL",
	"FETCH id 0, nothing queued: EINTR",
	"FETCH id 0 with a status: EINVAL",
};

static void test_handshake(void)
{
	struct th_result r;
	char want[128];
	size_t i;

	/*
	 * Every rule of the handshake broken once, by a 64-bit and a 32-bit
	 * tool (the compat ioctl: the same layout). Then the real daemon
	 * serves again.
	 */
	gsh(&r, 120, "/lab/driver/daemon-stop && echo 0 > " SAMPLES "; dmesg -c > /dev/null; "
		     "echo 0 > /sys/module/pcnet32/parameters/allow_direct_ports; "
		     "/lab/driver/upcall-hostile handshake; "
		     "/lab/driver/upcall-hostile32 handshake | sed \"s/^/32: /\"; "
		     "PCNET32D_TEST_VERSION=2 /lab/driver/pcnet32d --keep-root 2>&1; echo v2=$?; "
		     "head -1 " SAMPLES "; dmesg | grep -c \"ABI version 2, not [0-9]*: refused\"; "
		     "/lab/driver/daemon-start && ethtool -i eth0 | head -2");
	CU_ASSERT_EQUAL(r.status, 0);
	/* pcnet32d of another version: refused, it says so and exits 1 */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "does not speak ABI version 2: exiting"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\nv2=1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\npoll idle: 0\n"));
	for (i = 0; i < sizeof(handshake_lines) / sizeof(handshake_lines[0]); i++) {
		snprintf(want, sizeof(want), "\n%s\n", handshake_lines[i]);
		if (!strstr(r.out, want) && strncmp(r.out, want + 1, strlen(want + 1)))
			fprintf(stderr, " [missing: %s] ", handshake_lines[i]);
		CU_ASSERT(strstr(r.out, want) || !strncmp(r.out, want + 1, strlen(want + 1)));
		snprintf(want, sizeof(want), "\n32: %s\n", handshake_lines[i]);
		if (!strstr(r.out, want))
			fprintf(stderr, " [missing: 32: %s] ", handshake_lines[i]);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, want));
	}
	/*
	 * two tools: 2 x (3 before HELLO, 3 versions, 10 bad HELLOs, 8 bad
	 * FACTS), and pcnet32d's version 2
	 */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " hello 2 refused 7 badhello 20 badfacts 16 nohello 6 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\n"));
	th_free(&r);
}

static void test_undeclared_op(void)
{
	struct th_result r;

	/*
	 * A daemon that declares get_drvinfo only (bit 1): ethtool -r
	 * (nway_reset) fails at once with EOPNOTSUPP and never reaches it;
	 * ethtool -i does (and gets its EOPNOTSUPP).
	 */
	gsh(&r, 120, "/lab/driver/daemon-stop && echo 0 > " SAMPLES "; "
		     "/lab/driver/upcall-hostile declare 2 > /tmp/decl.out & h=$!; sleep 0.5; "
		     "ethtool -r eth0 2>&1; echo r=$?; head -1 " SAMPLES "; "
		     "ethtool -i eth0 > /dev/null; sleep 0.2; "
		     "kill $h; wait $h; cat /tmp/decl.out; "
		     "/lab/driver/daemon-start && ethtool -i eth0 | head -2");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "HELLO 0x2: OK\n"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "r=0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "Operation not supported"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "# calls 0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " undeclared 1 "));
	/* the first request poll() saw was ethtool -i's: -r queued none */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "poll 1 POLLIN\ngot op 1\n"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "got op 6\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "version: 1.0-ours\n"));
	th_free(&r);
}

static CU_TestInfo proto_tests[] = {
	{ "fetch: exactly one upcall per ethtool ioctl (kernel counter)",
	  test_one_upcall_per_ioctl },
	{ "paper: same answers, GDRVINFO more than one upcall (ablation)",
	  test_paper_protocol },
	{ "handshake: bad HELLO, FACTS, FETCH refused (64- and 32-bit)", test_handshake },
	{ "an op not declared fails at once, no upcall", test_undeclared_op },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "split: upcall protocol", proto_init, proto_clean, proto_tests);
