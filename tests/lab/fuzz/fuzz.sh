# shellcheck shell=sh
# shellcheck disable=SC2034 # its variables are for the scenarios
# tests/lab/fuzz/fuzz.sh: what the scenarios of this folder share, sourced
# after ../lib.sh; not a scenario itself (the runner skips it).

FZ_TMP=$(mktemp -d)
trap 'rm -rf "$FZ_TMP"' EXIT

# ran CMD...: CMD (a function of the scenario) with its output in $OUT
# and its errors in $ERR, each as written (a last newline kept: needles
# end with $NL); its status in $ST
ran() {
	"$@" >"$FZ_TMP/out" 2>"$FZ_TMP/err"
	ST=$?
	OUT=$(
		cat "$FZ_TMP/out"
		echo .
	)
	OUT=${OUT%.}
	ERR=$(
		cat "$FZ_TMP/err"
		echo .
	)
	ERR=${ERR%.}
}

# occurrences TEXT NEEDLE: how many times NEEDLE occurs in TEXT
# (occurrences, not lines)
occurrences() {
	printf '%s' "$1" | grep -o -F -- "$2" | wc -l | tr -d ' '
}
