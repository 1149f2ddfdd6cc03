/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mutant schemata of the slow path: every mutated site of slow.c
 * (faultinject/mutate/ writes the schemata file build/mutants/slow.c and
 * its list, mutants.tsv) asks pcnet32_mut(n) whether its mutant n fires
 * on this execution, and runs the original code when it does not.
 *
 * pcnet32_mut(n) is 0 unless a fault of kind "mutant" naming n is armed
 * (fault.h: plan.kind PCNET32_FAULT_MUTANT, plan.mutant n) and this
 * execution fires by the plan's interval, probability and times; then it
 * is a nonzero value of the plan's seeded stream, which the operators
 * that corrupt a value draw their bit from. Disarmed, it is the fault
 * points' one predictable branch (a static key in the kernel, one load of
 * the control page in the daemon). Armed with mutant 0 (tracing), no site
 * fires and every site reached is recorded (the kernel's debugfs
 * pcnet32-fault/mutants-seen, the daemon's control page).
 *
 * Each macro evaluates each of its operands at most once, so a site
 * behaves as the original code when its mutant does not fire.
 */
#ifndef PCNET32_MUTANT_H
#define PCNET32_MUTANT_H

#include "fault.h"

/* what a missing initialization leaves in a variable */
#define PCNET32_MUT_JUNK	0x5a5a5a5a5a5a5a5aULL
/* how far a copy overruns: bytes, or register words of a bulk read */
#define PCNET32_MUT_OVER_BYTES	64
#define PCNET32_MUT_OVER_WORDS	8

static inline u64 pcnet32_mut(u32 n)
{
	if (pcnet32_fault_armed())
		return pcnet32_mut_hit(n);
	return 0;
}

/* 0, or one bit below bits set when mutant n fires */
static inline u64 pcnet32_mut_bit(u32 n, u32 bits)
{
	u64 r = pcnet32_mut(n);

	return r ? 1ULL << ((r >> 1) % bits) : 0;
}

/* off by one in a comparison */
#define PCNET32_MUT_LT(n, a, b)	(pcnet32_mut(n) ? (a) <= (b) : (a) < (b))
#define PCNET32_MUT_LE(n, a, b)	(pcnet32_mut(n) ? (a) < (b) : (a) <= (b))
#define PCNET32_MUT_GT(n, a, b)	(pcnet32_mut(n) ? (a) >= (b) : (a) > (b))
#define PCNET32_MUT_GE(n, a, b)	(pcnet32_mut(n) ? (a) > (b) : (a) >= (b))
/* an if's condition: inverted (ni), or the branch deleted (nb: always taken) */
#define PCNET32_MUT_IF(ni, nb, c)					\
	(pcnet32_mut(nb) ? 1 : pcnet32_mut(ni) ? !(c) : !!(c))
/* a loop's condition inverted */
#define PCNET32_MUT_NOT(n, c)	(pcnet32_mut(n) ? !(c) : !!(c))
/* an expression statement deleted */
#define PCNET32_MUT_SKIP(n, e)	(pcnet32_mut(n) ? (void)0 : (void)(e))
/* a variable of type T left uninitialized: it holds junk */
#define PCNET32_MUT_INIT(n, T, e)					\
	(pcnet32_mut(n) ? (T)(uintptr_t)PCNET32_MUT_JUNK : (e))
/* an assignment's value stored to the wrong place: x keeps its value */
#define PCNET32_MUT_DST(n, x, e)					\
	({ __typeof__(x) pcnet32_mut_sink;				\
	   *(pcnet32_mut(n) ? &pcnet32_mut_sink : &(x)) = (e); })
/* an integer value (assigned, or passed) with one bit flipped */
#define PCNET32_MUT_FLIP(n, e)						\
	((e) ^ (__typeof__((e) + 0))pcnet32_mut_bit(n, 8 * sizeof((e) + 0)))
/* a pointer with one of its 48 address bits flipped */
#define PCNET32_MUT_PTR(n, p)						\
	((__typeof__(p))((uintptr_t)(p) ^ (uintptr_t)pcnet32_mut_bit(n, 48)))
/* a call with two of its arguments swapped (mutant), or as written */
#define PCNET32_MUT_SEL(n, mutant, original)				\
	(pcnet32_mut(n) ? (mutant) : (original))
/* an index one past */
#define PCNET32_MUT_IDX(n, i)	((i) + (pcnet32_mut(n) ? 1 : 0))
/* a copy's length too long by `by` */
#define PCNET32_MUT_OVER(n, len, by)	((len) + (pcnet32_mut(n) ? (by) : 0))
/* an allocation that fails */
#define PCNET32_MUT_ALLOC(n, call)	(pcnet32_mut(n) ? NULL : (call))

#endif /* PCNET32_MUTANT_H */
