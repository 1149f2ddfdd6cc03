/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fault-arm's command line (faultinject/arm/arm.c), apart so that the host
 * unit tests (tests/unit/fault_points_unit.c) run the very parser the tool uses.
 */
#ifndef FAULTINJECT_ARM_ARGS_H
#define FAULTINJECT_ARM_ARGS_H

#include <stddef.h>

#include "fault.h"

enum fault_arm_cmd {
	FAULT_ARM_ARM,		/* OP KIND [options] */
	FAULT_ARM_OFF,		/* --off */
	FAULT_ARM_SHOW,		/* --show */
	FAULT_ARM_SEEN,		/* --seen: the mutant sites a trace reached */
	FAULT_ARM_LIST_OPS,	/* --list-ops */
	FAULT_ARM_LIST_KINDS,	/* --list-kinds */
	FAULT_ARM_HELP,		/* -h, --help */
};

struct fault_arm_args {
	enum fault_arm_cmd cmd;
	struct pcnet32_fault_plan plan;	/* FAULT_ARM_ARM */
	int ms_given;			/* --ms was given (else the default) */
	int mutant_given;		/* --mutant was given */
};

/*
 * Parse argv (argv[0] is the program). 0 on success; 2 (the tool's usage
 * status) on a bad command line, with one line saying what in err.
 */
int fault_arm_parse(int argc, char *const argv[], struct fault_arm_args *a,
		    char *err, size_t errlen);

#endif
