/*
 * tests/printk_kunit.c - vsnprintf formats and printk's routing.
 */
#include <kunit/test.h>
#include <kernel/kallsyms.h>

static char fmtbuf[128];

#define CHECK_FMT(test, expect, fmt, ...) do {				\
	int __n = snprintf(fmtbuf, sizeof(fmtbuf), fmt, ##__VA_ARGS__);	\
	KUNIT_EXPECT_STREQ(test, fmtbuf, expect);			\
	KUNIT_EXPECT_EQ(test, __n, (int)strlen(expect));		\
} while (0)

static void vsnprintf_integers(struct kunit *test)
{
	CHECK_FMT(test, "0 -1 42", "%d %d %u", 0, -1, 42u);
	CHECK_FMT(test, "-9223372036854775808", "%ld", (long)(-9223372036854775807L - 1));
	CHECK_FMT(test, "18446744073709551615", "%lu", ~0UL);
	CHECK_FMT(test, "ff FF 0xff 777", "%x %X %#x %o", 255, 255, 255, 0777);
	CHECK_FMT(test, "4294967295 255 65535", "%u %hhu %hu", -1, 0x1ff, 0x1ffff);
	CHECK_FMT(test, "ffffffff80000000", "%lx", 0xffffffff80000000UL);
	CHECK_FMT(test, "12345678901", "%zu", (size_t)12345678901UL);
}

static void vsnprintf_width_and_flags(struct kunit *test)
{
	CHECK_FMT(test, "[   42]", "[%5d]", 42);
	CHECK_FMT(test, "[42   ]", "[%-5d]", 42);
	CHECK_FMT(test, "[00042]", "[%05d]", 42);
	CHECK_FMT(test, "[-0042]", "[%05d]", -42);
	CHECK_FMT(test, "[0x00ff]", "[%#06x]", 255);
	CHECK_FMT(test, "[   ab]", "[%*s]", 5, "ab");
	CHECK_FMT(test, "[ab   ]", "[%-*s]", 5, "ab");
	CHECK_FMT(test, "100%", "%d%%", 100);
}

static void vsnprintf_strings_and_chars(struct kunit *test)
{
	/* Through volatile pointers so gcc's format checker lets them by. */
	const char *volatile null_str = NULL, *volatile odd_fmt = "%q";

	CHECK_FMT(test, "hello world", "%s %s", "hello", "world");
	CHECK_FMT(test, "(null)", "%s", null_str);
	CHECK_FMT(test, "abc", "%.3s", "abcdef");
	CHECK_FMT(test, "ab", "%.*s", 2, "abcdef");
	CHECK_FMT(test, "x=y", "%c=%c", 'x', 'y');
	snprintf(fmtbuf, sizeof(fmtbuf), odd_fmt);	/* unknown: printed as is */
	KUNIT_EXPECT_STREQ(test, fmtbuf, "%q");
}

static void vsnprintf_truncates_and_counts(struct kunit *test)
{
	char small[8];
	int n;

	memset(small, 'Z', sizeof(small));
	n = snprintf(small, sizeof(small), "%s", "0123456789");
	KUNIT_EXPECT_EQ(test, n, 10);			/* length it wanted */
	KUNIT_EXPECT_STREQ(test, small, "0123456");	/* always terminated */
	n = scnprintf(small, sizeof(small), "%s", "0123456789");
	KUNIT_EXPECT_EQ(test, n, 7);			/* length it wrote */
	KUNIT_EXPECT_EQ(test, snprintf(NULL, 0, "%d", 12345), 5);
}

static void vsnprintf_pointers_and_symbols(struct kunit *test)
{
	unsigned long addr = (unsigned long)vsnprintf;
	char expect[64];

	CHECK_FMT(test, "0x0000000000001000", "%p", (void *)0x1000);
	CHECK_FMT(test, "0xffff888000000000", "%px", (void *)0xffff888000000000UL);
	snprintf(fmtbuf, sizeof(fmtbuf), "%pS", (void *)(addr + 3));
	KUNIT_EXPECT_EQ(test, strncmp(fmtbuf, "vsnprintf+0x3/0x", 16), 0);
	/* %pB names a return address by the byte before it. */
	snprintf(fmtbuf, sizeof(fmtbuf), "%pB", (void *)addr);
	KUNIT_EXPECT_STRNEQ(test, fmtbuf, "vsnprintf+0x0");
	snprintf(expect, sizeof(expect), "0x%lx", 0x1234UL);
	CHECK_FMT(test, expect, "%pS", (void *)0x1234);
}

/* A console that records what reaches it. */
static char captured[256];
static size_t captured_len;

static void capture_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n && captured_len < sizeof(captured) - 1; i++)
		captured[captured_len++] = s[i];
	captured[captured_len] = '\0';
}

static struct console capture_console = { .name = "capture", .write = capture_write };

static void printk_levels_reach_consoles(struct kunit *test)
{
	size_t before = log_next;
	char logged[64];

	captured_len = 0;
	captured[0] = '\0';
	register_console(&capture_console);
	pr_info("info %d\n", 1);
	pr_debug("debug %d\n", 2);		/* below console_loglevel 7 */
	pr_err("err %d\n", 3);
	unregister_console(&capture_console);
	pr_info("not captured\n");
	KUNIT_EXPECT_STREQ(test, captured, "info 1\nerr 3\n");
	/* Every message, debug included, is kept in the log buffer. */
	KUNIT_EXPECT_EQ(test, log_next - before,
			strlen("info 1\ndebug 2\nerr 3\nnot captured\n"));
	log_read(before, logged, sizeof(logged));
	KUNIT_EXPECT_STREQ(test, logged, "info 1\ndebug 2\nerr 3\nnot captured\n");
}

static void printk_cont_joins_lines(struct kunit *test)
{
	captured_len = 0;
	register_console(&capture_console);
	pr_info("a");
	pr_cont("b");
	pr_info("c\n");		/* a new message ends the unfinished line */
	unregister_console(&capture_console);
	KUNIT_EXPECT_STREQ(test, captured, "ab\nc\n");
}

static struct kunit_case printk_cases[] = {
	KUNIT_CASE(vsnprintf_integers),
	KUNIT_CASE(vsnprintf_width_and_flags),
	KUNIT_CASE(vsnprintf_strings_and_chars),
	KUNIT_CASE(vsnprintf_truncates_and_counts),
	KUNIT_CASE(vsnprintf_pointers_and_symbols),
	KUNIT_CASE(printk_levels_reach_consoles),
	KUNIT_CASE(printk_cont_joins_lines),
	{}
};

static struct kunit_suite printk_suite = {
	.name = "printk",
	.test_cases = printk_cases,
};
kunit_test_suite(printk_suite);
