// SPDX-License-Identifier: GPL-2.0
/*
 * The token scanner: what cflow does not tell.
 *
 * Pass 1 (scan_defs) finds every function definition and its body.
 * Pass 2 (scan_bodies) walks file scope and every body and records:
 *  - designated initializers ".field = fn" in tables (struct ethtool_ops,
 *    struct net_device_ops, the driver's own access tables, ...), and
 *    assignments "x->field = fn" / "x.field = fn";
 *  - functions passed as arguments (request_irq, netif_napi_add,
 *    timer_setup, INIT_WORK, the driver's own callback-taking functions)
 *    and to file-scope macros (module_init, SIMPLE_DEV_PM_OPS);
 *  - every call site, direct, through a field ("lp->a->read_csr(") or
 *    through a variable or parameter, with the lock held there if any;
 *  - per function: the first lock it takes, the first kernel-only service
 *    it calls and the first device access it does.
 *
 * Lock tracking is linear over the body, with one refinement: a block
 * that ends in return/goto/break/continue gives back the lock depth it
 * was entered with ("if (err) { spin_unlock(...); return; }").
 */
#include "candidates.h"

#include <stdlib.h>
#include <string.h>

static bool is(const struct tok *t, const char *s)
{
	return !strcmp(t->s, s);
}

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

static bool has_prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static const char *const keywords[] = {
	"if", "for", "while", "switch", "return", "sizeof", "typeof",
	"__typeof__", "_Alignof", "alignof", "defined", "__attribute__",
	"do", "else", "case", "goto", "int", "void", "char", "long", "short",
	"unsigned", "signed", "struct", "union", "enum", "const", "volatile",
	"static", "__builtin_expect", "likely", "unlikely", NULL
};

/* Parenthesised annotations that may follow or precede a declarator. */
static const char *const attr_wrappers[] = {
	"__attribute__", "__aligned", "__printf", "__acquires", "__releases",
	"__must_hold", "__section", "__alloc_size", "__diag_ignore",
	"__cond_acquires", NULL
};

/* ---- locks ----------------------------------------------------------- */

static const char *const lock_sfx[] = {
	"", "_irq", "_irqsave", "_bh", "_nested", "_irqsave_nested", NULL
};
static const char *const lock_other[] = {
	"local_irq_disable", "local_irq_save", "local_bh_disable",
	"rcu_read_lock", "rcu_read_lock_bh", "rcu_read_lock_sched",
	"preempt_disable", "netif_tx_lock", "netif_tx_lock_bh",
	"netif_addr_lock", "netif_addr_lock_bh", "__netif_tx_lock",
	"__netif_tx_lock_bh", "spin_trylock", "spin_trylock_irqsave",
	"spin_trylock_bh", "raw_spin_trylock", NULL
};
static const char *const unlock_other[] = {
	"local_irq_enable", "local_irq_restore", "local_bh_enable",
	"rcu_read_unlock", "rcu_read_unlock_bh", "rcu_read_unlock_sched",
	"preempt_enable", "netif_tx_unlock", "netif_tx_unlock_bh",
	"netif_addr_unlock", "netif_addr_unlock_bh", "__netif_tx_unlock",
	"__netif_tx_unlock_bh", NULL
};

static bool is_lock(const char *s)
{
	const char *const bases[] = {
		"spin_lock", "raw_spin_lock", "read_lock", "write_lock", NULL
	};
	int i, j;

	for (i = 0; bases[i]; i++) {
		size_t n = strlen(bases[i]);

		if (strncmp(s, bases[i], n))
			continue;
		for (j = 0; lock_sfx[j]; j++)
			if (!strcmp(s + n, lock_sfx[j]))
				return true;
	}
	return in_list(s, lock_other);
}

static bool is_unlock(const char *s)
{
	const char *const bases[] = {
		"spin_unlock", "raw_spin_unlock", "read_unlock", "write_unlock",
		NULL
	};
	int i;

	for (i = 0; bases[i]; i++)
		if (has_prefix(s, bases[i]))
			return true;
	return in_list(s, unlock_other);
}

/* ---- services a user-space daemon cannot perform itself -------------- */

static const char *const kapi_prefix[] = {
	"dma_", "napi_", "netif_napi_", "netif_tx_", "netif_carrier_",
	"netif_device_", "netif_stop_", "netif_start_", "netif_wake_",
	"netif_receive_", "netif_rx", "__netif_", "netdev_alloc_skb",
	"napi_alloc_skb", "dev_kfree_skb", "dev_consume_skb", "kfree_skb",
	"skb_", "__skb_", "alloc_etherdev", "pci_enable_", "pci_disable_",
	"pci_request_", "pci_release_", "pci_set_master", "pci_clear_master",
	"pci_save_state", "pci_restore_state", "pci_set_power_state",
	"pci_wake_from_d3", "pci_enable_wake", "pci_iomap", "pci_iounmap",
	"pci_read_config_", "pci_write_config_", "pci_set_mwi",
	"pci_clear_mwi", "ioremap", "iounmap", "request_region",
	"release_region", "request_mem_region", "release_mem_region",
	"mod_timer", "del_timer", "timer_setup", "add_timer",
	"schedule_work", "schedule_delayed_work", "queue_work",
	"queue_delayed_work", "cancel_work", "cancel_delayed_work",
	"flush_work", "flush_scheduled_work", "INIT_WORK", "INIT_DELAYED_WORK",
	"eth_type_trans", "device_set_wakeup", "device_wakeup_",
	"pcim_", "devm_", NULL
};
static const char *const kapi_exact[] = {
	"request_irq", "request_threaded_irq", "free_irq", "synchronize_irq",
	"enable_irq", "disable_irq", "disable_irq_nosync", "register_netdev",
	"unregister_netdev", "free_netdev", "netif_schedule_queue",
	"rtnl_lock", "rtnl_unlock", "dev_close", "dev_open", NULL
};

/* Barriers and pure helpers that happen to match a prefix above. */
static const char *const kapi_not[] = {
	"dma_wmb", "dma_rmb", "dma_mb", "skb_headlen", NULL
};

static bool is_kapi(const char *s)
{
	int i;

	if (in_list(s, kapi_not))
		return false;
	if (in_list(s, kapi_exact))
		return true;
	for (i = 0; kapi_prefix[i]; i++)
		if (has_prefix(s, kapi_prefix[i]))
			return true;
	return false;
}

/* ---- device access ----------------------------------------------------- */

static const char *const pio[] = {
	"inb", "inw", "inl", "outb", "outw", "outl", "inb_p", "outb_p",
	"insb", "insw", "insl", "outsb", "outsw", "outsl", NULL
};
static const char *const mmio[] = {
	"readb", "readw", "readl", "readq", "writeb", "writew", "writel",
	"writeq", "ioread8", "ioread16", "ioread32", "iowrite8", "iowrite16",
	"iowrite32", "ioread16be", "ioread32be", "iowrite16be", "iowrite32be",
	"er32", "ew32", "E1000_READ_REG", "E1000_WRITE_REG", "E1000_WRITE_FLUSH",
	"E1000_READ_REG_ARRAY", "E1000_WRITE_REG_ARRAY",
	"E1000_READ_REG_ARRAY_DWORD", "E1000_WRITE_REG_ARRAY_DWORD",
	"readl_relaxed", "writel_relaxed", NULL
};

static const char *hw_kind(const char *s)
{
	if (in_list(s, pio))
		return "port I/O";
	if (in_list(s, mmio))
		return has_prefix(s, "io") ? "I/O (iomap)" : "MMIO";
	return NULL;
}

/* ---- helpers over tokens ----------------------------------------------- */

/* Index of the token closing the bracket opened at i, or n. */
static size_t match(const struct srcfile *f, size_t i, size_t n)
{
	const char *open = f->tok[i].s;
	const char *close = is(&f->tok[i], "(") ? ")" :
			    is(&f->tok[i], "[") ? "]" : "}";
	int depth = 0;

	for (; i < n; i++) {
		if (f->tok[i].kind != TK_PUNCT)
			continue;
		if (!strcmp(f->tok[i].s, open))
			depth++;
		else if (!strcmp(f->tok[i].s, close) && --depth == 0)
			return i;
	}
	return n;
}

/* Tokens [a, b) joined, without blanks (for lock expressions). */
static char *join(const struct srcfile *f, size_t a, size_t b)
{
	struct sbuf sb = { 0 };

	for (; a < b; a++)
		sb_add(&sb, f->tok[a].s);
	return sb_take(&sb);
}

/* "spin_lock_irqsave(&lp->lock)" from the call starting at k (the name). */
static char *lock_text(const struct srcfile *f, size_t k, size_t hi)
{
	size_t open = k + 1, e, close = match(f, open, hi);
	int d = 0;
	char *arg, *s;

	for (e = open + 1; e < close; e++) {
		if (is(&f->tok[e], "(") || is(&f->tok[e], "["))
			d++;
		else if (is(&f->tok[e], ")") || is(&f->tok[e], "]"))
			d--;
		else if (!d && is(&f->tok[e], ","))
			break;
	}
	arg = join(f, open + 1, e);
	s = xasprintf("%s(%s)", f->tok[k].s, arg);
	free(arg);
	return s;
}

static char *where(const struct srcfile *f, int line)
{
	return xasprintf("%s:%d", f->shown, line);
}

/* ---- pass 1: definitions ------------------------------------------------ */

/*
 * If header tokens [a, b) (b at '{') declare a function, return the index
 * of its name and set po and pc to its parameter parentheses.
 */
static size_t func_header(const struct srcfile *f, size_t a, size_t b,
			  size_t *po, size_t *pc)
{
	size_t i;

	for (i = a; i < b; i++) {
		const struct tok *t = &f->tok[i];

		if (t->kind == TK_PUNCT && (is(t, "=") || is(t, ";")))
			return NONE;
		if (!is(t, "(") || i == a)
			continue;
		if (f->tok[i - 1].kind != TK_ID ||
		    in_list(f->tok[i - 1].s, attr_wrappers)) {
			i = match(f, i, b);
			continue;
		}
		*po = i;
		*pc = match(f, i, b);
		if (*pc >= b)
			return NONE;
		/* a function-pointer declarator "(*name)(...)" is not a def */
		if (i + 1 < b && is(&f->tok[i + 1], "*"))
			return NONE;
		return i - 1;
	}
	return NONE;
}

/* Walk file scope; call back for each statement or braced construct. */
struct walker {
	void (*stmt)(struct model *m, size_t si, size_t a, size_t b);
	void (*table)(struct model *m, size_t si, size_t a, size_t eq,
		      size_t open, size_t close);
	void (*func)(struct model *m, size_t si, size_t name, size_t po,
		     size_t pc, size_t open, size_t close);
	void (*rec)(struct model *m, size_t si, size_t a, size_t open,
		    size_t close);
};

static void walk(struct model *m, size_t si, const struct walker *w)
{
	struct srcfile *f = &m->src[si];
	size_t n = f->ntok, i = 0;

	while (i < n) {
		size_t j, eq = NONE, close, name, po, pc;
		int pd = 0;

		for (j = i; j < n; j++) {
			const struct tok *t = &f->tok[j];

			if (t->kind != TK_PUNCT)
				continue;
			if (is(t, "(") || is(t, "["))
				pd++;
			else if (is(t, ")") || is(t, "]"))
				pd--;
			else if (!pd && is(t, "=") && eq == NONE)
				eq = j;
			else if (!pd && (is(t, ";") || is(t, "{") ||
					 is(t, "}")))
				break;
		}
		if (j >= n)
			break;
		if (is(&f->tok[j], ";") || is(&f->tok[j], "}")) {
			if (w->stmt && j > i)
				w->stmt(m, si, i, j);
			i = j + 1;
			continue;
		}
		close = match(f, j, n);
		if (eq != NONE) {
			if (w->table)
				w->table(m, si, i, eq, j, close);
		} else if ((name = func_header(f, i, j, &po, &pc)) != NONE) {
			if (w->func)
				w->func(m, si, name, po, pc, j, close);
		} else if (w->rec) {
			w->rec(m, si, i, j, close);
		}
		i = close + 1;
	}
}

static void def_func(struct model *m, size_t si, size_t name, size_t po,
		     size_t pc, size_t open, size_t close)
{
	struct srcfile *f = &m->src[si];
	const struct tok *t = &f->tok[name];
	size_t fi = fn_find(m, t->s), k;
	struct func *fn;

	if (fi != NONE && m->fn[fi].src != NONE) {
		diag(m, "%s defined twice (%s:%d and %s:%d); the second is ignored",
		     t->s, m->fn[fi].file, m->fn[fi].line, f->shown, t->line);
		return;
	}
	if (fi == NONE)
		fi = fn_add(m, t->s, f->shown, t->line);
	fn = &m->fn[fi];
	fn->src = si;
	fn->lo = open + 1;
	fn->hi = close;
	fn->params = xmalloc(sizeof(char *) * (pc - po + 1));
	for (k = po + 1; k < pc; k++)
		if (f->tok[k].kind == TK_ID)
			fn->params[fn->nparams++] = f->tok[k].s;
	m->scan_defs++;
}

/*
 * "struct NAME { members };": the member names in order, so that a
 * positional initializer's values can be matched to their fields.
 */
static void def_struct(struct model *m, size_t si, size_t a, size_t open,
		       size_t close)
{
	struct srcfile *f = &m->src[si];
	struct sdef *sd;
	size_t i, last = NONE, fp = NONE;
	int pd = 0, bd = 0;

	if (open < a + 2 || !is(&f->tok[open - 2], "struct") ||
	    f->tok[open - 1].kind != TK_ID)
		return;
	sd = &VEC_PUSH(m->sd, m->nsd, m->capsd);
	sd->name = f->tok[open - 1].s;
	sd->fields = NULL;
	sd->n = sd->cap = 0;
	for (i = open + 1; i < close; i++) {
		const struct tok *t = &f->tok[i];

		if (is(t, "(")) {
			/* "(*name)" is a function pointer's name */
			if (!pd && i + 2 < close && is(&f->tok[i + 1], "*") &&
			    f->tok[i + 2].kind == TK_ID)
				fp = i + 2;
			pd++;
		} else if (is(t, ")")) {
			pd--;
		} else if (is(t, "{")) {
			bd++;
		} else if (is(t, "}")) {
			bd--;
		} else if (is(t, "[") || is(t, ":")) {
			/* array size or bit-field width follows the name */
			if (!pd && !bd && last == NONE && i > open &&
			    f->tok[i - 1].kind == TK_ID)
				last = i - 1;
		} else if (!pd && !bd && (is(t, ";") || is(t, ","))) {
			size_t nm = fp != NONE ? fp : last != NONE ? last :
				    f->tok[i - 1].kind == TK_ID ? i - 1 : NONE;

			if (nm != NONE)
				VEC_PUSH(sd->fields, sd->n, sd->cap) = f->tok[nm].s;
			last = fp = NONE;
		}
	}
}

static const struct sdef *sdef_find(const struct model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nsd; i++)
		if (!strcmp(m->sd[i].name, name))
			return &m->sd[i];
	return NULL;
}

void scan_defs(struct model *m)
{
	const struct walker w = { .func = def_func, .rec = def_struct };
	size_t i;

	for (i = 0; i < m->nsrc; i++) {
		lex_file(&m->src[i]);
		if (m->src[i].unbalanced)
			diag(m, "%s: braces do not balance without the preprocessor; results for it may be incomplete",
			     m->src[i].shown);
	}
	expand_macros(m);
	for (i = 0; i < m->nsrc; i++)
		walk(m, i, &w);
}

/* ---- pass 2: uses, call sites, locks ------------------------------------ */

static struct fnuse *use_add(struct model *m, size_t fn, size_t caller,
			     int kind, const char *name, const char *where)
{
	struct fnuse *u = &VEC_PUSH(m->u, m->nu, m->capu);

	memset(u, 0, sizeof(*u));
	u->fn = fn;
	u->caller = caller;
	u->kind = kind;
	u->name = xstrdup(name);
	u->where = xstrdup(where);
	return u;
}

/* The function named by the value tokens starting at k ("&fn", "(cast)fn"). */
static size_t value_fn(const struct model *m, const struct srcfile *f,
		       size_t k, size_t hi, size_t *at)
{
	*at = k;
	if (k < hi && is(&f->tok[k], "&"))
		k++;
	if (k < hi && is(&f->tok[k], "(") && k + 1 < hi &&
	    f->tok[k + 1].kind == TK_ID) {
		size_t c = match(f, k, hi);

		/* a cast, if followed by a name and then , ; } or ) */
		if (c + 1 < hi && f->tok[c + 1].kind == TK_ID)
			k = c + 1;
	}
	if (k >= hi || f->tok[k].kind != TK_ID)
		return NONE;
	*at = k;
	if (k + 1 < hi && !(is(&f->tok[k + 1], ",") ||
			    is(&f->tok[k + 1], ";") ||
			    is(&f->tok[k + 1], "}") ||
			    is(&f->tok[k + 1], ")")))
		return NONE;
	return fn_find(m, f->tok[k].s);
}

static const char *const top_macros[] = {
	"module_init", "module_exit", "SIMPLE_DEV_PM_OPS",
	"DEFINE_SIMPLE_DEV_PM_OPS", "UNIVERSAL_DEV_PM_OPS",
	"DEFINE_RUNTIME_DEV_PM_OPS", "late_initcall", "device_initcall",
	"subsys_initcall", "DEFINE_TIMER", "SET_SYSTEM_SLEEP_PM_OPS",
	"SET_RUNTIME_PM_OPS", NULL
};

/* A file-scope statement: look for module_init(fn) and friends. */
static void top_stmt(struct model *m, size_t si, size_t a, size_t b)
{
	struct srcfile *f = &m->src[si];
	size_t i, k;

	for (i = a; i + 1 < b; i++) {
		size_t close;

		if (f->tok[i].kind != TK_ID || !is(&f->tok[i + 1], "(") ||
		    !in_list(f->tok[i].s, top_macros))
			continue;
		close = match(f, i + 1, b);
		for (k = i + 2; k < close; k++) {
			size_t fn;

			if (f->tok[k].kind != TK_ID)
				continue;
			fn = fn_find(m, f->tok[k].s);
			if (fn != NONE) {
				char *w = where(f, f->tok[k].line);

				use_add(m, fn, NONE, U_MACRO, f->tok[i].s, w);
				free(w);
			}
		}
		i = close;
	}
}

/* A file-scope initializer "struct T name = { ... };". */
static void top_table(struct model *m, size_t si, size_t a, size_t eq,
		      size_t open, size_t close)
{
	struct srcfile *f = &m->src[si];
	const char *type = NULL;
	size_t i;

	const struct sdef *sd;
	bool array = false;
	int depth = 0, pd = 0, slevel;
	size_t idx[64] = { 0 }, skip = 0;

	for (i = a; i + 1 < eq; i++)
		if (is(&f->tok[i], "struct") && f->tok[i + 1].kind == TK_ID)
			type = f->tok[i + 1].s;
	for (i = a; i < eq; i++)
		array |= is(&f->tok[i], "[");
	sd = type ? sdef_find(m, type) : NULL;
	slevel = array ? 2 : 1; /* brace depth of one struct's values */
	for (i = open; i < close; i++) {
		const struct tok *t = &f->tok[i];
		size_t fn;
		char *w;

		if (t->kind == TK_PUNCT) {
			if (is(t, "(")) {
				pd++;
			} else if (is(t, ")")) {
				pd--;
			} else if (is(t, "{") && depth < 63) {
				idx[++depth] = 0;
			} else if (is(t, "}")) {
				depth--;
			} else if (is(t, ",") && !pd && depth > 0) {
				idx[depth]++;
			} else if (is(t, ".") && !pd && sd && depth == slevel &&
				   i + 1 < close && f->tok[i + 1].kind == TK_ID) {
				size_t k;

				for (k = 0; k < sd->n; k++)
					if (!strcmp(sd->fields[k], f->tok[i + 1].s))
						idx[depth] = k;
			}
			continue;
		}
		if (t->kind != TK_ID || i <= skip)
			continue;
		if (i + 1 < close && is(&f->tok[i + 1], "(") &&
		    in_list(t->s, top_macros)) {
			/* SET_SYSTEM_SLEEP_PM_OPS(suspend, resume) inside */
			size_t c = match(f, i + 1, close), k;

			for (k = i + 2; k < c; k++) {
				fn = f->tok[k].kind == TK_ID ?
				     fn_find(m, f->tok[k].s) : NONE;
				if (fn == NONE)
					continue;
				w = where(f, f->tok[k].line);
				use_add(m, fn, NONE, U_MACRO, t->s, w);
				free(w);
			}
			i = c;
			continue;
		}
		if (i > open && is(&f->tok[i - 1], ".") &&
		    i + 1 < close && is(&f->tok[i + 1], "=")) {
			size_t v;

			fn = value_fn(m, f, i + 2, close, &v);
			if (fn == NONE)
				continue;
			skip = v;
			w = where(f, t->line);
			use_add(m, fn, NONE, U_FIELD, t->s, w)->table_type =
				type ? xstrdup(type) : NULL;
			free(w);
			continue;
		}
		fn = fn_find(m, t->s);
		if (fn == NONE || (i + 1 < close && is(&f->tok[i + 1], "(")))
			continue;
		w = where(f, t->line);
		if (sd && depth == slevel && !pd && idx[depth] < sd->n) {
			/* a positional value: the field by its place */
			use_add(m, fn, NONE, U_FIELD, sd->fields[idx[depth]],
				w)->table_type = xstrdup(type);
		} else {
			use_add(m, fn, NONE, U_OTHER, "initializer", w);
		}
		free(w);
	}
}

/* Note what a called function (not one of the driver's) tells about fn. */
static void external_call(struct func *fn, const struct tok *t)
{
	const char *hk = hw_kind(t->s);
	char *shown = t->macro && strcmp(t->macro, t->s) ?
		      xasprintf("%s → %s", t->macro, t->s) : xstrdup(t->s);

	if (!fn->kapi && is_kapi(t->s))
		fn->kapi = xstrdup(shown);
	if (!fn->hw && hk)
		fn->hw = xasprintf("%s (%s)", hk, shown);
	free(shown);
}

struct alias {
	const char *var;
	size_t fn;
};

struct pframe {
	const char *callee; /* NULL: not a call */
	bool defined;       /* callee is a driver function */
	bool locked;
	const char *lock;
};

#define MAXNEST 512

static void body(struct model *m, size_t fi)
{
	struct func *fn = &m->fn[fi];
	struct srcfile *f = &m->src[fn->src];
	struct tok *t = f->tok;
	size_t lo = fn->lo, hi = fn->hi, k, j;
	struct pframe ps[MAXNEST];
	int np = 0;
	int bentry[MAXNEST];
	int nb = 0;
	char *locks[MAXNEST];
	int depth = 0;
	size_t stmt = lo;
	bool last_jump = false;
	struct alias al[64];
	size_t nal = 0;

	for (k = lo; k < hi; k++) {
		const struct tok *tk = &t[k];
		bool call = tk->kind == TK_ID && k + 1 < hi &&
			    is(&t[k + 1], "(");

		if (tk->kind == TK_PUNCT) {
			if (is(tk, "{")) {
				if (nb < MAXNEST)
					bentry[nb++] = depth;
				stmt = k + 1;
			} else if (is(tk, "}")) {
				if (nb > 0) {
					nb--;
					if (last_jump)
						depth = bentry[nb];
				}
				last_jump = false;
				stmt = k + 1;
			} else if (is(tk, ";") && np == 0) {
				size_t s = stmt;

				/* skip labels: "out:" and "case X:" */
				while (s + 1 < k && t[s].kind == TK_ID &&
				       is(&t[s + 1], ":"))
					s += 2;
				last_jump = s < k && (is(&t[s], "return") ||
						      is(&t[s], "goto") ||
						      is(&t[s], "break") ||
						      is(&t[s], "continue"));
				stmt = k + 1;
			} else if (is(tk, "(")) {
				if (np < MAXNEST) {
					struct pframe *p = &ps[np++];

					memset(p, 0, sizeof(*p));
					if (k > lo && t[k - 1].kind == TK_ID &&
					    !in_list(t[k - 1].s, keywords)) {
						p->callee = t[k - 1].s;
						p->defined = fn_find(m, p->callee) != NONE;
						p->locked = depth > 0;
						p->lock = depth > 0 ? locks[depth - 1] : NULL;
					}
				}
			} else if (is(tk, ")")) {
				if (np > 0)
					np--;
			}
			continue;
		}
		if (tk->kind != TK_ID)
			continue;

		if (call && !in_list(tk->s, keywords)) {
			struct callsite *cs;
			bool field = k > lo && (is(&t[k - 1], "->") ||
						is(&t[k - 1], "."));
			bool var = false;

			if (is_lock(tk->s)) {
				if (depth < MAXNEST)
					locks[depth++] = lock_text(f, k, hi);
				if (!fn->lock) {
					fn->lock = lock_text(f, k, hi);
					fn->lock_line = tk->line;
				}
			} else if (is_unlock(tk->s)) {
				if (depth > 0)
					depth--;
			}
			if (!field) {
				for (j = 0; j < fn->nparams && !var; j++)
					var = !strcmp(fn->params[j], tk->s);
				for (j = 0; j < nal && !var; j++)
					var = !strcmp(al[j].var, tk->s);
				if (var && fn_find(m, tk->s) == NONE) {
					fn->calls_param = true;
					if (depth > 0)
						fn->param_call_locked = true;
				} else {
					var = false;
				}
			}
			cs = &VEC_PUSH(m->cs, m->ncs, m->capcs);
			cs->caller = fi;
			cs->callee = tk->s;
			cs->kind = field ? CS_FIELD : var ? CS_VAR : CS_DIRECT;
			cs->line = tk->line;
			cs->locked = depth > 0;
			cs->lock = depth > 0 ? locks[depth - 1] : NULL;
			cs->macro = tk->macro;
			if (cs->kind == CS_DIRECT && fn_find(m, tk->s) == NONE)
				external_call(fn, tk);
			continue;
		}

		/* a member name ("lp->mii_if.mdio_read") is not a function */
		if (k > lo && (is(&t[k - 1], ".") || is(&t[k - 1], "->")))
			continue;

		/* an op id passed to a dispatcher: a call of the op's function */
		if (np > 0 && ps[np - 1].callee) {
			for (j = 0; j < m->ndp; j++) {
				const struct dispatch *d = &m->dp[j];
				struct callsite *cs;

				if (strcmp(d->token, tk->s) ||
				    strcmp(d->callee, ps[np - 1].callee))
					continue;
				cs = &VEC_PUSH(m->cs, m->ncs, m->capcs);
				cs->caller = fi;
				cs->callee = d->target;
				cs->kind = CS_DIRECT;
				cs->line = tk->line;
				cs->locked = ps[np - 1].locked;
				cs->lock = (char *)ps[np - 1].lock;
				cs->macro = d->callee;
			}
		}

		/* a name not being called: a driver function, or an alias */
		{
			size_t target = fn_find(m, tk->s);
			char *w;

			if (target == NONE) {
				for (j = 0; j < nal; j++)
					if (!strcmp(al[j].var, tk->s))
						target = al[j].fn;
				if (target == NONE || np == 0 ||
				    !ps[np - 1].callee)
					continue;
			}
			if (k > lo + 1 && k + 1 < hi &&
			    (is(&t[k + 1], ";") || is(&t[k + 1], ",")) &&
			    (is(&t[k - 1], "=") ||
			     (is(&t[k - 1], "&") && is(&t[k - 2], "=")))) {
				size_t e = is(&t[k - 1], "=") ? k - 1 : k - 2;

				if (e > lo && t[e - 1].kind == TK_ID) {
					bool fld = e > lo + 1 &&
						   (is(&t[e - 2], "->") ||
						    is(&t[e - 2], "."));

					w = where(f, tk->line);
					if (fld) {
						use_add(m, target, fi, U_FIELD,
							t[e - 1].s, w);
					} else if (nal < 64) {
						al[nal].var = t[e - 1].s;
						al[nal++].fn = target;
					}
					free(w);
					continue;
				}
			}
			w = where(f, tk->line);
			if (np > 0 && ps[np - 1].callee) {
				struct fnuse *u = use_add(m, target, fi, U_ARG,
							  ps[np - 1].callee, w);

				u->locked = ps[np - 1].locked;
				u->lock = ps[np - 1].lock ?
					  xstrdup(ps[np - 1].lock) : NULL;
			} else if (is(&t[k - 1], "==") || is(&t[k - 1], "!=") ||
				   (k + 1 < hi && (is(&t[k + 1], "==") ||
						   is(&t[k + 1], "!=")))) {
				use_add(m, target, fi, U_OTHER, "comparison", w);
			} else {
				use_add(m, target, fi, U_OTHER, "expression", w);
			}
			free(w);
		}
	}
}

void scan_bodies(struct model *m)
{
	const struct walker w = { .stmt = top_stmt, .table = top_table };
	size_t i;

	for (i = 0; i < m->nsrc; i++)
		walk(m, i, &w);
	for (i = 0; i < m->nfn; i++)
		if (m->fn[i].src != NONE)
			body(m, i);
}
