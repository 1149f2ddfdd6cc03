// SPDX-License-Identifier: GPL-2.0
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "harness.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TH_MAX_SUITES 128

static const struct th_suite *suites[TH_MAX_SUITES];
static size_t n_suites;

void th_register(const struct th_suite *s)
{
	if (n_suites == TH_MAX_SUITES) {
		fprintf(stderr, "harness: too many suites\n");
		exit(2);
	}
	suites[n_suites++] = s;
}

static char root[PATH_MAX];

const char *th_root(void)
{
	return root;
}

const char *th_path(const char *rel)
{
	static char buf[8][2 * PATH_MAX];
	static unsigned int i;
	char *b = buf[i++ % 8];

	snprintf(b, sizeof(buf[0]), "%s/%s", root, rel);
	return b;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int append(char **buf, size_t *len, size_t *cap, const char *d, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t nc = (*cap ? *cap : 4096);
		char *nb;

		while (nc < *len + n + 1)
			nc *= 2;
		nb = realloc(*buf, nc);
		if (!nb)
			return -1;
		*buf = nb;
		*cap = nc;
	}
	memcpy(*buf + *len, d, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

int th_run(struct th_result *r, int timeout_s, const char *const argv[])
{
	int po[2], pe[2];
	size_t cap_o = 0, cap_e = 0;
	double t0 = now();
	pid_t pid;
	int st;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	r->out = calloc(1, 1);
	r->err = calloc(1, 1);
	if (!r->out || !r->err || pipe2(po, O_CLOEXEC) || pipe2(pe, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int dn = open("/dev/null", O_RDONLY);

		setpgid(0, 0);
		dup2(dn, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	close(po[1]);
	close(pe[1]);
	{
		struct pollfd p[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
		int open_fds = 2, killed = 0;

		while (open_fds) {
			int ms = -1, i;

			if (timeout_s > 0 && !killed) {
				double left = t0 + timeout_s - now();

				ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
			}
			i = poll(p, 2, ms);
			if (i < 0 && errno == EINTR)
				continue;
			if (i == 0) {
				kill(-pid, SIGKILL);
				killed = 1;
				continue;
			}
			for (i = 0; i < 2; i++) {
				char b[65536];
				ssize_t n;

				if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
					continue;
				n = read(p[i].fd, b, sizeof(b));
				if (n <= 0) {
					close(p[i].fd);
					p[i].fd = -1;
					open_fds--;
				} else if (i == 0) {
					append(&r->out, &r->out_len, &cap_o, b, n);
				} else {
					append(&r->err, &r->err_len, &cap_e, b, n);
				}
			}
		}
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->seconds = now() - t0;
	return 0;
}

int th_sh(struct th_result *r, int timeout_s, const char *cmd)
{
	const char *argv[] = { "sh", "-c", cmd, NULL };

	return th_run(r, timeout_s, argv);
}

void th_free(struct th_result *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

size_t th_count(const char *hay, size_t len, const char *needle)
{
	size_t n = 0, nl = strlen(needle);
	const char *p = hay, *end = hay + len;

	if (!nl)
		return 0;
	while ((p = memmem(p, end - p, needle, nl))) {
		n++;
		p += nl;
	}
	return n;
}

static void find_root(const char *argv0)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *s;

	(void)argv0;
	if (n <= 0) {
		perror("readlink /proc/self/exe");
		exit(2);
	}
	exe[n] = '\0';
	/* the binary lives in <root>/build/tests/ */
	s = strstr(exe, "/build/tests/");
	if (!s) {
		fprintf(stderr, "harness: cannot find project root from %s\n", exe);
		exit(2);
	}
	*s = '\0';
	snprintf(root, sizeof(root), "%s", exe);
}

/*
 * The failures again, after the summary: a log's last lines (all a CI
 * page may show) then say which tests failed and where.
 */
static void show_failures(void)
{
	CU_pFailureRecord f;

	printf("\nFailed:\n");
	for (f = CU_get_failure_list(); f; f = f->pNext)
		printf("  %s: %s: %s:%u: %s\n",
		       f->pSuite ? f->pSuite->pName : "?",
		       f->pTest ? f->pTest->pName : "(suite set-up)",
		       f->strFileName ? f->strFileName : "?", f->uiLineNumber,
		       f->strCondition ? f->strCondition : "?");
}

int main(int argc, char **argv)
{
	const char *group = argc > 1 ? argv[1] : NULL;
	const char *only = argc > 2 ? argv[2] : NULL;
	unsigned int failed;
	size_t i;

	if (group && strcmp(group, "unit") && strcmp(group, "lab") &&
	    strcmp(group, "all")) {
		fprintf(stderr, "usage: %s [unit|lab|all] [SUITE-SUBSTRING]\n", argv[0]);
		return 2;
	}
	if (group && !strcmp(group, "all"))
		group = NULL;
	find_root(argv[0]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (i = 0; i < n_suites; i++) {
		const struct th_suite *s = suites[i];
		CU_pSuite cs;
		CU_TestInfo *t;

		if (group && strcmp(group, s->group))
			continue;
		if (only && !strstr(s->name, only))
			continue;
		cs = CU_add_suite(s->name, s->init, s->clean);
		if (!cs)
			return 2;
		for (t = s->tests; t->pName; t++)
			if (!CU_add_test(cs, t->pName, t->pTestFunc))
				return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed() +
		 CU_get_number_of_tests_failed();
	if (failed)
		show_failures();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}

static char th_lab_buf[8192];

int th_lab_up(const char *name, const char *driver)
{
	struct th_result r;

	snprintf(th_lab_buf, sizeof(th_lab_buf), "cd '%s' && vm/lab down --name %s; "
		 "vm/lab up --driver %s --name %s", th_root(), name, driver, name);
	th_sh(&r, 240, th_lab_buf);
	if (r.status) {
		fprintf(stderr, "lab %s (%s) up failed (%d): %s\n", name, driver,
			r.status, r.err);
		th_free(&r);
		return 1;
	}
	th_free(&r);
	return 0;
}

void th_lab_down(const char *name)
{
	struct th_result r;

	snprintf(th_lab_buf, sizeof(th_lab_buf), "cd '%s' && vm/lab down --name %s",
		 th_root(), name);
	th_sh(&r, 60, th_lab_buf);
	th_free(&r);
}

void th_lab_sh(struct th_result *r, const char *name, int timeout,
	       const char *prefix, const char *cmd)
{
	char q[6144], *o = q;
	const char *c;

	/* single-quote cmd for the host shell */
	for (c = cmd; *c && o < q + sizeof(q) - 8; c++) {
		if (*c == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *c;
		}
	}
	*o = '\0';
	if (*c || snprintf(th_lab_buf, sizeof(th_lab_buf), "cd '%s' && vm/lab exec --name %s"
			   " --timeout %d -- sh -c '%s%s'", th_root(), name, timeout,
			   prefix, q) >= (int)sizeof(th_lab_buf)) {
		/* a cut command would run something else: fail it visibly */
		fprintf(stderr, "th_lab_sh: command too long for lab %s\n", name);
		th_sh(r, 10, "echo 'th_lab_sh: command too long' >&2; exit 2");
		return;
	}
	th_sh(r, timeout + 60, th_lab_buf);
}
