#!/bin/sh
# test: split (mediated): no fault reaches the kernel or the fast path; scribbles refused
# where: host
# timeout: 1920
#
# Every split record of the suite's campaign (campaign.sh): its daemon
# mediated, the kernel alive, the caller back within the deadline plus
# SLACK_MS, recovered, the fault fired once, the fast path not left dead,
# a scribble that fired with a request held refused and counted. The op x
# kind pairs that lost echoes run again in a second campaign (split only,
# their ops' matrix rows): a pair that loses echoes there too fails. 900 s
# for the suite's campaign (when this scenario runs alone), 900 for the
# rerun, 60 each for their records.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=faults-campaign/campaign.sh
. "$(dirname "$0")/campaign.sh"

ktap_plan 6
campaign_once
# one line per verdict: "n N", "bad N", "scribbles N", "lossy OP KIND",
# and the reasons as notes
tally=$(rows "$CAMPAIGN_DATA" | each_row '
	build != "split" { next }
	{
		n++; b = 0
		where = "split " index_ " " op " " kind
		if (mode != "mediated") { print "# " where ": the daemon was " mode ", not mediated"; b = 1 }
		if (kernel != "alive") { print "# " where ": kernel " kernel " (" console ")"; b = 1 }
		if (ms < 0 || ms > deadline + slack) {
			printf "# %s: the caller took %.0f ms (%s)\n", where, ms, outcome; b = 1
		}
		if (!recovered) { print "# " where ": did not recover"; b = 1 }
		if (fired != 1) { print "# " where ": the fault fired " fired " times, not once"; b = 1 }
		if (dead) { print "# " where ": the fast path stayed dead"; b = 1 }
		# a scribble of a FACT op fires when a daemon starts: no request held
		if (kind == "scribble" && fired >= 1 && !fact) {
			scribbles++
			print "# split " index_ " " op " scribble: " refused " programs refused"
			if (refused < 1) { print "# split " index_ " " op " scribble: no refused program counted"; b = 1 }
		}
		if (lost) {
			print "# " where ": " lost " echoes lost: runs again"
			if (n_lossy < 16) { n_lossy++; print "lossy " op " " kind } else b = 1
		}
		bad += b
	}
	END { printf "n %d\nbad %d\nscribbles %d\n", n, bad, scribbles }')
printf '%s\n' "$tally" | grep '^# '
n=$(printf '%s\n' "$tally" | sed -n 's/^n //p')
bad=$(printf '%s\n' "$tally" | sed -n 's/^bad //p')
scribbles=$(printf '%s\n' "$tally" | sed -n 's/^scribbles //p')
lossy=$(printf '%s\n' "$tally" | sed -n 's/^lossy //p')
n_lossy=$(printf '%s\n' "$lossy" | grep -c .)
echo "# split (mediated) trials: $n, failing: $bad, lossy: $n_lossy, scribbles with a request held: $scribbles"
check_range "at least 60 split records" "$n" 60 ""
check_eq "no split record fails" "$bad" 0
# the matrix's get_drvinfo, get_regs, set_msglevel, get_msglevel
check_range "at least 4 scribbles with a request held, refused" "$scribbles" 4 ""
if [ "$n_lossy" = 0 ]; then
	ktap_skip "the rerun of the lossy pairs (status 0)" "no echo lost"
	ktap_skip "every lossy pair ran again" "no echo lost"
	ktap_skip "no lossy pair lost echoes again" "no echo lost"
	ktap_finished
fi
# the lossy pairs' ops again, each once (whole names: get_regs is not
# get_regs_len), as the campaign takes them: "op,op"
ops=$(printf '%s\n' "$lossy" | awk '!seen[$1]++ { printf "%s%s", (n++ ? "," : ""), $1 }')
run_campaign "$CAMPAIGN_RERUN" "$ops" 0 1
rerun_st=$?
check_eq "the rerun of the lossy pairs ($ops) ran (status 0)" "$rerun_st" 0
if [ "$rerun_st" != 0 ]; then
	# without the rerun nothing more can be checked: the rest are skipped
	ktap_skip "every lossy pair ran again" "no rerun"
	ktap_skip "no lossy pair lost echoes again" "no rerun"
	ktap_finished
fi
# the rerun: a pair still lossy there is the fault's (each lossy pair's
# rows counted once for each time it was lossy)
LOSSY_PAIRS=$lossy
export LOSSY_PAIRS
again=$(rows "$CAMPAIGN_RERUN" | each_row '
	BEGIN { np = split(ENVIRON["LOSSY_PAIRS"], pair, "\n") }
	build != "split" { next }
	{
		p = op " " kind
		for (i = 1; i <= np; i++) {
			if (pair[i] != p) continue
			n++
			if (lost) { print "# split " p ": " lost " echoes lost again: the fault\047s"; bad++ }
			else print "# split " p ": no loss in the rerun: noise"
		}
	}
	END { printf "n %d\nbad %d\n", n, bad }')
printf '%s\n' "$again" | grep '^# '
# every lossy pair ran again (random trials' pairs are in the matrix)
check_range "every lossy pair ran again ($n_lossy)" "$(printf '%s\n' "$again" | sed -n 's/^n //p')" "$n_lossy" ""
check_eq "no lossy pair lost echoes again" "$(printf '%s\n' "$again" | sed -n 's/^bad //p')" 0
ktap_finished
