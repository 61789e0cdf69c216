/*
 * tests/buddy_kunit.c - the buddy allocator (mm/page_alloc.c).
 *
 * Most cases run on a private 4 MiB test zone (tests/mm_check.h) so the
 * free lists are exactly predictable; the others use the real allocator
 * and prove with a snapshot that every page came back.  This file is also
 * built into the host test program (tests/host/), where the random stress
 * runs ten times longer under AddressSanitizer.
 */
#include "mm_check.h"
#include <mm/vmstat.h>
#include <mm/fault-inject.h>
#include <kernel/random.h>

#ifndef BUDDY_STRESS_STEPS
#define BUDDY_STRESS_STEPS	10000
#endif

#define TZ_ORDER	MAX_PAGE_ORDER	/* test zones are one 4 MiB block */

static void fill_block(struct page *page, unsigned int order, u8 seed)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		memset(page_address(page + i), (u8)(seed + i), PAGE_SIZE);
}

static bool block_holds(struct page *page, unsigned int order, u8 seed)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		if (memchr_inv(page_address(page + i), (u8)(seed + i), PAGE_SIZE))
			return false;
	return true;
}

static void alloc_free_every_order(struct kunit *test)
{
	struct free_snapshot before;

	take_free_snapshot(&normal_zone, &before);
	for (unsigned int order = 0; order <= MAX_PAGE_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		KUNIT_ASSERT_NOT_NULL(test, page);
		KUNIT_EXPECT_EQ(test, page_to_pfn(page) & ((1UL << order) - 1), 0);
		KUNIT_EXPECT_EQ(test, page_ref_count(page), 1);
		KUNIT_EXPECT_EQ(test, page_mapcount(page), 0);
		KUNIT_EXPECT_FALSE(test, PageBuddy(page));
		fill_block(page, order, (u8)order);
		KUNIT_EXPECT_TRUE(test, block_holds(page, order, (u8)order));
		__free_pages(page, order);
	}
	KUNIT_EXPECT_FREE_UNCHANGED(test, &normal_zone, &before);
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&normal_zone), 0);
}

/* The worked example of docs/buddy.md: one page from a fresh 4 MiB block. */
static void split_and_merge(struct kunit *test)
{
	struct test_zone tz;
	struct page *page;
	unsigned long base;

	KUNIT_ASSERT_EQ(test, test_zone_create(&tz, TZ_ORDER), 0);
	base = tz.zone.zone_start_pfn;
	KUNIT_EXPECT_EQ(test, tz.zone.free_area[TZ_ORDER].nr_free, 1);

	page = zone_alloc_pages(&tz.zone, GFP_KERNEL, 0);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, page_to_pfn(page), base);	/* the lowest page */
	/* Splitting 1024 pages down to 1 left one free block at each lower order. */
	for (unsigned int o = 0; o < TZ_ORDER; o++)
		KUNIT_EXPECT_EQ(test, tz.zone.free_area[o].nr_free, 1);
	KUNIT_EXPECT_EQ(test, tz.zone.free_area[TZ_ORDER].nr_free, 0);
	KUNIT_EXPECT_EQ(test, tz.zone.free_pages, (1UL << TZ_ORDER) - 1);
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&tz.zone), 0);

	zone_free_pages(&tz.zone, page, 0);	/* merges all the way back up */
	for (unsigned int o = 0; o < TZ_ORDER; o++)
		KUNIT_EXPECT_EQ(test, tz.zone.free_area[o].nr_free, 0);
	KUNIT_EXPECT_EQ(test, tz.zone.free_area[TZ_ORDER].nr_free, 1);
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&tz.zone), 0);
	KUNIT_EXPECT_TRUE(test, test_zone_destroy(&tz));
}

static void buddies_merge_only_when_both_free(struct kunit *test)
{
	struct test_zone tz;
	struct page *a, *b;

	KUNIT_ASSERT_EQ(test, test_zone_create(&tz, TZ_ORDER), 0);
	a = zone_alloc_pages(&tz.zone, GFP_KERNEL, 0);
	b = zone_alloc_pages(&tz.zone, GFP_KERNEL, 0);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, page_to_pfn(a) ^ 1, page_to_pfn(b));	/* buddies */
	KUNIT_EXPECT_EQ(test, tz.zone.free_area[0].nr_free, 0);
	zone_free_pages(&tz.zone, a, 0);	/* b is in use: a stays order 0 */
	KUNIT_EXPECT_EQ(test, tz.zone.free_area[0].nr_free, 1);
	KUNIT_EXPECT_TRUE(test, PageBuddy(a));
	zone_free_pages(&tz.zone, b, 0);	/* now they merge, and on up */
	KUNIT_EXPECT_EQ(test, tz.zone.free_area[0].nr_free, 0);
	KUNIT_EXPECT_EQ(test, tz.zone.free_area[TZ_ORDER].nr_free, 1);
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&tz.zone), 0);
	KUNIT_EXPECT_TRUE(test, test_zone_destroy(&tz));
}

static void exhaustion_returns_null_and_recovers(struct kunit *test)
{
	static struct page *pages[1UL << TZ_ORDER];
	struct test_zone tz;
	unsigned long n = 0;

	KUNIT_ASSERT_EQ(test, test_zone_create(&tz, TZ_ORDER), 0);
	while (n < ARRAY_SIZE(pages) &&
	       (pages[n] = zone_alloc_pages(&tz.zone, __GFP_NOWARN, 0)) != NULL)
		n++;
	KUNIT_EXPECT_EQ(test, n, 1UL << TZ_ORDER);
	KUNIT_EXPECT_EQ(test, tz.zone.free_pages, 0);
	KUNIT_EXPECT_NULL(test, zone_alloc_pages(&tz.zone, __GFP_NOWARN, 0));
	KUNIT_EXPECT_NULL(test, zone_alloc_pages(&tz.zone, __GFP_NOWARN, 3));
	while (n)
		zone_free_pages(&tz.zone, pages[--n], 0);
	KUNIT_EXPECT_EQ(test, tz.zone.free_area[TZ_ORDER].nr_free, 1);
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&tz.zone), 0);
	KUNIT_EXPECT_TRUE(test, test_zone_destroy(&tz));
}

/* The whole machine: take every 4 MiB block, then give them all back. */
static void normal_zone_exhaustion(struct kunit *test)
{
	struct free_snapshot before;
	struct page *head = NULL, *page;
	unsigned long got = 0;

	take_free_snapshot(&normal_zone, &before);
	while ((page = alloc_pages(__GFP_NOWARN | __GFP_NOFAULT, MAX_PAGE_ORDER)) != NULL) {
		page->private = (unsigned long)head;	/* chain them through ->private */
		head = page;
		got++;
	}
	KUNIT_EXPECT_EQ(test, got, before.nr_free[MAX_PAGE_ORDER]);
	KUNIT_EXPECT_EQ(test, normal_zone.free_area[MAX_PAGE_ORDER].nr_free, 0);
	while (head) {
		page = head;
		head = (struct page *)page->private;
		page->private = 0;
		__free_pages(page, MAX_PAGE_ORDER);
	}
	KUNIT_EXPECT_FREE_UNCHANGED(test, &normal_zone, &before);
}

static void gfp_zero_clears(struct kunit *test)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	KUNIT_ASSERT_NOT_NULL(test, page);
	memset(page_address(page), 0x5a, 4 * PAGE_SIZE);
	__free_pages(page, 2);
	page = alloc_pages(__GFP_ZERO, 2);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_NULL(test, memchr_inv(page_address(page), 0, 4 * PAGE_SIZE));
	__free_pages(page, 2);
}

static void bad_orders_and_null(struct kunit *test)
{
	struct free_snapshot before;
	static char logged[1024];
	size_t mark = log_next;

	take_free_snapshot(&normal_zone, &before);
	KUNIT_EXPECT_NULL(test, alloc_pages(GFP_KERNEL, MAX_PAGE_ORDER + 1));
	KUNIT_EXPECT_NULL(test, alloc_pages(GFP_KERNEL, 50));
	log_read(mark, logged, sizeof(logged));
	KUNIT_EXPECT_NOT_NULL(test, strstr(logged, "above MAX_PAGE_ORDER"));
	KUNIT_EXPECT_NULL(test, strstr(strstr(logged, "above MAX_PAGE_ORDER") + 1,
				       "above MAX_PAGE_ORDER"));	/* warned once */
	__free_pages(NULL, 0);
	folio_put(NULL);
	put_page(NULL);
	KUNIT_EXPECT_FREE_UNCHANGED(test, &normal_zone, &before);
}

static void fault_injection_by_order(struct kunit *test)
{
	unsigned long injected = vm_event_count(PGALLOC_INJECTED_FAIL);
	struct page *small, *huge;

	fail_page_alloc_setup(9, 1, 100, 2, 0);	/* order >= 9 fails twice */
	small = alloc_pages(GFP_KERNEL, 0);
	KUNIT_EXPECT_NOT_NULL(test, small);
	KUNIT_EXPECT_NULL(test, alloc_pages(__GFP_NOWARN, 9));
	KUNIT_EXPECT_NULL(test, alloc_pages(__GFP_NOWARN, 10));
	huge = alloc_pages(GFP_KERNEL, 9);		/* times used up */
	KUNIT_EXPECT_NOT_NULL(test, huge);
	KUNIT_EXPECT_EQ(test, vm_event_count(PGALLOC_INJECTED_FAIL), injected + 2);
	fail_page_alloc_disable();
	__free_pages(small, 0);
	__free_pages(huge, 9);
}

static void fault_injection_interval_and_probability(struct kunit *test)
{
	unsigned long failed[2][4] = { { 0 } }, fails[2] = { 0 };

	fail_page_alloc_setup(0, 3, 100, -1, 0);	/* every 3rd call */
	for (int i = 1; i <= 9; i++) {
		struct page *p = alloc_pages(__GFP_NOWARN, 0);

		KUNIT_EXPECT_EQ(test, p == NULL, i % 3 == 0);
		__free_pages(p, 0);
	}
	/* 50% with a seed: about half fail, and the same seed repeats exactly. */
	for (int run = 0; run < 2; run++) {
		fail_page_alloc_setup(0, 1, 50, -1, 1234);
		for (int i = 0; i < 256; i++) {
			struct page *p = alloc_pages(__GFP_NOWARN, 0);

			if (!p) {
				fails[run]++;
				failed[run][i / 64] |= 1UL << (i % 64);
			}
			__free_pages(p, 0);
		}
	}
	fail_page_alloc_disable();
	KUNIT_EXPECT_GT(test, fails[0], 80);
	KUNIT_EXPECT_LT(test, fails[0], 176);
	KUNIT_EXPECT_MEMEQ(test, failed[0], failed[1], sizeof(failed[0]));
}

struct stress_block {
	struct page *page;
	unsigned int order;
	u8 seed;
};

/*
 * Random allocations and frees on a test zone, with every free-list
 * invariant checked after every step, and the data of every live block
 * checked before it is freed.
 */
static void random_alloc_free_stress(struct kunit *test)
{
	static struct stress_block live[256];
	struct rnd_state rnd;
	struct test_zone tz;
	unsigned int nlive = 0, allocs = 0, fails = 0;

	KUNIT_ASSERT_EQ(test, test_zone_create(&tz, TZ_ORDER), 0);
	prandom_seed_state(&rnd, 42);
	for (unsigned int step = 0; step < BUDDY_STRESS_STEPS; step++) {
		bool do_alloc = nlive == 0 ||
			(nlive < ARRAY_SIZE(live) && prandom_u32_below(&rnd, 100) < 55);

		if (do_alloc) {
			unsigned int order = prandom_u32_below(&rnd, 6);
			struct page *p = zone_alloc_pages(&tz.zone, __GFP_NOWARN, order);

			if (!p) {
				fails++;
				continue;
			}
			live[nlive] = (struct stress_block){ p, order, (u8)step };
			*(u64 *)page_address(p) = 0x1010101010101010ULL * (u8)step;
			nlive++;
			allocs++;
		} else {
			unsigned int i = prandom_u32_below(&rnd, nlive);
			struct stress_block *b = &live[i];

			KUNIT_ASSERT_EQ(test, *(u64 *)page_address(b->page),
					0x1010101010101010ULL * b->seed);
			zone_free_pages(&tz.zone, b->page, b->order);
			live[i] = live[--nlive];
		}
		KUNIT_ASSERT_EQ(test, zone_check_free_lists(&tz.zone), 0);
	}
	while (nlive) {
		nlive--;
		zone_free_pages(&tz.zone, live[nlive].page, live[nlive].order);
	}
	KUNIT_EXPECT_EQ(test, zone_check_free_lists(&tz.zone), 0);
	KUNIT_EXPECT_EQ(test, tz.zone.free_area[TZ_ORDER].nr_free, 1);
	KUNIT_EXPECT_GT(test, allocs, BUDDY_STRESS_STEPS / 3);
	kunit_info(test, "%u steps: %u allocations, %u failed for lack of a block",
		   BUDDY_STRESS_STEPS, allocs, fails);
	KUNIT_EXPECT_TRUE(test, test_zone_destroy(&tz));
}

static struct kunit_case buddy_cases[] = {
	KUNIT_CASE(alloc_free_every_order),
	KUNIT_CASE(split_and_merge),
	KUNIT_CASE(buddies_merge_only_when_both_free),
	KUNIT_CASE(exhaustion_returns_null_and_recovers),
	KUNIT_CASE(normal_zone_exhaustion),
	KUNIT_CASE(gfp_zero_clears),
	KUNIT_CASE(bad_orders_and_null),
	KUNIT_CASE(fault_injection_by_order),
	KUNIT_CASE(fault_injection_interval_and_probability),
	KUNIT_CASE(random_alloc_free_stress),
	{}
};

static struct kunit_suite buddy_suite = {
	.name = "buddy",
	.test_cases = buddy_cases,
};
kunit_test_suite(buddy_suite);
