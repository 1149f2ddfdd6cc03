// SPDX-License-Identifier: GPL-2.0
/*
 * fault-arm: arm one fault in the slow path of whichever pcnet32 build is
 * loaded (the interface: faultinject/README.md; the points:
 * pcnet32/fault.h). The in-kernel build keeps its plan in debugfs
 * (/sys/kernel/debug/pcnet32-fault/), the split build in the daemon's
 * control file (/run/pcnet32d.fault, driver-split/daemon/fault-ctl.h).
 *
 *   fault-arm OP KIND [--at entry|mid] [--interval N] [--probability PCT]
 *             [--times K] [--seed S] [--ms MS]
 *   fault-arm --off | --show | --list-ops | --list-kinds
 *
 * Exit status: 0 done, 2 bad usage, 1 failure (no driver, ...).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arm-args.h"
#include "fault-ctl.h"
#include "pcnet32_upcall.h"

#define FAULT_ARM_DEBUGFS	"/sys/kernel/debug/pcnet32-fault"
#define FAULT_ARM_UPCALL	"/dev/" PCNET32U_DEVNAME "0"
#define FAULT_ARM_DEADLINE	"/sys/module/pcnet32/parameters/upcall_timeout_ms"
/* the split build's default deadline, when the module does not say */
#define FAULT_ARM_DEADLINE_MS	2000
/* how long to wait for the daemon to let go of the control file's lock */
#define FAULT_ARM_LOCK_MS	2000

enum fault_arm_build { BUILD_NONE, BUILD_INKERNEL, BUILD_SPLIT };

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fault-arm OP KIND [--at entry|mid] [--interval N] [--probability PCT]\n"
		"                 [--times K] [--seed S] [--ms MS] [--mutant N]\n"
		"       fault-arm --off | --show | --seen | --list-ops | --list-kinds\n"
		"  Arms one fault in the pcnet32 slow path of the loaded build (in-kernel:\n"
		"  %s; split: %s).\n"
		"  Defaults: --at entry --interval 1 --probability 100 --times 1 --seed 0,\n"
		"  --ms 5 x the upcall deadline. --times -1: no limit.\n"
		"  Kind mutant: --mutant N fires site N of the schemata build\n"
		"  (build/mutants/mutants.tsv) wherever it runs; --mutant 0 fires nothing\n"
		"  and records the sites reached, which --seen prints.\n",
		FAULT_ARM_DEBUGFS, pcnet32_fault_ctl_path());
}

static int is_dir(const char *p)
{
	struct stat sb;

	return !stat(p, &sb) && S_ISDIR(sb.st_mode);
}

/* in-kernel: the module's debugfs; split: its upcall node or a plan */
static enum fault_arm_build detect(void)
{
	if (is_dir(FAULT_ARM_DEBUGFS))
		return BUILD_INKERNEL;
	if (!access(FAULT_ARM_UPCALL, F_OK) || !access(pcnet32_fault_ctl_path(), F_OK))
		return BUILD_SPLIT;
	return BUILD_NONE;
}

/* 5 x the split build's upcall deadline (the in-kernel build has none) */
static uint32_t default_ms(void)
{
	unsigned long long ms = FAULT_ARM_DEADLINE_MS;
	FILE *f = fopen(FAULT_ARM_DEADLINE, "r");

	if (f) {
		if (fscanf(f, "%llu", &ms) != 1)
			ms = FAULT_ARM_DEADLINE_MS;
		fclose(f);
	}
	ms *= 5;
	return ms > PCNET32_FAULT_MS_MAX ? PCNET32_FAULT_MS_MAX : (uint32_t)ms;
}

/* ---- in-kernel: debugfs ---------------------------------------------- */

static int dfs_write(const char *knob, const char *val)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", FAULT_ARM_DEBUGFS, knob);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "fault-arm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = write(fd, val, strlen(val));
	if (n != (ssize_t)strlen(val)) {
		fprintf(stderr, "fault-arm: writing '%s' to %s: %s\n", val, path,
			n < 0 ? strerror(errno) : "short write");
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int dfs_read(const char *knob, char *buf, size_t len)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", FAULT_ARM_DEBUGFS, knob);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "fault-arm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0) {
		fprintf(stderr, "fault-arm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int inkernel_arm(const struct pcnet32_fault_plan *p)
{
	char v[9][32];

	snprintf(v[0], sizeof(v[0]), "%s", pcnet32_fault_op_name(p->op));
	snprintf(v[1], sizeof(v[1]), "%s", pcnet32_fault_kind_name(p->kind));
	snprintf(v[2], sizeof(v[2]), "%s", pcnet32_fault_at_name(p->at));
	snprintf(v[3], sizeof(v[3]), "%u", p->interval);
	snprintf(v[4], sizeof(v[4]), "%u", p->probability);
	snprintf(v[5], sizeof(v[5]), "%d", p->times);
	snprintf(v[6], sizeof(v[6]), "%" PRIu64, (uint64_t)p->seed);
	snprintf(v[7], sizeof(v[7]), "%u", p->ms);
	snprintf(v[8], sizeof(v[8]), "%u", p->mutant);
	/* knobs are writable only while disarmed: disarm first, arm last */
	if (dfs_write("armed", "0") || dfs_write("op", v[0]) || dfs_write("kind", v[1]) ||
	    dfs_write("at", v[2]) || dfs_write("interval", v[3]) ||
	    dfs_write("probability", v[4]) || dfs_write("times", v[5]) ||
	    dfs_write("seed", v[6]) || dfs_write("ms", v[7]) ||
	    dfs_write("mutant", v[8]) || dfs_write("armed", "1"))
		return 1;
	return 0;
}

static int inkernel_show(void)
{
	static const char *const knobs[] = {
		"armed", "op", "kind", "at", "interval", "probability", "times",
		"seed", "ms", "mutant", "calls", "fired",
	};
	char val[64];
	size_t i;

	printf("build=inkernel");
	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		if (dfs_read(knobs[i], val, sizeof(val)))
			return 1;
		printf(" %s=%s", knobs[i], val);
	}
	printf("\n");
	return 0;
}

/* the sites a trace (kind mutant, mutant 0) reached: copied as they are */
static int inkernel_seen(void)
{
	char path[128], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/mutants-seen", FAULT_ARM_DEBUGFS);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "fault-arm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			break;
	close(fd);
	if (n < 0) {
		fprintf(stderr, "fault-arm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

/* ---- split: the daemon's control file ------------------------------- */

static struct pcnet32_fault_shm *ctl_open(int create)
{
	const char *path = pcnet32_fault_ctl_path();
	struct pcnet32_fault_shm *s = pcnet32_fault_ctl_map(path, NULL, create);

	if (!s) {
		if (errno != ENOENT || create)
			fprintf(stderr, "fault-arm: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (pcnet32_fault_ctl_lock(s, (uint32_t)getpid(), FAULT_ARM_LOCK_MS)) {
		fprintf(stderr, "fault-arm: %s: locked by pid %u\n", path,
			__atomic_load_n(&s->lock, __ATOMIC_RELAXED));
		return NULL;
	}
	pcnet32_fault_ctl_format(s);
	return s;
}

/*
 * under the lock; the daemon never sees a half-written plan. Arming
 * starts a trace afresh, as the kernel's build does: the sites reached
 * are those since this plan.
 */
static void ctl_set(struct pcnet32_fault_shm *s, const struct pcnet32_fault_plan *p,
		    int armed)
{
	__atomic_store_n(&s->armed, 0, __ATOMIC_RELEASE);
	s->plan = *p;
	memset(&s->count, 0, sizeof(s->count));
	if (armed)
		memset(s->mut_seen, 0, sizeof(s->mut_seen));
	__atomic_store_n(&s->armed, armed, __ATOMIC_RELEASE);
	pcnet32_fault_ctl_unlock(s);
}

static int split_arm(const struct pcnet32_fault_plan *p)
{
	struct pcnet32_fault_shm *s = ctl_open(1);

	if (!s)
		return 1;
	ctl_set(s, p, 1);
	return 0;
}

static int split_off(void)
{
	struct pcnet32_fault_plan p;
	struct pcnet32_fault_shm *s;

	s = ctl_open(0);
	if (!s)
		/* no control file: nothing was ever armed */
		return errno == ENOENT ? 0 : 1;
	pcnet32_fault_plan_init(&p);
	ctl_set(s, &p, 0);
	return 0;
}

static const char *or_number(const char *name, uint32_t v, char *buf, size_t len)
{
	if (name)
		return name;
	snprintf(buf, len, "?%u", v);
	return buf;
}

static int split_show(void)
{
	struct pcnet32_fault_shm *s = ctl_open(0), snap;
	char b[3][16];

	if (!s && errno != ENOENT)
		return 1;
	if (s) {
		snap = *s;
		pcnet32_fault_ctl_unlock(s);
	} else {
		memset(&snap, 0, sizeof(snap));
		pcnet32_fault_plan_init(&snap.plan);
	}
	/* the daemon can write the file too: print what is there, names or not */
	printf("build=split armed=%u op=%s kind=%s at=%s interval=%u probability=%u "
	       "times=%d seed=%" PRIu64 " ms=%u mutant=%u calls=%" PRIu64 " fired=%" PRIu64 "\n",
	       snap.armed ? 1U : 0U,
	       snap.plan.op ? or_number(pcnet32_fault_op_name(snap.plan.op), snap.plan.op,
					b[0], sizeof(b[0])) : "none",
	       or_number(pcnet32_fault_kind_name(snap.plan.kind), snap.plan.kind, b[1],
			 sizeof(b[1])),
	       or_number(pcnet32_fault_at_name(snap.plan.at), snap.plan.at, b[2], sizeof(b[2])),
	       snap.plan.interval, snap.plan.probability, snap.plan.times,
	       (uint64_t)snap.plan.seed, snap.plan.ms, snap.plan.mutant,
	       (uint64_t)snap.count.calls,
	       (uint64_t)snap.count.fired);
	return 0;
}

static int split_seen(void)
{
	static struct pcnet32_fault_shm snap;
	struct pcnet32_fault_shm *s = ctl_open(0);
	unsigned int n;

	if (!s)
		return errno == ENOENT ? 0 : 1;
	snap = *s;
	pcnet32_fault_ctl_unlock(s);
	for (n = 1; n < PCNET32_MUT_MAX; n++)
		if (snap.mut_seen[n / 8] & (1U << (n % 8)))
			printf("%u\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	struct fault_arm_args a;
	enum fault_arm_build b;
	char err[256];
	int i;

	if (fault_arm_parse(argc, argv, &a, err, sizeof(err))) {
		fprintf(stderr, "fault-arm: %s\n", err);
		return 2;
	}
	switch (a.cmd) {
	case FAULT_ARM_HELP:
		usage(stdout);
		return 0;
	case FAULT_ARM_LIST_OPS:
		for (i = 0; i < PCNET32_OP_MAX; i++)
			if (pcnet32_fault_op_name((uint32_t)i))
				printf("%s\n", pcnet32_fault_op_name((uint32_t)i));
		return 0;
	case FAULT_ARM_LIST_KINDS:
		for (i = 1; i < PCNET32_FAULT_KIND_MAX; i++)
			printf("%s\n", pcnet32_fault_kind_name((uint32_t)i));
		return 0;
	default:
		break;
	}
	b = detect();
	if (b == BUILD_NONE) {
		fprintf(stderr, "fault-arm: no pcnet32 build with fault points is loaded "
			"(neither %s nor %s)\n", FAULT_ARM_DEBUGFS, FAULT_ARM_UPCALL);
		return 1;
	}
	switch (a.cmd) {
	case FAULT_ARM_ARM:
		if (!a.ms_given)
			a.plan.ms = default_ms();
		return b == BUILD_INKERNEL ? inkernel_arm(&a.plan) : split_arm(&a.plan);
	case FAULT_ARM_OFF:
		return b == BUILD_INKERNEL ? dfs_write("armed", "0") != 0 : split_off();
	case FAULT_ARM_SHOW:
		return b == BUILD_INKERNEL ? inkernel_show() : split_show();
	case FAULT_ARM_SEEN:
		return b == BUILD_INKERNEL ? inkernel_seen() : split_seen();
	default:
		return 2;
	}
}
