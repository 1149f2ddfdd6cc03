// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's state around a trial: its taint, the split build's channel
 * counters (debugfs pcnet32-upcall0/counters), and the NIC's debugfs
 * directory pcnet32-<PCI address>/: the register programs' counters per
 * op (regaccess) and the fast-path holds. Each counter is zeroed or read
 * at the trial's start and read at its end.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trial.h"

#define SAMPLES "/sys/kernel/debug/pcnet32-upcall0/samples"
#define COUNTERS "/sys/kernel/debug/pcnet32-upcall0/counters"
#define DEBUGFS "/sys/kernel/debug"

unsigned long read_taint(void)
{
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");
	unsigned long t = 0;

	if (f) {
		if (fscanf(f, "%lu", &t) != 1)
			t = 0;
		fclose(f);
	}
	return t;
}

/*
 * The split build's counters, the counters file: one "name value" a line,
 * read by name (counter()). Writing the samples file zeroes them (and
 * drops the samples, which keeps the file small): a trial zeroes them at
 * its start and reads its own counts at its end.
 */
void reset_counters(void)
{
	FILE *f = fopen(SAMPLES, "w");

	if (f) {
		fputs("0\n", f);
		fclose(f);
	}
}

void read_counters(struct counters *c)
{
	FILE *f = fopen(COUNTERS, "r");
	char line[128], name[24];
	unsigned long long v;

	c->n = 0;
	if (!f)
		return;
	while (c->n < MAX_COUNTERS && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%23s %llu", name, &v) != 2)
			continue;
		snprintf(c->name[c->n], sizeof(c->name[0]), "%s", name);
		c->v[c->n++] = v;
	}
	fclose(f);
}

unsigned long long counter(const struct counters *c, const char *name)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->name[i], name))
			return c->v[i];
	return 0;
}

/* debugfs pcnet32-<PCI address>/ of the NIC ("" when there is none) */
static char nic_dbg[300];

void find_nic_debugfs(void)
{
	DIR *d = opendir(DEBUGFS);
	struct dirent *e;

	if (!d)
		return;
	/* pcnet32-0000:00:03.0, not pcnet32-upcall0, -repair0 or -fault */
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "pcnet32-", 8) && strchr(e->d_name, ':')) {
			snprintf(nic_dbg, sizeof(nic_dbg), DEBUGFS "/%s", e->d_name);
			break;
		}
	closedir(d);
}

void regaccess_reset(void)
{
	char path[340];
	FILE *f;

	if (!*nic_dbg)
		return;
	snprintf(path, sizeof(path), "%s/regaccess", nic_dbg);
	f = fopen(path, "w");
	if (f) {
		fputs("0\n", f);
		fclose(f);
	}
}

void regaccess_read(struct regstat *s)
{
	unsigned long long op, v[6];
	char path[340], line[256];
	FILE *f;

	memset(s, 0, sizeof(*s));
	if (!*nic_dbg)
		return;
	snprintf(path, sizeof(path), "%s/regaccess", nic_dbg);
	f = fopen(path, "r");
	if (!f)
		return;
	/* "op programs accesses refused malformed hold_max_ns hold_total_ns" */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llu %llu %llu %llu %llu %llu %llu", &op, &v[0],
			   &v[1], &v[2], &v[3], &v[4], &v[5]) != 7)
			continue;
		s->programs += v[0];
		s->accesses += v[1];
		s->refused += v[2];
		s->malformed += v[3];
		if (v[4] > s->hold_max_ns)
			s->hold_max_ns = v[4];
		s->hold_total_ns += v[5];
	}
	s->ok = 1;
	fclose(f);
}

/* the kernel's fast-path holds so far (-1: no such counter) */
long long fastpath_holds(void)
{
	char path[340];
	long long n = -1;
	FILE *f;

	if (!*nic_dbg)
		return -1;
	snprintf(path, sizeof(path), "%s/fastpath_holds", nic_dbg);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%lld", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}
