#!/bin/sh
# test: every op works under the filter; nothing is killed
# where: guest
# timeout: 120
#
# Every op through the sandboxed daemon: each gives the real answer (this
# chip has no MII and cannot restart autonegotiation), and the filter
# killed nothing: the same daemon before and after, no restart in the log,
# no seccomp record in the kernel log.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fuzz/fuzz.sh
. "$(dirname "$0")/fuzz.sh"

ops() {
	P=$(pidof pcnet32d)
	: >"$DAEMON_LOG"
	ethtool -i eth0 | grep -q 'version: 1.0-ours'
	echo "i=$?"
	echo "d=$(ethtool -d eth0 raw on | wc -c)"
	ethtool -g eth0 >/dev/null
	echo "g=$?"
	ethtool -G eth0 rx 64 tx 32 && ethtool -G eth0 rx 32 tx 16
	echo "G=$?"
	ethtool -s eth0 msglvl 0x15 && ethtool eth0 | grep -q '0x00000015'
	echo "msglvl=$?"
	ethtool -s eth0 msglvl 0x7
	ethtool -r eth0
	echo "r=$?"
	ethtool -p eth0 1
	echo "p=$?"
	ethtool -t eth0 >/dev/null
	echo "t=$?"
	ethtool -s eth0 autoneg off speed 10 duplex half
	echo "slink=$?"
	ethtool eth0 | grep -q 'Speed: 10Mb/s'
	echo "glink=$?"
	su -s /bin/sh nobody -c 'ethtool -i eth0' | grep -q 'version: 1.0-ours'
	echo "user=$?"
	/lab/bin/pcnet32-mii eth0
	[ "$(pidof pcnet32d)" = "$P" ]
	echo "same=$?"
	echo "restarts=$(grep -c exited "$DAEMON_LOG")"
	echo "seccomp=$(dmesg | grep -c 'type=1326')"
}

ktap_plan 4
ran ops
check_eq "the ops ran (status 0)" "$ST" 0
check_has "each op's real answer: the register dump's 272 bytes, -r refused (255), the rest done" "$OUT" \
	"i=0${NL}d=272${NL}g=0${NL}G=0${NL}msglvl=0${NL}r=255${NL}p=0${NL}t=0${NL}slink=0${NL}glink=0${NL}user=0$NL"
# ethtool -r once, and the MII tool's four requests
check_eq "Operation not supported five times: ethtool -r and the MII tool's four requests" \
	"$(($(occurrences "$ERR" "Operation not supported") + $(occurrences "$OUT" "Operation not supported")))" 5
check_has "the same daemon, no restart, no seccomp record" "$OUT" "same=0${NL}restarts=0${NL}seccomp=0$NL"
ktap_finished
