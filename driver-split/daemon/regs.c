// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's register programs (regs.h): the per-build
 * pcnet32_regs_submit() of pcnet32/regprog.h.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "regprog.h"
#include "regs.h"

int pcnet32_regs_submit(struct pcnet32_ctx *ctx,
			const struct pcnet32u_reg_op *ops, u32 n, u16 *vals,
			u32 *n_vals)
{
	struct pcnet32d_chan *c = ctx->priv;
	struct pcnet32_regprog_result res;
	struct pcnet32u_regs b;
	int ret;

	*n_vals = 0;
	if (!c)
		return -ENODEV;	/* no request in hand (the facts) */
	if (c->direct) {
		ret = pcnet32_regprog_check(ops, n, n_vals);
		if (ret)
			return ret;
		ret = pcnet32_regprog_run(&ctx->io, ops, n, vals, &res);
		*n_vals = res.n_vals;
		return ret;
	}
	if (n > PCNET32U_REGS_MAX_OPS)
		return -E2BIG;
	memset(&b, 0, offsetof(struct pcnet32u_regs, vals));
	b.size = sizeof(b);
	b.version = PCNET32U_VERSION;
	b.id = c->id;
	b.n_ops = n;
	memcpy(b.ops, ops, n * sizeof(ops[0]));
	if (ioctl(c->fd, PCNET32U_IOC_REGS, &b))
		return -errno;
	if (b.n_vals > PCNET32U_REGS_MAX_VALS)
		return -EIO;
	memcpy(vals, b.vals, b.n_vals * sizeof(vals[0]));
	*n_vals = b.n_vals;
	return 0;
}
