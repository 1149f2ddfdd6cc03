// SPDX-License-Identifier: GPL-2.0
/* Outputs: TSV, Markdown section, graphviz DOT, one-line summary. */
#include "candidates.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const cls_long[] = { "must-move", "might-move",
					"stays in kernel" };

/* ---- inputs: the paper's lists, our split build's moved functions -------- */

/* Split a line at tabs into at most n fields; returns the count. */
static size_t split_tabs(char *s, char **out, size_t n)
{
	size_t k = 0;

	s[strcspn(s, "\r\n")] = '\0';
	while (k < n) {
		out[k++] = s;
		s = strchr(s, '\t');
		if (!s)
			break;
		*s++ = '\0';
	}
	return k;
}

void load_paper(struct model *m, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;

	if (!f)
		die("open %s: %s", path, strerror(errno));
	while (getline(&line, &cap, f) > 0) {
		char *fl[5] = { 0 };
		size_t n;
		struct paperrow *r;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		n = split_tabs(line, fl, 5);
		if (n < 4 || strcmp(fl[0], m->name))
			continue;
		r = &VEC_PUSH(m->pr, m->npr, m->cappr);
		r->paper_name = xstrdup(fl[1]);
		r->paper_class = xstrdup(fl[2]);
		r->today = xstrdup(fl[3]);
		r->note = xstrdup(n > 4 ? fl[4] : "");
	}
	free(line);
	fclose(f);
}

void load_dispatch(struct model *m, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;

	if (!f)
		die("open %s: %s", path, strerror(errno));
	while (getline(&line, &cap, f) > 0) {
		char *fl[3] = { 0 };
		struct dispatch *d;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (split_tabs(line, fl, 3) < 3)
			continue;
		d = &VEC_PUSH(m->dp, m->ndp, m->capdp);
		d->callee = xstrdup(fl[0]);
		d->token = xstrdup(fl[1]);
		d->target = xstrdup(fl[2]);
	}
	free(line);
	fclose(f);
}

void load_moved(struct model *m, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;

	if (!f)
		die("open %s: %s", path, strerror(errno));
	m->have_moved = true;
	while (getline(&line, &cap, f) > 0) {
		char *fl[3] = { 0 };
		size_t n;
		struct moved *mv;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		n = split_tabs(line, fl, 3);
		if (n < 2)
			continue;
		mv = &VEC_PUSH(m->mv, m->nmv, m->capmv);
		mv->fn = xstrdup(fl[0]);
		mv->moved = !strcmp(fl[1], "moved");
		mv->note = xstrdup(n > 2 ? fl[2] : "");
	}
	free(line);
	fclose(f);
}

/* ---- TSV -------------------------------------------------------------------- */

static char *kinds_of(const struct func *fn)
{
	struct sbuf sb = { 0 };
	int k;

	for (k = 0; k < RK_NKINDS; k++)
		if (fn->root[k] != NONE)
			sb_addf(&sb, "%s%s", sb.len ? "," : "", kind_name(k));
	if (!sb.len)
		sb_add(&sb, "-");
	return sb_take(&sb);
}

void write_tsv(const struct model *m, FILE *out)
{
	size_t i;

	fprintf(out, "#function\tclass\tdefined\treached-from\tatomic\tdevice\thelper\treason\n");
	for (i = 0; i < m->nfn; i++) {
		const struct func *fn = &m->fn[i];
		char *k = kinds_of(fn);

		fprintf(out, "%s\t%s\t%s:%d\t%s\t%s\t%s\t%s\t%s\n", fn->name,
			cls_name(fn->cls), fn->file, fn->line, k,
			fn->atomic ? "yes" : "no",
			fn->hwnote ? fn->hwnote : "-",
			fn->helper ? "yes" : "no", fn->reason);
		free(k);
	}
}

/*
 * The paper's named functions for this driver, counted by verdict:
 * agree, weaker or stronger, differ (stays), gone. The ethtool group
 * counts one per ethtool op.
 */
static void paper_counts(const struct model *m, size_t c[4])
{
	size_t i, j;

	memset(c, 0, 4 * sizeof(size_t));
	for (i = 0; i < m->npr; i++) {
		const struct paperrow *r = &m->pr[i];
		bool p_must = strcmp(r->paper_class, "might") != 0;

		if (!strcmp(r->today, "-")) {
			c[3]++;
			continue;
		}
		for (j = 0; j < m->nfn; j++) {
			const struct func *fn = &m->fn[j];
			bool match = false;

			if (!strcmp(r->today, "@ethtool_ops")) {
				size_t k;

				for (k = 0; k < m->nr && !match; k++)
					match = m->r[k].fn == j &&
						!strncmp(m->r[k].what, "ethtool_ops.", 12);
			} else {
				char *names = xstrdup(r->today), *save = NULL, *nm;

				for (nm = strtok_r(names, ",", &save); nm && !match;
				     nm = strtok_r(NULL, ",", &save))
					match = !strcmp(nm, fn->name);
				free(names);
			}
			if (!match)
				continue;
			if (fn->cls == CL_STAYS)
				c[2]++;
			else if ((fn->cls == CL_MUST) == p_must)
				c[0]++;
			else
				c[1]++;
		}
	}
}

void write_summary(const struct model *m, FILE *out)
{
	size_t pc[4];

	paper_counts(m, pc);
	fprintf(out, "%s\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\n",
		m->name, m->nfn, m->count[CL_MUST], m->count[CL_MIGHT],
		m->count[CL_STAYS], m->stays_hot, m->stays_kern,
		m->stays_unreached, m->nhelpers, m->nr, m->npr, pc[0], pc[1],
		pc[2], pc[3]);
}

/* ---- Markdown ----------------------------------------------------------------- */

/* Markdown table cell: escape '|'. */
static void cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		fputc(*s, out);
	}
}

static int by_class_name(const void *a, const void *b, void *ctx)
{
	const struct model *m = ctx;
	const struct func *x = &m->fn[*(const size_t *)a];
	const struct func *y = &m->fn[*(const size_t *)b];

	if (x->cls != y->cls)
		return (int)x->cls - (int)y->cls;
	/* stays: hot, then kernel-initiated, then unreached */
	if (x->hotpath != y->hotpath)
		return y->hotpath - x->hotpath;
	if (x->kernpath != y->kernpath)
		return y->kernpath - x->kernpath;
	return strcmp(x->name, y->name);
}

static const char *verdict(const char *paper, enum cls c)
{
	bool p_must = !strcmp(paper, "moved") || !strcmp(paper, "must");

	if (p_must)
		return c == CL_MUST ? "agrees" :
		       c == CL_MIGHT ? "weaker (might)" : "differs (stays)";
	return c == CL_MIGHT ? "agrees" :
	       c == CL_MUST ? "stronger (must)" : "differs (stays)";
}

static void md_paper(const struct model *m, FILE *out)
{
	size_t i, j;

	fprintf(out, "\n### Against the paper's lists\n\n");
	fprintf(out, "| the paper names | the paper says | name in Linux 6.1 | tool says | verdict | why |\n");
	fprintf(out, "|---|---|---|---|---|---|\n");
	for (i = 0; i < m->npr; i++) {
		const struct paperrow *r = &m->pr[i];

		if (!strcmp(r->today, "-")) {
			fprintf(out, "| `%s` | %s | *gone* | — | — | ", r->paper_name,
				r->paper_class);
			cell(out, r->note);
			fprintf(out, " |\n");
			continue;
		}
		if (!strcmp(r->today, "@ethtool_ops")) {
			size_t cnt[CL_NCLS] = { 0 }, tot = 0;
			struct sbuf others = { 0 };

			for (j = 0; j < m->nr; j++) {
				const struct root *rt = &m->r[j];
				const struct func *fn = &m->fn[rt->fn];

				if (strncmp(rt->what, "ethtool_ops.", 12))
					continue;
				cnt[fn->cls]++;
				tot++;
				if (fn->cls != CL_MUST)
					sb_addf(&others, "%s`%s` %s", others.len ? ", " : "",
						fn->name, cls_name(fn->cls));
			}
			fprintf(out, "| %s | %s | %zu functions in `struct ethtool_ops` | must %zu, might %zu, stays %zu | %s | ",
				r->paper_name, r->paper_class, tot, cnt[CL_MUST],
				cnt[CL_MIGHT], cnt[CL_STAYS],
				cnt[CL_MUST] == tot ? "agrees" : "partly");
			if (others.len) {
				fprintf(out, "not must: ");
				cell(out, others.s);
				fprintf(out, " (reasons in the table below)");
			}
			if (r->note[0]) {
				fprintf(out, "%s", others.len ? ". " : "");
				cell(out, r->note);
			}
			fprintf(out, " |\n");
			free(others.s);
			continue;
		}
		{
			char *names = xstrdup(r->today), *save = NULL, *nm;

			for (nm = strtok_r(names, ",", &save); nm;
			     nm = strtok_r(NULL, ",", &save)) {
				size_t f = fn_find(m, nm);
				bool same = !strcmp(nm, r->paper_name);

				fprintf(out, "| `%s` | %s | %s`%s` | ", r->paper_name,
					r->paper_class, same ? "same: " : "matched to: ", nm);
				if (f == NONE) {
					fprintf(out, "not found | — | ");
				} else {
					fprintf(out, "**%s** | %s | ",
						cls_name(m->fn[f].cls),
						verdict(r->paper_class, m->fn[f].cls));
					cell(out, m->fn[f].reason);
				}
				if (r->note[0]) {
					fprintf(out, ". ");
					cell(out, r->note);
				}
				fprintf(out, " |\n");
			}
			free(names);
		}
	}
}

/*
 * Forward (fwd) or backward closure over the call graph from the marked
 * functions, not entering the blocked ones (NULL: none).
 */
static void closure(const struct model *m, bool *mark, bool fwd,
		    const bool *block)
{
	bool changed = true;
	size_t i;

	while (changed) {
		changed = false;
		for (i = 0; i < m->ne; i++) {
			size_t a = fwd ? m->e[i].from : m->e[i].to;
			size_t b = fwd ? m->e[i].to : m->e[i].from;

			if (mark[a] && !mark[b] && !(block && block[b])) {
				mark[b] = true;
				changed = true;
			}
		}
	}
}

static void name_list(const struct model *m, FILE *out, const bool *set,
		       const bool *except, const char *none)
{
	size_t i, n = 0;

	for (i = 0; i < m->nfn; i++)
		if (set[i] && !(except && except[i]))
			fprintf(out, "%s`%s`", n++ ? ", " : "", m->fn[i].name);
	fprintf(out, "%s", n ? ".\n" : none);
}

/*
 * Our driver: the op table's moved functions against the classes, what
 * moves with them, the kernel entry points left in front of them, the ops
 * the table keeps, and the must-move functions still in the kernel.
 */
static void md_moved(const struct model *m, FILE *out)
{
	size_t i, nmoved = 0, bad = 0, kept = 0;
	bool *moved = calloc(m->nfn + 1, 1), *along = calloc(m->nfn + 1, 1);
	bool *front = calloc(m->nfn + 1, 1), *keptop = calloc(m->nfn + 1, 1);
	bool *both = calloc(m->nfn + 1, 1);

	if (!moved || !along || !front || !keptop || !both)
		die("out of memory");
	fprintf(out, "\n### The split build against the classes\n\n");
	for (i = 0; i < m->nmv; i++)
		nmoved += m->mv[i].moved;
	fprintf(out, "The op table (`pcnet32/ops.h`) lists %zu functions that the split build runs in the daemon. Each must be classified must or might:\n\n",
		nmoved);
	fprintf(out, "| moved function | class | check | reason |\n|---|---|---|---|\n");
	for (i = 0; i < m->nmv; i++) {
		const struct moved *mv = &m->mv[i];
		size_t f = fn_find(m, mv->fn);

		if (f != NONE) {
			if (mv->moved)
				moved[f] = true;
			else
				keptop[f] = true;
		}
		if (!mv->moved)
			continue;
		if (f == NONE) {
			fprintf(out, "| `%s` | — | **FAIL**: not found in the sources | |\n",
				mv->fn);
			bad++;
			continue;
		}
		fprintf(out, "| `%s` | %s | %s | ", mv->fn, cls_name(m->fn[f].cls),
			m->fn[f].cls == CL_STAYS ? "**FAIL**: not a candidate" : "ok");
		cell(out, m->fn[f].reason);
		fprintf(out, " |\n");
		bad += m->fn[f].cls == CL_STAYS;
	}
	fprintf(out, "\nResult: %s.\n", bad ? "**some moved functions are not candidates**" :
		"every moved function is a candidate");

	/*
	 * What the moved functions call runs in the daemon too; what the
	 * kernel's own code also calls (not through a moved op) is needed on
	 * both sides.
	 */
	memcpy(along, moved, m->nfn);
	closure(m, along, true, NULL);
	for (i = 0; i < m->nfn; i++)
		both[i] = !along[i];
	closure(m, both, true, moved);
	for (i = 0; i < m->nfn; i++) {
		both[i] = both[i] && along[i] && !moved[i];
		if (both[i] || moved[i])
			along[i] = false;
	}
	fprintf(out, "\nCalled by the moved functions, so running in the daemon with them: ");
	name_list(m, out, along, moved, "none.\n");
	fprintf(out, "\nCalled by the moved functions but also needed by the kernel (compiled on both sides): ");
	name_list(m, out, both, NULL, "none.\n");

	/* the kernel's entry points in front of the moved functions */
	memcpy(front, moved, m->nfn);
	closure(m, front, false, NULL);
	for (i = 0; i < m->nfn; i++)
		front[i] = front[i] && !moved[i] && !along[i] && !both[i];
	fprintf(out, "\nKernel functions in front of a moved function (they stay: the entry points and the code that issues the upcall): ");
	name_list(m, out, front, NULL, "none.\n");

	fprintf(out, "\nOps the table keeps in the kernel:\n\n");
	for (i = 0; i < m->nmv; i++) {
		const struct moved *mv = &m->mv[i];
		size_t f = fn_find(m, mv->fn);

		if (mv->moved)
			continue;
		if (!kept++)
			fprintf(out, "| op function | the op table says | class | reason |\n|---|---|---|---|\n");
		fprintf(out, "| `%s` | ", mv->fn);
		cell(out, mv->note[0] ? mv->note : "(no reason given)");
		if (f == NONE) {
			fprintf(out, " | — | not found in the sources |\n");
			continue;
		}
		fprintf(out, " | %s | ", cls_name(m->fn[f].cls));
		cell(out, m->fn[f].reason);
		fprintf(out, " |\n");
	}
	if (!kept)
		fprintf(out, "none.\n");

	fprintf(out, "\nMust-move functions the split build still keeps in the kernel (not a moved op, not called by one only, not in front of one):\n\n");
	kept = 0;
	for (i = 0; i < m->nfn; i++) {
		const struct func *fn = &m->fn[i];

		if (fn->cls != CL_MUST || moved[i] || along[i] || front[i])
			continue;
		if (!kept++)
			fprintf(out, "| function | defined at | reason it is must |\n|---|---|---|\n");
		fprintf(out, "| `%s` | %s:%d | ", fn->name, fn->file, fn->line);
		cell(out, fn->reason);
		fprintf(out, " |\n");
	}
	if (!kept)
		fprintf(out, "none.\n");
	free(moved);
	free(along);
	free(front);
	free(keptop);
	free(both);
}

void write_md(const struct model *m, FILE *out)
{
	size_t i, *order = xmalloc(sizeof(size_t) * (m->nfn + 1));
	static const char *const kdesc[] = {
		"hot: data path and interrupts",
		"kernel: runs on its own (timers, work items, tx timeout)",
		"slow: ethtool, MII, ioctl and other user requests",
		"config: probe/remove, open/stop, module init/exit, power management"
	};
	int k;

	fprintf(out, "## %s\n\n", m->name);
	fprintf(out, "Sources: ");
	for (i = 0; i < m->nsrc; i++)
		fprintf(out, "%s`%s`", i ? ", " : "", m->src[i].shown);
	fprintf(out, ". %zu functions (cflow found %zu, the scanner %zu); %zu calls in the graph (%zu direct calls only cflow saw, %zu only the scanner saw, %zu inside macros, %zu of inline functions in headers; %zu references cflow lists as calls were taken for what they are).\n\n",
		m->nfn, m->cflow_defs, m->scan_defs, m->ne, m->cflow_only_edges,
		m->scan_only_edges, m->macro_edges, m->header_edges, m->cflow_refs);
	fprintf(out, "| class | functions |\n|---|---:|\n");
	fprintf(out, "| must-move | %zu |\n| might-move | %zu |\n", m->count[CL_MUST],
		m->count[CL_MIGHT]);
	fprintf(out, "| stays in kernel | %zu (hot path %zu, kernel-initiated %zu, not reached %zu) |\n",
		m->count[CL_STAYS], m->stays_hot, m->stays_kern, m->stays_unreached);
	{
		size_t n[4] = { 0 }, cfg = 0;

		for (i = 0; i < m->nfn; i++) {
			const struct func *fn = &m->fn[i];

			if (fn->cls != CL_MIGHT)
				continue;
			if (fn->why & W_CONFIG) {
				cfg++;
				continue;
			}
			n[0] += !!(fn->why & W_ATOMIC);
			n[1] += !!(fn->why & W_LOCK);
			n[2] += !!(fn->why & W_KAPI);
		}
		fprintf(out, "\nMight-move: %zu on configuration paths; %zu reached only by user requests but held back: %zu run in atomic context, %zu take a spinlock (themselves or in a callee), %zu need a kernel-only service (a function can have several reasons).\n",
			cfg, m->count[CL_MIGHT] - cfg, n[0], n[1], n[2]);
	}
	{
		size_t n = 0;

		fprintf(out, "\nMust-move: ");
		for (i = 0; i < m->nfn; i++)
			if (m->fn[i].cls == CL_MUST)
				fprintf(out, "%s`%s`", n++ ? ", " : "", m->fn[i].name);
		fprintf(out, "%s.\n", n ? "" : "none");
	}
	if (m->figure)
		fprintf(out, "\nCall graph: [%s](%s) (colours by class, hot path in red).\n",
			m->figure, m->figure);
	fprintf(out, "\n%zu of the functions that stay are called directly by a candidate: moving that candidate means compiling them on both sides or calling back into the kernel (marked *helper* below).\n",
		m->nhelpers);

	fprintf(out, "\n### Roots\n\n");
	fprintf(out, "| kind | root | function | context | registered at |\n|---|---|---|---|---|\n");
	for (k = 0; k < RK_NKINDS; k++)
		for (i = 0; i < m->nr; i++) {
			const struct root *r = &m->r[i];

			if ((int)r->kind != k)
				continue;
			fprintf(out, "| %s | `%s` | `%s` | ", kind_name(r->kind), r->what,
				m->fn[r->fn].name);
			cell(out, r->atomic ? (r->why ? r->why : "atomic") : "process context");
			fprintf(out, " | %s |\n", r->where);
		}
	fprintf(out, "\nKinds: ");
	for (k = 0; k < RK_NKINDS; k++)
		fprintf(out, "%s%s", k ? "; " : "", kdesc[k]);
	fprintf(out, ".\n");

	if (m->npr)
		md_paper(m, out);
	if (m->have_moved)
		md_moved(m, out);

	for (i = 0; i < m->nfn; i++)
		order[i] = i;
	qsort_r(order, m->nfn, sizeof(size_t), by_class_name, (void *)m);
	fprintf(out, "\n### Functions\n\n");
	fprintf(out, "| function | class | reason | device access | defined at |\n|---|---|---|---|---|\n");
	for (i = 0; i < m->nfn; i++) {
		const struct func *fn = &m->fn[order[i]];

		fprintf(out, "| `%s` | %s%s | ", fn->name,
			fn->cls == CL_STAYS ? "stays" : cls_long[fn->cls],
			fn->helper ? ", helper" : "");
		cell(out, fn->reason);
		fprintf(out, " | %s | %s:%d |\n", fn->hwnote ? fn->hwnote : "—",
			fn->file, fn->line);
	}
	if (m->ndiag) {
		fprintf(out, "\n<details><summary>What the tool could not model (%zu notes)</summary>\n\n",
			m->ndiag);
		for (i = 0; i < m->ndiag; i++) {
			fprintf(out, "- ");
			cell(out, m->diag[i]);
			fprintf(out, "\n");
		}
		fprintf(out, "\n</details>\n");
	}
	fprintf(out, "\n");
	free(order);
}

/* ---- DOT ------------------------------------------------------------------------- */

static void dot_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void write_dot(const struct model *m, FILE *out)
{
	size_t i;

	fprintf(out, "digraph ");
	dot_str(out, m->name);
	fprintf(out, " {\n"
		"  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=14, labelloc=t,\n"
		"         nodesep=0.12, ranksep=0.5, newrank=true, label=");
	{
		char *l = xasprintf("%s: must-move %zu, might-move %zu, stays %zu "
				    "(red edges: hot path; orange: kernel-initiated; "
				    "dashed: called with a lock held; hollow arrow: through a pointer)",
				    m->name, m->count[CL_MUST], m->count[CL_MIGHT],
				    m->count[CL_STAYS]);
		dot_str(out, l);
		free(l);
	}
	fprintf(out, "];\n"
		"  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, height=0.25];\n"
		"  edge [color=\"#9a9a9a\", arrowsize=0.5];\n");
	fprintf(out,
		"  subgraph cluster_legend {\n"
		"    label=\"classes\"; fontsize=11; style=rounded; color=\"#cccccc\";\n"
		"    \"legend must\" [label=\"must-move\", fillcolor=\"#9fdf9f\"];\n"
		"    \"legend might\" [label=\"might-move\", fillcolor=\"#ffe38a\"];\n"
		"    \"legend hot\" [label=\"stays: hot path\", fillcolor=\"#f7a3a3\", color=\"#c00000\", penwidth=2];\n"
		"    \"legend kern\" [label=\"stays: kernel-initiated\", fillcolor=\"#f9cf9f\"];\n"
		"    \"legend none\" [label=\"stays: not reached\", fillcolor=\"#e4e4e4\"];\n"
		"    \"legend root\" [label=\"root (entry point)\", fillcolor=\"white\", peripheries=2];\n"
		"  }\n");
	for (i = 0; i < m->nfn; i++) {
		const struct func *fn = &m->fn[i];
		const char *fill = fn->cls == CL_MUST ? "#9fdf9f" :
				   fn->cls == CL_MIGHT ? "#ffe38a" :
				   fn->hotpath ? "#f7a3a3" :
				   fn->kernpath ? "#f9cf9f" : "#e4e4e4";
		struct sbuf lbl = { 0 };
		bool isroot = false;
		size_t r;

		sb_add(&lbl, fn->name);
		for (r = 0; r < m->nr; r++)
			if (m->r[r].fn == i) {
				const char *w = strrchr(m->r[r].what, '.');

				sb_addf(&lbl, "%s%s", isroot ? ", " : "\\n[",
					w ? w + 1 : m->r[r].what);
				isroot = true;
			}
		if (isroot)
			sb_add(&lbl, "]");
		fprintf(out, "  ");
		dot_str(out, fn->name);
		fprintf(out, " [label=\"%s\", fillcolor=\"%s\"%s%s, tooltip=", lbl.s, fill,
			fn->hotpath ? ", color=\"#c00000\", penwidth=2" : "",
			isroot ? ", peripheries=2" : "");
		dot_str(out, fn->reason);
		fprintf(out, "];\n");
		free(lbl.s);
	}
	/* one arrow per caller/callee pair, whatever the number of call kinds */
	for (i = 0; i < m->ne; i++) {
		const struct edge *e = &m->e[i];
		const struct func *a = &m->fn[e->from], *b = &m->fn[e->to];
		bool hot = a->hotpath && b->hotpath;
		bool kern = !hot && a->kernpath && b->kernpath;
		bool locked = false, direct = false, dup = false;
		size_t j;

		for (j = 0; j < m->ne; j++) {
			if (m->e[j].from != e->from || m->e[j].to != e->to)
				continue;
			if (j < i) {
				dup = true;
				break;
			}
			locked |= m->e[j].locked;
			direct |= m->e[j].kind == E_CALL;
		}
		if (dup)
			continue;
		fprintf(out, "  ");
		dot_str(out, a->name);
		fprintf(out, " -> ");
		dot_str(out, b->name);
		fprintf(out, " [%s%s%s];\n",
			hot ? "color=\"#d00000\", penwidth=2.2" :
			kern ? "color=\"#e08020\", penwidth=1.4" : "penwidth=1",
			locked ? ", style=dashed" : "",
			direct ? "" : ", arrowhead=empty");
	}
	fprintf(out, "}\n");
}
