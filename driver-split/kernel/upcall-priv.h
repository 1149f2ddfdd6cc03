/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The upcall channel's state, shared by its three sides (private to
 * them; callers use upcall.h):
 *   upcall-daemon.c   the daemon's file: open, release, the ioctls, poll
 *   upcall-call.c     the callers: pcnet32_upcall_call() and the queries,
 *                     the daemon's kill, the channel's creation and fence
 *   upcall-debugfs.c  debugfs: the counters and the phase-timing samples
 *
 * Invariants: the queue, the daemon's identity and handshake, the counters
 * and the samples change only under lock; ctx is used only under lock (or
 * exec_mutex) and only while !dead; dead, once set, stays set. The daemon's
 * command buffers are used only under io_mutex, never held while waiting
 * for a request. u is freed by its last kref: the driver's and an open
 * daemon file's.
 */
#ifndef PCNET32_UPCALL_PRIV_H
#define PCNET32_UPCALL_PRIV_H

#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "chan.h"
#include "upcall.h"

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
	/* the attached daemon's handshake (reset at open and release) */
	bool hello;			/* it said HELLO */
	bool direct;			/* ... with PCNET32U_HELLO_PORTS_DIRECT */
	u64 served;			/* the ops it declared (bit = op id) */
	bool facts_valid;		/* it published facts (checked) */
	struct pcnet32u_facts facts;
	/*
	 * The daemon's command buffers, preallocated: no allocation per
	 * upcall. io_mutex serializes their use by the daemon's threads (it
	 * is never held while waiting for a request, and no caller takes it).
	 */
	struct mutex io_mutex;
	struct pcnet32u_request qb;	/* REQUEST's header */
	struct pcnet32u_copy cb;	/* COPY */
	struct pcnet32u_reply rb;	/* REPLY's header */
	struct pcnet32u_fetch fb;	/* FETCH's header, arg and state out */
	struct pcnet32u_regs gb;	/* REGS */
	/*
	 * Held while a register program runs on ctx (outside the lock, which
	 * it cannot hold: the run schedules NAPI) and by the fence: never
	 * across a copy to or from the daemon, so the fence waits for one
	 * program at most.
	 */
	struct mutex exec_mutex;
	u8 rep[PCNET32U_MAX_REPLY];	/* the reply being committed */
	/* statistics */
	u64 n_calls, n_timeouts, n_resets, n_rejected, n_absent, n_killed;
	u64 n_mapped;			/* daemon statuses mapped to EIO */
	u64 n_unresponsive;		/* daemons declared unresponsive */
	u64 n_masked;			/* requests replayed to the next daemon */
	u64 n_foreign;			/* ioctls refused: not the opener */
	u64 n_hello;			/* handshakes accepted */
	u64 n_refused;			/* HELLO of an unknown version */
	u64 n_badhello;			/* HELLO refused otherwise */
	u64 n_badfacts;			/* FACTS refused */
	u64 n_nohello;			/* commands before HELLO */
	u64 n_undeclared;		/* calls of an op not declared: EOPNOTSUPP */
	u64 n_commits;			/* replies committed through FETCH */
	u64 n_facts;			/* answers from the published facts */
	u64 n_regs;			/* register programs run */
	u64 n_regs_denied;		/* REGS without a request on the NIC held */
	/* requests a direct daemon was not given: their fast path not held */
	u64 n_direct_mismatch;
	struct pcnet32_sample samples[PCNET32_NSAMPLES];
	u32 n_samples;			/* total recorded, the ring wraps */
	struct dentry *dbg;
};

static inline struct pcnet32_upcall *to_upcall(struct file *f)
{
	struct miscdevice *m = f->private_data;

	return container_of(m, struct pcnet32_upcall, misc);
}

/* upcall-daemon.c */
extern const struct file_operations pcnet32_upcall_fops;
void pcnet32_upcall_free(struct kref *ref);

/* upcall-debugfs.c: the channel's folder and its files (under u->dbg) */
void pcnet32_upcall_debugfs_init(struct pcnet32_upcall *u);

#endif /* PCNET32_UPCALL_PRIV_H */
