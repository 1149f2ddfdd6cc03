// SPDX-License-Identifier: GPL-2.0
/*
 * A trial's record: one JSON line on stdout (the campaign's raw data; the
 * fields in faultinject/README.md). A record waits until its trial's last
 * echo request had RESOLVE_MS to come back, so that its losses are known.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "trial.h"

const char *errno_name(int e)
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
	       "\"killed\":%s", r->outcome, errno_name(r->err), r->caller_ms,
	       r->caller_killed ? "true" : "false");
	if (r->is_mutant)
		printf(",\"silent\":%s", r->silent ? "true" : "false");
	printf("},");
	if (r->is_mutant) {
		printf("\"mutant\":{\"n\":%u,\"id\":\"%s\",\"operator\":\"%s\","
		       "\"function\":\"%s\"},", r->mutant, r->mut_id, r->mut_oper,
		       r->mut_func);
		printf("\"battery\":{\"ops\":%d,\"correct\":%d,\"wrong\":%d,"
		       "\"silent\":%d,\"error\":%d,\"no_answer\":%d,\"bad\":\"%s\"},",
		       r->bat.ops, r->bat.correct, r->bat.wrong, r->bat.silent,
		       r->bat.error, r->bat.no_answer, r->bat.bad_ops);
	}
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
	       "\"restarted_at_arm\":%s,\"served_before_call\":%s",
	       (int)r->pid_before, (int)r->pid_after,
	       r->fact_restart ? "true" : "false",
	       r->fact_served ? "true" : "false");
	if (r->is_mutant)
		printf(",\"died\":%s", r->daemon_died ? "true" : "false");
	printf("},");
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

void flush_pending(int all)
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

void queue_record(const struct record *r)
{
	if (n_pending == PENDING_MAX)
		flush_pending(1);
	pending[n_pending++] = *r;
	flush_pending(0);
}
