// SPDX-License-Identifier: GPL-2.0
/*
 * Register programs in the kernel, both builds: every program a slow-path
 * op builds (in the module, or in the split build's daemon through
 * PCNET32U_IOC_REGS) is checked here against the op's firewall table and
 * run under the driver's register lock, one program per lock hold. The
 * fast path takes the same lock for its own port accesses, so the two
 * never meet on the index/data pairs, and nothing else stops.
 *
 * Per op, the kernel counts what programs cost (debugfs
 * pcnet32-<PCI address>/regaccess): programs run, register accesses,
 * programs refused by the firewall and refused as malformed, the longest
 * and the total time the lock was held for them.
 */
#include <linux/debugfs.h>
#include <linux/ktime.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>

#include "pcnet32.h"
#include "fault.h"
#include "firewall.h"
#include "regprog.h"

int pcnet32_regs_exec(struct pcnet32_private *lp, u32 op,
		      const struct pcnet32u_reg_op *ops, u32 n, u16 *vals,
		      u32 *n_vals, u32 *n_done)
{
	struct pcnet32_regprog_result res = {};
	struct pcnet32_regstat *rs;
	unsigned long flags;
	u32 words, bad;
	bool poll;
	u64 t0, t;
	int ret;

	*n_vals = 0;
	*n_done = 0;
	if (op >= PCNET32_OP_MAX)
		return -EINVAL;
	rs = &lp->regstat[op];
	ret = pcnet32_regprog_check(ops, n, &words);
	if (!ret)
		ret = pcnet32_fw_check(op, &lp->st, ops, n, &bad);
	if (ret) {
		spin_lock_irqsave(&lp->lock, flags);
		if (ret == -EPERM)
			rs->refused++;
		else
			rs->malformed++;
		spin_unlock_irqrestore(&lp->lock, flags);
		if (ret == -EPERM)
			netif_dbg(&lp->st, drv, lp->dev,
				  "op %u: access %u (space %u reg %u) refused\n",
				  op, bad, ops[bad].space, ops[bad].reg);
		return ret;
	}
	spin_lock_irqsave(&lp->lock, flags);
	t0 = ktime_get_ns();
	ret = pcnet32_regprog_run(&lp->io, ops, n, vals, &res);
	/* a resume cleared the chip's pending interrupts: look at the rings */
	poll = pcnet32_ports_op_done(lp);
	t = ktime_get_ns() - t0;
	rs->programs++;
	rs->accesses += res.accesses;
	rs->hold_total_ns += t;
	if (t > rs->hold_max_ns)
		rs->hold_max_ns = t;
	spin_unlock_irqrestore(&lp->lock, flags);
	if (poll)
		pcnet32_napi_kick(lp);
	*n_vals = res.n_vals;
	*n_done = res.n_done;
	return ret;
}

/* the module's own programs: those of ops that run here */
int pcnet32_regs_submit(struct pcnet32_ctx *ctx,
			const struct pcnet32u_reg_op *ops, u32 n, u16 *vals,
			u32 *n_vals)
{
	u32 n_done;

	return pcnet32_regs_exec(ctx->priv, ctx->op, ops, n, vals, n_vals,
				 &n_done);
}

/* scribble's write (fault.h): straight to the chip, as a bug would */
void pcnet32_fault_poke(struct pcnet32_ctx *ctx, u8 space, u16 reg, u16 val)
{
	struct pcnet32_private *lp = ctx->priv;
	unsigned long flags;

	spin_lock_irqsave(&lp->lock, flags);
	if (space == PCNET32U_SPACE_BCR)
		pcnet32_write_bcr(&lp->io, reg, val);
	else
		pcnet32_write_csr(&lp->io, reg, val);
	pcnet32_rap_home(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
}

/* debugfs regaccess: a header, then one row per op; write to reset */
static int pcnet32_regaccess_show(struct seq_file *m, void *v)
{
	struct pcnet32_private *lp = m->private;
	struct pcnet32_regstat rs[PCNET32_OP_MAX];
	unsigned long flags;
	u32 op;

	spin_lock_irqsave(&lp->lock, flags);
	memcpy(rs, lp->regstat, sizeof(rs));
	spin_unlock_irqrestore(&lp->lock, flags);
	seq_puts(m, "op programs accesses refused malformed hold_max_ns hold_total_ns\n");
	for (op = 1; op < PCNET32_OP_MAX; op++)
		seq_printf(m, "%u %llu %llu %llu %llu %llu %llu\n", op,
			   rs[op].programs, rs[op].accesses, rs[op].refused,
			   rs[op].malformed, rs[op].hold_max_ns,
			   rs[op].hold_total_ns);
	return 0;
}

static int pcnet32_regaccess_open(struct inode *inode, struct file *f)
{
	return single_open(f, pcnet32_regaccess_show, inode->i_private);
}

static ssize_t pcnet32_regaccess_write(struct file *f, const char __user *b,
				       size_t len, loff_t *ppos)
{
	struct pcnet32_private *lp = file_inode(f)->i_private;
	unsigned long flags;

	spin_lock_irqsave(&lp->lock, flags);
	memset(lp->regstat, 0, sizeof(lp->regstat));
	spin_unlock_irqrestore(&lp->lock, flags);
	return len;
}

static const struct file_operations pcnet32_regaccess_fops = {
	.owner = THIS_MODULE,
	.open = pcnet32_regaccess_open,
	.read = seq_read,
	.write = pcnet32_regaccess_write,
	.llseek = seq_lseek,
	.release = single_release,
};

void pcnet32_regaccess_debugfs(struct pcnet32_private *lp, struct dentry *dir)
{
	debugfs_create_file("regaccess", 0600, dir, lp, &pcnet32_regaccess_fops);
}
