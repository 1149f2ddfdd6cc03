// SPDX-License-Identifier: GPL-2.0
/*
 * Test input for the analysis tool (never compiled): an X-macro op table
 * expanded into prototypes and a positional dispatch table, as our own
 * driver's pcnet32/ops.h does, and a lock taken inside a macro.
 * Expected: x_op_get_a and x_op_get_b must (reached through x_table[].fn);
 * x_run must; x_get_drvinfo must; x_get_link might (X_LOCK takes a
 * spinlock); x_helper must; x_cmd_reset must (positional table of another
 * shape, called through .run).
 */
#include <linux/netdevice.h>
#include <linux/ethtool.h>

#define X_OPS(X)		\
	X(GET_A, get_a)		\
	X(GET_B, get_b)

#define X_PROTO(NAME, FN) static int x_op_##FN(struct net_device *dev);
X_OPS(X_PROTO)
#undef X_PROTO

#define X_LOCK(p, flags) spin_lock_irqsave(&(p)->lock, flags)
#define X_UNLOCK(p, flags) spin_unlock_irqrestore(&(p)->lock, flags)

struct x_priv {
	spinlock_t lock;
};

struct x_desc {
	const char *name;
	unsigned int id;
	int (*fn)(struct net_device *dev);
};

struct x_cmd {
	const char *name;
	int (*run)(struct net_device *dev);
};

static int x_helper(void)
{
	return 7;
}

static int x_op_get_a(struct net_device *dev)
{
	return x_helper();
}

static int x_op_get_b(struct net_device *dev)
{
	return 1;
}

static const struct x_desc x_table[] = {
#define X_ROW(NAME, FN) { #FN, __LINE__, x_op_##FN },
	X_OPS(X_ROW)
#undef X_ROW
};

static int x_cmd_reset(struct net_device *dev)
{
	return 0;
}

static const struct x_cmd x_cmds[] = {
	{ "reset", x_cmd_reset },
};

static int x_run(struct net_device *dev, int id)
{
	return x_table[id].fn(dev) + x_cmds[0].run(dev);
}

static void x_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	x_run(dev, 0);
}

static u32 x_get_link(struct net_device *dev)
{
	struct x_priv *p = netdev_priv(dev);
	unsigned long flags;
	u32 up;

	X_LOCK(p, flags);
	up = 1;
	X_UNLOCK(p, flags);
	return up;
}

static const struct ethtool_ops x_ethtool_ops = {
	.get_drvinfo	= x_get_drvinfo,
	.get_link	= x_get_link,
};
