/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PCNET32D_SANDBOX_H
#define PCNET32D_SANDBOX_H

#include <stddef.h>
#include <stdint.h>

/*
 * The daemon's sandbox (driver-split/daemon/sandbox.c). Entered once, as
 * root, after the node is open and port access is granted (ioperm), and
 * after anything else that needs a system call beyond the serving loop's
 * (the fault-injection set-up mmaps its control file before this).
 */
struct pcnet32d_sandbox {
	int node_fd;		/* the upcall node: its protocol's ioctls only */
	int paper;		/* 1: REQUEST, COPY, REPLY; 0: FETCH only */
	int log_fd;		/* write/writev allowed */
	int ready_fd;		/* write/writev allowed; -1: none */
	int seccomp_log;	/* debugging: log violations, do not kill */
};

/* the search range of the daemon's own uid/gid, from the top down */
#define PCNET32D_ID_TOP		2147483646u	/* 2^31 - 2 */
#define PCNET32D_ID_SPAN	65536u

/*
 * Pick an id that is free both as a uid and as a gid: named in neither
 * /etc/passwd nor /etc/group, and no process in /proc has it as any of its
 * real, effective, saved or file-system uid or gid. The highest free id of
 * [PCNET32D_ID_TOP - PCNET32D_ID_SPAN + 1, PCNET32D_ID_TOP]. Returns 0, or
 * -1 with the reason in why.
 */
int pcnet32d_sandbox_pick_id(uint32_t *id, char *why, size_t why_len);

/*
 * Become that id with no supplementary groups, no capabilities in any set
 * (bounding and ambient included), no new privileges, never dumpable (and
 * no core dumps), with every other file descriptor closed; check all of it
 * in /proc/self/status; then install the seccomp filter (default: kill the
 * process). Returns 0, or -1 with the reason in why (the process may then
 * be half-dropped: exit).
 */
int pcnet32d_sandbox_enter(const struct pcnet32d_sandbox *sb, uint32_t id,
			   char *why, size_t why_len);

#endif
