#!/bin/sh
# test: a hung guest and a live one are restored from their snapshot
# where: host
# timeout: 480
#
# A stock lab (RUN-h), its snapshot taken after boot. restore of the
# live guest (status 0) gives back the snapshot's guest (the same boot, a
# file written after the snapshot gone) and exec answers at once. Then a
# real-time spinner starves every task of the guest (as in
# ../vm-lab/11-hung.sh): exec reports it hung (243) while its QEMU runs
# on; restore (status 0) replaces that QEMU, and the guest answers exec
# and 3 pings from the host end; a host-end TCP connection to the guest
# open before the restore is gone after it (the restored guest knows
# nothing of it). The lab is taken down on every way out (own_lab).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/../vm-lab/labtool.sh"

# host_conns: the host end's TCP connections to the guest's port 22
host_conns() {
	"$LAB" host --name "$lab" -- ss -Htn state established dst 10.77.0.2 dport = :22 2>/dev/null | wc -l
}

# has_conn: at least one such connection
has_conn() {
	[ "$(host_conns)" -ge 1 ]
}

# state PID: the process's state letter (R, S, Z, ...; empty: no such process)
state() {
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1
}

# alive PID: the process runs (not a zombie)
alive() {
	_s=$(state "$1")
	[ -n "$_s" ] && [ "$_s" != Z ]
}

# gone PID: the process has exited (a zombie not yet reaped counts)
gone() {
	! alive "$1"
}

ktap_plan 14
lab=$RUN-h
own_lab "$lab"
vmlab 300 up --driver stock --name "$lab"
check_status "vm/lab up of a stock lab (status 0)" 0
vmlab 60 exec --name "$lab" -- cat /proc/sys/kernel/random/boot_id
boot=$OUT
vmlab 180 snapshot --name "$lab"
check_status "snapshot (status 0)" 0
vmlab 60 exec --name "$lab" -- sh -c 'echo after > /tmp/snap-after'
vmlab 120 restore --name "$lab"
check_status "restore of the live guest (status 0)" 0
echo "# $ERR"
vmlab 60 exec --name "$lab" -- sh -c 'cat /proc/sys/kernel/random/boot_id; test ! -e /tmp/snap-after'
check_eq "exec answers: the same boot, the file written after the snapshot gone" "$ST $OUT" "0 $boot"
# a TCP connection from the host end to the guest's ssh server (reading
# its banner, sending nothing), held open in the background (its own
# bound: 300 s)
# shellcheck disable=SC2016 # $GUEST is the host end's
"$LAB" host --name "$lab" -- sh -c 'exec timeout 300 socat -u TCP:"$GUEST":22 STDOUT' >/dev/null 2>&1 &
check "a host-end TCP connection to the guest is open" slowwait 30 has_conn
vmlab 60 exec --name "$lab" --timeout 6 -- sh -c 'echo -1 > /proc/sys/kernel/sched_rt_runtime_us; chrt -f 99 sh -c "while :; do :; done"'
check_status "the guest hung (243)" 243
old=$(cat "$LAB_STATE/$lab/qemu.pid")
check "its QEMU still runs" alive "$old"
vmlab 120 restore --name "$lab"
check_status "restore of the hung guest (status 0)" 0
echo "# $ERR"
check "the hung QEMU is gone" gone "$old"
vmlab 60 exec --name "$lab" -- cat /proc/sys/kernel/random/boot_id
check_eq "exec answers: the same boot" "$ST $OUT" "0 $boot"
# shellcheck disable=SC2016 # $GUEST is the host end's
vmlab 60 host --name "$lab" -- sh -c 'ping -c 3 -i 0.2 -W 5 "$GUEST"'
check_status "3 pings from the host end (status 0)" 0
check_eq "the host end's TCP connection to the guest was reset" "$(host_conns)" 0
vmlab 60 down --name "$lab"
check_status "down (status 0)" 0
check_eq "nothing left behind (namespace, QEMU)" "$(leftovers "$lab")" 0
ktap_finished
