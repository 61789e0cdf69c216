/*
 * tests/kallsyms_kunit.c - the embedded symbol table and backtraces.
 */
#include <kunit/test.h>
#include <kernel/kallsyms.h>
#include <kernel/panic.h>

extern char _text[], _etext[];
void kernel_main(unsigned long magic, unsigned long boot_info);

static void lookup_by_address(struct kunit *test)
{
	unsigned long addr = (unsigned long)kallsyms_lookup, size, off;
	const char *name = kallsyms_lookup(addr + 5, &size, &off);

	KUNIT_ASSERT_NOT_NULL(test, name);
	KUNIT_EXPECT_STREQ(test, name, "kallsyms_lookup");
	KUNIT_EXPECT_EQ(test, off, 5);
	KUNIT_EXPECT_GT(test, size, 5);
	KUNIT_EXPECT_NULL(test, kallsyms_lookup(0x1000, NULL, NULL));
	KUNIT_EXPECT_NULL(test, kallsyms_lookup((unsigned long)_etext, NULL, NULL));
}

static void lookup_by_name(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, kallsyms_lookup_name("kernel_main"),
			(unsigned long)kernel_main);
	KUNIT_EXPECT_EQ(test, kallsyms_lookup_name("no_such_function_xyz"), 0);
}

static void table_is_sorted_and_in_text(struct kunit *test)
{
	KUNIT_ASSERT_GT(test, kallsyms_num_syms, 50);
	for (unsigned int i = 0; i < kallsyms_num_syms; i++) {
		KUNIT_ASSERT_GE(test, kallsyms_addresses[i], (unsigned long)_text);
		KUNIT_ASSERT_LT(test, kallsyms_addresses[i], (unsigned long)_etext);
		if (i)
			KUNIT_ASSERT_LE(test, kallsyms_addresses[i - 1], kallsyms_addresses[i]);
	}
}

static void sprint_symbol_formats(struct kunit *test)
{
	char buf[KSYM_SYMBOL_LEN], expect[KSYM_SYMBOL_LEN];
	unsigned long addr = (unsigned long)sprint_symbol, size;

	kallsyms_lookup(addr, &size, NULL);
	sprint_symbol(buf, addr + 0x10);
	snprintf(expect, sizeof(expect), "sprint_symbol+0x10/0x%lx", size);
	KUNIT_EXPECT_STREQ(test, buf, expect);
	sprint_symbol(buf, 0x42);
	KUNIT_EXPECT_STREQ(test, buf, "0x42");
}

/* Records the backtrace printed from inside nested calls. */
static size_t __noinline traced_inner(void)
{
	size_t before = log_next;

	dump_stack();
	return before;
}

static size_t __noinline traced_outer(void)
{
	size_t before = traced_inner();

	barrier();		/* keep the call from becoming a tail call */
	return before;
}

static void backtrace_names_callers(struct kunit *test)
{
	static char logged[2048];
	size_t before = traced_outer();

	log_read(before, logged, sizeof(logged));
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged, "Call Trace:"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged, "traced_inner+0x"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged, "traced_outer+0x"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged, "backtrace_names_callers+0x"));
	/* down to the first frame of the tests' kernel thread (kernel/main.c) */
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged, "kunit_thread+0x"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged, "ret_from_kthread+0x"));
}

static struct kunit_case kallsyms_cases[] = {
	KUNIT_CASE(lookup_by_address),
	KUNIT_CASE(lookup_by_name),
	KUNIT_CASE(table_is_sorted_and_in_text),
	KUNIT_CASE(sprint_symbol_formats),
	KUNIT_CASE(backtrace_names_callers),
	{}
};

static struct kunit_suite kallsyms_suite = {
	.name = "kallsyms",
	.test_cases = kallsyms_cases,
};
kunit_test_suite(kallsyms_suite);
