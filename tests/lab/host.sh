# shellcheck shell=sh
# tests/lab/host.sh: what a scenario that runs on the host sources after
# lib.sh ("# where: host" in its header). LAB_NAME names a lab that is up:
#   vm/lab up --driver split --name x && LAB_NAME=x tests/lab/split/X.sh
# The scenario's guest side is the same file, run in the guest with the
# argument "guest" (guest_part).
: "${LAB_NAME:?set LAB_NAME to a lab that is up (vm/lab up --driver D --name N)}"

LAB_ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
LAB=$LAB_ROOT/vm/lab
# this script's path under tests/lab/ (the guest has it under /lab/tests/)
SCENARIO=${0##*tests/lab/}

# guest CMD...: a command in the lab's guest (status passes through)
guest() {
	"$LAB" exec --name "$LAB_NAME" --timeout "${GUEST_TIMEOUT:-300}" -- "$@"
}

# guest_part ARGS...: this scenario's guest side
# shellcheck disable=SC2120 # its arguments are the guest side's
guest_part() {
	guest "/lab/tests/$SCENARIO" guest "$@"
}

# host_sh SCRIPT: shell text on the host end of the lab's link ($GUEST is
# the guest's address there)
host_sh() {
	"$LAB" host --name "$LAB_NAME" -- sh -c "$1"
}

# host_ping COUNT INTERVAL [WAIT]: ping the guest from the host end
host_ping() {
	host_sh "ping -c $1 -i $2 -W ${3:-2} \"\$GUEST\""
}

# host_iperf ARGS...: iperf3 from the host end to the guest's server, its
# JSON report (-J) on stdout
host_iperf() {
	# shellcheck disable=SC2016 # expanded on the host end
	"$LAB" host --name "$LAB_NAME" -- sh -c 'iperf3 -c "$GUEST" -J "$@"' iperf3 "$@"
}
