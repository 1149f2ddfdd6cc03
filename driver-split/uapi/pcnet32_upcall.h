/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The upcall ABI between the split pcnet32 kernel module and its user-space
 * daemon pcnet32d: the whole protocol, readable on its own. Fixed-width
 * types only, explicit padding, no pointers; every command structure starts
 * with its size and the ABI version, and every reserved field must be zero.
 * The structures have one layout on 32- and 64-bit (every __u64 8-aligned,
 * sizes multiples of 8): 32-bit daemons are served through compat_ioctl.
 *
 * Nodes: /dev/pcnet32-upcallN, one per NIC (the lowest free N), root only,
 * one daemon at a time (a second open gets EBUSY). Only the thread group
 * that opened the node may issue commands (any other gets EPERM). Once the
 * NIC is gone every command fails with ENODEV: the daemon should exit.
 *
 * Life of a daemon:
 *
 *   open()
 *   PCNET32U_IOC_HELLO     first, exactly once: the daemon's ABI version and
 *                          the ops it serves; the kernel answers the NIC's
 *                          facts (ports, irq, name, chip) and its state
 *   PCNET32U_IOC_FACTS     optional, once, after HELLO (the facts depend
 *                          on the state HELLO returns): the answers of the
 *                          FACT ops (register-dump length, string-set
 *                          counts), computed by the daemon from HELLO's
 *                          state with the slow-path code itself; checked
 *                          against the kernel's bounds, then the kernel
 *                          answers those ops itself, without an upcall,
 *                          until this daemon's file is released
 *   then serve requests with either protocol (the daemon may mix them):
 *
 *   "fetch" (one system call per upcall, the default):
 *     PCNET32U_IOC_FETCH   commit the reply to the request held (id 0:
 *                          none), then block for the next request; it
 *                          comes with its argument and the state snapshot
 *
 *   "paper" (three system calls per upcall, as in the paper; kept for the
 *   ablation: same checks, and no allocation per command either, so the
 *   two differ in the number of system calls only):
 *     PCNET32U_IOC_REQUEST block for the next request, take it
 *     PCNET32U_IOC_COPY    the state snapshot (and the NIC's ports)
 *     PCNET32U_IOC_REPLY   the result, matched by id
 *
 *   while it holds a request of an op on the NIC, with either protocol:
 *     PCNET32U_IOC_REGS    a register program the kernel checks and runs
 *
 * Requests are handed out in FIFO order; each has a unique id (never 0)
 * and a deadline (module parameter upcall_timeout_ms). A reply for an id
 * the daemon does not hold (its caller gave up, or it never existed) is
 * refused with ENOENT; a malformed one with EINVAL (the structure, or
 * the op's checks: then the request fails too, its caller gets EIO). A
 * daemon that takes no request for a whole deadline is declared
 * unresponsive and killed; one that holds a request past its deadline is
 * killed (with direct ports, before the kernel takes them back). When the daemon's
 * file is released, its pending requests fail (ECONNRESET), except those
 * of ops without side effects (PCNET32_OPF_REPLAY in pcnet32/ops.h), which
 * wait once for the next daemon.
 *
 * The NIC: the daemon has no access to its ports (mediated, the default).
 * While it holds a request of an op that touches the NIC, it sends the
 * op's register accesses as short programs, PCNET32U_IOC_REGS: the kernel
 * checks each program against its register firewall (the op's access
 * table: which registers the op may read, which bits of which registers
 * it may write) and runs it under the driver's register lock, as the
 * in-kernel build runs the same op. The fast path never stops for it.
 * A daemon that says PCNET32U_HELLO_PORTS_DIRECT at HELLO takes the
 * NIC's ports itself (ioperm), as in the paper: the kernel then holds its
 * fast path off around every such op and checks the chip after it. Kept
 * for the ablation only (module parameter allow_direct_ports).
 *
 * poll(): POLLIN when a request is queued (REQUEST or FETCH with id 0
 * would not block); POLLHUP once the NIC is gone.
 *
 * Errors of the commands themselves (besides EFAULT, EPERM, ENODEV):
 *   EPROTONOSUPPORT  HELLO: version is not PCNET32U_VERSION (the kernel
 *                    logs it, ratelimited, and counts it)
 *   EINVAL           a size, a reserved field, flags, an unknown op bit;
 *                    a reply the op's checks refuse (its caller gets EIO)
 *   EPROTO           any command but HELLO before HELLO
 *   EALREADY         HELLO or FACTS a second time
 *   ERANGE           FACTS out of the kernel's bounds (nothing published)
 *   ENOENT           a reply (REPLY, FETCH's commit) or a register program
 *                    (REGS) for an id not held
 *   EPERM            REGS: an access the op's firewall does not allow
 *                    (nothing of the program ran); HELLO: direct ports
 *                    while the module does not allow them
 *   E2BIG            REGS: more accesses, values or polling than a program
 *                    may hold
 *   EINTR            a signal while waiting for a request
 *
 * A reply's status is 0 or one of PCNET32U_STATUS_ALLOWED below, negated:
 * the errors an op may report to its caller. Any other status (a
 * kernel-internal code such as -ERESTARTSYS or -ENOIOCTLCMD, or one of the
 * channel's own errors ETIMEDOUT, ECONNRESET, ENOTCONN, EHOSTDOWN, EINTR,
 * which only the kernel reports) reaches the caller as EIO and is counted
 * ("mapped"). A non-zero status carries no payload: rep_len must be 0.
 * An op the daemon did not declare at HELLO fails at once with EOPNOTSUPP,
 * without an upcall.
 *
 * Wake-ups: a caller that queues a request wakes the daemon with a sync
 * wake-up (it sleeps at once), and a commit wakes its caller likewise (the
 * daemon goes back to waiting), as a pipe's writer does.
 *
 * Version: PCNET32U_VERSION, in every command's prologue. The kernel
 * speaks exactly its own version: a daemon of any other is refused at
 * HELLO (EPROTONOSUPPORT), so no structure here keeps a field for another
 * version. This header is self-contained: the op ids, the state snapshot
 * and every argument and reply structure are defined here, and
 * pcnet32/ops.h includes it. The ioctl magic is 0xbc (0xb7 is nsfs's and
 * remoteproc's). The kernel copies only the bytes in use (the header,
 * then arg_len, state_len or rep_len bytes).
 */
#ifndef PCNET32_UPCALL_H
#define PCNET32_UPCALL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define PCNET32U_VERSION	4
#define PCNET32U_DEVNAME	"pcnet32-upcall"	/* + device index */
#define PCNET32U_MAX_ARG	256	/* bytes of any op's argument */
#define PCNET32U_MAX_REPLY	4096	/* bytes of any op's reply */
#define PCNET32U_MAX_STATE	512	/* bytes of the state snapshot */

/*
 * The errnos (positive, the generic Linux values) a daemon may answer
 * with, as an array initializer; 0 ends the list.
 */
#define PCNET32U_STATUS_ALLOWED {					\
	1 /* EPERM */, 5 /* EIO */, 11 /* EAGAIN */, 16 /* EBUSY */,	\
	19 /* ENODEV */, 22 /* EINVAL */, 34 /* ERANGE */,		\
	71 /* EPROTO */, 95 /* EOPNOTSUPP */, 0 }
#define PCNET32U_EOPNOTSUPP	95

/* ---- the ops ---------------------------------------------------------- */

/*
 * Op ids: stable, never renumbered, only appended; below 64 (the HELLO
 * bitmap). pcnet32/ops.h's table gives each its function, argument and
 * reply structure (named beside each id here), where it runs (SELF_TEST
 * runs in the kernel; every other op is the daemon's) and its flags.
 */
enum pcnet32_op_id {
	PCNET32_OP_GET_DRVINFO = 1,	/* none -> pcnet32_drvinfo_rep */
	PCNET32_OP_GET_REGS_LEN = 2,	/* none -> u32 (FACT) */
	PCNET32_OP_GET_REGS = 3,	/* none -> pcnet32_regs_rep */
	PCNET32_OP_GET_MSGLEVEL = 4,	/* none -> u32 */
	PCNET32_OP_SET_MSGLEVEL = 5,	/* u32 -> u32 */
	PCNET32_OP_NWAY_RESET = 6,	/* none -> none */
	PCNET32_OP_GET_LINK = 7,	/* none -> u32 */
	PCNET32_OP_GET_RINGPARAM = 8,	/* none -> pcnet32_ring */
	PCNET32_OP_SET_RINGPARAM = 9,	/* pcnet32_ring -> pcnet32_ring */
	PCNET32_OP_GET_STRINGS = 10,	/* sset_arg -> strings_rep */
	PCNET32_OP_GET_SSET_COUNT = 11,	/* sset_arg -> u32 (FACT) */
	PCNET32_OP_SELF_TEST = 12,	/* test_arg -> test_rep (kernel) */
	PCNET32_OP_SET_PHYS_ID = 13,	/* phys_id_arg -> phys_id_rep */
	PCNET32_OP_GET_LINK_KSETTINGS = 14,	/* none -> pcnet32_link */
	PCNET32_OP_SET_LINK_KSETTINGS = 15,	/* link -> link_set_rep */
	PCNET32_OP_MDIO_READ = 16,	/* mdio_arg -> u32 */
	PCNET32_OP_MDIO_WRITE = 17,	/* mdio_arg -> none */
	PCNET32_OP_MAX
};

/* limits of the structures below (pcnet32/ops.h checks them against hw.h) */
#define PCNET32_STR_LEN		32	/* = ETH_GSTRING_LEN */
#define PCNET32_MAX_STRINGS	1	/* strings of any string set */
#define PCNET32_SS_TEST		0	/* = ETH_SS_TEST */
#define PCNET32_TEST_LEN	1	/* results of the self-test */
#define PCNET32U_LED_NUM	4	/* LED registers BCR4..BCR7 */
#define PCNET32U_DUMP_WORDS	136	/* 8 APROM, CSR0..89, CSR112/114, BCR0..35 */
#define PCNET32U_DUMP_PHY_WORDS	32	/* the PHY's registers, MII chips only */
#define PCNET32U_DUMP_MAX_WORDS	(PCNET32U_DUMP_WORDS + PCNET32U_DUMP_PHY_WORDS)
/* bytes of the register dump: get_regs_len's only valid answer */
#define PCNET32_DUMP_LEN(has_mii)					\
	((PCNET32U_DUMP_WORDS + ((has_mii) ? PCNET32U_DUMP_PHY_WORDS : 0)) * 2)
#define PCNET32_DRV_NAME	"pcnet32"

/*
 * Snapshot of the driver state the slow path needs (an op function's
 * read-only input). The kernel owns it; HELLO, COPY and FETCH copy it out.
 */
struct pcnet32_state {
	__u32 size;			/* sizeof(struct pcnet32_state) */
	__u32 io_base;			/* first port of the I/O BAR */
	__u32 chip_id;			/* CSR89:CSR88 */
	__u32 msg_enable;		/* netif_msg bits */
	char chip_name[PCNET32_STR_LEN];
	char bus_info[PCNET32_STR_LEN];	/* PCI address */
	char drv_version[PCNET32_STR_LEN];
	__u32 rx_ring_size;		/* entries */
	__u32 tx_ring_size;
	__u32 has_mii;			/* chip has an MII management interface */
	__u32 phy_addr;			/* PHY address on the MII */
	__u32 running;			/* interface up, chip started */
	__u32 autoneg;			/* link settings, chips without MII */
	__u32 port_tp;			/* 1: twisted pair, 0: AUI */
	__u32 fdx;			/* full duplex */
	__u16 led_save[PCNET32U_LED_NUM];	/* BCR4..7 before identifying */
	__u32 reserved[4];		/* zero */
};

/* Arguments and replies. Set ops return the new state fields they set. */
struct pcnet32_none {
	__u32 reserved;			/* zero */
};

struct pcnet32_u32 {
	__u32 value;
};

struct pcnet32_drvinfo_rep {		/* NUL-terminated strings */
	char driver[PCNET32_STR_LEN];
	char version[PCNET32_STR_LEN];
	char bus_info[PCNET32_STR_LEN];
};

struct pcnet32_regs_rep {
	__u32 len;			/* bytes of regs[] used: PCNET32_DUMP_LEN */
	__u16 regs[PCNET32U_DUMP_MAX_WORDS];
};

struct pcnet32_ring {			/* entries, powers of two */
	__u32 rx_max;
	__u32 tx_max;
	__u32 rx;
	__u32 tx;
	__u32 rx_mini;			/* zero */
	__u32 rx_jumbo;			/* zero */
};

struct pcnet32_sset_arg {
	__u32 sset;			/* ETH_SS_* */
};

struct pcnet32_strings_rep {
	__u32 count;
	char strings[PCNET32_MAX_STRINGS][PCNET32_STR_LEN];
};

struct pcnet32_test_arg {
	__u32 flags;			/* ETH_TEST_FL_* in */
};

struct pcnet32_test_rep {
	__u32 flags;			/* ETH_TEST_FL_* out */
	__u32 pad;
	__u64 data[PCNET32_TEST_LEN];
};

/* phys-id LED state, as the kernel's ethtool phys_id machinery asks it */
#define PCNET32_ID_INACTIVE	0
#define PCNET32_ID_ACTIVE	1
#define PCNET32_ID_ON		2
#define PCNET32_ID_OFF		3

struct pcnet32_phys_id_arg {
	__u32 state;			/* PCNET32_ID_* */
};

/*
 * The LED registers' values before identifying are the kernel's own copy
 * (struct pcnet32_state's led_save, read by the kernel at ACTIVE and
 * written back by it at INACTIVE): the reply carries none.
 */
struct pcnet32_phys_id_rep {
	__s32 cycles;			/* ACTIVE: on/off cycles per second, 0..10 */
	__u32 reserved[3];		/* zero */
};

/* link settings in the legacy (u32 SUPPORTED_* / ADVERTISED_*) form */
#define PCNET32_PORT_TP		0x00	/* = PORT_TP */
#define PCNET32_PORT_AUI	0x01	/* = PORT_AUI */
#define PCNET32_PORT_MII	0x02	/* = PORT_MII */
#define PCNET32_DUPLEX_HALF	0x00
#define PCNET32_DUPLEX_FULL	0x01
#define PCNET32_XCVR_INTERNAL	0x00
#define PCNET32_XCVR_EXTERNAL	0x01

struct pcnet32_link {
	__u32 speed;			/* Mb/s: 10 or 100 */
	__u8 duplex;			/* PCNET32_DUPLEX_* */
	__u8 port;			/* PCNET32_PORT_* */
	__u8 phy_address;		/* 0..31 */
	__u8 autoneg;			/* 1: enabled */
	__u8 transceiver;		/* PCNET32_XCVR_* (reported by the glue) */
	__u8 mdix;
	__u8 pad[2];
	__u32 supported;		/* SUPPORTED_* bits */
	__u32 advertising;		/* ADVERTISED_* bits */
	__u32 lp_advertising;
};

struct pcnet32_link_set_rep {		/* booleans */
	__u32 autoneg;			/* new state.autoneg */
	__u32 port_tp;			/* new state.port_tp */
	__u32 fdx;			/* new state.fdx */
	__u32 pad;
};

struct pcnet32_mdio_arg {
	__u32 phy;
	__u32 reg;
	__u32 value;			/* write only */
};

/* ---- HELLO: the handshake --------------------------------------------- */

/* What the kernel tells the daemon about its NIC. */
struct pcnet32u_nic {
	__u32 io_base;			/* the I/O port range the daemon may use */
	__u32 io_len;
	__u32 irq;
	__u32 chip_id;			/* CSR89:CSR88 */
	__u32 has_mii;			/* 0 or 1 */
	__u32 state_len;		/* bytes used in state[] */
	char ifname[16];		/* NUL-terminated */
	__u32 reserved[4];		/* zero */
	__u8 state[PCNET32U_MAX_STATE];	/* struct pcnet32_state */
};

/* HELLO flags */
#define PCNET32U_HELLO_PORTS_DIRECT	0x1	/* the daemon uses the ports itself */

/*
 * PCNET32U_IOC_HELLO. The kernel reads size and version first: a daemon of
 * another version gets EPROTONOSUPPORT whatever its structure's size (the
 * command is recognized by type and number alone; this prologue never
 * changes). ops[0] bit i set: the daemon serves op i; only ops that run in
 * the daemon may be declared (else EINVAL).
 */
struct pcnet32u_hello {
	__u32 size;			/* in: sizeof(struct pcnet32u_hello) */
	__u32 version;			/* in: PCNET32U_VERSION */
	__u32 flags;			/* in: PCNET32U_HELLO_* */
	__u32 pad;			/* zero */
	__u64 ops[1];			/* in: bitmap of the op ids served */
	__u32 reserved[4];		/* zero */
	struct pcnet32u_nic nic;	/* out; in: zero */
};

/* ---- FACTS: answers the kernel gives without an upcall ----------------- */

/*
 * String sets 0 .. PCNET32U_NSSETS - 1 (ETH_SS_*; 6.1 has 21): the ethtool
 * core asks the count of each set it handles around an operation. A set
 * beyond these does not exist (EOPNOTSUPP).
 */
#define PCNET32U_NSSETS		32

/*
 * PCNET32U_IOC_FACTS: the daemon's answers of the FACT ops, as its
 * get_regs_len and get_sset_count give them for HELLO's state. The kernel
 * accepts them only within its own bounds (ERANGE otherwise):
 * regs_len = PCNET32_DUMP_LEN(has_mii); sset_count[PCNET32_SS_TEST] =
 * PCNET32_TEST_LEN (the self-test runs in the kernel); every other count
 * 0 .. PCNET32_MAX_STRINGS or -PCNET32U_EOPNOTSUPP (no such set).
 */
struct pcnet32u_facts {
	__u32 size;			/* in: sizeof(struct pcnet32u_facts) */
	__u32 version;			/* in: PCNET32U_VERSION */
	__u32 regs_len;			/* GET_REGS_LEN's value */
	__u32 pad;			/* zero */
	__s32 sset_count[PCNET32U_NSSETS];	/* GET_SSET_COUNT(i) */
	__u32 reserved[4];		/* zero */
};

/* ---- FETCH: commit the reply held, and fetch the next request ---------- */

/*
 * PCNET32U_IOC_FETCH. In: id 0 (no reply to commit: the first call, or a
 * retry; then op, status, rep_len and proc_ns must be 0), or the id of the
 * request the daemon holds, with its op, status, rep_len and rep[]
 * (arg_len and state_len are ignored on the way in). The commit is checked as REPLY's; if it is refused
 * (ENOENT: stale id; EINVAL: the structure, or the op's checks, which
 * also fail the request: its caller gets EIO) the
 * command returns that error at once and fetches nothing: the daemon
 * retries with id 0. Otherwise it blocks (interruptibly: EINTR, retry
 * with id 0, the commit is done) for the next request and returns it:
 * id, op, arg_len bytes of arg[], state_len bytes of state[] (struct
 * pcnet32_state, current when the request was taken). Only the bytes in
 * use are copied, each way: the header (up to arg[]), then rep_len bytes
 * of rep[] in, arg_len and state_len bytes out.
 *
 * PCNET32U_FETCH_NOWAIT: commit only, fetch nothing (a daemon that stops
 * hands in the reply it holds); needs an id.
 */
#define PCNET32U_FETCH_NOWAIT	0x1

struct pcnet32u_fetch {
	__u32 size;			/* in: sizeof(struct pcnet32u_fetch) */
	__u32 version;			/* in: PCNET32U_VERSION */
	__u64 id;			/* in: the reply's (0: none); out: next */
	__u32 op;			/* in: the reply's op; out: the next's */
	__s32 status;			/* in: 0 or -PCNET32U_STATUS_ALLOWED[i] */
	__u32 rep_len;			/* in: bytes used in rep[], 0 with status */
	__u32 arg_len;			/* out: bytes used in arg[] */
	__u32 state_len;		/* out: bytes used in state[] */
	__u32 flags;			/* in: 0 or PCNET32U_FETCH_NOWAIT */
	__u64 proc_ns;			/* in: the daemon's processing time */
	__u32 reserved[4];		/* zero */
	__u8 arg[PCNET32U_MAX_ARG];	/* out */
	__u8 state[PCNET32U_MAX_STATE];	/* out */
	__u8 rep[PCNET32U_MAX_REPLY];	/* in */
};

/* ---- REGS: a register program, run by the kernel ---------------------- */

/*
 * Register spaces. reg is the register's number in its space:
 *   CSR    0..127, through RAP and RDP
 *   BCR    0..63, through RAP and BDP
 *   MII    the PHY's registers through BCR33/BCR34: (phy << 5) | reg
 *   APROM  the address PROM's words 0..7 (bytes 2 reg, 2 reg + 1); read only
 * RAP, the reset ports and the double-word I/O mode are no register of
 * any space: only the kernel drives them.
 */
#define PCNET32U_SPACE_CSR	0
#define PCNET32U_SPACE_BCR	1
#define PCNET32U_SPACE_MII	2
#define PCNET32U_SPACE_APROM	3
#define PCNET32U_NSPACES	4

/*
 * The primitives, in the vocabulary of the kernel's regmap. Each yields
 * its out words, in program order, into vals[]:
 *   READ     space, reg                       1 word: the value
 *   WRITE    space, reg, val                  none (needs every bit of
 *                                             the register writable)
 *   UPDATE   space, reg, mask, val: reg = (reg & ~mask) | (val & mask)
 *                                             1 word: the value before
 *                                             (mask: writable bits only)
 *   BULK     space, reg, count: count registers from reg
 *                                             count words
 *   POLL     space, reg, mask, val, count = timeout in us: until
 *            (reg & mask) == (val & mask)     1 word: the last value;
 *                                             the program stops with
 *                                             ETIMEDOUT after the timeout
 *   SUSPEND  the chip, if it runs (CSR5 SPND) 1 word: 1 suspended, 0 the
 *                                             chip was stopped
 *   RESUME   after this program's SUSPEND     none
 * A program that suspends the chip resumes it before it ends (else it is
 * refused); whatever happens the chip is never left suspended.
 */
#define PCNET32U_REG_READ	1
#define PCNET32U_REG_WRITE	2
#define PCNET32U_REG_UPDATE	3
#define PCNET32U_REG_BULK	4
#define PCNET32U_REG_POLL	5
#define PCNET32U_REG_SUSPEND	6
#define PCNET32U_REG_RESUME	7

/* the bounds of one program */
#define PCNET32U_REGS_MAX_OPS	64	/* accesses */
#define PCNET32U_REGS_MAX_VALS	256	/* out words */
#define PCNET32U_REGS_MAX_POLL_US 1000	/* all of a program's POLLs together */

struct pcnet32u_reg_op {
	__u8 cmd;			/* PCNET32U_REG_* */
	__u8 space;			/* PCNET32U_SPACE_*; 0 for SUSPEND, RESUME */
	__u16 reg;
	__u16 mask;			/* UPDATE, POLL; else 0 */
	__u16 val;			/* WRITE, UPDATE, POLL; else 0 */
	__u16 count;			/* BULK: registers; POLL: us; else 0 */
	__u16 pad;			/* zero */
};

/*
 * PCNET32U_IOC_REGS. In: id of the request the daemon holds (its op must
 * touch the NIC: PCNET32_OPF_PORTS), n_ops accesses. The whole program is
 * checked before anything runs: its structure (EINVAL), its bounds
 * (E2BIG), every access against the op's firewall (EPERM: counted, and no
 * register is touched). Then the kernel runs it under the driver's
 * register lock; out: n_vals words of vals[] and, when an access failed
 * (POLL: ETIMEDOUT), n_done, the accesses completed before it.
 */
struct pcnet32u_regs {
	__u32 size;			/* in: sizeof(struct pcnet32u_regs) */
	__u32 version;			/* in: PCNET32U_VERSION */
	__u64 id;			/* in: the request held */
	__u32 n_ops;			/* in: 1 .. PCNET32U_REGS_MAX_OPS */
	__u32 n_vals;			/* out */
	__u32 n_done;			/* out */
	__u32 pad;			/* zero */
	__u32 reserved[4];		/* zero */
	struct pcnet32u_reg_op ops[PCNET32U_REGS_MAX_OPS];	/* in */
	__u16 vals[PCNET32U_REGS_MAX_VALS];			/* out */
};

/* ---- the paper's three commands --------------------------------------- */

/* PCNET32U_IOC_COPY: the NIC's ports and the current state snapshot. */
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
	__u8 state[PCNET32U_MAX_STATE];	/* out: state_len bytes copied */
};

/* PCNET32U_IOC_REQUEST: the next request, in FIFO order. */
struct pcnet32u_request {
	__u32 size;		/* in: sizeof(struct pcnet32u_request) */
	__u32 version;		/* in: PCNET32U_VERSION */
	__u64 id;		/* out: unique, never 0 */
	__u32 op;		/* out: op id */
	__u32 arg_len;		/* out: bytes used in arg[] */
	__u32 reserved[4];	/* must be zero */
	__u8 arg[PCNET32U_MAX_ARG];	/* out: arg_len bytes copied */
};

/* PCNET32U_IOC_REPLY: the result of request id (checked as FETCH's). */
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
	__u8 rep[PCNET32U_MAX_REPLY];	/* in: rep_len bytes copied */
};

/*
 * Free in linux-source-6.1's Documentation/userspace-api/ioctl/
 * ioctl-number.rst (0xb7 is taken twice there: nsfs and remoteproc).
 */
#define PCNET32U_IOC_MAGIC	0xbc
#define PCNET32U_IOC_NR_HELLO	4
#define PCNET32U_IOC_REQUEST	_IOWR(PCNET32U_IOC_MAGIC, 1, struct pcnet32u_request)
#define PCNET32U_IOC_COPY	_IOWR(PCNET32U_IOC_MAGIC, 2, struct pcnet32u_copy)
#define PCNET32U_IOC_REPLY	_IOW(PCNET32U_IOC_MAGIC, 3, struct pcnet32u_reply)
#define PCNET32U_IOC_HELLO	_IOWR(PCNET32U_IOC_MAGIC, PCNET32U_IOC_NR_HELLO, \
				      struct pcnet32u_hello)
#define PCNET32U_IOC_FACTS	_IOW(PCNET32U_IOC_MAGIC, 5, struct pcnet32u_facts)
#define PCNET32U_IOC_FETCH	_IOWR(PCNET32U_IOC_MAGIC, 6, struct pcnet32u_fetch)
#define PCNET32U_IOC_REGS	_IOWR(PCNET32U_IOC_MAGIC, 7, struct pcnet32u_regs)

#endif
