// SPDX-License-Identifier: GPL-2.0
/*
 * What reached a caller, against the op's clean answer: correct, error
 * (an errno other than the clean one) or wrong (another value), and
 * whether a wrong answer came with a success status, so that nothing
 * told the caller it was wrong (silent). Pure: the host's unit tests
 * include this file.
 */
#include <string.h>

#include "trial.h"

int same_answer(const struct answer *a, const struct answer *b)
{
	return a->err == b->err && a->len == b->len &&
	       !memcmp(a->data, b->data, a->len);
}

const char *answer_outcome(const struct answer *a, const struct answer *clean)
{
	if (same_answer(a, clean))
		return "correct";
	if (a->err && a->err != clean->err)
		return "error";
	/* success where the clean call failed is a wrong answer too */
	return "wrong";
}

/* another value than the clean one, with a success status */
int answer_silent(const struct answer *a, const struct answer *clean)
{
	return !same_answer(a, clean) && a->err == 0;
}
