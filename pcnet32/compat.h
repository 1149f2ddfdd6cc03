/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few differences between kernel and user-space compilation of the
 * shared sources (hw.h, port.h, ops.h, slow.c). Everything else is written
 * once and compiled unchanged on both sides.
 */
#ifndef PCNET32_COMPAT_H
#define PCNET32_COMPAT_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/delay.h>
#include <linux/kernel.h>

static inline void pcnet32_udelay(unsigned int us)
{
	udelay(us);
}

#else /* user space (C11) */

#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <linux/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static inline void pcnet32_udelay(unsigned int us)
{
	struct timespec ts = { 0, (long)us * 1000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static inline size_t pcnet32_strscpy(char *dst, const char *src, size_t n)
{
	size_t len = strnlen(src, n - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
	return len;
}

#define strscpy(d, s, n) pcnet32_strscpy(d, s, n)

#endif /* __KERNEL__ */

#endif /* PCNET32_COMPAT_H */
