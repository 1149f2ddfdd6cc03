#!/bin/sh
# test: a frame arriving during an op on the ports
# where: host
# timeout: 60
#
# An op on the ports that stops and starts the chip (the register dump's
# resume) clears the chip's pending interrupt flags: a frame that arrived
# just before it raises no interrupt afterwards and would wait in the ring
# for the next frame. The kernel looks at its rings after every op on the
# ports and schedules NAPI if they hold work (pcnet32_ports_op_done()).
# Made certain here: the dump's entry fault point waits 2 s (under the
# register lock, interrupts off) while the host sends one echo request
# and nothing else; the reply must come without another frame. Without
# the look at the rings after the op, the ping gets no answer.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = guest ]; then
	case "${2:-}" in
	arm)
		# the dump starts 0.3 s from now (part of the scenario) and
		# holds the chip 2 s at its entry
		fault-arm get_regs sleep --at entry --ms 2000 --times 1 &&
			{ (
				sleep 0.3
				ethtool -d eth0
			) >/dev/null 2>&1 </dev/null & }
		;;
	show)
		# once the dump has ended (it holds the chip 2 s)
		dump_ended() { ! pidof ethtool >/dev/null; }
		slowwait 10 dump_ended || echo "the dump still runs after 10 s"
		fault-arm --show
		;;
	*) exit 2 ;;
	esac
	exit
fi
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=traffic/traffic.sh
. "$(dirname "$0")/traffic.sh"

ktap_plan 8
lab_is_up
# both ends know each other's address: the echo is the only frame
on_host 30 "ping -q -c 2 -i 0.2 -W 2 \"\$GUEST\" >/dev/null"
check_eq "two pings first: both ends know each other's address (status 0)" "$?" 0
in_guest_part 30 arm
check_eq "get_regs armed to wait 2 s at its entry, ethtool -d in 0.3 s (status 0)" "$?" 0
# lands in the 2 s the dump holds the chip, 0.3 s after it began (the
# second's delay is part of the scenario)
on_host 30 "sleep 1; ping -c 1 -W 6 \"\$GUEST\""
check_eq "the one echo request sent during the dump is answered (status 0)" "$?" 0
in_guest_part 30 show
check_eq "fault-arm --show after the dump (status 0)" "$?" 0
check_has "the fault fired, once" "$OUT" "fired=1"
working
ktap_finished
