// SPDX-License-Identifier: GPL-2.0
/*
 * Fault points, the daemon's side (see pcnet32/fault.h): the plan is the
 * control file (fault-ctl.h), mapped over pcnet32_fault_page at start, so
 * that a disarmed fault point is one load and compare of a word of it and
 * an armed one needs no system call to decide. Setup runs before the
 * daemon drops its privileges; afterwards only write (the log), nanosleep
 * (sleep), the calls abort() makes, and whatever the fault itself does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fault-ctl.h"
#include "fault-user.h"
#include "pcnet32_upcall.h"
#include "regprog.h"

/* zero (disarmed) until the control file is mapped over it */
union pcnet32_fault_page pcnet32_fault_page
	__attribute__((aligned(PCNET32_FAULT_PAGE)));

static int pcnet32d_fault_logfd = -1;
static uint32_t pcnet32d_fault_owner;	/* our pid: the lock word's value */

/* badlen: the reply of the request in hand gets the wrong length */
static int pcnet32d_badlen_pending;
static uint64_t pcnet32d_badlen_r;

int pcnet32d_fault_setup(int log_fd)
{
	struct pcnet32_fault_shm *s = &pcnet32_fault_page.shm;

	pcnet32d_fault_logfd = log_fd;
	pcnet32d_fault_owner = (uint32_t)getpid();
	if (sysconf(_SC_PAGESIZE) != PCNET32_FAULT_PAGE) {
		errno = EINVAL;
		return -1;
	}
	if (!pcnet32_fault_ctl_map(pcnet32_fault_ctl_path(), &pcnet32_fault_page, 1))
		return -1;
	/* a new file, or another build's: disarmed (fault-arm may be at it) */
	if (pcnet32_fault_ctl_lock(s, pcnet32d_fault_owner, 100) == 0) {
		pcnet32_fault_ctl_format(s);
		pcnet32_fault_ctl_unlock(s);
	}
	return 0;
}

/*
 * The decision under the lock word. While fault-arm holds it (it is
 * rewriting the plan) the call is not counted and does not fire.
 */
int pcnet32_fault_take(u32 op, u32 at_mask, struct pcnet32_fault_plan *p,
		       u64 *fire)
{
	struct pcnet32_fault_shm *s = &pcnet32_fault_page.shm;
	struct pcnet32_fault_count c;
	char msg[160];
	int hit = 0, n;

	if (!pcnet32_fault_ctl_trylock(s, pcnet32d_fault_owner))
		return 0;
	if (s->armed && pcnet32_fault_ctl_valid(s)) {
		*p = s->plan;
		c = s->count;
		hit = pcnet32_fault_decide(p, op, at_mask, &c);
		s->count = c;
		*fire = c.fired;
	}
	pcnet32_fault_ctl_unlock(s);
	/* said before the damage: the log tells what was injected */
	if (hit && pcnet32d_fault_logfd >= 0) {
		n = snprintf(msg, sizeof(msg),
			     "pcnet32d[%u]: fault %s fired in %s (%s%s, firing %llu)\n",
			     pcnet32d_fault_owner, pcnet32_fault_kind_name(p->kind),
			     pcnet32_fault_op_name(op),
			     pcnet32_fault_kind_after(p->kind) ? "" : "at ",
			     pcnet32_fault_kind_after(p->kind) ? "after the op" :
			     pcnet32_fault_at_name(p->at),
			     (unsigned long long)*fire);
		if (n > 0 && write(pcnet32d_fault_logfd, msg,
				   (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1) < 0)
			pcnet32d_fault_logfd = -1;
	}
	return hit;
}

/* mutant site n (mutant.h): fire it, or record it as reached (tracing) */
int pcnet32_mut_take(u32 n, struct pcnet32_fault_plan *p, u64 *fire)
{
	struct pcnet32_fault_shm *s = &pcnet32_fault_page.shm;
	struct pcnet32_fault_count c;
	char msg[96];
	int hit = 0, len;

	if (!n || n >= PCNET32_MUT_MAX ||
	    !pcnet32_fault_ctl_trylock(s, pcnet32d_fault_owner))
		return 0;
	if (s->armed && pcnet32_fault_ctl_valid(s) &&
	    s->plan.kind == PCNET32_FAULT_MUTANT) {
		*p = s->plan;
		if (!p->mutant) {
			s->mut_seen[n / 8] |= 1U << (n % 8);
		} else {
			c = s->count;
			hit = pcnet32_fault_decide_mutant(p, n, &c);
			s->count = c;
			*fire = c.fired;
		}
	}
	pcnet32_fault_ctl_unlock(s);
	if (hit && pcnet32d_fault_logfd >= 0) {
		len = snprintf(msg, sizeof(msg),
			       "pcnet32d[%u]: mutant %u fired (firing %llu)\n",
			       pcnet32d_fault_owner, n, (unsigned long long)*fire);
		if (len > 0 && write(pcnet32d_fault_logfd, msg,
				     (size_t)len < sizeof(msg) ? (size_t)len : sizeof(msg) - 1) < 0)
			pcnet32d_fault_logfd = -1;
	}
	return hit;
}

void pcnet32_fault_abort(void)
{
	abort();
}

void pcnet32_fault_sleep(u32 ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	/* a signal (SIGTERM) does not cut the fault short */
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void pcnet32_fault_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

/* a random address of the user half (x86-64: 47 bits), above page 16 */
unsigned long pcnet32_fault_wild_addr(u64 r)
{
	const u64 lo = 0x10000, span = (1ULL << 47) - lo;

	return (unsigned long)((lo + r % span) & ~7ULL);
}

uint32_t pcnet32d_fault_after(uint32_t op)
{
	struct pcnet32_fault_plan p;
	u64 fire;

	if (!pcnet32_fault_armed() ||
	    !pcnet32_fault_take(op, PCNET32_FAULT_AFTER, &p, &fire))
		return PCNET32_FAULT_NONE;
	return p.kind;
}

/* the reply-side half happens in pcnet32d_fault_reply_len() */
/* scribble's write goes where the daemon's programs go (regprog.h) */
void pcnet32_fault_poke(struct pcnet32_ctx *ctx, u8 space, u16 reg, u16 val)
{
	struct pcnet32u_reg_op o = {
		.cmd = PCNET32U_REG_WRITE, .space = space, .reg = reg, .val = val,
	};
	u16 vals[PCNET32U_REGS_MAX_VALS];
	u32 n_vals;

	/* refused or not, the fault goes on: the op does not look */
	(void)pcnet32_regs_submit(ctx, &o, 1, vals, &n_vals);
}

void pcnet32_fault_badlen(void *rep, size_t rep_len, u64 r)
{
	(void)rep;
	(void)rep_len;
	pcnet32d_badlen_r = r;
	pcnet32d_badlen_pending = 1;
}

/*
 * A length other than the op's: 0, a few bytes over or under, the
 * channel's maximum, or far beyond it; the kernel must refuse all.
 */
uint32_t pcnet32d_fault_reply_len(uint32_t rep_len)
{
	uint64_t r = pcnet32d_badlen_r;
	uint32_t len;

	if (__builtin_expect(!pcnet32d_badlen_pending, 1))
		return rep_len;
	pcnet32d_badlen_pending = 0;
	switch (r & 3) {
	case 0:
		len = rep_len ? 0 : 1;
		break;
	case 1:
		len = rep_len + 1 + (uint32_t)((r >> 8) % 16);
		break;
	case 2:
		len = rep_len > 1 ? rep_len - 1 - (uint32_t)((r >> 8) % (rep_len - 1)) :
				    PCNET32U_MAX_REPLY;
		break;
	default:
		len = PCNET32U_MAX_REPLY + 1 + (uint32_t)(r >> 40);
		break;
	}
	return len == rep_len ? rep_len + 1 : len;
}
