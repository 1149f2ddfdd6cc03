// SPDX-License-Identifier: GPL-2.0
/*
 * Fault points, the part both builds share (see fault.h): the arming
 * decision, the seeded value stream and the names. Compiled into the
 * module, into the daemon and into fault-arm, like slow.c; what the kinds
 * do is in fault-act.c, where the plan lives in fault-kernel.c and
 * driver-split/daemon/fault-user.c.
 */
#include "compat.h"
#include "ops.h"
#include "fault.h"

#ifdef __KERNEL__
#include <linux/stringify.h>
#else
#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)
#endif

static const char * const pcnet32_fault_kinds[PCNET32_FAULT_KIND_MAX] = {
	[PCNET32_FAULT_NONE] = "none",
	[PCNET32_FAULT_NULL] = "null",
	[PCNET32_FAULT_WILD] = "wild",
	[PCNET32_FAULT_ABORT] = "abort",
	[PCNET32_FAULT_LOOP] = "loop",
	[PCNET32_FAULT_SLEEP] = "sleep",
	[PCNET32_FAULT_CORRUPT] = "corrupt",
	[PCNET32_FAULT_BADLEN] = "badlen",
	[PCNET32_FAULT_STACK] = "stack",
	[PCNET32_FAULT_SCRIBBLE] = "scribble",
	[PCNET32_FAULT_LEAVE_SUSPEND] = "leave-suspend",
	[PCNET32_FAULT_LEAVE_RAP] = "leave-rap",
	[PCNET32_FAULT_LEAVE_DWIO] = "leave-dwio",
	[PCNET32_FAULT_LEAVE_RINGS] = "leave-rings",
	[PCNET32_FAULT_LEAVE_IADR] = "leave-iadr",
	[PCNET32_FAULT_LEAVE_EXIT] = "leave-exit",
	[PCNET32_FAULT_LEAVE_HANG] = "leave-hang",
	[PCNET32_FAULT_MUTANT] = "mutant",
};

static const char * const pcnet32_fault_ats[PCNET32_FAULT_AT_MAX] = {
	[PCNET32_FAULT_AT_ENTRY] = "entry",
	[PCNET32_FAULT_AT_MID] = "mid",
};

/* the op table's ids, function names and sides, in table order */
#define PCNET32_FAULT_OP_ID(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	ID,
#define PCNET32_FAULT_OP_FN(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	__stringify(FN),
#define PCNET32_FAULT_OP_SIDE(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	PCNET32_SIDE_##SIDE,

static const u32 pcnet32_fault_op_ids[] = {
	PCNET32_OPS(PCNET32_FAULT_OP_ID)
};

static const char * const pcnet32_fault_op_fns[] = {
	PCNET32_OPS(PCNET32_FAULT_OP_FN)
};

static const u32 pcnet32_fault_op_sides[] = {
	PCNET32_OPS(PCNET32_FAULT_OP_SIDE)
};

void pcnet32_fault_plan_init(struct pcnet32_fault_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->kind = PCNET32_FAULT_NONE;
	p->at = PCNET32_FAULT_AT_ENTRY;
	p->interval = 1;
	p->probability = PCNET32_FAULT_PROB_MAX;
	p->times = 1;
}

int pcnet32_fault_plan_check(const struct pcnet32_fault_plan *p)
{
	if (!pcnet32_fault_op_name(p->op))
		return -EINVAL;
	if (p->kind == PCNET32_FAULT_NONE || p->kind >= PCNET32_FAULT_KIND_MAX)
		return -EINVAL;
	/* after the op, so at no point of it; only a daemon has that point */
	if (pcnet32_fault_kind_after(p->kind)) {
#ifdef __KERNEL__
		return -EINVAL;
#endif
		if (p->at != PCNET32_FAULT_AT_ENTRY)
			return -EINVAL;
	}
	if (p->kind == PCNET32_FAULT_MUTANT ? p->mutant >= PCNET32_MUT_MAX :
	    p->mutant != 0)
		return -EINVAL;
	if (p->at >= PCNET32_FAULT_AT_MAX || p->interval < 1 ||
	    p->probability > PCNET32_FAULT_PROB_MAX || p->times < -1 ||
	    p->ms > PCNET32_FAULT_MS_MAX)
		return -EINVAL;
	return 0;
}

/*
 * As the kernel's should_fail(): a call is counted, then it must not be
 * past the times limit, must be an interval-th call, and must win the
 * probability draw. The draw is a function of the seed and the call's
 * number, so a seed gives the same pattern every time.
 */
static int pcnet32_fault_count_fire(const struct pcnet32_fault_plan *p,
				    struct pcnet32_fault_count *c)
{
	c->calls++;
	if (p->times >= 0 && c->fired >= (u64)p->times)
		return 0;
	if (p->interval > 1 && c->calls % p->interval)
		return 0;
	if (p->probability < PCNET32_FAULT_PROB_MAX &&
	    pcnet32_fault_rand(p->seed, c->calls) % PCNET32_FAULT_PROB_MAX >=
	    p->probability)
		return 0;
	c->fired++;
	return 1;
}

/* a fault point's call counts only for the armed op at the armed point */
int pcnet32_fault_decide(const struct pcnet32_fault_plan *p, u32 op,
			 u32 at_mask, struct pcnet32_fault_count *c)
{
	u32 point;

	if (p->kind == PCNET32_FAULT_NONE || p->kind >= PCNET32_FAULT_KIND_MAX ||
	    p->kind == PCNET32_FAULT_MUTANT || p->op != op ||
	    p->at >= PCNET32_FAULT_AT_MAX)
		return 0;
	point = pcnet32_fault_kind_after(p->kind) ? PCNET32_FAULT_AFTER : 1U << p->at;
	if (!(at_mask & point))
		return 0;
	return pcnet32_fault_count_fire(p, c);
}

/* a mutant site's execution counts only for the armed site */
int pcnet32_fault_decide_mutant(const struct pcnet32_fault_plan *p, u32 n,
				struct pcnet32_fault_count *c)
{
	if (p->kind != PCNET32_FAULT_MUTANT || !n || p->mutant != n)
		return 0;
	return pcnet32_fault_count_fire(p, c);
}

u64 pcnet32_fault_rand(u64 seed, u64 n)
{
	u64 z = seed + (n + 1) * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

const char *pcnet32_fault_kind_name(u32 kind)
{
	return kind < PCNET32_FAULT_KIND_MAX ? pcnet32_fault_kinds[kind] : NULL;
}

int pcnet32_fault_kind_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < PCNET32_FAULT_KIND_MAX; i++)
		if (!strcmp(name, pcnet32_fault_kinds[i]))
			return i;
	return -1;
}

const char *pcnet32_fault_at_name(u32 at)
{
	return at < PCNET32_FAULT_AT_MAX ? pcnet32_fault_ats[at] : NULL;
}

int pcnet32_fault_at_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < PCNET32_FAULT_AT_MAX; i++)
		if (!strcmp(name, pcnet32_fault_ats[i]))
			return i;
	return -1;
}

const char *pcnet32_fault_op_name(u32 op)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pcnet32_fault_op_ids); i++)
		if (pcnet32_fault_op_ids[i] == op &&
		    pcnet32_fault_op_sides[i] == PCNET32_SIDE_USER)
			return pcnet32_fault_op_fns[i];
	return NULL;
}

int pcnet32_fault_op_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pcnet32_fault_op_ids); i++)
		if (pcnet32_fault_op_sides[i] == PCNET32_SIDE_USER &&
		    !strcmp(name, pcnet32_fault_op_fns[i]))
			return pcnet32_fault_op_ids[i];
	return -1;
}
