/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PCNET32D_REGS_H
#define PCNET32D_REGS_H

#include <stdint.h>

#include "ops.h"

/*
 * How the daemon's register programs reach the NIC (pcnet32/regprog.h):
 * mediated (the default), one PCNET32U_IOC_REGS on the node per program,
 * for the request held; direct (--ports direct, the paper's design), run
 * on the daemon's own ports (ioperm), no firewall. An op's ctx->priv
 * points here.
 */
struct pcnet32d_chan {
	int fd;			/* the upcall node */
	int direct;		/* 1: our own ports */
	uint64_t id;		/* the request held (0: none) */
};

#endif
