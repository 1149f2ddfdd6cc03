// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the upcall channel's pure logic (driver-split/kernel/
 * chan.h): the FIFO queue with id matching, and the checks of everything
 * the daemon hands in.
 */
#include "harness.h"

#include <string.h>
#include <linux/nsfs.h>
#include <linux/remoteproc_cdev.h>

#include "chan.h"

static struct pcnet32u_reply good_reply(u64 id, u32 op)
{
	struct pcnet32u_reply r;

	memset(&r, 0, sizeof(r));
	r.size = sizeof(r);
	r.version = PCNET32U_VERSION;
	r.id = id;
	r.op = op;
	return r;
}

static void test_fifo_order_and_ids(void)
{
	struct pcnet32_chanq q;
	struct pcnet32_req r[5];
	int i;

	pcnet32_chanq_init(&q);
	memset(r, 0, sizeof(r));
	CU_ASSERT_FALSE(pcnet32_chanq_pending(&q));
	CU_ASSERT_PTR_NULL(pcnet32_chanq_take(&q));
	for (i = 0; i < 5; i++)
		pcnet32_chanq_push(&q, &r[i]);
	CU_ASSERT_TRUE(pcnet32_chanq_pending(&q));
	for (i = 0; i < 5; i++) {
		CU_ASSERT_NOT_EQUAL(r[i].id, 0);
		if (i)
			CU_ASSERT(r[i].id > r[i - 1].id);
	}
	/* taken oldest first, whatever order they are answered in */
	for (i = 0; i < 5; i++) {
		struct pcnet32_req *t = pcnet32_chanq_take(&q);

		CU_ASSERT_PTR_EQUAL(t, &r[i]);
		CU_ASSERT_EQUAL(t->state, PCNET32_RQ_TAKEN);
	}
	CU_ASSERT_FALSE(pcnet32_chanq_pending(&q));
	CU_ASSERT_PTR_NULL(pcnet32_chanq_take(&q));
}

static void test_find_by_id(void)
{
	struct pcnet32_chanq q;
	struct pcnet32_req a, b, c;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	pcnet32_chanq_init(&q);
	pcnet32_chanq_push(&q, &a);
	pcnet32_chanq_push(&q, &b);
	pcnet32_chanq_push(&q, &c);
	pcnet32_chanq_take(&q);
	pcnet32_chanq_take(&q);
	/* only taken requests can be answered */
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_find(&q, a.id), &a);
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_find(&q, b.id), &b);
	CU_ASSERT_PTR_NULL(pcnet32_chanq_find(&q, c.id));
	CU_ASSERT_PTR_NULL(pcnet32_chanq_find(&q, 0));
	CU_ASSERT_PTR_NULL(pcnet32_chanq_find(&q, 999));
	/* a finished request is stale: its id no longer matches */
	pcnet32_chanq_finish(&a, -ETIMEDOUT);
	CU_ASSERT_EQUAL(a.state, PCNET32_RQ_DONE);
	CU_ASSERT_EQUAL(a.status, -ETIMEDOUT);
	CU_ASSERT_PTR_NULL(pcnet32_chanq_find(&q, a.id));
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_find(&q, b.id), &b);
	/* finishing twice is harmless */
	pcnet32_chanq_finish(&a, -EIO);
	CU_ASSERT_EQUAL(a.status, -EIO);
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_find(&q, b.id), &b);
	/* a queued request that times out leaves the queue */
	pcnet32_chanq_finish(&c, -ETIMEDOUT);
	CU_ASSERT_FALSE(pcnet32_chanq_pending(&q));
}

static void test_reply_header_checks(void)
{
	struct pcnet32u_reply r = good_reply(7, 3);

	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), 0);
	r.size--;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
	r = good_reply(7, 3);
	r.version = PCNET32U_VERSION + 1;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
	r = good_reply(7, 3);
	r.reserved[3] = 1;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
	r = good_reply(7, 3);
	r.pad = 1;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
	r = good_reply(0, 3);
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
	r = good_reply(7, 3);
	r.status = 1;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
	r.status = -4096;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
	r.status = -EOPNOTSUPP;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), 0);
	r = good_reply(7, 3);
	r.rep_len = PCNET32U_MAX_REPLY + 1;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
	r.rep_len = PCNET32U_MAX_REPLY;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), 0);
	r.proc_ns = ~0ULL;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
}

static void test_reply_against_request(void)
{
	struct pcnet32u_reply r = good_reply(7, 3);
	struct pcnet32_req req;

	memset(&req, 0, sizeof(req));
	req.id = 7;
	req.op = 3;
	req.rep_max = 16;
	r.rep_len = 16;
	CU_ASSERT_EQUAL(pcnet32_check_reply_req(&r, &req), 0);
	r.rep_len = 17;	/* more than the caller can take */
	CU_ASSERT_EQUAL(pcnet32_check_reply_req(&r, &req), -EINVAL);
	r.rep_len = 4;
	r.op = 4;	/* answers another op */
	CU_ASSERT_EQUAL(pcnet32_check_reply_req(&r, &req), -EINVAL);
}

static void test_request_and_copy_prologue(void)
{
	struct pcnet32u_request q;
	struct pcnet32u_copy c;
	struct pcnet32_chanq cq;

	pcnet32_chanq_init(&cq);
	memset(&q, 0, sizeof(q));
	memset(&c, 0, sizeof(c));
	q.size = sizeof(q);
	q.version = PCNET32U_VERSION;
	c.size = sizeof(c);
	c.version = PCNET32U_VERSION;
	CU_ASSERT_EQUAL(pcnet32_check_request_in(&q), 0);
	CU_ASSERT_EQUAL(pcnet32_check_copy_in(&c, &cq), 0);
	q.reserved[0] = 5;
	c.reserved[2] = 5;
	CU_ASSERT_EQUAL(pcnet32_check_request_in(&q), -EINVAL);
	CU_ASSERT_EQUAL(pcnet32_check_copy_in(&c, &cq), -EINVAL);
	q.reserved[0] = 0;
	q.size = sizeof(c);
	CU_ASSERT_EQUAL(pcnet32_check_request_in(&q), -EINVAL);
}

static void test_copy_id_checked(void)
{
	struct pcnet32_chanq q;
	struct pcnet32_req a, b;
	struct pcnet32u_copy c;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.version = PCNET32U_VERSION;
	pcnet32_chanq_init(&q);
	pcnet32_chanq_push(&q, &a);
	pcnet32_chanq_push(&q, &b);
	pcnet32_chanq_take(&q);
	/* 0 (no request), or one the daemon holds: nothing else */
	CU_ASSERT_EQUAL(pcnet32_check_copy_in(&c, &q), 0);
	c.id = a.id;
	CU_ASSERT_EQUAL(pcnet32_check_copy_in(&c, &q), 0);
	c.id = b.id;	/* queued, not taken */
	CU_ASSERT_EQUAL(pcnet32_check_copy_in(&c, &q), -EINVAL);
	c.id = 12345;
	CU_ASSERT_EQUAL(pcnet32_check_copy_in(&c, &q), -EINVAL);
	pcnet32_chanq_finish(&a, 0);	/* answered: no longer held */
	c.id = a.id;
	CU_ASSERT_EQUAL(pcnet32_check_copy_in(&c, &q), -EINVAL);
}

static void test_status_mapped(void)
{
	static const int pass[] = { 0, -EPERM, -EIO, -EAGAIN, -EBUSY, -ENODEV,
				    -EINVAL, -ERANGE, -EPROTO, -EOPNOTSUPP };
	/* kernel-internal codes and the channel's own errors */
	static const int mapped[] = { -512 /* ERESTARTSYS */, -513, -514,
				      -515 /* ENOIOCTLCMD */, -516, -517,
				      -ETIMEDOUT, -ECONNRESET, -ENOTCONN,
				      -EHOSTDOWN, -EINTR, -EFAULT, -ENOMEM,
				      -ENOENT, -4095, -1000 };
	struct pcnet32u_reply r = good_reply(7, 3);
	bool m;
	size_t i;

	for (i = 0; i < sizeof(pass) / sizeof(pass[0]); i++) {
		CU_ASSERT_EQUAL(pcnet32_status_map(pass[i], &m), pass[i]);
		CU_ASSERT_FALSE(m);
	}
	for (i = 0; i < sizeof(mapped) / sizeof(mapped[0]); i++) {
		CU_ASSERT_EQUAL(pcnet32_status_map(mapped[i], &m), -EIO);
		CU_ASSERT_TRUE(m);
	}
	/* an error carries no payload */
	r.status = -EINVAL;
	r.rep_len = 4;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), -EINVAL);
	r.rep_len = 0;
	CU_ASSERT_EQUAL(pcnet32_check_reply_hdr(&r), 0);
}

static void push(struct pcnet32_chanq *q, struct pcnet32_req *r, bool replay)
{
	memset(r, 0, sizeof(*r));
	r->replay = replay;
	pcnet32_chanq_push(q, r);
}

static void test_replay_once(void)
{
	struct pcnet32_chanq q;
	struct pcnet32_req a, b, c, d, e;
	u64 masked = 0, reset = 0;

	pcnet32_chanq_init(&q);
	pcnet32_chanq_attach(&q);
	push(&q, &a, true);	/* taken, replayable */
	push(&q, &b, false);	/* taken, a set op */
	push(&q, &c, true);	/* taken, replayable */
	push(&q, &d, true);	/* queued, replayable */
	push(&q, &e, false);	/* queued, a set op */
	pcnet32_chanq_take(&q);
	pcnet32_chanq_take(&q);
	pcnet32_chanq_take(&q);
	pcnet32_chanq_daemon_gone(&q, &masked, &reset);
	CU_ASSERT_EQUAL(masked, 2);
	CU_ASSERT_EQUAL(reset, 2);
	CU_ASSERT_EQUAL(b.state, PCNET32_RQ_DONE);
	CU_ASSERT_EQUAL(b.status, -ECONNRESET);
	CU_ASSERT_EQUAL(e.state, PCNET32_RQ_DONE);
	CU_ASSERT_EQUAL(e.status, -ECONNRESET);
	CU_ASSERT_TRUE(a.replayed && c.replayed);
	CU_ASSERT_FALSE(d.replayed);
	/* the next daemon takes them oldest first, ids unchanged */
	pcnet32_chanq_attach(&q);
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_take(&q), &a);
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_take(&q), &c);
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_take(&q), &d);
	CU_ASSERT_PTR_NULL(pcnet32_chanq_take(&q));
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_find(&q, a.id), &a);
	/* that daemon dies too: the replayed ones fail, d gets its replay */
	pcnet32_chanq_daemon_gone(&q, &masked, &reset);
	CU_ASSERT_EQUAL(masked, 3);
	CU_ASSERT_EQUAL(reset, 4);
	CU_ASSERT_EQUAL(a.status, -ECONNRESET);
	CU_ASSERT_EQUAL(c.status, -ECONNRESET);
	CU_ASSERT_EQUAL(a.state, PCNET32_RQ_DONE);
	CU_ASSERT_EQUAL(d.state, PCNET32_RQ_QUEUED);
	CU_ASSERT_TRUE(pcnet32_chanq_pending(&q));
}

static void test_expired_and_unresponsive(void)
{
	struct pcnet32_chanq q;
	struct pcnet32_req a, b, c, d;
	u64 masked = 0, reset = 0;
	bool unresp;

	pcnet32_chanq_init(&q);
	pcnet32_chanq_attach(&q);
	push(&q, &a, false);
	push(&q, &b, true);
	/* never taken by the daemon it was queued for: unresponsive */
	CU_ASSERT_EQUAL(pcnet32_chanq_expired(&q, &a, true, &unresp), -ETIMEDOUT);
	CU_ASSERT_TRUE(unresp);
	/* no daemon attached (it died): nobody to blame, a reset */
	CU_ASSERT_EQUAL(pcnet32_chanq_expired(&q, &a, false, &unresp), -ECONNRESET);
	CU_ASSERT_FALSE(unresp);
	/* taken and late: a timeout, not unresponsiveness */
	pcnet32_chanq_take(&q);
	CU_ASSERT_EQUAL(pcnet32_chanq_expired(&q, &a, true, &unresp), -ETIMEDOUT);
	CU_ASSERT_FALSE(unresp);
	/*
	 * Requests of a daemon that died: b (taken, replayed) and d (queued,
	 * never taken) wait for the next daemon; at their deadline they fail
	 * with a reset, and the new daemon, which may still be starting, is
	 * not blamed.
	 */
	pcnet32_chanq_take(&q);
	push(&q, &d, true);
	pcnet32_chanq_daemon_gone(&q, &masked, &reset);
	pcnet32_chanq_attach(&q);
	CU_ASSERT_EQUAL(b.state, PCNET32_RQ_QUEUED);
	CU_ASSERT_TRUE(b.replayed);
	CU_ASSERT_EQUAL(d.state, PCNET32_RQ_QUEUED);
	CU_ASSERT_FALSE(d.replayed);
	CU_ASSERT_EQUAL(pcnet32_chanq_expired(&q, &b, true, &unresp), -ECONNRESET);
	CU_ASSERT_FALSE(unresp);
	CU_ASSERT_EQUAL(pcnet32_chanq_expired(&q, &d, true, &unresp), -ECONNRESET);
	CU_ASSERT_FALSE(unresp);
	/* and a new request is the new daemon's */
	push(&q, &c, false);
	CU_ASSERT_EQUAL(pcnet32_chanq_expired(&q, &c, true, &unresp), -ETIMEDOUT);
	CU_ASSERT_TRUE(unresp);
	CU_ASSERT_EQUAL(pcnet32_chanq_fail_queued(&q, -EHOSTDOWN), 3);
	CU_ASSERT_EQUAL(c.status, -EHOSTDOWN);
	CU_ASSERT_EQUAL(b.status, -EHOSTDOWN);
	CU_ASSERT_EQUAL(d.status, -EHOSTDOWN);
	CU_ASSERT_FALSE(pcnet32_chanq_pending(&q));
}

static void test_ioctl_magic_free(void)
{
	/* 0xb7 belongs to nsfs and remoteproc (ioctl-number.rst) */
	CU_ASSERT_NOT_EQUAL(_IOC_TYPE(PCNET32U_IOC_REQUEST), NSIO);
	CU_ASSERT_NOT_EQUAL(_IOC_TYPE(PCNET32U_IOC_REQUEST), RPROC_MAGIC);
	CU_ASSERT_EQUAL(_IOC_TYPE(PCNET32U_IOC_COPY), PCNET32U_IOC_MAGIC);
	CU_ASSERT_EQUAL(_IOC_TYPE(PCNET32U_IOC_REPLY), PCNET32U_IOC_MAGIC);
	CU_ASSERT_EQUAL(PCNET32U_IOC_MAGIC, 0xbc);
	CU_ASSERT(PCNET32U_VERSION >= 2);
}

static void test_abi_layout(void)
{
	/* fixed layout: no implicit padding, 8-byte aligned sizes */
	CU_ASSERT_EQUAL(sizeof(struct pcnet32u_request), 40 + PCNET32U_MAX_ARG);
	CU_ASSERT_EQUAL(sizeof(struct pcnet32u_copy), 64 + PCNET32U_MAX_STATE);
	CU_ASSERT_EQUAL(sizeof(struct pcnet32u_reply), 64 + PCNET32U_MAX_REPLY);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_reply, rep), 64);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_copy, state), 64);
}

static CU_TestInfo chan_tests[] = {
	{ "FIFO order, unique non-zero ids", test_fifo_order_and_ids },
	{ "replies match taken requests by id only", test_find_by_id },
	{ "reply header checks", test_reply_header_checks },
	{ "reply checked against its request", test_reply_against_request },
	{ "request and copy prologue checks", test_request_and_copy_prologue },
	{ "ABI structures have a fixed layout", test_abi_layout },
	{ "COPY's id: 0 or a request the daemon holds", test_copy_id_checked },
	{ "daemon statuses: allowed set, others EIO, no payload", test_status_mapped },
	{ "a dead daemon's get ops are replayed once, in order", test_replay_once },
	{ "deadline: timeout, reset, or unresponsive daemon", test_expired_and_unresponsive },
	{ "ioctl magic is not nsfs's or remoteproc's", test_ioctl_magic_free },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "split: channel logic", NULL, NULL, chan_tests);
