#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the split build's op table as the list candidates --moved reads:
#   function <TAB> moved|kept <TAB> note
# read from pcnet32/ops.h, the one place that says which ops move:
#   #define PCNET32_OPS(X) X(NAME, id, fn, arg, rep, side, flags, "why") ...
# An op of side USER (or PCNET32_SIDE_USER) runs in the daemon (moved);
# its function is pcnet32_op_<fn>. Exits 1 with a message on stderr when there is no
# such table.
#
# With --dispatch, print instead how the kernel glue reaches each op:
#   pcnet32_call_op <TAB> PCNET32_OP_<NAME> <TAB> pcnet32_op_<fn>
# (candidates --dispatch: a call of the dispatcher naming the op id is a
# call of the op's function).
#
# usage: analysis/moved-ops.sh [--dispatch] [ROOT]
set -euo pipefail

mode=moved
if [[ ${1:-} == --dispatch ]]; then
	mode=dispatch
	shift
fi
root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
ops=$root/pcnet32/ops.h

if [[ ! -f "$ops" ]]; then
	echo "pcnet32/ops.h not present" >&2
	exit 1
fi

out=$(awk '
	# the body of "#define PCNET32_OPS(X)", continuation lines joined
	/^#define[ \t]+PCNET32_OPS\(/ { on = 1 }
	on {
		line = $0
		more = sub(/\\[ \t]*$/, "", line)
		body = body " " line
		if (!more) on = 0
	}
	function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
	END {
		sub(/^[ \t]*#define[ \t]+PCNET32_OPS\([^)]*\)/, "", body)
		n = length(body); i = 1
		while (i <= n) {
			# find the next X( at depth 0
			if (substr(body, i, 2) != "X(") { i++; continue }
			i += 2; depth = 1; inq = 0; nf = 0; f = ""
			while (i <= n && depth > 0) {
				c = substr(body, i, 1)
				if (inq) {
					if (c == "\\") { f = f c substr(body, i + 1, 1); i += 2; continue }
					if (c == "\"") inq = 0
					f = f c
				} else if (c == "\"") { inq = 1; f = f c }
				else if (c == "(") { depth++; f = f c }
				else if (c == ")") { if (--depth > 0) f = f c }
				else if (c == "," && depth == 1) { fld[++nf] = trim(f); f = "" }
				else f = f c
				i++
			}
			fld[++nf] = trim(f)
			if (nf < 8) { bad = 1; continue }
			why = fld[8]
			gsub(/^"|"$/, "", why); gsub(/" *"/, "", why)
			side = fld[6]; gsub(/[ \t]+/, "", side)
			# the token USER or KERNEL, or PCNET32_SIDE_USER/KERNEL
			if (side ~ /(^|_)USER$/) where = "moved"
			else if (side ~ /(^|_)KERNEL$/) where = "kept"
			else { bad = 1; continue }
			# the glue reaches an op through pcnet32_glue_call (the
			# pcnet32_call macro), which passes the id to pcnet32_call_op
			if (mode == "dispatch")
				printf "pcnet32_call_op\tPCNET32_OP_%s\tpcnet32_op_%s\npcnet32_glue_call\tPCNET32_OP_%s\tpcnet32_op_%s\n", fld[1], fld[3], fld[1], fld[3]
			else
				printf "pcnet32_op_%s\t%s\t%s\n", fld[3], where, why
			found++
		}
		if (!found || bad) exit 1
	}' mode="$mode" "$ops") || {
	echo "no op table recognised in pcnet32/ops.h (#define PCNET32_OPS(X) X(NAME, id, fn, arg, rep, side, flags, why) ...)" >&2
	exit 1
}
if [[ $mode == dispatch ]]; then
	printf '# from pcnet32/ops.h: dispatcher, op id, op function\n'
else
	printf '# from pcnet32/ops.h: function, moved (side user) or kept (side kernel), why\n'
fi
printf '%s\n' "$out"
