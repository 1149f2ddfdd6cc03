// SPDX-License-Identifier: GPL-2.0
/*
 * The fuzzer's random ioctls on the upcall node, as its daemon: random
 * command numbers (the channel's own, others of its magic, other magics,
 * random ones) with random sizes, and NULL, wild and valid pointers (a
 * buffer that ends at a guard page, a read-only page, random contents, a
 * well-formed header). The magic and the real numbers come from the uapi
 * header, never spelled out here.
 *
 * Left out on purpose: type 'X', the file-system freeze/thaw and
 * allocation ioctls the VFS handles itself before any driver sees the
 * call (FIFREEZE on the device's file system would freeze /dev).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dispatch.h"
#include "fuzz.h"

const char *const fuzz_iclass_name[FUZZ_NICLASS] = {
#define FUZZ_IC_NAME(NAME, WHAT) #NAME,
	FUZZ_IOCTL_CLASSES(FUZZ_IC_NAME)
#undef FUZZ_IC_NAME
};

const char *const fuzz_ptr_name[FUZZ_NPTR] = {
#define FUZZ_PTR_NAME(NAME, WHAT) #NAME,
	FUZZ_POINTERS(FUZZ_PTR_NAME)
#undef FUZZ_PTR_NAME
};

#define PAGE		4096UL
#define BUF_PAGES	4	/* room for the largest struct (copy, reply) */

static uint8_t *guard;		/* a PROT_NONE page right after BUF_PAGES pages */
static uint8_t *ro_page;	/* read-only */
static uintptr_t unmapped;	/* mapped once, then unmapped */

int fuzz_ioctl_init(void)
{
	uint8_t *m = mmap(NULL, (BUF_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *u;

	if (m == MAP_FAILED)
		return -1;
	guard = m + BUF_PAGES * PAGE;
	if (mprotect(guard, PAGE, PROT_NONE))
		return -1;
	ro_page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro_page == MAP_FAILED)
		return -1;
	u = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (u == MAP_FAILED)
		return -1;
	unmapped = (uintptr_t)u;
	return munmap(u, PAGE);
}

static const unsigned int real_cmds[] = {
	PCNET32U_IOC_REQUEST, PCNET32U_IOC_COPY, PCNET32U_IOC_REPLY,
	PCNET32U_IOC_HELLO, PCNET32U_IOC_FACTS, PCNET32U_IOC_FETCH,
	PCNET32U_IOC_REGS,
};
#define NREAL	(sizeof(real_cmds) / sizeof(real_cmds[0]))

static unsigned int avoid_vfs(unsigned int cmd)
{
	return _IOC_TYPE(cmd) == 'X' ? cmd ^ (1u << _IOC_TYPESHIFT) : cmd;
}

static unsigned int pick_size(struct fuzz_rng *r)
{
	static const unsigned int sizes[] = {
		sizeof(struct pcnet32u_request), sizeof(struct pcnet32u_copy),
		sizeof(struct pcnet32u_reply), sizeof(struct pcnet32u_hello),
		sizeof(struct pcnet32u_facts), sizeof(struct pcnet32u_fetch),
		sizeof(struct pcnet32u_regs), 0, 4, 8,
	};

	if (fuzz_below(r, 2))
		return (sizes[fuzz_below(r, sizeof(sizes) / sizeof(sizes[0]))] +
			fuzz_below(r, 9) - 4) & _IOC_SIZEMASK;
	return fuzz_below(r, _IOC_SIZEMASK + 1);
}

static unsigned int pick_cmd(struct fuzz_rng *r, enum fuzz_iclass c)
{
	static const unsigned char magics[] = { 'T', 0x89, 'V', 'E', 0x12, 'f', 'd', 0 };

	switch (c) {
	case FUZZ_IC_REAL_CMD:
		return real_cmds[fuzz_below(r, NREAL)];
	case FUZZ_IC_IN_MAGIC:
		return _IOC(fuzz_below(r, 4), PCNET32U_IOC_MAGIC,
			    fuzz_below(r, 4) ? fuzz_below(r, 16) : fuzz_below(r, 256),
			    pick_size(r));
	case FUZZ_IC_OTHER_MAGIC: {
		unsigned int type = fuzz_below(r, 2) ? magics[fuzz_below(r, sizeof(magics))]
						     : fuzz_below(r, 256);

		if (type == PCNET32U_IOC_MAGIC)
			type++;
		return avoid_vfs(_IOC(fuzz_below(r, 4), type, fuzz_below(r, 256), pick_size(r)));
	}
	default:
		return avoid_vfs((unsigned int)fuzz_next(r));
	}
}

static void formed_in(struct fuzz_server *s, struct fuzz_rng *r, unsigned int cmd, void *b);

/*
 * A well-formed header of the struct cmd names (the reply's for others),
 * in the cap bytes at b (the rest of a structure is left out).
 */
static void formed(struct fuzz_server *s, struct fuzz_rng *r, unsigned int cmd, uint8_t *b,
		   size_t cap)
{
	static union {
		struct pcnet32u_request q;
		struct pcnet32u_copy c;
		struct pcnet32u_reply p;
		struct pcnet32u_hello h;
		struct pcnet32u_facts f;
		struct pcnet32u_fetch x;
		struct pcnet32u_regs g;
	} u;
	size_t n = sizeof(u);
	uint32_t i;

	formed_in(s, r, cmd, &u);
	if (cmd == PCNET32U_IOC_REQUEST)
		n = sizeof(u.q);
	else if (cmd == PCNET32U_IOC_COPY)
		n = sizeof(u.c);
	else if (cmd == PCNET32U_IOC_HELLO)
		n = sizeof(u.h);
	else if (cmd == PCNET32U_IOC_FACTS)
		n = sizeof(u.f);
	else if (cmd == PCNET32U_IOC_FETCH)
		n = sizeof(u.x);
	else if (cmd == PCNET32U_IOC_REGS)
		n = sizeof(u.g);
	else
		n = sizeof(u.p);
	for (i = 0; i < n && i < cap; i++)
		b[i] = ((const uint8_t *)&u)[i];
}

static void formed_in(struct fuzz_server *s, struct fuzz_rng *r, unsigned int cmd, void *b)
{
	if (cmd == PCNET32U_IOC_HELLO) {
		struct pcnet32u_hello *h = b;

		memset(h, 0, sizeof(*h));
		h->size = sizeof(*h);
		h->version = fuzz_below(r, 4) ? PCNET32U_VERSION : (uint32_t)fuzz_next(r);
		h->ops[0] = fuzz_below(r, 2) ? pcnet32d_served_ops() : fuzz_next(r);
	} else if (cmd == PCNET32U_IOC_FACTS) {
		struct pcnet32u_facts *f = b;
		uint32_t i;

		/* the daemon's facts with a lie or two: out of bounds */
		memset(f, 0, sizeof(*f));
		f->size = sizeof(*f);
		f->version = PCNET32U_VERSION;
		f->regs_len = fuzz_below(r, 2) ? PCNET32_DUMP_LEN(0) : (uint32_t)fuzz_next(r);
		for (i = 0; i < PCNET32U_NSSETS; i++)
			f->sset_count[i] = fuzz_below(r, 8) ? -95 : (int32_t)fuzz_next(r);
		f->sset_count[fuzz_below(r, PCNET32U_NSSETS)] = (int32_t)fuzz_next(r);
	} else if (cmd == PCNET32U_IOC_FETCH) {
		struct pcnet32u_fetch *x = b;
		uint32_t i;

		memset(x, 0, offsetof(struct pcnet32u_fetch, arg));
		x->size = sizeof(*x);
		x->version = PCNET32U_VERSION;
		if (fuzz_below(r, 2)) {
			x->id = fuzz_below(r, 2) ? s->recent_ids[fuzz_below(r, 8)] : fuzz_next(r);
			x->op = fuzz_below(r, 32);
			x->status = fuzz_below(r, 2) ? 0 : -(int32_t)fuzz_below(r, 4096);
			x->rep_len = fuzz_below(r, PCNET32U_MAX_REPLY + 1);
			x->flags = fuzz_below(r, 2);
			for (i = 0; i < x->rep_len; i++)
				x->rep[i] = (uint8_t)fuzz_next(r);
		}
		x->arg_len = (uint32_t)fuzz_next(r);	/* output fields: anything */
	} else if (cmd == PCNET32U_IOC_REGS) {
		/* a program for a recent or random id: none is held here */
		fuzz_regs_random(s, r, b);
	} else if (cmd == PCNET32U_IOC_REQUEST) {
		struct pcnet32u_request *q = b;

		memset(q, 0, sizeof(*q));
		q->size = sizeof(*q);
		q->version = PCNET32U_VERSION;
		q->id = fuzz_next(r);	/* output fields: anything */
		q->op = (uint32_t)fuzz_next(r);
	} else if (cmd == PCNET32U_IOC_COPY) {
		struct pcnet32u_copy *c = b;

		memset(c, 0, sizeof(*c));
		c->size = sizeof(*c);
		c->version = PCNET32U_VERSION;
		c->id = fuzz_below(r, 2) ? s->recent_ids[fuzz_below(r, 8)] : fuzz_next(r);
		c->io_base = (uint32_t)fuzz_next(r);
		c->state_len = (uint32_t)fuzz_next(r);
	} else {
		struct pcnet32u_reply *p = b;
		uint32_t i;

		memset(p, 0, sizeof(*p));
		p->size = sizeof(*p);
		p->version = PCNET32U_VERSION;
		p->id = fuzz_below(r, 2) ? s->recent_ids[fuzz_below(r, 8)] : fuzz_next(r);
		p->op = fuzz_below(r, 32);	/* the op ids and some beyond */
		p->status = fuzz_below(r, 2) ? 0 : -(int32_t)fuzz_below(r, 4096);
		p->rep_len = fuzz_below(r, PCNET32U_MAX_REPLY + 1);
		for (i = 0; i < p->rep_len; i++)
			p->rep[i] = (uint8_t)fuzz_next(r);
	}
}

/* *avail: the bytes this process may read at the pointer */
static void *pick_ptr(struct fuzz_server *s, struct fuzz_rng *r, enum fuzz_ptr k,
		      unsigned int cmd, size_t *avail)
{
	const uintptr_t wild[] = {
		1, 0xfff, unmapped, unmapped + 0x7ff, 0xffff888000000000UL,
		0xffffffff81000000UL, 0x0000800000000000UL, 0xdeadbeefdeadbeefUL,
		UINTPTR_MAX, UINTPTR_MAX - 0xfff, (uintptr_t)guard,
	};
	unsigned int len, i;
	uint8_t *b;

	*avail = 0;
	switch (k) {
	case FUZZ_PTR_NULL_PTR:
		return NULL;
	case FUZZ_PTR_WILD:
		return (void *)wild[fuzz_below(r, sizeof(wild) / sizeof(wild[0]))];
	case FUZZ_PTR_SHORT:
		/* valid bytes up to a guard page, fewer than the struct has */
		len = fuzz_below(r, sizeof(struct pcnet32u_fetch));
		b = guard - len;
		if (fuzz_below(r, 2) && len >= 8) {
			formed(s, r, cmd, b, len);
		} else {
			for (i = 0; i < len; i++)
				b[i] = (uint8_t)fuzz_next(r);
		}
		*avail = len;
		return b;
	case FUZZ_PTR_READONLY:
		/* the kernel reads a good header and cannot write back */
		mprotect(ro_page, PAGE, PROT_READ | PROT_WRITE);
		formed(s, r, cmd, ro_page, PAGE);
		mprotect(ro_page, PAGE, PROT_READ);
		*avail = PAGE;
		return ro_page;
	case FUZZ_PTR_RANDOM_BUF:
		b = guard - BUF_PAGES * PAGE;
		for (i = 0; i < BUF_PAGES * PAGE; i++)
			b[i] = (uint8_t)fuzz_next(r);
		*avail = BUF_PAGES * PAGE;
		return b;
	default:
		b = guard - BUF_PAGES * PAGE;
		formed(s, r, cmd, b, BUF_PAGES * PAGE);
		*avail = BUF_PAGES * PAGE;
		return b;
	}
}

int fuzz_ioctl(struct fuzz_server *s, uint64_t idx, struct pcnet32u_request *req)
{
	struct fuzz_rng r = fuzz_rng_for(s->seed, 2, idx);
	enum fuzz_iclass c = (enum fuzz_iclass)fuzz_below(&r, FUZZ_NICLASS);
	unsigned int cmd = pick_cmd(&r, c);
	enum fuzz_ptr k = (enum fuzz_ptr)fuzz_below(&r, FUZZ_NPTR);
	size_t avail;
	void *ptr = pick_ptr(s, &r, k, cmd, &avail);
	int ret, e;

	fuzz_count(&s->st->ioctl_sent[c][k]);
	/* a well-formed REQUEST waits for one: not for ever */
	/* the commands that may block waiting for a request */
	fuzz_alarm_ms(cmd == PCNET32U_IOC_REQUEST || cmd == PCNET32U_IOC_FETCH ? 300 : 0);
	ret = ioctl(s->fd, cmd, ptr);
	e = errno;
	fuzz_alarm_ms(0);
	fuzz_hist_add(&s->st->ioctl[c], ret, e);
	fuzz_count(&s->st->ioctls_done);
	/*
	 * The kernel writes only the bytes in use: a buffer that ends at the
	 * guard page may hold a whole request in fewer bytes than the struct
	 * has. Read no further than the buffer goes.
	 */
	if (!ret && cmd == PCNET32U_IOC_REQUEST && ptr &&
	    avail >= offsetof(struct pcnet32u_request, arg)) {
		size_t n = avail < sizeof(*req) ? avail : sizeof(*req);

		memset(req, 0, sizeof(*req));
		memcpy(req, ptr, n);
		n -= offsetof(struct pcnet32u_request, arg);
		if (req->arg_len > n)
			req->arg_len = (uint32_t)n;
		return 1;
	}
	if (!ret && cmd == PCNET32U_IOC_FETCH && ptr &&
	    avail >= offsetof(struct pcnet32u_fetch, arg) &&
	    !(((const struct pcnet32u_fetch *)ptr)->flags & PCNET32U_FETCH_NOWAIT)) {
		/* it took a request: the caller answers it */
		const struct pcnet32u_fetch *x = ptr;
		size_t n = avail - offsetof(struct pcnet32u_fetch, arg);

		memset(req, 0, sizeof(*req));
		req->size = sizeof(*req);
		req->version = PCNET32U_VERSION;
		req->id = x->id;
		req->op = x->op;
		req->arg_len = x->arg_len < PCNET32U_MAX_ARG ? x->arg_len : PCNET32U_MAX_ARG;
		if (req->arg_len > n)
			req->arg_len = (uint32_t)n;
		memcpy(req->arg, x->arg, req->arg_len);
		return 1;
	}
	return 0;
}
