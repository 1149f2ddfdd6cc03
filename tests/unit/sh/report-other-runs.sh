#!/usr/bin/env bash
# tests/unit/sh/report-other-runs.sh ROOT: faultinject/campaign/report on
# fixed records with meta files of one run ("merged-same"), of two runs
# (another seed, commit and guest kernel: its error, "status N",
# "no-report"), then of two shard counts (its error; the script's status
# is the report's). Unit test "report: shards of another run refused".
set -uo pipefail
root=${1:?usage: report-other-runs.sh ROOT}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cp "$root/tests/unit/data/faults-records.jsonl" "$d/"
m() { # shard seed commit kernel machine
	jq -n --arg sh "$1" --argjson seed "$2" --arg c "$3" --arg k "$4" --arg mach "$5" \
		'{shard: $sh, seed: $seed, commit: $c, tree: "t1", guest_kernel: $k, machine: $mach, quick: 1}'
}
report() { FAULTS_REPORT=$d/F.md FAULTS_FIGURES=$d/fig "$root/faultinject/campaign/report" "$d"; }
m 0/2 1 abc 6.1.0-57-amd64 here >"$d/meta-0of2.json"
m 1/2 1 abc 6.1.0-57-amd64 there >"$d/meta-1of2.json"
report 2>/dev/null && echo merged-same
rm -f "$d/F.md"
m 1/2 2 def 6.1.0-99-amd64 there >"$d/meta-1of2.json"
report 2>&1
echo "status $?"
[ -e "$d/F.md" ] || echo no-report
m 1/3 1 abc 6.1.0-57-amd64 there >"$d/meta-1of3.json"
rm "$d/meta-1of2.json"
report 2>&1
