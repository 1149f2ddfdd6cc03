// SPDX-License-Identifier: GPL-2.0
/*
 * Test input for the analysis tool (never compiled): ops reached through
 * a dispatcher by op id, as our driver's glue calls pcnet32_call_op(lp,
 * PCNET32_OP_x, ...). Run with --dispatch dispatch.tsv; the dispatcher
 * itself is not among the sources.
 * Expected: d_op_get_a must; d_op_get_b might (the glue holds a spinlock
 * around the call: atomic); d_op_link stays (the watchdog timer calls it);
 * d_get_drvinfo must; d_get_link might.
 */
#include <linux/netdevice.h>
#include <linux/ethtool.h>

#define d_call(p, OP, arg) d_call_op(p, D_OP_##OP, arg, sizeof(*(arg)))

struct d_priv {
	spinlock_t lock;
	struct timer_list watchdog;
	u32 val;
};

int d_op_get_a(struct d_priv *p, u32 *rep)
{
	*rep = 1;
	return 0;
}

int d_op_get_b(struct d_priv *p, u32 *rep)
{
	*rep = 2;
	return 0;
}

int d_op_link(struct d_priv *p, u32 *rep)
{
	*rep = 3;
	return 0;
}

static void d_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	struct d_priv *p = netdev_priv(dev);

	d_call(p, GET_A, &p->val);
}

static u32 d_get_link(struct net_device *dev)
{
	struct d_priv *p = netdev_priv(dev);

	spin_lock(&p->lock);
	d_call(p, GET_B, &p->val);
	spin_unlock(&p->lock);
	return p->val;
}

static void d_watchdog(struct timer_list *t)
{
	struct d_priv *p = from_timer(p, t, watchdog);

	d_call(p, LINK, &p->val);
}

static int d_open(struct net_device *dev)
{
	struct d_priv *p = netdev_priv(dev);

	timer_setup(&p->watchdog, d_watchdog, 0);
	return 0;
}

static const struct ethtool_ops d_ethtool_ops = {
	.get_drvinfo	= d_get_drvinfo,
	.get_link	= d_get_link,
};

static const struct net_device_ops d_netdev_ops = {
	.ndo_open	= d_open,
};
