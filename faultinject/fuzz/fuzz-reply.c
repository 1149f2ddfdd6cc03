// SPDX-License-Identifier: GPL-2.0
/*
 * The fuzzer's reply generator: one taken request, one decision (seeded by
 * its index), one category of answer. A plausible answer is the real
 * daemon's: COPY, then the very op of pcnet32/slow.c through the daemon's
 * dispatch (driver-split/daemon/dispatch.c), on the real ports (a direct
 * server) or through the kernel's register programs (a mediated one).
 * Every other category starts from it or from nothing and breaks
 * something; REGS (mediated servers only) sends random register programs
 * of its own first (fuzz-regs.c).
 *
 * A hostile reply the kernel refuses without finishing the request (wrong
 * id, size, version, reserved field, status out of range) would leave the
 * caller waiting until its deadline, and on the ports the kernel then
 * kills us: so most are followed by a plausible reply (category FOLLOWUP),
 * and one in 16 is left to hang, as NONE does on purpose.
 *
 * Half the decisions (of the serving thread) send their replies as FETCH
 * commits instead of REPLY, the same fields in FETCH's header: both
 * protocols' reply paths meet every category. A commit the kernel accepts
 * then waits for the next request (briefly: an alarm ends the wait, the
 * commit is done); one it hands over is answered next (s->pending).
 */
#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dispatch.h"
#include "regs.h"
#include "fuzz.h"

const char *const fuzz_cat_name[FUZZ_NCAT] = {
#define FUZZ_CAT_NAME(NAME, WHAT) #NAME,
	FUZZ_CATEGORIES(FUZZ_CAT_NAME)
#undef FUZZ_CAT_NAME
};

/* the op table's reply sizes, the kernel's expectation per op */
#define FUZZ_REP_SIZE(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY) [ID] = sizeof(struct REP),
static const uint32_t fuzz_rep_size[PCNET32_OP_MAX] = {
	PCNET32_OPS(FUZZ_REP_SIZE)
};
#undef FUZZ_REP_SIZE

/* relative weights of the categories a request meets */
static const unsigned int fuzz_weight[FUZZ_NCAT] = {
	[FUZZ_CAT_PLAUSIBLE] = 18, [FUZZ_CAT_FLIP] = 14, [FUZZ_CAT_RANDOM] = 9,
	[FUZZ_CAT_EXTREME] = 8, [FUZZ_CAT_STATUS] = 16, [FUZZ_CAT_WRONG_ID] = 4,
	[FUZZ_CAT_WRONG_OP] = 4, [FUZZ_CAT_WRONG_SIZE] = 3,
	[FUZZ_CAT_WRONG_VERSION] = 2, [FUZZ_CAT_WRONG_LEN] = 4,
	[FUZZ_CAT_RESERVED] = 4, [FUZZ_CAT_DOUBLE] = 3, [FUZZ_CAT_NONE] = 1,
	[FUZZ_CAT_COPY_OTHER] = 4, [FUZZ_CAT_CLOSE_REOPEN] = 2,
	[FUZZ_CAT_CLOSE_THREAD] = 2, [FUZZ_CAT_FORK_KEEP] = 1,
	[FUZZ_CAT_REGS] = 14,
};

/* a direct server has no REGS: its programs run on its own ports */
static unsigned int weight_of(const struct fuzz_server *s, unsigned int cat)
{
	return cat == FUZZ_CAT_REGS && s->direct ? 0 : fuzz_weight[cat];
}

static enum fuzz_cat pick_category(const struct fuzz_server *s, struct fuzz_rng *r)
{
	unsigned int total = 0, x, i;

	for (i = 0; i < FUZZ_NCAT; i++)
		total += weight_of(s, i);
	x = fuzz_below(r, total);
	for (i = 0; i < FUZZ_NCAT; i++) {
		if (x < weight_of(s, i))
			return (enum fuzz_cat)i;
		x -= weight_of(s, i);
	}
	return FUZZ_CAT_PLAUSIBLE;
}

static uint32_t rep_size_of(uint32_t op)
{
	return op < PCNET32_OP_MAX ? fuzz_rep_size[op] : 0;
}

static void remember_id(struct fuzz_server *s, uint64_t id)
{
	memmove(&s->recent_ids[1], &s->recent_ids[0],
		sizeof(s->recent_ids) - sizeof(s->recent_ids[0]));
	s->recent_ids[0] = id;
}

static int do_copy(struct fuzz_server *s, uint64_t id, struct pcnet32u_copy *c)
{
	int ret;

	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	c->version = PCNET32U_VERSION;
	c->id = id;
	ret = ioctl(s->fd, PCNET32U_IOC_COPY, c);
	fuzz_hist_add(&s->st->copy, ret, errno);
	return ret;
}

/* The real daemon's answer to req, in p (header and payload). */
static void plausible(struct fuzz_server *s, const struct pcnet32u_request *req,
		      struct pcnet32u_reply *p)
{
	static struct pcnet32u_copy c;
	struct pcnet32_io io = { .base = s->io_base };
	struct pcnet32d_chan chan = { .fd = s->fd, .direct = s->direct, .id = req->id };
	uint32_t len = 0;
	int status = -EIO;

	memset(p, 0, sizeof(*p));
	if (!do_copy(s, req->id, &c))
		status = pcnet32d_dispatch(&io, &chan, c.state, c.state_len, req->op,
					   req->arg, req->arg_len, p->rep,
					   sizeof(p->rep), &len);
	p->size = sizeof(*p);
	p->version = PCNET32U_VERSION;
	p->id = req->id;
	p->op = req->op;
	p->status = status;
	p->rep_len = status ? 0 : len;
	p->copy_ns = 1000;
	p->proc_ns = 1000;
}

/* p as a FETCH commit; 0 (committed) or the errno */
static int send_fetch(struct fuzz_server *s, const struct pcnet32u_reply *p)
{
	static struct pcnet32u_fetch f;
	uint32_t n = p->rep_len < PCNET32U_MAX_REPLY ? p->rep_len : PCNET32U_MAX_REPLY;
	int ret, e;

	memset(&f, 0, offsetof(struct pcnet32u_fetch, arg));
	/* a wrong size stays as wrong */
	f.size = p->size == sizeof(*p) ? sizeof(f) : p->size;
	f.version = p->version;
	f.id = p->id;
	f.op = p->op;
	f.status = p->status;
	f.rep_len = p->rep_len;
	f.flags = p->pad;
	memcpy(f.reserved, p->reserved, sizeof(f.reserved));
	f.proc_ns = p->proc_ns;
	memcpy(f.rep, p->rep, n);
	fuzz_count(&s->st->via_fetch);
	fuzz_alarm_ms(20);
	ret = ioctl(s->fd, PCNET32U_IOC_FETCH, &f);
	e = ret ? errno : 0;
	fuzz_alarm_ms(0);
	if (e == EINTR)
		return 0;	/* committed; no next request within 20 ms */
	if (!e) {
		/* committed, and the next request is ours: answer it next */
		memset(&s->pending, 0, sizeof(s->pending));
		s->pending.size = sizeof(s->pending);
		s->pending.version = PCNET32U_VERSION;
		s->pending.id = f.id;
		s->pending.op = f.op;
		s->pending.arg_len = f.arg_len < PCNET32U_MAX_ARG ? f.arg_len : PCNET32U_MAX_ARG;
		memcpy(s->pending.arg, f.arg, s->pending.arg_len);
		s->has_pending = 1;
		fuzz_count(&s->st->fetch_took);
	}
	return e;
}

/* Send p; count the kernel's answer under cat. Returns 0 or the errno. */
static int send_reply(struct fuzz_server *s, enum fuzz_cat cat, const struct pcnet32u_reply *p)
{
	int fetch = s->via_fetch && !s->has_pending && gettid() == s->tid;
	int ret = fetch ? 0 : ioctl(s->fd, PCNET32U_IOC_REPLY, p);
	int e = ret ? errno : 0;

	if (fetch) {
		e = send_fetch(s, p);
		ret = e ? -1 : 0;
	}
	fuzz_hist_add(&s->st->reply[cat], ret, e);
	return e;
}

/* Statuses: mostly walking -1..-4095 over the run, and the odd ones. */
static int32_t pick_status(struct fuzz_server *s, struct fuzz_rng *r)
{
	static const int32_t odd[] = {
		0, 1, 2, 4095, 4096, INT_MAX, -512 /* ERESTARTSYS */,
		-513, -514, -515 /* ENOIOCTLCMD */, -516, -517, -524 /* ENOTSUPP */,
		INT_MIN, INT_MIN + 1, -4096, -4097, -65536,
	};
	uint64_t k;

	if (fuzz_below(r, 10) < 4)
		return odd[fuzz_below(r, sizeof(odd) / sizeof(odd[0]))];
	k = __atomic_fetch_add(&s->st->status_seq, 1, __ATOMIC_RELAXED);
	return -(int32_t)(k % 4095) - 1;
}

static void flip_bits(struct fuzz_rng *r, struct pcnet32u_reply *p)
{
	uint32_t n = 1 + fuzz_below(r, 3), len = p->rep_len ? p->rep_len : 1, i;

	for (i = 0; i < n; i++) {
		uint32_t bit = fuzz_below(r, len * 8);

		p->rep[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
}

static void random_bytes(struct fuzz_rng *r, uint8_t *b, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)fuzz_next(r);
}

/* A header for req that passes every check, with an empty payload. */
static void bare(const struct pcnet32u_request *req, struct pcnet32u_reply *p)
{
	memset(p, 0, sizeof(*p));
	p->size = sizeof(*p);
	p->version = PCNET32U_VERSION;
	p->id = req->id;
	p->op = req->op;
}

static void extreme(struct fuzz_rng *r, const struct pcnet32u_request *req,
		    struct pcnet32u_reply *p)
{
	uint32_t sz = rep_size_of(req->op);

	bare(req, p);
	switch (fuzz_below(r, 7)) {
	case 0:	/* every byte all ones */
		memset(p->rep, 0xff, sz);
		p->rep_len = sz;
		break;
	case 1:	/* all zeros: zero counts, zero lengths, empty strings */
		p->rep_len = sz;
		break;
	case 2:	/* success with nothing */
		p->rep_len = 0;
		break;
	case 3:	/* the whole buffer, all ones */
		memset(p->rep, 0xff, sizeof(p->rep));
		p->rep_len = PCNET32U_MAX_REPLY;
		break;
	case 4:
		p->rep_len = UINT32_MAX;
		break;
	case 5:	/* statistics beyond any bound */
		memset(p->rep, 0xff, sz);
		p->rep_len = sz;
		p->copy_ns = UINT64_MAX;
		p->proc_ns = fuzz_below(r, 2) ? UINT64_MAX : 60000000001ULL;
		break;
	default: /* each 32-bit word: all ones or zero */
		for (uint32_t i = 0; i + 4 <= sz; i += 4)
			memset(p->rep + i, fuzz_below(r, 2) ? 0xff : 0, 4);
		p->rep_len = sz;
		break;
	}
}

/* The node closed from a second thread while the first is on the ports. */
struct closer {
	struct fuzz_server *s;
	unsigned int delay_us;
};

static void *closer_main(void *arg)
{
	struct closer *c = arg;
	struct timespec ts = { 0, (long)c->delay_us * 1000 };

	nanosleep(&ts, NULL);
	close(c->s->fd);
	return NULL;
}

static void close_from_thread(struct fuzz_server *s, struct fuzz_rng *r,
			      const struct pcnet32u_request *req, struct pcnet32u_reply *p)
{
	struct closer c = { s, fuzz_below(r, 3000) };
	pthread_t t;

	if (pthread_create(&t, NULL, closer_main, &c)) {
		fuzz_server_reopen(s);
		return;
	}
	plausible(s, req, p);	/* COPY and the op, on the ports */
	send_reply(s, FUZZ_CAT_CLOSE_THREAD, p);
	pthread_join(t, NULL);
	s->fd = -1;		/* closed by the thread */
	fuzz_server_reopen(s);
}

/* A child keeps the file: it answers this request, maybe one more. */
static void fork_keep(struct fuzz_server *s, struct fuzz_rng *r,
		      const struct pcnet32u_request *req, struct pcnet32u_reply *p)
{
	unsigned int delay_us = fuzz_below(r, 3000), more = fuzz_below(r, 2);
	pid_t pid = fork();

	if (pid)
		return;	/* the parent takes the next request at once */
	/* child */
	{
		struct timespec ts = { 0, (long)delay_us * 1000 };
		static struct pcnet32u_request next;

		nanosleep(&ts, NULL);
		plausible(s, req, p);
		send_reply(s, FUZZ_CAT_FORK_KEEP, p);
		if (more) {
			memset(&next, 0, sizeof(next));
			next.size = sizeof(next);
			next.version = PCNET32U_VERSION;
			fuzz_alarm_ms(200);
			if (!ioctl(s->fd, PCNET32U_IOC_REQUEST, &next)) {
				fuzz_alarm_ms(0);
				plausible(s, &next, p);
				send_reply(s, FUZZ_CAT_FORK_KEEP, p);
			}
			fuzz_alarm_ms(0);
		}
		_exit(0);
	}
}

void fuzz_reply(struct fuzz_server *s, const struct pcnet32u_request *req, uint64_t idx,
		int took_by_random_ioctl)
{
	static struct pcnet32u_reply p;
	struct fuzz_rng r = fuzz_rng_for(s->seed, 1, idx);
	struct fuzz_rng rf = fuzz_rng_for(s->seed, 3, idx);
	enum fuzz_cat cat = pick_category(s, &r);
	uint32_t sz = rep_size_of(req->op);
	int e = 0, follow = fuzz_below(&r, 16) != 0;

	s->via_fetch = fuzz_below(&rf, 2);
	if (took_by_random_ioctl)
		fuzz_count(&s->st->sent[FUZZ_CAT_RANDOM_IOCTL_TOOK]);
	fuzz_count(&s->st->sent[cat]);
	switch (cat) {
	case FUZZ_CAT_PLAUSIBLE:
		plausible(s, req, &p);
		e = send_reply(s, cat, &p);
		break;
	case FUZZ_CAT_FLIP:
		plausible(s, req, &p);
		if (!p.status && p.rep_len)
			flip_bits(&r, &p);
		e = send_reply(s, cat, &p);
		break;
	case FUZZ_CAT_RANDOM:
		bare(req, &p);
		random_bytes(&r, p.rep, sz);
		p.rep_len = sz;
		e = send_reply(s, cat, &p);
		break;
	case FUZZ_CAT_EXTREME:
		extreme(&r, req, &p);
		e = send_reply(s, cat, &p);
		break;
	case FUZZ_CAT_STATUS:
		plausible(s, req, &p);
		p.status = pick_status(s, &r);
		/* with or without the op's payload */
		if (p.status && fuzz_below(&r, 2))
			p.rep_len = 0;
		else if (p.status)
			p.rep_len = sz;
		e = send_reply(s, cat, &p);
		break;
	case FUZZ_CAT_WRONG_ID: {
		const uint64_t ids[] = { 0, req->id + 1, req->id - 1, UINT64_MAX,
					 s->recent_ids[fuzz_below(&r, 8)], fuzz_next(&r) };

		plausible(s, req, &p);
		p.id = ids[fuzz_below(&r, sizeof(ids) / sizeof(ids[0]))];
		e = send_reply(s, cat, &p);
		break;
	}
	case FUZZ_CAT_WRONG_OP: {
		const uint32_t ops[] = { 0, req->op + 1, req->op - 1, PCNET32_OP_SELF_TEST,
					 PCNET32_OP_MAX, 255, UINT32_MAX, (uint32_t)fuzz_next(&r) };

		plausible(s, req, &p);
		p.op = ops[fuzz_below(&r, sizeof(ops) / sizeof(ops[0]))];
		e = send_reply(s, cat, &p);
		break;
	}
	case FUZZ_CAT_WRONG_SIZE: {
		const uint32_t sizes[] = { 0, sizeof(p) - 1, sizeof(p) + 1, sizeof(p) - 8,
					   sizeof(p) + 8, sizeof(struct pcnet32u_request),
					   UINT32_MAX, (uint32_t)fuzz_next(&r) };

		plausible(s, req, &p);
		p.size = sizes[fuzz_below(&r, sizeof(sizes) / sizeof(sizes[0]))];
		e = send_reply(s, cat, &p);
		break;
	}
	case FUZZ_CAT_WRONG_VERSION: {
		const uint32_t v[] = { 0, PCNET32U_VERSION + 1, UINT32_MAX, (uint32_t)fuzz_next(&r) };

		plausible(s, req, &p);
		p.version = v[fuzz_below(&r, 4)];
		if (p.version == PCNET32U_VERSION)
			p.version++;
		e = send_reply(s, cat, &p);
		break;
	}
	case FUZZ_CAT_WRONG_LEN: {
		const uint32_t lens[] = { 0, sz - 1, sz + 1, 2 * sz, 1, PCNET32U_MAX_REPLY,
					  PCNET32U_MAX_REPLY + 1, UINT32_MAX };

		plausible(s, req, &p);
		p.rep_len = lens[fuzz_below(&r, sizeof(lens) / sizeof(lens[0]))];
		e = send_reply(s, cat, &p);
		break;
	}
	case FUZZ_CAT_RESERVED:
		plausible(s, req, &p);
		if (fuzz_below(&r, 5) == 0)
			p.pad = 1u << fuzz_below(&r, 32);
		else
			p.reserved[fuzz_below(&r, 4)] = 1u << fuzz_below(&r, 32);
		e = send_reply(s, cat, &p);
		break;
	case FUZZ_CAT_DOUBLE:
		plausible(s, req, &p);
		e = send_reply(s, cat, &p);
		send_reply(s, cat, &p);
		follow = 0;
		break;
	case FUZZ_CAT_NONE:
		follow = 0;
		break;
	case FUZZ_CAT_COPY_OTHER: {
		static struct pcnet32u_copy c;
		uint32_t i, n = 1 + fuzz_below(&r, 3);

		for (i = 0; i < n; i++) {
			const uint64_t ids[] = { 0, req->id + 1 + fuzz_below(&r, 4), req->id - 1,
						 s->recent_ids[fuzz_below(&r, 8)], UINT64_MAX,
						 fuzz_next(&r) };

			do_copy(s, ids[fuzz_below(&r, sizeof(ids) / sizeof(ids[0]))], &c);
		}
		plausible(s, req, &p);
		e = send_reply(s, cat, &p);
		break;
	}
	case FUZZ_CAT_CLOSE_REOPEN: {
		uint32_t when = fuzz_below(&r, 3);

		if (when >= 1)
			do_copy(s, req->id, &(struct pcnet32u_copy){ 0 });
		if (when == 2)
			plausible(s, req, &p);
		fuzz_server_reopen(s);
		if (when == 2 && fuzz_below(&r, 2))
			send_reply(s, cat, &p);	/* to the new file: no such request */
		follow = 0;
		break;
	}
	case FUZZ_CAT_CLOSE_THREAD:
		close_from_thread(s, &r, req, &p);
		follow = 0;
		break;
	case FUZZ_CAT_FORK_KEEP:
		fork_keep(s, &r, req, &p);
		follow = 0;
		break;
	case FUZZ_CAT_REGS:
		fuzz_regs_burst(s, &r, req);
		plausible(s, req, &p);
		e = send_reply(s, cat, &p);
		break;
	default:
		break;
	}
	if (e && follow) {
		fuzz_count(&s->st->sent[FUZZ_CAT_FOLLOWUP]);
		plausible(s, req, &p);
		send_reply(s, FUZZ_CAT_FOLLOWUP, &p);
	}
	remember_id(s, req->id);
	fuzz_count(&s->st->replies_done);
}
