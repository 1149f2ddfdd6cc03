#!/bin/sh
# test: ethtool -p eth0 1, LEDs restored
# where: host
# timeout: 2400
#
# Section phys-id of driver-inkernel/pcnet32-parity: the same on
# the inkernel build and the split build with direct ports, masked as
# tests/parity-exceptions.txt allows (parity.sh shows what differs).
# 2400 s: both drivers' boots and runs when this scenario runs alone.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=parity.sh
. "$(dirname "$0")/../parity.sh"

parity_section inkernel split-direct phys-id
