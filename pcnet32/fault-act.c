// SPDX-License-Identifier: GPL-2.0
/*
 * Fault points: what each kind does once the decision (fault.c) says a
 * call fires. Shared by both builds like slow.c; the few actions that
 * differ (abort, sleep, wild addresses, badlen) are the per-build hooks of
 * fault-kernel.c and driver-split/daemon/fault-user.c.
 */
#include "compat.h"
#include "hw.h"
#include "port.h"
#include "ops.h"
#include "fault.h"

#ifndef __KERNEL__
#define noinline __attribute__((noipa))
#define asm __asm__	/* C11 has no asm keyword */
#endif

/* scribble: how many random register writes */
#define PCNET32_FAULT_SCRIBBLES	4
/* the registers a scribble picks from: every CSR, the BCRs the dump has */
#define PCNET32_FAULT_NCSR	128
#define PCNET32_FAULT_NBCR	36

int pcnet32_fault_hit(u32 op, u32 at_mask, struct pcnet32_ctx *ctx,
		      void *rep, size_t rep_len)
{
	struct pcnet32_fault_plan p;
	u64 fire;

	if (!pcnet32_fault_take(op, at_mask, &p, &fire))
		return 0;
	return pcnet32_fault_act(&p, fire, ctx, rep, rep_len);
}

/* a store the compiler may assume nothing about: not the address, not dead */
static void pcnet32_fault_store(unsigned long addr, u64 val)
{
	u64 *p = (u64 *)addr;

	asm volatile("" : "+r" (p));
	*p = val;
	asm volatile("" : : : "memory");
}

/*
 * Unbounded recursion: each frame is live across the call (its address
 * escapes, its bytes are read after the call returns), so the compiler can
 * neither drop it nor turn the recursion into a loop. stop is never
 * reached; it only keeps the recursion from being provably infinite.
 */
static noinline u32 pcnet32_fault_recurse(const u8 *up, u32 depth, u32 stop)
{
	u8 frame[128];

	if (depth == stop)
		return 0;
	memset(frame, up ? up[depth % sizeof(frame)] + 1 : 1, sizeof(frame));
	asm volatile("" : : "r" (frame) : "memory");
	return pcnet32_fault_recurse(frame, depth + 1, stop) +
	       frame[depth % sizeof(frame)];
}

static void pcnet32_fault_scribble(struct pcnet32_ctx *ctx, u64 seed,
				   u64 base)
{
	unsigned int i;
	u64 r;

	for (i = 0; i < PCNET32_FAULT_SCRIBBLES; i++) {
		r = pcnet32_fault_rand(seed, base + i);
		if (r & 1)
			pcnet32_fault_poke(ctx, PCNET32U_SPACE_BCR,
					   (r >> 8) % PCNET32_FAULT_NBCR,
					   (u16)(r >> 32));
		else
			pcnet32_fault_poke(ctx, PCNET32U_SPACE_CSR,
					   (r >> 8) % PCNET32_FAULT_NCSR,
					   (u16)(r >> 32));
	}
}

int pcnet32_fault_act(const struct pcnet32_fault_plan *p, u64 fire,
		      struct pcnet32_ctx *ctx, void *rep, size_t rep_len)
{
	/* each firing draws its own values: stream p->seed, from fire * 64 */
	u64 base = fire << 6;
	u32 stop = ~0U;
	u8 *b = rep;
	size_t i;

	switch (p->kind) {
	case PCNET32_FAULT_NULL:
		pcnet32_fault_store(0, pcnet32_fault_rand(p->seed, base));
		return 0;
	case PCNET32_FAULT_WILD:
		pcnet32_fault_store(pcnet32_fault_wild_addr(pcnet32_fault_rand(p->seed, base)),
				    pcnet32_fault_rand(p->seed, base + 1));
		return 0;
	case PCNET32_FAULT_ABORT:
		pcnet32_fault_abort();
		return 0;
	case PCNET32_FAULT_LOOP:
		for (;;)
			pcnet32_fault_relax();
	case PCNET32_FAULT_SLEEP:
		pcnet32_fault_sleep(p->ms);
		return 0;
	case PCNET32_FAULT_CORRUPT:
		for (i = 0; i < rep_len; i++)
			b[i] = (u8)pcnet32_fault_rand(p->seed, base + 8 + i);
		return 1;
	case PCNET32_FAULT_BADLEN:
		pcnet32_fault_badlen(rep, rep_len, pcnet32_fault_rand(p->seed, base));
		return 0;
	case PCNET32_FAULT_STACK:
		asm volatile("" : "+r" (stop));
		pcnet32_fault_recurse(NULL, 0, stop);
		return 0;
	case PCNET32_FAULT_SCRIBBLE:
		pcnet32_fault_scribble(ctx, p->seed, base);
		return 0;
	default:
		/* the leave kinds: the daemon's serving loop, after the op */
		return 0;
	}
	return 0;
}

u64 pcnet32_mut_hit(u32 n)
{
	struct pcnet32_fault_plan p;
	u64 fire;

	if (!pcnet32_mut_take(n, &p, &fire))
		return 0;
	/* nonzero: the sites test it; the bit drawn from it is above bit 0 */
	return pcnet32_fault_rand(p.seed, fire) | 1;
}
