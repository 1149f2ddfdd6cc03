// SPDX-License-Identifier: GPL-2.0
/*
 * PCnet32 driver for the AMD Am79C970A (PCnet-PCI II) family: the kernel
 * side. Probe, open/stop, rings, transmit, NAPI receive, the interrupt
 * handler, TX-timeout recovery, rx mode, statistics, link state, the
 * loopback self-test, and the ethtool/ioctl glue that marshals every slow
 * path operation through pcnet32_call_op() (see ops.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/skbuff.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/delay.h>
#include <linux/debugfs.h>
#include <linux/rtnetlink.h>

#include "pcnet32.h"

#define PCNET32_PKT_BUF_SZ	1544	/* receive buffer: a full frame + FCS */
#define PCNET32_RX_COPYBREAK	256
#define PCNET32_TX_TIMEOUT	(5 * HZ)
#define PCNET32_MSG_DEFAULT	(NETIF_MSG_DRV | NETIF_MSG_PROBE | NETIF_MSG_LINK)

static int debug = -1;
module_param(debug, int, 0444);
MODULE_PARM_DESC(debug, "netif message level bits (-1: drv, probe, link)");

static_assert(PCNET32_SS_TEST == ETH_SS_TEST);
static_assert(PCNET32_STR_LEN == ETH_GSTRING_LEN);
static_assert(PCNET32_PORT_TP == PORT_TP);
static_assert(PCNET32_PORT_AUI == PORT_AUI);
static_assert(PCNET32_PORT_MII == PORT_MII);
static_assert(PCNET32_DUPLEX_FULL == DUPLEX_FULL);
static_assert(PCNET32_DUPLEX_HALF == DUPLEX_HALF);
static_assert(PCNET32_XCVR_INTERNAL == XCVR_INTERNAL);
static_assert(sizeof(struct pcnet32_rx_desc) == 16);
static_assert(sizeof(struct pcnet32_tx_desc) == 16);
static_assert(sizeof(struct pcnet32_init_block) == 28);

/* ---- chip programming (callers hold lp->lock) ------------------------ */

/*
 * The fast path reads and writes CSR0 through RDP alone: RAP is 0 whenever
 * lp->lock is free. Whoever points RAP elsewhere under the lock puts it
 * back before unlocking (pcnet32_rap_home()).
 */
static inline void pcnet32_rap_check(struct pcnet32_private *lp)
{
	if (unlikely(atomic_read(&lp->ops_in_flight)))
		pcnet32_write_rap(&lp->io, PCNET32_CSR_STATUS);
}

static inline u16 pcnet32_csr0(struct pcnet32_private *lp)
{
	pcnet32_rap_check(lp);
	return pcnet32_inw(lp->io.base + PCNET32_WIO_RDP);
}

static inline void pcnet32_set_csr0(struct pcnet32_private *lp, u16 v)
{
	pcnet32_rap_check(lp);
	pcnet32_outw(v, lp->io.base + PCNET32_WIO_RDP);
}

static inline void pcnet32_rap_home(struct pcnet32_private *lp)
{
	pcnet32_write_rap(&lp->io, PCNET32_CSR_STATUS);
}

static void pcnet32_hw_stop(struct pcnet32_private *lp)
{
	pcnet32_write_csr(&lp->io, PCNET32_CSR_STATUS, PCNET32_CSR0_STOP);
	lp->ien = 0;
}

/* a closed device: stopped, back in software style 0 */
static void pcnet32_hw_park(struct pcnet32_private *lp)
{
	pcnet32_hw_stop(lp);
	pcnet32_write_bcr(&lp->io, PCNET32_BCR_SWS, 0);
	pcnet32_rap_home(lp);
}

static void pcnet32_fill_init_block(struct pcnet32_private *lp)
{
	struct pcnet32_init_block *ib = lp->init_block;
	u16 mode = PCNET32_MODE_PORT_10BT;

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
static int pcnet32_hw_init(struct pcnet32_private *lp, dma_addr_t init_dma)
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
static void pcnet32_hw_setup(struct pcnet32_private *lp)
{
	const struct pcnet32_io *io = &lp->io;

	pcnet32_reset(io);
	pcnet32_write_bcr(io, PCNET32_BCR_SWS, PCNET32_SWSTYLE_PCNET32);
	pcnet32_write_csr(io, PCNET32_CSR_IMASK, 0);
	pcnet32_write_csr(io, PCNET32_CSR_FEAT, PCNET32_CSR4_RUN);
}

/*
 * Start the chip on the rings: 10BASE-T, half duplex, no automatic port
 * selection (the link settings start over on every open).
 */
static int pcnet32_hw_start(struct pcnet32_private *lp)
{
	const struct pcnet32_io *io = &lp->io;
	u16 v;
	int ret;

	pcnet32_hw_setup(lp);
	v = pcnet32_read_bcr(io, PCNET32_BCR_MC) & ~PCNET32_BCR_MC_ASEL;
	pcnet32_write_bcr(io, PCNET32_BCR_MC, v | PCNET32_BCR_MC_LEDPE);
	v = pcnet32_read_bcr(io, PCNET32_BCR_FDC);
	v &= ~(PCNET32_BCR_FDC_FDEN | PCNET32_BCR_FDC_AUIFD);
	pcnet32_write_bcr(io, PCNET32_BCR_FDC, v);
	lp->st.autoneg = 0;
	lp->st.port_tp = 1;
	lp->st.fdx = 0;

	pcnet32_fill_init_block(lp);
	ret = pcnet32_hw_init(lp, lp->init_dma);
	if (ret)
		return ret;
	lp->ien = PCNET32_CSR0_IENA;
	pcnet32_write_csr(io, PCNET32_CSR_STATUS, PCNET32_CSR0_IDON |
			  PCNET32_CSR0_STRT | PCNET32_CSR0_IENA);
	return 0;
}

/* ---- rings ----------------------------------------------------------- */

static void pcnet32_rx_desc_give(struct pcnet32_rx_desc *d, dma_addr_t dma)
{
	d->base = cpu_to_le32(dma);
	d->buf_length = cpu_to_le16((u16)-PCNET32_PKT_BUF_SZ);
	d->msg_length = 0;
	/* the buffer fields before ownership */
	wmb();
	d->status = cpu_to_le16(PCNET32_DESC_OWN);
}

/* a mapped receive buffer; from NAPI context when napi is given */
static int pcnet32_rx_new_buf(struct pcnet32_private *lp,
			      struct napi_struct *napi,
			      struct sk_buff **skbp, dma_addr_t *dmap)
{
	struct sk_buff *skb;
	dma_addr_t dma;

	if (napi)
		skb = napi_alloc_skb(napi, PCNET32_PKT_BUF_SZ);
	else
		skb = netdev_alloc_skb_ip_align(lp->dev, PCNET32_PKT_BUF_SZ);
	if (!skb)
		return -ENOMEM;
	dma = dma_map_single(&lp->pdev->dev, skb->data, PCNET32_PKT_BUF_SZ,
			     DMA_FROM_DEVICE);
	if (dma_mapping_error(&lp->pdev->dev, dma)) {
		dev_kfree_skb_any(skb);
		return -ENOMEM;
	}
	*skbp = skb;
	*dmap = dma;
	return 0;
}

static void pcnet32_tx_purge(struct pcnet32_private *lp)
{
	unsigned int i;

	for (i = 0; i < lp->rings.tx_size; i++) {
		if (!lp->rings.tx_skb[i])
			continue;
		dma_unmap_single(&lp->pdev->dev, lp->rings.tx_dma[i],
				 lp->rings.tx_skb[i]->len, DMA_TO_DEVICE);
		dev_kfree_skb_any(lp->rings.tx_skb[i]);
		lp->rings.tx_skb[i] = NULL;
		lp->tx_dropped++;
	}
}

/* exchange the device's rings with the set in r */
static void pcnet32_rings_swap(struct pcnet32_private *lp,
			       struct pcnet32_rings *r)
{
	swap(lp->rings, *r);
}

/* free a set of rings the chip no longer uses, with their buffers */
static void pcnet32_rings_release(struct pcnet32_private *lp,
				  struct pcnet32_rings *r)
{
	struct device *d = &lp->pdev->dev;
	unsigned int i;

	if (r->tx_skb) {
		for (i = 0; i < r->tx_size; i++) {
			if (!r->tx_skb[i])
				continue;
			dma_unmap_single(d, r->tx_dma[i], r->tx_skb[i]->len,
					 DMA_TO_DEVICE);
			dev_kfree_skb_any(r->tx_skb[i]);
			lp->tx_dropped++;
		}
	}
	if (r->rx_skb) {
		for (i = 0; i < r->rx_size; i++) {
			if (!r->rx_skb[i])
				continue;
			dma_unmap_single(d, r->rx_dma[i], PCNET32_PKT_BUF_SZ,
					 DMA_FROM_DEVICE);
			dev_kfree_skb_any(r->rx_skb[i]);
		}
	}
	kfree(r->rx_skb);
	kfree(r->rx_dma);
	kfree(r->tx_skb);
	kfree(r->tx_dma);
	if (r->rx_ring)
		dma_free_coherent(d, r->rx_size * sizeof(*r->rx_ring),
				  r->rx_ring, r->rx_ring_dma);
	if (r->tx_ring)
		dma_free_coherent(d, r->tx_size * sizeof(*r->tx_ring),
				  r->tx_ring, r->tx_ring_dma);
	memset(r, 0, sizeof(*r));
}

/*
 * A new set of rings of rx_size/tx_size entries with a buffer for every
 * rx slot, into r; on failure r holds nothing. The device's own rings are
 * not touched: the fast path may go on using them meanwhile.
 */
static int pcnet32_rings_new(struct pcnet32_private *lp,
			     struct pcnet32_rings *r, unsigned int rx_size,
			     unsigned int tx_size)
{
	struct device *d = &lp->pdev->dev;
	unsigned int i;

	memset(r, 0, sizeof(*r));
	/* a test of the failure paths asked for this one to fail */
	if (READ_ONCE(lp->fail_ring_alloc)) {
		WRITE_ONCE(lp->fail_ring_alloc, lp->fail_ring_alloc - 1);
		return -ENOMEM;
	}
	r->rx_size = rx_size;
	r->tx_size = tx_size;
	r->rx_ring = dma_alloc_coherent(d, rx_size * sizeof(*r->rx_ring),
					&r->rx_ring_dma, GFP_KERNEL);
	r->tx_ring = dma_alloc_coherent(d, tx_size * sizeof(*r->tx_ring),
					&r->tx_ring_dma, GFP_KERNEL);
	r->rx_skb = kcalloc(rx_size, sizeof(*r->rx_skb), GFP_KERNEL);
	r->rx_dma = kcalloc(rx_size, sizeof(*r->rx_dma), GFP_KERNEL);
	r->tx_skb = kcalloc(tx_size, sizeof(*r->tx_skb), GFP_KERNEL);
	r->tx_dma = kcalloc(tx_size, sizeof(*r->tx_dma), GFP_KERNEL);
	if (!r->rx_ring || !r->tx_ring || !r->rx_skb || !r->rx_dma ||
	    !r->tx_skb || !r->tx_dma)
		goto fail;
	for (i = 0; i < rx_size; i++)
		if (pcnet32_rx_new_buf(lp, NULL, &r->rx_skb[i], &r->rx_dma[i]))
			goto fail;
	return 0;

fail:
	pcnet32_rings_release(lp, r);
	return -ENOMEM;
}

static void pcnet32_rings_free(struct pcnet32_private *lp)
{
	struct pcnet32_rings old = { 0 };

	pcnet32_rings_swap(lp, &old);
	pcnet32_rings_release(lp, &old);
}

/* allocate the device's rings, of the sizes in lp->st */
static int pcnet32_rings_alloc(struct pcnet32_private *lp)
{
	struct pcnet32_rings r;
	int ret;

	ret = pcnet32_rings_new(lp, &r, lp->st.rx_ring_size,
				lp->st.tx_ring_size);
	if (ret)
		return ret;
	pcnet32_rings_swap(lp, &r);
	return 0;
}

/* hand every rx buffer to the chip, empty the tx ring */
static void pcnet32_rings_init(struct pcnet32_private *lp)
{
	unsigned int i;

	for (i = 0; i < lp->rings.tx_size; i++) {
		lp->rings.tx_ring[i].base = 0;
		lp->rings.tx_ring[i].status = 0;
		lp->rings.tx_ring[i].misc = 0;
	}
	for (i = 0; i < lp->rings.rx_size; i++)
		pcnet32_rx_desc_give(&lp->rings.rx_ring[i], lp->rings.rx_dma[i]);
	lp->cur_rx = 0;
	lp->rx_resync = false;
	lp->cur_tx = 0;
	lp->dirty_tx = 0;
}

/* ---- fast path ------------------------------------------------------- */

/* reclaim sent frames; lp->lock held */
static void __pcnet32_tx_reclaim(struct pcnet32_private *lp, int budget)
{
	unsigned int entry, pkts = 0, bytes = 0;
	struct pcnet32_tx_desc *d;
	struct sk_buff *skb;
	u16 status;
	u32 misc;

	while (lp->dirty_tx != lp->cur_tx) {
		entry = lp->dirty_tx & (lp->rings.tx_size - 1);
		d = &lp->rings.tx_ring[entry];
		status = le16_to_cpu(READ_ONCE(d->status));
		if (status & PCNET32_DESC_OWN)
			break;
		/* read the rest of the descriptor after the ownership bit */
		dma_rmb();
		skb = lp->rings.tx_skb[entry];
		if (status & PCNET32_DESC_ERR) {
			misc = le32_to_cpu(d->misc);
			lp->tx_errors++;
			if (misc & PCNET32_TX_LCAR)
				lp->tx_carrier_errors++;
			if (misc & PCNET32_TX_RTRY)
				lp->tx_aborted++;
			if (misc & PCNET32_TX_LCOL)
				lp->tx_window_errors++;
			if (misc & (PCNET32_TX_UFLO | PCNET32_TX_BUFF))
				lp->tx_fifo_errors++;
		} else if (skb) {
			pkts++;
			bytes += skb->len;
		}
		if (skb) {
			dma_unmap_single(&lp->pdev->dev, lp->rings.tx_dma[entry],
					 skb->len, DMA_TO_DEVICE);
			napi_consume_skb(skb, budget);
			lp->rings.tx_skb[entry] = NULL;
		}
		lp->dirty_tx++;
	}
	if (netif_queue_stopped(lp->dev) &&
	    lp->cur_tx - lp->dirty_tx < lp->rings.tx_size)
		netif_wake_queue(lp->dev);
	if (pkts) {
		u64_stats_update_begin(&lp->syncp);
		lp->tx_packets += pkts;
		lp->tx_bytes += bytes;
		u64_stats_update_end(&lp->syncp);
	}
}

static void pcnet32_tx_reclaim(struct pcnet32_private *lp, int budget)
{
	unsigned long flags;

	spin_lock_irqsave(&lp->lock, flags);
	__pcnet32_tx_reclaim(lp, budget);
	spin_unlock_irqrestore(&lp->lock, flags);
}

static netdev_tx_t pcnet32_start_xmit(struct sk_buff *skb,
				      struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_tx_desc *d;
	unsigned long flags;
	unsigned int entry;
	dma_addr_t dma;

	dma = dma_map_single(&lp->pdev->dev, skb->data, skb->len,
			     DMA_TO_DEVICE);
	if (dma_mapping_error(&lp->pdev->dev, dma)) {
		dev_kfree_skb_any(skb);
		lp->tx_dropped++;
		return NETDEV_TX_OK;
	}

	spin_lock_irqsave(&lp->lock, flags);
	/* frames whose TINT went with a NAPI completion are reclaimed here */
	if (lp->cur_tx != lp->dirty_tx)
		__pcnet32_tx_reclaim(lp, 0);
	if (lp->cur_tx - lp->dirty_tx >= lp->rings.tx_size) {
		netif_stop_queue(dev);
		spin_unlock_irqrestore(&lp->lock, flags);
		dma_unmap_single(&lp->pdev->dev, dma, skb->len, DMA_TO_DEVICE);
		return NETDEV_TX_BUSY;
	}
	entry = lp->cur_tx & (lp->rings.tx_size - 1);
	lp->rings.tx_skb[entry] = skb;
	lp->rings.tx_dma[entry] = dma;
	d = &lp->rings.tx_ring[entry];
	d->base = cpu_to_le32(dma);
	d->length = cpu_to_le16((u16)-skb->len);
	d->misc = 0;
	/* the buffer fields before ownership */
	wmb();
	d->status = cpu_to_le16(PCNET32_DESC_OWN | PCNET32_DESC_STP |
				PCNET32_DESC_ENP);
	lp->cur_tx++;
	if (lp->cur_tx - lp->dirty_tx >= lp->rings.tx_size)
		netif_stop_queue(dev);
	skb_tx_timestamp(skb);
	pcnet32_set_csr0(lp, lp->ien | PCNET32_CSR0_TDMD);
	spin_unlock_irqrestore(&lp->lock, flags);
	return NETDEV_TX_OK;
}

static void pcnet32_rx_error(struct pcnet32_private *lp, u16 status)
{
	lp->rx_errors++;
	if (status & PCNET32_RX_FRAM)
		lp->rx_frame_errors++;
	if (status & PCNET32_RX_OFLO)
		lp->rx_over_errors++;
	if (status & PCNET32_RX_CRC)
		lp->rx_crc_errors++;
}

/*
 * QEMU's pcnet, finding its current receive descriptor still ours, scans
 * ahead for one it owns and goes on there. Its scan runs concurrently with
 * this driver handing buffers back, so with a full ring it can skip a
 * descriptor we were about to give it: the frames then continue after a
 * descriptor the chip owns. Find where they continue: one look ahead on
 * every poll, the whole ring after a missed frame.
 */
static bool pcnet32_rx_resync(struct pcnet32_private *lp)
{
	unsigned int i, n = lp->rx_resync ? lp->rings.rx_size : 2;

	for (i = 1; i < n; i++) {
		unsigned int e = (lp->cur_rx + i) & (lp->rings.rx_size - 1);

		if (!(le16_to_cpu(READ_ONCE(lp->rings.rx_ring[e].status)) &
		      PCNET32_DESC_OWN)) {
			lp->cur_rx += i;
			return true;
		}
	}
	lp->rx_resync = false;
	return false;
}

static int pcnet32_rx(struct pcnet32_private *lp, int budget)
{
	struct device *dd = &lp->pdev->dev;
	struct pcnet32_rx_desc *d;
	unsigned int entry;
	struct sk_buff *skb;
	int work = 0;
	u16 status;
	int len;

	while (work < budget) {
		entry = lp->cur_rx & (lp->rings.rx_size - 1);
		d = &lp->rings.rx_ring[entry];
		status = le16_to_cpu(READ_ONCE(d->status));
		if (status & PCNET32_DESC_OWN) {
			if (pcnet32_rx_resync(lp))
				continue;
			break;
		}
		dma_rmb();
		work++;
		lp->cur_rx++;
		if ((status & (PCNET32_DESC_ERR | PCNET32_DESC_STP |
			       PCNET32_DESC_ENP)) !=
		    (PCNET32_DESC_STP | PCNET32_DESC_ENP)) {
			pcnet32_rx_error(lp, status);
			goto give_back;
		}
		len = (le32_to_cpu(d->msg_length) & PCNET32_RX_MCNT_MASK) -
		      ETH_FCS_LEN;
		if (len < ETH_HLEN || len > PCNET32_PKT_BUF_SZ - ETH_FCS_LEN) {
			lp->rx_errors++;
			goto give_back;
		}
		if (len < PCNET32_RX_COPYBREAK) {
			skb = napi_alloc_skb(&lp->napi, len);
			if (!skb) {
				lp->rx_dropped++;
				goto give_back;
			}
			dma_sync_single_for_cpu(dd, lp->rings.rx_dma[entry], len,
						DMA_FROM_DEVICE);
			skb_put_data(skb, lp->rings.rx_skb[entry]->data, len);
			dma_sync_single_for_device(dd, lp->rings.rx_dma[entry], len,
						   DMA_FROM_DEVICE);
		} else {
			struct sk_buff *nskb;
			dma_addr_t ndma;

			/* a new buffer first: on failure the old one stays */
			if (pcnet32_rx_new_buf(lp, &lp->napi, &nskb, &ndma)) {
				lp->rx_dropped++;
				goto give_back;
			}
			skb = lp->rings.rx_skb[entry];
			dma_unmap_single(dd, lp->rings.rx_dma[entry],
					 PCNET32_PKT_BUF_SZ, DMA_FROM_DEVICE);
			lp->rings.rx_skb[entry] = nskb;
			lp->rings.rx_dma[entry] = ndma;
			skb_put(skb, len);
		}
		skb->protocol = eth_type_trans(skb, lp->dev);
		u64_stats_update_begin(&lp->syncp);
		lp->rx_packets++;
		lp->rx_bytes += len;
		u64_stats_update_end(&lp->syncp);
		napi_gro_receive(&lp->napi, skb);
give_back:
		pcnet32_rx_desc_give(d, lp->rings.rx_dma[entry]);
	}
	return work;
}

static int pcnet32_poll(struct napi_struct *napi, int budget)
{
	struct pcnet32_private *lp = container_of(napi, struct pcnet32_private,
						  napi);
	unsigned long flags;
	int work;

	spin_lock_irqsave(&lp->lock, flags);
	/* acknowledge before looking at the rings: nothing gets lost */
	pcnet32_set_csr0(lp, PCNET32_CSR0_RINT | PCNET32_CSR0_TINT);
	spin_unlock_irqrestore(&lp->lock, flags);

	pcnet32_tx_reclaim(lp, budget);
	work = pcnet32_rx(lp, budget);
	if (work < budget && napi_complete_done(napi, work)) {
		spin_lock_irqsave(&lp->lock, flags);
		if (lp->st.running) {
			/*
			 * Frames sent during the poll are reclaimed now and
			 * their TINT acknowledged with the enable: no second
			 * interrupt just for them.
			 */
			__pcnet32_tx_reclaim(lp, 0);
			lp->ien = PCNET32_CSR0_IENA;
			pcnet32_set_csr0(lp, PCNET32_CSR0_IENA | PCNET32_CSR0_TINT);
		}
		spin_unlock_irqrestore(&lp->lock, flags);
	}
	return work;
}

static irqreturn_t pcnet32_interrupt(int irq, void *dev_id)
{
	struct net_device *dev = dev_id;
	struct pcnet32_private *lp = netdev_priv(dev);
	u16 csr0, ack;

	spin_lock(&lp->lock);
	csr0 = pcnet32_csr0(lp);
	if (!(csr0 & PCNET32_CSR0_INTR) || csr0 == 0xffff || !lp->st.running) {
		spin_unlock(&lp->lock);
		return IRQ_NONE;
	}
	ack = csr0 & PCNET32_CSR0_ACK;
	if (csr0 & PCNET32_CSR0_MISS) {
		lp->rx_missed++;
		lp->rx_resync = true;
	}
	if (csr0 & PCNET32_CSR0_BABL)
		lp->tx_errors++;
	if (csr0 & PCNET32_CSR0_MERR) {
		netif_err(&lp->st, intr, dev, "bus master memory error, csr0 %4.4x\n",
			  csr0);
		schedule_work(&lp->reset_work);
	}
	if ((csr0 & (PCNET32_CSR0_RINT | PCNET32_CSR0_MISS)) &&
	    napi_schedule_prep(&lp->napi)) {
		/* receive work: NAPI, with the chip's interrupts off */
		lp->ien = 0;
		pcnet32_set_csr0(lp, ack);
		__napi_schedule(&lp->napi);
	} else {
		/* transmit completions alone are cheap enough to take here */
		if ((csr0 & PCNET32_CSR0_TINT) && lp->ien)
			__pcnet32_tx_reclaim(lp, 0);
		pcnet32_set_csr0(lp, ack | lp->ien);
	}
	spin_unlock(&lp->lock);
	return IRQ_HANDLED;
}

static void pcnet32_after_ports_op(struct pcnet32_private *lp)
{
	unsigned long flags;
	bool poll = false;

	spin_lock_irqsave(&lp->lock, flags);
	pcnet32_write_rap(&lp->io, PCNET32_CSR_STATUS);
	if (lp->st.running && napi_schedule_prep(&lp->napi)) {
		lp->ien = 0;
		pcnet32_write_csr(&lp->io, PCNET32_CSR_STATUS, 0);
		poll = true;
	}
	spin_unlock_irqrestore(&lp->lock, flags);
	if (poll) {
		local_bh_disable();
		__napi_schedule(&lp->napi);
		local_bh_enable();
	}
}

int pcnet32_glue_call(struct pcnet32_private *lp, u32 op, const void *arg,
		      u32 arg_len, void *rep, u32 rep_len)
{
	int ret;

	atomic_inc(&lp->ops_in_flight);
	ret = pcnet32_call_op(lp, op, arg, arg_len, rep, rep_len);
	pcnet32_after_ports_op(lp);
	atomic_dec(&lp->ops_in_flight);
	return ret;
}

/* ---- link state ------------------------------------------------------ */

static int pcnet32_link_now(struct pcnet32_private *lp)
{
	unsigned long flags;
	int link;

	spin_lock_irqsave(&lp->lock, flags);
	if (lp->st.has_mii) {
		pcnet32_mii_read(&lp->io, lp->st.phy_addr, MII_BMSR);
		link = !!(pcnet32_mii_read(&lp->io, lp->st.phy_addr,
					   MII_BMSR) & BMSR_LSTATUS);
	} else {
		link = pcnet32_hw_link_ok(&lp->io);
	}
	pcnet32_rap_home(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
	return link;
}

static void pcnet32_check_link(struct pcnet32_private *lp)
{
	struct net_device *dev = lp->dev;
	int link = pcnet32_link_now(lp);

	if (link && !netif_carrier_ok(dev)) {
		netif_carrier_on(dev);
		netif_info(&lp->st, link, dev, "link up\n");
	} else if (!link && netif_carrier_ok(dev)) {
		netif_carrier_off(dev);
		netif_info(&lp->st, link, dev, "link down\n");
	}
}

static void pcnet32_watchdog(struct timer_list *t)
{
	struct pcnet32_private *lp = from_timer(lp, t, watchdog);

	pcnet32_check_link(lp);
	mod_timer(&lp->watchdog, round_jiffies(jiffies + PCNET32_WATCHDOG));
}

/* ---- open / stop / restart ------------------------------------------- */

/* stop the fast path and the chip; rings stay */
static void pcnet32_quiesce(struct pcnet32_private *lp)
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
static int pcnet32_resume_fast_path(struct pcnet32_private *lp)
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

/* ---- rx mode, statistics --------------------------------------------- */

/* the logical address filter the device's multicast list asks for */
static void pcnet32_rx_filter(struct net_device *dev, u8 *ladrf)
{
	struct netdev_hw_addr *ha;
	unsigned int bit;

	memset(ladrf, 0, 8);
	if (dev->flags & IFF_ALLMULTI) {
		memset(ladrf, 0xff, 8);
		return;
	}
	netdev_for_each_mc_addr(ha, dev) {
		bit = pcnet32_ladrf_bit(ha->addr);
		ladrf[bit >> 3] |= 1 << (bit & 7);
	}
}

bool pcnet32_rx_mode_stale(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	bool prom = dev->flags & IFF_PROMISC;
	unsigned long flags;
	u8 ladrf[8];
	bool stale;

	pcnet32_rx_filter(dev, ladrf);
	spin_lock_irqsave(&lp->lock, flags);
	stale = memcmp(ladrf, lp->ladrf, sizeof(ladrf)) ||
		prom != !!(le16_to_cpu(lp->init_block->mode) &
			   PCNET32_MODE_PROM);
	spin_unlock_irqrestore(&lp->lock, flags);
	return stale;
}

static void pcnet32_set_rx_mode(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	unsigned long flags;
	unsigned int i;
	u8 ladrf[8];
	u16 mode;

	pcnet32_rx_filter(dev, ladrf);
	spin_lock_irqsave(&lp->lock, flags);
	memcpy(lp->ladrf, ladrf, sizeof(ladrf));
	/* the init block keeps the filter for the next initialization */
	memcpy(lp->init_block->ladrf, ladrf, sizeof(ladrf));
	mode = le16_to_cpu(lp->init_block->mode) & ~PCNET32_MODE_PROM;
	if (dev->flags & IFF_PROMISC)
		mode |= PCNET32_MODE_PROM;
	lp->init_block->mode = cpu_to_le16(mode);
	if (lp->st.running) {
		/* the filter and CSR15 take writes while the chip is stopped */
		pcnet32_write_csr(&lp->io, PCNET32_CSR_STATUS, PCNET32_CSR0_STOP);
		for (i = 0; i < 4; i++)
			pcnet32_write_csr(&lp->io, PCNET32_CSR_LADRF0 + i,
					  ladrf[2 * i] | ladrf[2 * i + 1] << 8);
		pcnet32_write_csr(&lp->io, PCNET32_CSR_MODE, mode);
		/* STRT without INIT: the rings go on where they were */
		pcnet32_write_csr(&lp->io, PCNET32_CSR_STATUS,
				  PCNET32_CSR0_STRT | lp->ien);
	}
	spin_unlock_irqrestore(&lp->lock, flags);
	if (lp->st.running)
		pcnet32_after_ports_op(lp);
}

static void pcnet32_get_stats64(struct net_device *dev,
				struct rtnl_link_stats64 *s)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&lp->syncp);
		s->rx_packets = lp->rx_packets;
		s->rx_bytes = lp->rx_bytes;
		s->tx_packets = lp->tx_packets;
		s->tx_bytes = lp->tx_bytes;
	} while (u64_stats_fetch_retry(&lp->syncp, start));
	s->rx_errors = lp->rx_errors;
	s->rx_dropped = lp->rx_dropped;
	s->rx_missed_errors = lp->rx_missed;
	s->rx_crc_errors = lp->rx_crc_errors;
	s->rx_frame_errors = lp->rx_frame_errors;
	s->rx_over_errors = lp->rx_over_errors;
	s->tx_errors = lp->tx_errors;
	s->tx_dropped = lp->tx_dropped;
	s->tx_carrier_errors = lp->tx_carrier_errors;
	s->tx_fifo_errors = lp->tx_fifo_errors;
	s->tx_aborted_errors = lp->tx_aborted;
	s->tx_window_errors = lp->tx_window_errors;
	s->collisions = lp->collisions;
}

/* ---- the loopback self-test (a KERNEL op: see ops.h) ----------------- */

#define PCNET32_LB_PKTS		4
#define PCNET32_LB_LEN		60

/*
 * Send frames through the chip's internal loopback on the driver's own
 * rings (the caller has stopped the fast path and initialized the rings);
 * 0 if every frame came back intact. The init block's mode gets LOOP and
 * INTL for the test only; CSR15 is given its mode back afterwards.
 */
static int pcnet32_loopback_test(struct pcnet32_private *lp)
{
	struct pcnet32_init_block *ib = lp->init_block;
	struct device *d = &lp->pdev->dev;
	unsigned long flags;
	unsigned int i, j;
	dma_addr_t dma;
	u16 mode, st;
	int ret = -EIO;
	u8 *buf;

	buf = dma_alloc_coherent(d, PCNET32_LB_PKTS * PCNET32_LB_LEN, &dma,
				 GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (i = 0; i < PCNET32_LB_PKTS; i++) {
		u8 *f = buf + i * PCNET32_LB_LEN;

		memcpy(f, lp->dev->dev_addr, ETH_ALEN);
		memcpy(f + ETH_ALEN, lp->dev->dev_addr, ETH_ALEN);
		f[12] = 0x08;
		f[13] = 0x00;
		for (j = ETH_HLEN; j < PCNET32_LB_LEN; j++)
			f[j] = (u8)(i * 31 + j);
		lp->rings.tx_ring[i].base = cpu_to_le32(dma + i * PCNET32_LB_LEN);
		lp->rings.tx_ring[i].length = cpu_to_le16((u16)-PCNET32_LB_LEN);
		lp->rings.tx_ring[i].misc = 0;
	}

	mode = le16_to_cpu(ib->mode);
	ib->mode = cpu_to_le16(mode | PCNET32_MODE_LOOP | PCNET32_MODE_INTL);
	ib->rlen = ilog2(lp->rings.rx_size) << 4;
	ib->tlen = ilog2(lp->rings.tx_size) << 4;
	ib->rdra = cpu_to_le32(lp->rings.rx_ring_dma);
	ib->tdra = cpu_to_le32(lp->rings.tx_ring_dma);

	spin_lock_irqsave(&lp->lock, flags);
	pcnet32_hw_setup(lp);
	if (pcnet32_hw_init(lp, lp->init_dma)) {
		spin_unlock_irqrestore(&lp->lock, flags);
		goto out;
	}
	pcnet32_write_csr(&lp->io, PCNET32_CSR_STATUS,
			  PCNET32_CSR0_IDON | PCNET32_CSR0_STRT);
	for (i = 0; i < PCNET32_LB_PKTS; i++) {
		/* the frame before ownership */
		wmb();
		lp->rings.tx_ring[i].status = cpu_to_le16(PCNET32_DESC_OWN |
						    PCNET32_DESC_STP |
						    PCNET32_DESC_ENP);
		pcnet32_write_csr(&lp->io, PCNET32_CSR_STATUS,
				  PCNET32_CSR0_TDMD);
	}
	spin_unlock_irqrestore(&lp->lock, flags);

	for (j = 0; j < 200; j++) {
		for (i = 0; i < PCNET32_LB_PKTS; i++)
			if (le16_to_cpu(READ_ONCE(lp->rings.rx_ring[i].status)) &
			    PCNET32_DESC_OWN)
				break;
		if (i == PCNET32_LB_PKTS)
			break;
		usleep_range(500, 1000);
	}
	dma_rmb();
	ret = 0;
	for (i = 0; i < PCNET32_LB_PKTS; i++) {
		st = le16_to_cpu(lp->rings.rx_ring[i].status);
		dma_sync_single_for_cpu(d, lp->rings.rx_dma[i], PCNET32_LB_LEN,
					DMA_FROM_DEVICE);
		if ((st & (PCNET32_DESC_OWN | PCNET32_DESC_ERR |
			   PCNET32_DESC_STP | PCNET32_DESC_ENP)) !=
		    (PCNET32_DESC_STP | PCNET32_DESC_ENP) ||
		    memcmp(lp->rings.rx_skb[i]->data, buf + i * PCNET32_LB_LEN,
			   PCNET32_LB_LEN)) {
			netif_info(&lp->st, hw, lp->dev,
				   "loopback frame %u failed, status %4.4x\n",
				   i, st);
			ret = -EIO;
		}
		dma_sync_single_for_device(d, lp->rings.rx_dma[i], PCNET32_LB_LEN,
					   DMA_FROM_DEVICE);
	}
out:
	spin_lock_irqsave(&lp->lock, flags);
	pcnet32_hw_stop(lp);
	pcnet32_write_csr(&lp->io, PCNET32_CSR_MODE, mode);
	pcnet32_rap_home(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
	ib->mode = cpu_to_le16(mode);
	for (i = 0; i < PCNET32_LB_PKTS; i++)
		lp->rings.tx_ring[i].status = 0;
	dma_free_coherent(d, PCNET32_LB_PKTS * PCNET32_LB_LEN, buf, dma);
	return ret;
}

int pcnet32_op_self_test(struct pcnet32_ctx *ctx,
			 const struct pcnet32_state *st,
			 const struct pcnet32_test_arg *arg,
			 struct pcnet32_test_rep *rep)
{
	struct pcnet32_private *lp = ctx->priv;
	int running = netif_running(lp->dev);
	unsigned long flags;
	int ret;

	if (running) {
		del_timer_sync(&lp->watchdog);
		pcnet32_quiesce(lp);
		pcnet32_tx_purge(lp);
	} else {
		ret = pcnet32_rings_alloc(lp);
		if (ret)
			return ret;
	}
	pcnet32_rings_init(lp);
	ret = pcnet32_loopback_test(lp);
	rep->data[0] = ret ? 1 : 0;
	if (ret)
		rep->flags |= ETH_TEST_FL_FAILED;
	if (running) {
		pcnet32_resume_fast_path(lp);
		mod_timer(&lp->watchdog,
			  round_jiffies(jiffies + PCNET32_WATCHDOG));
	} else {
		spin_lock_irqsave(&lp->lock, flags);
		pcnet32_hw_park(lp);
		spin_unlock_irqrestore(&lp->lock, flags);
		pcnet32_rings_free(lp);
	}
	return 0;
}

/* ---- ethtool and ioctl glue: marshal, call the op, apply ------------ */

static void pcnet32_get_drvinfo(struct net_device *dev,
				struct ethtool_drvinfo *info)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_drvinfo_rep rep;
	struct pcnet32_none arg = { 0 };

	if (pcnet32_call(lp, GET_DRVINFO, &arg, &rep)) {
		/*
		 * The op cannot fail towards ethtool (the hook is void); say
		 * what the kernel knows, and that the rest is unavailable.
		 */
		strscpy(info->driver, PCNET32_DRV_NAME, sizeof(info->driver));
		strscpy(info->version, "unavailable", sizeof(info->version));
		strscpy(info->bus_info, lp->st.bus_info, sizeof(info->bus_info));
		return;
	}
	strscpy(info->driver, rep.driver, sizeof(info->driver));
	strscpy(info->version, rep.version, sizeof(info->version));
	strscpy(info->bus_info, rep.bus_info, sizeof(info->bus_info));
}

/*
 * The ethtool core allocates by the dump length: it is the kernel's fact
 * (the layout in hw.h, with or without the PHY's words), not the op's
 * answer. The op still runs (the split build checks the daemon's answer
 * against the same fact and refuses another).
 */
static int pcnet32_get_regs_len(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_u32 rep;

	if (pcnet32_call(lp, GET_REGS_LEN, &arg, &rep))
		netif_dbg(&lp->st, drv, dev, "get_regs_len failed\n");
	return PCNET32_DUMP_LEN(lp->st.has_mii);
}

static void pcnet32_get_regs(struct net_device *dev, struct ethtool_regs *regs,
			     void *p)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_regs_rep *rep;
	u32 n;

	regs->version = 0;
	rep = kmalloc(sizeof(*rep), GFP_KERNEL);
	/*
	 * The hook is void: a dump that could not be taken comes back empty
	 * (length 0) rather than as a dump of zeros.
	 */
	if (!rep || pcnet32_call(lp, GET_REGS, &arg, rep)) {
		regs->len = 0;
		goto out;
	}
	/*
	 * p holds regs->len bytes (the core's min of the user's length and
	 * get_regs_len): never more, and what the dump lacks is zeros.
	 */
	n = min_t(u32, regs->len, min_t(u32, rep->len, sizeof(rep->regs)));
	memcpy(p, rep->regs, n);
	memset(p + n, 0, regs->len - n);
out:
	kfree(rep);
}

static u32 pcnet32_get_msglevel(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_u32 rep;

	if (pcnet32_call(lp, GET_MSGLEVEL, &arg, &rep))
		return lp->st.msg_enable;
	return rep.value;
}

static void pcnet32_set_msglevel(struct net_device *dev, u32 value)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_u32 arg = { .value = value };
	struct pcnet32_u32 rep;

	if (!pcnet32_call(lp, SET_MSGLEVEL, &arg, &rep))
		lp->st.msg_enable = rep.value;
}

static int pcnet32_nway_reset(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_none rep;

	return pcnet32_call(lp, NWAY_RESET, &arg, &rep);
}

/*
 * While the interface is up the link state is a fact of the fast path: the
 * link watchdog keeps the carrier up to date every PCNET32_WATCHDOG, in
 * both builds. Answering from it takes no port access, so no upcall and no
 * hold of the fast path (any user may ask: ethtool eth0 needs no
 * privilege). A closed device has no watchdog and no fast path to hold:
 * the op reads the chip, as the stock driver does.
 */
static u32 pcnet32_get_link(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_u32 rep;

	if (netif_running(dev))
		return netif_carrier_ok(dev);
	if (pcnet32_call(lp, GET_LINK, &arg, &rep))
		return 0;
	return rep.value;
}

static void pcnet32_get_ringparam(struct net_device *dev,
				  struct ethtool_ringparam *ring,
				  struct kernel_ethtool_ringparam *kring,
				  struct netlink_ext_ack *extack)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_ring rep;

	if (pcnet32_call(lp, GET_RINGPARAM, &arg, &rep))
		return;
	ring->rx_max_pending = rep.rx_max;
	ring->tx_max_pending = rep.tx_max;
	ring->rx_pending = rep.rx;
	ring->tx_pending = rep.tx;
}

static int pcnet32_set_ringparam(struct net_device *dev,
				 struct ethtool_ringparam *ring,
				 struct kernel_ethtool_ringparam *kring,
				 struct netlink_ext_ack *extack)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_ring arg = {
		.rx = ring->rx_pending,
		.tx = ring->tx_pending,
		.rx_mini = ring->rx_mini_pending,
		.rx_jumbo = ring->rx_jumbo_pending,
	};
	struct pcnet32_ring rep;
	u32 old_rx = lp->st.rx_ring_size, old_tx = lp->st.tx_ring_size;
	int running = netif_running(dev);
	struct pcnet32_rings new;
	int ret;

	ret = pcnet32_call(lp, SET_RINGPARAM, &arg, &rep);
	if (ret)
		return ret;
	if (rep.rx == old_rx && rep.tx == old_tx)
		return 0;
	if (!is_power_of_2(rep.rx) || !is_power_of_2(rep.tx) ||
	    rep.rx < 4 || rep.tx < 4 ||
	    rep.rx > PCNET32_RING_MAX || rep.tx > PCNET32_RING_MAX)
		return -EINVAL;
	if (!running) {
		lp->st.rx_ring_size = rep.rx;
		lp->st.tx_ring_size = rep.tx;
		return 0;
	}

	/*
	 * The new rings first, while the old ones still serve: when there is
	 * no memory for them, nothing has changed yet (the device neither
	 * stops nor closes; closing here, under the RTNL with the fast path
	 * quiesced, would disable NAPI twice and hang).
	 */
	ret = pcnet32_rings_new(lp, &new, rep.rx, rep.tx);
	if (ret) {
		netif_err(&lp->st, drv, dev,
			  "no memory for rings of %u/%u, keeping %u/%u\n",
			  rep.rx, rep.tx, old_rx, old_tx);
		return ret;
	}
	del_timer_sync(&lp->watchdog);
	pcnet32_quiesce(lp);
	/* the chip is stopped: the old rings are free to go */
	pcnet32_rings_swap(lp, &new);
	pcnet32_rings_release(lp, &new);
	lp->st.rx_ring_size = rep.rx;
	lp->st.tx_ring_size = rep.tx;
	pcnet32_resume_fast_path(lp);
	mod_timer(&lp->watchdog, round_jiffies(jiffies + PCNET32_WATCHDOG));
	return 0;
}

static void pcnet32_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_sset_arg arg = { .sset = sset };
	struct pcnet32_strings_rep *rep;

	/* the core allocated get_sset_count's strings: ETH_SS_TEST's only */
	if (sset != ETH_SS_TEST)
		return;
	memset(data, 0, PCNET32_TEST_LEN * ETH_GSTRING_LEN);
	rep = kmalloc(sizeof(*rep), GFP_KERNEL);
	if (!rep)
		return;
	/* the count is checked to be PCNET32_TEST_LEN; copy no other */
	if (!pcnet32_call(lp, GET_STRINGS, &arg, rep) &&
	    rep->count == PCNET32_TEST_LEN)
		memcpy(data, rep->strings, PCNET32_TEST_LEN * ETH_GSTRING_LEN);
	kfree(rep);
}

/*
 * The ethtool core allocates by these counts, and the self-test (run in
 * the kernel) writes PCNET32_TEST_LEN results: the counts are the
 * kernel's facts, not the op's answer. The op still runs for ETH_SS_TEST
 * (the split build checks the daemon's answer against the fact).
 */
static int pcnet32_get_sset_count(struct net_device *dev, int sset)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_sset_arg arg = { .sset = sset };
	struct pcnet32_u32 rep;

	if (sset != ETH_SS_TEST)
		return -EOPNOTSUPP;
	if (pcnet32_call(lp, GET_SSET_COUNT, &arg, &rep))
		netif_dbg(&lp->st, drv, dev, "get_sset_count failed\n");
	return PCNET32_TEST_LEN;
}

static void pcnet32_self_test(struct net_device *dev,
			      struct ethtool_test *test, u64 *data)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_test_arg arg = { .flags = test->flags };
	struct pcnet32_test_rep rep;

	u32 i, n = min_t(u32, test->len, PCNET32_TEST_LEN);

	/* data has test->len results: get_sset_count's PCNET32_TEST_LEN */
	if (pcnet32_call(lp, SELF_TEST, &arg, &rep)) {
		test->flags |= ETH_TEST_FL_FAILED;
		for (i = 0; i < n; i++)
			data[i] = 1;
		return;
	}
	test->flags |= rep.flags & ETH_TEST_FL_FAILED;
	for (i = 0; i < n; i++)
		data[i] = rep.data[i];
}

static int pcnet32_set_phys_id(struct net_device *dev,
			       enum ethtool_phys_id_state state)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_phys_id_arg arg;
	struct pcnet32_phys_id_rep rep;
	int ret;

	switch (state) {
	case ETHTOOL_ID_ACTIVE:
		arg.state = PCNET32_ID_ACTIVE;
		break;
	case ETHTOOL_ID_ON:
		arg.state = PCNET32_ID_ON;
		break;
	case ETHTOOL_ID_OFF:
		arg.state = PCNET32_ID_OFF;
		break;
	default:
		arg.state = PCNET32_ID_INACTIVE;
		break;
	}
	ret = pcnet32_call(lp, SET_PHYS_ID, &arg, &rep);
	if (ret)
		return ret;
	if (arg.state != PCNET32_ID_ACTIVE)
		return 0;
	if (rep.save_valid)
		memcpy(lp->st.led_save, rep.led_save, sizeof(lp->st.led_save));
	return rep.cycles;
}

static int pcnet32_get_link_ksettings(struct net_device *dev,
				      struct ethtool_link_ksettings *cmd)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_link rep;
	int ret;

	ret = pcnet32_call(lp, GET_LINK_KSETTINGS, &arg, &rep);
	if (ret)
		return ret;
	cmd->base.speed = rep.speed;
	cmd->base.duplex = rep.duplex;
	cmd->base.port = rep.port;
	cmd->base.phy_address = rep.phy_address;
	cmd->base.autoneg = rep.autoneg ? AUTONEG_ENABLE : AUTONEG_DISABLE;
	cmd->base.transceiver = rep.transceiver;
	cmd->base.eth_tp_mdix = rep.mdix;
	ethtool_convert_legacy_u32_to_link_mode(cmd->link_modes.supported,
						rep.supported);
	ethtool_convert_legacy_u32_to_link_mode(cmd->link_modes.advertising,
						rep.advertising);
	ethtool_convert_legacy_u32_to_link_mode(cmd->link_modes.lp_advertising,
						rep.lp_advertising);
	return 0;
}

static int pcnet32_set_link_ksettings(struct net_device *dev,
				      const struct ethtool_link_ksettings *cmd)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_link arg = {
		.speed = cmd->base.speed,
		.duplex = cmd->base.duplex,
		.port = cmd->base.port,
		.phy_address = cmd->base.phy_address,
		.autoneg = cmd->base.autoneg == AUTONEG_ENABLE,
	};
	struct pcnet32_link_set_rep rep;
	int ret;

	ethtool_convert_link_mode_to_legacy_u32(&arg.advertising,
						cmd->link_modes.advertising);
	ret = pcnet32_call(lp, SET_LINK_KSETTINGS, &arg, &rep);
	if (ret)
		return ret;
	lp->st.autoneg = !!rep.autoneg;
	lp->st.port_tp = !!rep.port_tp;
	lp->st.fdx = !!rep.fdx;
	return 0;
}

static int pcnet32_eth_ioctl(struct net_device *dev, struct ifreq *rq, int cmd)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct mii_ioctl_data *mii = if_mii(rq);
	struct pcnet32_mdio_arg arg;
	struct pcnet32_none none;
	struct pcnet32_u32 val;
	int ret;

	if (!lp->st.has_mii)
		return -EOPNOTSUPP;
	switch (cmd) {
	case SIOCGMIIPHY:
		mii->phy_id = lp->st.phy_addr;
		fallthrough;
	case SIOCGMIIREG:
		arg.phy = mii->phy_id;
		arg.reg = mii->reg_num;
		arg.value = 0;
		ret = pcnet32_call(lp, MDIO_READ, &arg, &val);
		if (!ret)
			mii->val_out = val.value;
		return ret;
	case SIOCSMIIREG:
		arg.phy = mii->phy_id;
		arg.reg = mii->reg_num;
		arg.value = mii->val_in;
		return pcnet32_call(lp, MDIO_WRITE, &arg, &none);
	}
	return -EOPNOTSUPP;
}

static const struct ethtool_ops pcnet32_ethtool_ops = {
	.get_drvinfo		= pcnet32_get_drvinfo,
	.get_msglevel		= pcnet32_get_msglevel,
	.set_msglevel		= pcnet32_set_msglevel,
	.nway_reset		= pcnet32_nway_reset,
	.get_link		= pcnet32_get_link,
	.get_ringparam		= pcnet32_get_ringparam,
	.set_ringparam		= pcnet32_set_ringparam,
	.get_strings		= pcnet32_get_strings,
	.get_sset_count		= pcnet32_get_sset_count,
	.self_test		= pcnet32_self_test,
	.set_phys_id		= pcnet32_set_phys_id,
	.get_regs_len		= pcnet32_get_regs_len,
	.get_regs		= pcnet32_get_regs,
	.get_link_ksettings	= pcnet32_get_link_ksettings,
	.set_link_ksettings	= pcnet32_set_link_ksettings,
};

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
	atomic_set(&lp->ops_in_flight, 0);
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
