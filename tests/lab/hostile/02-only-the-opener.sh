#!/bin/sh
# test: only the opener's thread group drives the node; COPY id checked
# where: guest
# timeout: 60
#
# A child that inherited the daemon's descriptor cannot drive the channel
# (EPERM, counted as foreign); the opener still can. A COPY naming a
# request the daemon does not hold is refused, from a 64-bit and a 32-bit
# daemon alike (the compat ioctl).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

ktap_plan 10
/lab/driver/daemon-stop
upcall_reset
fork=$(
	/lab/driver/upcall-hostile fork
	echo .
)
fork=${fork%.}
id64=$(
	/lab/driver/upcall-hostile copy-id
	echo .
)
id64=${id64%.}
id32=$(
	/lab/driver/upcall-hostile32 copy-id | sed 's/^/32: /'
	echo .
)
id32=${id32%.}
c=$(counters)
/lab/driver/daemon-start
st=$?
check_eq "the real daemon starts again" "$st" 0
check_has "the child's COPY: EPERM" "$fork" "child COPY EPERM$NL"
check_has "the child's REPLY: EPERM" "$fork" "child REPLY EPERM$NL"
check_has "the child's REQUEST: EPERM" "$fork" "child REQUEST EPERM$NL"
check_has "the parent's COPY after it: OK" "$fork" "parent COPY OK$NL"
check_eq "the kernel counts the child's 3 as foreign" "$(counter_of "$c" foreign)" 3
check_has "64-bit: COPY id 0 OK" "$id64" "COPY id 0: OK$NL"
check_has "64-bit: COPY of an id never issued EINVAL" "$id64" "COPY id 999999: EINVAL$NL"
# a 32-bit daemon gets the same answers (the compat ioctl)
check_has "32-bit: COPY id 0 OK" "$id32" "32: COPY id 0: OK$NL"
check_has "32-bit: COPY of an id never issued EINVAL" "$id32" "32: COPY id 999999: EINVAL$NL"
ktap_finished
