// SPDX-License-Identifier: GPL-2.0
/*
 * fault-arm's command line: OP KIND [--at entry|mid] [--interval N]
 * [--probability PCT] [--times K] [--seed S] [--ms MS] [--mutant N], or
 * one of --off, --show, --seen, --list-ops, --list-kinds. --mutant goes
 * with the kind mutant only, and that kind needs it (0: trace). Numbers are whole and in range, or
 * refused (no silent clamping, no trailing garbage).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arm-args.h"

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return 2;
}

/* a whole number in [lo, hi]: decimal, or 0x hexadecimal */
static int num(const char *s, long long lo, unsigned long long hi,
	       unsigned long long *out)
{
	unsigned long long u;
	long long v;
	char *end;

	if (!*s || *s == ' ' || *s == '+')
		return -1;
	errno = 0;
	if (*s == '-') {
		v = strtoll(s, &end, 0);
		if (errno || *end || v < lo)
			return -1;
		*out = (unsigned long long)v;
		return 0;
	}
	u = strtoull(s, &end, 0);
	if (errno || *end || u > hi || (lo > 0 && u < (unsigned long long)lo))
		return -1;
	*out = u;
	return 0;
}

static const struct {
	const char *name;
	long long lo;
	unsigned long long hi;
} fault_arm_opts[] = {
	{ "--interval", 1, INT32_MAX },
	{ "--probability", 0, PCNET32_FAULT_PROB_MAX },
	{ "--times", -1, INT32_MAX },
	{ "--seed", 0, UINT64_MAX },
	{ "--ms", 0, PCNET32_FAULT_MS_MAX },
	{ "--mutant", 0, PCNET32_MUT_MAX - 1 },
	{ "--at", 0, 0 },
};

int fault_arm_parse(int argc, char *const argv[], struct fault_arm_args *a,
		    char *err, size_t errlen)
{
	const char *pos[2];
	int npos = 0, i, n;
	size_t o, len;

	memset(a, 0, sizeof(*a));
	pcnet32_fault_plan_init(&a->plan);
	a->cmd = FAULT_ARM_ARM;
	if (argc == 2) {
		static const struct {
			const char *flag;
			enum fault_arm_cmd cmd;
		} single[] = {
			{ "--off", FAULT_ARM_OFF },
			{ "--show", FAULT_ARM_SHOW },
			{ "--seen", FAULT_ARM_SEEN },
			{ "--list-ops", FAULT_ARM_LIST_OPS },
			{ "--list-kinds", FAULT_ARM_LIST_KINDS },
			{ "--help", FAULT_ARM_HELP },
			{ "-h", FAULT_ARM_HELP },
		};

		for (o = 0; o < sizeof(single) / sizeof(single[0]); o++) {
			if (!strcmp(argv[1], single[o].flag)) {
				a->cmd = single[o].cmd;
				return 0;
			}
		}
	}
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;
		unsigned long long u;

		if (strncmp(arg, "--", 2)) {
			if (npos == 2)
				return fail(err, errlen, "unexpected argument '%s'", arg);
			pos[npos++] = arg;
			continue;
		}
		for (o = 0; o < sizeof(fault_arm_opts) / sizeof(fault_arm_opts[0]); o++) {
			len = strlen(fault_arm_opts[o].name);
			if (!strncmp(arg, fault_arm_opts[o].name, len) &&
			    (arg[len] == '\0' || arg[len] == '='))
				break;
		}
		if (o == sizeof(fault_arm_opts) / sizeof(fault_arm_opts[0]))
			return fail(err, errlen, "unknown option '%s'%s", arg,
				    !strcmp(arg, "--off") || !strcmp(arg, "--show") ||
				    !strcmp(arg, "--seen") ||
				    !strncmp(arg, "--list-", 7) ? " (it stands alone)" : "");
		len = strlen(fault_arm_opts[o].name);
		if (arg[len] == '=')
			val = arg + len + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return fail(err, errlen, "%s needs a value", arg);
		if (!strcmp(fault_arm_opts[o].name, "--at")) {
			n = pcnet32_fault_at_find(val);
			if (n < 0)
				return fail(err, errlen, "--at: '%s' is not entry or mid", val);
			a->plan.at = (u32)n;
			continue;
		}
		if (num(val, fault_arm_opts[o].lo, fault_arm_opts[o].hi, &u))
			return fail(err, errlen, "%s: '%s' is not a whole number in [%lld, %llu]",
				    fault_arm_opts[o].name, val, fault_arm_opts[o].lo,
				    fault_arm_opts[o].hi);
		switch (o) {	/* fault_arm_opts[] order */
		case 0:
			a->plan.interval = (u32)u;
			break;
		case 1:
			a->plan.probability = (u32)u;
			break;
		case 2:
			a->plan.times = (s32)(long long)u;
			break;
		case 3:
			a->plan.seed = u;
			break;
		case 4:
			a->plan.ms = (u32)u;
			a->ms_given = 1;
			break;
		case 5:
			a->plan.mutant = (u32)u;
			a->mutant_given = 1;
			break;
		}
	}
	if (npos < 2)
		return fail(err, errlen, npos ? "no KIND given" : "no OP and KIND given");
	n = pcnet32_fault_op_find(pos[0]);
	if (n < 0)
		return fail(err, errlen, "unknown op '%s' (fault-arm --list-ops)", pos[0]);
	a->plan.op = (u32)n;
	n = pcnet32_fault_kind_find(pos[1]);
	if (n <= 0)
		return fail(err, errlen, "unknown kind '%s' (fault-arm --list-kinds)", pos[1]);
	a->plan.kind = (u32)n;
	if (a->mutant_given != (n == PCNET32_FAULT_MUTANT))
		return fail(err, errlen, a->mutant_given ?
			    "--mutant goes with the kind mutant only" :
			    "the kind mutant needs --mutant N (0: trace the sites reached)");
	if (pcnet32_fault_plan_check(&a->plan))
		return fail(err, errlen, "the plan does not check out");
	return 0;
}
