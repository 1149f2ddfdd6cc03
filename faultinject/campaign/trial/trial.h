/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fault-trial's parts, one concern a file (main.c says what the tool does):
 *
 *   main.c     the command line, the set-up, the loop over the trial lines
 *   trial.c    one trial: arm, call, classify, recover, clean up
 *   mutant.c   one mutant's trial (arm it for good, the call, the battery
 *              of every op, disarm, recover) and the trace of the sites
 *              each op reaches (--trace)
 *   answer.c   an answer against the clean one: correct, error, wrong,
 *              silent (pure: unit-tested on the host)
 *   calls.c    the ops as a caller issues them (lib/ethtool-ioc), bounded
 *              in a thread; their clean answers; the set ops' state put back
 *   daemon.c   the daemon and its supervisor: pids, restarts, port mode
 *   arming.c   the fault-arm command: arm, --show, --off
 *   kernel.c   the kernel's state: taint, the channel's counters, regaccess,
 *              fast-path holds
 *   traffic.c  the background traffic (ICMP echo, a paced TCP stream) and
 *              what the fast path saw in a window
 *   record.c   the JSON record of a trial, printed once its echoes resolved
 */
#ifndef FAULT_TRIAL_H
#define FAULT_TRIAL_H

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#define IFNAME "eth0"
#define TAINT_OK ((1u << 12) | (1u << 13))	/* out-of-tree, unsigned */
#define ANS_MAX 4096
#define RESOLVE_MS 1000		/* an echo reply later than this is lost */

struct trial_cfg {
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
};

/* set once by main() from the command line, read-only afterwards */
extern struct trial_cfg cfg;

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static inline double ms_between(uint64_t a, uint64_t b)
{
	return b > a ? (double)(b - a) / 1e6 : 0.0;
}

static inline void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ---- calls.c ------------------------------------------------------------ */

/* what reached the caller: an errno and the bytes that matter */
struct answer {
	int err;
	size_t len;
	unsigned char data[ANS_MAX];
};

struct opdef {
	const char *name;
	void (*call)(struct answer *a);
};

struct job {
	const struct opdef *op;
	struct answer ans;
	uint64_t t0, t1;
	atomic_int done;
	int killed;		/* the thread died in the call */
};

int calls_open(void);
const struct opdef *find_op(const char *name);
const struct opdef *op_at(size_t i);
int op_call_repeats(const struct opdef *op);
int op_is_fact(const char *name);
struct job *call_bounded(const struct opdef *op, unsigned int bound_ms,
			 pthread_t *tid, struct job **stuck);
int wait_stuck(struct job *j, pthread_t tid, unsigned int ms);
int record_clean(void);
void record_clean_op(const struct opdef *op);
void record_clean_all(void);
const struct answer *clean_answer(const struct opdef *op);
void restore_state(void);

/* ---- answer.c ----------------------------------------------------------- */

int same_answer(const struct answer *a, const struct answer *b);
const char *answer_outcome(const struct answer *a, const struct answer *clean);
int answer_silent(const struct answer *a, const struct answer *clean);

/* ---- daemon.c ----------------------------------------------------------- */

pid_t daemon_pid(void);
long supervisor_restarts(void);
int supervisor_reset(void);
pid_t restart_for_facts(pid_t old, int kill9, int *served);
int wait_serving(unsigned int ms);
const char *serving_mode(void);
int daemon_mode_setup(void);

/* ---- arming.c ----------------------------------------------------------- */

int run_arm(const char *const args[], char *out, size_t outlen);
int run_arm_all(const char *const args[], char *out, size_t outlen);
long show_value(const char *line, const char *key);

/* ---- kernel.c ----------------------------------------------------------- */

#define MAX_COUNTERS 32
struct counters {
	int n;
	char name[MAX_COUNTERS][24];
	unsigned long long v[MAX_COUNTERS];
};

/* the register programs' counters of every op, summed (regaccess) */
struct regstat {
	int ok;			/* the file was there */
	unsigned long long programs, accesses, refused, malformed;
	unsigned long long hold_max_ns, hold_total_ns;
};

unsigned long read_taint(void);
void reset_counters(void);
void read_counters(struct counters *c);
unsigned long long counter(const struct counters *c, const char *name);
void find_nic_debugfs(void);
void regaccess_reset(void);
void regaccess_read(struct regstat *s);
long long fastpath_holds(void);

/* ---- traffic.c ---------------------------------------------------------- */

struct traffic {
	unsigned int sent, lost;
	double ping_gap_ms;
	unsigned long long tcp_bytes;
	double tcp_gap_ms;
	int tcp_up;
};

int traffic_start(void);
void traffic_stop(void);
int wait_fast_path(void);
void traffic_window(uint64_t a, uint64_t b, struct traffic *t);
int fast_path_repair(int *dead);

/* ---- mutant.c ----------------------------------------------------------- */

/* the battery: every op's standard call once, against its clean answer */
struct battery {
	int ops, correct, wrong, silent, error, no_answer;
	char bad_ops[256];		/* the ops whose answer was not correct */
};

int run_mutant(const char *line, unsigned long taint_base);
int run_trace(void);

/* ---- record.c ----------------------------------------------------------- */

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
	/* kind mutant (mutant.c): the site, its call's and the battery's answers */
	int is_mutant;
	unsigned int mutant;
	char mut_id[96], mut_oper[16], mut_func[64];
	int silent;			/* the call's answer: wrong, with success */
	int daemon_died;		/* split: the daemon died or was replaced */
	struct battery bat;
};

const char *errno_name(int e);
void queue_record(const struct record *r);
void flush_pending(int all);

/* ---- trial.c ------------------------------------------------------------ */

int run_trial(const char *line, unsigned long taint_base);
int poll_recovery(const struct opdef *op, uint64_t t0, uint64_t end,
		  unsigned long taint_base, struct record *r);

#endif
