// SPDX-License-Identifier: GPL-2.0
/*
 * One trial of fault-trial: arm the fault (fault-arm), issue the op once
 * as a caller, classify what reached the caller against the op's clean
 * answer, poll until the op answers correctly again (recovery), read what
 * the fault point saw and disarm, then leave the guest as the next trial
 * needs it (a fresh supervisor after a restart, the set ops' state put
 * back, a fast path that answers) and queue the record.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "trial.h"

#define POLL_MS 3		/* recovery poll interval */

/*
 * Recovery: op polled every POLL_MS from t0 until it answers as its clean
 * answer (r->recovered; r->recovery_ms up to the start of that call: an
 * op's own run time, set_phys_id's second of blinking, is not recovery
 * time), until end (r->recovery_ms up to then), or until the kernel's
 * taint changes. r->polls counts the calls. 0, or 4 when a call did not
 * come back within 30 s more (r->kstatus "hung").
 */
int poll_recovery(const struct opdef *op, uint64_t t0, uint64_t end,
		  unsigned long taint_base, struct record *r)
{
	struct job *p, *stuck;
	pthread_t tid;

	for (;;) {
		if (read_taint() & ~taint_base & ~TAINT_OK)
			return 0;
		p = call_bounded(op, cfg.call_bound_ms, &tid, &stuck);
		r->polls++;
		if (!p) {
			if (!wait_stuck(stuck, tid, 30000)) {
				r->kstatus = "hung";
				return 4;
			}
			free(stuck);
			continue;
		}
		if (same_answer(&p->ans, clean_answer(op))) {
			r->recovered = 1;
			r->recovery_ms = ms_between(t0, p->t0);
			free(p);
			return 0;
		}
		free(p);
		if (now_ns() >= end) {
			r->recovery_ms = ms_between(t0, now_ns());
			return 0;
		}
		sleep_ms(POLL_MS);
	}
}

/* 0 ok, 3 taint changed, 4 stuck call, 5 the fast path is dead */
int run_trial(const char *line, unsigned long taint_base)
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

	memset(&r, 0, sizeof(r));
	/* a mutant's line has more fields, and a trial of its own (mutant.c) */
	if (sscanf(line, "%*d %*u %*s %15s", r.kind) == 1 && !strcmp(r.kind, "mutant"))
		return run_mutant(line, taint_base);
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
		r.outcome = answer_outcome(&j->ans, clean_answer(op));
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
	ret = poll_recovery(op, t_ret, end, taint_base, &r);
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
