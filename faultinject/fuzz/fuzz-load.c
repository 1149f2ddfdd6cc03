// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-load: the load for the hostile-daemon fuzzer. Worker processes issue
 * every ethtool and MII operation the driver supports, as root and as an
 * unprivileged user, in a seeded random order, so that the kernel sends
 * the daemon (or whoever holds the node) real requests of every op. Most
 * go through SIOCETHTOOL directly (many per second, even under TCG); now
 * and then the ethtool program itself runs, for the netlink paths
 * (settings, rings, message level, link modes).
 *
 * Printed at the end (SIGTERM or --seconds): per operation, how often the
 * kernel answered with which errno. The kernel's internal codes, which no
 * system call may return (512 ERESTARTSYS .. 529), show as E512 and so on;
 * values that are no errno at all (above the last one, up to 4095) are
 * summed as not-an-errno.
 */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ethtool-ioc.h"
#include "fuzz.h"

#define LOAD_OPS(X)							\
	X(GDRVINFO, 8, 0) X(GREGS, 8, 1) X(GRINGPARAM, 6, 0)		\
	X(SRINGPARAM, 3, 1) X(GMSGLVL, 6, 0) X(SMSGLVL, 6, 1)		\
	X(NWAY_RST, 6, 1) X(GLINK, 6, 0) X(GSSET_INFO, 6, 0)		\
	X(GSTRINGS, 6, 0) X(TEST, 1, 1) X(PHYS_ID, 1, 1)		\
	X(GLINKSETTINGS, 8, 0) X(SLINKSETTINGS, 4, 1) X(GSET, 4, 0)	\
	X(SSET, 2, 1) X(MIIPHY, 4, 0) X(MIIREG, 4, 0) X(SMIIREG, 3, 1)	\
	X(EXEC_ETHTOOL, 2, 0)

enum load_op {
#define LOAD_ENUM(NAME, WEIGHT, ROOT) LOAD_##NAME,
	LOAD_OPS(LOAD_ENUM)
#undef LOAD_ENUM
	LOAD_NOPS
};

static const char *const load_name[LOAD_NOPS] = {
#define LOAD_NAME(NAME, WEIGHT, ROOT) #NAME,
	LOAD_OPS(LOAD_NAME)
#undef LOAD_NAME
};

static const unsigned int load_weight[LOAD_NOPS] = {
#define LOAD_WEIGHT(NAME, WEIGHT, ROOT) WEIGHT,
	LOAD_OPS(LOAD_WEIGHT)
#undef LOAD_WEIGHT
};

#define LOAD_NERR	4097	/* 0..4095; the last slot: beyond */

struct load_stats {
	uint64_t n[2][LOAD_NOPS][LOAD_NERR];	/* [unprivileged][op][errno] */
	uint32_t stop;
};

static struct load_stats *ls;
static int skipped[LOAD_NOPS];
static const char *ifname = "eth0";

static void on_term(int sig)
{
	(void)sig;
	ls->stop = 1;
}

/* 0, or -1 with errno (ethtool-ioc.h leaves it set) */
static int et(int sock, void *data)
{
	return ioc_ethtool(sock, ifname, data) ? -1 : 0;
}

static int mii(int sock, int cmd, struct mii_ioctl_data *m)
{
	return ioc_mii(sock, ifname, (unsigned long)cmd, m) ? -1 : 0;
}

static uint32_t ring_size(struct fuzz_rng *r)
{
	static const uint32_t sizes[] = { 0, 1, 16, 32, 64, 128, 256, 512, 1000, 4096 };

	return sizes[fuzz_below(r, sizeof(sizes) / sizeof(sizes[0]))];
}

/* the link settings, in the two-step form the kernel asks for */
struct link_req {
	struct ethtool_link_settings s;
	uint32_t masks[3 * 127];
};

static int get_link(int sock, struct link_req *l)
{
	int ret;

	memset(l, 0, sizeof(*l));
	l->s.cmd = ETHTOOL_GLINKSETTINGS;
	ret = et(sock, l);
	if (ret || l->s.link_mode_masks_nwords >= 0 || l->s.link_mode_masks_nwords < -127)
		return ret ? ret : -1;
	l->s.link_mode_masks_nwords = (int8_t)-l->s.link_mode_masks_nwords;
	l->s.cmd = ETHTOOL_GLINKSETTINGS;
	return et(sock, l);
}

static int exec_ethtool(struct fuzz_rng *r)
{
	char a[4][16];
	const char *argv[12] = { "ethtool" };
	int n = 1, st;
	pid_t pid;

	switch (fuzz_below(r, 6)) {
	case 0: break;	/* link settings (netlink) */
	case 1: argv[n++] = "-g"; break;
	case 2:
		snprintf(a[0], sizeof(a[0]), "%u", ring_size(r));
		snprintf(a[1], sizeof(a[1]), "%u", ring_size(r));
		argv[n++] = "-G"; argv[n++] = ifname; argv[n++] = "rx"; argv[n++] = a[0];
		argv[n++] = "tx"; argv[n++] = a[1];
		break;
	case 3:
		snprintf(a[0], sizeof(a[0]), "0x%x", (unsigned int)fuzz_next(r));
		argv[n++] = "-s"; argv[n++] = ifname; argv[n++] = "msglvl"; argv[n++] = a[0];
		break;
	case 4:
		argv[n++] = "-s"; argv[n++] = ifname; argv[n++] = "autoneg";
		argv[n++] = fuzz_below(r, 2) ? "on" : "off";
		argv[n++] = "speed"; argv[n++] = fuzz_below(r, 2) ? "10" : "100";
		break;
	default: argv[n++] = "-i"; break;
	}
	if (n == 1 || !strcmp(argv[n - 1], "-g") || !strcmp(argv[n - 1], "-i"))
		argv[n++] = ifname;
	pid = fork();
	if (pid == 0) {
		freopen("/dev/null", "w", stdout);
		freopen("/dev/null", "w", stderr);
		execvp("ethtool", (char *const *)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	errno = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return errno ? -1 : 0;
}

/* One operation of kind op; returns 0 or -1 with errno. */
static int run_op(int sock, enum load_op op, struct fuzz_rng *r)
{
	static uint8_t big[64 * 1024];
	static struct link_req l;
	struct mii_ioctl_data m;

	memset(big, 0, 4096);
	switch (op) {
	case LOAD_GDRVINFO: {
		struct ethtool_drvinfo *d = (void *)big;

		d->cmd = ETHTOOL_GDRVINFO;
		return et(sock, d);
	}
	case LOAD_GREGS: {
		static const uint32_t lens[] = { 0, 2, 16, 272, 4096, 60000 };
		struct ethtool_regs *g = (void *)big;

		g->cmd = ETHTOOL_GREGS;
		g->len = lens[fuzz_below(r, 6)];
		return et(sock, g);
	}
	case LOAD_GRINGPARAM:
	case LOAD_SRINGPARAM: {
		struct ethtool_ringparam *g = (void *)big;

		g->cmd = ETHTOOL_GRINGPARAM;
		if (et(sock, g) || op == LOAD_GRINGPARAM)
			return op == LOAD_GRINGPARAM ? 0 : -1;
		g->cmd = ETHTOOL_SRINGPARAM;
		g->rx_pending = ring_size(r);
		g->tx_pending = ring_size(r);
		return et(sock, g);
	}
	case LOAD_GMSGLVL:
	case LOAD_SMSGLVL:
	case LOAD_NWAY_RST:
	case LOAD_GLINK:
	case LOAD_PHYS_ID: {
		static const uint32_t cmd[] = {
			[LOAD_GMSGLVL] = ETHTOOL_GMSGLVL, [LOAD_SMSGLVL] = ETHTOOL_SMSGLVL,
			[LOAD_NWAY_RST] = ETHTOOL_NWAY_RST, [LOAD_GLINK] = ETHTOOL_GLINK,
			[LOAD_PHYS_ID] = ETHTOOL_PHYS_ID,
		};
		struct ethtool_value *v = (void *)big;

		v->cmd = cmd[op];
		v->data = op == LOAD_PHYS_ID ? 1 : (uint32_t)fuzz_next(r);
		return et(sock, v);
	}
	case LOAD_GSSET_INFO: {
		struct ethtool_sset_info *s = (void *)big;

		s->cmd = ETHTOOL_GSSET_INFO;
		s->sset_mask = fuzz_below(r, 2) ? 1ULL << ETH_SS_TEST : fuzz_next(r) & 0xff;
		return et(sock, s);
	}
	case LOAD_GSTRINGS: {
		struct ethtool_gstrings *g = (void *)big;

		g->cmd = ETHTOOL_GSTRINGS;
		g->string_set = fuzz_below(r, 2) ? ETH_SS_TEST : fuzz_below(r, 8);
		return et(sock, g);
	}
	case LOAD_TEST: {
		struct ethtool_test *t = (void *)big;

		t->cmd = ETHTOOL_TEST;
		t->flags = fuzz_below(r, 2) ? ETH_TEST_FL_OFFLINE : 0;
		return et(sock, t);
	}
	case LOAD_GLINKSETTINGS:
		return get_link(sock, &l);
	case LOAD_SLINKSETTINGS:
		if (get_link(sock, &l))
			return -1;
		l.s.cmd = ETHTOOL_SLINKSETTINGS;
		l.s.speed = fuzz_below(r, 2) ? 10 : 100;
		l.s.duplex = fuzz_below(r, 3);
		l.s.autoneg = fuzz_below(r, 3);
		l.s.port = fuzz_below(r, 4);
		return et(sock, &l);
	case LOAD_GSET:
	case LOAD_SSET: {
		struct ethtool_cmd *c = (void *)big;

		c->cmd = ETHTOOL_GSET;
		if (et(sock, c) || op == LOAD_GSET)
			return op == LOAD_GSET ? 0 : -1;
		c->cmd = ETHTOOL_SSET;
		c->duplex = fuzz_below(r, 2);
		c->autoneg = fuzz_below(r, 2);
		ethtool_cmd_speed_set(c, fuzz_below(r, 2) ? SPEED_10 : SPEED_100);
		return et(sock, c);
	}
	case LOAD_MIIPHY:
	case LOAD_MIIREG:
	case LOAD_SMIIREG:
		memset(&m, 0, sizeof(m));
		if (op == LOAD_MIIPHY)
			return mii(sock, SIOCGMIIPHY, &m);
		m.phy_id = (uint16_t)fuzz_below(r, 33);
		m.reg_num = (uint16_t)fuzz_below(r, 33);
		m.val_in = (uint16_t)fuzz_next(r);
		return mii(sock, op == LOAD_MIIREG ? SIOCGMIIREG : SIOCSMIIREG, &m);
	default:
		return exec_ethtool(r);
	}
}

static enum load_op pick_op(struct fuzz_rng *r)
{
	unsigned int total = 0, x, i;

	for (i = 0; i < LOAD_NOPS; i++)
		total += load_weight[i];
	x = fuzz_below(r, total);
	for (i = 0; i < LOAD_NOPS; i++) {
		if (x < load_weight[i])
			return (enum load_op)i;
		x -= load_weight[i];
	}
	return LOAD_GDRVINFO;
}

static void worker(uint64_t seed, int id, int unpriv, unsigned int exec_ok)
{
	int sock = socket(AF_INET, SOCK_DGRAM, 0);
	uint64_t n;

	if (sock < 0)
		_exit(1);
	if (unpriv && (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		       setresuid(65534, 65534, 65534)))
		_exit(1);
	for (n = 0; !ls->stop; n++) {
		struct fuzz_rng r = fuzz_rng_for(seed, 100 + (uint64_t)id, n);
		enum load_op op = pick_op(&r);
		int ret, e;

		if ((op == LOAD_EXEC_ETHTOOL && !exec_ok) || skipped[op])
			continue;
		ret = run_op(sock, op, &r);
		e = ret ? errno : 0;
		if (e < 0 || e >= LOAD_NERR)
			e = LOAD_NERR - 1;
		__atomic_fetch_add(&ls->n[unpriv][op][e], 1, __ATOMIC_RELAXED);
	}
	_exit(0);
}

static void report(void)
{
	unsigned long long other;
	int u, op, e;

	for (u = 0; u < 2; u++) {
		for (op = 0; op < LOAD_NOPS; op++) {
			uint64_t total = 0;

			for (e = 0; e < LOAD_NERR; e++)
				total += ls->n[u][op][e];
			if (!total)
				continue;
			printf("load: %s %-14s %7llu:", u ? "user" : "root", load_name[op],
			       (unsigned long long)total);
			for (e = 0, other = 0; e < LOAD_NERR; e++) {
				const char *nm = e ? strerrorname_np(e) : "OK";
				unsigned long long k = ls->n[u][op][e];

				if (!k)
					continue;
				if (op == LOAD_EXEC_ETHTOOL && e)
					printf(" exit%d=%llu", e, k);
				else if (nm && e < 512)
					printf(" %s=%llu", nm, k);
				else if (e >= 512 && e < 530)
					printf(" E%d=%llu", e, k);	/* the kernel's own */
				else
					other += k;
			}
			/* values no errno has: counted, not listed */
			if (other)
				printf(" not-an-errno=%llu", other);
			printf("\n");
		}
	}
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 't' },
		{ "root", required_argument, NULL, 'r' },
		{ "user", required_argument, NULL, 'u' },
		{ "no-exec", no_argument, NULL, 'n' },
		{ "iface", required_argument, NULL, 'I' },
		{ "skip", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned int seconds = 0, nroot = 3, nuser = 1, exec_ok = 1, i;
	const char *skip = "";
	struct sigaction sa = { .sa_handler = on_term };
	uint64_t seed = 1;
	struct timespec t0, t;
	int c;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': seconds = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'r': nroot = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'u': nuser = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'n': exec_ok = 0; break;
		case 'I': ifname = optarg; break;
		case 'S': skip = optarg; break;
		default:
			fprintf(stderr, "usage: fuzz-load [--seed N] [--seconds S] [--root N] "
				"[--user N] [--no-exec] [--iface IF] [--skip OP,OP]\n"
				"  (SIGTERM stops it; --skip leaves out ops by name, e.g. TEST,\n"
				"  to look past a known fatal defect)\n");
			return 2;
		}
	}
	ls = mmap(NULL, sizeof(*ls), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ls == MAP_FAILED) {
		perror("fuzz-load: mmap");
		return 1;
	}
	for (i = 0; i < LOAD_NOPS; i++) {
		const char *p = strstr(skip, load_name[i]);
		size_t l = strlen(load_name[i]);

		/* whole names only: TEST is not GSTRINGS' tail */
		while (p && ((p > skip && p[-1] != ',') || (p[l] && p[l] != ',')))
			p = strstr(p + 1, load_name[i]);
		if (p)
			skipped[i] = 1;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < nroot + nuser; i++) {
		pid_t pid = fork();

		if (pid == 0)
			worker(seed, (int)i, i >= nroot, exec_ok);
		if (pid < 0) {
			perror("fuzz-load: fork");
			ls->stop = 1;
			break;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!ls->stop) {
		usleep(100000);
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (seconds && t.tv_sec - t0.tv_sec >= (time_t)seconds)
			ls->stop = 1;
	}
	/*
	 * Bounded: a worker stuck in the kernel (a caller that died holding
	 * the RTNL leaves every other one waiting for it) never ends; report
	 * what the others did anyway.
	 */
	for (i = 0; i < 30 && waitpid(-1, NULL, WNOHANG) >= 0; i++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		usleep(100000);
	}
	if (waitpid(-1, NULL, WNOHANG) >= 0)
		printf("load: some workers did not end (stuck in the kernel)\n");
	report();
	return 0;
}
