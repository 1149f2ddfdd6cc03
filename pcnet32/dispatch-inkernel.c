// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel dispatch of the slow-path ops: a direct call, under the device
 * spinlock for ops that touch the ports. The split build replaces this
 * file with the upcall to the daemon; nothing else changes.
 */
#include <linux/spinlock.h>
#include <linux/string.h>

#include "pcnet32.h"

PCNET32_OPS(PCNET32_OP_WRAPPER)

static const struct pcnet32_op_desc pcnet32_op_table[PCNET32_OP_MAX] = {
	PCNET32_OPS(PCNET32_OP_DESC)
};

int pcnet32_call_op(struct pcnet32_private *lp, u32 op, const void *arg,
		    u32 arg_len, void *rep, u32 rep_len)
{
	const struct pcnet32_op_desc *d;
	struct pcnet32_ctx ctx = { .io = lp->io, .priv = lp };
	unsigned long flags;
	int ret;

	if (op >= PCNET32_OP_MAX || !pcnet32_op_table[op].fn)
		return -EOPNOTSUPP;
	d = &pcnet32_op_table[op];
	if (arg_len != d->arg_len || rep_len != d->rep_len)
		return -EINVAL;
	memset(rep, 0, rep_len);
	if (d->flags & PCNET32_OPF_PORTS) {
		spin_lock_irqsave(&lp->lock, flags);
		ret = d->fn(&ctx, &lp->st, arg, rep);
		/* RAP back home before the fast path may run again */
		pcnet32_write_rap(&lp->io, PCNET32_CSR_STATUS);
		spin_unlock_irqrestore(&lp->lock, flags);
	} else {
		ret = d->fn(&ctx, &lp->st, arg, rep);
	}
	return ret;
}

int pcnet32_dispatch_init(struct pcnet32_private *lp)
{
	return 0;
}

void pcnet32_dispatch_exit(struct pcnet32_private *lp)
{
}
