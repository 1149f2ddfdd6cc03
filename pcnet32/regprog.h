/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Register programs: how a slow-path op reaches the NIC, in both builds.
 *
 * An op (pcnet32/slow.c) does not touch the ports. It builds a short
 * program of register accesses (the primitives of the upcall ABI's
 * PCNET32U_IOC_REGS, in the vocabulary of the kernel's regmap: read,
 * write, update-bits, bulk read, poll-until; suspend and resume of the
 * chip as primitives of their own) and submits it; what must be atomic
 * (the register dump's suspend, reads, resume) is one program. The build
 * decides how a program runs (pcnet32_regs_submit()):
 *
 *   inkernel, and split in the kernel: checked against the op's firewall
 *       (firewall.c) and run by pcnet32_regprog_run() under the driver's
 *       register lock (regaccess.c), one program per lock hold;
 *   the split daemon, mediated (the default): one PCNET32U_IOC_REGS per
 *       program, the same check and run in the kernel;
 *   the split daemon with direct ports (the paper's design, an ablation):
 *       pcnet32_regprog_run() on its own ports, no firewall.
 *
 * RAP, the reset ports and the double-word I/O mode belong to the
 * executor alone; no program can name them.
 */
#ifndef PCNET32_REGPROG_H
#define PCNET32_REGPROG_H

#include "compat.h"
#include "port.h"
#include "pcnet32_upcall.h"

struct pcnet32_ctx;

/* accesses a slow-path op's program may hold (the ABI allows more) */
#define PCNET32_BATCH_OPS	16

/*
 * A program being built, with where each access's out words go. The add
 * functions never fail: an overflow is remembered and reported by
 * pcnet32_batch_run() (-E2BIG), so an op reads as a plain sequence.
 */
struct pcnet32_batch {
	u32 n;
	int err;
	struct pcnet32u_reg_op ops[PCNET32_BATCH_OPS];
	u16 *dst[PCNET32_BATCH_OPS];
};

void pcnet32_batch_init(struct pcnet32_batch *b);
void pcnet32_batch_read(struct pcnet32_batch *b, u8 space, u16 reg, u16 *out);
void pcnet32_batch_bulk(struct pcnet32_batch *b, u8 space, u16 first,
			u16 count, u16 *out);
void pcnet32_batch_write(struct pcnet32_batch *b, u8 space, u16 reg, u16 val);
/* reg = (reg & ~mask) | (val & mask); *old (may be NULL) the value before */
void pcnet32_batch_update(struct pcnet32_batch *b, u8 space, u16 reg,
			  u16 mask, u16 val, u16 *old);
void pcnet32_batch_poll(struct pcnet32_batch *b, u8 space, u16 reg, u16 mask,
			u16 val, u16 timeout_us, u16 *last);
/* *suspended (may be NULL): 1 if the chip ran and was suspended */
void pcnet32_batch_suspend(struct pcnet32_batch *b, u16 *suspended);
void pcnet32_batch_resume(struct pcnet32_batch *b);
/*
 * Submit the program for ctx's op and scatter the out words. Returns 0,
 * or a negative errno (nothing scattered): -E2BIG, -EPERM (the firewall),
 * -ETIMEDOUT (a POLL), or the channel's errors in the daemon.
 */
int pcnet32_batch_run(struct pcnet32_ctx *ctx, struct pcnet32_batch *b);

/*
 * The structure and bounds of a program, before anything runs: -EINVAL
 * (an unknown primitive or space, a register beyond its space, a field
 * the primitive does not use not zero, RESUME without SUSPEND, SUSPEND
 * twice or never resumed) or -E2BIG (too many accesses or out words, more
 * than PCNET32U_REGS_MAX_POLL_US of polling). *n_vals: its out words.
 */
int pcnet32_regprog_check(const struct pcnet32u_reg_op *ops, u32 n,
			  u32 *n_vals);

/* what a run did */
struct pcnet32_regprog_result {
	u32 n_vals;		/* out words written */
	u32 n_done;		/* accesses completed */
	u32 accesses;		/* register reads and writes on the chip */
};

/*
 * Run a checked program on the chip at io: the caller holds whatever
 * keeps others off the index/data pairs (the register lock). A chip this
 * program suspended is resumed whatever happens; RAP is left at CSR0.
 * Returns 0 or -ETIMEDOUT (a POLL ran out: the program stops there).
 */
int pcnet32_regprog_run(const struct pcnet32_io *io,
			const struct pcnet32u_reg_op *ops, u32 n, u16 *vals,
			struct pcnet32_regprog_result *res);

/*
 * Per build: run the program of ctx's op (see the top of this file).
 * vals has room for PCNET32U_REGS_MAX_VALS words; *n_vals is set.
 */
int pcnet32_regs_submit(struct pcnet32_ctx *ctx,
			const struct pcnet32u_reg_op *ops, u32 n, u16 *vals,
			u32 *n_vals);

#endif /* PCNET32_REGPROG_H */
