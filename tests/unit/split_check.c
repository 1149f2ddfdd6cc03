// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the kernel's per-op checks of daemon replies
 * (driver-split/kernel/check.c): what a lying daemon hands in is refused.
 */
#include "harness.h"

#include <string.h>

#include "check.h"

/* the kernel's facts the checks use: a chip without MII, and one with */
static const struct pcnet32_state st_nomii = { .has_mii = 0 };
static const struct pcnet32_state st_mii = { .has_mii = 1 };

#define CHECK_ST(op, st, a, r) \
	pcnet32_check_reply(op, st, &(a), sizeof(a), &(r), sizeof(r))
#define CHECK(op, a, r) CHECK_ST(op, &st_nomii, a, r)

static void test_sizes_and_ops(void)
{
	struct pcnet32_none none = { 0 };
	struct pcnet32_u32 v = { 0 };
	struct pcnet32_test_arg targ = { 0 };
	struct pcnet32_test_rep trep;

	memset(&trep, 0, sizeof(trep));
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_MSGLEVEL, none, v), 0);
	/* one byte short or long */
	CU_ASSERT_EQUAL(pcnet32_check_reply(PCNET32_OP_GET_MSGLEVEL, &st_nomii, &none, sizeof(none),
					    &v, sizeof(v) - 1), -EINVAL);
	CU_ASSERT_EQUAL(pcnet32_check_reply(PCNET32_OP_GET_MSGLEVEL, &st_nomii, &none, sizeof(none),
					    &v, sizeof(v) + 1), -EINVAL);
	/* an op that stays in the kernel is never answered by the daemon */
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SELF_TEST, targ, trep), -EINVAL);
	/* unknown ops */
	CU_ASSERT_EQUAL(CHECK(0, none, v), -EINVAL);
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_MAX, none, v), -EINVAL);
	CU_ASSERT_EQUAL(CHECK(0xffffffffu, none, v), -EINVAL);
}

static void test_drvinfo_strings(void)
{
	struct pcnet32_none none = { 0 };
	struct pcnet32_drvinfo_rep d;

	memset(&d, 0, sizeof(d));
	strcpy(d.driver, "pcnet32");
	strcpy(d.version, "x");
	strcpy(d.bus_info, "0000:00:03.0");
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_DRVINFO, none, d), 0);
	memset(d.version, 'A', sizeof(d.version));	/* no terminator */
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_DRVINFO, none, d), -EINVAL);
}

static void test_regs(void)
{
	struct pcnet32_none none = { 0 };
	struct pcnet32_regs_rep g;
	struct pcnet32_u32 len;

	memset(&g, 0, sizeof(g));
	g.len = PCNET32_DUMP_WORDS * 2;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_REGS, none, g), 0);
	g.len = sizeof(g.regs) + 2;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_REGS, none, g), -EINVAL);
	g.len = 3;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_REGS, none, g), -EINVAL);
	len.value = PCNET32_DUMP_WORDS * 2;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_REGS_LEN, none, len), 0);
	len.value = 1u << 20;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_REGS_LEN, none, len), -EINVAL);
}

static void test_sizes_are_the_kernels(void)
{
	struct pcnet32_none none = { 0 };
	struct pcnet32_regs_rep g;
	struct pcnet32_u32 len;

	/*
	 * The core allocates by get_regs_len: the daemon's answer and
	 * get_regs' length must be the kernel's dump length for its chip,
	 * not merely a plausible one.
	 */
	CU_ASSERT_EQUAL(PCNET32_DUMP_LEN(0), 272);
	CU_ASSERT_EQUAL(PCNET32_DUMP_LEN(1), 336);
	len.value = PCNET32_DUMP_LEN(0);
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS_LEN, &st_nomii, none, len), 0);
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS_LEN, &st_mii, none, len), -EINVAL);
	len.value = PCNET32_DUMP_LEN(1);
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS_LEN, &st_mii, none, len), 0);
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS_LEN, &st_nomii, none, len), -EINVAL);
	len.value = 0;
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS_LEN, &st_nomii, none, len), -EINVAL);
	len.value = 2;
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS_LEN, &st_nomii, none, len), -EINVAL);
	memset(&g, 0, sizeof(g));
	g.len = PCNET32_DUMP_LEN(1);
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS, &st_mii, none, g), 0);
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS, &st_nomii, none, g), -EINVAL);
	g.len = PCNET32_DUMP_LEN(0) - 2;
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS, &st_nomii, none, g), -EINVAL);
	g.len = 0;
	CU_ASSERT_EQUAL(CHECK_ST(PCNET32_OP_GET_REGS, &st_nomii, none, g), -EINVAL);
}

static void test_sset_counts_are_the_kernels(void)
{
	struct pcnet32_sset_arg test = { PCNET32_SS_TEST }, stats = { 1 };
	struct pcnet32_u32 n = { PCNET32_TEST_LEN };
	struct pcnet32_strings_rep st;

	/* the self-test's results are the kernel's: exactly that many */
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_SSET_COUNT, test, n), 0);
	n.value = 0;	/* the core WARNs and self_test writes past 0 results */
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_SSET_COUNT, test, n), -EINVAL);
	n.value = PCNET32_TEST_LEN + 1;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_SSET_COUNT, test, n), -EINVAL);
	/* no other string set exists: the daemon answers with an error */
	n.value = 0;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_SSET_COUNT, stats, n), -EINVAL);
	n.value = PCNET32_TEST_LEN;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_SSET_COUNT, stats, n), -EINVAL);
	memset(&st, 0, sizeof(st));
	st.count = PCNET32_TEST_LEN;
	strcpy(st.strings[0], "Loopback test  (offline)");
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_STRINGS, test, st), 0);
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_STRINGS, stats, st), -EINVAL);
	st.count = 0;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_STRINGS, test, st), -EINVAL);
}

static void test_set_msglevel_echo(void)
{
	struct pcnet32_u32 in = { 0x37 }, out = { 0x37 };

	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_MSGLEVEL, in, out), 0);
	out.value = 0xffff;	/* the daemon may not pick another level */
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_MSGLEVEL, in, out), -EINVAL);
}

static void test_rings(void)
{
	struct pcnet32_none none = { 0 };
	struct pcnet32_ring in, out;

	memset(&in, 0, sizeof(in));
	memset(&out, 0, sizeof(out));
	out.rx_max = PCNET32_RING_MAX;
	out.tx_max = PCNET32_RING_MAX;
	out.rx = 32;
	out.tx = 16;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_RINGPARAM, none, out), 0);
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_RINGPARAM, in, out), 0);
	out.rx = 0;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_RINGPARAM, in, out), -EINVAL);
	out.rx = 24;	/* not a power of two */
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_RINGPARAM, in, out), -EINVAL);
	out.rx = PCNET32_RING_MAX * 2;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_RINGPARAM, in, out), -EINVAL);
	out.rx = 32;
	out.tx = 0xffffffffu;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_RINGPARAM, in, out), -EINVAL);
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_RINGPARAM, none, out), -EINVAL);
	out.tx = 16;
	out.rx_max = 7;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_RINGPARAM, none, out), -EINVAL);
}

static void test_link_and_mdio(void)
{
	struct pcnet32_none none = { 0 };
	struct pcnet32_mdio_arg m = { 0, 1, 0 };
	struct pcnet32_u32 v = { 1 };
	struct pcnet32_link l;
	struct pcnet32_link_set_rep s;

	memset(&l, 0, sizeof(l));
	memset(&s, 0, sizeof(s));
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_LINK, none, v), 0);
	v.value = 2;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_LINK, none, v), -EINVAL);
	v.value = 0xffff;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_MDIO_READ, m, v), 0);
	v.value = 0x10000;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_MDIO_READ, m, v), -EINVAL);
	l.speed = 10;
	l.duplex = PCNET32_DUPLEX_HALF;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_LINK_KSETTINGS, none, l), 0);
	l.speed = 1000;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_LINK_KSETTINGS, none, l), -EINVAL);
	l.speed = 100;
	l.duplex = 2;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_LINK_KSETTINGS, none, l), -EINVAL);
	l.duplex = 1;
	l.phy_address = 32;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_LINK_KSETTINGS, none, l), -EINVAL);
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_LINK_KSETTINGS, l, s), 0);
	s.fdx = 5;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_LINK_KSETTINGS, l, s), -EINVAL);
}

static void test_strings_and_phys_id(void)
{
	struct pcnet32_sset_arg ss = { PCNET32_SS_TEST };
	struct pcnet32_phys_id_arg pa = { PCNET32_ID_ACTIVE };
	struct pcnet32_strings_rep st;
	struct pcnet32_phys_id_rep pr;
	struct pcnet32_u32 n = { PCNET32_TEST_LEN };

	memset(&st, 0, sizeof(st));
	memset(&pr, 0, sizeof(pr));
	st.count = 1;
	strcpy(st.strings[0], "Loopback test  (offline)");
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_STRINGS, ss, st), 0);
	st.count = PCNET32_MAX_STRINGS + 1;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_STRINGS, ss, st), -EINVAL);
	st.count = 1;
	memset(st.strings[0], 'x', PCNET32_STR_LEN);
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_STRINGS, ss, st), -EINVAL);
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_SSET_COUNT, ss, n), 0);
	n.value = 1000;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_GET_SSET_COUNT, ss, n), -EINVAL);
	pr.cycles = 2;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_PHYS_ID, pa, pr), 0);
	pr.cycles = -1;
	CU_ASSERT_EQUAL(CHECK(PCNET32_OP_SET_PHYS_ID, pa, pr), -EINVAL);
}

static CU_TestInfo check_tests[] = {
	{ "reply sizes, kernel-side and unknown ops", test_sizes_and_ops },
	{ "drvinfo strings must be terminated", test_drvinfo_strings },
	{ "register dump lengths are bounded", test_regs },
	{ "dump lengths are the kernel's, per chip", test_sizes_are_the_kernels },
	{ "string-set counts are the kernel's", test_sset_counts_are_the_kernels },
	{ "set_msglevel answers the level asked for", test_set_msglevel_echo },
	{ "ring sizes within bounds, powers of two", test_rings },
	{ "link, link settings and MII values bounded", test_link_and_mdio },
	{ "strings, self-test count, phys-id bounded", test_strings_and_phys_id },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "split: reply checks", NULL, NULL, check_tests);
