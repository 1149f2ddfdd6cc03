/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PCNET32D_DISPATCH_H
#define PCNET32D_DISPATCH_H

#include <stdint.h>

#include "ops.h"

/*
 * Run op in user space: the same slow-path function the in-kernel build
 * calls (pcnet32/slow.c), on the state snapshot the kernel sent. The
 * argument and reply sizes are the op table's; anything else is refused.
 * Returns 0 or a negative errno; *rep_len is the reply's size.
 */
int pcnet32d_dispatch(const struct pcnet32_io *io, const void *state,
		      uint32_t state_len, uint32_t op, const void *arg,
		      uint32_t arg_len, void *rep, uint32_t rep_max,
		      uint32_t *rep_len);

#endif
