#!/bin/sh
# test: ethtool -S
# where: host
# timeout: 2400
#
# Section stats of driver-inkernel/pcnet32-parity: the same on
# the stock driver and ours (inkernel), masked as
# tests/parity-exceptions.txt allows (parity.sh shows what differs).
# 2400 s: both drivers' boots and runs when this scenario runs alone.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=parity.sh
. "$(dirname "$0")/../parity.sh"

parity_section stock inkernel stats
