// SPDX-License-Identifier: GPL-2.0
/* ethtool-ioc: SIOCETHTOOL and the MII ioctls on one interface (ethtool-ioc.h). */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/sockios.h>

#include "ethtool-ioc.h"

static void ifr_init(struct ifreq *ifr, const char *ifname)
{
	memset(ifr, 0, sizeof(*ifr));
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", ifname);
}

int ioc_ethtool(int sock, const char *ifname, void *cmd)
{
	struct ifreq ifr;

	ifr_init(&ifr, ifname);
	ifr.ifr_data = cmd;
	return ioctl(sock, SIOCETHTOOL, &ifr) ? errno : 0;
}

int ioc_mii(int sock, const char *ifname, unsigned long cmd,
	    struct mii_ioctl_data *m)
{
	struct ifreq ifr;
	int err;

	ifr_init(&ifr, ifname);
	memcpy(&ifr.ifr_ifru, m, sizeof(*m));
	err = ioctl(sock, cmd, &ifr) ? errno : 0;
	memcpy(m, &ifr.ifr_ifru, sizeof(*m));
	return err;
}
