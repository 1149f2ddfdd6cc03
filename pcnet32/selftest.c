// SPDX-License-Identifier: GPL-2.0
/*
 * PCnet32 loopback self-test: the one op of side KERNEL (ops.h), run in
 * the kernel in both builds, since it needs the driver's own rings and
 * DMA buffers.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include <linux/dma-mapping.h>
#include <linux/delay.h>

#include "pcnet32.h"

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
