// SPDX-License-Identifier: GPL-2.0
/*
 * PCnet32 driver for the AMD Am79C970A (PCnet-PCI II) family: the kernel
 * side's frame. PCI probe and remove, open and stop, programming the chip
 * (initialization, start, stop, reset and re-initialization), the
 * transmit-timeout recovery, the module and its debugfs knobs. The other
 * concerns have a file each: datapath.c (rings, transmit, receive, NAPI,
 * the interrupt, the link watchdog, rx filter and statistics), ethtool.c
 * (the ethtool and MII-ioctl glue that calls the op table), selftest.c
 * (the loopback self-test, the one KERNEL op).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/dma-mapping.h>
#include <linux/delay.h>
#include <linux/debugfs.h>
#include <linux/rtnetlink.h>

#include "pcnet32.h"

#define PCNET32_TX_TIMEOUT	(5 * HZ)
#define PCNET32_MSG_DEFAULT	(NETIF_MSG_DRV | NETIF_MSG_PROBE | NETIF_MSG_LINK)

static int debug = -1;
module_param(debug, int, 0444);
MODULE_PARM_DESC(debug, "netif message level bits (-1: drv, probe, link)");

static_assert(sizeof(struct pcnet32_init_block) == 28);

/* ---- chip programming (callers hold lp->lock) ------------------------ */

void pcnet32_hw_stop(struct pcnet32_private *lp)
{
	pcnet32_write_csr(&lp->io, PCNET32_CSR_STATUS, PCNET32_CSR0_STOP);
	lp->ien = 0;
}

/* a closed device: stopped, back in software style 0 */
void pcnet32_hw_park(struct pcnet32_private *lp)
{
	pcnet32_hw_stop(lp);
	pcnet32_write_bcr(&lp->io, PCNET32_BCR_SWS, 0);
	pcnet32_rap_home(lp);
}

/* CSR15's port field for the link settings in lp->st */
u16 pcnet32_mode_port(const struct pcnet32_private *lp)
{
	return lp->st.port_tp ? PCNET32_MODE_PORT_10BT : PCNET32_MODE_PORT_AUI;
}

static void pcnet32_fill_init_block(struct pcnet32_private *lp)
{
	struct pcnet32_init_block *ib = lp->init_block;
	u16 mode = pcnet32_mode_port(lp);

	if (lp->dev->flags & IFF_PROMISC)
		mode |= PCNET32_MODE_PROM;
	ib->mode = cpu_to_le16(mode);
	ib->rlen = ilog2(lp->rings.rx_size) << 4;
	ib->tlen = ilog2(lp->rings.tx_size) << 4;
	memcpy(ib->padr, lp->dev->dev_addr, ETH_ALEN);
	ib->reserved = 0;
	memcpy(ib->ladrf, lp->ladrf, sizeof(ib->ladrf));
	ib->rdra = cpu_to_le32(lp->rings.rx_ring_dma);
	ib->tdra = cpu_to_le32(lp->rings.tx_ring_dma);
}

/*
 * Initialize with the block at init_dma, wait for IDON; the chip is
 * stopped. What is programmed is kept in lp->prog.
 */
int pcnet32_hw_init(struct pcnet32_private *lp, dma_addr_t init_dma)
{
	const struct pcnet32_io *io = &lp->io;
	struct pcnet32_prog *p = &lp->prog;
	int i;

	p->init_dma = init_dma;
	p->rx_ring_dma = lp->rings.rx_ring_dma;
	p->tx_ring_dma = lp->rings.tx_ring_dma;
	pcnet32_write_csr(io, PCNET32_CSR_IADR_LO, init_dma & 0xffff);
	pcnet32_write_csr(io, PCNET32_CSR_IADR_HI, init_dma >> 16);
	/*
	 * The ring bases too: the datasheet's chip loads them from the block
	 * (the same values) during the initialization; QEMU's keeps its ring
	 * addresses apart and leaves these registers as last written. Either
	 * way they then read what the kernel programmed.
	 */
	pcnet32_write_csr(io, PCNET32_CSR_BADR_LO, p->rx_ring_dma & 0xffff);
	pcnet32_write_csr(io, PCNET32_CSR_BADR_HI, p->rx_ring_dma >> 16);
	pcnet32_write_csr(io, PCNET32_CSR_BADX_LO, p->tx_ring_dma & 0xffff);
	pcnet32_write_csr(io, PCNET32_CSR_BADX_HI, p->tx_ring_dma >> 16);
	/* make the init block visible before the chip reads it */
	wmb();
	pcnet32_write_csr(io, PCNET32_CSR_STATUS, PCNET32_CSR0_INIT);
	for (i = 0; i < 1000; i++) {
		if (pcnet32_read_csr(io, PCNET32_CSR_STATUS) &
		    PCNET32_CSR0_IDON) {
			p->rcvrl = pcnet32_read_csr(io, PCNET32_CSR_RCVRL);
			p->xmtrl = pcnet32_read_csr(io, PCNET32_CSR_XMTRL);
			return 0;
		}
		udelay(10);
	}
	return -ETIMEDOUT;
}

/* common setup after a reset: software style, features, interrupt masks */
void pcnet32_hw_setup(struct pcnet32_private *lp)
{
	const struct pcnet32_io *io = &lp->io;

	pcnet32_reset(io);
	pcnet32_write_bcr(io, PCNET32_BCR_SWS, PCNET32_SWSTYLE_PCNET32);
	pcnet32_write_csr(io, PCNET32_CSR_IMASK, 0);
	pcnet32_write_csr(io, PCNET32_CSR_FEAT, PCNET32_CSR4_RUN);
}

/*
 * Start the chip on the rings with the link settings of lp->st (automatic
 * port selection, port, duplex): whoever reprograms the chip (a transmit
 * timeout, a ring resize, the self-test) keeps what the user set. Open
 * starts them over (pcnet32_open() sets the defaults first).
 */
static int pcnet32_hw_start(struct pcnet32_private *lp)
{
	const struct pcnet32_io *io = &lp->io;
	u16 v;
	int ret;

	pcnet32_hw_setup(lp);
	v = pcnet32_read_bcr(io, PCNET32_BCR_MC) & ~PCNET32_BCR_MC_ASEL;
	if (lp->st.autoneg)
		v |= PCNET32_BCR_MC_ASEL;
	pcnet32_write_bcr(io, PCNET32_BCR_MC, v | PCNET32_BCR_MC_LEDPE);
	v = pcnet32_read_bcr(io, PCNET32_BCR_FDC);
	v &= ~(PCNET32_BCR_FDC_FDEN | PCNET32_BCR_FDC_AUIFD);
	if (lp->st.fdx)
		v |= PCNET32_BCR_FDC_FDEN | PCNET32_BCR_FDC_AUIFD;
	pcnet32_write_bcr(io, PCNET32_BCR_FDC, v);

	pcnet32_fill_init_block(lp);
	ret = pcnet32_hw_init(lp, lp->init_dma);
	if (ret)
		return ret;
	lp->ien = PCNET32_CSR0_IENA;
	pcnet32_write_csr(io, PCNET32_CSR_STATUS, PCNET32_CSR0_IDON |
			  PCNET32_CSR0_STRT | PCNET32_CSR0_IENA);
	return 0;
}

/* ---- open / stop / restart ------------------------------------------- */

/* stop the fast path and the chip; rings stay */
void pcnet32_quiesce(struct pcnet32_private *lp)
{
	unsigned long flags;

	netif_tx_disable(lp->dev);
	napi_disable(&lp->napi);
	spin_lock_irqsave(&lp->lock, flags);
	lp->st.running = 0;
	pcnet32_hw_stop(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
}

/* restart after pcnet32_quiesce(): fresh rings positions, chip started */
int pcnet32_resume_fast_path(struct pcnet32_private *lp)
{
	unsigned long flags;
	int ret;

	pcnet32_tx_purge(lp);
	pcnet32_rings_init(lp);
	napi_enable(&lp->napi);
	spin_lock_irqsave(&lp->lock, flags);
	lp->st.running = 1;
	ret = pcnet32_hw_start(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
	if (ret)
		netif_err(&lp->st, ifup, lp->dev, "chip did not initialize\n");
	netif_wake_queue(lp->dev);
	return ret;
}

static int pcnet32_open(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	unsigned long flags;
	int ret;

	ret = pcnet32_rings_alloc(lp);
	if (ret)
		return ret;
	ret = request_irq(lp->pdev->irq, pcnet32_interrupt, IRQF_SHARED,
			  dev->name, dev);
	if (ret)
		goto err_rings;
	pcnet32_rings_init(lp);
	napi_enable(&lp->napi);
	spin_lock_irqsave(&lp->lock, flags);
	/* the link settings start over on every open, as the stock chip's */
	lp->st.autoneg = 0;
	lp->st.port_tp = 1;
	lp->st.fdx = 0;
	lp->st.running = 1;
	ret = pcnet32_hw_start(lp);
	if (ret) {
		lp->st.running = 0;
		pcnet32_hw_stop(lp);
	}
	spin_unlock_irqrestore(&lp->lock, flags);
	if (ret) {
		netif_err(&lp->st, ifup, dev, "chip did not initialize\n");
		goto err_irq;
	}
	netif_carrier_off(dev);
	pcnet32_check_link(lp);
	netif_start_queue(dev);
	mod_timer(&lp->watchdog, round_jiffies(jiffies + PCNET32_WATCHDOG));
	return 0;

err_irq:
	napi_disable(&lp->napi);
	free_irq(lp->pdev->irq, dev);
err_rings:
	pcnet32_rings_free(lp);
	return ret;
}

static int pcnet32_close(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	unsigned long flags;

	del_timer_sync(&lp->watchdog);
	pcnet32_quiesce(lp);
	spin_lock_irqsave(&lp->lock, flags);
	pcnet32_hw_park(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
	free_irq(lp->pdev->irq, dev);
	pcnet32_rings_free(lp);
	netif_carrier_off(dev);
	return 0;
}

int pcnet32_chip_reinit(struct pcnet32_private *lp)
{
	unsigned long flags;
	int ret;

	if (!netif_running(lp->dev)) {
		/* a closed device's chip stays stopped */
		spin_lock_irqsave(&lp->lock, flags);
		pcnet32_hw_park(lp);
		spin_unlock_irqrestore(&lp->lock, flags);
		return 0;
	}
	spin_lock_irqsave(&lp->lock, flags);
	lp->st.running = 0;
	pcnet32_hw_stop(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
	/* the chip is stopped and the fast path held off: the rings are ours */
	pcnet32_tx_purge(lp);
	pcnet32_rings_init(lp);
	spin_lock_irqsave(&lp->lock, flags);
	lp->st.running = 1;
	ret = pcnet32_hw_start(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
	if (ret)
		netif_err(&lp->st, hw, lp->dev, "chip did not initialize\n");
	return ret;
}

static void pcnet32_reset_work(struct work_struct *work)
{
	struct pcnet32_private *lp = container_of(work, struct pcnet32_private,
						  reset_work);

	rtnl_lock();
	if (netif_running(lp->dev)) {
		pcnet32_quiesce(lp);
		pcnet32_resume_fast_path(lp);
	}
	rtnl_unlock();
}

static void pcnet32_tx_timeout(struct net_device *dev, unsigned int txqueue)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	unsigned long flags;
	u16 csr0;

	spin_lock_irqsave(&lp->lock, flags);
	csr0 = pcnet32_read_csr(&lp->io, PCNET32_CSR_STATUS);
	spin_unlock_irqrestore(&lp->lock, flags);
	netif_err(&lp->st, tx_err, dev,
		  "transmit timed out, status %4.4x, resetting\n", csr0);
	lp->tx_errors++;
	schedule_work(&lp->reset_work);
}

static const struct net_device_ops pcnet32_netdev_ops = {
	.ndo_open		= pcnet32_open,
	.ndo_stop		= pcnet32_close,
	.ndo_start_xmit		= pcnet32_start_xmit,
	.ndo_tx_timeout		= pcnet32_tx_timeout,
	.ndo_get_stats64	= pcnet32_get_stats64,
	.ndo_set_rx_mode	= pcnet32_set_rx_mode,
	.ndo_eth_ioctl		= pcnet32_eth_ioctl,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

/* ---- probe / remove -------------------------------------------------- */

/* the chip answers in word I/O mode after a reset: CSR0 reads STOP */
static int pcnet32_identify(struct pcnet32_private *lp, u32 *chip_id)
{
	const struct pcnet32_io *io = &lp->io;

	pcnet32_reset(io);
	if (pcnet32_read_csr(io, PCNET32_CSR_STATUS) != PCNET32_CSR0_STOP)
		return -ENODEV;
	pcnet32_write_rap(io, PCNET32_CSR_MODE);
	if (pcnet32_read_rap(io) != PCNET32_CSR_MODE)
		return -ENODEV;
	*chip_id = pcnet32_read_csr(io, PCNET32_CSR_CHIPID_LO) |
		   (u32)pcnet32_read_csr(io, PCNET32_CSR_CHIPID_HI) << 16;
	if ((*chip_id & 0xfff) != 0x003 || !pcnet32_chip_name(*chip_id))
		return -ENODEV;
	return 0;
}

/*
 * debugfs pcnet32-<PCI address>/: test knobs of this device. Optional:
 * the driver works the same without debugfs.
 */
static void pcnet32_debugfs_init(struct pcnet32_private *lp)
{
	char name[48];

	snprintf(name, sizeof(name), "pcnet32-%s", pci_name(lp->pdev));
	lp->debugfs = debugfs_create_dir(name, NULL);
	debugfs_create_u32("fail_ring_alloc", 0600, lp->debugfs,
			   &lp->fail_ring_alloc);
	debugfs_create_u64("fastpath_holds", 0400, lp->debugfs,
			   &lp->fastpath_holds);
	pcnet32_regaccess_debugfs(lp, lp->debugfs);
	pcnet32_datapath_debugfs(lp, lp->debugfs);
}

static int pcnet32_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct pcnet32_private *lp;
	struct net_device *dev;
	u8 addr[ETH_ALEN];
	unsigned long flags;
	u32 chip_id;
	unsigned int i;
	u16 w;
	int ret;

	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	if (!(pci_resource_flags(pdev, 0) & IORESOURCE_IO) ||
	    pci_resource_len(pdev, 0) < PCNET32_IO_EXTENT) {
		dev_err(&pdev->dev, "no I/O BAR\n");
		ret = -ENODEV;
		goto err_disable;
	}
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));
	if (ret) {
		dev_err(&pdev->dev, "no 32-bit DMA\n");
		goto err_disable;
	}
	ret = pci_request_regions(pdev, KBUILD_MODNAME);
	if (ret)
		goto err_disable;
	pci_set_master(pdev);

	dev = alloc_etherdev(sizeof(*lp));
	if (!dev) {
		ret = -ENOMEM;
		goto err_regions;
	}
	SET_NETDEV_DEV(dev, &pdev->dev);
	lp = netdev_priv(dev);
	lp->dev = dev;
	lp->pdev = pdev;
	lp->io.base = pci_resource_start(pdev, 0);
	spin_lock_init(&lp->lock);
	u64_stats_init(&lp->syncp);
	timer_setup(&lp->watchdog, pcnet32_watchdog, 0);
	INIT_WORK(&lp->reset_work, pcnet32_reset_work);

	spin_lock_irqsave(&lp->lock, flags);
	ret = pcnet32_identify(lp, &chip_id);
	pcnet32_rap_home(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
	if (ret) {
		dev_err(&pdev->dev, "no PCnet32 chip found at %#x\n",
			lp->io.base);
		goto err_free;
	}

	lp->init_block = dma_alloc_coherent(&pdev->dev, sizeof(*lp->init_block),
					    &lp->init_dma, GFP_KERNEL);
	if (!lp->init_block) {
		ret = -ENOMEM;
		goto err_free;
	}

	lp->st.size = sizeof(lp->st);
	lp->st.io_base = lp->io.base;
	lp->st.chip_id = chip_id;
	lp->st.msg_enable = netif_msg_init(debug, PCNET32_MSG_DEFAULT);
	strscpy(lp->st.chip_name, pcnet32_chip_name(chip_id),
		sizeof(lp->st.chip_name));
	strscpy(lp->st.bus_info, pci_name(pdev), sizeof(lp->st.bus_info));
	strscpy(lp->st.drv_version, PCNET32_DRV_VERSION,
		sizeof(lp->st.drv_version));
	lp->st.rx_ring_size = PCNET32_RX_RING_DEFAULT;
	lp->st.tx_ring_size = PCNET32_TX_RING_DEFAULT;
	lp->st.has_mii = pcnet32_chip_has_mii(chip_id);

	spin_lock_irqsave(&lp->lock, flags);
	for (i = 0; i < ETH_ALEN / 2; i++) {
		w = pcnet32_read_aprom(&lp->io, i * 2);
		addr[2 * i] = w & 0xff;
		addr[2 * i + 1] = w >> 8;
	}
	if (lp->st.has_mii)
		lp->st.phy_addr = (pcnet32_read_bcr(&lp->io,
						    PCNET32_BCR_MIIADDR) >> 5) &
				  0x1f;
	/* software style 2, LED programming, the init block's address */
	pcnet32_write_bcr(&lp->io, PCNET32_BCR_SWS, PCNET32_SWSTYLE_PCNET32);
	w = pcnet32_read_bcr(&lp->io, PCNET32_BCR_MC);
	pcnet32_write_bcr(&lp->io, PCNET32_BCR_MC, w | PCNET32_BCR_MC_LEDPE);
	pcnet32_write_csr(&lp->io, PCNET32_CSR_IADR_LO, lp->init_dma & 0xffff);
	pcnet32_write_csr(&lp->io, PCNET32_CSR_IADR_HI, lp->init_dma >> 16);
	pcnet32_rap_home(lp);
	spin_unlock_irqrestore(&lp->lock, flags);

	if (is_valid_ether_addr(addr)) {
		eth_hw_addr_set(dev, addr);
	} else {
		dev_warn(&pdev->dev, "invalid address in PROM, using a random one\n");
		eth_hw_addr_random(dev);
	}
	/* mode 0 and an empty filter until the first open */
	memcpy(lp->init_block->padr, dev->dev_addr, ETH_ALEN);
	lp->init_block->rlen = ilog2(PCNET32_RX_RING_DEFAULT) << 4;
	lp->init_block->tlen = ilog2(PCNET32_TX_RING_DEFAULT) << 4;

	dev->netdev_ops = &pcnet32_netdev_ops;
	dev->ethtool_ops = &pcnet32_ethtool_ops;
	dev->watchdog_timeo = PCNET32_TX_TIMEOUT;
	netif_napi_add(dev, &lp->napi, pcnet32_poll);
	pci_set_drvdata(pdev, dev);

	ret = pcnet32_dispatch_init(lp);
	if (ret)
		goto err_napi;
	pcnet32_debugfs_init(lp);
	ret = register_netdev(dev);
	if (ret)
		goto err_dispatch;
	netif_carrier_off(dev);
	netif_info(&lp->st, probe, dev, "%s at %#x, %pM, IRQ %d\n",
		   lp->st.chip_name, lp->io.base, dev->dev_addr, pdev->irq);
	return 0;

err_dispatch:
	debugfs_remove_recursive(lp->debugfs);
	pcnet32_dispatch_exit(lp);
err_napi:
	netif_napi_del(&lp->napi);
	dma_free_coherent(&pdev->dev, sizeof(*lp->init_block), lp->init_block,
			  lp->init_dma);
err_free:
	free_netdev(dev);
err_regions:
	pci_release_regions(pdev);
err_disable:
	pci_disable_device(pdev);
	return ret;
}

static void pcnet32_remove(struct pci_dev *pdev)
{
	struct net_device *dev = pci_get_drvdata(pdev);
	struct pcnet32_private *lp = netdev_priv(dev);
	unsigned long flags;

	unregister_netdev(dev);
	debugfs_remove_recursive(lp->debugfs);
	pcnet32_dispatch_exit(lp);
	cancel_work_sync(&lp->reset_work);
	spin_lock_irqsave(&lp->lock, flags);
	pcnet32_reset(&lp->io);
	spin_unlock_irqrestore(&lp->lock, flags);
	netif_napi_del(&lp->napi);
	dma_free_coherent(&pdev->dev, sizeof(*lp->init_block), lp->init_block,
			  lp->init_dma);
	free_netdev(dev);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

static const struct pci_device_id pcnet32_pci_ids[] = {
	{ PCI_DEVICE(PCNET32_PCI_VENDOR, PCNET32_PCI_DEVICE) },
	{ }
};
MODULE_DEVICE_TABLE(pci, pcnet32_pci_ids);

static struct pci_driver pcnet32_pci_driver = {
	.name		= KBUILD_MODNAME,
	.id_table	= pcnet32_pci_ids,
	.probe		= pcnet32_probe,
	.remove		= pcnet32_remove,
};
module_pci_driver(pcnet32_pci_driver);

MODULE_DESCRIPTION("AMD PCnet32 (Am79C970A family) Ethernet driver, factorable slow path");
MODULE_LICENSE("GPL");
MODULE_VERSION(PCNET32_DRV_VERSION);
