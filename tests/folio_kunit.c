/*
 * tests/folio_kunit.c - compound pages, folios and their reference counts.
 * Also built into the host test program.
 */
#include "mm_check.h"

static void large_folio_metadata(struct kunit *test)
{
	struct free_snapshot before;
	struct folio *folio;

	take_free_snapshot(&normal_zone, &before);
	folio = folio_alloc(GFP_KERNEL, HPAGE_PMD_ORDER);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_EXPECT_TRUE(test, folio_test_large(folio));
	KUNIT_EXPECT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
	KUNIT_EXPECT_EQ(test, folio_nr_pages(folio), 512);
	KUNIT_EXPECT_EQ(test, folio_size(folio), 2UL << 20);
	KUNIT_EXPECT_EQ(test, folio_pfn(folio) % 512, 0);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 0);
	KUNIT_EXPECT_TRUE(test, PageHead(&folio->page));
	for (unsigned long i = 1; i < folio_nr_pages(folio); i++) {
		struct page *tail = folio_page(folio, i);

		KUNIT_ASSERT_TRUE(test, PageTail(tail));
		KUNIT_ASSERT_PTR_EQ(test, page_folio(tail), folio);
		KUNIT_ASSERT_EQ(test, page_ref_count(tail), 0);
		KUNIT_ASSERT_EQ(test, page_mapcount(tail), 0);
		KUNIT_ASSERT_EQ(test, page_to_pfn(tail), folio_pfn(folio) + i);
	}
	KUNIT_EXPECT_PTR_EQ(test, page_folio(&folio->page), folio);
	folio_put(folio);
	KUNIT_EXPECT_FREE_UNCHANGED(test, &normal_zone, &before);
}

static void small_folio_is_one_page(struct kunit *test)
{
	struct folio *folio = folio_alloc(GFP_KERNEL, 0);

	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_EXPECT_FALSE(test, folio_test_large(folio));
	KUNIT_EXPECT_EQ(test, folio_order(folio), 0);
	KUNIT_EXPECT_EQ(test, folio_nr_pages(folio), 1);
	KUNIT_EXPECT_FALSE(test, PageCompound(&folio->page));
	folio_put(folio);
}

/* The last folio_put frees all 512 pages; earlier ones free nothing. */
static void refcount_and_last_put(struct kunit *test)
{
	unsigned long free0 = nr_free_pages_drained();
	struct folio *folio = folio_alloc(__GFP_ZERO, HPAGE_PMD_ORDER);
	struct page *tail;

	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0 - 512);
	tail = folio_page(folio, 300);
	folio_get(folio);
	get_page(tail);			/* a tail reference counts on the folio */
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 3);
	KUNIT_EXPECT_EQ(test, page_ref_count(tail), 0);
	put_page(tail);
	folio_put(folio);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0 - 512);
	folio_put(folio);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0);
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&normal_zone), 0);
}

static void folio_data_spans_all_pages(struct kunit *test)
{
	struct folio *folio = folio_alloc(GFP_KERNEL, 4);
	u32 *words;

	KUNIT_ASSERT_NOT_NULL(test, folio);
	words = folio_address(folio);
	for (unsigned long i = 0; i < folio_size(folio) / 4; i++)
		words[i] = (u32)i * 2654435761u;
	for (unsigned long p = 0; p < folio_nr_pages(folio); p++) {
		u32 *w = page_address(folio_page(folio, p));

		KUNIT_EXPECT_EQ(test, w[0], (u32)(p * 1024) * 2654435761u);
	}
	folio_put(folio);
}

static void folio_lock_and_trylock(struct kunit *test)
{
	struct folio *folio = folio_alloc(GFP_KERNEL, 2);

	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_EXPECT_FALSE(test, folio_test_locked(folio));
	KUNIT_EXPECT_TRUE(test, folio_trylock(folio));
	KUNIT_EXPECT_TRUE(test, folio_test_locked(folio));
	KUNIT_EXPECT_FALSE(test, folio_trylock(folio));	/* already held */
	folio_unlock(folio);
	KUNIT_EXPECT_FALSE(test, folio_test_locked(folio));
	folio_lock(folio);
	KUNIT_EXPECT_TRUE(test, folio_test_locked(folio));
	folio_unlock(folio);
	folio_put(folio);
}

static struct kunit_case folio_cases[] = {
	KUNIT_CASE(large_folio_metadata),
	KUNIT_CASE(small_folio_is_one_page),
	KUNIT_CASE(refcount_and_last_put),
	KUNIT_CASE(folio_data_spans_all_pages),
	KUNIT_CASE(folio_lock_and_trylock),
	{}
};

static struct kunit_suite folio_suite = {
	.name = "folio",
	.test_cases = folio_cases,
};
kunit_test_suite(folio_suite);
