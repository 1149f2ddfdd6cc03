/* SPDX-License-Identifier: GPL-2.0 */
/*
 * candidates: classify the functions of a network driver as must-move,
 * might-move or stays-in-kernel (the paper's section 7).
 *
 * The model is built from two sources:
 *  - cflow's call graph (direct calls, definitions with file and line);
 *  - our own token scanner over the same sources, which finds what cflow
 *    cannot: function-pointer tables and assignments (the roots, and the
 *    driver's own indirect calls), callbacks passed as arguments, and the
 *    locks held at each call site.
 * See analysis/README.md for the rules.
 */
#ifndef ANALYSIS_CANDIDATES_H
#define ANALYSIS_CANDIDATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define NONE ((size_t)-1)

/* ---- util.c --------------------------------------------------------- */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *read_file(const char *path, size_t *len);

/* Grow a dynamic array: VEC_PUSH(m->fn, m->nfn, m->capfn) = value. */
#define VEC_GROW(arr, n, cap)                                              \
	do {                                                               \
		if ((n) == (cap)) {                                        \
			(cap) = (cap) ? 2 * (cap) : 16;                    \
			(arr) = xrealloc((arr), (cap) * sizeof(*(arr)));   \
		}                                                          \
	} while (0)
#define VEC_PUSH(arr, n, cap) (*({ VEC_GROW(arr, n, cap); &(arr)[(n)++]; }))

/* A growable string. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sb_add(struct sbuf *b, const char *s);
void sb_addf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *sb_take(struct sbuf *b);

/* ---- lex.c: C tokens, comments/strings/preprocessor removed --------- */
enum tkind { TK_ID, TK_NUM, TK_STR, TK_PUNCT };

struct tok {
	enum tkind kind;
	char *s;
	int line;
	const char *macro; /* produced by expanding this macro, or NULL */
};

struct macro {
	char *name;
	char **params;   /* "__VA_ARGS__" for a plain "..." */
	size_t nparams;
	bool variadic;   /* the last parameter takes the rest */
	struct tok *tok; /* body */
	size_t ntok;
	int line, undef_line; /* in effect on lines (line, undef_line) */
};

struct srcfile {
	char *path;   /* as given on the command line */
	char *shown;  /* path shown in reports (base dir stripped) */
	struct tok *tok;
	size_t ntok;
	int unbalanced; /* braces did not balance at end of file */
	struct macro *mac; /* function-like macros defined in it */
	size_t nmac, capmac;
};

void lex_file(struct srcfile *f);

/* ---- macro.c: expand the driver's own function-like macros ------------ */
struct model;
void expand_macros(struct model *m);
bool is_macro(const struct model *m, const char *name);

/* ---- the model ------------------------------------------------------ */
enum rootkind { RK_HOT, RK_KERNEL, RK_SLOW, RK_CONFIG, RK_NKINDS };

enum cls { CL_MUST, CL_MIGHT, CL_STAYS, CL_NCLS };

struct func {
	char *name;
	char *file; /* shown path */
	int line;
	bool in_cflow;       /* cflow reported the definition */
	size_t src;          /* NONE if the scanner did not find the body */
	size_t lo, hi;       /* body tokens [lo, hi) in src */
	char **params;       /* identifiers of the parameter list */
	size_t nparams;
	char *lock;          /* first lock it takes itself, e.g. "spin_lock_irqsave(&lp->lock)" */
	int lock_line;
	char *kapi;          /* first kernel-only service it calls */
	char *hw;            /* first device access it does itself */
	bool calls_param;    /* calls through one of its parameters */
	bool param_call_locked;

	/* results */
	enum cls cls;
	char *reason;
	char *hwnote;        /* device access, own or via a callee */
	bool helper;         /* stays, but a candidate reaches it */
	bool hotpath;        /* reached from a hot root */
	bool kernpath;       /* reached from a kernel-initiated root */
	bool atomic;         /* reached in atomic context from a slow/config root */
	bool slow, config;   /* reached from slow / configuration roots */
	size_t par[RK_NKINDS]; /* BFS parent edge per root kind (NONE: root or unreached) */
	size_t root[RK_NKINDS];/* the root that reached it first, per kind */
	size_t apar;         /* parent edge on the atomic witness path */
	size_t aroot;
	bool atomic_seed;    /* the atomic witness starts here */
	unsigned int why;    /* W_* obstacles of a candidate */
};

/* What keeps a candidate from moving as it is (func.why). */
#define W_CONFIG 1u /* on a configuration path */
#define W_ATOMIC 2u /* runs in atomic context */
#define W_LOCK   4u /* takes a spinlock (itself or in a callee) */
#define W_KAPI   8u /* calls a kernel-only service (itself or in a callee) */

enum ekind { E_CALL, E_FIELD, E_CALLBACK, E_LIBRARY };

struct edge {
	size_t from, to;
	enum ekind kind;
	bool cflow;   /* cflow saw this direct call */
	bool scan;    /* the scanner saw it */
	bool locked;  /* at least one call site runs with a lock held */
	char *lock;   /* that lock */
	char *via;    /* field, passing function or library function */
	int line;
};

struct root {
	size_t fn;
	enum rootkind kind;
	bool atomic;
	char *what;     /* e.g. "ethtool_ops.get_regs", "request_irq" */
	char *why;      /* why atomic, or NULL */
	char *where;    /* file:line of the registration */
};

/* A call site found by the scanner. */
struct callsite {
	size_t caller;
	char *callee;   /* function, field or variable name */
	enum { CS_DIRECT, CS_FIELD, CS_VAR } kind;
	int line;
	bool locked;
	char *lock;
	const char *macro; /* the call is inside this macro's expansion */
};

/* A function named somewhere other than in a call. */
struct fnuse {
	size_t fn;
	size_t caller;     /* NONE at file scope */
	enum { U_FIELD, U_ARG, U_MACRO, U_OTHER } kind;
	char *name;        /* field, called function or macro */
	char *table_type;  /* struct type of the initializer, or NULL */
	bool locked;       /* U_ARG: the call passing it holds a lock */
	char *lock;
	char *where;
};

/* A struct definition: its member names in order. */
struct sdef {
	const char *name;
	const char **fields;
	size_t n, cap;
};

/* A dispatch rule: a call to callee naming token is a call to target. */
struct dispatch {
	char *callee, *token, *target;
};

struct moved {
	char *fn;
	bool moved;
	char *note;
};

struct paperrow {
	char *paper_name;
	char *paper_class;
	char *today;
	char *note;
};

struct model {
	char *name;
	char *figure; /* path of the SVG, for a link in the Markdown */
	struct srcfile *src;
	size_t nsrc;
	struct func *fn;
	size_t nfn, capfn;
	struct edge *e;
	size_t ne, cape;
	struct root *r;
	size_t nr, capr;
	struct callsite *cs;
	size_t ncs, capcs;
	struct fnuse *u;
	size_t nu, capu;
	char **diag;
	size_t ndiag, capdiag;
	struct sdef *sd;
	size_t nsd, capsd;
	struct dispatch *dp;
	size_t ndp, capdp;

	/* our driver's split build, if given */
	bool have_moved;
	struct moved *mv;
	size_t nmv, capmv;
	/* the paper's lists for this driver */
	struct paperrow *pr;
	size_t npr, cappr;

	size_t count[CL_NCLS];
	size_t stays_hot, stays_kern, stays_unreached, nhelpers;
	size_t cflow_defs, scan_defs, cflow_only_edges, scan_only_edges;
	size_t cflow_refs; /* references cflow reported as calls, dropped */
	size_t macro_edges; /* calls found inside macro expansions */
	size_t header_edges; /* calls of functions defined in headers */
	size_t cflow_notes; /* cflow's warnings about macros defined twice */
	size_t expansions;  /* macro uses expanded by the scanner */
	size_t cflow_macros; /* macro uses cflow took for definitions */
};

size_t fn_find(const struct model *m, const char *name);
size_t fn_add(struct model *m, const char *name, const char *file, int line);
void diag(struct model *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *cls_name(enum cls c);
const char *kind_name(enum rootkind k);

/* ---- cflow.c ---------------------------------------------------------- */
void cflow_run(struct model *m, const char *cflow);

/* ---- scan.c ----------------------------------------------------------- */
void scan_defs(struct model *m);
void scan_bodies(struct model *m);

/* ---- classify.c ------------------------------------------------------- */
void build_graph(struct model *m);
void classify(struct model *m);
char *path_str(const struct model *m, size_t f, enum rootkind k);

/* ---- output.c --------------------------------------------------------- */
void write_tsv(const struct model *m, FILE *out);
void write_md(const struct model *m, FILE *out);
void write_dot(const struct model *m, FILE *out);
void write_summary(const struct model *m, FILE *out);
void load_moved(struct model *m, const char *path);
void load_paper(struct model *m, const char *path);
void load_dispatch(struct model *m, const char *path);

#endif
