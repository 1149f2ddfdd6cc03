// SPDX-License-Identifier: GPL-2.0
/*
 * PCnet32 data path: the rings and their buffers, transmit, NAPI receive,
 * the interrupt handler, the link watchdog, the receive filter and the
 * statistics. Everything here runs without the slow path's op table.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/mii.h>
#include <linux/skbuff.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/debugfs.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>

#include "pcnet32.h"

#define PCNET32_PKT_BUF_SZ	1544	/* receive buffer: a full frame + FCS */
#define PCNET32_RX_COPYBREAK	256

static_assert(sizeof(struct pcnet32_rx_desc) == 16);
static_assert(sizeof(struct pcnet32_tx_desc) == 16);

/* ---- CSR0 from the fast path (callers hold lp->lock) ----------------- */

/*
 * The fast path reads and writes CSR0 through RDP alone: RAP is 0 whenever
 * lp->lock is free. Whoever points RAP elsewhere under the lock puts it
 * back before unlocking (pcnet32_rap_home()). In the split build only a
 * daemon with direct ports reaches the ports, by the protocol only while
 * the fast path is held off, and the chip check after its op puts RAP
 * back; one that strays between its ops meets the interrupt handler's
 * second look (pcnet32_csr0_again()).
 */
static inline u16 pcnet32_csr0(struct pcnet32_private *lp)
{
	return pcnet32_inw(lp->io.base + PCNET32_WIO_RDP);
}

static inline void pcnet32_set_csr0(struct pcnet32_private *lp, u16 v)
{
	pcnet32_outw(v, lp->io.base + PCNET32_WIO_RDP);
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

void pcnet32_tx_purge(struct pcnet32_private *lp)
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
void pcnet32_rings_swap(struct pcnet32_private *lp, struct pcnet32_rings *r)
{
	swap(lp->rings, *r);
}

/* free a set of rings the chip no longer uses, with their buffers */
void pcnet32_rings_release(struct pcnet32_private *lp,
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
int pcnet32_rings_new(struct pcnet32_private *lp, struct pcnet32_rings *r,
		      unsigned int rx_size, unsigned int tx_size)
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

void pcnet32_rings_free(struct pcnet32_private *lp)
{
	struct pcnet32_rings old = { 0 };

	pcnet32_rings_swap(lp, &old);
	pcnet32_rings_release(lp, &old);
}

/* allocate the device's rings, of the sizes in lp->st */
int pcnet32_rings_alloc(struct pcnet32_private *lp)
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
void pcnet32_rings_init(struct pcnet32_private *lp)
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

netdev_tx_t pcnet32_start_xmit(struct sk_buff *skb, struct net_device *dev)
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

int pcnet32_poll(struct napi_struct *napi, int budget)
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

/*
 * CSR0 says "not mine". On a shared line that is so; but whoever else can
 * reach the ports (the split build's daemon keeps them between its ops)
 * may have moved RAP or switched the chip to double-word I/O, where word
 * reads give all ones, and then every interrupt of the chip would go
 * unclaimed until the kernel disables the line for good: the fast path
 * dead until a reboot. So look again, off the normal path: RAP back home
 * and CSR0 read again; in double-word I/O, the chip is reset (a
 * double-word read of RESET stops it and brings it back to word I/O) and
 * reinitialized from process context. *handled: it was interrupting.
 * lp->lock held.
 */
static u16 pcnet32_csr0_again(struct pcnet32_private *lp, bool *handled)
{
	u32 base = lp->io.base;
	u32 dw;

	*handled = false;
	if (pcnet32_inw(base + PCNET32_WIO_RAP) != 0xffff) {
		pcnet32_outw(PCNET32_CSR_STATUS, base + PCNET32_WIO_RAP);
		return pcnet32_csr0(lp);
	}
	outl(PCNET32_CSR_STATUS, base + PCNET32_DWIO_RAP);
	dw = inl(base + PCNET32_DWIO_RDP);
	if (dw == 0xffffffff)
		return 0xffff;	/* no chip answers: gone, not ours */
	(void)inl(base + PCNET32_DWIO_RESET);
	if (net_ratelimit())
		netdev_warn(lp->dev,
			    "chip found in double-word I/O mode (csr0 %4.4x): reset\n",
			    dw & 0xffff);
	schedule_work(&lp->reset_work);
	*handled = dw & PCNET32_CSR0_INTR;
	return 0;
}

irqreturn_t pcnet32_interrupt(int irq, void *dev_id)
{
	struct net_device *dev = dev_id;
	struct pcnet32_private *lp = netdev_priv(dev);
	bool handled = false;
	u16 csr0, ack;

	spin_lock(&lp->lock);
	csr0 = pcnet32_csr0(lp);
	if (unlikely(!(csr0 & PCNET32_CSR0_INTR) || csr0 == 0xffff) &&
	    lp->st.running)
		csr0 = pcnet32_csr0_again(lp, &handled);
	if (!(csr0 & PCNET32_CSR0_INTR) || csr0 == 0xffff || !lp->st.running) {
		spin_unlock(&lp->lock);
		return handled ? IRQ_HANDLED : IRQ_NONE;
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

/* ---- after an op on the ports --------------------------------------- */

/*
 * Whether NAPI would find work on the rings now: a received frame where
 * pcnet32_rx() looks next (at cur_rx or, as pcnet32_rx_resync() looks,
 * after it) or a sent frame to reclaim. Memory reads only, no port
 * access; lp->lock held.
 */
static bool pcnet32_rings_have_work(struct pcnet32_private *lp)
{
	unsigned int i, n = lp->rx_resync ? lp->rings.rx_size : 2;
	unsigned int cur_rx = READ_ONCE(lp->cur_rx);
	unsigned int e;

	for (i = 0; i < n; i++) {
		e = (cur_rx + i) & (lp->rings.rx_size - 1);
		if (!(le16_to_cpu(READ_ONCE(lp->rings.rx_ring[e].status)) &
		      PCNET32_DESC_OWN))
			return true;
	}
	if (lp->dirty_tx == lp->cur_tx)
		return false;
	e = lp->dirty_tx & (lp->rings.tx_size - 1);
	return !(le16_to_cpu(READ_ONCE(lp->rings.tx_ring[e].status)) &
		 PCNET32_DESC_OWN);
}

bool pcnet32_ports_op_done(struct pcnet32_private *lp)
{
	if (!lp->st.running || !pcnet32_rings_have_work(lp) ||
	    !napi_schedule_prep(&lp->napi))
		return false;
	/* NAPI runs with the chip's interrupts off, as from the handler */
	lp->ien = 0;
	pcnet32_set_csr0(lp, 0);
	return true;
}

void pcnet32_napi_kick(struct pcnet32_private *lp)
{
	local_bh_disable();
	__napi_schedule(&lp->napi);
	local_bh_enable();
}

void pcnet32_after_ports_op(struct pcnet32_private *lp)
{
	unsigned long flags;
	bool poll = false;

	spin_lock_irqsave(&lp->lock, flags);
	pcnet32_rap_home(lp);
	if (lp->st.running && napi_schedule_prep(&lp->napi)) {
		lp->ien = 0;
		pcnet32_set_csr0(lp, 0);
		poll = true;
	}
	spin_unlock_irqrestore(&lp->lock, flags);
	if (poll)
		pcnet32_napi_kick(lp);
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

void pcnet32_check_link(struct pcnet32_private *lp)
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

void pcnet32_watchdog(struct timer_list *t)
{
	struct pcnet32_private *lp = from_timer(lp, t, watchdog);

	pcnet32_check_link(lp);
	mod_timer(&lp->watchdog, round_jiffies(jiffies + PCNET32_WATCHDOG));
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

void pcnet32_set_rx_mode(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	unsigned long flags;
	bool poll = false;
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
		/* RAP is at CSR0 again; the STOP cleared pending interrupts */
		poll = pcnet32_ports_op_done(lp);
	}
	spin_unlock_irqrestore(&lp->lock, flags);
	if (poll)
		pcnet32_napi_kick(lp);
}

void pcnet32_get_stats64(struct net_device *dev, struct rtnl_link_stats64 *s)
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

/* ---- debugfs datapath: the fast path's state, one "name value" a line -- */

/*
 * What a dead fast path needs looked at, from memory only (no port
 * access: in the split build a daemon with direct ports may be on them):
 * NAPI's state bits, whether the chip's interrupts are wanted, where the
 * receive and transmit indices stand and who owns the descriptors. Under
 * the RTNL (the rings are swapped only under it) and the register lock.
 */
static int pcnet32_datapath_show(struct seq_file *m, void *v)
{
	struct pcnet32_private *lp = m->private;
	unsigned int i, host_rx = 0, first_host = 0, chip_tx = 0;
	unsigned long flags, napi;
	bool running, found = false;
	unsigned int cur_rx, cur_tx, dirty_tx;
	u16 ien;
	bool resync;

	rtnl_lock();
	spin_lock_irqsave(&lp->lock, flags);
	running = lp->st.running;
	cur_rx = lp->cur_rx;
	cur_tx = lp->cur_tx;
	dirty_tx = lp->dirty_tx;
	ien = lp->ien;
	resync = lp->rx_resync;
	napi = READ_ONCE(lp->napi.state);
	if (running && lp->rings.rx_ring && lp->rings.tx_ring) {
		for (i = 0; i < lp->rings.rx_size; i++) {
			unsigned int e = (cur_rx + i) & (lp->rings.rx_size - 1);

			if (le16_to_cpu(READ_ONCE(lp->rings.rx_ring[e].status)) &
			    PCNET32_DESC_OWN)
				continue;
			if (!found)
				first_host = i;
			found = true;
			host_rx++;
		}
		for (i = 0; i < lp->rings.tx_size; i++)
			if (le16_to_cpu(READ_ONCE(lp->rings.tx_ring[i].status)) &
			    PCNET32_DESC_OWN)
				chip_tx++;
	}
	spin_unlock_irqrestore(&lp->lock, flags);
	rtnl_unlock();
	seq_printf(m, "running %d\n", running);
	seq_printf(m, "ien %d\n", !!ien);
	seq_printf(m, "napi_sched %d\n", !!(napi & NAPIF_STATE_SCHED));
	seq_printf(m, "napi_missed %d\n", !!(napi & NAPIF_STATE_MISSED));
	seq_printf(m, "napi_disable %d\n", !!(napi & NAPIF_STATE_DISABLE));
	seq_printf(m, "napi_npsvc %d\n", !!(napi & NAPIF_STATE_NPSVC));
	seq_printf(m, "rx_size %u\n", lp->rings.rx_size);
	seq_printf(m, "cur_rx %u\n", cur_rx);
	seq_printf(m, "rx_resync %d\n", resync);
	/* received frames waiting for NAPI, and how far after cur_rx */
	seq_printf(m, "rx_host_owned %u\n", host_rx);
	seq_printf(m, "rx_first_host_owned %d\n", found ? (int)first_host : -1);
	seq_printf(m, "tx_size %u\n", lp->rings.tx_size);
	seq_printf(m, "cur_tx %u\n", cur_tx);
	seq_printf(m, "dirty_tx %u\n", dirty_tx);
	seq_printf(m, "tx_chip_owned %u\n", chip_tx);
	seq_printf(m, "fastpath_holds %llu\n", lp->fastpath_holds);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pcnet32_datapath);

void pcnet32_datapath_debugfs(struct pcnet32_private *lp, struct dentry *dir)
{
	debugfs_create_file("datapath", 0400, dir, lp, &pcnet32_datapath_fops);
}
