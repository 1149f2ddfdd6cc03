/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault points of the slow path: one fault, armed at run time, injected
 * into the same op function in both builds (pcnet32/slow.c compiles into
 * the module and into the daemon).
 *
 * An op calls pcnet32_fault_point() at its entry and, for ops with a
 * register sequence, in its middle (chip suspended). Disarmed, the call is
 * one predictable branch: a static key in the kernel, one load and compare
 * of a word of the shared control file in the daemon. Armed, the shared
 * decision (pcnet32_fault_decide(), after the knobs of the kernel's
 * fault-injection framework: interval, probability, times) says whether
 * this call fires; pcnet32_fault_act() then does what the kind says.
 *
 * Where the plan lives is per build: the module's debugfs directory
 * pcnet32-fault/ (pcnet32/fault-kernel.c), or the daemon's control file
 * /run/pcnet32d.fault (driver-split/daemon/fault-user.c); the guest tool
 * fault-arm (faultinject/arm/arm.c) writes either.
 */
#ifndef PCNET32_FAULT_H
#define PCNET32_FAULT_H

#include "compat.h"
#include "ops.h"

/* kinds; 0 is "none" (disarmed). Names: pcnet32_fault_kind_name(). */
enum pcnet32_fault_kind {
	PCNET32_FAULT_NONE = 0,
	PCNET32_FAULT_NULL,	/* NULL dereference */
	PCNET32_FAULT_WILD,	/* write to a seeded random address */
	PCNET32_FAULT_ABORT,	/* BUG() / abort() */
	PCNET32_FAULT_LOOP,	/* spin forever inside the op */
	PCNET32_FAULT_SLEEP,	/* sleep plan.ms, then go on */
	PCNET32_FAULT_CORRUPT,	/* random reply, then return 0 */
	PCNET32_FAULT_BADLEN,	/* reply of the wrong length */
	PCNET32_FAULT_STACK,	/* unbounded recursion */
	PCNET32_FAULT_SCRIBBLE,	/* random CSR/BCR writes, then go on */
	/*
	 * The leave kinds: after the op, before its reply, a daemon with
	 * direct ports leaves the chip as a broken or hostile daemon would,
	 * for the kernel's chip repair to find (split build only; the
	 * kernel's build refuses them; a mediated daemon has no port to
	 * leave so and only logs the firing). They fire at the point
	 * PCNET32_FAULT_AFTER of the daemon's serving loop, never at an op's
	 * entry or middle.
	 */
	PCNET32_FAULT_LEAVE_SUSPEND,	/* CSR5 SPND set */
	PCNET32_FAULT_LEAVE_RAP,	/* RAP left at CSR88 */
	PCNET32_FAULT_LEAVE_DWIO,	/* a 32-bit write to RDP: DWIO mode */
	PCNET32_FAULT_LEAVE_RINGS,	/* ring bases CSR24/25, 30/31 zeroed */
	PCNET32_FAULT_LEAVE_IADR,	/* init-block address CSR1/2 zeroed */
	PCNET32_FAULT_LEAVE_EXIT,	/* suspend, then die without replying */
	PCNET32_FAULT_LEAVE_HANG,	/* suspend, then sleep 10 s */
	/*
	 * A mutant of the schemata build (mutant.h): the site plan.mutant of
	 * slow.c runs its mutated code when it fires; the op's fault points
	 * never fire for it. plan.mutant 0 fires nothing and records every
	 * site reached.
	 */
	PCNET32_FAULT_MUTANT,
	PCNET32_FAULT_KIND_MAX
};
#define PCNET32_FAULT_LEAVE_FIRST	PCNET32_FAULT_LEAVE_SUSPEND
#define PCNET32_FAULT_LEAVE_LAST	PCNET32_FAULT_LEAVE_HANG
/* mutants' indexes are 1 .. PCNET32_MUT_MAX - 1 (mutants.tsv) */
#define PCNET32_MUT_MAX			16384

/* a leave kind: fires after the op (PCNET32_FAULT_AFTER) */
static inline int pcnet32_fault_kind_after(u32 kind)
{
	return kind >= PCNET32_FAULT_LEAVE_FIRST && kind <= PCNET32_FAULT_LEAVE_LAST;
}

/* where in the op: plan.at, and the bits of a point's at_mask */
#define PCNET32_FAULT_AT_ENTRY	0
#define PCNET32_FAULT_AT_MID	1
#define PCNET32_FAULT_AT_MAX	2
/* the entry of an op with a mid point */
#define PCNET32_FAULT_ENTRY	(1U << PCNET32_FAULT_AT_ENTRY)
/* a mid point: in the register sequence, chip suspended */
#define PCNET32_FAULT_MID	(1U << PCNET32_FAULT_AT_MID)
/* the entry of an op without a mid point: "mid" fires here too */
#define PCNET32_FAULT_ENTRY_MID	(PCNET32_FAULT_ENTRY | PCNET32_FAULT_MID)
/*
 * after the op, before its reply (the daemon's serving loop): the leave
 * kinds' only point, whatever plan.at says (it must say entry)
 */
#define PCNET32_FAULT_AFTER	(1U << PCNET32_FAULT_AT_MAX)

#define PCNET32_FAULT_PROB_MAX	100
#define PCNET32_FAULT_MS_MAX	3600000U	/* an hour */

/* what to inject, where and when; fixed-width: it is also a file layout */
struct pcnet32_fault_plan {
	u32 op;			/* PCNET32_OP_* of an op of side USER */
	u32 kind;		/* PCNET32_FAULT_* */
	u32 at;			/* PCNET32_FAULT_AT_* */
	u32 interval;		/* fire on every interval-th call (>= 1) */
	u32 probability;	/* percent, 0..100 */
	s32 times;		/* fire at most this often; -1: no limit */
	u64 seed;		/* of the probability draws and the kinds' values */
	u32 ms;			/* sleep: how long */
	u32 mutant;		/* kind mutant: the site; else zero */
};

struct pcnet32_fault_count {
	u64 calls;		/* calls of the armed op at the armed point */
	u64 fired;
};

/* a disarmed plan: the defaults fault-arm starts from */
void pcnet32_fault_plan_init(struct pcnet32_fault_plan *p);
/* 0 if the plan can be armed, else -EINVAL */
int pcnet32_fault_plan_check(const struct pcnet32_fault_plan *p);

/*
 * The arming decision, the one function both builds use: does this call
 * of op at a point serving at_mask fire? Counts the call in c (only calls
 * of the armed op at the armed point count) and, if it fires, the firing.
 * Pure: its only effect is on *c.
 */
int pcnet32_fault_decide(const struct pcnet32_fault_plan *p, u32 op,
			 u32 at_mask, struct pcnet32_fault_count *c);

/*
 * The same for a mutant's site n (kind mutant, plan.mutant n): counts the
 * site's executions in c and the firing. Pure.
 */
int pcnet32_fault_decide_mutant(const struct pcnet32_fault_plan *p, u32 n,
				struct pcnet32_fault_count *c);

/* the n-th value of the stream seed (splitmix64): pure */
u64 pcnet32_fault_rand(u64 seed, u64 n);

/* names: NULL for an unknown number; lookups return -1 for an unknown name */
const char *pcnet32_fault_kind_name(u32 kind);
int pcnet32_fault_kind_find(const char *name);
const char *pcnet32_fault_at_name(u32 at);
int pcnet32_fault_at_find(const char *name);
/* only ops of side USER (implemented in slow.c) have fault points */
const char *pcnet32_fault_op_name(u32 op);
int pcnet32_fault_op_find(const char *name);

/*
 * Armed and this call fires: do what the plan's kind says. Returns 1 if
 * the op is to return 0 at once (corrupt: its reply is the fault), else 0
 * (the op goes on); some kinds do not return at all.
 */
int pcnet32_fault_hit(u32 op, u32 at_mask, struct pcnet32_ctx *ctx,
		      void *rep, size_t rep_len);
/* the kinds' actions, given the plan and the number of this firing */
int pcnet32_fault_act(const struct pcnet32_fault_plan *p, u64 fire,
		      struct pcnet32_ctx *ctx, void *rep, size_t rep_len);

/*
 * A mutant site n reached while a fault is armed (mutant.h): 0, or a
 * nonzero value of the plan's stream when mutant n fires.
 */
u64 pcnet32_mut_hit(u32 n);

/* per build: fault-kernel.c or driver-split/daemon/fault-user.c */
int pcnet32_fault_take(u32 op, u32 at_mask, struct pcnet32_fault_plan *p,
		       u64 *fire);
/*
 * pcnet32_fault_take() for mutant site n: 1 when it fires (plan and
 * firing in *p and *fire); records the site as reached when tracing
 */
int pcnet32_mut_take(u32 n, struct pcnet32_fault_plan *p, u64 *fire);
void pcnet32_fault_abort(void);
void pcnet32_fault_sleep(u32 ms);
void pcnet32_fault_relax(void);
unsigned long pcnet32_fault_wild_addr(u64 r);
void pcnet32_fault_badlen(void *rep, size_t rep_len, u64 r);
/*
 * scribble's register write, as a bug in the op would do it: in the
 * kernel straight to the chip (under the register lock, as the op's own
 * accesses); in the daemon through whatever reaches the NIC there (the
 * kernel's firewall when mediated, its own ports when direct). space is
 * PCNET32U_SPACE_CSR or PCNET32U_SPACE_BCR.
 */
void pcnet32_fault_poke(struct pcnet32_ctx *ctx, u8 space, u16 reg, u16 val);

#ifdef __KERNEL__

#include <linux/jump_label.h>

/* enabled only while a fault is armed (pcnet32/fault-kernel.c) */
DECLARE_STATIC_KEY_FALSE(pcnet32_fault_key);

static inline int pcnet32_fault_armed(void)
{
	return static_branch_unlikely(&pcnet32_fault_key);
}

/* the in-kernel build's debugfs directory (dispatch-inkernel.c) */
void pcnet32_fault_init(void);
void pcnet32_fault_exit(void);

#else /* user space */

#define PCNET32_FAULT_MAGIC	0x46323370U	/* "p32F" */
#define PCNET32_FAULT_VERSION	2
#define PCNET32_FAULT_PAGE	4096

/*
 * The split build's control file (/run/pcnet32d.fault): one page, written
 * by fault-arm, mapped MAP_SHARED by the daemon over pcnet32_fault_page.
 * It outlives the daemon, so the counters (and "at most times") hold
 * across the supervisor's restarts. The lock word serializes fault-arm's
 * plan updates with the daemon's decisions without a system call.
 */
struct pcnet32_fault_shm {
	u32 magic;		/* PCNET32_FAULT_MAGIC */
	u32 version;		/* PCNET32_FAULT_VERSION */
	u32 size;		/* sizeof(struct pcnet32_fault_shm) */
	u32 armed;		/* the word the fault points load: 1 armed */
	u32 lock;		/* 0 free, else the holder's pid */
	u32 pad;
	struct pcnet32_fault_plan plan;
	struct pcnet32_fault_count count;	/* bumped by the daemon */
	/* kind mutant, plan.mutant 0: bit n set when site n was reached */
	u8 mut_seen[PCNET32_MUT_MAX / 8];
};

union pcnet32_fault_page {
	struct pcnet32_fault_shm shm;
	u8 bytes[PCNET32_FAULT_PAGE];
};

/* page aligned, a page long: the daemon maps the control file over it */
extern union pcnet32_fault_page pcnet32_fault_page;

static inline int pcnet32_fault_armed(void)
{
	return __builtin_expect(__atomic_load_n(&pcnet32_fault_page.shm.armed,
						__ATOMIC_RELAXED) != 0, 0);
}

#endif /* __KERNEL__ */

/*
 * The fault point. at_mask: PCNET32_FAULT_ENTRY_MID at the entry of an op
 * without a register sequence, PCNET32_FAULT_ENTRY / PCNET32_FAULT_MID in
 * one with. A nonzero return means: return 0 now.
 */
static inline int pcnet32_fault_point(u32 op, u32 at_mask,
				      struct pcnet32_ctx *ctx, void *rep,
				      size_t rep_len)
{
	if (pcnet32_fault_armed())
		return pcnet32_fault_hit(op, at_mask, ctx, rep, rep_len);
	return 0;
}

#endif /* PCNET32_FAULT_H */
