// SPDX-License-Identifier: GPL-2.0
/*
 * Parity of our driver (inkernel build) with the stock pcnet32.ko: the
 * same ethtool and MII ioctl commands (driver-inkernel/pcnet32-parity, run
 * in the guest) must print the same bytes on both, except for what
 * tests/parity-exceptions.txt allows, each with its reason.
 *
 * And the paper's section 6.2 correctness test: the split build prints
 * what the inkernel build prints, for the same commands, under the same
 * masking (only the register words that change by themselves differ).
 *
 * Each driver is booted once; the suites compare the script's sections.
 */
#include "harness.h"

#include <CUnit/CUnit.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DP_MAX_CSR 128
#define DP_MAX_BCR 64
#define DP_MAX_LINES 16

#define DP_STOCK	0
#define DP_INKERNEL	1
#define DP_SPLIT	2
#define DP_SPLIT_DIRECT	3	/* the split build, its daemon with direct ports */
#define DP_N		4

static char *dp_out[DP_N];
static int dp_status[DP_N];
static int dp_ran[DP_N];
static unsigned char dp_exc_csr[DP_MAX_CSR], dp_exc_bcr[DP_MAX_BCR];
static char *dp_exc_line[DP_MAX_LINES];
static int dp_n_line, dp_n_reg, dp_exc_ok;

static const char *const dp_driver[DP_N] = { "stock", "inkernel", "split", "split" };
static const char *const dp_label[DP_N] = { "stock", "inkernel", "split", "split-direct" };

static int dp_lab(struct th_result *r, int timeout, const char *const argv[])
{
	return th_run(r, timeout, argv);
}

/* boot a driver, run the parity script, shut the guest down */
static void dp_collect(int i)
{
	char name[32];
	struct th_result r;
	const char *lab = th_path("vm/lab");

	/* unique per run: others may run the lab suites in the same tree */
	snprintf(name, sizeof(name), "pty-%s-%d", dp_label[i], (int)getpid());
	{
		const char *down[] = { lab, "down", "--name", name, NULL };

		dp_lab(&r, 60, down);
		th_free(&r);
	}
	{
		const char *up[] = { lab, "up", "--driver", dp_driver[i], "--name",
				     name, NULL };

		dp_lab(&r, 300, up);
		if (r.status != 0) {
			fprintf(stderr, "parity: booting %s failed (%d): %s\n",
				dp_label[i], r.status, r.err);
			th_free(&r);
			return;
		}
		th_free(&r);
	}
	if (i == DP_SPLIT_DIRECT) {
		const char *direct[] = { lab, "exec", "--name", name, "--", "sh", "-c",
					 "/lab/driver/daemon-stop && "
					 "PCNET32D_ARGS='--ports direct' /lab/driver/daemon-start && "
					 "grep -q 'ports .* direct' /var/log/pcnet32d.log", NULL };

		dp_lab(&r, 60, direct);
		if (r.status != 0) {
			fprintf(stderr, "parity: the direct-ports daemon did not start (%d): %s\n",
				r.status, r.err);
			th_free(&r);
			return;
		}
		th_free(&r);
	}
	{
		const char *ex[] = { lab, "exec", "--name", name, "--timeout", "600",
				     "--", "pcnet32-parity", NULL };

		dp_lab(&r, 700, ex);
		dp_out[i] = strdup(r.out);
		dp_status[i] = r.status;
		dp_ran[i] = 1;
		if (r.status != 0)
			fprintf(stderr, "parity: %s script status %d: %s\n",
				dp_label[i], r.status, r.err);
		th_free(&r);
	}
	{
		const char *down[] = { lab, "down", "--name", name, NULL };

		dp_lab(&r, 60, down);
		th_free(&r);
	}
}

static int dp_reg_lookup(const char *name, int *is_bcr, int *num)
{
	if (!strncmp(name, "CSR", 3))
		*is_bcr = 0;
	else if (!strncmp(name, "BCR", 3))
		*is_bcr = 1;
	else
		return -1;
	if (!isdigit((unsigned char)name[3]))
		return -1;
	*num = atoi(name + 3);
	if (*num < 0 || *num >= (*is_bcr ? DP_MAX_BCR : DP_MAX_CSR))
		return -1;
	return 0;
}

static void dp_load_exceptions(void)
{
	FILE *f = fopen(th_path("tests/parity-exceptions.txt"), "r");
	char line[512];

	if (!f)
		return;
	dp_exc_ok = 1;
	while (fgets(line, sizeof(line), f)) {
		char kind[16], what[64], *reason;
		int n = 0, is_bcr, num;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%15s %63s %n", kind, what, &n) != 2) {
			dp_exc_ok = 0;
			continue;
		}
		reason = line + n;
		if (strlen(reason) < 5)
			dp_exc_ok = 0;	/* every entry needs its reason */
		if (!strcmp(kind, "line") && dp_n_line < DP_MAX_LINES) {
			dp_exc_line[dp_n_line++] = strdup(what);
		} else if (!strcmp(kind, "reg") &&
			   !dp_reg_lookup(what, &is_bcr, &num)) {
			if (is_bcr)
				dp_exc_bcr[num] = 1;
			else
				dp_exc_csr[num] = 1;
			dp_n_reg++;
		} else {
			dp_exc_ok = 0;
		}
	}
	fclose(f);
}

/* boot a driver and run the script, once per test run */
static void dp_need(int i)
{
	static int loaded;

	if (!loaded) {
		dp_load_exceptions();
		loaded = 1;
	}
	if (!dp_ran[i])
		dp_collect(i);
}

static int dp_init(void)
{
	dp_need(DP_STOCK);
	dp_need(DP_INKERNEL);
	return 0;
}

static int dp_split_init(void)
{
	dp_need(DP_INKERNEL);
	dp_need(DP_SPLIT);
	return 0;
}

static int dp_direct_init(void)
{
	dp_need(DP_INKERNEL);
	dp_need(DP_SPLIT_DIRECT);
	return 0;
}

/* the text of section NAME of an output, malloc'd; NULL if absent */
static char *dp_section(const char *out, const char *name)
{
	char hdr[64];
	const char *p, *e;
	size_t hl;

	if (!out)
		return NULL;
	snprintf(hdr, sizeof(hdr), "=== %s\n", name);
	hl = strlen(hdr);
	p = out;
	while ((p = strstr(p, hdr))) {
		if (p == out || p[-1] == '\n')
			break;
		p += hl;
	}
	if (!p)
		return NULL;
	p += hl;
	e = strstr(p, "\n=== ");
	if (!e)
		e = p + strlen(p);
	else
		e++;
	return strndup(p, e - p);
}

/* a growing output buffer */
struct dp_buf {
	char *s;
	size_t len, cap;
};

static void dp_put(struct dp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL,
			      b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (b->s && (size_t)n < b->cap - b->len)
			break;
		b->cap = b->cap * 2 + n + 256;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	b->len += n;
}

static int dp_reg_masked(int is_bcr, int num)
{
	if (is_bcr)
		return num >= 0 && num < DP_MAX_BCR && dp_exc_bcr[num];
	return num >= 0 && num < DP_MAX_CSR && dp_exc_csr[num];
}

/* register of word i of the raw dump; -1 if none (APROM, PHY) */
static int dp_raw_reg(int i, int *is_bcr)
{
	*is_bcr = 0;
	if (i < 8)
		return -1;
	if (i < 98)
		return i - 8;
	if (i == 98)
		return 112;
	if (i == 99)
		return 114;
	if (i < 136) {
		*is_bcr = 1;
		return i - 100;
	}
	return -1;
}

static int dp_is_hex_bytes(const char *l)
{
	int n = 0;

	while (*l) {
		while (*l == ' ')
			l++;
		if (!*l)
			break;
		if (!isxdigit((unsigned char)l[0]) || !isxdigit((unsigned char)l[1]) ||
		    (l[2] && l[2] != ' '))
			return 0;
		l += 2;
		n++;
	}
	return n > 0;
}

static void dp_flush_raw(struct dp_buf *b, unsigned char *bytes, int *nb)
{
	int i, is_bcr, reg;

	for (i = 0; i + 1 < *nb; i += 2) {
		reg = dp_raw_reg(i / 2, &is_bcr);
		if (reg >= 0 && dp_reg_masked(is_bcr, reg))
			dp_put(b, "xxxx%s", (i / 2) % 8 == 7 ? "\n" : " ");
		else
			dp_put(b, "%02x%02x%s", bytes[i + 1], bytes[i],
			       (i / 2) % 8 == 7 ? "\n" : " ");
	}
	if (*nb % 2)
		dp_put(b, "odd byte count %d\n", *nb);
	else if ((*nb / 2) % 8)
		dp_put(b, "\n");
	*nb = 0;
}

/* the hex table of the decoded dump: "CSR00:   007b  a000 ..." */
static int dp_table_line(struct dp_buf *b, const char *l)
{
	char label[8], tok[16];
	int is_bcr, num, k = 0, n, reg;
	const char *p;

	if (sscanf(l, "%7[A-Z]%n", label, &n) != 1 || strlen(label) != 3 ||
	    (strcmp(label, "CSR") && strcmp(label, "BCR")) ||
	    !isdigit((unsigned char)l[3]) || !isdigit((unsigned char)l[4]) ||
	    l[5] != ':')
		return 0;
	is_bcr = !strcmp(label, "BCR");
	num = (l[3] - '0') * 10 + (l[4] - '0');
	dp_put(b, "%.6s", l);
	for (p = l + 6; sscanf(p, "%15s%n", tok, &n) == 1; p += n, k++) {
		if (!is_bcr && num == 88)
			reg = k == 0 ? 88 : k == 1 ? 89 : k == 2 ? 112 : 114;
		else
			reg = num + k;
		dp_put(b, " %s", dp_reg_masked(is_bcr, reg) ? "xxxx" : tok);
	}
	dp_put(b, "\n");
	return 1;
}

/* a decoded line: "CSR0:   Status and Control         0x007b" */
static int dp_decoded_line(struct dp_buf *b, const char *l, int *mask_detail)
{
	const char *x = strrchr(l, ' ');
	int is_bcr, num;
	char name[16];

	if (!x || strncmp(x, " 0x", 3) || sscanf(l, "%15[A-Z0-9]", name) != 1 ||
	    dp_reg_lookup(name, &is_bcr, &num) || l[strlen(name)] != ':')
		return 0;
	if (!dp_reg_masked(is_bcr, num))
		return 0;
	dp_put(b, "%.*s 0x****\n", (int)(x - l), l);
	*mask_detail = 1;
	return 1;
}

/* the output with what the exceptions allow masked, malloc'd */
static char *dp_normalize(const char *text)
{
	struct dp_buf b = { 0 };
	unsigned char bytes[4096];
	int nb = 0, mask_detail = 0, i;
	char *copy = strdup(text), *save = NULL, *l;

	for (l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		const char *t = l;

		if (dp_is_hex_bytes(l)) {
			while (*t && nb < (int)sizeof(bytes)) {
				unsigned int v;
				int n;

				if (sscanf(t, " %2x%n", &v, &n) != 1)
					break;
				bytes[nb++] = v;
				t += n;
			}
			continue;
		}
		if (nb)
			dp_flush_raw(&b, bytes, &nb);
		if (mask_detail && !strncmp(l, "  ", 2)) {
			dp_put(&b, "  *\n");
			continue;
		}
		mask_detail = 0;
		while (*t == ' ' || *t == '\t')
			t++;
		for (i = 0; i < dp_n_line; i++)
			if (!strncmp(t, dp_exc_line[i], strlen(dp_exc_line[i])))
				break;
		if (i < dp_n_line) {
			dp_put(&b, "%.*s%s *\n", (int)(t - l), l, dp_exc_line[i]);
			continue;
		}
		if (dp_table_line(&b, l) || dp_decoded_line(&b, l, &mask_detail))
			continue;
		dp_put(&b, "%s\n", l);
	}
	if (nb)
		dp_flush_raw(&b, bytes, &nb);
	free(copy);
	if (!b.s)
		dp_put(&b, "%s", "");
	return b.s;
}

static void dp_save(const char *section, int i, const char *text)
{
	char path[512];
	FILE *f;

	mkdir(th_path("build/tests"), 0755);
	mkdir(th_path("build/tests/parity"), 0755);
	snprintf(path, sizeof(path), "%s/%s.%s", th_path("build/tests/parity"),
		 section, dp_label[i]);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* compare one section of drivers a and b after masking */
static void dp_compare(const char *section, int a, int b)
{
	char *s, *o, *ns, *no;

	CU_ASSERT_FATAL(dp_ran[a] && dp_ran[b]);
	s = dp_section(dp_out[a], section);
	o = dp_section(dp_out[b], section);
	CU_ASSERT_PTR_NOT_NULL(s);
	CU_ASSERT_PTR_NOT_NULL(o);
	if (!s || !o) {
		free(s);
		free(o);
		return;
	}
	ns = dp_normalize(s);
	no = dp_normalize(o);
	dp_save(section, a, ns);
	dp_save(section, b, no);
	if (strcmp(ns, no)) {
		const char *x = ns, *y = no;

		while (*x && *x == *y) {
			x++;
			y++;
		}
		while (x > ns && x[-1] != '\n') {
			x--;
			y--;
		}
		fprintf(stderr, "\nparity %s differs (build/tests/parity/%s.*):\n"
			"  %-9s %.120s\n  %-9s %.120s\n", section, section,
			dp_label[a], x, dp_label[b], y);
	}
	CU_ASSERT_STRING_EQUAL(ns, no);
	free(s);
	free(o);
	free(ns);
	free(no);
}

static void t_exceptions(void)
{
	CU_ASSERT(dp_exc_ok);
	CU_ASSERT(dp_n_line >= 1);
	CU_ASSERT(dp_n_reg >= 1);
	/* the masking works: a masked register word never compares */
	CU_ASSERT(dp_exc_csr[0] && !dp_exc_csr[15] && !dp_exc_bcr[2]);
}

static void t_ran(void)
{
	CU_ASSERT_FATAL(dp_ran[0] && dp_ran[1]);
	/* ours: no oops, no WARN (the lab's status 242), script ran through */
	CU_ASSERT_EQUAL(dp_status[1], 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(dp_out[1], "=== end\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(dp_out[0], "=== end\n"));
	/*
	 * The stock driver WARNs on ring resizing (dma_free_attrs with
	 * interrupts off), which the lab reports as 242: allowed for it only.
	 */
	CU_ASSERT(dp_status[0] == 0 || dp_status[0] == 242);
}

static void t_sanity(void)
{
	char *t = dp_section(dp_out[1], "test");
	char *d = dp_section(dp_out[1], "dump");
	char *i = dp_section(dp_out[1], "drvinfo");

	CU_ASSERT(t && strstr(t, "The test result is PASS"));
	CU_ASSERT(d && strstr(d, "PCnet/PCI II 79C970A"));
	CU_ASSERT(i && strstr(i, "driver: pcnet32\n"));
	CU_ASSERT(i && strstr(i, "version: 1.0-ours\n"));
	free(t);
	free(d);
	free(i);
}

/* the script's sections: test function suffix, section, what it runs */
#define DP_SECTIONS(X)							\
	X(eth0, "eth0", "ethtool eth0")					\
	X(drvinfo, "drvinfo", "ethtool -i")				\
	X(ring, "ring", "ethtool -g")					\
	X(dump, "dump", "ethtool -d (decoded)")			\
	X(dump_raw, "dump-raw", "ethtool -d raw on")			\
	X(test, "test", "ethtool -t")					\
	X(test_online, "test-online", "ethtool -t online")		\
	X(dump_after_test, "dump-after-test", "ethtool -d after -t")	\
	X(msglvl, "msglvl", "ethtool -s msglvl V, ethtool eth0")	\
	X(phys_id, "phys-id", "ethtool -p eth0 1, LEDs restored")	\
	X(nway, "nway-reset", "ethtool -r")				\
	X(mii, "mii", "MII ioctls")					\
	X(stats, "stats", "ethtool -S")					\
	X(features, "features", "ethtool -k")				\
	X(link, "link-settings", "ethtool -s duplex/port/autoneg")	\
	X(link_persist, "link-persist",					\
	  "port and duplex survive an rx-mode change and a ring resize") \
	X(bad_ring, "bad-ring", "bad input: -G beyond maximum")	\
	X(bad_phys_id, "bad-phys-id", "bad input: -p 0 and large")	\
	X(bad_link, "bad-link", "bad input: unsupported link settings") \
	X(ring_set, "ring-set", "ethtool -G rx N tx M, -g")		\
	X(ring_zero, "ring-zero", "ethtool -G zero, -g")		\
	X(ring_round, "ring-round", "ethtool -G rounding, -g")		\
	X(dump_final, "dump-final", "ethtool -d at the end")		\
	X(down, "down", "interface down: ethtool eth0, -d")		\
	X(down_test, "down-test", "interface down: -t, -d")		\
	X(down_raw, "down-raw", "interface down: -d raw")		\
	X(up_again, "up-again", "interface up again")

/*
 * t_*: stock against inkernel; s_*: inkernel against split; d_*: inkernel
 * against split with direct ports
 */
#define DP_T(fn, sec, what)						\
	static void t_##fn(void) { dp_compare(sec, DP_STOCK, DP_INKERNEL); } \
	static void s_##fn(void) { dp_compare(sec, DP_INKERNEL, DP_SPLIT); } \
	static void d_##fn(void) { dp_compare(sec, DP_INKERNEL, DP_SPLIT_DIRECT); }
DP_SECTIONS(DP_T)
#undef DP_T
#define DP_T_INFO(fn, sec, what)	{ what, t_##fn },
#define DP_S_INFO(fn, sec, what)	{ what, s_##fn },
#define DP_D_INFO(fn, sec, what)	{ what, d_##fn },

static CU_TestInfo dp_tests[] = {
	{ "exceptions file: entries with reasons", t_exceptions },
	{ "both drivers ran the script; ours without oops/WARN", t_ran },
	{ "ours: self-test passes, dump decodes, drvinfo", t_sanity },
	DP_SECTIONS(DP_T_INFO)
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "inkernel: parity with the stock driver", dp_init, NULL,
	 dp_tests);

static void s_ran(void)
{
	CU_ASSERT_FATAL(dp_ran[DP_INKERNEL] && dp_ran[DP_SPLIT]);
	/* the split build: no oops, no WARN, the script ran through */
	CU_ASSERT_EQUAL(dp_status[DP_SPLIT], 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(dp_out[DP_SPLIT], "=== end\n"));
}

static CU_TestInfo dp_split_tests[] = {
	{ "the split build ran the script without oops/WARN", s_ran },
	DP_SECTIONS(DP_S_INFO)
	CU_TEST_INFO_NULL,
};

/* the paper's section 6.2: the same results with and without factorization */
TH_SUITE(lab, "split: parity with the inkernel build", dp_split_init, NULL,
	 dp_split_tests);

static void d_ran(void)
{
	CU_ASSERT_FATAL(dp_ran[DP_INKERNEL] && dp_ran[DP_SPLIT_DIRECT]);
	CU_ASSERT_EQUAL(dp_status[DP_SPLIT_DIRECT], 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(dp_out[DP_SPLIT_DIRECT], "=== end\n"));
}

static CU_TestInfo dp_direct_tests[] = {
	{ "the split build with direct ports ran the script without oops/WARN", d_ran },
	DP_SECTIONS(DP_D_INFO)
	CU_TEST_INFO_NULL,
};

/* the same with the paper's direct port access (pcnet32d --ports direct) */
TH_SUITE(lab, "split with direct ports: parity with the inkernel build",
	 dp_direct_init, NULL, dp_direct_tests);
