# shellcheck shell=sh
# shellcheck disable=SC2034 # its variables are for the scenarios
# tests/lab/parity.sh: what the parity suites (parity-stock/, parity-split/,
# parity-direct/) share, sourced after lib.sh; not a scenario itself (the
# runner skips it). They run on the host, without a lab of the suite's own
# (driver=none): each driver is booted here, once a run.
#
# Parity of our driver (inkernel build) with the stock pcnet32.ko: the same
# ethtool and MII ioctl commands (driver-inkernel/pcnet32-parity, run in
# the guest) must print the same bytes on both, except for what
# tests/parity-exceptions.txt allows, each with its reason. And the paper's
# section 6.2 correctness test: the split build prints what the inkernel
# build prints, for the same commands, under the same masking (only the
# register words that change by themselves differ), with its daemon
# mediated (the default) and with direct ports (pcnet32d --ports direct).
#
# Each driver is booted once a run (stock, inkernel, split, and split again
# with its daemon restarted on direct ports), runs pcnet32-parity and is
# shut down; its output (LABEL.out), the script's exit status (LABEL.status)
# and its stderr (LABEL.err) are kept under build/tests/parity/RUN/, RUN
# being the runner's LAB_NAME (the three suites share it: lab=parity) or
# by-hand-PID. The inkernel output is shared by the three suites: it is
# collected by the first scenario that needs it. A driver that did not boot
# leaves LABEL.failed instead (with the reason) and is not booted again in
# the same run. The masked sections compared are kept beside them, in
# masked/SECTION.LABEL.
#
# PARITY_OUT=DIR: the outputs of DIR instead (LABEL.out and LABEL.status,
# LABEL.err if any, as above): no guest is booted, and a label without
# LABEL.status did not run.

PARITY_ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# the run: the runner's LAB_NAME, by hand a new one (or "saved", reading
# PARITY_OUT)
PARITY_RUN=${LAB_NAME:-by-hand-$$}
[ -n "${PARITY_OUT:-}" ] && [ -z "${LAB_NAME:-}" ] && PARITY_RUN=saved
PARITY_DIR=${PARITY_OUT:-$PARITY_ROOT/build/tests/parity/$PARITY_RUN}
PARITY_MASKED=$PARITY_ROOT/build/tests/parity/$PARITY_RUN/masked
PARITY_EXCEPTIONS=$PARITY_ROOT/tests/parity-exceptions.txt

# parity_collect LABEL: boot LABEL's driver (stock, inkernel, split, or
# split-direct: split with its daemon restarted with --ports direct), run
# pcnet32-parity in the guest (600 s), keep its output, status and stderr
# in PARITY_DIR, shut the guest down (also when something failed); its
# status: 0 when the script ran (whatever its own status)
parity_collect() (
	_label=$1
	_driver=$1
	[ "$_label" = split-direct ] && _driver="split"
	# unique per run: others may run the lab suites in the same tree
	_lab=$PARITY_RUN-$_label
	_lab_tool=$PARITY_ROOT/vm/lab
	_out=$PARITY_DIR/$_label
	mkdir -p "$PARITY_DIR" || exit 1
	rm -f "$_out.out" "$_out.status" "$_out.err" "$_out.failed"
	trap 'timeout -k 5 60 "$_lab_tool" down --name "$_lab" >/dev/null 2>&1' EXIT
	trap 'exit 1' HUP INT TERM
	timeout -k 5 60 "$_lab_tool" down --name "$_lab" >/dev/null 2>&1
	timeout -s KILL 300 "$_lab_tool" up --driver "$_driver" --name "$_lab" >"$_out.up" 2>&1
	_st=$?
	if [ "$_st" != 0 ]; then
		printf 'booting %s failed (%s): %s\n' "$_label" "$_st" \
			"$(tail -c 600 "$_out.up" | tr '\n' ' ')" >"$_out.failed"
		exit 1
	fi
	if [ "$_label" = split-direct ]; then
		timeout -s KILL 60 "$_lab_tool" exec --name "$_lab" -- sh -c \
			"/lab/driver/daemon-stop && PCNET32D_ARGS='--ports direct' /lab/driver/daemon-start && grep -q 'ports .* direct' /var/log/pcnet32d.log" \
			>"$_out.direct" 2>&1
		_st=$?
		if [ "$_st" != 0 ]; then
			printf 'the direct-ports daemon did not start (%s): %s\n' "$_st" \
				"$(tail -c 600 "$_out.direct" | tr '\n' ' ')" >"$_out.failed"
			exit 1
		fi
	fi
	timeout -s KILL 700 "$_lab_tool" exec --name "$_lab" --timeout 600 -- pcnet32-parity \
		>"$_out.out" 2>"$_out.err"
	# the status last: its file says the script ran
	echo "$?" >"$_out.status"
)

# parity_need LABEL...: each driver's output of this run, collected by the
# first scenario that needs it (none with PARITY_OUT); notes on stdout:
# the time it took, and for a driver that did not boot, the reason (on
# every call)
parity_need() {
	for _l in "$@"; do
		[ -n "${PARITY_OUT:-}" ] && continue
		[ -e "$PARITY_DIR/$_l.status" ] || [ -e "$PARITY_DIR/$_l.failed" ] && continue
		_t0=$(date +%s)
		parity_collect "$_l"
		echo "# parity: collecting $_l took $(($(date +%s) - _t0)) s (into $PARITY_DIR)"
	done
	for _l in "$@"; do
		[ ! -e "$PARITY_DIR/$_l.failed" ] || sed 's/^/# parity: /' "$PARITY_DIR/$_l.failed"
	done
}

# parity_problems LABEL...: a note for each whose script's status was not
# 0: the status and the end of its stderr
parity_problems() {
	for _l in "$@"; do
		_st=$(parity_status "$_l")
		[ -z "$_st" ] || [ "$_st" = 0 ] ||
			echo "# parity: $_l script status $_st; its stderr ends: $(tail -n 2 "$PARITY_DIR/$_l.err" 2>/dev/null | tr '\n' ' ' | cut -c1-300)"
	done
}

# parity_ran LABEL: LABEL's driver booted and ran the script
parity_ran() {
	[ -e "$PARITY_DIR/$1.status" ]
}

# parity_not_ran LABEL...: which of them did not run the script, for a
# failure's reason
parity_not_ran() {
	_nr=
	for _l in "$@"; do
		parity_ran "$_l" || _nr="$_nr${_nr:+, }$_l"
	done
	echo "did not run it: $_nr (no $_nr.status in $PARITY_DIR)"
}

# parity_status LABEL: the script's exit status on LABEL (the lab's: 242
# for an oops or WARN); empty if it did not run
parity_status() {
	cat "$PARITY_DIR/$1.status" 2>/dev/null
}

# parity_ended LABEL: LABEL's output has the script's last section ("=== end")
parity_ended() {
	grep -q '=== end$' "$PARITY_DIR/$1.out" 2>/dev/null
}

# parity_exceptions: the exceptions file read as its entries are checked:
# "ok 0|1" (every entry well formed, with its reason, within the limits),
# "lines N", "regs N", "csr0 B", "csr15 B", "bcr2 B" (B: 1 when masked)
parity_exceptions() {
	if [ -r "$PARITY_EXCEPTIONS" ]; then
		awk -v mode=exceptions -v exc="$PARITY_EXCEPTIONS" \
			-v excnl="$(_parity_lastnl "$PARITY_EXCEPTIONS")" "$_PARITY_AWK" /dev/null
	else
		printf 'ok 0\nlines 0\nregs 0\ncsr0 0\ncsr15 0\nbcr2 0\n'
	fi
}

# parity_masked FILE SECTION: section SECTION of the output FILE with what
# the exceptions allow masked, on stdout; status 3 when FILE has no such
# section (or is missing)
parity_masked() {
	[ -r "$1" ] || return 3
	_exc=$PARITY_EXCEPTIONS
	[ -r "$_exc" ] || _exc=/dev/null
	awk -v mode=mask -v section="$2" -v lastnl="$(_parity_lastnl "$1")" \
		-v exc="$_exc" -v excnl="$(_parity_lastnl "$_exc")" "$_PARITY_AWK" "$1"
}

# _parity_lastnl FILE: 1 when FILE is empty or ends with a newline, else 0
# (its last line is not a whole line)
_parity_lastnl() {
	if [ -s "$1" ] && [ "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' ')" != 0a ]; then
		echo 0
	else
		echo 1
	fi
}

# parity_text LABEL SECTION: section SECTION of LABEL's output as it is
# (every line, the last one's newline kept as it was); status 3 when the
# output has no such section (or LABEL did not run)
parity_text() {
	[ -r "$PARITY_DIR/$1.out" ] || return 3
	awk -v mode=raw -v section="$2" -v lastnl="$(_parity_lastnl "$PARITY_DIR/$1.out")" \
		-v exc=/dev/null -v excnl=1 "$_PARITY_AWK" "$PARITY_DIR/$1.out"
}

# parity_section A B SECTION: the scenario of one section: A and B ran the
# script, both have the section, and it is the same in both after masking;
# what differs is shown (the first lines of a diff, as notes)
parity_section() {
	_a=$1 _b=$2 _s=$3
	ktap_plan 4
	parity_need "$_a" "$_b"
	if ! parity_ran "$_a" || ! parity_ran "$_b"; then
		ktap_fail "both drivers ran the script ($_a, $_b)" "$(parity_not_ran "$_a" "$_b")"
		ktap_skip "$_a's output has section $_s" "not run"
		ktap_skip "$_b's output has section $_s" "not run"
		ktap_skip "$_s: the same on $_a and $_b, masked" "not run"
		ktap_finished
	fi
	ktap_pass "both drivers ran the script ($_a, $_b)"
	mkdir -p "$PARITY_MASKED"
	_ma=$PARITY_MASKED/$_s.$_a
	_mb=$PARITY_MASKED/$_s.$_b
	parity_masked "$PARITY_DIR/$_a.out" "$_s" >"$_ma"
	_sa=$?
	parity_masked "$PARITY_DIR/$_b.out" "$_s" >"$_mb"
	_sb=$?
	for _x in "$_a:$_sa" "$_b:$_sb"; do
		if [ "${_x#*:}" = 0 ]; then
			ktap_pass "${_x%:*}'s output has section $_s"
		else
			ktap_fail "${_x%:*}'s output has section $_s" "no line '=== $_s' in ${_x%:*}.out"
		fi
	done
	if [ "$_sa" != 0 ] || [ "$_sb" != 0 ]; then
		ktap_skip "$_s: the same on $_a and $_b, masked" "a section is missing"
		ktap_finished
	fi
	if cmp -s "$_ma" "$_mb"; then
		ktap_pass "$_s: the same on $_a and $_b, masked"
		ktap_finished
	fi
	# the first differing line of each, then the diff's first lines
	_first=$(awk -v a="$_a" -v b="$_b" '
		FILENAME == ARGV[1] { x[FNR] = $0; nx = FNR; next }
		{ y[FNR] = $0; ny = FNR }
		END {
			n = nx > ny ? nx : ny
			for (i = 1; i <= n; i++)
				if (x[i] != y[i] || (i > nx) != (i > ny)) {
					printf "line %d: %s %s | %s %s", i, a, (i > nx ? "(none)" : "\047" substr(x[i], 1, 120) "\047"),
						b, (i > ny ? "(none)" : "\047" substr(y[i], 1, 120) "\047")
					exit
				}
		}' "$_ma" "$_mb")
	echo "# parity $_s differs ($PARITY_MASKED/$_s.*):"
	diff -u --label "$_a" --label "$_b" "$_ma" "$_mb" | sed -n '3,18s/^/# /p'
	ktap_fail "$_s: the same on $_a and $_b, masked" "$_first"
	ktap_finished
}

# _PARITY_AWK, with -v mode=exceptions|mask|raw exc=FILE excnl=0|1 (and
# for mask and raw: section=NAME lastnl=0|1, the output as input): the
# exceptions file EXC read strictly (511 bytes a line at most, the rest
# the next; "#" and empty lines skipped; a kind of up to 15 characters, a
# name of up to 63, then a reason of 5 bytes or more, its newline
# counted; up to 16 "line" prefixes; "reg" CSR0-127 or BCR0-63, the
# digits after CSR or BCR read as atoi reads them), and in mode mask the
# section SECTION of OUTPUT masked (in mode raw: as it is):
#   - the section: the lines after the first whole line "=== SECTION", up
#     to the next line starting with "=== " (its first line never ends it)
#     (absent: status 3);
#   - empty lines are dropped;
#   - consecutive lines of 2-digit hex bytes (od -An -tx1) are one raw
#     dump: little-endian 16-bit words 8 a line, words 8-97 CSR0-89, 98
#     CSR112, 99 CSR114, 100-135 BCR0-35, a masked one "xxxx";
#   - a line whose text after blanks starts with a "line" prefix is
#     "BLANKS<prefix> *";
#   - the hex table "CSRnn:" / "BCRnn:" (two digits): its words, one space
#     apart, register nn+k for word k (CSR88's row: 88, 89, 112, 114), a
#     masked one "xxxx";
#   - a decoded line "NAME: ... 0xVVVV" (CSRn or BCRn, the value after
#     the last space) of a masked register: "... 0x****", and the lines
#     under it starting with two blanks "  *";
#   - any other line as it is.
# shellcheck disable=SC2016 # awk's program
_PARITY_AWK='
	function isws(c) { return c == " " || c == "\t" || c == "\n" || c == "\v" || c == "\f" || c == "\r" }
	function hexval(c) { return index("0123456789abcdef", tolower(c)) - 1 }
	function ishex(c) { return c != "" && hexval(c) >= 0 }
	# atoi of the digits at the start of s
	function atoi(s,   n, i, c) {
		n = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c < "0" || c > "9") break
			n = n * 10 + c
		}
		return n
	}
	# reg_lookup(name): sets is_bcr and num; 0 when a register, -1 if not
	function reg_lookup(name,   c) {
		if (substr(name, 1, 3) == "CSR") is_bcr = 0
		else if (substr(name, 1, 3) == "BCR") is_bcr = 1
		else return -1
		c = substr(name, 4, 1)
		if (c < "0" || c > "9" || c == "") return -1
		num = atoi(substr(name, 4))
		if (num < 0 || num >= (is_bcr ? 64 : 128)) return -1
		return 0
	}
	function masked(bcr, n) {
		return bcr ? (n >= 0 && n < 64 && (("b" n) in reg)) : (n >= 0 && n < 128 && (("c" n) in reg))
	}
	# one entry of the exceptions file (s: one fgets, its newline if any)
	function exc_entry(s,   i, l, kind, what, start, reason) {
		l = length(s)
		if (substr(s, 1, 1) == "#" || substr(s, 1, 1) == "\n") return
		# %15s
		for (i = 1; i <= l && isws(substr(s, i, 1)); i++) ;
		if (i > l) { ok = 0; return }
		start = i
		for (; i <= l && !isws(substr(s, i, 1)) && i - start < 15; i++) ;
		kind = substr(s, start, i - start)
		# " %63s"
		for (; i <= l && isws(substr(s, i, 1)); i++) ;
		if (i > l) { ok = 0; return }
		start = i
		for (; i <= l && !isws(substr(s, i, 1)) && i - start < 63; i++) ;
		what = substr(s, start, i - start)
		# " %n"
		for (; i <= l && isws(substr(s, i, 1)); i++) ;
		reason = substr(s, i)
		if (length(reason) < 5) ok = 0
		if (kind == "line" && n_line < 16) {
			line_pfx[++n_line] = what
		} else if (kind == "reg" && reg_lookup(what) == 0) {
			reg[(is_bcr ? "b" : "c") num] = 1
			n_reg++
		} else {
			ok = 0
		}
	}
	function put(s) { printf "%s", s }
	function flush_raw(   i, w, r, b) {
		for (i = 0; i + 1 < nb; i += 2) {
			w = i / 2
			b = 0
			if (w < 8) r = -1
			else if (w < 98) r = w - 8
			else if (w == 98) r = 112
			else if (w == 99) r = 114
			else if (w < 136) { r = w - 100; b = 1 }
			else r = -1
			if (r >= 0 && masked(b, r)) put("xxxx")
			else put(sprintf("%02x%02x", bytes[i + 1], bytes[i]))
			put(w % 8 == 7 ? "\n" : " ")
		}
		if (nb % 2) put(sprintf("odd byte count %d\n", nb))
		else if (int(nb / 2) % 8) put("\n")
		nb = 0
	}
	function is_hex_bytes(l,   i, n, len) {
		n = 0
		len = length(l)
		i = 1
		while (i <= len) {
			while (substr(l, i, 1) == " ") i++
			if (i > len) break
			if (!ishex(substr(l, i, 1)) || !ishex(substr(l, i + 1, 1)) ||
			    (i + 2 <= len && substr(l, i + 2, 1) != " "))
				return 0
			i += 2
			n++
		}
		return n > 0
	}
	function add_bytes(l,   i, len) {
		len = length(l)
		for (i = 1; i <= len && nb < 4096; ) {
			while (substr(l, i, 1) == " ") i++
			if (i > len) break
			bytes[nb++] = hexval(substr(l, i, 1)) * 16 + hexval(substr(l, i + 1, 1))
			i += 2
		}
	}
	function table_line(l,   bcr, n, rest, k, tok, r, out, m, i, len, start) {
		if (l !~ /^(CSR|BCR)[0-9][0-9]:/) return 0
		bcr = substr(l, 1, 3) == "BCR"
		n = substr(l, 4, 2) + 0
		out = substr(l, 1, 6)
		rest = substr(l, 7)
		len = length(rest)
		k = 0
		i = 1
		for (;;) {
			while (i <= len && isws(substr(rest, i, 1))) i++
			if (i > len) break
			start = i
			while (i <= len && !isws(substr(rest, i, 1)) && i - start < 15) i++
			tok = substr(rest, start, i - start)
			if (!bcr && n == 88) r = k == 0 ? 88 : k == 1 ? 89 : k == 2 ? 112 : 114
			else r = n + k
			out = out " " (masked(bcr, r) ? "xxxx" : tok)
			k++
		}
		print out
		return 1
	}
	function decoded_line(l,   x, i, name, m) {
		x = 0
		for (i = length(l); i >= 1; i--)
			if (substr(l, i, 1) == " ") { x = i; break }
		if (!x || substr(l, x, 3) != " 0x") return 0
		if (!match(l, /^[A-Z0-9]+/)) return 0
		m = RLENGTH > 15 ? 15 : RLENGTH
		name = substr(l, 1, m)
		if (reg_lookup(name) != 0 || substr(l, m + 1, 1) != ":") return 0
		if (!masked(is_bcr, num)) return 0
		print substr(l, 1, x - 1) " 0x****"
		mask_detail = 1
		return 1
	}
	function mask_line(l,   t, lead, i, p) {
		if (l == "") return
		if (is_hex_bytes(l)) { add_bytes(l); return }
		if (nb) flush_raw()
		if (mask_detail && substr(l, 1, 2) == "  ") { print "  *"; return }
		mask_detail = 0
		match(l, /^[ \t]*/)
		lead = substr(l, 1, RLENGTH)
		t = substr(l, RLENGTH + 1)
		for (i = 1; i <= n_line; i++) {
			p = line_pfx[i]
			if (substr(t, 1, length(p)) == p) { print lead p " *"; return }
		}
		if (table_line(l) || decoded_line(l)) return
		print l
	}
	BEGIN {
		ok = 1; n_line = 0; n_reg = 0; nb = 0; state = 0
		# the exceptions file: fgets of 511 bytes at most
		ne = 0
		while ((getline s < exc) > 0)
			el[++ne] = s
		for (e = 1; e <= ne; e++) {
			s = el[e] (e < ne || excnl ? "\n" : "")
			while (length(s) > 511) { exc_entry(substr(s, 1, 511)); s = substr(s, 512) }
			exc_entry(s)
		}
	}
	# the output: state 0 before the header, 1 its first line, 2 in it, 3 after
	mode == "mask" || mode == "raw" {
		if (state == 0) {
			if ($0 == "=== " section) { hdr = FNR; state = 1 }
			next
		}
		if (state == 3) next
		if (state == 2 && substr($0, 1, 4) == "=== ") { state = 3; next }
		state = 2
		if (mode == "raw") { printf "%s%s", (nraw++ ? "\n" : ""), $0; lastin = FNR }
		else mask_line($0)
	}
	END {
		if (mode == "exceptions") {
			printf "ok %d\nlines %d\nregs %d\ncsr0 %d\ncsr15 %d\nbcr2 %d\n", ok, n_line, n_reg,
				masked(0, 0), masked(0, 15), masked(1, 2)
			exit 0
		}
		if (nb) flush_raw()
		if (nraw && !(lastin == FNR && !lastnl)) printf "\n"
		# no header, or the header is the last line and does not end
		if (state == 0 || (state == 1 && hdr == FNR && !lastnl)) exit 3
	}'
