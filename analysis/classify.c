// SPDX-License-Identifier: GPL-2.0
/*
 * From call sites and function uses to a graph with roots, then the class
 * of every function. The rules are documented in analysis/README.md.
 */
#include "candidates.h"

#include <stdlib.h>
#include <string.h>

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* ---- roots --------------------------------------------------------------- */

struct rootrule {
	const char *name;   /* field, registration function or macro */
	enum rootkind kind;
	bool atomic;
	const char *why;    /* why the context is atomic */
};

static const struct rootrule ndo_rules[] = {
	{ "ndo_start_xmit", RK_HOT, true, "transmit runs with BH disabled and the tx queue lock held" },
	{ "ndo_select_queue", RK_HOT, true, "called on every transmit" },
	{ "ndo_features_check", RK_HOT, true, "called on every transmit" },
	{ "ndo_poll_controller", RK_HOT, true, "netpoll calls it with interrupts off" },
	{ "ndo_xdp_xmit", RK_HOT, true, "XDP transmit" },
	{ "ndo_tx_timeout", RK_KERNEL, true, "the netdev watchdog timer calls it in softirq context with the tx lock held" },
	{ "ndo_set_rx_mode", RK_SLOW, true, "called with netif_addr_lock_bh held" },
	{ "ndo_set_multicast_list", RK_SLOW, true, "called with netif_addr_lock_bh held" },
	{ "ndo_change_rx_flags", RK_SLOW, true, "called with netif_addr_lock_bh held" },
	{ "ndo_get_stats", RK_SLOW, true, "dev_get_stats() may be called under rcu_read_lock (e.g. /proc/net/dev)" },
	{ "ndo_get_stats64", RK_SLOW, true, "dev_get_stats() may be called under rcu_read_lock (e.g. /proc/net/dev)" },
	{ "ndo_open", RK_CONFIG, false, NULL },
	{ "ndo_stop", RK_CONFIG, false, NULL },
	{ "ndo_init", RK_CONFIG, false, NULL },
	{ "ndo_uninit", RK_CONFIG, false, NULL },
	{ NULL, RK_SLOW, false, NULL }, /* any other ndo_*: slow, process context */
};

static const char *const config_fields[] = {
	"probe", "remove", "shutdown", "suspend", "resume", "suspend_late",
	"resume_early", "freeze", "thaw", "poweroff", "restore",
	"runtime_suspend", "runtime_resume", "runtime_idle", "error_detected",
	"mmio_enabled", "slot_reset", "reset_prepare", "reset_done", NULL
};
static const char *const config_types[] = {
	"pci_driver", "dev_pm_ops", "pci_error_handlers", "platform_driver",
	NULL
};

static const struct rootrule reg_rules[] = {
	{ "request_irq", RK_HOT, true, "interrupt handler (hard irq context)" },
	{ "request_threaded_irq", RK_HOT, true, "interrupt handler (hard irq context)" },
	{ "devm_request_irq", RK_HOT, true, "interrupt handler (hard irq context)" },
	{ "devm_request_threaded_irq", RK_HOT, true, "interrupt handler (hard irq context)" },
	{ "request_any_context_irq", RK_HOT, true, "interrupt handler" },
	{ "netif_napi_add", RK_HOT, true, "NAPI poll runs in softirq context" },
	{ "netif_napi_add_weight", RK_HOT, true, "NAPI poll runs in softirq context" },
	{ "netif_napi_add_tx", RK_HOT, true, "NAPI poll runs in softirq context" },
	{ "netif_napi_add_tx_weight", RK_HOT, true, "NAPI poll runs in softirq context" },
	{ "tasklet_setup", RK_HOT, true, "tasklets run in softirq context" },
	{ "tasklet_init", RK_HOT, true, "tasklets run in softirq context" },
	{ "timer_setup", RK_KERNEL, true, "timer callbacks run in softirq context" },
	{ "setup_timer", RK_KERNEL, true, "timer callbacks run in softirq context" },
	{ "DEFINE_TIMER", RK_KERNEL, true, "timer callbacks run in softirq context" },
	{ "hrtimer_setup", RK_KERNEL, true, "hrtimer callbacks run in hard irq context" },
	{ "INIT_WORK", RK_KERNEL, false, NULL },
	{ "INIT_DELAYED_WORK", RK_KERNEL, false, NULL },
	{ "INIT_DEFERRABLE_WORK", RK_KERNEL, false, NULL },
	{ "module_init", RK_CONFIG, false, NULL },
	{ "module_exit", RK_CONFIG, false, NULL },
	{ "late_initcall", RK_CONFIG, false, NULL },
	{ "device_initcall", RK_CONFIG, false, NULL },
	{ "subsys_initcall", RK_CONFIG, false, NULL },
	{ "SIMPLE_DEV_PM_OPS", RK_CONFIG, false, NULL },
	{ "DEFINE_SIMPLE_DEV_PM_OPS", RK_CONFIG, false, NULL },
	{ "UNIVERSAL_DEV_PM_OPS", RK_CONFIG, false, NULL },
	{ "DEFINE_RUNTIME_DEV_PM_OPS", RK_CONFIG, false, NULL },
	{ "SET_SYSTEM_SLEEP_PM_OPS", RK_CONFIG, false, NULL },
	{ "SET_RUNTIME_PM_OPS", RK_CONFIG, false, NULL },
	{ NULL, RK_HOT, false, NULL },
};

/*
 * The MII library (drivers/net/mii.c) calls back the driver through
 * struct mii_if_info: which of mdio_read / mdio_write each function uses.
 */
static const struct {
	const char *fn;
	bool rd, wr;
} mii_lib[] = {
	{ "generic_mii_ioctl", true, true },
	{ "mii_ethtool_gset", true, false },
	{ "mii_ethtool_get_link_ksettings", true, false },
	{ "mii_ethtool_sset", true, true },
	{ "mii_ethtool_set_link_ksettings", true, true },
	{ "mii_link_ok", true, false },
	{ "mii_check_link", true, false },
	{ "mii_check_media", true, false },
	{ "mii_check_gmii_support", true, false },
	{ "mii_nway_restart", true, true },
	{ NULL, false, false },
};
static const char *const mii_fields[] = { "mdio_read", "mdio_write", NULL };

static int mii_lib_find(const char *fn)
{
	int i;

	for (i = 0; mii_lib[i].fn; i++)
		if (!strcmp(mii_lib[i].fn, fn))
			return i;
	return -1;
}

const char *kind_name(enum rootkind k)
{
	static const char *const n[] = { "hot", "kernel", "slow", "config" };

	return n[k];
}

const char *cls_name(enum cls c)
{
	static const char *const n[] = { "must", "might", "stays" };

	return n[c];
}

/* Is this use of a function a root? Fill rule. */
static bool root_rule(const struct fnuse *u, struct rootrule *out)
{
	const struct rootrule *r;

	memset(out, 0, sizeof(*out));
	if (u->kind == U_FIELD) {
		const char *t = u->table_type;

		out->name = u->name;
		if (t && !strcmp(t, "ethtool_ops")) {
			out->kind = RK_SLOW;
			return true;
		}
		if ((t && !strcmp(t, "net_device_ops")) ||
		    !strncmp(u->name, "ndo_", 4)) {
			for (r = ndo_rules; r->name; r++)
				if (!strcmp(r->name, u->name))
					break;
			*out = *r;
			out->name = u->name;
			return true;
		}
		if (in_list(u->name, mii_fields)) {
			out->kind = RK_SLOW;
			return true;
		}
		if (in_list(u->name, config_fields) &&
		    (!t || in_list(t, config_types))) {
			out->kind = RK_CONFIG;
			return true;
		}
		if (!strcmp(u->name, "function")) { /* timer_list / hrtimer */
			out->kind = RK_KERNEL;
			out->atomic = true;
			out->why = "timer callbacks run in softirq or irq context";
			return true;
		}
		return false;
	}
	if (u->kind == U_ARG || u->kind == U_MACRO) {
		for (r = reg_rules; r->name; r++)
			if (!strcmp(r->name, u->name)) {
				*out = *r;
				return true;
			}
	}
	return false;
}

static const char *table_label(const struct fnuse *u)
{
	if (u->table_type)
		return u->table_type;
	if (!strncmp(u->name, "ndo_", 4))
		return "net_device_ops";
	if (in_list(u->name, mii_fields))
		return "mii_if_info";
	return NULL;
}

static void add_root(struct model *m, const struct fnuse *u,
		     const struct rootrule *rr)
{
	const char *tl = u->kind == U_FIELD ? table_label(u) : NULL;
	char *what = tl ? xasprintf("%s.%s", tl, rr->name) : xstrdup(rr->name);
	struct root *r;
	size_t i;

	for (i = 0; i < m->nr; i++)
		if (m->r[i].fn == u->fn && !strcmp(m->r[i].what, what)) {
			free(what);
			return;
		}
	r = &VEC_PUSH(m->r, m->nr, m->capr);
	r->fn = u->fn;
	r->kind = rr->kind;
	r->atomic = rr->atomic;
	r->why = rr->why ? xstrdup(rr->why) : NULL;
	r->what = what;
	r->where = u->where;
}

/* ---- edges ----------------------------------------------------------------- */

static struct edge *edge_get(struct model *m, size_t from, size_t to,
			     enum ekind kind, const char *via, bool *fresh)
{
	size_t i;
	struct edge *e;

	for (i = 0; i < m->ne; i++) {
		e = &m->e[i];
		if (e->from == from && e->to == to && e->kind == kind &&
		    (kind == E_CALL || !strcmp(e->via, via))) {
			*fresh = false;
			return e;
		}
	}
	e = &VEC_PUSH(m->e, m->ne, m->cape);
	memset(e, 0, sizeof(*e));
	e->from = from;
	e->to = to;
	e->kind = kind;
	e->via = via ? xstrdup(via) : NULL;
	*fresh = true;
	return e;
}

static void mark(struct edge *e, bool locked, const char *lock, int line)
{
	e->scan = true;
	if (!e->line)
		e->line = line;
	if (locked && !e->locked) {
		e->locked = true;
		e->lock = lock ? xstrdup(lock) : NULL;
		e->line = line;
	}
}

/*
 * A call from one file of a function defined in a header: cflow, without
 * the preprocessor, does not see the header included, and a static inline
 * function of another file is not the one called. Expected, not a note.
 */
static bool is_header_inline(const struct model *m, size_t from, size_t to)
{
	const char *f = m->fn[to].file;
	size_t n = strlen(f);

	return n > 2 && !strcmp(f + n - 2, ".h") &&
	       strcmp(f, m->fn[from].file) != 0;
}

void build_graph(struct model *m)
{
	size_t i, j;
	bool fresh;

	for (i = 0; i < m->nfn; i++) {
		if (!m->fn[i].in_cflow)
			diag(m, "%s (%s:%d): found by the scanner, not by cflow",
			     m->fn[i].name, m->fn[i].file, m->fn[i].line);
		else if (m->fn[i].src == NONE)
			diag(m, "%s (%s:%d): found by cflow, body not found by the scanner (no lock or pointer facts for it)",
			     m->fn[i].name, m->fn[i].file, m->fn[i].line);
	}

	for (i = 0; i < m->ncs; i++) {
		const struct callsite *cs = &m->cs[i];
		size_t to;
		struct edge *e;
		int lib;

		if (cs->kind == CS_DIRECT) {
			to = fn_find(m, cs->callee);
			if (to != NONE) {
				e = edge_get(m, cs->caller, to, E_CALL, NULL,
					     &fresh);
				if (fresh && cs->macro) {
					m->macro_edges++;
				} else if (fresh && is_header_inline(m, cs->caller, to)) {
					m->header_edges++;
				} else if (fresh) {
					m->scan_only_edges++;
					diag(m, "call %s -> %s (%s:%d) seen by the scanner, not by cflow",
					     m->fn[cs->caller].name, cs->callee,
					     m->src[m->fn[cs->caller].src].shown,
					     cs->line);
				}
				mark(e, cs->locked, cs->lock, cs->line);
				continue;
			}
			lib = mii_lib_find(cs->callee);
			if (lib < 0)
				continue;
			/* the MII library calls back mdio_read/mdio_write */
			for (j = 0; j < m->nu; j++) {
				const struct fnuse *u = &m->u[j];

				if (u->kind != U_FIELD ||
				    !((mii_lib[lib].rd && !strcmp(u->name, "mdio_read")) ||
				      (mii_lib[lib].wr && !strcmp(u->name, "mdio_write"))))
					continue;
				e = edge_get(m, cs->caller, u->fn, E_LIBRARY,
					     cs->callee, &fresh);
				mark(e, cs->locked, cs->lock, cs->line);
			}
		} else if (cs->kind == CS_FIELD) {
			for (j = 0; j < m->nu; j++) {
				const struct fnuse *u = &m->u[j];

				if (u->kind != U_FIELD || strcmp(u->name, cs->callee))
					continue;
				e = edge_get(m, cs->caller, u->fn, E_FIELD,
					     cs->callee, &fresh);
				mark(e, cs->locked, cs->lock, cs->line);
			}
		}
	}

	/* callbacks passed to driver functions; roots */
	for (i = 0; i < m->nu; i++) {
		const struct fnuse *u = &m->u[i];
		struct rootrule rr;
		size_t g;

		if (root_rule(u, &rr)) {
			add_root(m, u, &rr);
			continue;
		}
		if (u->kind == U_ARG && (g = fn_find(m, u->name)) != NONE &&
		    u->caller != NONE) {
			const struct func *gf = &m->fn[g];
			struct edge *e = edge_get(m, u->caller, u->fn,
						  E_CALLBACK, u->name, &fresh);
			const char *lock = u->locked ? u->lock :
					   gf->param_call_locked ? gf->lock : NULL;

			mark(e, u->locked || gf->param_call_locked, lock,
			     atoi(strrchr(u->where, ':') + 1));
			if (!gf->calls_param)
				diag(m, "%s passes %s to %s (%s), which does not call it directly: assumed to run it",
				     m->fn[u->caller].name, m->fn[u->fn].name,
				     u->name, u->where);
			continue;
		}
		if (u->kind == U_ARG)
			diag(m, "%s is passed to %s at %s: not a known registration, not modelled",
			     m->fn[u->fn].name, u->name, u->where);
		else if (u->kind == U_FIELD) {
			bool called = false;

			for (j = 0; j < m->ncs && !called; j++)
				called = m->cs[j].kind == CS_FIELD &&
					 !strcmp(m->cs[j].callee, u->name);
			if (!called)
				diag(m, "%s is stored in field %s%s%s at %s, which the driver never calls: not modelled",
				     m->fn[u->fn].name,
				     u->table_type ? u->table_type : "",
				     u->table_type ? "." : "", u->name,
				     u->where);
		} else if (u->kind == U_OTHER && strcmp(u->name, "comparison")) {
			diag(m, "%s is named in an %s at %s: not modelled",
			     m->fn[u->fn].name, u->name, u->where);
		}
	}

	/*
	 * cflow lists a function named without a call (an argument, an
	 * assignment) as if it were called. Where the scanner saw that
	 * reference, the edge is dropped: what it means is modelled above.
	 */
	for (i = j = 0; i < m->ne; i++) {
		struct edge *e = &m->e[i];
		bool ref = false;
		size_t x;

		if (e->kind == E_CALL && e->cflow && !e->scan) {
			for (x = 0; x < m->nu && !ref; x++)
				ref = m->u[x].caller == e->from &&
				      m->u[x].fn == e->to;
			if (ref) {
				m->cflow_refs++;
				continue;
			}
			m->cflow_only_edges++;
			diag(m, "call %s -> %s seen by cflow, not by the scanner (lock state unknown, taken as unlocked)",
			     m->fn[e->from].name, m->fn[e->to].name);
		}
		m->e[j++] = *e;
	}
	m->ne = j;
}

/* ---- reachability and classes ------------------------------------------------ */

struct adj {
	size_t *off; /* nfn + 1 */
	size_t *e;   /* edge indices */
};

static struct adj adj_build(const struct model *m)
{
	struct adj a;
	size_t i, *fill;

	a.off = calloc(m->nfn + 1, sizeof(size_t));
	a.e = xmalloc(sizeof(size_t) * (m->ne + 1));
	fill = calloc(m->nfn + 1, sizeof(size_t));
	if (!a.off || !fill)
		die("out of memory");
	for (i = 0; i < m->ne; i++)
		a.off[m->e[i].from + 1]++;
	for (i = 0; i < m->nfn; i++)
		a.off[i + 1] += a.off[i];
	for (i = 0; i < m->ne; i++) {
		size_t f = m->e[i].from;

		a.e[a.off[f] + fill[f]++] = i;
	}
	free(fill);
	return a;
}

/* Breadth-first from all roots of one kind, recording parents. */
static void bfs_kind(struct model *m, const struct adj *a, enum rootkind k)
{
	size_t *q = xmalloc(sizeof(size_t) * (m->nfn + 1));
	size_t head = 0, tail = 0, i;

	for (i = 0; i < m->nr; i++) {
		size_t f = m->r[i].fn;

		if (m->r[i].kind != k || m->fn[f].root[k] != NONE)
			continue;
		m->fn[f].root[k] = i;
		q[tail++] = f;
	}
	while (head < tail) {
		size_t f = q[head++], x;

		for (x = a->off[f]; x < a->off[f + 1]; x++) {
			size_t ei = a->e[x], to = m->e[ei].to;

			if (m->fn[to].root[k] != NONE)
				continue;
			m->fn[to].root[k] = m->fn[f].root[k];
			m->fn[to].par[k] = ei;
			q[tail++] = to;
		}
	}
	free(q);
}

/*
 * Atomic context from slow and configuration roots: a state is (function,
 * atomic?); an atomic root or a call with a lock held makes it atomic.
 */
static void bfs_atomic(struct model *m, const struct adj *a)
{
	size_t n = m->nfn, *q = xmalloc(sizeof(size_t) * (2 * n + 1));
	bool *seen = calloc(2 * n + 1, 1);
	size_t head = 0, tail = 0, i;

	if (!seen)
		die("out of memory");
	for (i = 0; i < m->nr; i++) {
		const struct root *r = &m->r[i];
		size_t s = r->fn * 2 + (r->atomic ? 1 : 0);

		if (r->kind != RK_SLOW && r->kind != RK_CONFIG)
			continue;
		if (seen[s])
			continue;
		seen[s] = true;
		if (r->atomic) {
			m->fn[r->fn].atomic = true;
			m->fn[r->fn].aroot = i;
			m->fn[r->fn].atomic_seed = true;
		}
		q[tail++] = s;
	}
	while (head < tail) {
		size_t s = q[head++], f = s / 2, x;
		bool at = s % 2;

		for (x = a->off[f]; x < a->off[f + 1]; x++) {
			size_t ei = a->e[x], to = m->e[ei].to;
			bool nat = at || m->e[ei].locked;
			size_t ns = to * 2 + nat;

			if (seen[ns])
				continue;
			seen[ns] = true;
			if (nat && !m->fn[to].atomic) {
				m->fn[to].atomic = true;
				m->fn[to].apar = ei;
				m->fn[to].aroot = at ? m->fn[f].aroot : NONE;
			}
			q[tail++] = ns;
		}
	}
	free(seen);
	free(q);
}

char *path_str(const struct model *m, size_t f, enum rootkind k)
{
	size_t chain[64], n = 0, i;
	struct sbuf sb = { 0 };

	while (n < 64) {
		chain[n++] = f;
		if (m->fn[f].par[k] == NONE)
			break;
		f = m->e[m->fn[f].par[k]].from;
	}
	for (i = n; i-- > 0;) {
		if (n > 5 && i < n - 2 && i > 1) {
			if (i == n - 3)
				sb_add(&sb, " → …");
			continue;
		}
		if (i != n - 1)
			sb_add(&sb, " → ");
		sb_add(&sb, m->fn[chain[i]].name);
	}
	return sb_take(&sb);
}

/* The roots (of slow/config kinds) that reach f: "ethtool_ops.get_regs, ...". */
static char *roots_str(const struct model *m, const bool *reach, size_t f,
		       enum rootkind k)
{
	struct sbuf sb = { 0 };
	size_t i, shown = 0, total = 0;

	for (i = 0; i < m->nr; i++) {
		if (m->r[i].kind != k || !reach[i * m->nfn + f])
			continue;
		total++;
		if (shown < 3) {
			sb_addf(&sb, "%s%s", shown ? ", " : "", m->r[i].what);
			shown++;
		}
	}
	if (total > shown)
		sb_addf(&sb, " and %zu more", total - shown);
	return sb_take(&sb);
}

/* The first lock / kernel-only service / device access in f's closure. */
struct closure {
	size_t lock_fn, kapi_fn, hw_fn;
};

static struct closure closure_of(const struct model *m, const struct adj *a,
				 size_t f)
{
	struct closure c = { NONE, NONE, NONE };
	size_t *q = xmalloc(sizeof(size_t) * (m->nfn + 1));
	bool *seen = calloc(m->nfn + 1, 1);
	size_t head = 0, tail = 0;

	if (!seen)
		die("out of memory");
	q[tail++] = f;
	seen[f] = true;
	while (head < tail) {
		size_t g = q[head++], x;

		if (c.lock_fn == NONE && m->fn[g].lock)
			c.lock_fn = g;
		if (c.kapi_fn == NONE && m->fn[g].kapi)
			c.kapi_fn = g;
		if (c.hw_fn == NONE && m->fn[g].hw)
			c.hw_fn = g;
		for (x = a->off[g]; x < a->off[g + 1]; x++) {
			size_t to = m->e[a->e[x]].to;

			if (!seen[to]) {
				seen[to] = true;
				q[tail++] = to;
			}
		}
	}
	free(seen);
	free(q);
	return c;
}

static char *via_fn(const struct model *m, size_t f, size_t g)
{
	return f == g ? xstrdup("") : xasprintf(" (in %s)", m->fn[g].name);
}

/* Why f is atomic: the witness from the atomic BFS. */
static char *atomic_why(const struct model *m, size_t f)
{
	const struct func *fn = &m->fn[f];

	if (fn->atomic_seed) {
		const struct root *r = &m->r[fn->aroot];

		return xasprintf("%s runs in atomic context (%s)", r->what,
				 r->why ? r->why : "atomic");
	}
	{
		/* walk back to the locked edge or the atomic root */
		size_t g = f, guard = 0;

		while (guard++ < m->nfn) {
			const struct edge *e = &m->e[m->fn[g].apar];

			if (e->locked)
				return xasprintf("called by %s with %s held",
						 m->fn[e->from].name,
						 e->lock ? e->lock : "a lock");
			g = e->from;
			if (m->fn[g].atomic_seed)
				return xasprintf("reached from %s, which runs in atomic context (%s)",
						 m->r[m->fn[g].aroot].what,
						 m->r[m->fn[g].aroot].why ?
						 m->r[m->fn[g].aroot].why : "atomic");
		}
	}
	return xstrdup("reached in atomic context");
}

void classify(struct model *m)
{
	struct adj a = adj_build(m);
	bool *reach = calloc(m->nr * m->nfn + 1, 1);
	size_t i, k, f;

	if (!reach)
		die("out of memory");
	for (f = 0; f < m->nfn; f++) {
		for (k = 0; k < RK_NKINDS; k++) {
			m->fn[f].par[k] = NONE;
			m->fn[f].root[k] = NONE;
		}
		m->fn[f].apar = m->fn[f].aroot = NONE;
	}
	for (k = 0; k < RK_NKINDS; k++)
		bfs_kind(m, &a, k);
	bfs_atomic(m, &a);

	/* which roots reach which function (for the reasons) */
	for (i = 0; i < m->nr; i++) {
		size_t *q = xmalloc(sizeof(size_t) * (m->nfn + 1));
		size_t head = 0, tail = 0;
		bool *seen = reach + i * m->nfn;

		q[tail++] = m->r[i].fn;
		seen[m->r[i].fn] = true;
		while (head < tail) {
			size_t g = q[head++], x;

			for (x = a.off[g]; x < a.off[g + 1]; x++) {
				size_t to = m->e[a.e[x]].to;

				if (!seen[to]) {
					seen[to] = true;
					q[tail++] = to;
				}
			}
		}
		free(q);
	}

	for (f = 0; f < m->nfn; f++) {
		struct func *fn = &m->fn[f];
		struct sbuf why = { 0 };
		struct closure c;
		char *s, *p;

		fn->hotpath = fn->root[RK_HOT] != NONE;
		fn->kernpath = fn->root[RK_KERNEL] != NONE;
		fn->slow = fn->root[RK_SLOW] != NONE;
		fn->config = fn->root[RK_CONFIG] != NONE;
		fn->hwnote = fn->hw ? xstrdup(fn->hw) : NULL;

		if (fn->hotpath || fn->kernpath) {
			k = fn->hotpath ? RK_HOT : RK_KERNEL;
			p = path_str(m, f, k);
			fn->cls = CL_STAYS;
			fn->reason = xasprintf("%s: %s: %s",
					       k == RK_HOT ? "hot path" :
					       "run by the kernel on its own, not on request",
					       m->r[fn->root[k]].what, p);
			free(p);
			if (fn->hotpath)
				m->stays_hot++;
			else
				m->stays_kern++;
			m->count[CL_STAYS]++;
			continue;
		}
		if (!fn->slow && !fn->config) {
			fn->cls = CL_STAYS;
			fn->reason = xstrdup("no root found reaches it (unused, or called through a pointer the tool does not follow)");
			m->stays_unreached++;
			m->count[CL_STAYS]++;
			continue;
		}

		c = closure_of(m, &a, f);
		if (!fn->hwnote && c.hw_fn != NONE)
			fn->hwnote = xasprintf("%s via %s", m->fn[c.hw_fn].hw,
					       m->fn[c.hw_fn].name);
		fn->why = (fn->config ? W_CONFIG : 0) | (fn->atomic ? W_ATOMIC : 0) |
			  (c.lock_fn != NONE ? W_LOCK : 0) |
			  (c.kapi_fn != NONE ? W_KAPI : 0);
		if (fn->atomic) {
			s = atomic_why(m, f);
			sb_addf(&why, "; runs in atomic context: %s", s);
			free(s);
		}
		if (c.lock_fn != NONE) {
			s = via_fn(m, f, c.lock_fn);
			sb_addf(&why, "; takes %s%s: needs the mutex + disable_irq rewrite to move",
				m->fn[c.lock_fn].lock, s);
			free(s);
		}
		if (c.kapi_fn != NONE) {
			s = via_fn(m, f, c.kapi_fn);
			sb_addf(&why, "; calls kernel-only %s%s", m->fn[c.kapi_fn].kapi, s);
			free(s);
		}
		if (fn->config) {
			char *r = roots_str(m, reach, f, RK_CONFIG);
			char *sl = fn->slow ? roots_str(m, reach, f, RK_SLOW) : NULL;

			fn->cls = CL_MIGHT;
			fn->reason = xasprintf("configuration path (%s)%s%s%s%s",
					       r, sl ? "; also slow path (" : "",
					       sl ? sl : "", sl ? ")" : "",
					       why.s ? why.s : "");
			free(r);
			free(sl);
		} else {
			char *r = roots_str(m, reach, f, RK_SLOW);

			fn->cls = why.s ? CL_MIGHT : CL_MUST;
			fn->reason = xasprintf("slow path only (%s)%s", r,
					       why.s ? why.s : "");
			free(r);
		}
		free(why.s);
		m->count[fn->cls]++;
	}

	/* helpers: functions that stay but that a candidate needs */
	for (f = 0; f < m->nfn; f++) {
		size_t x;

		if (m->fn[f].cls == CL_STAYS)
			continue;
		for (x = a.off[f]; x < a.off[f + 1]; x++) {
			size_t to = m->e[a.e[x]].to;

			if (m->fn[to].cls == CL_STAYS && !m->fn[to].helper) {
				m->fn[to].helper = true;
				m->nhelpers++;
			}
		}
	}
	free(reach);
	free(a.off);
	free(a.e);
}
