# shellcheck shell=sh
# tests/lab/fault.sh: helpers of the fault-point scenarios (fault-split/,
# fault-inkernel/), which arm one fault at a time with the guest tool
# fault-arm (faultinject/README.md: "Arming one fault by hand"). Sourced
# after lib.sh, in the guest.

# show_val KEY TEXT: the value of KEY= in the first line of TEXT that has
# " KEY=" (fault-arm --show prints one line "build=B armed=A op=O kind=K
# at=A interval=N probability=P times=T seed=S ms=M mutant=U calls=C fired=F"), or
# -1 when none has it
show_val() {
	_v=$(printf '%s\n' "$2" | sed -n "s/.* $1=\([-0-9]*\).*/\1/p" | head -n 1)
	echo "${_v:--1}"
}

# daemon_replaced P: a daemon other than pid P serves. The supervisor
# reaps the dead one and removes the ready file, then starts the next,
# which creates it again.
daemon_replaced() {
	_q=$(pidof pcnet32d || true)
	[ -n "$_q" ] && [ "$_q" != "$1" ] && [ -e /run/pcnet32d.ready ]
}

# served P: wait (up to 10 s) until a daemon other than pid P serves
served() {
	slowwait 10 daemon_replaced "$1"
}

# new_taint BEFORE: the taint flags the kernel took since
# /proc/sys/kernel/tainted read BEFORE, out-of-tree and unsigned modules
# (O, E) aside: an oops, BUG or WARN sets one (vm/lab's own status 242)
new_taint() {
	echo $(($(cat /proc/sys/kernel/tainted) & ~$1 & ~((1 << 12) | (1 << 13))))
}
