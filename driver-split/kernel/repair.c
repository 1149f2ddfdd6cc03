// SPDX-License-Identifier: GPL-2.0
/*
 * Chip repair after the daemon's ops on the ports (split build).
 *
 * The daemon drives the NIC's ports while the kernel holds its fast path
 * off. A daemon that dies, is killed or misbehaves in the middle of a
 * port sequence can leave the chip suspended (CSR5 SPND), RAP pointing
 * elsewhere, switched to double-word I/O (a 32-bit write to RDP; every
 * word access of the kernel is then ignored), stopped, or with its DMA
 * registers pointing anywhere in memory (there is no IOMMU). Traffic
 * would then stop until a transmit timeout, or never resume at all.
 *
 * So after every daemon op on the ports, whatever its outcome, the kernel
 * reads the chip back (34 port accesses when up, counted below) and, when
 * anything but RAP is not as it programmed it, stops the chip and
 * reinitializes it as the transmit-timeout recovery does. Every repair
 * is counted by kind in /sys/kernel/debug/pcnet32-repairN and logged,
 * ratelimited.
 *
 * What this cannot close: the daemon holds the ports for the whole op and
 * keeps its port access between ops, so it can start DMA from a
 * programmed address before the check runs (or after it). The check
 * bounds how long a bad setting lasts; it does not prevent it.
 */
#include <linux/debugfs.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "pcnet32.h"
#include "repair.h"

/* what a check can find, one counter each */
enum pcnet32_repair_kind {
	PCNET32_FIX_RAP,	/* RAP away from CSR0: put back, nothing else */
	PCNET32_FIX_DWIO,	/* double-word I/O mode: reset, reinitialize */
	PCNET32_FIX_SUSPEND,	/* CSR5 SPND left set */
	PCNET32_FIX_STOPPED,	/* CSR0 not STRT/TXON/RXON while up, or
				 * running while down
				 */
	PCNET32_FIX_CONFIG,	/* CSR3 masks, CSR15 disables, CSR12-14 */
	PCNET32_FIX_DMA,	/* CSR1/2, CSR24/25, CSR30/31, CSR76/78, BCR20 */
	PCNET32_FIX_KINDS
};

static const char * const pcnet32_fix_names[PCNET32_FIX_KINDS] = {
	[PCNET32_FIX_RAP] = "rap",
	[PCNET32_FIX_DWIO] = "dwio",
	[PCNET32_FIX_SUSPEND] = "suspend",
	[PCNET32_FIX_STOPPED] = "stopped",
	[PCNET32_FIX_CONFIG] = "config",
	[PCNET32_FIX_DMA] = "dma",
};

/* CSR15 bits that stop or divert traffic; the kernel never sets them */
#define PCNET32_MODE_BLOCKING	(PCNET32_MODE_DRX | PCNET32_MODE_DTX | \
				 PCNET32_MODE_LOOP | PCNET32_MODE_DRCVPA | \
				 PCNET32_MODE_DRCVBC)
#define PCNET32_CSR0_RUNNING	(PCNET32_CSR0_STRT | PCNET32_CSR0_TXON | \
				 PCNET32_CSR0_RXON)

struct pcnet32_repair {
	struct pcnet32_private *lp;
	struct dentry *dbg;
	struct ratelimit_state rs;
	struct mutex lock;		/* the counters */
	u64 checks;
	u64 port_accesses;		/* by the checks, all of them */
	u64 check_ns;			/* time in the checks, all of them */
	u64 found[PCNET32_FIX_KINDS];
	u64 reinits;
	u64 reinit_failed;
};

/* the port shim, counting accesses */
struct pcnet32_probe {
	u32 base;
	unsigned int n;
};

static u16 pcnet32_probe_in(struct pcnet32_probe *p, u32 port)
{
	p->n++;
	return pcnet32_inw(p->base + port);
}

static void pcnet32_probe_out(struct pcnet32_probe *p, u16 v, u32 port)
{
	p->n++;
	pcnet32_outw(v, p->base + port);
}

static u16 pcnet32_probe_csr(struct pcnet32_probe *p, u16 n)
{
	pcnet32_probe_out(p, n, PCNET32_WIO_RAP);
	return pcnet32_probe_in(p, PCNET32_WIO_RDP);
}

static u32 pcnet32_probe_csr32(struct pcnet32_probe *p, u16 lo)
{
	u32 v = pcnet32_probe_csr(p, lo);

	return v | (u32)pcnet32_probe_csr(p, lo + 1) << 16;
}

/* what a check read, for the log */
struct pcnet32_seen {
	u16 csr0, csr3, csr5, csr15;
	u32 iadr, badr, badx;
	u16 rcvrl, xmtrl, sws;
};

/*
 * Read the chip back; returns the kinds found (bits of 1 << kind). Under
 * lp->lock, the fast path held off. up: the interface is up.
 */
static unsigned int pcnet32_repair_check(struct pcnet32_private *lp,
					 struct pcnet32_probe *p, bool up,
					 struct pcnet32_seen *s)
{
	const struct pcnet32_prog *prog = &lp->prog;
	const u8 *a = lp->dev->dev_addr;
	unsigned int kinds = 0, i;
	u16 rap;

	rap = pcnet32_probe_in(p, PCNET32_WIO_RAP);
	/*
	 * In double-word I/O mode word reads are not answered (all ones);
	 * RAP itself is 7 bits wide. Nothing else can be read like this.
	 */
	if (rap == 0xffff)
		return BIT(PCNET32_FIX_DWIO);
	if (rap != PCNET32_CSR_STATUS)
		kinds |= BIT(PCNET32_FIX_RAP);

	s->csr5 = pcnet32_probe_csr(p, PCNET32_CSR_EXTCTL1);
	if (s->csr5 & PCNET32_CSR5_SPND)
		kinds |= BIT(PCNET32_FIX_SUSPEND);
	s->csr0 = pcnet32_probe_csr(p, PCNET32_CSR_STATUS);
	if (!up) {
		/* a closed device's chip is stopped: it has no rings */
		if (!(s->csr0 & PCNET32_CSR0_STOP))
			kinds |= BIT(PCNET32_FIX_STOPPED);
		return kinds;
	}
	if ((s->csr0 & (PCNET32_CSR0_STOP | PCNET32_CSR0_RUNNING)) !=
	    PCNET32_CSR0_RUNNING)
		kinds |= BIT(PCNET32_FIX_STOPPED);

	s->csr3 = pcnet32_probe_csr(p, PCNET32_CSR_IMASK);
	s->csr15 = pcnet32_probe_csr(p, PCNET32_CSR_MODE);
	if (s->csr3 || (s->csr15 & PCNET32_MODE_BLOCKING))
		kinds |= BIT(PCNET32_FIX_CONFIG);
	for (i = 0; i < ETH_ALEN / 2; i++)
		if (pcnet32_probe_csr(p, PCNET32_CSR_PADR0 + i) !=
		    (a[2 * i] | a[2 * i + 1] << 8))
			kinds |= BIT(PCNET32_FIX_CONFIG);

	s->iadr = pcnet32_probe_csr32(p, PCNET32_CSR_IADR_LO);
	s->badr = pcnet32_probe_csr32(p, PCNET32_CSR_BADR_LO);
	s->badx = pcnet32_probe_csr32(p, PCNET32_CSR_BADX_LO);
	s->rcvrl = pcnet32_probe_csr(p, PCNET32_CSR_RCVRL);
	s->xmtrl = pcnet32_probe_csr(p, PCNET32_CSR_XMTRL);
	pcnet32_probe_out(p, PCNET32_BCR_SWS, PCNET32_WIO_RAP);
	s->sws = pcnet32_probe_in(p, PCNET32_WIO_BDP) & PCNET32_SWSTYLE_MASK;
	if (s->iadr != prog->init_dma || s->badr != prog->rx_ring_dma ||
	    s->badx != prog->tx_ring_dma || s->rcvrl != prog->rcvrl ||
	    s->xmtrl != prog->xmtrl || s->sws != PCNET32_SWSTYLE_PCNET32)
		kinds |= BIT(PCNET32_FIX_DMA);
	return kinds;
}

static void pcnet32_repair_log(struct pcnet32_repair *r, const char *op,
			       unsigned int kinds,
			       const struct pcnet32_seen *s, int ret)
{
	const struct pcnet32_prog *prog = &r->lp->prog;
	char what[64] = "";
	unsigned int k;

	if (!__ratelimit(&r->rs))
		return;
	for (k = 0; k < PCNET32_FIX_KINDS; k++)
		if (k != PCNET32_FIX_RAP && (kinds & BIT(k)))
			snprintf(what + strlen(what), sizeof(what) - strlen(what),
				 "%s%s", what[0] ? "," : "", pcnet32_fix_names[k]);
	if (kinds & BIT(PCNET32_FIX_DWIO))
		netdev_warn(r->lp->dev, "chip repaired after daemon op %s (%s): reset to word I/O%s\n",
			    op, what, ret ? ", reinitialization failed" :
			    ", reinitialized");
	else
		netdev_warn(r->lp->dev, "chip repaired after daemon op %s (%s): csr0 %04x csr3 %04x csr5 %04x csr15 %04x%s\n",
			    op, what, s->csr0, s->csr3, s->csr5, s->csr15,
			    ret ? ", reinitialization failed" :
			    ", reinitialized");
	if (kinds & BIT(PCNET32_FIX_DMA))
		netdev_warn(r->lp->dev, "DMA registers: init block %08x ring bases %08x/%08x lengths %04x/%04x style %u; programmed %08x %08x/%08x %04x/%04x %u\n",
			    s->iadr, s->badr, s->badx, s->rcvrl, s->xmtrl,
			    s->sws, prog->init_dma, prog->rx_ring_dma,
			    prog->tx_ring_dma, prog->rcvrl, prog->xmtrl,
			    PCNET32_SWSTYLE_PCNET32);
}

void pcnet32_repair_after_op(struct pcnet32_repair *r, const char *op)
{
	struct pcnet32_private *lp = r->lp;
	struct pcnet32_probe p = { .base = lp->io.base };
	struct pcnet32_seen s = { 0 };
	bool up = netif_running(lp->dev);
	unsigned int kinds, k;
	unsigned long flags;
	u64 t0, dt;
	int ret = 0;

	ASSERT_RTNL();
	t0 = ktime_get_ns();
	spin_lock_irqsave(&lp->lock, flags);
	kinds = pcnet32_repair_check(lp, &p, up, &s);
	if (kinds & BIT(PCNET32_FIX_DWIO)) {
		/* the way back to word I/O: a double-word read of RESET */
		(void)inl(lp->io.base + PCNET32_DWIO_RESET);
	}
	pcnet32_probe_out(&p, PCNET32_CSR_STATUS, PCNET32_WIO_RAP);
	spin_unlock_irqrestore(&lp->lock, flags);
	dt = ktime_get_ns() - t0;

	if (kinds & ~BIT(PCNET32_FIX_RAP))
		ret = pcnet32_chip_reinit(lp);

	mutex_lock(&r->lock);
	r->checks++;
	r->port_accesses += p.n;
	r->check_ns += dt;
	for (k = 0; k < PCNET32_FIX_KINDS; k++)
		if (kinds & BIT(k))
			r->found[k]++;
	if (kinds & ~BIT(PCNET32_FIX_RAP)) {
		r->reinits++;
		if (ret)
			r->reinit_failed++;
	}
	mutex_unlock(&r->lock);
	if (kinds & ~BIT(PCNET32_FIX_RAP))
		pcnet32_repair_log(r, op, kinds, &s, ret);
}

/* debugfs: one "name value" line per counter; write to reset */
static int pcnet32_repair_show(struct seq_file *m, void *v)
{
	struct pcnet32_repair *r = m->private;
	unsigned int k;

	mutex_lock(&r->lock);
	seq_printf(m, "checks %llu\nport_accesses %llu\ncheck_ns %llu\n",
		   r->checks, r->port_accesses, r->check_ns);
	for (k = 0; k < PCNET32_FIX_KINDS; k++)
		seq_printf(m, "%s %llu\n", pcnet32_fix_names[k], r->found[k]);
	seq_printf(m, "reinits %llu\nreinit_failed %llu\n", r->reinits,
		   r->reinit_failed);
	mutex_unlock(&r->lock);
	return 0;
}

static int pcnet32_repair_open(struct inode *inode, struct file *f)
{
	return single_open(f, pcnet32_repair_show, inode->i_private);
}

static ssize_t pcnet32_repair_write(struct file *f, const char __user *b,
				    size_t len, loff_t *ppos)
{
	struct pcnet32_repair *r = file_inode(f)->i_private;

	mutex_lock(&r->lock);
	r->checks = 0;
	r->port_accesses = 0;
	r->check_ns = 0;
	memset(r->found, 0, sizeof(r->found));
	r->reinits = 0;
	r->reinit_failed = 0;
	mutex_unlock(&r->lock);
	return len;
}

static const struct file_operations pcnet32_repair_fops = {
	.owner = THIS_MODULE,
	.open = pcnet32_repair_open,
	.read = seq_read,
	.write = pcnet32_repair_write,
	.llseek = seq_lseek,
	.release = single_release,
};

struct pcnet32_repair *pcnet32_repair_create(struct pcnet32_private *lp,
					     int index)
{
	struct pcnet32_repair *r;
	char name[32];

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return ERR_PTR(-ENOMEM);
	r->lp = lp;
	mutex_init(&r->lock);
	/* at most 10 repairs logged every 5 s */
	ratelimit_state_init(&r->rs, 5 * HZ, 10);
	snprintf(name, sizeof(name), "pcnet32-repair%d", index);
	r->dbg = debugfs_create_file(name, 0600, NULL, r, &pcnet32_repair_fops);
	return r;
}

void pcnet32_repair_destroy(struct pcnet32_repair *r)
{
	if (IS_ERR_OR_NULL(r))
		return;
	debugfs_remove(r->dbg);
	kfree(r);
}
