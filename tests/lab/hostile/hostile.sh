# shellcheck shell=sh
# Helpers of the scenarios of tests/lab/hostile/ (no "# test:" line: the
# runner skips this file; the scenarios source it after lib.sh).
# shellcheck disable=SC2034 # kill_mid_op's results are for the scenarios

# gone PID: the process has ended
gone() {
	! kill -0 "$1" 2>/dev/null
}

# drv_version: ethtool -i's second line, "version: 1.0-ours" when pcnet32d
# serves
drv_version() {
	ethtool -i eth0 | sed -n 2p
}

# kill_mid_op OP CMD...: kill -9 the daemon 0.3 s into OP (an op name;
# held 1 s by each daemon: a sleep fault), with a 5 s deadline so that the next daemon has time to
# answer; CMD runs the op. Sets op_out and op_err (CMD's output and
# errors), op_status, op_counters (the channel's counters right after)
# and restarts (how often the supervisor logged the killed daemon's
# restart: 1 wanted).
kill_mid_op() {
	_op=$1
	shift
	echo 5000 >/sys/module/pcnet32/parameters/upcall_timeout_ms
	daemon_restart && hold_op "$_op" 1000
	upcall_reset
	(
		sleep 0.3
		kill -9 "$(pidof pcnet32d)"
	) &
	op_out=$("$@" 2>/tmp/killmid.err)
	op_status=$?
	op_err=$(cat /tmp/killmid.err)
	wait
	op_counters=$(counters)
	slowwait 10 daemon_restarted 1
	restarts=$(grep -c 'pcnet32d exited (status 137).*restart 1 ' "$DAEMON_LOG")
	echo 2000 >/sys/module/pcnet32/parameters/upcall_timeout_ms
	hold_off
	daemon_restart
}
