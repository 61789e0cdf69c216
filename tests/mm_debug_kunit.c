/*
 * tests/mm_debug_kunit.c - the allocator's debug reports, provoked on purpose.
 *
 * Each case turns on mm_debug_report_only (reports are printed and counted,
 * not fatal), does something wrong, and checks that exactly one report
 * named the page and that the allocator's state did not change.
 */
#include "mm_check.h"

static int debug_init(struct kunit *test)
{
	mm_debug_report_only = true;
	return 0;
}

static void debug_exit(struct kunit *test)
{
	mm_debug_report_only = false;
}

static bool logged_since(size_t mark, const char *what)
{
	static char logged[4096];

	log_read(mark, logged, sizeof(logged));
	return strstr(logged, what) != NULL;
}

static void double_free_reported(struct kunit *test)
{
	struct free_snapshot before;
	unsigned long reports = bad_page_reports;
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	size_t mark;
	char pfn[32];

	KUNIT_ASSERT_NOT_NULL(test, page);
	__free_pages(page, 0);
	take_free_snapshot(&normal_zone, &before);
	mark = log_next;
	__free_pages(page, 0);				/* the bug */
	KUNIT_EXPECT_EQ(test, bad_page_reports, reports + 1);
	snprintf(pfn, sizeof(pfn), "pfn:%#lx", page_to_pfn(page));
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "BUG: Bad page state"));
	KUNIT_EXPECT_TRUE(test, logged_since(mark, pfn));
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "double free"));
	KUNIT_EXPECT_FREE_UNCHANGED(test, &normal_zone, &before);
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&normal_zone), 0);
}

static void tail_free_reported(struct kunit *test)
{
	unsigned long reports = bad_page_reports, free0 = nr_free_pages_drained();
	struct folio *folio = folio_alloc(GFP_KERNEL, 3);
	size_t mark = log_next;

	KUNIT_ASSERT_NOT_NULL(test, folio);
	__free_pages(folio_page(folio, 2), 0);		/* the bug */
	KUNIT_EXPECT_EQ(test, bad_page_reports, reports + 1);
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "freeing a tail page"));
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "tail 2 of folio"));
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);	/* untouched */
	folio_put(folio);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0);
}

static void wrong_order_reported(struct kunit *test)
{
	unsigned long reports = bad_page_reports, free0 = nr_free_pages_drained();
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	struct folio *folio = folio_alloc(GFP_KERNEL, 2);

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	__free_pages(page, 1);				/* allocated as order 2 */
	KUNIT_EXPECT_EQ(test, bad_page_reports, reports + 1);
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 1);	/* still allocated */
	__free_pages(&folio->page, 3);			/* a folio of order 2 */
	KUNIT_EXPECT_EQ(test, bad_page_reports, reports + 2);
	__free_pages(page, 2);				/* the right way */
	folio_put(folio);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0);
	KUNIT_EXPECT_EQ(test, bad_page_reports, reports + 2);
}

static void use_after_free_caught_by_poison(struct kunit *test)
{
	unsigned long reports = bad_page_reports;
	struct test_zone tz;
	struct page *a, *b, *again;
	size_t mark;

	KUNIT_ASSERT_TRUE(test, page_poisoning);
	KUNIT_ASSERT_EQ(test, test_zone_create(&tz, 4), 0);
	a = zone_alloc_pages(&tz.zone, GFP_KERNEL, 0);
	b = zone_alloc_pages(&tz.zone, GFP_KERNEL, 0);	/* keeps a from merging */
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	zone_free_pages(&tz.zone, a, 0);
	KUNIT_EXPECT_TRUE(test, PageFreePoisoned(a));
	KUNIT_EXPECT_NULL(test, memchr_inv(page_address(a), PAGE_POISON_FREE, PAGE_SIZE));
	((u8 *)page_address(a))[100] = 0x42;		/* the bug: write after free */
	mark = log_next;
	again = zone_alloc_pages(&tz.zone, GFP_KERNEL, 0);
	KUNIT_EXPECT_PTR_EQ(test, again, a);
	KUNIT_EXPECT_EQ(test, bad_page_reports, reports + 1);
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "use after free: byte at offset 0x64 is 0x42"));
	zone_free_pages(&tz.zone, again, 0);
	zone_free_pages(&tz.zone, b, 0);
	KUNIT_EXPECT_TRUE(test, test_zone_destroy(&tz));
}

static void vm_bug_on_page_dumps_state(struct kunit *test)
{
	unsigned long reports = vm_bug_reports;
	struct folio *folio = folio_alloc(GFP_KERNEL, 1);
	size_t mark = log_next;
	char buf[128];

	KUNIT_ASSERT_NOT_NULL(test, folio);
	folio_lock(folio);
	VM_BUG_ON_FOLIO(folio_test_locked(folio), folio);	/* reported, not fatal */
	KUNIT_EXPECT_EQ(test, vm_bug_reports, reports + 1);
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "refcount:1 mapcount:0"));
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "head of folio order:1"));
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "(locked|head)"));
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "VM_BUG_ON_FOLIO(folio_test_locked(folio))"));
	folio_unlock(folio);
	format_page_flags(buf, sizeof(buf), BIT(PG_buddy) | BIT(PG_dirty));
	KUNIT_EXPECT_STREQ(test, buf, "flags=0x48(dirty|buddy)");
	folio_put(folio);
}

static void bad_free_of_unallocated_page(struct kunit *test)
{
	unsigned long reports = bad_page_reports, free0 = nr_free_pages_drained();
	struct page *page = alloc_pages(GFP_KERNEL, 1);

	KUNIT_ASSERT_NOT_NULL(test, page);
	__free_pages(page + 1, 0);	/* inside a non-compound block: not allocated */
	KUNIT_EXPECT_EQ(test, bad_page_reports, reports + 1);
	__free_pages(page, 1);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0);
}

static struct kunit_case mm_debug_cases[] = {
	KUNIT_CASE(double_free_reported),
	KUNIT_CASE(tail_free_reported),
	KUNIT_CASE(wrong_order_reported),
	KUNIT_CASE(use_after_free_caught_by_poison),
	KUNIT_CASE(vm_bug_on_page_dumps_state),
	KUNIT_CASE(bad_free_of_unallocated_page),
	{}
};

static struct kunit_suite mm_debug_suite = {
	.name = "mm_debug",
	.init = debug_init,
	.exit = debug_exit,
	.test_cases = mm_debug_cases,
};
kunit_test_suite(mm_debug_suite);
