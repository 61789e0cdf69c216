/*
 * tests/pcp_kunit.c - the per-CPU page lists (struct per_cpu_pages): a
 * small block or THP freed goes on the list and is the next one handed
 * out (no merge, no split); past high, a batch goes back to the buddy;
 * drain_all_pages() empties them and the buddy lists stay sound; a double
 * free is still caught.
 */
#include "mm_check.h"
#include <mm/gfp.h>
#include <mm/vmstat.h>
#include <mm/slab.h>

static struct per_cpu_pages *pcp(void)
{
	return normal_zone.per_cpu_pageset;
}

/* A freed page waits on the list, not counted free, and comes back first. */
static void freed_page_is_reused_first(struct kunit *test)
{
	unsigned long before = nr_free_pages_drained();
	struct page *page = alloc_page(GFP_KERNEL), *again;

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, pcp()->count, pcp()->batch - 1);	/* a batch came over */
	__free_page(page);
	KUNIT_EXPECT_EQ(test, pcp()->count, pcp()->batch);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before - pcp()->batch);
	again = alloc_page(GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, again, page);			/* LIFO: a warm page */
	__free_page(again);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), before);
	KUNIT_EXPECT_EQ(test, pcp()->count, 0);
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&normal_zone), 0);
}

/*
 * The THP order has its own list (Linux 5.13+); other large orders do not.
 * A zone whose high is below 512 pages (the host build's 64 MiB) cannot
 * keep one: it goes straight back, as in Linux.
 */
static void thp_order_on_its_own_list(struct kunit *test)
{
	unsigned long before = nr_free_pages_drained();
	struct folio *thp = folio_alloc(GFP_TRANSHUGE, HPAGE_PMD_ORDER), *again;
	struct page *big = alloc_pages(GFP_KERNEL, 5);

	KUNIT_ASSERT_NOT_NULL(test, thp);
	KUNIT_ASSERT_NOT_NULL(test, big);
	__free_pages(big, 5);					/* order 5: straight back */
	KUNIT_EXPECT_EQ(test, pcp()->count, 0);
	folio_put(thp);
	KUNIT_EXPECT_EQ(test, pcp()->count, pcp()->high > HPAGE_PMD_NR ? HPAGE_PMD_NR : 0);
	again = folio_alloc(GFP_TRANSHUGE, HPAGE_PMD_ORDER);
	if (pcp()->high > HPAGE_PMD_NR)
		KUNIT_EXPECT_PTR_EQ(test, again, thp);
	folio_put(again);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), before);
}

/* More than high pages on the lists: batches go back to the buddy. */
static void past_high_a_batch_goes_back(struct kunit *test)
{
	unsigned long before = nr_free_pages_drained(), n = pcp()->high + pcp()->batch;
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	unsigned long pgfree = vm_event_count(PGFREE);

	KUNIT_ASSERT_NOT_NULL(test, pages);
	for (unsigned long i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, pages[i]);
	}
	for (unsigned long i = 0; i < n; i++) {
		__free_page(pages[i]);
		KUNIT_EXPECT_LT(test, pcp()->count, pcp()->high);
	}
	KUNIT_EXPECT_EQ(test, vm_event_count(PGFREE), pgfree + n);
	kfree(pages);
	KUNIT_EXPECT_GT(test, pcp()->count, 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), before);
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&normal_zone), 0);
}

/* A page on the list has no reference: freeing it again is reported. */
static void double_free_of_a_listed_page(struct kunit *test)
{
	unsigned long reports = bad_page_reports, before = nr_free_pages_drained();
	struct page *page = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, page);
	__free_page(page);
	__free_page(page);
	KUNIT_EXPECT_EQ(test, bad_page_reports, reports + 1);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), before);
}

static int pcp_init(struct kunit *test)
{
	if (!pcp())
		return -ENODEV;
	drain_all_pages(NULL);
	return 0;
}

static struct kunit_case pcp_cases[] = {
	KUNIT_CASE(freed_page_is_reused_first),
	KUNIT_CASE(thp_order_on_its_own_list),
	KUNIT_CASE(past_high_a_batch_goes_back),
	KUNIT_CASE(double_free_of_a_listed_page),
	{}
};

static struct kunit_suite pcp_suite = {
	.name = "pcp",
	.init = pcp_init,
	.test_cases = pcp_cases,
};
kunit_test_suite(pcp_suite);
