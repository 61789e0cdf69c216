/*
 * tests/selftest/cpu.c - the runner self-test's failures that need the real
 * (virtual) machine: a triple fault resets it, a hang must be timed out.
 * Kernel self-test only; see selftest.c.
 */
#include <kunit/test.h>
#include <asm/desc.h>
#include <asm/processor.h>

static void triple_fault(struct kunit *test)
{
	load_null_idt();	/* no handler for anything: #BP -> #GP -> #DF -> reset */
	__asm__ __volatile__("int3");
}

static void hang(struct kunit *test)
{
	for (;;)
		cpu_relax();
}

static struct kunit_case selftest_cpu_cases[] = {
	KUNIT_CASE(triple_fault),
	KUNIT_CASE(hang),
	{}
};

static struct kunit_suite selftest_cpu_suite = {
	.name = "selftest_cpu",
	.test_cases = selftest_cpu_cases,
};
kunit_test_suite(selftest_cpu_suite);
