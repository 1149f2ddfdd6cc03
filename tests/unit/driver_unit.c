// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the PCnet32 slow path: pcnet32/slow.c compiled as
 * C11 user-space code (as the split build's daemon compiles it), its
 * register programs checked by the firewall and run (pcnet32/regprog.c,
 * as the kernel runs them) on a small model of the chip's register file.
 */
#define PCNET32_PORT_MOCK 1
#include "../../pcnet32/slow.c"
#include "../../pcnet32/regprog.c"
#include "../../pcnet32/firewall.c"
#include "unit_regs.h"

#include "harness.h"

#include <CUnit/CUnit.h>
#include <string.h>

#define DU_BASE 0xc000

/* the chip model: APROM, RAP, CSRs and BCRs, write log of CSR5 */
static struct {
	u8 aprom[16];
	u16 rap;
	u16 csr[128];
	u16 bcr[64];
	int spnd_seen;		/* CSR5 SPND set at some point */
} du;

u16 pcnet32_mock_inw(u32 port)
{
	u32 off = port - DU_BASE;

	if (off < 16)
		return du.aprom[off] | du.aprom[off + 1] << 8;
	switch (off) {
	case PCNET32_WIO_RDP:
		return du.csr[du.rap & 127];
	case PCNET32_WIO_RAP:
		return du.rap;
	case PCNET32_WIO_BDP:
		return du.bcr[du.rap & 63];
	}
	return 0;
}

void pcnet32_mock_outw(u16 val, u32 port)
{
	u32 off = port - DU_BASE;

	switch (off) {
	case PCNET32_WIO_RDP:
		du.csr[du.rap & 127] = val;
		if ((du.rap & 127) == PCNET32_CSR_EXTCTL1 &&
		    (val & PCNET32_CSR5_SPND))
			du.spnd_seen = 1;
		break;
	case PCNET32_WIO_RAP:
		du.rap = val;
		break;
	case PCNET32_WIO_BDP:
		du.bcr[du.rap & 63] = val;
		break;
	}
}

static struct pcnet32_state du_st;
static struct pcnet32_ctx du_ctx = { .io = { .base = DU_BASE }, .priv = &du_st };

/* the op whose firewall table applies to what ctx runs next */
static struct pcnet32_ctx *du_op(struct pcnet32_ctx *c, u32 op)
{
	c->op = op;
	return c;
}

struct du_submit du_submit;

/*
 * The unit tests' program runner (regprog.h): as the kernel runs a
 * program (structure, then the op's firewall table for the state at
 * ctx->priv, then the run on the chip model), or with du_submit.direct as
 * a daemon with direct ports runs it (no firewall).
 */
int pcnet32_regs_submit(struct pcnet32_ctx *ctx,
			const struct pcnet32u_reg_op *ops, u32 n, u16 *vals,
			u32 *n_vals)
{
	static const struct pcnet32_state none;
	const struct pcnet32_state *st = ctx->priv ? ctx->priv : &none;
	struct pcnet32_regprog_result res;
	u32 bad;
	int ret;

	ret = pcnet32_regprog_check(ops, n, n_vals);
	if (ret)
		return ret;
	if (!du_submit.direct && pcnet32_fw_check(ctx->op, st, ops, n, &bad)) {
		du_submit.refused++;
		return -EPERM;
	}
	du_submit.programs++;
	ret = pcnet32_regprog_run(&ctx->io, ops, n, vals, &res);
	du_submit.accesses += res.accesses;
	*n_vals = res.n_vals;
	return ret;
}

static void du_reset(int running)
{
	unsigned int i;

	memset(&du, 0, sizeof(du));
	for (i = 0; i < 16; i++)
		du.aprom[i] = 0x50 + i;
	for (i = 0; i < 128; i++)
		du.csr[i] = 0x1000 + i;
	for (i = 0; i < 64; i++)
		du.bcr[i] = 0x2000 + i;
	du.csr[0] = running ? 0x0073 : PCNET32_CSR0_STOP;
	du.csr[5] = 0;
	du.csr[15] = PCNET32_MODE_PORT_10BT;
	du.bcr[2] = PCNET32_BCR_MC_LEDPE;
	du.bcr[4] = 0x80c0;	/* link LED on */
	du.bcr[9] = 0;
	memset(&du_st, 0, sizeof(du_st));
	du_st.size = sizeof(du_st);
	du_st.chip_id = 0x02621003;
	du_st.msg_enable = 7;
	du_st.rx_ring_size = 32;
	du_st.tx_ring_size = 16;
	du_st.port_tp = 1;
	strcpy(du_st.bus_info, "0000:00:03.0");
	strcpy(du_st.drv_version, "1.0-ours");
}

static void t_ladrf_hash(void)
{
	static const u8 a1[6] = { 0x33, 0x33, 0x00, 0x00, 0x00, 0x01 };
	static const u8 a2[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	static const u8 a3[6] = { 0x33, 0x33, 0xff, 0x12, 0x34, 0x56 };
	u16 w[4] = { 0 };
	unsigned int b;

	/* the filter the stock driver programs for these three groups */
	b = pcnet32_ladrf_bit(a1);
	w[b >> 4] |= 1 << (b & 15);
	b = pcnet32_ladrf_bit(a2);
	w[b >> 4] |= 1 << (b & 15);
	b = pcnet32_ladrf_bit(a3);
	w[b >> 4] |= 1 << (b & 15);
	CU_ASSERT_EQUAL(w[0], 0x0000);
	CU_ASSERT_EQUAL(w[1], 0x0080);
	CU_ASSERT_EQUAL(w[2], 0x0000);
	CU_ASSERT_EQUAL(w[3], 0x0050);
}

static void t_ring_rounding(void)
{
	static const u32 in[] = { 0, 1, 3, 4, 5, 6, 100, 128, 200, 511, 512, 1000 };
	static const u32 out[] = { 4, 4, 4, 4, 8, 8, 128, 128, 256, 512, 512, 512 };
	struct pcnet32_ring arg = { 0 }, rep;
	unsigned int i;

	du_reset(1);
	for (i = 0; i < ARRAY_SIZE(in); i++) {
		arg.rx = in[i];
		arg.tx = in[i];
		memset(&rep, 0, sizeof(rep));
		CU_ASSERT_EQUAL(pcnet32_op_set_ringparam(du_op(&du_ctx, PCNET32_OP_SET_RINGPARAM), &du_st, &arg, &rep), 0);
		CU_ASSERT_EQUAL(rep.rx, out[i]);
		CU_ASSERT_EQUAL(rep.tx, out[i]);
	}
	arg.rx_mini = 1;
	CU_ASSERT_EQUAL(pcnet32_op_set_ringparam(du_op(&du_ctx, PCNET32_OP_SET_RINGPARAM), &du_st, &arg, &rep), -EINVAL);
	CU_ASSERT_EQUAL(pcnet32_op_get_ringparam(du_op(&du_ctx, PCNET32_OP_GET_RINGPARAM), &du_st, NULL, &rep), 0);
	CU_ASSERT_EQUAL(rep.rx_max, 512);
	CU_ASSERT_EQUAL(rep.tx_max, 512);
	CU_ASSERT_EQUAL(rep.rx, 32);
	CU_ASSERT_EQUAL(rep.tx, 16);
}

static void t_regs_layout(void)
{
	static struct pcnet32_regs_rep rep;
	struct pcnet32_u32 len;
	unsigned int i;

	du_reset(1);
	CU_ASSERT_EQUAL(pcnet32_op_get_regs_len(du_op(&du_ctx, PCNET32_OP_GET_REGS_LEN), &du_st, NULL, &len), 0);
	CU_ASSERT_EQUAL(len.value, 136 * 2);
	memset(&rep, 0, sizeof(rep));
	CU_ASSERT_EQUAL(pcnet32_op_get_regs(du_op(&du_ctx, PCNET32_OP_GET_REGS), &du_st, NULL, &rep), 0);
	CU_ASSERT_EQUAL(rep.len, 272);
	for (i = 0; i < 8; i++)
		CU_ASSERT_EQUAL(rep.regs[i], (0x50 + 2 * i) | (0x51 + 2 * i) << 8);
	for (i = 1; i < 90; i++)
		if (i != 5 && i != 15)
			CU_ASSERT_EQUAL(rep.regs[8 + i], 0x1000 + i);
	CU_ASSERT_EQUAL(rep.regs[98], 0x1000 + 112);
	CU_ASSERT_EQUAL(rep.regs[99], 0x1000 + 114);
	for (i = 0; i < 36; i++)
		if (i != 2 && i != 4 && i != 9)
			CU_ASSERT_EQUAL(rep.regs[100 + i], 0x2000 + i);
	/* a running chip is read suspended, and resumed afterwards */
	CU_ASSERT_EQUAL(rep.regs[8 + 5], PCNET32_CSR5_SPND);
	CU_ASSERT(du.spnd_seen);
	CU_ASSERT_EQUAL(du.csr[5] & PCNET32_CSR5_SPND, 0);

	/* a stopped one is not suspended */
	du_reset(0);
	CU_ASSERT_EQUAL(pcnet32_op_get_regs(du_op(&du_ctx, PCNET32_OP_GET_REGS), &du_st, NULL, &rep), 0);
	CU_ASSERT(!du.spnd_seen);

	/* chips with an MII add the PHY's 32 registers */
	du_st.has_mii = 1;
	CU_ASSERT_EQUAL(pcnet32_op_get_regs_len(du_op(&du_ctx, PCNET32_OP_GET_REGS_LEN), &du_st, NULL, &len), 0);
	CU_ASSERT_EQUAL(len.value, (136 + 32) * 2);
}

static void t_strings(void)
{
	struct pcnet32_sset_arg arg = { .sset = PCNET32_SS_TEST };
	struct pcnet32_strings_rep s;
	struct pcnet32_u32 n;
	struct pcnet32_drvinfo_rep d;

	du_reset(1);
	CU_ASSERT_EQUAL(pcnet32_op_get_sset_count(du_op(&du_ctx, PCNET32_OP_GET_SSET_COUNT), &du_st, &arg, &n), 0);
	CU_ASSERT_EQUAL(n.value, 1);
	CU_ASSERT_EQUAL(pcnet32_op_get_strings(du_op(&du_ctx, PCNET32_OP_GET_STRINGS), &du_st, &arg, &s), 0);
	CU_ASSERT_STRING_EQUAL(s.strings[0], "Loopback test  (offline)");
	arg.sset = 1;	/* ETH_SS_STATS: none */
	CU_ASSERT_EQUAL(pcnet32_op_get_sset_count(du_op(&du_ctx, PCNET32_OP_GET_SSET_COUNT), &du_st, &arg, &n),
			-EOPNOTSUPP);
	CU_ASSERT_EQUAL(pcnet32_op_get_drvinfo(du_op(&du_ctx, PCNET32_OP_GET_DRVINFO), &du_st, NULL, &d), 0);
	CU_ASSERT_STRING_EQUAL(d.driver, "pcnet32");
	CU_ASSERT_STRING_EQUAL(d.version, "1.0-ours");
	CU_ASSERT_STRING_EQUAL(d.bus_info, "0000:00:03.0");
	CU_ASSERT_STRING_EQUAL(pcnet32_chip_name(0x02621003), "PCnet/PCI II 79C970A");
	CU_ASSERT(!pcnet32_chip_has_mii(0x02621003));
}

static void t_link_settings(void)
{
	struct pcnet32_link set = { 0 }, get;
	struct pcnet32_link_set_rep rep;

	du_reset(1);
	CU_ASSERT_EQUAL(pcnet32_op_get_link_ksettings(du_op(&du_ctx, PCNET32_OP_GET_LINK_KSETTINGS), &du_st, NULL, &get), 0);
	CU_ASSERT_EQUAL(get.speed, 10);
	CU_ASSERT_EQUAL(get.port, PCNET32_PORT_TP);
	CU_ASSERT_EQUAL(get.duplex, PCNET32_DUPLEX_HALF);
	CU_ASSERT_EQUAL(get.supported, PCNET32_SUP_TP | PCNET32_SUP_AUI);

	/* autoneg on: automatic port selection only */
	set.autoneg = 1;
	set.port = PCNET32_PORT_AUI;
	set.duplex = PCNET32_DUPLEX_FULL;
	CU_ASSERT_EQUAL(pcnet32_op_set_link_ksettings(du_op(&du_ctx, PCNET32_OP_SET_LINK_KSETTINGS), &du_st, &set, &rep), 0);
	CU_ASSERT_EQUAL(rep.autoneg, 1);
	CU_ASSERT_EQUAL(rep.port_tp, 1);
	CU_ASSERT_EQUAL(rep.fdx, 0);
	CU_ASSERT(du.bcr[2] & PCNET32_BCR_MC_ASEL);
	CU_ASSERT_EQUAL(du.csr[15], PCNET32_MODE_PORT_10BT);

	/* autoneg off, AUI, full duplex: port select and BCR9 */
	set.autoneg = 0;
	CU_ASSERT_EQUAL(pcnet32_op_set_link_ksettings(du_op(&du_ctx, PCNET32_OP_SET_LINK_KSETTINGS), &du_st, &set, &rep), 0);
	CU_ASSERT_EQUAL(rep.autoneg, 0);
	CU_ASSERT_EQUAL(rep.port_tp, 0);
	CU_ASSERT_EQUAL(rep.fdx, 1);
	CU_ASSERT(!(du.bcr[2] & PCNET32_BCR_MC_ASEL));
	CU_ASSERT_EQUAL(du.bcr[9], PCNET32_BCR_FDC_FDEN | PCNET32_BCR_FDC_AUIFD);
	CU_ASSERT_EQUAL(du.csr[15] & PCNET32_MODE_PORTSEL, PCNET32_MODE_PORT_AUI);
	CU_ASSERT_EQUAL(du.csr[5] & PCNET32_CSR5_SPND, 0);

	/* twisted pair, half duplex */
	set.port = PCNET32_PORT_TP;
	set.duplex = PCNET32_DUPLEX_HALF;
	CU_ASSERT_EQUAL(pcnet32_op_set_link_ksettings(du_op(&du_ctx, PCNET32_OP_SET_LINK_KSETTINGS), &du_st, &set, &rep), 0);
	CU_ASSERT_EQUAL(du.bcr[9], 0);
	CU_ASSERT_EQUAL(du.csr[15] & PCNET32_MODE_PORTSEL, PCNET32_MODE_PORT_10BT);
}

static void t_phys_id_and_mii(void)
{
	struct pcnet32_phys_id_arg arg = { .state = PCNET32_ID_ACTIVE };
	struct pcnet32_phys_id_rep rep = { 0 };
	struct pcnet32_mdio_arg m = { .phy = 3, .reg = 1 };
	struct pcnet32_u32 v;
	unsigned int i;

	du_reset(1);
	CU_ASSERT_EQUAL(pcnet32_op_set_phys_id(du_op(&du_ctx, PCNET32_OP_SET_PHYS_ID), &du_st, &arg, &rep), 0);
	CU_ASSERT(rep.cycles > 0);
	/* the kernel's copy of the LEDs (ethtool.c reads them at ACTIVE) */
	for (i = 0; i < 4; i++)
		du_st.led_save[i] = du.bcr[4 + i] & ~PCNET32_BCR_LEDOUT;
	arg.state = PCNET32_ID_ON;
	CU_ASSERT_EQUAL(pcnet32_op_set_phys_id(du_op(&du_ctx, PCNET32_OP_SET_PHYS_ID), &du_st, &arg, &rep), 0);
	CU_ASSERT_EQUAL(du.bcr[4], 0x80c0 ^ PCNET32_BCR_LEDPOL);
	arg.state = PCNET32_ID_INACTIVE;
	CU_ASSERT_EQUAL(pcnet32_op_set_phys_id(du_op(&du_ctx, PCNET32_OP_SET_PHYS_ID), &du_st, &arg, &rep), 0);
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(du.bcr[4 + i] & ~PCNET32_BCR_LEDOUT, du_st.led_save[i]);

	/* no MII on the 79C970A; with one, BCR33 addresses and BCR34 reads */
	CU_ASSERT_EQUAL(pcnet32_op_mdio_read(du_op(&du_ctx, PCNET32_OP_MDIO_READ), &du_st, &m, &v), -EOPNOTSUPP);
	CU_ASSERT_EQUAL(pcnet32_op_nway_reset(du_op(&du_ctx, PCNET32_OP_NWAY_RESET), &du_st, NULL, NULL),
			-EOPNOTSUPP);
	du_st.has_mii = 1;
	du.bcr[34] = 0x7809;
	CU_ASSERT_EQUAL(pcnet32_op_mdio_read(du_op(&du_ctx, PCNET32_OP_MDIO_READ), &du_st, &m, &v), 0);
	CU_ASSERT_EQUAL(du.bcr[33], (3 << 5) | 1);
	CU_ASSERT_EQUAL(v.value, 0x7809);
}

PCNET32_OPS(PCNET32_OP_WRAPPER)
static const struct pcnet32_op_desc du_table[PCNET32_OP_MAX] = {
	PCNET32_OPS(PCNET32_OP_DESC)
};

static void t_op_table(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < PCNET32_OP_MAX; i++) {
		const struct pcnet32_op_desc *d = &du_table[i];

		if (!d->name)
			continue;
		n++;
		CU_ASSERT_EQUAL(d->id, i);
		/* fixed-width fields with explicit padding: whole words */
		CU_ASSERT_EQUAL(d->arg_len % 4, 0);
		CU_ASSERT_EQUAL(d->rep_len % 4, 0);
		/* user ops have their function here; kernel ops a reason */
		if (d->side == PCNET32_SIDE_USER) {
			CU_ASSERT_PTR_NOT_NULL(d->fn);
		} else {
			CU_ASSERT(d->fn == NULL && strlen(d->why) > 10);
		}
	}
	CU_ASSERT_EQUAL(n, 17);
	CU_ASSERT_EQUAL(du_table[PCNET32_OP_GET_REGS].flags & PCNET32_OPF_PORTS,
			PCNET32_OPF_PORTS);
	CU_ASSERT_EQUAL(du_table[PCNET32_OP_SELF_TEST].side, PCNET32_SIDE_KERNEL);
	CU_ASSERT_EQUAL(sizeof(struct pcnet32_state) % 8, 0);
}

static CU_TestInfo du_tests[] = {
	{ "logical address filter hash", t_ladrf_hash },
	{ "ring size rounding and limits", t_ring_rounding },
	{ "register dump layout (136 words), suspend while running", t_regs_layout },
	{ "strings, sset count, drvinfo, chip name", t_strings },
	{ "link settings without MII", t_link_settings },
	{ "phys-id LEDs, MII access", t_phys_id_and_mii },
	{ "op table: ids, sizes, sides", t_op_table },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "pcnet32: slow path in user space", NULL, NULL, du_tests);
