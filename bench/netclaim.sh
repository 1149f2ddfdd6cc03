#!/usr/bin/env bash
# Claim 2's samples of a benchmark run, from its raw data:
#   bench/netclaim.sh DATA OUT
# writes OUT: DATA/net.csv (column,round,test,rep,value), but when every
# column of a pass was pinged at once (meta.env: ping_concurrent=1) and
# stock was among them, each ping sample of the other columns divided by
# stock's echo of the same round and number (rep), sent at about the
# same moment (the pings start together, one echo every 10 ms each; the
# start of each, through vm/lab host, differs by a fraction of a second
# at most). An echo's RTT follows the host's state at that
# moment far more than the driver (bench/README.md, "Ping against a
# control"); the division takes that state out of split/inkernel. Echoes
# without a partner (stock's lost, or a zero RTT) are left out; every
# other row is kept as it is. Prints what it did: "ping: divided by
# stock" or "ping: as recorded".
set -euo pipefail

die() { printf 'netclaim: %s\n' "$*" >&2; exit 2; }
[ $# = 2 ] || die "usage: bench/netclaim.sh DATA OUT"
data=$1 out=$2
[ -f "$data/net.csv" ] || die "$data/net.csv: no such file"
[ "$(head -n1 "$data/net.csv")" = column,round,test,rep,value ] ||
	die "$data/net.csv: not a net.csv (header column,round,test,rep,value)"

conc=$(sed -n 's/^ping_concurrent=//p' "$data/meta.env" 2>/dev/null | tail -n1)
# shellcheck disable=SC2016 # Miller's own variables
nstock=$(mlr --icsv --ojson filter '$test == "ping" && $column == "stock"' 'then' count "$data/net.csv" |
	jq -r '.[0].count // 0')
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp" "$tmp.stock"' EXIT
if [ "$conc" = 1 ] && [ "$nstock" -gt 0 ]; then
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --ocsv filter '$test == "ping" && $column == "stock"' 'then' cut -o -f round,rep,value \
		'then' rename value,ctl "$data/net.csv" >"$tmp.stock"
	# shellcheck disable=SC2016 # Miller's own variables
	{
		mlr --icsv --ocsv filter '!($test == "ping" && $column != "stock")' "$data/net.csv"
		mlr --icsv --ocsv --headerless-csv-output filter '$test == "ping" && $column != "stock"' \
			'then' join -j round,rep -f "$tmp.stock" \
			'then' filter '$ctl > 0' 'then' put '$value = $value / $ctl' \
			'then' cut -o -f column,round,test,rep,value "$data/net.csv"
	} >"$tmp"
	what="ping: divided by stock"
else
	cp "$data/net.csv" "$tmp"
	what="ping: as recorded"
fi
mv "$tmp" "$out"
echo "$what"
