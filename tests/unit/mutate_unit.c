// SPDX-License-Identifier: GPL-2.0
/*
 * The mutant schemata (faultinject/mutate/, pcnet32/mutant.h) on the
 * fixture tests/unit/data/mutate-fixture.c, which make generates into
 * build/tests/mutate/ as it generates slow.c's:
 *
 *  - the list names every site by operator, function, line and column of
 *    the original, as tests/unit/data/mutate-fixture.tsv says;
 *  - disarmed, the schemata computes what the original computes;
 *  - armed with one mutant (kind mutant, every execution), that site
 *    fires and what the fixture returns changes (or the process dies, as
 *    a bug may make it), each mutant in a child process of its own; but
 *    for the two the fixture names as equivalent, which change nothing;
 *  - traced (mutant 0), every site the fixture runs is recorded and none
 *    fires.
 *
 * The daemon's side of the fault plan is used (fault-user.c, in the test
 * binary through fault_points_unit.c): the control file is mapped as
 * pcnet32d maps it, and armed as fault-arm arms it.
 */
#include "mutate-fixture.c"

#include "harness.h"

#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault-ctl.h"
#include "fault-user.h"

#define MU_RESULTS	11
#define MU_MAX		128

static char mu_path[64];
static struct pcnet32_fault_shm *mu_ctl;

/* every fixture function on fixed inputs */
static void mu_run(u32 *r)
{
	struct fx_pair p = { 1, 2 };

	r[0] = fx_count(4, 7);
	r[1] = fx_choose(6);
	r[2] = fx_choose(2);
	r[3] = fx_init();
	r[4] = fx_store(p);
	r[5] = fx_index(2);
	r[6] = fx_call();
	r[7] = fx_copy();
	r[8] = fx_alloc();
	r[9] = fx_locked();
	r[10] = fx_choose(5);
}

/* what the original fixture returns for mu_run()'s inputs */
static const u32 mu_want[MU_RESULTS] = { 8, 10, 20, 3, 9, 4, 5, 209, 1, 1, 20 };

static void mu_arm_seed(u32 mutant, u64 seed)
{
	CU_ASSERT_EQUAL_FATAL(pcnet32_fault_ctl_lock(mu_ctl, 1, 100), 0);
	__atomic_store_n(&mu_ctl->armed, 0, __ATOMIC_RELEASE);
	pcnet32_fault_plan_init(&mu_ctl->plan);
	mu_ctl->plan.op = PCNET32_OP_GET_DRVINFO;
	mu_ctl->plan.kind = PCNET32_FAULT_MUTANT;
	mu_ctl->plan.mutant = mutant;
	mu_ctl->plan.times = -1;
	mu_ctl->plan.seed = seed;
	memset(&mu_ctl->count, 0, sizeof(mu_ctl->count));
	memset(mu_ctl->mut_seen, 0, sizeof(mu_ctl->mut_seen));
	CU_ASSERT_EQUAL(pcnet32_fault_plan_check(&mu_ctl->plan), 0);
	__atomic_store_n(&mu_ctl->armed, 1, __ATOMIC_RELEASE);
	pcnet32_fault_ctl_unlock(mu_ctl);
}

static void mu_arm(u32 mutant)
{
	mu_arm_seed(mutant, 11);
}

static void mu_off(void)
{
	__atomic_store_n(&mu_ctl->armed, 0, __ATOMIC_RELEASE);
}

static int mu_init(void)
{
	int fd;

	snprintf(mu_path, sizeof(mu_path), "/tmp/mutate_unit.%d", (int)getpid());
	fd = open(mu_path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return 1;
	close(fd);
	setenv(PCNET32_FAULT_FILE_ENV, mu_path, 1);
	if (pcnet32d_fault_setup(-1))
		return 1;
	mu_ctl = pcnet32_fault_ctl_map(mu_path, NULL, 0);
	return mu_ctl ? 0 : 1;
}

static int mu_clean(void)
{
	void *m = mmap(&pcnet32_fault_page, PCNET32_FAULT_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (mu_ctl)
		munmap(mu_ctl, PCNET32_FAULT_PAGE);
	unlink(mu_path);
	unsetenv(PCNET32_FAULT_FILE_ENV);
	return m == MAP_FAILED;
}

/* the number of mutants in the generated list (its rows but the header) */
static int mu_count(void)
{
	char path[4096], line[1024];
	int n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/build/tests/mutate/mutants.tsv", th_root());
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n;
}

static void test_list(void)
{
	char cmd[8192];
	struct th_result r;

	snprintf(cmd, sizeof(cmd), "diff '%s/tests/unit/data/mutate-fixture.tsv' "
		 "'%s/build/tests/mutate/mutants.tsv'", th_root(), th_root());
	th_sh(&r, 10, cmd);
	CU_ASSERT_EQUAL(r.status, 0);
	if (r.status)
		fprintf(stderr, "mutants.tsv differs from the expected list:\n%s\n", r.out);
	th_free(&r);
	CU_ASSERT(mu_count() > 40 && mu_count() < MU_MAX);
}

static void test_disarmed(void)
{
	u32 r[MU_RESULTS];
	int i;

	mu_off();
	mu_run(r);
	for (i = 0; i < MU_RESULTS; i++)
		CU_ASSERT_EQUAL(r[i], mu_want[i]);
}

/*
 * One mutant in a child, with one seed: its results through a pipe, or its
 * death. 1: the mutant fired and changed a result or killed the child; 0:
 * it fired and changed nothing; -1: it never fired.
 */
static int mu_try_seed(u32 mutant, u64 seed)
{
	u32 r[MU_RESULTS];
	int fd[2], st, i, same = 1;
	ssize_t n;
	pid_t pid;

	if (pipe(fd))
		return -2;
	mu_arm_seed(mutant, seed);
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		alarm(5);
		mu_run(r);
		n = write(fd[1], r, sizeof(r));
		_exit(n == sizeof(r) ? 0 : 3);
	}
	close(fd[1]);
	n = read(fd[0], r, sizeof(r));
	close(fd[0]);
	waitpid(pid, &st, 0);
	mu_off();
	if (mu_ctl->count.fired == 0)
		return -1;
	if (n != sizeof(r) || !WIFEXITED(st) || WEXITSTATUS(st))
		return 1;
	for (i = 0; i < MU_RESULTS; i++)
		same &= r[i] == mu_want[i];
	return !same;
}

/*
 * A value flipped in one bit of its type may flip a bit the code never
 * looks at (a high bit of memset's byte): a mutant counts as changing a
 * result if it does for one of 16 seeds (16 bits drawn).
 */
static int mu_try(u32 mutant)
{
	int t = -2, seed;

	for (seed = 11; seed < 27 && t != 1; seed++)
		t = mu_try_seed(mutant, (u64)seed);
	return t;
}

/* the fixture's equivalent mutants: they fire and nothing it returns shows it */
static const char *const mu_equivalent[] = {
	"statement free(m); deleted",				/* a leak */
	"statement pthread_mutex_unlock(&fx_mutex); deleted",	/* only a later caller waits */
};

/* mutant m's description from the generated list, or "" */
static void mu_desc(int m, char *d, size_t len)
{
	char path[4096], line[1024], *c;
	int i, k = -1;
	FILE *f;

	*d = '\0';
	snprintf(path, sizeof(path), "%s/build/tests/mutate/mutants.tsv", th_root());
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && ++k < m)
		;
	fclose(f);
	if (k != m)
		return;
	line[strcspn(line, "\n")] = '\0';
	for (c = line, i = 0; i < 6 && c; i++) {
		c = strchr(c, '\t');
		if (c)
			c++;
	}
	if (c)
		snprintf(d, len, "%s", c);
}

static void test_every_mutant(void)
{
	int n = mu_count(), m, t, changed = 0, equivalent = 0;
	char d[512];
	size_t e;

	CU_ASSERT_FATAL(n > 0);
	for (m = 1; m <= n; m++) {
		int eq = 0, want;

		mu_desc(m, d, sizeof(d));
		for (e = 0; e < sizeof(mu_equivalent) / sizeof(mu_equivalent[0]); e++)
			eq |= !strcmp(d, mu_equivalent[e]);
		want = eq ? 0 : 1;
		t = mu_try((u32)m);
		if (t != want)
			fprintf(stderr, "mutant %d (%s): %s\n", m, d,
				t == -1 ? "never fired" : t == 0 ? "changed nothing" :
				t == 1 ? "changed a result" : "no child");
		CU_ASSERT_EQUAL(t, want);
		changed += t == 1;
		equivalent += eq;
	}
	CU_ASSERT_EQUAL(equivalent, 2);
	CU_ASSERT_EQUAL(changed, n - 2);
	/* a mutant not in the schemata never fires */
	CU_ASSERT_EQUAL(mu_try_seed((u32)n + 1, 11), -1);
}

static void test_trace(void)
{
	u32 r[MU_RESULTS];
	int n = mu_count(), m, seen = 0, i;

	mu_arm(0);
	mu_run(r);
	for (m = 1; m <= n; m++)
		seen += !!(mu_ctl->mut_seen[m / 8] & (1U << (m % 8)));
	CU_ASSERT_EQUAL(seen, n);
	CU_ASSERT_EQUAL(mu_ctl->count.fired, 0);
	mu_off();
	for (i = 0; i < MU_RESULTS; i++)
		CU_ASSERT_EQUAL(r[i], mu_want[i]);
}

static void test_macros(void)
{
	u32 x = 0x1234, *p = &x;

	mu_arm(7);
	/* another site: unchanged; the armed site: one bit of 48 flipped */
	CU_ASSERT_PTR_EQUAL(PCNET32_MUT_PTR(6, p), p);
	CU_ASSERT_PTR_NOT_EQUAL(PCNET32_MUT_PTR(7, p), p);
	CU_ASSERT_EQUAL(__builtin_popcountll((uintptr_t)PCNET32_MUT_PTR(7, p) ^ (uintptr_t)p), 1);
	CU_ASSERT(((uintptr_t)PCNET32_MUT_PTR(7, p) ^ (uintptr_t)p) < (1ULL << 48));
	CU_ASSERT_EQUAL(__builtin_popcount(PCNET32_MUT_FLIP(7, x) ^ x), 1);
	CU_ASSERT_EQUAL(PCNET32_MUT_FLIP(6, x), x);
	CU_ASSERT_EQUAL(PCNET32_MUT_OVER(7, 8, 64), 72);
	CU_ASSERT_EQUAL(PCNET32_MUT_IDX(7, 3), 4);
	CU_ASSERT(PCNET32_MUT_ALLOC(7, p) == NULL);
	mu_off();
	CU_ASSERT_PTR_EQUAL(PCNET32_MUT_PTR(7, p), p);
	CU_ASSERT_EQUAL(PCNET32_MUT_OVER(7, 8, 64), 8);
}

static CU_TestInfo mu_tests[] = {
	{ "the list names every site of the fixture as expected", test_list },
	{ "disarmed, the schemata computes what the original does", test_disarmed },
	{ "each mutant fires and changes a result", test_every_mutant },
	{ "mutant 0 traces every site and fires none", test_trace },
	{ "the value macros corrupt only when their site fires", test_macros },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "mutants: schemata", mu_init, mu_clean, mu_tests);
