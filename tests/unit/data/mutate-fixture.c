// SPDX-License-Identifier: GPL-2.0
/*
 * The mutant generator's test input (tests/unit/mutate_unit.c): small
 * functions that between them give every operator of
 * faultinject/mutate/schemata.cocci a site, written so that a mutant
 * changes what they return for the test's inputs, except two that are
 * equivalent here by nature (a leak, and an unlock left out that only a
 * later caller would meet). No pointer is dereferenced
 * through ->, so the ptr operator has no site here (it is checked on its
 * macro alone).
 */
#include "compat.h"

#include <pthread.h>
#include <stdlib.h>

struct fx_pair {
	u32 a;
	u32 b;
};

static u32 fx_count(u32 n, u32 i)
{
	u32 c;

	c = 0;
	for (i = 0; i < n; i++)
		c += 2;
	return c;
}

static u32 fx_choose(u32 x)
{
	if (x > 5)
		return 10;
	return 20;
}

static u32 fx_init(void)
{
	u32 v = 3;

	return v;
}

static u32 fx_store(struct fx_pair p)
{
	p.a = 7;
	return p.a + p.b;
}

static const u32 fx_arr[5] = { 1, 2, 4, 8, 16 };

static u32 fx_index(u32 i)
{
	return fx_arr[i];
}

static u32 fx_add(u32 a, u32 b)
{
	return a * 3 + b;
}

static u32 fx_call(void)
{
	return fx_add(1, 2);
}

static const u8 fx_src[128] = { [0 ... 127] = 1 };

static u32 fx_copy(void)
{
	u8 buf[128];
	u32 i, n;

	memset(buf, 3, sizeof(buf));
	memset(buf, 0, 60);
	memcpy(buf, fx_src, 8);
	n = 0;
	for (i = 0; i < 127; i++)
		n += buf[i];
	return n;
}

static u32 fx_alloc(void)
{
	void *m;

	m = malloc(16);
	if (!m)
		return 99;
	free(m);
	return 1;
}

static pthread_mutex_t fx_mutex = PTHREAD_MUTEX_INITIALIZER;

static u32 fx_locked(void)
{
	u32 held;

	pthread_mutex_lock(&fx_mutex);
	held = pthread_mutex_trylock(&fx_mutex) != 0;
	pthread_mutex_unlock(&fx_mutex);
	return held;
}
