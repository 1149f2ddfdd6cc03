// SPDX-License-Identifier: GPL-2.0
/*
 * The fault control file (fault-ctl.h): one page, shared between fault-arm
 * (writes the plan) and the daemon (reads it, bumps the counters), both
 * without a system call once mapped. A tmpfs file in /run: it outlives
 * the daemon, not the boot.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fault-ctl.h"

const char *pcnet32_fault_ctl_path(void)
{
	const char *e = getenv(PCNET32_FAULT_FILE_ENV);

	return e && *e ? e : PCNET32_FAULT_FILE;
}

struct pcnet32_fault_shm *pcnet32_fault_ctl_map(const char *path, void *at,
						int create)
{
	int fd, flags = O_RDWR | O_CLOEXEC | O_NOFOLLOW, err;
	struct stat sb;
	void *m;

	if (create)
		flags |= O_CREAT;
	fd = open(path, flags, 0600);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb)) {
		err = errno;
		goto fail;
	}
	/* somebody else's file would be somebody else's plan */
	if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid()) {
		err = EPERM;
		goto fail;
	}
	if (sb.st_size < PCNET32_FAULT_PAGE && ftruncate(fd, PCNET32_FAULT_PAGE)) {
		err = errno;
		goto fail;
	}
	m = mmap(at, PCNET32_FAULT_PAGE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | (at ? MAP_FIXED : 0), fd, 0);
	if (m == MAP_FAILED) {
		err = errno;
		goto fail;
	}
	close(fd);
	return m;
fail:
	close(fd);
	errno = err;
	return NULL;
}

int pcnet32_fault_ctl_valid(const struct pcnet32_fault_shm *s)
{
	return s->magic == PCNET32_FAULT_MAGIC &&
	       s->version == PCNET32_FAULT_VERSION &&
	       s->size == sizeof(*s);
}

void pcnet32_fault_ctl_format(struct pcnet32_fault_shm *s)
{
	if (pcnet32_fault_ctl_valid(s))
		return;
	__atomic_store_n(&s->armed, 0, __ATOMIC_RELEASE);
	pcnet32_fault_plan_init(&s->plan);
	memset(&s->count, 0, sizeof(s->count));
	s->version = PCNET32_FAULT_VERSION;
	s->size = sizeof(*s);
	s->pad = 0;
	__atomic_store_n(&s->magic, PCNET32_FAULT_MAGIC, __ATOMIC_RELEASE);
}

int pcnet32_fault_ctl_trylock(struct pcnet32_fault_shm *s, uint32_t owner)
{
	uint32_t free_ = 0;

	return __atomic_compare_exchange_n(&s->lock, &free_, owner, 0,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void pcnet32_fault_ctl_unlock(struct pcnet32_fault_shm *s)
{
	__atomic_store_n(&s->lock, 0, __ATOMIC_RELEASE);
}

int pcnet32_fault_ctl_lock(struct pcnet32_fault_shm *s, uint32_t owner,
			   unsigned int timeout_ms)
{
	struct timespec ms = { 0, 1000000L };
	unsigned int i;
	uint32_t holder;

	for (i = 0; i <= timeout_ms; i++) {
		if (pcnet32_fault_ctl_trylock(s, owner))
			return 0;
		holder = __atomic_load_n(&s->lock, __ATOMIC_RELAXED);
		/* a holder that died holding it: take it over */
		if (holder && kill((pid_t)holder, 0) && errno == ESRCH &&
		    __atomic_compare_exchange_n(&s->lock, &holder, owner, 0,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return 0;
		nanosleep(&ms, NULL);
	}
	errno = EBUSY;
	return -1;
}
