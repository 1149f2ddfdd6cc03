#!/bin/sh
# test: no /dev/net/tun is a clear error
# where: host
# timeout: 150
#
# vm/lab run in a private mount namespace where /dev/net is an empty
# tmpfs (no tun device): it answers 240 with one line saying
# /dev/net/tun is missing, and leaves nothing behind. The lab (RUN-t) is
# taken down on every way out of this scenario too (own_lab).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/../vm-lab/labtool.sh"

ktap_plan 4
lab=$RUN-t
own_lab "$lab"
# shellcheck disable=SC2016 # expanded by the inner shell
bounded 120 unshare -m sh -c 'mount -t tmpfs none /dev/net && "$1" run --driver stock --name "$2" -- true' \
	sh "$LAB" "$lab"
check_status "refused as a set-up failure (240)" 240
check "on one line" one_line "$TMP/err"
check_has "that says /dev/net/tun is missing" "$ERR" "/dev/net/tun is missing"
check_eq "nothing left behind (namespace, QEMU)" "$(leftovers "$lab")" 0
ktap_finished
