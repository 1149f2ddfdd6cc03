// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the fault campaign's host side: the console classifier
 * (known excerpts in, known outcome out), the trial list (deterministic,
 * shards partition it), the runner's answer classes, and the report's
 * totals on a fixed set of records.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLASSIFY_NO_MAIN
#include "classify.c"
#define TRIAL_LIST_NO_MAIN
#include "trial-list.c"
#include "trial/answer.c"

struct trial_cfg cfg;

static enum fault_kernel cls(int status, const char *text)
{
	const char *why;
	size_t len;

	return fault_classify(status, text, &why, &len);
}

static void test_classify_excerpts(void)
{
	static const struct {
		int status;
		const char *text;
		enum fault_kernel want;
	} cases[] = {
		{ 0, "[    5.1] pcnet32: eth0 up\n", FK_ALIVE },
		{ 0, "", FK_ALIVE },
		{ 242, "[ 12.0] BUG: kernel NULL pointer dereference, address: 0000000000000000\n"
		       "[ 12.0] #PF: supervisor read access in kernel mode\n"
		       "[ 12.0] Oops: 0000 [#1] PREEMPT SMP NOPTI\n", FK_OOPS },
		{ 0, "[ 3.2] Oops: 0002 [#1] SMP\n", FK_OOPS },
		{ 0, "[ 7.7] kernel BUG at drivers/net/pcnet32/slow.c:120!\n", FK_OOPS },
		{ 0, "[ 7.7] WARNING: CPU: 0 PID: 312 at net/core/dev.c:10 foo+0x1/0x2\n", FK_OOPS },
		{ 0, "[ 7.7] general protection fault, probably for non-canonical address\n", FK_OOPS },
		{ 241, "[ 9.0] Kernel panic - not syncing: Fatal exception\n", FK_PANIC },
		/* an oops that ends in a panic is a panic */
		{ 241, "[ 9.0] Oops: 0000 [#1]\n[ 9.1] Kernel panic - not syncing: Fatal exception\n",
		  FK_PANIC },
		{ 243, "[ 9.0] BUG: stack guard page was hit at 00000000 (stack is ...)\n"
		       "[ 9.0] kernel stack overflow (double-fault): 0000 [#1]\n", FK_PANIC },
		{ 241, "[ 9.0] Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: pcnet32_op_get_drvinfo+0x1\n",
		  FK_PANIC },
		{ 0, "[ 9.0] stack-protector: Kernel stack is corrupted in: foo\n", FK_PANIC },
		/* a soft lockup report says BUG: but is a hang */
		{ 243, "[ 30.0] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [fault-trial:300]\n",
		  FK_HUNG },
		{ 0, "[ 30.0] NMI watchdog: Watchdog detected hard LOCKUP on cpu 0\n", FK_HUNG },
		{ 0, "[ 30.0] INFO: task ethtool:88 blocked for more than 120 seconds.\n", FK_HUNG },
		{ 0, "[ 30.0] rcu: INFO: rcu_sched self-detected stall on CPU\n", FK_HUNG },
		/* an oops under the RTNL, then the guest stops answering */
		{ 243, "[ 4.2] BUG: kernel NULL pointer dereference, address: 0000000000000000\n", FK_OOPS },
		/* the status alone */
		{ 243, "nothing on the console\n", FK_HUNG },
		{ 242, "nothing on the console\n", FK_OOPS },
		{ 241, "nothing on the console\n", FK_PANIC },
		{ 1, "nothing on the console\n", FK_ALIVE },
		/* a hung guest whose console shows a panic panicked */
		{ 243, "[ 4.0] Kernel panic - not syncing: softlockup: hung tasks\n", FK_PANIC },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum fault_kernel got = cls(cases[i].status, cases[i].text);

		if (got != cases[i].want)
			fprintf(stderr, "classify case %zu: got %s, want %s\n", i,
				fault_kernel_names[got], fault_kernel_names[cases[i].want]);
		CU_ASSERT_EQUAL(got, cases[i].want);
	}
}

static void test_classify_line(void)
{
	const char *text = "[ 1.0] boot\n[ 2.0] BUG: kernel NULL pointer dereference, address: 8\n[ 2.1] Oops: 0000\n";
	const char *why;
	size_t len;

	CU_ASSERT_EQUAL(fault_classify(0, text, &why, &len), FK_OOPS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(why);
	CU_ASSERT_EQUAL(len, strlen("[ 2.0] BUG: kernel NULL pointer dereference, address: 8"));
	CU_ASSERT_EQUAL(strncmp(why, "[ 2.0] BUG: kernel NULL", 23), 0);
}

static void trial_str(const struct trial_list *l, long i, char *buf, size_t n)
{
	struct trial t;

	trial_at(l, i, &t);
	snprintf(buf, n, "%ld %llu %s %s %s", t.index, t.seed, t.op, t.kind, t.at);
}

static void test_list_deterministic(void)
{
	struct trial_list a, b, c;
	char x[128], y[128];
	long i, differ = 0;

	CU_ASSERT_EQUAL_FATAL(trial_list_init(&a, "split", 42, 500, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(trial_list_init(&b, "split", 42, 500, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(trial_list_init(&c, "split", 43, 500, NULL), 0);
	/* 16 moved ops x 10 kinds, then the random ones */
	CU_ASSERT_EQUAL(a.n_ops, 16);
	CU_ASSERT_EQUAL(trial_list_len(&a), 160 + 500);
	for (i = 0; i < trial_list_len(&a); i++) {
		trial_str(&a, i, x, sizeof(x));
		trial_str(&b, i, y, sizeof(y));
		CU_ASSERT_STRING_EQUAL(x, y);
		trial_str(&c, i, y, sizeof(y));
		differ += strcmp(x, y) != 0;
	}
	/* another seed: other fault seeds everywhere, other random trials */
	CU_ASSERT_EQUAL(differ, trial_list_len(&a));
	/* the matrix covers every op x kind once, at entry */
	{
		struct trial t;
		int seen[16][10] = { { 0 } };
		unsigned int o, k;

		for (i = 0; i < 160; i++) {
			trial_at(&a, i, &t);
			for (o = 0; o < a.n_ops && strcmp(a.ops[o], t.op); o++)
				;
			for (k = 0; k < TRIAL_N_KINDS && strcmp(trial_kinds[k], t.kind); k++)
				;
			CU_ASSERT_FATAL(o < 16 && k < 10);
			seen[o][k]++;
			CU_ASSERT_STRING_EQUAL(t.at, "entry");
		}
		for (o = 0; o < 16; o++)
			for (k = 0; k < 10; k++)
				CU_ASSERT_EQUAL(seen[o][k], 1);
	}
}

static void test_list_inkernel(void)
{
	struct trial_list l;
	struct trial t;
	long i;

	CU_ASSERT_EQUAL_FATAL(trial_list_init(&l, "inkernel", 1, 0,
					      "get_drvinfo,get_regs,set_msglevel,nway_reset"), 0);
	CU_ASSERT_EQUAL(trial_list_len(&l), 4 * 9);
	for (i = 0; i < trial_list_len(&l); i++) {
		trial_at(&l, i, &t);
		/* no daemon to kill in the inkernel build */
		CU_ASSERT_STRING_NOT_EQUAL(t.kind, "kill9");
	}
	CU_ASSERT_NOT_EQUAL(trial_list_init(&l, "inkernel", 1, 0, "no_such_op"), 0);
	/* self_test stays in the kernel: no fault point, not a trial op */
	CU_ASSERT_NOT_EQUAL(trial_list_init(&l, "split", 1, 0, "self_test"), 0);
	CU_ASSERT_NOT_EQUAL(trial_list_init(&l, "stock", 1, 0, NULL), 0);
}

/* shards of N: each trial in exactly one, the union is the list */
static void test_list_shards(void)
{
	struct trial_list l;
	long i, s, n_shards, total = 0, shard, n;

	CU_ASSERT_EQUAL_FATAL(trial_list_init(&l, "split", 7, 2000, NULL), 0);
	for (n_shards = 1; n_shards <= 5; n_shards++) {
		total = 0;
		for (i = 0; i < trial_list_len(&l); i++) {
			int in = 0;

			for (s = 0; s < n_shards; s++)
				in += trial_in_shard(i, s, n_shards);
			CU_ASSERT_EQUAL(in, 1);
			total += in;
		}
		CU_ASSERT_EQUAL(total, trial_list_len(&l));
	}
	CU_ASSERT_EQUAL(campaign_parse_shard("1/2", &shard, &n), 0);
	CU_ASSERT_EQUAL(shard, 1);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_NOT_EQUAL(campaign_parse_shard("2/2", &shard, &n), 0);
	CU_ASSERT_NOT_EQUAL(campaign_parse_shard("0/0", &shard, &n), 0);
	CU_ASSERT_NOT_EQUAL(campaign_parse_shard("x", &shard, &n), 0);
}

/* the built tool: 2 shards give the same lines as 1, for the same seed */
static void test_list_tool_shards(void)
{
	struct th_result one, two;
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "cd '%s' && t=build/faultinject/fault-trial-list && "
		 "$t --build split --seed 9 --random 300 | sort", th_root());
	th_sh(&one, 120, cmd);
	snprintf(cmd, sizeof(cmd), "cd '%s' && t=build/faultinject/fault-trial-list && "
		 "{ $t --build split --seed 9 --random 300 --shard 0/2; "
		 "$t --build split --seed 9 --random 300 --shard 1/2; } | sort", th_root());
	th_sh(&two, 60, cmd);
	CU_ASSERT_EQUAL(one.status, 0);
	CU_ASSERT_EQUAL(two.status, 0);
	CU_ASSERT_EQUAL(th_count(one.out, one.out_len, "\n"), 460);
	CU_ASSERT_STRING_EQUAL(one.out, two.out);
	th_free(&one);
	th_free(&two);
}

/*
 * split-direct: split's list without the random trials, line for line
 * (seeds included), so the two columns compare pairwise; every line says
 * which part it is of.
 */
static void test_list_direct(void)
{
	struct th_result d, m, r;
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "cd '%s' && build/faultinject/fault-trial-list --build split-direct "
		 "--seed 4 --random 0", th_root());
	th_sh(&d, 60, cmd);
	snprintf(cmd, sizeof(cmd), "cd '%s' && build/faultinject/fault-trial-list --build split "
		 "--seed 4 --random 30 | head -n 160", th_root());
	th_sh(&m, 60, cmd);
	snprintf(cmd, sizeof(cmd), "cd '%s' && build/faultinject/fault-trial-list --build split "
		 "--seed 4 --random 30 | tail -n 30 | awk '$6 != \"random\"' | wc -l", th_root());
	th_sh(&r, 60, cmd);
	CU_ASSERT_EQUAL(d.status, 0);
	CU_ASSERT_EQUAL(th_count(d.out, d.out_len, "\n"), 160);
	CU_ASSERT_EQUAL(th_count(d.out, d.out_len, " entry matrix\n"), 160);
	CU_ASSERT_STRING_EQUAL(d.out, m.out);
	CU_ASSERT_STRING_EQUAL(r.out, "0\n");
	th_free(&d);
	th_free(&m);
	th_free(&r);
}

/* the report's totals on a fixed set of records (tests/unit/data) */
static void test_report_totals(void)
{
	struct th_result r;
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "cd '%s' && jq -c -s -L faultinject/campaign -f faultinject/campaign/report-totals.jq "
		 "tests/unit/data/faults-records.jsonl", th_root());
	th_sh(&r, 60, cmd);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out,
		"\"inkernel\":{\"trials\":4,\"kernel_crashes\":3,\"panics\":1,\"oopses\":2,"
		"\"hangs\":1,\"wrong\":0,\"errors\":0,\"no_answer\":0,\"masked\":0,"
		"\"not_fired\":0,\"arm_failed\":0,\"recovered\":1,\"ping_lost\":0,"
		"\"nic_dead\":0,\"refused\":0,\"holds\":0}"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out,
		"\"split\":{\"trials\":5,\"kernel_crashes\":0,\"panics\":0,\"oopses\":0,"
		"\"hangs\":0,\"wrong\":1,\"errors\":2,\"no_answer\":0,\"masked\":1,"
		"\"not_fired\":1,\"arm_failed\":0,\"recovered\":4,\"ping_lost\":1,"
		"\"nic_dead\":1,\"refused\":0,\"holds\":0}"));
	th_free(&r);
}

/* the whole report on the same records: tables and both figures */
static void test_report_document(void)
{
	struct th_result r;
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "cd '%s' && d=$(mktemp -d) && cp tests/unit/data/faults-records.jsonl $d/ && "
		 "FAULTS_REPORT=$d/F.md FAULTS_FIGURES=$d/fig faultinject/campaign/report $d 2>/dev/null && "
		 "ls $d/fig && cat $d/F.md; rm -rf $d", th_root());
	th_sh(&r, 120, cmd);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "faults-matrix.png"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "faults-matrix.svg"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "faults-recovery.png"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "faults-recovery.svg"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| wrong answers that reached a caller | 1 | 0 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| get_drvinfo | oops | panic | hung | oops |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| null | 1 | 1 | 120.5 | 120.5 | 120.5 | 1 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| abort | <= 100 ms | 130 | **not met** |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(no mutant campaign in these records"));
	th_free(&r);
}

/*
 * The isolation section on records of both split columns: the mediated
 * daemon's targets, each met or not from the records, beside split-direct.
 */
static const char iso_records[] =
	/* split: a scribble in an op off the NIC, refused by the channel */
	"{\"seed\":1,\"index\":8,\"build\":\"split\",\"mode\":\"mediated\",\"part\":\"matrix\","
	"\"op\":\"get_drvinfo\",\"kind\":\"scribble\",\"at\":\"entry\","
	"\"fault\":{\"arm_status\":0,\"calls\":2,\"fired\":1},"
	"\"caller\":{\"outcome\":\"correct\",\"errno\":\"0\",\"ms\":1.4},"
	"\"recovery\":{\"ms\":1.0,\"restarts\":0,\"recovered\":true},"
	"\"daemon\":{\"pid_before\":5,\"pid_after\":5,\"restarted_at_arm\":false},"
	"\"ping\":{\"sent\":12,\"lost\":0,\"max_gap_ms\":30},\"tcp\":{\"bytes\":100,\"max_gap_ms\":20},"
	"\"regs\":{\"programs\":0,\"accesses\":0,\"refused\":0,\"malformed\":0,"
	"\"hold_max_ns\":0,\"hold_total_ns\":0},\"fastpath_holds\":0,"
	"\"kernel\":{\"status\":\"alive\",\"counters\":{\"regs_denied\":4}}}\n"
	/* split: a scribble in get_regs, refused by its firewall */
	"{\"seed\":2,\"index\":18,\"build\":\"split\",\"mode\":\"mediated\",\"part\":\"matrix\","
	"\"op\":\"get_regs\",\"kind\":\"scribble\",\"at\":\"entry\","
	"\"fault\":{\"arm_status\":0,\"calls\":2,\"fired\":1},"
	"\"caller\":{\"outcome\":\"correct\",\"errno\":\"0\",\"ms\":1.4},"
	"\"recovery\":{\"ms\":1.0,\"restarts\":0,\"recovered\":true},"
	"\"daemon\":{\"pid_before\":5,\"pid_after\":5,\"restarted_at_arm\":false},"
	"\"ping\":{\"sent\":12,\"lost\":0,\"max_gap_ms\":30},\"tcp\":{\"bytes\":100,\"max_gap_ms\":20},"
	"\"regs\":{\"programs\":2,\"accesses\":288,\"refused\":4,\"malformed\":0,"
	"\"hold_max_ns\":5000,\"hold_total_ns\":8000},\"fastpath_holds\":0,"
	"\"kernel\":{\"status\":\"alive\",\"counters\":{\"regs_denied\":0}}}\n"
	/* split: a loop in get_regs that lost two echoes */
	"{\"seed\":3,\"index\":13,\"build\":\"split\",\"mode\":\"mediated\",\"part\":\"matrix\","
	"\"op\":\"get_regs\",\"kind\":\"loop\",\"at\":\"entry\","
	"\"fault\":{\"arm_status\":0,\"calls\":2,\"fired\":1},"
	"\"caller\":{\"outcome\":\"wrong\",\"errno\":\"0\",\"ms\":262},"
	"\"recovery\":{\"ms\":200,\"restarts\":1,\"recovered\":true},"
	"\"daemon\":{\"pid_before\":5,\"pid_after\":6,\"restarted_at_arm\":false},"
	"\"ping\":{\"sent\":50,\"lost\":2,\"max_gap_ms\":90},\"tcp\":{\"bytes\":100,\"max_gap_ms\":20},"
	"\"regs\":{\"programs\":1,\"accesses\":144,\"refused\":0,\"malformed\":0,"
	"\"hold_max_ns\":5000,\"hold_total_ns\":5000},\"fastpath_holds\":0,"
	"\"kernel\":{\"status\":\"alive\",\"counters\":{\"regs_denied\":0}}}\n"
	/* split-direct: the same get_regs scribble, on the ports: dead */
	"{\"seed\":2,\"index\":18,\"build\":\"split-direct\",\"mode\":\"direct\",\"part\":\"matrix\","
	"\"op\":\"get_regs\",\"kind\":\"scribble\",\"at\":\"entry\","
	"\"fault\":{\"arm_status\":0,\"calls\":2,\"fired\":1},"
	"\"caller\":{\"outcome\":\"correct\",\"errno\":\"0\",\"ms\":1.4},"
	"\"recovery\":{\"ms\":1.0,\"restarts\":0,\"recovered\":true},"
	"\"daemon\":{\"pid_before\":5,\"pid_after\":5,\"restarted_at_arm\":false},"
	"\"ping\":{\"sent\":300,\"lost\":250,\"max_gap_ms\":5000},\"tcp\":{\"bytes\":100,\"max_gap_ms\":5000},"
	"\"regs\":{\"programs\":0,\"accesses\":0,\"refused\":0,\"malformed\":0,"
	"\"hold_max_ns\":0,\"hold_total_ns\":0},\"fastpath_holds\":2,"
	"\"nic\":{\"reset\":true,\"dead\":true},"
	"\"kernel\":{\"status\":\"alive\",\"counters\":{\"regs_denied\":0}}}\n";

static void test_report_isolation(void)
{
	struct th_result r;
	char cmd[8192];
	const char *matrix;

	snprintf(cmd, sizeof(cmd), "cd '%s' && d=$(mktemp -d) && printf '%%s' '%s' > $d/r.jsonl && "
		 "FAULTS_REPORT=$d/F.md FAULTS_FIGURES=$d/fig faultinject/campaign/report $d 2>/dev/null && "
		 "cat $d/F.md; rm -rf $d", th_root(), iso_records);
	th_sh(&r, 120, cmd);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| | split (mediated) | split-direct |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| fast-path holds (the kernel stopped its fast path "
					     "for a daemon on the ports) | 0 | 2 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| scribble | 2 | 0 | 0 | 30 | 0 | 8 | 0 | 1 | 250 | 1 | 5000 | 1 | 0 | 2 |"));
	/* the matrix alone: split on the pairs split-direct ran (get_regs x scribble) */
	matrix = strstr(r.out, "in both columns:\n\n| kind |");
	CU_ASSERT_PTR_NOT_NULL(matrix);
	CU_ASSERT(matrix && strstr(matrix, "|\n| scribble | 1 | 0 | 0 | 30 | 0 | 4 | 0 | 1 | 250 | 1 | 5000 | 1 | 0 | 2 |\n\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| 0 dead fast paths | 0 of 3 trials | met |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| 0 echo requests lost under loop | 2 lost in 1 of 1 "
					     "trials | **not met** |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| 0 echo requests lost under sleep | 0 lost in 0 of 0 "
					     "trials | no trials |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| 0 echo requests lost under scribble | 0 lost in 0 of 2 "
					     "trials | met |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "2 of 2 trials; 8 programs refused (4 by the op's "
					     "firewall, 4 for ops off the NIC) | met |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| 13 | get_regs | loop | entry | 50 | 2 | 90 |"));
	th_free(&r);
}

/*
 * An answer against the clean one (trial/answer.c): a wrong value with a
 * success status is silent; an errno the clean call did not return is an
 * error; success where the clean call failed is a silent wrong answer.
 */
static void ans(struct answer *a, int err, const char *data)
{
	memset(a, 0, sizeof(*a));
	a->err = err;
	a->len = strlen(data);
	memcpy(a->data, data, a->len);
}

static void test_answer_classes(void)
{
	struct answer clean, a, noop;

	ans(&clean, 0, "pcnet32 1.0");
	ans(&a, 0, "pcnet32 1.0");
	CU_ASSERT_STRING_EQUAL(answer_outcome(&a, &clean), "correct");
	CU_ASSERT_FALSE(answer_silent(&a, &clean));
	ans(&a, 0, "pcnet32 1.1");
	CU_ASSERT_STRING_EQUAL(answer_outcome(&a, &clean), "wrong");
	CU_ASSERT_TRUE(answer_silent(&a, &clean));
	/* a shorter answer is another answer */
	ans(&a, 0, "pcnet32");
	CU_ASSERT_TRUE(answer_silent(&a, &clean));
	ans(&a, EIO, "");
	CU_ASSERT_STRING_EQUAL(answer_outcome(&a, &clean), "error");
	CU_ASSERT_FALSE(answer_silent(&a, &clean));
	/* the clean call fails (no MII): the same errno is correct */
	ans(&noop, EOPNOTSUPP, "");
	ans(&a, EOPNOTSUPP, "");
	CU_ASSERT_STRING_EQUAL(answer_outcome(&a, &noop), "correct");
	ans(&a, EINVAL, "");
	CU_ASSERT_STRING_EQUAL(answer_outcome(&a, &noop), "error");
	CU_ASSERT_FALSE(answer_silent(&a, &noop));
	/* ... and success there is a wrong answer, silent */
	ans(&a, 0, "\x79\x78");
	CU_ASSERT_STRING_EQUAL(answer_outcome(&a, &noop), "wrong");
	CU_ASSERT_TRUE(answer_silent(&a, &noop));
}

/*
 * The mutant campaign's sections on fixed records of both builds
 * (tests/unit/data/faults-mutants/: records, the list, the traces): the
 * Nooks-form totals, the in-kernel killers on split with its targets, by
 * operator, the dead mutants, the anchors; and the other sections keep
 * the mutant records out.
 */
static void test_report_mutants(void)
{
	struct th_result r;
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "cd '%s' && d=$(mktemp -d) && cp tests/unit/data/faults-records.jsonl "
		 "tests/unit/data/faults-mutants/* $d/ && "
		 "FAULTS_REPORT=$d/F.md FAULTS_FIGURES=$d/fig faultinject/campaign/report $d 2>/dev/null && "
		 "cat $d/F.md; rm -rf $d", th_root());
	th_sh(&r, 120, cmd);
	CU_ASSERT_EQUAL(r.status, 0);
	/* the other totals as without the mutants (test_report_document) */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| wrong answers that reached a caller | 1 | 0 |"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "| get_regs | mutant"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| mutants tried (one a trial, armed for good) | 4 | 4 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| kernel crashes (oops + panic) | 0 | 1 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| kernel hangs | 0 | 1 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| kernel taints (a WARN, no oops) | 0 | 1 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| daemon crashes (split: the supervisor restarted it) | 2 | 0 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| recovered (the op answered correctly after the disarm) | 4 | 1 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| wrong answers that reached a caller silently (a success status) | 2 | 1 |"));
	/* split's second one came with a daemon death: the kernel's placeholder */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| of which in a trial whose daemon died (the kernel's placeholder of a hook that cannot fail) | 1 | 0 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| no visible effect | 1 | 0 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| **all of them** | 3 | 3 | 0 | 0 | 0 | 1 | 3 | 1 | 1 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| 0 kernel crashes | 0 of 3 | met |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| all recovered | 3 of 3 | met |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| stmt | 1 | 0 / 1 / 0 | 0 | 0 | 0 / 0 | 0 | 1 | 1 of 1 | 0 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| split | get_regs | 1 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| split | get_drvinfo | 1 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "2 of the 6 mutants were reached by no op's standard call on any build."));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| pcnet32_op_mdio_read | 1 | obo:pcnet32_op_mdio_read:14:7 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| 400 trials per driver, 5 random faults each | 333 crashes of native Linux | 332 of the 333 prevented |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| 3.4 million faults into four Ethernet drivers | – | no OS crash | Herder et al., DSN 2009 |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| inkernel: 1 crashes, 1 hangs, 1 taints | split: 0 crashes, 0 hangs; 4 of 4 recovered |"));
	th_free(&r);
	/* the mutant campaign's records alone (FAULTS_BUILDS=" "): its sections, no figures */
	snprintf(cmd, sizeof(cmd), "cd '%s' && d=$(mktemp -d) && cp tests/unit/data/faults-mutants/* $d/ && "
		 "FAULTS_REPORT=$d/F.md FAULTS_FIGURES=$d/fig faultinject/campaign/report $d 2>/dev/null && "
		 "ls $d/fig 2>/dev/null; cat $d/F.md; rm -rf $d", th_root());
	th_sh(&r, 120, cmd);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| mutants tried (one a trial, armed for good) | 4 | 4 |"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "faults-matrix.svg\n"));
	th_free(&r);
}

/*
 * The merge takes shards of one run only: meta files that differ on the
 * seed, the commit or the guest kernel (or another setting the records
 * depend on) are refused, each value with its meta file and records, and
 * no report is written; shards that agree (other hosts: another date,
 * machine) are merged.
 */
static void test_report_refuses_other_runs(void)
{
	const char *argv[] = { th_path("tests/unit/sh/report-other-runs.sh"), th_root(), NULL };
	struct th_result r;

	th_run(&r, 120, argv);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "merged-same\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "not of one run; nothing merged"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out,
		"  seed: 1 in meta-0of2.json (records *-0of2.jsonl); 2 in meta-1of2.json (records *-1of2.jsonl)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out,
		"  commit: abc in meta-0of2.json (records *-0of2.jsonl); def in meta-1of2.json (records *-1of2.jsonl)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out,
		"  guest_kernel: 6.1.0-57-amd64 in meta-0of2.json (records *-0of2.jsonl); "
		"6.1.0-99-amd64 in meta-1of2.json (records *-1of2.jsonl)\n"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "machine:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "status 1\nno-report\n"));
	/* 0 of 2 beside 1 of 3: not one run's shards */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "  shards: 2 in meta-0of2.json"));
	CU_ASSERT_NOT_EQUAL(r.status, 0);
	th_free(&r);
}

/*
 * The run's ident (commit, tree, guest kernel) is one value however many
 * shards ask at once: in a repository of its own with an uncommitted
 * change, 3 x 8 calls side by side give one line (tests/unit/sh/
 * ident-concurrent.sh). (It wrote the tree with
 * git stash create, which needs the index's lock: about half the calls
 * gave HEAD's tree instead, and a run's merge refused its own shards.)
 */
static void test_ident_concurrent(void)
{
	const char *argv[] = { th_path("tests/unit/sh/ident-concurrent.sh"),
			       th_path("faultinject/campaign/campaign"), NULL };
	struct th_result r;

	th_run(&r, 60, argv);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "1\n");
	th_free(&r);
}

static CU_TestInfo faults_campaign_unit_tests[] = {
	{ "answers: correct, error, wrong, silent", test_answer_classes },
	{ "classifier: known console excerpts", test_classify_excerpts },
	{ "classifier: the deciding line", test_classify_line },
	{ "trial list: deterministic, full matrix", test_list_deterministic },
	{ "trial list: inkernel ops and kinds", test_list_inkernel },
	{ "trial list: shards partition it", test_list_shards },
	{ "trial list: 2 shards = 1 (the tool)", test_list_tool_shards },
	{ "trial list: split-direct is split's matrix", test_list_direct },
	{ "report: totals of fixed records", test_report_totals },
	{ "report: tables and figures", test_report_document },
	{ "report: mediated beside direct, the mediated targets", test_report_isolation },
	{ "the run's ident is one value when shards ask at once", test_ident_concurrent },
	{ "report: the mutant campaign's sections", test_report_mutants },
	{ "report: shards of another run refused", test_report_refuses_other_runs },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "faults: classifier, trial list, report", NULL, NULL, faults_campaign_unit_tests);
