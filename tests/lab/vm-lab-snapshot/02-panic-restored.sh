#!/bin/sh
# test: a panicked guest restored from its snapshot runs commands, has its driver and its network
# where: host
# timeout: 600
#
# An inkernel lab (RUN-p), its snapshot taken after boot, then a file
# written in its /tmp; a kernel panic (sysrq c: 241) ends its QEMU: exec
# is refused (240, naming vm/lab restore) and list shows it gone with its
# snapshot. vm/lab restore (status 0, one line saying how long it took)
# brings back the guest as it was at the snapshot: exec answers at once;
# the same boot (boot_id), the driver loaded then (its /proc/modules line:
# size and address), the file written before the snapshot and not the
# one written after; 3 pings from the host end; ethtool through the
# driver; its wall clock the host's (within 2 s). The console log starts
# again with the restore's line and no panic in it (the one before is
# console.prev.log, which holds the crash): a guest that then reboots
# (sysrq b: QEMU exits without a panic) is reported gone (243), not taken
# for the old panic (241); restore brings it back again. The notes give
# the time from the dead guest to exec -- true answering. The lab is
# taken down on every way out (own_lab).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/../vm-lab/labtool.sh"

# what the guest is: its boot, the driver's module line, the mark file
STATE_CMD='cat /proc/sys/kernel/random/boot_id; grep "^pcnet32 " /proc/modules; cat /tmp/snap-mark'

# is_restore_line TEXT: vm/lab restore's report, how long it took
is_restore_line() {
	printf '%s\n' "$1" | grep -q "^lab: '$lab' restored in [0-9]*\.[0-9]* s"
}

# starts_again FILE: the console log's first line is the restore's
starts_again() {
	head -n 1 "$1" | grep -q "^=== lab: $lab restored from its snapshot"
}

# no_panic FILE: no kernel panic in the console log
no_panic() {
	! grep -q 'Kernel panic' "$1"
}

# restored WHAT: vm/lab restore, then exec -- true; the time from before
# the restore to the answer (ms) in GAP, the restore's line in LINE
restored() {
	_r0=$(now_ms)
	vmlab 120 restore --name "$lab"
	LINE=$ERR
	check_status "restore $1 (status 0)" 0
	vmlab 60 exec --name "$lab" -- true
	GAP=$(($(now_ms) - _r0))
	check_status "exec -- true answers at once (status 0)" 0
	echo "# $LINE; to exec -- true answering: $(seconds "$GAP") s"
}

ktap_plan 25
lab=$RUN-p
own_lab "$lab"
console=$LAB_STATE/$lab/console.log
vmlab 300 up --driver inkernel --name "$lab"
check_status "vm/lab up of an inkernel lab (status 0)" 0
vmlab 60 exec --name "$lab" -- sh -c "echo before > /tmp/snap-mark; $STATE_CMD"
before=$OUT
check_has "the inkernel build is loaded" "$before" "pcnet32 "
vmlab 180 snapshot --name "$lab"
check_status "snapshot (status 0)" 0
echo "# $ERR"
vmlab 60 exec --name "$lab" -- sh -c 'echo after > /tmp/snap-after'
vmlab 120 exec --name "$lab" --timeout 60 -- sh -c 'echo c > /proc/sysrq-trigger'
check_status "the guest panicked (241)" 241
vmlab 30 exec --name "$lab" -- true
check_status "exec in the dead lab is refused (240)" 240
check_has "with a line naming vm/lab restore" "$ERR" "vm/lab restore --name $lab"
vmlab 30 list
check "list shows it gone, with its snapshot" grep -qxF "$lab inkernel gone snapshot" "$TMP/out"
restored "of the panicked guest"
check "its report is one line that says how long it took" is_restore_line "$LINE"
vmlab 60 exec --name "$lab" -- sh -c "$STATE_CMD"
check_eq "the same boot, the driver loaded at the snapshot, the file written before it" "$OUT" "$before"
vmlab 60 exec --name "$lab" -- test ! -e /tmp/snap-after
check_status "and not the file written after it (status 0)" 0
# shellcheck disable=SC2016 # $GUEST is the host end's
vmlab 60 host --name "$lab" -- sh -c 'ping -c 3 -i 0.2 -W 5 "$GUEST"'
check_status "3 pings from the host end (status 0)" 0
vmlab 60 exec --name "$lab" -- ethtool -i eth0
check_status "ethtool -i through the driver (status 0)" 0
check_has "which is pcnet32" "$OUT" "driver: pcnet32"
vmlab 60 exec --name "$lab" -- date +%s
check_range "the guest's wall clock is the host's (within 2 s)" $((OUT - $(date +%s))) -2 3
check "the console log starts again with the restore's line" starts_again "$console"
check "and has no panic in it" no_panic "$console"
check "the console before the restore holds the crash" \
	grep -q 'sysrq triggered crash' "$LAB_STATE/$lab/console.prev.log"
vmlab 120 exec --name "$lab" --timeout 60 -- sh -c 'echo b > /proc/sysrq-trigger'
check_status "a reboot (QEMU exits) after the restore is a guest gone (243), not the old panic" 243
check_has "its line says the guest went away" "$ERR" "went away"
restored "of a guest whose QEMU is gone"
vmlab 60 exec --name "$lab" -- sh -c "$STATE_CMD"
check_eq "the same boot and driver again" "$OUT" "$before"
vmlab 60 down --name "$lab"
check_eq "nothing left behind (namespace, QEMU)" "$(leftovers "$lab")" 0
ktap_finished
