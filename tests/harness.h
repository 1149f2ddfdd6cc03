/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test harness shared by every CUnit suite of the project.
 *
 * A test file registers its suites from a constructor:
 *
 *   static CU_TestInfo tests[] = { {"name", fn}, CU_TEST_INFO_NULL };
 *   TH_SUITE(lab, "lab: exit status", NULL, NULL, tests);
 *
 * The first argument is the group ("unit" or "lab"); `tests/run unit` runs
 * the unit group, `tests/run lab` the lab group, `tests/run` both.
 */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <stddef.h>
#include <CUnit/CUnit.h>

struct th_suite {
	const char *group;
	const char *name;
	CU_InitializeFunc init;
	CU_CleanupFunc clean;
	CU_TestInfo *tests;
};

void th_register(const struct th_suite *s);

#define TH_SUITE(grp, nm, ini, cln, tst)                                   \
	static const struct th_suite th_suite_##grp##_##tst = {             \
		#grp, nm, ini, cln, tst };                                  \
	__attribute__((constructor)) static void th_reg_##grp##_##tst(void) \
	{                                                                   \
		th_register(&th_suite_##grp##_##tst);                       \
	}

/* Result of a command run on the host. */
struct th_result {
	int status;      /* exit status, or 128+signal, or -1 if not run */
	char *out;       /* stdout, NUL-terminated (may contain NULs: see out_len) */
	size_t out_len;
	char *err;       /* stderr, NUL-terminated */
	size_t err_len;
	double seconds;  /* wall-clock time of the command */
};

/*
 * Run argv (argv[0] searched in PATH) with stdin from /dev/null, capture
 * stdout and stderr. timeout_s > 0 kills the command's process group after
 * that many seconds (status then 128+SIGKILL).
 */
int th_run(struct th_result *r, int timeout_s, const char *const argv[]);
/* Same as th_run with "sh -c CMD". */
int th_sh(struct th_result *r, int timeout_s, const char *cmd);
void th_free(struct th_result *r);

/* Project root (absolute), found from the test binary's location. */
const char *th_root(void);
/* Path under the project root, in a static rotating buffer. */
const char *th_path(const char *rel);

/*
 * Lab suites: boot lab `name` with `driver` (vm/lab up; a lab of that
 * name left from an earlier run is taken down first); 0, or 1 with the
 * lab's error on stderr.
 */
int th_lab_up(const char *name, const char *driver);
void th_lab_down(const char *name);
/*
 * Run cmd with sh -c in lab `name`'s guest (vm/lab exec --timeout
 * timeout). prefix, shell text already quoted for the host's single
 * quotes (function definitions, say; "" for none), goes before it.
 */
void th_lab_sh(struct th_result *r, const char *name, int timeout,
	       const char *prefix, const char *cmd);

/*
 * One line of a scenario's KTAP output: 1 for "ok N desc[ # directive]",
 * 0 for "not ok N desc[ # reason]" (desc then points after the number),
 * -1 for any other line. The lab suites of tests/lab/ turn each result
 * into an assertion.
 */
int th_ktap_line(const char *line, const char **desc);

/* Count non-overlapping occurrences of needle in hay[0..len). */
size_t th_count(const char *hay, size_t len, const char *needle);

#endif
