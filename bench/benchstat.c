// SPDX-License-Identifier: GPL-2.0
/*
 * benchstat: order statistics of a CSV column, grouped by key columns.
 *
 *   benchstat -k KEY[,KEY...] -v VALUE [-w WHERE=X]... [FILE]
 *
 * Reads a CSV with a header line (FILE or stdin; no quoting, no embedded
 * commas), keeps the rows whose column WHERE equals X (every -w must
 * hold), groups them by the KEY columns (groups in order of first
 * appearance) and prints, per group:
 *
 *   KEY...,n,min,p5,p25,median,p75,p95,max,mean
 *
 * Quantiles interpolate linearly between order statistics (q*(n-1)).
 * A VALUE that is not a number is an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 64
#define MAX_KEYS 8
#define MAX_WHERE 8
#define LINE_MAX_LEN 4096

struct group {
	char *key;		/* the key columns joined with ',' */
	double *v;
	size_t n, cap;
};

struct table {
	struct group *g;
	size_t n, cap;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "benchstat: out of memory\n");
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

/* linear search: the tables here have at most a few hundred groups */
static struct group *group_of(struct table *t, const char *key)
{
	size_t i;

	for (i = t->n; i > 0; i--)
		if (!strcmp(t->g[i - 1].key, key))
			return &t->g[i - 1];
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->g = xrealloc(t->g, t->cap * sizeof(*t->g));
	}
	memset(&t->g[t->n], 0, sizeof(t->g[t->n]));
	t->g[t->n].key = strdup(key);
	if (!t->g[t->n].key) {
		fprintf(stderr, "benchstat: out of memory\n");
		exit(1);
	}
	return &t->g[t->n++];
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double quantile(const double *v, size_t n, double q)
{
	double pos = q * (double)(n - 1);
	size_t i = (size_t)pos;	/* pos >= 0: truncation is floor */
	double frac = pos - (double)i;

	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + frac * (v[i + 1] - v[i]);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: benchstat -k KEY[,KEY...] -v VALUE [-w COLUMN=X]... [FILE]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char *keys_arg = NULL, *value_arg = NULL, *where_arg[MAX_WHERE];
	char *key_names[MAX_KEYS], *hdr[MAX_COLS], *f[MAX_COLS];
	char hline[LINE_MAX_LEN], line[LINE_MAX_LEN], key[LINE_MAX_LEN];
	int key_col[MAX_KEYS], where_col[MAX_WHERE], nkeys = 0, nwhere = 0;
	const char *where_val[MAX_WHERE];
	int nh, vcol, i, lineno = 1;
	struct table t = { 0 };
	FILE *in = stdin;
	size_t gi;
	char *p;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-k") && i + 1 < argc)
			keys_arg = argv[++i];
		else if (!strcmp(argv[i], "-v") && i + 1 < argc)
			value_arg = argv[++i];
		else if (!strcmp(argv[i], "-w") && i + 1 < argc &&
			 nwhere < MAX_WHERE)
			where_arg[nwhere++] = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1])
			usage();
		else if (in == stdin) {
			in = fopen(argv[i], "r");
			if (!in) {
				fprintf(stderr, "benchstat: %s: %s\n", argv[i],
					strerror(errno));
				return 1;
			}
		} else {
			usage();
		}
	}
	if (!keys_arg || !value_arg)
		usage();
	if (!fgets(hline, sizeof(hline), in)) {
		fprintf(stderr, "benchstat: no header line\n");
		return 1;
	}
	nh = split(hline, hdr);
	if (nh < 0) {
		fprintf(stderr, "benchstat: too many columns\n");
		return 1;
	}
	for (p = strtok(keys_arg, ","); p; p = strtok(NULL, ",")) {
		if (nkeys == MAX_KEYS)
			usage();
		key_names[nkeys] = p;
		key_col[nkeys] = column(hdr, nh, p);
		if (key_col[nkeys] < 0) {
			fprintf(stderr, "benchstat: no column '%s'\n", p);
			return 1;
		}
		nkeys++;
	}
	vcol = column(hdr, nh, value_arg);
	if (vcol < 0) {
		fprintf(stderr, "benchstat: no column '%s'\n", value_arg);
		return 1;
	}
	for (i = 0; i < nwhere; i++) {
		p = strchr(where_arg[i], '=');
		if (!p)
			usage();
		*p = '\0';
		where_val[i] = p + 1;
		where_col[i] = column(hdr, nh, where_arg[i]);
		if (where_col[i] < 0) {
			fprintf(stderr, "benchstat: no column '%s'\n",
				where_arg[i]);
			return 1;
		}
	}

	while (fgets(line, sizeof(line), in)) {
		struct group *g;
		char *end;
		double v;
		int nf, ok = 1;
		size_t len = 0;

		lineno++;
		if (line[0] == '\n' || line[0] == '#')
			continue;
		nf = split(line, f);
		if (nf != nh) {
			fprintf(stderr, "benchstat: line %d: %d columns, header has %d\n",
				lineno, nf, nh);
			return 1;
		}
		for (i = 0; i < nwhere && ok; i++)
			ok = !strcmp(f[where_col[i]], where_val[i]);
		if (!ok)
			continue;
		errno = 0;
		v = strtod(f[vcol], &end);
		if (errno || end == f[vcol] || *end) {
			fprintf(stderr, "benchstat: line %d: '%s' is not a number\n",
				lineno, f[vcol]);
			return 1;
		}
		key[0] = '\0';
		for (i = 0; i < nkeys; i++)
			len += (size_t)snprintf(key + len, sizeof(key) - len,
						"%s%s", i ? "," : "",
						f[key_col[i]]);
		g = group_of(&t, key);
		if (g->n == g->cap) {
			g->cap = g->cap ? 2 * g->cap : 256;
			g->v = xrealloc(g->v, g->cap * sizeof(*g->v));
		}
		g->v[g->n++] = v;
	}
	if (ferror(in)) {
		fprintf(stderr, "benchstat: read error\n");
		return 1;
	}

	for (i = 0; i < nkeys; i++)
		printf("%s,", key_names[i]);
	printf("n,min,p5,p25,median,p75,p95,max,mean\n");
	for (gi = 0; gi < t.n; gi++) {
		struct group *g = &t.g[gi];
		double sum = 0;
		size_t k;

		qsort(g->v, g->n, sizeof(*g->v), cmp_double);
		for (k = 0; k < g->n; k++)
			sum += g->v[k];
		printf("%s,%zu,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n",
		       g->key, g->n, g->v[0], quantile(g->v, g->n, 0.05),
		       quantile(g->v, g->n, 0.25), quantile(g->v, g->n, 0.5),
		       quantile(g->v, g->n, 0.75), quantile(g->v, g->n, 0.95),
		       g->v[g->n - 1], sum / (double)g->n);
	}
	return fflush(stdout) ? 1 : 0;
}
