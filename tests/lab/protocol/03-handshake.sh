#!/bin/sh
# test: handshake: bad HELLO, FACTS, FETCH refused (64- and 32-bit)
# where: guest
# timeout: 120
#
# Every rule of the handshake broken once, by a 64-bit and a 32-bit tool
# (the compat ioctl: the same layout): commands before HELLO, HELLOs of
# other versions and sizes, reserved bits, undeclared or kernel ops, HELLO
# twice, facts out of bounds, bad FETCH commits. A pcnet32d of another
# ABI version is refused. Then the real daemon serves again.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

# the lines upcall-hostile handshake prints, in order
LINES="COPY before HELLO: EPROTO
FETCH before HELLO: EPROTO
FACTS before HELLO: EPROTO
HELLO v2, 64 bytes: EPROTONOSUPPORT
HELLO version 2: EPROTONOSUPPORT
HELLO version next: EPROTONOSUPPORT
HELLO size - 8: EINVAL
HELLO flags: EINVAL
HELLO direct ports: EPERM
HELLO pad: EINVAL
HELLO reserved: EINVAL
HELLO nic not zero: EINVAL
HELLO kernel op: EINVAL
HELLO unknown op: EINVAL
HELLO op 0: EINVAL
HELLO ok: OK
nic: io_len 0x20 has_mii 0 state_len 168 ifname eth0
HELLO twice: EALREADY
FACTS regs_len MII: ERANGE
FACTS regs_len 0: ERANGE
FACTS test count 0: ERANGE
FACTS test count -95: ERANGE
FACTS stats count 2: ERANGE
FACTS set 31 count -22: ERANGE
FACTS set 7 count 1: OK
FACTS twice: EALREADY
FACTS reserved: EINVAL
FETCH stale id: ENOENT
FETCH size: EINVAL
FETCH version: EINVAL
FETCH flags: EINVAL
FETCH nowait, stale id: ENOENT
FETCH nowait, id 0: EINVAL
FETCH reserved: EINVAL
FETCH status 1: EINVAL
FETCH status -4096: EINVAL
FETCH status with payload: EINVAL
FETCH rep_len 4097: EINVAL
FETCH proc_ns 61 s: EINVAL
FETCH id 0, nothing queued: EINTR
FETCH id 0 with a status: EINVAL"

ktap_plan 88
check "the daemon stops" /lab/driver/daemon-stop
upcall_reset
dmesg -c >/dev/null
echo 0 >/sys/module/pcnet32/parameters/allow_direct_ports
out=$(
	/lab/driver/upcall-hostile handshake
	/lab/driver/upcall-hostile32 handshake | sed 's/^/32: /'
	PCNET32D_TEST_VERSION=2 /lab/driver/pcnet32d --keep-root 2>&1
	echo "v2=$?"
)
c=$(counters)
echo "# kernel messages refusing ABI version 2: $(dmesg | grep -c 'ABI version 2, not [0-9]*: refused')"
# a whole line of the output
line() {
	printf '%s\n' "$out" | grep -qxF -- "$1"
}
# pcnet32d of another version: refused, it says so and exits 1
check_has "a pcnet32d of ABI version 2 says it is refused" "$out" "does not speak ABI version 2: exiting"
check "and exits 1" line "v2=1"
check "poll on a fresh node: idle" line "poll idle: 0"
while IFS= read -r l; do
	check "64-bit: $l" line "$l"
	check "32-bit: $l" line "32: $l"
done <<EOT
$LINES
EOT
# two tools: 2 x (3 before HELLO, 3 versions, 10 bad HELLOs, 8 bad FACTS),
# and pcnet32d's version 2
check_eq "the kernel's counts of refusals" "$(counters_of "$c" hello refused badhello badfacts nohello)" "2 7 20 16 6"
check_has "the real daemon serves again" "$(/lab/driver/daemon-start && ethtool -i eth0 | head -n 2)" "version: 1.0-ours"
ktap_finished
