/*
 * tests/mm_stress_kunit.c - a short slice of the model-checked stress
 * (tests/stress/mm_stress.c) in every `make test`: a few seeds, with and
 * without injected allocation failures.  `make stress STEPS=N SEED=S`
 * runs a long one.  Fixture: tests/hmm_check.h (nothing may leak).
 */
#include "hmm_check.h"
#include "stress/mm_stress.h"

static void run_one(struct kunit *test, u64 seed, unsigned long steps, unsigned int fail)
{
	struct mm_stress_config cfg = { .seed = seed, .steps = steps, .fail_percent = fail };
	static struct mm_stress_result res;

	mm_stress_run(&cfg, &res);
	mm_stress_print(&cfg, &res);
	if (res.failed) {
		KUNIT_FAIL(test, "seed %llu step %lu: %s", (unsigned long long)seed,
			   res.failed_step, res.why);
	}
	KUNIT_EXPECT_EQ(test, res.steps_done, steps);
}

static void stress_no_failures(struct kunit *test)
{
	run_one(test, 1, 600, 0);
	run_one(test, 2, 600, 0);
}

static void stress_with_allocation_failures(struct kunit *test)
{
	run_one(test, 3, 600, 3);
	run_one(test, 4, 600, 20);
}

static struct kunit_case mm_stress_cases[] = {
	KUNIT_CASE(stress_no_failures),
	KUNIT_CASE(stress_with_allocation_failures),
	{}
};

static struct kunit_suite mm_stress_suite = {
	.name = "mm_stress",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = mm_stress_cases,
};
kunit_test_suite(mm_stress_suite);
