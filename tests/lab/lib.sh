# shellcheck shell=sh
# tests/lab/lib.sh: what every lab scenario script sources (POSIX sh: the
# guest's shell is busybox's; the host's scripts use it too).
#
# A scenario prints KTAP (one line per check):
#   KTAP version 1
#   1..N
#   ok 1 what was checked
#   not ok 2 what was checked # what was seen instead
#   ok 3 what was checked # SKIP why
# and exits 0 when every check passed, 1 when one failed, 4 when it was
# skipped as a whole (kselftest's statuses). The plan comes first: a
# scenario that dies half-way leaves fewer results than it planned, which
# tests/run counts as a failure.
#
# Scenarios that need the host side of the link (ping, iperf3 from the
# host) run on the host and reach the guest through vm/lab (host.sh);
# the others run in the guest: vm/lab exec --name LAB -- /lab/tests/DIR/X.sh

KTAP_N=0
KTAP_FAILED=0

# the header and the plan: ktap_plan N
ktap_plan() {
	echo "KTAP version 1"
	echo "1..$1"
}

ktap_pass() { # description
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1"
}

ktap_fail() { # description reason
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	# a reason on one line: KTAP's directive ends at the line's end
	echo "not ok $KTAP_N $1 # $(printf '%s' "$2" | tr '\n' ' ' | cut -c1-300)"
}

ktap_skip() { # description reason
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1 # SKIP $2"
}

# the end of a scenario: its exit status
ktap_finished() {
	[ "$KTAP_FAILED" = 0 ] && exit 0
	exit 1
}

# skip the whole scenario (before any check): ktap_skip_all reason
ktap_skip_all() {
	echo "KTAP version 1"
	echo "1..0 # SKIP $1"
	exit 4
}

# ---- checks: each prints one KTAP line -----------------------------------

# check DESCRIPTION CMD...: passes when CMD succeeds
check() {
	_d=$1
	shift
	if "$@"; then ktap_pass "$_d"; else ktap_fail "$_d" "failed: $*"; fi
}

# check_eq DESCRIPTION GOT WANT
check_eq() {
	if [ "$2" = "$3" ]; then ktap_pass "$1"; else ktap_fail "$1" "got '$2', want '$3'"; fi
}

# check_has DESCRIPTION TEXT NEEDLE: TEXT contains NEEDLE (fixed string)
check_has() {
	case "$2" in
	*"$3"*) ktap_pass "$1" ;;
	*) ktap_fail "$1" "no '$3' in: $(printf '%s' "$2" | tail -c 200)" ;;
	esac
}

# check_hasnt DESCRIPTION TEXT NEEDLE: TEXT does not contain NEEDLE
check_hasnt() {
	case "$2" in
	*"$3"*) ktap_fail "$1" "found '$3'" ;;
	*) ktap_pass "$1" ;;
	esac
}

# check_count DESCRIPTION TEXT NEEDLE N: NEEDLE occurs N times in TEXT
check_count() {
	_n=$(printf '%s' "$2" | grep -c -F -- "$3" || true)
	check_eq "$1" "$_n" "$4"
}

# check_range DESCRIPTION VALUE LOW HIGH: LOW <= VALUE < HIGH (integers;
# an empty bound is open)
check_range() {
	if [ -n "$2" ] && [ "$2" -eq "$2" ] 2>/dev/null &&
		{ [ -z "$3" ] || [ "$2" -ge "$3" ]; } && { [ -z "$4" ] || [ "$2" -lt "$4" ]; }; then
		ktap_pass "$1"
	else
		ktap_fail "$1" "got '$2', want [${3:--inf}, ${4:-inf})"
	fi
}

# ---- waiting and reading -------------------------------------------------

# milliseconds since boot (the guest's clock; 10 ms steps)
now_ms() {
	awk '{ printf "%d", $1 * 1000 }' /proc/uptime
}

# slowwait SECONDS CMD...: run CMD every 0.1 s until it succeeds (status
# 0) or SECONDS have passed (status 1)
slowwait() {
	_end=$(($(now_ms) + $1 * 1000))
	shift
	until "$@"; do
		[ "$(now_ms)" -lt "$_end" ] || return 1
		sleep 0.1
	done
}

# ---- the driver under test (guest side) --------------------------------

UPCALL_DIR=/sys/kernel/debug/pcnet32-upcall0
UPCALL_SAMPLES=$UPCALL_DIR/samples
UPCALL_COUNTERS=$UPCALL_DIR/counters
DAEMON_LOG=/var/log/pcnet32d.log

# counters: the split build's channel counters now, on one line ("calls 3
# absent 0 timeouts 0 ..."), from its debugfs counters file (one "name
# value" a line, driver-split/README.md)
counters() {
	awk 'NF == 2 { printf "%s%s %s", (n++ ? " " : ""), $1, $2 } END { print "" }' \
		"$UPCALL_COUNTERS"
}

# counters_of LINE NAME...: those counters of a counters line, by name,
# their values separated by a space (an absent one: empty; a name given
# twice: its first value)
counters_of() {
	_line=$1
	shift
	printf '%s\n' "$_line" | awk -v ks="$*" '
		{ for (i = 1; i < NF; i += 2) if (!($i in v)) v[$i] = $(i + 1) }
		END { n = split(ks, k, " "); for (j = 1; j <= n; j++) printf "%s%s", (j > 1 ? " " : ""), v[k[j]]; print "" }'
}

# counter_of LINE NAME: one counter of a counters line, by name (empty
# when absent)
counter_of() {
	counters_of "$1" "$2"
}

# upcall_counter NAME: one counter of the channel now, by name
upcall_counter() {
	counter_of "$(counters)" "$1"
}

# attached: a daemon said HELLO since the counters were reset
attached() {
	[ "$(upcall_counter hello)" -ge 1 ] 2>/dev/null
}

# upcall_reset: forget the channel's counters and samples
upcall_reset() {
	echo 0 >"$UPCALL_SAMPLES"
}

# nic_debugfs FILE: a file of the driver's own debugfs folder
# (pcnet32-<PCI address>/FILE)
nic_debugfs() {
	cat /sys/kernel/debug/pcnet32-0000:*/"$1"
}

# fastpath_idle: the driver's datapath file (one "name value" a line) says
# the fast path is at rest and ready: NAPI not scheduled (a NAPI left
# disabled reads as scheduled), the chip's interrupts wanted, no received
# frame waiting on the ring
fastpath_idle() {
	nic_debugfs datapath | awk '
		$1 == "running" { r = $2 } $1 == "ien" { i = $2 }
		$1 == "napi_sched" { n = $2 } $1 == "rx_host_owned" { h = $2 }
		END { exit !(r == 1 && i == 1 && n == 0 && h == 0) }'
}

# daemon_restart [VAR=VALUE...]: stop pcnet32d, empty its log, start it
# again with these variables (PCNET32D_ARGS, ...); none: as it was set up
# shellcheck disable=SC2120 # a scenario may call it without any
daemon_restart() {
	/lab/driver/daemon-stop && : >"$DAEMON_LOG" && env "$@" /lab/driver/daemon-start
}

# hold_op OP MS: every daemon holds op OP (by name) MS ms at its entry,
# before it replies, on every call until hold_off: the fault kind sleep,
# armed through the daemon's fault control file (it outlives the daemons,
# so the supervisor's next daemon holds the op too)
hold_op() {
	fault-arm "$1" sleep --ms "$2" --times -1 >/dev/null
}

# hold_off: no op held any more (disarms every fault)
hold_off() {
	fault-arm --off >/dev/null
}

# daemon_restarted N: the supervisor has restarted the daemon N times and
# the new one is ready
daemon_restarted() {
	grep -q "restart $1 " "$DAEMON_LOG" && [ -s /run/pcnet32d.ready ]
}

# quiet CMD...: CMD with its output thrown away (for check: a redirection
# after check would swallow the KTAP line too)
quiet() {
	"$@" >/dev/null 2>&1
}

# a tab and a newline, for needles ("got op 1$NL": a line that ends so)
# shellcheck disable=SC2034 # for the scenarios
TAB=$(printf '\t')
# shellcheck disable=SC2034
NL='
'

