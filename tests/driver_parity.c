// SPDX-License-Identifier: GPL-2.0
/*
 * Parity of our driver (inkernel build) with the stock pcnet32.ko: the
 * same ethtool and MII ioctl commands (driver-inkernel/pcnet32-parity, run
 * in the guest) must print the same bytes on both, except for what
 * tests/parity-exceptions.txt allows, each with its reason.
 *
 * Each driver is booted once; the suite compares the script's sections.
 */
#include "harness.h"

#include <CUnit/CUnit.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DP_MAX_CSR 128
#define DP_MAX_BCR 64
#define DP_MAX_LINES 16

static char *dp_out[2];		/* 0: stock, 1: inkernel */
static int dp_status[2];
static int dp_ran[2];
static unsigned char dp_exc_csr[DP_MAX_CSR], dp_exc_bcr[DP_MAX_BCR];
static char *dp_exc_line[DP_MAX_LINES];
static int dp_n_line, dp_n_reg, dp_exc_ok;

static const char *const dp_driver[2] = { "stock", "inkernel" };

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

	snprintf(name, sizeof(name), "parity-%s", dp_driver[i]);
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
				dp_driver[i], r.status, r.err);
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
				dp_driver[i], r.status, r.err);
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

static int dp_init(void)
{
	dp_load_exceptions();
	dp_collect(0);
	dp_collect(1);
	return 0;
}

static int dp_clean(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		free(dp_out[i]);
		dp_out[i] = NULL;
	}
	for (i = 0; i < dp_n_line; i++)
		free(dp_exc_line[i]);
	dp_n_line = 0;
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
		 section, dp_driver[i]);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* compare one section of both drivers after masking */
static void dp_compare(const char *section)
{
	char *s, *o, *ns, *no;

	CU_ASSERT_FATAL(dp_ran[0] && dp_ran[1]);
	s = dp_section(dp_out[0], section);
	o = dp_section(dp_out[1], section);
	CU_ASSERT_PTR_NOT_NULL(s);
	CU_ASSERT_PTR_NOT_NULL(o);
	if (!s || !o) {
		free(s);
		free(o);
		return;
	}
	ns = dp_normalize(s);
	no = dp_normalize(o);
	dp_save(section, 0, ns);
	dp_save(section, 1, no);
	if (strcmp(ns, no)) {
		const char *a = ns, *b = no;

		while (*a && *a == *b) {
			a++;
			b++;
		}
		while (a > ns && a[-1] != '\n') {
			a--;
			b--;
		}
		fprintf(stderr, "\nparity %s differs (build/tests/parity/%s.*):\n"
			"  stock:    %.120s\n  inkernel: %.120s\n", section, section,
			a, b);
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

#define DP_T(fn, sec) static void fn(void) { dp_compare(sec); }
DP_T(t_eth0, "eth0")
DP_T(t_drvinfo, "drvinfo")
DP_T(t_ring, "ring")
DP_T(t_dump, "dump")
DP_T(t_dump_raw, "dump-raw")
DP_T(t_test, "test")
DP_T(t_test_online, "test-online")
DP_T(t_dump_after_test, "dump-after-test")
DP_T(t_msglvl, "msglvl")
DP_T(t_phys_id, "phys-id")
DP_T(t_nway, "nway-reset")
DP_T(t_mii, "mii")
DP_T(t_stats, "stats")
DP_T(t_features, "features")
DP_T(t_link, "link-settings")
DP_T(t_bad_ring, "bad-ring")
DP_T(t_bad_phys_id, "bad-phys-id")
DP_T(t_bad_link, "bad-link")
DP_T(t_ring_set, "ring-set")
DP_T(t_ring_zero, "ring-zero")
DP_T(t_ring_round, "ring-round")
DP_T(t_dump_final, "dump-final")
DP_T(t_down, "down")
DP_T(t_down_test, "down-test")
DP_T(t_down_raw, "down-raw")
DP_T(t_up_again, "up-again")

static CU_TestInfo dp_tests[] = {
	{ "exceptions file: entries with reasons", t_exceptions },
	{ "both drivers ran the script; ours without oops/WARN", t_ran },
	{ "ours: self-test passes, dump decodes, drvinfo", t_sanity },
	{ "ethtool eth0", t_eth0 },
	{ "ethtool -i", t_drvinfo },
	{ "ethtool -g", t_ring },
	{ "ethtool -d (decoded)", t_dump },
	{ "ethtool -d raw on", t_dump_raw },
	{ "ethtool -t", t_test },
	{ "ethtool -t online", t_test_online },
	{ "ethtool -d after -t", t_dump_after_test },
	{ "ethtool -s msglvl V, ethtool eth0", t_msglvl },
	{ "ethtool -p eth0 1, LEDs restored", t_phys_id },
	{ "ethtool -r", t_nway },
	{ "MII ioctls", t_mii },
	{ "ethtool -S", t_stats },
	{ "ethtool -k", t_features },
	{ "ethtool -s duplex/port/autoneg", t_link },
	{ "bad input: -G beyond maximum", t_bad_ring },
	{ "bad input: -p 0 and large", t_bad_phys_id },
	{ "bad input: unsupported link settings", t_bad_link },
	{ "ethtool -G rx N tx M, -g", t_ring_set },
	{ "ethtool -G zero, -g", t_ring_zero },
	{ "ethtool -G rounding, -g", t_ring_round },
	{ "ethtool -d at the end", t_dump_final },
	{ "interface down: ethtool eth0, -d", t_down },
	{ "interface down: -t, -d", t_down_test },
	{ "interface down: -d raw", t_down_raw },
	{ "interface up again", t_up_again },
	CU_TEST_INFO_NULL,
};

TH_SUITE(lab, "inkernel: parity with the stock driver", dp_init, dp_clean,
	 dp_tests);
