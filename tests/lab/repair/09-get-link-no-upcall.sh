#!/bin/sh
# test: get_link: no upcall
# where: guest
# timeout: 60
#
# ethtool eth0 (as nobody) asks for the link: the answer comes from the
# kernel (no row of op 7, get_link, among the upcalls; get_link_ksettings,
# op 14, does go to the daemon).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

ktap_plan 4
upcall_reset
reset=$?
link=$(su -s /bin/sh nobody -c 'ethtool eth0' | grep 'Link detected')
get_link=$(grep -c '^7,' "$UPCALL_SAMPLES")
ksettings=$(grep -c '^14,0,' "$UPCALL_SAMPLES")
echo "# get_link rows $get_link, get_link_ksettings rows $ksettings"
check_eq "the channel's samples are reset" "$reset" 0
check_has "the link is up" "$link
" "Link detected: yes
"
check_eq "no upcall of get_link (op 7)" "$get_link" 0
check_range "get_link_ksettings (op 14) went to the daemon" "$ksettings" 1 ""
ktap_finished
