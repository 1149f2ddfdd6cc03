/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The upcall ABI between the split pcnet32 kernel module and its user-space
 * daemon pcnet32d. Shared by both sides; fixed-width types only, explicit
 * padding, every structure starts with its size and the ABI version, and
 * every reserved field must be zero.
 *
 * Protocol (the paper's, with ids and deadlines added):
 *   open("/dev/pcnet32-upcallN")   one daemon at a time, root only
 *   PCNET32U_IOC_REQUEST           block until a request is queued, take it
 *   PCNET32U_IOC_COPY              fetch the device info and the state
 *                                  snapshot the slow-path functions need
 *   (run the op)
 *   PCNET32U_IOC_REPLY             hand back the result, matched by id
 */
#ifndef PCNET32_UPCALL_H
#define PCNET32_UPCALL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define PCNET32U_VERSION	1
#define PCNET32U_DEVNAME	"pcnet32-upcall"	/* + device index */
#define PCNET32U_MAX_ARG	256
#define PCNET32U_MAX_REPLY	4096
#define PCNET32U_MAX_STATE	512

/* PCNET32U_IOC_COPY: device facts and the current state snapshot. */
struct pcnet32u_copy {
	__u32 size;		/* in: sizeof(struct pcnet32u_copy) */
	__u32 version;		/* in: PCNET32U_VERSION */
	__u64 id;		/* in: the request being served (0: none) */
	__u32 io_base;		/* out: the NIC's I/O port range */
	__u32 io_len;
	__u32 irq;
	__u32 state_len;	/* out: bytes used in state[] */
	char ifname[16];	/* out: NUL-terminated */
	__u32 reserved[4];	/* must be zero */
	__u8 state[PCNET32U_MAX_STATE];
};

/* PCNET32U_IOC_REQUEST: the next request, in FIFO order. */
struct pcnet32u_request {
	__u32 size;		/* in: sizeof(struct pcnet32u_request) */
	__u32 version;		/* in: PCNET32U_VERSION */
	__u64 id;		/* out: unique, never 0 */
	__u32 op;		/* out: op id from the op table */
	__u32 arg_len;		/* out: bytes used in arg[] */
	__u32 reserved[4];	/* must be zero */
	__u8 arg[PCNET32U_MAX_ARG];
};

/* PCNET32U_IOC_REPLY: the result of request id. */
struct pcnet32u_reply {
	__u32 size;		/* in: sizeof(struct pcnet32u_reply) */
	__u32 version;		/* in: PCNET32U_VERSION */
	__u64 id;		/* in: the request's id */
	__u32 op;		/* in: the request's op (checked) */
	__s32 status;		/* in: 0 or a negative errno (-4095..-1) */
	__u32 rep_len;		/* in: bytes used in rep[]; checked per op */
	__u32 pad;		/* must be zero */
	__u64 copy_ns;		/* in: the daemon's COPY time (statistics) */
	__u64 proc_ns;		/* in: the daemon's PROCESSING time */
	__u32 reserved[4];	/* must be zero */
	__u8 rep[PCNET32U_MAX_REPLY];
};

#define PCNET32U_IOC_MAGIC	0xb7
#define PCNET32U_IOC_REQUEST	_IOWR(PCNET32U_IOC_MAGIC, 1, struct pcnet32u_request)
#define PCNET32U_IOC_COPY	_IOWR(PCNET32U_IOC_MAGIC, 2, struct pcnet32u_copy)
#define PCNET32U_IOC_REPLY	_IOW(PCNET32U_IOC_MAGIC, 3, struct pcnet32u_reply)

#endif
