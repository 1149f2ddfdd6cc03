// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the benchmark's method (bench/verdict.c): the column
 * rotation covers every position, the bootstrap's estimate is the ratio of
 * the medians and its interval reacts to round-to-round changes, and each
 * verdict and target outcome is reached on synthetic data; and claim 2's
 * ping samples against the control (bench/netclaim.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "../../bench/verdict.h"

static void test_rotation_latin_square(void)
{
	int n, r, p, c, seen_pos[8][8], seen_round[8];

	for (n = 1; n <= 8; n++) {
		memset(seen_pos, 0, sizeof(seen_pos));
		for (r = 1; r <= n; r++) {
			memset(seen_round, 0, sizeof(seen_round));
			for (p = 0; p < n; p++) {
				c = bench_rotation(n, r, p);
				CU_ASSERT_FATAL(c >= 0 && c < n);
				seen_round[c]++;
				seen_pos[c][p]++;
				/* round 1 is the order as given */
				if (r == 1)
					CU_ASSERT_EQUAL(c, p);
			}
			/* every round is a permutation of the columns */
			for (c = 0; c < n; c++)
				CU_ASSERT_EQUAL(seen_round[c], 1);
		}
		/* over n rounds, each column at each position exactly once */
		for (c = 0; c < n; c++)
			for (p = 0; p < n; p++)
				CU_ASSERT_EQUAL(seen_pos[c][p], 1);
	}
	/* the rotation repeats after n rounds */
	CU_ASSERT_EQUAL(bench_rotation(4, 5, 2), bench_rotation(4, 1, 2));
	CU_ASSERT_EQUAL(bench_rotation(4, 1, 4), -1);
	CU_ASSERT_EQUAL(bench_rotation(0, 1, 0), -1);
}

static void test_verdict_outcomes(void)
{
	CU_ASSERT_EQUAL(bench_verdict(0.97, 1.03, 0.05), BENCH_UNCHANGED);
	CU_ASSERT_EQUAL(bench_verdict(0.95, 1.05, 0.05), BENCH_UNCHANGED);
	CU_ASSERT_EQUAL(bench_verdict(1.06, 1.30, 0.05), BENCH_HIGHER);
	CU_ASSERT_EQUAL(bench_verdict(0.70, 0.94, 0.05), BENCH_LOWER);
	/* straddling an edge of the tolerance, or all of it */
	CU_ASSERT_EQUAL(bench_verdict(0.97, 1.07, 0.05), BENCH_INCONCLUSIVE);
	CU_ASSERT_EQUAL(bench_verdict(0.90, 1.01, 0.05), BENCH_INCONCLUSIVE);
	CU_ASSERT_EQUAL(bench_verdict(0.80, 1.20, 0.05), BENCH_INCONCLUSIVE);
	/* excludes 1 but not by more than 5%: not "slower" */
	CU_ASSERT_EQUAL(bench_verdict(1.02, 1.08, 0.05), BENCH_INCONCLUSIVE);
	CU_ASSERT_STRING_EQUAL(bench_verdict_name(BENCH_UNCHANGED), "unchanged");
	CU_ASSERT_STRING_EQUAL(bench_verdict_name(BENCH_INCONCLUSIVE), "inconclusive");
}

static void test_target_outcomes(void)
{
	/* at most 1.1 */
	CU_ASSERT_EQUAL(bench_target(0.9, 1.05, 1.1, 1), BENCH_MET);
	CU_ASSERT_EQUAL(bench_target(1.2, 1.5, 1.1, 1), BENCH_NOT_MET);
	CU_ASSERT_EQUAL(bench_target(1.0, 1.2, 1.1, 1), BENCH_TARGET_INCONCLUSIVE);
	/* at least 0.99 */
	CU_ASSERT_EQUAL(bench_target(0.995, 1.02, 0.99, 0), BENCH_MET);
	CU_ASSERT_EQUAL(bench_target(0.85, 0.95, 0.99, 0), BENCH_NOT_MET);
	CU_ASSERT_EQUAL(bench_target(0.95, 1.02, 0.99, 0), BENCH_TARGET_INCONCLUSIVE);
	CU_ASSERT_STRING_EQUAL(bench_target_name(BENCH_NOT_MET), "not met");
}

/* n samples per round over rounds 1..nr: base * factor[r] * (1 + noise) */
static struct bench_sample *synth(uint64_t *st, int nr, int n, double base,
				  const double *factor, double noise)
{
	struct bench_sample *s = calloc((size_t)(nr * n), sizeof(*s));
	int r, i;

	CU_ASSERT_FATAL(s != NULL);
	for (r = 0; r < nr; r++)
		for (i = 0; i < n; i++) {
			double u = (double)(bench_rand(st) >> 11) / 9007199254740992.0;

			s[r * n + i].round = r + 1;
			s[r * n + i].v = base * (factor ? factor[r] : 1) *
					 (1 + noise * (2 * u - 1));
		}
	return s;
}

static enum bench_verdict boot_verdict(const struct bench_sample *a,
				       const struct bench_sample *b, size_t n,
				       struct bench_ci *ci)
{
	CU_ASSERT_FATAL(bench_boot(a, n, b, n, BENCH_RATIO, 2000, 7, ci) == 0);
	return bench_verdict(ci->lo, ci->hi, 0.05);
}

static void test_bootstrap_outcomes(void)
{
	uint64_t st = 42;
	struct bench_ci ci, ci2;
	struct bench_sample *a, *b;
	static const double drift[3] = { 1.25, 0.85, 1.0 };

	/* the same distribution, many samples: unchanged */
	a = synth(&st, 3, 200, 100, NULL, 0.1);
	b = synth(&st, 3, 200, 100, NULL, 0.1);
	CU_ASSERT_EQUAL(boot_verdict(a, b, 600, &ci), BENCH_UNCHANGED);
	CU_ASSERT_EQUAL(ci.rounds, 3);
	CU_ASSERT(ci.lo <= ci.est && ci.est <= ci.hi);
	free(a);
	/* 30% slower: higher, the interval around 1.3 */
	a = synth(&st, 3, 200, 130, NULL, 0.1);
	CU_ASSERT_EQUAL(boot_verdict(a, b, 600, &ci), BENCH_HIGHER);
	CU_ASSERT(ci.lo > 1.25 && ci.hi < 1.35);
	/* reversed: lower */
	CU_ASSERT_EQUAL(boot_verdict(b, a, 600, &ci), BENCH_LOWER);
	free(a);
	/*
	 * tight samples, but the ratio moves from round to round (1.25,
	 * 0.85, 1.0): resampling the rounds makes that inconclusive, where
	 * a pooled bootstrap of the samples alone would be sure of it
	 */
	a = synth(&st, 3, 200, 100, drift, 0.01);
	free(b);
	b = synth(&st, 3, 200, 100, NULL, 0.01);
	CU_ASSERT_EQUAL(boot_verdict(a, b, 600, &ci), BENCH_INCONCLUSIVE);
	CU_ASSERT(ci.hi - ci.lo > 0.2);
	/* reproducible: the same seed gives the same interval */
	CU_ASSERT_FATAL(bench_boot(a, 600, b, 600, BENCH_RATIO, 2000, 7, &ci2) == 0);
	CU_ASSERT_DOUBLE_EQUAL(ci.lo, ci2.lo, 0);
	CU_ASSERT_DOUBLE_EQUAL(ci.hi, ci2.hi, 0);
	free(a);
	free(b);
	/* few noisy samples, a 4% difference: inconclusive */
	a = synth(&st, 1, 5, 104, NULL, 0.3);
	b = synth(&st, 1, 5, 100, NULL, 0.3);
	CU_ASSERT_EQUAL(boot_verdict(a, b, 5, &ci), BENCH_INCONCLUSIVE);
	CU_ASSERT_EQUAL(ci.rounds, 1);
	/* one sample a side: an interval of width 0, but no verdict */
	CU_ASSERT_FATAL(bench_boot(a, 1, b, 1, BENCH_RATIO, 500, 1, &ci) == 0);
	CU_ASSERT(ci.few);
	CU_ASSERT_DOUBLE_EQUAL(ci.lo, ci.hi, 0);
	CU_ASSERT_EQUAL(bench_verdict_ci(&ci, 0.05), BENCH_INCONCLUSIVE);
	CU_ASSERT_EQUAL(bench_target_ci(&ci, 100, 1), BENCH_TARGET_INCONCLUSIVE);
	CU_ASSERT_FATAL(bench_boot(a, 5, b, 5, BENCH_RATIO, 500, 1, &ci) == 0);
	CU_ASSERT(!ci.few);
	/* no common round, an empty side: no interval */
	b[0].round = 9;
	CU_ASSERT_EQUAL(bench_boot(a, 5, b, 1, BENCH_RATIO, 500, 1, &ci), -1);
	CU_ASSERT_EQUAL(bench_boot(a, 5, b, 0, BENCH_RATIO, 500, 1, &ci), -1);
	free(a);
	free(b);
}

static int cmp_d(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* the estimate is the median: checked against a sort, odd and even sizes */
static void test_bootstrap_median(void)
{
	struct bench_sample a[101], zero = { 1, 0 };
	double v[101], want;
	struct bench_ci ci;
	uint64_t st = 3;
	size_t n, i;

	for (n = 1; n <= 101; n += 7) {
		for (i = 0; i < n; i++) {
			a[i].round = 1;
			/* few distinct values: duplicates on purpose */
			a[i].v = (double)(bench_rand(&st) % 13);
			v[i] = a[i].v;
		}
		qsort(v, n, sizeof(*v), cmp_d);
		want = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
		CU_ASSERT_FATAL(bench_boot(a, n, &zero, 1, BENCH_DIFF, 100, 1, &ci) == 0);
		CU_ASSERT_DOUBLE_EQUAL(ci.est, want, 1e-12);
	}
	/* a ratio with a zero median below: refused */
	CU_ASSERT_EQUAL(bench_boot(a, 5, &zero, 1, BENCH_RATIO, 100, 1, &ci), -1);
}

/* ---- claim 2's ping against stock (bench/netclaim.sh) ------------------ */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CU_ASSERT_FATAL(f != NULL);
	fputs(text, f);
	fclose(f);
}

static char *read_file(const char *path)
{
	static char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/*
 * bench/netclaim.sh DIR OUT: its exit status and what it printed (stdout
 * when it succeeds, stderr when not) as expected; then OUT's content
 */
static char *netclaim(const char *dir, const char *out, int status,
		      const char *said)
{
	struct th_result r;
	char *o;

	th_run(&r, 30, (const char *const[]){ th_path("bench/netclaim.sh"), dir, out, NULL });
	CU_ASSERT_EQUAL(r.status, status);
	if (status == 0) {
		CU_ASSERT_STRING_EQUAL(r.out, said);
	} else {
		CU_ASSERT_PTR_NOT_NULL(strstr(r.err, said));
	}
	th_free(&r);
	o = read_file(out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	return o;
}

/*
 * Echoes are divided by stock's of the same round and number (values
 * exact in binary, so the quotients print exactly); one without a partner
 * and one whose partner is 0 are dropped; stock's own rows and the other
 * tests' stay as recorded. Not pinged at once: the file unchanged.
 */
static void test_netclaim_ping_against_stock(void)
{
	static const char net[] =
		"column,round,test,rep,value\n"
		"stock,1,ping,0,0.5\n"
		"stock,1,ping,1,0.25\n"
		"inkernel,1,ping,0,0.75\n"
		"inkernel,1,ping,1,0.125\n"
		"split,1,ping,0,0.25\n"
		"split,1,ping,2,0.5\n"
		"stock,2,ping,0,0\n"
		"split,2,ping,0,0.5\n"
		"inkernel,1,scp_4k,0,1.5\n";
	char dir[] = "/tmp/netclaim-test.XXXXXX", out[64], *o;
	struct th_result r;

	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	snprintf(out, sizeof(out), "%s/claim.csv", dir);
	write_file(dir, "net.csv", net);
	write_file(dir, "meta.env", "rounds=2\nping_concurrent=1\n");
	o = netclaim(dir, out, 0, "ping: divided by stock\n");
	CU_ASSERT_EQUAL(strncmp(o, "column,round,test,rep,value\n", 28), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(o, "\ninkernel,1,ping,0,1.5\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(o, "\ninkernel,1,ping,1,0.5\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(o, "\nsplit,1,ping,0,0.5\n"));
	CU_ASSERT_PTR_NULL(strstr(o, "\nsplit,1,ping,2,"));
	CU_ASSERT_PTR_NULL(strstr(o, "\nsplit,2,ping,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(o, "\nstock,1,ping,0,0.5\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(o, "\nstock,2,ping,0,0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(o, "\ninkernel,1,scp_4k,0,1.5\n"));

	/* pinged one column at a time: nothing to divide by */
	write_file(dir, "meta.env", "rounds=2\nping_concurrent=0\n");
	o = netclaim(dir, out, 0, "ping: as recorded\n");
	CU_ASSERT_STRING_EQUAL(o, net);

	/* not a net.csv: refused, OUT left as it was */
	write_file(dir, "net.csv", "a,b\n1,2\n");
	o = netclaim(dir, out, 2, "not a net.csv");
	CU_ASSERT_STRING_EQUAL(o, net);

	th_run(&r, 30, (const char *const[]){ "rm", "-rf", dir, NULL });
	th_free(&r);
}

static CU_TestInfo bench_tests[] = {
	{ "rotation: a Latin square over n rounds", test_rotation_latin_square },
	{ "verdict: unchanged, higher, lower, inconclusive", test_verdict_outcomes },
	{ "target: met, not met, inconclusive", test_target_outcomes },
	{ "bootstrap: verdicts on synthetic runs", test_bootstrap_outcomes },
	{ "bootstrap: the estimate is the median", test_bootstrap_median },
	{ "netclaim: ping divided by stock's echo of the same moment", test_netclaim_ping_against_stock },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "bench: method (rotation, bootstrap, verdicts, claim 2's ping)", NULL, NULL, bench_tests);
