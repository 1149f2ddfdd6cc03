/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ethtool-ioc: the two ioctls a caller of the driver's slow path issues
 * (SIOCETHTOOL, and the MII ioctls SIOCGMIIPHY / SIOCGMIIREG / SIOCSMIIREG),
 * shared by the guest tools that make such calls: the campaign's
 * fault-trial, the fuzzer's fuzz-load and the benchmark's opbench.
 *
 * Both return 0 on success, else the ioctl's errno; errno holds the same
 * value when they return, so a caller may test "!= 0" and read errno.
 * IFNAME longer than IFNAMSIZ - 1 is truncated.
 */
#ifndef ETHTOOL_IOC_H
#define ETHTOOL_IOC_H

#include <linux/mii.h>

/* SIOCETHTOOL on IFNAME; CMD is the ethtool request (its first word the
 * ETHTOOL_* command), which the kernel reads and writes in place */
int ioc_ethtool(int sock, const char *ifname, void *cmd);

/* an MII ioctl (SIOCGMIIPHY, SIOCGMIIREG, SIOCSMIIREG) on IFNAME: *M is
 * the request and, whatever the result, holds what the ioctl left there */
int ioc_mii(int sock, const char *ifname, unsigned long cmd,
	    struct mii_ioctl_data *m);

#endif
