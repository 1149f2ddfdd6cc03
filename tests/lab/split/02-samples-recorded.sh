#!/bin/sh
# test: phase timings are recorded per upcall
# where: guest
# timeout: 60
#
# Each answered upcall leaves one row of phase timings in debugfs; the
# samples file is a plain CSV (its header row first), the counters are
# their own file, one "name value" a line.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 7
upcall_reset
ethtool -i eth0 >/dev/null
ethtool -d eth0 >/dev/null
out=$(cat "$UPCALL_SAMPLES")
check_eq "the samples file reads" "$?" 0
check_eq "the header row comes first" "$(printf '%s\n' "$out" | head -n 1)" \
	"op,status,wait_ns,copy_ns,proc_ns,reply_ns,user_ns,total_ns"
check_has "a row of get_drvinfo (op 1)" "$out" "
1,0,"
check_has "a row of get_regs (op 3)" "$out" "
3,0,"
check_eq "every counters line is a name and a value" \
	"$(awk 'NF != 2 || $2 !~ /^[0-9]+$/' "$UPCALL_COUNTERS")" ""
check_eq "the counters file names the first and the last counter" \
	"$(awk '$1 == "calls" || $1 == "direct_mismatch" { n++ } END { print n }' "$UPCALL_COUNTERS")" 2
calls=$(upcall_counter calls)
check_eq "calls counts the upcalls (at least 2)" "$([ "${calls:-0}" -ge 2 ] && echo yes)" yes
ktap_finished
