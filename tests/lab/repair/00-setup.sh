#!/bin/sh
# The suite's set-up (suite.conf's setup=; no test line: the runner runs it
# once in the guest after boot, not as a scenario). The daemon takes the
# NIC's ports itself (--ports direct, the paper's design): the repair and
# the holds exist for that mode only. Exits non-zero when the daemon did
# not start so, which fails the suite.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

if ! direct_restart; then
	echo "repair: the direct-ports daemon did not start" >&2
	tail -n 5 "$DAEMON_LOG" >&2
	exit 1
fi
if ! grep "ports .* direct" "$DAEMON_LOG"; then
	echo "repair: the daemon does not say it serves with direct ports" >&2
	tail -n 5 "$DAEMON_LOG" >&2
	exit 1
fi
exit 0
