// SPDX-License-Identifier: GPL-2.0
/*
 * The fuzzer's register programs (category REGS, a mediated server only):
 * while it holds a request, a burst of 1-6 random PCNET32U_IOC_REGS
 * programs, then the plausible reply (fuzz-reply.c). The programs:
 *
 *   - random accesses: any primitive (now and then none of the seven),
 *     any space (now and then none of the four), any register of it (now
 *     and then beyond it), any mask, value and count, mostly shaped as
 *     the primitive wants them, a non-zero pad now and then;
 *   - for an op on the NIC, half the time accesses its own firewall table
 *     allows (pcnet32/firewall.c, linked in: reads and polls of what it
 *     may read, updates of the bits it may write, writes of registers it
 *     may write whole; inside SUSPEND .. RESUME when it may suspend), so
 *     that programs run and the executor is fuzzed too, not only the
 *     checks;
 *   - 1 to 64 accesses (mostly few), for the request held; one in ten for
 *     an id not held (0, the neighbours, recent ones, random), one in ten
 *     with a broken header (size, version, pad, reserved, n_ops 0 or
 *     beyond 64).
 *
 * Every answer is counted per class (fuzz.h's FUZZ_REGS_CLASSES) and
 * compared with what the kernel's own checks, run here on the same
 * program and the request's state (COPY), say: a program the kernel ran
 * although they refuse it is a hole in the kernel's path (the run fails).
 * While a get_regs request is held, the DMA registers (CSR1/2, CSR24/25,
 * CSR30/31, CSR76/78: the init block, the ring bases and lengths) are read
 * before and after the burst: the RTNL the caller holds keeps the rings as
 * they are, so any change is a program's doing (the run fails).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "dispatch.h"
#include "firewall.h"
#include "hw.h"
#include "regprog.h"
#include "fuzz.h"

const char *const fuzz_rclass_name[FUZZ_NRCLASS] = {
#define FUZZ_RC_NAME(NAME, WHAT) #NAME,
	FUZZ_REGS_CLASSES(FUZZ_RC_NAME)
#undef FUZZ_RC_NAME
};

/* the highest register of each space, as regprog.c has them */
static const uint16_t space_last[PCNET32U_NSPACES] = {
	[PCNET32U_SPACE_CSR] = 127,
	[PCNET32U_SPACE_BCR] = 63,
	[PCNET32U_SPACE_MII] = (31 << 5) | 31,
	[PCNET32U_SPACE_APROM] = PCNET32_IO_APROM_LEN / 2 - 1,
};

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/*
 * One access. noisy: any primitive (now and then none of the seven), any
 * space (now and then none of the four), any register (now and then
 * beyond its space), and one in four with the fields the primitive does
 * not use left random, a non-zero pad one in 32. Clean: a read, write,
 * update, bulk read or poll of a register of its space, its fields as
 * the primitive wants them: what reaches the firewall. Values, masks and
 * registers are drawn over their whole range either way.
 */
static void random_op(struct fuzz_rng *r, struct pcnet32u_reg_op *o, int noisy)
{
	uint32_t last, room;

	memset(o, 0, sizeof(*o));
	if (!noisy)
		o->cmd = (uint8_t)(PCNET32U_REG_READ + fuzz_below(r, 5));
	else if (fuzz_below(r, 16))
		o->cmd = (uint8_t)(PCNET32U_REG_READ + fuzz_below(r, 7));
	else
		o->cmd = (uint8_t)fuzz_next(r);
	o->space = !noisy || fuzz_below(r, 16) ? (uint8_t)fuzz_below(r, PCNET32U_NSPACES)
					       : (uint8_t)fuzz_next(r);
	last = o->space < PCNET32U_NSPACES ? space_last[o->space] : 0xffff;
	o->reg = !noisy || fuzz_below(r, 8) ? (uint16_t)fuzz_below(r, last + 1)
					    : (uint16_t)fuzz_next(r);
	o->mask = (uint16_t)fuzz_next(r);
	o->val = (uint16_t)fuzz_next(r);
	o->count = (uint16_t)fuzz_next(r);
	if (!noisy || fuzz_below(r, 4)) {
		switch (o->cmd) {
		case PCNET32U_REG_READ:
			o->mask = o->val = o->count = 0;
			break;
		case PCNET32U_REG_WRITE:
			o->mask = o->count = 0;
			break;
		case PCNET32U_REG_UPDATE:
			o->count = 0;
			o->val &= o->mask;
			break;
		case PCNET32U_REG_BULK:
			o->mask = o->val = 0;
			room = o->reg <= last ? last - o->reg + 1 : 64;
			o->count = (uint16_t)(1 + fuzz_below(r, min_u32(room, 64)));
			break;
		case PCNET32U_REG_POLL:
			o->val &= o->mask;
			o->count = (uint16_t)fuzz_below(r, 200);
			break;
		case PCNET32U_REG_SUSPEND:
		case PCNET32U_REG_RESUME:
			o->space = 0;
			o->reg = o->mask = o->val = o->count = 0;
			break;
		default:
			break;
		}
	}
	if (noisy && !fuzz_below(r, 32))
		o->pad = (uint16_t)(1u << fuzz_below(r, 16));
}

/*
 * One access op's table allows (st: the request's state): a range of its
 * table, a register of it (MII: the NIC's own PHY where the range says
 * so) that the op may read with this state (no MII range on a chip
 * without an MII), and a primitive the range permits: a read, poll or
 * bulk read, an update of bits it may write, a write of a register it may
 * write whole. -1: none found (no table, or nothing it may reach).
 */
static int formed_op(struct fuzz_rng *r, uint32_t op, const struct pcnet32_state *st,
		     struct pcnet32u_reg_op *o)
{
	const struct pcnet32_fw_table *t = pcnet32_fw_table(op);
	const struct pcnet32_fw_range *g = NULL;
	uint32_t k, n, last, tries;
	uint16_t w, reg = 0;

	if (!t || !t->n)
		return -1;
	for (tries = 0; tries < 16; tries++) {
		g = &t->ranges[fuzz_below(r, t->n)];
		reg = (uint16_t)(g->first + fuzz_below(r, g->last - g->first + 1u));
		if (g->space == PCNET32U_SPACE_MII)
			reg |= (uint16_t)(((g->flags & PCNET32_FW_OWN_PHY) || fuzz_below(r, 2) ?
					   st->phy_addr & 31 : fuzz_below(r, 32)) << 5);
		if (pcnet32_fw_may_read(op, st, g->space, reg))
			break;
	}
	if (tries == 16)
		return -1;
	memset(o, 0, sizeof(*o));
	o->space = g->space;
	o->reg = reg;
	w = pcnet32_fw_writable(op, st, g->space, reg);
	/* a poll (its condition random: it may end the program), a bulk
	 * read, a write, an update, a read */
	switch (fuzz_below(r, 10)) {
	case 0:
		o->cmd = PCNET32U_REG_POLL;
		o->mask = (uint16_t)fuzz_next(r);
		o->val = (uint16_t)fuzz_next(r) & o->mask;
		o->count = (uint16_t)fuzz_below(r, 50);
		return 0;
	case 1:
	case 2:
		/* a bulk read within the range (the next ones may not be readable) */
		last = g->space == PCNET32U_SPACE_MII ? (reg & ~31u) | g->last : g->last;
		n = 1 + fuzz_below(r, min_u32(last - reg + 1u, 16));
		for (k = 0; k < n; k++)
			if (!pcnet32_fw_may_read(op, st, g->space, (uint16_t)(reg + k)))
				break;
		o->cmd = PCNET32U_REG_BULK;
		o->count = (uint16_t)(k ? k : 1);
		return 0;
	case 3:
	case 4:
		if (w == 0xffff) {
			o->cmd = PCNET32U_REG_WRITE;
			o->val = (uint16_t)fuzz_next(r);
			return 0;
		}
		/* fall through */
	case 5:
	case 6:
		if (w) {
			o->cmd = PCNET32U_REG_UPDATE;
			o->mask = (uint16_t)fuzz_next(r) & w;
			if (!o->mask)
				o->mask = w;
			o->val = (uint16_t)fuzz_next(r) & o->mask;
			return 0;
		}
		/* fall through */
	default:
		o->cmd = PCNET32U_REG_READ;
		return 0;
	}
}

static int zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

/* the header as the kernel's pcnet32_check_regs_hdr() wants it */
static int header_ok(const struct pcnet32u_regs *b)
{
	return b->size == sizeof(*b) && b->version == PCNET32U_VERSION && !b->pad &&
	       zero(b->reserved, sizeof(b->reserved)) && b->n_ops &&
	       b->n_ops <= PCNET32U_REGS_MAX_OPS;
}

/*
 * What the kernel answers b, by its own checks in its order (chan.h's
 * header check, the request, pcnet32_regprog_check(), the firewall): the
 * errno, 0 when the program runs. held: b.id is the request held; op, st:
 * its op and state.
 */
static int expect(const struct pcnet32u_regs *b, int held, uint32_t op, int nic,
		  const struct pcnet32_state *st)
{
	uint32_t n_vals, bad;
	int ret;

	if (!header_ok(b))
		return b->size == sizeof(*b) && b->version == PCNET32U_VERSION &&
		       !b->pad && zero(b->reserved, sizeof(b->reserved)) && b->n_ops ?
		       E2BIG : EINVAL;
	if (!held)
		return ENOENT;
	if (!nic)
		return EPERM;
	ret = pcnet32_regprog_check(b->ops, b->n_ops, &n_vals);
	if (!ret)
		ret = pcnet32_fw_check(op, st, b->ops, b->n_ops, &bad);
	return -ret;
}

/* b's length (n_ops, whatever it says) and the n accesses built */
static void count_program(struct fuzz_stats *st, const struct pcnet32u_regs *b, uint32_t n)
{
	unsigned int len;
	uint32_t i;

	len = b->n_ops <= 1 ? 0 : b->n_ops <= 8 ? 1 : b->n_ops <= 32 ? 2 :
	      b->n_ops <= 64 ? 3 : 4;
	fuzz_count(&st->regs_len[len]);
	for (i = 0; i < n; i++)
		fuzz_count(&st->regs_prim[min_u32(b->ops[i].cmd, FUZZ_NRPRIM - 1)]);
}

/* CSR1/2, 24/25, 30/31, 76/78 through one program for request id; 0 ok */
static int dma_read(struct fuzz_server *s, uint64_t id, uint16_t *out)
{
	static const uint16_t csr[8] = {
		PCNET32_CSR_IADR_LO, PCNET32_CSR_IADR_HI, PCNET32_CSR_BADR_LO,
		PCNET32_CSR_BADR_HI, PCNET32_CSR_BADX_LO, PCNET32_CSR_BADX_HI,
		PCNET32_CSR_RCVRL, PCNET32_CSR_XMTRL,
	};
	static struct pcnet32u_regs b;
	unsigned int i;

	memset(&b, 0, offsetof(struct pcnet32u_regs, vals));
	b.size = sizeof(b);
	b.version = PCNET32U_VERSION;
	b.id = id;
	b.n_ops = 8;
	for (i = 0; i < 8; i++) {
		b.ops[i].cmd = PCNET32U_REG_READ;
		b.ops[i].space = PCNET32U_SPACE_CSR;
		b.ops[i].reg = csr[i];
	}
	if (ioctl(s->fd, PCNET32U_IOC_REGS, &b) || b.n_vals != 8)
		return -1;
	memcpy(out, b.vals, 8 * sizeof(out[0]));
	return 0;
}

static void one_program(struct fuzz_server *s, struct fuzz_rng *r,
			const struct pcnet32u_request *req, int nic,
			const struct pcnet32_state *st)
{
	static struct pcnet32u_regs b;
	const struct pcnet32_fw_table *t = pcnet32_fw_table(req->op);
	uint32_t n, i, k = fuzz_below(r, 10);
	/* for an op on the NIC: half its own table's accesses; a third noisy */
	int formed = nic && fuzz_below(r, 2), noisy = !formed && !fuzz_below(r, 3);
	int held = 1, bad_hdr = 0, ret, e, ran, want;
	enum fuzz_rclass cls;

	memset(&b, 0, offsetof(struct pcnet32u_regs, vals));
	b.size = sizeof(b);
	b.version = PCNET32U_VERSION;
	b.id = req->id;
	/* mostly short, as the ops' own programs; up to the bound */
	n = fuzz_below(r, 4) ? 1 + fuzz_below(r, 8) : 1 + fuzz_below(r, PCNET32U_REGS_MAX_OPS);
	for (i = 0; i < n; i++)
		if (!formed || formed_op(r, req->op, st, &b.ops[i]))
			random_op(r, &b.ops[i], noisy);
	/* one in four wrapped in SUSPEND .. RESUME (formed: if the op may) */
	if (n >= 3 && !noisy && !fuzz_below(r, 4) && (!formed || (t && t->suspend))) {
		memset(&b.ops[0], 0, sizeof(b.ops[0]));
		b.ops[0].cmd = PCNET32U_REG_SUSPEND;
		memset(&b.ops[n - 1], 0, sizeof(b.ops[0]));
		b.ops[n - 1].cmd = PCNET32U_REG_RESUME;
	}
	b.n_ops = n;
	if (k == 0) {
		const uint64_t ids[] = { 0, req->id + 1, req->id - 1, UINT64_MAX,
					 s->recent_ids[fuzz_below(r, 8)], fuzz_next(r) };

		b.id = ids[fuzz_below(r, sizeof(ids) / sizeof(ids[0]))];
		held = b.id == req->id;
	} else if (k == 1) {
		switch (fuzz_below(r, 7)) {
		case 0:
			b.size = fuzz_below(r, 2) ? (uint32_t)sizeof(b) + 8 - 16 * fuzz_below(r, 2)
						  : (uint32_t)fuzz_next(r);
			break;
		case 1:
			b.version = fuzz_below(r, 2) ? PCNET32U_VERSION - 1 : (uint32_t)fuzz_next(r);
			break;
		case 2:
			b.pad = 1u << fuzz_below(r, 32);
			break;
		case 3:
			b.reserved[fuzz_below(r, 4)] = 1u << fuzz_below(r, 32);
			break;
		case 4:
			b.n_ops = 0;
			break;
		case 5:
			b.n_ops = PCNET32U_REGS_MAX_OPS + 1 + fuzz_below(r, 64);
			break;
		default:
			b.n_ops = fuzz_below(r, 2) ? UINT32_MAX : (uint32_t)fuzz_next(r) | 0x80;
			break;
		}
		/* a lucky draw may leave the header whole */
		bad_hdr = !header_ok(&b);
	}
	cls = bad_hdr ? FUZZ_RC_BAD_HEADER : !held ? FUZZ_RC_NOT_HELD :
	      !nic ? FUZZ_RC_HELD_OFF_NIC : formed ? FUZZ_RC_HELD_NIC_FORMED :
	      FUZZ_RC_HELD_NIC;
	want = expect(&b, held, req->op, nic, st);
	fuzz_count(&s->st->regs_sent[cls]);
	count_program(s->st, &b, n);
	ret = ioctl(s->fd, PCNET32U_IOC_REGS, &b);
	e = ret ? errno : 0;
	fuzz_hist_add(&s->st->regs[cls], ret, e);
	ran = !ret || e == ETIMEDOUT;
	if (ran) {
		fuzz_count(&s->st->regs_ran);
		__atomic_fetch_add(&s->st->regs_done, b.n_done, __ATOMIC_RELAXED);
	}
	if (ran && want) {
		uint64_t n_bad = __atomic_fetch_add(&s->st->regs_ran_refused, 1,
						    __ATOMIC_RELAXED);

		if (n_bad < 10)
			fprintf(stderr, "fuzz: REGS: the kernel ran a program its checks refuse "
				"(%s, op %u, %u accesses, expected %s)\n", fuzz_rclass_name[cls],
				req->op, b.n_ops, strerrorname_np(want));
	} else if (!ran && e != want) {
		fuzz_count(&s->st->regs_other_answer);
	}
}

void fuzz_regs_burst(struct fuzz_server *s, struct fuzz_rng *r,
		     const struct pcnet32u_request *req)
{
	static struct pcnet32u_copy c;
	const struct pcnet32_op_desc *d = pcnet32d_op(req->op);
	int nic = d && (d->flags & PCNET32_OPF_PORTS), ret, dma = 0;
	struct pcnet32_state st;
	uint16_t before[8], after[8];
	/* an op off the NIC: one program (it can only be refused) */
	uint32_t i, n = nic ? 1 + fuzz_below(r, 6) : 1;

	/* the state the kernel checks with (the PHY address) */
	memset(&st, 0, sizeof(st));
	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.version = PCNET32U_VERSION;
	c.id = req->id;
	ret = ioctl(s->fd, PCNET32U_IOC_COPY, &c);
	fuzz_hist_add(&s->st->copy, ret, errno);
	if (!ret)
		memcpy(&st, c.state, min_u32(c.state_len, sizeof(st)));
	if (req->op == PCNET32_OP_GET_REGS)
		dma = !dma_read(s, req->id, before);
	for (i = 0; i < n; i++)
		one_program(s, r, req, nic, &st);
	if (dma && !dma_read(s, req->id, after)) {
		fuzz_count(&s->st->dma_checks);
		if (memcmp(before, after, sizeof(before))) {
			fuzz_count(&s->st->dma_changed);
			fprintf(stderr, "fuzz: REGS: DMA registers changed while get_regs was "
				"held: CSR1/2 %04x%04x -> %04x%04x, 24/25 %04x%04x -> %04x%04x, "
				"30/31 %04x%04x -> %04x%04x, 76/78 %04x/%04x -> %04x/%04x\n",
				before[1], before[0], after[1], after[0], before[3], before[2],
				after[3], after[2], before[5], before[4], after[5], after[4],
				before[6], before[7], after[6], after[7]);
		}
	}
}

void fuzz_regs_random(struct fuzz_server *s, struct fuzz_rng *r, struct pcnet32u_regs *b)
{
	uint32_t i;

	memset(b, 0, offsetof(struct pcnet32u_regs, vals));
	b->size = sizeof(*b);
	b->version = PCNET32U_VERSION;
	b->id = fuzz_below(r, 2) ? s->recent_ids[fuzz_below(r, 8)] : fuzz_next(r);
	b->n_ops = fuzz_below(r, PCNET32U_REGS_MAX_OPS + 8);
	for (i = 0; i < PCNET32U_REGS_MAX_OPS; i++)
		random_op(r, &b->ops[i], 1);
}
