/*
 * tests/thp_split_kunit.c - splitting a THP the way Linux's __folio_split()
 * does: a refused split changes nothing, the uniform split
 * (split_huge_page_to_list_to_order) and the non-uniform, buddy-like one
 * (folio_split, try_folio_split_to_order), and the debugfs-style trigger
 * split_huge_pages.
 *
 * Each case checks the data, the folios' orders, refcounts and mapcounts,
 * the vmstat counters, and - in the suite's exit - that every page came
 * back when the address space was destroyed.
 */
#include "mm_check.h"
#include <kernel/string.h>
#include <kernel/printk.h>

/*
 * Someone holds a reference nobody expects (a pin): Linux's __folio_split()
 * sees it in can_split_folio() before unmap_folio() touches the page
 * tables, so the THP stays mapped by its PMD and -EAGAIN is all that
 * happens.
 */
static void refused_split_keeps_the_pmd(struct kunit *test)
{
	unsigned long addr, free0;
	struct folio *folio = vm_filled_thp(test, &addr, 0x600d);
	struct vm_events_snapshot ev;

	take_vm_events(&ev);
	free0 = nr_free_pages_drained();
	folio_get(folio);			/* the caller's reference */
	folio_get(folio);			/* the pin */
	folio_lock(folio);
	KUNIT_EXPECT_EQ(test, split_folio(folio), -EAGAIN);
	folio_unlock(folio);
	KUNIT_EXPECT_EQ(test, vm_level(test, addr), MAPPING_PMD);
	KUNIT_EXPECT_PTR_EQ(test, vm_folio_at(test, addr + MB), folio);
	KUNIT_EXPECT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 3);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&folio->_entire_mapcount) + 1, 1);
	KUNIT_EXPECT_EQ(test, vm_case_mm(test)->nr_deposited, 1);	/* still set aside */
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PMD, 0);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE, 0);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE_FAILED, 1);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0);
	folio_put(folio);
	folio_put(folio);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 0x600d), 2 * MB);
}

/*
 * The folios a non-uniform split of an order-9 anonymous folio around page
 * `at` should leave, as (first page, order) in address order: the buddy
 * allocator's halving, with order 1 skipped (order 2 goes straight to 0).
 */
static unsigned int buddy_split_layout(unsigned long at, unsigned int new_order,
				       unsigned long first[], unsigned int order[])
{
	unsigned long start = 0, next = 0;
	unsigned int n = 0, block_order = HPAGE_PMD_ORDER;

	for (int o = HPAGE_PMD_ORDER - 1; o >= (int)new_order; o--) {
		unsigned long size = 1UL << o;

		if (o == 1)
			continue;
		/* cut the block holding `at` in pieces of order o; keep cutting its one */
		for (unsigned long p = start; p < start + (1UL << block_order); p += size) {
			if (o != (int)new_order && at >= p && at < p + size) {
				next = p;
				continue;
			}
			first[n] = p;
			order[n++] = o;
		}
		start = next;
		block_order = o;
	}
	return n;
}

/*
 * Checks that [addr, addr + 2 MiB) is mapped by PTEs, page by page, by the
 * folios of the layout, each with one reference per mapped page (plus the
 * caller's in the locked one, the folio of page `locked`).
 */
static void expect_layout(struct kunit *test, unsigned long addr, unsigned long pfn,
			  const unsigned long first[], const unsigned int order[],
			  unsigned int n, unsigned long locked)
{
	unsigned long covered = 0;

	for (unsigned int i = 0; i < n; i++) {
		struct folio *f = page_folio(pfn_to_page(pfn + first[i]));
		unsigned long nr = 1UL << order[i];
		bool holds = locked >= first[i] && locked < first[i] + nr;

		KUNIT_EXPECT_EQ(test, folio_pfn(f), pfn + first[i]);
		KUNIT_EXPECT_EQ(test, folio_order(f), order[i]);
		KUNIT_EXPECT_EQ(test, folio_mapcount(f), nr);
		KUNIT_EXPECT_EQ(test, folio_ref_count(f), nr + holds);
		KUNIT_EXPECT_EQ(test, folio_test_locked(f), holds);
		KUNIT_EXPECT_TRUE(test, folio_test_anon(f));
		KUNIT_EXPECT_EQ(test, f->index, (addr >> PAGE_SHIFT) + first[i]);
		for (unsigned long p = first[i]; p < first[i] + nr; p++) {
			KUNIT_EXPECT_EQ(test, vm_level(test, addr + p * PAGE_SIZE), MAPPING_PTE);
			KUNIT_EXPECT_PTR_EQ(test, vm_folio_at(test, addr + p * PAGE_SIZE), f);
		}
		covered += nr;
	}
	KUNIT_EXPECT_EQ(test, covered, HPAGE_PMD_NR);
}

/* A new PMD-mapped THP, filled, locked, with the caller's reference. */
static struct folio *locked_thp(struct kunit *test, unsigned long *addr, u32 seed)
{
	struct folio *folio = vm_filled_thp(test, addr, seed);

	folio_get(folio);
	folio_lock(folio);
	return folio;
}

/* folio_split() around page 300: 11 folios, orders 8, 7, ... 2 and four of 0. */
static void folio_split_is_buddy_like(struct kunit *test)
{
	unsigned long addr, free0, first[16];
	struct folio *folio = locked_thp(test, &addr, 0xb0d1);
	unsigned long pfn = folio_pfn(folio);
	unsigned int order[16], n = buddy_split_layout(300, 0, first, order);
	struct vm_events_snapshot ev;

	KUNIT_ASSERT_EQ(test, n, 11);
	take_vm_events(&ev);
	free0 = nr_free_pages_drained();
	KUNIT_ASSERT_EQ(test, folio_split(folio, 0, folio_page(folio, 300), NULL), 0);
	expect_layout(test, addr, pfn, first, order, n, 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0);		/* every piece is mapped */
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE, 1);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PMD, 1);	/* unmap_folio() froze it */
	folio_unlock(folio);
	folio_put(folio);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 0xb0d1), 2 * MB);
}

/*
 * The non-uniform split frees whole blocks: with the upper 1 MiB unmapped
 * (DONTNEED), splitting around page 0 leaves that half as one unmapped
 * order-8 folio, which goes straight back to the allocator.
 */
static void folio_split_frees_the_unmapped_half(struct kunit *test)
{
	unsigned long addr, free0;
	struct folio *folio = locked_thp(test, &addr, 0x4a1f);
	unsigned long pfn = folio_pfn(folio);

	KUNIT_ASSERT_EQ(test, do_madvise(vm_case_mm(test), addr + MB, MB, MADV_DONTNEED), 0);
	free0 = nr_free_pages_drained();
	KUNIT_ASSERT_EQ(test, folio_split(folio, 0, folio_page(folio, 0), NULL), 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0 + 256);
	KUNIT_EXPECT_TRUE(test, PageBuddy(pfn_to_page(pfn + 256)));
	KUNIT_EXPECT_EQ(test, folio_order(page_folio(pfn_to_page(pfn + 128))), 7);
	KUNIT_EXPECT_EQ(test, folio_order(folio), 0);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 2);	/* mapping + caller */
	KUNIT_EXPECT_FALSE(test, folio_test_partially_mapped(page_folio(pfn_to_page(pfn + 128))));
	folio_unlock(folio);
	folio_put(folio);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, MB, 0x4a1f), MB);
	KUNIT_EXPECT_EQ(test, *(volatile u32 *)(addr + MB), 0);
}

/*
 * The uniform split keeps the lock and the caller's reference on the
 * folio of the page it was given (split_huge_page_to_list_to_order()).
 */
static void uniform_split_locks_the_given_page(struct kunit *test)
{
	unsigned long addr, first[32];
	struct folio *folio = locked_thp(test, &addr, 0x0d15);
	unsigned long pfn = folio_pfn(folio);
	unsigned int order[32], n = 0;
	struct folio *mine;

	for (unsigned long p = 0; p < HPAGE_PMD_NR; p += 16, n++) {
		first[n] = p;
		order[n] = 4;
	}
	KUNIT_ASSERT_EQ(test, split_huge_page_to_list_to_order(folio_page(folio, 100), NULL, 4), 0);
	expect_layout(test, addr, pfn, first, order, n, 100);
	mine = page_folio(pfn_to_page(pfn + 100));
	KUNIT_EXPECT_EQ(test, folio_pfn(mine), pfn + 96);
	folio_unlock(mine);
	folio_put(mine);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 0x0d15), 2 * MB);
}

/* try_folio_split_to_order(): non-uniform where it can, uniform otherwise. */
static void try_folio_split_to_order_falls_back(struct kunit *test)
{
	unsigned long addr, first[16];
	struct folio *folio = locked_thp(test, &addr, 0x7e57);
	unsigned long pfn = folio_pfn(folio);
	unsigned int order[16], n = buddy_split_layout(7, 2, first, order);
	struct vm_events_snapshot ev;

	take_vm_events(&ev);
	/* order 1: neither split can make it, and nothing happens */
	KUNIT_EXPECT_EQ(test, try_folio_split_to_order(folio, folio_page(folio, 7), 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, vm_level(test, addr), MAPPING_PMD);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE_FAILED, 0);
	KUNIT_ASSERT_EQ(test, n, 8);				/* 8, 7, ... 3 and two of 2 */
	KUNIT_ASSERT_EQ(test, try_folio_split_to_order(folio, folio_page(folio, 7), 2), 0);
	expect_layout(test, addr, pfn, first, order, n, 0);
	folio_unlock(folio);
	folio_put(folio);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 0x7e57), 2 * MB);
}

/* Writes a formatted line to split_huge_pages, as to Linux's debugfs file. */
#define write_split_huge_pages(fmt, ...) ({					\
	char __buf[128];							\
	snprintf(__buf, sizeof(__buf), fmt, ##__VA_ARGS__);			\
	split_huge_pages_write(__buf, strlen(__buf));				\
})

static void split_huge_pages_debug_trigger(struct kunit *test)
{
	unsigned long a, b, c, first[16];
	unsigned int order[16], n = buddy_split_layout(5, 0, first, order);
	struct folio *fa = vm_filled_thp(test, &a, 1);
	struct folio *fb = vm_filled_thp(test, &b, 2);
	struct folio *fc = vm_filled_thp(test, &c, 3);

	/* bad input changes nothing */
	KUNIT_EXPECT_EQ(test, write_split_huge_pages("2,0x%lx,0x%lx", a, a + 2 * MB), -ESRCH);
	/* (as in Linux, "1,<not 0x...>" would parse as "1": split everything) */
	KUNIT_EXPECT_EQ(test, write_split_huge_pages("2,%lu,%lu", a, a + 2 * MB), -EINVAL);
	KUNIT_EXPECT_EQ(test, write_split_huge_pages("1,0x%lx", a), -EINVAL);
	KUNIT_EXPECT_EQ(test, split_huge_pages_write("", 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, vm_level(test, a), MAPPING_PMD);
	/* one page of a's range, new order 0, around page 5: non-uniform */
	KUNIT_EXPECT_GT(test, write_split_huge_pages("1,0x%lx,0x%lx,0,5\n", a, a + PAGE_SIZE), 0);
	expect_layout(test, a, folio_pfn(fa), first, order, n, HPAGE_PMD_NR);
	/* all of b to order 3: uniform */
	KUNIT_EXPECT_GT(test, write_split_huge_pages("1,0x%lx,0x%lx,3", b, b + 2 * MB), 0);
	for (unsigned long p = 0; p < HPAGE_PMD_NR; p += 8)
		KUNIT_EXPECT_EQ(test, folio_order(page_folio(folio_page(fb, p))), 3);
	/* "1": every THP in RAM, c's too, down to order 0 */
	KUNIT_EXPECT_EQ(test, write_split_huge_pages("1"), 1);
	for (unsigned long p = 0; p < HPAGE_PMD_NR; p++) {
		KUNIT_EXPECT_EQ(test, folio_order(page_folio(folio_page(fa, p))), 0);
		KUNIT_EXPECT_EQ(test, folio_order(page_folio(folio_page(fb, p))), 0);
		KUNIT_EXPECT_EQ(test, folio_order(page_folio(folio_page(fc, p))), 0);
		KUNIT_EXPECT_EQ(test, folio_ref_count(page_folio(folio_page(fc, p))), 1);
	}
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(a, 2 * MB, 1), 2 * MB);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(b, 2 * MB, 2), 2 * MB);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(c, 2 * MB, 3), 2 * MB);
}

static struct kunit_case thp_split_cases[] = {
	KUNIT_CASE(refused_split_keeps_the_pmd),
	KUNIT_CASE(folio_split_is_buddy_like),
	KUNIT_CASE(folio_split_frees_the_unmapped_half),
	KUNIT_CASE(uniform_split_locks_the_given_page),
	KUNIT_CASE(try_folio_split_to_order_falls_back),
	KUNIT_CASE(split_huge_pages_debug_trigger),
	{}
};

static struct kunit_suite thp_split_suite = {
	.name = "thp_split",
	.init = vm_case_init,
	.exit = vm_case_exit,
	.test_cases = thp_split_cases,
};
kunit_test_suite(thp_split_suite);
