/*
 * tests/host/fault_sweep_kunit.c - systematic fault injection (host build
 * only: thousands of runs, too slow under QEMU's TCG).
 *
 * For each migration and mirroring scenario, and for every k: fail the
 * k-th page allocation the operation makes, then every k-th one, until the
 * operation no longer makes k allocations.  Whatever the operation
 * returned, every byte of the window must read back as before (through the
 * CPU, which brings device pages home), nothing may leak, and the window
 * must still move to the device and back.  docs/reliability.md.
 */
#include "../hmm_check.h"
#include <mm/uaccess.h>
#include <mm/fault-inject.h>
#include <mm/mmap.h>
#include <kernel/signal.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include "../stress/mm_stress.h"

#define NINT	(TWOMEG / sizeof(int))

struct sweep {
	struct kunit *test;
	struct hmm_buffer b;
	int *map;			/* the 2 MiB window, ints 0, 1, 2, ... */
	int *moved;			/* where mremap put it, if it did */
	struct mm_struct *child;	/* a fork's, sharing the window copy-on-write */
};

static struct dmirror *dev(struct sweep *s)
{
	return hmm_ctx(s->test)->dmirror;
}

static long cmd(struct sweep *s, unsigned int req, void *addr, unsigned long npages)
{
	return hmm_dmirror_cmd_at(dev(s), req, &s->b, addr, npages);
}

static void to_dev(struct sweep *s)
{
	cmd(s, HMM_DMIRROR_MIGRATE_TO_DEV, s->map, HPAGE_PMD_NR);
}

static void small_on_dev(struct sweep *s)
{
	hmm_flags(dev(s), HMM_DMIRROR_FLAG_FAIL_ALLOC);	/* 512 small device pages */
	to_dev(s);
}

/* ---- the operations swept (their result is not judged: the data is) ---- */

static void op_to_dev(struct sweep *s)		{ to_dev(s); }
static void op_to_dev_split(struct sweep *s)	{ small_on_dev(s); }
static void op_to_dev_part(struct sweep *s)	{ cmd(s, HMM_DMIRROR_MIGRATE_TO_DEV, s->map + 100 * 1024, 100); }
static void op_to_sys(struct sweep *s)		{ cmd(s, HMM_DMIRROR_MIGRATE_TO_SYS, s->map, HPAGE_PMD_NR); }
static void op_release(struct sweep *s)		{ cmd(s, HMM_DMIRROR_RELEASE, s->map, 1); }
static void op_dev_read(struct sweep *s)	{ cmd(s, HMM_DMIRROR_READ, s->map + 1024, 64); }

static void op_cpu_read(struct sweep *s)	/* a PMD fault, or a PTE fault */
{
	int v;

	if (!copy_from_user(&v, s->map + 7 * 1024 + 3, sizeof(v)))
		KUNIT_EXPECT_EQ(s->test, v, 7 * 1024 + 3);
}

/* The device writes back what is there: the bytes must not change either way. */
static void op_dev_write(struct sweep *s)
{
	fill_index(s->b.mirror, 64 * 1024);
	for (unsigned long i = 0; i < 64 * 1024; i++)
		((int *)s->b.mirror)[i] += 1024;
	cmd(s, HMM_DMIRROR_WRITE, s->map + 1024, 64);
}

static void op_mprotect(struct sweep *s)
{
	do_mprotect(hmm_mm(s->test), (unsigned long)s->map + PAGE_SIZE, 8 * PAGE_SIZE, PROT_READ);
}

static void op_mremap(struct sweep *s)
{
	unsigned long to = (unsigned long)s->map + 2 * TWOMEG;
	unsigned long got = vm_mremap((unsigned long)s->map, TWOMEG, TWOMEG,
				      MREMAP_MAYMOVE | MREMAP_FIXED, to);

	if (!IS_ERR_VALUE(got))
		s->moved = (int *)got;
}

/*
 * fork (dup_mmap, under the failures), then in the child a CPU write
 * (copy-on-write: a PMD split and a 4 KiB copy, or a device page brought
 * back for both processes first) and a read; then the child exits.  The
 * parent's window is judged as for every scenario.
 */
static void op_fork(struct sweep *s)
{
	struct mm_struct *parent = hmm_mm(s->test), *child = mm_alloc();
	int v = -1;

	if (child && dup_mmap(child, parent)) {
		mmput(child);
		child = NULL;
	}
	if (!child)
		return;
	kthread_unuse_mm(parent);
	kthread_use_mm(child);
	(void)!copy_to_user(s->map + 5 * 1024, &v, sizeof(v));
	if (!copy_from_user(&v, s->map + 9 * 1024 + 1, sizeof(v)))
		KUNIT_EXPECT_EQ(s->test, v, 9 * 1024 + 1);
	kthread_unuse_mm(child);
	kthread_use_mm(parent);
	mmput(child);
}

/*
 * A SIGSEGV handler's frame written onto a stack in page 5 of the window
 * (copy_to_user: the THP's write, or its way back from the device) and
 * read back by rt_sigreturn; the registers must come back, and the bytes
 * the frame covered are put back.  A frame that could not be written ends
 * the process with SIGSEGV (tests/host/exit.c) and changes nothing.
 */
static void op_signal(struct sweep *s)
{
	int *page = s->map + 5 * 1024;
	struct k_sigaction *ka = &current->sighand->action[SIGSEGV - 1], old = *ka;
	struct pt_regs regs = {
		.sp = (unsigned long)(page + 1000), .ip = 0x401234, .ax = 42, .bx = 7, .r12 = 12,
		.r15 = 15, .flags = X86_EFLAGS_IF | 0x2, .cs = __USER_CS, .ss = __USER_DS,
		.orig_ax = -1,
	}, want = regs, *u = task_pt_regs(current);
	unsigned long blocked = current->blocked, injected = fail_page_alloc.failures;
	int status, *buf = (int *)s->b.mirror;

	*ka = (struct k_sigaction){ .handler = (void __user *)0x402000,
				    .flags = SA_SIGINFO | SA_RESTORER,
				    .restorer = (void __user *)0x402800 };
	status = mm_stress_take_signal(SIGSEGV, SEGV_ACCERR, page, &regs);
	*ka = old;
	if (status) {		/* no room for the frame: only if an allocation failed */
		KUNIT_EXPECT_EQ(s->test, status, SIGSEGV);
		KUNIT_EXPECT_GT(s->test, fail_page_alloc.failures, injected);
		return;
	}
	memset(u, 0x5a, sizeof(*u));	/* the handler's registers: all must come from the frame */
	u->flags = regs.flags;		/* but the flags a program may not change */
	u->sp = regs.sp + 8;
	u->ax = __x64_sys_rt_sigreturn(u);
	KUNIT_EXPECT_TRUE(s->test, u->ip == want.ip && u->sp == want.sp && u->ax == 42 &&
			  u->bx == 7 && u->r12 == 12 && u->r15 == 15 && u->flags == want.flags);
	KUNIT_EXPECT_EQ(s->test, current->blocked, blocked);
	for (int i = 0; i < 1024; i++)
		buf[i] = 5 * 1024 + i;
	KUNIT_EXPECT_EQ(s->test, copy_to_user(page, buf, PAGE_SIZE), 0);
}

/* A child that shares the window (copy-on-write) while the operation runs. */
static void fork_child(struct sweep *s)
{
	s->child = mm_alloc();
	KUNIT_ASSERT_TRUE(s->test, s->child && !dup_mmap(s->child, hmm_mm(s->test)));
}

struct scenario {
	const char *name;
	void (*prepare)(struct sweep *s);	/* before the faults (may be NULL) */
	void (*op)(struct sweep *s);
};

static const struct scenario scenarios[] = {
	{ "THP to the device, whole", NULL, op_to_dev },
	{ "THP to the device, split by FAIL_ALLOC", NULL, op_to_dev_split },
	{ "part of a THP to the device", NULL, op_to_dev_part },
	{ "PMD fault back", to_dev, op_cpu_read },
	{ "PTE fault back", small_on_dev, op_cpu_read },
	{ "MIGRATE_TO_SYS", to_dev, op_to_sys },
	{ "MIGRATE_TO_SYS of small pages", small_on_dev, op_to_sys },
	{ "RELEASE", to_dev, op_release },
	{ "device READ", small_on_dev, op_dev_read },
	{ "device WRITE", to_dev, op_dev_write },
	{ "mprotect of device memory", to_dev, op_mprotect },
	{ "mremap of device memory", to_dev, op_mremap },
	{ "fork of a THP, the child writes", NULL, op_fork },
	{ "fork of a device THP, the child writes", to_dev, op_fork },
	{ "fork of small device pages, the child writes", small_on_dev, op_fork },
	{ "a signal frame on a THP stack shared with a child", fork_child, op_signal },
	{ "a signal frame on a device THP stack", to_dev, op_signal },
	{ "a signal frame on small device pages", small_on_dev, op_signal },
};

/* Every int of the window where it is now, as the CPU reads it. */
static bool window_intact(struct sweep *s, const char *what, unsigned long k, bool every)
{
	int *w = s->moved ? s->moved : s->map;
	static int buf[1024];

	for (unsigned long p = 0; p < HPAGE_PMD_NR; p++) {
		if (copy_from_user(buf, w + p * 1024, PAGE_SIZE)) {
			KUNIT_FAIL(s->test, "%s, %s %lu: page %lu unreadable", what,
				   every ? "every" : "the", k, p);
			return false;
		}
		for (unsigned long i = 0; i < 1024; i++)
			if (buf[i] != (int)(p * 1024 + i)) {
				KUNIT_FAIL(s->test, "%s, %s %lu: int %lu of page %lu is %d", what,
					   every ? "every" : "the", k, i, p, buf[i]);
				return false;
			}
	}
	return true;
}

/* One run; false when the operation made fewer than k allocations (done). */
static bool sweep_once(struct kunit *test, const struct scenario *sc, unsigned long k,
		       bool every)
{
	unsigned long free0 = nr_free_pages_drained(), calls;
	struct sweep s = { .test = test };
	bool more;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&s.b, 4 * TWOMEG, PROT_READ | PROT_WRITE, TWOMEG));
	s.map = (int *)ALIGN((unsigned long)s.b.ptr, TWOMEG);
	fill_index(s.map, NINT);
	if (sc->prepare)
		sc->prepare(&s);
	if (k)		/* k == 0: a warm-up, nothing fails */
		fail_page_alloc_setup(0, k, 100, every ? -1 : 1, 0);
	sc->op(&s);
	calls = fail_page_alloc.calls;
	fail_page_alloc_disable();
	if (s.child)
		mmput(s.child);
	more = calls >= k;
	do_mprotect(hmm_mm(test), (unsigned long)s.b.ptr, 4 * TWOMEG, PROT_READ | PROT_WRITE);
	if (window_intact(&s, sc->name, k, every)) {	/* and usable: there and back */
		int *w = s.moved ? s.moved : s.map;

		KUNIT_EXPECT_EQ(test, cmd(&s, HMM_DMIRROR_MIGRATE_TO_DEV, w, HPAGE_PMD_NR), 0);
		KUNIT_EXPECT_EQ(test, cmd(&s, HMM_DMIRROR_MIGRATE_TO_SYS, w, HPAGE_PMD_NR), 0);
		more &= window_intact(&s, sc->name, k, every);
	} else {
		more = false;
	}
	vm_munmap((unsigned long)s.b.ptr, 4 * TWOMEG);
	s.b.ptr = NULL;
	hmm_buffer_free(&s.b);
	if (k && nr_free_pages_drained() != free0) {
		KUNIT_FAIL(test, "%s, %s %lu: %ld pages leaked", sc->name, every ? "every" : "the",
			   k, (long)(free0 - nr_free_pages_drained()));
		more = false;
	}
	return more;
}

static void fault_sweep(struct kunit *test)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(scenarios); i++) {
		unsigned long runs = 0, k;

		/* The device page table keeps its tables: let it grow them first. */
		sweep_once(test, &scenarios[i], 0, false);
		for (int every = 0; every < 2; every++)
			for (k = 1; sweep_once(test, &scenarios[i], k, every); k++)
				runs++;
		kunit_info(test, "%s: %lu runs (the k-th allocation failing, then every k-th, "
			   "k = 1..%lu)\n", scenarios[i].name, runs, k - 1);
	}
}

static struct kunit_case fault_sweep_cases[] = {
	KUNIT_CASE(fault_sweep),
	{}
};

static struct kunit_suite fault_sweep_suite = {
	.name = "fault_sweep",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = fault_sweep_cases,
};
kunit_test_suite(fault_sweep_suite);
