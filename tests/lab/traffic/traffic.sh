# shellcheck shell=sh
# tests/lab/traffic/traffic.sh: what the scenarios of this folder source
# after host.sh; no scenario of its own. Each command runs on the host end
# of the link or in the guest, bounded in time (on_host, in_guest: the
# caller gives the seconds), and one that fails leaves its status, output
# and errors as KTAP notes.

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# told WHAT STATUS: after a failed command, its status and (the first
# 2000 bytes of) its output and errors, as notes
told() {
	[ "$2" = 0 ] && return 0
	echo "# traffic: $1: status $2"
	head -c 2000 "$TMP/out" | sed 's/^/# out: /'
	head -c 2000 "$TMP/err" | sed 's/^/# err: /'
}

# captured WHAT CMD...: CMD's output in $OUT (and $TMP/out, $TMP/err),
# told as WHAT when it fails; its status
captured() {
	_what=$1
	shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	_st=$?
	OUT=$(cat "$TMP/out")
	told "$_what" "$_st"
	return "$_st"
}

# on_host SECONDS TEXT: shell text on the host end of the link ($GUEST,
# $LAB_SSH_CONFIG), killed after SECONDS (timeout -k 5); its output in
# $OUT; its status
on_host() {
	captured "host: $2" "$LAB" host --name "$LAB_NAME" -- timeout -k 5 "$1" sh -c "$2"
}

# in_guest SECONDS CMD...: a command in the guest (vm/lab exec --timeout
# SECONDS: 242 after an oops or a WARN); its output in $OUT; its status
in_guest() {
	_t=$1
	shift
	captured "guest: $*" "$LAB" exec --name "$LAB_NAME" --timeout "$_t" -- "$@"
}

# in_guest_part SECONDS ARGS...: this scenario's guest side, as in_guest
in_guest_part() {
	_t=$1
	shift
	in_guest "$_t" "/lab/tests/$SCENARIO" guest "$@"
}

# lab_is_up: one check, that the suite's lab is up; the scenario ends
# there if not (no later check can pass without a lab)
lab_is_up() {
	check "the lab is up (vm/lab host answers)" quiet "$LAB" host --name "$LAB_NAME" -- true
	[ "$KTAP_FAILED" = 0 ] || ktap_finished
}

# working: two checks: 5 pings from the host, none lost: the interface
# works
working() {
	on_host 60 "ping -q -c 5 -i 0.2 -W 3 \"\$GUEST\""
	check_eq "the interface works: 5 pings from the host (status 0)" "$?" 0
	check_has "none of the 5 lost" "$OUT" " 0% packet loss"
}

# ping_behind SECONDS: a ping from the host that runs on in the
# background for the next SECONDS (not checked: the load of a scenario)
ping_behind() {
	on_host 30 "ping -q -i 0.1 -w $1 \"\$GUEST\" >/dev/null 2>&1 </dev/null &" || :
}

# first_word TEXT: the first word of an output (a checksum)
first_word() {
	printf '%s\n' "$1" | awk 'NF { print $1; exit }'
}
