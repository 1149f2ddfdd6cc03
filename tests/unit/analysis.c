// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the candidate-function finder (analysis/): the tool is run
 * on the small drivers in analysis/testdata/ and the classes, contexts,
 * roots and report sections it gives are checked against what each input
 * was written to show.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOOL "build/analysis/candidates"

/* Run the tool on one test input with extra arguments; returns its result. */
static void run_tool(struct th_result *r, const char *input, const char *extra)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd), "cd '%s' && '%s' --name t %s '%s'",
		 th_root(), th_path(TOOL), extra ? extra : "--tsv -",
		 th_path(input));
	th_sh(r, 60, cmd);
}

/* The TSV line of a function, or NULL: "name\tclass\t...". */
static const char *tsv_line(const struct th_result *r, const char *fn)
{
	size_t n = strlen(fn);
	const char *p = r->out;

	while (p && *p) {
		if (!strncmp(p, fn, n) && p[n] == '\t')
			return p;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

/* Field k (0-based) of a TSV line, in a static buffer. */
static const char *tsv_field(const char *line, int k)
{
	static char buf[1024];
	const char *p = line, *e;
	size_t n;

	if (!line)
		return "(missing)";
	while (k-- > 0) {
		p = strchr(p, '\t');
		if (!p)
			return "(missing)";
		p++;
	}
	e = p + strcspn(p, "\t\n");
	n = (size_t)(e - p) < sizeof(buf) - 1 ? (size_t)(e - p) : sizeof(buf) - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

struct expect {
	const char *fn;
	const char *cls;
	const char *atomic; /* "yes", "no" or NULL: not checked */
};

static void check_classes(const char *input, const struct expect *ex)
{
	struct th_result r;

	run_tool(&r, input, NULL);
	CU_ASSERT_EQUAL_FATAL(r.status, 0);
	for (; ex->fn; ex++) {
		const char *line = tsv_line(&r, ex->fn);

		if (!line)
			fprintf(stderr, "\n%s: %s not in the output\n", input, ex->fn);
		CU_ASSERT_PTR_NOT_NULL(line);
		if (strcmp(tsv_field(line, 1), ex->cls))
			fprintf(stderr, "\n%s: %s is %s, expected %s\n", input,
				ex->fn, tsv_field(line, 1), ex->cls);
		CU_ASSERT_STRING_EQUAL(tsv_field(line, 1), ex->cls);
		if (ex->atomic) {
			if (strcmp(tsv_field(line, 4), ex->atomic))
				fprintf(stderr, "\n%s: %s atomic=%s, expected %s\n",
					input, ex->fn, tsv_field(line, 4),
					ex->atomic);
			CU_ASSERT_STRING_EQUAL(tsv_field(line, 4), ex->atomic);
		}
	}
	th_free(&r);
}

/* ---- classes ------------------------------------------------------------- */

static void test_hot_helper(void)
{
	static const struct expect ex[] = {
		{ "h_start_xmit", "stays", NULL },
		{ "h_ring_index", "stays", NULL },
		{ "h_get_drvinfo", "must", "no" },
		{ "h_fill", "must", "no" },
		{ NULL, NULL, NULL }
	};
	struct th_result r;

	check_classes("analysis/testdata/hot_helper.c", ex);
	/* the shared helper is flagged as needed by a candidate */
	run_tool(&r, "analysis/testdata/hot_helper.c", NULL);
	CU_ASSERT_STRING_EQUAL(tsv_field(tsv_line(&r, "h_ring_index"), 6), "yes");
	CU_ASSERT_STRING_EQUAL(tsv_field(tsv_line(&r, "h_fill"), 6), "no");
	CU_ASSERT_PTR_NOT_NULL(strstr(tsv_field(tsv_line(&r, "h_ring_index"), 7),
				      "hot path"));
	th_free(&r);
}

static void test_slow_only(void)
{
	static const struct expect ex[] = {
		{ "s_version", "must", "no" },
		{ "s_get_drvinfo", "must", NULL },
		{ "s_get_msglevel", "must", NULL },
		{ "s_change_mtu", "must", NULL },
		{ "s_check", "must", NULL },      /* called only inside a macro */
		{ "s_read_eeprom", "might", NULL }, /* also on the probe path */
		{ "s_probe", "might", NULL },
		{ "s_init_module", "might", NULL },
		{ "s_unused", "stays", NULL },
		{ "s_poll", "stays", NULL },
		{ "s_rx", "stays", NULL },
		{ NULL, NULL, NULL }
	};

	check_classes("analysis/testdata/slow_only.c", ex);
}

static void test_spinlock(void)
{
	static const struct expect ex[] = {
		{ "l_get_regs", "might", "no" },
		{ "l_dump_reg", "might", "yes" },
		{ "l_nway_reset", "might", "no" },
		{ "l_restart_phy", "might", "yes" },
		{ "l_log_reset", "must", "no" },
		{ "l_get_regs_len", "must", "no" },
		{ "l_set_rx_mode", "might", "yes" },
		{ "l_hash", "might", "yes" },
		{ NULL, NULL, NULL }
	};
	struct th_result r;

	check_classes("analysis/testdata/spinlock.c", ex);
	run_tool(&r, "analysis/testdata/spinlock.c", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(tsv_field(tsv_line(&r, "l_get_regs"), 7),
				      "takes spin_lock_irqsave(&p->lock)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tsv_field(tsv_line(&r, "l_dump_reg"), 7),
				      "called by l_get_regs with spin_lock_irqsave(&p->lock) held"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tsv_field(tsv_line(&r, "l_dump_reg"), 5),
				      "port I/O"));
	th_free(&r);
}

static void test_fptr_table(void)
{
	static const struct expect ex[] = {
		{ "f_io_read", "stays", NULL },   /* via p->a->read_reg from f_intr */
		{ "f_io_write", "stays", NULL },
		{ "f_mdio_write", "must", "no" }, /* generic_mii_ioctl only */
		{ "f_mdio_read", "stays", NULL }, /* watchdog: mii_link_ok */
		{ "f_ioctl", "must", NULL },
		{ "f_prepare", "might", "yes" },  /* run under f_exec's lock */
		{ "f_exec", "stays", NULL },
		{ "f_set_mac", "might", NULL },
		{ "f_intr", "stays", NULL },
		{ "f_watchdog", "stays", NULL },
		{ "f_link", "stays", NULL },
		{ "f_open", "might", NULL },
		{ "f_probe", "might", NULL },
		{ NULL, NULL, NULL }
	};
	struct th_result r;

	check_classes("analysis/testdata/fptr_table.c", ex);
	run_tool(&r, "analysis/testdata/fptr_table.c", NULL);
	CU_ASSERT_STRING_EQUAL(tsv_field(tsv_line(&r, "f_intr"), 3), "hot");
	CU_ASSERT_STRING_EQUAL(tsv_field(tsv_line(&r, "f_watchdog"), 3), "kernel");
	CU_ASSERT_PTR_NOT_NULL(strstr(tsv_field(tsv_line(&r, "f_mdio_read"), 7),
				      "f_watchdog → f_link → f_mdio_read"));
	th_free(&r);
}

static void test_xmacro(void)
{
	static const struct expect ex[] = {
		{ "x_op_get_a", "must", "no" },
		{ "x_op_get_b", "must", "no" },
		{ "x_run", "must", NULL },
		{ "x_get_drvinfo", "must", NULL },
		{ "x_helper", "must", NULL },
		{ "x_cmd_reset", "must", NULL },
		{ "x_get_link", "might", "no" },
		{ NULL, NULL, NULL }
	};
	struct th_result r;

	check_classes("analysis/testdata/xmacro.c", ex);
	run_tool(&r, "analysis/testdata/xmacro.c", NULL);
	/* the macro use cflow takes for a definition is not a function */
	CU_ASSERT_PTR_NULL(tsv_line(&r, "X_OPS"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tsv_field(tsv_line(&r, "x_get_link"), 7),
				      "takes spin_lock_irqsave(&(p)->lock)"));
	th_free(&r);
}

static void test_dispatch(void)
{
	static const struct expect ex[] = {
		{ "d_op_get_a", "must", "no" },
		{ "d_op_get_b", "might", "yes" },
		{ "d_op_link", "stays", NULL },
		{ "d_get_drvinfo", "must", NULL },
		{ "d_get_link", "might", NULL },
		{ NULL, NULL, NULL }
	};
	struct th_result r;
	char extra[512];

	snprintf(extra, sizeof(extra), "--tsv - --dispatch '%s'",
		 th_path("analysis/testdata/dispatch.tsv"));
	run_tool(&r, "analysis/testdata/dispatch.c", extra);
	CU_ASSERT_EQUAL_FATAL(r.status, 0);
	for (const struct expect *e = ex; e->fn; e++) {
		const char *line = tsv_line(&r, e->fn);

		CU_ASSERT_STRING_EQUAL(tsv_field(line, 1), e->cls);
		if (e->atomic)
			CU_ASSERT_STRING_EQUAL(tsv_field(line, 4), e->atomic);
	}
	th_free(&r);
	/* without the rule the ops are not reached */
	run_tool(&r, "analysis/testdata/dispatch.c", NULL);
	CU_ASSERT_STRING_EQUAL(tsv_field(tsv_line(&r, "d_op_get_a"), 1), "stays");
	th_free(&r);
}

static void test_moved_ops_script(void)
{
	const char *argv[] = { th_path("analysis/moved-ops.sh"),
			       th_path("analysis/testdata/opsroot"), NULL };
	struct th_result r;

	th_run(&r, 30, argv);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\npcnet32_op_get_drvinfo\tmoved\t\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\npcnet32_op_self_test\tkept\tloopback test: needs DMA rings\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\npcnet32_op_mdio_read\tmoved\t\n"));
	th_free(&r);

	th_run(&r, 30, (const char *const[]){ argv[0], "--dispatch", argv[1], NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "pcnet32_call_op\tPCNET32_OP_SELF_TEST\tpcnet32_op_self_test\n"));
	th_free(&r);

	/* no table: a clear refusal, not an empty list */
	th_run(&r, 30, (const char *const[]){ argv[0], "/nonexistent", NULL });
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "pcnet32/ops.h not present"));
	th_free(&r);
}

/* ---- reports ------------------------------------------------------------- */

static char *tmpfile_with(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	strcpy(path, "/tmp/analysis-test.XXXXXX");
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	f = fdopen(fd, "w");
	CU_ASSERT_FATAL(f != NULL);
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_roots_in_markdown(void)
{
	struct th_result r;

	run_tool(&r, "analysis/testdata/fptr_table.c", "--md -");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| hot | `request_irq` | `f_intr` |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| kernel | `timer_setup` | `f_watchdog` |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| slow | `mii_if_info.mdio_read` | `f_mdio_read` |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| config | `pci_driver.probe` | `f_probe` |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| must-move | 2 |"));
	th_free(&r);
}

static void test_moved_check(void)
{
	struct th_result r;
	char extra[256];
	char *mv = tmpfile_with("# test\nl_get_regs\tmoved\nl_dump_reg\tmoved\n"
				"l_nway_reset\tkept\tneeds the lock\n");

	snprintf(extra, sizeof(extra), "--md - --strict --moved %s", mv);
	run_tool(&r, "analysis/testdata/spinlock.c", extra);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "every moved function is a candidate"));
	/* the must functions it keeps are listed, the kept op with its reason */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| `l_get_regs_len` | /"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| `l_log_reset` |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| `l_nway_reset` | needs the lock | might |"));
	th_free(&r);
	unlink(mv);

	/* what moves along, what stays in front */
	mv = tmpfile_with("d_op_get_a\tmoved\nd_op_get_b\tmoved\n");
	snprintf(extra, sizeof(extra), "--md - --moved %s --dispatch '%s'", mv,
		 th_path("analysis/testdata/dispatch.tsv"));
	run_tool(&r, "analysis/testdata/dispatch.c", extra);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(they stay: the entry points and the code that issues the upcall): `d_get_drvinfo`, `d_get_link`.\n"));
	th_free(&r);
	unlink(mv);

	/* moving a hot-path function is flagged, and --strict fails */
	mv = tmpfile_with("h_ring_index\tmoved\nh_nonexistent\tmoved\n");
	snprintf(extra, sizeof(extra), "--md - --strict --moved %s", mv);
	run_tool(&r, "analysis/testdata/hot_helper.c", extra);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| `h_ring_index` | stays | **FAIL**: not a candidate |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| `h_nonexistent` | — | **FAIL**: not found"));
	th_free(&r);
	unlink(mv);
}

static void test_paper_comparison(void)
{
	struct th_result r;
	char extra[256];
	char *pp = tmpfile_with("t\th_old_drvinfo\tmoved\th_get_drvinfo\t\n"
				"t\th_gone\tmust\t-\tremoved upstream\n"
				"t\tethtool\tmust\t@ethtool_ops\t\n"
				"t\th_start_xmit\tmight\th_start_xmit\t\n"
				"other\tx_fn\tmust\tx_fn\t\n");

	snprintf(extra, sizeof(extra), "--md - --paper %s", pp);
	run_tool(&r, "analysis/testdata/hot_helper.c", extra);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| `h_old_drvinfo` | moved | matched to: `h_get_drvinfo` | **must** | agrees |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| `h_gone` | must | *gone* |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "1 functions in `struct ethtool_ops` | must 1, might 0, stays 0 | agrees"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "| `h_start_xmit` | might | same: `h_start_xmit` | **stays** | differs (stays) |"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "x_fn")); /* another driver's row */
	th_free(&r);
	unlink(pp);
}

static void test_dot_figure(void)
{
	struct th_result r;
	char cmd[4096];

	snprintf(cmd, sizeof(cmd),
		 "'%s' --name t --dot - '%s' | tee /dev/stderr | dot -Tsvg",
		 th_path(TOOL), th_path("analysis/testdata/fptr_table.c"));
	th_sh(&r, 60, cmd);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "<svg"));
	/* hot-path edge drawn red and bold, must node green */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "\"f_intr\" -> \"f_io_read\" [color=\"#d00000\", penwidth=2.2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "\"f_ioctl\" [label=\"f_ioctl\\n[ndo_eth_ioctl]\", fillcolor=\"#9fdf9f\""));
	th_free(&r);
}

static void test_errors(void)
{
	struct th_result r;
	char cmd[4096];

	snprintf(cmd, sizeof(cmd), "'%s' --name t /nonexistent/x.c",
		 th_path(TOOL));
	th_sh(&r, 30, cmd);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "/nonexistent/x.c"));
	th_free(&r);

	snprintf(cmd, sizeof(cmd), "'%s' --bogus", th_path(TOOL));
	th_sh(&r, 30, cmd);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "usage"));
	th_free(&r);
}

static CU_TestInfo tests[] = {
	{ "hot root calling a helper", test_hot_helper },
	{ "slow-only helpers", test_slow_only },
	{ "functions called under a spinlock", test_spinlock },
	{ "function-pointer tables and callbacks", test_fptr_table },
	{ "X-macro op table and macros", test_xmacro },
	{ "ops reached through a dispatcher by op id", test_dispatch },
	{ "op table read from pcnet32/ops.h", test_moved_ops_script },
	{ "roots and counts in the report", test_roots_in_markdown },
	{ "split build's moved functions checked", test_moved_check },
	{ "comparison with the paper's lists", test_paper_comparison },
	{ "call-graph figure", test_dot_figure },
	{ "bad input", test_errors },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "analysis: candidate functions", NULL, NULL, tests);
