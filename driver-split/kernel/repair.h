/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Chip repair after the daemon's ops on the ports (split build): the
 * kernel checks that the chip is as it left it and puts it right.
 */
#ifndef PCNET32_REPAIR_H
#define PCNET32_REPAIR_H

struct pcnet32_private;
struct pcnet32_repair;

/*
 * Counters and their debugfs file, /sys/kernel/debug/pcnet32-repairN.
 * Returns an ERR_PTR when there is no memory.
 */
struct pcnet32_repair *pcnet32_repair_create(struct pcnet32_private *lp,
					     int index);
void pcnet32_repair_destroy(struct pcnet32_repair *r);

/*
 * After every daemon op on the ports, whatever its outcome (a reply, an
 * error, a timeout, a dead or killed daemon): check the chip's I/O mode,
 * RAP, suspend and running state, and its DMA registers against what the
 * kernel programmed; stop and reinitialize it when they are not right.
 * The caller holds the RTNL and the fast path off (pcnet32_split_hold()).
 * op names the op for the log.
 */
void pcnet32_repair_after_op(struct pcnet32_repair *r, const char *op);

#endif /* PCNET32_REPAIR_H */
