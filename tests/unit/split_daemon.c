// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the daemon's dispatch (driver-split/daemon/dispatch.c):
 * it runs only the op table's USER ops, with exactly the table's sizes, on
 * a state snapshot of exactly the size this build knows. The op functions
 * are pcnet32/slow.c's (linked from the driver's own unit suite, compiled
 * against a register model).
 */
#include "harness.h"

#include <string.h>

#include "../../driver-split/daemon/dispatch.c"

static struct pcnet32_state test_state(void)
{
	struct pcnet32_state st;

	memset(&st, 0, sizeof(st));
	st.size = sizeof(st);
	st.msg_enable = 0x37;
	st.rx_ring_size = 32;
	st.tx_ring_size = 16;
	strcpy(st.drv_version, "1.0-test");
	strcpy(st.bus_info, "0000:00:03.0");
	strcpy(st.chip_name, "PCnet/PCI II 79C970A");
	return st;
}

static int run(const struct pcnet32_state *st, uint32_t st_len, uint32_t op,
	       const void *arg, uint32_t arg_len, void *rep, uint32_t rep_max,
	       uint32_t *rep_len)
{
	struct pcnet32_io io = { .base = 0xc040 };

	return pcnet32d_dispatch(&io, NULL, st, st_len, op, arg, arg_len, rep,
				 rep_max, rep_len);
}

static void test_runs_user_ops(void)
{
	struct pcnet32_state st = test_state();
	struct pcnet32_none none = { 0 };
	struct pcnet32_drvinfo_rep d;
	struct pcnet32_u32 v = { 0 };
	uint32_t len = 99;

	CU_ASSERT_EQUAL(run(&st, sizeof(st), PCNET32_OP_GET_MSGLEVEL, &none,
			    sizeof(none), &v, sizeof(v), &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(v));
	CU_ASSERT_EQUAL(v.value, 0x37);
	CU_ASSERT_EQUAL(run(&st, sizeof(st), PCNET32_OP_GET_DRVINFO, &none,
			    sizeof(none), &d, sizeof(d), &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(d));
	CU_ASSERT_STRING_EQUAL(d.driver, "pcnet32");
	CU_ASSERT_STRING_EQUAL(d.version, "1.0-test");
	CU_ASSERT_STRING_EQUAL(d.bus_info, "0000:00:03.0");
}

static void test_refuses_the_rest(void)
{
	struct pcnet32_state st = test_state();
	struct pcnet32_test_arg targ = { 0 };
	struct pcnet32_none none = { 0 };
	unsigned char rep[PCNET32U_MAX_REPLY];
	struct pcnet32_u32 v = { 0 };
	uint32_t len = 99;

	/* the loopback self-test runs in the kernel, never here */
	CU_ASSERT_EQUAL(run(&st, sizeof(st), PCNET32_OP_SELF_TEST, &targ,
			    sizeof(targ), rep, sizeof(rep), &len), -EOPNOTSUPP);
	CU_ASSERT_EQUAL(len, 0);
	/* unknown ops */
	CU_ASSERT_EQUAL(run(&st, sizeof(st), 0, &none, sizeof(none), rep,
			    sizeof(rep), &len), -EOPNOTSUPP);
	CU_ASSERT_EQUAL(run(&st, sizeof(st), 4096, &none, sizeof(none), rep,
			    sizeof(rep), &len), -EOPNOTSUPP);
	/* sizes other than the table's */
	CU_ASSERT_EQUAL(run(&st, sizeof(st), PCNET32_OP_GET_MSGLEVEL, &none,
			    sizeof(none) + 4, &v, sizeof(v), &len), -EINVAL);
	CU_ASSERT_EQUAL(run(&st, sizeof(st), PCNET32_OP_GET_MSGLEVEL, &none,
			    sizeof(none), &v, sizeof(v) - 1, &len), -EINVAL);
	/* a snapshot of another layout */
	CU_ASSERT_EQUAL(run(&st, sizeof(st) - 4, PCNET32_OP_GET_MSGLEVEL, &none,
			    sizeof(none), &v, sizeof(v), &len), -EPROTO);
	st.size = 12;
	CU_ASSERT_EQUAL(run(&st, sizeof(st), PCNET32_OP_GET_MSGLEVEL, &none,
			    sizeof(none), &v, sizeof(v), &len), -EPROTO);
}

static CU_TestInfo daemon_tests[] = {
	{ "runs the table's user ops on the snapshot", test_runs_user_ops },
	{ "refuses kernel ops, unknown ops, wrong sizes", test_refuses_the_rest },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "split: daemon dispatch", NULL, NULL, daemon_tests);
