// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's checks of the daemon's replies, per op. A reply is untrusted
 * input: it must have exactly its op's reply size, terminated strings and
 * values within the bounds the kernel is ready to act on. Pure code (no
 * locking, no allocation): it runs under the channel's spinlock and is
 * unit-tested on the host (tests/unit/split_check.c).
 *
 * Sizes are the kernel's facts, never the daemon's choice: the ethtool core
 * allocates by what get_sset_count and get_regs_len return (and WARNs on a
 * self-test count of 0, then has the self-test write into a buffer of that
 * many results), and get_strings and get_regs write into those buffers.
 * So a daemon's answer of a size must be exactly the kernel's own value:
 * the string set ETH_SS_TEST has PCNET32_TEST_LEN strings (the self-test's
 * results: it runs in the kernel), no other string set exists (the daemon
 * answers those with an error), and the register dump has
 * PCNET32_DUMP_LEN(has_mii) bytes, get_regs_len's value and get_regs'
 * length alike. The ethtool glue (pcnet32/ethtool.c) returns the kernel's
 * values itself and copies no more than the core allocated; these checks
 * keep a daemon from disagreeing unnoticed (its reply is refused: EIO).
 */
#include "check.h"

static bool pcnet32_str_ok(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

static bool pcnet32_bool_ok(u32 v)
{
	return v <= 1;
}

static bool pcnet32_ring_size_ok(u32 n)
{
	return n >= (1u << PCNET32_RING_MIN_LOG2) && n <= PCNET32_RING_MAX &&
	       !(n & (n - 1));
}

static int pcnet32_check_contents(u32 op, const struct pcnet32_state *st,
				  const void *a, const void *r)
{
	switch (op) {
	case PCNET32_OP_GET_DRVINFO: {
		const struct pcnet32_drvinfo_rep *d = r;

		if (!pcnet32_str_ok(d->driver, sizeof(d->driver)) ||
		    !pcnet32_str_ok(d->version, sizeof(d->version)) ||
		    !pcnet32_str_ok(d->bus_info, sizeof(d->bus_info)))
			return -EINVAL;
		return 0;
	}
	case PCNET32_OP_GET_REGS_LEN: {
		const struct pcnet32_u32 *v = r;

		return v->value == PCNET32_DUMP_LEN(st->has_mii) ? 0 : -EINVAL;
	}
	case PCNET32_OP_GET_REGS: {
		const struct pcnet32_regs_rep *g = r;

		return g->len == PCNET32_DUMP_LEN(st->has_mii) ? 0 : -EINVAL;
	}
	case PCNET32_OP_SET_MSGLEVEL: {
		const struct pcnet32_u32 *in = a, *out = r;

		/* the new level is the one asked for, nothing else */
		return out->value == in->value ? 0 : -EINVAL;
	}
	case PCNET32_OP_NWAY_RESET:
	case PCNET32_OP_MDIO_WRITE: {
		const struct pcnet32_none *n = r;

		return n->reserved ? -EINVAL : 0;
	}
	case PCNET32_OP_GET_LINK: {
		const struct pcnet32_u32 *v = r;

		return pcnet32_bool_ok(v->value) ? 0 : -EINVAL;
	}
	case PCNET32_OP_GET_RINGPARAM: {
		const struct pcnet32_ring *g = r;

		if (g->rx_max != PCNET32_RING_MAX || g->tx_max != PCNET32_RING_MAX ||
		    !pcnet32_ring_size_ok(g->rx) || !pcnet32_ring_size_ok(g->tx) ||
		    g->rx_mini || g->rx_jumbo)
			return -EINVAL;
		return 0;
	}
	case PCNET32_OP_SET_RINGPARAM: {
		const struct pcnet32_ring *g = r;

		/* the kernel reallocates its rings to these sizes */
		if (!pcnet32_ring_size_ok(g->rx) || !pcnet32_ring_size_ok(g->tx))
			return -EINVAL;
		return 0;
	}
	case PCNET32_OP_GET_STRINGS: {
		const struct pcnet32_sset_arg *ss = a;
		const struct pcnet32_strings_rep *s = r;
		u32 i;

		if (ss->sset != PCNET32_SS_TEST || s->count != PCNET32_TEST_LEN)
			return -EINVAL;
		for (i = 0; i < s->count; i++)
			if (!pcnet32_str_ok(s->strings[i], PCNET32_STR_LEN))
				return -EINVAL;
		return 0;
	}
	case PCNET32_OP_GET_SSET_COUNT: {
		const struct pcnet32_sset_arg *ss = a;
		const struct pcnet32_u32 *v = r;

		if (ss->sset != PCNET32_SS_TEST || v->value != PCNET32_TEST_LEN)
			return -EINVAL;
		return 0;
	}
	case PCNET32_OP_SET_PHYS_ID: {
		const struct pcnet32_phys_id_rep *p = r;

		if (p->cycles < 0 || p->cycles > 10 ||
		    p->reserved[0] || p->reserved[1] || p->reserved[2])
			return -EINVAL;
		return 0;
	}
	case PCNET32_OP_GET_LINK_KSETTINGS: {
		const struct pcnet32_link *l = r;

		if ((l->speed != 10 && l->speed != 100) ||
		    l->duplex > PCNET32_DUPLEX_FULL || l->port > PCNET32_PORT_MII ||
		    l->autoneg > 1 || l->transceiver > PCNET32_XCVR_EXTERNAL ||
		    l->phy_address > 31 || l->pad[0] || l->pad[1])
			return -EINVAL;
		return 0;
	}
	case PCNET32_OP_SET_LINK_KSETTINGS: {
		const struct pcnet32_link_set_rep *s = r;

		if (!pcnet32_bool_ok(s->autoneg) || !pcnet32_bool_ok(s->port_tp) ||
		    !pcnet32_bool_ok(s->fdx) || s->pad)
			return -EINVAL;
		return 0;
	}
	case PCNET32_OP_MDIO_READ: {
		const struct pcnet32_u32 *v = r;

		return v->value <= 0xffff ? 0 : -EINVAL;
	}
	case PCNET32_OP_GET_MSGLEVEL:
		return 0;	/* any bit pattern is a message level */
	default:
		return -EINVAL;
	}
}

/* the sizes the op table gives each op, and whether the daemon runs it */
struct pcnet32_op_size {
	bool known;
	u32 side;
	u32 arg_len;
	u32 rep_len;
};

#define PCNET32_OP_SIZE(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	[ID] = { true, PCNET32_SIDE_##SIDE, sizeof(struct ARG),	\
		 sizeof(struct REP) },

static const struct pcnet32_op_size pcnet32_op_sizes[PCNET32_OP_MAX] = {
	PCNET32_OPS(PCNET32_OP_SIZE)
};

u64 pcnet32_user_ops(void)
{
	u64 m = 0;
	u32 op;

	for (op = 0; op < PCNET32_OP_MAX; op++)
		if (pcnet32_op_sizes[op].known &&
		    pcnet32_op_sizes[op].side == PCNET32_SIDE_USER)
			m |= 1ULL << op;
	return m;
}

int pcnet32_check_reply(u32 op, const struct pcnet32_state *st,
			const void *arg, u32 arg_len, const void *rep, u32 rep_len)
{
	const struct pcnet32_op_size *z;

	if (op >= PCNET32_OP_MAX)
		return -EINVAL;	/* no such op */
	z = &pcnet32_op_sizes[op];
	if (!z->known || z->side != PCNET32_SIDE_USER ||
	    arg_len != z->arg_len || rep_len != z->rep_len)
		return -EINVAL;	/* not the daemon's, or not its sizes */
	return pcnet32_check_contents(op, st, arg, rep);
}

/*
 * The daemon's published facts (PCNET32U_IOC_FACTS), answered later by the
 * kernel in its name: the same bounds as the replies of GET_REGS_LEN and
 * GET_SSET_COUNT above, so that a fact is never a value the kernel would
 * refuse as a reply. Other string sets: a count the glue can take
 * (0..PCNET32_MAX_STRINGS) or "no such set".
 */
int pcnet32_check_facts(const struct pcnet32_state *st,
			const struct pcnet32u_facts *f)
{
	u32 i;

	if (f->regs_len != PCNET32_DUMP_LEN(st->has_mii))
		return -ERANGE;
	for (i = 0; i < PCNET32U_NSSETS; i++) {
		s32 n = f->sset_count[i];

		if (i == PCNET32_SS_TEST) {
			if (n != PCNET32_TEST_LEN)
				return -ERANGE;
		} else if (n != -PCNET32U_EOPNOTSUPP &&
			   (n < 0 || n > PCNET32_MAX_STRINGS)) {
			return -ERANGE;
		}
	}
	return 0;
}
