// SPDX-License-Identifier: GPL-2.0
/*
 * The upcall channel's daemon side: the file the daemon opens
 * (/dev/pcnet32-upcallN) and its commands (see uapi/pcnet32_upcall.h).
 *
 * One daemon at a time, CAP_SYS_ADMIN to open; only the thread group that
 * opened the node may drive it (others: EPERM). Every command but HELLO
 * needs HELLO first; a daemon of another ABI version gets EPROTONOSUPPORT.
 * Requests are taken in FIFO order (REQUEST, FETCH) and answered with
 * REPLY or FETCH's commit; a reply is matched to its request by id, so a
 * stale, unknown or mismatched reply is refused. No command allocates but
 * HELLO (once per daemon): the daemon's buffers are the channel's, used
 * under io_mutex, and only the bytes in use are copied. Everything the
 * daemon hands in is checked before use. ctx is used only under the lock
 * (or exec_mutex, for a register program) and only while the channel is
 * not dead: after the fence every command fails with ENODEV. When the
 * daemon's file is released, every pending request fails at once, or, for
 * an op without side effects, waits for the next daemon once (chan.h:
 * replay).
 */
#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "upcall-priv.h"

/*
 * A daemon with direct ports makes the kernel stop its fast path (and
 * disable a possibly shared interrupt line) around each of its ops on the
 * NIC, and can program the chip's DMA: only where root asked for it.
 */
static bool allow_direct_ports;
module_param(allow_direct_ports, bool, 0644);
MODULE_PARM_DESC(allow_direct_ports,
		 "Let a daemon take the NIC's ports itself (HELLO's PORTS_DIRECT, the paper's design, for the ablation; default no)");

void pcnet32_upcall_free(struct kref *ref)
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
		u->hello = false;
		u->direct = false;
		u->served = 0;
		u->facts_valid = false;
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
		/* its facts and declarations go with it */
		u->hello = false;
		u->direct = false;
		u->served = 0;
		u->facts_valid = false;
		pcnet32_chanq_daemon_gone(&u->q, &u->n_masked, &u->n_resets);
	}
	spin_unlock_irq(&u->lock);
	put_pid(pid);
	wake_up_all(&u->done_wq);
	kref_put(&u->ref, pcnet32_upcall_free);
	return 0;
}

/* Whether the daemon said HELLO: every other command needs it first. */
static int pcnet32_need_hello(struct pcnet32_upcall *u)
{
	if (READ_ONCE(u->hello))
		return 0;
	spin_lock_irq(&u->lock);
	u->n_nohello++;
	spin_unlock_irq(&u->lock);
	return -EPROTO;
}

/*
 * HELLO. The prologue (size, version) first: a daemon of another version
 * is refused with EPROTONOSUPPORT whatever size its command encodes. Once
 * per attach; allocates (a rare command, never per upcall).
 */
static long pcnet32_ioc_hello(struct pcnet32_upcall *u, unsigned int cmd,
			      void __user *arg)
{
	struct pcnet32u_hello *h;
	u32 pro[2];
	u64 failed;
	long ret;

	if (copy_from_user(pro, arg, sizeof(pro)))
		return -EFAULT;
	if (pro[1] != PCNET32U_VERSION) {
		pr_warn_ratelimited("%s: daemon speaks ABI version %u, not %u: refused\n",
				    u->name, pro[1], PCNET32U_VERSION);
		spin_lock_irq(&u->lock);
		u->n_refused++;
		spin_unlock_irq(&u->lock);
		return -EPROTONOSUPPORT;
	}
	if (_IOC_SIZE(cmd) != sizeof(*h) || _IOC_DIR(cmd) != (_IOC_READ | _IOC_WRITE)) {
		ret = -EINVAL;
		goto refused;
	}
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	if (copy_from_user(h, arg, sizeof(*h))) {
		ret = -EFAULT;
		goto out;
	}
	ret = pcnet32_check_hello(h, _IOC_SIZE(cmd), u->info.user_ops);
	if (ret)
		goto out;
	if ((h->flags & PCNET32U_HELLO_PORTS_DIRECT) &&
	    !READ_ONCE(allow_direct_ports)) {
		ret = -EPERM;
		goto out;
	}
	spin_lock_irq(&u->lock);
	if (u->dead) {
		ret = -ENODEV;
	} else if (u->hello) {
		ret = -EALREADY;
	} else {
		u->ops->describe(u->ctx, &h->nic);
		h->nic.io_base = u->info.io_base;
		h->nic.io_len = u->info.io_len;
		h->nic.irq = u->info.irq;
		u->served = h->ops[0];
		u->direct = h->flags & PCNET32U_HELLO_PORTS_DIRECT;
		WRITE_ONCE(u->hello, true);
		u->n_hello++;
		/* requests queued meanwhile for an op it does not serve */
		failed = pcnet32_chanq_fail_undeclared(&u->q, u->served);
		u->n_undeclared += failed;
	}
	spin_unlock_irq(&u->lock);
	if (!ret) {
		wake_up_all(&u->done_wq);
		if (copy_to_user(arg, h, sizeof(*h)))
			ret = -EFAULT;
	}
out:
	kfree(h);
	if (!ret || ret == -EFAULT || ret == -ENODEV)
		return ret;
refused:
	spin_lock_irq(&u->lock);
	u->n_badhello++;
	spin_unlock_irq(&u->lock);
	return ret;
}

/* FACTS: checked against the kernel's bounds, then published. */
static long pcnet32_ioc_facts(struct pcnet32_upcall *u, void __user *arg)
{
	struct pcnet32u_facts f;
	long ret;

	if (copy_from_user(&f, arg, sizeof(f)))
		return -EFAULT;
	ret = pcnet32_check_facts_hdr(&f);
	spin_lock_irq(&u->lock);
	if (u->dead) {
		spin_unlock_irq(&u->lock);
		return -ENODEV;
	}
	if (!ret && u->facts_valid)
		ret = -EALREADY;
	if (!ret)
		ret = u->ops->check_facts(u->ctx, &f);
	if (!ret) {
		u->facts = f;
		u->facts_valid = true;
	} else {
		u->n_badfacts++;
	}
	spin_unlock_irq(&u->lock);
	if (ret == -ERANGE)
		pr_warn_ratelimited("%s: daemon's facts out of bounds: refused\n",
				    u->name);
	return ret;
}

/*
 * Wait for a request and take it (REQUEST, FETCH). The wait holds nothing;
 * the take holds io_mutex (the channel's buffers) and, briefly, the lock.
 * Fills u->fb's arg[] (and state[] with want_state); returns the request's
 * id, op, lengths through the pointers.
 */
static long pcnet32_take(struct pcnet32_upcall *u, bool want_state, u64 *id,
			 u32 *op, u32 *arg_len, u32 *state_len)
{
	struct pcnet32_req *r;
	char ifname[16];
	long ret;

	for (;;) {
		ret = wait_event_interruptible(u->wq, pcnet32_chanq_pending(&u->q) ||
					       READ_ONCE(u->dead));
		if (ret)
			return ret;
		if (READ_ONCE(u->dead))
			return -ENODEV;
		if (mutex_lock_killable(&u->io_mutex))
			return -EINTR;
		spin_lock_irq(&u->lock);
		r = u->dead ? NULL : pcnet32_chanq_take(&u->q);
		if (r && r->ports && !r->held && u->direct) {
			/*
			 * Queued for a daemon without ports (nothing holds the
			 * fast path off): one with ports must not run it.
			 */
			pcnet32_chanq_finish(r, -EAGAIN);
			u->n_direct_mismatch++;
			spin_unlock_irq(&u->lock);
			mutex_unlock(&u->io_mutex);
			wake_up_all(&u->done_wq);
			continue;
		}
		if (r) {
			r->t_taken = ktime_get_ns();
			*id = r->id;
			*op = r->op;
			*arg_len = r->arg_len;
			memcpy(u->fb.arg, r->arg, r->arg_len);
			*state_len = 0;
			if (want_state)
				*state_len = u->ops->snapshot(u->ctx, ifname, u->fb.state,
							      sizeof(u->fb.state));
		}
		spin_unlock_irq(&u->lock);
		if (r)
			return 0;	/* io_mutex held */
		mutex_unlock(&u->io_mutex);
	}
}

/* The daemon could not be handed request id: fail it rather than lose it. */
static void pcnet32_lost(struct pcnet32_upcall *u, u64 id)
{
	struct pcnet32_req *r;

	spin_lock_irq(&u->lock);
	r = pcnet32_chanq_find(&u->q, id);
	if (r)
		pcnet32_chanq_finish(r, -EIO);
	spin_unlock_irq(&u->lock);
	wake_up_all(&u->done_wq);
}

static long pcnet32_ioc_request(struct pcnet32_upcall *u,
				struct pcnet32u_request __user *arg)
{
	struct pcnet32u_request *q = &u->qb;
	u32 op, arg_len, state_len;
	u64 id;
	long ret;

	if (mutex_lock_killable(&u->io_mutex))
		return -EINTR;
	ret = -EFAULT;
	if (!copy_from_user(q, arg, offsetof(struct pcnet32u_request, arg)))
		ret = pcnet32_check_request_in(q);
	mutex_unlock(&u->io_mutex);
	if (ret)
		return ret;
	ret = pcnet32_take(u, false, &id, &op, &arg_len, &state_len);
	if (ret)
		return ret;
	/* the whole header is the kernel's: nothing of the daemon's echoed */
	memset(q, 0, offsetof(struct pcnet32u_request, arg));
	q->size = sizeof(*q);
	q->version = PCNET32U_VERSION;
	q->id = id;
	q->op = op;
	q->arg_len = arg_len;
	if (copy_to_user(arg, q, offsetof(struct pcnet32u_request, arg)) ||
	    copy_to_user(arg->arg, u->fb.arg, arg_len)) {
		pcnet32_lost(u, id);
		ret = -EFAULT;
	}
	mutex_unlock(&u->io_mutex);
	return ret;
}

static long pcnet32_ioc_copy(struct pcnet32_upcall *u,
			     struct pcnet32u_copy __user *arg)
{
	struct pcnet32u_copy *c = &u->cb;
	long ret;

	if (mutex_lock_killable(&u->io_mutex))
		return -EINTR;
	if (copy_from_user(c, arg, offsetof(struct pcnet32u_copy, state))) {
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
	if (copy_to_user(arg, c, offsetof(struct pcnet32u_copy, state)) ||
	    copy_to_user(arg->state, c->state, c->state_len))
		ret = -EFAULT;
out:
	mutex_unlock(&u->io_mutex);
	return ret;
}

/*
 * Commit a reply (REPLY, FETCH): rep_len bytes of the reply are in
 * u->rep (io_mutex held). The caller's buffer is written only here, under
 * the lock, while its request is still taken: a caller that gave up has
 * finished its request under the same lock, so its id is not found.
 */
static long pcnet32_commit(struct pcnet32_upcall *u, u64 id, u32 op,
			   s32 status, u32 rep_len, u64 copy_ns, u64 proc_ns,
			   u64 t_entry)
{
	struct pcnet32_req *r;
	bool mapped;
	long ret;

	spin_lock_irq(&u->lock);
	if (u->dead) {
		spin_unlock_irq(&u->lock);
		return -ENODEV;
	}
	r = pcnet32_chanq_find(&u->q, id);
	if (!r) {
		/* stale (its caller gave up) or never issued */
		u->n_rejected++;
		spin_unlock_irq(&u->lock);
		return -ENOENT;
	}
	ret = pcnet32_check_commit_req(op, rep_len, r);
	if (!ret && !status)
		ret = u->ops->check_reply(u->ctx, r->op, r->arg, r->arg_len,
					  u->rep, rep_len);
	if (ret) {
		/* the daemon answered this request wrongly: fail it now */
		pcnet32_chanq_finish(r, -EIO);
		u->n_rejected++;
	} else {
		/* an error carries no payload (rep_len is 0, checked) */
		status = pcnet32_status_map(status, &mapped);
		if (mapped)
			u->n_mapped++;
		if (!status) {
			memcpy(r->rep, u->rep, rep_len);
			r->rep_len = rep_len;
		}
		r->copy_ns = copy_ns;
		r->proc_ns = proc_ns;
		r->t_reply = t_entry;
		pcnet32_chanq_finish(r, status);
	}
	spin_unlock_irq(&u->lock);
	/* the daemon goes back to waiting: tell the scheduler (as pipes do) */
	wake_up_sync(&u->done_wq);
	return ret;
}

/*
 * A reply (REPLY, FETCH's commit) its header checks refused: when its id
 * is a request this daemon holds, the daemon answered that request
 * wrongly, so it fails now (EIO) rather than at its deadline, which would
 * also cost the daemon its life (it would hold a request past it).
 */
static void pcnet32_refuse(struct pcnet32_upcall *u, u64 id)
{
	struct pcnet32_req *r = NULL;

	spin_lock_irq(&u->lock);
	u->n_rejected++;
	if (id && !u->dead) {
		r = pcnet32_chanq_find(&u->q, id);
		if (r)
			pcnet32_chanq_finish(r, -EIO);
	}
	spin_unlock_irq(&u->lock);
	if (r)
		wake_up(&u->done_wq);
}

static long pcnet32_ioc_reply(struct pcnet32_upcall *u,
			      struct pcnet32u_reply __user *arg)
{
	u64 t_entry = ktime_get_ns();
	struct pcnet32u_reply *p = &u->rb;
	long ret;

	if (mutex_lock_killable(&u->io_mutex))
		return -EINTR;
	if (copy_from_user(p, arg, offsetof(struct pcnet32u_reply, rep))) {
		ret = -EFAULT;
		goto out;
	}
	ret = pcnet32_check_reply_hdr(p);
	if (ret) {
		pcnet32_refuse(u, p->id);
		goto out;
	}
	if (copy_from_user(u->rep, arg->rep, p->rep_len)) {
		ret = -EFAULT;
		goto out;
	}
	ret = pcnet32_commit(u, p->id, p->op, p->status, p->rep_len,
			     p->copy_ns, p->proc_ns, t_entry);
out:
	mutex_unlock(&u->io_mutex);
	return ret;
}

/*
 * FETCH: commit the reply held (if any), then wait for and take the next
 * request, with its state: one system call per upcall. A refused commit
 * returns its error at once, fetching nothing.
 */
static long pcnet32_ioc_fetch(struct pcnet32_upcall *u,
			      struct pcnet32u_fetch __user *arg)
{
	u64 t_entry = ktime_get_ns();
	struct pcnet32u_fetch *f = &u->fb;
	u32 op, arg_len, state_len;
	u64 id;
	long ret;

	if (mutex_lock_killable(&u->io_mutex))
		return -EINTR;
	if (copy_from_user(f, arg, offsetof(struct pcnet32u_fetch, arg))) {
		ret = -EFAULT;
		goto unlock;
	}
	ret = pcnet32_check_fetch_hdr(f);
	if (ret) {
		pcnet32_refuse(u, f->id);
		goto unlock;
	}
	if (f->id) {
		if (copy_from_user(u->rep, arg->rep, f->rep_len)) {
			ret = -EFAULT;
			goto unlock;
		}
		ret = pcnet32_commit(u, f->id, f->op, f->status, f->rep_len, 0,
				     f->proc_ns, t_entry);
		if (ret)
			goto unlock;
		spin_lock_irq(&u->lock);
		u->n_commits++;
		spin_unlock_irq(&u->lock);
		if (f->flags & PCNET32U_FETCH_NOWAIT)
			goto unlock;	/* commit only */
	}
	mutex_unlock(&u->io_mutex);

	ret = pcnet32_take(u, true, &id, &op, &arg_len, &state_len);
	if (ret)
		return ret;
	memset(f, 0, offsetof(struct pcnet32u_fetch, arg));
	f->size = sizeof(*f);
	f->version = PCNET32U_VERSION;
	f->id = id;
	f->op = op;
	f->arg_len = arg_len;
	f->state_len = state_len;
	if (copy_to_user(arg, f, offsetof(struct pcnet32u_fetch, arg)) ||
	    copy_to_user(arg->arg, f->arg, arg_len) ||
	    copy_to_user(arg->state, f->state, state_len)) {
		pcnet32_lost(u, id);
		ret = -EFAULT;
	}
unlock:
	mutex_unlock(&u->io_mutex);
	return ret;
}

/*
 * REGS: a register program for the request the daemon holds, if its op
 * reaches the NIC; the program's checks and its run are ctx's
 * (ops->regs: the firewall, then the register lock).
 */
static long pcnet32_ioc_regs(struct pcnet32_upcall *u,
			     struct pcnet32u_regs __user *arg)
{
	struct pcnet32u_regs *b = &u->gb;
	u32 n_vals = 0, n_done = 0, op = 0;
	struct pcnet32_req *r;
	long ret;

	if (mutex_lock_killable(&u->io_mutex))
		return -EINTR;
	if (copy_from_user(b, arg, offsetof(struct pcnet32u_regs, vals))) {
		ret = -EFAULT;
		goto unlock;
	}
	ret = pcnet32_check_regs_hdr(b);
	if (ret)
		goto unlock;
	mutex_lock(&u->exec_mutex);
	spin_lock_irq(&u->lock);
	if (u->dead) {
		ret = -ENODEV;
	} else {
		r = pcnet32_chanq_find(&u->q, b->id);
		if (!r)
			ret = -ENOENT;
		else if (!r->ports)
			ret = -EPERM;
		else
			op = r->op;
		if (ret)
			u->n_regs_denied++;
		else
			u->n_regs++;
	}
	spin_unlock_irq(&u->lock);
	/* ctx stays valid: the fence takes exec_mutex */
	if (!ret)
		ret = u->ops->regs(u->ctx, op, b->ops, b->n_ops, b->vals,
				   &n_vals, &n_done);
	mutex_unlock(&u->exec_mutex);
	if (ret && ret != -ETIMEDOUT)
		goto unlock;
	b->n_vals = n_vals;
	b->n_done = n_done;
	if (put_user(n_vals, &arg->n_vals) || put_user(n_done, &arg->n_done) ||
	    copy_to_user(arg->vals, b->vals, n_vals * sizeof(b->vals[0])))
		ret = -EFAULT;
unlock:
	mutex_unlock(&u->io_mutex);
	return ret;
}

static long pcnet32_upcall_ioctl(struct file *f, unsigned int cmd,
				 unsigned long arg)
{
	struct pcnet32_upcall *u = to_upcall(f);
	void __user *p = (void __user *)arg;
	long ret;

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
	/* any size: an unknown version must get EPROTONOSUPPORT, not ENOTTY */
	if (_IOC_TYPE(cmd) == PCNET32U_IOC_MAGIC &&
	    _IOC_NR(cmd) == PCNET32U_IOC_NR_HELLO)
		return pcnet32_ioc_hello(u, cmd, p);
	switch (cmd) {
	case PCNET32U_IOC_REQUEST:
	case PCNET32U_IOC_COPY:
	case PCNET32U_IOC_REPLY:
	case PCNET32U_IOC_FACTS:
	case PCNET32U_IOC_FETCH:
	case PCNET32U_IOC_REGS:
		break;
	default:
		return -ENOTTY;
	}
	ret = pcnet32_need_hello(u);
	if (ret)
		return ret;
	switch (cmd) {
	case PCNET32U_IOC_REQUEST:
		return pcnet32_ioc_request(u, p);
	case PCNET32U_IOC_COPY:
		return pcnet32_ioc_copy(u, p);
	case PCNET32U_IOC_REPLY:
		return pcnet32_ioc_reply(u, p);
	case PCNET32U_IOC_FACTS:
		return pcnet32_ioc_facts(u, p);
	case PCNET32U_IOC_REGS:
		return pcnet32_ioc_regs(u, p);
	default:
		return pcnet32_ioc_fetch(u, p);
	}
}

/* POLLIN: a request is queued; POLLHUP: the NIC is gone. */
static __poll_t pcnet32_upcall_poll(struct file *f, poll_table *pt)
{
	struct pcnet32_upcall *u = to_upcall(f);
	__poll_t mask = 0;

	poll_wait(f, &u->wq, pt);
	if (READ_ONCE(u->daemon) != f)
		return EPOLLERR;
	if (READ_ONCE(u->dead))
		mask |= EPOLLHUP;
	else if (pcnet32_chanq_pending(&u->q))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

const struct file_operations pcnet32_upcall_fops = {
	.owner = THIS_MODULE,
	.open = pcnet32_upcall_open,
	.release = pcnet32_upcall_release,
	.unlocked_ioctl = pcnet32_upcall_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.poll = pcnet32_upcall_poll,
	.llseek = noop_llseek,
};
