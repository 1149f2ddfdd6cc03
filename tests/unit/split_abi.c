// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the upcall ABI, version 4 (driver-split/uapi/
 * pcnet32_upcall.h): the structures' layout, the kernel's checks of the
 * handshake (HELLO), of the published facts (FACTS: driver-split/kernel/
 * check.c's bounds) and of FETCH's header (chan.h), the facts the daemon
 * computes with the slow-path code (they must pass the kernel's checks),
 * and pcnet32d --list-ops (contract: CSV from the op table).
 */
#include "harness.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "chan.h"
#include "check.h"
#include "dispatch.h"

#define ALL_USER_OPS	(((1ULL << PCNET32_OP_MAX) - 2) & ~(1ULL << PCNET32_OP_SELF_TEST))

static void test_layout(void)
{
	/* one layout on 32- and 64-bit: sizes multiples of 8, u64s 8-aligned */
	CU_ASSERT_EQUAL(sizeof(struct pcnet32u_hello), 608);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_hello, ops), 16);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_hello, nic), 40);
	CU_ASSERT_EQUAL(sizeof(struct pcnet32u_facts), 160);
	CU_ASSERT_EQUAL(sizeof(struct pcnet32u_fetch), 4928);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_fetch, proc_ns), 40);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_fetch, arg), 64);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_fetch, state), 64 + PCNET32U_MAX_ARG);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_reply, rep), 64);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_request, arg), 40);
	CU_ASSERT(sizeof(struct pcnet32_state) <= PCNET32U_MAX_STATE);
	/* the commands: one magic, distinct numbers, HELLO's number fixed */
	CU_ASSERT_EQUAL(_IOC_NR(PCNET32U_IOC_HELLO), PCNET32U_IOC_NR_HELLO);
	CU_ASSERT_EQUAL(_IOC_TYPE(PCNET32U_IOC_FETCH), PCNET32U_IOC_MAGIC);
	CU_ASSERT_EQUAL(_IOC_SIZE(PCNET32U_IOC_FETCH), sizeof(struct pcnet32u_fetch));
	CU_ASSERT_NOT_EQUAL(_IOC_NR(PCNET32U_IOC_FETCH), _IOC_NR(PCNET32U_IOC_FACTS));
	CU_ASSERT_NOT_EQUAL(_IOC_NR(PCNET32U_IOC_FACTS), _IOC_NR(PCNET32U_IOC_REPLY));
	CU_ASSERT_EQUAL(PCNET32U_VERSION, 4);
	/* REGS: 8-aligned, one layout on 32 and 64 bits */
	CU_ASSERT_EQUAL(sizeof(struct pcnet32u_reg_op), 12);
	CU_ASSERT_EQUAL(offsetof(struct pcnet32u_regs, ops), 48);
	CU_ASSERT_EQUAL(sizeof(struct pcnet32u_regs) % 8, 0);
	CU_ASSERT_EQUAL(_IOC_SIZE(PCNET32U_IOC_REGS), sizeof(struct pcnet32u_regs));
	CU_ASSERT_NOT_EQUAL(_IOC_NR(PCNET32U_IOC_REGS), _IOC_NR(PCNET32U_IOC_FETCH));
	CU_ASSERT(PCNET32_OP_MAX <= 64);
}

static struct pcnet32u_hello good_hello(void)
{
	struct pcnet32u_hello h;

	memset(&h, 0, sizeof(h));
	h.size = sizeof(h);
	h.version = PCNET32U_VERSION;
	h.ops[0] = ALL_USER_OPS;
	return h;
}

static void test_hello(void)
{
	const u64 user = pcnet32_user_ops();
	struct pcnet32u_hello h = good_hello();

	CU_ASSERT_EQUAL(user, ALL_USER_OPS);
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), 0);
	/* fewer ops, or none, may be declared */
	h.ops[0] = 1ULL << PCNET32_OP_GET_DRVINFO;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), 0);
	h.ops[0] = 0;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), 0);
	/* another version: refused as such whatever the size */
	h = good_hello();
	h.version = 2;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EPROTONOSUPPORT);
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, 64, user), -EPROTONOSUPPORT);
	h.version = 5;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h) + 8, user), -EPROTONOSUPPORT);
	/* sizes: the command's and the structure's */
	h = good_hello();
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h) - 8, user), -EINVAL);
	h.size = sizeof(h) + 8;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EINVAL);
	/* flags, padding, reserved, the kernel's half */
	h = good_hello();
	h.flags = PCNET32U_HELLO_PORTS_DIRECT;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), 0);
	h.flags = 2;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EINVAL);
	h = good_hello();
	h.pad = 1;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EINVAL);
	h = good_hello();
	h.reserved[3] = 0x80000000u;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EINVAL);
	h = good_hello();
	h.nic.state[PCNET32U_MAX_STATE - 1] = 1;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EINVAL);
	/* ops: the kernel's self-test, op 0, beyond the table */
	h = good_hello();
	h.ops[0] |= 1ULL << PCNET32_OP_SELF_TEST;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EINVAL);
	h.ops[0] = 1;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EINVAL);
	h.ops[0] = 1ULL << PCNET32_OP_MAX;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EINVAL);
	h.ops[0] = 1ULL << 63;
	CU_ASSERT_EQUAL(pcnet32_check_hello(&h, sizeof(h), user), -EINVAL);
}

static struct pcnet32u_facts good_facts(int has_mii)
{
	struct pcnet32u_facts f;
	int i;

	memset(&f, 0, sizeof(f));
	f.size = sizeof(f);
	f.version = PCNET32U_VERSION;
	f.regs_len = PCNET32_DUMP_LEN(has_mii);
	for (i = 0; i < PCNET32U_NSSETS; i++)
		f.sset_count[i] = -PCNET32U_EOPNOTSUPP;
	f.sset_count[PCNET32_SS_TEST] = PCNET32_TEST_LEN;
	return f;
}

static void test_facts_bounds(void)
{
	static const struct pcnet32_state nomii = { .has_mii = 0 }, mii = { .has_mii = 1 };
	struct pcnet32u_facts f = good_facts(0);

	CU_ASSERT_EQUAL(pcnet32_check_facts_hdr(&f), 0);
	CU_ASSERT_EQUAL(pcnet32_check_facts(&nomii, &f), 0);
	/* the dump length is the chip's: with or without the PHY's words */
	CU_ASSERT_EQUAL(pcnet32_check_facts(&mii, &f), -ERANGE);
	f = good_facts(1);
	CU_ASSERT_EQUAL(pcnet32_check_facts(&mii, &f), 0);
	CU_ASSERT_EQUAL(pcnet32_check_facts(&nomii, &f), -ERANGE);
	f.regs_len = 0xffffffffu;
	CU_ASSERT_EQUAL(pcnet32_check_facts(&mii, &f), -ERANGE);
	/* the test set's count is the self-test's */
	f = good_facts(0);
	f.sset_count[PCNET32_SS_TEST] = 0;
	CU_ASSERT_EQUAL(pcnet32_check_facts(&nomii, &f), -ERANGE);
	f.sset_count[PCNET32_SS_TEST] = PCNET32_TEST_LEN + 1;
	CU_ASSERT_EQUAL(pcnet32_check_facts(&nomii, &f), -ERANGE);
	f.sset_count[PCNET32_SS_TEST] = -PCNET32U_EOPNOTSUPP;
	CU_ASSERT_EQUAL(pcnet32_check_facts(&nomii, &f), -ERANGE);
	/* other sets: 0..PCNET32_MAX_STRINGS or no such set, nothing else */
	f = good_facts(0);
	f.sset_count[1] = 0;
	f.sset_count[PCNET32U_NSSETS - 1] = PCNET32_MAX_STRINGS;
	CU_ASSERT_EQUAL(pcnet32_check_facts(&nomii, &f), 0);
	f.sset_count[2] = PCNET32_MAX_STRINGS + 1;
	CU_ASSERT_EQUAL(pcnet32_check_facts(&nomii, &f), -ERANGE);
	f.sset_count[2] = -EINVAL;
	CU_ASSERT_EQUAL(pcnet32_check_facts(&nomii, &f), -ERANGE);
	f.sset_count[2] = (s32)0x80000000u;
	CU_ASSERT_EQUAL(pcnet32_check_facts(&nomii, &f), -ERANGE);
	/* the structure */
	f = good_facts(0);
	f.size--;
	CU_ASSERT_EQUAL(pcnet32_check_facts_hdr(&f), -EINVAL);
	f = good_facts(0);
	f.version = 2;
	CU_ASSERT_EQUAL(pcnet32_check_facts_hdr(&f), -EINVAL);
	f = good_facts(0);
	f.pad = 1;
	CU_ASSERT_EQUAL(pcnet32_check_facts_hdr(&f), -EINVAL);
	f = good_facts(0);
	f.reserved[2] = 1;
	CU_ASSERT_EQUAL(pcnet32_check_facts_hdr(&f), -EINVAL);
}

/* the daemon's facts, by the slow-path functions, pass the kernel's checks */
static void test_daemon_facts(void)
{
	struct pcnet32_io io = { .base = 0 };
	struct pcnet32_state st;
	struct pcnet32u_facts f;
	int has_mii, i;

	for (has_mii = 0; has_mii <= 1; has_mii++) {
		memset(&st, 0, sizeof(st));
		st.size = sizeof(st);
		st.has_mii = has_mii;
		CU_ASSERT_EQUAL_FATAL(pcnet32d_facts(&io, &st, sizeof(st), &f), 0);
		CU_ASSERT_EQUAL(pcnet32_check_facts_hdr(&f), 0);
		CU_ASSERT_EQUAL(pcnet32_check_facts(&st, &f), 0);
		CU_ASSERT_EQUAL(f.regs_len, PCNET32_DUMP_LEN(has_mii));
		CU_ASSERT_EQUAL(f.sset_count[PCNET32_SS_TEST], PCNET32_TEST_LEN);
		for (i = 1; i < PCNET32U_NSSETS; i++)
			CU_ASSERT_EQUAL(f.sset_count[i], -PCNET32U_EOPNOTSUPP);
	}
	/* a snapshot of another size: no facts */
	CU_ASSERT_NOT_EQUAL(pcnet32d_facts(&io, &st, sizeof(st) - 4, &f), 0);
	/* and it declares the ops the kernel accepts */
	CU_ASSERT_EQUAL(pcnet32d_served_ops(), pcnet32_user_ops());
}

static struct pcnet32u_fetch fhdr;

static struct pcnet32u_fetch *fetch(u64 id)
{
	memset(&fhdr, 0, sizeof(fhdr));
	fhdr.size = sizeof(fhdr);
	fhdr.version = PCNET32U_VERSION;
	fhdr.id = id;
	if (id)
		fhdr.op = PCNET32_OP_GET_LINK;
	return &fhdr;
}

static void test_fetch_header(void)
{
	struct pcnet32u_fetch *f;

	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(fetch(0)), 0);
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(fetch(7)), 0);
	/* out-only fields are ignored on the way in */
	f = fetch(7);
	f->arg_len = 0xffffffffu;
	f->state_len = 12345;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), 0);
	f = fetch(7);
	f->status = -EOPNOTSUPP;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), 0);
	f->rep_len = 4;	/* an error carries no payload */
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f = fetch(7);
	f->rep_len = PCNET32U_MAX_REPLY;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), 0);
	f->rep_len = PCNET32U_MAX_REPLY + 1;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f = fetch(7);
	f->status = 1;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f->status = -4096;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f = fetch(7);
	f->proc_ns = 61ULL * 1000000000ULL;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f = fetch(7);
	f->size = 64;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f = fetch(7);
	f->version = 2;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f = fetch(7);
	f->flags = PCNET32U_FETCH_NOWAIT;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), 0);
	f->flags = 2;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	/* commit only, and nothing to commit */
	f = fetch(0);
	f->flags = PCNET32U_FETCH_NOWAIT;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f = fetch(7);
	f->reserved[3] = 1;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	/* nothing to commit: nothing of a commit may be set */
	f = fetch(0);
	f->status = -EIO;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f = fetch(0);
	f->rep_len = 4;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
	f = fetch(0);
	f->op = 3;
	CU_ASSERT_EQUAL(pcnet32_check_fetch_hdr(f), -EINVAL);
}

static void test_commit_against_request(void)
{
	struct pcnet32_req r = { .op = PCNET32_OP_GET_LINK, .rep_max = 4 };

	CU_ASSERT_EQUAL(pcnet32_check_commit_req(PCNET32_OP_GET_LINK, 4, &r), 0);
	CU_ASSERT_EQUAL(pcnet32_check_commit_req(PCNET32_OP_GET_LINK, 0, &r), 0);
	CU_ASSERT_EQUAL(pcnet32_check_commit_req(PCNET32_OP_GET_LINK, 5, &r), -EINVAL);
	CU_ASSERT_EQUAL(pcnet32_check_commit_req(PCNET32_OP_GET_REGS, 4, &r), -EINVAL);
}

static void test_fail_undeclared(void)
{
	struct pcnet32_chanq q;
	struct pcnet32_req r[4];
	static const u32 ops[] = { PCNET32_OP_GET_DRVINFO, PCNET32_OP_GET_RINGPARAM,
				   63, PCNET32_OP_GET_DRVINFO };
	int i;

	pcnet32_chanq_init(&q);
	memset(r, 0, sizeof(r));
	for (i = 0; i < 4; i++) {
		r[i].op = ops[i];
		pcnet32_chanq_push(&q, &r[i]);
	}
	CU_ASSERT_EQUAL(pcnet32_chanq_fail_undeclared(&q, 1ULL << PCNET32_OP_GET_DRVINFO), 2);
	CU_ASSERT_EQUAL(r[1].state, PCNET32_RQ_DONE);
	CU_ASSERT_EQUAL(r[1].status, -EOPNOTSUPP);
	CU_ASSERT_EQUAL(r[2].status, -EOPNOTSUPP);
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_take(&q), &r[0]);
	CU_ASSERT_PTR_EQUAL(pcnet32_chanq_take(&q), &r[3]);
	CU_ASSERT_PTR_NULL(pcnet32_chanq_take(&q));
}

static void test_list_ops(void)
{
	struct th_result r;
	char cmd[512];
	int rows = 0;
	const char *p;

	snprintf(cmd, sizeof(cmd), "'%s'/build/split/pcnet32d --list-ops", th_root());
	th_sh(&r, 30, cmd);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strncmp(r.out, "id,name,fn,side,flags\n", 22), 0);
	for (p = r.out; (p = strchr(p, '\n')); p++)
		rows++;
	/* the header and one row per op of the table */
	CU_ASSERT_EQUAL(rows, 1 + PCNET32_OP_MAX - 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n1,GET_DRVINFO,get_drvinfo,user,replay\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n2,GET_REGS_LEN,get_regs_len,user,replay|fact\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n3,GET_REGS,get_regs,user,ports|replay\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n11,GET_SSET_COUNT,get_sset_count,user,replay|fact\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n12,SELF_TEST,self_test,kernel,sleeps\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n13,SET_PHYS_ID,set_phys_id,user,ports|sets\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n17,MDIO_WRITE,mdio_write,user,ports\n"));
	th_free(&r);
}

static CU_TestInfo abi_tests[] = {
	{ "layout: sizes, offsets, command numbers", test_layout },
	{ "HELLO: versions, sizes, reserved, declared ops", test_hello },
	{ "FACTS: out of the kernel's bounds refused", test_facts_bounds },
	{ "the daemon's facts pass the kernel's checks", test_daemon_facts },
	{ "FETCH: header and commit checks", test_fetch_header },
	{ "a commit against its request: op and length", test_commit_against_request },
	{ "HELLO fails queued requests of undeclared ops", test_fail_undeclared },
	{ "pcnet32d --list-ops: CSV from the op table", test_list_ops },
	CU_TEST_INFO_NULL,
};

TH_SUITE(unit, "split: upcall ABI", NULL, NULL, abi_tests);
