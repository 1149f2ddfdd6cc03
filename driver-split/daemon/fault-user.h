/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PCNET32D_FAULT_USER_H
#define PCNET32D_FAULT_USER_H

#include <stdint.h>

/*
 * Map the fault control file (fault-ctl.h) over the fault points' page.
 * Before the privilege drop: it opens (and may create) a root-owned file.
 * log_fd: where a firing is logged (-1: nowhere). 0, or -1 with errno:
 * the daemon then serves with its fault points disarmed.
 */
int pcnet32d_fault_setup(int log_fd);

/* the reply length to send: rep_len, unless a badlen fault fired */
uint32_t pcnet32d_fault_reply_len(uint32_t rep_len);

/*
 * The fault point after op ran, before its reply (the serving loop): the
 * kind of a leave fault that fires now (PCNET32_FAULT_LEAVE_*), for the
 * caller to do; else PCNET32_FAULT_NONE. Other kinds never fire here.
 */
uint32_t pcnet32d_fault_after(uint32_t op);

#endif
