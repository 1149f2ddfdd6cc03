// SPDX-License-Identifier: GPL-2.0
/*
 * opbench: per-operation latency of a NIC driver's slow path, measured from
 * user space in the guest (the benchmark's Table 2, per op).
 *
 *   opbench ops  [-i IF] [-n N] [-w W] [-T S] [-r RATE] [-u FILE]
 *                [-c FILE | -k FILE] [-s] [OP...]
 *       Issue each OP N times (after W unrecorded warm-up calls; with -T,
 *       for at most S seconds; with -r, at most RATE calls a second, on a
 *       fixed schedule) and print one CSV row per call: op,iter,ns,err. The ops are ethtool ioctls
 *       (SIOCETHTOOL) answered by the driver, MII ioctls, and reference
 *       points: a bare system call, an ioctl no driver answers, an ethtool
 *       ioctl the ethtool core answers alone, and a pipe round trip between
 *       two processes (the floor of any upcall). Default: every op.
 *   opbench exec [-n N] [-w W] [-a V1,V2,...] [-u FILE] [-t TAG] -- CMD...
 *       Run CMD N times (stdout and stderr to /dev/null) and print one row
 *       per run: tag,iter,ns,status (wall time from fork to reaped child).
 *       With -a, the argument @ALT@ takes the values V1, V2, ... in turn.
 *   opbench list
 *       The ops, one per line: name, kind (ref or op), what it does.
 *
 * -s (ops): before each call (warm-up included), an untimed pipe round
 * trip with a child process, so that every call starts right after the
 * caller slept and was switched back in, as an upcall's caller resumes
 * (see switch_out()). Not with -c.
 *
 * -u FILE: when the split build's phase-timing file exists
 * (/sys/kernel/debug/pcnet32-upcall0/samples, or $OPBENCH_SAMPLES), reset
 * it before each batch and append its rows to FILE afterwards, each row
 * prefixed with the batch's tag (the op name or -t TAG). The kernel keeps
 * the last 1024 rows of a batch.
 *
 * -c FILE (ops): software counters around each op's timed loop, one CSV row
 * per op in FILE (header included): op,calls,task_clock_ns,
 * context_switches,page_faults,cpu_migrations,cs_all,upcalls,programs,
 * accesses,refused,malformed,hold_max_ns,hold_total_ns,fastpath_holds.
 * The first four are this process's own (libperf, per-thread software
 * events: the CPU time it ran, the times it was switched out, its page
 * faults and CPU moves); cs_all counts every context switch on every CPU
 * of the guest during the loop (the daemon's included: a pipe round trip
 * is two); upcalls is the change of the kernel's own upcall counter (the
 * `calls` line of the counters file /sys/kernel/debug/pcnet32-upcall0/counters,
 * or $OPBENCH_COUNTERS; -1 where there is none). Then the
 * driver's own register counters (our builds; -1 each with the stock
 * driver): the debugfs file pcnet32-<PCI address>/regaccess is reset
 * before the loop and read after it, summed over its op rows: programs
 * (register programs run), accesses (register accesses on the chip),
 * refused (by the firewall), malformed, hold_max_ns (the longest hold of
 * the register lock by one program; the largest of the rows),
 * hold_total_ns; fastpath_holds is the change of pcnet32-<PCI
 * address>/fastpath_holds (how often the slow path stopped the fast
 * path). Rows of the loop are kept in a 1-MiB stdout buffer, so that
 * writing them costs no system call (and no context switch) inside the
 * loop unless it overflows.
 *
 * The perf events are not free: each context switch of the guest does
 * their bookkeeping (under TCG a pipe round trip took about 27 us more
 * with -c: 128-131 us against 154-156), so a loop timed with -c is slowed
 * wherever it switches; time ops without it, and count them in a loop of
 * their own. -k FILE: the same file with the perf columns empty, the
 * kernel's counters only (upcalls, regaccess, fastpath_holds), which cost
 * nothing per switch.
 *
 * Times are CLOCK_MONOTONIC around each call. A failing op is reported on
 * stderr and skipped when its first call fails; later failures are rows
 * with err set to the errno.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <net/if.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/sockios.h>
#include <linux/perf_event.h>

#include <perf/core.h>
#include <perf/cpumap.h>
#include <perf/evsel.h>
#include <perf/threadmap.h>

#include "ethtool-ioc.h"

#define DEFAULT_SAMPLES "/sys/kernel/debug/pcnet32-upcall0/samples"
#define DEFAULT_COUNTERS "/sys/kernel/debug/pcnet32-upcall0/counters"
/* our builds' per-device debugfs directory ($OPBENCH_NICDIR overrides) */
#define NICDIR_GLOB "/sys/kernel/debug/pcnet32-0000:*"
#define ALT_TOKEN "@ALT@"
#define MAX_ALTS 16

/* a child process that echoes each byte back: a pipe round trip */
struct peer {
	int to_child[2];
	int to_parent[2];
	pid_t child;
};

struct bench {
	const char *ifname;
	int sock;
	/* GREGS */
	struct ethtool_regs *regs;
	/* GLINKSETTINGS */
	int nwords;
	/* SMSGLVL: the two values it alternates between, the original */
	uint32_t msg_orig;
	/* MII */
	uint16_t phy;
	/* pipe round trip: the op's own peer, and -s's */
	struct peer pipe;
	struct peer sw;
};

struct op {
	const char *name;
	const char *kind;	/* "ref" or "op" */
	const char *what;
	int (*setup)(struct bench *b);	/* 0 or errno */
	int (*run)(struct bench *b, unsigned long iter);	/* 0 or errno */
	void (*done)(struct bench *b);
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int ethtool_ioctl(struct bench *b, void *data)
{
	return ioc_ethtool(b->sock, b->ifname, data);
}

/* ---- reference points ------------------------------------------------ */

static int run_getppid(struct bench *b, unsigned long iter)
{
	(void)b;
	(void)iter;
	syscall(SYS_getppid);
	return 0;
}

static int run_siocgifflags(struct bench *b, unsigned long iter)
{
	struct ifreq ifr;

	(void)iter;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", b->ifname);
	return ioctl(b->sock, SIOCGIFFLAGS, &ifr) ? errno : 0;
}

static int run_gpermaddr(struct bench *b, unsigned long iter)
{
	struct {
		struct ethtool_perm_addr pa;
		uint8_t data[32];
	} req;

	(void)iter;
	memset(&req, 0, sizeof(req));
	req.pa.cmd = ETHTOOL_GPERMADDR;
	req.pa.size = sizeof(req.data);
	return ethtool_ioctl(b, &req);
}

static int peer_start(struct peer *p)
{
	char c;

	if (pipe(p->to_child))
		return errno;
	if (pipe(p->to_parent)) {
		int e = errno;

		close(p->to_child[0]);
		close(p->to_child[1]);
		return e;
	}
	p->child = fork();
	if (p->child < 0) {
		int e = errno;

		close(p->to_child[0]);
		close(p->to_child[1]);
		close(p->to_parent[0]);
		close(p->to_parent[1]);
		p->child = 0;
		return e;
	}
	if (p->child == 0) {
		close(p->to_child[1]);
		close(p->to_parent[0]);
		while (read(p->to_child[0], &c, 1) == 1)
			if (write(p->to_parent[1], &c, 1) != 1)
				break;
		_exit(0);
	}
	close(p->to_child[0]);
	close(p->to_parent[1]);
	return 0;
}

/* one byte there and back: the caller sleeps, the child runs, and back */
static int peer_round_trip(struct peer *p, char c)
{
	if (write(p->to_child[1], &c, 1) != 1)
		return errno ? errno : EPIPE;
	if (read(p->to_parent[0], &c, 1) != 1)
		return errno ? errno : EPIPE;
	return 0;
}

static void peer_stop(struct peer *p)
{
	if (p->child <= 0)
		return;
	close(p->to_child[1]);
	close(p->to_parent[0]);
	waitpid(p->child, NULL, 0);
	p->child = 0;
}

static int setup_pipe(struct bench *b)
{
	return peer_start(&b->pipe);
}

static int run_pipe(struct bench *b, unsigned long iter)
{
	return peer_round_trip(&b->pipe, (char)iter);
}

static void done_pipe(struct bench *b)
{
	peer_stop(&b->pipe);
}

/* ---- ethtool ops the driver answers ---------------------------------- */

static int run_gdrvinfo(struct bench *b, unsigned long iter)
{
	struct ethtool_drvinfo di;

	(void)iter;
	memset(&di, 0, sizeof(di));
	di.cmd = ETHTOOL_GDRVINFO;
	return ethtool_ioctl(b, &di);
}

static int run_gringparam(struct bench *b, unsigned long iter)
{
	struct ethtool_ringparam rp;

	(void)iter;
	memset(&rp, 0, sizeof(rp));
	rp.cmd = ETHTOOL_GRINGPARAM;
	return ethtool_ioctl(b, &rp);
}

static int run_gmsglvl(struct bench *b, unsigned long iter)
{
	struct ethtool_value v = { .cmd = ETHTOOL_GMSGLVL };

	(void)iter;
	return ethtool_ioctl(b, &v);
}

static int setup_smsglvl(struct bench *b)
{
	struct ethtool_value v = { .cmd = ETHTOOL_GMSGLVL };
	int err = ethtool_ioctl(b, &v);

	b->msg_orig = v.data;
	return err;
}

/*
 * Alternate between the original level and the original with one bit
 * flipped (NETIF_MSG_WOL: nothing logs under it), so that every call is a
 * change.
 */
#define OPBENCH_MSG_FLIP 0x4000
static int run_smsglvl(struct bench *b, unsigned long iter)
{
	struct ethtool_value v = { .cmd = ETHTOOL_SMSGLVL };

	v.data = b->msg_orig ^ ((iter & 1) ? 0 : OPBENCH_MSG_FLIP);
	return ethtool_ioctl(b, &v);
}

static void done_smsglvl(struct bench *b)
{
	struct ethtool_value v = { .cmd = ETHTOOL_SMSGLVL };

	v.data = b->msg_orig;
	if (ethtool_ioctl(b, &v))
		fprintf(stderr, "opbench: cannot restore the message level\n");
}

static int run_gsset_info(struct bench *b, unsigned long iter)
{
	struct {
		struct ethtool_sset_info hdr;
		uint32_t data[1];
	} req;

	(void)iter;
	memset(&req, 0, sizeof(req));
	req.hdr.cmd = ETHTOOL_GSSET_INFO;
	req.hdr.sset_mask = 1ULL << ETH_SS_TEST;
	return ethtool_ioctl(b, &req);
}

static int run_gstrings(struct bench *b, unsigned long iter)
{
	struct {
		struct ethtool_gstrings hdr;
		uint8_t data[8 * ETH_GSTRING_LEN];
	} req;

	(void)iter;
	memset(&req, 0, sizeof(req));
	req.hdr.cmd = ETHTOOL_GSTRINGS;
	req.hdr.string_set = ETH_SS_TEST;
	return ethtool_ioctl(b, &req);
}

static int run_glink(struct bench *b, unsigned long iter)
{
	struct ethtool_value v = { .cmd = ETHTOOL_GLINK };

	(void)iter;
	return ethtool_ioctl(b, &v);
}

struct link_req {
	struct ethtool_link_settings s;
	uint32_t masks[3 * SCHAR_MAX];
};

static int setup_glinksettings(struct bench *b)
{
	struct link_req req;
	int err;

	memset(&req, 0, sizeof(req));
	req.s.cmd = ETHTOOL_GLINKSETTINGS;
	err = ethtool_ioctl(b, &req);
	if (err)
		return err;
	/* the handshake: the kernel answers with -(words it needs) */
	if (req.s.link_mode_masks_nwords >= 0 ||
	    -req.s.link_mode_masks_nwords > SCHAR_MAX)
		return EPROTO;
	b->nwords = -req.s.link_mode_masks_nwords;
	return 0;
}

static int run_glinksettings(struct bench *b, unsigned long iter)
{
	struct link_req req;

	(void)iter;
	memset(&req, 0, sizeof(req));
	req.s.cmd = ETHTOOL_GLINKSETTINGS;
	req.s.link_mode_masks_nwords = (int8_t)b->nwords;
	return ethtool_ioctl(b, &req);
}

static int setup_gregs(struct bench *b)
{
	struct ethtool_drvinfo di;
	int err;

	memset(&di, 0, sizeof(di));
	di.cmd = ETHTOOL_GDRVINFO;
	err = ethtool_ioctl(b, &di);
	if (err)
		return err;
	if (!di.regdump_len)
		return EOPNOTSUPP;
	b->regs = calloc(1, sizeof(*b->regs) + di.regdump_len);
	if (!b->regs)
		return ENOMEM;
	b->regs->len = di.regdump_len;
	return 0;
}

static int run_gregs(struct bench *b, unsigned long iter)
{
	uint32_t len = b->regs->len;

	(void)iter;
	b->regs->cmd = ETHTOOL_GREGS;
	b->regs->len = len;
	return ethtool_ioctl(b, b->regs);
}

static void done_gregs(struct bench *b)
{
	free(b->regs);
	b->regs = NULL;
}

/* ---- MII ioctls ------------------------------------------------------ */

static int mii_ioctl(struct bench *b, unsigned long cmd, uint16_t reg,
		     uint16_t *out)
{
	struct mii_ioctl_data mii = { .phy_id = b->phy, .reg_num = reg };
	int err = ioc_mii(b->sock, b->ifname, cmd, &mii);

	if (err)
		return err;
	if (out)
		*out = cmd == SIOCGMIIPHY ? mii.phy_id : mii.val_out;
	return 0;
}

static int setup_mii(struct bench *b)
{
	return mii_ioctl(b, SIOCGMIIPHY, 0, &b->phy);
}

static int run_mii_read(struct bench *b, unsigned long iter)
{
	uint16_t v;

	(void)iter;
	return mii_ioctl(b, SIOCGMIIREG, MII_BMSR, &v);
}

static const struct op ops[] = {
	{ "getppid", "ref", "a bare system call", NULL, run_getppid, NULL },
	{ "SIOCGIFFLAGS", "ref", "null ioctl: interface flags, no driver code",
	  NULL, run_siocgifflags, NULL },
	{ "GPERMADDR", "ref", "ethtool ioctl the ethtool core answers alone",
	  NULL, run_gpermaddr, NULL },
	{ "pipe_rtt", "ref", "one-byte round trip between two processes",
	  setup_pipe, run_pipe, done_pipe },
	{ "GDRVINFO", "op", "ethtool -i: get_drvinfo, sset counts, regs_len",
	  NULL, run_gdrvinfo, NULL },
	{ "GRINGPARAM", "op", "ethtool -g: get_ringparam", NULL,
	  run_gringparam, NULL },
	{ "GMSGLVL", "op", "get_msglevel", NULL, run_gmsglvl, NULL },
	{ "SMSGLVL", "op", "set_msglevel (alternating values)",
	  setup_smsglvl, run_smsglvl, done_smsglvl },
	{ "GSSET_INFO", "op", "get_sset_count (test set)", NULL,
	  run_gsset_info, NULL },
	{ "GSTRINGS", "op", "get_sset_count + get_strings (test set)", NULL,
	  run_gstrings, NULL },
	{ "GLINK", "op", "get_link", NULL, run_glink, NULL },
	{ "GLINKSETTINGS", "op", "get_link_ksettings", setup_glinksettings,
	  run_glinksettings, NULL },
	{ "GREGS", "op", "ethtool -d: get_regs_len + get_regs (register dump)",
	  setup_gregs, run_gregs, done_gregs },
	{ "MII_READ", "op", "SIOCGMIIREG: mdio_read of BMSR", setup_mii,
	  run_mii_read, NULL },
};

#define N_OPS (sizeof(ops) / sizeof(ops[0]))

/* ---- the split build's phase timings ---------------------------------- */

static const char *samples_path(void)
{
	const char *p = getenv("OPBENCH_SAMPLES");

	return p && *p ? p : DEFAULT_SAMPLES;
}

static void samples_reset(const char *out)
{
	int fd;

	if (!out)
		return;
	fd = open(samples_path(), O_WRONLY);
	if (fd < 0)
		return;
	if (write(fd, "0\n", 2) != 2)
		fprintf(stderr, "opbench: reset %s: %s\n", samples_path(),
			strerror(errno));
	close(fd);
}

/* append the rows of the samples file to out, each prefixed with tag */
static int samples_collect(const char *out, const char *tag)
{
	char line[512];
	FILE *in, *o;

	if (!out)
		return 0;
	in = fopen(samples_path(), "r");
	if (!in)
		return 0;	/* not the split build */
	o = fopen(out, "a");
	if (!o) {
		fprintf(stderr, "opbench: %s: %s\n", out, strerror(errno));
		fclose(in);
		return -1;
	}
	while (fgets(line, sizeof(line), in)) {
		if (!strncmp(line, "op,", 3))
			continue;	/* the header row */
		fprintf(o, "%s,%s", tag, line);
	}
	fclose(in);
	if (fclose(o)) {
		fprintf(stderr, "opbench: %s: %s\n", out, strerror(errno));
		return -1;
	}
	return 0;
}

static const char *counters_path(void)
{
	const char *p = getenv("OPBENCH_COUNTERS");

	return p && *p ? p : DEFAULT_COUNTERS;
}

/*
 * The kernel's count of upcalls made (the `calls` line of the channel's
 * counters file, one "name value" a line), independent of the 1024-row
 * ring; -1 when there is no counters file (not the split build) or it has
 * no such line.
 */
static long long samples_calls(void)
{
	char line[128], name[32];
	long long n = -1, v;
	FILE *in = fopen(counters_path(), "r");

	if (!in)
		return -1;
	while (fgets(line, sizeof(line), in))
		if (sscanf(line, "%31s %lld", name, &v) == 2 && !strcmp(name, "calls")) {
			n = v;
			break;
		}
	fclose(in);
	return n;
}

/* ---- the driver's register counters (our builds) ------------------------ */

enum {
	REG_PROGRAMS, REG_ACCESSES, REG_REFUSED, REG_MALFORMED, REG_HOLD_MAX,
	REG_HOLD_TOTAL, REG_FASTPATH_HOLDS, N_REG
};

static const char *const reg_name[N_REG] = {
	"programs", "accesses", "refused", "malformed", "hold_max_ns",
	"hold_total_ns", "fastpath_holds",
};

/* the NIC's debugfs directory, or NULL (the stock driver: none) */
static const char *nic_dir(void)
{
	static char dir[256];
	static int looked;
	const char *e = getenv("OPBENCH_NICDIR");
	glob_t g;

	if (e && *e)
		return e;
	if (!looked) {
		looked = 1;
		if (glob(NICDIR_GLOB, GLOB_ONLYDIR, NULL, &g) == 0) {
			if (g.gl_pathc && strlen(g.gl_pathv[0]) < sizeof(dir))
				strcpy(dir, g.gl_pathv[0]);
			globfree(&g);
		}
	}
	return dir[0] ? dir : NULL;
}

static FILE *nic_open(const char *name, const char *mode)
{
	char path[320];
	const char *dir = nic_dir();

	if (!dir)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return fopen(path, mode);
}

/* fastpath_holds, or -1 */
static long long nic_holds(void)
{
	long long v = -1;
	FILE *f = nic_open("fastpath_holds", "r");

	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* reset regaccess; 0, or -1 when there is none */
static int regs_reset(void)
{
	FILE *f = nic_open("regaccess", "w");

	if (!f)
		return -1;
	fputs("0\n", f);
	return fclose(f) ? -1 : 0;
}

/* regaccess summed over its op rows (REG_HOLD_MAX: the largest); 0 or -1 */
static int regs_read(long long *v)
{
	char line[256];
	unsigned long long r[6];
	unsigned int op;
	int k, rows = 0;
	FILE *f = nic_open("regaccess", "r");

	for (k = 0; k < N_REG; k++)
		v[k] = 0;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%u %llu %llu %llu %llu %llu %llu", &op, &r[0],
			   &r[1], &r[2], &r[3], &r[4], &r[5]) != 7)
			continue;	/* the header */
		rows++;
		for (k = REG_PROGRAMS; k <= REG_MALFORMED; k++)
			v[k] += (long long)r[k];
		if ((long long)r[4] > v[REG_HOLD_MAX])
			v[REG_HOLD_MAX] = (long long)r[4];
		v[REG_HOLD_TOTAL] += (long long)r[5];
	}
	fclose(f);
	return rows ? 0 : -1;
}

/* ---- software counters (libperf) --------------------------------------- */

enum { CNT_TASK_CLOCK, CNT_CS, CNT_FAULTS, CNT_MIGRATIONS, CNT_CS_ALL, N_CNT };

static const struct {
	const char *name;
	uint64_t config;
	int system_wide;	/* every CPU, every task (else: this thread) */
} cnt_def[N_CNT] = {
	[CNT_TASK_CLOCK] = { "task_clock_ns", PERF_COUNT_SW_TASK_CLOCK, 0 },
	[CNT_CS] = { "context_switches", PERF_COUNT_SW_CONTEXT_SWITCHES, 0 },
	[CNT_FAULTS] = { "page_faults", PERF_COUNT_SW_PAGE_FAULTS, 0 },
	[CNT_MIGRATIONS] = { "cpu_migrations", PERF_COUNT_SW_CPU_MIGRATIONS, 0 },
	[CNT_CS_ALL] = { "cs_all", PERF_COUNT_SW_CONTEXT_SWITCHES, 1 },
};

struct counters {
	int perf;	/* 0 (-k): the kernel's counters only, no perf event */
	struct perf_evsel *ev[N_CNT];
	struct perf_thread_map *self, *any;
	struct perf_cpu_map *cpus;
	FILE *out;
};

/* libperf's own warnings would land in the CSV on stdout: to stderr */
static int counters_print(enum libperf_print_level level, const char *fmt,
			  va_list ap)
{
	if (level > LIBPERF_WARN)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static void counters_close(struct counters *cn)
{
	int i;

	for (i = 0; i < N_CNT; i++) {
		if (!cn->ev[i])
			continue;
		perf_evsel__close(cn->ev[i]);
		perf_evsel__delete(cn->ev[i]);
		cn->ev[i] = NULL;
	}
	perf_thread_map__put(cn->self);
	perf_thread_map__put(cn->any);
	perf_cpu_map__put(cn->cpus);
	cn->self = cn->any = NULL;
	cn->cpus = NULL;
	if (cn->out && fclose(cn->out))
		fprintf(stderr, "opbench: counters: %s\n", strerror(errno));
	cn->out = NULL;
}

/* 0, or -1 with a message (the caller runs without counters) */
static int counters_open(struct counters *cn, const char *path, int perf)
{
	int i, err;

	memset(cn, 0, sizeof(*cn));
	cn->perf = perf;
	if (!perf)
		goto out;
	libperf_init(counters_print);
	cn->self = perf_thread_map__new_dummy();
	cn->any = perf_thread_map__new_dummy();	/* pid -1: any task */
	cn->cpus = perf_cpu_map__new(NULL);	/* the online CPUs */
	if (!cn->self || !cn->any || !cn->cpus) {
		fprintf(stderr, "opbench: counters: out of memory\n");
		goto fail;
	}
	perf_thread_map__set_pid(cn->self, 0, 0);
	for (i = 0; i < N_CNT; i++) {
		struct perf_event_attr attr = {
			.size = sizeof(attr),
			.type = PERF_TYPE_SOFTWARE,
			.config = cnt_def[i].config,
		};

		cn->ev[i] = perf_evsel__new(&attr);
		if (!cn->ev[i]) {
			fprintf(stderr, "opbench: counters: out of memory\n");
			goto fail;
		}
		err = cnt_def[i].system_wide ?
		      perf_evsel__open(cn->ev[i], cn->cpus, cn->any) :
		      perf_evsel__open(cn->ev[i], NULL, cn->self);
		if (err) {
			/* keep the evsel: counters_close() deletes it */
			fprintf(stderr, "opbench: counters: %s: %s\n",
				cnt_def[i].name, strerror(-err));
			goto fail;
		}
	}
out:
	cn->out = fopen(path, "w");
	if (!cn->out) {
		fprintf(stderr, "opbench: %s: %s\n", path, strerror(errno));
		goto fail;
	}
	fprintf(cn->out, "op,calls");
	for (i = 0; i < N_CNT; i++)
		fprintf(cn->out, ",%s", cnt_def[i].name);
	fprintf(cn->out, ",upcalls");
	for (i = 0; i < N_REG; i++)
		fprintf(cn->out, ",%s", reg_name[i]);
	fprintf(cn->out, "\n");
	return 0;
fail:
	counters_close(cn);
	return -1;
}

/* the counters' current values (summed over CPUs); 0 or -1 */
static int counters_read(struct counters *cn, uint64_t *v)
{
	struct perf_counts_values c;
	int i, k, ncpu;

	for (i = 0; i < N_CNT; i++) {
		v[i] = 0;
		if (!cn->perf)
			continue;
		ncpu = cnt_def[i].system_wide ? perf_cpu_map__nr(cn->cpus) : 1;
		for (k = 0; k < ncpu; k++) {
			memset(&c, 0, sizeof(c));
			if (perf_evsel__read(cn->ev[i], k, 0, &c))
				return -1;
			v[i] += c.val;
		}
	}
	return 0;
}

/* ---- modes ------------------------------------------------------------ */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: opbench ops  [-i IF] [-n N] [-w W] [-T S] [-r RATE] [-u FILE] [-c FILE | -k FILE] [-s] [OP...]\n"
		"       opbench exec [-n N] [-w W] [-a V1,V2,...] [-u FILE] [-t TAG] -- CMD...\n"
		"       opbench list\n"
		"defaults: -i eth0 -n 2000 -w 20 (exec: -n 30 -w 2)\n");
}

static int parse_count(const char *s, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > 10000000UL)
		return -1;
	*out = v;
	return 0;
}

/* sleep until t (CLOCK_MONOTONIC ns) */
static void sleep_until(uint64_t t)
{
	struct timespec ts = {
		.tv_sec = (time_t)(t / 1000000000ULL),
		.tv_nsec = (long)(t % 1000000000ULL),
	};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
}

/*
 * -s: an untimed round trip with the switch peer before each call, so that
 * the call starts right after the caller slept and was switched back in,
 * as the caller of an upcall resumes. Under an emulator that flushes its
 * software TLB on every address-space switch (QEMU's x86 TCG, on a CR3
 * write), the call's code then runs cold; without -s a loop runs warm.
 * Returns nonzero when the peer failed (the run stops).
 */
static int switch_out(struct bench *b)
{
	int e;

	if (b->sw.child <= 0)
		return 0;
	e = peer_round_trip(&b->sw, 0);
	if (e)
		fprintf(stderr, "opbench: -s: round trip with the peer: %s\n",
			strerror(e));
	return e;
}

static int bench_op(struct bench *b, const struct op *op, unsigned long n,
		    unsigned long warm, unsigned long secs, unsigned long rate,
		    const char *samples_out, struct counters *cn)
{
	uint64_t deadline = 0, period = rate ? 1000000000ULL / rate : 0;
	uint64_t next = 0, c0[N_CNT], c1[N_CNT];
	long long up0 = -1, up1 = -1, holds0 = -1, rv[N_REG];
	int have_regs = 0;
	unsigned long i, done = 0;
	int err = 0, set_up, have_cnt;

	if (op->setup)
		err = op->setup(b);
	set_up = !err;
	if (!err)
		err = op->run(b, 0);
	if (err) {
		fprintf(stderr, "opbench: %s: skipped: %s\n", op->name,
			strerror(err));
		/* undo a setup that succeeded */
		if (op->done && (!op->setup || set_up))
			op->done(b);
		return 0;
	}
	for (i = 1; i < warm; i++) {
		if (switch_out(b))
			goto peer_failed;
		op->run(b, i);
	}
	samples_reset(samples_out);
	if (cn) {
		up0 = samples_calls();
		holds0 = nic_holds();
		have_regs = regs_reset() == 0;
	}
	have_cnt = cn && !counters_read(cn, c0);
	if (secs)
		deadline = now_ns() + secs * 1000000000ULL;
	for (i = 0; i < n; i++) {
		uint64_t t0, t1;
		int e;

		if (period) {
			t0 = now_ns();
			if (!next || t0 > next + period)
				next = t0;	/* behind: no burst to catch up */
			else
				sleep_until(next);
			next += period;
		}
		if (switch_out(b))
			goto peer_failed;
		t0 = now_ns();
		e = op->run(b, i);
		t1 = now_ns();

		printf("%s,%lu,%llu,%d\n", op->name, i,
		       (unsigned long long)(t1 - t0), e);
		done = i + 1;
		if (deadline && t1 >= deadline)
			break;
	}
	if (have_cnt && !counters_read(cn, c1)) {
		int k;

		up1 = up0 < 0 ? -1 : samples_calls();
		fprintf(cn->out, "%s,%lu", op->name, done);
		for (k = 0; k < N_CNT; k++) {
			if (cn->perf)
				fprintf(cn->out, ",%llu",
					(unsigned long long)(c1[k] - c0[k]));
			else
				fputc(',', cn->out);	/* -k: not counted */
		}
		fprintf(cn->out, ",%lld",
			up0 < 0 || up1 < up0 ? -1LL : up1 - up0);
		if (!have_regs || regs_read(rv))
			for (k = 0; k < N_REG; k++)
				rv[k] = -1;
		if (holds0 >= 0) {
			long long h1 = nic_holds();

			rv[REG_FASTPATH_HOLDS] = h1 < holds0 ? -1 : h1 - holds0;
		} else {
			rv[REG_FASTPATH_HOLDS] = -1;
		}
		for (k = 0; k < N_REG; k++)
			fprintf(cn->out, ",%lld", rv[k]);
		fprintf(cn->out, "\n");
	} else if (cn) {
		fprintf(stderr, "opbench: %s: counters not read\n", op->name);
	}
	if (op->done)
		op->done(b);
	if (fflush(stdout))
		return -1;
	return samples_collect(samples_out, op->name);
peer_failed:
	if (op->done)
		op->done(b);
	return -1;
}

static int mode_ops(int argc, char **argv)
{
	static char outbuf[1 << 20];
	struct bench b = { .ifname = "eth0", .sock = -1 };
	unsigned long n = 2000, warm = 20, secs = 0, rate = 0;
	const char *samples_out = NULL, *counters_out = NULL;
	struct counters cn;
	int c, i, st = 0, have_cnt = 0, switched = 0, perf = 0;
	size_t k;

	while ((c = getopt(argc, argv, "i:n:w:T:r:u:c:k:sh")) != -1) {
		switch (c) {
		case 's':
			switched = 1;
			break;
		case 'i':
			b.ifname = optarg;
			break;
		case 'n':
			if (parse_count(optarg, &n))
				goto bad;
			break;
		case 'w':
			if (parse_count(optarg, &warm))
				goto bad;
			break;
		case 'T':
			if (parse_count(optarg, &secs))
				goto bad;
			break;
		case 'r':
			if (parse_count(optarg, &rate))
				goto bad;
			break;
		case 'u':
			samples_out = optarg;
			break;
		case 'c':
		case 'k':
			if (counters_out)
				goto bad;	/* one counters file */
			counters_out = optarg;
			perf = c == 'c';
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (strlen(b.ifname) >= IFNAMSIZ)
		goto bad;
	if (switched && counters_out && perf) {
		fprintf(stderr, "opbench: -s and -c: the counters would count -s's round trips\n");
		return 2;
	}
	for (i = optind; i < argc; i++) {
		for (k = 0; k < N_OPS; k++)
			if (!strcmp(argv[i], ops[k].name))
				break;
		if (k == N_OPS) {
			fprintf(stderr, "opbench: unknown op '%s' (opbench list)\n",
				argv[i]);
			return 2;
		}
	}
	b.sock = socket(AF_INET, SOCK_DGRAM, 0);
	if (b.sock < 0) {
		fprintf(stderr, "opbench: socket: %s\n", strerror(errno));
		return 1;
	}
	if (switched) {
		int e = peer_start(&b.sw);

		if (e) {
			fprintf(stderr, "opbench: -s: %s\n", strerror(e));
			close(b.sock);
			return 1;
		}
	}
	if (counters_out && counters_open(&cn, counters_out, perf) == 0)
		have_cnt = 1;
	/* no write(2) of the rows inside a loop of up to ~40000 rows */
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	printf("op,iter,ns,err\n");
	for (k = 0; k < N_OPS && !st; k++) {
		int wanted = optind == argc;

		for (i = optind; i < argc && !wanted; i++)
			wanted = !strcmp(argv[i], ops[k].name);
		if (wanted &&
		    bench_op(&b, &ops[k], n, warm, secs, rate, samples_out,
			     have_cnt ? &cn : NULL))
			st = 1;
	}
	if (have_cnt)
		counters_close(&cn);
	peer_stop(&b.sw);
	close(b.sock);
	return st;
bad:
	usage(stderr);
	return 2;
}

/* split "a,b,c" in place; returns the count or -1 */
static int split_alts(char *s, char **alts)
{
	int n = 0;
	char *p = s, *comma;

	for (;;) {
		if (n == MAX_ALTS)
			return -1;
		alts[n++] = p;
		comma = strchr(p, ',');
		if (!comma)
			return n;
		*comma = '\0';
		p = comma + 1;
	}
}

static int run_once(char **argv, int *status, uint64_t *ns)
{
	uint64_t t0 = now_ns();
	pid_t pid = fork();
	int devnull;

	if (pid < 0)
		return errno;
	if (pid == 0) {
		devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return errno;
	*ns = now_ns() - t0;
	return 0;
}

static int mode_exec(int argc, char **argv)
{
	unsigned long n = 30, warm = 2, i;
	const char *samples_out = NULL, *tag = NULL;
	char *alts[MAX_ALTS], **cmd;
	int n_alts = 0, alt_pos[8], n_pos = 0, c, j, cmdc;

	while ((c = getopt(argc, argv, "+n:w:a:u:t:h")) != -1) {
		switch (c) {
		case 'n':
			if (parse_count(optarg, &n))
				goto bad;
			break;
		case 'w':
			if (parse_count(optarg, &warm))
				goto bad;
			break;
		case 'a':
			n_alts = split_alts(optarg, alts);
			if (n_alts < 1)
				goto bad;
			break;
		case 'u':
			samples_out = optarg;
			break;
		case 't':
			tag = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (optind >= argc)
		goto bad;
	cmdc = argc - optind;
	cmd = calloc((size_t)cmdc + 1, sizeof(*cmd));
	if (!cmd)
		return 1;
	for (j = 0; j < cmdc; j++) {
		cmd[j] = argv[optind + j];
		if (!strcmp(cmd[j], ALT_TOKEN)) {
			if (!n_alts || n_pos == 8) {
				free(cmd);
				goto bad;
			}
			alt_pos[n_pos++] = j;
		}
	}
	if (!tag)
		tag = cmd[0];
	if (strchr(tag, ',')) {
		free(cmd);
		goto bad;
	}
	printf("tag,iter,ns,status\n");
	for (i = 0; i < warm + n; i++) {
		uint64_t ns = 0;
		int status = 0, err, k;

		for (k = 0; k < n_pos; k++)
			cmd[alt_pos[k]] = alts[i % (unsigned long)n_alts];
		if (i == warm)
			samples_reset(samples_out);
		err = run_once(cmd, &status, &ns);
		if (err) {
			fprintf(stderr, "opbench: fork/wait: %s\n", strerror(err));
			free(cmd);
			return 1;
		}
		if (i < warm)
			continue;
		printf("%s,%lu,%llu,%d\n", tag, i - warm,
		       (unsigned long long)ns,
		       WIFEXITED(status) ? WEXITSTATUS(status) :
		       128 + WTERMSIG(status));
	}
	free(cmd);
	if (fflush(stdout))
		return 1;
	return samples_collect(samples_out, tag) ? 1 : 0;
bad:
	usage(stderr);
	return 2;
}

int main(int argc, char **argv)
{
	size_t k;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if (!strcmp(argv[1], "ops"))
		return mode_ops(argc - 1, argv + 1);
	if (!strcmp(argv[1], "exec"))
		return mode_exec(argc - 1, argv + 1);
	if (!strcmp(argv[1], "list")) {
		for (k = 0; k < N_OPS; k++)
			printf("%s,%s,%s\n", ops[k].name, ops[k].kind,
			       ops[k].what);
		return 0;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	usage(stderr);
	return 2;
}
