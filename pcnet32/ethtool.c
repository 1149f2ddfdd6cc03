// SPDX-License-Identifier: GPL-2.0
/*
 * PCnet32 ethtool and MII-ioctl glue. Each hook marshals its arguments
 * into the op's argument struct, calls the op table through
 * pcnet32_call_op(lp, PCNET32_OP_<NAME>, ...) and applies the reply. The
 * op itself is pcnet32_op_<name>() in slow.c (ops.h's X-macro row
 * PCNET32_OP_<NAME> ties the two together); the build's dispatcher decides
 * where it runs: here in the kernel (dispatch-inkernel.c) or in the daemon
 * (the split build).
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>

#include "pcnet32.h"

static_assert(PCNET32_SS_TEST == ETH_SS_TEST);
static_assert(PCNET32_STR_LEN == ETH_GSTRING_LEN);
static_assert(PCNET32_PORT_TP == PORT_TP);
static_assert(PCNET32_PORT_AUI == PORT_AUI);
static_assert(PCNET32_PORT_MII == PORT_MII);
static_assert(PCNET32_DUPLEX_FULL == DUPLEX_FULL);
static_assert(PCNET32_DUPLEX_HALF == DUPLEX_HALF);
static_assert(PCNET32_XCVR_INTERNAL == XCVR_INTERNAL);
/*
 * Every reply lives on the hook's stack, zero-initialized at its size
 * known at compile time (a few stores, where pcnet32_call_op() would
 * clear rep_len bytes one at a time): no allocation and no memset per op,
 * as in the stock driver. The largest, the register dump's, stays small.
 */
static_assert(sizeof(struct pcnet32_regs_rep) <= 512);
static_assert(sizeof(struct pcnet32_strings_rep) <= 512);

/* ---- ethtool and ioctl glue: marshal, call the op, apply ------------ */

static void pcnet32_get_drvinfo(struct net_device *dev,
				struct ethtool_drvinfo *info)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_drvinfo_rep rep = {};
	struct pcnet32_none arg = { 0 };

	if (pcnet32_call_op(lp, PCNET32_OP_GET_DRVINFO, &arg, sizeof(arg), &rep,
			    sizeof(rep))) {
		/*
		 * The op cannot fail towards ethtool (the hook is void); say
		 * what the kernel knows, and that the rest is unavailable.
		 */
		strscpy(info->driver, PCNET32_DRV_NAME, sizeof(info->driver));
		strscpy(info->version, "unavailable", sizeof(info->version));
		strscpy(info->bus_info, lp->st.bus_info, sizeof(info->bus_info));
		return;
	}
	strscpy(info->driver, rep.driver, sizeof(info->driver));
	strscpy(info->version, rep.version, sizeof(info->version));
	strscpy(info->bus_info, rep.bus_info, sizeof(info->bus_info));
}

/*
 * The ethtool core allocates by the dump length: it is the kernel's fact
 * (the layout in hw.h, with or without the PHY's words), not the op's
 * answer. The op still runs (the split build checks the daemon's answer
 * against the same fact and refuses another).
 */
static int pcnet32_get_regs_len(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_u32 rep = {};

	if (pcnet32_call_op(lp, PCNET32_OP_GET_REGS_LEN, &arg, sizeof(arg), &rep,
			    sizeof(rep)))
		netif_dbg(&lp->st, drv, dev, "get_regs_len failed\n");
	return PCNET32_DUMP_LEN(lp->st.has_mii);
}

static void pcnet32_get_regs(struct net_device *dev, struct ethtool_regs *regs,
			     void *p)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_regs_rep rep = {};
	u32 n;

	regs->version = 0;
	/*
	 * The hook is void: a dump that could not be taken comes back empty
	 * (length 0) rather than as a dump of zeros.
	 */
	if (pcnet32_call_op(lp, PCNET32_OP_GET_REGS, &arg, sizeof(arg), &rep,
			    sizeof(rep))) {
		regs->len = 0;
		return;
	}
	/*
	 * p holds regs->len bytes (the core's min of the user's length and
	 * get_regs_len): never more, and what the dump lacks is zeros.
	 */
	n = min_t(u32, regs->len, min_t(u32, rep.len, sizeof(rep.regs)));
	memcpy(p, rep.regs, n);
	memset(p + n, 0, regs->len - n);
}

static u32 pcnet32_get_msglevel(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_u32 rep = {};

	ASSERT_RTNL();
	if (lp->msglevel_notify == current) {
		/*
		 * The ethtool core's DEBUG notification after this task's
		 * set_msglevel (ioctl or netlink): its question is the
		 * set's own answer, already applied, not an operation of its
		 * own, so it costs no second op (no second upcall).
		 */
		lp->msglevel_notify = NULL;
		return lp->st.msg_enable;
	}
	if (pcnet32_call_op(lp, PCNET32_OP_GET_MSGLEVEL, &arg, sizeof(arg), &rep,
			    sizeof(rep)))
		return lp->st.msg_enable;
	return rep.value;
}

static void pcnet32_set_msglevel(struct net_device *dev, u32 value)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_u32 arg = { .value = value };
	struct pcnet32_u32 rep = {};

	ASSERT_RTNL();
	lp->msglevel_notify = NULL;
	if (!pcnet32_call_op(lp, PCNET32_OP_SET_MSGLEVEL, &arg, sizeof(arg), &rep,
			     sizeof(rep))) {
		lp->st.msg_enable = rep.value;
		lp->msglevel_notify = current;
	}
}

static int pcnet32_nway_reset(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_none rep = {};

	return pcnet32_call_op(lp, PCNET32_OP_NWAY_RESET, &arg, sizeof(arg), &rep,
			       sizeof(rep));
}

/*
 * While the interface is up the link state is a fact of the fast path: the
 * link watchdog keeps the carrier up to date every PCNET32_WATCHDOG, in
 * both builds. Answering from it takes no port access, so no upcall and no
 * hold of the fast path (any user may ask: ethtool eth0 needs no
 * privilege). A closed device has no watchdog and no fast path to hold:
 * the op reads the chip, as the stock driver does.
 */
static u32 pcnet32_get_link(struct net_device *dev)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_u32 rep = {};

	if (netif_running(dev))
		return netif_carrier_ok(dev);
	if (pcnet32_call_op(lp, PCNET32_OP_GET_LINK, &arg, sizeof(arg), &rep,
			    sizeof(rep)))
		return 0;
	return rep.value;
}

static void pcnet32_get_ringparam(struct net_device *dev,
				  struct ethtool_ringparam *ring,
				  struct kernel_ethtool_ringparam *kring,
				  struct netlink_ext_ack *extack)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_ring rep = {};

	if (pcnet32_call_op(lp, PCNET32_OP_GET_RINGPARAM, &arg, sizeof(arg), &rep,
			    sizeof(rep)))
		return;
	ring->rx_max_pending = rep.rx_max;
	ring->tx_max_pending = rep.tx_max;
	ring->rx_pending = rep.rx;
	ring->tx_pending = rep.tx;
}

static int pcnet32_set_ringparam(struct net_device *dev,
				 struct ethtool_ringparam *ring,
				 struct kernel_ethtool_ringparam *kring,
				 struct netlink_ext_ack *extack)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_ring arg = {
		.rx = ring->rx_pending,
		.tx = ring->tx_pending,
		.rx_mini = ring->rx_mini_pending,
		.rx_jumbo = ring->rx_jumbo_pending,
	};
	struct pcnet32_ring rep = {};
	u32 old_rx = lp->st.rx_ring_size, old_tx = lp->st.tx_ring_size;
	int running = netif_running(dev);
	struct pcnet32_rings new;
	int ret;

	ret = pcnet32_call_op(lp, PCNET32_OP_SET_RINGPARAM, &arg, sizeof(arg), &rep,
			      sizeof(rep));
	if (ret)
		return ret;
	if (rep.rx == old_rx && rep.tx == old_tx)
		return 0;
	if (!is_power_of_2(rep.rx) || !is_power_of_2(rep.tx) ||
	    rep.rx < 4 || rep.tx < 4 ||
	    rep.rx > PCNET32_RING_MAX || rep.tx > PCNET32_RING_MAX)
		return -EINVAL;
	if (!running) {
		lp->st.rx_ring_size = rep.rx;
		lp->st.tx_ring_size = rep.tx;
		return 0;
	}

	/*
	 * The new rings first, while the old ones still serve: when there is
	 * no memory for them, nothing has changed yet (the device neither
	 * stops nor closes; closing here, under the RTNL with the fast path
	 * quiesced, would disable NAPI twice and hang).
	 */
	ret = pcnet32_rings_new(lp, &new, rep.rx, rep.tx);
	if (ret) {
		netif_err(&lp->st, drv, dev,
			  "no memory for rings of %u/%u, keeping %u/%u\n",
			  rep.rx, rep.tx, old_rx, old_tx);
		return ret;
	}
	del_timer_sync(&lp->watchdog);
	pcnet32_quiesce(lp);
	/* the chip is stopped: the old rings are free to go */
	pcnet32_rings_swap(lp, &new);
	pcnet32_rings_release(lp, &new);
	lp->st.rx_ring_size = rep.rx;
	lp->st.tx_ring_size = rep.tx;
	pcnet32_resume_fast_path(lp);
	mod_timer(&lp->watchdog, round_jiffies(jiffies + PCNET32_WATCHDOG));
	return 0;
}

static void pcnet32_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_sset_arg arg = { .sset = sset };
	struct pcnet32_strings_rep rep = {};

	/* the core allocated get_sset_count's strings: ETH_SS_TEST's only */
	if (sset != ETH_SS_TEST)
		return;
	memset(data, 0, PCNET32_TEST_LEN * ETH_GSTRING_LEN);
	/* the count is checked to be PCNET32_TEST_LEN; copy no other */
	if (!pcnet32_call_op(lp, PCNET32_OP_GET_STRINGS, &arg, sizeof(arg),
			     &rep, sizeof(rep)) &&
	    rep.count == PCNET32_TEST_LEN)
		memcpy(data, rep.strings, PCNET32_TEST_LEN * ETH_GSTRING_LEN);
}

/*
 * The ethtool core allocates by these counts, and the self-test (run in
 * the kernel) writes PCNET32_TEST_LEN results: the counts are the
 * kernel's facts, not the op's answer. The op still runs for ETH_SS_TEST
 * (the split build checks the daemon's answer against the fact).
 */
static int pcnet32_get_sset_count(struct net_device *dev, int sset)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_sset_arg arg = { .sset = sset };
	struct pcnet32_u32 rep = {};

	if (sset != ETH_SS_TEST)
		return -EOPNOTSUPP;
	if (pcnet32_call_op(lp, PCNET32_OP_GET_SSET_COUNT, &arg, sizeof(arg), &rep,
			    sizeof(rep)))
		netif_dbg(&lp->st, drv, dev, "get_sset_count failed\n");
	return PCNET32_TEST_LEN;
}

static void pcnet32_self_test(struct net_device *dev,
			      struct ethtool_test *test, u64 *data)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_test_arg arg = { .flags = test->flags };
	struct pcnet32_test_rep rep = {};

	u32 i, n = min_t(u32, test->len, PCNET32_TEST_LEN);

	/* data has test->len results: get_sset_count's PCNET32_TEST_LEN */
	if (pcnet32_call_op(lp, PCNET32_OP_SELF_TEST, &arg, sizeof(arg), &rep,
			    sizeof(rep))) {
		test->flags |= ETH_TEST_FL_FAILED;
		for (i = 0; i < n; i++)
			data[i] = 1;
		return;
	}
	test->flags |= rep.flags & ETH_TEST_FL_FAILED;
	for (i = 0; i < n; i++)
		data[i] = rep.data[i];
}

/*
 * The LEDs' values before identifying are the kernel's: read here at
 * ACTIVE, written back here after INACTIVE, whatever the op did (its
 * firewall table lets it flip the polarity bits only).
 */
static void pcnet32_leds(struct pcnet32_private *lp, bool save)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&lp->lock, flags);
	for (i = 0; i < PCNET32_BCR_LED_NUM; i++) {
		if (save)
			lp->st.led_save[i] = pcnet32_read_bcr(&lp->io,
							      PCNET32_BCR_LED0 + i) &
					     ~PCNET32_BCR_LEDOUT;
		else
			pcnet32_write_bcr(&lp->io, PCNET32_BCR_LED0 + i,
					  lp->st.led_save[i]);
	}
	pcnet32_rap_home(lp);
	spin_unlock_irqrestore(&lp->lock, flags);
}

static int pcnet32_set_phys_id(struct net_device *dev,
			       enum ethtool_phys_id_state state)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_phys_id_arg arg;
	struct pcnet32_phys_id_rep rep = {};
	int ret;

	switch (state) {
	case ETHTOOL_ID_ACTIVE:
		arg.state = PCNET32_ID_ACTIVE;
		pcnet32_leds(lp, true);
		break;
	case ETHTOOL_ID_ON:
		arg.state = PCNET32_ID_ON;
		break;
	case ETHTOOL_ID_OFF:
		arg.state = PCNET32_ID_OFF;
		break;
	default:
		arg.state = PCNET32_ID_INACTIVE;
		break;
	}
	ret = pcnet32_call_op(lp, PCNET32_OP_SET_PHYS_ID, &arg, sizeof(arg), &rep,
			      sizeof(rep));
	if (arg.state == PCNET32_ID_INACTIVE)
		pcnet32_leds(lp, false);
	if (ret)
		return ret;
	if (arg.state != PCNET32_ID_ACTIVE)
		return 0;
	return rep.cycles;
}

static int pcnet32_get_link_ksettings(struct net_device *dev,
				      struct ethtool_link_ksettings *cmd)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_none arg = { 0 };
	struct pcnet32_link rep = {};
	int ret;

	ret = pcnet32_call_op(lp, PCNET32_OP_GET_LINK_KSETTINGS, &arg, sizeof(arg),
			      &rep, sizeof(rep));
	if (ret)
		return ret;
	cmd->base.speed = rep.speed;
	cmd->base.duplex = rep.duplex;
	cmd->base.port = rep.port;
	cmd->base.phy_address = rep.phy_address;
	cmd->base.autoneg = rep.autoneg ? AUTONEG_ENABLE : AUTONEG_DISABLE;
	cmd->base.transceiver = rep.transceiver;
	cmd->base.eth_tp_mdix = rep.mdix;
	ethtool_convert_legacy_u32_to_link_mode(cmd->link_modes.supported,
						rep.supported);
	ethtool_convert_legacy_u32_to_link_mode(cmd->link_modes.advertising,
						rep.advertising);
	ethtool_convert_legacy_u32_to_link_mode(cmd->link_modes.lp_advertising,
						rep.lp_advertising);
	return 0;
}

static int pcnet32_set_link_ksettings(struct net_device *dev,
				      const struct ethtool_link_ksettings *cmd)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct pcnet32_link arg = {
		.speed = cmd->base.speed,
		.duplex = cmd->base.duplex,
		.port = cmd->base.port,
		.phy_address = cmd->base.phy_address,
		.autoneg = cmd->base.autoneg == AUTONEG_ENABLE,
	};
	struct pcnet32_link_set_rep rep = {};
	unsigned long flags;
	u16 mode;
	int ret;

	ethtool_convert_link_mode_to_legacy_u32(&arg.advertising,
						cmd->link_modes.advertising);

	ret = pcnet32_call_op(lp, PCNET32_OP_SET_LINK_KSETTINGS, &arg, sizeof(arg),
			      &rep, sizeof(rep));
	if (ret)
		return ret;
	spin_lock_irqsave(&lp->lock, flags);
	lp->st.autoneg = !!rep.autoneg;
	lp->st.port_tp = !!rep.port_tp;
	lp->st.fdx = !!rep.fdx;
	/*
	 * The init block's mode is what every later reprogramming writes to
	 * CSR15 (a receive-filter change, a reinitialization): it keeps the
	 * port the user chose, as the stock driver's does.
	 */
	mode = le16_to_cpu(lp->init_block->mode) & ~PCNET32_MODE_PORTSEL;
	lp->init_block->mode = cpu_to_le16(mode | pcnet32_mode_port(lp));
	spin_unlock_irqrestore(&lp->lock, flags);
	return 0;
}

int pcnet32_eth_ioctl(struct net_device *dev, struct ifreq *rq, int cmd)
{
	struct pcnet32_private *lp = netdev_priv(dev);
	struct mii_ioctl_data *mii = if_mii(rq);
	struct pcnet32_mdio_arg arg;
	struct pcnet32_none none = {};
	struct pcnet32_u32 val = {};
	int ret;

	if (!lp->st.has_mii)
		return -EOPNOTSUPP;
	switch (cmd) {
	case SIOCGMIIPHY:
		mii->phy_id = lp->st.phy_addr;
		fallthrough;
	case SIOCGMIIREG:
		arg.phy = mii->phy_id;
		arg.reg = mii->reg_num;
		arg.value = 0;
		ret = pcnet32_call_op(lp, PCNET32_OP_MDIO_READ, &arg, sizeof(arg),
				      &val, sizeof(val));
		if (!ret)
			mii->val_out = val.value;
		return ret;
	case SIOCSMIIREG:
		arg.phy = mii->phy_id;
		arg.reg = mii->reg_num;
		arg.value = mii->val_in;
		return pcnet32_call_op(lp, PCNET32_OP_MDIO_WRITE, &arg, sizeof(arg),
				       &none, sizeof(none));
	}
	return -EOPNOTSUPP;
}

const struct ethtool_ops pcnet32_ethtool_ops = {
	.get_drvinfo		= pcnet32_get_drvinfo,
	.get_msglevel		= pcnet32_get_msglevel,
	.set_msglevel		= pcnet32_set_msglevel,
	.nway_reset		= pcnet32_nway_reset,
	.get_link		= pcnet32_get_link,
	.get_ringparam		= pcnet32_get_ringparam,
	.set_ringparam		= pcnet32_set_ringparam,
	.get_strings		= pcnet32_get_strings,
	.get_sset_count		= pcnet32_get_sset_count,
	.self_test		= pcnet32_self_test,
	.set_phys_id		= pcnet32_set_phys_id,
	.get_regs_len		= pcnet32_get_regs_len,
	.get_regs		= pcnet32_get_regs,
	.get_link_ksettings	= pcnet32_get_link_ksettings,
	.set_link_ksettings	= pcnet32_set_link_ksettings,
};
