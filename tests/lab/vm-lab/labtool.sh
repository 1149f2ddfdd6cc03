# shellcheck shell=sh
# shellcheck disable=SC2034 # its variables are for the scenarios
# tests/lab/vm-lab/labtool.sh: what the scenarios of the lab tool's own
# suites share (this folder's, "lab: stock guest", and
# ../vm-lab-failures/, "lab: failures"), sourced after ../lib.sh (and
# ../host.sh in this folder); not a scenario itself (the runner skips
# it). The scenarios run on the host and drive vm/lab itself: each command
# bounded (timeout -k 5), its status, output and errors kept for the
# checks. A scenario that boots a lab of its own names it from the run's
# name (RUN: the runner's LAB_NAME, unique to a run) and says so with
# own_lab: that lab is taken down however the scenario exits.

LABTOOL_ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
LAB=$LABTOOL_ROOT/vm/lab
# where vm/lab keeps a lab's state (its BUILD, as vm/lab reads it)
LAB_STATE=${BUILD:-$LABTOOL_ROOT/build}/lab
# the run's name: the suite's lab, or with driver=none the run's (by
# hand, without LAB_NAME: one of this shell's)
RUN=${LAB_NAME:-byhand-$$}

TMP=$(mktemp -d)
OWN_LABS=""
PAUSED_LAB=""

# on every exit: a lab this scenario paused is resumed, the labs it
# booted are taken down (vm/lab down of a lab already gone does nothing)
labtool_exit() {
	[ -z "$PAUSED_LAB" ] || "$LAB" resume --name "$PAUSED_LAB" >/dev/null 2>&1 || :
	for _l in $OWN_LABS; do
		"$LAB" down --name "$_l" >/dev/null 2>&1 || :
	done
	rm -rf "$TMP"
}
trap labtool_exit EXIT
# a signal ends the scenario through its EXIT trap
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# own_lab NAME: a lab this scenario boots (before it boots it): taken
# down when the scenario exits
own_lab() {
	OWN_LABS="$OWN_LABS $1"
}

# bounded SECONDS CMD...: CMD, killed after SECONDS (timeout -k 5: status
# 124, or 137); its status in ST (and returned), its wall time in MS
# (milliseconds), its output in $TMP/out and $TMP/err, and as text (the
# first 64 KiB, NULs dropped) in OUT and ERR
bounded() {
	_s=$1
	shift
	_t0=$(now_ms)
	timeout -k 5 "$_s" "$@" >"$TMP/out" 2>"$TMP/err"
	ST=$?
	MS=$(($(now_ms) - _t0))
	OUT=$(head -c 65536 "$TMP/out" | tr -d '\000')
	ERR=$(head -c 65536 "$TMP/err" | tr -d '\000')
	return "$ST"
}

# vmlab SECONDS ARGS...: vm/lab ARGS, as bounded
vmlab() {
	_s=$1
	shift
	bounded "$_s" "$LAB" "$@"
}

# check_status DESCRIPTION WANT: the last command's status is WANT (its
# errors in the reason when not)
check_status() {
	if [ "$ST" = "$2" ]; then
		ktap_pass "$1"
	else
		ktap_fail "$1" "got '$ST', want '$2'; stderr: $(printf '%s' "$ERR" | tail -c 200)"
	fi
}

# one_line FILE: FILE is one line, ended by its newline (the lab's own
# messages are one line each)
one_line() {
	[ "$(wc -l <"$1" | tr -d ' ')" = 1 ] && [ "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' ')" = 0a ]
}

# is_text FILE TEXT: FILE holds exactly TEXT and a newline
is_text() {
	printf '%s\n' "$2" | cmp -s - "$1"
}

# leftovers NAME: what lab NAME left on the machine: its network namespace
# and its live (not zombie) QEMU processes, counted together; names
# compared whole (lab x's count is not lab x-2's)
leftovers() {
	_ns=$(ip netns list 2>/dev/null | awk -v ns="pcnet32-lab-$1" '$1 == ns { n++ } END { print n + 0 }')
	# the needle is built in awk: awk's own arguments do not hold it
	_qemu=$(ps -eo stat=,args= | awk -v lab="pcnet32-lab-$1" '
		BEGIN { needle = "-name " lab " " }
		$1 !~ /^Z/ && index($0 " ", needle) { n++ } END { print n + 0 }')
	echo $((_ns + _qemu))
}

# seconds MS: milliseconds as seconds with one decimal, for notes
seconds() {
	awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'
}

# iperf_once [-R]: 2 s of iperf3 from the host end of the suite's lab to
# the guest's server (-R: the guest sends), bounded to 30 s; the
# receiver's bits per second (iperf3 -J, read with jq) in BPS; fails when
# iperf3 or its report does (retried with slowwait: the guest's server
# re-opens its socket between two runs)
iperf_once() {
	# shellcheck disable=SC2016 # $GUEST is the host end's
	vmlab 30 host --name "$LAB_NAME" -- sh -c 'iperf3 -c "$GUEST" -t 2 -J "$@"' iperf3 "$@" &&
		BPS=$(jq -e .end.sum_received.bits_per_second <"$TMP/out")
}

# above_zero NUMBER: a (floating-point) number above zero
above_zero() {
	awk -v v="$1" 'BEGIN { exit !(v + 0 > 0) }'
}

# mbits BPS: bits per second as Mbit/s, for notes
mbits() {
	awk -v b="$1" 'BEGIN { printf "%.0f", b / 1e6 }'
}
