/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PCNET32_SPLIT_CHECK_H
#define PCNET32_SPLIT_CHECK_H

#include "ops.h"

/*
 * Check the daemon's reply to op (rep_len bytes at rep) against the
 * request's argument and the kernel's facts in st (has_mii). 0 when the
 * reply may be used, -EINVAL otherwise.
 */
int pcnet32_check_reply(u32 op, const struct pcnet32_state *st,
			const void *arg, u32 arg_len, const void *rep, u32 rep_len);

/* The ops a daemon may declare at HELLO: the table's USER ops (bit = id). */
u64 pcnet32_user_ops(void);

/*
 * Check the daemon's facts against the kernel's bounds for the NIC of st:
 * 0, or -ERANGE.
 */
int pcnet32_check_facts(const struct pcnet32_state *st,
			const struct pcnet32u_facts *f);

#endif
