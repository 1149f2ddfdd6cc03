/* SPDX-License-Identifier: GPL-2.0 */
/* Test input for analysis/moved-ops.sh (built by analysis/optable.c): an op table in the form of
 * pcnet32/ops.h. */
#define PCNET32_OPS(X)							\
	X(GET_DRVINFO, 1, get_drvinfo, pcnet32_none,			\
	  pcnet32_drvinfo_rep, USER, 0, "")				\
	X(SELF_TEST, 12, self_test, pcnet32_test_arg, pcnet32_test_rep,	\
	  KERNEL, PCNET32_OPF_SLEEPS,					\
	  "loopback test: " "needs DMA rings")				\
	X(MDIO_READ, 16, mdio_read, pcnet32_mdio_arg, pcnet32_u32,	\
	  USER, PCNET32_OPF_PORTS | PCNET32_OPF_SETS, "")
