# shellcheck shell=sh
# shellcheck disable=SC2034 # its variables are for the scenarios
# tests/lab/repair/repair.sh: what the scenarios of this folder share,
# sourced after ../lib.sh; not a scenario itself (the runner skips it).

# the kernel's repair counters ("name value" lines; a write resets them)
REPAIR=/sys/kernel/debug/pcnet32-repair0
# the host end of the lab's link
HOST_END=10.77.0.1

# registers (pcnet32/hw.h) and the register dump's layout: the APROM
# words, then CSR0.., one 16-bit word each
CSR_IADR_LO=1
CSR_MODE=15
CSR_BADR_LO=24
CSR_BADX_LO=30
MODE_PROM=0x8000
DUMP_APROM_WORDS=8

# direct_restart: daemon_restart with the daemon on the
# NIC's ports itself (--ports direct)
direct_restart() {
	daemon_restart PCNET32D_ARGS="--ports direct"
}

# counter TEXT NAME: the value of NAME in a text of the repair file (empty
# when absent)
counter() {
	printf '%s\n' "$1" | awk -v k="$2" '$1 == k { print $2; exit }'
}

# dump_words: the register dump (ethtool -d raw) as unsigned 16-bit words
dump_words() {
	ethtool -d eth0 raw on | od -An -tu2 -v
}

# dump_csr TEXT N: CSR N of a dump_words text, -1 if the dump is short
dump_csr() {
	printf '%s\n' "$1" | awk -v i=$((DUMP_APROM_WORDS + $2)) '
		{ for (f = 1; f <= NF; f++) w[n++] = $f }
		END { print (n > i ? w[i] : -1) }'
}

# dump_csr32 TEXT LO: CSR LO and LO+1 of a dump_words text as one 32-bit
# value (an address), -1 if the dump is short
dump_csr32() {
	printf '%s\n' "$1" | awk -v i=$((DUMP_APROM_WORDS + $2)) '
		{ for (f = 1; f <= NF; f++) w[n++] = $f }
		END { print (n > i + 1 ? w[i] + w[i + 1] * 65536 : -1) }'
}

# quiet_dump: a register dump through the daemon (get_regs, op 3)
quiet_dump() {
	ethtool -d eth0 >/dev/null
}

# ping_back: ping the host end once (1 s each) until it answers, 5 times
# at most: PINGS the attempts (6: no answer), FLOW the ms it took
ping_back() {
	_t0=$(now_ms)
	_n=0
	until [ $_n -ge 5 ] || ping -c 1 -W 1 "$HOST_END" >/dev/null; do
		_n=$((_n + 1))
	done
	_t1=$(now_ms)
	PINGS=$((_n + 1))
	FLOW=$((_t1 - _t0))
}

# leave_chip OP WHAT CMD...: restart the daemon (direct ports), arm the
# fault leave-WHAT in op OP (by name; every daemon leaves the chip so after
# every call of OP, before the reply), reset the repair counters, run CMD
# (its output in LC_OUT, its status in LC_ST), then ping the host until it
# answers (ping_back: PINGS, FLOW from CMD's end). LC_REPAIR is the repair
# file then; the fault is disarmed and the daemon restarted plain (direct
# ports).
leave_chip() {
	direct_restart && fault-arm "$1" "leave-$2" --times -1 >/dev/null &&
		echo 0 >"$REPAIR"
	shift 2
	LC_OUT=$("$@")
	LC_ST=$?
	ping_back
	LC_REPAIR=$(cat "$REPAIR")
	fault-arm --off >/dev/null
	direct_restart
}

# check_repaired KIND: after leave_chip, traffic within 1 s, one repair of
# KIND, one reinitialization and none failed (5 checks)
check_repaired() {
	echo "# traffic again after $FLOW ms, $PINGS ping(s)"
	check_range "the host answers within 5 pings" "$PINGS" 1 6
	check_range "traffic again within 1 s" "$FLOW" 0 1000
	check_eq "one repair of kind $1 counted" "$(counter "$LC_REPAIR" "$1")" 1
	check_eq "one reinitialization" "$(counter "$LC_REPAIR" reinits)" 1
	check_eq "no reinitialization failed" "$(counter "$LC_REPAIR" reinit_failed)" 0
}

# dma_rewritten WHAT CSR...: get_regs returns with the DMA registers of
# WHAT (rings, iadr) zeroed; the repair puts back the 32-bit values of
# CSR and CSR+1 (each CSR). 1 + 5 + 2 per CSR checks.
dma_rewritten() {
	_what=$1
	shift
	_before=$(dump_words)
	check_eq "a register dump reads before" "$?" 0
	leave_chip get_regs "$_what" quiet_dump
	check_repaired dma
	_after=$(dump_words)
	for _c in "$@"; do
		_b=$(dump_csr32 "$_before" "$_c")
		_a=$(dump_csr32 "$_after" "$_c")
		_r="CSR$_c/$((_c + 1))"
		echo "# $_r $(printf '%08x' "$_b"), after $(printf '%08x' "$_a")"
		check_range "$_r is programmed (non-zero) before" "$_b" 1 ""
		check_eq "$_r has its programmed value again after the repair" "$_a" "$_b"
	done
}
