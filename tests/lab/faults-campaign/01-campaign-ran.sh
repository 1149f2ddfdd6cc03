#!/bin/sh
# test: a short campaign on both builds
# where: host
# timeout: 960
#
# The suite's campaign (campaign.sh): it ends with status 0, and its
# records are those of 5 ops x 10 kinds + 10 random trials on split and 9
# kinds on inkernel (no split-direct); its meta file has each build's
# seconds and the host's load averages at its end. 900 s for the
# campaign, 60 for its records.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=faults-campaign/campaign.sh
. "$(dirname "$0")/campaign.sh"

ktap_plan 4
campaign_once
check_eq "the campaign ran (status 0)" "$?" 0
counts=$(rows "$CAMPAIGN_DATA" | each_row '
	build == "split" { n++; next }
	{ other++ }
	END { printf "%d %d", n, other }')
check_eq "60 split records: 5 ops x 10 kinds + 10 random" "${counts% *}" 60
check_eq "9 inkernel records: its 9 kinds" "${counts#* }" 9
# "split=S L1 L5 L15 inkernel=S L1 L5 L15"
meta=$(jq -r '[.build_load | to_entries[] | "\(.key)=\(.value)"] | join(" ")' \
	"$CAMPAIGN_DATA/meta-0of1.json" 2>&1 | sed 's/=[0-9]*\.[0-9]* [0-9]*\.[0-9]* [0-9]*\.[0-9]*$/=L/; s/=[0-9]*\.[0-9]* [0-9]*\.[0-9]* [0-9]*\.[0-9]* /=L /g')
check_eq "the meta file has the load at the end of each build" "$meta" "split=L inkernel=L"
ktap_finished
