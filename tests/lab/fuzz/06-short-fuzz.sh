#!/bin/sh
# test: short hostile-daemon fuzz, direct then mediated with random register programs: no WARN/oops/taint, DMA registers unchanged, daemon and NIC recover
# where: host
# timeout: 690
#
# A short hostile-daemon fuzz (8000 replies, 800 random ioctls, fixed
# seed) under the full load, in two halves: a server on the NIC's ports
# (the paper's design), then a mediated one (the real daemon's default)
# that also sends random register programs while it holds requests
# (category REGS). No WARN, BUG, oops or lockdep line, no new taint (the
# lab's 242), the real daemon back and giving the same answers as before,
# the DMA registers (CSR1/2, CSR24/25, CSR30/31, CSR76/78, read with
# ethtool -d through the real daemon) the same after the mediated half as
# before it, and the NIC passes pings and a TCP stream. A kernel that took
# string-set counts from the daemon failed this (a WARN in dev_ethtool and
# an oops in the self-test within a few thousand replies). The fuzz runs
# in the guest (600 s at most), the pings and iperf3 from the host end
# after it (90 s at most): the timeout is their sum.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=fuzz/fuzz.sh
. "$(dirname "$0")/fuzz.sh"

# after TEXT FROM KEY: the number after the first KEY at or after the
# first FROM in TEXT; 0 when there is no FROM, no KEY after it, or no
# number
after() {
	case $1 in
	*"$2"*) ;;
	*)
		echo 0
		return
		;;
	esac
	_from=$2${1#*"$2"}
	case $_from in
	*"$3"*) ;;
	*)
		echo 0
		return
		;;
	esac
	_v=$(printf '%s\n' "${_from#*"$3"}" | sed -n '1s/^[[:space:]]*\([0-9]*\).*/\1/p')
	echo "${_v:-0}"
}

# at_least VALUE MIN: VALUE is a number and at least MIN
at_least() {
	[ "$1" -ge "$2" ] 2>/dev/null
}

fuzz() {
	GUEST_TIMEOUT=600 guest sh -c 'fuzz-run 11 8000 800 300'
}

# after the fuzz, host to guest: the battery's last op (ethtool -t)
# restarts the chip: the guest answers again within 10 s, then 20 echoes
# of 20 and iperf3
network() {
	# shellcheck disable=SC2016 # expanded on the host end
	"$LAB" host --name "$LAB_NAME" -- timeout -k 5 90 sh -c \
		'i=0; until ping -c 1 -W 1 "$GUEST" >/dev/null || [ $i -ge 10 ]; do i=$((i+1)); done; echo first-reply-after=$i; ping -c 20 -i 0.1 -W 2 "$GUEST" && iperf3 -c "$GUEST" -t 3'
}

ktap_plan 22
ran fuzz
fuzz_st=$ST
# the phases: "fuzz: seed 11, ports PORTS: R replies (target T), I ioctls"
phases=$(printf '%s' "$OUT" | awk '
	match($0, /fuzz: seed 11, ports [a-z]+: [0-9]+ replies \(target [0-9]+\), [0-9]+ ioctls/) {
		split(substr($0, RSTART, RLENGTH), w, " ")
		n++
		r += w[6]
		i += w[10]
	}
	END { printf "%d %d %d", n, r, i }')
printf '%s\n' "$OUT" | grep -F 'fuzz: seed 11, ports ' | sed 's/^.*\(fuzz: seed 11, ports \)/# \1/'
printf '%s\n' "$OUT" | grep -F 'fuzz-run: kernel log:' | head -n 1 | sed 's/^.*\(fuzz-run: kernel log:\)/# \1/'
read -r n_phases replies ioctls <<EOF
$phases
EOF
# both protocols' reply paths: "fuzz: F replies sent as FETCH commits"
fetched=$(printf '%s' "$OUT" | awk '
	/^fuzz: [0-9]+ replies sent as FETCH commits/ { f += $2 }
	END { printf "%d", f }')
echo "# $fetched replies as FETCH commits"

# the REGS category's counts in the mediated phase's report: programs
# sent in classes with the request held on the NIC, the kernel's answers
n_nic=$(after "$OUT" "fuzz: regs HELD_NIC " " sent ")
n_formed=$(after "$OUT" "fuzz: regs HELD_NIC_FORMED " " sent ")
eperm=$(after "$OUT" "fuzz: regs HELD_NIC " "EPERM=")
ok=$(after "$OUT" "fuzz: regs HELD_NIC_FORMED " "OK=")
ran_line=$(printf '%s\n' "$OUT" | grep -F ' programs ran (' | head -n 1)
n_ran=0 n_bad=1
if [ -n "$ran_line" ]; then
	n_ran=$(printf '%s\n' "$ran_line" | sed -n 's/^fuzz: regs \([0-9]*\) programs ran.*/\1/p')
	n_ran=${n_ran:-0}
	n_bad=$(after "$ran_line" "$ran_line" "checks: ")
fi
held=$(printf '%s\n' "$OUT" | grep -F 'in a held get_regs: ' | head -n 1 |
	sed 's/^.*in a held get_regs: //')
checks=$(printf '%s\n' "$held" | sed -n 's/^\([0-9][0-9]*\) checks.*/\1/p')
checks=${checks:-0}
changed=$(printf '%s\n' "$held" | sed -n 's/^[0-9][0-9]* checks, \([0-9][0-9]*\) changed.*/\1/p')
changed=${changed:-1}
echo "# REGS: $n_nic random and $n_formed formed programs on the NIC, $eperm refused by the firewall, $ok formed ran; $n_ran ran in all; $n_bad ran although refused; DMA checks $checks, changed $changed"
printf '%s\n' "$OUT" | grep -F 'fuzz-run: DMA registers before' | head -n 1 | sed 's/^.*\(fuzz-run: DMA registers before\)/# \1/'

check_eq "fuzz-run in the guest (status 0: no WARN, oops or taint)" "$fuzz_st" 0
# both servers, the targets between them
check_eq "two phases" "$n_phases" 2
check_has "a phase on direct ports" "$OUT" "fuzz: seed 11, ports direct: "
check_has "a phase on mediated ports" "$OUT" "fuzz: seed 11, ports mediated: "
check "at least 8000 replies" at_least "$replies" 8000
check "at least 800 ioctls" at_least "$ioctls" 800
check "at least 1000 replies as FETCH commits" at_least "$fetched" 1000
# random programs, refused by the firewall; programs of the op's own table, run
check "REGS: at least 100 random programs on the NIC" at_least "$n_nic" 100
check "REGS: at least 100 formed programs on the NIC" at_least "$n_formed" 100
check "REGS: at least 10 refused by the firewall (EPERM)" at_least "$eperm" 10
check "REGS: at least 10 formed programs ran (OK)" at_least "$ok" 10
check "REGS: at least 10 programs ran in all" at_least "$n_ran" 10
# the kernel's path agrees with its own checks: nothing refused ran
check_eq "REGS: none ran although the kernel's checks refuse it" "$n_bad" 0
# around the programs in held get_regs requests: the DMA registers stay
check "REGS: at least 5 DMA checks in held get_regs" at_least "$checks" 5
check_eq "REGS: the DMA registers never changed" "$changed" 0
check_has "no bad kernel log line" "$OUT" " 0 bad lines"
check_has "the battery gives the same answers as before" "$OUT" "fuzz-run: battery same as before: yes$NL"
check_has "the DMA registers unchanged" "$OUT" "fuzz-run: DMA registers unchanged: yes$NL"
check_has "fuzz-run's verdict: PASS" "$OUT" "fuzz-run: verdict PASS$NL"
case $OUT in
*"fuzz-run: verdict PASS$NL"*) ;;
*) printf '%s\n%s\n' "$OUT" "$ERR" | sed 's/^/# /' ;;
esac
if [ "$fuzz_st" != 0 ]; then
	# the guest is gone or its kernel broken: no network
	ktap_skip "after the fuzz, host to guest (status 0)" "the fuzz failed"
	ktap_skip "20 echoes of 20" "the fuzz failed"
	ktap_skip "iperf3's receiver" "the fuzz failed"
	ktap_finished
fi
ran network
check_eq "after the fuzz, host to guest (status 0)" "$ST" 0
check_has "20 echoes of 20" "$OUT" "20 packets transmitted, 20 received, 0% packet loss"
check_has "iperf3's receiver" "$OUT" "receiver"
[ "$ST" = 0 ] || printf '[after the fuzz, host to guest: %s\n%s]\n' "$OUT" "$ERR" | sed 's/^/# /'
ktap_finished
