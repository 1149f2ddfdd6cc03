// SPDX-License-Identifier: GPL-2.0
/*
 * The op table as the analysis reads it, printed by the compiler's reading
 * of PCNET32_OPS (pcnet32/ops.h), never by parsing C text: moved-ops.sh
 * builds this file against a tree's ops.h and runs it.
 *
 *   optable            function <TAB> moved|kept <TAB> why
 *   optable --dispatch caller <TAB> PCNET32_OP_<NAME> <TAB> function
 *
 * An op of side USER runs in the daemon (moved), one of side KERNEL stays
 * (kept, with the reason the table gives). --dispatch says how the kernel
 * glue reaches each op: a call of pcnet32_call_op() naming the op's id is
 * a call of the op's function (candidates --dispatch).
 */
#include <stdio.h>
#include <string.h>

#include "ops.h"

struct row {
	const char *name, *fn, *side, *why;
};

#define OPTABLE_ROW(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	{ #NAME, #FN, #SIDE, WHY },

static const struct row rows[] = {
	PCNET32_OPS(OPTABLE_ROW)
};

int main(int argc, char **argv)
{
	int dispatch = argc == 2 && !strcmp(argv[1], "--dispatch");
	size_t i;

	if (argc > 2 || (argc == 2 && !dispatch)) {
		fprintf(stderr, "usage: optable [--dispatch]\n");
		return 2;
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		const char *where = !strcmp(r->side, "USER") ? "moved" :
				    !strcmp(r->side, "KERNEL") ? "kept" : NULL;

		if (!where) {
			fprintf(stderr, "op %s: side '%s' is neither USER nor KERNEL\n",
				r->name, r->side);
			return 1;
		}
		if (dispatch)
			printf("pcnet32_call_op\tPCNET32_OP_%s\tpcnet32_op_%s\n",
			       r->name, r->fn);
		else
			printf("pcnet32_op_%s\t%s\t%s\n", r->fn, where, r->why);
	}
	return 0;
}
