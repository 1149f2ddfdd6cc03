# shellcheck shell=sh
# shellcheck disable=SC2034 # its variables are for the scenarios
# tests/lab/faults-remote/simhost.sh: a second host on this machine for
# the scenarios of this folder, sourced after ../lib.sh; not a scenario
# itself (the runner skips it).
#
# The second host is a network namespace of the run's own (SIM_NS), tied
# to this one by a veth pair with addresses of a private range (10.79.N.1
# here, 10.79.N.2 there), where an ssh server (dropbear, started here, no
# system service) listens with a host key and an authorized client key
# made for the run. Its sessions run in a mount namespace of their own
# where /root, the login's home, is a folder of the run (SIM_HOME, under
# build/ of this tree): the host's working copy (~/pcnet32-split, made by
# faultinject/campaign/remote prepare) is there, and a record of its
# shards reaches this side only by the transfer. ssh needs no prompt:
# SIM_SSH names its own config (the key, known_hosts with the host key,
# batch mode). simhost_down (the scenario's EXIT trap) takes the run's
# campaign down on both hosts, ends every process of the namespace,
# removes it (and the veth pair), the run's folder and its labs' folders
# here: on every way out.

SIM_ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# the run's id: from the runner's LAB_NAME (by hand: this shell's), a
# number (SIM_NUM) and its 6 digits (SIM_ID: leading zeros, for names)
SIM_NUM=$(printf '%s' "${LAB_NAME:-byhand-$$}" | cksum | awk '{ print $1 % 1000000 }')
SIM_ID=$(printf '%06d' "$SIM_NUM")
SIM_NS=pcnet32-rh-$SIM_ID
SIM_DIR=$SIM_ROOT/build/rh-$SIM_ID
SIM_HOME=$SIM_DIR/home
# the campaign's labs on both hosts (FAULTS_LAB: short, the run's)
SIM_LAB=fr$SIM_ID
SIM_SSH="ssh -F $SIM_DIR/ssh_config"
SIM_NET=""
SIM_LOGIN=""
SIM_DROPBEAR=""

# a third octet no address of this machine uses yet: 10.79.N.0/24
sim_net() {
	_n=$((SIM_NUM % 250 + 1))
	for _i in 1 2 3 4 5 6 7 8; do
		if ! ip -o addr show | grep -q " 10\.79\.$_n\."; then
			echo "$_n"
			return 0
		fi
		_n=$((_n % 250 + 1))
	done
	return 1
}

# simhost_up: the second host, answering over ssh; status 0 when it does
simhost_up() {
	rm -rf "$SIM_DIR"
	mkdir -p "$SIM_HOME/.ssh" || return 1
	chmod 700 "$SIM_HOME" "$SIM_HOME/.ssh"
	ssh-keygen -q -t ed25519 -N '' -C faults-remote -f "$SIM_DIR/id_ed25519" || return 1
	cp "$SIM_DIR/id_ed25519.pub" "$SIM_HOME/.ssh/authorized_keys"
	dropbearkey -t ed25519 -f "$SIM_DIR/host_key" >/dev/null 2>&1 || return 1
	SIM_NET=$(sim_net) || { echo "# no free 10.79.N.0/24"; return 1; }
	SIM_LOGIN=root@10.79.$SIM_NET.2
	ip netns add "$SIM_NS" || return 1
	ip link add "rh${SIM_ID}a" type veth peer name "rh${SIM_ID}b" || return 1
	ip link set "rh${SIM_ID}b" netns "$SIM_NS" || return 1
	ip addr add "10.79.$SIM_NET.1/24" dev "rh${SIM_ID}a"
	ip link set "rh${SIM_ID}a" up
	ip -n "$SIM_NS" link set lo up
	ip -n "$SIM_NS" addr add "10.79.$SIM_NET.2/24" dev "rh${SIM_ID}b"
	ip -n "$SIM_NS" link set "rh${SIM_ID}b" up
	printf '10.79.%s.2 %s\n' "$SIM_NET" "$(dropbearkey -y -f "$SIM_DIR/host_key" | grep '^ssh-')" \
		>"$SIM_DIR/known_hosts"
	cat >"$SIM_DIR/ssh_config" <<EOF
Host *
	User root
	IdentityFile $SIM_DIR/id_ed25519
	IdentitiesOnly yes
	UserKnownHostsFile $SIM_DIR/known_hosts
	StrictHostKeyChecking yes
	BatchMode yes
	ConnectTimeout 10
	LogLevel ERROR
EOF
	# the login file: one shard at a time here and there
	printf '1/:\n1/%s\n' "$SIM_LOGIN" >"$SIM_DIR/logins"
	# shellcheck disable=SC2016 # the inner shell's arguments
	ip netns exec "$SIM_NS" unshare --mount --propagation private sh -c \
		'mount --bind "$1" /root && exec dropbear -F -E -s -p "$2:22" -r "$3" -P "$4"' \
		sh "$SIM_HOME" "10.79.$SIM_NET.2" "$SIM_DIR/host_key" "$SIM_DIR/dropbear.pid" \
		</dev/null >"$SIM_DIR/dropbear.log" 2>&1 &
	SIM_DROPBEAR=$!
	slowwait 20 sim_ssh true
}

# sim_ssh CMD: CMD on the second host (a shell command line)
sim_ssh() {
	# shellcheck disable=SC2086 # the ssh command and its options
	timeout -k 5 60 $SIM_SSH "$SIM_LOGIN" "$1" </dev/null 2>/dev/null
}

# the processes of the second host's namespace but its ssh server's listener
sim_others() {
	ip netns pids "$SIM_NS" 2>/dev/null | grep -vx "${SIM_DROPBEAR:-none}" || :
}

simhost_down() {
	if [ -n "$SIM_LOGIN" ] && [ -d "$SIM_HOME/pcnet32-split/faultinject" ]; then
		FAULTS_SSH=$SIM_SSH FAULTS_LAB=$SIM_LAB timeout -k 5 150 \
			"$SIM_ROOT/faultinject/campaign/remote" down "$SIM_LOGIN" >/dev/null 2>&1 || :
	fi
	FAULTS_LAB=$SIM_LAB timeout -k 5 150 "$SIM_ROOT/faultinject/campaign/campaign" down >/dev/null 2>&1 || :
	if ip netns list 2>/dev/null | grep -q "^$SIM_NS\b"; then
		for _p in $(ip netns pids "$SIM_NS" 2>/dev/null); do kill -9 "$_p" 2>/dev/null || :; done
		ip netns del "$SIM_NS" 2>/dev/null || :
	fi
	ip link del "rh${SIM_ID}a" 2>/dev/null || :
	[ -z "$SIM_DROPBEAR" ] || wait "$SIM_DROPBEAR" 2>/dev/null || :
	# the run's folder, and what its labs here kept (their consoles)
	rm -rf "$SIM_DIR" "$SIM_ROOT/build/lab/$SIM_LAB"-*
}
