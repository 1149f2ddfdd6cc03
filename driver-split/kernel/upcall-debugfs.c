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

/*
 * The counters file's names, in its order. Readers look a counter up by
 * name: a new counter may go anywhere, a name never changes meaning.
 */
#define PCNET32_COUNTER(name) { #name, offsetof(struct pcnet32_upcall, n_##name) }
static const struct {
	const char *name;
	size_t off;
} pcnet32_counters[] = {
	PCNET32_COUNTER(calls),
	PCNET32_COUNTER(absent),
	PCNET32_COUNTER(timeouts),
	PCNET32_COUNTER(resets),
	PCNET32_COUNTER(rejected),
	PCNET32_COUNTER(mapped),
	PCNET32_COUNTER(unresponsive),
	PCNET32_COUNTER(masked),
	PCNET32_COUNTER(foreign),
	PCNET32_COUNTER(killed),
	PCNET32_COUNTER(hello),
	PCNET32_COUNTER(refused),
	PCNET32_COUNTER(badhello),
	PCNET32_COUNTER(badfacts),
	PCNET32_COUNTER(nohello),
	PCNET32_COUNTER(undeclared),
	PCNET32_COUNTER(commits),
	PCNET32_COUNTER(facts),
	PCNET32_COUNTER(regs),
	PCNET32_COUNTER(regs_denied),
	PCNET32_COUNTER(direct_mismatch),
};

static u64 pcnet32_counter(const struct pcnet32_upcall *u, unsigned int i)
{
	return *(const u64 *)((const char *)u + pcnet32_counters[i].off);
}

/* debugfs: counters (one "name value" line per counter, a snapshot) */
static int pcnet32_counters_show(struct seq_file *m, void *v)
{
	struct pcnet32_upcall *u = m->private;
	u64 val[ARRAY_SIZE(pcnet32_counters)];
	unsigned int i;

	spin_lock_irq(&u->lock);
	for (i = 0; i < ARRAY_SIZE(pcnet32_counters); i++)
		val[i] = pcnet32_counter(u, i);
	spin_unlock_irq(&u->lock);
	for (i = 0; i < ARRAY_SIZE(pcnet32_counters); i++)
		seq_printf(m, "%s %llu\n", pcnet32_counters[i].name, val[i]);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pcnet32_counters);

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
	debugfs_create_file("counters", 0400, u->dbg, u, &pcnet32_counters_fops);
	debugfs_create_file("samples", 0600, u->dbg, u, &pcnet32_samples_fops);
}
