/*
 * tests/cmdline_kunit.c - splitting the command line and running __setup
 * handlers, against a private table of parameters.
 */
#include <kunit/test.h>
#include <kernel/param.h>
#include <kernel/errno.h>

static unsigned long seen_size;
static char seen_name[32];
static int seen_flag;

static int set_size(char *val)
{
	char *end;

	if (!val)
		return -EINVAL;
	seen_size = memparse(val, &end);
	return *end ? -EINVAL : 0;
}

static int set_name(char *val)
{
	strscpy(seen_name, val ? val : "", sizeof(seen_name));
	return 0;
}

static int set_flag(char *val)
{
	seen_flag = val ? 2 : 1;	/* bare word vs word=value */
	return 0;
}

static const struct obs_kernel_param test_params[] = {
	{ "t.size", set_size },
	{ "t.name", set_name },
	{ "t.flag", set_flag },
};

static void reset(void)
{
	seen_size = 0;
	seen_name[0] = '\0';
	seen_flag = 0;
}

static void next_arg_splits_words(struct kunit *test)
{
	char line[] = "  a=1 bare  q=\"two words\" last";
	char *rest = line, *param, *val;

	rest = next_arg(rest, &param, &val);
	KUNIT_EXPECT_STREQ(test, param, "a");
	KUNIT_EXPECT_STREQ(test, val, "1");
	rest = next_arg(rest, &param, &val);
	KUNIT_EXPECT_STREQ(test, param, "bare");
	KUNIT_EXPECT_NULL(test, val);
	rest = next_arg(rest, &param, &val);
	KUNIT_EXPECT_STREQ(test, param, "q");
	KUNIT_EXPECT_STREQ(test, val, "two words");
	rest = next_arg(rest, &param, &val);
	KUNIT_EXPECT_STREQ(test, param, "last");
	KUNIT_EXPECT_EQ(test, *rest, '\0');
}

static void parse_params_runs_handlers(struct kunit *test)
{
	char line[] = "/boot/kernel.elf t.size=64M t.name=mirror t.flag";

	reset();
	KUNIT_EXPECT_EQ(test, parse_params(line, test_params, ARRAY_SIZE(test_params)), 0);
	KUNIT_EXPECT_EQ(test, seen_size, 64UL << 20);
	KUNIT_EXPECT_STREQ(test, seen_name, "mirror");
	KUNIT_EXPECT_EQ(test, seen_flag, 1);
}

static void parse_params_reports_unknown_and_bad(struct kunit *test)
{
	char line[] = "t.size=12Q nosuch=1 t.flag=on alsonot";
	size_t before = log_next;
	static char logged[512];

	reset();
	/* a bad value and two unknown names: three warnings, boot goes on */
	KUNIT_EXPECT_EQ(test, parse_params(line, test_params, ARRAY_SIZE(test_params)), 3);
	KUNIT_EXPECT_EQ(test, seen_flag, 2);	/* the good one still ran */
	KUNIT_EXPECT_GT(test, log_next, before);
	log_read(before, logged, sizeof(logged));
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged,
					   "unknown kernel command line parameter 'nosuch'"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged, "bad value '12Q' for parameter 't.size'"));
}

static void boot_command_line_was_parsed(struct kunit *test)
{
	/* The test ISO boots with kunit.enable=1 (how else would we run?). */
	KUNIT_EXPECT_TRUE(test, cmdline_has("kunit.enable"));
	KUNIT_EXPECT_FALSE(test, cmdline_has("kunit.enab"));
	KUNIT_EXPECT_TRUE(test, kunit_enabled());
}

static void unknown_boot_param_warned(struct kunit *test)
{
	static char logged[LOG_BUF_LEN / 4];

	/* scripts/run_tests.py boots with mmlab.no_such_param=1 on purpose. */
	if (!cmdline_has("mmlab.no_such_param"))
		kunit_skip(test, "booted without mmlab.no_such_param");
	log_read(0, logged, sizeof(logged));	/* the start of the boot log */
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged,
			"unknown kernel command line parameter 'mmlab.no_such_param', ignored"));
}

static struct kunit_case cmdline_cases[] = {
	KUNIT_CASE(next_arg_splits_words),
	KUNIT_CASE(parse_params_runs_handlers),
	KUNIT_CASE(parse_params_reports_unknown_and_bad),
	KUNIT_CASE(boot_command_line_was_parsed),
	KUNIT_CASE(unknown_boot_param_warned),
	{}
};

static struct kunit_suite cmdline_suite = {
	.name = "cmdline",
	.test_cases = cmdline_cases,
};
kunit_test_suite(cmdline_suite);
