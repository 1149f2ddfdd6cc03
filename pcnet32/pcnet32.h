/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-side private state of the PCnet32 driver and what its files share:
 * core.c (probe, open/stop, chip programming), datapath.c (rings, transmit,
 * receive, interrupt, link), ethtool.c (the op table's glue), selftest.c
 * and the dispatchers. Not seen by slow.c.
 */
#ifndef PCNET32_PRIV_H
#define PCNET32_PRIV_H

#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/u64_stats_sync.h>

#include "hw.h"
#include "port.h"
#include "ops.h"

#define PCNET32_DRV_VERSION	"1.0-ours"
#define PCNET32_WATCHDOG	(2 * HZ)	/* link check period */

struct pcnet32_split;
struct dentry;

/*
 * One set of rings and their buffers: the device's own set lives in
 * struct pcnet32_private; a resize builds a new set beside it first.
 */
struct pcnet32_rings {
	unsigned int rx_size;		/* entries, power of two */
	unsigned int tx_size;
	struct pcnet32_rx_desc *rx_ring;
	dma_addr_t rx_ring_dma;
	struct pcnet32_tx_desc *tx_ring;
	dma_addr_t tx_ring_dma;
	struct sk_buff **rx_skb;
	dma_addr_t *rx_dma;
	struct sk_buff **tx_skb;
	dma_addr_t *tx_dma;
};

/*
 * What the kernel last programmed into the chip's DMA registers (set by
 * every initialization, under lp->lock): the split build checks the chip
 * against it after each daemon op on the ports. The ring lengths are the
 * chip's own readings of CSR76/CSR78 right after the initialization (the
 * datasheet stores the two's complement, QEMU the plain count).
 */
struct pcnet32_prog {
	u32 init_dma;			/* CSR1/CSR2 */
	u32 rx_ring_dma;		/* CSR24/CSR25 */
	u32 tx_ring_dma;		/* CSR30/CSR31 */
	u16 rcvrl;			/* CSR76 */
	u16 xmtrl;			/* CSR78 */
};

/* what register programs cost one op (regaccess.c), under lp->lock */
struct pcnet32_regstat {
	u64 programs;		/* run */
	u64 accesses;		/* register reads and writes on the chip */
	u64 refused;		/* by the firewall: nothing ran */
	u64 malformed;		/* refused by their structure or bounds */
	u64 hold_max_ns;	/* the longest register-lock hold for one */
	u64 hold_total_ns;
};

struct pcnet32_private {
	struct pcnet32_io io;
	/*
	 * Guards every port access (the RAP/RDP/BDP index-data pairs), the
	 * transmit ring indices and ien.
	 */
	spinlock_t lock;
	struct pcnet32_state st;	/* what the slow path sees */
	struct net_device *dev;
	struct pci_dev *pdev;
	struct napi_struct napi;

	struct pcnet32_init_block *init_block;
	dma_addr_t init_dma;
	u8 ladrf[8];			/* multicast filter for the init block */

	struct pcnet32_rings rings;	/* the set the chip uses */
	unsigned int cur_rx;
	bool rx_resync;			/* look for skipped descriptors */
	unsigned int cur_tx;		/* next descriptor to fill */
	unsigned int dirty_tx;		/* next descriptor to reclaim */
	u16 ien;			/* CSR0_IENA while interrupts are wanted */
	struct pcnet32_prog prog;	/* DMA registers as programmed */

	struct timer_list watchdog;	/* link state, every PCNET32_WATCHDOG */
	struct work_struct reset_work;	/* transmit timeout recovery */
	struct pcnet32_split *split;	/* split build: the upcall channel */
	/*
	 * debugfs pcnet32-<PCI address>/fail_ring_alloc: that many ring
	 * allocations fail on purpose (tests of the resize's failure path).
	 */
	struct dentry *debugfs;
	u32 fail_ring_alloc;
	/*
	 * debugfs pcnet32-<PCI address>/fastpath_holds: how often the slow
	 * path stopped the fast path (the split build's daemons with direct
	 * ports; never otherwise).
	 */
	u64 fastpath_holds;
	struct pcnet32_regstat regstat[PCNET32_OP_MAX];

	struct u64_stats_sync syncp;
	u64 rx_packets;
	u64 rx_bytes;
	u64 tx_packets;
	u64 tx_bytes;
	unsigned long rx_errors;
	unsigned long rx_dropped;
	unsigned long rx_missed;
	unsigned long rx_crc_errors;
	unsigned long rx_frame_errors;
	unsigned long rx_over_errors;
	unsigned long tx_errors;
	unsigned long tx_dropped;
	unsigned long tx_carrier_errors;
	unsigned long tx_fifo_errors;
	unsigned long tx_aborted;
	unsigned long tx_window_errors;
	unsigned long collisions;
	/*
	 * The task whose set_msglevel just succeeded (compared, never
	 * dereferenced; RTNL): the ethtool core's notification that follows
	 * in that task asks get_msglevel, answered from the state the set
	 * applied (ethtool.c).
	 */
	const struct task_struct *msglevel_notify;
};

/*
 * The one entry into the slow path: runs op with its argument and reply
 * structs (sizes checked against the op table). The caller passes rep
 * zeroed: the op fills in what it answers. dispatch-inkernel.c calls the
 * op function directly; the split build replaces that file.
 */
int pcnet32_call_op(struct pcnet32_private *lp, u32 op, const void *arg,
		    u32 arg_len, void *rep, u32 rep_len);

/*
 * Shared by the dispatchers (dispatch-common.c): the op table's row for
 * op if arg_len and rep_len are its sizes (NULL and *err otherwise), and
 * running an op here in the kernel, holding no lock: each register
 * program it runs takes the register lock and is followed by
 * pcnet32_ports_op_done() (pcnet32_regs_exec()).
 */
const struct pcnet32_op_desc *pcnet32_op_find(u32 op, u32 arg_len,
					      u32 rep_len, int *err);
int pcnet32_op_run_here(struct pcnet32_private *lp,
			const struct pcnet32_op_desc *d, const void *arg,
			void *rep);

/*
 * Check a register program of op against its firewall table and run it
 * under lp->lock (regaccess.c): the module's own ops' programs and, in the
 * split build, the daemon's (PCNET32U_IOC_REGS). 0, -ETIMEDOUT (a POLL;
 * *n_vals and *n_done say how far it got) or the refusal: -EINVAL,
 * -E2BIG, -EPERM (nothing ran). Process context, lp->lock free.
 */
int pcnet32_regs_exec(struct pcnet32_private *lp, u32 op,
		      const struct pcnet32u_reg_op *ops, u32 n, u16 *vals,
		      u32 *n_vals, u32 *n_done);
void pcnet32_regaccess_debugfs(struct pcnet32_private *lp, struct dentry *dir);
void pcnet32_datapath_debugfs(struct pcnet32_private *lp, struct dentry *dir);

/*
 * Set up and tear down the dispatch at probe and remove: nothing in the
 * in-kernel build; the upcall channel (misc device) in the split build.
 */
int pcnet32_dispatch_init(struct pcnet32_private *lp);
void pcnet32_dispatch_exit(struct pcnet32_private *lp);

/*
 * For a caller that holds the fast path off (NAPI, the interrupt line and
 * the transmit queues; the split build's port hold), under the RTNL: stop
 * the chip, give the rings back to it empty and start it again, as the
 * transmit-timeout recovery does (a closed device's chip is only stopped).
 * Returns 0 or -ETIMEDOUT if the chip did not initialize.
 */
int pcnet32_chip_reinit(struct pcnet32_private *lp);

/*
 * Whether the receive filter the chip was given differs from what the
 * device's flags and multicast list ask for now (an rx-mode change the
 * networking core skipped while the device was detached). Called with
 * the address list lock held.
 */
bool pcnet32_rx_mode_stale(struct net_device *dev);

/* ---- core.c: chip programming, open/stop ---------------------------- */

/*
 * The fast path reads and writes CSR0 through RDP alone: RAP is 0 whenever
 * lp->lock is free. Whoever points RAP elsewhere under the lock puts it
 * back before unlocking.
 */
static inline void pcnet32_rap_home(struct pcnet32_private *lp)
{
	pcnet32_write_rap(&lp->io, PCNET32_CSR_STATUS);
}

/* CSR15's port field for the link settings in lp->st */
u16 pcnet32_mode_port(const struct pcnet32_private *lp);
/* callers hold lp->lock */
void pcnet32_hw_stop(struct pcnet32_private *lp);
/* a closed device: stopped, back in software style 0; lp->lock held */
void pcnet32_hw_park(struct pcnet32_private *lp);
/* initialize with the block at init_dma (lp->prog); lp->lock held */
int pcnet32_hw_init(struct pcnet32_private *lp, dma_addr_t init_dma);
/* reset, software style, features, interrupt masks; lp->lock held */
void pcnet32_hw_setup(struct pcnet32_private *lp);
/* stop the fast path and the chip; the rings stay */
void pcnet32_quiesce(struct pcnet32_private *lp);
/* restart after pcnet32_quiesce(): fresh ring positions, chip started */
int pcnet32_resume_fast_path(struct pcnet32_private *lp);

/* ---- datapath.c: rings, fast path, link, rx mode, statistics -------- */

void pcnet32_tx_purge(struct pcnet32_private *lp);
/* a new set of rings beside the device's (r holds nothing on failure) */
int pcnet32_rings_new(struct pcnet32_private *lp, struct pcnet32_rings *r,
		      unsigned int rx_size, unsigned int tx_size);
/* exchange the device's rings with the set in r */
void pcnet32_rings_swap(struct pcnet32_private *lp, struct pcnet32_rings *r);
/* free a set of rings the chip no longer uses, with their buffers */
void pcnet32_rings_release(struct pcnet32_private *lp,
			   struct pcnet32_rings *r);
/* the device's rings, of the sizes in lp->st; and freeing them */
int pcnet32_rings_alloc(struct pcnet32_private *lp);
void pcnet32_rings_free(struct pcnet32_private *lp);
/* hand every rx buffer to the chip, empty the tx ring */
void pcnet32_rings_init(struct pcnet32_private *lp);

netdev_tx_t pcnet32_start_xmit(struct sk_buff *skb, struct net_device *dev);
int pcnet32_poll(struct napi_struct *napi, int budget);
irqreturn_t pcnet32_interrupt(int irq, void *dev_id);
void pcnet32_check_link(struct pcnet32_private *lp);
void pcnet32_watchdog(struct timer_list *t);
void pcnet32_set_rx_mode(struct net_device *dev);
void pcnet32_get_stats64(struct net_device *dev, struct rtnl_link_stats64 *s);

/*
 * After the kernel's own port accesses of the slow path, the work the fast
 * path needs and nothing more; an op that runs no register program is
 * followed by nothing.
 *
 * In the kernel (after every register program, pcnet32_regs_exec(), and
 * after the rx filter change): a program or change that stops and starts
 * the chip (the register dump's and the link settings'
 * pcnet32_resume(), the filter change) clears its pending interrupt
 * flags, so frames received or sent before it raise no interrupt and
 * would wait for the next one. pcnet32_ports_op_done(), called with
 * lp->lock held and RAP at CSR0, schedules NAPI with the chip's
 * interrupts off (as the interrupt handler does) only when the rings hold
 * work NAPI has not picked up: memory reads, no port access, nothing when
 * the rings are idle. That is enough here because in the kernel the
 * chip's interrupts are off only while NAPI is scheduled. If it returns
 * true, the caller calls pcnet32_napi_kick() once the lock is free.
 *
 * In the split build, after the daemon's op and the release of the fast
 * path (lock free): pcnet32_after_ports_op() puts RAP home and schedules
 * NAPI whenever the device runs. Unconditionally, since the hold's
 * napi_disable() may have ended a poll that used its whole budget without
 * the poll's completion, which leaves the chip's interrupts off with NAPI
 * idle: only a poll turns them on again.
 */
bool pcnet32_ports_op_done(struct pcnet32_private *lp);
void pcnet32_napi_kick(struct pcnet32_private *lp);
void pcnet32_after_ports_op(struct pcnet32_private *lp);

/* ---- ethtool.c: the glue -------------------------------------------- */

extern const struct ethtool_ops pcnet32_ethtool_ops;
int pcnet32_eth_ioctl(struct net_device *dev, struct ifreq *rq, int cmd);

#endif /* PCNET32_PRIV_H */
