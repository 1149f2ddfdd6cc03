# shellcheck shell=sh
# shellcheck disable=SC2034 # its variables are for the scenarios
# tests/lab/faults-campaign/campaign.sh: what the scenarios of this folder
# share, sourced after ../lib.sh; not a scenario itself (the runner skips
# it). They run on the host, without a lab of the suite's own: the
# campaign boots its own.
#
# split, every kind, scribble included: every record says its daemon was
# mediated; no trial crashes, oopses or hangs the kernel; every caller
# returns within the deadline plus SLACK_MS; every trial recovers; every
# fault point is reached (a FACT op's in the facts a new daemon computes at
# its start); no trial leaves the fast path dead; every scribble that
# fired while its daemon held a request (all but the FACT ops) had its
# register writes refused and counted (the firewall's refused column of
# regaccess, or the channel's regs_denied for an op off the NIC); and no
# echo request is lost, in ops on the ports as in the others: a mediated
# daemon never stops the fast path, so a loop, a sleep or a scribble costs
# its caller and nothing else. An emulated NIC under TCG loses a frame now
# and then whatever the driver does (a guest that stalls for 100 ms
# overflows its receive ring): a loss is the fault's when it repeats, so
# the op x kind pairs that lost echoes run again, in a second short
# campaign, and fail the check only when they lose echoes there too.
# inkernel: whatever happens is recorded, except that a null dereference
# must be reported as an oops and a stack overflow as a panic when the
# console says so.

CAMPAIGN_ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# kept after the run (build/ is never committed): the records to read
CAMPAIGN_DATA=$CAMPAIGN_ROOT/build/faultinject/lab-data
CAMPAIGN_RERUN=$CAMPAIGN_ROOT/build/faultinject/lab-data-rerun
DEADLINE_MS=250
# the kernel kills a late daemon on the ports (up to 2 s), and TCG under load
SLACK_MS=3000
SPLIT_OPS=get_drvinfo,get_regs,get_regs_len,set_msglevel,get_msglevel
# the run that shares one campaign (the runner's LAB_NAME; by hand: this
# script alone)
CAMPAIGN_RUN=${LAB_NAME:-by-hand-$$}

# run_campaign DIR SPLIT_OPS TRIALS SPLIT_ONLY: a short campaign on split
# (and inkernel unless SPLIT_ONLY is 1) into DIR, 900 s at most; its status
run_campaign() {
	_builds="split inkernel"
	[ "$4" = 1 ] && _builds="split"
	rm -rf "$1"
	mkdir -p "$(dirname "$1")"
	(cd "$CAMPAIGN_ROOT" && FAULTS_DATA=$1 FAULTS_SEED=3 FAULTS_TRIALS=$3 \
		FAULTS_DEADLINE_MS=$DEADLINE_MS FAULTS_SPLIT_OPS=$2 FAULTS_INKERNEL_OPS=get_drvinfo \
		FAULTS_BUILDS=$_builds FAULTS_SHARD=0/1 FAULTS_LAB=faultslab \
		timeout -k 5 900 faultinject/campaign/campaign shard) >/dev/null 2>"$1.err"
	_st=$?
	if [ "$_st" != 0 ]; then
		echo "# faults lab: campaign failed ($_st):"
		tail -c 2000 "$1.err" | sed 's/^/# /'
	fi
	return "$_st"
}

# campaign_once: the suite's campaign (split and inkernel, 10 random
# trials) into CAMPAIGN_DATA, once a run: a scenario of the same run
# reads the first one's records; its status
campaign_once() {
	if [ -f "$CAMPAIGN_DATA.run" ] && [ "$(sed -n 1p "$CAMPAIGN_DATA.run")" = "$CAMPAIGN_RUN" ]; then
		return "$(sed -n 2p "$CAMPAIGN_DATA.run")"
	fi
	run_campaign "$CAMPAIGN_DATA" "$SPLIT_OPS" 10 0
	_st=$?
	printf '%s\n%s\n' "$CAMPAIGN_RUN" "$_st" >"$CAMPAIGN_DATA.run"
	echo "# faults lab: records in $CAMPAIGN_DATA"
	return "$_st"
}

# rows DIR: the records of DIR as TSV rows, one a record: build, index,
# op, kind, kernel status, console, caller outcome, caller ms, recovered,
# echoes lost, times fired, mode, programs refused, fast path dead, a
# FACT op (the fault met a new daemon's start)
rows() {
	# shellcheck disable=SC2016 # jq's program
	cat "$1"/*.jsonl | timeout 60 jq -r '[.build, .index, .op, .kind, .kernel.status,
		(.kernel.console // "" | gsub("\t"; " ")), .caller.outcome,
		(.caller.ms // -1), (if .recovery.recovered then 1 else 0 end),
		(.ping.lost // 0), (.fault.fired // -1), (.mode // "none"),
		((.regs.refused // 0) + (.kernel.counters.regs_denied // 0)),
		(if .nic.dead then 1 else 0 end),
		(if .daemon.restarted_at_arm then 1 else 0 end)] | @tsv'
}

# each_row AWK: the rows of the records on stdin (those of 15 fields or
# more; shorter ones are skipped) through an awk program whose fields are
# named: build index op kind kernel console outcome ms recovered lost
# fired mode refused dead fact (console cut to 255 characters)
each_row() {
	awk -F '\t' -v deadline="$DEADLINE_MS" -v slack="$SLACK_MS" '
		NF < 15 { next }
		{
			build = $1; index_ = $2 + 0; op = $3; kind = $4; kernel = $5
			console = substr($6, 1, 255); outcome = $7; ms = $8 + 0
			recovered = $9 + 0; lost = $10 + 0; fired = $11 + 0; mode = $12
			refused = $13 + 0; dead = $14 + 0; fact = $15 + 0
		}
		'"$1"
}

# The short mutant campaign (faultinject/mutate/): the traces of both
# builds, then MUTANTS_MAX mutants drawn by the seed on each, into
# CAMPAIGN_MUTANTS, once a run; its status. Its guests are named from the
# run (fm and a checksum of it: lab names are short)
CAMPAIGN_MUTANTS=$CAMPAIGN_ROOT/build/faultinject/lab-data-mutants
MUTANTS_MAX=4
mutants_once() {
	if [ -f "$CAMPAIGN_MUTANTS.run" ] && [ "$(sed -n 1p "$CAMPAIGN_MUTANTS.run")" = "$CAMPAIGN_RUN" ]; then
		return "$(sed -n 2p "$CAMPAIGN_MUTANTS.run")"
	fi
	rm -rf "$CAMPAIGN_MUTANTS"
	mkdir -p "$CAMPAIGN_MUTANTS"
	(cd "$CAMPAIGN_ROOT" && FAULTS_DATA=$CAMPAIGN_MUTANTS FAULTS_SEED=3 FAULTS_MUTANTS_MAX=$MUTANTS_MAX \
		FAULTS_DEADLINE_MS=$DEADLINE_MS FAULTS_MUTANT_BUILDS="split inkernel" \
		FAULTS_SHARD=0/1 FAULTS_LAB="fm$(printf '%s' "$CAMPAIGN_RUN" | cksum | cut -c1-6)" \
		timeout -k 5 900 faultinject/campaign/campaign mutants) >/dev/null 2>"$CAMPAIGN_MUTANTS.err"
	_st=$?
	if [ "$_st" != 0 ]; then
		echo "# faults lab: mutant campaign failed ($_st):"
		tail -c 2000 "$CAMPAIGN_MUTANTS.err" | sed 's/^/# /'
	fi
	printf '%s\n%s\n' "$CAMPAIGN_RUN" "$_st" >"$CAMPAIGN_MUTANTS.run"
	echo "# faults lab: mutant records in $CAMPAIGN_MUTANTS"
	return "$_st"
}
