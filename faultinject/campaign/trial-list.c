// SPDX-License-Identifier: GPL-2.0
/*
 * fault-trial-list: the campaign's trial list, one line per trial:
 *
 *     index seed op kind at part
 *
 *   fault-trial-list --build split|split-direct|inkernel --seed S [--random N]
 *                   [--ops OP,OP,...] [--shard I/N]
 *
 * The list is a pure function of (build, seed, ops, N): first the matrix,
 * every op (default: every op of side USER in pcnet32/ops.h) x every kind
 * at the op's entry (split: with "kill9"; inkernel has no daemon to kill),
 * then N random trials, each drawn from its own (seed, index) alone, so
 * that any subset of indices (a shard: index mod N == I) is the same
 * trials in any order, on any host. A trial's seed (the fault's own
 * random values) is derived from (seed, index) too. part says which half
 * a trial is of: "matrix" or "random". split-direct (the split build with
 * its daemon on the ports itself) has split's list: its matrix is the
 * very trials of split's, seeds included, so the two compare pairwise.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "shard.h"

static const char *const trial_kinds[] = {
	"null", "wild", "abort", "loop", "sleep", "corrupt", "badlen",
	"stack", "scribble", "kill9",
};
#define TRIAL_N_KINDS (sizeof(trial_kinds) / sizeof(trial_kinds[0]))

/* the ops of side USER, in table order */
#define TRIAL_OP_NAME(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	{ #FN, PCNET32_SIDE_##SIDE, FLAGS },
static const struct {
	const char *name;
	int side;
	unsigned int flags;
} trial_table[] = { PCNET32_OPS(TRIAL_OP_NAME) };
#undef TRIAL_OP_NAME
#define TRIAL_N_TABLE (sizeof(trial_table) / sizeof(trial_table[0]))

/*
 * Random trials favour ops that are cheap to call: set_phys_id blinks
 * for a second per call, and the MII ops are not reached on a chip
 * without an MII (the emulated 79C970A): weight 1 against 4.
 */
static unsigned int trial_weight(const char *op)
{
	if (!strcmp(op, "set_phys_id") || !strcmp(op, "mdio_read") ||
	    !strcmp(op, "mdio_write"))
		return 1;
	return 4;
}

struct trial {
	long index;
	unsigned long long seed;
	const char *op;
	const char *kind;
	const char *at;
	const char *part;	/* "matrix" or "random" */
};

struct trial_list {
	const char *ops[32];
	unsigned int n_ops;
	unsigned int n_kinds;		/* split: all; inkernel: without kill9 */
	unsigned long long seed;
	long n_random;
};

static uint64_t trial_mix(uint64_t x)
{
	/* splitmix64's finalizer */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static int trial_list_init(struct trial_list *l, const char *build,
			   unsigned long long seed, long n_random,
			   const char *ops_csv)
{
	unsigned int i;

	memset(l, 0, sizeof(*l));
	if (!strcmp(build, "split") || !strcmp(build, "split-direct"))
		l->n_kinds = TRIAL_N_KINDS;
	else if (!strcmp(build, "inkernel"))
		l->n_kinds = TRIAL_N_KINDS - 1;
	else
		return -EINVAL;
	l->seed = seed;
	l->n_random = n_random;
	if (!ops_csv || !*ops_csv) {
		for (i = 0; i < TRIAL_N_TABLE; i++)
			if (trial_table[i].side == PCNET32_SIDE_USER)
				l->ops[l->n_ops++] = trial_table[i].name;
		return 0;
	}
	while (*ops_csv) {
		size_t n = strcspn(ops_csv, ",");
		int found = 0;

		for (i = 0; i < TRIAL_N_TABLE; i++)
			if (trial_table[i].side == PCNET32_SIDE_USER &&
			    strlen(trial_table[i].name) == n &&
			    !strncmp(trial_table[i].name, ops_csv, n)) {
				if (l->n_ops == sizeof(l->ops) / sizeof(l->ops[0]))
					return -E2BIG;
				l->ops[l->n_ops++] = trial_table[i].name;
				found = 1;
			}
		if (!found)
			return -ENOENT;
		ops_csv += n;
		if (*ops_csv == ',')
			ops_csv++;
	}
	return 0;
}

static long trial_list_len(const struct trial_list *l)
{
	return (long)(l->n_ops * l->n_kinds) + l->n_random;
}

/* trial i of the list (0 <= i < trial_list_len) */
static void trial_at(const struct trial_list *l, long i, struct trial *t)
{
	long matrix = (long)(l->n_ops * l->n_kinds);
	uint64_t r = trial_mix(l->seed ^ trial_mix((uint64_t)i));

	t->index = i;
	t->seed = trial_mix(r) % 1000000007ULL;
	if (i < matrix) {
		t->op = l->ops[i / l->n_kinds];
		t->kind = trial_kinds[i % l->n_kinds];
		t->at = "entry";
		t->part = "matrix";
		return;
	}
	t->part = "random";
	{
		unsigned int total = 0, pick, k;

		for (k = 0; k < l->n_ops; k++)
			total += trial_weight(l->ops[k]);
		pick = (unsigned int)(r % total);
		for (k = 0; k < l->n_ops; k++) {
			unsigned int w = trial_weight(l->ops[k]);

			if (pick < w)
				break;
			pick -= w;
		}
		t->op = l->ops[k];
		r = trial_mix(r);
		t->kind = trial_kinds[r % l->n_kinds];
		r = trial_mix(r);
		t->at = (r & 1) ? "mid" : "entry";
	}
}

static int trial_in_shard(long index, long shard, long n_shards)
{
	return index % n_shards == shard;
}

#ifndef TRIAL_LIST_NO_MAIN
static void usage(FILE *f)
{
	fprintf(f, "usage: fault-trial-list --build split|split-direct|inkernel --seed S\n"
		   "                        [--random N] [--ops OP,OP,...] [--shard I/N]\n");
}

int main(int argc, char **argv)
{
	const char *build = NULL, *ops = NULL;
	unsigned long long seed = 1;
	long n_random = 0, shard = 0, n_shards = 1, i;
	struct trial_list l;
	struct trial t;
	int a;

	for (a = 1; a < argc; a++) {
		const char *v = a + 1 < argc ? argv[a + 1] : NULL;
		char *end;

		if (!strcmp(argv[a], "-h") || !strcmp(argv[a], "--help")) {
			usage(stdout);
			return 0;
		}
		if (!v) {
			usage(stderr);
			return 2;
		}
		a++;
		errno = 0;
		if (!strcmp(argv[a - 1], "--build")) {
			build = v;
		} else if (!strcmp(argv[a - 1], "--seed")) {
			seed = strtoull(v, &end, 10);
			if (errno || end == v || *end) {
				fprintf(stderr, "fault-trial-list: bad seed: %s\n", v);
				return 2;
			}
		} else if (!strcmp(argv[a - 1], "--random")) {
			n_random = strtol(v, &end, 10);
			if (errno || end == v || *end || n_random < 0 ||
			    n_random > 10000000) {
				fprintf(stderr, "fault-trial-list: bad count: %s\n", v);
				return 2;
			}
		} else if (!strcmp(argv[a - 1], "--ops")) {
			ops = v;
		} else if (!strcmp(argv[a - 1], "--shard")) {
			if (campaign_parse_shard(v, &shard, &n_shards)) {
				fprintf(stderr, "fault-trial-list: bad shard (I/N): %s\n", v);
				return 2;
			}
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (!build) {
		usage(stderr);
		return 2;
	}
	if (trial_list_init(&l, build, seed, n_random, ops)) {
		fprintf(stderr, "fault-trial-list: unknown build or op (%s, %s)\n",
			build, ops ? ops : "");
		return 2;
	}
	for (i = 0; i < trial_list_len(&l); i++) {
		if (!trial_in_shard(i, shard, n_shards))
			continue;
		trial_at(&l, i, &t);
		printf("%ld %llu %s %s %s %s\n", t.index, t.seed, t.op, t.kind,
		       t.at, t.part);
	}
	return 0;
}
#endif
