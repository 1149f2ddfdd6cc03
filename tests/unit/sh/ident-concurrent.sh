#!/usr/bin/env bash
# tests/unit/sh/ident-concurrent.sh CAMPAIGN: how many distinct idents
# (commit, tree, guest kernel) 3 x 8 calls of `CAMPAIGN ident` side by
# side give, in a repository of their own with an uncommitted change
# (unit test "the run's ident is one value when shards ask at once": 1).
set -euo pipefail
src=${1:?usage: ident-concurrent.sh PATH-TO-faultinject/campaign/campaign}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d"
mkdir -p faultinject/campaign .cache/lab
cp "$src" faultinject/campaign/
echo k >.cache/lab/kver
echo a >f
git init -q
git add f faultinject
git -c user.email=t@t -c user.name=t commit -qm t
echo b >f
for _ in 1 2 3; do
	for _ in 1 2 3 4 5 6 7 8; do faultinject/campaign/campaign ident & done
	wait
done | sort -u | wc -l
