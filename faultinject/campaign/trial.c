// SPDX-License-Identifier: GPL-2.0
/*
 * fault-trial: the guest side of the fault campaign (make faults).
 *
 *   fault-trial [--build split|split-direct|inkernel] [--deadline-ms MS] [--call-bound-ms MS]
 *               [--recovery-bound-ms MS] [--tcp HOST:PORT] [--ping HOST]
 *               [--arm PATH] [--once] < TRIALS
 *
 * At start it records every op's correct answer from a clean run (direct
 * SIOCETHTOOL / SIOCGMIIREG calls on eth0, as workloads/opbench.c issues
 * them). Then, for each line "index seed op kind at [part]" on stdin, it arms the
 * fault (fault-arm), issues the op once as a caller would (in a thread, so
 * that a call that does not come back is timed out, not waited for),
 * classifies what reached the caller (correct, wrong, error, no-answer),
 * disarms, and measures recovery: the time from the faulty call's return
 * until the same op answers correctly again, and how many daemon restarts
 * that took. Kind "kill9" arms "sleep" and kills pcnet32d with SIGKILL
 * while the request is in flight.
 *
 * Two background threads exercise the fast path the whole time: an ICMP
 * echo to the host end at 50 per second, and a paced TCP stream to a sink
 * on the host end whose progress is the bytes the peer acknowledged
 * (TCP_INFO). Each trial's record (one JSON line on stdout) gets the pings
 * sent and lost during the trial and the longest gap without an echo reply
 * or TCP progress. A record is printed once the trial's last echo had 1 s
 * to come back; "# start INDEX" lines mark each trial's start at once, so
 * the host knows which trial a dead kernel was running.
 *
 * split-direct is the split build with its daemon on the NIC's ports
 * itself (pcnet32d --ports direct, the paper's design); split's daemon is
 * mediated (the default: register programs through the kernel's
 * firewall). The runner makes sure of it before the first trial: it sets
 * PCNET32D_ARGS for the supervisors it starts (split-direct: "--ports
 * direct"; split refuses an environment that asks for direct ports),
 * restarts the supervisor once if the serving daemon's log line says
 * otherwise, and gives up (status 1) if it still does. Each record says
 * the mode of the daemon that served at the trial's end ("mode", from its
 * log line; "kernel" for inkernel) and what the kernel's register
 * programs cost during the trial: the per-op counters of debugfs
 * pcnet32-<PCI address>/regaccess summed ("regs": programs run, accesses,
 * programs the firewall refused, malformed ones, the longest and total
 * lock hold; zeroed at the trial's start) and how often the kernel held
 * its fast path off for a daemon on the ports ("fastpath_holds", the
 * counter's growth over the trial).
 *
 * Trial isolation (split): when a trial made the supervisor restart the
 * daemon, the supervisor is restarted too before the next trial, so that
 * every trial meets the supervisor's first (shortest) restart backoff; the
 * backoff's growth under back-to-back faults is not what a trial measures.
 *
 * Exit status: 0 all trials done; 3 the kernel's taint changed (the host
 * reboots the guest); 4 a call is stuck in the kernel (the host reboots);
 * 5 the fast path stayed dead after an interface reset (the host reboots:
 * a scribble's DMA may have corrupted any memory, and the trials after it
 * must not be charged with its damage); 1 set-up failure; 2 bad usage.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/sockios.h>
#include <linux/tcp.h>

#include "ethtool-ioc.h"
#include "ops.h"

#define IFNAME "eth0"
#define SAMPLES "/sys/kernel/debug/pcnet32-upcall0/samples"
#define DEBUGFS "/sys/kernel/debug"
#define ALLOW_DIRECT "/sys/module/pcnet32/parameters/allow_direct_ports"
#define SUP_LOG "/var/log/pcnet32d.log"
#define SUP_PIDFILE "/run/pcnet32-supervise.pid"
#define SUP_READY "/run/pcnet32d.ready"
#define SUP_EXITED "pcnet32-supervise: pcnet32d exited"
#define DRIVER_DIR "/lab/driver"
#define TAINT_OK ((1u << 12) | (1u << 13))	/* out-of-tree, unsigned */
#define MSG_FLIP 0x4000u	/* NETIF_MSG_WOL: nothing logs under it */
#define ANS_MAX 4096
#define PING_HZ 50
#define PING_MAX (PING_HZ * 7200)
#define TCP_MAX (1u << 20)
#define TCP_CHUNK 1024
#define RESOLVE_MS 1000		/* an echo reply later than this is lost */
#define POLL_MS 3		/* recovery poll interval */

static struct {
	const char *build;
	int split;		/* split or split-direct: a daemon serves */
	int direct;		/* split-direct: the daemon on the ports */
	unsigned int deadline_ms;
	unsigned int call_bound_ms;
	unsigned int recovery_bound_ms;
	const char *arm;
	const char *ping_host;
	const char *tcp_host;
	unsigned int tcp_port;
} cfg = {
	.build = NULL,
	.deadline_ms = 2000,
	.call_bound_ms = 0,
	.recovery_bound_ms = 0,
	.arm = "/lab/bin/fault-arm",
	.ping_host = "10.77.0.1",
	.tcp_host = "10.77.0.1",
	.tcp_port = 5301,
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static double ms_between(uint64_t a, uint64_t b)
{
	return b > a ? (double)(b - a) / 1e6 : 0.0;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ---- the ops, as a caller issues them ----------------------------------- */

/* what reached the caller: an errno and the bytes that matter */
struct answer {
	int err;
	size_t len;
	unsigned char data[ANS_MAX];
};

static int sock_fd = -1;
static int glink_nwords;
static uint32_t regdump_len;

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

struct link_req {
	struct ethtool_link_settings s;
	uint32_t masks[3 * SCHAR_MAX];
};

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

struct opdef {
	const char *name;
	void (*call)(struct answer *a);
};

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

static int op_is_fact(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(op_facts) / sizeof(op_facts[0]); i++)
		if (!strcmp(op_facts[i].name, name))
			return op_facts[i].fact;
	return 0;
}

static struct answer clean[N_OPDEFS];
static int clean_done[N_OPDEFS];

static int same_answer(const struct answer *a, const struct answer *b)
{
	return a->err == b->err && a->len == b->len &&
	       !memcmp(a->data, b->data, a->len);
}

/* ---- calls in a thread, with a bound ----------------------------------- */

struct job {
	const struct opdef *op;
	struct answer ans;
	uint64_t t0, t1;
	atomic_int done;
	int killed;		/* the thread died in the call */
};

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
static struct job *call_bounded(const struct opdef *op, unsigned int bound_ms,
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
static int wait_stuck(struct job *j, pthread_t tid, unsigned int ms)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000ULL;

	while (!atomic_load(&j->done) && now_ns() < end)
		sleep_ms(5);
	if (!atomic_load(&j->done))
		return 0;
	pthread_join(tid, NULL);
	return 1;
}

/* ---- the daemon and the supervisor ------------------------------------- */

/*
 * The live pcnet32d processes (zombies left to PID 1 do not count), up to
 * max into pids; returns how many.
 */
static int daemon_pids(pid_t *pids, int max)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[300], stat[512];
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < max) {
		const char *close_paren;
		FILE *f;
		size_t len;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		len = fread(stat, 1, sizeof(stat) - 1, f);
		fclose(f);
		stat[len] = '\0';
		/* "pid (comm) state ..." */
		close_paren = strrchr(stat, ')');
		if (!strstr(stat, "(pcnet32d)") || !close_paren ||
		    close_paren[1] != ' ' || close_paren[2] == 'Z' ||
		    close_paren[2] == 'X')
			continue;
		pids[n++] = (pid_t)atoi(e->d_name);
	}
	closedir(d);
	return n;
}

static pid_t daemon_pid(void)
{
	pid_t p;

	return daemon_pids(&p, 1) ? p : 0;
}

/* restarts the supervisor logged so far */
static long supervisor_restarts(void)
{
	FILE *f = fopen(SUP_LOG, "r");
	char line[512];
	long n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, SUP_EXITED))
			n++;
	fclose(f);
	return n;
}

static pid_t read_pidfile(const char *p)
{
	FILE *f = fopen(p, "r");
	int pid = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%d", &pid) != 1)
		pid = 0;
	fclose(f);
	return (pid_t)pid;
}

/*
 * Restart the supervisor (and so the daemon) from scratch: its restart
 * backoff starts over. Returns 0 when a daemon serves again.
 */
static int supervisor_reset(void)
{
	pid_t sup = read_pidfile(SUP_PIDFILE), child;
	uint64_t end;

	if (sup > 0)
		kill(sup, SIGTERM);
	end = now_ns() + 300000000ULL;
	while (now_ns() < end) {
		/* a supervisor this runner started is its child: reap it */
		if (sup > 0 && waitpid(sup, NULL, WNOHANG) == sup)
			sup = 0;
		if ((sup <= 0 || kill(sup, 0)) && !daemon_pid())
			break;
		sleep_ms(2);
	}
	if (sup > 0 && !kill(sup, 0))
		kill(sup, SIGKILL);
	/* a daemon that loops may not heed SIGTERM */
	end = now_ns() + 3000000000ULL;
	while (now_ns() < end) {
		pid_t pids[8];
		int i, n = daemon_pids(pids, 8);

		if (!n)
			break;
		for (i = 0; i < n; i++)
			kill(pids[i], SIGKILL);
		sleep_ms(2);
	}
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	unlink(SUP_READY);
	child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		int fd = open("/dev/null", O_RDWR);
		char path[512];

		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		setsid();
		snprintf(path, sizeof(path), "%s:%s", DRIVER_DIR,
			 getenv("PATH") ? getenv("PATH") : "/bin:/sbin");
		setenv("PATH", path, 1);
		execl(DRIVER_DIR "/pcnet32-supervise", "pcnet32-supervise",
		      (char *)NULL);
		_exit(127);
	}
	end = now_ns() + 10000000000ULL;
	while (now_ns() < end) {
		if (!access(SUP_READY, F_OK))
			return 0;
		sleep_ms(2);
	}
	return -1;
}

/*
 * A FACT op's fault point (split) is reached when a daemon starts: the
 * daemon computes the facts it publishes (PCNET32U_IOC_FACTS) by the op
 * itself, and the kernel answers the op from them. So after arming, the
 * trial starts a new daemon (SIGKILL: the supervisor restarts a daemon
 * that was serving at once) and issues the call once the new one serves,
 * or after FACT_WAIT_MS when none does (a fault that loops or sleeps in
 * the facts: the call goes up to that daemon, as the kernel asks when no
 * facts were published). kill9: the new daemon is killed in its start-up
 * sleep (the fault's), KILL9_AFTER_MS after it appeared.
 *
 * Returns the pid of the daemon that met the fault (0 when it was never
 * seen: it died at once); *served: a daemon serves again.
 */
#define FACT_WAIT_MS 3000
#define KILL9_AFTER_MS 100
static pid_t restart_for_facts(pid_t old, int kill9, int *served)
{
	uint64_t end = now_ns() + FACT_WAIT_MS * 1000000ULL, seen = 0;
	pid_t first = 0, ready;
	int killed = 0;

	*served = 0;
	if (old > 0)
		kill(old, SIGKILL);
	while (now_ns() < end) {
		pid_t p = daemon_pid();

		if (p && p != old && !first) {
			first = p;
			seen = now_ns();
		}
		if (kill9 && first && !killed &&
		    now_ns() - seen >= KILL9_AFTER_MS * 1000000ULL) {
			kill(first, SIGKILL);
			killed = 1;
		}
		ready = read_pidfile(SUP_READY);
		if (ready > 0 && ready != old && (!kill9 || killed) &&
		    (!killed || ready != first)) {
			*served = 1;
			return first ? first : ready;
		}
		sleep_ms(2);
	}
	return first;
}

/* ---- fault-arm --------------------------------------------------------- */

/* run fault-arm with args; its stdout (first line) into out; status */
static int run_arm(const char *const args[], char *out, size_t outlen)
{
	const char *argv[16];
	int pfd[2], st = 0, n = 0;
	pid_t pid;
	uint64_t end;
	size_t got = 0;

	argv[n++] = cfg.arm;
	while (*args && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	if (out && outlen)
		out[0] = '\0';
	if (pipe(pfd))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pfd[1]);
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	end = now_ns() + 5000000000ULL;
	for (;;) {
		ssize_t r;
		char tmp[512];

		r = read(pfd[0], tmp, sizeof(tmp));
		if (r > 0) {
			if (out && got + 1 < outlen) {
				size_t k = (size_t)r < outlen - 1 - got ?
					   (size_t)r : outlen - 1 - got;

				memcpy(out + got, tmp, k);
				got += k;
				out[got] = '\0';
			}
			continue;
		}
		if (waitpid(pid, &st, WNOHANG) == pid)
			break;
		if (now_ns() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			close(pfd[0]);
			return 124;
		}
		sleep_ms(1);
	}
	close(pfd[0]);
	if (out) {
		char *nl = strchr(out, '\n');

		if (nl)
			*nl = '\0';
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* value of key= in a --show line; -1 when absent */
static long show_value(const char *line, const char *key)
{
	size_t kl = strlen(key);
	const char *p = line;

	while ((p = strstr(p, key))) {
		if ((p == line || p[-1] == ' ') && p[kl] == '=')
			return strtol(p + kl + 1, NULL, 10);
		p += kl;
	}
	return -1;
}

/* ---- kernel state ------------------------------------------------------ */

static unsigned long read_taint(void)
{
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");
	unsigned long t = 0;

	if (f) {
		if (fscanf(f, "%lu", &t) != 1)
			t = 0;
		fclose(f);
	}
	return t;
}

#define MAX_COUNTERS 32
struct counters {
	int n;
	char name[MAX_COUNTERS][24];
	unsigned long long v[MAX_COUNTERS];
};

/*
 * The split build's counters, first line of the samples file: "# calls N
 * absent N timeouts N ...". Writing the file zeroes them (and drops the
 * samples, which keeps the file small): a trial zeroes them at its start
 * and reads its own counts at its end.
 */
static void reset_counters(void)
{
	FILE *f = fopen(SAMPLES, "w");

	if (f) {
		fputs("0\n", f);
		fclose(f);
	}
}

static void read_counters(struct counters *c)
{
	FILE *f = fopen(SAMPLES, "r");
	char line[512], *tok, *save = NULL;

	c->n = 0;
	if (!f)
		return;
	if (fgets(line, sizeof(line), f) && line[0] == '#') {
		tok = strtok_r(line + 1, " \n", &save);
		while (tok && c->n < MAX_COUNTERS) {
			char *val = strtok_r(NULL, " \n", &save);

			if (!val)
				break;
			snprintf(c->name[c->n], sizeof(c->name[0]), "%s", tok);
			c->v[c->n++] = strtoull(val, NULL, 10);
			tok = strtok_r(NULL, " \n", &save);
		}
	}
	fclose(f);
}

static unsigned long long counter(const struct counters *c, const char *name)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->name[i], name))
			return c->v[i];
	return 0;
}

/* debugfs pcnet32-<PCI address>/ of the NIC ("" when there is none) */
static char nic_dbg[300];

static void find_nic_debugfs(void)
{
	DIR *d = opendir(DEBUGFS);
	struct dirent *e;

	if (!d)
		return;
	/* pcnet32-0000:00:03.0, not pcnet32-upcall0, -repair0 or -fault */
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "pcnet32-", 8) && strchr(e->d_name, ':')) {
			snprintf(nic_dbg, sizeof(nic_dbg), DEBUGFS "/%s", e->d_name);
			break;
		}
	closedir(d);
}

/* the register programs' counters of every op, summed (regaccess) */
struct regstat {
	int ok;			/* the file was there */
	unsigned long long programs, accesses, refused, malformed;
	unsigned long long hold_max_ns, hold_total_ns;
};

static void regaccess_reset(void)
{
	char path[340];
	FILE *f;

	if (!*nic_dbg)
		return;
	snprintf(path, sizeof(path), "%s/regaccess", nic_dbg);
	f = fopen(path, "w");
	if (f) {
		fputs("0\n", f);
		fclose(f);
	}
}

static void regaccess_read(struct regstat *s)
{
	unsigned long long op, v[6];
	char path[340], line[256];
	FILE *f;

	memset(s, 0, sizeof(*s));
	if (!*nic_dbg)
		return;
	snprintf(path, sizeof(path), "%s/regaccess", nic_dbg);
	f = fopen(path, "r");
	if (!f)
		return;
	/* "op programs accesses refused malformed hold_max_ns hold_total_ns" */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llu %llu %llu %llu %llu %llu %llu", &op, &v[0],
			   &v[1], &v[2], &v[3], &v[4], &v[5]) != 7)
			continue;
		s->programs += v[0];
		s->accesses += v[1];
		s->refused += v[2];
		s->malformed += v[3];
		if (v[4] > s->hold_max_ns)
			s->hold_max_ns = v[4];
		s->hold_total_ns += v[5];
	}
	s->ok = 1;
	fclose(f);
}

/* the kernel's fast-path holds so far (-1: no such counter) */
static long long fastpath_holds(void)
{
	char path[340];
	long long n = -1;
	FILE *f;

	if (!*nic_dbg)
		return -1;
	snprintf(path, sizeof(path), "%s/fastpath_holds", nic_dbg);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%lld", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}

/*
 * The port mode of the daemon that serves: its start-up line in the log,
 * "serving eth0 (..., ports 0xc040-0xc05f mediated, irq ...)". Read on
 * from where the last look ended (the log only grows, unless a test
 * truncates it: then from its start). Returns "direct", "mediated" or
 * "unknown" (no such line yet).
 */
static const char *serving_mode(void)
{
	static long off;
	static const char *mode = "unknown";
	char line[512];
	FILE *f = fopen(SUP_LOG, "r");
	long size;

	if (!f)
		return mode;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	if (size < off)
		off = 0;
	fseek(f, off, SEEK_SET);
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, ": serving "))
			continue;
		if (strstr(line, " direct, irq "))
			mode = "direct";
		else if (strstr(line, " mediated, irq "))
			mode = "mediated";
	}
	off = ftell(f);
	fclose(f);
	return mode;
}

/* ---- background traffic ------------------------------------------------ */

static atomic_int stop_traffic;

/* ping: per echo number, the send and reply times (0: none yet) */
static uint64_t *ping_sent, *ping_reply;
static atomic_uint ping_count;
static int ping_fd = -1;
static uint16_t ping_ident;

static uint16_t icmp_sum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (n & 1)
		s += (uint32_t)(b[n - 1] << 8);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return htons((uint16_t)~s);
}

static void *ping_tx(void *p)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	uint64_t next = now_ns();

	(void)p;
	inet_pton(AF_INET, cfg.ping_host, &to.sin_addr);
	while (!atomic_load(&stop_traffic)) {
		struct {
			struct icmphdr h;
			uint32_t num;
			uint8_t pad[28];
		} pkt;
		unsigned int n = atomic_load(&ping_count);
		struct timespec ts;

		if (n >= PING_MAX)
			break;
		memset(&pkt, 0, sizeof(pkt));
		pkt.h.type = ICMP_ECHO;
		pkt.h.un.echo.id = htons(ping_ident);
		pkt.h.un.echo.sequence = htons((uint16_t)n);
		pkt.num = n;
		pkt.h.checksum = 0;
		pkt.h.checksum = icmp_sum(&pkt, sizeof(pkt));
		ping_sent[n] = now_ns();
		atomic_store(&ping_count, n + 1);
		sendto(ping_fd, &pkt, sizeof(pkt), MSG_DONTWAIT,
		       (struct sockaddr *)&to, sizeof(to));
		next += 1000000000ULL / PING_HZ;
		ts.tv_sec = (time_t)(next / 1000000000ULL);
		ts.tv_nsec = (long)(next % 1000000000ULL);
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	}
	return NULL;
}

static void *ping_rx(void *p)
{
	uint8_t buf[1500];

	(void)p;
	while (!atomic_load(&stop_traffic)) {
		ssize_t r = recv(ping_fd, buf, sizeof(buf), 0);
		const struct iphdr *ip = (const void *)buf;
		const struct icmphdr *h;
		uint32_t num;
		size_t hl;

		if (r <= 0)
			continue;
		hl = (size_t)ip->ihl * 4;
		if ((size_t)r < hl + sizeof(*h) + sizeof(num))
			continue;
		h = (const void *)(buf + hl);
		if (h->type != ICMP_ECHOREPLY || ntohs(h->un.echo.id) != ping_ident)
			continue;
		memcpy(&num, buf + hl + sizeof(*h), sizeof(num));
		if (num < atomic_load(&ping_count) && !ping_reply[num])
			ping_reply[num] = now_ns();
	}
	return NULL;
}

/* tcp: times at which the acknowledged byte count grew, and the count */
static uint64_t *tcp_t;
static uint64_t *tcp_acked;
static atomic_uint tcp_n;
static atomic_int tcp_up;

static int tcp_connect(void)
{
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)cfg.tcp_port) };
	struct timeval tv = { 1, 0 };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	inet_pton(AF_INET, cfg.tcp_host, &to.sin_addr);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&to, sizeof(to))) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * A paced stream (1 KiB every 10 ms, about 100 KiB/s: enough to see every
 * stall, little enough not to load the emulated CPU) and a look at the
 * acknowledged bytes every 5 ms.
 */
static void *tcp_main(void *p)
{
	static uint8_t chunk[TCP_CHUNK];
	uint64_t base = 0, last = 0;
	unsigned int tick = 0;
	int fd = -1;

	(void)p;
	while (!atomic_load(&stop_traffic)) {
		struct tcp_info ti;
		socklen_t tl = sizeof(ti);
		unsigned int n;

		if (fd < 0) {
			fd = tcp_connect();
			if (fd < 0) {
				atomic_store(&tcp_up, 0);
				sleep_ms(200);
				continue;
			}
			atomic_store(&tcp_up, 1);
			base = last;
		}
		if (!(tick++ & 1) &&
		    send(fd, chunk, sizeof(chunk), MSG_DONTWAIT | MSG_NOSIGNAL) < 0 &&
		    errno != EAGAIN && errno != EWOULDBLOCK) {
			close(fd);
			fd = -1;
			continue;
		}
		if (!getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &tl) &&
		    base + ti.tcpi_bytes_acked > last) {
			last = base + ti.tcpi_bytes_acked;
			n = atomic_load(&tcp_n);
			if (n < TCP_MAX) {
				tcp_t[n] = now_ns();
				tcp_acked[n] = last;
				atomic_store(&tcp_n, n + 1);
			}
		}
		sleep_ms(5);
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* longest stretch of [a, b] with no event; ev sorted ascending */
static double max_gap(const uint64_t *ev, size_t n, uint64_t a, uint64_t b)
{
	uint64_t prev = a, gap = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t t = ev[i];

		if (t <= a)
			continue;
		if (t >= b)
			break;
		if (t - prev > gap)
			gap = t - prev;
		prev = t;
	}
	if (b - prev > gap)
		gap = b - prev;
	return (double)gap / 1e6;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

struct traffic {
	unsigned int sent, lost;
	double ping_gap_ms;
	unsigned long long tcp_bytes;
	double tcp_gap_ms;
	int tcp_up;
};

/* the fast path's view of [a, b]; call once b + RESOLVE_MS has passed */
static void traffic_window(uint64_t a, uint64_t b, struct traffic *t)
{
	unsigned int n = atomic_load(&ping_count), i, m = 0;
	uint64_t *ev = malloc(sizeof(uint64_t) * (n + 1));
	unsigned int tn = atomic_load(&tcp_n), lo = 0, hi = 0;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n && ev; i++) {
		if (ping_sent[i] >= a && ping_sent[i] < b) {
			t->sent++;
			if (!ping_reply[i] ||
			    ping_reply[i] - ping_sent[i] > RESOLVE_MS * 1000000ULL)
				t->lost++;
		}
		if (ping_reply[i] > a && ping_reply[i] < b)
			ev[m++] = ping_reply[i];
	}
	if (ev) {
		qsort(ev, m, sizeof(*ev), cmp_u64);
		t->ping_gap_ms = max_gap(ev, m, a, b);
		free(ev);
	}
	t->tcp_gap_ms = max_gap(tcp_t, tn, a, b);
	/* acknowledged bytes: last count before b minus last before a */
	for (i = 0; i < tn; i++) {
		if (tcp_t[i] <= a)
			lo = i + 1;
		if (tcp_t[i] <= b)
			hi = i + 1;
	}
	t->tcp_bytes = (hi ? tcp_acked[hi - 1] : 0) - (lo ? tcp_acked[lo - 1] : 0);
	t->tcp_up = atomic_load(&tcp_up);
}

static int traffic_start(void)
{
	static pthread_t tx, rx, tcp;
	struct timeval tv = { 0, 200000 };

	ping_sent = calloc(PING_MAX, sizeof(*ping_sent));
	ping_reply = calloc(PING_MAX, sizeof(*ping_reply));
	tcp_t = calloc(TCP_MAX, sizeof(*tcp_t));
	tcp_acked = calloc(TCP_MAX, sizeof(*tcp_acked));
	if (!ping_sent || !ping_reply || !tcp_t || !tcp_acked)
		return -1;
	ping_fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (ping_fd < 0) {
		perror("fault-trial: raw ICMP socket");
		return -1;
	}
	setsockopt(ping_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	ping_ident = (uint16_t)getpid();
	if (pthread_create(&rx, NULL, ping_rx, NULL) ||
	    pthread_create(&tx, NULL, ping_tx, NULL) ||
	    pthread_create(&tcp, NULL, tcp_main, NULL))
		return -1;
	/*
	 * The traffic threads are real-time: on the guest's one CPU a faulty
	 * daemon that loops must not show up as lost echoes (the NIC's loss
	 * is measured, not the scheduler's).
	 */
	{
		struct sched_param sp = { .sched_priority = 10 };

		pthread_setschedparam(rx, SCHED_FIFO, &sp);
		pthread_setschedparam(tx, SCHED_FIFO, &sp);
		pthread_setschedparam(tcp, SCHED_FIFO, &sp);
	}
	return 0;
}

/* the time of the latest echo reply (0: none yet) */
static uint64_t last_reply(void)
{
	unsigned int n = atomic_load(&ping_count), i;
	uint64_t t = 0;

	for (i = n > 200 ? n - 200 : 0; i < n; i++)
		if (ping_reply[i] > t)
			t = ping_reply[i];
	return t;
}

static int echo_since(uint64_t since, unsigned int wait_ms)
{
	uint64_t end = now_ns() + (uint64_t)wait_ms * 1000000ULL;

	for (;;) {
		if (last_reply() > since)
			return 1;
		if (now_ns() >= end)
			return 0;
		sleep_ms(5);
	}
}

/*
 * After a trial the fast path must answer again before the next one: a
 * fault that left the NIC dead (scribble writes the chip's own registers)
 * would otherwise be charged to every later trial. No echo reply within
 * 500 ms: the interface is taken down and up (the driver's open
 * reinitializes the chip), then given 5 s. The wait stays within the
 * trial, so that its losses are charged to the fault that caused them. Returns 1 when it was reset;
 * *dead is set when even that did not bring an echo back.
 */
static int fast_path_repair(int *dead)
{
	/* a reply newer than the check: one from before may predate the fault */
	*dead = 0;
	if (echo_since(now_ns(), 500))
		return 0;
	if (system("ip link set " IFNAME " down; ip link set " IFNAME " up"))
		fprintf(stderr, "fault-trial: ip link failed\n");
	*dead = !echo_since(now_ns(), 5000);
	return 1;
}

/* ---- trials ------------------------------------------------------------ */

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EINTR: return "EINTR";
	case EIO: return "EIO";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ERANGE: return "ERANGE";
	case ENOSYS: return "ENOSYS";
	case EPROTO: return "EPROTO";
	case EBADMSG: return "EBADMSG";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ECONNRESET: return "ECONNRESET";
	case ENOTCONN: return "ENOTCONN";
	case ETIMEDOUT: return "ETIMEDOUT";
	case ECONNREFUSED: return "ECONNREFUSED";
	case ESHUTDOWN: return "ESHUTDOWN";
	case ECANCELED: return "ECANCELED";
	}
	return "other";
}

static const struct opdef *find_op(const char *name)
{
	size_t i;

	for (i = 0; i < N_OPDEFS; i++)
		if (!strcmp(opdefs[i].name, name))
			return &opdefs[i];
	return NULL;
}

/* put back the state set ops change; best effort, bounded */
static void restore_state(void)
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

struct record {
	long index;
	unsigned long long seed;
	char op[32], kind[16], at[16], part[16];
	const char *mode;		/* the serving daemon's ports, or "kernel" */
	int arm_status;
	long calls, fired;
	const char *outcome;
	int err;
	double caller_ms;
	int caller_killed;
	int nic_reset, nic_dead;
	int recovered;
	double recovery_ms;
	long restarts;
	long polls;
	int sup_reset;
	int fact_restart;	/* a new daemon met the fault (FACT op) */
	int fact_served;	/* ... and one served before the call */
	pid_t pid_before, pid_after;
	const char *kstatus;
	unsigned long taint;
	struct counters counts;		/* since the trial's start */
	struct regstat regs;		/* since the trial's start */
	long long holds0, holds;	/* fastpath_holds at the start; growth */
	uint64_t t_start, t_end;
	double trial_ms;
};

static void print_record(const struct record *r)
{
	struct traffic t;
	int i;

	traffic_window(r->t_start, r->t_end, &t);
	printf("{\"seed\":%llu,\"index\":%ld,\"build\":\"%s\",\"op\":\"%s\","
	       "\"kind\":\"%s\",\"at\":\"%s\",\"deadline_ms\":%u,",
	       r->seed, r->index, cfg.build, r->op, r->kind, r->at,
	       cfg.deadline_ms);
	printf("\"mode\":\"%s\",", r->mode);
	if (*r->part)
		printf("\"part\":\"%s\",", r->part);
	if (r->regs.ok)
		printf("\"regs\":{\"programs\":%llu,\"accesses\":%llu,"
		       "\"refused\":%llu,\"malformed\":%llu,\"hold_max_ns\":%llu,"
		       "\"hold_total_ns\":%llu},", r->regs.programs,
		       r->regs.accesses, r->regs.refused, r->regs.malformed,
		       r->regs.hold_max_ns, r->regs.hold_total_ns);
	if (r->holds >= 0)
		printf("\"fastpath_holds\":%lld,", r->holds);
	printf("\"fault\":{\"arm_status\":%d,\"calls\":%ld,\"fired\":%ld},",
	       r->arm_status, r->calls, r->fired);
	printf("\"caller\":{\"outcome\":\"%s\",\"errno\":\"%s\",\"ms\":%.3f,"
	       "\"killed\":%s},", r->outcome, errno_name(r->err), r->caller_ms,
	       r->caller_killed ? "true" : "false");
	printf("\"recovery\":{\"ms\":%.3f,\"restarts\":%ld,\"recovered\":%s,"
	       "\"polls\":%ld,\"supervisor_reset\":%s},",
	       r->recovery_ms, r->restarts, r->recovered ? "true" : "false",
	       r->polls, r->sup_reset ? "true" : "false");
	printf("\"ping\":{\"sent\":%u,\"lost\":%u,\"max_gap_ms\":%.1f},",
	       t.sent, t.lost, t.ping_gap_ms);
	printf("\"tcp\":{\"bytes\":%llu,\"max_gap_ms\":%.1f,\"connected\":%s},",
	       t.tcp_bytes, t.tcp_gap_ms, t.tcp_up ? "true" : "false");
	printf("\"nic\":{\"reset\":%s,\"dead\":%s},",
	       r->nic_reset ? "true" : "false", r->nic_dead ? "true" : "false");
	printf("\"daemon\":{\"pid_before\":%d,\"pid_after\":%d,"
	       "\"restarted_at_arm\":%s,\"served_before_call\":%s},",
	       (int)r->pid_before, (int)r->pid_after,
	       r->fact_restart ? "true" : "false",
	       r->fact_served ? "true" : "false");
	printf("\"kernel\":{\"status\":\"%s\",\"taint\":%lu,\"counters\":{",
	       r->kstatus, r->taint);
	for (i = 0; i < r->counts.n; i++)
		printf("%s\"%s\":%llu", i ? "," : "", r->counts.name[i],
		       r->counts.v[i]);
	printf("}},\"trial_ms\":%.1f}\n", r->trial_ms);
	fflush(stdout);
}

/* records waiting for their last echoes */
#define PENDING_MAX 64
static struct record pending[PENDING_MAX];
static int n_pending;

static void flush_pending(int all)
{
	int i, k = 0;
	uint64_t t = now_ns();

	if (all && n_pending) {
		uint64_t last = pending[n_pending - 1].t_end +
				RESOLVE_MS * 1000000ULL;

		while ((t = now_ns()) < last)
			sleep_ms(20);
	}
	for (i = 0; i < n_pending; i++) {
		if (pending[i].t_end + RESOLVE_MS * 1000000ULL <= t)
			print_record(&pending[i]);
		else
			pending[k++] = pending[i];
	}
	n_pending = k;
}

static void queue_record(const struct record *r)
{
	if (n_pending == PENDING_MAX)
		flush_pending(1);
	pending[n_pending++] = *r;
	flush_pending(0);
}

static int record_clean(void)
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
static void record_clean_op(const struct opdef *op)
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

/* the fast path must answer before trials start: an echo back in 10 s */
static int wait_fast_path(void)
{
	uint64_t end = now_ns() + 10000000000ULL;

	while (now_ns() < end) {
		unsigned int n = atomic_load(&ping_count), i;

		for (i = 0; i < n; i++)
			if (ping_reply[i])
				return 0;
		sleep_ms(20);
	}
	return -1;
}

/* 0 ok, 3 taint changed, 4 stuck call, 5 the fast path is dead */
static int run_trial(const char *line, unsigned long taint_base)
{
	struct record r;
	const struct opdef *op;
	struct job *j, *stuck;
	pthread_t tid;
	char show[512], seedbuf[32], msbuf[16];
	const char *args[12];
	long r0;
	int n = 0, ret = 0, is_kill9, is_split = cfg.split;
	uint64_t t_ret, t_call, end;
	unsigned long taint;

	memset(&r, 0, sizeof(r));
	/* the sixth field (matrix or random) is optional */
	if (sscanf(line, "%ld %llu %31s %15s %15s %15s", &r.index, &r.seed, r.op,
		   r.kind, r.at, r.part) < 5) {
		fprintf(stderr, "fault-trial: bad trial line: %s", line);
		return 0;
	}
	op = find_op(r.op);
	if (!op) {
		fprintf(stderr, "fault-trial: unknown op %s\n", r.op);
		return 0;
	}
	record_clean_op(op);
	printf("# start %ld\n", r.index);
	fflush(stdout);
	r.t_start = now_ns();
	r.kstatus = "alive";
	r.fired = -1;
	r.calls = -1;
	r.mode = is_split ? serving_mode() : "kernel";
	r.holds = -1;
	reset_counters();
	regaccess_reset();
	r.holds0 = fastpath_holds();
	r.pid_before = is_split ? daemon_pid() : 0;
	r0 = is_split ? supervisor_restarts() : 0;

	/* arm */
	is_kill9 = !strcmp(r.kind, "kill9");
	snprintf(seedbuf, sizeof(seedbuf), "%llu", r.seed);
	snprintf(msbuf, sizeof(msbuf), "%u", 5 * cfg.deadline_ms);
	args[n++] = r.op;
	args[n++] = is_kill9 ? "sleep" : r.kind;
	args[n++] = "--at";
	args[n++] = r.at;
	args[n++] = "--seed";
	args[n++] = seedbuf;
	if (is_kill9 || !strcmp(r.kind, "sleep")) {
		args[n++] = "--ms";
		args[n++] = msbuf;
	}
	args[n] = NULL;
	r.arm_status = run_arm(args, NULL, 0);
	if (is_split && op_is_fact(r.op) && !r.arm_status) {
		/*
		 * The fault point is in the next daemon's start: a restart
		 * that is the trial's set-up, not part of its recovery.
		 */
		pid_t old = r.pid_before;

		r.fact_restart = 1;
		r.pid_before = restart_for_facts(old, is_kill9, &r.fact_served);
		if (old > 0)
			r0++;
	}

	/* the call */
	t_call = now_ns();
	j = call_bounded(op, is_kill9 ? 30 : cfg.call_bound_ms, &tid, &stuck);
	if (!j && is_kill9) {
		/* the request is with the daemon (it sleeps): kill it */
		pid_t d = daemon_pid();

		if (d)
			kill(d, SIGKILL);
		if (wait_stuck(stuck, tid, cfg.call_bound_ms)) {
			j = stuck;
			stuck = NULL;
		}
	}
	t_ret = now_ns();
	if (j && j->killed) {
		r.outcome = "no-answer";
		r.caller_killed = 1;
		r.caller_ms = ms_between(j->t0 ? j->t0 : t_call, j->t1);
		t_ret = j->t1;
		free(j);
	} else if (j) {
		r.caller_ms = ms_between(j->t0, j->t1);
		r.err = j->ans.err;
		/* success where the clean call failed is a wrong answer too */
		if (same_answer(&j->ans, &clean[op - opdefs]))
			r.outcome = "correct";
		else if (j->ans.err && j->ans.err != clean[op - opdefs].err)
			r.outcome = "error";
		else
			r.outcome = "wrong";
		t_ret = j->t1;
		free(j);
	} else {
		r.outcome = "no-answer";
		r.caller_ms = ms_between(stuck->t0, now_ns());
	}

	if (!j) {
		/*
		 * A caller that never came back holds the RTNL: give it 30 s,
		 * unless the kernel is tainted (an oops killed the caller).
		 */
		if ((read_taint() & ~taint_base & ~TAINT_OK) ||
		    !wait_stuck(stuck, tid, 30000)) {
			r.taint = read_taint();
			r.kstatus = (r.taint & ~taint_base & ~TAINT_OK) ?
				    "tainted" : "hung";
			/* not regaccess: its reader takes the register lock */
			if (r.holds0 >= 0 && fastpath_holds() >= 0)
				r.holds = fastpath_holds() - r.holds0;
			r.t_end = now_ns();
			r.trial_ms = ms_between(r.t_start, r.t_end);
			queue_record(&r);
			return strcmp(r.kstatus, "hung") ? 3 : 4;
		}
		t_ret = stuck->t1;
		free(stuck);
	}

	/* recovery: the same op, answering correctly again */
	end = t_ret + (uint64_t)cfg.recovery_bound_ms * 1000000ULL;
	for (;;) {
		struct job *p;
		int ok;

		taint = read_taint();
		if ((taint & ~taint_base & ~TAINT_OK))
			break;
		p = call_bounded(op, cfg.call_bound_ms, &tid, &stuck);
		r.polls++;
		if (!p) {
			if (!wait_stuck(stuck, tid, 30000)) {
				r.kstatus = "hung";
				ret = 4;
				break;
			}
			free(stuck);
			continue;
		}
		ok = same_answer(&p->ans, &clean[op - opdefs]);
		if (ok) {
			/*
			 * Recovered when the call that answers correctly began:
			 * an op's own run time (set_phys_id blinks for a second)
			 * is not recovery time.
			 */
			r.recovered = 1;
			r.recovery_ms = ms_between(t_ret, p->t0);
			free(p);
			break;
		}
		free(p);
		if (now_ns() >= end) {
			r.recovery_ms = ms_between(t_ret, now_ns());
			break;
		}
		sleep_ms(POLL_MS);
	}
	/*
	 * What the fault point saw, then disarm. Done after the recovery:
	 * a fault fires once (--times 1), and the tool's own run time (two
	 * execs) would otherwise count as recovery time.
	 */
	if (!run_arm((const char *[]){ "--show", NULL }, show, sizeof(show))) {
		r.calls = show_value(show, "calls");
		r.fired = show_value(show, "fired");
	}
	run_arm((const char *[]){ "--off", NULL }, NULL, 0);

	r.restarts = is_split ? supervisor_restarts() - r0 : 0;
	r.pid_after = is_split ? daemon_pid() : 0;
	r.taint = read_taint();
	if (r.taint & ~taint_base & ~TAINT_OK) {
		r.kstatus = "tainted";
		ret = 3;
	}

	/*
	 * Clean up for the next trial: a daemon that died, or that missed a
	 * deadline (it may still loop or sleep: an op whose hook falls back
	 * on the kernel's own value answers correctly all the same).
	 */
	read_counters(&r.counts);
	regaccess_read(&r.regs);
	if (r.holds0 >= 0 && fastpath_holds() >= 0)
		r.holds = fastpath_holds() - r.holds0;
	if (is_split) {
		r.mode = serving_mode();
		if (strcmp(r.mode, cfg.direct ? "direct" : "mediated"))
			fprintf(stderr, "fault-trial: trial %ld: the daemon serves %s, not %s\n",
				r.index, r.mode, cfg.direct ? "direct" : "mediated");
	}
	if (is_split && ret == 0 &&
	    (!r.recovered || r.restarts > 0 || r.pid_after != r.pid_before ||
	     counter(&r.counts, "timeouts") > 0)) {
		r.sup_reset = 1;
		if (supervisor_reset())
			fprintf(stderr, "fault-trial: the daemon did not come back\n");
	}
	if (ret == 0) {
		restore_state();
		r.nic_reset = fast_path_repair(&r.nic_dead);
		if (r.nic_dead)
			ret = 5;
	}
	r.t_end = now_ns();
	r.trial_ms = ms_between(r.t_start, r.t_end);
	queue_record(&r);
	return ret;
}

/*
 * The daemon's port mode, before the first trial: the environment of the
 * supervisors this runner starts (supervisor_reset()) asks for the
 * build's mode, and the daemon that serves has it (one restart if not;
 * split-direct: with the module's allow_direct_ports on, as daemon-start
 * does). 0, or -1 (said why on stderr).
 */
static int daemon_mode_setup(void)
{
	const char *want = cfg.direct ? "direct" : "mediated";
	const char *args = getenv("PCNET32D_ARGS");
	int asks_direct = args && strstr(args, "--ports direct");

	if (cfg.direct) {
		/* the module refuses direct ports unless root allows them */
		FILE *f = fopen(ALLOW_DIRECT, "w");

		if (!f || fputs("1\n", f) < 0 || fclose(f)) {
			fprintf(stderr, "fault-trial: %s: %s\n", ALLOW_DIRECT,
				strerror(errno));
			return -1;
		}
	}
	if (cfg.direct && !asks_direct) {
		char buf[512];

		snprintf(buf, sizeof(buf), "%s%s--ports direct", args ? args : "",
			 args && *args ? " " : "");
		setenv("PCNET32D_ARGS", buf, 1);
	} else if (!cfg.direct && asks_direct) {
		fprintf(stderr, "fault-trial: --build split is the mediated daemon, "
			"but PCNET32D_ARGS asks for direct ports (%s)\n", args);
		return -1;
	}
	if (!strcmp(serving_mode(), want))
		return 0;
	fprintf(stderr, "fault-trial: the daemon serves %s, not %s: restarting it\n",
		serving_mode(), want);
	if (!supervisor_reset()) {
		/* the ready file exists from the start; the log line comes later */
		uint64_t end = now_ns() + 10000000000ULL;

		while (strcmp(serving_mode(), want) && now_ns() < end)
			sleep_ms(20);
	}
	if (strcmp(serving_mode(), want)) {
		fprintf(stderr, "fault-trial: no daemon with %s ports (the log says %s)\n",
			want, serving_mode());
		return -1;
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: fault-trial --build split|split-direct|inkernel [--deadline-ms MS]\n"
		   "         [--call-bound-ms MS] [--recovery-bound-ms MS]\n"
		   "         [--tcp HOST:PORT] [--ping HOST] [--arm PATH] < TRIALS\n"
		   "TRIALS: lines \"index seed op kind at [part]\"; one JSON record per trial on stdout\n");
}

static unsigned int parse_ms(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (end == s || *end || v == 0 || v > 600000) {
		fprintf(stderr, "fault-trial: bad milliseconds: %s\n", s);
		exit(2);
	}
	return (unsigned int)v;
}

int main(int argc, char **argv)
{
	char line[256];
	unsigned long taint_base;
	int i, st = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!v) {
			usage(stderr);
			return 2;
		}
		i++;
		if (!strcmp(a, "--build")) {
			cfg.build = v;
		} else if (!strcmp(a, "--deadline-ms")) {
			cfg.deadline_ms = parse_ms(v);
		} else if (!strcmp(a, "--call-bound-ms")) {
			cfg.call_bound_ms = parse_ms(v);
		} else if (!strcmp(a, "--recovery-bound-ms")) {
			cfg.recovery_bound_ms = parse_ms(v);
		} else if (!strcmp(a, "--arm")) {
			cfg.arm = v;
		} else if (!strcmp(a, "--ping")) {
			cfg.ping_host = v;
		} else if (!strcmp(a, "--tcp")) {
			static char host[64];
			const char *c = strrchr(v, ':');

			if (!c || c == v || (size_t)(c - v) >= sizeof(host)) {
				usage(stderr);
				return 2;
			}
			memcpy(host, v, (size_t)(c - v));
			host[c - v] = '\0';
			cfg.tcp_host = host;
			cfg.tcp_port = parse_ms(c + 1);
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (!cfg.build || (strcmp(cfg.build, "split") &&
			   strcmp(cfg.build, "split-direct") &&
			   strcmp(cfg.build, "inkernel"))) {
		usage(stderr);
		return 2;
	}
	cfg.split = strcmp(cfg.build, "inkernel") != 0;
	cfg.direct = !strcmp(cfg.build, "split-direct");
	/* the kernel's worst case (deadline, then a kill of up to 2 s), slack */
	if (!cfg.call_bound_ms)
		cfg.call_bound_ms = cfg.deadline_ms + 2000 + 3000;
	if (!cfg.recovery_bound_ms)
		cfg.recovery_bound_ms = 4 * cfg.deadline_ms > 1000 ?
					4 * cfg.deadline_ms : 1000;
	signal(SIGPIPE, SIG_IGN);
	sock_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock_fd < 0) {
		perror("fault-trial: socket");
		return 1;
	}
	run_arm((const char *[]){ "--off", NULL }, NULL, 0);
	find_nic_debugfs();
	if (cfg.split && daemon_mode_setup())
		return 1;
	if (record_clean())
		return 1;
	if (traffic_start())
		return 1;
	if (wait_fast_path())
		fprintf(stderr, "fault-trial: no echo reply from %s in 10 s\n",
			cfg.ping_host);
	taint_base = read_taint();
	while (fgets(line, sizeof(line), stdin)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		st = run_trial(line, taint_base);
		if (st)
			break;
	}
	flush_pending(1);
	atomic_store(&stop_traffic, 1);
	return st;
}
