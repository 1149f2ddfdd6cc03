#!/bin/sh
# test: a short mutant campaign on both builds: traces, the same mutants, records with the mutant's fields
# where: host
# timeout: 960
#
# The suite's mutant campaign (campaign.sh mutants_once: the traces of
# split and inkernel, then 4 mutants drawn by the seed, armed for good one
# a trial, each with its op and a battery of every op). Checks: it ran;
# each build's trace reached mutants; each build has a record per mutant,
# the same mutants on both; every record carries the mutant (number, id,
# operator, function) and, when its kernel lived, the battery and whether
# the call's answer was silently wrong; split's kernel never died or hung,
# and every split trial recovered; the report's mutant sections come out
# of these records (beside the unit tests' records of the other kinds).
# 900 s for the mutant campaign (about a minute: two boots, 8 trials, a
# boot for each inkernel crash), 60 for the report.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=faults-campaign/campaign.sh
. "$(dirname "$0")/campaign.sh"

ktap_plan 8
mutants_once
check_eq "the mutant campaign ran (status 0)" "$?" 0
d=$CAMPAIGN_MUTANTS
echo "# traces: split $(wc -l <"$d/reach-split.txt" 2>/dev/null) sites, inkernel $(wc -l <"$d/reach-inkernel.txt" 2>/dev/null)"
check "both builds' traces reached mutants" test -s "$d/reach-split.txt" -a -s "$d/reach-inkernel.txt"
# one TSV row a record: build, mutant, fields present, kernel, recovered
# shellcheck disable=SC2016 # jq's program
recs=$(cat "$d"/mutant-*.jsonl 2>/dev/null | timeout 60 jq -r '[.build, (.mutant.n // 0),
	(if (.mutant.id and .mutant.operator and .mutant.function) then 1 else 0 end),
	(if .kernel.status == "alive" then (if (.battery.ops // 0) > 0 and (.caller.silent | type) == "boolean"
	   then 1 else 0 end) else 1 end),
	.kernel.status, (if .recovery.recovered then 1 else 0 end),
	.op, .mutant.operator, .caller.outcome, (.battery.bad // ""), (if .daemon.died then 1 else 0 end)] | @tsv')
printf '%s\n' "$recs" | awk -F '\t' 'NF { printf "# %s mutant %s (%s, %s): kernel %s, caller %s, recovered %s, daemon died %s, battery not correct: %s\n", $1, $2, $8, $7, $5, $9, $6, $11, ($10 == "" ? "none" : $10) }'
ns=$(printf '%s\n' "$recs" | awk -F '\t' '$1 == "split" { print $2 }' | sort -n | tr '\n' ' ')
ni=$(printf '%s\n' "$recs" | awk -F '\t' '$1 == "inkernel" { print $2 }' | sort -n | tr '\n' ' ')
check_eq "split: a record per mutant ($MUTANTS_MAX)" "$(printf '%s\n' "$ns" | wc -w)" "$MUTANTS_MAX"
check_eq "the same mutants on both builds" "$ni" "$ns"
check_eq "every record has the mutant's and the battery's fields" \
	"$(printf '%s\n' "$recs" | awk -F '\t' 'NF && ($3 != 1 || $4 != 1)' | wc -l)" 0
check_eq "split: no kernel crash or hang" \
	"$(printf '%s\n' "$recs" | awk -F '\t' '$1 == "split" && $5 != "alive"' | wc -l)" 0
check_eq "split: every trial recovered" \
	"$(printf '%s\n' "$recs" | awk -F '\t' '$1 == "split" && $6 != 1' | wc -l)" 0
# the report of these records beside a fixed set of the other kinds'
# (the unit tests'; the other sections need some)
t=$(mktemp -d)
cp "$CAMPAIGN_ROOT/tests/unit/data/faults-records.jsonl" "$d"/*.jsonl "$d"/reach-*.txt "$d/mutants.tsv" "$t"/ 2>/dev/null
FAULTS_REPORT=$t/F.md FAULTS_FIGURES=$t/fig timeout 120 "$CAMPAIGN_ROOT/faultinject/campaign/report" "$t" 2>/dev/null
check_has "the report's mutant totals" "$(cat "$t/F.md" 2>/dev/null)" \
	"| mutants tried (one a trial, armed for good) | $MUTANTS_MAX | $MUTANTS_MAX |"
rm -rf "$t"
ktap_finished
