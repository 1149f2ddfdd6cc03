#!/bin/sh
# test: interface down: ethtool eth0, -d
# where: host
# timeout: 2400
#
# Section down of driver-inkernel/pcnet32-parity: the same on
# the inkernel and the split build, masked as
# tests/parity-exceptions.txt allows (parity.sh shows what differs).
# 2400 s: both drivers' boots and runs when this scenario runs alone.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=parity.sh
. "$(dirname "$0")/../parity.sh"

parity_section inkernel split down
