// SPDX-License-Identifier: GPL-2.0
/*
 * A C tokenizer good enough for driver sources without running the
 * preprocessor: comments are dropped, string and character literals become
 * one placeholder token each, preprocessor lines are skipped (with their
 * continuation lines), and "#if 0" blocks are skipped. Both branches of
 * other conditionals are kept, as cflow sees them.
 */
#include "candidates.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct lexer {
	const char *p;
	int line;
	bool bol; /* only blanks since the start of the line */
	struct srcfile *f;
	size_t cap;
};

static void push(struct lexer *lx, enum tkind k, const char *s, size_t n)
{
	struct tok *t = &VEC_PUSH(lx->f->tok, lx->f->ntok, lx->cap);

	t->kind = k;
	t->s = xmalloc(n + 1);
	memcpy(t->s, s, n);
	t->s[n] = '\0';
	t->line = lx->line;
	t->macro = NULL;
}

/* Skip a comment starting at p (which is at '/'); returns false if none. */
static bool skip_comment(struct lexer *lx)
{
	const char *p = lx->p;

	if (p[0] == '/' && p[1] == '*') {
		for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
			if (*p == '\n')
				lx->line++;
		lx->p = *p ? p + 2 : p;
		return true;
	}
	if (p[0] == '/' && p[1] == '/') {
		while (*p && *p != '\n')
			p++;
		lx->p = p;
		return true;
	}
	return false;
}

/*
 * Read one preprocessor line (p at '#'); returns the directive name and
 * its first argument word in dir/arg (truncated).
 */
static void pp_line(struct lexer *lx, char *dir, size_t dn, char *arg,
		    size_t an, const char **rest)
{
	const char *p = lx->p + 1;
	size_t i;

	while (*p == ' ' || *p == '\t')
		p++;
	for (i = 0; isalpha((unsigned char)*p); p++)
		if (i + 1 < dn)
			dir[i++] = *p;
	dir[i] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	*rest = p;
	for (i = 0; isalnum((unsigned char)*p) || *p == '_'; p++)
		if (i + 1 < an)
			arg[i++] = *p;
	arg[i] = '\0';
	/* to the end of the line, following continuations and comments */
	while (*p && *p != '\n') {
		if (p[0] == '\\' && p[1] == '\n') {
			lx->line++;
			p += 2;
			continue;
		}
		if (p[0] == '/' && (p[1] == '*' || p[1] == '/')) {
			lx->p = p;
			skip_comment(lx);
			p = lx->p;
			continue;
		}
		p++;
	}
	lx->p = p;
}

static const char *const punct3[] = { "<<=", ">>=", "...", NULL };
static const char *const punct2[] = {
	"->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "##", NULL
};

static long lex_core(struct lexer *lx_, bool pp);

/* Join continuation lines of a directive's text and tokenize it. */
static void lex_directive(struct srcfile *tmp, const char *text,
			  const char *end, int line)
{
	size_t n = (size_t)(end - text), i, o = 0;
	char *buf = xmalloc(n + 1);
	struct lexer lx = { .line = line, .f = tmp };

	for (i = 0; i < n; i++) {
		if (text[i] == '\\' && i + 1 < n && text[i + 1] == '\n') {
			buf[o++] = ' ';
			i++;
			continue;
		}
		buf[o++] = text[i];
	}
	buf[o] = '\0';
	lx.p = buf;
	lex_core(&lx, false);
	free(buf);
}

static void free_toks(struct srcfile *tmp)
{
	size_t j;

	for (j = 0; j < tmp->ntok; j++)
		free(tmp->tok[j].s);
	free(tmp->tok);
}

/*
 * "#define NAME(params) body": function-like macros are kept, with their
 * parameters and body tokens, for macro.c to expand where they are used.
 * "#undef NAME" ends the last definition.
 */
static void define(struct srcfile *f, const char *text, const char *end,
		   int line)
{
	struct srcfile tmp = { 0 };
	struct macro *mc;
	size_t i, j;

	lex_directive(&tmp, text, end, line);
	if (tmp.ntok < 2 || tmp.tok[0].kind != TK_ID ||
	    strcmp(tmp.tok[1].s, "(") || text[strlen(tmp.tok[0].s)] != '(')
		goto out;
	mc = &VEC_PUSH(f->mac, f->nmac, f->capmac);
	memset(mc, 0, sizeof(*mc));
	mc->name = xstrdup(tmp.tok[0].s);
	mc->line = line;
	mc->undef_line = INT_MAX;
	mc->params = xmalloc(sizeof(char *) * (tmp.ntok + 1));
	for (i = 2; i < tmp.ntok && strcmp(tmp.tok[i].s, ")"); i++) {
		if (!strcmp(tmp.tok[i].s, "...")) {
			mc->variadic = true;
			if (!(i > 2 && tmp.tok[i - 1].kind == TK_ID))
				mc->params[mc->nparams++] = xstrdup("__VA_ARGS__");
		} else if (tmp.tok[i].kind == TK_ID) {
			mc->params[mc->nparams++] = xstrdup(tmp.tok[i].s);
		}
	}
	if (i >= tmp.ntok) { /* no closing parenthesis: forget it */
		f->nmac--;
		goto out;
	}
	mc->ntok = tmp.ntok - i - 1;
	mc->tok = xmalloc(sizeof(struct tok) * (mc->ntok + 1));
	for (j = 0; j < mc->ntok; j++) {
		mc->tok[j] = tmp.tok[i + 1 + j];
		mc->tok[j].s = xstrdup(mc->tok[j].s);
	}
out:
	free_toks(&tmp);
}

static void undef(struct srcfile *f, const char *name, int line)
{
	size_t i;

	for (i = f->nmac; i-- > 0;)
		if (!strcmp(f->mac[i].name, name) &&
		    f->mac[i].undef_line == INT_MAX) {
			f->mac[i].undef_line = line;
			return;
		}
}

void lex_file(struct srcfile *f)
{
	size_t len;
	char *buf = read_file(f->path, &len);
	struct lexer lx = { .p = buf, .line = 1, .bol = true, .f = f };

	f->unbalanced = lex_core(&lx, true) != 0;
	free(buf);
}

static long lex_core(struct lexer *lx_, bool pp)
{
	struct lexer lx = *lx_;
	int skip_depth = 0; /* > 0 inside "#if 0" */
	long depth = 0;

	while (*lx.p) {
		const char *p = lx.p;
		char c = *p;

		if (c == '\n') {
			lx.line++;
			lx.bol = true;
			lx.p++;
			continue;
		}
		if (isspace((unsigned char)c)) {
			lx.p++;
			continue;
		}
		if (skip_comment(&lx))
			continue;
		if (c == '#' && lx.bol && pp) {
			char dir[16], arg[64];
			const char *rest;
			int line = lx.line;

			pp_line(&lx, dir, sizeof(dir), arg, sizeof(arg), &rest);
			if (!skip_depth && !strcmp(dir, "define"))
				define(lx.f, rest, lx.p, line);
			else if (!skip_depth && !strcmp(dir, "undef"))
				undef(lx.f, arg, line);
			if (skip_depth) {
				if (!strncmp(dir, "if", 2))
					skip_depth++;
				else if (!strcmp(dir, "endif"))
					skip_depth--;
				else if (skip_depth == 1 &&
					 (!strcmp(dir, "else") ||
					  !strcmp(dir, "elif")))
					skip_depth = 0;
			} else if (!strcmp(dir, "if") && !strcmp(arg, "0")) {
				skip_depth = 1;
			}
			continue;
		}
		lx.bol = false;
		if (skip_depth) {
			/* inside #if 0: skip the rest of the line */
			while (*lx.p && *lx.p != '\n')
				lx.p++;
			continue;
		}
		if (isalpha((unsigned char)c) || c == '_') {
			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			push(&lx, TK_ID, lx.p, (size_t)(p - lx.p));
			lx.p = p;
			continue;
		}
		if (isdigit((unsigned char)c) ||
		    (c == '.' && isdigit((unsigned char)p[1]))) {
			while (isalnum((unsigned char)*p) || *p == '_' ||
			       *p == '.' ||
			       ((*p == '+' || *p == '-') &&
				(p[-1] == 'e' || p[-1] == 'E' || p[-1] == 'p' ||
				 p[-1] == 'P')))
				p++;
			push(&lx, TK_NUM, lx.p, (size_t)(p - lx.p));
			lx.p = p;
			continue;
		}
		if (c == '"' || c == '\'') {
			int line = lx.line;

			for (p++; *p && *p != c; p++) {
				if (*p == '\\' && p[1]) {
					if (p[1] == '\n')
						lx.line++;
					p++;
				} else if (*p == '\n') {
					lx.line++; /* unterminated: keep going */
				}
			}
			lx.p = *p ? p + 1 : p;
			{
				int l = lx.line;

				lx.line = line;
				push(&lx, c == '"' ? TK_STR : TK_NUM,
				     c == '"' ? "\"\"" : "'?'", 3 - (c == '"'));
				lx.line = l;
			}
			continue;
		}
		{
			size_t n = 1;
			int i;

			for (i = 0; punct3[i]; i++)
				if (!strncmp(p, punct3[i], 3))
					n = 3;
			for (i = 0; n == 1 && punct2[i]; i++)
				if (!strncmp(p, punct2[i], 2))
					n = 2;
			if (c == '{')
				depth++;
			else if (c == '}')
				depth--;
			push(&lx, TK_PUNCT, p, n);
			lx.p = p + n;
		}
	}
	*lx_ = lx;
	return depth;
}
