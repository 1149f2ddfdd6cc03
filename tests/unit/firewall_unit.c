// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of register programs and the register firewall
 * (pcnet32/regprog.c, pcnet32/firewall.c, compiled once into the test
 * binary by tests/unit/driver_unit.c, with its chip model and program runner):
 *
 *   - every op's access table, register by register and bit by bit,
 *     against a table written here from what each op does (the register
 *     dump's layout in hw.h, the PHY registers the link ops name), not
 *     from firewall.c;
 *   - the deny list, which no op's table can open;
 *   - a program's structure and bounds, and REGS' header (chan.h);
 *   - the executor on the chip model: never left suspended, RAP at CSR0,
 *     UPDATE's mask;
 *   - every op of slow.c, in each of its branches: its own table accepts
 *     every program it builds.
 */
#define PCNET32_PORT_MOCK 1
#include "harness.h"
#include "unit_regs.h"

#include <CUnit/CUnit.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "compat.h"
#include "hw.h"
#include "ops.h"
#include "port.h"
#include "regprog.h"
#include "firewall.h"

#define CSR	PCNET32U_SPACE_CSR
#define BCR	PCNET32U_SPACE_BCR
#define MII	PCNET32U_SPACE_MII
#define APROM	PCNET32U_SPACE_APROM

/* the chip model's base port (tests/unit/driver_unit.c) */
#define FW_BASE	0xc000

/* IEEE 802.3 clause 22: the PHY registers the link ops name */
#define FX_BMCR	0
#define FX_BMSR	1
#define FX_ADV	4
#define FX_LPA	5

static const struct pcnet32_io fw_io = { .base = FW_BASE };

/* ---- the chip model, as this suite found it ---------------------------- */

static struct {
	u16 rap;
	u16 csr[128];
	u16 bcr[64];
} fw_saved;

static int fw_init(void)
{
	unsigned int i;

	fw_saved.rap = pcnet32_read_rap(&fw_io);
	for (i = 0; i < 128; i++)
		fw_saved.csr[i] = pcnet32_read_csr(&fw_io, i);
	for (i = 0; i < 64; i++)
		fw_saved.bcr[i] = pcnet32_read_bcr(&fw_io, i);
	pcnet32_write_rap(&fw_io, fw_saved.rap);
	du_submit.direct = 0;
	return 0;
}

/* the other suites share the model: leave it as it was */
static int fw_clean(void)
{
	unsigned int i;

	for (i = 0; i < 128; i++)
		pcnet32_write_csr(&fw_io, i, fw_saved.csr[i]);
	for (i = 0; i < 64; i++)
		pcnet32_write_bcr(&fw_io, i, fw_saved.bcr[i]);
	pcnet32_write_rap(&fw_io, fw_saved.rap);
	du_submit.direct = 0;
	return 0;
}

/* ---- the expected tables ----------------------------------------------- */

/* what an access should meet: refused, accepted, or either (see fx_read) */
enum fx { FX_NO, FX_YES, FX_EITHER };

static enum fx fx(bool yes)
{
	return yes ? FX_YES : FX_NO;
}

/* a register of a space; MII: r of PHY phy */
struct fx_place {
	u8 space;
	u16 reg;	/* as a program names it: MII (phy << 5) | r */
	u32 phy;
	u32 r;
};

#define FX_NPLACES	(128 + 64 + 32 * 32 + 8)
static struct fx_place fx_places[FX_NPLACES];

static void fx_places_init(void)
{
	unsigned int i, n = 0, phy;

	for (i = 0; i < 128; i++)
		fx_places[n++] = (struct fx_place){ CSR, i, 0, i };
	for (i = 0; i < 64; i++)
		fx_places[n++] = (struct fx_place){ BCR, i, 0, i };
	for (phy = 0; phy < 32; phy++)
		for (i = 0; i < 32; i++)
			fx_places[n++] = (struct fx_place){ MII, (phy << 5) | i,
							    phy, i };
	for (i = 0; i < 8; i++)
		fx_places[n++] = (struct fx_place){ APROM, i, 0, i };
}

/*
 * What each op reads, from what it does. own: the NIC's PHY address.
 *   GET_REGS            the dump (hw.h): APROM words 0..7, CSR0..89,
 *                       CSR112, CSR114, BCR0..35, the 32 registers of
 *                       the NIC's PHY
 *   NWAY_RESET          the PHY's BMCR (is autonegotiation on?)
 *   GET_LINK            the link LED (BCR4), or the PHY's BMSR
 *   SET_PHYS_ID         the four LEDs (BCR4..7: UPDATE reads)
 *   GET_LINK_KSETTINGS  the link LED; the PHY's BMCR, BMSR, ADV, LPA
 *   SET_LINK_KSETTINGS  what it updates: CSR15, BCR2, BCR9, the PHY's BMCR
 *   MDIO_READ           any register of any PHY
 *   the others          nothing (no program)
 * MDIO_WRITE only writes; its table lets it read any PHY register as well,
 * which its write grant over every bit (UPDATE returns the value before)
 * nearly gives anyway: either is accepted here.
 */
static enum fx fx_read(u32 op, const struct fx_place *p, u32 own)
{
	bool mine = p->space == MII && p->phy == own;
	u32 r = p->r;

	switch (op) {
	case PCNET32_OP_GET_REGS:
		switch (p->space) {
		case APROM:
			return fx(r <= 7);
		case CSR:
			return fx(r <= 89 || r == 112 || r == 114);
		case BCR:
			return fx(r <= 35);
		default:
			return fx(mine);
		}
	case PCNET32_OP_NWAY_RESET:
		return fx(mine && r == FX_BMCR);
	case PCNET32_OP_GET_LINK:
		return fx((p->space == BCR && r == 4) || (mine && r == FX_BMSR));
	case PCNET32_OP_SET_PHYS_ID:
		return fx(p->space == BCR && r >= 4 && r <= 7);
	case PCNET32_OP_GET_LINK_KSETTINGS:
		return fx((p->space == BCR && r == 4) ||
			  (mine && (r == FX_BMCR || r == FX_BMSR ||
				    r == FX_ADV || r == FX_LPA)));
	case PCNET32_OP_SET_LINK_KSETTINGS:
		return fx((p->space == CSR && r == 15) ||
			  (p->space == BCR && (r == 2 || r == 9)) ||
			  (mine && r == FX_BMCR));
	case PCNET32_OP_MDIO_READ:
		return fx(p->space == MII);
	case PCNET32_OP_MDIO_WRITE:
		return p->space == MII ? FX_EITHER : FX_NO;
	}
	return FX_NO;
}

/*
 * The bits each op may write: SET_LINK_KSETTINGS CSR15's port field
 * (0x0180), BCR2's automatic port selection (0x0002), BCR9's duplex bits
 * (0x0003) and the own PHY's BMCR speed, autonegotiation enable and
 * restart, duplex (0x3300); SET_PHYS_ID the polarity of BCR4..7 (0x4000);
 * NWAY_RESET the own PHY's BMCR restart bit (0x0200); MDIO_WRITE every
 * bit of every register of any PHY. Nothing else.
 */
static u16 fx_wmask(u32 op, const struct fx_place *p, u32 own)
{
	bool mine = p->space == MII && p->phy == own;
	u32 r = p->r;

	switch (op) {
	case PCNET32_OP_SET_LINK_KSETTINGS:
		if (p->space == CSR && r == 15)
			return 0x0180;
		if (p->space == BCR && r == 2)
			return 0x0002;
		if (p->space == BCR && r == 9)
			return 0x0003;
		if (mine && r == FX_BMCR)
			return 0x3300;
		return 0;
	case PCNET32_OP_SET_PHYS_ID:
		return p->space == BCR && r >= 4 && r <= 7 ? 0x4000 : 0;
	case PCNET32_OP_NWAY_RESET:
		return mine && r == FX_BMCR ? 0x0200 : 0;
	case PCNET32_OP_MDIO_WRITE:
		return p->space == MII ? 0xffff : 0;
	}
	return 0;
}

/* the PHY addresses the NIC's own PHY takes in these tests */
static const u32 fx_own[] = { 0, 3, 31 };

static struct pcnet32_state fx_state(u32 own)
{
	struct pcnet32_state st;

	memset(&st, 0, sizeof(st));
	st.size = sizeof(st);
	st.has_mii = 1;
	st.phy_addr = own;
	return st;
}

/* refusals that were not -EPERM naming access 0 */
static unsigned long fx_odd;

/* pcnet32_fw_check() of a one-access program */
static int fx_check1(u32 op, const struct pcnet32_state *st, u8 cmd,
		     u8 space, u16 reg, u16 mask, u16 val, u16 count)
{
	struct pcnet32u_reg_op o = {
		.cmd = cmd, .space = space, .reg = reg, .mask = mask,
		.val = val, .count = count,
	};
	u32 bad = 99;
	int ret = pcnet32_fw_check(op, st, &o, 1, &bad);

	/* refused: -EPERM, the first (only) access named (fx_odd counts) */
	if (ret && (ret != -EPERM || bad != 0))
		fx_odd++;
	return ret;
}

static unsigned int fx_shown;

/* 1 if got (0 or -EPERM) does not meet want; the first ones are shown */
static int fx_miss(const char *what, u32 op, const struct fx_place *p,
		   u32 own, u16 bits, int got, enum fx want)
{
	static const char *const name[] = { "refused", "accepted", "either" };

	if (want == FX_EITHER || (want == FX_YES) == !got)
		return 0;
	if (fx_shown++ < 20)
		fprintf(stderr, "\n    %s: op %u space %u reg %u (phy %u of own %u, r %u) bits %#06x: %s, expected %s",
			what, op, p->space, p->reg, p->phy, own, p->r, bits,
			got ? "refused" : "accepted", name[want]);
	return 1;
}

static void t_fw_update_bits(void)
{
	unsigned int o, i, op, b, miss, ok, want_ok;

	fx_odd = 0;
	for (o = 0; o < ARRAY_SIZE(fx_own); o++) {
		struct pcnet32_state st = fx_state(fx_own[o]);

		for (op = 1; op < PCNET32_OP_MAX; op++) {
			miss = 0;
			ok = 0;
			want_ok = 0;
			for (i = 0; i < FX_NPLACES; i++) {
				const struct fx_place *p = &fx_places[i];
				u16 w = fx_wmask(op, p, fx_own[o]);

				for (b = 0; b < 16; b++) {
					u16 bit = 1U << b;
					int ret = fx_check1(op, &st, PCNET32U_REG_UPDATE,
							    p->space, p->reg, bit,
							    bit, 0);

					ok += !ret;
					want_ok += !!(w & bit);
					miss += fx_miss("UPDATE", op, p, fx_own[o],
							bit, ret, fx(w & bit));
				}
			}
			CU_ASSERT_EQUAL(miss, 0);
			CU_ASSERT_EQUAL(ok, want_ok);
		}
	}
	/* an UPDATE that writes nothing is no access to allow */
	{
		struct pcnet32_state st = fx_state(3);

		CU_ASSERT_EQUAL(fx_check1(PCNET32_OP_MDIO_WRITE, &st,
					  PCNET32U_REG_UPDATE, MII, 0, 0, 0, 0),
				-EPERM);
	}
	CU_ASSERT_EQUAL(fx_odd, 0);
}

static void t_fw_write_whole(void)
{
	unsigned int o, i, op, miss, ok;

	fx_odd = 0;
	for (o = 0; o < ARRAY_SIZE(fx_own); o++) {
		struct pcnet32_state st = fx_state(fx_own[o]);

		for (op = 1; op < PCNET32_OP_MAX; op++) {
			miss = 0;
			ok = 0;
			for (i = 0; i < FX_NPLACES; i++) {
				const struct fx_place *p = &fx_places[i];
				enum fx want = fx(fx_wmask(op, p, fx_own[o]) == 0xffff);
				int ret;

				ret = fx_check1(op, &st, PCNET32U_REG_WRITE, p->space,
						p->reg, 0, 0x0000, 0);
				miss += fx_miss("WRITE 0x0000", op, p, fx_own[o],
						0xffff, ret, want);
				ok += !ret;
				ret = fx_check1(op, &st, PCNET32U_REG_WRITE, p->space,
						p->reg, 0, 0xffff, 0);
				miss += fx_miss("WRITE 0xffff", op, p, fx_own[o],
						0xffff, ret, want);
			}
			CU_ASSERT_EQUAL(miss, 0);
			/* MDIO_WRITE: 32 registers of each of 32 PHYs */
			CU_ASSERT_EQUAL(ok, op == PCNET32_OP_MDIO_WRITE ? 32 * 32 : 0);
		}
	}
	CU_ASSERT_EQUAL(fx_odd, 0);
}

static void t_fw_read_poll_bulk(void)
{
	unsigned int o, i, op, miss;

	fx_odd = 0;
	for (o = 0; o < ARRAY_SIZE(fx_own); o++) {
		struct pcnet32_state st = fx_state(fx_own[o]);

		for (op = 1; op < PCNET32_OP_MAX; op++) {
			miss = 0;
			for (i = 0; i < FX_NPLACES; i++) {
				const struct fx_place *p = &fx_places[i];
				enum fx want = fx_read(op, p, fx_own[o]);
				enum fx next;
				int ret;

				ret = fx_check1(op, &st, PCNET32U_REG_READ, p->space,
						p->reg, 0, 0, 0);
				miss += fx_miss("READ", op, p, fx_own[o], 0, ret, want);
				ret = fx_check1(op, &st, PCNET32U_REG_POLL, p->space,
						p->reg, 0x00ff, 0x0012, 10);
				miss += fx_miss("POLL", op, p, fx_own[o], 0, ret, want);
				ret = fx_check1(op, &st, PCNET32U_REG_BULK, p->space,
						p->reg, 0, 0, 1);
				miss += fx_miss("BULK 1", op, p, fx_own[o], 0, ret, want);
				/* two registers: both must be readable */
				if (i + 1 == FX_NPLACES ||
				    fx_places[i + 1].space != p->space)
					continue;
				next = fx_read(op, &fx_places[i + 1], fx_own[o]);
				if (want == FX_NO || next == FX_NO)
					want = FX_NO;
				else if (want == FX_EITHER || next == FX_EITHER)
					want = FX_EITHER;
				ret = fx_check1(op, &st, PCNET32U_REG_BULK, p->space,
						p->reg, 0, 0, 2);
				miss += fx_miss("BULK 2", op, p, fx_own[o], 0, ret, want);
			}
			CU_ASSERT_EQUAL(miss, 0);
		}
	}
	/* the whole dump in one BULK per space, as get_regs asks it */
	{
		struct pcnet32_state st = fx_state(3);
		u32 op = PCNET32_OP_GET_REGS;

		CU_ASSERT_EQUAL(fx_check1(op, &st, PCNET32U_REG_BULK, APROM, 0, 0, 0, 8), 0);
		CU_ASSERT_EQUAL(fx_check1(op, &st, PCNET32U_REG_BULK, CSR, 0, 0, 0, 90), 0);
		CU_ASSERT_EQUAL(fx_check1(op, &st, PCNET32U_REG_BULK, CSR, 0, 0, 0, 91), -EPERM);
		CU_ASSERT_EQUAL(fx_check1(op, &st, PCNET32U_REG_BULK, BCR, 0, 0, 0, 36), 0);
		CU_ASSERT_EQUAL(fx_check1(op, &st, PCNET32U_REG_BULK, BCR, 0, 0, 0, 37), -EPERM);
		CU_ASSERT_EQUAL(fx_check1(op, &st, PCNET32U_REG_BULK, MII, 3 << 5, 0, 0, 32), 0);
		CU_ASSERT_EQUAL(fx_check1(op, &st, PCNET32U_REG_BULK, MII, 3 << 5, 0, 0, 33), -EPERM);
		CU_ASSERT_EQUAL(fx_check1(op, &st, PCNET32U_REG_BULK, MII, 2 << 5, 0, 0, 32), -EPERM);
	}
	CU_ASSERT_EQUAL(fx_odd, 0);
}

/* op 0 and ids past the table: no table, nothing allowed */
static void t_fw_unknown_op(void)
{
	struct pcnet32_state st = fx_state(3);
	static const u32 ops[] = { 0, PCNET32_OP_MAX, 64, 0xffffffff };
	unsigned int i, op;

	fx_odd = 0;
	for (op = 1; op < PCNET32_OP_MAX; op++)
		CU_ASSERT_PTR_NOT_NULL(pcnet32_fw_table(op));
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		CU_ASSERT_PTR_NULL(pcnet32_fw_table(ops[i]));
		CU_ASSERT_EQUAL(fx_check1(ops[i], &st, PCNET32U_REG_READ, MII,
					  3 << 5, 0, 0, 0), -EPERM);
		CU_ASSERT_EQUAL(fx_check1(ops[i], &st, PCNET32U_REG_WRITE, MII,
					  3 << 5, 0, 0, 0), -EPERM);
		CU_ASSERT(!pcnet32_fw_may_read(ops[i], &st, CSR, 0));
		CU_ASSERT_EQUAL(pcnet32_fw_writable(ops[i], &st, MII, 0), 0);
	}
	CU_ASSERT_EQUAL(fx_odd, 0);
}

/* a program refused as a whole, its first refused access named */
static void t_fw_first_refused(void)
{
	struct pcnet32_state st = fx_state(3);
	struct pcnet32u_reg_op p[4] = {
		{ .cmd = PCNET32U_REG_READ, .space = BCR, .reg = 2 },
		{ .cmd = PCNET32U_REG_UPDATE, .space = CSR, .reg = 15,
		  .mask = 0x0180, .val = 0x0080 },
		{ .cmd = PCNET32U_REG_UPDATE, .space = CSR, .reg = 15,
		  .mask = 0x8000, .val = 0x8000 },	/* promiscuous mode */
		{ .cmd = PCNET32U_REG_WRITE, .space = CSR, .reg = 0, .val = 4 },
	};
	u32 bad = 99;

	CU_ASSERT_EQUAL(pcnet32_fw_check(PCNET32_OP_SET_LINK_KSETTINGS, &st, p, 2,
					 &bad), 0);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(pcnet32_fw_check(PCNET32_OP_SET_LINK_KSETTINGS, &st, p, 4,
					 &bad), -EPERM);
	CU_ASSERT_EQUAL(bad, 2);
	CU_ASSERT_EQUAL(pcnet32_fw_check(PCNET32_OP_GET_LINK_KSETTINGS, &st, p, 4,
					 &bad), -EPERM);
	CU_ASSERT_EQUAL(bad, 0);
}

/* ---- the deny list ------------------------------------------------------ */

static const struct {
	u8 space;
	u16 first, last;
} fw_never_list[] = {
	{ CSR, 0, 0 },		/* status and control: the executor's */
	{ CSR, 1, 2 },		/* init block address */
	{ CSR, 3, 3 },		/* interrupt masks */
	{ CSR, 4, 4 },		/* features */
	{ CSR, 5, 5 },		/* suspend: the executor's */
	{ CSR, 8, 14 },		/* address filter, station address */
	{ CSR, 16, 47 },	/* DMA addresses, descriptor state */
	{ CSR, 58, 58 },	/* software style */
	{ CSR, 72, 78 },	/* ring positions and lengths */
	{ BCR, 18, 18 },	/* bursts, double-word I/O */
	{ BCR, 19, 19 },	/* EEPROM */
	{ BCR, 20, 20 },	/* software style */
	{ BCR, 22, 22 },	/* PCI latency */
	{ BCR, 32, 32 },	/* MII control and status */
	{ BCR, 33, 33 },	/* MII address */
	{ BCR, 34, 34 },	/* MII data */
};

static void t_fw_never(void)
{
	struct pcnet32_state st = fx_state(3);
	unsigned int i, op, b, allowed, regs = 0;
	u16 reg;

	fx_odd = 0;
	for (i = 0; i < ARRAY_SIZE(fw_never_list); i++) {
		u8 sp = fw_never_list[i].space;

		for (reg = fw_never_list[i].first; reg <= fw_never_list[i].last;
		     reg++) {
			regs++;
			CU_ASSERT_EQUAL(pcnet32_fw_never(sp, reg), 0);
			allowed = 0;
			for (op = 0; op <= PCNET32_OP_MAX; op++) {
				allowed += pcnet32_fw_writable(op, &st, sp, reg) != 0;
				allowed += fx_check1(op, &st, PCNET32U_REG_WRITE, sp,
						       reg, 0, 0, 0) == 0;
				allowed += fx_check1(op, &st, PCNET32U_REG_WRITE, sp,
						       reg, 0, 0xffff, 0) == 0;
				for (b = 0; b < 16; b++)
					allowed += fx_check1(op, &st,
							       PCNET32U_REG_UPDATE,
							       sp, reg, 1U << b,
							       1U << b, 0) == 0;
			}
			CU_ASSERT_EQUAL(allowed, 0);
		}
	}
	CU_ASSERT_EQUAL(regs, 1 + 2 + 1 + 1 + 1 + 7 + 32 + 1 + 7 + 7);
	/*
	 * What the deny list leaves open at all: CSR15's port field (CSR15
	 * aside), BCR2's automatic port selection, the LEDs but their output
	 * state (read only), BCR9's duplex bits, the PHYs' registers.
	 */
	allowed = 0;
	for (reg = 0; reg < 128; reg++)
		allowed += pcnet32_fw_never(CSR, reg) !=
			   (reg == 15 ? PCNET32_MODE_PORTSEL : 0);
	for (reg = 0; reg < 64; reg++)
		allowed += pcnet32_fw_never(BCR, reg) !=
			   (reg == 2 ? 0x0002 : reg == 9 ? 0x0003 :
			    reg >= 4 && reg <= 7 ? 0x7fff : 0);
	for (reg = 0; reg < 1024; reg++)
		allowed += pcnet32_fw_never(MII, reg) != 0xffff;
	for (reg = 0; reg < 8; reg++)
		allowed += pcnet32_fw_never(APROM, reg) != 0;
	CU_ASSERT_EQUAL(allowed, 0);
	CU_ASSERT_EQUAL(pcnet32_fw_never(CSR, 15), PCNET32_MODE_PORTSEL);
	CU_ASSERT_EQUAL(fx_odd, 0);
}

/* the address PROM is read only: a write is malformed, whatever the op */
static void t_prog_aprom_readonly(void)
{
	struct pcnet32u_reg_op o = { .space = APROM };
	u32 n_vals = 99;
	u16 reg;

	for (reg = 0; reg < 8; reg++) {
		o.reg = reg;
		o.cmd = PCNET32U_REG_WRITE;
		o.mask = 0;
		o.val = 0x1234;
		CU_ASSERT_EQUAL(pcnet32_regprog_check(&o, 1, &n_vals), -EINVAL);
		CU_ASSERT_EQUAL(n_vals, 0);
		o.val = 0;
		CU_ASSERT_EQUAL(pcnet32_regprog_check(&o, 1, &n_vals), -EINVAL);
		o.cmd = PCNET32U_REG_UPDATE;
		o.mask = 0x00ff;
		o.val = 0x0012;
		CU_ASSERT_EQUAL(pcnet32_regprog_check(&o, 1, &n_vals), -EINVAL);
		o.cmd = PCNET32U_REG_READ;
		o.mask = 0;
		o.val = 0;
		CU_ASSERT_EQUAL(pcnet32_regprog_check(&o, 1, &n_vals), 0);
		CU_ASSERT_EQUAL(n_vals, 1);
	}
}

/* ---- SUSPEND and RESUME ------------------------------------------------- */

static void t_fw_suspend_ops(void)
{
	struct pcnet32_state st = fx_state(3);
	struct pcnet32u_reg_op p[2] = {
		{ .cmd = PCNET32U_REG_SUSPEND },
		{ .cmd = PCNET32U_REG_RESUME },
	};
	unsigned int op, n = 0;
	u32 bad;
	int want;

	for (op = 0; op <= PCNET32_OP_MAX; op++) {
		want = op == PCNET32_OP_GET_REGS ||
		       op == PCNET32_OP_SET_LINK_KSETTINGS ? 0 : -EPERM;
		n += !want;
		bad = 99;
		CU_ASSERT_EQUAL(pcnet32_fw_check(op, &st, p, 2, &bad), want);
		CU_ASSERT_EQUAL(bad, 0);
		CU_ASSERT_EQUAL(pcnet32_fw_check(op, &st, &p[1], 1, &bad), want);
		CU_ASSERT_EQUAL(pcnet32_fw_check(op, &st, &p[0], 1, &bad), want);
		if (pcnet32_fw_table(op))
			CU_ASSERT_EQUAL(pcnet32_fw_table(op)->suspend, !want);
	}
	CU_ASSERT_EQUAL(n, 2);
}

/* ---- a program's structure and bounds ------------------------------------ */

static struct pcnet32u_reg_op fx_op(u8 cmd, u8 space, u16 reg, u16 mask,
				    u16 val, u16 count)
{
	struct pcnet32u_reg_op o = {
		.cmd = cmd, .space = space, .reg = reg, .mask = mask,
		.val = val, .count = count,
	};

	return o;
}

static int fx_prog(const struct pcnet32u_reg_op *ops, u32 n)
{
	u32 n_vals = 99;
	int ret = pcnet32_regprog_check(ops, n, &n_vals);

	/* nothing counted for a refused program */
	if (ret)
		CU_ASSERT_EQUAL(n_vals, 0);
	return ret;
}

static void t_prog_count(void)
{
	struct pcnet32u_reg_op p[PCNET32U_REGS_MAX_OPS + 1];
	u32 n_vals = 99;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(p); i++)
		p[i] = fx_op(PCNET32U_REG_READ, CSR, 88, 0, 0, 0);
	CU_ASSERT_EQUAL(fx_prog(p, 0), -EINVAL);
	CU_ASSERT_EQUAL(pcnet32_regprog_check(p, 1, &n_vals), 0);
	CU_ASSERT_EQUAL(n_vals, 1);
	CU_ASSERT_EQUAL(pcnet32_regprog_check(p, 64, &n_vals), 0);
	CU_ASSERT_EQUAL(n_vals, 64);
	CU_ASSERT_EQUAL(fx_prog(p, 65), -E2BIG);
	CU_ASSERT_EQUAL(fx_prog(p, 0xffffffff), -E2BIG);
}

static void t_prog_unknown(void)
{
	static const u8 cmds[] = { 0, 8, 0x7f, 0xff };
	static const u8 spaces[] = { 4, 5, 0xff };
	struct pcnet32u_reg_op o;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		o = fx_op(cmds[i], CSR, 0, 0, 0, 0);
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
	}
	for (i = 0; i < ARRAY_SIZE(spaces); i++) {
		o = fx_op(PCNET32U_REG_READ, spaces[i], 0, 0, 0, 0);
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
		o = fx_op(PCNET32U_REG_BULK, spaces[i], 0, 0, 0, 1);
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
	}
}

/* a field the primitive does not use, and pad, must be zero */
static void t_prog_unused_fields(void)
{
	struct pcnet32u_reg_op p[3];

	/* READ: space, reg */
	p[0] = fx_op(PCNET32U_REG_READ, BCR, 9, 0, 0, 0);
	CU_ASSERT_EQUAL(fx_prog(p, 1), 0);
	p[0].mask = 1;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = fx_op(PCNET32U_REG_READ, BCR, 9, 0, 1, 0);
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = fx_op(PCNET32U_REG_READ, BCR, 9, 0, 0, 1);
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = fx_op(PCNET32U_REG_READ, BCR, 9, 0, 0, 0);
	p[0].pad = 1;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);

	/* WRITE: space, reg, val */
	p[0] = fx_op(PCNET32U_REG_WRITE, MII, 0, 0, 0xffff, 0);
	CU_ASSERT_EQUAL(fx_prog(p, 1), 0);
	p[0].mask = 0xffff;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = fx_op(PCNET32U_REG_WRITE, MII, 0, 0, 0xffff, 1);
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = fx_op(PCNET32U_REG_WRITE, MII, 0, 0, 0xffff, 0);
	p[0].pad = 0x8000;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);

	/* UPDATE: space, reg, mask, val */
	p[0] = fx_op(PCNET32U_REG_UPDATE, BCR, 9, 3, 2, 0);
	CU_ASSERT_EQUAL(fx_prog(p, 1), 0);
	p[0].count = 1;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = fx_op(PCNET32U_REG_UPDATE, BCR, 9, 3, 2, 0);
	p[0].pad = 1;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);

	/* BULK: space, reg, count */
	p[0] = fx_op(PCNET32U_REG_BULK, CSR, 0, 0, 0, 90);
	CU_ASSERT_EQUAL(fx_prog(p, 1), 0);
	p[0].mask = 1;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = fx_op(PCNET32U_REG_BULK, CSR, 0, 0, 1, 90);
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = fx_op(PCNET32U_REG_BULK, CSR, 0, 0, 0, 90);
	p[0].pad = 1;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);

	/* POLL: every field but pad */
	p[0] = fx_op(PCNET32U_REG_POLL, CSR, 5, 1, 1, 1000);
	CU_ASSERT_EQUAL(fx_prog(p, 1), 0);
	p[0].pad = 1;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);

	/* SUSPEND, RESUME: nothing */
	p[0] = fx_op(PCNET32U_REG_SUSPEND, 0, 0, 0, 0, 0);
	p[1] = fx_op(PCNET32U_REG_READ, CSR, 15, 0, 0, 0);
	p[2] = fx_op(PCNET32U_REG_RESUME, 0, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(fx_prog(p, 3), 0);
	{
		static const unsigned int at[] = { 0, 2 };
		unsigned int i, f;

		for (i = 0; i < ARRAY_SIZE(at); i++) {
			for (f = 0; f < 6; f++) {
				struct pcnet32u_reg_op *o = &p[at[i]];

				*o = fx_op(o->cmd, 0, 0, 0, 0, 0);
				switch (f) {
				case 0:
					o->space = 1;
					break;
				case 1:
					o->reg = 1;
					break;
				case 2:
					o->mask = 1;
					break;
				case 3:
					o->val = 1;
					break;
				case 4:
					o->count = 1;
					break;
				default:
					o->pad = 1;
					break;
				}
				CU_ASSERT_EQUAL(fx_prog(p, 3), -EINVAL);
				*o = fx_op(o->cmd, 0, 0, 0, 0, 0);
			}
		}
	}
	CU_ASSERT_EQUAL(fx_prog(p, 3), 0);
}

static void t_prog_suspend_pairs(void)
{
	struct pcnet32u_reg_op s = fx_op(PCNET32U_REG_SUSPEND, 0, 0, 0, 0, 0);
	struct pcnet32u_reg_op r = fx_op(PCNET32U_REG_RESUME, 0, 0, 0, 0, 0);
	struct pcnet32u_reg_op rd = fx_op(PCNET32U_REG_READ, CSR, 0, 0, 0, 0);
	struct pcnet32u_reg_op p[5];

	/* one SUSPEND, then one RESUME */
	p[0] = s;
	p[1] = rd;
	p[2] = r;
	CU_ASSERT_EQUAL(fx_prog(p, 3), 0);
	p[0] = s;
	p[1] = r;
	CU_ASSERT_EQUAL(fx_prog(p, 2), 0);
	/* SUSPEND twice */
	p[0] = s;
	p[1] = s;
	p[2] = r;
	CU_ASSERT_EQUAL(fx_prog(p, 3), -EINVAL);
	p[0] = s;
	p[1] = r;
	p[2] = s;
	p[3] = r;
	CU_ASSERT_EQUAL(fx_prog(p, 4), -EINVAL);
	/* RESUME without SUSPEND, or twice */
	p[0] = r;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = rd;
	p[1] = r;
	CU_ASSERT_EQUAL(fx_prog(p, 2), -EINVAL);
	p[0] = r;
	p[1] = s;
	CU_ASSERT_EQUAL(fx_prog(p, 2), -EINVAL);
	p[0] = s;
	p[1] = r;
	p[2] = r;
	CU_ASSERT_EQUAL(fx_prog(p, 3), -EINVAL);
	/* SUSPEND never resumed */
	p[0] = s;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
	p[0] = s;
	p[1] = rd;
	CU_ASSERT_EQUAL(fx_prog(p, 2), -EINVAL);
	p[0] = rd;
	p[1] = s;
	CU_ASSERT_EQUAL(fx_prog(p, 2), -EINVAL);
}

static void t_prog_vals_and_poll_bounds(void)
{
	struct pcnet32u_reg_op p[4];
	u32 n_vals = 0;

	/* 128 + 128 words: the most; one more is too many */
	p[0] = fx_op(PCNET32U_REG_BULK, CSR, 0, 0, 0, 128);
	p[1] = fx_op(PCNET32U_REG_BULK, CSR, 0, 0, 0, 128);
	p[2] = fx_op(PCNET32U_REG_READ, BCR, 0, 0, 0, 0);
	p[3] = fx_op(PCNET32U_REG_WRITE, MII, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(pcnet32_regprog_check(p, 2, &n_vals), 0);
	CU_ASSERT_EQUAL(n_vals, PCNET32U_REGS_MAX_VALS);
	CU_ASSERT_EQUAL(fx_prog(p, 3), -E2BIG);
	/* a WRITE yields no word */
	p[2] = p[3];
	CU_ASSERT_EQUAL(pcnet32_regprog_check(p, 3, &n_vals), 0);
	CU_ASSERT_EQUAL(n_vals, PCNET32U_REGS_MAX_VALS);

	/* polling: 1000 us in all, however split */
	p[0] = fx_op(PCNET32U_REG_POLL, CSR, 5, 1, 0, 500);
	p[1] = fx_op(PCNET32U_REG_POLL, BCR, 4, 0x8000, 0x8000, 500);
	CU_ASSERT_EQUAL(fx_prog(p, 2), 0);
	p[1].count = 501;
	CU_ASSERT_EQUAL(fx_prog(p, 2), -E2BIG);
	p[0] = fx_op(PCNET32U_REG_POLL, CSR, 5, 1, 0, PCNET32U_REGS_MAX_POLL_US);
	CU_ASSERT_EQUAL(fx_prog(p, 1), 0);
	p[0].count = PCNET32U_REGS_MAX_POLL_US + 1;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -E2BIG);
	p[0].count = 0xffff;
	CU_ASSERT_EQUAL(fx_prog(p, 1), -E2BIG);
	/* a POLL's value within its mask */
	p[0] = fx_op(PCNET32U_REG_POLL, CSR, 5, 1, 2, 10);
	CU_ASSERT_EQUAL(fx_prog(p, 1), -EINVAL);
}

static void t_prog_register_bounds(void)
{
	static const struct {
		u8 space;
		u16 last;
	} sp[] = {
		{ CSR, 127 }, { BCR, 63 }, { MII, (31 << 5) | 31 }, { APROM, 7 },
	};
	struct pcnet32u_reg_op o;
	unsigned int i;
	u16 last;

	for (i = 0; i < ARRAY_SIZE(sp); i++) {
		last = sp[i].last;
		o = fx_op(PCNET32U_REG_READ, sp[i].space, last, 0, 0, 0);
		CU_ASSERT_EQUAL(fx_prog(&o, 1), 0);
		o.reg = last + 1;
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
		o.reg = 0xffff;
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
		o = fx_op(PCNET32U_REG_POLL, sp[i].space, last + 1, 1, 1, 1);
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
		if (sp[i].space != APROM) {
			o = fx_op(PCNET32U_REG_WRITE, sp[i].space, last + 1, 0, 0, 0);
			CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
			o = fx_op(PCNET32U_REG_UPDATE, sp[i].space, last + 1, 1, 1, 0);
			CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
		}
		/* BULK: 1..the rest of the space */
		o = fx_op(PCNET32U_REG_BULK, sp[i].space, 0, 0, 0, 0);
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
		o.count = last + 1;
		CU_ASSERT_EQUAL(fx_prog(&o, 1), last + 1 > PCNET32U_REGS_MAX_VALS ?
						-E2BIG : 0);
		o.count = last + 2;
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
		o.count = 0xffff;
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
		o = fx_op(PCNET32U_REG_BULK, sp[i].space, last, 0, 0, 1);
		CU_ASSERT_EQUAL(fx_prog(&o, 1), 0);
		o.count = 2;
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
		o = fx_op(PCNET32U_REG_BULK, sp[i].space, last + 1, 0, 0, 1);
		CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
	}
}

static void t_prog_update_in_mask(void)
{
	struct pcnet32u_reg_op o;

	o = fx_op(PCNET32U_REG_UPDATE, CSR, 15, 0x0180, 0x0080, 0);
	CU_ASSERT_EQUAL(fx_prog(&o, 1), 0);
	o.val = 0x0180;
	CU_ASSERT_EQUAL(fx_prog(&o, 1), 0);
	o.val = 0x8080;
	CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
	o.val = 0x0001;
	CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
	o = fx_op(PCNET32U_REG_UPDATE, BCR, 4, 0, 0x4000, 0);
	CU_ASSERT_EQUAL(fx_prog(&o, 1), -EINVAL);
}

static void t_prog_n_vals(void)
{
	struct pcnet32u_reg_op p[] = {
		fx_op(PCNET32U_REG_SUSPEND, 0, 0, 0, 0, 0),	/* 1 */
		fx_op(PCNET32U_REG_READ, APROM, 3, 0, 0, 0),	/* 1 */
		fx_op(PCNET32U_REG_WRITE, MII, 35, 0, 7, 0),	/* 0 */
		fx_op(PCNET32U_REG_UPDATE, CSR, 15, 0x0180, 0, 0),	/* 1 */
		fx_op(PCNET32U_REG_BULK, BCR, 4, 0, 0, 4),	/* 4 */
		fx_op(PCNET32U_REG_BULK, MII, 96, 0, 0, 32),	/* 32 */
		fx_op(PCNET32U_REG_POLL, CSR, 0, 4, 4, 20),	/* 1 */
		fx_op(PCNET32U_REG_RESUME, 0, 0, 0, 0, 0),	/* 0 */
		fx_op(PCNET32U_REG_WRITE, BCR, 9, 0, 3, 0),	/* 0 */
	};
	u32 n_vals = 0;

	CU_ASSERT_EQUAL(pcnet32_regprog_check(p, ARRAY_SIZE(p), &n_vals), 0);
	CU_ASSERT_EQUAL(n_vals, 1 + 1 + 0 + 1 + 4 + 32 + 1 + 0 + 0);
	CU_ASSERT_EQUAL(pcnet32_regprog_check(p, 1 + 4, &n_vals), -EINVAL);
	CU_ASSERT_EQUAL(n_vals, 0);
	CU_ASSERT_EQUAL(pcnet32_regprog_check(&p[1], 5, &n_vals), 0);
	CU_ASSERT_EQUAL(n_vals, 1 + 0 + 1 + 4 + 32);
}

/* ---- REGS' header (chan.h) ----------------------------------------------- */

static void t_regs_hdr(void)
{
	static struct pcnet32u_regs good, b;
	unsigned int i;

	memset(&good, 0, sizeof(good));
	good.size = sizeof(good);
	good.version = PCNET32U_VERSION;
	good.id = 7;
	good.n_ops = 1;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&good), 0);
	b = good;
	b.n_ops = PCNET32U_REGS_MAX_OPS;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), 0);
	/* out fields are not looked at */
	b.n_vals = 5;
	b.n_done = 3;
	b.vals[0] = 1;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), 0);

	b = good;
	b.size = sizeof(b) - 1;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -EINVAL);
	b.size = sizeof(b) + 8;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -EINVAL);
	b.size = 0;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -EINVAL);
	b = good;
	b.version = PCNET32U_VERSION - 1;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -EINVAL);
	b.version = PCNET32U_VERSION + 1;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -EINVAL);
	b = good;
	b.pad = 1;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -EINVAL);
	for (i = 0; i < ARRAY_SIZE(b.reserved); i++) {
		b = good;
		b.reserved[i] = 0x80000000;
		CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -EINVAL);
	}
	b = good;
	b.n_ops = 0;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -EINVAL);
	b.n_ops = PCNET32U_REGS_MAX_OPS + 1;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -E2BIG);
	b.n_ops = 0xffffffff;
	CU_ASSERT_EQUAL(pcnet32_check_regs_hdr(&b), -E2BIG);
}

/* ---- the executor on the chip model -------------------------------------- */

static void fx_model_set(u8 space, u16 reg, u16 val)
{
	if (space == CSR)
		pcnet32_write_csr(&fw_io, reg, val);
	else
		pcnet32_write_bcr(&fw_io, reg, val);
}

static u16 fx_model_get(u8 space, u16 reg)
{
	return space == CSR ? pcnet32_read_csr(&fw_io, reg) :
			      pcnet32_read_bcr(&fw_io, reg);
}

/* a running chip; RAP left away from CSR0 */
static void fx_model_running(void)
{
	fx_model_set(CSR, PCNET32_CSR_STATUS, PCNET32_CSR0_IENA |
		     PCNET32_CSR0_RXON | PCNET32_CSR0_TXON | PCNET32_CSR0_STRT |
		     PCNET32_CSR0_INIT);
	fx_model_set(CSR, PCNET32_CSR_EXTCTL1, 0);
	pcnet32_write_rap(&fw_io, 88);
}

static void t_run_timeout_resumes(void)
{
	struct pcnet32u_reg_op p[] = {
		fx_op(PCNET32U_REG_SUSPEND, 0, 0, 0, 0, 0),
		/* SPND clear: never, while this program holds the chip */
		fx_op(PCNET32U_REG_POLL, CSR, PCNET32_CSR_EXTCTL1,
		      PCNET32_CSR5_SPND, 0, 5),
		fx_op(PCNET32U_REG_READ, CSR, 88, 0, 0, 0),
		fx_op(PCNET32U_REG_RESUME, 0, 0, 0, 0, 0),
	};
	struct pcnet32_regprog_result res;
	u16 vals[PCNET32U_REGS_MAX_VALS];
	u32 n_vals = 0;
	u16 csr0;

	CU_ASSERT_EQUAL_FATAL(pcnet32_regprog_check(p, ARRAY_SIZE(p), &n_vals), 0);
	CU_ASSERT_EQUAL(n_vals, 3);
	fx_model_running();
	memset(vals, 0, sizeof(vals));
	CU_ASSERT_EQUAL(pcnet32_regprog_run(&fw_io, p, ARRAY_SIZE(p), vals, &res),
			-ETIMEDOUT);
	/* stopped at the POLL: the SUSPEND done, the POLL's last value out */
	CU_ASSERT_EQUAL(res.n_done, 1);
	CU_ASSERT_EQUAL(res.n_vals, 2);
	CU_ASSERT_EQUAL(vals[0], 1);
	CU_ASSERT(vals[1] & PCNET32_CSR5_SPND);
	CU_ASSERT(res.accesses > 0);
	/* resumed all the same, RAP home */
	CU_ASSERT_EQUAL(pcnet32_read_rap(&fw_io), PCNET32_CSR_STATUS);
	CU_ASSERT_EQUAL(fx_model_get(CSR, PCNET32_CSR_EXTCTL1) & PCNET32_CSR5_SPND, 0);
	csr0 = fx_model_get(CSR, PCNET32_CSR_STATUS);
	CU_ASSERT_EQUAL(csr0 & PCNET32_CSR0_STOP, 0);
	CU_ASSERT(csr0 & PCNET32_CSR0_STRT);
	CU_ASSERT(csr0 & PCNET32_CSR0_IENA);

	/* through the unit tests' runner, as GET_REGS: the same */
	{
		struct pcnet32_state st = fx_state(3);
		struct pcnet32_ctx ctx = {
			.op = PCNET32_OP_GET_REGS, .io = { FW_BASE }, .priv = &st,
		};
		unsigned long refused = du_submit.refused;

		fx_model_running();
		CU_ASSERT_EQUAL(pcnet32_regs_submit(&ctx, p, ARRAY_SIZE(p), vals,
						    &n_vals), -ETIMEDOUT);
		CU_ASSERT_EQUAL(n_vals, 2);
		CU_ASSERT_EQUAL(du_submit.refused, refused);
		CU_ASSERT_EQUAL(pcnet32_read_rap(&fw_io), PCNET32_CSR_STATUS);
		CU_ASSERT_EQUAL(fx_model_get(CSR, PCNET32_CSR_EXTCTL1) &
				PCNET32_CSR5_SPND, 0);
	}

	/* a stopped chip is neither suspended nor started */
	fx_model_set(CSR, PCNET32_CSR_STATUS, PCNET32_CSR0_STOP);
	pcnet32_write_rap(&fw_io, 15);
	CU_ASSERT_EQUAL(pcnet32_regprog_run(&fw_io, p, ARRAY_SIZE(p), vals, &res),
			0);
	CU_ASSERT_EQUAL(res.n_done, 4);
	CU_ASSERT_EQUAL(res.n_vals, 3);
	CU_ASSERT_EQUAL(vals[0], 0);
	CU_ASSERT_EQUAL(vals[1] & PCNET32_CSR5_SPND, 0);
	CU_ASSERT_EQUAL(pcnet32_read_rap(&fw_io), PCNET32_CSR_STATUS);
	CU_ASSERT_EQUAL(fx_model_get(CSR, PCNET32_CSR_STATUS), PCNET32_CSR0_STOP);
	CU_ASSERT_EQUAL(fx_model_get(CSR, PCNET32_CSR_EXTCTL1) & PCNET32_CSR5_SPND, 0);

	/* a POLL that never holds, no SUSPEND: RAP home too */
	fx_model_running();
	fx_model_set(CSR, 88, 0x1003);
	pcnet32_write_rap(&fw_io, 88);
	p[0] = fx_op(PCNET32U_REG_POLL, CSR, 88, 0xffff, 0x2621, 3);
	CU_ASSERT_EQUAL_FATAL(pcnet32_regprog_check(p, 1, &n_vals), 0);
	CU_ASSERT_EQUAL(pcnet32_regprog_run(&fw_io, p, 1, vals, &res), -ETIMEDOUT);
	CU_ASSERT_EQUAL(res.n_done, 0);
	CU_ASSERT_EQUAL(vals[0], 0x1003);
	CU_ASSERT_EQUAL(pcnet32_read_rap(&fw_io), PCNET32_CSR_STATUS);
	/* one that holds at once */
	p[0] = fx_op(PCNET32U_REG_POLL, CSR, 88, 0x00ff, 0x0003, 3);
	CU_ASSERT_EQUAL(pcnet32_regprog_run(&fw_io, p, 1, vals, &res), 0);
	CU_ASSERT_EQUAL(res.n_done, 1);
	CU_ASSERT_EQUAL(vals[0], 0x1003);
}

static void t_run_update_masked(void)
{
	struct pcnet32u_reg_op p[] = {
		fx_op(PCNET32U_REG_UPDATE, BCR, 9, 0x0003, 0x0002, 0),
		fx_op(PCNET32U_REG_UPDATE, CSR, 15, 0x0180, 0x0000, 0),
		fx_op(PCNET32U_REG_UPDATE, BCR, 4, 0x4000, 0x0000, 0),
		fx_op(PCNET32U_REG_UPDATE, MII, (3 << 5) | 0, 0x0200, 0x0200, 0),
		fx_op(PCNET32U_REG_UPDATE, BCR, 5, 0xffff, 0x1234, 0),
	};
	struct pcnet32_regprog_result res;
	u16 vals[PCNET32U_REGS_MAX_VALS];
	u32 n_vals = 0;

	CU_ASSERT_EQUAL_FATAL(pcnet32_regprog_check(p, ARRAY_SIZE(p), &n_vals), 0);
	CU_ASSERT_EQUAL(n_vals, 5);
	fx_model_running();
	fx_model_set(BCR, 9, 0xa5a5);
	fx_model_set(CSR, 15, 0x8085);
	fx_model_set(BCR, 4, 0xc0c0);
	fx_model_set(BCR, 5, 0xffff);
	fx_model_set(BCR, 33, 0);
	/* the model's PHY answers every register with BCR34 */
	fx_model_set(BCR, 34, 0x1140);
	pcnet32_write_rap(&fw_io, 20);
	CU_ASSERT_EQUAL(pcnet32_regprog_run(&fw_io, p, ARRAY_SIZE(p), vals, &res), 0);
	CU_ASSERT_EQUAL(res.n_done, 5);
	CU_ASSERT_EQUAL(res.n_vals, 5);
	CU_ASSERT_EQUAL(pcnet32_read_rap(&fw_io), PCNET32_CSR_STATUS);
	/* the values before */
	CU_ASSERT_EQUAL(vals[0], 0xa5a5);
	CU_ASSERT_EQUAL(vals[1], 0x8085);
	CU_ASSERT_EQUAL(vals[2], 0xc0c0);
	CU_ASSERT_EQUAL(vals[3], 0x1140);
	CU_ASSERT_EQUAL(vals[4], 0xffff);
	/* only the masked bits changed */
	CU_ASSERT_EQUAL(fx_model_get(BCR, 9), 0xa5a6);
	CU_ASSERT_EQUAL(fx_model_get(CSR, 15), 0x8005);
	CU_ASSERT_EQUAL(fx_model_get(BCR, 4), 0x80c0);
	CU_ASSERT_EQUAL(fx_model_get(BCR, 33), (3 << 5) | 0);
	CU_ASSERT_EQUAL(fx_model_get(BCR, 34), 0x1340);
	CU_ASSERT_EQUAL(fx_model_get(BCR, 5), 0x1234);
	/* nothing else written: CSR0 and CSR5 as they were */
	CU_ASSERT_EQUAL(fx_model_get(CSR, PCNET32_CSR_EXTCTL1), 0);
	CU_ASSERT_EQUAL(fx_model_get(CSR, PCNET32_CSR_STATUS) & PCNET32_CSR0_INIT,
			PCNET32_CSR0_INIT);
}

/* ---- every op of slow.c, in each branch, under its own table ------------- */

static struct pcnet32_state fo_st;
static struct pcnet32_ctx fo_ctx = { .io = { FW_BASE }, .priv = &fo_st };

/*
 * Run op FN as op ID: RET back, PROGS programs run, none refused by the
 * firewall (the runner counts refusals in du_submit.refused).
 */
#define FO_CALL(ID, FN, ARG, REP, RET, PROGS) do {				\
	unsigned long fo_refused = du_submit.refused;				\
	unsigned long fo_programs = du_submit.programs;				\
	int fo_ret;								\
										\
	fo_ctx.op = PCNET32_OP_##ID;						\
	fo_ret = pcnet32_op_##FN(&fo_ctx, &fo_st, ARG, REP);			\
	CU_ASSERT_NOT_EQUAL(fo_ret, -EPERM);					\
	CU_ASSERT_EQUAL(fo_ret, RET);						\
	CU_ASSERT_EQUAL(du_submit.refused, fo_refused);				\
	CU_ASSERT_EQUAL(du_submit.programs - fo_programs, PROGS);		\
} while (0)

static void fo_state(int has_mii, u32 phy)
{
	memset(&fo_st, 0, sizeof(fo_st));
	fo_st.size = sizeof(fo_st);
	fo_st.chip_id = has_mii ? 0x02623003 : 0x02621003;
	fo_st.msg_enable = 7;
	fo_st.rx_ring_size = 32;
	fo_st.tx_ring_size = 16;
	fo_st.has_mii = has_mii;
	fo_st.phy_addr = phy;
	fo_st.running = 1;
	fo_st.port_tp = 1;
	fo_st.led_save[0] = 0x00c0;
	fo_st.led_save[1] = 0x4084;
	fo_st.led_save[2] = 0x0008;
	fo_st.led_save[3] = 0x4090;
	strcpy(fo_st.bus_info, "0000:00:03.0");
	strcpy(fo_st.drv_version, "1.0-ours");
}

/* the ops that never reach the NIC, whatever the chip */
static void fo_no_programs(void)
{
	struct pcnet32_sset_arg sset = { .sset = PCNET32_SS_TEST };
	struct pcnet32_ring ring = { .rx = 64, .tx = 64 };
	struct pcnet32_u32 u = { .value = 3 };
	struct pcnet32_drvinfo_rep drv;
	struct pcnet32_strings_rep str;
	struct pcnet32_ring rring;
	struct pcnet32_u32 v;

	FO_CALL(GET_DRVINFO, get_drvinfo, NULL, &drv, 0, 0);
	FO_CALL(GET_REGS_LEN, get_regs_len, NULL, &v, 0, 0);
	FO_CALL(GET_MSGLEVEL, get_msglevel, NULL, &v, 0, 0);
	FO_CALL(SET_MSGLEVEL, set_msglevel, &u, &v, 0, 0);
	FO_CALL(GET_RINGPARAM, get_ringparam, NULL, &rring, 0, 0);
	FO_CALL(SET_RINGPARAM, set_ringparam, &ring, &rring, 0, 0);
	FO_CALL(GET_STRINGS, get_strings, &sset, &str, 0, 0);
	FO_CALL(GET_SSET_COUNT, get_sset_count, &sset, &v, 0, 0);
}

static void fo_phys_id(void)
{
	static const u32 states[] = {
		PCNET32_ID_ACTIVE, PCNET32_ID_ON, PCNET32_ID_OFF, PCNET32_ID_ON,
		PCNET32_ID_INACTIVE,
	};
	struct pcnet32_phys_id_arg arg;
	struct pcnet32_phys_id_rep rep;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(states); i++) {
		arg.state = states[i];
		FO_CALL(SET_PHYS_ID, set_phys_id, &arg, &rep, 0,
			states[i] == PCNET32_ID_ACTIVE ? 0 : 1);
	}
	arg.state = 9;
	FO_CALL(SET_PHYS_ID, set_phys_id, &arg, &rep, -EINVAL, 0);
	/* the LEDs back as the kernel saved them */
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(fx_model_get(BCR, 4 + i) & PCNET32_BCR_LEDPOL,
				fo_st.led_save[i] & PCNET32_BCR_LEDPOL);
}

static void t_ops_without_mii(void)
{
	static struct pcnet32_regs_rep regs;
	struct pcnet32_link_set_rep lrep;
	struct pcnet32_mdio_arg m = { .phy = 0, .reg = 1, .value = 0 };
	struct pcnet32_link link, set;
	struct pcnet32_u32 v;
	unsigned int i;

	fo_state(0, 0);
	fx_model_running();
	fo_no_programs();
	/* the dump: running (suspended for it) and stopped */
	FO_CALL(GET_REGS, get_regs, NULL, &regs, 0, 1);
	CU_ASSERT_EQUAL(regs.len, PCNET32_DUMP_LEN(0));
	fx_model_set(CSR, PCNET32_CSR_STATUS, PCNET32_CSR0_STOP);
	FO_CALL(GET_REGS, get_regs, NULL, &regs, 0, 1);
	fx_model_running();
	FO_CALL(NWAY_RESET, nway_reset, NULL, NULL, -EOPNOTSUPP, 0);
	FO_CALL(GET_LINK, get_link, NULL, &v, 0, 1);
	fo_phys_id();
	/* link settings: autoneg reads the link LED; forced needs nothing */
	fo_st.autoneg = 1;
	FO_CALL(GET_LINK_KSETTINGS, get_link_ksettings, NULL, &link, 0, 1);
	fo_st.autoneg = 0;
	FO_CALL(GET_LINK_KSETTINGS, get_link_ksettings, NULL, &link, 0, 0);
	CU_ASSERT_EQUAL(link.port, PCNET32_PORT_TP);
	memset(&set, 0, sizeof(set));
	set.speed = 10;
	set.autoneg = 1;
	FO_CALL(SET_LINK_KSETTINGS, set_link_ksettings, &set, &lrep, 0, 1);
	CU_ASSERT_EQUAL(lrep.autoneg, 1);
	/* forced: TP and AUI, full and half, running and stopped */
	for (i = 0; i < 8; i++) {
		set.autoneg = 0;
		set.port = i & 1 ? PCNET32_PORT_AUI : PCNET32_PORT_TP;
		set.duplex = i & 2 ? PCNET32_DUPLEX_FULL : PCNET32_DUPLEX_HALF;
		if (i & 4)
			fx_model_set(CSR, PCNET32_CSR_STATUS, PCNET32_CSR0_STOP);
		else
			fx_model_running();
		FO_CALL(SET_LINK_KSETTINGS, set_link_ksettings, &set, &lrep, 0, 1);
		CU_ASSERT_EQUAL(lrep.port_tp, !(i & 1));
		CU_ASSERT_EQUAL(lrep.fdx, !!(i & 2));
		CU_ASSERT_EQUAL(fx_model_get(CSR, 15) & PCNET32_MODE_PORTSEL,
				i & 1 ? PCNET32_MODE_PORT_AUI : PCNET32_MODE_PORT_10BT);
		CU_ASSERT_EQUAL(fx_model_get(CSR, PCNET32_CSR_EXTCTL1) &
				PCNET32_CSR5_SPND, 0);
	}
	FO_CALL(MDIO_READ, mdio_read, &m, &v, -EOPNOTSUPP, 0);
	FO_CALL(MDIO_WRITE, mdio_write, &m, NULL, -EOPNOTSUPP, 0);
}

static void t_ops_with_mii(void)
{
	static struct pcnet32_regs_rep regs;
	struct pcnet32_link_set_rep lrep;
	struct pcnet32_mdio_arg m;
	struct pcnet32_link link, set;
	struct pcnet32_u32 v;
	unsigned int o, i;

	for (o = 0; o < ARRAY_SIZE(fx_own); o++) {
		u32 own = fx_own[o], other = (own + 17) & 31;

		fo_state(1, own);
		fx_model_running();
		fo_no_programs();
		FO_CALL(GET_REGS, get_regs, NULL, &regs, 0, 1);
		CU_ASSERT_EQUAL(regs.len, PCNET32_DUMP_LEN(1));
		fx_model_set(CSR, PCNET32_CSR_STATUS, PCNET32_CSR0_STOP);
		FO_CALL(GET_REGS, get_regs, NULL, &regs, 0, 1);
		fx_model_running();
		/* the model's PHY answers BCR34: autoneg off, then on */
		fx_model_set(BCR, 34, 0x0100);
		FO_CALL(NWAY_RESET, nway_reset, NULL, NULL, -EINVAL, 1);
		fx_model_set(BCR, 34, 0x1000);
		FO_CALL(NWAY_RESET, nway_reset, NULL, NULL, 0, 2);
		CU_ASSERT_EQUAL(fx_model_get(BCR, 33), own << 5);
		CU_ASSERT_EQUAL(fx_model_get(BCR, 34), 0x1200);
		FO_CALL(GET_LINK, get_link, NULL, &v, 0, 1);
		fo_phys_id();
		FO_CALL(GET_LINK_KSETTINGS, get_link_ksettings, NULL, &link, 0, 1);
		CU_ASSERT_EQUAL(link.port, PCNET32_PORT_MII);
		/* autoneg on; forced 10/100, half/full; a speed it lacks */
		memset(&set, 0, sizeof(set));
		set.autoneg = 1;
		FO_CALL(SET_LINK_KSETTINGS, set_link_ksettings, &set, &lrep, 0, 1);
		for (i = 0; i < 4; i++) {
			set.autoneg = 0;
			set.speed = i & 1 ? 100 : 10;
			set.duplex = i & 2 ? PCNET32_DUPLEX_FULL : PCNET32_DUPLEX_HALF;
			FO_CALL(SET_LINK_KSETTINGS, set_link_ksettings, &set, &lrep,
				0, 1);
		}
		set.speed = 1000;
		FO_CALL(SET_LINK_KSETTINGS, set_link_ksettings, &set, &lrep,
			-EINVAL, 0);
		/* the MII ioctls: the own PHY and another */
		m = (struct pcnet32_mdio_arg){ .phy = own, .reg = 1 };
		FO_CALL(MDIO_READ, mdio_read, &m, &v, 0, 1);
		m = (struct pcnet32_mdio_arg){ .phy = other, .reg = 31 };
		FO_CALL(MDIO_READ, mdio_read, &m, &v, 0, 1);
		m = (struct pcnet32_mdio_arg){ .phy = own, .reg = 0, .value = 0x8000 };
		FO_CALL(MDIO_WRITE, mdio_write, &m, NULL, 0, 1);
		m = (struct pcnet32_mdio_arg){ .phy = other, .reg = 4, .value = 0x01e1 };
		FO_CALL(MDIO_WRITE, mdio_write, &m, NULL, 0, 1);
		CU_ASSERT_EQUAL(fx_model_get(BCR, 33), (other << 5) | 4);
		CU_ASSERT_EQUAL(fx_model_get(BCR, 34), 0x01e1);
	}
}

/* an op's program under another op's table is refused, and runs nothing */
static void t_ops_other_table_refused(void)
{
	struct pcnet32_link_set_rep lrep;
	struct pcnet32_link set;
	unsigned long refused, programs;

	fo_state(0, 0);
	fx_model_running();
	fx_model_set(BCR, 9, 0);
	fx_model_set(CSR, 15, PCNET32_MODE_PORT_10BT);
	memset(&set, 0, sizeof(set));
	set.port = PCNET32_PORT_AUI;
	set.duplex = PCNET32_DUPLEX_FULL;
	refused = du_submit.refused;
	programs = du_submit.programs;
	fo_ctx.op = PCNET32_OP_SET_PHYS_ID;
	CU_ASSERT_EQUAL(pcnet32_op_set_link_ksettings(&fo_ctx, &fo_st, &set, &lrep),
			-EPERM);
	CU_ASSERT_EQUAL(du_submit.refused - refused, 1);
	CU_ASSERT_EQUAL(du_submit.programs, programs);
	CU_ASSERT_EQUAL(fx_model_get(BCR, 9), 0);
	CU_ASSERT_EQUAL(fx_model_get(CSR, 15) & PCNET32_MODE_PORTSEL,
			PCNET32_MODE_PORT_10BT);
}

/* without an MII there is no PHY: no op reaches the MII space at all */
static void t_fw_no_mii_no_phy(void)
{
	struct pcnet32_state st = fx_state(0);
	u32 op, reg;

	st.has_mii = 0;
	for (op = 1; op < PCNET32_OP_MAX; op++) {
		for (reg = 0; reg < 32 * 32; reg++) {
			CU_ASSERT_EQUAL(fx_check1(op, &st, PCNET32U_REG_READ,
						  PCNET32U_SPACE_MII, reg, 0, 0, 0),
					-EPERM);
			CU_ASSERT_EQUAL(pcnet32_fw_writable(op, &st, PCNET32U_SPACE_MII,
							    reg), 0);
		}
	}
	/* with one, the same register of the own PHY is the dump's */
	st.has_mii = 1;
	CU_ASSERT_EQUAL(fx_check1(PCNET32_OP_GET_REGS, &st, PCNET32U_REG_READ,
				  PCNET32U_SPACE_MII, 1, 0, 0, 0), 0);
}

static int fx_suite_init(void)
{
	fx_places_init();
	fx_shown = 0;
	return fw_init();
}

static CU_TestInfo fw_tests[] = {
	{ "firewall: one-bit UPDATE allowed exactly where the op may write that bit (every op, space, register, bit)",
	  t_fw_update_bits },
	{ "firewall: WRITE allowed only where every bit is writable (MDIO_WRITE's PHY registers)",
	  t_fw_write_whole },
	{ "firewall: READ, POLL and BULK allowed exactly where the op reads (dump layout, link registers)",
	  t_fw_read_poll_bulk },
	{ "firewall: op 0 and ids past the table allow nothing", t_fw_unknown_op },
	{ "firewall: no MII space on a chip without an MII", t_fw_no_mii_no_phy },
	{ "firewall: a program is refused at its first refused access", t_fw_first_refused },
	{ "firewall: no op writes a bit of the deny list (CSR0-5, 8-14, 16-47, 58, 72-78, BCR18-20, 22, 32-34)",
	  t_fw_never },
	{ "program: an address PROM write or update is malformed", t_prog_aprom_readonly },
	{ "firewall: only GET_REGS and SET_LINK_KSETTINGS may suspend and resume", t_fw_suspend_ops },
	{ "program: 1..64 accesses (0 EINVAL, 65 E2BIG)", t_prog_count },
	{ "program: unknown primitive or space is malformed", t_prog_unknown },
	{ "program: a field the primitive does not use, or pad, not zero is malformed", t_prog_unused_fields },
	{ "program: one SUSPEND, resumed once, RESUME only after it", t_prog_suspend_pairs },
	{ "program: at most 256 out words and 1000 us of polling (E2BIG)", t_prog_vals_and_poll_bounds },
	{ "program: registers and BULK ranges within their space", t_prog_register_bounds },
	{ "program: UPDATE's value within its mask", t_prog_update_in_mask },
	{ "program: out words of a mixed program counted", t_prog_n_vals },
	{ "REGS header: size, version, pad, reserved, 1..64 accesses", t_regs_hdr },
	{ "executor: a POLL timing out leaves the chip resumed and RAP at CSR0", t_run_timeout_resumes },
	{ "executor: UPDATE writes only the masked bits and returns the value before", t_run_update_masked },
	{ "ops without MII: every program accepted by the op's own table", t_ops_without_mii },
	{ "ops with MII (PHY 0, 3, 31): every program accepted by the op's own table", t_ops_with_mii },
	{ "ops: a program under another op's table is refused and touches nothing", t_ops_other_table_refused },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "split: register firewall and programs", fx_suite_init, fw_clean,
	 fw_tests);
