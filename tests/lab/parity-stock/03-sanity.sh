#!/bin/sh
# test: ours: self-test passes, dump decodes, drvinfo
# where: host
# timeout: 2400
#
# Our driver's (inkernel) own output, unmasked: ethtool -t passes, the
# register dump decodes the chip (QEMU's PCnet/PCI II 79C970A), and
# ethtool -i names our driver and its version. 2400 s: its boot and run
# when this scenario runs alone.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=parity.sh
. "$(dirname "$0")/../parity.sh"

ktap_plan 4
parity_need inkernel
# each section as it is, its last newline kept ("x" then dropped)
t=$(parity_text inkernel test && echo x)
d=$(parity_text inkernel dump && echo x)
i=$(parity_text inkernel drvinfo && echo x)
check_has "the self-test passes (section test)" "${t%x}" "The test result is PASS"
check_has "the dump decodes the chip (section dump)" "${d%x}" "PCnet/PCI II 79C970A"
check_has "drvinfo: driver: pcnet32" "${i%x}" "driver: pcnet32$NL"
check_has "drvinfo: version: 1.0-ours" "${i%x}" "version: 1.0-ours$NL"
ktap_finished
