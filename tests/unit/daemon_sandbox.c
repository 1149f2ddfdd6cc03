// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of pcnet32d's sandbox (driver-split/daemon/sandbox.c):
 * a forked child enters it exactly as the daemon does (a /dev/null
 * descriptor stands in for the node, a pipe for the log) and then makes
 * one system call. The serving loop's calls must work; every other one
 * must kill the child with SIGSYS. Needs root, as the daemon does.
 */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../driver-split/daemon/sandbox.c"

enum sb_call {
	SB_NOTHING, SB_WRITE_LOG, SB_IOCTL_FETCH, SB_IOCTL_FACTS, SB_CLOCK,
	SB_SLEEP, SB_GETPID, SB_KILL_SELF, SB_SIGPROCMASK,
	/* the paper's protocol: allowed with it, forbidden with fetch */
	SB_IOCTL_REQUEST, SB_IOCTL_COPY, SB_IOCTL_REPLY,
	/* forbidden from here on: done before the sandbox, in both */
	SB_IOCTL_HELLO,
	SB_FORK, SB_THREAD, SB_EXECVE, SB_OPEN, SB_SOCKET, SB_SENDMSG, SB_PTRACE,
	SB_IOPERM, SB_IOPL, SB_WRITE_STDOUT, SB_IOCTL_OTHER_FD, SB_IOCTL_OTHER_CMD,
	SB_KILL_OTHER, SB_MMAP, SB_SETUID0, SB_PRCTL_DUMPABLE,
};

static int sb_pipe[2];

static void sb_call(enum sb_call c, int node)
{
	struct timespec ts = { 0, 1000 };
	sigset_t set;

	switch (c) {
	case SB_NOTHING: break;
	case SB_WRITE_LOG: (void)!write(sb_pipe[1], "x", 1); break;
	case SB_IOCTL_FETCH: ioctl(node, PCNET32U_IOC_FETCH, NULL); break;
	case SB_IOCTL_REQUEST: ioctl(node, PCNET32U_IOC_REQUEST, NULL); break;
	case SB_IOCTL_COPY: ioctl(node, PCNET32U_IOC_COPY, NULL); break;
	case SB_IOCTL_REPLY: ioctl(node, PCNET32U_IOC_REPLY, NULL); break;
	case SB_IOCTL_HELLO: ioctl(node, PCNET32U_IOC_HELLO, NULL); break;
	case SB_IOCTL_FACTS: ioctl(node, PCNET32U_IOC_FACTS, NULL); break;
	case SB_CLOCK: clock_gettime(CLOCK_MONOTONIC, &ts); syscall(SYS_clock_gettime, 0, &ts); break;
	case SB_SLEEP: nanosleep(&ts, NULL); break;
	case SB_GETPID: syscall(SYS_getpid); syscall(SYS_gettid); break;
	case SB_KILL_SELF: kill(getpid(), 0); break;
	case SB_SIGPROCMASK: sigemptyset(&set); sigprocmask(SIG_BLOCK, &set, NULL); break;
	case SB_FORK: syscall(SYS_fork); break;
	case SB_THREAD: syscall(SYS_clone, CLONE_VM | CLONE_THREAD | CLONE_SIGHAND, NULL); break;
	case SB_EXECVE: execl("/bin/true", "true", (char *)NULL); break;
	case SB_OPEN: open("/etc/hostname", O_RDONLY); break;
	case SB_SOCKET: socket(AF_UNIX, SOCK_DGRAM, 0); break;
	case SB_SENDMSG: {
		struct msghdr m = { 0 };

		sendmsg(node, &m, 0);
		break;
	}
	case SB_PTRACE: ptrace(PTRACE_TRACEME, 0, NULL, NULL); break;
	case SB_IOPERM: ioperm(0x80, 1, 1); break;
	case SB_IOPL: iopl(3); break;
	case SB_WRITE_STDOUT: (void)!write(1, "", 0); break;
	case SB_IOCTL_OTHER_FD: ioctl(sb_pipe[0], PCNET32U_IOC_REQUEST, NULL); break;
	case SB_IOCTL_OTHER_CMD: ioctl(node, FIONREAD, NULL); break;
	case SB_KILL_OTHER: kill(1, 0); break;
	case SB_MMAP: syscall(SYS_mmap, NULL, 4096, 3, 0x22, -1, 0); break;
	case SB_SETUID0: syscall(SYS_setuid, 0); break;
	case SB_PRCTL_DUMPABLE: prctl(PR_SET_DUMPABLE, 1, 0, 0, 0); break;
	}
}

/* How the child ended: its exit status, or 128 + the signal. */
static int sb_run_as(enum sb_call c, int paper)
{
	int st, node;
	pid_t pid;

	CU_ASSERT_EQUAL_FATAL(geteuid(), 0);
	CU_ASSERT_EQUAL_FATAL(pipe(sb_pipe), 0);
	pid = fork();
	if (pid == 0) {
		struct pcnet32d_sandbox sb = { .ready_fd = -1 };
		char why[256];
		uint32_t id;

		node = open("/dev/null", O_RDWR);
		sb.node_fd = node;
		sb.log_fd = sb_pipe[1];
		sb.paper = paper;
		if (pcnet32d_sandbox_pick_id(&id, why, sizeof(why)) ||
		    pcnet32d_sandbox_enter(&sb, id, why, sizeof(why))) {
			fprintf(stderr, "sandbox: %s\n", why);
			_exit(99);
		}
		sb_call(c, node);
		syscall(SYS_exit_group, 0);
	}
	close(sb_pipe[1]);
	waitpid(pid, &st, 0);
	close(sb_pipe[0]);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int sb_run(enum sb_call c)
{
	return sb_run_as(c, 0);
}

static void test_allowed(void)
{
	static const enum sb_call ok[] = {
		SB_NOTHING, SB_WRITE_LOG, SB_IOCTL_FETCH, SB_IOCTL_FACTS, SB_CLOCK,
		SB_SLEEP, SB_GETPID, SB_KILL_SELF, SB_SIGPROCMASK,
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int st = sb_run(ok[i]);

		if (st)
			fprintf(stderr, " [call %d: status %d] ", (int)ok[i], st);
		CU_ASSERT_EQUAL(st, 0);
	}
}

static void test_forbidden_kill(void)
{
	int c;

	for (c = SB_IOCTL_REQUEST; c <= SB_PRCTL_DUMPABLE; c++) {
		int st = sb_run((enum sb_call)c);

		if (st != 128 + SIGSYS)
			fprintf(stderr, " [call %d: status %d] ", c, st);
		CU_ASSERT_EQUAL(st, 128 + SIGSYS);
	}
}

/* --protocol paper: its three ioctls pass, FETCH, HELLO, FACTS kill */
static void test_paper(void)
{
	static const enum sb_call ok[] = {
		SB_IOCTL_REQUEST, SB_IOCTL_COPY, SB_IOCTL_REPLY, SB_WRITE_LOG,
	};
	static const enum sb_call bad[] = {
		SB_IOCTL_FETCH, SB_IOCTL_HELLO, SB_IOCTL_FACTS, SB_IOCTL_OTHER_CMD,
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CU_ASSERT_EQUAL(sb_run_as(ok[i], 1), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CU_ASSERT_EQUAL(sb_run_as(bad[i], 1), 128 + SIGSYS);
}

static void test_free_id(void)
{
	char why[128];
	uint32_t id = 0;

	/* not root, not nobody, nobody's in the databases: from the top range */
	CU_ASSERT_EQUAL(pcnet32d_sandbox_pick_id(&id, why, sizeof(why)), 0);
	CU_ASSERT(id > 65535 && id <= PCNET32D_ID_TOP && id > PCNET32D_ID_TOP - PCNET32D_ID_SPAN);
}

static CU_TestInfo sandbox_tests[] = {
	{ "the serving loop's calls pass the filter (and FACTS)", test_allowed },
	{ "fork, clone, execve, open, socket, ptrace, ioperm, ... kill it", test_forbidden_kill },
	{ "paper protocol: REQUEST/COPY/REPLY only, FETCH kills", test_paper },
	{ "the id is a free one of the top range", test_free_id },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "daemon: sandbox", NULL, NULL, sandbox_tests);
