// SPDX-License-Identifier: GPL-2.0
/*
 * Lab test of the fault campaign: a short campaign (about 2 minutes) on
 * the split build (its daemon mediated, the default) and the inkernel
 * build, through faultinject/campaign/campaign itself, with assertions on its raw
 * records. (The campaign's split-direct column, the daemon on the ports,
 * is make faults' alone.)
 *
 * split, every kind, scribble included: every record says its daemon was
 * mediated; no trial crashes, oopses or hangs the kernel; every caller
 * returns within the deadline plus SLACK_MS; every trial recovers; every
 * fault point is reached (a FACT op's in the facts a new daemon computes
 * at its start); no trial leaves the fast path dead; every scribble that
 * fired while its daemon held a request (all but the FACT ops) had its
 * register writes refused and counted (the firewall's refused column of
 * regaccess, or the channel's regs_denied for an op off the NIC); and no
 * echo request is lost, in ops on the ports as in the others: a mediated
 * daemon never stops the fast path, so a loop, a sleep or a scribble
 * costs its caller and nothing else. An emulated NIC under TCG loses a
 * frame now and then whatever the driver does (a guest that stalls for
 * 100 ms overflows its receive ring): a loss is the fault's when it
 * repeats, so the op x kind pairs that lost echoes run again, in a second
 * short campaign, and fail the test only when they lose echoes there too.
 * inkernel: whatever happens is recorded, except that a null dereference
 * must be reported as an oops and a stack overflow as a panic when the
 * console says so.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEADLINE_MS 250
/* the kernel kills a late daemon on the ports (up to 2 s), and TCG under load */
#define SLACK_MS 3000
#define SPLIT_OPS "get_drvinfo,get_regs,get_regs_len,set_msglevel,get_msglevel"

static char data_dir[256], rerun_dir[256];
static struct th_result rows;	/* one TSV row per record */
static int campaign_status = -1;

/* a short campaign on split (and inkernel unless split_only) into dir */
static int run_campaign(const char *dir, const char *split_ops, long trials,
			int split_only)
{
	struct th_result r;
	char cmd[2048];
	int status;

	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && rm -rf %s && FAULTS_DATA=%s FAULTS_SEED=3 FAULTS_TRIALS=%ld "
		 "FAULTS_DEADLINE_MS=%d FAULTS_SPLIT_OPS=%s FAULTS_INKERNEL_OPS=get_drvinfo "
		 "FAULTS_BUILDS='%s' FAULTS_SHARD=0/1 FAULTS_LAB=faultslab faultinject/campaign/campaign shard",
		 th_root(), dir, dir, trials, DEADLINE_MS, split_ops,
		 split_only ? "split" : "split inkernel");
	th_sh(&r, 900, cmd);
	status = r.status;
	if (r.status)
		fprintf(stderr, "faults lab: campaign failed (%d): %s\n", r.status, r.err);
	th_free(&r);
	return status;
}

/* the records of dir as TSV rows (struct row's fields, in order) */
static void load_rows(const char *dir, struct th_result *out)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd),
		 "cat %s/*.jsonl | jq -r '[.build, .index, .op, .kind, .kernel.status, "
		 "(.kernel.console // \"\" | gsub(\"\\t\"; \" \")), .caller.outcome, "
		 "(.caller.ms // -1), (if .recovery.recovered then 1 else 0 end), "
		 "(.ping.lost // 0), (.fault.fired // -1), (.mode // \"none\"), "
		 "((.regs.refused // 0) + (.kernel.counters.regs_denied // 0)), "
		 "(if .nic.dead then 1 else 0 end), "
		 "(if .daemon.restarted_at_arm then 1 else 0 end)] | @tsv'", dir);
	th_sh(out, 60, cmd);
}

static int faults_init(void)
{
	/* kept after the run (build/ is never committed): the records to read */
	snprintf(data_dir, sizeof(data_dir), "%s", th_path("build/faultinject/lab-data"));
	snprintf(rerun_dir, sizeof(rerun_dir), "%s",
		 th_path("build/faultinject/lab-data-rerun"));
	campaign_status = run_campaign(data_dir, SPLIT_OPS, 10, 0);
	load_rows(data_dir, &rows);
	return 0;
}

static int faults_clean(void)
{
	th_free(&rows);
	fprintf(stderr, "faults lab: records in %s\n", data_dir);
	return 0;
}

struct row {
	char build[16], op[32], kind[16], kernel[16], console[256], outcome[16];
	char mode[16];
	long index;
	double ms;
	int recovered, lost, fired;
	long refused;		/* register programs the kernel refused */
	int dead;		/* the fast path stayed dead after the trial */
	int fact;		/* a FACT op: the fault met a new daemon's start */
};

#define ROW_FIELDS 15

/* call fn on every row of set; returns the count */
static int each_row_of(const struct th_result *set,
		       void (*fn)(const struct row *r, void *ctx), void *ctx)
{
	char *save = NULL, *line, *copy = strdup(set->out ? set->out : "");
	int n = 0;

	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct row r;
		char *f[ROW_FIELDS], *p = line;
		int k;

		memset(&r, 0, sizeof(r));
		for (k = 0; k < ROW_FIELDS; k++) {
			f[k] = p;
			p = strchr(p, '\t');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (k < ROW_FIELDS - 1)
			continue;
		snprintf(r.build, sizeof(r.build), "%s", f[0]);
		r.index = atol(f[1]);
		snprintf(r.op, sizeof(r.op), "%s", f[2]);
		snprintf(r.kind, sizeof(r.kind), "%s", f[3]);
		snprintf(r.kernel, sizeof(r.kernel), "%s", f[4]);
		snprintf(r.console, sizeof(r.console), "%s", f[5]);
		snprintf(r.outcome, sizeof(r.outcome), "%s", f[6]);
		r.ms = atof(f[7]);
		r.recovered = atoi(f[8]);
		r.lost = atoi(f[9]);
		r.fired = atoi(f[10]);
		snprintf(r.mode, sizeof(r.mode), "%s", f[11]);
		r.refused = atol(f[12]);
		r.dead = atoi(f[13]);
		r.fact = atoi(f[14]);
		fn(&r, ctx);
		n++;
	}
	free(copy);
	return n;
}

static int each_row(void (*fn)(const struct row *r, void *ctx), void *ctx)
{
	return each_row_of(&rows, fn, ctx);
}

struct tally {
	int n, bad;
	int scribbles;		/* scribbles that fired with a request held */
	/* the op x kind pairs that lost echoes */
	char lossy[16][48];
	int n_lossy;
};

static void check_split(const struct row *r, void *ctx)
{
	struct tally *t = ctx;
	int bad = 0;

	if (strcmp(r->build, "split"))
		return;
	t->n++;
	if (strcmp(r->mode, "mediated")) {
		fprintf(stderr, "split %ld %s %s: the daemon was %s, not mediated\n",
			r->index, r->op, r->kind, r->mode);
		bad = 1;
	}
	if (strcmp(r->kernel, "alive")) {
		fprintf(stderr, "split %ld %s %s: kernel %s (%s)\n", r->index, r->op,
			r->kind, r->kernel, r->console);
		bad = 1;
	}
	if (r->ms < 0 || r->ms > DEADLINE_MS + SLACK_MS) {
		fprintf(stderr, "split %ld %s %s: the caller took %.0f ms (%s)\n",
			r->index, r->op, r->kind, r->ms, r->outcome);
		bad = 1;
	}
	if (!r->recovered) {
		fprintf(stderr, "split %ld %s %s: did not recover\n", r->index,
			r->op, r->kind);
		bad = 1;
	}
	if (r->fired != 1) {
		fprintf(stderr, "split %ld %s %s: the fault fired %d times, not once\n",
			r->index, r->op, r->kind, r->fired);
		bad = 1;
	}
	if (r->dead) {
		fprintf(stderr, "split %ld %s %s: the fast path stayed dead\n",
			r->index, r->op, r->kind);
		bad = 1;
	}
	/* a FACT op's scribble fires in a daemon's start: no request held */
	if (!strcmp(r->kind, "scribble") && r->fired >= 1 && !r->fact) {
		t->scribbles++;
		fprintf(stderr, "split %ld %s scribble: %ld programs refused\n",
			r->index, r->op, r->refused);
		if (r->refused < 1) {
			fprintf(stderr, "split %ld %s scribble: no refused program counted\n",
				r->index, r->op);
			bad = 1;
		}
	}
	if (r->lost) {
		fprintf(stderr, "split %ld %s %s: %d echoes lost: runs again\n",
			r->index, r->op, r->kind, r->lost);
		if (t->n_lossy < (int)(sizeof(t->lossy) / sizeof(t->lossy[0])))
			snprintf(t->lossy[t->n_lossy++], sizeof(t->lossy[0]),
				 "%s %s", r->op, r->kind);
		else
			bad = 1;
	}
	t->bad += bad;
}

/* the rerun: a pair still lossy there is the fault's */
static void check_rerun(const struct row *r, void *ctx)
{
	struct tally *t = ctx;
	char pair[48];
	int i;

	if (strcmp(r->build, "split"))
		return;
	snprintf(pair, sizeof(pair), "%s %s", r->op, r->kind);
	for (i = 0; i < t->n_lossy; i++) {
		if (strcmp(t->lossy[i], pair))
			continue;
		t->n++;
		if (r->lost) {
			fprintf(stderr, "split %s: %d echoes lost again: the fault's\n",
				pair, r->lost);
			t->bad++;
		} else {
			fprintf(stderr, "split %s: no loss in the rerun: noise\n", pair);
		}
	}
}

static void count_build(const struct row *r, void *ctx)
{
	struct tally *t = ctx;

	if (!strcmp(r->build, "split"))
		t->n++;
	else
		t->bad++;
}

static void test_campaign_ran(void)
{
	struct tally t = { 0 };

	CU_ASSERT_EQUAL(campaign_status, 0);
	each_row(count_build, &t);
	/* 5 ops x 10 kinds + 10 random on split, 9 kinds on inkernel (no split-direct) */
	CU_ASSERT_EQUAL(t.n, 60);
	CU_ASSERT_EQUAL(t.bad, 9);
}

static void test_split_software_faults(void)
{
	struct tally t = { 0 }, again = { 0 };
	/* ",op,op,": an op is listed when ",op," is in it */
	char ops[512] = ",";
	int i;

	each_row(check_split, &t);
	fprintf(stderr, "split (mediated) trials: %d, failing: %d, lossy: %d, "
		"scribbles with a request held: %d\n", t.n, t.bad, t.n_lossy,
		t.scribbles);
	CU_ASSERT(t.n >= 60);
	CU_ASSERT_EQUAL(t.bad, 0);
	/* the matrix's get_drvinfo, get_regs, set_msglevel, get_msglevel */
	CU_ASSERT(t.scribbles >= 4);
	if (!t.n_lossy)
		return;
	/* the lossy pairs' ops again: their matrix rows, split only */
	for (i = 0; i < t.n_lossy; i++) {
		size_t n = strcspn(t.lossy[i], " ");
		char op[48];

		/* get_regs is not get_regs_len: whole names only */
		snprintf(op, sizeof(op), ",%.*s,", (int)n, t.lossy[i]);
		if (strstr(ops, op))
			continue;
		snprintf(ops + strlen(ops), sizeof(ops) - strlen(ops), "%s", op + 1);
	}
	/* the campaign takes "op,op" */
	ops[strlen(ops) - 1] = '\0';
	memcpy(again.lossy, t.lossy, sizeof(t.lossy));
	again.n_lossy = t.n_lossy;
	CU_ASSERT_EQUAL_FATAL(run_campaign(rerun_dir, ops + 1, 0, 1), 0);
	{
		struct th_result rerun;

		load_rows(rerun_dir, &rerun);
		each_row_of(&rerun, check_rerun, &again);
		th_free(&rerun);
	}
	/* every lossy pair ran again (random trials' pairs are in the matrix) */
	CU_ASSERT(again.n >= t.n_lossy);
	CU_ASSERT_EQUAL(again.bad, 0);
}

static void check_inkernel(const struct row *r, void *ctx)
{
	struct tally *t = ctx;

	if (strcmp(r->build, "inkernel"))
		return;
	fprintf(stderr, "inkernel %s %s: kernel %s, caller %s%s%s\n", r->op, r->kind,
		r->kernel, r->outcome, *r->console ? ": " : "", r->console);
	if (!strcmp(r->kind, "null") && strstr(r->console, "NULL pointer dereference")) {
		t->n++;
		if (strcmp(r->kernel, "oops"))
			t->bad++;
	}
	if (!strcmp(r->kind, "stack") &&
	    (strstr(r->console, "stack overflow") || strstr(r->console, "stack guard") ||
	     strstr(r->console, "Kernel panic"))) {
		t->n++;
		if (strcmp(r->kernel, "panic"))
			t->bad++;
	}
}

static void test_inkernel_reported(void)
{
	struct tally t = { 0 };

	each_row(check_inkernel, &t);
	CU_ASSERT_EQUAL(t.bad, 0);
}

static CU_TestInfo faults_campaign_lab_tests[] = {
	{ "a short campaign on both builds", test_campaign_ran },
	{ "split (mediated): no fault reaches the kernel or the fast path; scribbles refused",
	  test_split_software_faults },
	{ "inkernel: null is an oops, stack a panic", test_inkernel_reported },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "faults: short campaign", faults_init, faults_clean, faults_campaign_lab_tests);
