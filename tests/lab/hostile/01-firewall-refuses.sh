#!/bin/sh
# test: a mediated daemon's writes to DMA, control and mode registers are refused
# where: guest
# timeout: 120
#
# A mediated daemon (no port access) sends register programs: with no
# request held (ENOENT); for an op that does not reach the NIC (drvinfo:
# EPERM); for the link settings and the dump, a write of its own to every
# DMA, control and mode register (EPERM: counted, nothing runs), malformed
# programs (EINVAL, E2BIG), spaces beyond CSR, BCR, MII and the APROM (RAP
# and the reset ports are no register of any space). The dump's reads are
# allowed. Afterwards the DMA registers read as before and the fast path
# serves.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

# the DMA registers in a raw dump: CSR1/2, CSR24..31, CSR76..78 (hex words)
dma_words() {
	od -An -v -tx2 -j 18 -N 4 "$1"
	od -An -v -tx2 -j 64 -N 16 "$1"
	od -An -v -tx2 -j 168 -N 6 "$1"
}

# lines of the hostile daemon's output that match a regular expression
lines_with() {
	printf '%s' "$out" | grep -c -e "$1" || true
}

ktap_plan 28
d=$(echo /sys/kernel/debug/pcnet32-0000:*)
rm -f /tmp/fw.before /tmp/fw.after /tmp/fw.dma.before /tmp/fw.dma.after /tmp/fw.out
ethtool -d eth0 raw on >/tmp/fw.before && dma_words /tmp/fw.before >/tmp/fw.dma.before
before=$?
/lab/driver/daemon-stop && echo 0 >"$d/regaccess"
/lab/driver/upcall-hostile regs >/tmp/fw.out 2>&1 &
h=$!
# it said HELLO and tried its first program: the requests below reach it
slowwait 10 grep -q 'no request' /tmp/fw.out
ethtool -i eth0 >/dev/null 2>&1
ethtool eth0 >/dev/null 2>&1
ethtool -d eth0 >/dev/null 2>&1
# it ends after the dump's request
wait $h
out=$(
	cat /tmp/fw.out
	echo .
)
out=${out%.}
row=$(grep '^3 ' "$d/regaccess")
/lab/driver/daemon-start && ethtool -d eth0 raw on >/tmp/fw.after &&
	dma_words /tmp/fw.after >/tmp/fw.dma.after
after=$?
holds=$(cat "$d/fastpath_holds")
ping=$(ping -c 20 -i 0.05 -W 2 10.77.0.1 | tail -n 2)

check_eq "the dumps before and after were read, the daemon started again" "$before $after" "0 0"
check_has "a program with no request held: ENOENT" "$out" "op 0 no request: ENOENT$NL"
# drvinfo does not reach the NIC: every program refused
check_has "the daemon got get_drvinfo (op 1)" "$out" "got op 1$NL"
check_has "op 1: even the dump's reads refused (EPERM)" "$out" "op 1 dump reads: EPERM$NL"
# the link settings (ethtool eth0 asks them once or twice) may not write
# any of them, nor suspend
n14=$(printf '%s' "$out" | grep -c 'got op 14$' || true)
check_range "the daemon got get_link_ksettings (op 14) once or more" "$n14" 1 ""
check_eq "op 14: 21 writes refused (EPERM) per request" "$(lines_with 'op 14 write .*: EPERM$')" $((21 * n14))
check_eq "op 14: 21 updates refused (EPERM) per request" "$(lines_with 'op 14 update .*: EPERM$')" $((21 * n14))
check_has "op 14: the dump's reads refused (EPERM)" "$out" "op 14 dump reads: EPERM$NL"
# the dump: reads allowed, writes of every kind refused
check_has "the daemon got get_regs (op 3)" "$out" "got op 3$NL"
check_eq "op 3: 21 writes refused (EPERM)" "$(lines_with 'op 3 write .*: EPERM$')" 21
check_eq "op 3: 21 updates refused (EPERM)" "$(lines_with 'op 3 update .*: EPERM$')" 21
check_has "op 3: a read then a write of CSR24 refused whole (EPERM)" "$out" "op 3 read then write CSR24: EPERM$NL"
check_has "op 3: the dump's reads run (127 values)" "$out" "op 3 dump reads: OK 127$NL"
check_has "op 3: space 4 (RAP, reset ports) EINVAL" "$out" "op 3 space 4: EINVAL$NL"
check_has "op 3: space 255 EINVAL" "$out" "op 3 space 255: EINVAL$NL"
check_has "op 3: a write to the APROM EINVAL" "$out" "op 3 write APROM: EINVAL$NL"
check_has "op 3: command 0 EINVAL" "$out" "op 3 cmd 0: EINVAL$NL"
check_has "op 3: a suspend never resumed EINVAL" "$out" "op 3 suspend unresumed: EINVAL$NL"
check_has "op 3: CSR128 EINVAL" "$out" "op 3 csr 128: EINVAL$NL"
check_has "op 3: a poll of 2000 us E2BIG" "$out" "op 3 poll 2000 us: E2BIG$NL"
check_has "op 3: reserved bits EINVAL" "$out" "op 3 reserved: EINVAL$NL"
check_has "op 3: a program of 0 accesses EINVAL" "$out" "op 3 0 accesses: EINVAL$NL"
check_has "op 3: a program of 65 accesses E2BIG" "$out" "op 3 65 accesses: E2BIG$NL"
# the kernel counted the dump's programs (regaccess: op programs accesses
# refused malformed ...): the reads ran, 42 writes and the mixed one refused
check_eq "regaccess: one program of op 3 ran" "$(echo "$row" | awk '{ print $2 }')" 1
check_eq "regaccess: 43 programs of op 3 refused" "$(echo "$row" | awk '{ print $4 }')" 43
# nothing of it reached the chip's DMA registers; nothing stopped
check "the DMA registers read as before" cmp -s /tmp/fw.dma.before /tmp/fw.dma.after
check_eq "the fast path was never held" "$holds" 0
check_has "the NIC works: 20 pings to the host end, none lost" "$ping" " 0% packet loss"
if ! cmp -s /tmp/fw.dma.before /tmp/fw.dma.after; then
	echo "# DMA words before: $(tr '\n' ' ' </tmp/fw.dma.before)"
	echo "# DMA words after: $(tr '\n' ' ' </tmp/fw.dma.after)"
	echo "# regaccess of op 3: $row"
	sed 's/^/# /' /tmp/fw.out
fi
ktap_finished
