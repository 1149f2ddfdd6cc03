/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The split build's fault control file (layout: struct pcnet32_fault_shm in
 * pcnet32/fault.h): opening, mapping, formatting and the lock word. Used by
 * the daemon (fault-user.c) and by the guest tool fault-arm.
 */
#ifndef PCNET32D_FAULT_CTL_H
#define PCNET32D_FAULT_CTL_H

#include "fault.h"

#define PCNET32_FAULT_FILE	"/run/pcnet32d.fault"
/* the environment variable that names another control file (tests) */
#define PCNET32_FAULT_FILE_ENV	"PCNET32D_FAULT_FILE"

/* $PCNET32D_FAULT_FILE, or PCNET32_FAULT_FILE */
const char *pcnet32_fault_ctl_path(void);

/*
 * Map the control file's page read-write, shared. create: make the file
 * (mode 0600) if it is absent, else fail with ENOENT. at: NULL for any
 * address, else a page-aligned page to map over (MAP_FIXED). The file must
 * be a regular file owned by the caller's effective uid. Returns the
 * mapping, or NULL with errno set.
 */
struct pcnet32_fault_shm *pcnet32_fault_ctl_map(const char *path, void *at,
						int create);

/* 1 if the header is this build's (magic, version, size) */
int pcnet32_fault_ctl_valid(const struct pcnet32_fault_shm *s);

/* under the lock: an invalid header is rewritten, disarmed, counters 0 */
void pcnet32_fault_ctl_format(struct pcnet32_fault_shm *s);

/* the lock word: owner is a nonzero id (a pid); no system call */
int pcnet32_fault_ctl_trylock(struct pcnet32_fault_shm *s, uint32_t owner);
void pcnet32_fault_ctl_unlock(struct pcnet32_fault_shm *s);

/*
 * Wait for the lock up to timeout_ms; a holder that no longer exists
 * (killed while it held it) is relieved of it. 0, or -1 with errno
 * EBUSY.
 */
int pcnet32_fault_ctl_lock(struct pcnet32_fault_shm *s, uint32_t owner,
			   unsigned int timeout_ms);

#endif
