#!/bin/sh
# test: a paused guest is refused and stands still; resume brings it back
# where: host
# timeout: 480
#
# vm/lab pause stops the guest: exec and host refuse it (240, one line
# naming vm/lab resume), QEMU takes no host CPU (at most 2 ticks of 10 ms
# over 2 s) and the guest's clock stands still while the host's runs on;
# vm/lab resume brings it back answering exec and pings. What make bench
# does to every guest but the one it measures. A scenario that ends
# paused resumes the lab on its way out (labtool.sh).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

# guest_ms: the guest's uptime (ms) in GUEST_MS, read with vm/lab exec; its status
guest_ms() {
	vmlab 120 exec --name "$LAB_NAME" -- cut "-d " -f1 /proc/uptime
	GUEST_MS=$(awk -v s="$OUT" 'BEGIN { printf "%d", s * 1000 }')
	return "$ST"
}

# qemu_ticks PID: the process's CPU time, user and system, in ticks
qemu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# paused_ticks: the lab's QEMU process's CPU ticks over 2 s, in TICKS
paused_ticks() {
	_p=$(cat "$LAB_STATE/$LAB_NAME/qemu.pid") && [ -n "$_p" ] || return 1
	_a=$(qemu_ticks "$_p") || return 1
	# a window of 2 s in which a paused QEMU must not run
	sleep 2
	_b=$(qemu_ticks "$_p") || return 1
	TICKS=$((_b - _a))
}

ktap_plan 13
guest_ms
check_status "the guest's uptime, before (status 0)" 0
g0=$GUEST_MS
h0=$(now_ms)
PAUSED_LAB=$LAB_NAME
vmlab 30 pause --name "$LAB_NAME"
check_status "vm/lab pause (status 0)" 0
vmlab 30 exec --name "$LAB_NAME" -- true
check_status "exec in a paused lab is refused (240)" 240
check "its error is one line" one_line "$TMP/err"
check_has "that says it is paused and how to resume" "$ERR" "is paused (vm/lab resume"
vmlab 30 host --name "$LAB_NAME" -- true
check_status "host in a paused lab is refused (240)" 240
TICKS=""
check "QEMU's CPU time read over 2 s of pause" paused_ticks
check_range "QEMU ran at most 2 ticks (of 10 ms) in those 2 s" "$TICKS" "" 3
echo "# $TICKS ticks paused"
vmlab 30 resume --name "$LAB_NAME"
check_status "vm/lab resume (status 0)" 0
[ "$ST" != 0 ] || PAUSED_LAB=""
guest_ms
check_status "the guest's uptime, after (status 0)" 0
g1=$GUEST_MS
h1=$(now_ms)
gd=$((g1 - g0))
hd=$((h1 - h0))
check_range "the guest's clock went on after resume" "$gd" 1 ""
check_range "and stood still while paused: over 1 s less than the host's" "$gd" "" $((hd - 1000))
echo "# guest $(seconds "$gd") s, host $(seconds "$hd") s"
# shellcheck disable=SC2016 # $GUEST is the host end's
vmlab 60 host --name "$LAB_NAME" -- sh -c 'ping -c 3 -i 0.2 -W 5 "$GUEST"'
check_status "3 pings from the host end after resume (status 0)" 0
ktap_finished
