// SPDX-License-Identifier: GPL-2.0
/*
 * Run cflow over the driver's sources and read its call graph.
 *
 * cflow is run without the preprocessor (the kernel's headers are not
 * there), with every function as a start point (-AA, static ones too),
 * symbols starting with '_' included (-i _), and depth 2, so its output is
 * one adjacency list per function:
 *
 *   pcnet32_close() <int pcnet32_close () at amd/pcnet32.c:2622>:
 *       netdev_priv()
 *       pcnet32_purge_rx_ring() <void pcnet32_purge_rx_ring () at ...:641>:
 *
 * Kernel annotations cflow does not know are declared to it as qualifiers
 * or wrappers so that they do not hide the function names.
 */
#include "candidates.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const qualifiers[] = {
	"__init", "__exit", "__devinit", "__devexit", "__iomem", "__user",
	"__force", "__rcu", "__cold", "__hot", "__always_unused",
	"__maybe_unused", "__must_check", "noinline", "__always_inline",
	"inline", "__inline", "__inline__", "__ro_after_init", "__read_mostly",
	"__initdata", "__initconst", "__exitdata", "__net_init", "__net_exit",
	"__pure", "__noreturn", "__weak", "__packed", "__visible", "__sched",
	NULL
};
static const char *const wrappers[] = {
	"__attribute__", "__aligned", "__printf", "__acquires", "__releases",
	"__must_hold", "__section", "__alloc_size", "__diag_ignore", NULL
};

/* Parse "NAME() <... at FILE:LINE>" into name, file, line. */
static bool parse_entry(char *s, char **name, char **file, int *line)
{
	char *paren = strstr(s, "()");
	char *at, *colon;

	if (!paren)
		return false;
	*paren = '\0';
	*name = s;
	*file = NULL;
	*line = 0;
	at = strstr(paren + 1, " at ");
	if (at && strchr(at, '>')) {
		at += 4;
		*strchr(at, '>') = '\0';
		colon = strrchr(at, ':');
		if (colon) {
			*colon = '\0';
			*line = atoi(colon + 1);
			*file = at;
		}
	}
	return true;
}

static const char *shown_path(const struct model *m, const char *file)
{
	size_t i;

	for (i = 0; i < m->nsrc; i++)
		if (!strcmp(m->src[i].path, file))
			return m->src[i].shown;
	return file;
}

void cflow_run(struct model *m, const char *cflow)
{
	char **argv;
	size_t n = 0, i;
	int pipefd[2], status;
	pid_t pid;
	FILE *in, *errf;
	char *line = NULL;
	size_t cap = 0;
	size_t cur = NONE;

	argv = xmalloc(sizeof(*argv) *
		       (m->nsrc + 16 + 2 * (sizeof(qualifiers) / sizeof(*qualifiers) +
					    sizeof(wrappers) / sizeof(*wrappers))));
	argv[n++] = (char *)cflow;
	argv[n++] = "--no-main";
	argv[n++] = "-A";
	argv[n++] = "-A";
	argv[n++] = "-i";
	argv[n++] = "_";
	argv[n++] = "-d";
	argv[n++] = "2";
	argv[n++] = "--omit-arguments";
	argv[n++] = "--no-preprocess";
	for (i = 0; qualifiers[i]; i++) {
		argv[n++] = "-s";
		argv[n++] = xasprintf("%s:qualifier", qualifiers[i]);
	}
	for (i = 0; wrappers[i]; i++) {
		argv[n++] = "-s";
		argv[n++] = xasprintf("%s:wrapper", wrappers[i]);
	}
	for (i = 0; i < m->nsrc; i++)
		argv[n++] = m->src[i].path;
	argv[n] = NULL;

	if (pipe(pipefd))
		die("pipe: %s", strerror(errno));
	errf = tmpfile();
	if (!errf)
		die("tmpfile: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(fileno(errf), 2);
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		close(pipefd[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "candidates: exec %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	in = fdopen(pipefd[0], "r");
	if (!in)
		die("fdopen: %s", strerror(errno));

	while (getline(&line, &cap, in) > 0) {
		char *s = line, *name, *file;
		int ln;
		bool top = !(*s == ' ' || *s == '\t');

		s[strcspn(s, "\n")] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (!parse_entry(s, &name, &file, &ln))
			continue;
		if (top) {
			/* a definition (or an undefined function listed at top) */
			if (!file) {
				cur = NONE;
				continue;
			}
			cur = fn_find(m, name);
			if (cur == NONE && is_macro(m, name)) {
				/* a use of the driver's macro at file scope,
				 * which cflow takes for a definition */
				m->cflow_macros++;
				continue;
			}
			if (cur == NONE)
				cur = fn_add(m, name, shown_path(m, file), ln);
			m->fn[cur].in_cflow = true;
			m->cflow_defs++;
		} else if (cur != NONE && file) {
			/* a call of a function defined in the driver */
			size_t to = fn_find(m, name);
			struct edge *e;

			if (to == NONE && is_macro(m, name))
				continue;
			if (to == NONE)
				to = fn_add(m, name, shown_path(m, file), ln);
			for (i = 0; i < m->ne; i++)
				if (m->e[i].from == cur && m->e[i].to == to &&
				    m->e[i].kind == E_CALL)
					break;
			if (i < m->ne)
				continue;
			e = &VEC_PUSH(m->e, m->ne, m->cape);
			memset(e, 0, sizeof(*e));
			e->from = cur;
			e->to = to;
			e->kind = E_CALL;
			e->cflow = true;
		}
	}
	fclose(in);
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid: %s", strerror(errno));
	rewind(errf);
	while (getline(&line, &cap, errf) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			fprintf(stderr, "%s\n", line);
		else if (strstr(line, "redefined") ||
			 strstr(line, "place of previous definition"))
			m->cflow_notes++; /* harmless: both #if branches */
		else
			diag(m, "cflow said: %s", line);
	}
	free(line);
	fclose(errf);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("%s failed (status %d)", cflow, status);
	free(argv);
}
