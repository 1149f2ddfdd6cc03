// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel dispatch of the slow-path ops: a direct call, holding no lock
 * (dispatch-common.c); each register program the op runs takes the
 * register lock for itself (regaccess.c). The split build replaces this
 * file with the upcall to the daemon; nothing else changes.
 */
#include "pcnet32.h"
#include "fault.h"

int pcnet32_call_op(struct pcnet32_private *lp, u32 op, const void *arg,
		    u32 arg_len, void *rep, u32 rep_len)
{
	const struct pcnet32_op_desc *d;
	int err;

	d = pcnet32_op_find(op, arg_len, rep_len, &err);
	if (!d)
		return err;
	/* rep comes zeroed from the glue (ethtool.c): the op fills it in */
	return pcnet32_op_run_here(lp, d, arg, rep);
}

/* the fault points' knobs: only this build runs the USER ops here */
int pcnet32_dispatch_init(struct pcnet32_private *lp)
{
	pcnet32_fault_init();
	return 0;
}

void pcnet32_dispatch_exit(struct pcnet32_private *lp)
{
	pcnet32_fault_exit();
}
