# shellcheck shell=sh
# tests/lab/mutant.sh: the mutant-schemata scenario both fault suites run
# (fault-split/07-mutant.sh, fault-inkernel/05-mutant.sh), on the host
# after lib.sh and host.sh: it reads the build's list of mutants
# (build/mutants/mutants.tsv) and arms one in the guest with fault-arm.
#
# The mutant: get_strings' copy loop with its condition inverted, so that
# ethtool -t prints its test's name empty: the same visible change on
# both builds (in the daemon in split, in the module in inkernel), and
# nothing else broken.

MUTANTS=$LAB_ROOT/build/mutants/mutants.tsv

# mutant_index OPERATOR FUNCTION: the index of the first such mutant, or
# nothing
mutant_index() {
	awk -F '\t' -v o="$1" -v f="$2" 'NR > 1 && $3 == o && $4 == f { print $1; exit }' "$MUTANTS"
}

# has_line TEXT LINE: TEXT has LINE, whole
has_line() {
	printf '%s\n' "$1" | grep -qx "$2"
}

# mutant_scenario LOG: the checks; LOG: where the build says a mutant fired
# ("dmesg" or a file in the guest)
mutant_scenario() {
	ktap_plan 8
	n=$(mutant_index loop pcnet32_op_get_strings 2>/dev/null)
	check "the list has get_strings' loop mutant (index ${n:-none})" test -n "$n"
	n=${n:-0}
	seen=$(guest sh -c "fault-arm get_strings mutant --mutant 0 --times -1 &&
		ethtool -t eth0 >/dev/null; fault-arm --seen; fault-arm --off" 2>&1)
	check "tracing get_strings, ethtool -t reached it" has_line "$seen" "$n"
	before=$(guest ethtool -t eth0 2>&1)
	check_has "disarmed, ethtool -t names its test" "$before" "Loopback test  (offline)"
	armed=$(guest sh -c "fault-arm get_strings mutant --mutant $n --times -1 &&
		ethtool -t eth0; fault-arm --show" 2>&1)
	check_hasnt "armed, the test's name is gone" "$armed" "Loopback test"
	check_has "armed, the test still ran and passed" "$armed" "The test result is PASS"
	fired=$(printf '%s\n' "$armed" | sed -n 's/.* fired=\([0-9]*\).*/\1/p')
	check_range "the mutant fired, once for the one call" "${fired:-0}" 1 2
	if [ "$1" = dmesg ]; then
		log=$(guest dmesg 2>&1)
	else
		log=$(guest cat "$1" 2>&1)
	fi
	check_has "the build said so" "$log" "mutant $n fired (firing 1)"
	after=$(guest sh -c "fault-arm --off && ethtool -t eth0" 2>&1)
	check_has "disarmed again, the name is back" "$after" "Loopback test  (offline)"
	ktap_finished
}
