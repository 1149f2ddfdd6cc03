#!/bin/sh
# test: corrupt in get_ringparam: refused or wrong, then right
# where: guest
# timeout: 60
#
# corrupt in get_ringparam (the true answer is rx 32, tx 16): the kernel
# refuses the reply (the caller sees n/a) or lets it through, a wrong
# value; either way the caller does not see the true one, and the next
# call is answered normally.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fault.sh
. "$(dirname "$0")/../fault.sh"

ktap_plan 4
first="$(fault-arm get_ringparam corrupt --seed 1 && ethtool -g eth0)
"
show=$(fault-arm --show)
after="$(ethtool -g eth0)
"
check_eq "the fault fired once" "$(show_val fired "$show")" 1
# each check stands alone: one that fails does not end the scenario
check_has "ethtool -g under the fault printed current settings" "$first" "Current hardware settings:
RX:"
case "$first" in
*"Current hardware settings:
RX:$TAB${TAB}n/a"*) echo "# corrupt get_ringparam: refused by the kernel" ;;
*) echo "# corrupt get_ringparam: caller saw a wrong value" ;;
esac
check_hasnt "the caller did not see the true rx 32" "$first" "Current hardware settings:
RX:$TAB${TAB}32
"
check_has "the next call is answered normally (rx 32)" "$after" "Current hardware settings:
RX:$TAB${TAB}32
"
ktap_finished
