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
 *
 * Only the thread group that opened the node may issue these ioctls (any
 * other process, a child that inherited the descriptor or one it was sent
 * to, gets EPERM). Once the NIC is gone (PCI unbind, remove) every ioctl
 * fails with ENODEV: the daemon should exit; a NIC bound again gets the
 * lowest free node index.
 *
 * A reply's status is 0 or one of PCNET32U_STATUS_ALLOWED below, negated:
 * the errors an op may report to its caller. Any other status (a
 * kernel-internal code such as -ERESTARTSYS or -ENOIOCTLCMD, or one of the
 * channel's own errors ETIMEDOUT, ECONNRESET, ENOTCONN, EHOSTDOWN, EINTR,
 * which only the kernel reports) reaches the caller as EIO and is counted
 * ("mapped"). A non-zero status carries no payload: rep_len must be 0.
 */
#ifndef PCNET32_UPCALL_H
#define PCNET32_UPCALL_H

#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * 2: ioctl magic 0xbc (0xb7 is nsfs's and remoteproc's), COPY checks id,
 * status limited to PCNET32U_STATUS_ALLOWED, no payload with a status.
 */
#define PCNET32U_VERSION	2
#define PCNET32U_DEVNAME	"pcnet32-upcall"	/* + device index */
#define PCNET32U_MAX_ARG	256
#define PCNET32U_MAX_REPLY	4096
#define PCNET32U_MAX_STATE	512

/*
 * The errnos (positive, the generic Linux values) a daemon may answer
 * with, as an array initializer; 0 ends the list.
 */
#define PCNET32U_STATUS_ALLOWED {					\
	1 /* EPERM */, 5 /* EIO */, 11 /* EAGAIN */, 16 /* EBUSY */,	\
	19 /* ENODEV */, 22 /* EINVAL */, 34 /* ERANGE */,		\
	71 /* EPROTO */, 95 /* EOPNOTSUPP */, 0 }

/* PCNET32U_IOC_COPY: device facts and the current state snapshot. */
struct pcnet32u_copy {
	__u32 size;		/* in: sizeof(struct pcnet32u_copy) */
	__u32 version;		/* in: PCNET32U_VERSION */
	__u64 id;		/* in: 0, or the id of a request the daemon
				 * holds (taken, not answered): else EINVAL
				 */
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
	__s32 status;		/* in: 0 or -PCNET32U_STATUS_ALLOWED[i] */
	__u32 rep_len;		/* in: bytes used in rep[]; checked per op;
				 * 0 with a non-zero status
				 */
	__u32 pad;		/* must be zero */
	__u64 copy_ns;		/* in: the daemon's COPY time (statistics) */
	__u64 proc_ns;		/* in: the daemon's PROCESSING time */
	__u32 reserved[4];	/* must be zero */
	__u8 rep[PCNET32U_MAX_REPLY];
};

/*
 * Free in linux-source-6.1's Documentation/userspace-api/ioctl/
 * ioctl-number.rst (0xb7 is taken twice there: nsfs and remoteproc). The
 * structures have one layout on 32- and 64-bit (fixed-width fields, every
 * __u64 8-aligned, sizes multiples of 8): compat_ptr_ioctl serves 32-bit
 * callers.
 */
#define PCNET32U_IOC_MAGIC	0xbc
#define PCNET32U_IOC_REQUEST	_IOWR(PCNET32U_IOC_MAGIC, 1, struct pcnet32u_request)
#define PCNET32U_IOC_COPY	_IOWR(PCNET32U_IOC_MAGIC, 2, struct pcnet32u_copy)
#define PCNET32U_IOC_REPLY	_IOW(PCNET32U_IOC_MAGIC, 3, struct pcnet32u_reply)

#endif
