// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of lib/ethtool-ioc.c on the host, where no pcnet32 answers:
 * an interface that does not exist gives ENODEV, the loopback device has
 * no MII (EOPNOTSUPP) and no ethtool register dump; every failure returns
 * the errno and leaves errno holding it, and the MII request comes back
 * unchanged from a refused call.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/ethtool.h>
#include <linux/sockios.h>

#include "harness.h"
#include "../../lib/ethtool-ioc.c"

static void test_no_such_interface(void)
{
	struct ethtool_drvinfo di = { .cmd = ETHTOOL_GDRVINFO };
	struct mii_ioctl_data m = { .phy_id = 3, .reg_num = 1 };
	int sock = socket(AF_INET, SOCK_DGRAM, 0), err;

	CU_ASSERT_FATAL(sock >= 0);
	errno = 0;
	err = ioc_ethtool(sock, "pcnet32-nosuch", &di);
	CU_ASSERT_EQUAL(err, ENODEV);
	CU_ASSERT_EQUAL(errno, ENODEV);
	errno = 0;
	err = ioc_mii(sock, "pcnet32-nosuch", SIOCGMIIREG, &m);
	CU_ASSERT_EQUAL(err, ENODEV);
	CU_ASSERT_EQUAL(errno, ENODEV);
	CU_ASSERT_EQUAL(m.phy_id, 3);
	CU_ASSERT_EQUAL(m.reg_num, 1);
	/* a name longer than IFNAMSIZ - 1 is truncated, not overrun */
	err = ioc_ethtool(sock, "an-interface-name-far-too-long", &di);
	CU_ASSERT_EQUAL(err, ENODEV);
	close(sock);
}

static void test_loopback(void)
{
	struct mii_ioctl_data m = { 0 };
	struct ethtool_value v = { .cmd = ETHTOOL_GLINK };
	int sock = socket(AF_INET, SOCK_DGRAM, 0), err;

	CU_ASSERT_FATAL(sock >= 0);
	/* the ethtool core answers GLINK for any device */
	CU_ASSERT_EQUAL(ioc_ethtool(sock, "lo", &v), 0);
	err = ioc_mii(sock, "lo", SIOCGMIIPHY, &m);
	CU_ASSERT_NOT_EQUAL(err, 0);
	CU_ASSERT_EQUAL(errno, err);
	close(sock);
}

static CU_TestInfo ethtool_ioc_tests[] = {
	{ "an interface that does not exist: ENODEV, errno kept", test_no_such_interface },
	{ "loopback: GLINK answered, no MII", test_loopback },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "lib: ethtool-ioc (SIOCETHTOOL, MII ioctls)", NULL, NULL, ethtool_ioc_tests);
