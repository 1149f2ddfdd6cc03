#!/usr/bin/env bash
# Table 1: non-comment, non-blank lines of the code the factorization adds
# or moves, counted from the sources (nothing hard-coded). Whole files are
# counted by cloc (its "code" lines: neither blank nor wholly comment; a
# shell script's #! line is code); slow.c is split into its functions and
# tables where ctags says they end; its fault points and the user-only
# lines come from the awk below. Prints CSV:
#   key,lines,detail
# keys:
#   moved_ops        the USER ops' functions in pcnet32/slow.c (from the op
#                    table, via analysis/moved-ops.sh)
#   moved_helpers    the other functions and tables of slow.c they use
#   moved_other      slow.c's includes, defines, pragmas
#   replicated       functions replicated in user space (none: slow.c
#                    compiles on both sides)
#   shared_headers   headers both sides compile (port shim, registers, op
#                    table, compat): not replicated, listed for comparison
#   user_only        of those, the lines only user space compiles
#   uapi             the upcall ABI header(s), driver-split/uapi/*.h
#   daemon           driver-split/daemon/*.c
#   daemon_h         driver-split/daemon/*.h
#   kernel_channel   driver-split/kernel/* (upcall channel, checks, dispatch)
#   supervisor       driver-split/daemon/pcnet32-supervise (shell)
#   ethtool_glue     pcnet32/ethtool.c, the ethtool and MII glue that calls
#                    the op table (0 in a tree without that file, whose glue
#                    is part of core.c)
#   fault_injection  the fault-injection points, not moved code: pcnet32/
#                    fault*.c fault.h, driver-split/daemon/fault-*.[ch] and
#                    the pcnet32_fault_point() statements in slow.c (left out
#                    of every other row)
#   pcnet32_total    the whole shared driver, pcnet32/*.c *.h (for scale;
#                    fault injection left out)
# usage: bench/loc.sh [ROOT]
set -euo pipefail

ROOT=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$ROOT"

# C source without comments, string and character contents blanked; one
# output line per input line (so line counts and positions hold)
strip_c() {
	awk '
	{
		out = ""; n = length($0); i = 1
		while (i <= n) {
			c = substr($0, i, 1); d = substr($0, i, 2)
			if (incomment) {
				if (d == "*/") { incomment = 0; i += 2; continue }
				i++; continue
			}
			if (d == "/*") { incomment = 1; i += 2; continue }
			if (d == "//") break
			if (c == "\"" || c == "\047") {
				q = c; out = out q; i++
				while (i <= n) {
					c = substr($0, i, 1)
					if (c == "\\") { i += 2; continue }
					i++
					if (c == q) break
				}
				out = out q
				continue
			}
			out = out c; i++
		}
		print out
	}' "$@"
}

# slow.c without its fault-injection points: each statement
# `if (pcnet32_fault_point(...)) ...;` or `... { ... }` becomes blank lines
# (so positions hold); the lines taken out go to stderr's count, FAULT_N
drop_fault_points() { # stripped C on stdin
	awk '
	function scan(s, open_c, close_c,   i, c, d) {
		d = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == open_c) d++
			else if (c == close_c) d--
		}
		return d
	}
	mode == 0 && /^[ \t]*if[ \t]*\([ \t]*pcnet32_fault_point[ \t]*\(/ { mode = 1; par = 0 }
	mode == 0 { print; next }
	{
		n++; l = $0; print ""
		if (mode == 1) {
			par += scan(l, "(", ")")
			if (par > 0) next
			# the condition is closed: its statement on this line or later
			sub(/.*\)/, "", l); mode = 2
		}
		if (mode == 2) {
			if (l ~ /{/) { mode = 3; br = 0 }
			else if (l ~ /;/) { mode = 0; next }
			else next
		}
		if (mode == 3) {
			br += scan(l, "{", "}")
			if (br <= 0) mode = 0
		}
	}
	END { print n + 0 > "/dev/stderr" }'
}

# files...: their code lines as cloc counts them (lines that are neither
# blank nor wholly comment), summed; every file counted, also one whose
# content another has (--skip-uniqueness); no files: 0
cloc_code() {
	local n=""
	if [ $# -gt 0 ]; then
		n=$(cloc --json --quiet --skip-uniqueness "$@" | jq '.SUM.code // 0')
	fi
	echo "${n:-0}"
}

# Top-level items of a comment-stripped C file: name, kind (function,
# data, cpp), lines. Where each function and variable ends comes from
# ctags (top-level tags only); an item's lines are the non-blank lines
# after the previous item's end up to its own, the preprocessor lines
# among those before it left to "cpp" (with what follows the last item).
# Non-preprocessor lines after the last item: an item without a name.
items_c() {
	local f=$1 prev=0 name kind line end pre c n cpp=0
	while IFS=$'\t' read -r name kind line end; do
		pre=""
		[ "$line" -le $((prev + 1)) ] || pre=$(sed -n "$((prev + 1)),$((line - 1))p" "$f")
		c=$(grep -c '^[[:space:]]*#' <<<"$pre" || true)
		n=$(grep -c '[^[:space:]]' <<<"$pre" || true)
		n=$((n - c + $(sed -n "$line,${end}p" "$f" | grep -c '[^[:space:]]' || true)))
		cpp=$((cpp + c))
		[ "$kind" = function ] || kind=data
		printf '%s\t%s\t%d\n' "$name" "$kind" "$n"
		prev=$end
	done < <(ctags --kinds-C=fv --fields=+ne --output-format=json -o - "$f" |
		jq -rs 'map(select(.scope == null)) | sort_by(.line)[] | [.name, .kind, .line, .end] | @tsv')
	pre=$(sed -n "$((prev + 1)),\$p" "$f")
	c=$(grep -c '^[[:space:]]*#' <<<"$pre" || true)
	n=$(grep -c '[^[:space:]]' <<<"$pre" || true)
	cpp=$((cpp + c))
	[ $((n - c)) = 0 ] || printf '\tdata\t%d\n' $((n - c))
	printf -- '-\tcpp\t%d\n' "$cpp"
}

# lines only user space compiles: the branches of #ifdef/#ifndef __KERNEL__
# that the kernel does not take
user_only() { # files...
	local f
	for f in "$@"; do strip_c "$f"; done | awk '
	function inuser(   k) { for (k = 1; k <= sp; k++) if (st[k] == "U") return 1; return 0 }
	/^[ \t]*#[ \t]*ifdef[ \t]+__KERNEL__/ { st[++sp] = "K"; next }
	/^[ \t]*#[ \t]*ifndef[ \t]+__KERNEL__/ { st[++sp] = "U"; next }
	/^[ \t]*#[ \t]*if/ { st[++sp] = "O"; next }
	/^[ \t]*#[ \t]*(else|elif)/ {
		if (st[sp] == "K") st[sp] = "U"; else if (st[sp] == "U") st[sp] = "K"
		next
	}
	/^[ \t]*#[ \t]*endif/ { sp--; next }
	/[^ \t]/ { if (inuser()) n++ }
	END { print n + 0 }'
}

moved=$("$ROOT/analysis/moved-ops.sh" "$ROOT" | awk -F'\t' '!/^#/ && $2 == "moved" { print $1 }')
kept=$("$ROOT/analysis/moved-ops.sh" "$ROOT" | awk -F'\t' '!/^#/ && $2 == "kept" { print $1 }')
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
slow=$TMPD/slow.c
strip_c pcnet32/slow.c | drop_fault_points >"$slow" 2>"$TMPD/fault_n"
fault_points=$(cat "$TMPD/fault_n")
items=$(items_c "$slow")

ops_lines=0 ops_n=0 helper_lines=0 helper_n=0 other_lines=0 helpers=""
while IFS=$'\t' read -r name kind lines; do
	if [ "$kind" = cpp ]; then
		other_lines=$((other_lines + lines))
	elif grep -qxF "$name" <<<"$moved"; then
		ops_lines=$((ops_lines + lines)) ops_n=$((ops_n + 1))
	else
		helper_lines=$((helper_lines + lines)) helper_n=$((helper_n + 1))
		helpers="$helpers ${name:-?}"
	fi
done <<<"$items"
n_moved=$(grep -c . <<<"$moved")
n_kept=$(grep -c . <<<"$kept" || true)
slow_total=$(cloc_code "$slow")
[ $((ops_lines + helper_lines + other_lines)) = "$slow_total" ] ||
	echo "loc: warning: slow.c items add up to $((ops_lines + helper_lines + other_lines)), not $slow_total" >&2

shared=(pcnet32/port.h pcnet32/hw.h pcnet32/ops.h pcnet32/compat.h)
shopt -s nullglob
uapi=(driver-split/uapi/*.h)
# fault injection is counted on its own row, not as moved or added code
not_fault() { local f; for f in "$@"; do case ${f##*/} in fault*) ;; *) echo "$f" ;; esac; done; }
mapfile -t daemon_c < <(not_fault driver-split/daemon/*.c)
mapfile -t daemon_h < <(not_fault driver-split/daemon/*.h)
kchan=(driver-split/kernel/*.c driver-split/kernel/*.h)
mapfile -t drv < <(not_fault pcnet32/*.c pcnet32/*.h)
fault_files=(pcnet32/fault*.c pcnet32/fault*.h driver-split/daemon/fault-*.c driver-split/daemon/fault-*.h)
glue=(pcnet32/ethtool.c)

names() { local f out=""; for f in "$@"; do out="$out ${f##*/}"; done; echo "${out# }"; }

echo "key,lines,detail"
echo "moved_ops,$ops_lines,$ops_n functions of $n_moved ops of side USER (op table; $n_kept kept in the kernel)"
echo "moved_helpers,$helper_lines,$helper_n helpers and tables:$helpers"
echo "moved_other,$other_lines,includes/defines/pragmas of slow.c"
echo "replicated,0,none: pcnet32/slow.c compiles unchanged into the module and the daemon"
echo "shared_headers,$(cloc_code "${shared[@]}"),$(names "${shared[@]}") (compiled on both sides)"
echo "user_only,$(user_only "$slow" "${shared[@]}"),lines of those and slow.c only user space compiles (#ifndef __KERNEL__ branches)"
echo "uapi,$(cloc_code "${uapi[@]}"),$(names "${uapi[@]}")"
echo "daemon,$(cloc_code "${daemon_c[@]}"),$(names "${daemon_c[@]}")"
echo "daemon_h,$(cloc_code "${daemon_h[@]}"),$(names "${daemon_h[@]}")"
echo "kernel_channel,$(cloc_code "${kchan[@]}"),$(names "${kchan[@]}")"
echo "supervisor,$(cloc_code driver-split/daemon/pcnet32-supervise),pcnet32-supervise (shell)"
if [ -f "${glue[0]}" ]; then
	echo "ethtool_glue,$(cloc_code "${glue[@]}"),ethtool.c (the ethtool and MII glue)"
else
	echo "ethtool_glue,0,no pcnet32/ethtool.c in this tree (the glue is still in core.c)"
fi
# the fault points of slow.c are in pcnet32_total's slow.c: subtract them
echo "fault_injection,$(($(cloc_code "${fault_files[@]}") + fault_points)),$(names "${fault_files[@]}") and $fault_points lines of pcnet32_fault_point() statements in slow.c"
echo "pcnet32_total,$(($(cloc_code "${drv[@]}") - fault_points)),$(names "${drv[@]}") (without fault injection)"
