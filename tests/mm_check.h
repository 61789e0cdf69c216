/*
 * tests/mm_check.h - helpers shared by the memory-management test suites.
 *
 *   free_snapshot       nr_free_pages() and nr_free of every order; compare
 *                       before and after a case to prove nothing leaked
 *   test_zone           a small private zone carved from one free block, so
 *                       buddy tests see exact, predictable free lists
 */
#ifndef _TESTS_MM_CHECK_H
#define _TESTS_MM_CHECK_H

#include <kunit/test.h>
#include <mm/mm.h>
#include <mm/mm_init.h>
#include <kernel/errno.h>

struct free_snapshot {
	unsigned long free_pages;
	unsigned long nr_free[NR_PAGE_ORDERS];
};

static inline void take_free_snapshot(const struct zone *zone, struct free_snapshot *s)
{
	s->free_pages = zone->free_pages;
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		s->nr_free[o] = zone->free_area[o].nr_free;
}

/* Expects the zone's free lists to look exactly as in the snapshot. */
#define KUNIT_EXPECT_FREE_UNCHANGED(test, zone, before) do {		\
	struct free_snapshot __now;					\
	take_free_snapshot(zone, &__now);				\
	KUNIT_EXPECT_EQ(test, __now.free_pages, (before)->free_pages);	\
	for (int __o = 0; __o < NR_PAGE_ORDERS; __o++)			\
		KUNIT_EXPECT_EQ_MSG_ORDER(test, __now.nr_free[__o],	\
					  (before)->nr_free[__o], __o);	\
} while (0)

#define KUNIT_EXPECT_EQ_MSG_ORDER(test, now, then, order) do {		\
	if ((now) != (then))						\
		KUNIT_FAIL(test, "nr_free[%d] is %lu, was %lu", order,	\
			   (unsigned long)(now), (unsigned long)(then));	\
} while (0)

struct test_zone {
	struct zone zone;
	unsigned int order;
};

/* A zone of 2^order pages taken from the normal allocator, all free. */
static inline int test_zone_create(struct test_zone *tz, unsigned int order)
{
	struct page *page = alloc_pages(__GFP_NOWARN | __GFP_NOFAULT, order);
	unsigned long pfn;

	if (!page)
		return -ENOMEM;
	pfn = page_to_pfn(page);
	tz->order = order;
	zone_init(&tz->zone, "test", ZONE_NORMAL, pfn, 1UL << order);
	page->alloc_order = 0;
	free_pfn_range_to_zone(&tz->zone, pfn, pfn + (1UL << order));
	return 0;
}

/* Gives the block back; fails (returns false) if any page is still in use. */
static inline bool test_zone_destroy(struct test_zone *tz)
{
	struct page *page = zone_alloc_pages(&tz->zone, __GFP_NOWARN, tz->order);

	if (!page)
		return false;
	__free_pages(page, tz->order);
	return true;
}

#endif
