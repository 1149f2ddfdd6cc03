#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the split build's op table as the list candidates --moved reads:
#   function <TAB> moved|kept <TAB> note
# from pcnet32/ops.h, the one place that says which ops move, as the
# compiler reads it: analysis/optable.c is built against the tree's ops.h
# (and the uapi header it includes) and prints the table's rows. An op of
# side USER runs in the daemon (moved); its function is pcnet32_op_<fn>.
# Exits 1 with a message on stderr when there is no such table.
#
# With --dispatch, print instead how the kernel glue reaches each op:
#   pcnet32_call_op <TAB> PCNET32_OP_<NAME> <TAB> pcnet32_op_<fn>
# (candidates --dispatch: a call of the dispatcher naming the op id is a
# call of the op's function).
#
# usage: analysis/moved-ops.sh [--dispatch] [ROOT]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
args=()
if [[ ${1:-} == --dispatch ]]; then
	args=(--dispatch)
	shift
fi
root=${1:-$(cd "$here/.." && pwd)}
ops=$root/pcnet32/ops.h

if [[ ! -f "$ops" ]]; then
	echo "pcnet32/ops.h not present" >&2
	exit 1
fi

tmp=$(mktemp -d /tmp/moved-ops.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if ! "${CC:-cc}" -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE \
	-I"$root/pcnet32" -I"$root/driver-split/uapi" \
	-o "$tmp/optable" "$here/optable.c" 2>"$tmp/cc.err"; then
	echo "no op table recognised in pcnet32/ops.h (#define PCNET32_OPS(X) X(NAME, id, fn, arg, rep, side, flags, why) ...): $(head -n 3 "$tmp/cc.err" | tr '\n' ' ')" >&2
	exit 1
fi
out=$("$tmp/optable" "${args[@]}") || exit 1
if [[ -z $out ]]; then
	echo "the op table in pcnet32/ops.h is empty" >&2
	exit 1
fi
if [[ ${#args[@]} -gt 0 ]]; then
	printf '# from pcnet32/ops.h: dispatcher, op id, op function\n'
else
	printf '# from pcnet32/ops.h: function, moved (side user) or kept (side kernel), why\n'
fi
printf '%s\n' "$out"
