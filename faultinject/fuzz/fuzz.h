/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hostile-daemon fuzzer (faultinject/fuzz/fuzz-daemon.c and friends): it
 * takes the real daemon's place on the upcall node and answers the
 * kernel's real requests with wrong, extreme and malicious replies, and
 * issues random ioctls. Shared declarations: the seeded generator, the
 * categories, the counters (in memory shared by the fuzzer's processes).
 *
 * Two kinds of server (fuzz-daemon --ports): "direct" says HELLO with
 * PCNET32U_HELLO_PORTS_DIRECT and takes the NIC's ports (ioperm), so its
 * plausible replies run the ops on the ports themselves (the paper's
 * design); "mediated" (the real daemon's default) has no port access: its
 * plausible replies send the ops' register programs (PCNET32U_IOC_REGS),
 * and category REGS sends random programs of its own while it holds a
 * request (fuzz-regs.c).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>

#include "pcnet32_upcall.h"

/* ---- seeded generator: one stream per decision, by its index ---------- */

struct fuzz_rng {
	uint64_t s;
};

static inline uint64_t fuzz_next(struct fuzz_rng *r)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * The generator of decision number idx of a stream: the same seed gives
 * the same decisions in the same order, however the requests they meet
 * arrive (which request decision n meets depends on the load's timing).
 */
static inline struct fuzz_rng fuzz_rng_for(uint64_t seed, uint64_t stream, uint64_t idx)
{
	struct fuzz_rng r = { seed ^ (stream * 0xd1b54a32d192ed03ULL) };

	r.s += idx * 0x9e3779b97f4a7c15ULL;
	fuzz_next(&r);
	return r;
}

static inline uint32_t fuzz_below(struct fuzz_rng *r, uint32_t n)
{
	return n ? (uint32_t)(fuzz_next(r) % n) : 0;
}

/* ---- reply categories -------------------------------------------------- */

#define FUZZ_CATEGORIES(X)						\
	X(PLAUSIBLE, "plausible (the real op's reply)")		\
	X(FLIP, "plausible with 1-3 bits flipped")			\
	X(RANDOM, "random bytes of the op's reply size")		\
	X(EXTREME, "all ones / all zeros / zero or huge lengths")	\
	X(STATUS, "a status: 0, positive, -1..-4095, -512, -515, INT_MIN") \
	X(WRONG_ID, "wrong id")						\
	X(WRONG_OP, "wrong op")						\
	X(WRONG_SIZE, "wrong struct size")				\
	X(WRONG_VERSION, "wrong ABI version")				\
	X(WRONG_LEN, "wrong reply length")				\
	X(RESERVED, "non-zero pad or reserved field")			\
	X(DOUBLE, "two replies to one request")				\
	X(NONE, "no reply at all")					\
	X(COPY_OTHER, "COPY for other ids, then a reply")		\
	X(CLOSE_REOPEN, "node closed and reopened mid-request")	\
	X(CLOSE_THREAD, "node closed by a 2nd thread mid port op")	\
	X(FORK_KEEP, "a forked child keeps the file and answers")	\
	X(REGS, "random register programs, then a plausible reply")	\
	X(FOLLOWUP, "plausible reply after a refused one")		\
	X(RANDOM_IOCTL_TOOK, "a random ioctl took a request")

enum fuzz_cat {
#define FUZZ_CAT_ENUM(NAME, WHAT) FUZZ_CAT_##NAME,
	FUZZ_CATEGORIES(FUZZ_CAT_ENUM)
#undef FUZZ_CAT_ENUM
	FUZZ_NCAT
};

extern const char *const fuzz_cat_name[FUZZ_NCAT];

/* ---- random ioctl classes --------------------------------------------- */

#define FUZZ_IOCTL_CLASSES(X)						\
	X(REAL_CMD, "the channel's commands")				\
	X(IN_MAGIC, "other numbers of the channel's magic")		\
	X(OTHER_MAGIC, "numbers of other magics")			\
	X(RANDOM_CMD, "random 32-bit numbers")

enum fuzz_iclass {
#define FUZZ_IC_ENUM(NAME, WHAT) FUZZ_IC_##NAME,
	FUZZ_IOCTL_CLASSES(FUZZ_IC_ENUM)
#undef FUZZ_IC_ENUM
	FUZZ_NICLASS
};

#define FUZZ_POINTERS(X)						\
	X(NULL_PTR, "NULL")						\
	X(WILD, "wild (unmapped, kernel, non-canonical)")		\
	X(SHORT, "valid, ending at a guard page")			\
	X(READONLY, "valid, read-only")					\
	X(RANDOM_BUF, "valid, random contents")				\
	X(FORMED, "valid, a well-formed header")

enum fuzz_ptr {
#define FUZZ_PTR_ENUM(NAME, WHAT) FUZZ_PTR_##NAME,
	FUZZ_POINTERS(FUZZ_PTR_ENUM)
#undef FUZZ_PTR_ENUM
	FUZZ_NPTR
};

extern const char *const fuzz_iclass_name[FUZZ_NICLASS];
extern const char *const fuzz_ptr_name[FUZZ_NPTR];

/* ---- register programs (category REGS, mediated servers) -------------- */

#define FUZZ_REGS_CLASSES(X)						\
	X(HELD_NIC, "the request held, an op on the NIC: random accesses") \
	X(HELD_NIC_FORMED, "the request held, an op on the NIC: accesses its table allows") \
	X(HELD_OFF_NIC, "the request held, an op off the NIC")		\
	X(NOT_HELD, "an id not held")					\
	X(BAD_HEADER, "size, version, pad, reserved or n_ops wrong")

enum fuzz_rclass {
#define FUZZ_RC_ENUM(NAME, WHAT) FUZZ_RC_##NAME,
	FUZZ_REGS_CLASSES(FUZZ_RC_ENUM)
#undef FUZZ_RC_ENUM
	FUZZ_NRCLASS
};

extern const char *const fuzz_rclass_name[FUZZ_NRCLASS];

/* program lengths counted: 1, 2-8, 9-32, 33-64, more (n_ops) */
#define FUZZ_NRLEN	5
/* primitives counted: 0 (none), READ .. RESUME, anything above */
#define FUZZ_NRPRIM	9

/* ---- counters ------------------------------------------------------------ */

#define FUZZ_NERRNO	160	/* errno 0..158; the last slot: anything above */

/* the kernel's answers to one kind of call, by errno (0: success) */
struct fuzz_hist {
	uint64_t n[FUZZ_NERRNO];
};

struct fuzz_stats {
	uint64_t replies_started;	/* decision index of the next reply */
	uint64_t ioctls_started;	/* decision index of the next ioctl */
	uint64_t status_seq;		/* walks -1..-4095 over the run */
	uint64_t sent[FUZZ_NCAT];	/* requests answered per category */
	struct fuzz_hist reply[FUZZ_NCAT];	/* REPLY's errno, per category */
	struct fuzz_hist request;	/* REQUEST's errno */
	struct fuzz_hist copy;		/* COPY's errno */
	struct fuzz_hist reopen;	/* open()'s errno on reopening */
	uint64_t ioctl_sent[FUZZ_NICLASS][FUZZ_NPTR];
	struct fuzz_hist ioctl[FUZZ_NICLASS];
	/* REGS: the kernel's answers per class, what was sent */
	uint64_t regs_sent[FUZZ_NRCLASS];
	struct fuzz_hist regs[FUZZ_NRCLASS];
	uint64_t regs_len[FUZZ_NRLEN];
	uint64_t regs_prim[FUZZ_NRPRIM];
	uint64_t regs_ran;		/* programs the kernel ran (0, ETIMEDOUT) */
	uint64_t regs_done;		/* ... their accesses completed */
	/*
	 * Against the kernel's own checks run here (the header as chan.h
	 * checks it, pcnet32_regprog_check(), pcnet32_fw_check() with the
	 * request's state): programs the kernel ran although they refuse
	 * them (a hole: the run fails), and refusals with another errno.
	 */
	uint64_t regs_ran_refused;
	uint64_t regs_other_answer;
	/*
	 * While a get_regs request is held (the RTNL keeps the rings as they
	 * are): CSR1/2, 24/25, 30/31, 76/78 read before and after the random
	 * programs; any change fails the run.
	 */
	uint64_t dma_checks;
	uint64_t dma_changed;
	uint64_t via_fetch;		/* replies committed through FETCH */
	uint64_t fetch_took;		/* ... that took the next request */
	uint64_t killed;		/* times the kernel killed the server */
	uint64_t server_starts;
	uint64_t replies_done;
	uint64_t ioctls_done;
};

static inline void fuzz_count(uint64_t *c)
{
	__atomic_fetch_add(c, 1, __ATOMIC_RELAXED);
}

/* Count a call's outcome: ret 0 or -1 with errno e. */
static inline void fuzz_hist_add(struct fuzz_hist *h, int ret, int e)
{
	int i = ret == 0 ? 0 : e;

	if (i < 0 || i >= FUZZ_NERRNO)
		i = FUZZ_NERRNO - 1;
	fuzz_count(&h->n[i]);
}

/* ---- the server's state (one process, the node's holder) ---------------- */

struct fuzz_server {
	const char *dev;
	int fd;				/* the node, -1 while closed */
	uint64_t seed;
	struct fuzz_stats *st;
	int direct;			/* 1: PORTS_DIRECT and ioperm */
	uint32_t io_base, io_len;	/* from HELLO (direct: and COPY) */
	uint64_t recent_ids[8];		/* for COPY/REPLY with other ids */
	int tid;			/* the serving thread (FETCH commits) */
	int via_fetch;			/* this decision commits through FETCH */
	int has_pending;		/* a FETCH commit took the next request: */
	struct pcnet32u_request pending;	/* answer it next */
};

/* open the node (retrying EBUSY briefly); 0 or -1 */
int fuzz_server_open(struct fuzz_server *s);
/* close and reopen it */
void fuzz_server_reopen(struct fuzz_server *s);

/* Answer one taken request with reply decision idx (fuzz-reply.c). */
void fuzz_reply(struct fuzz_server *s, const struct pcnet32u_request *req, uint64_t idx,
		int took_by_random_ioctl);

/*
 * Random ioctl decision idx on the node (fuzz-ioctl.c). If it took a
 * request (a well-formed REQUEST), the request is in *req and 1 is
 * returned: the caller answers it.
 */
int fuzz_ioctl(struct fuzz_server *s, uint64_t idx, struct pcnet32u_request *req);
/* set up the pointer targets (guard pages, read-only page): once */
int fuzz_ioctl_init(void);

/*
 * Category REGS (fuzz-regs.c): while req is held, random register
 * programs with decision idx's generator r; counted in s->st.
 */
void fuzz_regs_burst(struct fuzz_server *s, struct fuzz_rng *r,
		     const struct pcnet32u_request *req);
/* a random program for a random ioctl's buffer (fuzz-ioctl.c) */
void fuzz_regs_random(struct fuzz_server *s, struct fuzz_rng *r, struct pcnet32u_regs *b);

/* An ioctl interrupted after ms milliseconds (0: not at all). */
void fuzz_alarm_ms(unsigned int ms);

#endif
