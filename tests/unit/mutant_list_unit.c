// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the mutant campaign's trial list (faultinject/campaign/
 * mutant-list.c): reachability from the traces (the first op in the op
 * table's order), every reachable mutant or a seeded draw of M, the same
 * mutants and seeds on every build, the dead ones, shards.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MUTANT_LIST_NO_MAIN
#include "mutant-list.c"

static const char ml_tsv[] =
	"index\tid\toperator\tfunction\tline\tcolumn\tdescription\n"
	"1\tloop:f:1:1\tloop\tf\t1\t1\tx\n"
	"2\tdst:f:2:1\tdst\tf\t2\t1\tx\n"
	"3\tsrc:g:3:1\tsrc\tg\t3\t1\tx\n"
	"4\tptr:g:4:1\tptr\tg\t4\t1\tx\n"
	"5\tstmt:h:5:1\tstmt\th\t5\t1\tx\n"
	"7\tobo:h:7:1\tobo\th\t7\t1\tx\n";

static void ml_load(struct ml_list *l, const char *split, const char *ink)
{
	FILE *f = fmemopen((void *)ml_tsv, strlen(ml_tsv), "r");

	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT_EQUAL_FATAL(ml_load_tsv(l, f), 0);
	fclose(f);
	f = fmemopen((void *)split, strlen(split), "r");
	CU_ASSERT_EQUAL_FATAL(ml_load_reach(l, "split", f), 0);
	fclose(f);
	f = fmemopen((void *)ink, strlen(ink), "r");
	CU_ASSERT_EQUAL_FATAL(ml_load_reach(l, "inkernel", f), 1);
	fclose(f);
}

/* the first op in the table's order; another build's op as a fallback */
static void test_ml_reach(void)
{
	struct ml_list l;
	unsigned int sel[8], k;
	char line[256];

	/* split: 1 by get_regs and (later in the trace) get_drvinfo: get_drvinfo */
	ml_load(&l, "get_regs 1\nget_drvinfo 1\nget_regs 2\n", "get_drvinfo 2\nnway_reset 4\n");
	CU_ASSERT_EQUAL(l.n_mutants, 6);
	CU_ASSERT_STRING_EQUAL(ml_op_of(&l, &l.m[0], 0), "get_drvinfo");
	CU_ASSERT_STRING_EQUAL(ml_op_of(&l, &l.m[1], 0), "get_regs");
	CU_ASSERT_STRING_EQUAL(ml_op_of(&l, &l.m[1], 1), "get_drvinfo");
	/* 1 was not reached on inkernel: split's op */
	CU_ASSERT_STRING_EQUAL(ml_op_of(&l, &l.m[0], 1), "get_drvinfo");
	CU_ASSERT_STRING_EQUAL(ml_op_of(&l, &l.m[3], 0), "nway_reset");
	/* reachable: 1, 2, 4 (in either build); dead: 3, 5, 7 */
	k = ml_select(&l, 1, 0, sel);
	CU_ASSERT_EQUAL(k, 3);
	CU_ASSERT_EQUAL(l.m[sel[0]].n, 1);
	CU_ASSERT_EQUAL(l.m[sel[1]].n, 2);
	CU_ASSERT_EQUAL(l.m[sel[2]].n, 4);
	CU_ASSERT_FALSE(ml_reachable(&l.m[2], l.n_builds));
	CU_ASSERT_FALSE(ml_reachable(&l.m[5], l.n_builds));
	/* the line: the same mutant, index and seed on both builds */
	ml_line(&l, &l.m[sel[1]], 0, 1, 9, line, sizeof(line));
	{
		char want[256];

		snprintf(want, sizeof(want), "1 %llu get_regs mutant entry mutant 2 dst:f:2:1 dst f",
			 ml_trial_seed(9, 2));
		CU_ASSERT_STRING_EQUAL(line, want);
		ml_line(&l, &l.m[sel[1]], 1, 1, 9, line, sizeof(line));
		snprintf(want, sizeof(want), "1 %llu get_drvinfo mutant entry mutant 2 dst:f:2:1 dst f",
			 ml_trial_seed(9, 2));
		CU_ASSERT_STRING_EQUAL(line, want);
	}
	ml_free(&l);
}

/* bad input is refused */
static void test_ml_bad(void)
{
	struct ml_list l;
	FILE *f;
	static const char bad_tsv[] = "index\tid\toperator\tfunction\n2\ta\tb\tc\n1\ta\tb\tc\n";
	static const char reach_unknown_op[] = "no_such_op 1\n";
	static const char reach_unknown_mutant[] = "get_regs 6\n";

	f = fmemopen((void *)bad_tsv, strlen(bad_tsv), "r");
	CU_ASSERT_NOT_EQUAL(ml_load_tsv(&l, f), 0);	/* indexes not rising */
	{
		long i, n;

		CU_ASSERT_EQUAL(campaign_parse_shard("1/2", &i, &n), 0);
		CU_ASSERT_NOT_EQUAL(campaign_parse_shard("2/2", &i, &n), 0);
	}
	fclose(f);
	ml_free(&l);
	f = fmemopen((void *)ml_tsv, strlen(ml_tsv), "r");
	CU_ASSERT_EQUAL_FATAL(ml_load_tsv(&l, f), 0);
	fclose(f);
	f = fmemopen((void *)reach_unknown_op, strlen(reach_unknown_op), "r");
	CU_ASSERT(ml_load_reach(&l, "split", f) < 0);
	fclose(f);
	f = fmemopen((void *)reach_unknown_mutant, strlen(reach_unknown_mutant), "r");
	CU_ASSERT(ml_load_reach(&l, "split", f) < 0);
	fclose(f);
	ml_free(&l);
}

/* more reachable mutants than M: M drawn by the seed, sorted, distinct */
static void test_ml_draw(void)
{
	struct ml_list l;
	unsigned int *a, *b, *c, i, ka, kb, kc, differ = 0;

	memset(&l, 0, sizeof(l));
	l.m = calloc(3000, sizeof(*l.m));
	CU_ASSERT_FATAL(l.m != NULL);
	l.n_builds = 2;
	for (i = 0; i < 3000; i++) {
		l.m[i].n = i + 1;
		/* every third one dead, the rest reached on one build or both */
		l.m[i].op[0] = i % 3 == 0 ? -1 : 2;
		l.m[i].op[1] = i % 3 == 2 ? -1 : (i % 3 == 0 ? -1 : 0);
	}
	l.n_mutants = 3000;
	a = calloc(3000, sizeof(*a));
	b = calloc(3000, sizeof(*b));
	c = calloc(3000, sizeof(*c));
	CU_ASSERT_FATAL(a && b && c);
	/* 2000 reachable: all of them when M is 2000 */
	CU_ASSERT_EQUAL(ml_select(&l, 5, 2000, a), 2000);
	CU_ASSERT_EQUAL(ml_select(&l, 5, 0, a), 2000);
	ka = ml_select(&l, 5, 700, a);
	kb = ml_select(&l, 5, 700, b);
	kc = ml_select(&l, 6, 700, c);
	CU_ASSERT_EQUAL(ka, 700);
	CU_ASSERT_EQUAL(kb, 700);
	CU_ASSERT_EQUAL(kc, 700);
	for (i = 0; i < 700; i++) {
		CU_ASSERT_EQUAL(a[i], b[i]);
		CU_ASSERT(ml_reachable(&l.m[a[i]], l.n_builds));
		if (i)
			CU_ASSERT(a[i] > a[i - 1]);
		differ += a[i] != c[i];
	}
	/* another seed, another draw */
	CU_ASSERT(differ > 0);
	free(a);
	free(b);
	free(c);
	ml_free(&l);
}

/* the tool: shards partition the list; both builds list the same mutants */
static void test_ml_tool(void)
{
	struct th_result one, two, ink, dead;
	char cmd[2048];
	const char *setup = "d=$(mktemp -d) && t=build/faultinject/fault-mutant-list && "
		"printf 'index\\tid\\toperator\\tfunction\\n1\\ta:f:1:1\\ta\\tf\\n2\\tb:f:2:1\\tb\\tf\\n"
		"3\\tc:f:3:1\\tc\\tf\\n4\\td:g:4:1\\td\\tg\\n' > $d/m.tsv && "
		"printf 'get_drvinfo 1\\nget_regs 2\\n' > $d/s && printf 'get_regs 1\\nnway_reset 4\\n' > $d/k && "
		"r=\"--mutants $d/m.tsv --reach split=$d/s --reach inkernel=$d/k\"";

	snprintf(cmd, sizeof(cmd), "cd '%s' && %s && $t $r --build split --seed 3; rm -rf $d",
		 th_root(), setup);
	th_sh(&one, 60, cmd);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s && { $t $r --build split --seed 3 --shard 0/2; "
		 "$t $r --build split --seed 3 --shard 1/2; } | sort -n; rm -rf $d", th_root(), setup);
	th_sh(&two, 60, cmd);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s && $t $r --build inkernel --seed 3 | cut -d' ' -f1,2,4-; "
		 "$t $r --build split --seed 3 | cut -d' ' -f1,2,4-; rm -rf $d", th_root(), setup);
	th_sh(&ink, 60, cmd);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s && $t $r --dead; rm -rf $d", th_root(), setup);
	th_sh(&dead, 60, cmd);
	CU_ASSERT_EQUAL(one.status, 0);
	CU_ASSERT_EQUAL(th_count(one.out, one.out_len, "\n"), 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(one.out, " get_drvinfo mutant entry mutant 1 a:f:1:1 a f\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(one.out, " nway_reset mutant entry mutant 4 d:g:4:1 d g\n"));
	CU_ASSERT_STRING_EQUAL(one.out, two.out);
	/* the same lines but for the op: each half is the other */
	CU_ASSERT_EQUAL(ink.status, 0);
	CU_ASSERT_EQUAL(th_count(ink.out, ink.out_len, "\n"), 6);
	if (ink.out_len % 2 == 0)
		CU_ASSERT_EQUAL(memcmp(ink.out, ink.out + ink.out_len / 2, ink.out_len / 2), 0);
	CU_ASSERT_STRING_EQUAL(dead.out, "3 c:f:3:1 c f\n");
	th_free(&one);
	th_free(&two);
	th_free(&ink);
	th_free(&dead);
}

static CU_TestInfo mutant_list_unit_tests[] = {
	{ "reach: first op in table order, another build's as a fallback", test_ml_reach },
	{ "bad lists, traces and shards refused", test_ml_bad },
	{ "a seeded draw of M when more are reachable", test_ml_draw },
	{ "the tool: shards, both builds, the dead", test_ml_tool },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "faults: mutant trial list", NULL, NULL, mutant_list_unit_tests);
