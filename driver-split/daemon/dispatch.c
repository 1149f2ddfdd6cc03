// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's dispatch, from the op table (pcnet32/ops.h): every op whose
 * side is USER, and only those, runs the very function the in-kernel build
 * calls (pcnet32/slow.c).
 */
#include <string.h>

#include "dispatch.h"
#include "pcnet32_upcall.h"

PCNET32_OPS(PCNET32_OP_WRAPPER)

static const struct pcnet32_op_desc pcnet32d_ops[PCNET32_OP_MAX] = {
	PCNET32_OPS(PCNET32_OP_DESC)
};

int pcnet32d_dispatch(const struct pcnet32_io *io, const void *state,
		      uint32_t state_len, uint32_t op, const void *arg,
		      uint32_t arg_len, void *rep, uint32_t rep_max,
		      uint32_t *rep_len)
{
	_Alignas(8) unsigned char a[PCNET32U_MAX_ARG], r[PCNET32U_MAX_REPLY];
	struct pcnet32_ctx ctx = { .io = *io, .priv = NULL };
	const struct pcnet32_op_desc *d;
	struct pcnet32_state st;
	int ret;

	*rep_len = 0;
	/* the kernel's snapshot: exactly one struct, as this build knows it */
	if (state_len != sizeof(st))
		return -EPROTO;
	memcpy(&st, state, sizeof(st));
	if (st.size != sizeof(st))
		return -EPROTO;
	if (op >= PCNET32_OP_MAX || !pcnet32d_ops[op].fn ||
	    pcnet32d_ops[op].side != PCNET32_SIDE_USER)
		return -EOPNOTSUPP;
	d = &pcnet32d_ops[op];
	if (arg_len != d->arg_len || d->arg_len > sizeof(a) ||
	    d->rep_len > sizeof(r) || rep_max < d->rep_len)
		return -EINVAL;
	memcpy(a, arg, d->arg_len);
	memset(r, 0, d->rep_len);
	ret = d->fn(&ctx, &st, a, r);
	if (ret)
		return ret;
	memcpy(rep, r, d->rep_len);
	*rep_len = d->rep_len;
	return 0;
}
