// SPDX-License-Identifier: GPL-2.0
/*
 * pcnet32d's sandbox. The daemon holds the kernel's upcall node (and,
 * with --ports direct only, the ports of a NIC: ioperm); whoever controls
 * the daemon's process controls both. So after it has them it becomes a user of its own (not the shared
 * nobody, whose other processes could ptrace it), is never dumpable (no
 * ptrace, /proc/PID/mem and friends root-owned, no core), keeps no
 * capability in any set, cannot gain privileges, and runs under a seccomp
 * filter that allows only the serving loop's system calls: the node's
 * serving ioctls (FETCH and FACTS, or the paper's REQUEST, COPY and
 * REPLY, and REGS, the register programs; never HELLO, done before), writes to its log, clocks and sleeps,
 * exit, and the signal calls the fault-injection kinds use (towards
 * itself only). FACTS is allowed because the facts are computed in the
 * sandbox, by the same slow-path code that serves (a second FACTS is
 * refused by the kernel, EALREADY). Anything
 * else, fork, clone, execve, open, socket, sendmsg, ptrace, ioperm, kills
 * the process; the supervisor starts a new one.
 *
 * The id: a dynamically chosen uid/gid pair that nothing else on the
 * system uses (see pcnet32d_sandbox_pick_id). Searching downward from
 * 2^31 - 2 keeps clear of the ranges distributions hand out (system users
 * below 1000, people from 1000, systemd's dynamic users 61184-65519, nobody
 * 65534, subordinate ids for containers from 100000 upwards in blocks of
 * 65536) and of tools that take ids as signed 32-bit numbers. Each daemon
 * that starts while another runs gets the next lower id, since the running
 * one owns its process; two started at the very same instant could pick
 * the same id, which is still not a door: neither can ptrace (not
 * dumpable, and no ptrace in the filter) nor signal (kill only itself) the
 * other.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pcnet32_upcall.h"
#include "sandbox.h"

static int fail(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- the id ------------------------------------------------------------- */

#define ID_LOW	(PCNET32D_ID_TOP - PCNET32D_ID_SPAN + 1)

static void mark(unsigned char *used, unsigned long id)
{
	if (id >= ID_LOW && id <= PCNET32D_ID_TOP)
		used[(id - ID_LOW) / 8] |= 1u << ((id - ID_LOW) % 8);
}

/* Mark the numeric fields fields[] (1-based, ':'-separated) of each line. */
static void mark_db(unsigned char *used, const char *path, const int *fields, int n)
{
	char line[1024];
	FILE *f = fopen(path, "re");

	if (!f)
		return;	/* no such database: it names nobody */
	while (fgets(line, sizeof(line), f)) {
		char *p = line;
		int field = 1, i;

		for (;;) {
			for (i = 0; i < n; i++)
				if (fields[i] == field)
					mark(used, strtoul(p, NULL, 10));
			p = strchr(p, ':');
			if (!p)
				break;
			p++;
			field++;
		}
	}
	fclose(f);
}

/* Mark the ids of every process: all four of its uids and gids. */
static void mark_procs(unsigned char *used)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[300], line[256];
		FILE *f;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;	/* gone meanwhile */
		while (fgets(line, sizeof(line), f)) {
			unsigned long v[4];
			int i;

			if (strncmp(line, "Uid:", 4) && strncmp(line, "Gid:", 4))
				continue;
			if (sscanf(line + 4, "%lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3]) != 4)
				continue;
			for (i = 0; i < 4; i++)
				mark(used, v[i]);
		}
		fclose(f);
	}
	closedir(d);
}

int pcnet32d_sandbox_pick_id(uint32_t *id, char *why, size_t why_len)
{
	static const int passwd_fields[] = { 3, 4 }, group_fields[] = { 3 };
	static unsigned char used[PCNET32D_ID_SPAN / 8];
	uint32_t i;

	/* local files only: the daemon's hosts have no other name service */
	memset(used, 0, sizeof(used));
	mark_db(used, "/etc/passwd", passwd_fields, 2);
	mark_db(used, "/etc/group", group_fields, 1);
	mark_procs(used);
	for (i = PCNET32D_ID_SPAN; i-- > 0;) {
		if (!(used[i / 8] & (1u << (i % 8)))) {
			*id = ID_LOW + i;
			return 0;
		}
	}
	return fail(why, why_len, "no free uid/gid in %u..%u", ID_LOW, PCNET32D_ID_TOP);
}

/* ---- privileges ------------------------------------------------------- */

/* Close every descriptor but the ones the serving loop uses (and 0-2). */
static int close_others(const struct pcnet32d_sandbox *sb, char *why, size_t why_len)
{
	int fds[256], n = 0, i;
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	if (!d)
		return fail(why, why_len, "/proc/self/fd: %s", strerror(errno));
	while ((e = readdir(d)) && n < (int)(sizeof(fds) / sizeof(fds[0]))) {
		int fd;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		fd = atoi(e->d_name);
		if (fd > 2 && fd != dirfd(d) && fd != sb->node_fd &&
		    fd != sb->log_fd && fd != sb->ready_fd)
			fds[n++] = fd;
	}
	closedir(d);
	for (i = 0; i < n; i++)
		close(fds[i]);
	return 0;
}

/* Before the uid change, while the capabilities to do it are still ours. */
static int drop_bounding(char *why, size_t why_len)
{
	int cap;

	/* the bounding set needs CAP_SETPCAP: empty it while still root */
	for (cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0))
			return fail(why, why_len, "PR_CAPBSET_DROP %d: %s", cap, strerror(errno));
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0))
		return fail(why, why_len, "PR_CAP_AMBIENT_CLEAR_ALL: %s", strerror(errno));
	return 0;
}

/*
 * After it: the uid change from 0 cleared the permitted and effective
 * sets; the inheritable set it leaves as it was. Lowering needs nothing.
 */
static int drop_all(char *why, size_t why_len)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capset, &hdr, data))
		return fail(why, why_len, "capset: %s", strerror(errno));
	return 0;
}

/* What the kernel says about us, checked line by line. */
static int check_status(uint32_t id, char *why, size_t why_len)
{
	static const char *const zero_caps[] = { "CapInh:", "CapPrm:", "CapEff:",
						 "CapBnd:", "CapAmb:" };
	char line[256], want[128];
	int caps = 0, nnp = 0, ids = 0;
	FILE *f = fopen("/proc/self/status", "re");
	size_t i;

	if (!f)
		return fail(why, why_len, "/proc/self/status: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		for (i = 0; i < sizeof(zero_caps) / sizeof(zero_caps[0]); i++) {
			size_t l = strlen(zero_caps[i]);

			if (!strncmp(line, zero_caps[i], l)) {
				if (strtoull(line + l, NULL, 16)) {
					fclose(f);
					return fail(why, why_len, "still %s", line);
				}
				caps++;
			}
		}
		if (!strcmp(line, "NoNewPrivs:\t1\n"))
			nnp = 1;
		snprintf(want, sizeof(want), "Uid:\t%u\t%u\t%u\t%u\n", id, id, id, id);
		if (!strcmp(line, want))
			ids++;
		snprintf(want, sizeof(want), "Gid:\t%u\t%u\t%u\t%u\n", id, id, id, id);
		if (!strcmp(line, want))
			ids++;
		/* no supplementary group: nothing but blanks after the name */
		if (!strncmp(line, "Groups:", 7) &&
		    strspn(line + 7, " \t\n") == strlen(line + 7))
			ids++;
	}
	fclose(f);
	if (caps != 5 || !nnp || ids != 3)
		return fail(why, why_len, "/proc/self/status: caps %d/5 zero, NoNewPrivs %d, ids %d/3",
			    caps, nnp, ids);
	return 0;
}

static int become(uint32_t id, char *why, size_t why_len)
{
	struct rlimit no_core = { 0, 0 };

	if (setrlimit(RLIMIT_CORE, &no_core))
		return fail(why, why_len, "RLIMIT_CORE: %s", strerror(errno));
	if (drop_bounding(why, why_len))
		return -1;
	if (setgroups(0, NULL) || setresgid(id, id, id) || setresuid(id, id, id))
		return fail(why, why_len, "becoming %u: %s", id, strerror(errno));
	if (drop_all(why, why_len))
		return -1;
	/* after the uid change, which resets it to the suid_dumpable default */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		return fail(why, why_len, "PR_SET_DUMPABLE: %s", strerror(errno));
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return fail(why, why_len, "PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
	if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
		return fail(why, why_len, "still dumpable");
	return check_status(id, why, why_len);
}

/* ---- the filter ------------------------------------------------------- */

/*
 * The kernel takes fd and ioctl cmd as unsigned int: compare the low 32
 * bits only, as it does (a caller's high bits are ignored by the kernel,
 * and must not slip past the filter either way).
 */
#define LOW32(n, v)	SCMP_CMP(n, SCMP_CMP_MASKED_EQ, 0xffffffffULL, (scmp_datum_t)(v))

static int allow(scmp_filter_ctx ctx, int nr, unsigned int n, const struct scmp_arg_cmp *a)
{
	return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, n, a);
}

static int allow_write_to(scmp_filter_ctx ctx, int fd)
{
	struct scmp_arg_cmp a[] = { LOW32(0, fd) };

	int ret;

	if (fd < 0)
		return 0;
	ret = allow(ctx, SCMP_SYS(write), 1, a);
	return ret ? ret : allow(ctx, SCMP_SYS(writev), 1, a);
}

static int build_filter(scmp_filter_ctx ctx, const struct pcnet32d_sandbox *sb)
{
	static const unsigned long paper_cmds[] = {
		PCNET32U_IOC_REQUEST, PCNET32U_IOC_COPY, PCNET32U_IOC_REPLY,
		PCNET32U_IOC_REGS,
	};
	static const unsigned long fetch_cmds[] = {
		PCNET32U_IOC_FETCH, PCNET32U_IOC_FACTS, PCNET32U_IOC_REGS,
	};
	const unsigned long *cmds = sb->paper ? paper_cmds : fetch_cmds;
	size_t ncmds = sb->paper ? sizeof(paper_cmds) / sizeof(paper_cmds[0]) :
				   sizeof(fetch_cmds) / sizeof(fetch_cmds[0]);
	/* no arguments worth checking, or none that could hurt */
	static const int plain[] = {
		SCMP_SYS(clock_gettime), SCMP_SYS(clock_nanosleep), SCMP_SYS(nanosleep),
		SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(rt_sigreturn),
		SCMP_SYS(restart_syscall),	/* a stopped sleep resumes with it */
		SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction),
		SCMP_SYS(getpid), SCMP_SYS(gettid),
	};
	pid_t self = getpid();
	struct scmp_arg_cmp to_self[] = { SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)self) };
	size_t i;
	int ret;

	for (i = 0; i < ncmds; i++) {
		struct scmp_arg_cmp a[] = { LOW32(0, sb->node_fd), LOW32(1, cmds[i]) };

		ret = allow(ctx, SCMP_SYS(ioctl), 2, a);
		if (ret)
			return ret;
	}
	ret = allow_write_to(ctx, sb->log_fd);
	if (!ret)
		ret = allow_write_to(ctx, sb->ready_fd);
	if (ret)
		return ret;
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		ret = allow(ctx, plain[i], 0, NULL);
		if (ret)
			return ret;
	}
	/* signals: to this process only (abort, raise, a fault's self-kill) */
	ret = allow(ctx, SCMP_SYS(kill), 1, to_self);
	return ret ? ret : allow(ctx, SCMP_SYS(tgkill), 1, to_self);
}

static int install_filter(const struct pcnet32d_sandbox *sb, char *why, size_t why_len)
{
	uint32_t def = sb->seccomp_log ? SCMP_ACT_LOG : SCMP_ACT_KILL_PROCESS;
	scmp_filter_ctx ctx = seccomp_init(def);
	int ret;

	if (!ctx)
		return fail(why, why_len, "seccomp_init failed");
	/* a system call of another ABI (i386, x32) is not in the list either */
	ret = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (!ret)
		ret = build_filter(ctx, sb);
	if (!ret)
		ret = seccomp_load(ctx);
	if (ret) {
		seccomp_release(ctx);
		return fail(why, why_len, "seccomp: %s", strerror(-ret));
	}
	/*
	 * Not released once loaded: free() may give memory back to the
	 * system (brk, munmap), which the filter no longer allows; the
	 * few kilobytes stay allocated for the process's life.
	 */
	return 0;
}

int pcnet32d_sandbox_enter(const struct pcnet32d_sandbox *sb, uint32_t id,
			   char *why, size_t why_len)
{
	if (close_others(sb, why, why_len))
		return -1;
	if (chdir("/"))
		return fail(why, why_len, "chdir /: %s", strerror(errno));
	if (become(id, why, why_len))
		return -1;
	return install_filter(sb, why, why_len);
}
