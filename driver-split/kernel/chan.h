/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The upcall channel's pure logic: checks of what the daemon hands in, and
 * the FIFO queue that matches replies to requests by id. No locking and no
 * allocation here (the caller holds the channel's lock), so the same code is
 * unit-tested on the host (tests/split_unit.c) and used by the module.
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
	/* phase timestamps (ns) and daemon-reported durations */
	u64 t_enq, t_taken, t_reply, t_done;
	u64 copy_ns, proc_ns;
};

struct pcnet32_chanq {
	struct list_head queue;	/* PCNET32_RQ_QUEUED, oldest first */
	struct list_head taken;	/* PCNET32_RQ_TAKEN */
	u64 next_id;
};

static inline void pcnet32_chanq_init(struct pcnet32_chanq *q)
{
	INIT_LIST_HEAD(&q->queue);
	INIT_LIST_HEAD(&q->taken);
	q->next_id = 0;
}

/* Queue a request at the tail; it gets the next id (never 0). */
static inline void pcnet32_chanq_push(struct pcnet32_chanq *q,
				      struct pcnet32_req *r)
{
	r->id = ++q->next_id;
	r->state = PCNET32_RQ_QUEUED;
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

static inline int pcnet32_check_copy_in(const struct pcnet32u_copy *c)
{
	if (c->size != sizeof(*c) || c->version != PCNET32U_VERSION)
		return -EINVAL;
	if (!pcnet32_zero(c->reserved, sizeof(c->reserved)))
		return -EINVAL;
	return 0;
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
	/* statistics only, but bounded: no phase lasts a minute */
	if (r->copy_ns > 60ULL * 1000000000ULL || r->proc_ns > 60ULL * 1000000000ULL)
		return -EINVAL;
	return 0;
}

/*
 * Checks of a reply against the request it answers: same op, and a length
 * the caller can take. Op-specific checks of the contents come after.
 */
static inline int pcnet32_check_reply_req(const struct pcnet32u_reply *r,
					  const struct pcnet32_req *req)
{
	if (r->op != req->op)
		return -EINVAL;
	if (r->rep_len > req->rep_max)
		return -EINVAL;
	return 0;
}

#endif
