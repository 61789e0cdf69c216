/*
 * kernel/kunit/executor.c - find the test suites, run them, print KTAP.
 *
 * Suites are found between __start_kunit_test_suites and
 * __stop_kunit_test_suites (linker.ld).  kunit.filter_glob=GLOB[,GLOB...]
 * picks suites ("buddy*") or cases ("buddy.alloc_*").  Output, exactly in
 * KUnit's shape:
 *
 *   KTAP version 1
 *   1..1
 *       KTAP version 1
 *       # Subtest: example
 *       1..2
 *       ok 1 add_test
 *       ok 2 skip_test # SKIP not today
 *   # example: pass:1 fail:0 skip:1 total:2
 *   ok 1 example
 *   # Totals: pass:1 fail:0 skip:1 total:2
 *
 * Linux: lib/kunit/executor.c and lib/kunit/test.c (kunit_run_tests).
 */
#include <kunit/test.h>
#include <kernel/param.h>
#include <kernel/errno.h>
#include <kernel/panic.h>
#include <drivers/qemu_exit.h>

/* Bounds of the section (linker.ld; GNU ld makes them itself on the host). */
extern struct kunit_suite *const __start_kunit_test_suites[];
extern struct kunit_suite *const __stop_kunit_test_suites[];

struct kunit_result_stats {
	unsigned long passed, failed, skipped, total;
};

static char filter_glob[256];
static bool enable_param;
static struct kunit *current_test;
static struct kunit_suite *current_suite;
static unsigned int current_case_num, current_suite_num;
static struct kunit_result_stats suite_stats, total_stats;

static int __init set_filter_glob(char *val)
{
	if (!val || !*val)
		return -EINVAL;
	strscpy(filter_glob, val, sizeof(filter_glob));
	return 0;
}
__setup("kunit.filter_glob", set_filter_glob);

static int __init set_enable(char *val)
{
	return val ? kstrtobool(val, &enable_param) : (enable_param = true, 0);
}
__setup("kunit.enable", set_enable);

bool kunit_enabled(void)
{
	return enable_param;
}

struct kunit *kunit_get_current_test(void)
{
	return current_test;
}

/* Does one "suite_glob[.case_glob]" pattern match this case? */
static bool glob_selects(const char *pat, size_t len, const char *suite,
			 const char *name)
{
	char buf[256], *dot;

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, pat, len);
	buf[len] = '\0';
	dot = strchr(buf, '.');
	if (dot)
		*dot = '\0';
	return glob_match(buf, suite) && (!dot || glob_match(dot + 1, name));
}

static bool case_selected(const struct kunit_suite *suite, const struct kunit_case *tc)
{
	const char *p = filter_glob;

	if (!*p)
		return true;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len && glob_selects(p, len, suite->name, tc->name))
			return true;
		p += len + (comma != NULL);
	}
	return false;
}

static unsigned int selected_cases(const struct kunit_suite *suite)
{
	unsigned int n = 0;

	for (struct kunit_case *tc = suite->test_cases; tc && tc->run_case; tc++)
		n += case_selected(suite, tc);
	return n;
}

static void update_stats(struct kunit_result_stats *s, enum kunit_status status)
{
	if (status == KUNIT_SUCCESS)
		s->passed++;
	else if (status == KUNIT_SKIPPED)
		s->skipped++;
	else
		s->failed++;
	s->total++;
}

static void print_case_result(struct kunit *test, unsigned int num)
{
	if (test->status == KUNIT_SKIPPED)
		pr_info(KUNIT_SUBTEST_INDENT "ok %u %s # SKIP %s\n", num, test->name,
			test->status_comment);
	else
		pr_info(KUNIT_SUBTEST_INDENT "%s %u %s\n",
			test->status == KUNIT_SUCCESS ? "ok" : "not ok", num, test->name);
}

static void run_case(struct kunit_suite *suite, struct kunit_case *tc,
		     unsigned int num)
{
	struct kunit test;
	int err = 0;

	kunit_init_test(&test, tc->name, NULL);
	current_test = &test;
	current_case_num = num;
	if (suite->init)
		err = suite->init(&test);
	if (err) {
		kunit_err(&test, "failed to initialize: %d", err);
		test.status = KUNIT_FAILURE;
	} else {
		kunit_try_catch_run(&test, tc->run_case);
		if (suite->exit)
			suite->exit(&test);
	}
	current_test = NULL;
	tc->status = test.status;
	print_case_result(&test, num);
	update_stats(&suite_stats, test.status);
}

static void print_suite_end(struct kunit_suite *suite, bool init_failed)
{
	const char *result = "ok";

	pr_info("# %s: pass:%lu fail:%lu skip:%lu total:%lu\n", suite->name,
		suite_stats.passed, suite_stats.failed, suite_stats.skipped,
		suite_stats.total);
	if (init_failed || suite_stats.failed)
		result = "not ok";
	if (!init_failed && !suite_stats.failed && suite_stats.skipped == suite_stats.total)
		pr_info("ok %u %s # SKIP\n", current_suite_num, suite->name);
	else
		pr_info("%s %u %s\n", result, current_suite_num, suite->name);
	total_stats.passed += suite_stats.passed;
	total_stats.failed += suite_stats.failed + init_failed;
	total_stats.skipped += suite_stats.skipped;
	total_stats.total += suite_stats.total + init_failed;
}

static void run_suite(struct kunit_suite *suite)
{
	unsigned int num = 0;
	int err = 0;

	memset(&suite_stats, 0, sizeof(suite_stats));
	current_suite = suite;
	pr_info(KUNIT_SUBTEST_INDENT "KTAP version 1\n");
	pr_info(KUNIT_SUBTEST_INDENT "# Subtest: %s\n", suite->name);
	pr_info(KUNIT_SUBTEST_INDENT "1..%u\n", selected_cases(suite));
	if (suite->suite_init)
		err = suite->suite_init(suite);
	if (err) {
		pr_info(KUNIT_SUBTEST_INDENT "# failed to initialize (%d)\n", err);
	} else {
		for (struct kunit_case *tc = suite->test_cases; tc->run_case; tc++)
			if (case_selected(suite, tc))
				run_case(suite, tc, ++num);
		if (suite->suite_exit)
			suite->suite_exit(suite);
	}
	print_suite_end(suite, err != 0);
	current_suite = NULL;
}

static void print_totals(void)
{
	pr_info("# Totals: pass:%lu fail:%lu skip:%lu total:%lu\n",
		total_stats.passed, total_stats.failed, total_stats.skipped,
		total_stats.total);
}

int kunit_run_all_tests(void)
{
	struct kunit_suite *const *s;
	unsigned int nr = 0;

	for (s = __start_kunit_test_suites; s < __stop_kunit_test_suites; s++)
		nr += selected_cases(*s) > 0;
	pr_info("KTAP version 1\n");
	pr_info("1..%u\n", nr);
	for (s = __start_kunit_test_suites; s < __stop_kunit_test_suites; s++) {
		if (!selected_cases(*s))
			continue;
		current_suite_num++;
		run_suite(*s);
	}
	print_totals();
	return total_stats.failed ? -1 : 0;
}

void kunit_crash_current_test(const char *reason)
{
	struct kunit *test = current_test;

	if (!test)
		return;
	current_test = NULL;		/* a second crash must not come back here */
	pr_info(KUNIT_SUBTEST_INDENT "not ok %u %s # ERROR %s\n",
		current_case_num, test->name, reason);
	update_stats(&suite_stats, KUNIT_FAILURE);
	print_suite_end(current_suite, false);
	print_totals();
	pr_info("# kunit: run ended by a crash in %s.%s; later cases did not run\n",
		current_suite->name, test->name);
	qemu_exit(QEMU_EXIT_FAILURE);
}
