// SPDX-License-Identifier: GPL-2.0
/*
 * The build itself: a parallel make builds the kernel modules. The
 * in-kernel build's module recipe comes through $(call), where make does
 * not see $(MAKE) and so withheld the jobserver from kbuild; kbuild then
 * wrote "warning: jobserver unavailable" into build.log, which the
 * recipe's own warning check refused ("make -j2 all build-inkernel
 * build-split" failed on build/plain/pcnet32-plain.ko). Built into a
 * temporary BUILD, so the tree's own build is not touched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"

static void test_parallel_modules(void)
{
	char dir[] = "/tmp/build-unit.XXXXXX", build[64], plain[96], split[96];
	struct th_result r;

	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	snprintf(build, sizeof(build), "BUILD=%s", dir);
	snprintf(plain, sizeof(plain), "%s/plain/pcnet32-plain.ko", dir);
	snprintf(split, sizeof(split), "%s/split/pcnet32.ko", dir);
	/*
	 * the in-kernel build's plain module beside the split build's, in a
	 * make of its own (not a sub-make of the make test runs in)
	 */
	th_run(&r, 600, (const char *const[]){ "env", "-u", "MAKEFLAGS", "-u", "MFLAGS",
					      "-u", "MAKELEVEL", "make", "-s", "-j2",
					      "-C", th_root(), build, plain, split, NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	if (r.status)
		fprintf(stderr, "make -j2: %s\n", r.err);
	th_free(&r);
	CU_ASSERT_EQUAL(access(plain, R_OK), 0);
	CU_ASSERT_EQUAL(access(split, R_OK), 0);
	th_run(&r, 60, (const char *const[]){ "rm", "-rf", dir, NULL });
	th_free(&r);
}

static CU_TestInfo build_tests[] = {
	{ "make -j2 builds an in-kernel and a split module together", test_parallel_modules },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "build: parallel make", NULL, NULL, build_tests);
