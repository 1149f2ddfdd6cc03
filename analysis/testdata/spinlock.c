// SPDX-License-Identifier: GPL-2.0
/*
 * Test input for the analysis tool (never compiled): functions called
 * under a spinlock.
 * Expected: l_get_regs might (takes the lock itself); l_dump_reg might
 * (called with the lock held, atomic); l_nway_reset might (takes the
 * lock); l_restart_phy might (called under the lock, after an
 * "if (..) { unlock; return; }" that must not end the locked region);
 * l_log_reset must (called after the unlock); l_get_regs_len must;
 * l_set_rx_mode and l_hash might (ndo_set_rx_mode runs atomic).
 */
#include <linux/netdevice.h>
#include <linux/ethtool.h>

struct l_priv {
	spinlock_t lock;
	unsigned long ioaddr;
	bool up;
	u32 hash;
};

static u32 l_dump_reg(struct l_priv *p, int r)
{
	outw(r, p->ioaddr + 0x12);
	return inw(p->ioaddr + 0x10);
}

static int l_get_regs_len(struct net_device *dev)
{
	return 32 * sizeof(u32);
}

static void l_get_regs(struct net_device *dev, struct ethtool_regs *regs,
		       void *buf)
{
	struct l_priv *p = netdev_priv(dev);
	unsigned long flags;
	u32 *out = buf;
	int i;

	spin_lock_irqsave(&p->lock, flags);
	for (i = 0; i < 32; i++)
		out[i] = l_dump_reg(p, i);
	spin_unlock_irqrestore(&p->lock, flags);
}

static void l_restart_phy(struct l_priv *p)
{
	outw(0x1000, p->ioaddr + 0x14);
}

static void l_log_reset(struct net_device *dev)
{
	netdev_info(dev, "link reset\n");
}

static int l_nway_reset(struct net_device *dev)
{
	struct l_priv *p = netdev_priv(dev);
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	if (!p->up) {
		spin_unlock_irqrestore(&p->lock, flags);
		return -EAGAIN;
	}
	l_restart_phy(p);
	spin_unlock_irqrestore(&p->lock, flags);
	l_log_reset(dev);
	return 0;
}

static u32 l_hash(const u8 *addr)
{
	return addr[5] & 63;
}

static void l_set_rx_mode(struct net_device *dev)
{
	struct l_priv *p = netdev_priv(dev);

	p->hash = l_hash(dev->dev_addr);
}

static const struct ethtool_ops l_ethtool_ops = {
	.get_regs_len	= l_get_regs_len,
	.get_regs	= l_get_regs,
	.nway_reset	= l_nway_reset,
};

static const struct net_device_ops l_netdev_ops = {
	.ndo_set_rx_mode = l_set_rx_mode,
};
