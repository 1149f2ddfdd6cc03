// SPDX-License-Identifier: GPL-2.0
/*
 * Test input for the analysis tool (never compiled): a hot root calling a
 * helper that a slow root also calls.
 * Expected: h_start_xmit stays (hot root); h_ring_index stays (on the hot
 * path, and a helper of a candidate); h_get_drvinfo must; h_fill must.
 */
#include <linux/netdevice.h>
#include <linux/ethtool.h>

struct h_priv {
	int next;
};

static int h_ring_index(struct h_priv *p)
{
	return p->next & 15;
}

static netdev_tx_t h_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct h_priv *p = netdev_priv(dev);

	p->next = h_ring_index(p) + 1;
	return NETDEV_TX_OK;
}

static void h_fill(struct ethtool_drvinfo *info, int ring)
{
	snprintf(info->bus_info, sizeof(info->bus_info), "ring %d", ring);
}

static void h_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	struct h_priv *p = netdev_priv(dev);

	strscpy(info->driver, "h", sizeof(info->driver));
	h_fill(info, h_ring_index(p));
}

static const struct ethtool_ops h_ethtool_ops = {
	.get_drvinfo = h_get_drvinfo,
};

static const struct net_device_ops h_netdev_ops = {
	.ndo_start_xmit = h_start_xmit,
};
