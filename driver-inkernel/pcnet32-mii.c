// SPDX-License-Identifier: GPL-2.0
/*
 * pcnet32-mii: the MII register ioctls (SIOCGMIIPHY, SIOCGMIIREG,
 * SIOCSMIIREG) on an interface, each outcome printed on one line, so that
 * the parity tests can compare drivers. Runs in the guest.
 *
 * usage: pcnet32-mii IFACE
 */
#include <errno.h>
#include <linux/mii.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static void report(const char *what, int ret, int err, unsigned int val)
{
	if (ret < 0)
		printf("%s: error %s\n", what, strerror(err));
	else
		printf("%s: ok 0x%04x\n", what, val);
}

int main(int argc, char **argv)
{
	struct mii_ioctl_data *mii;
	struct ifreq ifr;
	int fd, ret;

	if (argc != 2) {
		fprintf(stderr, "usage: %s IFACE\n", argv[0]);
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	mii = (struct mii_ioctl_data *)&ifr.ifr_data;

	ret = ioctl(fd, SIOCGMIIPHY, &ifr);
	report("SIOCGMIIPHY", ret, errno, mii->phy_id);
	mii->reg_num = MII_BMSR;
	ret = ioctl(fd, SIOCGMIIREG, &ifr);
	report("SIOCGMIIREG BMSR", ret, errno, mii->val_out);
	mii->reg_num = MII_BMCR;
	ret = ioctl(fd, SIOCGMIIREG, &ifr);
	report("SIOCGMIIREG BMCR", ret, errno, mii->val_out);
	mii->val_in = ret < 0 ? 0 : mii->val_out;
	ret = ioctl(fd, SIOCSMIIREG, &ifr);
	report("SIOCSMIIREG BMCR", ret, errno, mii->val_in);
	close(fd);
	return 0;
}
