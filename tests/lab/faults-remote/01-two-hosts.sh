#!/bin/sh
# test: a campaign over two hosts: one prepared over ssh, records returned and merged, other runs refused, an interrupt leaves no guest
# where: host
# timeout: 900
#
# A second host on this machine (simhost.sh: a network namespace of the
# run's own, its ssh server, its own home) is prepared by
# faultinject/campaign/remote prepare (the copy, make deps, make all
# there); then a campaign of 2 shards (split, get_drvinfo's matrix row:
# 5 trials a shard), one on this host (":"), one on the other, through
# GNU parallel over ssh, and its mutant campaign (split, 2 mutants: the
# trace made here, then 2 shards as those). Checks: each host ran a
# shard; both shards' records are in the local data folder, the other
# host's also in its own working copy (they came by the transfer); the
# report merged them; a mutant shard ran on each host and both records
# are here; no guest or shard process is left on either host. The merge
# refuses a copy of those records whose meta file says another seed,
# commit or guest kernel. A second campaign (25 trials a shard) gets
# SIGTERM once the other host's guest has written records: it ends with
# 143, no guest and no shard is left on either host, and no report is
# written. 600 s for the preparation (a copy and a build from scratch),
# 300 for each campaign.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=faults-remote/simhost.sh
. "$(dirname "$0")/simhost.sh"

trap simhost_down EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# campaign DATA TRIALS MUTANTS: a campaign over both hosts into DATA (its
# report DATA.md), with a mutant campaign (split, 2 mutants) when MUTANTS
# is 1, its output in DATA.log; in the background (CAMPAIGN_PID: the
# campaign itself)
campaign() {
	rm -rf "$1" "$1.md" "$1.fig"
	(cd "$SIM_ROOT" && FAULTS_SSHLOGINFILE=$SIM_DIR/logins FAULTS_SSH=$SIM_SSH FAULTS_JOBS=2 \
		FAULTS_QUICK=1 FAULTS_SEED=3 FAULTS_TRIALS=$2 FAULTS_BUILDS=split \
		FAULTS_SPLIT_OPS=get_drvinfo FAULTS_MUTANTS=$3 FAULTS_MUTANT_BUILDS=split \
		FAULTS_MUTANTS_MAX=2 FAULTS_DATA=$1 FAULTS_REPORT=$1.md \
		FAULTS_FIGURES=$1.fig FAULTS_LAB=$SIM_LAB exec faultinject/campaign/campaign run) >"$1.log" 2>&1 &
	CAMPAIGN_PID=$!
}

# gone PID: the process ended (a zombie not yet waited for counts)
gone() {
	_st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -z "$_st" ] || [ "$_st" = Z ]
}

# campaign_wait SECONDS: the campaign's status; one that outlives
# SECONDS gets SIGTERM (and 60 s more)
campaign_wait() {
	if ! slowwait "$1" gone "$CAMPAIGN_PID"; then
		echo "# the campaign outlived ${1} s: SIGTERM"
		kill -TERM "$CAMPAIGN_PID" 2>/dev/null
		slowwait 60 gone "$CAMPAIGN_PID"
	fi
	wait "$CAMPAIGN_PID"
}

# the guests of the run: on this host (this tree's labs), on the other
# (its working copy's, /root/pcnet32-split there)
guests_here() { pgrep -f "$SIM_ROOT/build/lab/$SIM_LAB-" || :; }
guests_there() { pgrep -f "/root/pcnet32-split/build/lab/$SIM_LAB-" || :; }
shards_here() { pgrep -f "$SIM_ROOT/faultinject/campaign/campaign shard" || :; }
there_has_records() {
	cat "$SIM_HOME"/pcnet32-split/report/data/faults-remote/*/split-*.jsonl 2>/dev/null | grep -q .
}
# what is left of the run on both hosts: "guests here|guests there|shards
# here|processes there" (empty: nothing); nothing_left: within 30 s
left() {
	printf '%s' "$(guests_here)|$(guests_there)|$(shards_here)|$(sim_others)" | tr '\n' ' '
}
all_gone() { [ "$(left)" = "|||" ]; }
nothing_left() { slowwait 30 all_gone || :; }

ktap_plan 17
simhost_up
check_eq "the second host answers over ssh from its own network namespace" \
	"$(sim_ssh 'ip -o -4 addr show' | grep -o '10\.79\.[0-9]*\.2/24')" "10.79.$SIM_NET.2/24"
# without it nothing more can be checked (fewer results than planned: a failure)
[ "$KTAP_FAILED" = 0 ] || ktap_finished

t0=$(now_ms)
FAULTS_SSH=$SIM_SSH timeout -k 10 600 "$SIM_ROOT/faultinject/campaign/remote" prepare "$SIM_LOGIN" \
	>"$SIM_DIR/prepare.log" 2>&1
st=$?
grep -o 'ready in .*' "$SIM_DIR/prepare.log" | sed 's/^/# prepare: /'
[ "$st" = 0 ] || tail -n 15 "$SIM_DIR/prepare.log" | sed 's/^/# /'
check_eq "prepare made the second host ready (status 0, $(($(now_ms) - t0)) ms)" "$st" 0
[ "$KTAP_FAILED" = 0 ] || ktap_finished
there=$(sim_ssh 'cd pcnet32-split && pwd && jq -r .from .tree-stamp && test ! -e .git && echo no-git')
check_eq "its working copy is its own, not this tree (made from it, no .git)" "$there" \
	"/root/pcnet32-split$NL$(uname -n):$SIM_ROOT${NL}no-git"

# ---- a campaign over both hosts ----------------------------------------
d=$SIM_DIR/data
t0=$(now_ms)
campaign "$d" 0 1
campaign_wait 300
st=$?
echo "# campaign over both hosts: $(($(now_ms) - t0)) ms"
[ "$st" = 0 ] || tail -n 15 "$d.log" | sed 's/^/# /'
check_eq "the campaign over both hosts ran (status 0)" "$st" 0
hosts=$(awk -F '\t' 'NR > 1 { print $2 }' "$d/.joblog" 2>/dev/null | sort | tr '\n' ' ')
check_eq "one shard on each host" "$hosts" "$(printf '%s\n' : "$SIM_LOGIN" | sort | tr '\n' ' ')"
n0=$(grep -c . "$d/split-0of2.jsonl" 2>/dev/null)
n1=$(grep -c . "$d/split-1of2.jsonl" 2>/dev/null)
check_eq "both shards' records and meta files in the local data folder (5 + 5)" \
	"${n0:-0} ${n1:-0} $(find "$d" -maxdepth 1 -name "meta-*.json" | wc -l)" "5 5 2"
# the other host's shard: its records in its own copy, the same here
r=$(awk -F '\t' -v l="$SIM_LOGIN" '$2 == l { print $1 - 1 }' "$d/.joblog" 2>/dev/null)
check "the other host's records came by the transfer (its copy has them; the same here)" \
	cmp -s "$SIM_HOME/pcnet32-split/report/data/faults-remote/${r}of2/split-${r}of2.jsonl" "$d/split-${r}of2.jsonl"
check_has "the report merged both shards (10 trials)" "$(cat "$d.md" 2>/dev/null)" "| trials | 10 |"
# the mutant campaign's shards: its trace made here, sent with the list
hosts=$(awk -F '\t' 'NR > 1 { print $2 }' "$d/.joblog-mutants" 2>/dev/null | sort | tr '\n' ' ')
check_eq "the mutant shards: one on each host, a record each here" \
	"$hosts$(cat "$d/mutant-split-0of2.jsonl" "$d/mutant-split-1of2.jsonl" 2>/dev/null | grep -c '"mutant"')" \
	"$(printf '%s\n' : "$SIM_LOGIN" | sort | tr '\n' ' ')2"
nothing_left
check_eq "no guest or shard left on either host" "$(left)" "|||"

# ---- the merge refuses shards of another run ---------------------------
for k in seed commit guest_kernel; do
	m=$SIM_DIR/mixed-$k
	rm -rf "$m"
	mkdir -p "$m"
	cp "$d"/*.jsonl "$d"/meta-*.json "$m"/
	jq --arg k "$k" '.[$k] = (if $k == "seed" then 4 elif $k == "commit" then "0000000" else "6.1.0-99-amd64" end)' \
		"$d/meta-1of2.json" >"$m/meta-1of2.json"
	err=$(FAULTS_REPORT=$m/F.md FAULTS_FIGURES=$m/fig timeout 120 "$SIM_ROOT/faultinject/campaign/report" "$m" 2>&1)
	st=$?
	want="$k: $(jq -r --arg k "$k" '.[$k]' "$d/meta-0of2.json") in meta-0of2.json (records *-0of2.jsonl); $(jq -r --arg k "$k" '.[$k]' "$m/meta-1of2.json") in meta-1of2.json (records *-1of2.jsonl)"
	check_has "the merge refuses a shard of another $k (status $st, no report)" \
		"$st $(test -e "$m/F.md" && echo report)|$err" "1 |faults-report: error: the shards in $m are not of one run; nothing merged:$NL  $want"
done

# ---- an interrupt --------------------------------------------------------
d2=$SIM_DIR/data2
# the other host's records of the first campaign gone: the next ones are new
sim_ssh 'rm -rf pcnet32-split/report/data/faults-remote'
campaign "$d2" 40 0
# the other host's guest up and its trials under way
if slowwait 240 there_has_records; then
	echo "# the other host's shard wrote records: SIGTERM to the campaign"
else
	echo "# no record from the other host within 240 s"
	tail -n 15 "$d2.log" | sed 's/^/# /'
fi
before="$(guests_here | wc -l) here, $(guests_there | wc -l) there"
kill -TERM "$CAMPAIGN_PID" 2>/dev/null
t0=$(now_ms)
campaign_wait 180
st=$?
echo "# guests before the signal: $before; the campaign ended $(($(now_ms) - t0)) ms after it"
grep -E 'interrupted|down on' "$d2.log" | sed 's/^/# /'
check_eq "the interrupted campaign ended with 143" "$st" 143
nothing_left
check_eq "no guest left on either host" "$(guests_here)|$(guests_there)" "|"
check_eq "no shard left on either host" "$(shards_here)|$(sim_others)" "|"
check "no report written" test ! -e "$d2.md"
ktap_finished
