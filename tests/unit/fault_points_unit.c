// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the fault points: fault-arm's parser, the shared
 * arming decision (interval, probability with a seed, times, off), and the
 * daemon's side end to end: the control file mapped over the fault page as
 * pcnet32d maps it, armed through a second mapping as fault-arm arms it,
 * and slow.c's ops (as the daemon compiles them, ports answered by the
 * chip model of driver_unit.c) firing.
 */
#define PCNET32_PORT_MOCK 1
#include "../../pcnet32/fault.c"
#include "../../pcnet32/fault-act.c"
#include "../../driver-split/daemon/fault-ctl.c"
#include "../../driver-split/daemon/fault-user.c"
#include "../../faultinject/arm/arm-args.c"

#include "harness.h"
#include "unit_regs.h"

#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* the chip model's base port (driver_unit.c) */
#define FU_BASE 0xc000

static char fu_err[256];

static int fu_parse(const char *line, struct fault_arm_args *a)
{
	char copy[512], *argv[32], *tok, *save = NULL;
	int argc = 0;

	snprintf(copy, sizeof(copy), "fault-arm %s", line);
	for (tok = strtok_r(copy, " ", &save); tok && argc < 31;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	fu_err[0] = '\0';
	return fault_arm_parse(argc, argv, a, fu_err, sizeof(fu_err));
}

static void t_parse_defaults(void)
{
	struct fault_arm_args a;

	CU_ASSERT_EQUAL(fu_parse("get_drvinfo null", &a), 0);
	CU_ASSERT_EQUAL(a.cmd, FAULT_ARM_ARM);
	CU_ASSERT_EQUAL(a.plan.op, PCNET32_OP_GET_DRVINFO);
	CU_ASSERT_EQUAL(a.plan.kind, PCNET32_FAULT_NULL);
	CU_ASSERT_EQUAL(a.plan.at, PCNET32_FAULT_AT_ENTRY);
	CU_ASSERT_EQUAL(a.plan.interval, 1);
	CU_ASSERT_EQUAL(a.plan.probability, 100);
	CU_ASSERT_EQUAL(a.plan.times, 1);
	CU_ASSERT_EQUAL(a.plan.seed, 0);
	CU_ASSERT_EQUAL(a.ms_given, 0);
}

static void t_parse_options(void)
{
	struct fault_arm_args a;

	CU_ASSERT_EQUAL(fu_parse("--at mid get_regs sleep --interval 3 --probability=40 "
				 "--times -1 --seed 0xffffffffffffffff --ms 300", &a), 0);
	CU_ASSERT_EQUAL(a.plan.op, PCNET32_OP_GET_REGS);
	CU_ASSERT_EQUAL(a.plan.kind, PCNET32_FAULT_SLEEP);
	CU_ASSERT_EQUAL(a.plan.at, PCNET32_FAULT_AT_MID);
	CU_ASSERT_EQUAL(a.plan.interval, 3);
	CU_ASSERT_EQUAL(a.plan.probability, 40);
	CU_ASSERT_EQUAL(a.plan.times, -1);
	CU_ASSERT_EQUAL(a.plan.seed, UINT64_MAX);
	CU_ASSERT_EQUAL(a.plan.ms, 300);
	CU_ASSERT_EQUAL(a.ms_given, 1);
	CU_ASSERT_EQUAL(fu_parse("--off", &a), 0);
	CU_ASSERT_EQUAL(a.cmd, FAULT_ARM_OFF);
	CU_ASSERT_EQUAL(fu_parse("--show", &a), 0);
	CU_ASSERT_EQUAL(a.cmd, FAULT_ARM_SHOW);
	CU_ASSERT_EQUAL(fu_parse("--list-ops", &a), 0);
	CU_ASSERT_EQUAL(a.cmd, FAULT_ARM_LIST_OPS);
	CU_ASSERT_EQUAL(fu_parse("--list-kinds", &a), 0);
	CU_ASSERT_EQUAL(a.cmd, FAULT_ARM_LIST_KINDS);
}

static void t_parse_refusals(void)
{
	static const char *const bad[] = {
		"", "get_drvinfo", "get_drvinfo nul", "get_drvinfo none",
		"self_test null",		/* a KERNEL op: no fault point */
		"getdrvinfo null", "get_drvinfo null extra",
		"get_drvinfo null --interval 0", "get_drvinfo null --interval 3x",
		"get_drvinfo null --interval", "get_drvinfo null --interval -3",
		"get_drvinfo null --probability 101", "get_drvinfo null --times -2",
		"get_drvinfo null --times 2147483648", "get_drvinfo null --seed -1",
		"get_drvinfo null --ms 3600001", "get_drvinfo null --at middle",
		"get_drvinfo null --bogus 1", "get_drvinfo null --off", "--off --show",
		"get_drvinfo leave-dwio --at mid",	/* after the op: no mid */
		"get_drvinfo leave", "get_drvinfo leave-bogus",
	};
	struct fault_arm_args a;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(fu_parse(bad[i], &a), 2);
		/* one line saying what */
		CU_ASSERT(fu_err[0] != '\0' && !strchr(fu_err, '\n'));
	}
}

static void fu_plan(struct pcnet32_fault_plan *p, u32 kind)
{
	pcnet32_fault_plan_init(p);
	p->op = PCNET32_OP_GET_LINK;
	p->kind = kind;
}

/* which of calls 1..n fire, as a bit string */
static void fu_pattern(const struct pcnet32_fault_plan *p, u32 at_mask,
		       unsigned int n, char *out)
{
	struct pcnet32_fault_count c = { 0, 0 };
	unsigned int i;

	for (i = 0; i < n; i++)
		out[i] = pcnet32_fault_decide(p, PCNET32_OP_GET_LINK, at_mask, &c) ? '1' : '0';
	out[n] = '\0';
}

static void t_decide_interval(void)
{
	struct pcnet32_fault_plan p;
	char pat[16];

	fu_plan(&p, PCNET32_FAULT_NULL);
	p.interval = 3;
	p.times = -1;
	fu_pattern(&p, PCNET32_FAULT_ENTRY_MID, 10, pat);
	CU_ASSERT_STRING_EQUAL(pat, "0010010010");	/* calls 3, 6, 9 */
}

static void t_decide_times(void)
{
	struct pcnet32_fault_plan p;
	struct pcnet32_fault_count c = { 0, 0 };
	char pat[16];
	int i;

	fu_plan(&p, PCNET32_FAULT_NULL);
	p.times = 2;
	fu_pattern(&p, PCNET32_FAULT_ENTRY_MID, 6, pat);
	CU_ASSERT_STRING_EQUAL(pat, "110000");
	p.times = 1;		/* the default: the next call, once */
	fu_pattern(&p, PCNET32_FAULT_ENTRY_MID, 4, pat);
	CU_ASSERT_STRING_EQUAL(pat, "1000");
	p.times = 0;
	fu_pattern(&p, PCNET32_FAULT_ENTRY_MID, 4, pat);
	CU_ASSERT_STRING_EQUAL(pat, "0000");
	/* times counts firings, not calls; calls go on being counted */
	p.times = 2;
	p.interval = 2;
	for (i = 0; i < 8; i++)
		pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK, PCNET32_FAULT_ENTRY_MID, &c);
	CU_ASSERT_EQUAL(c.calls, 8);
	CU_ASSERT_EQUAL(c.fired, 2);
}

static void t_decide_probability(void)
{
	struct pcnet32_fault_plan p;
	static char a[1001], b[1001], d[1001];
	size_t ones = 0, i;

	fu_plan(&p, PCNET32_FAULT_CORRUPT);
	p.times = -1;
	p.probability = 30;
	p.seed = 42;
	fu_pattern(&p, PCNET32_FAULT_ENTRY_MID, 1000, a);
	fu_pattern(&p, PCNET32_FAULT_ENTRY_MID, 1000, b);
	CU_ASSERT_STRING_EQUAL(a, b);		/* the same seed, the same pattern */
	for (i = 0; i < 1000; i++)
		ones += a[i] == '1';
	CU_ASSERT(ones > 240 && ones < 360);	/* about 30 % */
	p.seed = 43;
	fu_pattern(&p, PCNET32_FAULT_ENTRY_MID, 1000, d);
	CU_ASSERT(strcmp(a, d) != 0);		/* another seed, another pattern */
	p.probability = 0;
	fu_pattern(&p, PCNET32_FAULT_ENTRY_MID, 1000, d);
	CU_ASSERT_PTR_NULL(strchr(d, '1'));
	p.probability = 100;
	fu_pattern(&p, PCNET32_FAULT_ENTRY_MID, 1000, d);
	CU_ASSERT_PTR_NULL(strchr(d, '0'));
}

/* the sleep that holds an op in the lab tests, every call: no hook of its own */
static void t_parse_hold(void)
{
	struct fault_arm_args a;

	CU_ASSERT_EQUAL(fu_parse("nway_reset sleep --ms 1500 --times -1", &a), 0);
	CU_ASSERT_EQUAL(a.cmd, FAULT_ARM_ARM);
	CU_ASSERT_EQUAL(a.plan.op, PCNET32_OP_NWAY_RESET);
	CU_ASSERT_EQUAL(a.plan.kind, PCNET32_FAULT_SLEEP);
	CU_ASSERT_EQUAL(a.plan.at, PCNET32_FAULT_AT_ENTRY);
	CU_ASSERT_EQUAL(a.plan.ms, 1500);
	CU_ASSERT_EQUAL(a.plan.times, -1);
}

/* the leave kinds: names, parsed as any kind, after the op only */
static void t_parse_leave(void)
{
	static const char *const names[] = {
		"leave-suspend", "leave-rap", "leave-dwio", "leave-rings",
		"leave-iadr", "leave-exit", "leave-hang",
	};
	struct fault_arm_args a;
	char line[64];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CU_ASSERT_EQUAL(pcnet32_fault_kind_find(names[i]),
				(int)(PCNET32_FAULT_LEAVE_FIRST + i));
		CU_ASSERT(pcnet32_fault_kind_after(PCNET32_FAULT_LEAVE_FIRST + (u32)i));
		snprintf(line, sizeof(line), "get_regs %s --times -1", names[i]);
		CU_ASSERT_EQUAL(fu_parse(line, &a), 0);
		CU_ASSERT_EQUAL(a.plan.kind, PCNET32_FAULT_LEAVE_FIRST + i);
		CU_ASSERT_EQUAL(a.plan.op, PCNET32_OP_GET_REGS);
		CU_ASSERT_EQUAL(a.plan.times, -1);
		CU_ASSERT_EQUAL(pcnet32_fault_plan_check(&a.plan), 0);
	}
	CU_ASSERT_EQUAL(PCNET32_FAULT_LEAVE_FIRST + i, PCNET32_FAULT_LEAVE_LAST + 1);
	CU_ASSERT(!pcnet32_fault_kind_after(PCNET32_FAULT_MUTANT));
	CU_ASSERT(!pcnet32_fault_kind_after(PCNET32_FAULT_SCRIBBLE));
	CU_ASSERT(!pcnet32_fault_kind_after(PCNET32_FAULT_SLEEP));
	CU_ASSERT(!pcnet32_fault_kind_after(PCNET32_FAULT_KIND_MAX));
}

static void t_decide_after(void)
{
	struct pcnet32_fault_plan p;
	struct pcnet32_fault_count c = { 0, 0 };

	/* a leave kind: never at the op's entry or mid, not counted there */
	fu_plan(&p, PCNET32_FAULT_LEAVE_DWIO);
	p.times = -1;
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_ENTRY_MID, &c), 0);
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_ENTRY, &c), 0);
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_MID, &c), 0);
	CU_ASSERT_EQUAL(c.calls, 0);
	/* after the op: every call (times -1), another op's not */
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_AFTER, &c), 1);
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_AFTER, &c), 1);
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_REGS,
					     PCNET32_FAULT_AFTER, &c), 0);
	CU_ASSERT_EQUAL(c.calls, 2);
	CU_ASSERT_EQUAL(c.fired, 2);
	/* the other kinds never fire after the op */
	fu_plan(&p, PCNET32_FAULT_SLEEP);
	c.calls = c.fired = 0;
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_AFTER, &c), 0);
	CU_ASSERT_EQUAL(c.calls, 0);
	/* a plan with a leave kind at mid cannot be armed */
	fu_plan(&p, PCNET32_FAULT_LEAVE_SUSPEND);
	CU_ASSERT_EQUAL(pcnet32_fault_plan_check(&p), 0);
	p.at = PCNET32_FAULT_AT_MID;
	CU_ASSERT_EQUAL(pcnet32_fault_plan_check(&p), -EINVAL);
}

static void t_decide_off_and_where(void)
{
	struct pcnet32_fault_plan p;
	struct pcnet32_fault_count c = { 0, 0 };

	/* off: kind none never fires and counts nothing */
	fu_plan(&p, PCNET32_FAULT_NONE);
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_ENTRY_MID, &c), 0);
	CU_ASSERT_EQUAL(c.calls, 0);
	/* another op: not counted */
	fu_plan(&p, PCNET32_FAULT_NULL);
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_REGS,
					     PCNET32_FAULT_ENTRY_MID, &c), 0);
	CU_ASSERT_EQUAL(c.calls, 0);
	/* at mid: not at the entry of an op with a mid point, yes at its mid */
	p.at = PCNET32_FAULT_AT_MID;
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_ENTRY, &c), 0);
	CU_ASSERT_EQUAL(c.calls, 0);
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_MID, &c), 1);
	/* ... and at the entry of an op without one (mid = entry) */
	c.calls = c.fired = 0;
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_ENTRY_MID, &c), 1);
	/* at entry: not at a mid point */
	p.at = PCNET32_FAULT_AT_ENTRY;
	c.calls = c.fired = 0;
	CU_ASSERT_EQUAL(pcnet32_fault_decide(&p, PCNET32_OP_GET_LINK,
					     PCNET32_FAULT_MID, &c), 0);
	CU_ASSERT_EQUAL(c.calls, 0);
}

static void t_names(void)
{
	CU_ASSERT_EQUAL(pcnet32_fault_op_find("get_drvinfo"), PCNET32_OP_GET_DRVINFO);
	CU_ASSERT_EQUAL(pcnet32_fault_op_find("mdio_write"), PCNET32_OP_MDIO_WRITE);
	CU_ASSERT_EQUAL(pcnet32_fault_op_find("self_test"), -1);
	CU_ASSERT_PTR_NULL(pcnet32_fault_op_name(PCNET32_OP_SELF_TEST));
	CU_ASSERT_PTR_NULL(pcnet32_fault_op_name(0));
	CU_ASSERT_PTR_NULL(pcnet32_fault_op_name(PCNET32_OP_MAX));
	CU_ASSERT_STRING_EQUAL(pcnet32_fault_op_name(PCNET32_OP_SET_LINK_KSETTINGS),
			       "set_link_ksettings");
	CU_ASSERT_EQUAL(pcnet32_fault_kind_find("scribble"), PCNET32_FAULT_SCRIBBLE);
	CU_ASSERT_PTR_NULL(pcnet32_fault_kind_name(PCNET32_FAULT_KIND_MAX));
	CU_ASSERT_EQUAL(pcnet32_fault_at_find("mid"), PCNET32_FAULT_AT_MID);
	CU_ASSERT_EQUAL(pcnet32_fault_at_find("exit"), -1);
}

/* ---- the daemon's side, end to end ------------------------------------ */

static char fu_path[64];
static struct pcnet32_fault_shm *fu_arm;	/* fault-arm's mapping */
static struct pcnet32_state fu_st;
static struct pcnet32_ctx fu_ctx = { .io = { FU_BASE }, .priv = &fu_st };

static struct pcnet32_ctx *fu_op(struct pcnet32_ctx *c, u32 op)
{
	c->op = op;
	return c;
}

static int fu_init(void)
{
	int fd;

	snprintf(fu_path, sizeof(fu_path), "/tmp/fault_points_unit.%d", (int)getpid());
	fd = open(fu_path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return 1;
	close(fd);
	setenv(PCNET32_FAULT_FILE_ENV, fu_path, 1);
	memset(&fu_st, 0, sizeof(fu_st));
	fu_st.size = sizeof(fu_st);
	fu_st.msg_enable = 7;
	fu_st.rx_ring_size = 32;
	fu_st.tx_ring_size = 16;
	strcpy(fu_st.drv_version, "1.0-ours");
	/* as pcnet32d does at start */
	if (pcnet32d_fault_setup(-1))
		return 1;
	fu_arm = pcnet32_fault_ctl_map(fu_path, NULL, 0);
	return fu_arm ? 0 : 1;
}

/* back to the private zero page every other suite sees */
static int fu_clean(void)
{
	void *m = mmap(&pcnet32_fault_page, PCNET32_FAULT_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (fu_arm)
		munmap(fu_arm, PCNET32_FAULT_PAGE);
	unlink(fu_path);
	unsetenv(PCNET32_FAULT_FILE_ENV);
	return m == MAP_FAILED;
}

/* as fault-arm does it */
static void fu_arm_line(const char *line)
{
	struct fault_arm_args a;

	CU_ASSERT_EQUAL_FATAL(fu_parse(line, &a), 0);
	CU_ASSERT_EQUAL_FATAL(pcnet32_fault_ctl_lock(fu_arm, 1, 100), 0);
	__atomic_store_n(&fu_arm->armed, 0, __ATOMIC_RELEASE);
	fu_arm->plan = a.plan;
	memset(&fu_arm->count, 0, sizeof(fu_arm->count));
	__atomic_store_n(&fu_arm->armed, a.cmd == FAULT_ARM_ARM, __ATOMIC_RELEASE);
	pcnet32_fault_ctl_unlock(fu_arm);
}

static void t_ctl_mapped(void)
{
	/* the daemon formatted the new file: valid and disarmed */
	CU_ASSERT(pcnet32_fault_ctl_valid(fu_arm));
	CU_ASSERT_EQUAL(fu_arm->armed, 0);
	CU_ASSERT_EQUAL(pcnet32_fault_armed(), 0);
	/* one page, shared: a write through one mapping shows in the other */
	CU_ASSERT_EQUAL((uintptr_t)&pcnet32_fault_page % PCNET32_FAULT_PAGE, 0);
	CU_ASSERT_EQUAL(sizeof(pcnet32_fault_page), PCNET32_FAULT_PAGE);
	fu_arm->armed = 1;
	CU_ASSERT_NOT_EQUAL(pcnet32_fault_armed(), 0);
	fu_arm->armed = 0;
}

static void t_corrupt_fires_once(void)
{
	struct pcnet32_ring rep, good;
	int differs = 0;

	memset(&good, 0, sizeof(good));
	CU_ASSERT_EQUAL(pcnet32_op_get_ringparam(fu_op(&fu_ctx, PCNET32_OP_GET_RINGPARAM), &fu_st, NULL, &good), 0);
	CU_ASSERT_EQUAL(good.rx, 32);
	fu_arm_line("get_ringparam corrupt --seed 7");
	memset(&rep, 0, sizeof(rep));
	CU_ASSERT_EQUAL(pcnet32_op_get_ringparam(fu_op(&fu_ctx, PCNET32_OP_GET_RINGPARAM), &fu_st, NULL, &rep), 0);
	differs = memcmp(&rep, &good, sizeof(rep)) != 0;
	CU_ASSERT(differs);
	CU_ASSERT_EQUAL(fu_arm->count.calls, 1);
	CU_ASSERT_EQUAL(fu_arm->count.fired, 1);
	/* times 1: the next call is normal again, and still counted */
	memset(&rep, 0, sizeof(rep));
	CU_ASSERT_EQUAL(pcnet32_op_get_ringparam(fu_op(&fu_ctx, PCNET32_OP_GET_RINGPARAM), &fu_st, NULL, &rep), 0);
	CU_ASSERT_EQUAL(memcmp(&rep, &good, sizeof(rep)), 0);
	CU_ASSERT_EQUAL(fu_arm->count.calls, 2);
	CU_ASSERT_EQUAL(fu_arm->count.fired, 1);
	/* other ops are untouched */
	CU_ASSERT_EQUAL(fu_arm->count.calls, 2);
}

static void t_badlen_reply(void)
{
	struct pcnet32_drvinfo_rep rep;
	u32 len;

	/* disarmed: the length passes through */
	fu_arm_line("--off");
	CU_ASSERT_EQUAL(pcnet32d_fault_reply_len(sizeof(rep)), sizeof(rep));
	fu_arm_line("get_drvinfo badlen --times 3 --seed 11");
	memset(&rep, 0, sizeof(rep));
	CU_ASSERT_EQUAL(pcnet32_op_get_drvinfo(fu_op(&fu_ctx, PCNET32_OP_GET_DRVINFO), &fu_st, NULL, &rep), 0);
	/* the op's reply is right, its length is not */
	CU_ASSERT_STRING_EQUAL(rep.version, "1.0-ours");
	len = pcnet32d_fault_reply_len(sizeof(rep));
	CU_ASSERT_NOT_EQUAL(len, sizeof(rep));
	/* once per firing only */
	CU_ASSERT_EQUAL(pcnet32d_fault_reply_len(sizeof(rep)), sizeof(rep));
	fu_arm_line("--off");
	CU_ASSERT_EQUAL(pcnet32_op_get_drvinfo(fu_op(&fu_ctx, PCNET32_OP_GET_DRVINFO), &fu_st, NULL, &rep), 0);
	CU_ASSERT_EQUAL(pcnet32d_fault_reply_len(sizeof(rep)), sizeof(rep));
	CU_ASSERT_EQUAL(fu_arm->count.calls, 0);
}

/*
 * scribble's writes go where the daemon's programs go: with direct ports
 * straight to the chip; mediated through the firewall, which lets none of
 * them through in an op that may write nothing (get_regs_len).
 */
static void t_scribble_mediated_refused(void)
{
	static struct pcnet32_regs_rep before, after;
	struct pcnet32_u32 len;
	unsigned long refused = du_submit.refused;

	du_submit.direct = 0;
	CU_ASSERT_EQUAL(pcnet32_op_get_regs(fu_op(&fu_ctx, PCNET32_OP_GET_REGS), &fu_st, NULL, &before), 0);
	fu_arm_line("get_regs_len scribble --seed 3");
	CU_ASSERT_EQUAL(pcnet32_op_get_regs_len(fu_op(&fu_ctx, PCNET32_OP_GET_REGS_LEN), &fu_st, NULL, &len), 0);
	CU_ASSERT_EQUAL(fu_arm->count.fired, 1);
	CU_ASSERT_EQUAL(du_submit.refused - refused, 4);
	fu_arm_line("--off");
	CU_ASSERT_EQUAL(pcnet32_op_get_regs(fu_op(&fu_ctx, PCNET32_OP_GET_REGS), &fu_st, NULL, &after), 0);
	CU_ASSERT_EQUAL(memcmp(before.regs, after.regs, before.len), 0);
}

static void t_scribble_writes_registers(void)
{
	static struct pcnet32_regs_rep before, after, again;
	struct pcnet32_u32 len;

	du_submit.direct = 1;

	CU_ASSERT_EQUAL(pcnet32_op_get_regs(fu_op(&fu_ctx, PCNET32_OP_GET_REGS), &fu_st, NULL, &before), 0);
	fu_arm_line("get_regs_len scribble --seed 3");
	CU_ASSERT_EQUAL(pcnet32_op_get_regs_len(fu_op(&fu_ctx, PCNET32_OP_GET_REGS_LEN), &fu_st, NULL, &len), 0);
	CU_ASSERT_EQUAL(fu_arm->count.fired, 1);
	/* a normal return: the op's own reply is right */
	CU_ASSERT_EQUAL(len.value, before.len);
	CU_ASSERT_EQUAL(pcnet32_op_get_regs(fu_op(&fu_ctx, PCNET32_OP_GET_REGS), &fu_st, NULL, &after), 0);
	CU_ASSERT(memcmp(before.regs, after.regs, before.len) != 0);
	/* disarmed: nothing more changes */
	fu_arm_line("--off");
	CU_ASSERT_EQUAL(pcnet32_op_get_regs_len(fu_op(&fu_ctx, PCNET32_OP_GET_REGS_LEN), &fu_st, NULL, &len), 0);
	CU_ASSERT_EQUAL(pcnet32_op_get_regs(fu_op(&fu_ctx, PCNET32_OP_GET_REGS), &fu_st, NULL, &again), 0);
	CU_ASSERT_EQUAL(memcmp(after.regs, again.regs, after.len), 0);
	du_submit.direct = 0;
}

static void t_mid_point(void)
{
	static struct pcnet32_regs_rep rep, good;

	CU_ASSERT_EQUAL(pcnet32_op_get_regs(fu_op(&fu_ctx, PCNET32_OP_GET_REGS), &fu_st, NULL, &good), 0);
	/* get_regs has a mid point: "mid" does not fire at its entry */
	fu_arm_line("get_regs corrupt --at mid --seed 5");
	memset(&rep, 0, sizeof(rep));
	CU_ASSERT_EQUAL(pcnet32_op_get_regs(fu_op(&fu_ctx, PCNET32_OP_GET_REGS), &fu_st, NULL, &rep), 0);
	CU_ASSERT_EQUAL(fu_arm->count.calls, 1);
	CU_ASSERT_EQUAL(fu_arm->count.fired, 1);
	/* corrupt at mid returns at once with a random reply */
	CU_ASSERT_NOT_EQUAL(rep.len, good.len);
	fu_arm_line("--off");
}

/*
 * A leave fault armed by fault-arm: the op runs untouched (its entry is no
 * point of the kind), the serving loop's point after it gets the kind on
 * every call of that op (times -1), none for another op or disarmed.
 */
static void t_leave_after_op(void)
{
	struct pcnet32_u32 rep;

	fu_arm_line("get_msglevel leave-dwio --times -1");
	CU_ASSERT_EQUAL(pcnet32_op_get_msglevel(fu_op(&fu_ctx, PCNET32_OP_GET_MSGLEVEL), &fu_st, NULL, &rep), 0);
	CU_ASSERT_EQUAL(rep.value, 7);
	CU_ASSERT_EQUAL(fu_arm->count.calls, 0);
	CU_ASSERT_EQUAL(pcnet32d_fault_after(PCNET32_OP_GET_MSGLEVEL), PCNET32_FAULT_LEAVE_DWIO);
	CU_ASSERT_EQUAL(pcnet32d_fault_after(PCNET32_OP_GET_MSGLEVEL), PCNET32_FAULT_LEAVE_DWIO);
	CU_ASSERT_EQUAL(pcnet32d_fault_after(PCNET32_OP_GET_DRVINFO), PCNET32_FAULT_NONE);
	CU_ASSERT_EQUAL(fu_arm->count.fired, 2);
	/* a kind of the op's own points is never the loop's */
	fu_arm_line("get_msglevel sleep --ms 1 --times -1");
	CU_ASSERT_EQUAL(pcnet32d_fault_after(PCNET32_OP_GET_MSGLEVEL), PCNET32_FAULT_NONE);
	CU_ASSERT_EQUAL(fu_arm->count.calls, 0);
	fu_arm_line("--off");
	CU_ASSERT_EQUAL(pcnet32d_fault_after(PCNET32_OP_GET_MSGLEVEL), PCNET32_FAULT_NONE);
}

static void t_lock_held_skips(void)
{
	struct pcnet32_u32 rep;

	fu_arm_line("get_msglevel corrupt --times -1");
	/* fault-arm holds the lock: the daemon neither counts nor fires */
	CU_ASSERT_EQUAL_FATAL(pcnet32_fault_ctl_lock(fu_arm, 1, 100), 0);
	CU_ASSERT_EQUAL(pcnet32_op_get_msglevel(fu_op(&fu_ctx, PCNET32_OP_GET_MSGLEVEL), &fu_st, NULL, &rep), 0);
	CU_ASSERT_EQUAL(rep.value, 7);
	CU_ASSERT_EQUAL(fu_arm->count.calls, 0);
	pcnet32_fault_ctl_unlock(fu_arm);
	CU_ASSERT_EQUAL(pcnet32_op_get_msglevel(fu_op(&fu_ctx, PCNET32_OP_GET_MSGLEVEL), &fu_st, NULL, &rep), 0);
	CU_ASSERT_EQUAL(fu_arm->count.fired, 1);
	fu_arm_line("--off");
}

static CU_TestInfo fault_tests[] = {
	{ "parser: defaults", t_parse_defaults },
	{ "parser: options and commands", t_parse_options },
	{ "parser: refusals", t_parse_refusals },
	{ "decide: interval 3 fires on calls 3, 6, 9", t_decide_interval },
	{ "decide: times", t_decide_times },
	{ "decide: seeded probability", t_decide_probability },
	{ "decide: off, other op, entry/mid", t_decide_off_and_where },
	{ "names", t_names },
	{ "parser: an op held (sleep, every call)", t_parse_hold },
	{ "parser: the leave kinds", t_parse_leave },
	{ "decide: the leave kinds fire after the op only", t_decide_after },
	CU_TEST_INFO_NULL,
};

static CU_TestInfo fault_daemon_tests[] = {
	{ "control file mapped over the fault page", t_ctl_mapped },
	{ "corrupt on get_ringparam fires once", t_corrupt_fires_once },
	{ "badlen: reply length", t_badlen_reply },
	{ "scribble writes the NIC's registers (direct ports)", t_scribble_writes_registers },
	{ "scribble through the firewall: refused, nothing changes", t_scribble_mediated_refused },
	{ "mid point of get_regs", t_mid_point },
	{ "lock held by fault-arm: no decision", t_lock_held_skips },
	{ "leave kinds: after the op, not in it", t_leave_after_op },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "fault: parser and decision", NULL, NULL, fault_tests);
TH_SUITE(unit, "fault: daemon side", fu_init, fu_clean, fault_daemon_tests);
