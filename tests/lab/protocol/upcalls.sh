# shellcheck shell=sh
# Upcalls per ioctl, from the kernel's own counter (`calls` of the
# channel's counters file), for the scenarios of this folder.

# calls CMD...: the upcalls CMD made
calls() {
	upcall_reset
	"$@" >/dev/null 2>&1
	upcall_counter calls
}

# per_op OP: upcalls per ioctl x 100 of an opbench op, from the difference
# between 40 and 20 calls of it (opbench's own probe call cancels out)
per_op() {
	_a=$(calls /lab/bin/opbench ops -n 20 -w 0 "$1")
	_b=$(calls /lab/bin/opbench ops -n 40 -w 0 "$1")
	echo $(((_b - _a) * 100 / 20))
}

# per_cmd CMD...: upcalls per run x 100 of a command run 20 times
per_cmd() {
	_a=$(calls sh -c "for i in \$(seq 20); do $* || true; done")
	echo $((_a * 100 / 20))
}
