#!/bin/sh
# test: output with every byte value 0..255 comes back exactly
# where: host
# timeout: 150
#
# The guest's printf writes the 256 byte values in order (its format made
# of \000 to \377); vm/lab exec's stdout holds exactly those 256 bytes.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

# in_order FILE: FILE's bytes are 0, 1, ..., 255, no more
in_order() {
	od -An -v -tu1 "$1" | awk '
		{ for (i = 1; i <= NF; i++) if ($i != n++) bad = 1 }
		END { exit bad || n != 256 }'
}

ktap_plan 3
fmt=$(awk 'BEGIN { for (i = 0; i < 256; i++) printf "\\%03o", i }')
vmlab 120 exec --name "$LAB_NAME" -- printf "$fmt"
check_status "printf of every byte in the guest (status 0)" 0
check_eq "256 bytes came back" "$(wc -c <"$TMP/out" | tr -d ' ')" 256
check "each byte is its own value, in order (0..255)" in_order "$TMP/out"
ktap_finished
