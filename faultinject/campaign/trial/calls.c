// SPDX-License-Identifier: GPL-2.0
/*
 * The ops as a caller issues them: one SIOCETHTOOL or MII ioctl on eth0
 * (lib/ethtool-ioc), the bytes of the answer that a correct answer always
 * repeats, each call in a thread with a bound; the clean answer of every
 * op, recorded before its first trial; and the state the set ops change,
 * put back after every trial so that each trial starts from the clean
 * answers.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/sockios.h>

#include "ethtool-ioc.h"
#include "ops.h"
#include "trial.h"

#define MSG_FLIP 0x4000u	/* NETIF_MSG_WOL: nothing logs under it */

static int sock_fd = -1;
static int glink_nwords;
static uint32_t regdump_len;

struct link_req {
	struct ethtool_link_settings s;
	uint32_t masks[3 * SCHAR_MAX];
};

static int eth_ioctl(void *data)
{
	return ioc_ethtool(sock_fd, IFNAME, data);
}

static void put(struct answer *a, const void *p, size_t n)
{
	if (a->len + n > sizeof(a->data))
		n = sizeof(a->data) - a->len;
	memcpy(a->data + a->len, p, n);
	a->len += n;
}

static void call_gdrvinfo(struct answer *a)
{
	struct ethtool_drvinfo di;

	memset(&di, 0, sizeof(di));
	di.cmd = ETHTOOL_GDRVINFO;
	a->err = eth_ioctl(&di);
	if (!a->err)
		put(a, &di, sizeof(di));
}

/*
 * The register dump changes while the chip runs (status bits, counters):
 * its answer is the length and the address PROM words, which a correct
 * dump always repeats. Not the chip id (CSR88/89): the emulated chip lets
 * software write it, and a scribble trial that hits it would make every
 * later dump "wrong".
 */
static void call_gregs(struct answer *a)
{
	static struct {
		struct ethtool_regs r;
		uint16_t w[1024];
	} req;
	static const unsigned int stable[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	unsigned int i;

	memset(&req, 0, sizeof(req));
	req.r.cmd = ETHTOOL_GREGS;
	req.r.len = regdump_len < sizeof(req.w) ? regdump_len : sizeof(req.w);
	a->err = eth_ioctl(&req);
	if (a->err)
		return;
	put(a, &req.r.len, sizeof(req.r.len));
	for (i = 0; i < sizeof(stable) / sizeof(stable[0]); i++)
		if (stable[i] * 2 + 2 <= req.r.len)
			put(a, &req.w[stable[i]], sizeof(uint16_t));
}

static void call_value(struct answer *a, uint32_t cmd)
{
	struct ethtool_value v = { .cmd = cmd };

	a->err = eth_ioctl(&v);
	if (!a->err)
		put(a, &v.data, sizeof(v.data));
}

static void call_gmsglvl(struct answer *a)
{
	call_value(a, ETHTOOL_GMSGLVL);
}

static void call_glink(struct answer *a)
{
	call_value(a, ETHTOOL_GLINK);
}

static void call_gring(struct answer *a)
{
	struct ethtool_ringparam rp = { .cmd = ETHTOOL_GRINGPARAM };

	a->err = eth_ioctl(&rp);
	if (!a->err)
		put(a, &rp, sizeof(rp));
}

static void call_gstrings(struct answer *a)
{
	struct {
		struct ethtool_gstrings hdr;
		uint8_t data[8 * ETH_GSTRING_LEN];
	} req;

	memset(&req, 0, sizeof(req));
	req.hdr.cmd = ETHTOOL_GSTRINGS;
	req.hdr.string_set = ETH_SS_TEST;
	a->err = eth_ioctl(&req);
	if (!a->err)
		put(a, &req, sizeof(req.hdr) + req.hdr.len * ETH_GSTRING_LEN);
}

static void call_gsset(struct answer *a)
{
	struct {
		struct ethtool_sset_info hdr;
		uint32_t data[1];
	} req;

	memset(&req, 0, sizeof(req));
	req.hdr.cmd = ETHTOOL_GSSET_INFO;
	req.hdr.sset_mask = 1ULL << ETH_SS_TEST;
	a->err = eth_ioctl(&req);
	if (!a->err)
		put(a, &req, sizeof(req));
}

static int glink_settings(struct link_req *req)
{
	memset(req, 0, sizeof(*req));
	req->s.cmd = ETHTOOL_GLINKSETTINGS;
	req->s.link_mode_masks_nwords = (int8_t)glink_nwords;
	return eth_ioctl(req);
}

static void call_glinksettings(struct answer *a)
{
	struct link_req req;

	a->err = glink_settings(&req);
	if (!a->err)
		put(a, &req, sizeof(req.s) + 3 * 4 * glink_nwords);
}

static void call_phys_id(struct answer *a)
{
	/* one second of blinking: the shortest identify the API has */
	struct ethtool_value v = { .cmd = ETHTOOL_PHYS_ID, .data = 1 };

	a->err = eth_ioctl(&v);
}

static void call_nway(struct answer *a)
{
	struct ethtool_value v = { .cmd = ETHTOOL_NWAY_RST };

	a->err = eth_ioctl(&v);
}

static void call_mii(struct answer *a, unsigned long cmd)
{
	struct mii_ioctl_data mii = { 0 };

	a->err = ioc_mii(sock_fd, IFNAME, SIOCGMIIPHY, &mii);
	if (a->err)
		return;
	mii.reg_num = MII_BMSR;
	if (cmd == SIOCSMIIREG) {
		/* write back what the register holds (BMSR is read-only) */
		a->err = ioc_mii(sock_fd, IFNAME, SIOCGMIIREG, &mii);
		if (a->err)
			return;
		mii.val_in = mii.val_out;
	}
	a->err = ioc_mii(sock_fd, IFNAME, cmd, &mii);
	if (!a->err && cmd == SIOCGMIIREG)
		put(a, &mii.val_out, sizeof(mii.val_out));
}

static void call_mdio_read(struct answer *a)
{
	call_mii(a, SIOCGMIIREG);
}

static void call_mdio_write(struct answer *a)
{
	call_mii(a, SIOCSMIIREG);
}

/*
 * Set ops: the caller sets a value, and its effect is checked by the
 * matching get. The state they change is put back after each trial
 * (restore_state), so that every trial starts from the clean answers.
 */
static uint32_t clean_msglvl;
static struct ethtool_ringparam clean_ring;
static struct link_req clean_link;

static void call_smsglvl(struct answer *a)
{
	struct ethtool_value v = { .cmd = ETHTOOL_SMSGLVL,
				   .data = clean_msglvl ^ MSG_FLIP };

	a->err = eth_ioctl(&v);
	if (!a->err)
		call_gmsglvl(a);
}

/* the same sizes: a correct set changes nothing, a faulty one shows */
static void call_sring(struct answer *a)
{
	struct ethtool_ringparam rp = clean_ring;

	rp.cmd = ETHTOOL_SRINGPARAM;
	a->err = eth_ioctl(&rp);
	if (!a->err)
		call_gring(a);
}

/* flip autoneg (keeping port and duplex), then read the settings back */
static void call_slinksettings(struct answer *a)
{
	struct link_req req = clean_link;

	req.s.cmd = ETHTOOL_SLINKSETTINGS;
	req.s.autoneg = clean_link.s.autoneg == AUTONEG_ENABLE ?
			AUTONEG_DISABLE : AUTONEG_ENABLE;
	a->err = eth_ioctl(&req);
	if (!a->err)
		call_glinksettings(a);
}

static const struct opdef opdefs[] = {
	{ "get_drvinfo", call_gdrvinfo },
	/* the ethtool core asks get_regs_len while answering GDRVINFO */
	{ "get_regs_len", call_gdrvinfo },
	{ "get_regs", call_gregs },
	{ "get_msglevel", call_gmsglvl },
	{ "set_msglevel", call_smsglvl },
	{ "nway_reset", call_nway },
	{ "get_link", call_glink },
	{ "get_ringparam", call_gring },
	{ "set_ringparam", call_sring },
	{ "get_strings", call_gstrings },
	{ "get_sset_count", call_gsset },
	{ "set_phys_id", call_phys_id },
	{ "get_link_ksettings", call_glinksettings },
	{ "set_link_ksettings", call_slinksettings },
	{ "mdio_read", call_mdio_read },
	{ "mdio_write", call_mdio_write },
};

#define N_OPDEFS (sizeof(opdefs) / sizeof(opdefs[0]))

/* the ops whose answers a daemon publishes at its start (FACTS) */
#define TRIAL_FACT_ROW(NAME, ID, FN, ARG, REP, SIDE, FLAGS, WHY)	\
	{ #FN, !!((FLAGS) & PCNET32_OPF_FACT) },
static const struct {
	const char *name;
	int fact;
} op_facts[] = { PCNET32_OPS(TRIAL_FACT_ROW) };
#undef TRIAL_FACT_ROW

int op_is_fact(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(op_facts) / sizeof(op_facts[0]); i++)
		if (!strcmp(op_facts[i].name, name))
			return op_facts[i].fact;
	return 0;
}

static struct answer clean[N_OPDEFS];
static int clean_done[N_OPDEFS];

/* ---- calls in a thread, with a bound ---------------------------------- */

static void *job_main(void *p)
{
	struct job *j = p;

	j->t0 = now_ns();
	j->op->call(&j->ans);
	j->t1 = now_ns();
	atomic_store(&j->done, 1);
	return NULL;
}

/*
 * Start op in a thread; wait at most bound_ms. Returns the job when it came
 * back (caller frees), NULL when it did not (*stuck is then the job, still
 * running: it is joined later or abandoned with the process).
 */
struct job *call_bounded(const struct opdef *op, unsigned int bound_ms,
				pthread_t *tid, struct job **stuck)
{
	struct job *j = calloc(1, sizeof(*j));
	struct timespec until;
	uint64_t t;

	*stuck = NULL;
	if (!j)
		return NULL;
	j->op = op;
	if (pthread_create(tid, NULL, job_main, j)) {
		j->ans.err = EAGAIN;
		j->t0 = j->t1 = now_ns();
		return j;
	}
	clock_gettime(CLOCK_REALTIME, &until);
	t = (uint64_t)until.tv_nsec + (uint64_t)bound_ms * 1000000ULL;
	until.tv_sec += (time_t)(t / 1000000000ULL);
	until.tv_nsec = (long)(t % 1000000000ULL);
	if (pthread_timedjoin_np(*tid, NULL, &until)) {
		*stuck = j;
		return NULL;
	}
	if (!atomic_load(&j->done)) {
		/*
		 * Joined but never done: the kernel killed the thread inside
		 * the call (an oops in its context exits the task). No answer.
		 */
		j->killed = 1;
		j->t1 = now_ns();
	}
	return j;
}

/* wait for a stuck job up to ms more; 1 if it came back (and is freed) */
int wait_stuck(struct job *j, pthread_t tid, unsigned int ms)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000ULL;

	while (!atomic_load(&j->done) && now_ns() < end)
		sleep_ms(5);
	if (!atomic_load(&j->done))
		return 0;
	pthread_join(tid, NULL);
	return 1;
}

/* ---- clean answers and the state the set ops change -------------------- */

const struct opdef *find_op(const char *name)
{
	size_t i;

	for (i = 0; i < N_OPDEFS; i++)
		if (!strcmp(opdefs[i].name, name))
			return &opdefs[i];
	return NULL;
}

/* the i-th op in the op table's order; NULL past the last */
const struct opdef *op_at(size_t i)
{
	return i < N_OPDEFS ? &opdefs[i] : NULL;
}

/*
 * A call that another op of the table already makes (get_regs_len's is
 * get_drvinfo's: the ethtool core asks it while answering GDRVINFO)
 */
int op_call_repeats(const struct opdef *op)
{
	const struct opdef *o;

	for (o = opdefs; o < op; o++)
		if (o->call == op->call)
			return 1;
	return 0;
}

const struct answer *clean_answer(const struct opdef *op)
{
	return &clean[op - opdefs];
}

/* put back the state set ops change; best effort, bounded */
void restore_state(void)
{
	struct ethtool_value v = { .cmd = ETHTOOL_GMSGLVL };
	struct ethtool_ringparam rp = { .cmd = ETHTOOL_GRINGPARAM };
	struct link_req lr;
	uint64_t end = now_ns() + 2000000000ULL;

	while (now_ns() < end) {
		int ok = 1;

		v.cmd = ETHTOOL_GMSGLVL;
		if (eth_ioctl(&v) || v.data != clean_msglvl) {
			v.cmd = ETHTOOL_SMSGLVL;
			v.data = clean_msglvl;
			eth_ioctl(&v);
			ok = 0;
		}
		rp.cmd = ETHTOOL_GRINGPARAM;
		if (eth_ioctl(&rp) || rp.rx_pending != clean_ring.rx_pending ||
		    rp.tx_pending != clean_ring.tx_pending) {
			rp = clean_ring;
			rp.cmd = ETHTOOL_SRINGPARAM;
			eth_ioctl(&rp);
			ok = 0;
		}
		if (glink_nwords && (glink_settings(&lr) ||
				     lr.s.autoneg != clean_link.s.autoneg)) {
			lr = clean_link;
			lr.s.cmd = ETHTOOL_SLINKSETTINGS;
			eth_ioctl(&lr);
			ok = 0;
		}
		if (ok)
			return;
		sleep_ms(10);
	}
}

int record_clean(void)
{
	struct link_req req;
	struct ethtool_drvinfo di;
	struct ethtool_value v = { .cmd = ETHTOOL_GMSGLVL };

	memset(&di, 0, sizeof(di));
	di.cmd = ETHTOOL_GDRVINFO;
	if (eth_ioctl(&di)) {
		perror("fault-trial: GDRVINFO");
		return -1;
	}
	regdump_len = di.regdump_len;
	if (eth_ioctl(&v))
		return -1;
	clean_msglvl = v.data;
	clean_ring.cmd = ETHTOOL_GRINGPARAM;
	if (eth_ioctl(&clean_ring))
		return -1;
	memset(&req, 0, sizeof(req));
	req.s.cmd = ETHTOOL_GLINKSETTINGS;
	if (!eth_ioctl(&req) && req.s.link_mode_masks_nwords < 0 &&
	    -req.s.link_mode_masks_nwords <= SCHAR_MAX) {
		glink_nwords = -req.s.link_mode_masks_nwords;
		glink_settings(&clean_link);
	}
	return 0;
}

/*
 * An op's correct answer, from a clean call before its first trial (a set
 * op's: what its get shows after it). Recorded lazily: set_phys_id alone
 * costs a second.
 */
void record_clean_op(const struct opdef *op)
{
	size_t i = (size_t)(op - opdefs);

	if (clean_done[i])
		return;
	opdefs[i].call(&clean[i]);
	restore_state();
	clean_done[i] = 1;
	fprintf(stderr, "fault-trial: clean %s: %s (%zu bytes)\n",
		opdefs[i].name, errno_name(clean[i].err), clean[i].len);
}

/* every op's clean answer, before anything is armed (a mutant's battery) */
void record_clean_all(void)
{
	size_t i;

	for (i = 0; i < N_OPDEFS; i++)
		record_clean_op(&opdefs[i]);
}

/* the socket of every call; 0, or -1 (said why on stderr) */
int calls_open(void)
{
	sock_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock_fd < 0) {
		perror("fault-trial: socket");
		return -1;
	}
	return 0;
}
