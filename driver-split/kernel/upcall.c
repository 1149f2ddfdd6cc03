// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel end of the upcall channel (see uapi/pcnet32_upcall.h).
 *
 * Callers (ethtool operations, MII ioctls) queue a request and sleep with a
 * deadline; the daemon takes requests in FIFO order with REQUEST, fetches
 * the state they need with COPY and answers with REPLY. Everything the
 * daemon hands in is checked before use; a reply is matched to its request
 * by id, so a stale, unknown or mismatched reply is refused. When the
 * daemon's file closes, every pending request fails at once, or, for an op
 * without side effects, waits for the next daemon once (chan.h: replay).
 *
 * Whoever holds the node is untrusted: only the thread group that opened it
 * may drive it; a daemon that takes no request for a whole deadline is
 * declared unresponsive (callers fail at once with EHOSTDOWN) and killed;
 * a daemon late on the ports is killed; a daemon's status is limited to the
 * errnos an op may report. When the NIC goes away the channel is fenced
 * (dead, under the lock) before the driver frees its private data: every
 * later ioctl fails with ENODEV and nothing reaches ctx again.
 */
#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "chan.h"
#include "upcall.h"

static unsigned int upcall_timeout_ms = 2000;
module_param(upcall_timeout_ms, uint, 0644);
MODULE_PARM_DESC(upcall_timeout_ms,
		 "Deadline of a slow-path call into the daemon, in ms (default 2000)");

#define PCNET32_NSAMPLES	1024
#define PCNET32_NOPS		64

struct pcnet32_sample {
	u32 op;
	s32 status;
	u64 wait_ns;	/* queued until the daemon's REQUEST took it */
	u64 copy_ns;	/* the daemon's COPY */
	u64 proc_ns;	/* the daemon's PROCESSING */
	u64 reply_ns;	/* REPLY entry until the caller is woken */
	u64 user_ns;	/* taken until the REPLY entered the kernel */
	u64 total_ns;	/* the caller's whole upcall */
};

struct pcnet32_upcall {
	struct miscdevice misc;
	struct kref ref;		/* the driver's, and an open daemon's */
	char name[32];
	spinlock_t lock;		/* queue, daemon, samples */
	struct pcnet32_chanq q;
	wait_queue_head_t wq;		/* the daemon waits for requests */
	wait_queue_head_t done_wq;	/* callers wait for replies */
	struct file *daemon;
	struct pid *daemon_pid;		/* its opener's thread group (tgid) */
	bool unresponsive;		/* it took no request for a deadline */
	bool dead;			/* the NIC is gone: ctx is not ours */
	const struct pcnet32_upcall_ops *ops;
	void *ctx;			/* only under lock, only while !dead */
	struct pcnet32_upcall_info info;
	/* statistics */
	u64 n_calls, n_timeouts, n_resets, n_rejected, n_absent, n_killed;
	u64 n_mapped;			/* daemon statuses mapped to EIO */
	u64 n_unresponsive;		/* daemons declared unresponsive */
	u64 n_masked;			/* requests replayed to the next daemon */
	u64 n_foreign;			/* ioctls refused: not the opener */
	struct pcnet32_sample samples[PCNET32_NSAMPLES];
	u32 n_samples;			/* total recorded, the ring wraps */
	struct dentry *dbg;
};

static struct pcnet32_upcall *to_upcall(struct file *f)
{
	struct miscdevice *m = f->private_data;

	return container_of(m, struct pcnet32_upcall, misc);
}

static void pcnet32_upcall_free(struct kref *ref)
{
	kvfree(container_of(ref, struct pcnet32_upcall, ref));
}

static int pcnet32_upcall_open(struct inode *inode, struct file *f)
{
	struct pcnet32_upcall *u = to_upcall(f);
	int ret = 0;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	spin_lock_irq(&u->lock);
	if (u->dead) {
		ret = -ENODEV;
	} else if (u->daemon) {
		ret = -EBUSY;	/* one daemon at a time */
	} else {
		u->daemon = f;
		u->daemon_pid = get_pid(task_tgid(current));
		/* a new daemon: the last one's unresponsiveness is not its */
		u->unresponsive = false;
		pcnet32_chanq_attach(&u->q);
		kref_get(&u->ref);
	}
	spin_unlock_irq(&u->lock);
	return ret;
}

/*
 * The last holder of the daemon's file is gone (so is every task that held
 * it): fail its requests, or replay them to the next daemon (chan.h).
 */
static int pcnet32_upcall_release(struct inode *inode, struct file *f)
{
	struct pcnet32_upcall *u = to_upcall(f);
	struct pid *pid = NULL;

	spin_lock_irq(&u->lock);
	if (u->daemon == f) {
		u->daemon = NULL;
		pid = u->daemon_pid;
		u->daemon_pid = NULL;
		pcnet32_chanq_daemon_gone(&u->q, &u->n_masked, &u->n_resets);
	}
	spin_unlock_irq(&u->lock);
	put_pid(pid);
	wake_up_all(&u->done_wq);
	kref_put(&u->ref, pcnet32_upcall_free);
	return 0;
}

static long pcnet32_ioc_request(struct pcnet32_upcall *u, void __user *arg)
{
	struct pcnet32u_request *q;
	struct pcnet32_req *r = NULL;
	long ret;

	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return -ENOMEM;
	if (copy_from_user(q, arg, sizeof(*q))) {
		ret = -EFAULT;
		goto out;
	}
	ret = pcnet32_check_request_in(q);
	if (ret)
		goto out;
	for (;;) {
		ret = wait_event_interruptible(u->wq, pcnet32_chanq_pending(&u->q) ||
					       READ_ONCE(u->dead));
		if (ret)
			goto out;
		if (READ_ONCE(u->dead)) {
			ret = -ENODEV;
			goto out;
		}
		spin_lock_irq(&u->lock);
		r = u->dead ? NULL : pcnet32_chanq_take(&u->q);
		if (r) {
			r->t_taken = ktime_get_ns();
			q->id = r->id;
			q->op = r->op;
			q->arg_len = r->arg_len;
			memcpy(q->arg, r->arg, r->arg_len);
		}
		spin_unlock_irq(&u->lock);
		if (r)
			break;
	}
	if (copy_to_user(arg, q, sizeof(*q))) {
		/* the daemon cannot see it: fail it rather than lose it */
		spin_lock_irq(&u->lock);
		r = pcnet32_chanq_find(&u->q, q->id);
		if (r)
			pcnet32_chanq_finish(r, -EIO);
		spin_unlock_irq(&u->lock);
		wake_up_all(&u->done_wq);
		ret = -EFAULT;
	}
out:
	kfree(q);
	return ret;
}

static long pcnet32_ioc_copy(struct pcnet32_upcall *u, void __user *arg)
{
	struct pcnet32u_copy *c;
	long ret;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	if (copy_from_user(c, arg, sizeof(*c))) {
		ret = -EFAULT;
		goto out;
	}
	/* the lock fences ctx: destroy sets dead under it before lp is freed */
	spin_lock_irq(&u->lock);
	if (u->dead)
		ret = -ENODEV;
	else
		ret = pcnet32_check_copy_in(c, &u->q);
	if (!ret) {
		c->io_base = u->info.io_base;
		c->io_len = u->info.io_len;
		c->irq = u->info.irq;
		c->state_len = u->ops->snapshot(u->ctx, c->ifname, c->state,
						sizeof(c->state));
	}
	spin_unlock_irq(&u->lock);
	if (ret)
		goto out;
	if (copy_to_user(arg, c, sizeof(*c)))
		ret = -EFAULT;
out:
	kfree(c);
	return ret;
}

static long pcnet32_ioc_reply(struct pcnet32_upcall *u, void __user *arg)
{
	u64 t_entry = ktime_get_ns();
	struct pcnet32u_reply *p;
	struct pcnet32_req *r;
	bool mapped;
	int status;
	long ret;

	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	if (copy_from_user(p, arg, sizeof(*p))) {
		ret = -EFAULT;
		goto out;
	}
	ret = pcnet32_check_reply_hdr(p);
	if (ret)
		goto rejected;
	spin_lock_irq(&u->lock);
	if (u->dead) {
		spin_unlock_irq(&u->lock);
		ret = -ENODEV;
		goto out;
	}
	r = pcnet32_chanq_find(&u->q, p->id);
	if (!r) {
		/* stale (its caller gave up) or never issued */
		spin_unlock_irq(&u->lock);
		ret = -ENOENT;
		goto rejected;
	}
	ret = pcnet32_check_reply_req(p, r);
	if (!ret && !p->status)
		ret = u->ops->check_reply(u->ctx, r->op, r->arg, r->arg_len,
					  p->rep, p->rep_len);
	if (ret) {
		/* the daemon answered this request wrongly: fail it now */
		pcnet32_chanq_finish(r, -EIO);
	} else {
		/* an error carries no payload (rep_len is 0, checked) */
		status = pcnet32_status_map(p->status, &mapped);
		if (mapped)
			u->n_mapped++;
		if (!status) {
			memcpy(r->rep, p->rep, p->rep_len);
			r->rep_len = p->rep_len;
		}
		r->copy_ns = p->copy_ns;
		r->proc_ns = p->proc_ns;
		r->t_reply = t_entry;
		pcnet32_chanq_finish(r, status);
	}
	spin_unlock_irq(&u->lock);
	wake_up_all(&u->done_wq);
	if (!ret)
		goto out;
rejected:
	spin_lock_irq(&u->lock);
	u->n_rejected++;
	spin_unlock_irq(&u->lock);
out:
	kfree(p);
	return ret;
}

static long pcnet32_upcall_ioctl(struct file *f, unsigned int cmd,
				 unsigned long arg)
{
	struct pcnet32_upcall *u = to_upcall(f);

	if (READ_ONCE(u->daemon) != f)
		return -EBADF;
	/*
	 * The daemon is its opener's thread group, nothing else: not a child
	 * that inherited the descriptor, nor a process it was passed to.
	 * daemon_pid is stable here: our file is the daemon's, and it cannot
	 * be released while this ioctl holds it.
	 */
	if (task_tgid(current) != u->daemon_pid) {
		spin_lock_irq(&u->lock);
		u->n_foreign++;
		spin_unlock_irq(&u->lock);
		return -EPERM;
	}
	if (READ_ONCE(u->dead))
		return -ENODEV;
	switch (cmd) {
	case PCNET32U_IOC_REQUEST:
		return pcnet32_ioc_request(u, (void __user *)arg);
	case PCNET32U_IOC_COPY:
		return pcnet32_ioc_copy(u, (void __user *)arg);
	case PCNET32U_IOC_REPLY:
		return pcnet32_ioc_reply(u, (void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations pcnet32_upcall_fops = {
	.owner = THIS_MODULE,
	.open = pcnet32_upcall_open,
	.release = pcnet32_upcall_release,
	.unlocked_ioctl = pcnet32_upcall_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static void pcnet32_record(struct pcnet32_upcall *u, struct pcnet32_req *r)
{
	struct pcnet32_sample *s;

	u->n_calls++;
	if (r->status == -ETIMEDOUT)
		u->n_timeouts++;
	if (!r->t_reply)
		return;	/* not answered: no phases to record */
	s = &u->samples[u->n_samples++ % PCNET32_NSAMPLES];
	s->op = r->op;
	s->status = r->status;
	s->wait_ns = r->t_taken - r->t_enq;
	s->copy_ns = r->copy_ns;
	s->proc_ns = r->proc_ns;
	s->reply_ns = r->t_done - r->t_reply;
	s->user_ns = r->t_reply - r->t_taken;
	s->total_ns = r->t_done - r->t_enq;
}

/*
 * Kill the daemon that opened f: SIGKILL through kill_pid() on its tgid pid
 * is sent to the whole thread group (group_send_sig_info, PIDTYPE_TGID).
 * With wait, wait (bounded) for the file's release, i.e. until every task
 * that held it is gone. Called without the lock.
 */
static void pcnet32_kill_daemon(struct pcnet32_upcall *u, struct file *f,
				const char *why, bool wait)
{
	struct pid *pid = NULL;

	spin_lock_irq(&u->lock);
	if (u->daemon == f && u->daemon_pid) {
		pid = get_pid(u->daemon_pid);
		u->n_killed++;
	}
	spin_unlock_irq(&u->lock);
	if (!pid)
		return;
	pr_warn_ratelimited("%s: daemon (pid %d) %s: killed\n", u->name,
			    pid_nr(pid), why);
	kill_pid(pid, SIGKILL, 1);
	put_pid(pid);
	if (wait && !wait_event_timeout(u->done_wq, READ_ONCE(u->daemon) != f,
					2 * HZ))
		pr_warn_ratelimited("%s: its node is still held after 2 s\n",
				    u->name);
}

int pcnet32_upcall_call(struct pcnet32_upcall *u, u32 op, u32 flags,
			const void *arg, u32 arg_len,
			void *rep, u32 rep_max, u32 *rep_len)
{
	unsigned long timeout = msecs_to_jiffies(READ_ONCE(upcall_timeout_ms));
	unsigned long deadline = jiffies + timeout;
	bool ports = flags & PCNET32_UPCALL_PORTS;
	bool signalled = false, late, unresponsive = false;
	struct file *served_by = NULL;
	struct pcnet32_req r = {
		.op = op, .arg = arg, .arg_len = arg_len,
		.rep = rep, .rep_max = rep_max,
		.replay = flags & PCNET32_UPCALL_REPLAY,
	};
	long left;
	int ret;

	if (arg_len > PCNET32U_MAX_ARG || rep_max > PCNET32U_MAX_REPLY)
		return -EINVAL;
	spin_lock_irq(&u->lock);
	if (!u->daemon || u->unresponsive) {
		/* nobody (who answers) to ask: fail now, not at the deadline */
		u->n_calls++;
		if (!u->daemon)
			u->n_absent++;
		ret = u->daemon ? -EHOSTDOWN : -ENOTCONN;
		spin_unlock_irq(&u->lock);
		return ret;
	}
	r.t_enq = ktime_get_ns();
	pcnet32_chanq_push(&u->q, &r);
	spin_unlock_irq(&u->lock);
	wake_up_interruptible(&u->wq);

	left = wait_event_killable_timeout(u->done_wq,
					   READ_ONCE(r.state) == PCNET32_RQ_DONE,
					   timeout);
	if (left < 0) {
		signalled = true;
		/*
		 * Killed. An op on the ports that the daemon has taken may be
		 * running: the kernel must not take the ports back before its
		 * reply or the deadline (then the daemon is killed, for
		 * missing it; never for the caller's signal).
		 */
		spin_lock_irq(&u->lock);
		late = ports && r.state == PCNET32_RQ_TAKEN;
		spin_unlock_irq(&u->lock);
		left = (long)(deadline - jiffies);
		if (late && left > 0)
			wait_event_timeout(u->done_wq,
					   READ_ONCE(r.state) == PCNET32_RQ_DONE,
					   left);
	}
	spin_lock_irq(&u->lock);
	/* the daemon took it and has not answered: it may be running it */
	late = r.state == PCNET32_RQ_TAKEN;
	if (r.state != PCNET32_RQ_DONE) {
		ret = pcnet32_chanq_expired(&u->q, &r, u->daemon != NULL,
					    &unresponsive);
		if (signalled) {
			ret = -EINTR;
			unresponsive = false;
		}
		pcnet32_chanq_finish(&r, ret);
	}
	if (unresponsive) {
		/* it took nothing for a whole deadline: nobody else waits for it */
		u->unresponsive = true;
		u->n_unresponsive++;
		pcnet32_chanq_fail_queued(&u->q, -EHOSTDOWN);
	}
	if (late || unresponsive)
		served_by = u->daemon;
	r.t_done = ktime_get_ns();
	pcnet32_record(u, &r);
	ret = r.status;
	if (rep_len)
		*rep_len = r.rep_len;
	spin_unlock_irq(&u->lock);
	if (unresponsive) {
		wake_up_all(&u->done_wq);
		pcnet32_kill_daemon(u, served_by, "took no request for a deadline",
				    false);
	} else if (late && ports && served_by) {
		/* it may still be inside the ports the kernel takes back */
		pcnet32_kill_daemon(u, served_by,
				    "missed its deadline holding the ports", true);
	}
	return ret;
}

bool pcnet32_upcall_connected(struct pcnet32_upcall *u)
{
	return READ_ONCE(u->daemon) != NULL;
}

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
	seq_printf(m, "# calls %llu absent %llu timeouts %llu resets %llu rejected %llu mapped %llu unresponsive %llu masked %llu foreign %llu killed %llu\n",
		   u->n_calls, u->n_absent, u->n_timeouts, u->n_resets,
		   u->n_rejected, u->n_mapped, u->n_unresponsive, u->n_masked,
		   u->n_foreign, u->n_killed);
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

struct pcnet32_upcall *pcnet32_upcall_create(struct device *parent, int index,
					     const struct pcnet32_upcall_ops *ops,
					     void *ctx,
					     const struct pcnet32_upcall_info *info)
{
	struct pcnet32_upcall *u;
	int ret;

	u = kvzalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return ERR_PTR(-ENOMEM);
	kref_init(&u->ref);
	spin_lock_init(&u->lock);
	pcnet32_chanq_init(&u->q);
	init_waitqueue_head(&u->wq);
	init_waitqueue_head(&u->done_wq);
	u->ops = ops;
	u->ctx = ctx;
	u->info = *info;
	snprintf(u->name, sizeof(u->name), PCNET32U_DEVNAME "%d", index);
	u->misc.minor = MISC_DYNAMIC_MINOR;
	u->misc.name = u->name;
	u->misc.fops = &pcnet32_upcall_fops;
	u->misc.parent = parent;
	u->misc.mode = 0600;	/* root only */
	ret = misc_register(&u->misc);
	if (ret)
		goto err_free;
	u->dbg = debugfs_create_dir(u->name, NULL);
	debugfs_create_file("samples", 0600, u->dbg, u, &pcnet32_samples_fops);
	return u;

err_free:
	kvfree(u);
	return ERR_PTR(ret);
}

void pcnet32_upcall_destroy(struct pcnet32_upcall *u)
{
	if (IS_ERR_OR_NULL(u))
		return;
	debugfs_remove_recursive(u->dbg);
	/* no new daemon after this; one still attached keeps u alive */
	misc_deregister(&u->misc);
	/*
	 * The fence: the driver frees ctx after we return. Every use of ctx
	 * is under the lock and checks dead first, so none runs from here on;
	 * the daemon's every ioctl fails with ENODEV (no caller is left: the
	 * NIC's interface is unregistered, or never was).
	 */
	spin_lock_irq(&u->lock);
	u->dead = true;
	u->ctx = NULL;
	spin_unlock_irq(&u->lock);
	/* and one waiting for requests learns there will be none */
	wake_up_all(&u->wq);
	kref_put(&u->ref, pcnet32_upcall_free);
}
