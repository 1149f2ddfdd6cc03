// SPDX-License-Identifier: GPL-2.0
/*
 * fault-classify: the kernel's outcome of a trial, from vm/lab's exit
 * status and the console log the trial wrote.
 *
 *   fault-classify [--status N] [FILE]      (FILE default: stdin)
 *
 * prints one line: OUTCOME<TAB>the console line that decided it, where
 * OUTCOME is alive, oops, panic or hung. vm/lab's statuses: 241 panic,
 * 242 oops/WARN/taint, 243 hung (no answer, or QEMU gone without a
 * panic); any other status is a guest command's own.
 *
 * The console decides when it says more than the status: a panic line
 * makes a panic whatever the status (a hung guest whose console shows
 * "Kernel panic - not syncing" panicked); an oops, BUG or WARN makes an
 * oops (also when the guest hung afterwards: the oops came first, and a
 * taint the status did not see yet); a lockup or stall report makes a
 * hang.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * In rising strength: an oops that then hangs the guest (it died holding
 * the RTNL) is an oops, a hang or an oops that ends in a panic a panic.
 */
enum fault_kernel {
	FK_ALIVE,
	FK_HUNG,
	FK_OOPS,
	FK_PANIC,
};

static const char *const fault_kernel_names[] = {
	[FK_ALIVE] = "alive",
	[FK_HUNG] = "hung",
	[FK_OOPS] = "oops",
	[FK_PANIC] = "panic",
};

/* console patterns, strongest first within each outcome */
static const struct {
	const char *pat;
	enum fault_kernel k;
} fault_patterns[] = {
	{ "Kernel panic - not syncing", FK_PANIC },
	{ "kernel stack overflow", FK_PANIC },	/* double fault: dies */
	{ "stack guard page was hit", FK_PANIC },
	{ "watchdog: BUG: soft lockup", FK_HUNG },
	{ "Watchdog detected hard LOCKUP", FK_HUNG },
	{ "rcu_sched self-detected stall", FK_HUNG },
	{ "rcu_preempt self-detected stall", FK_HUNG },
	{ "rcu: INFO: rcu_sched detected stalls", FK_HUNG },
	{ "rcu: INFO: rcu_preempt detected stalls", FK_HUNG },
	{ "blocked for more than", FK_HUNG },	/* hung task */
	{ "BUG: kernel NULL pointer dereference", FK_OOPS },
	{ "BUG: unable to handle page fault", FK_OOPS },
	{ "kernel BUG at", FK_OOPS },
	{ "general protection fault", FK_OOPS },
	{ "stack-protector: Kernel stack is corrupted", FK_PANIC },
	{ "Oops:", FK_OOPS },
	{ "WARNING: CPU:", FK_OOPS },
	/* not a bare "BUG:": the soft lockup report says "BUG:" too */
	{ "BUG: KASAN:", FK_OOPS },
	{ "BUG: scheduling while atomic", FK_OOPS },
	{ "BUG: sleeping function called from invalid context", FK_OOPS },
	{ "BUG: Bad page", FK_OOPS },
	{ "UBSAN:", FK_OOPS },
};
#define FAULT_N_PATTERNS (sizeof(fault_patterns) / sizeof(fault_patterns[0]))

/*
 * Classify: status is vm/lab's exit status (or 0), text the console
 * excerpt. *why points into text at the deciding line (or is NULL);
 * *why_len is its length.
 */
static enum fault_kernel fault_classify(int status, const char *text,
					const char **why, size_t *why_len)
{
	enum fault_kernel best = FK_ALIVE;
	const char *best_at = NULL;
	size_t i;

	*why = NULL;
	*why_len = 0;
	for (i = 0; text && i < FAULT_N_PATTERNS; i++) {
		const char *at = strstr(text, fault_patterns[i].pat);

		if (!at)
			continue;
		/* the stronger outcome wins; among equals, the first line */
		if (fault_patterns[i].k > best ||
		    (fault_patterns[i].k == best && best_at && at < best_at)) {
			best = fault_patterns[i].k;
			best_at = at;
		}
	}
	if (status == 241 && best < FK_PANIC)
		best = FK_PANIC;
	else if (status == 242 && best < FK_OOPS)
		best = FK_OOPS;
	else if (status == 243 && best < FK_HUNG)
		best = FK_HUNG;
	if (best_at) {
		const char *s = best_at, *e;

		while (s > text && s[-1] != '\n')
			s--;
		e = strchr(best_at, '\n');
		*why = s;
		*why_len = e ? (size_t)(e - s) : strlen(s);
	}
	return best;
}

#ifndef CLASSIFY_NO_MAIN
int main(int argc, char **argv)
{
	const char *file = NULL, *why;
	size_t len = 0, cap = 65536, why_len, i;
	char *text;
	int status = 0, a;
	FILE *f;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--status") && a + 1 < argc) {
			status = atoi(argv[++a]);
		} else if (argv[a][0] == '-' && argv[a][1]) {
			fprintf(stderr, "usage: fault-classify [--status N] [FILE]\n");
			return 2;
		} else {
			file = argv[a];
		}
	}
	f = file ? fopen(file, "r") : stdin;
	if (!f) {
		perror(file);
		return 1;
	}
	text = malloc(cap);
	if (!text)
		return 1;
	for (;;) {
		size_t r;

		if (len + 1 >= cap) {
			char *n = realloc(text, cap * 2);

			if (!n)
				return 1;
			text = n;
			cap *= 2;
		}
		r = fread(text + len, 1, cap - 1 - len, f);
		if (!r)
			break;
		len += r;
	}
	text[len] = '\0';
	/* NULs and carriage returns from the serial console */
	for (i = 0; i < len; i++)
		if (text[i] == '\0' || text[i] == '\r')
			text[i] = ' ';
	printf("%s\t", fault_kernel_names[fault_classify(status, text, &why,
							  &why_len)]);
	for (i = 0; why && i < why_len && i < 200; i++)
		putchar(why[i] == '\t' || why[i] == '"' || why[i] == '\\' ?
			' ' : why[i]);
	putchar('\n');
	return 0;
}
#endif
