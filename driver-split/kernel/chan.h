/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The upcall channel's pure logic: checks of what the daemon hands in, and
 * the FIFO queue that matches replies to requests by id. No locking and no
 * allocation here (the caller holds the channel's lock), so the same code is
 * unit-tested on the host (tests/unit/split_chan.c) and used by the module.
 *
 * Daemon generations: every daemon that attaches starts a generation
 * (q->gen); a request remembers the generation it was queued for. A request
 * still queued at its deadline, queued for the daemon attached now, was
 * never taken by it for a whole deadline: that daemon is unresponsive. A
 * request queued for an earlier daemon (one that died) says nothing about
 * the new one, which may still be starting.
 *
 * Replay: when a daemon dies, a request of an op without side effects
 * (PCNET32_OPF_REPLAY) that it had taken goes back to the head of the queue
 * once, for the next daemon, within its caller's deadline; queued requests
 * of such ops wait for the next daemon as well. Every other request fails
 * with -ECONNRESET, and so does one waiting for the next daemon when its
 * deadline passes before a daemon takes it.
 */
#ifndef PCNET32_CHAN_H
#define PCNET32_CHAN_H

#include <linux/errno.h>
#include <linux/list.h>
#include <linux/types.h>
#include "pcnet32_upcall.h"

enum pcnet32_req_state {
	PCNET32_RQ_QUEUED,	/* waiting in the FIFO */
	PCNET32_RQ_TAKEN,	/* handed to the daemon, reply pending */
	PCNET32_RQ_DONE,	/* answered or failed; off every list */
};

struct pcnet32_req {
	struct list_head node;
	u64 id;
	u32 op;
	u32 arg_len;
	const void *arg;
	void *rep;		/* caller's reply buffer */
	u32 rep_max;
	u32 rep_len;
	int status;
	enum pcnet32_req_state state;
	bool replay;		/* the op may run again (no side effects) */
	bool ports;		/* the op reaches the NIC (register programs) */
	bool held;		/* its caller holds the fast path off: only
				 * then may a daemon with direct ports take it
				 */
	bool replayed;		/* it did: once only */
	u64 gen;		/* the daemon generation it was queued for */
	/* phase timestamps (ns) and daemon-reported durations */
	u64 t_enq, t_taken, t_reply, t_done;
	u64 copy_ns, proc_ns;
};

struct pcnet32_chanq {
	struct list_head queue;	/* PCNET32_RQ_QUEUED, oldest first */
	struct list_head taken;	/* PCNET32_RQ_TAKEN */
	u64 next_id;
	u64 gen;		/* the attached (or last) daemon's generation */
};

static inline void pcnet32_chanq_init(struct pcnet32_chanq *q)
{
	INIT_LIST_HEAD(&q->queue);
	INIT_LIST_HEAD(&q->taken);
	q->next_id = 0;
	q->gen = 0;
}

/* A daemon attaches: a new generation. */
static inline void pcnet32_chanq_attach(struct pcnet32_chanq *q)
{
	q->gen++;
}

/* Queue a request at the tail; it gets the next id (never 0). */
static inline void pcnet32_chanq_push(struct pcnet32_chanq *q,
				      struct pcnet32_req *r)
{
	r->id = ++q->next_id;
	r->state = PCNET32_RQ_QUEUED;
	r->replayed = false;
	r->gen = q->gen;
	list_add_tail(&r->node, &q->queue);
}

/* Take the oldest queued request for the daemon, or NULL. */
static inline struct pcnet32_req *pcnet32_chanq_take(struct pcnet32_chanq *q)
{
	struct pcnet32_req *r;

	if (list_empty(&q->queue))
		return NULL;
	r = list_first_entry(&q->queue, struct pcnet32_req, node);
	list_move_tail(&r->node, &q->taken);
	r->state = PCNET32_RQ_TAKEN;
	return r;
}

/* The in-flight request with this id, or NULL (stale or unknown id). */
static inline struct pcnet32_req *pcnet32_chanq_find(struct pcnet32_chanq *q,
						     u64 id)
{
	struct pcnet32_req *r;

	list_for_each_entry(r, &q->taken, node)
		if (r->id == id)
			return r;
	return NULL;
}

/* Finish a request: off its list, with a status. */
static inline void pcnet32_chanq_finish(struct pcnet32_req *r, int status)
{
	if (r->state != PCNET32_RQ_DONE)
		list_del_init(&r->node);
	r->state = PCNET32_RQ_DONE;
	r->status = status;
}

/*
 * The daemon is gone (its file released): replay or fail its requests, as
 * the header comment says. Adds the replayed (taken, put back) and the
 * failed requests to *masked and *reset.
 */
static inline void pcnet32_chanq_daemon_gone(struct pcnet32_chanq *q,
					     u64 *masked, u64 *reset)
{
	struct pcnet32_req *r, *tmp;

	list_for_each_entry_safe(r, tmp, &q->queue, node) {
		if (!r->replay) {
			pcnet32_chanq_finish(r, -ECONNRESET);
			(*reset)++;
		}
	}
	/* newest first onto the head: the oldest ends up first, as taken */
	list_for_each_entry_safe_reverse(r, tmp, &q->taken, node) {
		if (r->replay && !r->replayed) {
			r->replayed = true;
			r->state = PCNET32_RQ_QUEUED;
			list_move(&r->node, &q->queue);
			(*masked)++;
		} else {
			pcnet32_chanq_finish(r, -ECONNRESET);
			(*reset)++;
		}
	}
}

/*
 * The caller's deadline passed and r is not answered: the status it fails
 * with, and whether the attached daemon is to be declared unresponsive (r
 * was queued for it and never taken).
 */
static inline int pcnet32_chanq_expired(const struct pcnet32_chanq *q,
					const struct pcnet32_req *r,
					bool attached, bool *unresponsive)
{
	*unresponsive = false;
	if (r->state == PCNET32_RQ_QUEUED) {
		/* its daemon died (it was replayed, or waited for the next) */
		if (r->replayed || !attached || r->gen != q->gen)
			return -ECONNRESET;
		*unresponsive = true;
	}
	return -ETIMEDOUT;
}

/* Fail every queued request with status; returns how many. */
static inline u64 pcnet32_chanq_fail_queued(struct pcnet32_chanq *q, int status)
{
	struct pcnet32_req *r, *tmp;
	u64 n = 0;

	list_for_each_entry_safe(r, tmp, &q->queue, node) {
		pcnet32_chanq_finish(r, status);
		n++;
	}
	return n;
}

/* Whether a request is waiting for the daemon. */
static inline bool pcnet32_chanq_pending(struct pcnet32_chanq *q)
{
	return !list_empty(&q->queue);
}

static inline bool pcnet32_zero(const void *p, size_t len)
{
	const u8 *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

/* The size/version/reserved prologue every structure in the ABI has. */
static inline int pcnet32_check_request_in(const struct pcnet32u_request *q)
{
	if (q->size != sizeof(*q) || q->version != PCNET32U_VERSION)
		return -EINVAL;
	if (!pcnet32_zero(q->reserved, sizeof(q->reserved)))
		return -EINVAL;
	return 0;
}

/* COPY's id is 0 or a request the daemon holds (taken, not answered). */
static inline int pcnet32_check_copy_in(const struct pcnet32u_copy *c,
					struct pcnet32_chanq *q)
{
	if (c->size != sizeof(*c) || c->version != PCNET32U_VERSION)
		return -EINVAL;
	if (!pcnet32_zero(c->reserved, sizeof(c->reserved)))
		return -EINVAL;
	if (c->id && !pcnet32_chanq_find(q, c->id))
		return -EINVAL;
	return 0;
}

/*
 * HELLO: the version first (EPROTONOSUPPORT, whatever the size), then the
 * structure; the declared ops must be a subset of user_ops (the ops the
 * daemon runs). in_len is the size the command encodes.
 */
static inline int pcnet32_check_hello(const struct pcnet32u_hello *h,
				      u32 in_len, u64 user_ops)
{
	if (h->version != PCNET32U_VERSION)
		return -EPROTONOSUPPORT;
	if (in_len != sizeof(*h) || h->size != sizeof(*h))
		return -EINVAL;
	if ((h->flags & ~PCNET32U_HELLO_PORTS_DIRECT) || h->pad ||
	    !pcnet32_zero(h->reserved, sizeof(h->reserved)))
		return -EINVAL;
	if (!pcnet32_zero(&h->nic, sizeof(h->nic)))
		return -EINVAL;
	if (h->ops[0] & ~user_ops)
		return -EINVAL;
	return 0;
}

/*
 * REGS: the header (the program itself is pcnet32_regprog_check()'s and
 * the firewall's).
 */
static inline int pcnet32_check_regs_hdr(const struct pcnet32u_regs *b)
{
	if (b->size != sizeof(*b) || b->version != PCNET32U_VERSION)
		return -EINVAL;
	if (b->pad || !pcnet32_zero(b->reserved, sizeof(b->reserved)))
		return -EINVAL;
	if (!b->n_ops)
		return -EINVAL;
	if (b->n_ops > PCNET32U_REGS_MAX_OPS)
		return -E2BIG;
	return 0;
}

/* FACTS: the structure (the values are check.c's pcnet32_check_facts). */
static inline int pcnet32_check_facts_hdr(const struct pcnet32u_facts *f)
{
	if (f->size != sizeof(*f) || f->version != PCNET32U_VERSION)
		return -EINVAL;
	if (f->pad || !pcnet32_zero(f->reserved, sizeof(f->reserved)))
		return -EINVAL;
	return 0;
}

/*
 * The status a daemon's reply status becomes for the caller: 0 and the
 * errnos of PCNET32U_STATUS_ALLOWED pass, anything else is -EIO (*mapped
 * set). Checked by pcnet32_check_reply_hdr to be within -4095..0 first.
 */
static inline int pcnet32_status_map(int status, bool *mapped)
{
	static const int allowed[] = PCNET32U_STATUS_ALLOWED;
	size_t i;

	*mapped = false;
	if (!status)
		return 0;
	for (i = 0; allowed[i]; i++)
		if (status == -allowed[i])
			return status;
	*mapped = true;
	return -EIO;
}

/* Checks of a reply that do not depend on the op. */
static inline int pcnet32_check_reply_hdr(const struct pcnet32u_reply *r)
{
	if (r->size != sizeof(*r) || r->version != PCNET32U_VERSION)
		return -EINVAL;
	if (r->pad || !pcnet32_zero(r->reserved, sizeof(r->reserved)))
		return -EINVAL;
	if (!r->id)
		return -EINVAL;
	if (r->status > 0 || r->status < -4095)
		return -EINVAL;
	if (r->rep_len > PCNET32U_MAX_REPLY)
		return -EINVAL;
	if (r->status && r->rep_len)
		return -EINVAL;	/* an error carries no payload */
	/* statistics only, but bounded: no phase lasts a minute */
	if (r->copy_ns > 60ULL * 1000000000ULL || r->proc_ns > 60ULL * 1000000000ULL)
		return -EINVAL;
	return 0;
}

/*
 * FETCH's header (everything before arg[], as copied in): the prologue,
 * the fields the daemon must leave zero, and, with an id, the commit's
 * checks that do not depend on the op (REPLY's).
 */
static inline int pcnet32_check_fetch_hdr(const struct pcnet32u_fetch *f)
{
	if (f->size != sizeof(*f) || f->version != PCNET32U_VERSION)
		return -EINVAL;
	/* arg_len and state_len are out only: what they hold is ignored */
	if ((f->flags & ~PCNET32U_FETCH_NOWAIT) ||
	    !pcnet32_zero(f->reserved, sizeof(f->reserved)))
		return -EINVAL;
	if (!f->id) {
		/* nothing to commit: nothing else may be set */
		if (f->op || f->status || f->rep_len || f->proc_ns || f->flags)
			return -EINVAL;
		return 0;
	}
	if (f->status > 0 || f->status < -4095)
		return -EINVAL;
	if (f->rep_len > PCNET32U_MAX_REPLY)
		return -EINVAL;
	if (f->status && f->rep_len)
		return -EINVAL;	/* an error carries no payload */
	if (f->proc_ns > 60ULL * 1000000000ULL)
		return -EINVAL;
	return 0;
}

/*
 * Checks of a reply against the request it answers: same op, and a length
 * the caller can take. Op-specific checks of the contents come after.
 */
static inline int pcnet32_check_commit_req(u32 op, u32 rep_len,
					   const struct pcnet32_req *req)
{
	if (op != req->op)
		return -EINVAL;
	if (rep_len > req->rep_max)
		return -EINVAL;
	return 0;
}

static inline int pcnet32_check_reply_req(const struct pcnet32u_reply *r,
					  const struct pcnet32_req *req)
{
	return pcnet32_check_commit_req(r->op, r->rep_len, req);
}

/*
 * A daemon declared the ops it serves (HELLO): fail the queued requests of
 * any other op at once; returns how many.
 */
static inline u64 pcnet32_chanq_fail_undeclared(struct pcnet32_chanq *q,
						u64 served)
{
	struct pcnet32_req *r, *tmp;
	u64 n = 0;

	list_for_each_entry_safe(r, tmp, &q->queue, node) {
		if (r->op < 64 && (served & (1ULL << r->op)))
			continue;
		pcnet32_chanq_finish(r, -EOPNOTSUPP);
		n++;
	}
	return n;
}

#endif
