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

int pcnet32d_dispatch(const struct pcnet32_io *io, void *chan,
		      const void *state, uint32_t state_len, uint32_t op,
		      const void *arg, uint32_t arg_len, void *rep,
		      uint32_t rep_max, uint32_t *rep_len)
{
	_Alignas(8) unsigned char a[PCNET32U_MAX_ARG], r[PCNET32U_MAX_REPLY];
	struct pcnet32_ctx ctx = { .op = op, .io = *io, .priv = chan };
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

const struct pcnet32_op_desc *pcnet32d_op(uint32_t op)
{
	if (op >= PCNET32_OP_MAX || !pcnet32d_ops[op].name)
		return NULL;
	return &pcnet32d_ops[op];
}

uint64_t pcnet32d_served_ops(void)
{
	uint64_t m = 0;
	uint32_t op;

	for (op = 0; op < PCNET32_OP_MAX; op++)
		if (pcnet32d_ops[op].fn && pcnet32d_ops[op].side == PCNET32_SIDE_USER)
			m |= 1ULL << op;
	return m;
}

int pcnet32d_facts(const struct pcnet32_io *io, const void *state,
		   uint32_t state_len, struct pcnet32u_facts *f)
{
	struct pcnet32_sset_arg ss;
	struct pcnet32_u32 v;
	uint32_t len, i;
	int ret;

	memset(f, 0, sizeof(*f));
	f->size = sizeof(*f);
	f->version = PCNET32U_VERSION;
	ret = pcnet32d_dispatch(io, NULL, state, state_len, PCNET32_OP_GET_REGS_LEN,
				&(struct pcnet32_none){ 0 }, sizeof(struct pcnet32_none),
				&v, sizeof(v), &len);
	if (ret)
		return ret;
	f->regs_len = v.value;
	for (i = 0; i < PCNET32U_NSSETS; i++) {
		ss.sset = i;
		ret = pcnet32d_dispatch(io, NULL, state, state_len, PCNET32_OP_GET_SSET_COUNT,
					&ss, sizeof(ss), &v, sizeof(v), &len);
		if (ret == -EOPNOTSUPP)
			f->sset_count[i] = -PCNET32U_EOPNOTSUPP;
		else if (ret)
			return ret;
		else
			f->sset_count[i] = (int32_t)v.value;
	}
	return 0;
}

void pcnet32d_list_ops(FILE *out)
{
	static const struct { uint32_t bit; const char *name; } flags[] = {
		{ PCNET32_OPF_PORTS, "ports" }, { PCNET32_OPF_SETS, "sets" },
		{ PCNET32_OPF_SLEEPS, "sleeps" }, { PCNET32_OPF_REPLAY, "replay" },
		{ PCNET32_OPF_FACT, "fact" },
	};
	uint32_t op, i;

	fputs("id,name,fn,side,flags\n", out);
	for (op = 0; op < PCNET32_OP_MAX; op++) {
		const struct pcnet32_op_desc *d = &pcnet32d_ops[op];
		const char *sep = "";

		if (!d->name)
			continue;
		fprintf(out, "%u,%s,%s,%s,", d->id, d->op_name, d->name,
			d->side == PCNET32_SIDE_USER ? "user" : "kernel");
		for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
			if (d->flags & flags[i].bit) {
				fprintf(out, "%s%s", sep, flags[i].name);
				sep = "|";
			}
		}
		fputs(*sep ? "\n" : "-\n", out);
	}
}
