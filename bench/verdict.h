/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark's method in one place, so that a unit test can hold it:
 * the rotation of the column order over rounds, the bootstrap confidence
 * interval of a ratio (or difference) of medians, and the verdicts drawn
 * from an interval. Used by bench/benchci.c (the command report.sh runs)
 * and tests/unit/bench_unit.c.
 */
#ifndef BENCH_VERDICT_H
#define BENCH_VERDICT_H

#include <stddef.h>
#include <stdint.h>

/*
 * The column at position pos (0-based) of round r (1-based) among n
 * columns: a cyclic Latin square. Round 1 is the given order, each later
 * round shifts it by one, so over n consecutive rounds every column takes
 * every position exactly once (none is always first or last).
 */
int bench_rotation(int n, int round, int pos);

/* one sample: the round it was taken in and its value */
struct bench_sample {
	int round;
	double v;
};

enum bench_stat { BENCH_RATIO, BENCH_DIFF };

struct bench_ci {
	double est;	/* the statistic on the data as measured */
	double lo, hi;	/* the central 95% of the bootstrap replicates */
	int rounds;	/* rounds that have samples of both sides */
	int few;	/* a side has fewer than BENCH_MIN_SAMPLES samples */
};

/*
 * Below this many samples on a side, resampling cannot show the spread
 * (one sample gives an interval of width 0): the verdict and any target
 * are inconclusive whatever the interval says.
 */
#define BENCH_MIN_SAMPLES 3

/*
 * Bootstrap of median(a) / median(b) (BENCH_RATIO) or median(a) -
 * median(b) (BENCH_DIFF), resampling at both levels: each replicate draws
 * the rounds with replacement (among the rounds that have samples on both
 * sides), then within each drawn round the samples of each side with
 * replacement. With one round only the samples are resampled. reps
 * replicates; seed makes it reproducible. 0, or -1 when a side is empty
 * (or a ratio's denominator median is 0).
 */
int bench_boot(const struct bench_sample *a, size_t na,
	       const struct bench_sample *b, size_t nb, enum bench_stat stat,
	       unsigned int reps, uint64_t seed, struct bench_ci *ci);

/*
 * A ratio's verdict against "no change", with tolerance tol (0.05):
 * UNCHANGED when the interval lies within [1 - tol, 1 + tol]; HIGHER or
 * LOWER when it lies wholly above 1 + tol or below 1 - tol; INCONCLUSIVE
 * otherwise (it straddles a tolerance edge).
 */
enum bench_verdict {
	BENCH_UNCHANGED,
	BENCH_HIGHER,
	BENCH_LOWER,
	BENCH_INCONCLUSIVE,
};
enum bench_verdict bench_verdict(double lo, double hi, double tol);
/* the same, inconclusive when ci->few */
enum bench_verdict bench_verdict_ci(const struct bench_ci *ci, double tol);
const char *bench_verdict_name(enum bench_verdict v);

/*
 * A target "at most bound" (upper) or "at least bound" (!upper): MET when
 * the whole interval satisfies it, NOT_MET when none of it does,
 * INCONCLUSIVE when it straddles the bound.
 */
enum bench_target {
	BENCH_MET,
	BENCH_NOT_MET,
	BENCH_TARGET_INCONCLUSIVE,
};
enum bench_target bench_target(double lo, double hi, double bound, int upper);
/* the same, inconclusive when ci->few */
enum bench_target bench_target_ci(const struct bench_ci *ci, double bound,
				  int upper);
const char *bench_target_name(enum bench_target t);

/* splitmix64: the bootstrap's generator (seeded, the same on every host) */
uint64_t bench_rand(uint64_t *state);

#endif
