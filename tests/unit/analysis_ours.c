// SPDX-License-Identifier: GPL-2.0
/*
 * The analysis of our own driver, against the split build's op table:
 * every function the split build moves to the daemon must be classified
 * must-move or might-move. Runs the tool on pcnet32/ (host only, seconds):
 * it breaks when the glue reaches the ops in a way the tool does not
 * follows, or when a moved op picks up something that pins it to the
 * kernel (atomic context, a kernel-only service).
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_moved_ops_are_candidates(void)
{
	struct th_result r;
	char cmd[2048], *line, *save = NULL;
	int moved = 0, ok = 0;

	snprintf(cmd, sizeof(cmd),
		 "set -e; cd '%s'; w=$(mktemp -d); trap 'rm -rf \"$w\"' EXIT; "
		 "analysis/moved-ops.sh . > $w/moved.tsv; "
		 "analysis/moved-ops.sh --dispatch . > $w/dispatch.tsv; "
		 "build/analysis/candidates --name ours --base . --moved $w/moved.tsv "
		 "--dispatch $w/dispatch.tsv --tsv $w/ours.tsv "
		 "$(find pcnet32 -maxdepth 1 -name '*.[ch]' ! -name 'dispatch-*' | sort) >/dev/null; "
		 "awk -F'\\t' 'NR == FNR { if ($2 == \"moved\") m[$1] = 1; next } "
		 "($1 in m) { print $1, $2 }' $w/moved.tsv $w/ours.tsv",
		 th_root());
	th_sh(&r, 60, cmd);
	CU_ASSERT_EQUAL_FATAL(r.status, 0);
	for (line = strtok_r(r.out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		moved++;
		if (strstr(line, " must") || strstr(line, " might"))
			ok++;
		else
			fprintf(stderr, "\n  moved but not a candidate: %s", line);
	}
	/* the op table moves 16 ops; each is in the tool's table */
	CU_ASSERT(moved >= 16);
	CU_ASSERT_EQUAL(ok, moved);
	th_free(&r);
}

static CU_TestInfo ours_tests[] = {
	{ "every op the split build moves is must or might", test_moved_ops_are_candidates },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "analysis: our driver against the op table", NULL, NULL, ours_tests);
