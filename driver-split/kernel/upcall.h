/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel end of the upcall channel: a misc device per NIC that the
 * daemon opens, a FIFO queue of requests matched to replies by id, a
 * deadline for every caller, and per-request phase timings.
 */
#ifndef PCNET32_UPCALL_KERNEL_H
#define PCNET32_UPCALL_KERNEL_H

#include <linux/types.h>
#include "pcnet32_upcall.h"

struct device;
struct pcnet32_upcall;

struct pcnet32_upcall_ops {
	/*
	 * Fill the COPY answer: the interface name (16 bytes) and the state
	 * snapshot (at most max bytes); return the snapshot's length. Runs
	 * under the channel's spinlock (which fences ctx against the NIC's
	 * removal): no sleeping.
	 */
	u32 (*snapshot)(void *ctx, char *ifname, u8 *state, u32 max);
	/*
	 * Check a reply of op before anyone uses it: rep_len bytes at rep,
	 * arg/arg_len the request's argument. Return 0 when the reply is
	 * well-formed and within bounds. Runs under a spinlock: no sleeping.
	 */
	int (*check_reply)(void *ctx, u32 op, const void *arg, u32 arg_len,
			   const void *rep, u32 rep_len);
	/*
	 * HELLO's answer: chip_id, has_mii, ifname and the state snapshot
	 * (the channel adds the ports and irq). Under the spinlock.
	 */
	void (*describe)(void *ctx, struct pcnet32u_nic *nic);
	/*
	 * Check the daemon's published facts against the kernel's bounds:
	 * 0, or -ERANGE (refused, nothing published). Under the spinlock.
	 */
	int (*check_facts)(void *ctx, const struct pcnet32u_facts *f);
	/*
	 * Check and run a register program of n accesses for op (REGS):
	 * 0, -ETIMEDOUT (a POLL ran out; *n_vals, *n_done say how far it
	 * got), or the refusal (-EINVAL, -E2BIG, -EPERM: nothing ran).
	 * Called without the lock, in process context; ctx is valid.
	 */
	int (*regs)(void *ctx, u32 op, const struct pcnet32u_reg_op *ops, u32 n,
		    u16 *vals, u32 *n_vals, u32 *n_done);
};

struct pcnet32_upcall_info {
	u32 io_base;
	u32 io_len;
	u32 irq;
	u64 user_ops;	/* the ops a daemon may declare (bit = op id) */
};

struct pcnet32_upcall *pcnet32_upcall_create(struct device *parent, int index,
					     const struct pcnet32_upcall_ops *ops,
					     void *ctx,
					     const struct pcnet32_upcall_info *info);
void pcnet32_upcall_destroy(struct pcnet32_upcall *u);

/* pcnet32_upcall_call() flags */
#define PCNET32_UPCALL_PORTS	0x1	/* the fast path is held off: a daemon
					 * with direct ports may run the op
					 */
#define PCNET32_UPCALL_REPLAY	0x2	/* no side effects: may run twice */
#define PCNET32_UPCALL_NIC	0x4	/* the op reaches the NIC: REGS allowed */

/*
 * Send op to the daemon and wait for its reply, at most the deadline
 * (module parameter upcall_timeout_ms). On success returns the daemon's
 * status (0 or one of the errnos PCNET32U_STATUS_ALLOWED, any other is
 * -EIO) and copies the checked reply into rep (*rep_len set to its
 * length, at most rep_max; nothing with a non-zero status). The channel's
 * own errors:
 * -ENOTCONN (no daemon holds the channel: fails at once),
 * -ETIMEDOUT (no reply in time: the daemon is hung or late),
 * -EHOSTDOWN (the daemon took no request for a whole deadline: declared
 *  unresponsive and killed; callers fail at once until it is gone),
 * -ECONNRESET (the daemon's file closed while the request was pending; for
 *  a REPLAY op, the request is first re-queued once for the next daemon),
 * -EIO (the reply failed its checks), -EINTR (the caller was killed),
 * -EOPNOTSUPP (the daemon did not declare op at HELLO: no upcall made).
 * PORTS: if the daemon took such a request and misses the deadline, it may
 * still be touching them while the kernel takes them back: it is killed,
 * and the call returns once its file is released (at most 2 s more). A
 * caller killed meanwhile still waits, up to the deadline, for the reply.
 */
int pcnet32_upcall_call(struct pcnet32_upcall *u, u32 op, u32 flags,
			const void *arg, u32 arg_len,
			void *rep, u32 rep_max, u32 *rep_len);

/*
 * The facts the attached daemon published (PCNET32U_IOC_FACTS, checked):
 * 0 and a copy in *f, or -ENOENT (none: no daemon, or it published none).
 */
int pcnet32_upcall_facts(struct pcnet32_upcall *u, struct pcnet32u_facts *f);

/*
 * Whether the attached daemon said PCNET32U_HELLO_PORTS_DIRECT (it takes
 * the NIC's ports itself; a request it takes may touch them only if its
 * caller passed PCNET32_UPCALL_PORTS: any other fails with -EAGAIN).
 */
bool pcnet32_upcall_direct(struct pcnet32_upcall *u);

/* Whether a daemon currently holds the channel open. */
bool pcnet32_upcall_connected(struct pcnet32_upcall *u);

#endif
