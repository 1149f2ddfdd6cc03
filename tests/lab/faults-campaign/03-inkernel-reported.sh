#!/bin/sh
# test: inkernel: null is an oops, stack a panic
# where: host
# timeout: 960
#
# Every inkernel record of the suite's campaign (campaign.sh) is noted;
# whatever happens is recorded, except that a null dereference must be
# reported as an oops and a stack overflow as a panic when the console
# says so. 900 s for the suite's campaign (when this scenario runs alone),
# 60 for its records.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=faults-campaign/campaign.sh
. "$(dirname "$0")/campaign.sh"

ktap_plan 1
# its status is the first scenario's check; here only the records count
campaign_once || :
tally=$(rows "$CAMPAIGN_DATA" | each_row '
	build != "inkernel" { next }
	{
		print "# inkernel " op " " kind ": kernel " kernel ", caller " outcome (console != "" ? ": " : "") console
		if (kind == "null" && index(console, "NULL pointer dereference")) {
			n++
			if (kernel != "oops") bad++
		}
		if (kind == "stack" && (index(console, "stack overflow") || index(console, "stack guard") ||
			index(console, "Kernel panic"))) {
			n++
			if (kernel != "panic") bad++
		}
	}
	END { printf "n %d\nbad %d\n", n, bad }')
printf '%s\n' "$tally" | grep '^# '
check_eq "a null dereference the console shows is an oops, a stack overflow a panic" \
	"$(printf '%s\n' "$tally" | sed -n 's/^bad //p')" 0
ktap_finished
