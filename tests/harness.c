// SPDX-License-Identifier: GPL-2.0
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "harness.h"

#include <CUnit/Basic.h>
#include <dirent.h>
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

/* ---- lab suites of scenario scripts (tests/lab/) ------------------------ */

/*
 * A folder tests/lab/SUITE/ with a suite.conf (name=, driver=, lab=, and
 * setup=, a script of the folder the guest runs once after boot) is a lab
 * suite: its lab boots with that driver under a name unique to this run
 * (LAB-PID), and each of its scripts with a "# test:" line is a test,
 * in the order of their file names. A script's "# where:" line says where
 * it runs: guest (vm/lab exec of /lab/tests/SUITE/X.sh, the default) or
 * host (tests/lab/SUITE/X.sh on the host with LAB_NAME set); "# timeout:"
 * bounds it (seconds, default 120). Its KTAP lines become the test's
 * assertions: one per "ok"/"not ok" line, one that the plan was kept, one
 * for its exit status. A suite with driver=none boots no lab (its scripts
 * run on the host and boot what they need, as the fault campaign does);
 * its lab= names the run (LAB_NAME).
 */
struct th_lab_suite {
	char name[128];
	char driver[16];
	char lab[40];
	char dir[64];		/* its folder under tests/lab/ */
	char setup[64];		/* a script the guest runs after boot, or "" */
};

struct th_scenario {
	const struct th_lab_suite *suite;
	char test[256];
	char rel[512];		/* path under tests/lab/ */
	int host;
	int timeout;
};

#define TH_MAX_LAB_SUITES 32
#define TH_MAX_SCENARIOS 256

static struct th_lab_suite lab_suites[TH_MAX_LAB_SUITES];
static size_t n_lab_suites;
static struct th_scenario scenarios[TH_MAX_SCENARIOS];
static size_t n_scenarios;

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* "key=value" of a suite.conf, or "# key: value" of a script's header */
static int conf_value(const char *line, const char *key, char *val, size_t len)
{
	size_t k = strlen(key);

	if (strncmp(line, key, k) || (line[k] != '=' && line[k] != ':'))
		return 0;
	line += k + 1;
	while (*line == ' ')
		line++;
	snprintf(val, len, "%s", line);
	chomp(val);
	return 1;
}

static const struct th_lab_suite *lab_suite_named(const char *name)
{
	size_t i;

	for (i = 0; i < n_lab_suites; i++)
		if (!strcmp(lab_suites[i].name, name))
			return &lab_suites[i];
	return NULL;
}

static int lab_suite_init(void)
{
	CU_pSuite cs = CU_get_current_suite();
	const struct th_lab_suite *ls = cs ? lab_suite_named(cs->pName) : NULL;

	struct th_result r;
	char cmd[PATH_MAX + 512];
	int ret;

	if (!ls)
		return 1;
	if (!strcmp(ls->driver, "none"))
		return 0;
	if (th_lab_up(ls->lab, ls->driver))
		return 1;
	if (!ls->setup[0])
		return 0;
	snprintf(cmd, sizeof(cmd), "cd '%s' && vm/lab exec --name %s --timeout 120 -- /lab/tests/%s/%s",
		 th_root(), ls->lab, ls->dir, ls->setup);
	th_sh(&r, 180, cmd);
	ret = r.status != 0;
	if (ret)
		fprintf(stderr, "%s: its set-up %s/%s failed (%d): %s%s\n", ls->name, ls->dir,
			ls->setup, r.status, r.out, r.err);
	th_free(&r);
	return ret;
}

static int lab_suite_clean(void)
{
	CU_pSuite cs = CU_get_current_suite();
	const struct th_lab_suite *ls = cs ? lab_suite_named(cs->pName) : NULL;

	if (ls && strcmp(ls->driver, "none"))
		th_lab_down(ls->lab);
	return 0;
}

int th_ktap_line(const char *line, const char **desc)
{
	int ok;

	if (!strncmp(line, "ok ", 3)) {
		ok = 1;
		line += 3;
	} else if (!strncmp(line, "not ok ", 7)) {
		ok = 0;
		line += 7;
	} else {
		return -1;
	}
	while (*line >= '0' && *line <= '9')
		line++;
	while (*line == ' ')
		line++;
	*desc = line;
	return ok;
}

static void scenario_test(void)
{
	CU_pTest ct = CU_get_current_test();
	CU_pSuite cs = CU_get_current_suite();
	const struct th_scenario *sc = NULL;
	struct th_result r;
	char *line, *save = NULL, cmd[PATH_MAX + 1024], what[512];
	char skip[256] = "";
	int planned = -1, results = 0, skipped = 0;
	size_t i;

	for (i = 0; i < n_scenarios && ct && cs; i++)
		if (!strcmp(scenarios[i].suite->name, cs->pName) &&
		    !strcmp(scenarios[i].test, ct->pName))
			sc = &scenarios[i];
	if (!sc) {
		CU_FAIL("no scenario script for this test");
		return;
	}
	if (sc->host)
		snprintf(cmd, sizeof(cmd), "cd '%s' && LAB_NAME=%s tests/lab/%s",
			 th_root(), sc->suite->lab, sc->rel);
	else
		snprintf(cmd, sizeof(cmd), "cd '%s' && vm/lab exec --name %s --timeout %d -- /lab/tests/%s",
			 th_root(), sc->suite->lab, sc->timeout, sc->rel);
	th_sh(&r, sc->timeout + 60, cmd);
	for (line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *desc;
		int ok = th_ktap_line(line, &desc);

		if (!strncmp(line, "1..", 3)) {
			planned = atoi(line + 3);
			if (strstr(line, "# SKIP")) {
				skipped = 1;
				snprintf(skip, sizeof(skip), "%s", strstr(line, "# SKIP") + 6);
			}
		} else if (ok >= 0) {
			results++;
			if (strstr(desc, " # SKIP"))
				fprintf(stderr, " [%s] ", desc);
			/* "script:N": the scenario's Nth check */
			CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, results, desc, sc->rel, "",
						CU_FALSE);
		} else if (line[0] == '#' && strncmp(line, "# SKIP", 6)) {
			/* a diagnostic line: shown beside the scenario's result */
			fprintf(stderr, " [%s] ", line + 1 + (line[1] == ' '));
		}
	}
	if (skipped) {
		fprintf(stderr, " [skipped:%s] ", skip);
	} else {
		snprintf(what, sizeof(what), "the plan was kept: %d of %d results", results, planned);
		CU_assertImplementation(planned >= 0 && results == planned ? CU_TRUE : CU_FALSE,
					0, what, sc->rel, "", CU_FALSE);
	}
	snprintf(what, sizeof(what), "exit status %d (0 or 4, skip); stderr: %.300s",
		 r.status, r.err ? r.err : "");
	CU_assertImplementation(r.status == 0 || (skipped && r.status == 4) ? CU_TRUE : CU_FALSE,
				0, what, sc->rel, "", CU_FALSE);
	th_free(&r);
}

static int scenario_header(const char *dir, const char *file, struct th_scenario *sc)
{
	char path[PATH_MAX], line[512], val[256];
	int n = 0;
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return 0;
	f = fopen(path, "r");
	if (!f)
		return 0;
	sc->test[0] = '\0';
	sc->host = 0;
	sc->timeout = 120;
	/* the header: the comment lines at the top */
	while (fgets(line, sizeof(line), f) && n++ < 20) {
		if (conf_value(line, "# test", val, sizeof(val)))
			memcpy(sc->test, val, sizeof(val));
		else if (conf_value(line, "# where", val, sizeof(val)))
			sc->host = !strcmp(val, "host");
		else if (conf_value(line, "# timeout", val, sizeof(val)))
			sc->timeout = atoi(val) > 0 ? atoi(val) : 120;
	}
	fclose(f);
	return sc->test[0] != '\0';
}

static int sh_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 3 && !strcmp(d->d_name + n - 3, ".sh");
}

static int lab_dir(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Register the suites of tests/lab/ (only: substrings of a suite's and a test's names) */
static int th_scenarios_add(const char *only, const char *only_test)
{
	struct dirent **dirs = NULL, **files;
	char base[PATH_MAX], dir[PATH_MAX + 256], line[256];
	int nd, nf, i, j, err = 0;

	if (snprintf(base, sizeof(base), "%s/tests/lab", root) >= (int)sizeof(base))
		return 1;
	nd = scandir(base, &dirs, lab_dir, alphasort);
	for (i = 0; i < nd; i++) {
		struct th_lab_suite *ls;
		CU_pSuite cs = NULL;
		FILE *f;

		if (snprintf(dir, sizeof(dir), "%s/%s/suite.conf", base,
			     dirs[i]->d_name) >= (int)sizeof(dir))
			continue;
		f = fopen(dir, "r");
		if (!f || n_lab_suites == TH_MAX_LAB_SUITES) {
			if (f)
				fclose(f);
			continue;
		}
		ls = &lab_suites[n_lab_suites];
		memset(ls, 0, sizeof(*ls));
		while (fgets(line, sizeof(line), f)) {
			char lab[24] = "";

			conf_value(line, "name", ls->name, sizeof(ls->name));
			conf_value(line, "driver", ls->driver, sizeof(ls->driver));
			conf_value(line, "setup", ls->setup, sizeof(ls->setup));
			if (conf_value(line, "lab", lab, sizeof(lab)))
				snprintf(ls->lab, sizeof(ls->lab), "%s-%d", lab, (int)getpid() % 100000);
		}
		fclose(f);
		if (!ls->name[0] || !ls->driver[0] || !ls->lab[0]) {
			fprintf(stderr, "harness: %s lacks name=, driver= or lab=\n", dir);
			err = 1;
			continue;
		}
		if (only && !strstr(ls->name, only))
			continue;
		if (snprintf(ls->dir, sizeof(ls->dir), "%s", dirs[i]->d_name) >= (int)sizeof(ls->dir) ||
		    snprintf(dir, sizeof(dir), "%s/%s", base, dirs[i]->d_name) >= (int)sizeof(dir))
			continue;
		n_lab_suites++;
		nf = scandir(dir, &files, sh_file, alphasort);
		for (j = 0; j < nf; j++) {
			struct th_scenario *sc = &scenarios[n_scenarios];

			if (n_scenarios < TH_MAX_SCENARIOS &&
			    scenario_header(dir, files[j]->d_name, sc) &&
			    (!only_test || strstr(sc->test, only_test)) &&
			    snprintf(sc->rel, sizeof(sc->rel), "%s/%s", dirs[i]->d_name,
				     files[j]->d_name) < (int)sizeof(sc->rel)) {
				sc->suite = ls;
				if (!cs)
					cs = CU_add_suite(ls->name, lab_suite_init, lab_suite_clean);
				if (!cs || !CU_add_test(cs, sc->test, scenario_test))
					err = 1;
				n_scenarios++;
			}
			free(files[j]);
		}
		if (nf > 0)
			free(files);
	}
	for (i = 0; i < nd; i++)
		free(dirs[i]);
	if (nd > 0)
		free(dirs);
	return err;
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
	const char *only_test = argc > 3 ? argv[3] : NULL;
	unsigned int failed;
	size_t i;

	if (argc > 4 || (group && strcmp(group, "unit") && strcmp(group, "lab") &&
			 strcmp(group, "all"))) {
		fprintf(stderr, "usage: %s [unit|lab|all] [SUITE-SUBSTRING [TEST-SUBSTRING]]\n",
			argv[0]);
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
			if ((!only_test || strstr(t->pName, only_test)) &&
			    !CU_add_test(cs, t->pName, t->pTestFunc))
				return 2;
	}
	if ((!group || !strcmp(group, "lab")) && th_scenarios_add(only, only_test))
		return 2;
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
