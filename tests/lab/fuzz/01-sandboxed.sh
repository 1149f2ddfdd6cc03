#!/bin/sh
# test: the daemon is sandboxed: own uid, no caps, seccomp, not dumpable
# where: guest
# timeout: 60
#
# The daemon's uid: its own (not root, not nobody), named in neither
# database, owned by no other process; all four ids the same, no groups,
# no capability in any set, no new privileges, a seccomp filter; not
# dumpable, so its /proc files are root's; and a process of that very uid
# (a passwd entry made for the test) can neither open its memory nor read
# its environment.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fuzz/fuzz.sh
. "$(dirname "$0")/fuzz.sh"

looked() {
	P=$(pidof pcnet32d)
	u=$(awk '/^Uid:/ { print $2 }' "/proc/$P/status")
	echo "uid=$u"
	grep -E '^(Uid|Gid|Groups|Cap...|NoNewPrivs|Seccomp):' "/proc/$P/status"
	# two owners on one line, as the words of an unquoted substitution
	# shellcheck disable=SC2046
	echo owner=$(stat -c %u:%g "/proc/$P/mem" "/proc/$P/environ")
	echo "indb=$(awk -F: -v u="$u" '$3 == u || $4 == u' /etc/passwd /etc/group | wc -l)"
	n=0
	for s in /proc/[0-9]*/status; do
		[ "$s" = "/proc/$P/status" ] && continue
		grep -E '^(Uid|Gid):' "$s" 2>/dev/null | grep -qw "$u" && n=$((n + 1))
	done
	echo "others=$n"
	echo "pcnet32d-test:x:$u:$u::/:/bin/sh" >>/etc/passwd
	su -s /bin/sh pcnet32d-test -c "cat /proc/$P/mem; cat /proc/$P/environ"
	sed -i '/^pcnet32d-test:/d' /etc/passwd
	grep -c "sandboxed as uid/gid $u" "$DAEMON_LOG"
}

# own_uid UID: neither root's nor nobody's
own_uid() {
	[ "$1" -gt 0 ] 2>/dev/null && [ "$1" != 65534 ]
}

ktap_plan 16
ran looked
uid=$(printf '%s' "$OUT" | sed -n 's/^uid=\([0-9]*\).*/\1/p' | head -n 1)
echo "# uid $uid"
check_eq "the status file, stat, the databases and the log answer (status 0)" "$ST" 0
check "a uid of its own: not root, not nobody" own_uid "$uid"
check_has "all four uids the same" "$OUT" "Uid:$TAB$uid$TAB$uid$TAB$uid$TAB$uid$NL"
check_has "all four gids the same" "$OUT" "Gid:$TAB$uid$TAB$uid$TAB$uid$TAB$uid$NL"
check_has "no inheritable capability" "$OUT" "CapInh:${TAB}0000000000000000$NL"
check_has "no permitted capability" "$OUT" "CapPrm:${TAB}0000000000000000$NL"
check_has "no effective capability" "$OUT" "CapEff:${TAB}0000000000000000$NL"
check_has "an empty bounding set" "$OUT" "CapBnd:${TAB}0000000000000000$NL"
check_has "no ambient capability" "$OUT" "CapAmb:${TAB}0000000000000000$NL"
check_has "no new privileges" "$OUT" "NoNewPrivs:${TAB}1$NL"
check_has "a seccomp filter (mode 2)" "$OUT" "Seccomp:${TAB}2$NL"
check_has "not dumpable: its mem and environ are root's" "$OUT" "owner=0:0 0:0$NL"
check_has "its uid is in neither passwd nor group" "$OUT" "indb=0$NL"
check_has "no other process has its uid" "$OUT" "others=0$NL"
check_eq "a process of its uid can open neither its mem nor its environ (Permission denied twice)" \
	"$(occurrences "$ERR" "Permission denied")" 2
check_has "the log says it was sandboxed as that uid, once" "$OUT" "${NL}1$NL"
ktap_finished
