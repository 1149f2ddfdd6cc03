// SPDX-License-Identifier: GPL-2.0
/*
 * Test input for the analysis tool (never compiled): slow-only helpers.
 * Expected: s_version, s_get_drvinfo, s_get_msglevel, s_change_mtu, s_check
 * must; s_read_eeprom might (also on the probe path); s_probe and
 * s_init_module might (configuration); s_unused stays (nothing reaches it);
 * s_poll stays (hot), s_rx stays.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include <linux/pci.h>

#define S_CHECK(p, v) s_check((p), (v))

struct s_priv {
	u32 msg_enable;
	u16 eeprom[64];
	struct napi_struct napi;
};

static const char *s_version(void)
{
	return "1.0";
}

static bool s_check(struct s_priv *p, int v)
{
	return v < 64 && p->eeprom[v] != 0xffff;
}

static u16 s_read_eeprom(struct s_priv *p, int i)
{
	return p->eeprom[i];
}

static void s_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	struct s_priv *p = netdev_priv(dev);

	strscpy(info->version, s_version(), sizeof(info->version));
	snprintf(info->fw_version, sizeof(info->fw_version), "%u",
		 s_read_eeprom(p, 0));
}

static u32 s_get_msglevel(struct net_device *dev)
{
	struct s_priv *p = netdev_priv(dev);

	return S_CHECK(p, 1) ? p->msg_enable : 0;
}

static int s_change_mtu(struct net_device *dev, int new_mtu)
{
	dev->mtu = new_mtu;
	return 0;
}

static void s_unused(void)
{
}

static int s_rx(struct s_priv *p, int budget)
{
	return budget / 2;
}

static int s_poll(struct napi_struct *napi, int budget)
{
	struct s_priv *p = container_of(napi, struct s_priv, napi);

	return s_rx(p, budget);
}

static const struct ethtool_ops s_ethtool_ops = {
	.get_drvinfo		= s_get_drvinfo,
	.get_msglevel		= s_get_msglevel,
};

static const struct net_device_ops s_netdev_ops = {
	.ndo_change_mtu		= s_change_mtu,
};

static int s_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *dev = alloc_etherdev(sizeof(struct s_priv));
	struct s_priv *p = netdev_priv(dev);

	if (s_read_eeprom(p, 1) == 0xffff)
		return -EIO;
	dev->netdev_ops = &s_netdev_ops;
	dev->ethtool_ops = &s_ethtool_ops;
	netif_napi_add(dev, &p->napi, s_poll);
	return register_netdev(dev);
}

static struct pci_driver s_driver = {
	.name		= "s",
	.probe		= s_probe,
};

static int __init s_init_module(void)
{
	return pci_register_driver(&s_driver);
}

module_init(s_init_module);
