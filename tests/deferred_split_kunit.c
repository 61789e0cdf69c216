/*
 * tests/deferred_split_kunit.c - the deferred-split queue.
 *
 * A THP that loses part of its mappings stays whole, on the queue, until
 * the shrinker splits it: when the page allocator runs out (the
 * allocation then succeeds), or when drop_slab() asks.  Freeing it takes
 * it off the queue; a pinned or locked one goes back on it.  Each case
 * checks free-page counts before and after, the counters, the folios'
 * counts and the data; the suite's exit checks nothing leaked.
 */
#include "mm_check.h"
#include <mm/shrinker.h>
#include <kernel/list.h>

/* A THP at a new 2 MiB mapping, filled, with [MB / 2, 3 * MB / 2) dropped. */
static struct folio *partly_unmapped_thp(struct kunit *test, unsigned long *addr, u32 seed)
{
	struct folio *folio = vm_filled_thp(test, addr, seed);

	KUNIT_ASSERT_EQ(test, do_madvise(vm_case_mm(test), *addr + MB / 2, MB, MADV_DONTNEED), 0);
	return folio;
}

static void expect_data_kept(struct kunit *test, unsigned long addr, u32 seed)
{
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, MB / 2, seed), MB / 2);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr + 3 * MB / 2, MB / 2, seed + 3 * MB / 8),
			MB / 2);
	KUNIT_EXPECT_EQ(test, *(volatile u32 *)(addr + MB), 0);	/* the hole */
}

/* Queued whole; the memory comes back only when the shrinker runs. */
static void partial_unmap_is_deferred(struct kunit *test)
{
	struct vm_events_snapshot ev;
	unsigned long addr, before;
	struct folio *folio;

	take_vm_events(&ev);
	folio = partly_unmapped_thp(test, &addr, 0xd0);
	before = nr_free_pages_drained();
	KUNIT_EXPECT_PTR_EQ(test, vm_folio_at(test, addr), folio);
	KUNIT_EXPECT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 256);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 256);
	KUNIT_EXPECT_TRUE(test, folio_test_partially_mapped(folio));
	KUNIT_EXPECT_FALSE(test, list_empty(&folio->_deferred_list));
	KUNIT_EXPECT_EVENTS(test, &ev, THP_DEFERRED_SPLIT_PAGE, 1);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE, 0);
	KUNIT_EXPECT_EQ(test, get_mm_counter(vm_case_mm(test), MM_ANONPAGES), 256);

	drop_slab();
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), before + 256);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE, 1);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_DEFERRED_SPLIT_PAGE, 1);
	for (unsigned long p = 0; p < HPAGE_PMD_NR; p += 127) {
		struct folio *f = page_folio(folio_page(folio, p));
		bool mapped = p < 128 || p >= 384;

		if (!mapped) {
			KUNIT_EXPECT_TRUE(test, PageBuddy(&f->page) || !page_ref_count(&f->page));
			continue;
		}
		KUNIT_EXPECT_EQ(test, folio_order(f), 0);
		KUNIT_EXPECT_EQ(test, folio_ref_count(f), 1);
		KUNIT_EXPECT_EQ(test, folio_mapcount(f), 1);
		KUNIT_EXPECT_FALSE(test, folio_test_locked(f));
		KUNIT_EXPECT_PTR_EQ(test, vm_folio_at(test, addr + p * PAGE_SIZE), f);
	}
	expect_data_kept(test, addr, 0xd0);
}

/* The whole THP unmapped page table by page table is freed, never queued. */
static void unmapping_all_of_it_is_not_deferred(struct kunit *test)
{
	unsigned long addr, free0;
	struct folio *folio = vm_filled_thp(test, &addr, 0xa11);
	struct vm_events_snapshot ev;

	split_huge_pmd(vm_vma(test, addr), mm_find_pmd(vm_case_mm(test), addr), addr);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 512);
	take_vm_events(&ev);
	free0 = nr_free_pages_drained();
	KUNIT_EXPECT_EQ(test, do_madvise(vm_case_mm(test), addr, 2 * MB, MADV_DONTNEED), 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0 + 512);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_DEFERRED_SPLIT_PAGE, 0);
}

/* Freed while queued (the rest got unmapped): off the queue, all of it back. */
static void freeing_takes_it_off_the_queue(struct kunit *test)
{
	struct vm_events_snapshot ev;
	unsigned long addr, free0;
	struct folio *folio = partly_unmapped_thp(test, &addr, 0xf4ee);

	KUNIT_ASSERT_TRUE(test, folio_test_partially_mapped(folio));
	take_vm_events(&ev);
	free0 = nr_free_pages_drained();
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, 2 * MB), 0);
	/* 512 pages, and page tables nothing covers any more */
	KUNIT_EXPECT_GT(test, nr_free_pages_drained(), free0 + 512);
	KUNIT_EXPECT_TRUE(test, PageBuddy(&folio->page));
	drop_slab();				/* finds nothing to split */
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE, 0);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE_FAILED, 0);
}

/* A pinned or locked folio cannot be split now: it goes back on the queue. */
static void busy_folio_is_requeued(struct kunit *test)
{
	struct vm_events_snapshot ev;
	unsigned long addr, free0;
	struct folio *folio = partly_unmapped_thp(test, &addr, 0xb5);

	take_vm_events(&ev);
	free0 = nr_free_pages_drained();
	folio_get(folio);			/* a pin */
	drop_slab();
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE_FAILED, 1);
	KUNIT_EXPECT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 257);
	KUNIT_EXPECT_TRUE(test, folio_test_partially_mapped(folio));
	KUNIT_EXPECT_FALSE(test, list_empty(&folio->_deferred_list));
	folio_put(folio);
	folio_lock(folio);			/* someone works on it */
	drop_slab();
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE_FAILED, 1);	/* not tried */
	KUNIT_EXPECT_FALSE(test, list_empty(&folio->_deferred_list));
	folio_unlock(folio);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0);
	drop_slab();
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE, 1);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0 + 256);
	expect_data_kept(test, addr, 0xb5);
}

/* Takes every free block (no reclaim); returns how many pages it took. */
static unsigned long exhaust_memory(struct list_head *taken)
{
	unsigned long pages = 0;

	for (int order = MAX_PAGE_ORDER; order >= 0; order--) {
		struct page *page;

		while ((page = alloc_pages(__GFP_NOWARN | __GFP_NOFAULT, order))) {
			list_add(&page->lru, taken);
			pages += 1UL << order;
		}
	}
	return pages;
}

static void give_back(struct list_head *taken)
{
	while (!list_empty(taken)) {
		struct page *page = list_first_entry(taken, struct page, lru);

		list_del(&page->lru);
		__free_pages(page, page->alloc_order);
	}
}

/*
 * With no free page at all, an allocation that may reclaim runs the
 * shrinker, which splits the queued THP: the allocation gets one of its
 * freed pages.  One that may not reclaim, or that fault injection fails,
 * does not touch the queue.  (Nothing here may allocate while memory is
 * gone, so the checks come after it is given back.)
 */
static void allocation_reclaims_from_the_queue(struct kunit *test)
{
	unsigned long addr, pfn, got_pfn = 0;
	struct folio *folio = partly_unmapped_thp(test, &addr, 0x5c41);
	struct page *no_reclaim, *injected, *got;
	struct vm_events_snapshot ev;
	bool queued_after_failures;
	LIST_HEAD(taken);

	take_vm_events(&ev);
	pfn = folio_pfn(folio);
	exhaust_memory(&taken);
	no_reclaim = alloc_pages(__GFP_NOWARN, 0);
	fail_page_alloc_setup(0, 1, 100, 1, 0);
	injected = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	queued_after_failures = folio_test_partially_mapped(folio) &&
				!list_empty(&folio->_deferred_list);
	got = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	if (got) {
		got_pfn = page_to_pfn(got);
		__free_pages(got, 0);
	}
	give_back(&taken);

	KUNIT_EXPECT_NULL(test, no_reclaim);
	KUNIT_EXPECT_NULL(test, injected);
	KUNIT_EXPECT_TRUE(test, queued_after_failures);
	KUNIT_EXPECT_NOT_NULL(test, got);
	KUNIT_EXPECT_TRUE(test, got_pfn >= pfn + 128 && got_pfn < pfn + 384);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE, 1);
	KUNIT_EXPECT_EVENTS(test, &ev, PGALLOC_INJECTED_FAIL, 1);
	KUNIT_EXPECT_EQ(test, folio_order(folio), 0);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 1);
	expect_data_kept(test, addr, 0x5c41);
}

static struct kunit_case deferred_split_cases[] = {
	KUNIT_CASE(partial_unmap_is_deferred),
	KUNIT_CASE(unmapping_all_of_it_is_not_deferred),
	KUNIT_CASE(freeing_takes_it_off_the_queue),
	KUNIT_CASE(busy_folio_is_requeued),
	KUNIT_CASE(allocation_reclaims_from_the_queue),
	{}
};

static struct kunit_suite deferred_split_suite = {
	.name = "deferred_split",
	.init = vm_case_init,
	.exit = vm_case_exit,
	.test_cases = deferred_split_cases,
};
kunit_test_suite(deferred_split_suite);
