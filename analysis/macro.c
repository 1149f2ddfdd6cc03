// SPDX-License-Identifier: GPL-2.0
/*
 * A small preprocessor for the driver's own function-like macros.
 *
 * The kernel's headers are not available, so the sources are not run
 * through cpp; but the macros a driver defines itself often hide calls
 * (e1000's REG_PATTERN_TEST, E1000_WRITE_REG), locks, or whole tables (an
 * X-macro op list expanded into prototypes and a dispatch table). Every use
 * of such a macro in the scanner's token stream is replaced by its
 * expansion: parameters substituted, '#' stringizing (to a placeholder
 * string), '##' pasting (with GNU ", ## args"), variadic parameters, and a
 * rescan for nested macros, never re-expanding a macro inside itself.
 * The macro in effect is the last one defined before the use in the same
 * file (so an X-macro item redefined after #undef is found), or else one
 * defined in another file given (a header). Expanded tokens keep the line
 * of the use and remember the outermost macro they came from.
 */
#include "candidates.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 16

struct tvec {
	struct tok *t;
	size_t n, cap;
};

static void tv_push(struct tvec *v, const struct tok *t)
{
	VEC_PUSH(v->t, v->n, v->cap) = *t;
}

static const struct macro *macro_at(const struct model *m, size_t si,
				    const char *name, int line)
{
	const struct srcfile *f = &m->src[si];
	const struct macro *best = NULL;
	size_t i, j;

	for (i = 0; i < f->nmac; i++) {
		const struct macro *mc = &f->mac[i];

		if (!strcmp(mc->name, name) && mc->line <= line &&
		    line < mc->undef_line)
			best = mc;
	}
	if (best)
		return best;
	for (i = 0; i < m->nsrc; i++) {
		if (i == si)
			continue;
		for (j = 0; j < m->src[i].nmac; j++) {
			const struct macro *mc = &m->src[i].mac[j];

			if (!strcmp(mc->name, name) && mc->undef_line == INT_MAX)
				return mc;
		}
	}
	return NULL;
}

bool is_macro(const struct model *m, const char *name)
{
	size_t i, j;

	for (i = 0; i < m->nsrc; i++)
		for (j = 0; j < m->src[i].nmac; j++)
			if (!strcmp(m->src[i].mac[j].name, name))
				return true;
	return false;
}

static int param_index(const struct macro *mc, const char *s)
{
	size_t i;

	for (i = 0; i < mc->nparams; i++)
		if (!strcmp(mc->params[i], s))
			return (int)i;
	return -1;
}

struct arg {
	size_t lo, hi; /* tokens [lo, hi) of the use */
};

static bool is_placemarker(const struct tok *t)
{
	return t->kind == TK_PUNCT && !t->s[0];
}

/* Paste two tokens' spellings into one token. */
static struct tok paste(const struct tok *a, const struct tok *b)
{
	struct tok t = *a;

	t.s = xasprintf("%s%s", a->s, b->s);
	t.kind = isalpha((unsigned char)t.s[0]) || t.s[0] == '_' ? TK_ID :
		 isdigit((unsigned char)t.s[0]) ? TK_NUM : TK_PUNCT;
	return t;
}

/* The body of mc with the arguments put in, before rescanning. */
static void substitute(const struct macro *mc, const struct tok *in,
		       const struct arg *args, size_t nargs, int line,
		       const char *outer, struct tvec *out)
{
	struct tvec raw = { 0 };
	static const struct tok marker = { TK_PUNCT, "", 0, NULL };
	size_t j, k;

	for (j = 0; j < mc->ntok; j++) {
		const struct tok *b = &mc->tok[j];
		int p = b->kind == TK_ID ? param_index(mc, b->s) : -1;

		if (!strcmp(b->s, "#") && j + 1 < mc->ntok &&
		    param_index(mc, mc->tok[j + 1].s) >= 0) {
			struct tok s = { TK_STR, "\"\"", 0, NULL };

			tv_push(&raw, &s);
			j++;
			continue;
		}
		if (p < 0) {
			tv_push(&raw, b);
			continue;
		}
		if ((size_t)p >= nargs || args[p].lo == args[p].hi) {
			tv_push(&raw, &marker);
			continue;
		}
		for (k = args[p].lo; k < args[p].hi; k++)
			tv_push(&raw, &in[k]);
	}
	/* '##': paste neighbours; ", ## empty-variadic" drops the comma */
	for (j = 0; j < raw.n; j++) {
		struct tok t = raw.t[j];

		if (!strcmp(t.s, "##") && out->n > 0 && j + 1 < raw.n) {
			struct tok *l = &out->t[out->n - 1];
			const struct tok *r = &raw.t[j + 1];

			if (is_placemarker(r)) {
				if (!strcmp(l->s, ",") && mc->variadic)
					out->n--;
			} else if (is_placemarker(l)) {
				*l = *r;
			} else if (!strcmp(l->s, ",")) {
				tv_push(out, r); /* GNU ", ## args" */
			} else {
				*l = paste(l, r);
			}
			j++;
			continue;
		}
		tv_push(out, &t);
	}
	k = 0;
	for (j = 0; j < out->n; j++) {
		if (is_placemarker(&out->t[j]))
			continue;
		out->t[k] = out->t[j];
		out->t[k].line = line;
		out->t[k].macro = outer;
		k++;
	}
	out->n = k;
	free(raw.t);
}

static void emit(struct model *m, size_t si, const struct tok *in, size_t n,
		 struct tvec *out, const struct macro **active, int nact)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct tok *t = &in[i];
		const struct macro *mc = NULL;
		struct arg *args;
		size_t nargs = 0, k, close;
		int depth = 0, a;
		struct tvec sub = { 0 };

		if (t->kind == TK_ID && i + 1 < n && !strcmp(in[i + 1].s, "(") &&
		    nact < MAX_DEPTH)
			mc = macro_at(m, si, t->s, t->line);
		for (a = 0; mc && a < nact; a++)
			if (active[a] == mc)
				mc = NULL;
		if (!mc) {
			tv_push(out, t);
			continue;
		}
		/* the arguments: top-level commas inside the parentheses */
		for (close = i + 1; close < n; close++) {
			if (!strcmp(in[close].s, "(") || !strcmp(in[close].s, "[") ||
			    !strcmp(in[close].s, "{"))
				depth++;
			else if ((!strcmp(in[close].s, ")") ||
				  !strcmp(in[close].s, "]") ||
				  !strcmp(in[close].s, "}")) && --depth == 0)
				break;
		}
		if (close >= n) {
			tv_push(out, t);
			continue;
		}
		args = xmalloc(sizeof(*args) * (close - i + 1));
		args[0].lo = i + 2;
		depth = 0;
		for (k = i + 2; k < close; k++) {
			const char *s = in[k].s;

			if (!strcmp(s, "(") || !strcmp(s, "[") || !strcmp(s, "{"))
				depth++;
			else if (!strcmp(s, ")") || !strcmp(s, "]") || !strcmp(s, "}"))
				depth--;
			else if (!depth && !strcmp(s, ",") &&
				 !(mc->variadic && nargs + 1 >= mc->nparams)) {
				args[nargs++].hi = k;
				args[nargs].lo = k + 1;
			}
		}
		args[nargs++].hi = close;
		if (nargs == 1 && args[0].lo == args[0].hi && mc->nparams == 0)
			nargs = 0;
		substitute(mc, in, args, nargs, t->line,
			   t->macro ? t->macro : mc->name, &sub);
		free(args);
		active[nact] = mc;
		emit(m, si, sub.t, sub.n, out, active, nact + 1);
		free(sub.t);
		m->expansions++;
		i = close;
	}
}

void expand_macros(struct model *m)
{
	const struct macro *active[MAX_DEPTH + 1];
	size_t si;

	for (si = 0; si < m->nsrc; si++) {
		struct srcfile *f = &m->src[si];
		struct tvec out = { 0 };

		emit(m, si, f->tok, f->ntok, &out, active, 0);
		free(f->tok);
		f->tok = out.t;
		f->ntok = out.n;
	}
}
