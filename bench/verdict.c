// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark's method: column rotation, bootstrap intervals, verdicts
 * (see verdict.h). Plain C11, no dependencies, so that tests/unit/bench_unit.c
 * links the same code that bench/benchci runs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "verdict.h"

int bench_rotation(int n, int round, int pos)
{
	if (n <= 0 || pos < 0 || pos >= n || round < 1)
		return -1;
	return (pos + round - 1) % n;
}

uint64_t bench_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* a uniform index below n (n > 0; the modulo bias is below 2^-40 here) */
static size_t pick(uint64_t *state, size_t n)
{
	return (size_t)(bench_rand(state) % n);
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* the k-th smallest of v[0..n) (reorders v) */
static double select_k(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		double p = v[lo + (hi - lo) / 2], t;
		size_t i = lo, j = hi;

		while (i <= j) {
			while (v[i] < p)
				i++;
			while (v[j] > p)
				j--;
			if (i <= j) {
				t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return v[k];
	}
	return v[k];
}

/* the median of v[0..n) (n > 0; reorders v) */
static double median(double *v, size_t n)
{
	double hi = select_k(v, n, n / 2), lo;
	size_t i;

	if (n % 2)
		return hi;
	/* the largest of the lower half, which select_k left below n / 2 */
	lo = v[0];
	for (i = 1; i < n / 2; i++)
		if (v[i] > lo)
			lo = v[i];
	return (lo + hi) / 2;
}

static int cmp_sample(const void *x, const void *y)
{
	const struct bench_sample *a = x, *b = y;

	if (a->round != b->round)
		return (a->round > b->round) - (a->round < b->round);
	return cmp_double(&a->v, &b->v);
}

/* one side's samples grouped by round: [start[i], start[i] + len[i]) */
struct side {
	struct bench_sample *s;
	size_t n;
	size_t *start, *len;	/* per common round */
};

static double statistic(double ma, double mb, enum bench_stat stat)
{
	return stat == BENCH_RATIO ? ma / mb : ma - mb;
}

int bench_boot(const struct bench_sample *a, size_t na,
	       const struct bench_sample *b, size_t nb, enum bench_stat stat,
	       unsigned int reps, uint64_t seed, struct bench_ci *ci)
{
	struct side sa = { 0 }, sb = { 0 };
	double *bufa = NULL, *bufb = NULL, *rep = NULL, ma, mb;
	int *rounds = NULL, nr = 0, ret = -1;
	size_t i, j, ia, ib, ta = 0, tb = 0;
	uint64_t st = seed;
	unsigned int k;

	memset(ci, 0, sizeof(*ci));
	if (!na || !nb || !reps)
		return -1;
	sa.s = malloc(na * sizeof(*a));
	sb.s = malloc(nb * sizeof(*b));
	rounds = malloc((na < nb ? na : nb) * sizeof(*rounds));
	sa.start = malloc(na * sizeof(size_t));
	sa.len = malloc(na * sizeof(size_t));
	sb.start = malloc(nb * sizeof(size_t));
	sb.len = malloc(nb * sizeof(size_t));
	if (!sa.s || !sb.s || !rounds || !sa.start || !sa.len || !sb.start ||
	    !sb.len)
		goto out;
	memcpy(sa.s, a, na * sizeof(*a));
	memcpy(sb.s, b, nb * sizeof(*b));
	qsort(sa.s, na, sizeof(*a), cmp_sample);
	qsort(sb.s, nb, sizeof(*b), cmp_sample);

	/* the rounds both sides have, and each side's run of samples in it */
	for (ia = 0, ib = 0; ia < na && ib < nb;) {
		int r = sa.s[ia].round;

		if (sb.s[ib].round < r) {
			ib++;
			continue;
		}
		if (sb.s[ib].round > r) {
			ia++;
			continue;
		}
		sa.start[nr] = ia;
		sb.start[nr] = ib;
		while (ia < na && sa.s[ia].round == r)
			ia++;
		while (ib < nb && sb.s[ib].round == r)
			ib++;
		sa.len[nr] = ia - sa.start[nr];
		sb.len[nr] = ib - sb.start[nr];
		ta += sa.len[nr];
		tb += sb.len[nr];
		rounds[nr++] = r;
	}
	if (!nr)
		goto out;
	/* a replicate draws nr rounds: at most nr times the largest round */
	for (i = 0, ia = 0, ib = 0; i < (size_t)nr; i++) {
		if (sa.len[i] > ia)
			ia = sa.len[i];
		if (sb.len[i] > ib)
			ib = sb.len[i];
	}
	bufa = malloc((ta > ia * nr ? ta : ia * nr) * sizeof(double));
	bufb = malloc((tb > ib * nr ? tb : ib * nr) * sizeof(double));
	rep = malloc(reps * sizeof(double));
	if (!bufa || !bufb || !rep)
		goto out;

	/* the estimate: the pooled samples of the common rounds */
	for (i = 0, ia = 0, ib = 0; i < (size_t)nr; i++) {
		for (j = 0; j < sa.len[i]; j++)
			bufa[ia++] = sa.s[sa.start[i] + j].v;
		for (j = 0; j < sb.len[i]; j++)
			bufb[ib++] = sb.s[sb.start[i] + j].v;
	}
	ma = median(bufa, ia);
	mb = median(bufb, ib);
	if (stat == BENCH_RATIO && mb == 0)
		goto out;
	ci->est = statistic(ma, mb, stat);
	ci->rounds = nr;
	ci->few = ia < BENCH_MIN_SAMPLES || ib < BENCH_MIN_SAMPLES;

	for (k = 0; k < reps; k++) {
		size_t d;

		ia = 0;
		ib = 0;
		for (d = 0; d < (size_t)nr; d++) {
			/* one round only: keep it, resample its samples */
			size_t r = nr > 1 ? pick(&st, (size_t)nr) : 0;

			for (j = 0; j < sa.len[r]; j++)
				bufa[ia++] = sa.s[sa.start[r] + pick(&st, sa.len[r])].v;
			for (j = 0; j < sb.len[r]; j++)
				bufb[ib++] = sb.s[sb.start[r] + pick(&st, sb.len[r])].v;
		}
		ma = median(bufa, ia);
		mb = median(bufb, ib);
		/* a zero denominator: the replicate counts as unbounded */
		rep[k] = stat == BENCH_RATIO && mb == 0 ? HUGE_VAL :
			 statistic(ma, mb, stat);
	}
	qsort(rep, reps, sizeof(*rep), cmp_double);
	ci->lo = rep[(size_t)floor(0.025 * (reps - 1))];
	ci->hi = rep[(size_t)ceil(0.975 * (reps - 1))];
	ret = 0;
out:
	free(sa.s);
	free(sb.s);
	free(rounds);
	free(sa.start);
	free(sa.len);
	free(sb.start);
	free(sb.len);
	free(bufa);
	free(bufb);
	free(rep);
	return ret;
}

enum bench_verdict bench_verdict(double lo, double hi, double tol)
{
	if (lo >= 1 - tol && hi <= 1 + tol)
		return BENCH_UNCHANGED;
	if (lo > 1 + tol)
		return BENCH_HIGHER;
	if (hi < 1 - tol)
		return BENCH_LOWER;
	return BENCH_INCONCLUSIVE;
}

enum bench_verdict bench_verdict_ci(const struct bench_ci *ci, double tol)
{
	return ci->few ? BENCH_INCONCLUSIVE : bench_verdict(ci->lo, ci->hi, tol);
}

const char *bench_verdict_name(enum bench_verdict v)
{
	switch (v) {
	case BENCH_UNCHANGED:
		return "unchanged";
	case BENCH_HIGHER:
		return "higher";
	case BENCH_LOWER:
		return "lower";
	default:
		return "inconclusive";
	}
}

enum bench_target bench_target(double lo, double hi, double bound, int upper)
{
	if (upper ? hi <= bound : lo >= bound)
		return BENCH_MET;
	if (upper ? lo > bound : hi < bound)
		return BENCH_NOT_MET;
	return BENCH_TARGET_INCONCLUSIVE;
}

enum bench_target bench_target_ci(const struct bench_ci *ci, double bound,
				  int upper)
{
	return ci->few ? BENCH_TARGET_INCONCLUSIVE :
			 bench_target(ci->lo, ci->hi, bound, upper);
}

const char *bench_target_name(enum bench_target t)
{
	switch (t) {
	case BENCH_MET:
		return "met";
	case BENCH_NOT_MET:
		return "not met";
	default:
		return "inconclusive";
	}
}
