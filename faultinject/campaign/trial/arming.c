// SPDX-License-Identifier: GPL-2.0
/*
 * fault-arm, run by fault-trial (cfg.arm, /lab/bin/fault-arm by default):
 * each run bounded to 5 s, the first line of its output kept (or all of
 * it: --seen), and the key=value pairs of its --show line read back.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trial.h"

/* run fault-arm with args; its stdout (all, or its first line) into out; status */
static int arm_exec(const char *const args[], char *out, size_t outlen, int all)
{
	const char *argv[16];
	int pfd[2], st = 0, n = 0;
	pid_t pid;
	uint64_t end;
	size_t got = 0;

	argv[n++] = cfg.arm;
	while (*args && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	if (out && outlen)
		out[0] = '\0';
	if (pipe(pfd))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pfd[1]);
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	end = now_ns() + 5000000000ULL;
	for (;;) {
		ssize_t r;
		char tmp[512];

		r = read(pfd[0], tmp, sizeof(tmp));
		if (r > 0) {
			if (out && got + 1 < outlen) {
				size_t k = (size_t)r < outlen - 1 - got ?
					   (size_t)r : outlen - 1 - got;

				memcpy(out + got, tmp, k);
				got += k;
				out[got] = '\0';
			}
			continue;
		}
		if (waitpid(pid, &st, WNOHANG) == pid)
			break;
		if (now_ns() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			close(pfd[0]);
			return 124;
		}
		sleep_ms(1);
	}
	close(pfd[0]);
	if (out && !all) {
		char *nl = strchr(out, '\n');

		if (nl)
			*nl = '\0';
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* run fault-arm with args; the first line of its stdout into out; status */
int run_arm(const char *const args[], char *out, size_t outlen)
{
	return arm_exec(args, out, outlen, 0);
}

/* the same, all of its stdout (--seen: a line per site) */
int run_arm_all(const char *const args[], char *out, size_t outlen)
{
	return arm_exec(args, out, outlen, 1);
}

/* value of key= in a --show line; -1 when absent */
long show_value(const char *line, const char *key)
{
	size_t kl = strlen(key);
	const char *p = line;

	while ((p = strstr(p, key))) {
		if ((p == line || p[-1] == ' ') && p[kl] == '=')
			return strtol(p + kl + 1, NULL, 10);
		p += kl;
	}
	return -1;
}
