/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The campaign's shards, as its list tools (trial-list.c, mutant-list.c)
 * take them on their command line: "I/N", shard I of N (0 <= I < N <=
 * 1000), whole numbers and nothing after them.
 */
#ifndef FAULTINJECT_CAMPAIGN_SHARD_H
#define FAULTINJECT_CAMPAIGN_SHARD_H

#include <errno.h>
#include <stdlib.h>

/* "I/N" -> shard; 0 ok */
static inline int campaign_parse_shard(const char *s, long *i, long *n)
{
	char *end;

	errno = 0;
	*i = strtol(s, &end, 10);
	if (errno || end == s || *end != '/')
		return -1;
	s = end + 1;
	*n = strtol(s, &end, 10);
	if (errno || end == s || *end || *n < 1 || *n > 1000 || *i < 0 ||
	    *i >= *n)
		return -1;
	return 0;
}

#endif
