#!/bin/sh
# test: iperf3 host->guest above zero
# where: host
# timeout: 180
#
# 2 s of iperf3 from the host end of the lab's link to the guest's
# server: a run ends well (retried for up to 90 s: the server re-opens its
# socket between runs) and the guest received above zero bits per second.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

ktap_plan 2
BPS=""
slowwait 90 iperf_once
check_eq "iperf3 host->guest ran and reported its receiver's rate (status 0)" "$?" 0
check "the guest received above zero bits per second" above_zero "$BPS"
echo "# host->guest $(mbits "$BPS") Mbit/s"
ktap_finished
