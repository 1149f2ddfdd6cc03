// SPDX-License-Identifier: GPL-2.0
/*
 * What both builds' dispatchers share: the op table, generated from
 * PCNET32_OPS, and running an op here in the kernel (the in-kernel build
 * for every op, the split build for the ops of side KERNEL). An op holds
 * no lock: each register program it runs takes the register lock for
 * itself (regaccess.c).
 */
#include <linux/spinlock.h>
#include <linux/string.h>

#include "pcnet32.h"

PCNET32_OPS(PCNET32_OP_WRAPPER)

static const struct pcnet32_op_desc pcnet32_op_table[PCNET32_OP_MAX] = {
	PCNET32_OPS(PCNET32_OP_DESC)
};

const struct pcnet32_op_desc *pcnet32_op_find(u32 op, u32 arg_len,
					      u32 rep_len, int *err)
{
	const struct pcnet32_op_desc *d;

	if (op >= PCNET32_OP_MAX || !pcnet32_op_table[op].fn) {
		*err = -EOPNOTSUPP;
		return NULL;
	}
	d = &pcnet32_op_table[op];
	if (arg_len != d->arg_len || rep_len != d->rep_len) {
		*err = -EINVAL;
		return NULL;
	}
	return d;
}

int pcnet32_op_run_here(struct pcnet32_private *lp,
			const struct pcnet32_op_desc *d, const void *arg,
			void *rep)
{
	struct pcnet32_ctx ctx = { .op = d->id, .io = lp->io, .priv = lp };

	return d->fn(&ctx, &lp->st, arg, rep);
}
