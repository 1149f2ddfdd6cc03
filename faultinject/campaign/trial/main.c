// SPDX-License-Identifier: GPL-2.0
/*
 * fault-trial: the guest side of the fault campaign (make faults).
 *
 *   fault-trial [--build split|split-direct|inkernel] [--deadline-ms MS] [--call-bound-ms MS]
 *               [--recovery-bound-ms MS] [--tcp HOST:PORT] [--ping HOST]
 *               [--arm PATH] [--once] < TRIALS
 *   fault-trial --build B --trace      the mutant sites each op reaches (mutant.c)
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
 * A line of kind "mutant" (index seed op mutant entry mutant N ID
 * OPERATOR FUNCTION) is a mutant's trial: the mutant armed for good, the
 * op, then a battery of every op, each answer against its clean one
 * (mutant.c).
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
 * must not be charged with its damage); 6 a mutant's op did not recover
 * (what it left may stay: the host boots a fresh guest); 1 set-up
 * failure; 2 bad usage.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trial.h"

struct trial_cfg cfg = {
	.build = NULL,
	.deadline_ms = 2000,
	.call_bound_ms = 0,
	.recovery_bound_ms = 0,
	.arm = "/lab/bin/fault-arm",
	.ping_host = "10.77.0.1",
	.tcp_host = "10.77.0.1",
	.tcp_port = 5301,
};

static void usage(FILE *f)
{
	fprintf(f, "usage: fault-trial --build split|split-direct|inkernel [--deadline-ms MS]\n"
		   "         [--call-bound-ms MS] [--recovery-bound-ms MS]\n"
		   "         [--tcp HOST:PORT] [--ping HOST] [--arm PATH] < TRIALS\n"
		   "       fault-trial --build B --trace\n"
		   "TRIALS: lines \"index seed op kind at [part]\", or \"index seed op mutant entry\n"
		   "mutant N ID OPERATOR FUNCTION\"; one JSON record per trial on stdout.\n"
		   "--trace: \"reach OP N\" for each mutant site N first reached by OP's call\n");
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
	char line[512];
	unsigned long taint_base;
	int i, st = 0, trace = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(a, "--trace")) {
			trace = 1;
			continue;
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
	if (calls_open())
		return 1;
	run_arm((const char *[]){ "--off", NULL }, NULL, 0);
	find_nic_debugfs();
	if (cfg.split && daemon_mode_setup())
		return 1;
	if (record_clean())
		return 1;
	if (trace)
		return run_trace();
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
	traffic_stop();
	return st;
}
