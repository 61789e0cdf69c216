/*
 * tests/selftest/selftest.c - deliberately broken tests for the runner's
 * own self-test (built only with `make selftest-kernel` and into the host's
 * self-test program, never into the real tests).  scripts/run_tests.py runs
 * them one at a time and checks that each failure is reported by name and
 * makes the run fail.  The ones only a real CPU can do are in cpu.c.
 */
#include <kunit/test.h>
#include <kernel/panic.h>
#include <kernel/sched.h>
#include <mm/mmap.h>

static void passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 + 2, 4);
}

static void deliberate_failure(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 3);
}

static void skipped(struct kunit *test)
{
	kunit_skip(test, "skips are counted, not failed");
}

static struct kunit_case selftest_fail_cases[] = {
	KUNIT_CASE(passes),
	KUNIT_CASE(deliberate_failure),
	KUNIT_CASE(skipped),
	{}
};

static struct kunit_suite selftest_fail_suite = {
	.name = "selftest_fail",
	.test_cases = selftest_fail_cases,
};
kunit_test_suite(selftest_fail_suite);

static void panic_in_case(struct kunit *test)
{
	panic("deliberate panic from the runner self-test");
}

static void null_pointer_in_case(struct kunit *test)
{
	volatile unsigned long *p = NULL;

	*p = 1;		/* #PF at address 0: an oops */
}

/* A plain access outside every VMA of the mm in use: an oops naming why. */
static void user_access_outside_vma(struct kunit *test)
{
	struct mm_struct *mm = mm_alloc();

	KUNIT_ASSERT_NOT_NULL(test, mm);
	kthread_use_mm(mm);
	vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	*(volatile int *)0x40000000 = 1;
}

/* A write the VMA does not allow, after a read it does. */
static void user_write_to_readonly_vma(struct kunit *test)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long addr;

	KUNIT_ASSERT_NOT_NULL(test, mm);
	kthread_use_mm(mm);
	addr = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	KUNIT_ASSERT_EQ(test, *(volatile int *)addr, 0);
	*(volatile int *)addr = 1;
}

static struct kunit_case selftest_crash_cases[] = {
	KUNIT_CASE(panic_in_case),
	KUNIT_CASE(null_pointer_in_case),
	KUNIT_CASE(user_access_outside_vma),
	KUNIT_CASE(user_write_to_readonly_vma),
	{}
};

static struct kunit_suite selftest_crash_suite = {
	.name = "selftest_crash",
	.test_cases = selftest_crash_cases,
};
kunit_test_suite(selftest_crash_suite);
