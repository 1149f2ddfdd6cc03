// SPDX-License-Identifier: GPL-2.0
/*
 * fault-mutant-list: the mutant campaign's trial list, one line per trial:
 *
 *     index seed op mutant entry mutant N ID OPERATOR FUNCTION
 *
 *   fault-mutant-list --mutants TSV --reach BUILD=FILE [--reach BUILD=FILE ...]
 *                     --build BUILD --seed S [--max M] [--shard I/N]
 *   fault-mutant-list --mutants TSV --reach BUILD=FILE [...] --dead
 *
 * TSV is the schemata's list (build/mutants/mutants.tsv: index, id,
 * operator, function, ...). A reach file is what a build's trace saw
 * (fault-trial --trace): lines "OP N", mutant N reached by the standard
 * call of OP; a mutant reached by several ops belongs to the first of
 * them in the op table's order (pcnet32/ops.h). A mutant is reachable
 * when a trace of any build reached it; the others are dead in this
 * workload (--dead prints them: "N ID OPERATOR FUNCTION").
 *
 * The list is a pure function of (the reach files, the list, seed, M):
 * every reachable mutant, or M of them drawn by the seed when there are
 * more, in the order of their indexes; the same mutants, indexes and
 * seeds for every build, so that the builds compare mutant by mutant.
 * Only op depends on the build: its own trace's op, or another build's
 * when its own did not reach the mutant (the trial then records that it
 * never fired). A trial's seed (the bit a corrupting operator flips) is
 * drawn from (seed, N). --shard I/N keeps the trials whose index mod N
 * is I.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "shard.h"

#define ML_MAX_MUTANTS	16384	/* PCNET32_MUT_MAX */
#define ML_MAX_BUILDS	4

/* the ops in the op table's order: a reach's rank */
#define ML_OP_NAME(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY) #FN,
static const char *const ml_ops[] = { PCNET32_OPS(ML_OP_NAME) };
#undef ML_OP_NAME
#define ML_N_OPS (sizeof(ml_ops) / sizeof(ml_ops[0]))

struct ml_mutant {
	unsigned int n;
	char id[96], oper[16], func[64];
	/* per build: the rank of the first op that reached it, or -1 */
	int op[ML_MAX_BUILDS];
};

struct ml_list {
	struct ml_mutant *m;		/* sorted by n */
	unsigned int n_mutants;
	char builds[ML_MAX_BUILDS][16];
	unsigned int n_builds;
};

static uint64_t ml_mix(uint64_t x)
{
	/* splitmix64's finalizer, as the other trial list's */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static int ml_op_rank(const char *name)
{
	unsigned int i;

	for (i = 0; i < ML_N_OPS; i++)
		if (!strcmp(ml_ops[i], name))
			return (int)i;
	return -1;
}

static struct ml_mutant *ml_find(struct ml_list *l, unsigned int n)
{
	unsigned int lo = 0, hi = l->n_mutants;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (l->m[mid].n == n)
			return &l->m[mid];
		if (l->m[mid].n < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void ml_free(struct ml_list *l)
{
	free(l->m);
	memset(l, 0, sizeof(*l));
}

/*
 * The schemata's list: a header line, then "index id operator function
 * ..." tab-separated, indexes rising. 0, or -EINVAL for a line that is
 * not one (-ENOMEM).
 */
static int ml_load_tsv(struct ml_list *l, FILE *f)
{
	char line[1024];
	int first = 1;

	memset(l, 0, sizeof(*l));
	l->m = calloc(ML_MAX_MUTANTS, sizeof(*l->m));
	if (!l->m)
		return -ENOMEM;
	while (fgets(line, sizeof(line), f)) {
		struct ml_mutant *m;
		char *f1, *f2, *f3, *f4, *end, *save = NULL;
		unsigned long n;
		unsigned int b;

		if (first && !strncmp(line, "index\t", 6)) {
			first = 0;
			continue;
		}
		first = 0;
		if (line[0] == '\n' || line[0] == '#')
			continue;
		f1 = strtok_r(line, "\t\n", &save);
		f2 = strtok_r(NULL, "\t\n", &save);
		f3 = strtok_r(NULL, "\t\n", &save);
		f4 = strtok_r(NULL, "\t\n", &save);
		if (!f1 || !f2 || !f3 || !f4)
			return -EINVAL;
		errno = 0;
		n = strtoul(f1, &end, 10);
		if (errno || *end || n == 0 || n >= ML_MAX_MUTANTS ||
		    (l->n_mutants && n <= l->m[l->n_mutants - 1].n) ||
		    strlen(f2) >= sizeof(m->id) || strlen(f3) >= sizeof(m->oper) ||
		    strlen(f4) >= sizeof(m->func))
			return -EINVAL;
		m = &l->m[l->n_mutants++];
		m->n = (unsigned int)n;
		strcpy(m->id, f2);
		strcpy(m->oper, f3);
		strcpy(m->func, f4);
		for (b = 0; b < ML_MAX_BUILDS; b++)
			m->op[b] = -1;
	}
	return 0;
}

/*
 * One build's trace: lines "OP N". Returns the build's slot, or -EINVAL
 * (an unknown op, a mutant not in the list, a bad line), -E2BIG.
 */
static int ml_load_reach(struct ml_list *l, const char *build, FILE *f)
{
	char line[256], op[64];
	unsigned int b;

	for (b = 0; b < l->n_builds && strcmp(l->builds[b], build); b++)
		;
	if (b == l->n_builds) {
		if (b == ML_MAX_BUILDS || strlen(build) >= sizeof(l->builds[0]))
			return -E2BIG;
		strcpy(l->builds[b], build);
		l->n_builds++;
	}
	while (fgets(line, sizeof(line), f)) {
		struct ml_mutant *m;
		unsigned int n;
		int rank;
		char extra;

		if (line[0] == '\n' || line[0] == '#')
			continue;
		if (sscanf(line, "%63s %u %c", op, &n, &extra) != 2)
			return -EINVAL;
		rank = ml_op_rank(op);
		m = ml_find(l, n);
		if (rank < 0 || !m)
			return -EINVAL;
		if (m->op[b] < 0 || rank < m->op[b])
			m->op[b] = rank;
	}
	return (int)b;
}

static int ml_reachable(const struct ml_mutant *m, unsigned int n_builds)
{
	unsigned int b;

	for (b = 0; b < n_builds; b++)
		if (m->op[b] >= 0)
			return 1;
	return 0;
}

static int ml_cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

/*
 * The trials: the positions in l->m of the mutants tried, in rising
 * order, into out (room for l->n_mutants). Every reachable mutant when
 * there are at most max (max 0: no bound), else max of them drawn by
 * seed (a partial Fisher-Yates shuffle of the reachable ones). Returns
 * how many.
 */
static unsigned int ml_select(const struct ml_list *l, unsigned long long seed,
			      unsigned int max, unsigned int *out)
{
	unsigned int i, k = 0;

	for (i = 0; i < l->n_mutants; i++)
		if (ml_reachable(&l->m[i], l->n_builds))
			out[k++] = i;
	if (max && k > max) {
		for (i = 0; i < max; i++) {
			uint64_t r = ml_mix(seed ^ ml_mix(0x6d7574616e74ULL + i));
			unsigned int j = i + (unsigned int)(r % (k - i));
			unsigned int t = out[i];

			out[i] = out[j];
			out[j] = t;
		}
		k = max;
		qsort(out, k, sizeof(*out), ml_cmp_uint);
	}
	return k;
}

/* the op of mutant m on build slot b: its own, else the first other's */
static const char *ml_op_of(const struct ml_list *l, const struct ml_mutant *m,
			    int b)
{
	unsigned int o;

	if (b >= 0 && m->op[b] >= 0)
		return ml_ops[m->op[b]];
	for (o = 0; o < l->n_builds; o++)
		if (m->op[o] >= 0)
			return ml_ops[m->op[o]];
	return NULL;
}

/* a trial's seed: from (seed, mutant), the same on every build */
static unsigned long long ml_trial_seed(unsigned long long seed, unsigned int n)
{
	return ml_mix(seed ^ ml_mix((uint64_t)n << 20)) % 1000000007ULL;
}

/* trial index i (mutant m) of build slot b as its line, without newline */
static void ml_line(const struct ml_list *l, const struct ml_mutant *m, int b,
		    long i, unsigned long long seed, char *buf, size_t len)
{
	snprintf(buf, len, "%ld %llu %s mutant entry mutant %u %s %s %s", i,
		 ml_trial_seed(seed, m->n), ml_op_of(l, m, b), m->n, m->id,
		 m->oper, m->func);
}

#ifndef MUTANT_LIST_NO_MAIN
static void usage(FILE *f)
{
	fprintf(f, "usage: fault-mutant-list --mutants TSV --reach BUILD=FILE [--reach ...]\n"
		   "                         (--build BUILD --seed S [--max M] [--shard I/N] | --dead)\n");
}

int main(int argc, char **argv)
{
	const char *tsv = NULL, *build = NULL, *reach[ML_MAX_BUILDS];
	unsigned long long seed = 1;
	unsigned long max = 0;
	long shard = 0, n_shards = 1;
	unsigned int n_reach = 0, i, k, *sel;
	int a, dead = 0, b = -1;
	struct ml_list l;
	FILE *f;

	for (a = 1; a < argc; a++) {
		const char *o = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;
		char *end;

		if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(o, "--dead")) {
			dead = 1;
			continue;
		}
		if (!v) {
			usage(stderr);
			return 2;
		}
		a++;
		errno = 0;
		if (!strcmp(o, "--mutants")) {
			tsv = v;
		} else if (!strcmp(o, "--reach") && n_reach < ML_MAX_BUILDS &&
			   strchr(v, '=')) {
			reach[n_reach++] = v;
		} else if (!strcmp(o, "--build")) {
			build = v;
		} else if (!strcmp(o, "--seed")) {
			seed = strtoull(v, &end, 10);
			if (errno || end == v || *end) {
				fprintf(stderr, "fault-mutant-list: bad seed: %s\n", v);
				return 2;
			}
		} else if (!strcmp(o, "--max")) {
			max = strtoul(v, &end, 10);
			if (errno || end == v || *end || max > ML_MAX_MUTANTS) {
				fprintf(stderr, "fault-mutant-list: bad count: %s\n", v);
				return 2;
			}
		} else if (!strcmp(o, "--shard")) {
			if (campaign_parse_shard(v, &shard, &n_shards)) {
				fprintf(stderr, "fault-mutant-list: bad shard (I/N): %s\n", v);
				return 2;
			}
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (!tsv || !n_reach || (!dead && !build)) {
		usage(stderr);
		return 2;
	}
	f = fopen(tsv, "r");
	if (!f) {
		fprintf(stderr, "fault-mutant-list: %s: %s\n", tsv, strerror(errno));
		return 1;
	}
	if (ml_load_tsv(&l, f)) {
		fprintf(stderr, "fault-mutant-list: %s: not a list of mutants\n", tsv);
		return 1;
	}
	fclose(f);
	for (i = 0; i < n_reach; i++) {
		char name[16];
		const char *eq = strchr(reach[i], '=');
		int slot;

		if ((size_t)(eq - reach[i]) >= sizeof(name) || eq == reach[i]) {
			usage(stderr);
			return 2;
		}
		memcpy(name, reach[i], (size_t)(eq - reach[i]));
		name[eq - reach[i]] = '\0';
		f = fopen(eq + 1, "r");
		if (!f) {
			fprintf(stderr, "fault-mutant-list: %s: %s\n", eq + 1, strerror(errno));
			return 1;
		}
		slot = ml_load_reach(&l, name, f);
		fclose(f);
		if (slot < 0) {
			fprintf(stderr, "fault-mutant-list: %s: not a trace of this list\n", eq + 1);
			return 1;
		}
	}
	if (dead) {
		for (i = 0; i < l.n_mutants; i++)
			if (!ml_reachable(&l.m[i], l.n_builds))
				printf("%u %s %s %s\n", l.m[i].n, l.m[i].id,
				       l.m[i].oper, l.m[i].func);
		ml_free(&l);
		return 0;
	}
	for (i = 0; i < l.n_builds; i++)
		if (!strcmp(l.builds[i], build))
			b = (int)i;
	sel = calloc(l.n_mutants + 1, sizeof(*sel));
	if (!sel)
		return 1;
	k = ml_select(&l, seed, (unsigned int)max, sel);
	for (i = 0; i < k; i++) {
		char line[512];

		if ((long)i % n_shards != shard)
			continue;
		ml_line(&l, &l.m[sel[i]], b, (long)i, seed, line, sizeof(line));
		printf("%s\n", line);
	}
	free(sel);
	ml_free(&l);
	return 0;
}
#endif
