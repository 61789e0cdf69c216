/*
 * tests/lib_kunit.c - string and number helpers from kernel/lib/string.c.
 */
#include <kunit/test.h>
#include <kernel/errno.h>

static void mem_routines(struct kunit *test)
{
	char a[32], b[32];

	memset(a, 0x5a, sizeof(a));
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(a, 0x5a, sizeof(a)), NULL);
	a[17] = 0;
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(a, 0x5a, sizeof(a)), &a[17]);
	for (int i = 0; i < 32; i++)
		b[i] = (char)i;
	memcpy(a, b, sizeof(a));
	KUNIT_EXPECT_MEMEQ(test, a, b, sizeof(a));
	memmove(a + 4, a, 16);			/* overlapping, forwards */
	KUNIT_EXPECT_MEMEQ(test, a + 4, b, 16);
	memmove(a, a + 4, 16);			/* overlapping, backwards */
	KUNIT_EXPECT_MEMEQ(test, a, b, 16);
	KUNIT_EXPECT_LT(test, memcmp("abc", "abd", 3), 0);
	KUNIT_EXPECT_GT(test, memcmp("abd", "abc", 3), 0);
}

static void string_routines(struct kunit *test)
{
	char dst[8];

	KUNIT_EXPECT_EQ(test, strlen("mmlab"), 5);
	KUNIT_EXPECT_EQ(test, strnlen("mmlab", 3), 3);
	KUNIT_EXPECT_EQ(test, strcmp("a", "a"), 0);
	KUNIT_EXPECT_LT(test, strcmp("a", "b"), 0);
	KUNIT_EXPECT_EQ(test, strncmp("abcx", "abcy", 3), 0);
	KUNIT_EXPECT_STREQ(test, strchr("a=b", '='), "=b");
	KUNIT_EXPECT_NULL(test, strchr("ab", 'z'));
	KUNIT_EXPECT_STREQ(test, strstr("kunit.filter_glob", "filter"), "filter_glob");
	KUNIT_EXPECT_EQ(test, (long)strscpy(dst, "short", sizeof(dst)), 5);
	KUNIT_EXPECT_EQ(test, (long)strscpy(dst, "much too long", sizeof(dst)), -E2BIG);
	KUNIT_EXPECT_STREQ(test, dst, "much to");
}

static void glob_matching(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, glob_match("buddy*", "buddy_alloc"));
	KUNIT_EXPECT_TRUE(test, glob_match("*", ""));
	KUNIT_EXPECT_TRUE(test, glob_match("a?c", "abc"));
	KUNIT_EXPECT_TRUE(test, glob_match("*split*", "thp_split_pmd"));
	KUNIT_EXPECT_FALSE(test, glob_match("buddy", "buddy_alloc"));
	KUNIT_EXPECT_FALSE(test, glob_match("a?c", "ac"));
	KUNIT_EXPECT_FALSE(test, glob_match("*x", "abc"));
}

static void number_parsing(struct kunit *test)
{
	unsigned long u;
	unsigned int ui;
	long l;
	bool b;
	char *end;

	KUNIT_EXPECT_EQ(test, kstrtoul("4096", 0, &u), 0);
	KUNIT_EXPECT_EQ(test, u, 4096);
	KUNIT_EXPECT_EQ(test, kstrtoul("0x1f", 0, &u), 0);
	KUNIT_EXPECT_EQ(test, u, 31);
	KUNIT_EXPECT_EQ(test, kstrtoul("017", 0, &u), 0);
	KUNIT_EXPECT_EQ(test, u, 15);
	KUNIT_EXPECT_EQ(test, kstrtoul("12x", 0, &u), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoul("", 0, &u), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoul("99999999999999999999999", 10, &u), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtol("-42", 10, &l), 0);
	KUNIT_EXPECT_EQ(test, l, -42);
	/* Linux's kstrtoull: one leading '+', one trailing newline */
	KUNIT_EXPECT_EQ(test, kstrtoul("+5\n", 0, &u), 0);
	KUNIT_EXPECT_EQ(test, u, 5);
	KUNIT_EXPECT_EQ(test, kstrtoul("5\n\n", 0, &u), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoul("++5", 0, &u), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtol("+7", 10, &l), 0);
	KUNIT_EXPECT_EQ(test, l, 7);
	KUNIT_EXPECT_EQ(test, kstrtol("-+7", 10, &l), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtouint("4294967295", 10, &ui), 0);
	KUNIT_EXPECT_EQ(test, ui, 4294967295U);
	KUNIT_EXPECT_EQ(test, kstrtouint("4294967296", 10, &ui), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtobool("on", &b), 0);
	KUNIT_EXPECT_TRUE(test, b);
	KUNIT_EXPECT_EQ(test, kstrtobool("0", &b), 0);
	KUNIT_EXPECT_FALSE(test, b);
	KUNIT_EXPECT_EQ(test, kstrtobool("maybe", &b), -EINVAL);
	/* Linux's: the first character decides */
	KUNIT_EXPECT_EQ(test, kstrtobool("T", &b), 0);
	KUNIT_EXPECT_TRUE(test, b);
	KUNIT_EXPECT_EQ(test, kstrtobool("1\n", &b), 0);
	KUNIT_EXPECT_TRUE(test, b);
	KUNIT_EXPECT_EQ(test, kstrtobool("oFF", &b), 0);
	KUNIT_EXPECT_FALSE(test, b);
	KUNIT_EXPECT_EQ(test, kstrtobool("ON", &b), 0);
	KUNIT_EXPECT_TRUE(test, b);
	KUNIT_EXPECT_EQ(test, kstrtobool("o", &b), -EINVAL);
	KUNIT_EXPECT_EQ(test, memparse("1T", NULL), 1ULL << 40);
	KUNIT_EXPECT_EQ(test, memparse("64M", &end), 64UL << 20);
	KUNIT_EXPECT_EQ(test, *end, '\0');
	KUNIT_EXPECT_EQ(test, memparse("2g", NULL), 2UL << 30);
	KUNIT_EXPECT_EQ(test, memparse("512", NULL), 512);
}

static struct kunit_case lib_cases[] = {
	KUNIT_CASE(mem_routines),
	KUNIT_CASE(string_routines),
	KUNIT_CASE(glob_matching),
	KUNIT_CASE(number_parsing),
	{}
};

static struct kunit_suite lib_suite = {
	.name = "lib",
	.test_cases = lib_cases,
};
kunit_test_suite(lib_suite);
