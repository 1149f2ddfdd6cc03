// SPDX-License-Identifier: GPL-2.0
/*
 * Split dispatch of the slow-path ops: the op table (pcnet32/ops.h) says
 * where each op runs. KERNEL ops are called directly, as in the in-kernel
 * build; USER ops become one upcall each to the daemon pcnet32d, except
 * the FACT ops (register-dump length, string-set counts: the questions the
 * ethtool core asks around an operation), which are answered from the
 * facts the daemon published at attach when it published any.
 *
 * The NIC: a daemon reaches it only through register programs (REGS) that
 * the kernel checks against the op's firewall and runs under the register
 * lock (pcnet32/regaccess.c), exactly as the in-kernel build runs the same
 * op's programs; nothing else stops. The fast path is held off only for a
 * daemon that took the ports itself (PCNET32U_HELLO_PORTS_DIRECT, the
 * paper's design, kept as an ablation): while it runs an op that touches
 * them (flag PCNET32_OPF_PORTS) the kernel keeps its own hands off, since
 * the index/data pairs (RAP with RDP or BDP) cannot be shared: under a
 * mutex it detaches the device (transmit queues stopped and drained, no
 * rx-mode changes, no transmit watchdog), disables NAPI, the NIC's
 * interrupt line and the link timer, and flushes the register lock; the
 * transmit-timeout recovery work takes the RTNL, which every caller here
 * holds. Everything is restored, and the chip checked (repair.c), when
 * the reply is in (or the deadline has passed).
 */
#include <linux/idr.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "pcnet32.h"
#include "check.h"
#include "repair.h"
#include "upcall.h"

struct pcnet32_split {
	struct pcnet32_upcall *u;
	struct pcnet32_repair *repair;	/* the chip after each op on the ports */
	struct mutex ports;	/* one daemon op on the ports at a time */
	bool held_running;
	int index;		/* of the node /dev/pcnet32-upcallN */
};

/*
 * Node indices: the lowest free one, so that a NIC bound again (after an
 * unbind or a failed probe) gets the node its supervisor knows.
 */
static DEFINE_IDA(pcnet32_split_ida);


static u32 pcnet32_split_snapshot(void *ctx, char *ifname, u8 *state, u32 max)
{
	struct pcnet32_private *lp = ctx;
	unsigned long flags;

	if (max < sizeof(lp->st))
		return 0;
	strscpy(ifname, netdev_name(lp->dev), IFNAMSIZ);
	spin_lock_irqsave(&lp->lock, flags);
	memcpy(state, &lp->st, sizeof(lp->st));
	spin_unlock_irqrestore(&lp->lock, flags);
	return sizeof(lp->st);
}

static int pcnet32_split_check(void *ctx, u32 op, const void *arg, u32 arg_len,
			       const void *rep, u32 rep_len)
{
	struct pcnet32_private *lp = ctx;

	/* st.has_mii is fixed at probe; ctx is valid under the channel's lock */
	return pcnet32_check_reply(op, &lp->st, arg, arg_len, rep, rep_len);
}

static void pcnet32_split_describe(void *ctx, struct pcnet32u_nic *nic)
{
	struct pcnet32_private *lp = ctx;
	char ifname[IFNAMSIZ];

	/* chip_id and has_mii are fixed at probe */
	nic->chip_id = lp->st.chip_id;
	nic->has_mii = !!lp->st.has_mii;
	nic->state_len = pcnet32_split_snapshot(ctx, ifname, nic->state,
						sizeof(nic->state));
	strscpy(nic->ifname, ifname, sizeof(nic->ifname));
}

static int pcnet32_split_check_facts(void *ctx, const struct pcnet32u_facts *f)
{
	struct pcnet32_private *lp = ctx;

	return pcnet32_check_facts(&lp->st, f);
}

static int pcnet32_split_regs(void *ctx, u32 op,
			      const struct pcnet32u_reg_op *ops, u32 n, u16 *vals,
			      u32 *n_vals, u32 *n_done)
{
	return pcnet32_regs_exec(ctx, op, ops, n, vals, n_vals, n_done);
}

static const struct pcnet32_upcall_ops pcnet32_split_upcall_ops = {
	.snapshot = pcnet32_split_snapshot,
	.check_reply = pcnet32_split_check,
	.describe = pcnet32_split_describe,
	.check_facts = pcnet32_split_check_facts,
	.regs = pcnet32_split_regs,
};

/*
 * An op of flag PCNET32_OPF_FACT, answered from the facts the daemon
 * published at attach (checked then against the kernel's bounds): 1 when
 * answered (*ret its status), 0 when there are none (then it is an
 * upcall, as in the paper's protocol).
 */
static int pcnet32_split_fact(struct pcnet32_private *lp, u32 op,
			      const void *arg, void *rep, int *ret)
{
	struct pcnet32u_facts f;
	struct pcnet32_u32 *v = rep;

	if (pcnet32_upcall_facts(lp->split->u, &f))
		return 0;
	*ret = 0;
	switch (op) {
	case PCNET32_OP_GET_REGS_LEN:
		v->value = f.regs_len;
		return 1;
	case PCNET32_OP_GET_SSET_COUNT: {
		const struct pcnet32_sset_arg *ss = arg;

		if (ss->sset >= PCNET32U_NSSETS || f.sset_count[ss->sset] < 0)
			*ret = -EOPNOTSUPP;
		else
			v->value = f.sset_count[ss->sset];
		return 1;
	}
	default:
		return 0;	/* a fact this build cannot answer: ask */
	}
}

/* Keep the fast path off the ports while the daemon uses them. */
static void pcnet32_split_hold(struct pcnet32_private *lp)
{
	struct pcnet32_split *s = lp->split;
	struct net_device *dev = lp->dev;
	unsigned long flags;

	/*
	 * Every caller holds the RTNL (ethtool, MII ioctls), which also keeps
	 * the transmit-timeout recovery work off the ports until we are done.
	 */
	ASSERT_RTNL();
	lp->fastpath_holds++;
	netif_device_detach(dev);
	/* a transmit already past the queue check finishes first */
	netif_tx_lock_bh(dev);
	netif_tx_unlock_bh(dev);
	s->held_running = netif_running(dev);
	if (s->held_running) {
		napi_disable(&lp->napi);
		disable_irq(lp->pdev->irq);
		del_timer_sync(&lp->watchdog);
	}
	/* anyone still inside the register lock is out of it now */
	spin_lock_irqsave(&lp->lock, flags);
	spin_unlock_irqrestore(&lp->lock, flags);
}

static void pcnet32_split_release(struct pcnet32_private *lp)
{
	struct pcnet32_split *s = lp->split;
	struct net_device *dev = lp->dev;

	if (s->held_running) {
		enable_irq(lp->pdev->irq);
		napi_enable(&lp->napi);
		mod_timer(&lp->watchdog, round_jiffies(jiffies + PCNET32_WATCHDOG));
	}
	/*
	 * Attaching wakes the transmit queues, which raises the transmit
	 * softirq: from process context that wakes ksoftirqd (a context
	 * switch pair per op). With BHs off it runs here, at the enable.
	 */
	local_bh_disable();
	netif_device_attach(dev);
	local_bh_enable();
	/*
	 * The networking core skips rx-mode changes while the device is
	 * detached: apply the filter now if one was skipped (and only then:
	 * applying it stops and restarts the chip).
	 */
	netif_addr_lock_bh(dev);
	if ((dev->flags & IFF_UP) && pcnet32_rx_mode_stale(dev))
		dev->netdev_ops->ndo_set_rx_mode(dev);
	netif_addr_unlock_bh(dev);
}

int pcnet32_call_op(struct pcnet32_private *lp, u32 op, const void *arg,
		    u32 arg_len, void *rep, u32 rep_len)
{
	const struct pcnet32_op_desc *d;
	u32 got = 0, flags;
	int ret;

	d = pcnet32_op_find(op, arg_len, rep_len, &ret);
	if (!d)
		return ret;
	memset(rep, 0, rep_len);
	if (d->side == PCNET32_SIDE_KERNEL)
		return pcnet32_op_run_here(lp, d, arg, rep);
	if ((d->flags & PCNET32_OPF_FACT) && pcnet32_split_fact(lp, op, arg, rep, &ret))
		return ret;
	flags = d->flags & PCNET32_OPF_REPLAY ? PCNET32_UPCALL_REPLAY : 0;
	if (!(d->flags & PCNET32_OPF_PORTS))
		return pcnet32_upcall_call(lp->split->u, op, flags, arg, arg_len,
					   rep, rep_len, &got);
	flags |= PCNET32_UPCALL_NIC;
	if (!pcnet32_upcall_direct(lp->split->u))
		/* mediated: its programs take the register lock, nothing else */
		return pcnet32_upcall_call(lp->split->u, op, flags, arg, arg_len,
					   rep, rep_len, &got);
	mutex_lock(&lp->split->ports);
	pcnet32_split_hold(lp);
	ret = pcnet32_upcall_call(lp->split->u, op, flags | PCNET32_UPCALL_PORTS,
				  arg, arg_len, rep, rep_len, &got);
	/* whatever the outcome, the daemon is off the ports: check the chip */
	pcnet32_repair_after_op(lp->split->repair, d->name);
	pcnet32_split_release(lp);
	/* NAPI looks at the rings: the daemon's op may have hidden work */
	pcnet32_after_ports_op(lp);
	mutex_unlock(&lp->split->ports);
	if (ret)
		netif_dbg(&lp->st, drv, lp->dev, "slow-path op %s failed: %d\n",
			  d->name, ret);
	return ret;
}

int pcnet32_dispatch_init(struct pcnet32_private *lp)
{
	struct pcnet32_upcall_info info = {
		.io_base = lp->io.base,
		.io_len = PCNET32_IO_EXTENT,
		.irq = lp->pdev->irq,
		.user_ops = pcnet32_user_ops(),
	};

	struct pcnet32_split *s;
	int ret;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	mutex_init(&s->ports);
	s->index = ida_alloc(&pcnet32_split_ida, GFP_KERNEL);
	if (s->index < 0) {
		ret = s->index;
		goto err_free;
	}
	s->repair = pcnet32_repair_create(lp, s->index);
	if (IS_ERR(s->repair)) {
		ret = PTR_ERR(s->repair);
		goto err_ida;
	}
	s->u = pcnet32_upcall_create(&lp->pdev->dev, s->index,
				     &pcnet32_split_upcall_ops, lp, &info);
	if (IS_ERR(s->u)) {
		ret = PTR_ERR(s->u);
		goto err_repair;
	}
	lp->split = s;
	return 0;

err_repair:
	pcnet32_repair_destroy(s->repair);
err_ida:
	ida_free(&pcnet32_split_ida, s->index);
err_free:
	kfree(s);
	return ret;
}

void pcnet32_dispatch_exit(struct pcnet32_private *lp)
{
	if (!lp->split)
		return;
	/* fences the channel: no daemon ioctl touches lp after this */
	pcnet32_upcall_destroy(lp->split->u);
	pcnet32_repair_destroy(lp->split->repair);
	ida_free(&pcnet32_split_ida, lp->split->index);
	kfree(lp->split);
	lp->split = NULL;
}
