// SPDX-License-Identifier: GPL-2.0
// Mutant schemata of a slow-path source file, after the fault model of Rio
// and Nooks (SWIFI) at source level. The rules only match: each match is a
// mutant with a stable id (operator:function:line:column of the original)
// and an edit of the original text; the finalizer writes the schemata file
// (every edit at once, nested where sites nest) and the list of mutants.
// Run by faultinject/mutate/generate, which sets:
//   MUT_SRC       the file given to spatch (the only file mutated)
//   MUT_OUT       the schemata file to write
//   MUT_MANIFEST  the list: index, id, operator, function, line, column,
//                 description (tab-separated)
//   MUT_SKIP      functions not to mutate (space-separated)
// pcnet32/mutant.h defines the PCNET32_MUT_* macros the edits use.

@initialize:python@
@@
import os

SRC = os.environ["MUT_SRC"]
SKIP = set(os.environ.get("MUT_SKIP", "").split())
TEXT = open(SRC).read()
LINES = TEXT.split("\n")
STARTS = [0]
for l in LINES:
    STARTS.append(STARTS[-1] + len(l) + 1)
# operators in the order they nest when two edit the same text (outer first)
PRIO = ["stmt", "dst", "branch", "invert", "loop", "swap", "src", "arg", "over",
        "obo", "init", "alloc", "ptr", "idx", "lock"]
edits = []   # (start, end, prio, parts): parts are strings or (start, end)
sites = []   # (key, op, function, line, column, description)
seen = set()

def off(line, col):
    return STARTS[int(line) - 1] + int(col)

def span(p):
    return (off(p[0].line, p[0].column), off(p[0].line_end, p[0].column_end))

def text(sp):
    return " ".join(TEXT[sp[0]:sp[1]].split())

def ours(p):
    """a match in the file mutated (not in a header), in a function not skipped"""
    return (os.path.basename(p[0].file) == os.path.basename(SRC) and
            p[0].current_element not in SKIP)

def add(op, p, desc):
    """a new site; its key (the id) from the original text, or None if known"""
    key = "%s:%s:%s:%s" % (op, p[0].current_element, p[0].line, p[0].column)
    if key in seen:
        return None
    seen.add(key)
    sites.append([key, op, p[0].current_element, p[0].line, p[0].column, desc])
    return "@%d@" % (len(sites) - 1)

def declared(sp):
    """the text at sp is a declarator (T x = E), not an assignment"""
    i = sp[0]
    while i > 0 and TEXT[i - 1] in " \t\n*":
        i -= 1
    if i > 0 and TEXT[i - 1] == ",":
        return True   # a second declarator (or a comma expression: left alone)
    j = i
    while j > 0 and (TEXT[j - 1].isalnum() or TEXT[j - 1] == "_"):
        j -= 1
    return i > j and TEXT[j:i] not in ("else", "do")

def call_span(p):
    """a call's text, from its function's name to the closing parenthesis"""
    i = TEXT.index("(", off(p[0].line, p[0].column))
    depth, q = 0, None
    while i < len(TEXT):
        ch = TEXT[i]
        if q:
            if ch == "\\":
                i += 1
            elif ch == q:
                q = None
        elif ch in "\"'":
            q = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return (off(p[0].line, p[0].column), i + 1)
        i += 1
    raise Exception("no end of the call at %s:%s" % (p[0].line, p[0].column))

SCALARS = ("char", "short", "int", "long", "unsigned", "unsigned char",
           "unsigned short", "unsigned int", "unsigned long", "bool",
           "size_t", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64")

def edit(op, sp, parts):
    edits.append((sp[0], sp[1], PRIO.index(op), parts))

// ---- obo: a comparison off by one (< <= > >=) ----
@obo@
expression E1, E2;
binary operator b = {<, <=, >, >=};
position p1, p2;
@@
E1@p1 b E2@p2

@script:python@
p1 << obo.p1;
p2 << obo.p2;
b << obo.b;
@@
if ours(p1):
    b = b.strip()
    a, c = span(p1), span(p2)
    nb = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}[b]
    mac = {"<": "LT", "<=": "LE", ">": "GT", ">=": "GE"}[b]
    n = add("obo", p1, "%s %s %s becomes %s %s %s" % (text(a), b, text(c), text(a), nb, text(c)))
    if n:
        edit("obo", (a[0], c[1]), ["PCNET32_MUT_%s(%s, " % (mac, n), a, ", ", c, ")"])

// ---- invert, branch: an if's condition inverted; the branch deleted ----
@cond@
expression C;
statement S;
position p, pc;
@@
if@p (C@pc) S

@script:python@
p << cond.p;
pc << cond.pc;
@@
c = span(pc)
if ours(p) and not text(c).startswith("pcnet32_fault_point("):
    ni = add("invert", p, "if (%s) becomes if (!(%s))" % (text(c), text(c)))
    nb = add("branch", p, "if (%s): the branch is always taken" % text(c))
    if ni and nb:
        edit("invert", c, ["PCNET32_MUT_IF(%s, %s, " % (ni, nb), c, ")"])

// ---- loop: a loop's condition inverted ----
@loop@
expression E1, C, E2;
statement S;
position p, pc;
@@
(
for@p (E1; C@pc; E2) S
|
while@p (C@pc) S
)

@script:python@
p << loop.p;
pc << loop.pc;
@@
c = span(pc)
if ours(p):
    n = add("loop", p, "loop condition %s inverted" % text(c))
    if n:
        edit("loop", c, ["PCNET32_MUT_NOT(%s, " % n, c, ")"])

// ---- stmt: an expression statement deleted (calls and assignments) ----
@stmt@
expression E;
position p;
@@
E@p;

@script:python@
p << stmt.p;
@@
e = span(p)
if ours(p) and not text(e).startswith("pcnet32_fault_point("):
    n = add("stmt", p, "statement %s; deleted" % text(e))
    if n:
        edit("stmt", e, ["PCNET32_MUT_SKIP(%s, " % n, e, ")"])

// ---- dst, src: an assignment stores to the wrong place; its value corrupt ----
@dst@
expression X, E;
position p, px, pe;
@@
X@px =@p E@pe

@script:python@
p << dst.p;
px << dst.px;
pe << dst.pe;
@@
if ours(p) and not declared(span(px)):
    x, e = span(px), span(pe)
    n = add("dst", px, "%s = %s stores to the wrong place (%s keeps its value)" % (text(x), text(e), text(x)))
    if n:
        edit("dst", (x[0], e[1]), ["PCNET32_MUT_DST(%s, " % n, x, ", ", e, ")"])

@src@
typedef u8, u16, u32, u64, s32;
{char, short, int, long, unsigned char, unsigned short, unsigned int,
 unsigned long, u8, u16, u32, u64, s32} E;
expression X;
assignment operator a;
position p, pe;
@@
X a@p E@pe

@script:python@
p << src.p;
pe << src.pe;
@@
if ours(p):
    e = span(pe)
    n = add("src", pe, "the value %s stored with one bit flipped" % text(e))
    if n:
        edit("src", e, ["PCNET32_MUT_FLIP(%s, " % n, e, ")"])

// ---- init: a local variable left uninitialized ----
@init@
type T;
identifier x;
expression E;
position p, pe;
@@
T x@p = E@pe;

@script:python@
T << init.T;
x << init.x;
p << init.p;
pe << init.pe;
@@
t = " ".join(T.split())
if ours(p) and (t.endswith("*") or t in SCALARS):
    e = span(pe)
    n = add("init", p, "%s %s = %s: left uninitialized (junk)" % (t, x, text(e)))
    if n:
        edit("init", e, ["PCNET32_MUT_INIT(%s, %s, " % (n, t), e, ")"])

// ---- arg: a wrong argument (an integer argument with one bit flipped) ----
@arg@
{char, short, int, long, unsigned char, unsigned short, unsigned int,
 unsigned long, u8, u16, u32, u64, s32} A;
identifier f;
expression list es1, es2;
position pf, pa;
@@
f@pf(es1, A@pa, es2)

@script:python@
f << arg.f;
pf << arg.pf;
pa << arg.pa;
@@
if ours(pf) and f != "pcnet32_fault_point" and not f.startswith("PCNET32_") and f not in ("sizeof", "ARRAY_SIZE"):
    a = span(pa)
    n = add("arg", pa, "argument %s of %s() with one bit flipped" % (text(a), f))
    if n:
        edit("arg", a, ["PCNET32_MUT_FLIP(%s, " % n, a, ")"])

// ---- swap: two adjacent arguments of the same type swapped ----
@swap@
type T;
T A, B;
identifier f;
expression list es1, es2;
position pf, pa, pb;
@@
f@pf(es1, A@pa, B@pb, es2)

@script:python@
f << swap.f;
pf << swap.pf;
pa << swap.pa;
pb << swap.pb;
@@
a, b = span(pa), span(pb)
if ours(pf) and f != "pcnet32_fault_point" and not f.startswith("PCNET32_") and text(a) != text(b):
    c = call_span(pf)
    n = add("swap", pa, "arguments %s and %s of %s() swapped" % (text(a), text(b), f))
    if n:
        edit("swap", c, ["PCNET32_MUT_SEL(%s, " % n, (c[0], a[0]), b, (a[1], b[0]), a,
                         (b[1], c[1]), ", ", c, ")"])

// ---- over: a copy's length too long ----
@over@
expression D, S, L;
identifier f = {memcpy, memset, strscpy, strncpy, memmove};
position p, pl;
@@
f@p(D, S, L@pl)

@script:python@
f << over.f;
p << over.p;
pl << over.pl;
@@
if ours(p):
    l = span(pl)
    n = add("over", pl, "%s() length %s too long by 64 bytes" % (f, text(l)))
    if n:
        edit("over", l, ["PCNET32_MUT_OVER(%s, " % n, l, ", PCNET32_MUT_OVER_BYTES)"])

@overbulk@
expression B, SP, R, L, W;
position p, pl;
@@
pcnet32_batch_bulk@p(B, SP, R, L@pl, W)

@script:python@
p << overbulk.p;
pl << overbulk.pl;
@@
if ours(p):
    l = span(pl)
    n = add("over", pl, "bulk read of %s registers too long by 8 words" % text(l))
    if n:
        edit("over", l, ["PCNET32_MUT_OVER(%s, " % n, l, ", PCNET32_MUT_OVER_WORDS)"])

// ---- alloc: an allocation fails ----
@alloc@
expression list es;
identifier f = {kmalloc, kzalloc, kcalloc, kmalloc_array, vmalloc, vzalloc,
                malloc, calloc, realloc, strdup};
position p;
@@
f@p(es)

@script:python@
f << alloc.f;
p << alloc.p;
@@
if ours(p):
    c = call_span(p)
    n = add("alloc", p, "%s() fails" % f)
    if n:
        edit("alloc", c, ["PCNET32_MUT_ALLOC(%s, " % n, c, ")"])

// ---- lock: a lock/unlock pair removed (both calls, one mutant) ----
@lock@
expression L;
expression list es1, es2;
identifier lk = {spin_lock, spin_lock_irq, spin_lock_irqsave, spin_lock_bh,
                 mutex_lock, pthread_mutex_lock};
identifier un = {spin_unlock, spin_unlock_irq, spin_unlock_irqrestore,
                 spin_unlock_bh, mutex_unlock, pthread_mutex_unlock};
position p1, p2;
@@
lk@p1(L, es1);
...
un@p2(L, es2);

@script:python@
lk << lock.lk;
p1 << lock.p1;
p2 << lock.p2;
@@
if ours(p1):
    n = add("lock", p1, "%s() and its unlock removed" % lk)
    if n:
        for q in (call_span(p1), call_span(p2)):
            edit("lock", q, ["PCNET32_MUT_SKIP(%s, " % n, q, ")"])

// ---- ptr, idx: a pointer corrupted before ->; an index one past ----
@ptr@
expression E;
identifier fld;
position p;
@@
E@p->fld

@script:python@
p << ptr.p;
@@
if ours(p):
    e = span(p)
    n = add("ptr", p, "pointer %s corrupted (one bit flipped)" % text(e))
    if n:
        edit("ptr", e, ["PCNET32_MUT_PTR(%s, " % n, e, ")"])

@idx@
expression E, I;
position p, pi;
@@
E@p[I@pi]

@script:python@
p << idx.p;
pi << idx.pi;
@@
if ours(p):
    i = span(pi)
    n = add("idx", pi, "index %s one past" % text(i))
    if n:
        edit("idx", i, ["PCNET32_MUT_IDX(%s, " % n, i, ")"])

@finalize:python@
@@
import re, sys

# sites in the original's order, numbered from 1: the mutants' indexes
order = sorted(range(len(sites)), key=lambda i: (int(sites[i][3]), int(sites[i][4]), sites[i][1]))
number = {}
for k, i in enumerate(order):
    number["@%d@" % i] = str(k + 1)

def fill(s):
    return re.sub(r"@\d+@", lambda m: number[m.group(0)], s)

ed = sorted(edits, key=lambda e: (e[0], -e[1], e[2]))

def render(s, e, skip):
    out, pos = [], s
    for i, x in enumerate(ed):
        if i in skip or x[0] < pos or x[1] > e or x[0] < s:
            continue
        out.append(TEXT[pos:x[0]])
        for part in x[3]:
            out.append(fill(part) if isinstance(part, str) else render(part[0], part[1], skip | {i}))
        pos = x[1]
    out.append(TEXT[pos:e])
    return "".join(out)

schemata = render(0, len(TEXT), frozenset())
with open(os.environ["MUT_OUT"], "w") as f:
    f.write("/* generated by faultinject/mutate/generate from %s: do not edit */\n" % os.path.basename(SRC))
    f.write('#include "mutant.h"\n')
    f.write("#line 1 \"%s\"\n" % SRC)
    f.write(schemata)
with open(os.environ["MUT_MANIFEST"], "w") as f:
    f.write("index\tid\toperator\tfunction\tline\tcolumn\tdescription\n")
    for k, i in enumerate(order):
        s = sites[i]
        f.write("%d\t%s\t%s\t%s\t%s\t%s\t%s\n" % (k + 1, s[0], s[1], s[2], s[3], s[4], s[5]))
