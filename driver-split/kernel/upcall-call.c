// SPDX-License-Identifier: GPL-2.0
/*
 * The upcall channel's callers' side (upcall.h): pcnet32_upcall_call()
 * queues a request and sleeps with a deadline; the queries (connected,
 * direct, facts); the channel's creation and its fence.
 *
 * A caller never waits without a deadline (upcall_timeout_ms): with no
 * daemon it fails at once (ENOTCONN), with an unresponsive one at once
 * (EHOSTDOWN), with an op the daemon did not declare at once
 * (EOPNOTSUPP). A daemon that takes no request for a whole deadline is
 * declared unresponsive and killed; a daemon that holds a request past its
 * deadline is killed (on the ports, before the kernel takes them back). A
 * caller's request lives on its stack: it is finished under the lock
 * before the caller returns, so no reply can reach it afterwards. When the
 * NIC goes away the channel is fenced (dead, under the lock and
 * exec_mutex) before the driver frees its private data: nothing reaches
 * ctx again.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "upcall-priv.h"

static unsigned int upcall_timeout_ms = 2000;
module_param(upcall_timeout_ms, uint, 0644);
MODULE_PARM_DESC(upcall_timeout_ms,
		 "Deadline of a slow-path call into the daemon, in ms (default 2000)");

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
	bool ports = flags & PCNET32_UPCALL_PORTS;	/* held: direct ports */
	bool signalled = false, late, missed, unresponsive = false;
	struct file *served_by = NULL;
	struct pcnet32_req r = {
		.op = op, .arg = arg, .arg_len = arg_len,
		.rep = rep, .rep_max = rep_max,
		.replay = flags & PCNET32_UPCALL_REPLAY,
		.ports = flags & (PCNET32_UPCALL_NIC | PCNET32_UPCALL_PORTS),
		.held = flags & PCNET32_UPCALL_PORTS,
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
	if (u->hello && (op >= 64 || !(u->served & BIT_ULL(op)))) {
		/* the daemon said it does not serve this op: no upcall */
		u->n_undeclared++;
		spin_unlock_irq(&u->lock);
		return -EOPNOTSUPP;
	}
	r.t_enq = ktime_get_ns();
	pcnet32_chanq_push(&u->q, &r);
	spin_unlock_irq(&u->lock);
	/* the caller sleeps at once: a sync wake-up, as a pipe writer's */
	wake_up_interruptible_sync(&u->wq);

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
	/* ... and its deadline has passed (not only its caller's patience) */
	missed = late && (!signalled || !time_before(jiffies, deadline));
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
	} else if (missed && served_by) {
		/*
		 * It holds a request past its deadline, so it serves nobody
		 * else (one request at a time): replaced now, so that it costs
		 * one deadline, not one more per caller until it is declared
		 * unresponsive. Its reply would be refused anyway. On the
		 * ports it may still be inside them: wait for its release
		 * before the kernel takes them back.
		 */
		pcnet32_kill_daemon(u, served_by,
				    ports ? "missed its deadline holding the ports" :
					    "missed its deadline", ports);
	}
	return ret;
}

bool pcnet32_upcall_direct(struct pcnet32_upcall *u)
{
	bool direct;

	spin_lock_irq(&u->lock);
	direct = u->daemon && u->hello && u->direct;
	spin_unlock_irq(&u->lock);
	return direct;
}

bool pcnet32_upcall_connected(struct pcnet32_upcall *u)
{
	return READ_ONCE(u->daemon) != NULL;
}

int pcnet32_upcall_facts(struct pcnet32_upcall *u, struct pcnet32u_facts *f)
{
	int ret = -ENOENT;

	spin_lock_irq(&u->lock);
	if (u->facts_valid && !u->dead) {
		*f = u->facts;
		u->n_facts++;
		ret = 0;
	}
	spin_unlock_irq(&u->lock);
	return ret;
}

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
	mutex_init(&u->io_mutex);
	mutex_init(&u->exec_mutex);
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
	pcnet32_upcall_debugfs_init(u);
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
	mutex_lock(&u->exec_mutex);
	spin_lock_irq(&u->lock);
	u->dead = true;
	u->ctx = NULL;
	spin_unlock_irq(&u->lock);
	mutex_unlock(&u->exec_mutex);
	/* and one waiting for requests (or polling) learns there will be none */
	wake_up_all(&u->wq);
	kref_put(&u->ref, pcnet32_upcall_free);
}
