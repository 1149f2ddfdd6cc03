#!/bin/sh
# test: scp 16 MiB both ways, same checksums
# where: host
# timeout: 300
#
# 16 MiB of random bytes copied by scp from the host to the guest, and
# 16 MiB more from the guest to the host: each copy has the sha256 of its
# original.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=traffic/traffic.sh
. "$(dirname "$0")/traffic.sh"

ktap_plan 10
lab_is_up
f=$TMP/traffic.bin
# host -> guest
on_host 300 "head -c 16777216 /dev/urandom >'$f' && sha256sum '$f' &&
	scp -O -q -F \"\$LAB_SSH_CONFIG\" '$f' lab-guest:/tmp/in.bin"
check_eq "host to guest: 16 MiB made, summed and sent by scp (status 0)" "$?" 0
a=$(first_word "$OUT")
in_guest 60 sha256sum /tmp/in.bin
check_eq "the guest sums its copy (status 0)" "$?" 0
b=$(first_word "$OUT")
check_eq "the host's sha256 has 64 digits" "${#a}" 64
check_eq "the guest's copy has the same sha256" "$b" "$a"
# guest -> host
in_guest 120 sh -c "head -c 16777216 /dev/urandom >/tmp/out.bin && sha256sum /tmp/out.bin && rm -f /tmp/in.bin"
check_eq "guest to host: 16 MiB made and summed in the guest (status 0)" "$?" 0
a=$(first_word "$OUT")
on_host 300 "scp -O -q -F \"\$LAB_SSH_CONFIG\" lab-guest:/tmp/out.bin '$f' && sha256sum '$f'"
check_eq "fetched by scp and summed on the host (status 0)" "$?" 0
b=$(first_word "$OUT")
check_eq "the guest's sha256 has 64 digits" "${#a}" 64
check_eq "the host's copy has the same sha256" "$b" "$a"
rm -f "$f"
in_guest 30 rm -f /tmp/out.bin
check_eq "the guest's file is removed (status 0)" "$?" 0
ktap_finished
