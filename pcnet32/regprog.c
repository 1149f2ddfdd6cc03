// SPDX-License-Identifier: GPL-2.0
/*
 * Register programs (see regprog.h): building one, checking its structure
 * and running it on the chip. Shared by the module, the daemon and the
 * host unit tests, like slow.c; nothing here locks or decides who may run
 * what (firewall.c, regaccess.c).
 */
#include "compat.h"
#include "hw.h"
#include "port.h"
#include "regprog.h"

/* the highest register number of each space */
static const u16 pcnet32_space_last[PCNET32U_NSPACES] = {
	[PCNET32U_SPACE_CSR] = 127,
	[PCNET32U_SPACE_BCR] = 63,
	[PCNET32U_SPACE_MII] = (31 << 5) | 31,
	[PCNET32U_SPACE_APROM] = PCNET32_IO_APROM_LEN / 2 - 1,
};

void pcnet32_batch_init(struct pcnet32_batch *b)
{
	b->n = 0;
	b->err = 0;
}

static void pcnet32_batch_add(struct pcnet32_batch *b, u8 cmd, u8 space,
			      u16 reg, u16 mask, u16 val, u16 count, u16 *dst)
{
	struct pcnet32u_reg_op *o;

	if (b->n >= PCNET32_BATCH_OPS) {
		b->err = -E2BIG;
		return;
	}
	o = &b->ops[b->n];
	o->cmd = cmd;
	o->space = space;
	o->reg = reg;
	o->mask = mask;
	o->val = val;
	o->count = count;
	o->pad = 0;
	b->dst[b->n++] = dst;
}

void pcnet32_batch_read(struct pcnet32_batch *b, u8 space, u16 reg, u16 *out)
{
	pcnet32_batch_add(b, PCNET32U_REG_READ, space, reg, 0, 0, 0, out);
}

void pcnet32_batch_bulk(struct pcnet32_batch *b, u8 space, u16 first,
			u16 count, u16 *out)
{
	pcnet32_batch_add(b, PCNET32U_REG_BULK, space, first, 0, 0, count, out);
}

void pcnet32_batch_write(struct pcnet32_batch *b, u8 space, u16 reg, u16 val)
{
	pcnet32_batch_add(b, PCNET32U_REG_WRITE, space, reg, 0, val, 0, NULL);
}

void pcnet32_batch_update(struct pcnet32_batch *b, u8 space, u16 reg,
			  u16 mask, u16 val, u16 *old)
{
	pcnet32_batch_add(b, PCNET32U_REG_UPDATE, space, reg, mask, val & mask,
			  0, old);
}

void pcnet32_batch_poll(struct pcnet32_batch *b, u8 space, u16 reg, u16 mask,
			u16 val, u16 timeout_us, u16 *last)
{
	pcnet32_batch_add(b, PCNET32U_REG_POLL, space, reg, mask, val & mask,
			  timeout_us, last);
}

void pcnet32_batch_suspend(struct pcnet32_batch *b, u16 *suspended)
{
	pcnet32_batch_add(b, PCNET32U_REG_SUSPEND, 0, 0, 0, 0, 0, suspended);
}

void pcnet32_batch_resume(struct pcnet32_batch *b)
{
	pcnet32_batch_add(b, PCNET32U_REG_RESUME, 0, 0, 0, 0, 0, NULL);
}

/* out words of one checked access */
static u32 pcnet32_reg_op_vals(const struct pcnet32u_reg_op *o)
{
	switch (o->cmd) {
	case PCNET32U_REG_BULK:
		return o->count;
	case PCNET32U_REG_WRITE:
	case PCNET32U_REG_RESUME:
		return 0;
	default:
		return 1;
	}
}

int pcnet32_batch_run(struct pcnet32_ctx *ctx, struct pcnet32_batch *b)
{
	u16 vals[PCNET32U_REGS_MAX_VALS];
	u32 i, off = 0, n_vals = 0, k;
	int ret;

	if (b->err)
		return b->err;
	ret = pcnet32_regs_submit(ctx, b->ops, b->n, vals, &n_vals);
	if (ret)
		return ret;
	for (i = 0; i < b->n; i++) {
		k = pcnet32_reg_op_vals(&b->ops[i]);
		if (off + k > n_vals)
			return -EIO;	/* fewer words than the program yields */
		if (b->dst[i])
			memcpy(b->dst[i], &vals[off], k * sizeof(u16));
		off += k;
	}
	return 0;
}

static int pcnet32_reg_op_check(const struct pcnet32u_reg_op *o)
{
	u16 last;

	if (o->pad)
		return -EINVAL;
	switch (o->cmd) {
	case PCNET32U_REG_SUSPEND:
	case PCNET32U_REG_RESUME:
		return o->space || o->reg || o->mask || o->val || o->count ?
		       -EINVAL : 0;
	case PCNET32U_REG_READ:
		if (o->mask || o->val || o->count)
			return -EINVAL;
		break;
	case PCNET32U_REG_WRITE:
		if (o->mask || o->count || o->space == PCNET32U_SPACE_APROM)
			return -EINVAL;
		break;
	case PCNET32U_REG_UPDATE:
		if (o->count || (o->val & ~o->mask) ||
		    o->space == PCNET32U_SPACE_APROM)
			return -EINVAL;
		break;
	case PCNET32U_REG_BULK:
		if (o->mask || o->val || !o->count)
			return -EINVAL;
		break;
	case PCNET32U_REG_POLL:
		if (o->val & ~o->mask)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	if (o->space >= PCNET32U_NSPACES)
		return -EINVAL;
	last = pcnet32_space_last[o->space];
	if (o->reg > last)
		return -EINVAL;
	if (o->cmd == PCNET32U_REG_BULK && o->count - 1 > last - o->reg)
		return -EINVAL;
	return 0;
}

int pcnet32_regprog_check(const struct pcnet32u_reg_op *ops, u32 n,
			  u32 *n_vals)
{
	u32 i, vals = 0, poll_us = 0;
	int suspended = 0, ret;

	*n_vals = 0;
	if (!n)
		return -EINVAL;
	if (n > PCNET32U_REGS_MAX_OPS)
		return -E2BIG;
	for (i = 0; i < n; i++) {
		ret = pcnet32_reg_op_check(&ops[i]);
		if (ret)
			return ret;
		if (ops[i].cmd == PCNET32U_REG_SUSPEND) {
			if (suspended)
				return -EINVAL;
			suspended = 1;
		} else if (ops[i].cmd == PCNET32U_REG_RESUME) {
			if (suspended != 1)
				return -EINVAL;
			suspended = 2;
		} else if (ops[i].cmd == PCNET32U_REG_POLL) {
			poll_us += ops[i].count;
		}
		vals += pcnet32_reg_op_vals(&ops[i]);
	}
	if (suspended == 1)
		return -EINVAL;	/* the chip would stay suspended */
	if (vals > PCNET32U_REGS_MAX_VALS || poll_us > PCNET32U_REGS_MAX_POLL_US)
		return -E2BIG;
	*n_vals = vals;
	return 0;
}

static u16 pcnet32_reg_get(const struct pcnet32_io *io, u8 space, u16 reg,
			   u32 *accesses)
{
	switch (space) {
	case PCNET32U_SPACE_CSR:
		*accesses += 1;
		return pcnet32_read_csr(io, reg);
	case PCNET32U_SPACE_BCR:
		*accesses += 1;
		return pcnet32_read_bcr(io, reg);
	case PCNET32U_SPACE_MII:
		*accesses += 2;
		return pcnet32_mii_read(io, reg >> 5, reg & 31);
	default:
		*accesses += 1;
		return pcnet32_read_aprom(io, reg * 2);
	}
}

static void pcnet32_reg_set(const struct pcnet32_io *io, u8 space, u16 reg,
			    u16 val, u32 *accesses)
{
	switch (space) {
	case PCNET32U_SPACE_CSR:
		*accesses += 1;
		pcnet32_write_csr(io, reg, val);
		break;
	case PCNET32U_SPACE_BCR:
		*accesses += 1;
		pcnet32_write_bcr(io, reg, val);
		break;
	case PCNET32U_SPACE_MII:
		*accesses += 2;
		pcnet32_mii_write(io, reg >> 5, reg & 31, val);
		break;
	}
}

int pcnet32_regprog_run(const struct pcnet32_io *io,
			const struct pcnet32u_reg_op *ops, u32 n, u16 *vals,
			struct pcnet32_regprog_result *res)
{
	int suspended = 0, ret = 0;
	u32 i, k, us;
	u16 v;

	res->n_vals = 0;
	res->n_done = 0;
	res->accesses = 0;
	for (i = 0; i < n && !ret; i++) {
		const struct pcnet32u_reg_op *o = &ops[i];

		switch (o->cmd) {
		case PCNET32U_REG_READ:
			vals[res->n_vals++] = pcnet32_reg_get(io, o->space, o->reg,
							      &res->accesses);
			break;
		case PCNET32U_REG_WRITE:
			pcnet32_reg_set(io, o->space, o->reg, o->val,
					&res->accesses);
			break;
		case PCNET32U_REG_UPDATE:
			v = pcnet32_reg_get(io, o->space, o->reg, &res->accesses);
			vals[res->n_vals++] = v;
			pcnet32_reg_set(io, o->space, o->reg,
					(v & ~o->mask) | (o->val & o->mask),
					&res->accesses);
			break;
		case PCNET32U_REG_BULK:
			for (k = 0; k < o->count; k++)
				vals[res->n_vals++] =
					pcnet32_reg_get(io, o->space, o->reg + k,
							&res->accesses);
			break;
		case PCNET32U_REG_POLL:
			for (us = 0;; us++) {
				v = pcnet32_reg_get(io, o->space, o->reg,
						    &res->accesses);
				if ((v & o->mask) == o->val)
					break;
				if (us >= o->count) {
					ret = -ETIMEDOUT;
					break;
				}
				pcnet32_udelay(1);
			}
			vals[res->n_vals++] = v;
			break;
		case PCNET32U_REG_SUSPEND:
			suspended = pcnet32_suspend(io, &res->accesses);
			vals[res->n_vals++] = (u16)suspended;
			break;
		case PCNET32U_REG_RESUME:
			if (suspended)
				pcnet32_resume(io, &res->accesses);
			suspended = 0;
			break;
		}
		if (!ret)
			res->n_done++;
	}
	/* never left suspended, whatever stopped the program */
	if (suspended)
		pcnet32_resume(io, &res->accesses);
	pcnet32_write_rap(io, PCNET32_CSR_STATUS);
	return ret;
}
