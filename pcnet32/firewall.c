// SPDX-License-Identifier: GPL-2.0
/*
 * The register firewall's tables and check (see firewall.h). Shared by
 * the module and the host unit tests.
 */
#include "compat.h"
#include "hw.h"
#include "ops.h"
#include "firewall.h"

/* IEEE 802.3 clause 22 registers and bits (as <linux/mii.h> names them) */
#define PCNET32_FW_BMCR		0
#define PCNET32_FW_BMSR		1
#define PCNET32_FW_ADV		4
#define PCNET32_FW_LPA		5
#define PCNET32_FW_BMCR_LINK	0x3300	/* SPEED100 ANENABLE ANRESTART FULLDPLX */
#define PCNET32_FW_BMCR_ANRESTART 0x0200

#define FW_RANGE(SPACE, FIRST, LAST, FLAGS, WMASK)			\
	{ PCNET32U_SPACE_##SPACE, FLAGS, FIRST, LAST, WMASK }
#define FW_TABLE(NAME, SUSPEND)						\
	static const struct pcnet32_fw_table pcnet32_fw_##NAME = {		\
		pcnet32_fw_ranges_##NAME, ARRAY_SIZE(pcnet32_fw_ranges_##NAME), \
		SUSPEND }
#define FW_NONE(NAME)							\
	static const struct pcnet32_fw_table pcnet32_fw_##NAME = { NULL, 0, false }

/* ---- the ops' tables: what each op of slow.c reaches ------------------ */

FW_NONE(get_drvinfo);
FW_NONE(get_regs_len);
FW_NONE(get_msglevel);
FW_NONE(set_msglevel);
FW_NONE(get_ringparam);
FW_NONE(set_ringparam);
FW_NONE(get_strings);
FW_NONE(get_sset_count);
FW_NONE(self_test);	/* runs in the kernel, on its own rings */

/* the dump: APROM, CSR0..89, CSR112, CSR114, BCR0..35, the PHY; read only */
static const struct pcnet32_fw_range pcnet32_fw_ranges_get_regs[] = {
	FW_RANGE(APROM, 0, PCNET32_DUMP_APROM_WORDS - 1, PCNET32_FW_RD, 0),
	FW_RANGE(CSR, 0, PCNET32_DUMP_CSRS - 1, PCNET32_FW_RD, 0),
	FW_RANGE(CSR, PCNET32_CSR_MISSC, PCNET32_CSR_MISSC, PCNET32_FW_RD, 0),
	FW_RANGE(CSR, PCNET32_CSR_RCVCC, PCNET32_CSR_RCVCC, PCNET32_FW_RD, 0),
	FW_RANGE(BCR, 0, PCNET32_DUMP_BCRS - 1, PCNET32_FW_RD, 0),
	FW_RANGE(MII, 0, PCNET32_DUMP_PHY_WORDS - 1,
		 PCNET32_FW_RD | PCNET32_FW_OWN_PHY, 0),
};
FW_TABLE(get_regs, true);

/* restart autonegotiation: BMCR's restart bit */
static const struct pcnet32_fw_range pcnet32_fw_ranges_nway_reset[] = {
	FW_RANGE(MII, PCNET32_FW_BMCR, PCNET32_FW_BMCR,
		 PCNET32_FW_RD | PCNET32_FW_OWN_PHY, PCNET32_FW_BMCR_ANRESTART),
};
FW_TABLE(nway_reset, false);

/* the link LED, or the PHY's status */
static const struct pcnet32_fw_range pcnet32_fw_ranges_get_link[] = {
	FW_RANGE(BCR, PCNET32_BCR_LED0, PCNET32_BCR_LED0, PCNET32_FW_RD, 0),
	FW_RANGE(MII, PCNET32_FW_BMSR, PCNET32_FW_BMSR,
		 PCNET32_FW_RD | PCNET32_FW_OWN_PHY, 0),
};
FW_TABLE(get_link, false);

/* blinking: the polarity of the four LEDs, nothing else */
static const struct pcnet32_fw_range pcnet32_fw_ranges_set_phys_id[] = {
	FW_RANGE(BCR, PCNET32_BCR_LED0, PCNET32_BCR_LED0 + PCNET32_BCR_LED_NUM - 1,
		 PCNET32_FW_RD, PCNET32_BCR_LEDPOL),
};
FW_TABLE(set_phys_id, false);

static const struct pcnet32_fw_range pcnet32_fw_ranges_get_link_ksettings[] = {
	FW_RANGE(BCR, PCNET32_BCR_LED0, PCNET32_BCR_LED0, PCNET32_FW_RD, 0),
	FW_RANGE(MII, PCNET32_FW_BMCR, PCNET32_FW_BMSR,
		 PCNET32_FW_RD | PCNET32_FW_OWN_PHY, 0),
	FW_RANGE(MII, PCNET32_FW_ADV, PCNET32_FW_LPA,
		 PCNET32_FW_RD | PCNET32_FW_OWN_PHY, 0),
};
FW_TABLE(get_link_ksettings, false);

/*
 * Port selection (BCR2's automatic selection, CSR15's port field, with the
 * chip suspended), duplex (BCR9), or the PHY's speed, duplex and
 * autonegotiation bits.
 */
static const struct pcnet32_fw_range pcnet32_fw_ranges_set_link_ksettings[] = {
	FW_RANGE(BCR, PCNET32_BCR_MC, PCNET32_BCR_MC, PCNET32_FW_RD,
		 PCNET32_BCR_MC_ASEL),
	FW_RANGE(BCR, PCNET32_BCR_FDC, PCNET32_BCR_FDC, PCNET32_FW_RD,
		 PCNET32_BCR_FDC_FDEN | PCNET32_BCR_FDC_AUIFD),
	FW_RANGE(CSR, PCNET32_CSR_MODE, PCNET32_CSR_MODE, PCNET32_FW_RD,
		 PCNET32_MODE_PORTSEL),
	FW_RANGE(MII, PCNET32_FW_BMCR, PCNET32_FW_BMCR,
		 PCNET32_FW_RD | PCNET32_FW_OWN_PHY, PCNET32_FW_BMCR_LINK),
};
FW_TABLE(set_link_ksettings, true);

/* the MII ioctls: any register of any PHY, as the caller names it */
static const struct pcnet32_fw_range pcnet32_fw_ranges_mdio_read[] = {
	FW_RANGE(MII, 0, 31, PCNET32_FW_RD, 0),
};
FW_TABLE(mdio_read, false);

static const struct pcnet32_fw_range pcnet32_fw_ranges_mdio_write[] = {
	FW_RANGE(MII, 0, 31, PCNET32_FW_RD, 0xffff),
};
FW_TABLE(mdio_write, false);

/* the index: a row of PCNET32_OPS without its pcnet32_fw_<fn> fails here */
#define PCNET32_FW_ROW(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	[ID] = &pcnet32_fw_##FN,
static const struct pcnet32_fw_table *const pcnet32_fw_index[PCNET32_OP_MAX] = {
	PCNET32_OPS(PCNET32_FW_ROW)
};
#undef PCNET32_FW_ROW

const struct pcnet32_fw_table *pcnet32_fw_table(u32 op)
{
	return op < PCNET32_OP_MAX ? pcnet32_fw_index[op] : NULL;
}

/* ---- the deny list ---------------------------------------------------- */

u16 pcnet32_fw_never(u8 space, u16 reg)
{
	switch (space) {
	case PCNET32U_SPACE_CSR:
		/*
		 * CSR0 (start, stop, init, interrupt acknowledge) and CSR5
		 * (suspend): the executor's primitives only. CSR1/2 and 16-47
		 * (DMA addresses, descriptor state), 8-14 (the filter and the
		 * station address, the kernel's), 3/4 (interrupt masks,
		 * features), 58 (software style), 72-78 (ring positions and
		 * lengths), 80-127 (DMA, bus timers, counters, test): never.
		 * CSR15 is the mode register: only its port field is not the
		 * kernel's (loopback, receive and transmit disable, promiscuous
		 * mode are).
		 */
		return reg == PCNET32_CSR_MODE ? PCNET32_MODE_PORTSEL : 0;
	case PCNET32U_SPACE_BCR:
		/*
		 * BCR2's automatic port selection, the LEDs (BCR4..7; bit 15
		 * reads the LED's state) and BCR9's duplex bits; never the I/O
		 * mode and bursts (BCR18), the EEPROM (BCR19, whose reload
		 * reprograms the chip), the software style (BCR20), the MII
		 * manager and its address/data pair (BCR32..34), nor the rest.
		 */
		if (reg == PCNET32_BCR_MC)
			return PCNET32_BCR_MC_ASEL;
		if (reg >= PCNET32_BCR_LED0 &&
		    reg < PCNET32_BCR_LED0 + PCNET32_BCR_LED_NUM)
			return (u16)~PCNET32_BCR_LEDOUT;
		if (reg == PCNET32_BCR_FDC)
			return PCNET32_BCR_FDC_FDEN | PCNET32_BCR_FDC_AUIFD;
		return 0;
	case PCNET32U_SPACE_MII:
		return 0xffff;	/* a PHY's registers carry no DMA state */
	default:
		return 0;	/* the address PROM */
	}
}

/* ---- the check -------------------------------------------------------- */

static const struct pcnet32_fw_range *
pcnet32_fw_find(u32 op, const struct pcnet32_state *st, u8 space, u16 reg)
{
	const struct pcnet32_fw_table *t = pcnet32_fw_table(op);
	u16 r = reg;
	u32 i;

	if (!t)
		return NULL;
	if (space == PCNET32U_SPACE_MII) {
		/* a chip without an MII has no PHY to reach through BCR33/34 */
		if (!st->has_mii)
			return NULL;
		r = reg & 31;
	}
	for (i = 0; i < t->n; i++) {
		const struct pcnet32_fw_range *g = &t->ranges[i];

		if (g->space != space || r < g->first || r > g->last)
			continue;
		if (space == PCNET32U_SPACE_MII &&
		    (g->flags & PCNET32_FW_OWN_PHY) &&
		    (u32)(reg >> 5) != st->phy_addr)
			continue;
		return g;
	}
	return NULL;
}

bool pcnet32_fw_may_read(u32 op, const struct pcnet32_state *st, u8 space,
			 u16 reg)
{
	const struct pcnet32_fw_range *g = pcnet32_fw_find(op, st, space, reg);

	return g && (g->flags & PCNET32_FW_RD);
}

u16 pcnet32_fw_writable(u32 op, const struct pcnet32_state *st, u8 space,
			u16 reg)
{
	const struct pcnet32_fw_range *g = pcnet32_fw_find(op, st, space, reg);

	return g ? g->wmask & pcnet32_fw_never(space, reg) : 0;
}

static bool pcnet32_fw_op_ok(u32 op, const struct pcnet32_state *st,
			     const struct pcnet32_fw_table *t,
			     const struct pcnet32u_reg_op *o)
{
	u32 k;

	switch (o->cmd) {
	case PCNET32U_REG_SUSPEND:
	case PCNET32U_REG_RESUME:
		return t->suspend;
	case PCNET32U_REG_WRITE:
		return pcnet32_fw_writable(op, st, o->space, o->reg) == 0xffff;
	case PCNET32U_REG_UPDATE:
		return o->mask &&
		       !(o->mask & ~pcnet32_fw_writable(op, st, o->space, o->reg)) &&
		       pcnet32_fw_may_read(op, st, o->space, o->reg);
	case PCNET32U_REG_BULK:
		for (k = 0; k < o->count; k++)
			if (!pcnet32_fw_may_read(op, st, o->space, o->reg + k))
				return false;
		return true;
	default:	/* READ, POLL */
		return pcnet32_fw_may_read(op, st, o->space, o->reg);
	}
}

int pcnet32_fw_check(u32 op, const struct pcnet32_state *st,
		     const struct pcnet32u_reg_op *ops, u32 n, u32 *bad)
{
	const struct pcnet32_fw_table *t = pcnet32_fw_table(op);
	u32 i;

	*bad = 0;
	if (!t)
		return -EPERM;
	for (i = 0; i < n; i++) {
		if (!pcnet32_fw_op_ok(op, st, t, &ops[i])) {
			*bad = i;
			return -EPERM;
		}
	}
	return 0;
}
