// SPDX-License-Identifier: GPL-2.0
/*
 * A mutant of the slow path on trial (kind "mutant": the schemata build's
 * site N, faultinject/mutate/), and the trace that says which op reaches
 * which site.
 *
 * A trial line "index seed op mutant entry mutant N ID OPERATOR FUNCTION"
 * arms the mutant for good (fault-arm OP mutant --mutant N --times -1: a
 * code change, not a fault that fires once) on the side that runs OP (the
 * split build: the daemon), issues OP once as a caller, then the battery
 * (every op's standard call once, a call that another op makes already
 * once; split: once a daemon serves again, within 2 s), each answer
 * against its clean one. Then it reads what the site
 * did (calls, fired), disarms, puts back the state the set ops change,
 * and measures recovery: the time from then until OP answers correctly
 * again (bounded by MUT_RECOVERY_MS at least: a supervisor whose daemon
 * never got ready backs off up to 5 s).
 * A FACT op of the split build meets the mutant in a new daemon's start
 * (the runner restarts it after arming, as for the other kinds), and
 * again after the disarm, so that the facts are an unmutated daemon's.
 * The daemon's deaths and restarts during the call and the battery are
 * the split build's recovery from the bug: recorded (daemon_died,
 * recovery.restarts), not prevented. A call that does not come back, or
 * a taint, ends the trial (and the guest command) as in trial.c; so does
 * an op that did not recover (status 6), whose state may stay and must
 * not be charged to the next mutant: the host boots a fresh guest.
 *
 * --trace: for each op in the op table's order, arms mutant 0 (every
 * site reached is recorded, none fires), issues the op's standard call,
 * reads the sites reached and disarms before the state is put back, and
 * prints "reach OP N" for each site N first reached by OP's call.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "trial.h"

#define MUT_RECOVERY_MS 6000	/* at least: one backoff of the supervisor */
#define SEEN_MAX 65536
#define BATTERY_WAIT_MS 2000	/* for a daemon that serves again */

static int tainted(unsigned long taint_base)
{
	return (read_taint() & ~taint_base & ~TAINT_OK) != 0;
}

/*
 * A call that did not come back within its bound: 0 when it did within
 * 30 s more (the kernel lives; the job is freed), else the trial's end
 * status (3 tainted: an oops killed the caller; 4 hung) in r.
 */
static int stuck_call(struct record *r, struct job *stuck, pthread_t tid,
		      unsigned long taint_base)
{
	if (!tainted(taint_base) && wait_stuck(stuck, tid, 30000)) {
		free(stuck);
		return 0;
	}
	r->taint = read_taint();
	r->kstatus = tainted(taint_base) ? "tainted" : "hung";
	return strcmp(r->kstatus, "hung") ? 3 : 4;
}

static void bad_op(struct battery *b, const char *name, const char *what)
{
	size_t n = strlen(b->bad_ops);

	snprintf(b->bad_ops + n, sizeof(b->bad_ops) - n, "%s%s:%s",
		 n ? "," : "", name, what);
}

/* the battery with the mutant armed: 0, or the trial's end status */
static int battery(struct record *r, unsigned long taint_base)
{
	const struct opdef *o;
	size_t i;

	for (i = 0; (o = op_at(i)); i++) {
		struct job *j, *stuck;
		pthread_t tid;
		const char *what;
		int st;

		if (op_call_repeats(o))
			continue;
		r->bat.ops++;
		j = call_bounded(o, cfg.call_bound_ms, &tid, &stuck);
		if (!j) {
			r->bat.no_answer++;
			bad_op(&r->bat, o->name, "no-answer");
			st = stuck_call(r, stuck, tid, taint_base);
			if (st)
				return st;
			continue;
		}
		if (j->killed) {
			r->bat.no_answer++;
			bad_op(&r->bat, o->name, "no-answer");
		} else {
			what = answer_outcome(&j->ans, clean_answer(o));
			if (!strcmp(what, "correct")) {
				r->bat.correct++;
			} else {
				if (!strcmp(what, "error"))
					r->bat.error++;
				else
					r->bat.wrong++;
				if (answer_silent(&j->ans, clean_answer(o))) {
					r->bat.silent++;
					what = "silent";
				}
				bad_op(&r->bat, o->name, what);
			}
		}
		free(j);
		if (tainted(taint_base)) {
			r->taint = read_taint();
			r->kstatus = "tainted";
			return 3;
		}
	}
	return 0;
}

/* the end of a trial that ends its guest command (3, 4) */
static int mutant_dead(struct record *r, int ret)
{
	if (r->holds0 >= 0 && fastpath_holds() >= 0)
		r->holds = fastpath_holds() - r->holds0;
	r->t_end = now_ns();
	r->trial_ms = ms_between(r->t_start, r->t_end);
	queue_record(r);
	return ret;
}

/*
 * 0 ok, 3 taint changed, 4 stuck call, 5 the fast path is dead, 6 the op
 * did not recover
 */
int run_mutant(const char *line, unsigned long taint_base)
{
	static struct record r;
	const struct opdef *op;
	struct job *j, *stuck;
	pthread_t tid;
	char show[512], seedbuf[32], nbuf[16];
	long r0;
	int ret = 0, is_split = cfg.split, fact;
	uint64_t t_dis, end;
	unsigned int bound;

	memset(&r, 0, sizeof(r));
	if (sscanf(line, "%ld %llu %31s %15s %15s %15s %u %95s %15s %63s", &r.index,
		   &r.seed, r.op, r.kind, r.at, r.part, &r.mutant, r.mut_id,
		   r.mut_oper, r.mut_func) != 10 || !r.mutant) {
		fprintf(stderr, "fault-trial: bad mutant trial line: %s", line);
		return 0;
	}
	op = find_op(r.op);
	if (!op) {
		fprintf(stderr, "fault-trial: unknown op %s\n", r.op);
		return 0;
	}
	r.is_mutant = 1;
	fact = is_split && op_is_fact(r.op);
	/* the battery compares every op with its clean answer */
	record_clean_all();
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

	/* arm it for good */
	snprintf(seedbuf, sizeof(seedbuf), "%llu", r.seed);
	snprintf(nbuf, sizeof(nbuf), "%u", r.mutant);
	r.arm_status = run_arm((const char *[]){ r.op, "mutant", "--mutant", nbuf,
				 "--times", "-1", "--seed", seedbuf, NULL },
			       NULL, 0);
	if (fact && !r.arm_status) {
		pid_t old = r.pid_before;

		r.fact_restart = 1;
		r.pid_before = restart_for_facts(old, 0, &r.fact_served);
		if (old > 0)
			r0++;
	}

	/* the call */
	j = call_bounded(op, cfg.call_bound_ms, &tid, &stuck);
	if (!j) {
		r.outcome = "no-answer";
		r.caller_ms = ms_between(stuck->t0, now_ns());
		ret = stuck_call(&r, stuck, tid, taint_base);
		if (ret)
			return mutant_dead(&r, ret);
	} else if (j->killed) {
		r.outcome = "no-answer";
		r.caller_killed = 1;
		r.caller_ms = ms_between(j->t0, j->t1);
		free(j);
	} else {
		r.caller_ms = ms_between(j->t0, j->t1);
		r.err = j->ans.err;
		r.outcome = answer_outcome(&j->ans, clean_answer(op));
		r.silent = answer_silent(&j->ans, clean_answer(op));
		free(j);
	}
	if (tainted(taint_base)) {
		r.taint = read_taint();
		r.kstatus = "tainted";
		return mutant_dead(&r, 3);
	}

	/*
	 * every op, the mutant still armed, from the clean state (a set op's
	 * call changed it; a mutant may keep it from being put back, which
	 * the battery then shows), and (split) once a daemon serves again: a
	 * daemon the call killed is replaced at once, and the battery asks
	 * what the mutant does to the other ops, not what the kernel answers
	 * while no daemon serves (its placeholders: the call showed that)
	 */
	if (is_split)
		wait_serving(BATTERY_WAIT_MS);
	restore_state();
	ret = battery(&r, taint_base);
	if (ret)
		return mutant_dead(&r, ret);

	/* what the site did and what the daemon went through; disarm */
	if (!run_arm((const char *[]){ "--show", NULL }, show, sizeof(show))) {
		r.calls = show_value(show, "calls");
		r.fired = show_value(show, "fired");
	}
	if (is_split) {
		r.restarts = supervisor_restarts() - r0;
		r.pid_after = daemon_pid();
		r.daemon_died = r.restarts > 0 || r.pid_after != r.pid_before;
	}
	run_arm((const char *[]){ "--off", NULL }, NULL, 0);
	/* the battery's set ops changed the state the op's answer shows */
	restore_state();
	if (fact) {
		int served;

		/* the facts again, from an unmutated daemon: set-up again */
		restart_for_facts(daemon_pid(), 0, &served);
	}
	t_dis = now_ns();

	/* recovery: the op answering correctly again after the disarm */
	bound = cfg.recovery_bound_ms > MUT_RECOVERY_MS ? cfg.recovery_bound_ms :
							  MUT_RECOVERY_MS;
	end = t_dis + (uint64_t)bound * 1000000ULL;
	ret = poll_recovery(op, t_dis, end, taint_base, &r);
	r.taint = read_taint();
	if (tainted(taint_base)) {
		r.kstatus = "tainted";
		ret = 3;
	}
	read_counters(&r.counts);
	regaccess_read(&r.regs);
	if (r.holds0 >= 0 && fastpath_holds() >= 0)
		r.holds = fastpath_holds() - r.holds0;
	if (is_split)
		r.mode = serving_mode();
	/* a fresh supervisor and daemon for the next trial when this one's died */
	if (is_split && ret == 0 &&
	    (!r.recovered || r.daemon_died || counter(&r.counts, "timeouts") > 0)) {
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
	/* what it left may stay: the next mutant gets a fresh guest */
	if (ret == 0 && !r.recovered)
		ret = 6;
	r.t_end = now_ns();
	r.trial_ms = ms_between(r.t_start, r.t_end);
	queue_record(&r);
	return ret;
}

/*
 * The sites each op's standard call reaches, in the op table's order:
 * "reach OP N" on stdout for each site N that no earlier op reached.
 * 0, or 1 (the trace could not be armed or read).
 */
int run_trace(void)
{
	static char seen[SEEN_MAX];
	static unsigned char known[16384];
	const struct opdef *o;
	size_t i;
	int st;

	for (i = 0; (o = op_at(i)); i++) {
		struct job *j, *stuck;
		pthread_t tid;
		char *p, *save = NULL;

		/* armed afresh for each op: the state put back is nobody's */
		st = run_arm((const char *[]){ "get_drvinfo", "mutant", "--mutant", "0",
			       "--times", "-1", NULL }, NULL, 0);
		if (st) {
			fprintf(stderr, "fault-trial: cannot arm the trace (fault-arm: %d)\n", st);
			return 1;
		}

		if (cfg.split && op_is_fact(o->name)) {
			int served;

			/* its sites run in a daemon's start */
			restart_for_facts(daemon_pid(), 0, &served);
		}
		j = call_bounded(o, cfg.call_bound_ms, &tid, &stuck);
		if (j)
			free(j);
		else if (stuck && wait_stuck(stuck, tid, 30000))
			free(stuck);
		if (run_arm_all((const char *[]){ "--seen", NULL }, seen, sizeof(seen))) {
			fprintf(stderr, "fault-trial: fault-arm --seen failed after %s\n", o->name);
			run_arm((const char *[]){ "--off", NULL }, NULL, 0);
			return 1;
		}
		run_arm((const char *[]){ "--off", NULL }, NULL, 0);
		restore_state();
		for (p = strtok_r(seen, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
			long n = strtol(p, NULL, 10);

			if (n <= 0 || n >= (long)sizeof(known) || known[n])
				continue;
			known[n] = 1;
			printf("reach %s %ld\n", o->name, n);
		}
		fflush(stdout);
	}
	return 0;
}
