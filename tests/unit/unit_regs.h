/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unit tests' register-program runner (tests/unit/driver_unit.c): what it
 * did, and whether it runs programs as a daemon with direct ports (no
 * firewall) instead of as the kernel.
 */
#ifndef PCNET32_TESTS_UNIT_REGS_H
#define PCNET32_TESTS_UNIT_REGS_H

struct du_submit {
	int direct;		/* 1: no firewall (--ports direct) */
	unsigned long programs;	/* run */
	unsigned long refused;	/* by the firewall */
	unsigned long accesses;
};

extern struct du_submit du_submit;

#endif
