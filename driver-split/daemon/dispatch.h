/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PCNET32D_DISPATCH_H
#define PCNET32D_DISPATCH_H

#include <stdint.h>
#include <stdio.h>

#include "ops.h"

/*
 * Run op in user space: the same slow-path function the in-kernel build
 * calls (pcnet32/slow.c), on the state snapshot the kernel sent. The
 * argument and reply sizes are the op table's; anything else is refused.
 * chan (struct pcnet32d_chan, regs.h; NULL: the op may not reach the
 * NIC) is where its register programs go. Returns 0 or a negative errno;
 * *rep_len is the reply's size.
 */
int pcnet32d_dispatch(const struct pcnet32_io *io, void *chan,
		      const void *state, uint32_t state_len, uint32_t op,
		      const void *arg, uint32_t arg_len, void *rep,
		      uint32_t rep_max, uint32_t *rep_len);

/* The op table's row of op (NULL: no such op): name, flags, side. */
const struct pcnet32_op_desc *pcnet32d_op(uint32_t op);

/* The ops this daemon serves, as HELLO's bitmap: the table's USER ops. */
uint64_t pcnet32d_served_ops(void);

/*
 * The FACT ops' answers for the NIC of state (HELLO's snapshot), computed
 * by the slow-path functions themselves (get_regs_len, and get_sset_count
 * for every string set the ethtool core may ask), as FACTS publishes them.
 * Returns 0 or a negative errno.
 */
int pcnet32d_facts(const struct pcnet32_io *io, const void *state,
		   uint32_t state_len, struct pcnet32u_facts *f);

/*
 * Print the op table as CSV (id,name,fn,side,flags), one row per op, from
 * the X-macro table: the op list for the benchmark, analysis and tests.
 */
void pcnet32d_list_ops(FILE *out);

#endif
