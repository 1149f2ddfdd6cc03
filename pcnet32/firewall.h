/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The register firewall: which registers each slow-path op may read, and
 * which bits of which registers it may write, in the shape of regmap's
 * access tables (rd_table, wr_table). One table per op of the op table
 * (pcnet32/ops.h), named pcnet32_fw_<function>: an op without its table
 * does not compile (firewall.c builds the index from PCNET32_OPS).
 *
 * Above every op's table stands the deny list, the registers no program
 * may write whatever an op's table says (pcnet32_fw_never()): CSR0 and
 * CSR5 (the executor's SUSPEND and RESUME only), every register that
 * carries a DMA address, a ring length or position or descriptor state,
 * the interrupt masks and features, the software style and I/O mode, the
 * MII manager and its address/data pair (the MII space reaches the PHY).
 * RAP, the reset ports and the address PROM cannot be written by any
 * program at all (regprog.h).
 *
 * Both builds check every program against its op's table (regaccess.c):
 * in the split build it is what stands between a daemon and the chip; in
 * the in-kernel build the same check keeps the two builds' programs equal.
 */
#ifndef PCNET32_FIREWALL_H
#define PCNET32_FIREWALL_H

#include "compat.h"
#include "pcnet32_upcall.h"

struct pcnet32_state;

/* range flags */
#define PCNET32_FW_RD		0x1	/* readable */
#define PCNET32_FW_OWN_PHY	0x2	/* MII: only the NIC's own PHY (and the
					 * MII space only on a chip with one)
					 */

struct pcnet32_fw_range {
	u8 space;		/* PCNET32U_SPACE_* */
	u8 flags;		/* PCNET32_FW_* */
	u16 first;		/* registers first..last; MII: register */
	u16 last;		/* numbers 0..31 (the PHY is checked apart) */
	u16 wmask;		/* the bits it may write; 0: none */
};

struct pcnet32_fw_table {
	const struct pcnet32_fw_range *ranges;
	u32 n;
	bool suspend;		/* may suspend and resume the chip */
};

/* the op's table, or NULL (no such op) */
const struct pcnet32_fw_table *pcnet32_fw_table(u32 op);

/* the bits of reg the deny list leaves writable (0xffff: all, 0: none) */
u16 pcnet32_fw_never(u8 space, u16 reg);

/* may op read reg? may it write the bits of wmask? (st: its PHY address) */
bool pcnet32_fw_may_read(u32 op, const struct pcnet32_state *st, u8 space,
			 u16 reg);
u16 pcnet32_fw_writable(u32 op, const struct pcnet32_state *st, u8 space,
			u16 reg);

/*
 * A structurally checked program (pcnet32_regprog_check()) against op's
 * table and the deny list: 0, or -EPERM with *bad the first access
 * refused. WRITE needs every bit of the register writable, UPDATE's mask
 * only writable bits; READ, BULK and POLL readable registers; SUSPEND
 * and RESUME an op that may suspend.
 */
int pcnet32_fw_check(u32 op, const struct pcnet32_state *st,
		     const struct pcnet32u_reg_op *ops, u32 n, u32 *bad);

#endif /* PCNET32_FIREWALL_H */
