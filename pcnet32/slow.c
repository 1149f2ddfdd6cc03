// SPDX-License-Identifier: GPL-2.0
/*
 * Slow-path operations of the PCnet32 driver (see ops.h).
 *
 * Written once; compiled into the module (inkernel build) or into the
 * user-space daemon (split build). Each op sees a read-only state snapshot
 * and its argument, writes only its reply, and reaches the NIC only
 * through register programs (regprog.h): one program per sequence that
 * must be atomic, checked against the op's firewall table (firewall.c)
 * and run by the kernel under the register lock, in both builds (a split
 * daemon with direct ports, the ablation, runs them on its own ports
 * instead: regprog.h). The fault points called "mid" sit between
 * building an op's program and running it.
 */
#include "compat.h"
#include "hw.h"
#include "ops.h"
#include "regprog.h"
#include "fault.h"

#define CSR	PCNET32U_SPACE_CSR
#define BCR	PCNET32U_SPACE_BCR
#define MII	PCNET32U_SPACE_MII
#define APROM	PCNET32U_SPACE_APROM
/* a PHY register's number in the MII space */
#define PCNET32_MII_REG(phy, reg)	((u16)((((phy) & 31) << 5) | ((reg) & 31)))

#ifndef __KERNEL__
/* every op has the table's uniform signature: some ignore a parameter */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif

/* legacy ethtool SUPPORTED_* / ADVERTISED_* bits used here */
#define PCNET32_SUP_10_HALF	0x00000001
#define PCNET32_SUP_10_FULL	0x00000002
#define PCNET32_SUP_100_HALF	0x00000004
#define PCNET32_SUP_100_FULL	0x00000008
#define PCNET32_SUP_AUTONEG	0x00000040
#define PCNET32_SUP_TP		0x00000080
#define PCNET32_SUP_AUI		0x00000100
#define PCNET32_SUP_MII		0x00000200

/* MII registers and bits (IEEE 802.3 clause 22) */
#define PCNET32_MII_BMCR	0
#define PCNET32_MII_BMSR	1
#define PCNET32_MII_ADV		4
#define PCNET32_MII_LPA		5
#define PCNET32_BMCR_SPEED100	0x2000
#define PCNET32_BMCR_ANENABLE	0x1000
#define PCNET32_BMCR_ANRESTART	0x0200
#define PCNET32_BMCR_FULLDPLX	0x0100
#define PCNET32_BMSR_100FULL	0x4000
#define PCNET32_BMSR_100HALF	0x2000
#define PCNET32_BMSR_10FULL	0x1000
#define PCNET32_BMSR_10HALF	0x0800
#define PCNET32_BMSR_ANEGCAPABLE 0x0008
#define PCNET32_BMSR_LSTATUS	0x0004
#define PCNET32_ADV_10HALF	0x0020
#define PCNET32_ADV_10FULL	0x0040
#define PCNET32_ADV_100HALF	0x0080
#define PCNET32_ADV_100FULL	0x0100

static const struct {
	u16 part;
	u8 mii;
	const char *name;
} pcnet32_chips[] = {
	{ 0x2420, 0, "PCnet/PCI 79C970" },
	{ 0x2430, 0, "PCnet32 79C965" },
	{ PCNET32_PART_79C970A, 0, "PCnet/PCI II 79C970A" },
	{ PCNET32_PART_79C971, 1, "PCnet/FAST 79C971" },
	{ PCNET32_PART_79C972, 1, "PCnet/FAST+ 79C972" },
	{ 0x2625, 1, "PCnet/FAST III 79C973" },
	{ PCNET32_PART_79C978, 1, "PCnet/Home 79C978" },
	{ PCNET32_PART_79C975, 1, "PCnet/FAST III 79C975" },
	{ PCNET32_PART_79C976, 1, "PCnet/PRO 79C976" },
};

const char *pcnet32_chip_name(u32 chip_id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pcnet32_chips); i++)
		if (pcnet32_chips[i].part == PCNET32_CHIPID_PART(chip_id))
			return pcnet32_chips[i].name;
	return NULL;
}

int pcnet32_chip_has_mii(u32 chip_id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pcnet32_chips); i++)
		if (pcnet32_chips[i].part == PCNET32_CHIPID_PART(chip_id))
			return pcnet32_chips[i].mii;
	return 0;
}

int pcnet32_op_get_drvinfo(struct pcnet32_ctx *ctx,
			   const struct pcnet32_state *st,
			   const struct pcnet32_none *arg,
			   struct pcnet32_drvinfo_rep *rep)
{
	if (pcnet32_fault_point(PCNET32_OP_GET_DRVINFO, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	strscpy(rep->driver, PCNET32_DRV_NAME, sizeof(rep->driver));
	strscpy(rep->version, st->drv_version, sizeof(rep->version));
	strscpy(rep->bus_info, st->bus_info, sizeof(rep->bus_info));
	return 0;
}

static u32 pcnet32_regs_len(const struct pcnet32_state *st)
{
	u32 words = PCNET32_DUMP_WORDS;

	if (st->has_mii)
		words += PCNET32_DUMP_PHY_WORDS;
	return words * sizeof(u16);
}

int pcnet32_op_get_regs_len(struct pcnet32_ctx *ctx,
			    const struct pcnet32_state *st,
			    const struct pcnet32_none *arg,
			    struct pcnet32_u32 *rep)
{
	if (pcnet32_fault_point(PCNET32_OP_GET_REGS_LEN, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	rep->value = pcnet32_regs_len(st);
	return 0;
}

/*
 * The dump: 8 address PROM words, CSR0..89, CSR112, CSR114, BCR0..35 and,
 * on chips with an MII, the 32 registers of the PHY. A running chip is
 * suspended while its registers are read: one program.
 */
int pcnet32_op_get_regs(struct pcnet32_ctx *ctx,
			const struct pcnet32_state *st,
			const struct pcnet32_none *arg,
			struct pcnet32_regs_rep *rep)
{
	struct pcnet32_batch b;
	u16 *w = rep->regs;

	if (pcnet32_fault_point(PCNET32_OP_GET_REGS, PCNET32_FAULT_ENTRY,
				ctx, rep, sizeof(*rep)))
		return 0;
	rep->len = pcnet32_regs_len(st);
	pcnet32_batch_init(&b);
	pcnet32_batch_suspend(&b, NULL);
	pcnet32_batch_bulk(&b, APROM, 0, PCNET32_DUMP_APROM_WORDS, w);
	w += PCNET32_DUMP_APROM_WORDS;
	pcnet32_batch_bulk(&b, CSR, 0, PCNET32_DUMP_CSRS, w);
	w += PCNET32_DUMP_CSRS;
	pcnet32_batch_read(&b, CSR, PCNET32_CSR_MISSC, w++);
	pcnet32_batch_read(&b, CSR, PCNET32_CSR_RCVCC, w++);
	pcnet32_batch_bulk(&b, BCR, 0, PCNET32_DUMP_BCRS, w);
	w += PCNET32_DUMP_BCRS;
	if (st->has_mii)
		pcnet32_batch_bulk(&b, MII, PCNET32_MII_REG(st->phy_addr, 0),
				   PCNET32_DUMP_PHY_WORDS, w);
	pcnet32_batch_resume(&b);
	/* mid: the program built, not yet run */
	if (pcnet32_fault_point(PCNET32_OP_GET_REGS, PCNET32_FAULT_MID, ctx,
				rep, sizeof(*rep)))
		return 0;
	return pcnet32_batch_run(ctx, &b);
}

int pcnet32_op_get_msglevel(struct pcnet32_ctx *ctx,
			    const struct pcnet32_state *st,
			    const struct pcnet32_none *arg,
			    struct pcnet32_u32 *rep)
{
	if (pcnet32_fault_point(PCNET32_OP_GET_MSGLEVEL, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	rep->value = st->msg_enable;
	return 0;
}

int pcnet32_op_set_msglevel(struct pcnet32_ctx *ctx,
			    const struct pcnet32_state *st,
			    const struct pcnet32_u32 *arg,
			    struct pcnet32_u32 *rep)
{
	if (pcnet32_fault_point(PCNET32_OP_SET_MSGLEVEL, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	rep->value = arg->value;
	return 0;
}

int pcnet32_op_nway_reset(struct pcnet32_ctx *ctx,
			  const struct pcnet32_state *st,
			  const struct pcnet32_none *arg,
			  struct pcnet32_none *rep)
{
	u16 bmreg = PCNET32_MII_REG(st->phy_addr, PCNET32_MII_BMCR);
	struct pcnet32_batch b;
	u16 bmcr = 0;
	int ret;

	if (pcnet32_fault_point(PCNET32_OP_NWAY_RESET, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	if (!st->has_mii)
		return -EOPNOTSUPP;
	pcnet32_batch_init(&b);
	pcnet32_batch_read(&b, MII, bmreg, &bmcr);
	ret = pcnet32_batch_run(ctx, &b);
	if (ret)
		return ret;
	if (!(bmcr & PCNET32_BMCR_ANENABLE))
		return -EINVAL;
	pcnet32_batch_init(&b);
	pcnet32_batch_update(&b, MII, bmreg, PCNET32_BMCR_ANRESTART,
			     PCNET32_BMCR_ANRESTART, NULL);
	return pcnet32_batch_run(ctx, &b);
}

int pcnet32_op_get_link(struct pcnet32_ctx *ctx,
			const struct pcnet32_state *st,
			const struct pcnet32_none *arg,
			struct pcnet32_u32 *rep)
{
	struct pcnet32_batch b;
	u16 v[2] = { 0, 0 };
	int ret;

	if (pcnet32_fault_point(PCNET32_OP_GET_LINK, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	pcnet32_batch_init(&b);
	if (st->has_mii) {
		/* the link bit latches low: the second read is current */
		u16 bmsr = PCNET32_MII_REG(st->phy_addr, PCNET32_MII_BMSR);

		pcnet32_batch_read(&b, MII, bmsr, &v[0]);
		pcnet32_batch_read(&b, MII, bmsr, &v[1]);
	} else {
		pcnet32_batch_read(&b, BCR, PCNET32_BCR_LED0, &v[1]);
	}
	ret = pcnet32_batch_run(ctx, &b);
	if (ret)
		return ret;
	rep->value = st->has_mii ? !!(v[1] & PCNET32_BMSR_LSTATUS) :
				   !!(v[1] & PCNET32_BCR_LEDOUT);
	return 0;
}

int pcnet32_op_get_ringparam(struct pcnet32_ctx *ctx,
			     const struct pcnet32_state *st,
			     const struct pcnet32_none *arg,
			     struct pcnet32_ring *rep)
{
	if (pcnet32_fault_point(PCNET32_OP_GET_RINGPARAM, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	rep->rx_max = PCNET32_RING_MAX;
	rep->tx_max = PCNET32_RING_MAX;
	rep->rx = st->rx_ring_size;
	rep->tx = st->tx_ring_size;
	return 0;
}

/* sizes are rounded up to a power of two in [4, 512] */
int pcnet32_op_set_ringparam(struct pcnet32_ctx *ctx,
			     const struct pcnet32_state *st,
			     const struct pcnet32_ring *arg,
			     struct pcnet32_ring *rep)
{
	if (pcnet32_fault_point(PCNET32_OP_SET_RINGPARAM, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	if (arg->rx_mini || arg->rx_jumbo)
		return -EINVAL;
	rep->rx_max = PCNET32_RING_MAX;
	rep->tx_max = PCNET32_RING_MAX;
	rep->rx = 1U << pcnet32_ring_log2(arg->rx);
	rep->tx = 1U << pcnet32_ring_log2(arg->tx);
	return 0;
}

static const char pcnet32_test_names[PCNET32_TEST_LEN][PCNET32_STR_LEN] = {
	"Loopback test  (offline)",
};

int pcnet32_op_get_strings(struct pcnet32_ctx *ctx,
			   const struct pcnet32_state *st,
			   const struct pcnet32_sset_arg *arg,
			   struct pcnet32_strings_rep *rep)
{
	unsigned int i;

	if (pcnet32_fault_point(PCNET32_OP_GET_STRINGS, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	if (arg->sset != PCNET32_SS_TEST)
		return -EOPNOTSUPP;
	rep->count = PCNET32_TEST_LEN;
	for (i = 0; i < PCNET32_TEST_LEN; i++)
		memcpy(rep->strings[i], pcnet32_test_names[i], PCNET32_STR_LEN);
	return 0;
}

int pcnet32_op_get_sset_count(struct pcnet32_ctx *ctx,
			      const struct pcnet32_state *st,
			      const struct pcnet32_sset_arg *arg,
			      struct pcnet32_u32 *rep)
{
	if (pcnet32_fault_point(PCNET32_OP_GET_SSET_COUNT, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	if (arg->sset != PCNET32_SS_TEST)
		return -EOPNOTSUPP;
	rep->value = PCNET32_TEST_LEN;
	return 0;
}

/*
 * Identify the port by blinking its LEDs: inverting the polarity of
 * BCR4..7 lights the dark LEDs and darkens the lit ones. The values the
 * LEDs had before are the kernel's (st->led_save: it reads them at ACTIVE
 * and writes them back after INACTIVE); the op flips the polarity bits.
 */
int pcnet32_op_set_phys_id(struct pcnet32_ctx *ctx,
			   const struct pcnet32_state *st,
			   const struct pcnet32_phys_id_arg *arg,
			   struct pcnet32_phys_id_rep *rep)
{
	struct pcnet32_batch b;
	unsigned int i;
	u16 pol;

	if (pcnet32_fault_point(PCNET32_OP_SET_PHYS_ID, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	switch (arg->state) {
	case PCNET32_ID_ACTIVE:
		rep->cycles = 2;
		return 0;
	case PCNET32_ID_ON:
	case PCNET32_ID_OFF:
	case PCNET32_ID_INACTIVE:
		pcnet32_batch_init(&b);
		for (i = 0; i < PCNET32_BCR_LED_NUM; i++) {
			pol = st->led_save[i] & PCNET32_BCR_LEDPOL;
			if (arg->state == PCNET32_ID_ON)
				pol ^= PCNET32_BCR_LEDPOL;
			pcnet32_batch_update(&b, BCR, PCNET32_BCR_LED0 + i,
					     PCNET32_BCR_LEDPOL, pol, NULL);
		}
		return pcnet32_batch_run(ctx, &b);
	}
	return -EINVAL;
}

static void pcnet32_mii_get_link(const struct pcnet32_state *st,
				 const u16 *mii, struct pcnet32_link *rep)
{
	u16 bmcr = mii[0], bmsr = mii[1], adv = mii[2], lpa = mii[3];
	u16 common = adv & lpa;

	rep->supported = PCNET32_SUP_MII;
	if (bmsr & PCNET32_BMSR_10HALF)
		rep->supported |= PCNET32_SUP_10_HALF;
	if (bmsr & PCNET32_BMSR_10FULL)
		rep->supported |= PCNET32_SUP_10_FULL;
	if (bmsr & PCNET32_BMSR_100HALF)
		rep->supported |= PCNET32_SUP_100_HALF;
	if (bmsr & PCNET32_BMSR_100FULL)
		rep->supported |= PCNET32_SUP_100_FULL;
	if (bmsr & PCNET32_BMSR_ANEGCAPABLE)
		rep->supported |= PCNET32_SUP_AUTONEG;
	rep->advertising = PCNET32_SUP_MII;
	if (adv & PCNET32_ADV_10HALF)
		rep->advertising |= PCNET32_SUP_10_HALF;
	if (adv & PCNET32_ADV_10FULL)
		rep->advertising |= PCNET32_SUP_10_FULL;
	if (adv & PCNET32_ADV_100HALF)
		rep->advertising |= PCNET32_SUP_100_HALF;
	if (adv & PCNET32_ADV_100FULL)
		rep->advertising |= PCNET32_SUP_100_FULL;
	rep->port = PCNET32_PORT_MII;
	rep->phy_address = st->phy_addr;
	if (bmcr & PCNET32_BMCR_ANENABLE) {
		rep->autoneg = 1;
		rep->advertising |= PCNET32_SUP_AUTONEG;
		rep->speed = (common & (PCNET32_ADV_100FULL |
					PCNET32_ADV_100HALF)) ? 100 : 10;
		rep->duplex = (common & (PCNET32_ADV_100FULL |
					 PCNET32_ADV_10FULL)) ?
			      PCNET32_DUPLEX_FULL : PCNET32_DUPLEX_HALF;
	} else {
		rep->speed = (bmcr & PCNET32_BMCR_SPEED100) ? 100 : 10;
		rep->duplex = (bmcr & PCNET32_BMCR_FULLDPLX) ?
			      PCNET32_DUPLEX_FULL : PCNET32_DUPLEX_HALF;
	}
}

/*
 * Chips without an MII run at 10 Mb/s on twisted pair or AUI. With
 * automatic port selection the chip uses twisted pair while the 10BASE-T
 * link passes, AUI otherwise.
 */
int pcnet32_op_get_link_ksettings(struct pcnet32_ctx *ctx,
				  const struct pcnet32_state *st,
				  const struct pcnet32_none *arg,
				  struct pcnet32_link *rep)
{
	struct pcnet32_batch b;
	u16 mii[4] = { 0 }, led = 0;
	int tp, ret;

	if (pcnet32_fault_point(PCNET32_OP_GET_LINK_KSETTINGS, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	rep->transceiver = PCNET32_XCVR_INTERNAL;
	pcnet32_batch_init(&b);
	if (st->has_mii) {
		pcnet32_batch_bulk(&b, MII, PCNET32_MII_REG(st->phy_addr,
							    PCNET32_MII_BMCR),
				   2, &mii[0]);
		pcnet32_batch_bulk(&b, MII, PCNET32_MII_REG(st->phy_addr,
							    PCNET32_MII_ADV),
				   2, &mii[2]);
		ret = pcnet32_batch_run(ctx, &b);
		if (ret)
			return ret;
		pcnet32_mii_get_link(st, mii, rep);
		return 0;
	}
	rep->supported = PCNET32_SUP_TP | PCNET32_SUP_AUI;
	rep->speed = 10;
	rep->duplex = st->fdx ? PCNET32_DUPLEX_FULL : PCNET32_DUPLEX_HALF;
	rep->autoneg = !!st->autoneg;
	if (st->autoneg) {
		/* only the link LED tells which port the chip selected */
		pcnet32_batch_read(&b, BCR, PCNET32_BCR_LED0, &led);
		ret = pcnet32_batch_run(ctx, &b);
		if (ret)
			return ret;
		tp = !!(led & PCNET32_BCR_LEDOUT);
	} else {
		tp = !!st->port_tp;
	}
	rep->port = tp ? PCNET32_PORT_TP : PCNET32_PORT_AUI;
	return 0;
}

/*
 * Without an MII: autoneg on turns on automatic port selection (BCR2 ASEL)
 * and leaves port and duplex as they are; autoneg off selects the port
 * (CSR15 PORTSEL: twisted pair, or AUI for any other port, with the chip
 * suspended) and the duplex (BCR9). The speed is always 10 Mb/s and is
 * not checked. With an MII: the PHY's BMCR. One program either way.
 */
int pcnet32_op_set_link_ksettings(struct pcnet32_ctx *ctx,
				  const struct pcnet32_state *st,
				  const struct pcnet32_link *arg,
				  struct pcnet32_link_set_rep *rep)
{
	u16 fdc, bmcr = 0, mask;
	struct pcnet32_batch b;

	if (pcnet32_fault_point(PCNET32_OP_SET_LINK_KSETTINGS, PCNET32_FAULT_ENTRY,
				ctx, rep, sizeof(*rep)))
		return 0;
	rep->autoneg = st->autoneg;
	rep->port_tp = st->port_tp;
	rep->fdx = st->fdx;
	pcnet32_batch_init(&b);
	if (st->has_mii) {
		if (arg->autoneg) {
			mask = PCNET32_BMCR_ANENABLE | PCNET32_BMCR_ANRESTART;
			bmcr = mask;
		} else {
			if (arg->speed != 10 && arg->speed != 100)
				return -EINVAL;
			mask = PCNET32_BMCR_ANENABLE | PCNET32_BMCR_SPEED100 |
			       PCNET32_BMCR_FULLDPLX;
			if (arg->speed == 100)
				bmcr |= PCNET32_BMCR_SPEED100;
			if (arg->duplex == PCNET32_DUPLEX_FULL)
				bmcr |= PCNET32_BMCR_FULLDPLX;
		}
		pcnet32_batch_update(&b, MII, PCNET32_MII_REG(st->phy_addr,
							      PCNET32_MII_BMCR),
				     mask, bmcr, NULL);
	} else if (arg->autoneg) {
		pcnet32_batch_update(&b, BCR, PCNET32_BCR_MC, PCNET32_BCR_MC_ASEL,
				     PCNET32_BCR_MC_ASEL, NULL);
		rep->autoneg = 1;
	} else {
		rep->autoneg = 0;
		rep->port_tp = arg->port == PCNET32_PORT_TP;
		rep->fdx = arg->duplex == PCNET32_DUPLEX_FULL;
		fdc = rep->fdx ? PCNET32_BCR_FDC_FDEN | PCNET32_BCR_FDC_AUIFD : 0;
		pcnet32_batch_update(&b, BCR, PCNET32_BCR_MC, PCNET32_BCR_MC_ASEL,
				     0, NULL);
		pcnet32_batch_update(&b, BCR, PCNET32_BCR_FDC,
				     PCNET32_BCR_FDC_FDEN | PCNET32_BCR_FDC_AUIFD,
				     fdc, NULL);
		pcnet32_batch_suspend(&b, NULL);
		pcnet32_batch_update(&b, CSR, PCNET32_CSR_MODE,
				     PCNET32_MODE_PORTSEL,
				     rep->port_tp ? PCNET32_MODE_PORT_10BT :
						    PCNET32_MODE_PORT_AUI, NULL);
		pcnet32_batch_resume(&b);
	}
	/* mid: the program built, not yet run */
	if (pcnet32_fault_point(PCNET32_OP_SET_LINK_KSETTINGS, PCNET32_FAULT_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	return pcnet32_batch_run(ctx, &b);
}

int pcnet32_op_mdio_read(struct pcnet32_ctx *ctx,
			 const struct pcnet32_state *st,
			 const struct pcnet32_mdio_arg *arg,
			 struct pcnet32_u32 *rep)
{
	struct pcnet32_batch b;
	u16 v = 0;
	int ret;

	if (pcnet32_fault_point(PCNET32_OP_MDIO_READ, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	if (!st->has_mii)
		return -EOPNOTSUPP;
	pcnet32_batch_init(&b);
	pcnet32_batch_read(&b, MII, PCNET32_MII_REG(arg->phy, arg->reg), &v);
	ret = pcnet32_batch_run(ctx, &b);
	if (ret)
		return ret;
	rep->value = v;
	return 0;
}

int pcnet32_op_mdio_write(struct pcnet32_ctx *ctx,
			  const struct pcnet32_state *st,
			  const struct pcnet32_mdio_arg *arg,
			  struct pcnet32_none *rep)
{
	struct pcnet32_batch b;

	if (pcnet32_fault_point(PCNET32_OP_MDIO_WRITE, PCNET32_FAULT_ENTRY_MID,
				ctx, rep, sizeof(*rep)))
		return 0;
	if (!st->has_mii)
		return -EOPNOTSUPP;
	pcnet32_batch_init(&b);
	pcnet32_batch_write(&b, MII, PCNET32_MII_REG(arg->phy, arg->reg),
			    (u16)arg->value);
	return pcnet32_batch_run(ctx, &b);
}
