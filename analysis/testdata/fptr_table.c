// SPDX-License-Identifier: GPL-2.0
/*
 * Test input for the analysis tool (never compiled): function pointers.
 *  - the driver's own access table, called as p->a->read_reg(...);
 *  - MII callbacks assigned at probe, reached through generic_mii_ioctl;
 *  - a callback passed to a driver function that runs it under its lock;
 *  - an interrupt handler registered through a local variable;
 *  - a timer.
 * Expected: f_io_read stays (hot, through the table); f_io_write stays
 * (hot); f_mdio_write must (MII only, through generic_mii_ioctl);
 * f_mdio_read stays (the watchdog reaches it: mii_link_ok reads the PHY
 * through it); f_ioctl must; f_prepare might (atomic: run under f_exec's
 * lock); f_exec stays (also on the hot path); f_set_mac might; f_intr
 * stays (hot root, registered through a variable); f_watchdog and f_link
 * stay (kernel-initiated); f_open and f_probe might.
 */
#include <linux/netdevice.h>
#include <linux/mii.h>
#include <linux/pci.h>

struct f_access {
	u16 (*read_reg)(unsigned long ioaddr, int reg);
	void (*write_reg)(unsigned long ioaddr, int reg, u16 val);
};

struct f_priv {
	const struct f_access *a;
	struct mii_if_info mii;
	spinlock_t cmd_lock;
	struct timer_list watchdog;
	unsigned long ioaddr;
	int irq;
};

static u16 f_io_read(unsigned long ioaddr, int reg)
{
	outw(reg, ioaddr + 0x12);
	return inw(ioaddr + 0x10);
}

static void f_io_write(unsigned long ioaddr, int reg, u16 val)
{
	outw(reg, ioaddr + 0x12);
	outw(val, ioaddr + 0x10);
}

static const struct f_access f_wio = {
	.read_reg	= f_io_read,
	.write_reg	= f_io_write,
};

static int f_mdio_read(struct net_device *dev, int phy, int reg)
{
	struct f_priv *p = netdev_priv(dev);

	p->a->write_reg(p->ioaddr, 33, (phy << 5) | reg);
	return p->a->read_reg(p->ioaddr, 34);
}

static void f_mdio_write(struct net_device *dev, int phy, int reg, int val)
{
	struct f_priv *p = netdev_priv(dev);

	p->a->write_reg(p->ioaddr, 33, (phy << 5) | reg);
	p->a->write_reg(p->ioaddr, 34, val);
}

static int f_ioctl(struct net_device *dev, struct ifreq *rq, int cmd)
{
	struct f_priv *p = netdev_priv(dev);

	return generic_mii_ioctl(&p->mii, if_mii(rq), cmd, NULL);
}

static int f_exec(struct f_priv *p, int (*prep)(struct f_priv *, void *),
		  void *arg)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&p->cmd_lock, flags);
	err = prep(p, arg);
	spin_unlock_irqrestore(&p->cmd_lock, flags);
	return err;
}

static int f_prepare(struct f_priv *p, void *arg)
{
	p->a->write_reg(p->ioaddr, 12, *(u16 *)arg);
	return 0;
}

static int f_xmit_prep(struct f_priv *p, void *arg)
{
	p->a->write_reg(p->ioaddr, 0, 0x48);
	return 0;
}

static netdev_tx_t f_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct f_priv *p = netdev_priv(dev);

	f_exec(p, f_xmit_prep, skb);
	return NETDEV_TX_OK;
}

static int f_set_mac(struct net_device *dev, void *addr)
{
	struct f_priv *p = netdev_priv(dev);

	return f_exec(p, f_prepare, addr);
}

static irqreturn_t f_intr(int irq, void *dev_id)
{
	struct f_priv *p = netdev_priv(dev_id);

	p->a->read_reg(p->ioaddr, 0);
	return IRQ_HANDLED;
}

static void f_link(struct f_priv *p)
{
	if (!p->a->read_reg(p->ioaddr, 1))
		mii_link_ok(&p->mii);
}

static void f_watchdog(struct timer_list *t)
{
	struct f_priv *p = from_timer(p, t, watchdog);

	f_link(p);
	mod_timer(&p->watchdog, jiffies + HZ);
}

static int f_open(struct net_device *dev)
{
	struct f_priv *p = netdev_priv(dev);
	irq_handler_t handler = f_intr;

	timer_setup(&p->watchdog, f_watchdog, 0);
	return request_irq(p->irq, handler, IRQF_SHARED, dev->name, dev);
}

static const struct net_device_ops f_netdev_ops = {
	.ndo_open		= f_open,
	.ndo_start_xmit		= f_start_xmit,
	.ndo_set_mac_address	= f_set_mac,
	.ndo_eth_ioctl		= f_ioctl,
};

static int f_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *dev = alloc_etherdev(sizeof(struct f_priv));
	struct f_priv *p = netdev_priv(dev);

	p->a = &f_wio;
	p->mii.mdio_read = f_mdio_read;
	p->mii.mdio_write = f_mdio_write;
	dev->netdev_ops = &f_netdev_ops;
	return register_netdev(dev);
}

static struct pci_driver f_driver = {
	.name	= "f",
	.probe	= f_probe,
};
