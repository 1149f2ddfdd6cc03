// SPDX-License-Identifier: GPL-2.0
/*
 * Fault points, the kernel's side (see fault.h): the plan, the static key
 * that is on only while a fault is armed, the kinds' kernel actions, and
 * the debugfs directory the guest tool fault-arm writes:
 *
 *   /sys/kernel/debug/pcnet32-fault/
 *     op kind at                     names (fault-arm --list-ops/-kinds)
 *     interval probability times     as Documentation/fault-injection
 *     seed ms                        the kinds' values; sleep's length
 *     mutant                         kind mutant: the site (mutants.tsv)
 *     calls fired                    read only: counted since arming
 *     armed                          1 arms the plan; 0 disarms and resets
 *                                    every knob and counter
 *     mutants-seen                   read only: kind mutant, mutant 0: the
 *                                    sites reached since arming, one a line
 *
 * Knobs can be written only while disarmed (-EBUSY otherwise), so a plan
 * is never seen half written; writing 1 to armed checks it (-EINVAL).
 *
 * The split module links this file too (slow.c refers to it) but never
 * creates the directory: its copies of the USER ops are not called there,
 * the daemon runs them. Only the in-kernel build's dispatch calls
 * pcnet32_fault_init().
 */
#include <linux/bitmap.h>
#include <linux/bug.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "fault.h"

DEFINE_STATIC_KEY_FALSE(pcnet32_fault_key);

/* lock: plan, count and armed against the fault points (any context) */
static DEFINE_SPINLOCK(pcnet32_fault_lock);
static struct pcnet32_fault_plan pcnet32_fault_plan_now;
static struct pcnet32_fault_count pcnet32_fault_count_now;
static bool pcnet32_fault_is_armed;
/* kind mutant, mutant 0: the sites reached since arming */
static DECLARE_BITMAP(pcnet32_mut_seen, PCNET32_MUT_MAX);

/* mutex: the debugfs writers, the static key, the directory's users */
static DEFINE_MUTEX(pcnet32_fault_mutex);
static struct dentry *pcnet32_fault_dir;
static unsigned int pcnet32_fault_users;

enum pcnet32_fault_knob {
	PCNET32_FK_OP,
	PCNET32_FK_KIND,
	PCNET32_FK_AT,
	PCNET32_FK_INTERVAL,
	PCNET32_FK_PROBABILITY,
	PCNET32_FK_TIMES,
	PCNET32_FK_SEED,
	PCNET32_FK_MS,
	PCNET32_FK_MUTANT,
	PCNET32_FK_CALLS,
	PCNET32_FK_FIRED,
	PCNET32_FK_ARMED,
	PCNET32_FK_MAX
};

static const char * const pcnet32_fault_knobs[PCNET32_FK_MAX] = {
	[PCNET32_FK_OP] = "op",
	[PCNET32_FK_KIND] = "kind",
	[PCNET32_FK_AT] = "at",
	[PCNET32_FK_INTERVAL] = "interval",
	[PCNET32_FK_PROBABILITY] = "probability",
	[PCNET32_FK_TIMES] = "times",
	[PCNET32_FK_SEED] = "seed",
	[PCNET32_FK_MS] = "ms",
	[PCNET32_FK_MUTANT] = "mutant",
	[PCNET32_FK_CALLS] = "calls",
	[PCNET32_FK_FIRED] = "fired",
	[PCNET32_FK_ARMED] = "armed",
};

int pcnet32_fault_take(u32 op, u32 at_mask, struct pcnet32_fault_plan *p,
		       u64 *fire)
{
	unsigned long flags;
	int hit = 0;

	spin_lock_irqsave(&pcnet32_fault_lock, flags);
	if (pcnet32_fault_is_armed &&
	    pcnet32_fault_decide(&pcnet32_fault_plan_now, op, at_mask,
				 &pcnet32_fault_count_now)) {
		*p = pcnet32_fault_plan_now;
		*fire = pcnet32_fault_count_now.fired;
		hit = 1;
	}
	spin_unlock_irqrestore(&pcnet32_fault_lock, flags);
	/* said before the damage: the log tells what was injected */
	if (hit)
		pr_info("pcnet32: fault %s fired in %s (at %s, firing %llu)\n",
			pcnet32_fault_kind_name(p->kind),
			pcnet32_fault_op_name(op), pcnet32_fault_at_name(p->at),
			*fire);
	return hit;
}

int pcnet32_mut_take(u32 n, struct pcnet32_fault_plan *p, u64 *fire)
{
	unsigned long flags;
	int hit = 0;

	if (!n || n >= PCNET32_MUT_MAX)
		return 0;
	spin_lock_irqsave(&pcnet32_fault_lock, flags);
	if (pcnet32_fault_is_armed &&
	    pcnet32_fault_plan_now.kind == PCNET32_FAULT_MUTANT) {
		if (!pcnet32_fault_plan_now.mutant) {
			__set_bit(n, pcnet32_mut_seen);
		} else if (pcnet32_fault_decide_mutant(&pcnet32_fault_plan_now, n,
						       &pcnet32_fault_count_now)) {
			*p = pcnet32_fault_plan_now;
			*fire = pcnet32_fault_count_now.fired;
			hit = 1;
		}
	}
	spin_unlock_irqrestore(&pcnet32_fault_lock, flags);
	if (hit)
		pr_info("pcnet32: mutant %u fired (firing %llu)\n", n, *fire);
	return hit;
}

void pcnet32_fault_abort(void)
{
	BUG();
}

/*
 * An op runs holding no lock (pcnet32_op_run_here()), and its fault
 * points sit outside its register programs: there the sleep is a real
 * sleep. Where the caller cannot sleep (not preemptible) it is a busy
 * wait, as a stuck op there would be.
 */
void pcnet32_fault_sleep(u32 ms)
{
	if (preemptible())
		msleep(ms);
	else
		mdelay(ms);
}

void pcnet32_fault_relax(void)
{
	cpu_relax();
}

/*
 * A random address in the kernel's direct map of RAM: a write there may
 * oops (a read-only or unmapped page) or silently corrupt whatever lives
 * there. That is the fault.
 */
unsigned long pcnet32_fault_wild_addr(u64 r)
{
	unsigned long span = (unsigned long)high_memory - PAGE_OFFSET;

	return (PAGE_OFFSET + (unsigned long)(r % span)) & ~7UL;
}

/* the op writes 1..64 bytes past its reply struct */
void pcnet32_fault_badlen(void *rep, size_t rep_len, u64 r)
{
	memset((u8 *)rep + rep_len, (u8)(r >> 8), 1 + r % 64);
}

/* ---- debugfs ------------------------------------------------------- */

static ssize_t pcnet32_fault_read(struct file *file, char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	unsigned long knob = (unsigned long)file->private_data;
	struct pcnet32_fault_plan p;
	struct pcnet32_fault_count c;
	unsigned long flags;
	char buf[32];
	bool armed;
	int len;

	spin_lock_irqsave(&pcnet32_fault_lock, flags);
	p = pcnet32_fault_plan_now;
	c = pcnet32_fault_count_now;
	armed = pcnet32_fault_is_armed;
	spin_unlock_irqrestore(&pcnet32_fault_lock, flags);

	switch (knob) {
	case PCNET32_FK_OP:
		len = scnprintf(buf, sizeof(buf), "%s\n",
				pcnet32_fault_op_name(p.op) ?: "none");
		break;
	case PCNET32_FK_KIND:
		len = scnprintf(buf, sizeof(buf), "%s\n",
				pcnet32_fault_kind_name(p.kind) ?: "none");
		break;
	case PCNET32_FK_AT:
		len = scnprintf(buf, sizeof(buf), "%s\n",
				pcnet32_fault_at_name(p.at) ?: "entry");
		break;
	case PCNET32_FK_INTERVAL:
		len = scnprintf(buf, sizeof(buf), "%u\n", p.interval);
		break;
	case PCNET32_FK_PROBABILITY:
		len = scnprintf(buf, sizeof(buf), "%u\n", p.probability);
		break;
	case PCNET32_FK_TIMES:
		len = scnprintf(buf, sizeof(buf), "%d\n", p.times);
		break;
	case PCNET32_FK_SEED:
		len = scnprintf(buf, sizeof(buf), "%llu\n", p.seed);
		break;
	case PCNET32_FK_MS:
		len = scnprintf(buf, sizeof(buf), "%u\n", p.ms);
		break;
	case PCNET32_FK_MUTANT:
		len = scnprintf(buf, sizeof(buf), "%u\n", p.mutant);
		break;
	case PCNET32_FK_CALLS:
		len = scnprintf(buf, sizeof(buf), "%llu\n", c.calls);
		break;
	case PCNET32_FK_FIRED:
		len = scnprintf(buf, sizeof(buf), "%llu\n", c.fired);
		break;
	case PCNET32_FK_ARMED:
		len = scnprintf(buf, sizeof(buf), "%d\n", armed);
		break;
	default:
		return -EINVAL;
	}
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

/* disarm: key off first, so that no new fault point takes the lock */
static void pcnet32_fault_disarm(void)
{
	unsigned long flags;

	static_branch_disable(&pcnet32_fault_key);
	spin_lock_irqsave(&pcnet32_fault_lock, flags);
	pcnet32_fault_is_armed = false;
	pcnet32_fault_plan_init(&pcnet32_fault_plan_now);
	memset(&pcnet32_fault_count_now, 0, sizeof(pcnet32_fault_count_now));
	spin_unlock_irqrestore(&pcnet32_fault_lock, flags);
}

static int pcnet32_fault_arm(void)
{
	unsigned long flags;

	spin_lock_irqsave(&pcnet32_fault_lock, flags);
	if (pcnet32_fault_plan_check(&pcnet32_fault_plan_now)) {
		spin_unlock_irqrestore(&pcnet32_fault_lock, flags);
		return -EINVAL;
	}
	memset(&pcnet32_fault_count_now, 0, sizeof(pcnet32_fault_count_now));
	bitmap_zero(pcnet32_mut_seen, PCNET32_MUT_MAX);
	pcnet32_fault_is_armed = true;
	spin_unlock_irqrestore(&pcnet32_fault_lock, flags);
	static_branch_enable(&pcnet32_fault_key);
	return 0;
}

/* one knob of the (disarmed) plan from its text; -EINVAL if out of range */
static int pcnet32_fault_set(struct pcnet32_fault_plan *p, unsigned long knob,
			     const char *val)
{
	int n, err = 0;
	u32 u;
	s32 s;

	switch (knob) {
	case PCNET32_FK_OP:
		n = pcnet32_fault_op_find(val);
		if (n < 0)
			return -EINVAL;
		p->op = n;
		return 0;
	case PCNET32_FK_KIND:
		n = pcnet32_fault_kind_find(val);
		if (n < 0)
			return -EINVAL;
		p->kind = n;
		return 0;
	case PCNET32_FK_AT:
		n = pcnet32_fault_at_find(val);
		if (n < 0)
			return -EINVAL;
		p->at = n;
		return 0;
	case PCNET32_FK_INTERVAL:
		err = kstrtou32(val, 0, &u);
		if (!err && u < 1)
			err = -EINVAL;
		if (!err)
			p->interval = u;
		return err;
	case PCNET32_FK_PROBABILITY:
		err = kstrtou32(val, 0, &u);
		if (!err && u > PCNET32_FAULT_PROB_MAX)
			err = -EINVAL;
		if (!err)
			p->probability = u;
		return err;
	case PCNET32_FK_TIMES:
		err = kstrtos32(val, 0, &s);
		if (!err && s < -1)
			err = -EINVAL;
		if (!err)
			p->times = s;
		return err;
	case PCNET32_FK_SEED:
		return kstrtou64(val, 0, &p->seed);
	case PCNET32_FK_MS:
		err = kstrtou32(val, 0, &u);
		if (!err && u > PCNET32_FAULT_MS_MAX)
			err = -EINVAL;
		if (!err)
			p->ms = u;
		return err;
	case PCNET32_FK_MUTANT:
		err = kstrtou32(val, 0, &u);
		if (!err && u >= PCNET32_MUT_MAX)
			err = -EINVAL;
		if (!err)
			p->mutant = u;
		return err;
	}
	return -EPERM;
}

static ssize_t pcnet32_fault_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	unsigned long knob = (unsigned long)file->private_data;
	struct pcnet32_fault_plan p;
	unsigned long flags;
	char buf[32], *val;
	bool on;
	int err;

	if (*ppos || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	val = strim(buf);

	mutex_lock(&pcnet32_fault_mutex);
	if (knob == PCNET32_FK_ARMED) {
		err = kstrtobool(val, &on);
		if (!err && on)
			err = pcnet32_fault_arm();
		else if (!err)
			pcnet32_fault_disarm();
		goto out;
	}
	spin_lock_irqsave(&pcnet32_fault_lock, flags);
	p = pcnet32_fault_plan_now;
	spin_unlock_irqrestore(&pcnet32_fault_lock, flags);
	err = -EBUSY;
	if (static_key_enabled(&pcnet32_fault_key))
		goto out;
	err = pcnet32_fault_set(&p, knob, val);
	if (err)
		goto out;
	spin_lock_irqsave(&pcnet32_fault_lock, flags);
	pcnet32_fault_plan_now = p;
	spin_unlock_irqrestore(&pcnet32_fault_lock, flags);
out:
	mutex_unlock(&pcnet32_fault_mutex);
	return err ? err : count;
}

static const struct file_operations pcnet32_fault_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = pcnet32_fault_read,
	.write = pcnet32_fault_write,
	.llseek = default_llseek,
};

/* mutants-seen: the sites reached while tracing, one index a line */
static int pcnet32_mut_seen_show(struct seq_file *m, void *v)
{
	unsigned long *seen;
	unsigned long flags;
	unsigned int n;

	seen = bitmap_zalloc(PCNET32_MUT_MAX, GFP_KERNEL);
	if (!seen)
		return -ENOMEM;
	spin_lock_irqsave(&pcnet32_fault_lock, flags);
	bitmap_copy(seen, pcnet32_mut_seen, PCNET32_MUT_MAX);
	spin_unlock_irqrestore(&pcnet32_fault_lock, flags);
	for_each_set_bit(n, seen, PCNET32_MUT_MAX)
		seq_printf(m, "%u\n", n);
	bitmap_free(seen);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pcnet32_mut_seen);

void pcnet32_fault_init(void)
{
	unsigned long knob;
	umode_t mode;

	mutex_lock(&pcnet32_fault_mutex);
	if (pcnet32_fault_users++)
		goto out;
	pcnet32_fault_plan_init(&pcnet32_fault_plan_now);
	/* debugfs errors are not the driver's: it works without the knobs */
	pcnet32_fault_dir = debugfs_create_dir("pcnet32-fault", NULL);
	for (knob = 0; knob < PCNET32_FK_MAX; knob++) {
		mode = knob == PCNET32_FK_CALLS || knob == PCNET32_FK_FIRED ?
		       0400 : 0600;
		debugfs_create_file(pcnet32_fault_knobs[knob], mode,
				    pcnet32_fault_dir, (void *)knob,
				    &pcnet32_fault_fops);
	}
	debugfs_create_file("mutants-seen", 0400, pcnet32_fault_dir, NULL,
			    &pcnet32_mut_seen_fops);
out:
	mutex_unlock(&pcnet32_fault_mutex);
}

void pcnet32_fault_exit(void)
{
	mutex_lock(&pcnet32_fault_mutex);
	if (--pcnet32_fault_users)
		goto out;
	debugfs_remove_recursive(pcnet32_fault_dir);
	pcnet32_fault_dir = NULL;
	pcnet32_fault_disarm();
out:
	mutex_unlock(&pcnet32_fault_mutex);
}
