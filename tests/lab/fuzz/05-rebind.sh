#!/bin/sh
# test: unbind/bind: the supervisor waits for the node, a new daemon serves
# where: guest
# timeout: 120
#
# Unbind the NIC from the driver and bind it again: the daemon loses its
# node (REQUEST fails), the supervisor waits for the node to come back
# instead of crash-looping, and a new daemon serves. The kernel gives the
# NIC the lowest free node index again (an IDA); with a growing index the
# node came back as pcnet32-upcall1 and this failed. Afterwards the module
# is reloaded, whatever happened, so that the next test starts from node 0.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fuzz/fuzz.sh
. "$(dirname "$0")/fuzz.sh"

rebind() {
	: >"$DAEMON_LOG"
	bus=$(ethtool -i eth0 | sed -n 's/^bus-info: //p')
	echo "$bus" >/sys/bus/pci/drivers/pcnet32/unbind
	# unbound for 1 s: the daemon's REQUEST fails, the supervisor waits
	sleep 1
	echo "$bus" >/sys/bus/pci/drivers/pcnet32/bind
	t0=$(now_ms)
	lab-ifup >/dev/null 2>&1
	n=0
	until ethtool -i eth0 2>/dev/null | grep -q 'version: 1.0-ours'; do
		n=$((n + 1))
		[ "$n" -lt 100 ] || break
		sleep 0.1
	done
	ethtool -i eth0 | grep -q 'version: 1.0-ours'
	echo "back=$? ms=$(($(now_ms) - t0))"
	# shellcheck disable=SC2010 # the nodes by name, as the suite listed them
	ls /dev | grep pcnet32-upcall
	cat "$DAEMON_LOG"
	/lab/driver/unload
	/lab/driver/load && lab-ifup
	echo "reload=$?"
}

ktap_plan 6
ran rebind
echo "# $(printf '%s\n' "$OUT" | grep '^back=' | head -n 1)"
check_eq "the rebind ran (status 0)" "$ST" 0
check_has "a new daemon serves (ethtool -i: the real version)" "$OUT" "back=0 "
check_has "the supervisor waited for the node" "$OUT" "waiting for /dev/pcnet32-upcall0"
check_has "the node came back as node 0" "$OUT" "/dev/pcnet32-upcall0 is back"
check_hasnt "no crash loop" "$OUT" "never ready"
check_has "the module reloaded and the interface is up" "$OUT" "reload=0$NL"
ktap_finished
