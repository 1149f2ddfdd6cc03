// SPDX-License-Identifier: GPL-2.0
/*
 * candidates - find the functions of a network driver that can move to
 * user space (the paper's section 7, as a tool).
 *
 * usage: candidates --name NAME [--base DIR] [--cflow PROG]
 *                   [--tsv FILE] [--md FILE] [--dot FILE] [--summary FILE]
 *                   [--paper FILE] [--moved FILE] [--dispatch FILE]
 *                   [--figure PATH] [--strict] SOURCE...
 *
 * FILE "-" is standard output. With no output option, the TSV goes to
 * standard output. Exit status: 0 done, 1 a function of --moved is not a
 * candidate (with --strict), 2 error.
 */
#include "candidates.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

size_t fn_find(const struct model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nfn; i++)
		if (!strcmp(m->fn[i].name, name))
			return i;
	return NONE;
}

size_t fn_add(struct model *m, const char *name, const char *file, int line)
{
	struct func *f = &VEC_PUSH(m->fn, m->nfn, m->capfn);

	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->file = xstrdup(file);
	f->line = line;
	f->src = NONE;
	return m->nfn - 1;
}

void diag(struct model *m, const char *fmt, ...)
{
	va_list ap;
	struct sbuf sb = { 0 };
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb_add(&sb, s);
	free(s);
	VEC_PUSH(m->diag, m->ndiag, m->capdiag) = sb_take(&sb);
}

static FILE *open_out(const char *path)
{
	FILE *f;

	if (!strcmp(path, "-"))
		return stdout;
	f = fopen(path, "w");
	if (!f)
		die("create %s: %s", path, strerror(errno));
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (f == stdout) {
		if (fflush(f))
			die("write stdout: %s", strerror(errno));
		return;
	}
	if (ferror(f) || fclose(f))
		die("write %s: %s", path, strerror(errno));
}

static void usage(void)
{
	fputs("usage: candidates --name NAME [--base DIR] [--cflow PROG] [--tsv FILE]\n"
	      "                  [--md FILE] [--dot FILE] [--summary FILE] [--paper FILE]\n"
	      "                  [--moved FILE] [--dispatch FILE] [--figure PATH] [--strict]\n"
	      "                  SOURCE...\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct model m = { 0 };
	const char *base = NULL, *cflow = "cflow";
	const char *tsv = NULL, *md = NULL, *dot = NULL, *summary = NULL;
	const char *paper = NULL, *moved = NULL, *dispatch = NULL;
	bool strict = false;
	char **files = xmalloc(sizeof(char *) * (size_t)argc);
	size_t nfiles = 0, i;
	int a, bad = 0;

	for (a = 1; a < argc; a++) {
		const char *o = argv[a];
		const char **dst = NULL;

		if (!strcmp(o, "--strict")) {
			strict = true;
			continue;
		}
		if (!strcmp(o, "--help") || !strcmp(o, "-h"))
			usage();
		if (!strcmp(o, "--name"))
			dst = (const char **)&m.name;
		else if (!strcmp(o, "--base"))
			dst = &base;
		else if (!strcmp(o, "--cflow"))
			dst = &cflow;
		else if (!strcmp(o, "--tsv"))
			dst = &tsv;
		else if (!strcmp(o, "--md"))
			dst = &md;
		else if (!strcmp(o, "--dot"))
			dst = &dot;
		else if (!strcmp(o, "--summary"))
			dst = &summary;
		else if (!strcmp(o, "--paper"))
			dst = &paper;
		else if (!strcmp(o, "--moved"))
			dst = &moved;
		else if (!strcmp(o, "--dispatch"))
			dst = &dispatch;
		else if (!strcmp(o, "--figure"))
			dst = (const char **)&m.figure;
		if (dst) {
			if (++a >= argc)
				usage();
			*dst = argv[a];
			continue;
		}
		if (o[0] == '-' && o[1])
			usage();
		files[nfiles++] = argv[a];
	}
	if (!m.name || !nfiles)
		usage();
	if (!tsv && !md && !dot && !summary)
		tsv = "-";

	m.src = xmalloc(sizeof(*m.src) * nfiles);
	m.nsrc = nfiles;
	for (i = 0; i < nfiles; i++) {
		size_t bl = base ? strlen(base) : 0;

		memset(&m.src[i], 0, sizeof(m.src[i]));
		m.src[i].path = files[i];
		m.src[i].shown = files[i];
		if (bl && !strncmp(files[i], base, bl)) {
			m.src[i].shown = files[i] + bl;
			while (*m.src[i].shown == '/')
				m.src[i].shown++;
		}
	}

	if (dispatch)
		load_dispatch(&m, dispatch);
	scan_defs(&m);
	cflow_run(&m, cflow);
	scan_bodies(&m);
	build_graph(&m);
	classify(&m);
	if (paper)
		load_paper(&m, paper);
	if (moved)
		load_moved(&m, moved);

	if (tsv) {
		FILE *f = open_out(tsv);

		write_tsv(&m, f);
		close_out(f, tsv);
	}
	if (md) {
		FILE *f = open_out(md);

		write_md(&m, f);
		close_out(f, md);
	}
	if (dot) {
		FILE *f = open_out(dot);

		write_dot(&m, f);
		close_out(f, dot);
	}
	if (summary) {
		FILE *f = open_out(summary);

		write_summary(&m, f);
		close_out(f, summary);
	}
	for (i = 0; i < m.nmv; i++) {
		size_t f = fn_find(&m, m.mv[i].fn);

		if (m.mv[i].moved && (f == NONE || m.fn[f].cls == CL_STAYS))
			bad++;
	}
	free(files);
	return strict && bad ? 1 : 0;
}
