// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the guest lab (vm/lab) and of the lab scenarios' runner
 * and library, on the host only (seconds, no guest): vm/lab's argument
 * checking (snapshot and restore of a lab that is not there included),
 * non-root refused, make deps idempotent, a guest command too
 * long for the harness refused, the KTAP parser and tests/lab/lib.sh's
 * checks. The lab tool's suites with guests are scripts:
 * tests/lab/vm-lab/ ("lab: stock guest"), tests/lab/vm-lab-failures/
 * ("lab: failures") and tests/lab/vm-lab-snapshot/ ("lab: snapshot and
 * restore").
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAB "vm/lab"

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

/* ---- unit: bad input -------------------------------------------------- */

static void bad_input(const char *args, const char *expect)
{
	struct th_result r;

	th_sh(&r, 60, labcmd(LAB " %s", args));
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT(one_line(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, expect));
	if (r.status != 2 || !strstr(r.err, expect))
		fprintf(stderr, "\n  args '%s': status %d, stderr: %s", args, r.status, r.err);
	th_free(&r);
	CU_ASSERT_EQUAL(leftovers("run[0-9]*"), 0);
}

static void test_unknown_driver(void)
{
	bad_input("run --driver e1000 -- true", "unknown driver 'e1000'");
}

static void test_timeout_zero(void)
{
	bad_input("run --driver stock --timeout 0 -- true", "--timeout must be");
}

static void test_timeout_garbage(void)
{
	bad_input("run --driver stock --timeout 5x -- true", "--timeout must be");
}

static void test_no_command(void)
{
	bad_input("run --driver stock", "needs a command");
}

static void test_unknown_subcommand(void)
{
	bad_input("boot --driver stock", "unknown command: boot");
}

static void test_bad_name(void)
{
	bad_input("up --driver stock --name 'A B'", "--name must be");
}

static void test_snapshot_driver(void)
{
	bad_input("snapshot --driver inkernel", "--driver is only for run and up");
}

static void test_plain_stock(void)
{
	bad_input("up --driver stock --plain", "--plain is for the inkernel and split builds");
}

static void test_plain_exec(void)
{
	bad_input("exec --plain -- true", "--plain is only for run and up");
}

static void test_restore_command(void)
{
	bad_input("restore --name x -- true", "restore takes no command");
}

static void test_restore_bad_name(void)
{
	bad_input("restore --name 'A B'", "--name must be");
}

/*
 * snapshot and restore of a lab that is not there: a set-up failure
 * (240) on one line, before any guest or QEMU is started (no guest is
 * needed to find out).
 */
static void not_there(const char *args, const char *expect)
{
	struct th_result r;

	th_sh(&r, 60, labcmd(LAB " %s", args));
	CU_ASSERT_EQUAL(r.status, 240);
	CU_ASSERT(one_line(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, expect));
	if (r.status != 240 || !strstr(r.err, expect))
		fprintf(stderr, "\n  args '%s': status %d, stderr: %s", args, r.status, r.err);
	th_free(&r);
	CU_ASSERT_EQUAL(leftovers("no-such-lab-unit"), 0);
}

static void test_restore_no_snapshot(void)
{
	not_there("restore --name no-such-lab-unit", "has no snapshot");
}

static void test_snapshot_not_up(void)
{
	not_there("snapshot --name no-such-lab-unit", "no lab named 'no-such-lab-unit' is up");
}

static void test_no_root(void)
{
	struct th_result r;

	th_sh(&r, 60, labcmd("setpriv --reuid=65534 --regid=65534 --clear-groups "
			     LAB " run --driver stock -- true", NULL));
	CU_ASSERT_EQUAL(r.status, 240);
	CU_ASSERT(one_line(r.err));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "must run as root"));
	th_free(&r);
}

static void test_deps_idempotent(void)
{
	struct th_result r;

	/* the second run has nothing to do: it says nothing and succeeds */
	th_sh(&r, 900, labcmd("vm/deps.sh && vm/deps.sh", NULL));
	CU_ASSERT_EQUAL(r.status, 0);
	th_free(&r);
	th_sh(&r, 60, labcmd("vm/deps.sh", NULL));
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(r.err_len, 0);
	CU_ASSERT_EQUAL(r.out_len, 0);
	th_free(&r);
}

/*
 * A guest command longer than the harness's buffers is refused whole (it
 * once ran cut at the first buffer's end): status 2, the reason on stderr,
 * nothing run (no such lab is needed to find out).
 */
static void test_long_command_refused(void)
{
	static char cmd[7000];
	struct th_result r;

	memset(cmd, ' ', sizeof(cmd) - 1);
	memcpy(cmd, "echo ran", 8);
	th_lab_sh(&r, "no-such-lab", 10, "", cmd);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "command too long"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "ran"));
	th_free(&r);
}

/* ---- unit: the scenario library (tests/lab/lib.sh) and KTAP ---------- */

static void test_ktap_line(void)
{
	const char *d = NULL;

	CU_ASSERT_EQUAL(th_ktap_line("ok 1 the daemon serves", &d), 1);
	CU_ASSERT_STRING_EQUAL(d, "the daemon serves");
	CU_ASSERT_EQUAL(th_ktap_line("not ok 12 no dump differed # got '3', want '0'", &d), 0);
	CU_ASSERT_STRING_EQUAL(d, "no dump differed # got '3', want '0'");
	CU_ASSERT_EQUAL(th_ktap_line("ok 3 a check # SKIP no MII", &d), 1);
	CU_ASSERT_EQUAL(th_ktap_line("1..4", &d), -1);
	CU_ASSERT_EQUAL(th_ktap_line("KTAP version 1", &d), -1);
	CU_ASSERT_EQUAL(th_ktap_line("# 3 errors after 12 ms", &d), -1);
	CU_ASSERT_EQUAL(th_ktap_line("okay", &d), -1);
}

/* a scenario made of lib.sh's checks, run on the host with sh */
static void lib_run(struct th_result *r, const char *body)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd), "cd '%s' && sh -c '. tests/lab/lib.sh; %s'", th_root(), body);
	th_sh(r, 30, cmd);
}

static void test_lib_checks(void)
{
	struct th_result r;

	lib_run(&r, "ktap_plan 7; check_eq \"equal\" 3 3; check_eq \"unequal\" 3 4; "
		    "check_has \"has\" \"a b c\" \"b c\"; check_hasnt \"hasnt\" \"a b c\" \"b c\"; "
		    "check_range \"in range\" 5 5 6; check_range \"open above\" 9 5 \"\"; "
		    "check \"a command\" false; ktap_finished");
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_STRING_EQUAL(r.out, "KTAP version 1\n1..7\nok 1 equal\n"
			       "not ok 2 unequal # got '3', want '4'\nok 3 has\n"
			       "not ok 4 hasnt # found 'b c'\nok 5 in range\nok 6 open above\n"
			       "not ok 7 a command # failed: false\n");
	th_free(&r);
	lib_run(&r, "ktap_plan 3; check_range \"not a number\" x 0 9; check_range \"too high\" 9 0 9; "
		    "check_count \"twice\" \"$(printf \"a\\nb\\na\\n\")\" a 2; ktap_finished");
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "not ok 1 not a number # got 'x', want [0, 9)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "not ok 2 too high # got '9', want [0, 9)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "ok 3 twice\n"));
	th_free(&r);
	lib_run(&r, "ktap_plan 1; check_eq \"fine\" a a; ktap_finished");
	CU_ASSERT_EQUAL(r.status, 0);
	th_free(&r);
	lib_run(&r, "ktap_skip_all \"no MII on this chip\"; echo never");
	CU_ASSERT_EQUAL(r.status, 4);
	CU_ASSERT_STRING_EQUAL(r.out, "KTAP version 1\n1..0 # SKIP no MII on this chip\n");
	th_free(&r);
}

static void test_lib_counter_and_wait(void)
{
	struct th_result r;

	/* a counter by name from the counters file, in any order */
	lib_run(&r, "f=$(mktemp); printf \"timeouts 3\\ncalls 12\\nabsent 0\\nregs_denied 7\\n\" > $f; "
		    "UPCALL_COUNTERS=$f; echo $(upcall_counter timeouts) $(upcall_counter calls) "
		    "$(upcall_counter regs_denied) x$(upcall_counter nosuch)x; rm -f $f");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "3 12 7 xx\n");
	th_free(&r);
	/* counters: one line of names and values; counter_of finds a name, not a value */
	lib_run(&r, "f=$(mktemp); printf \"calls 2\\nhello 1\\nregs 0\\n\" > $f; "
		    "UPCALL_COUNTERS=$f; c=$(counters); echo \"$c\"; "
		    "echo $(counter_of \"$c\" hello) x$(counter_of \"$c\" 2)x; rm -f $f");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "calls 2 hello 1 regs 0\n1 xx\n");
	th_free(&r);
	/* counters_of: several by name, in the order asked, an absent one empty */
	lib_run(&r, "echo \"[$(counters_of \"calls 2 hello 1 regs 0\" regs calls nosuch hello)]\"");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "[0 2  1]\n");
	th_free(&r);
	/* slowwait: true at once; a condition that never holds: status 1 after its bound */
	lib_run(&r, "slowwait 5 true; a=$?; slowwait 1 false; echo $a $?");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "0 1\n");
	CU_ASSERT(r.seconds >= 0.9 && r.seconds < 10);
	th_free(&r);
}

static CU_TestInfo unit_tests[] = {
	{ "a KTAP line is parsed into its result and description", test_ktap_line },
	{ "lib.sh's checks print KTAP and the exit status", test_lib_checks },
	{ "lib.sh reads a counter by name and waits with a bound", test_lib_counter_and_wait },
	{ "a guest command too long for the harness is refused, not cut",
	  test_long_command_refused },
	{ "unknown driver is refused", test_unknown_driver },
	{ "--timeout 0 is refused", test_timeout_zero },
	{ "--timeout garbage is refused", test_timeout_garbage },
	{ "run without a command is refused", test_no_command },
	{ "unknown subcommand is refused", test_unknown_subcommand },
	{ "bad --name is refused", test_bad_name },
	{ "snapshot with --driver is refused", test_snapshot_driver },
	{ "--plain with the stock driver is refused", test_plain_stock },
	{ "--plain outside run and up is refused", test_plain_exec },
	{ "restore with a command is refused", test_restore_command },
	{ "restore with a bad --name is refused", test_restore_bad_name },
	{ "restore of a lab without a snapshot is refused (240)", test_restore_no_snapshot },
	{ "snapshot of a lab that is not up is refused (240)", test_snapshot_not_up },
	{ "non-root is refused", test_no_root },
	{ "make deps is idempotent and silent when done", test_deps_idempotent },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "lab: bad input", NULL, NULL, unit_tests);
