#!/bin/sh
# test: a daemon that never gets ready backs off 0.1, 0.2, 0.4, 0.8 s
# where: guest
# timeout: 60
#
# A daemon that dies before it is ready (here: false) is a crash loop: the
# supervisor backs off 0.1 s, 0.2 s, 0.4 s, 0.8 s, ... (its own files,
# beside the real supervisor's).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fuzz/fuzz.sh
. "$(dirname "$0")/fuzz.sh"

loop() {
	rm -f /tmp/cl.log /tmp/cl.pid /tmp/cl.ready
	PCNET32D=false PCNET32D_LOG=/tmp/cl.log PCNET32D_PIDFILE=/tmp/cl.pid \
		PCNET32D_READY=/tmp/cl.ready /lab/driver/pcnet32-supervise &
	s=$!
	# a window of 3.5 s in which it must back off and never restart at
	# once
	sleep 3.5
	kill "$s"
	wait "$s"
	cat /tmp/cl.log
}

ktap_plan 5
ran loop
check_has "restart 1 after 100 ms" "$OUT" "never ready; restart 1 in 100ms$NL"
check_has "restart 2 after 200 ms" "$OUT" "never ready; restart 2 in 200ms$NL"
check_has "restart 3 after 400 ms" "$OUT" "never ready; restart 3 in 400ms$NL"
check_has "restart 4 after 800 ms" "$OUT" "never ready; restart 4 in 800ms$NL"
check_hasnt "never a restart at once" "$OUT" " now$NL"
ktap_finished
