#!/usr/bin/env bash
# make fuzz: the full hostile-daemon fuzz against the split build, in one
# guest. Boots it, runs faultinject/fuzz/fuzz-run there in the background (the
# fuzzer in the real daemon's place under fuzz-load: half the replies and
# ioctls with a server on the NIC's ports, half with a mediated one that
# also sends random register programs), shows its progress
# with an estimate of the time left, then prints the counts, the distinct
# WARN/BUG/oops lines of the guest's kernel log (from the console log, so
# they are there even when the guest died or hung), checks ping and a TCP
# stream through the NIC, and gives the verdict (exit 0 only for PASS).
#
# Environment: FUZZ_SEED (1), FUZZ_REPLIES (100000), FUZZ_IOCTLS (10000),
# FUZZ_LIMIT (seconds, 5400), FUZZ_NAME (the lab's name), FUZZ_LOAD_ARGS
# (for fuzz-load, e.g. "--skip TEST" to look past a known fatal defect),
# FUZZ_PHASES (the servers, in order: "direct mediated").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SEED=${FUZZ_SEED:-1}
REPLIES=${FUZZ_REPLIES:-100000}
IOCTLS=${FUZZ_IOCTLS:-10000}
LIMIT=${FUZZ_LIMIT:-5400}
LOAD_ARGS=${FUZZ_LOAD_ARGS:-}
PHASES=${FUZZ_PHASES:-direct mediated}
NAME=${FUZZ_NAME:-fuzz-$$}
NAME=${NAME:0:20}
LAB=$ROOT/vm/lab
cd "$ROOT"

say() { printf 'fuzz: %s\n' "$*" >&2; }
down() { "$LAB" down --name "$NAME" >/dev/null 2>&1 || true; }
trap down EXIT

say "seed $SEED, $REPLIES replies, $IOCTLS random ioctls (limit ${LIMIT}s), servers: $PHASES; lab $NAME${LOAD_ARGS:+; load: $LOAD_ARGS}"
"$LAB" down --name "$NAME" >/dev/null 2>&1 || true
"$LAB" up --driver split --name "$NAME" >&2
console=$ROOT/build/lab/$NAME/console.log

"$LAB" exec --name "$NAME" --timeout 30 -- sh -c \
	"FUZZ_LOAD_ARGS='$LOAD_ARGS' FUZZ_PHASES='$PHASES' setsid sh -c 'fuzz-run $SEED $REPLIES $IOCTLS $LIMIT >/tmp/fuzz-run.out 2>&1; echo \$? >/tmp/fuzz-run.rc' </dev/null >/dev/null 2>&1 &"

# Poll: the guest's progress line, until fuzz-run has finished. A tainted
# guest answers every command with 242 (carry on: the counts still come);
# a panicked or hung one ends the run.
guest=ok
last="" same=0
while :; do
	sleep 10
	st=0
	out=$("$LAB" exec --name "$NAME" --timeout 60 -- sh -c \
		'cat /tmp/fuzz/progress 2>/dev/null; [ -e /tmp/fuzz-run.rc ] && echo FUZZ-RUN-DONE' \
		2>/dev/null) || st=$?
	if [ -n "$out" ]; then
		printf '%s\n' "$out" | grep -v FUZZ-RUN-DONE >&2 || true
	fi
	if [ "$st" = 242 ] && [ "$guest" = ok ]; then
		guest=tainted
		say "the guest's kernel is tainted (WARN/oops): going on for the counts"
	fi
	case $st in
	0 | 1 | 242) ;;
	*)
		guest="dead (lab status $st)"
		say "the guest no longer answers (lab status $st)"
		break
		;;
	esac
	grep -q FUZZ-RUN-DONE <<<"$out" && break
	# the fuzzer stops itself after a minute without progress; this is
	# the guard for when even that does not come through
	prog=$(sed -n 's/.*s: \([0-9]*\/[0-9]* replies, [0-9]*\/[0-9]* ioctls\).*/\1/p' <<<"$out")
	if [ -n "$prog" ] && [ "$prog" = "$last" ]; then
		same=$((same + 1))
	else
		same=0
	fi
	last=$prog
	if [ "$same" -ge 18 ]; then
		guest="stuck (no progress for 3 minutes)"
		say "no progress for 3 minutes: giving up"
		break
	fi
done

result=""
if [[ $guest != dead* && $guest != stuck* ]]; then
	result=$("$LAB" exec --name "$NAME" --timeout 60 -- cat /tmp/fuzz-run.out 2>/dev/null || true)
	printf '%s\n' "$result"
fi

# The kernel's own words, from the console (kept after the guest is gone).
echo "fuzz: distinct WARN/BUG/oops lines of the guest's kernel log ($console):"
bad=$(grep -a -E 'WARNING:|BUG:|Oops|general protection|lockdep|possible recursive locking|circular locking|INFO: task .* blocked|UBSAN|KASAN|list_(add|del) corruption|refcount_t:|RIP: 0010' \
	"$console" | sed 's/^\[ *[0-9.]*\] //; s/ PID: [0-9]*//; s/+0x[0-9a-f]*\/0x[0-9a-f]*//' |
	sort | uniq -c | sort -rn || true)
printf '%s\n' "${bad:-  (none)}"

net=skipped
# shellcheck disable=SC2016 # $GUEST is the lab host side's, not ours
if [[ $guest != dead* && $guest != stuck* ]]; then
	if "$LAB" host --name "$NAME" -- sh -c 'ping -c 20 -i 0.1 -W 2 "$GUEST"' 2>&1 |
		grep -q ' 0% packet loss' &&
		"$LAB" host --name "$NAME" -- sh -c 'iperf3 -c "$GUEST" -t 5' >/dev/null 2>&1; then
		net=ok
	else
		net=failed
	fi
fi
echo "fuzz: guest $guest; ping and TCP stream: $net"

verdict=PASS
grep -q 'fuzz-run: verdict PASS' <<<"$result" || verdict=FAIL
[ -z "$bad" ] || verdict=FAIL
[ "$guest" = ok ] || verdict=FAIL
[ "$net" = ok ] || verdict=FAIL
echo "fuzz: verdict $verdict"
[ "$verdict" = PASS ]
