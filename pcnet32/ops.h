/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The table of slow-path operations: one source of truth for the in-kernel
 * call, the split build's upcall stubs and daemon dispatch, and the
 * benchmark's op list.
 *
 * Every op has a numeric id, an argument struct and a reply struct made of
 * fixed-width types with explicit padding and no pointers (the ids and
 * structures are the upcall ABI's: driver-split/uapi/pcnet32_upcall.h,
 * self-contained, defines them; this table wires them), a side (where
 * it runs in the split build) and lock flags. An op function sees a
 * read-only snapshot of the driver state and its argument, reaches the NIC
 * only through register programs (regprog.h) that its firewall table
 * allows (firewall.h), and writes its reply. Set ops return the new state fields in
 * their reply; the kernel applies them (pcnet32/ethtool.c).
 *
 * Ops of side PCNET32_SIDE_USER are implemented in pcnet32/slow.c, which
 * compiles both into the module and in user space. Ops of side
 * PCNET32_SIDE_KERNEL are implemented in the kernel's own files (the one
 * such op, SELF_TEST, in pcnet32/selftest.c); the reason they cannot move
 * is written beside them.
 *
 * Not in the table because they belong to the fast path or run in atomic
 * context: ndo_set_rx_mode (address filter; called with BHs off under the
 * address list lock), ndo_get_stats64, the watchdog's link check (timer
 * context), open/stop/xmit/NAPI/irq and the TX-timeout recovery.
 */
#ifndef PCNET32_OPS_H
#define PCNET32_OPS_H

#include "compat.h"
#include "hw.h"
#include "port.h"
#include "pcnet32_upcall.h"

/* where an op runs in the split build */
#define PCNET32_SIDE_USER	0
#define PCNET32_SIDE_KERNEL	1

/* op flags */
#define PCNET32_OPF_PORTS	0x1	/* reaches the NIC: runs register programs */
#define PCNET32_OPF_SETS	0x2	/* reply carries state the kernel applies */
#define PCNET32_OPF_SLEEPS	0x4	/* may sleep: never under a spinlock */
/*
 * No side effects: running it again gives the same answer or a fresher
 * one (a get op; reading BMSR again only refreshes its latched link bit).
 * The split build re-queues such a request once for the next daemon when
 * its daemon died holding it. Not for MDIO_READ: it reads any register
 * the caller names, clear-on-read ones included.
 */
#define PCNET32_OPF_REPLAY	0x8
/*
 * A fact: the answer depends only on what the daemon published at attach
 * (PCNET32U_IOC_FACTS), so the split build answers from those facts,
 * checked once, without an upcall (as an upcall when none were published).
 */
#define PCNET32_OPF_FACT	0x10

/* the ABI's limits are the hardware's (pcnet32_upcall.h cannot include hw.h) */
_Static_assert(PCNET32U_DUMP_WORDS == PCNET32_DUMP_WORDS, "dump words");
_Static_assert(PCNET32U_DUMP_PHY_WORDS == PCNET32_DUMP_PHY_WORDS, "PHY words");
_Static_assert(PCNET32U_DUMP_MAX_WORDS == PCNET32_DUMP_MAX_WORDS, "dump size");
_Static_assert(PCNET32U_LED_NUM == PCNET32_BCR_LED_NUM, "LED count");
_Static_assert(PCNET32_OP_MAX <= 64, "HELLO's op bitmap has 64 bits");

/*
 * X(NAME, id, function, argument struct, reply struct, side, flags, reason)
 * side is the token USER or KERNEL (PCNET32_SIDE_##side gives its value).
 * ids are stable: never renumber, only append.
 */
#define PCNET32_OPS(X)							\
	X(GET_DRVINFO, 1, get_drvinfo, pcnet32_none,			\
	  pcnet32_drvinfo_rep, USER, PCNET32_OPF_REPLAY, "")		\
	X(GET_REGS_LEN, 2, get_regs_len, pcnet32_none, pcnet32_u32,	\
	  USER, PCNET32_OPF_REPLAY | PCNET32_OPF_FACT, "")		\
	X(GET_REGS, 3, get_regs, pcnet32_none, pcnet32_regs_rep,	\
	  USER, PCNET32_OPF_PORTS | PCNET32_OPF_REPLAY, "")		\
	X(GET_MSGLEVEL, 4, get_msglevel, pcnet32_none, pcnet32_u32,	\
	  USER, PCNET32_OPF_REPLAY, "")					\
	X(SET_MSGLEVEL, 5, set_msglevel, pcnet32_u32, pcnet32_u32,	\
	  USER, PCNET32_OPF_SETS, "")			\
	X(NWAY_RESET, 6, nway_reset, pcnet32_none, pcnet32_none,	\
	  USER, PCNET32_OPF_PORTS, "")			\
	X(GET_LINK, 7, get_link, pcnet32_none, pcnet32_u32,		\
	  USER, PCNET32_OPF_PORTS | PCNET32_OPF_REPLAY,			\
	  "called while down only: when up the glue answers from the carrier") \
	X(GET_RINGPARAM, 8, get_ringparam, pcnet32_none, pcnet32_ring,	\
	  USER, PCNET32_OPF_REPLAY, "")					\
	X(SET_RINGPARAM, 9, set_ringparam, pcnet32_ring, pcnet32_ring,	\
	  USER, PCNET32_OPF_SETS,				\
	  "validation and rounding only; the kernel reallocates the rings") \
	X(GET_STRINGS, 10, get_strings, pcnet32_sset_arg,		\
	  pcnet32_strings_rep, USER, PCNET32_OPF_REPLAY, "")		\
	X(GET_SSET_COUNT, 11, get_sset_count, pcnet32_sset_arg,		\
	  pcnet32_u32, USER, PCNET32_OPF_REPLAY | PCNET32_OPF_FACT, "")	\
	X(SELF_TEST, 12, self_test, pcnet32_test_arg, pcnet32_test_rep,	\
	  KERNEL, PCNET32_OPF_SLEEPS,			\
	  "loopback test: stops the fast path, needs DMA rings and buffers") \
	X(SET_PHYS_ID, 13, set_phys_id, pcnet32_phys_id_arg,		\
	  pcnet32_phys_id_rep, USER,			\
	  PCNET32_OPF_PORTS | PCNET32_OPF_SETS, "")			\
	X(GET_LINK_KSETTINGS, 14, get_link_ksettings, pcnet32_none,	\
	  pcnet32_link, USER, PCNET32_OPF_PORTS | PCNET32_OPF_REPLAY, "")	\
	X(SET_LINK_KSETTINGS, 15, set_link_ksettings, pcnet32_link,	\
	  pcnet32_link_set_rep, USER,			\
	  PCNET32_OPF_PORTS | PCNET32_OPF_SETS, "")			\
	X(MDIO_READ, 16, mdio_read, pcnet32_mdio_arg, pcnet32_u32,	\
	  USER, PCNET32_OPF_PORTS, "")			\
	X(MDIO_WRITE, 17, mdio_write, pcnet32_mdio_arg, pcnet32_none,	\
	  USER, PCNET32_OPF_PORTS, "")

/* the ids are the ABI's (enum pcnet32_op_id, pcnet32_upcall.h) */
#define PCNET32_OP_ID_CHECK(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	_Static_assert(PCNET32_OP_##NAME == (ID) &&			\
		       sizeof(struct ARG) <= PCNET32U_MAX_ARG &&		\
		       sizeof(struct REP) <= PCNET32U_MAX_REPLY, "op " #NAME);
PCNET32_OPS(PCNET32_OP_ID_CHECK)
#undef PCNET32_OP_ID_CHECK
_Static_assert(sizeof(struct pcnet32_state) <= PCNET32U_MAX_STATE, "state");

/* what an op function sees besides its state, argument and reply */
struct pcnet32_ctx {
	u32 op;		/* the op running: its firewall table applies */
	struct pcnet32_io io;	/* the NIC's ports: for the program runner
				 * (never used by slow.c itself)
				 */
	void *priv;	/* the build's own (kernel: struct pcnet32_private;
			 * daemon: its channel); never dereferenced by slow.c
			 */
};

#define PCNET32_OP_PROTO(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	int pcnet32_op_##FN(struct pcnet32_ctx *ctx,			\
			    const struct pcnet32_state *st,		\
			    const struct ARG *arg, struct REP *rep);
PCNET32_OPS(PCNET32_OP_PROTO)
#undef PCNET32_OP_PROTO

/*
 * Untyped wrappers and dispatch-table rows generated from the table. In
 * user space only USER ops get a function (KERNEL ops' functions are not
 * linked there); in the kernel every op does.
 */
#define PCNET32_WRAP_DEF(FN)						\
	static int pcnet32_wrap_##FN(struct pcnet32_ctx *ctx,		\
				     const struct pcnet32_state *st,	\
				     const void *arg, void *rep)	\
	{								\
		return pcnet32_op_##FN(ctx, st, arg, rep);		\
	}
#define PCNET32_WRAP_USER(FN)	PCNET32_WRAP_DEF(FN)
#define PCNET32_FN_USER(FN)	pcnet32_wrap_##FN
#ifdef __KERNEL__
#define PCNET32_WRAP_KERNEL(FN)	PCNET32_WRAP_DEF(FN)
#define PCNET32_FN_KERNEL(FN)	pcnet32_wrap_##FN
#else
#define PCNET32_WRAP_KERNEL(FN)
#define PCNET32_FN_KERNEL(FN)	NULL
#endif

#define PCNET32_OP_WRAPPER(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	PCNET32_WRAP_##SIDE(FN)
#define PCNET32_OP_DESC(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	[ID] = { #FN, ID, sizeof(struct ARG), sizeof(struct REP),	\
		 PCNET32_SIDE_##SIDE, FLAGS, PCNET32_FN_##SIDE(FN), WHY,	\
		 #NAME },

/* one row of a dispatch table built from PCNET32_OPS */
struct pcnet32_op_desc {
	const char *name;
	u32 id;
	u32 arg_len;
	u32 rep_len;
	u32 side;
	u32 flags;
	int (*fn)(struct pcnet32_ctx *ctx, const struct pcnet32_state *st,
		  const void *arg, void *rep);
	const char *why;
	const char *op_name;	/* NAME, as in PCNET32_OP_<NAME> */
};

/* the chip names reported by probe and drvinfo */
const char *pcnet32_chip_name(u32 chip_id);
/* 1 if the chip has an MII management interface */
int pcnet32_chip_has_mii(u32 chip_id);

#endif /* PCNET32_OPS_H */
