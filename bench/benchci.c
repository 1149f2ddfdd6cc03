// SPDX-License-Identifier: GPL-2.0
/*
 * benchci: bootstrap confidence intervals of a ratio (or difference) of
 * medians between two columns of a benchmark run, grouped by key columns,
 * with the verdict and, optionally, a target's outcome.
 *
 *   benchci -k KEY[,KEY...] -a A -b B [-c COLUMN] [-r ROUND] [-v VALUE]
 *           [-w WHERE=X]... [-m ratio|diff] [-B REPS] [-s SEED]
 *           [-t max:BOUND|min:BOUND] [FILE]
 *
 * Reads a CSV with a header (no quoting), keeps the rows whose WHERE
 * column equals X, and per group of the KEY columns compares the rows
 * whose COLUMN (default "column") is A with those whose COLUMN is B; the
 * ROUND column (default "round") says which round a sample belongs to
 * (the bootstrap resamples rounds, then samples within rounds: see
 * verdict.h). Prints per group:
 *
 *   KEY...,a,b,n_a,n_b,rounds,est,lo,hi,verdict[,target]
 *
 * est = median(A)/median(B) (-m ratio, the default) or median(A) -
 * median(B) (-m diff); lo, hi: the 95% bootstrap interval; verdict
 * (ratios: unchanged within 5%, higher, lower, inconclusive; differences:
 * "-"); target: met, not met or inconclusive for "at most" (max) or "at
 * least" (min) BOUND. Both are inconclusive when a side has fewer than 3
 * samples (no spread to resample). Groups where a side has no sample are
 * left out.
 *
 * Why a C helper: Miller and datamash give medians and quantiles but no
 * resampling; a seeded two-level bootstrap over some 10^5 samples and
 * 10^3 replicates would take minutes in awk. The method itself lives in
 * verdict.c, which tests/unit/bench_unit.c tests. This is the benchmark's one
 * CSV reader in C: the order statistics (n, quantiles, mean) are Miller's
 * stats1, in bench/report.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "verdict.h"

#define MAX_COLS 64
#define MAX_KEYS 8
#define MAX_WHERE 8
#define LINE_MAX_LEN 4096

struct group {
	char *key;
	struct bench_sample *s[2];	/* A, B */
	size_t n[2], cap[2];
};

static struct group *groups;
static size_t n_groups, cap_groups;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "benchci: out of memory\n");
		exit(1);
	}
	return p;
}

static int split(char *line, char **f)
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	for (;;) {
		if (n == MAX_COLS)
			return -1;
		f[n++] = p;
		p = strchr(p, ',');
		if (!p)
			return n;
		*p++ = '\0';
	}
}

static int column(char **hdr, int nh, const char *name)
{
	int i;

	for (i = 0; i < nh; i++)
		if (!strcmp(hdr[i], name))
			return i;
	return -1;
}

/* groups in order of first appearance; linear search (a few hundred) */
static struct group *group_of(const char *key)
{
	size_t i;

	for (i = n_groups; i > 0; i--)
		if (!strcmp(groups[i - 1].key, key))
			return &groups[i - 1];
	if (n_groups == cap_groups) {
		cap_groups = cap_groups ? 2 * cap_groups : 64;
		groups = xrealloc(groups, cap_groups * sizeof(*groups));
	}
	memset(&groups[n_groups], 0, sizeof(*groups));
	groups[n_groups].key = strdup(key);
	if (!groups[n_groups].key) {
		fprintf(stderr, "benchci: out of memory\n");
		exit(1);
	}
	return &groups[n_groups++];
}

static void add(struct group *g, int side, int round, double v)
{
	if (g->n[side] == g->cap[side]) {
		g->cap[side] = g->cap[side] ? 2 * g->cap[side] : 256;
		g->s[side] = xrealloc(g->s[side], g->cap[side] * sizeof(**g->s));
	}
	g->s[side][g->n[side]].round = round;
	g->s[side][g->n[side]++].v = v;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: benchci -k KEY[,KEY...] -a A -b B [-c COLUMN] [-r ROUND] [-v VALUE]\n"
		   "               [-w WHERE=X]... [-m ratio|diff] [-B REPS] [-s SEED]\n"
		   "               [-t max:BOUND|min:BOUND] [FILE]\n");
}

static int parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno || end == s || *end ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *keys = NULL, *col_a = NULL, *col_b = NULL;
	const char *colname = "column", *roundname = "round", *valname = "value";
	const char *where[MAX_WHERE];
	char *keyv[MAX_KEYS], *keybuf, *f[MAX_COLS], *hdr[MAX_COLS];
	char line[LINE_MAX_LEN], hline[LINE_MAX_LEN], key[LINE_MAX_LEN];
	int kcol[MAX_KEYS], wcol[MAX_WHERE], nk = 0, nw = 0, nh, c, i;
	int ccol, rcol, vcol, has_target = 0, upper = 1;
	enum bench_stat stat = BENCH_RATIO;
	unsigned long reps = 2000;
	unsigned long long seed = 1;
	double bound = 0;
	size_t g, lineno = 1;
	FILE *in = stdin;

	while ((c = getopt(argc, argv, "k:a:b:c:r:v:w:m:B:s:t:h")) != -1) {
		switch (c) {
		case 'k':
			keys = optarg;
			break;
		case 'a':
			col_a = optarg;
			break;
		case 'b':
			col_b = optarg;
			break;
		case 'c':
			colname = optarg;
			break;
		case 'r':
			roundname = optarg;
			break;
		case 'v':
			valname = optarg;
			break;
		case 'w':
			if (nw == MAX_WHERE || !strchr(optarg, '='))
				goto bad;
			where[nw++] = optarg;
			break;
		case 'm':
			if (!strcmp(optarg, "ratio"))
				stat = BENCH_RATIO;
			else if (!strcmp(optarg, "diff"))
				stat = BENCH_DIFF;
			else
				goto bad;
			break;
		case 'B':
			reps = strtoul(optarg, NULL, 10);
			if (reps < 100 || reps > 1000000)
				goto bad;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 't':
			if (!strncmp(optarg, "max:", 4))
				upper = 1;
			else if (!strncmp(optarg, "min:", 4))
				upper = 0;
			else
				goto bad;
			if (parse_double(optarg + 4, &bound))
				goto bad;
			has_target = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (!keys || !col_a || !col_b || argc - optind > 1)
		goto bad;
	if (optind < argc) {
		in = fopen(argv[optind], "r");
		if (!in) {
			fprintf(stderr, "benchci: %s: %s\n", argv[optind], strerror(errno));
			return 1;
		}
	}
	if (!fgets(hline, sizeof(hline), in)) {
		fprintf(stderr, "benchci: no header line\n");
		return 1;
	}
	nh = split(hline, hdr);
	keybuf = strdup(keys);
	if (!keybuf || nh < 0)
		return 1;
	for (char *p = strtok(keybuf, ","); p; p = strtok(NULL, ",")) {
		if (nk == MAX_KEYS)
			goto bad;
		keyv[nk] = p;
		kcol[nk] = column(hdr, nh, p);
		if (kcol[nk] < 0) {
			fprintf(stderr, "benchci: no column '%s'\n", p);
			return 1;
		}
		nk++;
	}
	for (i = 0; i < nw; i++) {
		char name[256];
		size_t l = (size_t)(strchr(where[i], '=') - where[i]);

		if (l >= sizeof(name))
			goto bad;
		memcpy(name, where[i], l);
		name[l] = '\0';
		wcol[i] = column(hdr, nh, name);
		if (wcol[i] < 0) {
			fprintf(stderr, "benchci: no column '%s'\n", name);
			return 1;
		}
	}
	ccol = column(hdr, nh, colname);
	rcol = column(hdr, nh, roundname);
	vcol = column(hdr, nh, valname);
	if (ccol < 0 || rcol < 0 || vcol < 0) {
		fprintf(stderr, "benchci: needs the columns '%s', '%s' and '%s'\n",
			colname, roundname, valname);
		return 1;
	}

	while (fgets(line, sizeof(line), in)) {
		int n, side, ok = 1;
		double v;
		size_t kl = 0;

		lineno++;
		n = split(line, f);
		if (n == 1 && !f[0][0])
			continue;
		if (n != nh) {
			fprintf(stderr, "benchci: line %zu: %d fields, not %d\n",
				lineno, n, nh);
			return 1;
		}
		for (i = 0; i < nw && ok; i++)
			ok = !strcmp(f[wcol[i]], strchr(where[i], '=') + 1);
		if (!ok)
			continue;
		if (!strcmp(f[ccol], col_a))
			side = 0;
		else if (!strcmp(f[ccol], col_b))
			side = 1;
		else
			continue;
		if (parse_double(f[vcol], &v)) {
			fprintf(stderr, "benchci: line %zu: '%s' is not a number\n",
				lineno, f[vcol]);
			return 1;
		}
		key[0] = '\0';
		for (i = 0; i < nk; i++)
			kl += (size_t)snprintf(key + kl, sizeof(key) - kl, "%s%s",
					       i ? "," : "", f[kcol[i]]);
		add(group_of(key), side, atoi(f[rcol]), v);
	}
	if (in != stdin)
		fclose(in);

	for (i = 0; i < nk; i++)
		printf("%s,", keyv[i]);
	printf("a,b,n_a,n_b,rounds,est,lo,hi,verdict%s\n",
	       has_target ? ",target" : "");
	for (g = 0; g < n_groups; g++) {
		struct group *gr = &groups[g];
		struct bench_ci ci;
		uint64_t s = seed;

		/* every group its own stream, independent of the groups' order */
		for (const char *p = gr->key; *p; p++)
			s = s * 1099511628211ULL + (unsigned char)*p;
		if (bench_boot(gr->s[0], gr->n[0], gr->s[1], gr->n[1], stat,
			       (unsigned int)reps, s, &ci))
			continue;
		printf("%s,%s,%s,%zu,%zu,%d,%.6g,%.6g,%.6g,%s", gr->key, col_a,
		       col_b, gr->n[0], gr->n[1], ci.rounds, ci.est, ci.lo,
		       ci.hi, stat == BENCH_RATIO ?
		       bench_verdict_name(bench_verdict_ci(&ci, 0.05)) : "-");
		if (has_target)
			printf(",%s", bench_target_name(bench_target_ci(&ci, bound, upper)));
		printf("\n");
	}
	return fflush(stdout) ? 1 : 0;
bad:
	usage(stderr);
	return 2;
}
