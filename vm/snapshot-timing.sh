#!/usr/bin/env bash
# vm/snapshot-timing.sh: what vm/lab restore costs against the fresh boot
# it replaces, measured and printed (figures, never a test). One lab of
# its own (snaptime-PID, taken down on every way out): booted (the time
# from vm/lab up to exec -- true answering), its snapshot taken, then
# ROUNDS rounds of a kernel panic (sysrq c: 241), vm/lab restore and
# exec -- true: each round's time from the dead guest to exec answering,
# and vm/lab restore's own figure; then their median and range.
#
#   vm/snapshot-timing.sh [ROUNDS]     (default 5; env: SNAP_DRIVER, default inkernel)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB=$ROOT/vm/lab
rounds=${1:-5}
driver=${SNAP_DRIVER:-inkernel}
name=snaptime-$$

die() { printf 'snapshot-timing: %s\n' "$*" >&2; exit 1; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a whole number above 0, not '$rounds'"
case "$driver" in stock | inkernel | split) ;; *) die "SNAP_DRIVER must be stock, inkernel or split" ;; esac

trap '"$LAB" down --name "$name" >/dev/null 2>&1 || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

ms() { echo $((${EPOCHREALTIME/./} / 1000)); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
# median and range of numbers (ms), one a line on stdin: "M s (A-B s)"
summary() {
	sort -n | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "median %.2f s (range %.2f-%.2f s, %d rounds)", m / 1000, v[1] / 1000, v[NR] / 1000, NR }'
}

# the builds first, untimed: vm/lab up's own checks of them stay in the boot's time
targets=(lab-tools lab-guest-tools)
[ "$driver" = stock ] || targets+=("build-$driver")
make -s --no-print-directory -C "$ROOT" "${targets[@]}" >/dev/null || die "make ${targets[*]} failed"
t=$(ms)
"$LAB" up --driver "$driver" --name "$name" 2>/dev/null || die "vm/lab up --driver $driver failed"
"$LAB" exec --name "$name" -- true || die "exec after up failed"
boot=$(($(ms) - t))
printf 'fresh boot (vm/lab up, %s driver, to exec -- true answering): %s s\n' "$driver" "$(secs "$boot")"
line=$("$LAB" snapshot --name "$name" 2>&1) || die "vm/lab snapshot failed: $line"
printf '%s\n' "$line"
: >"/tmp/$name.gap"
: >"/tmp/$name.restore"
for i in $(seq "$rounds"); do
	st=0
	"$LAB" exec --name "$name" --timeout 60 -- sh -c 'echo c > /proc/sysrq-trigger' >/dev/null 2>&1 || st=$?
	[ "$st" = 241 ] || die "round $i: the panic answered $st, not 241"
	t=$(ms)
	line=$("$LAB" restore --name "$name" 2>&1) || die "round $i: vm/lab restore failed: $line"
	"$LAB" exec --name "$name" -- true || die "round $i: exec after the restore failed"
	gap=$(($(ms) - t))
	echo "$gap" >>"/tmp/$name.gap"
	sed -n 's/.* restored in \([0-9]*\)\.\([0-9]*\) s.*/\1\20/p' <<<"$line" >>"/tmp/$name.restore"
	printf 'round %d: %s; the dead guest to exec -- true answering: %s s\n' "$i" "$line" "$(secs "$gap")"
done
printf 'vm/lab restore alone: %s\n' "$(summary <"/tmp/$name.restore")"
printf 'the dead guest to exec -- true answering: %s; target 2 s; a fresh boot: %s s\n' \
	"$(summary <"/tmp/$name.gap")" "$(secs "$boot")"
rm -f "/tmp/$name.gap" "/tmp/$name.restore"
