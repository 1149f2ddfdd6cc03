// SPDX-License-Identifier: GPL-2.0
/*
 * The upcall channel's debugfs folder, /sys/kernel/debug/pcnet32-upcallN:
 *   counters  one "name value" line per counter (driver-split/README.md);
 *             readers look a counter up by its name, never by position
 *   samples   a CSV of the last PCNET32_NSAMPLES answered upcalls' phase
 *             timings, its first line the header row; a write resets the
 *             samples and every counter
 * Both are read under the channel's lock, each one a consistent snapshot;
 * nothing here touches ctx.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/stddef.h>

#include "upcall-priv.h"

/* debugfs: samples (one CSV row per answered upcall; write to reset) */
static int pcnet32_samples_show(struct seq_file *m, void *v)
{
	struct pcnet32_upcall *u = m->private;
	struct pcnet32_sample *buf;
	u32 n, first, i;

	buf = kvmalloc_array(PCNET32_NSAMPLES, sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	spin_lock_irq(&u->lock);
	n = min_t(u32, u->n_samples, PCNET32_NSAMPLES);
	first = u->n_samples - n;
	for (i = 0; i < n; i++)
		buf[i] = u->samples[(first + i) % PCNET32_NSAMPLES];
	/* new counters go at the end: readers rely on the order */
	seq_printf(m, "# calls %llu absent %llu timeouts %llu resets %llu rejected %llu mapped %llu unresponsive %llu masked %llu foreign %llu killed %llu hello %llu refused %llu badhello %llu badfacts %llu nohello %llu undeclared %llu commits %llu facts %llu regs %llu regs_denied %llu direct_mismatch %llu\n",
		   u->n_calls, u->n_absent, u->n_timeouts, u->n_resets,
		   u->n_rejected, u->n_mapped, u->n_unresponsive, u->n_masked,
		   u->n_foreign, u->n_killed, u->n_hello, u->n_refused,
		   u->n_badhello, u->n_badfacts, u->n_nohello, u->n_undeclared,
		   u->n_commits, u->n_facts, u->n_regs, u->n_regs_denied,
		   u->n_direct_mismatch);
	spin_unlock_irq(&u->lock);
	seq_puts(m, "op,status,wait_ns,copy_ns,proc_ns,reply_ns,user_ns,total_ns\n");
	for (i = 0; i < n; i++)
		seq_printf(m, "%u,%d,%llu,%llu,%llu,%llu,%llu,%llu\n",
			   buf[i].op, buf[i].status, buf[i].wait_ns,
			   buf[i].copy_ns, buf[i].proc_ns, buf[i].reply_ns,
			   buf[i].user_ns, buf[i].total_ns);
	kvfree(buf);
	return 0;
}

static int pcnet32_samples_open(struct inode *inode, struct file *f)
{
	return single_open(f, pcnet32_samples_show, inode->i_private);
}

static ssize_t pcnet32_samples_write(struct file *f, const char __user *b,
				     size_t len, loff_t *ppos)
{
	struct pcnet32_upcall *u = file_inode(f)->i_private;

	spin_lock_irq(&u->lock);
	u->n_samples = 0;
	u->n_calls = 0;
	u->n_timeouts = 0;
	u->n_resets = 0;
	u->n_rejected = 0;
	u->n_absent = 0;
	u->n_killed = 0;
	u->n_mapped = 0;
	u->n_unresponsive = 0;
	u->n_masked = 0;
	u->n_foreign = 0;
	u->n_hello = 0;
	u->n_refused = 0;
	u->n_badhello = 0;
	u->n_badfacts = 0;
	u->n_nohello = 0;
	u->n_undeclared = 0;
	u->n_commits = 0;
	u->n_facts = 0;
	u->n_regs = 0;
	u->n_regs_denied = 0;
	u->n_direct_mismatch = 0;
	spin_unlock_irq(&u->lock);
	return len;
}

static const struct file_operations pcnet32_samples_fops = {
	.owner = THIS_MODULE,
	.open = pcnet32_samples_open,
	.read = seq_read,
	.write = pcnet32_samples_write,
	.llseek = seq_lseek,
	.release = single_release,
};

void pcnet32_upcall_debugfs_init(struct pcnet32_upcall *u)
{
	u->dbg = debugfs_create_dir(u->name, NULL);
	debugfs_create_file("samples", 0600, u->dbg, u, &pcnet32_samples_fops);
}
