/*
 * tests/kunit_kunit.c - KUnit testing itself.
 *
 * Each case runs a small "fake" case on a private struct kunit whose output
 * is captured in a log buffer, then checks the fake's status, whether it
 * was cut short, and what it printed.  Linux: lib/kunit/kunit-test.c.
 */
#include <kunit/test.h>
#include <kernel/errno.h>

static char fake_log[KUNIT_LOG_SIZE];
static struct kunit fake;
static bool reached_end;

static int run_fake(void (*fn)(struct kunit *))
{
	kunit_init_test(&fake, "fake", fake_log);
	reached_end = false;
	return kunit_try_catch_run(&fake, fn);
}

static int count(const char *haystack, const char *needle)
{
	int n = 0;

	for (const char *p = haystack; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static void fake_expect_fails(struct kunit *t)
{
	KUNIT_EXPECT_EQ(t, 1 + 1, 3);
	reached_end = true;
}

static void expectation_failure_continues(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run_fake(fake_expect_fails), 0);
	KUNIT_EXPECT_EQ(test, fake.status, KUNIT_FAILURE);
	KUNIT_EXPECT_TRUE(test, reached_end);
	KUNIT_EXPECT_NOT_NULL(test, strstr(fake_log, "# fake: EXPECTATION FAILED at tests/kunit_kunit.c:"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(fake_log, "Expected 1 + 1 == 3, but"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(fake_log, "1 + 1 == 2 (0x2)"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(fake_log, "3 == 3 (0x3)"));
}

static void fake_assert_fails(struct kunit *t)
{
	KUNIT_ASSERT_NOT_NULL(t, NULL);
	reached_end = true;
}

static void assertion_failure_ends_case(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run_fake(fake_assert_fails), -EINTR);
	KUNIT_EXPECT_EQ(test, fake.status, KUNIT_FAILURE);
	KUNIT_EXPECT_FALSE(test, reached_end);
	KUNIT_EXPECT_NOT_NULL(test, strstr(fake_log, "ASSERTION FAILED"));
}

static void fake_skips(struct kunit *t)
{
	kunit_skip(t, "no device %d", 7);
	reached_end = true;
}

static void skip_ends_case_with_reason(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run_fake(fake_skips), -EINTR);
	KUNIT_EXPECT_EQ(test, fake.status, KUNIT_SKIPPED);
	KUNIT_EXPECT_STREQ(test, fake.status_comment, "no device 7");
	KUNIT_EXPECT_FALSE(test, reached_end);
}

static void fake_all_true(struct kunit *t)
{
	int x = 5, arr[2] = { 1, 2 }, same[2] = { 1, 2 };

	KUNIT_EXPECT_EQ(t, x, 5);
	KUNIT_EXPECT_NE(t, x, 6);
	KUNIT_EXPECT_LT(t, x, 6);
	KUNIT_EXPECT_LE(t, x, 5);
	KUNIT_EXPECT_GT(t, x, 4);
	KUNIT_EXPECT_GE(t, x, 5);
	KUNIT_EXPECT_TRUE(t, x == 5);
	KUNIT_EXPECT_FALSE(t, x == 6);
	KUNIT_EXPECT_NULL(t, NULL);
	KUNIT_EXPECT_NOT_NULL(t, &x);
	KUNIT_EXPECT_PTR_EQ(t, &x, &x);
	KUNIT_EXPECT_PTR_NE(t, &x, NULL);
	KUNIT_EXPECT_MEMEQ(t, arr, same, sizeof(arr));
	KUNIT_EXPECT_STREQ(t, "a", "a");
	KUNIT_ASSERT_EQ(t, x, 5);
	KUNIT_ASSERT_NE(t, x, 6);
	KUNIT_ASSERT_LT(t, x, 6);
	KUNIT_ASSERT_LE(t, x, 5);
	KUNIT_ASSERT_GT(t, x, 4);
	KUNIT_ASSERT_GE(t, x, 5);
	KUNIT_ASSERT_TRUE(t, x == 5);
	KUNIT_ASSERT_FALSE(t, x == 6);
	KUNIT_ASSERT_NULL(t, NULL);
	KUNIT_ASSERT_NOT_NULL(t, &x);
	KUNIT_ASSERT_PTR_EQ(t, &x, &x);
	KUNIT_ASSERT_MEMEQ(t, arr, same, sizeof(arr));
	reached_end = true;
}

static void true_conditions_pass_silently(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run_fake(fake_all_true), 0);
	KUNIT_EXPECT_EQ(test, fake.status, KUNIT_SUCCESS);
	KUNIT_EXPECT_TRUE(test, reached_end);
	KUNIT_EXPECT_STREQ(test, fake_log, "");
}

static void fake_all_false(struct kunit *t)
{
	int x = 5, arr[2] = { 1, 2 }, other[2] = { 1, 3 };

	KUNIT_EXPECT_EQ(t, x, 6);
	KUNIT_EXPECT_NE(t, x, 5);
	KUNIT_EXPECT_LT(t, x, 5);
	KUNIT_EXPECT_LE(t, x, 4);
	KUNIT_EXPECT_GT(t, x, 5);
	KUNIT_EXPECT_GE(t, x, 6);
	KUNIT_EXPECT_TRUE(t, x == 6);
	KUNIT_EXPECT_FALSE(t, x == 5);
	KUNIT_EXPECT_NULL(t, &x);
	KUNIT_EXPECT_NOT_NULL(t, NULL);
	KUNIT_EXPECT_PTR_EQ(t, &x, NULL);
	KUNIT_EXPECT_MEMEQ(t, arr, other, sizeof(arr));
	reached_end = true;
}

static void false_conditions_each_fail(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run_fake(fake_all_false), 0);
	KUNIT_EXPECT_EQ(test, fake.status, KUNIT_FAILURE);
	KUNIT_EXPECT_EQ(test, count(fake_log, "EXPECTATION FAILED"), 12);
	/* The memory comparison names the first differing byte and marks it. */
	KUNIT_EXPECT_NOT_NULL(test, strstr(fake_log, "differ at byte 4"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(fake_log, "<03>"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(fake_log, "Expected x == 6 to be true, but is false"));
}

static void info_goes_to_the_log(struct kunit *test)
{
	kunit_init_test(&fake, "fake", fake_log);
	kunit_info(&fake, "hello %d", 5);
	KUNIT_EXPECT_STREQ(test, fake_log, "    # fake: hello 5\n");
	KUNIT_EXPECT_EQ(test, fake.status, KUNIT_SUCCESS);
}

/* Suite and case hooks: counted, then checked by the last case. */
static int suite_inits, suite_exits, case_inits, case_exits;

static int kunit_suite_init(struct kunit_suite *suite)
{
	suite_inits++;
	return 0;
}

static void kunit_suite_exit(struct kunit_suite *suite)
{
	suite_exits++;
}

static int kunit_case_init(struct kunit *test)
{
	case_inits++;
	test->priv = &case_inits;
	return 0;
}

static void kunit_case_exit(struct kunit *test)
{
	case_exits++;
}

static void hooks_run_around_each_case(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, suite_inits, 1);
	KUNIT_EXPECT_EQ(test, suite_exits, 0);
	KUNIT_EXPECT_GE(test, case_inits, 1);
	KUNIT_EXPECT_EQ(test, case_exits, case_inits - 1);	/* ours has not run yet */
	KUNIT_EXPECT_PTR_EQ(test, test->priv, &case_inits);
	KUNIT_EXPECT_PTR_EQ(test, kunit_get_current_test(), test);
}

static struct kunit_case kunit_cases[] = {
	KUNIT_CASE(expectation_failure_continues),
	KUNIT_CASE(assertion_failure_ends_case),
	KUNIT_CASE(skip_ends_case_with_reason),
	KUNIT_CASE(true_conditions_pass_silently),
	KUNIT_CASE(false_conditions_each_fail),
	KUNIT_CASE(info_goes_to_the_log),
	KUNIT_CASE(hooks_run_around_each_case),
	{}
};

static struct kunit_suite kunit_suite = {
	.name = "kunit",
	.suite_init = kunit_suite_init,
	.suite_exit = kunit_suite_exit,
	.init = kunit_case_init,
	.exit = kunit_case_exit,
	.test_cases = kunit_cases,
};
kunit_test_suite(kunit_suite);
