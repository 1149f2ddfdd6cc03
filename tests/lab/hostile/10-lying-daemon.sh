#!/bin/sh
# test: a lying daemon: sizes and statuses are the kernel's
# where: guest
# timeout: 90
#
# Sizes the core allocates by are the kernel's: with a self-test count of
# 0 from the daemon, ethtool -t still runs the kernel's self-test (no
# WARN, no write past a zero-length buffer), and a dump longer than the
# chip's is refused (an empty dump). A kernel-internal status (-512) and
# the channel's own ETIMEDOUT reach the caller as EIO, counted as mapped;
# an error with a payload is refused, and its request fails then (EIO),
# not at the deadline. Last in the suite: a kernel that took these sizes
# from the daemon would WARN (the lab's 242), and a WARN taints the guest
# for every scenario after it.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

ktap_plan 13
# everything's errors, as the callers see them
{
	/lab/driver/daemon-stop
	upcall_reset
	/lab/driver/upcall-hostile lie >/tmp/lie.out 2>&1 &
	h=$!
	slowwait 10 attached
	ethtool -r eth0 >/dev/null
	nway=$?
	ethtool eth0 >/dev/null
	ethtool -g eth0 >/dev/null
	rawlen=$(ethtool -d eth0 raw on | wc -c)
	selftest=$(ethtool -t eth0)
	test_st=$?
	c=$(counters)
	kill $h
	wait $h
	version=$(/lab/driver/daemon-start && drv_version)
	st=$?
} 2>/tmp/lie.err
err=$(cat /tmp/lie.err)
check_eq "the real daemon starts again and ethtool -i answers" "$st" 0
check_has "ethtool -t: the kernel's self-test passes" "$selftest" "The test result is PASS"
check_eq "ethtool -t succeeds" "$test_st" 0
check_eq "the too long dump is refused: an empty dump" "$rawlen" 0
check_eq "ethtool -r fails (255)" "$nway" 255
check_has "with EIO" "$err" "Input/output error"
check_hasnt "the kernel-internal -512 never reaches a caller" "$err" "Unknown error 512"
check_hasnt "nor the channel's own ETIMEDOUT" "$err" "timed out"
# nway_reset's -512 and get_link_ksettings' -ETIMEDOUT
check_range "both counted as mapped" "$(counter_of "$c" mapped)" 2 ""
# sset count, strings, regs_len, regs, the ringparam payload
check_range "five replies or more rejected" "$(counter_of "$c" rejected)" 5 ""
# a refused reply fails its request at once: nobody waits, none killed
check_eq "no caller waited for the deadline" "$(counter_of "$c" timeouts)" 0
check_eq "no daemon killed" "$(counter_of "$c" killed)" 0
check_eq "the real daemon serves" "$version" "version: 1.0-ours"
ktap_finished
