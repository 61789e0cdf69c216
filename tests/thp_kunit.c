/*
 * tests/thp_kunit.c - transparent huge pages: faults, fallback, the huge
 * zero page, split_huge_pmd(), split_folio_to_order(), partial unmap.
 *
 * Each case checks the data, the page-table level (mm_find_mapping), the
 * folio's counts, the vmstat counters, and - in the suite's exit - that
 * every page came back when the address space was destroyed.
 */
#include "mm_check.h"
#include <mm/mmap.h>
#include <mm/slab.h>
#include <mm/shrinker.h>

static void thp_fault_maps_one_pmd(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 4 * MB), allocs = vm_event_count(THP_FAULT_ALLOC);
	unsigned long free0;

	vm_prepare_anon_vma(test, addr);
	free0 = nr_free_pages_drained();
	struct folio *folio;
	struct mm_mapping m;

	*(volatile u8 *)(addr + 12345) = 42;	/* any byte of the 2 MiB */
	mm_find_mapping(vm_case_mm(test), addr + 1 * MB, &m);
	KUNIT_EXPECT_EQ(test, m.level, MAPPING_PMD);
	KUNIT_EXPECT_TRUE(test, m.writable);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_FAULT_ALLOC), allocs + 1);
	folio = vm_folio_at(test, addr);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_EXPECT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&folio->_entire_mapcount) + 1, 1);
	KUNIT_EXPECT_TRUE(test, folio_test_anon(folio));
	KUNIT_EXPECT_EQ(test, m.pfn, folio_pfn(folio) + 256);	/* 1 MiB in */
	KUNIT_EXPECT_EQ(test, get_mm_counter(vm_case_mm(test), MM_ANONPAGES), 512);
	/* 512 pages of data, the pud and pmd tables, one deposited PTE table */
	KUNIT_EXPECT_EQ(test, free0 - nr_free_pages_drained(), 512 + 3);
	KUNIT_EXPECT_EQ(test, *(volatile u8 *)(addr + 12345), 42);
	KUNIT_EXPECT_EQ(test, *(volatile int *)(addr + 2 * MB - 4), 0);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_FAULT_ALLOC), allocs + 1);	/* one fault */
}

static void policy_gives_4k(struct kunit *test)
{
	struct mm_struct *mm = vm_case_mm(test);
	unsigned long a = VM_MMAP(test, 2 * MB), b = VM_MMAP(test, 2 * MB);
	unsigned long c = VM_MMAP(test, 2 * MB), d = VM_MMAP(test, 2 * MB);

	KUNIT_EXPECT_EQ(test, do_madvise(mm, a, 2 * MB, MADV_NOHUGEPAGE), 0);
	*(volatile int *)a = 1;
	KUNIT_EXPECT_EQ(test, vm_level(test, a), MAPPING_PTE);
	set_transparent_hugepage_mode(THP_MODE_NEVER);
	*(volatile int *)b = 1;
	KUNIT_EXPECT_EQ(test, vm_level(test, b), MAPPING_PTE);
	set_transparent_hugepage_mode(THP_MODE_MADVISE);
	*(volatile int *)c = 1;				/* not advised: 4 KiB */
	KUNIT_EXPECT_EQ(test, vm_level(test, c), MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, do_madvise(mm, d, 2 * MB, MADV_HUGEPAGE), 0);
	KUNIT_EXPECT_TRUE(test, vm_vma(test, d)->vm_flags & VM_HUGEPAGE);
	*(volatile int *)d = 1;				/* advised: a THP */
	KUNIT_EXPECT_EQ(test, vm_level(test, d), MAPPING_PMD);
}

static void thp_allocation_failure_falls_back(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 2 * MB), fallback = vm_event_count(THP_FAULT_FALLBACK);
	unsigned long allocs = vm_event_count(THP_FAULT_ALLOC);

	fail_page_alloc_setup(HPAGE_PMD_ORDER, 1, 100, 1, 0);	/* order 9 fails once */
	vm_fill(addr, 2 * MB, 7);
	KUNIT_EXPECT_EQ(test, vm_level(test, addr), MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, vm_level(test, addr + 2 * MB - 1), MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_FAULT_FALLBACK), fallback + 1);
	/* The next faults in this 2 MiB find a PTE table: no more THP attempts. */
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_FAULT_ALLOC), allocs);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 7), 2 * MB);
	KUNIT_EXPECT_EQ(test, get_mm_counter(vm_case_mm(test), MM_ANONPAGES), 512);
}

static void unaligned_vma_has_4k_edges(struct kunit *test)
{
	unsigned long base = VM_MMAP(test, 8 * MB), addr;

	KUNIT_ASSERT_EQ(test, vm_munmap(base, 8 * MB), 0);
	/* [base+1M, base+6M): 4 KiB at the ragged start, THPs in the aligned middle */
	addr = vm_mmap(NULL, base + 1 * MB, 5 * MB, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	KUNIT_ASSERT_EQ(test, addr, base + 1 * MB);
	for (unsigned long off = 0; off < 5 * MB; off += 256 * 1024)
		*(volatile u32 *)(addr + off) = (u32)off;
	KUNIT_EXPECT_EQ(test, vm_level(test, base + 1 * MB), MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, vm_level(test, base + 2 * MB - PAGE_SIZE), MAPPING_NONE);
	KUNIT_EXPECT_EQ(test, vm_level(test, base + 2 * MB), MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, vm_level(test, base + 4 * MB), MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, vm_level(test, base + 6 * MB), MAPPING_NONE);	/* outside */
	for (unsigned long off = 0; off < 5 * MB; off += 256 * 1024)
		KUNIT_EXPECT_EQ(test, *(volatile u32 *)(addr + off), (u32)off);
}

static void huge_zero_page_then_thp(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 2 * MB), allocs = vm_event_count(THP_FAULT_ALLOC);
	unsigned long free0;

	vm_prepare_anon_vma(test, addr);
	free0 = nr_free_pages_drained();
	struct mm_mapping m;

	KUNIT_EXPECT_EQ(test, *(volatile u64 *)(addr + 5000), 0);
	mm_find_mapping(vm_case_mm(test), addr, &m);
	KUNIT_EXPECT_EQ(test, m.level, MAPPING_PMD);
	KUNIT_EXPECT_TRUE(test, m.zero_page);
	KUNIT_EXPECT_FALSE(test, m.writable);
	KUNIT_EXPECT_EQ(test, m.pfn, folio_pfn(huge_zero_folio));
	KUNIT_EXPECT_EQ(test, free0 - nr_free_pages_drained(), 3);	/* page tables only */
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_FAULT_ALLOC), allocs);

	*(volatile u64 *)(addr + 8) = 99;			/* now a real THP */
	mm_find_mapping(vm_case_mm(test), addr, &m);
	KUNIT_EXPECT_EQ(test, m.level, MAPPING_PMD);
	KUNIT_EXPECT_FALSE(test, m.zero_page);
	KUNIT_EXPECT_TRUE(test, m.writable);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_FAULT_ALLOC), allocs + 1);
	KUNIT_EXPECT_EQ(test, free0 - nr_free_pages_drained(), 3 + 512);
	KUNIT_EXPECT_EQ(test, *(volatile u64 *)(addr + 8), 99);
	KUNIT_EXPECT_EQ(test, *(volatile u64 *)(addr + 5000), 0);
}

static void huge_zero_write_without_thp_falls_back(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 2 * MB), splits = vm_event_count(THP_SPLIT_PMD);
	struct mm_mapping m;

	KUNIT_EXPECT_EQ(test, *(volatile u32 *)addr, 0);	/* huge zero page */
	fail_page_alloc_setup(HPAGE_PMD_ORDER, 1, 100, 1, 0);
	*(volatile u32 *)(addr + 3 * PAGE_SIZE) = 5;
	mm_find_mapping(vm_case_mm(test), addr + 3 * PAGE_SIZE, &m);
	KUNIT_EXPECT_EQ(test, m.level, MAPPING_PTE);
	KUNIT_EXPECT_FALSE(test, m.zero_page);
	mm_find_mapping(vm_case_mm(test), addr, &m);
	KUNIT_EXPECT_TRUE(test, m.zero_page);			/* the rest: 4 KiB zero pages */
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_SPLIT_PMD), splits + 1);
	KUNIT_EXPECT_EQ(test, *(volatile u32 *)(addr + 3 * PAGE_SIZE), 5);
	KUNIT_EXPECT_EQ(test, get_mm_counter(vm_case_mm(test), MM_ANONPAGES), 1);
}

static void split_huge_pmd_keeps_every_byte(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 2 * MB), free0;
	unsigned long splits = vm_event_count(THP_SPLIT_PMD);
	struct folio *folio;

	vm_fill(addr, 2 * MB, 0x1000);
	folio = vm_folio_at(test, addr);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	free0 = nr_free_pages_drained();
	split_huge_pmd(vm_vma(test, addr), mm_find_pmd(vm_case_mm(test), addr), addr);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_SPLIT_PMD), splits + 1);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0);		/* the deposit was used */
	for (unsigned long off = 0; off < 2 * MB; off += PAGE_SIZE)
		KUNIT_ASSERT_EQ(test, vm_level(test, addr + off), MAPPING_PTE);
	/* The same folio, now mapped by 512 PTEs, one reference each. */
	KUNIT_EXPECT_PTR_EQ(test, vm_folio_at(test, addr + MB), folio);
	KUNIT_EXPECT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 512);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 512);
	KUNIT_EXPECT_EQ(test, atomic_read(&folio->_entire_mapcount) + 1, 0);
	KUNIT_EXPECT_EQ(test, page_mapcount(folio_page(folio, 77)), 1);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 0x1000), 2 * MB);
}

static void split_folio_to_orders(struct kunit *test)
{
	static const int orders[] = { 0, 2, 4 };

	for (unsigned int i = 0; i < ARRAY_SIZE(orders); i++) {
		unsigned long addr = VM_MMAP(test, 2 * MB), step = 1UL << orders[i];
		unsigned long splits = vm_event_count(THP_SPLIT_PAGE);
		struct folio *folio;

		vm_fill(addr, 2 * MB, 0xbeef0000u * i);
		folio = vm_folio_at(test, addr);
		KUNIT_ASSERT_NOT_NULL(test, folio);
		folio_get(folio);
		folio_lock(folio);
		KUNIT_EXPECT_EQ(test, split_folio_to_order(folio, 1), -EINVAL);
		folio_get(folio);			/* an unexpected reference */
		KUNIT_EXPECT_EQ(test, split_folio_to_order(folio, orders[i]), -EAGAIN);
		folio_put(folio);
		KUNIT_ASSERT_EQ(test, split_folio_to_order(folio, orders[i]), 0);
		KUNIT_EXPECT_EQ(test, vm_event_count(THP_SPLIT_PAGE), splits + 1);
		for (unsigned long p = 0; p < 512; p += step) {
			struct folio *f = page_folio(folio_page(folio, p));

			KUNIT_ASSERT_PTR_EQ(test, &f->page, folio_page(folio, p));
			KUNIT_ASSERT_EQ(test, folio_order(f), orders[i]);
			KUNIT_ASSERT_EQ(test, folio_mapcount(f), step);
			KUNIT_ASSERT_EQ(test, folio_ref_count(f), step + (p == 0));
			KUNIT_ASSERT_EQ(test, folio_test_locked(f), p == 0);
			KUNIT_ASSERT_TRUE(test, folio_test_anon(f));
			KUNIT_ASSERT_PTR_EQ(test, vm_folio_at(test, addr + p * PAGE_SIZE), f);
		}
		folio_unlock(folio);
		folio_put(folio);
		KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 0xbeef0000u * i), 2 * MB);
		KUNIT_EXPECT_EQ(test, vm_munmap(addr, 2 * MB), 0);
	}
}

/*
 * Unmapping 1 MiB in the middle of a THP splits the PMD but not the folio:
 * it waits, whole, on the deferred-split queue, and its 256 unmapped pages
 * come back only when the shrinker splits it (drop_slab() here).
 */
static void partial_unmap_frees_256(struct kunit *test, bool dontneed)
{
	struct mm_struct *mm = vm_case_mm(test);
	unsigned long addr, free0;
	struct folio *folio = vm_filled_thp(test, &addr, 0x5150);
	struct vm_events_snapshot ev;

	take_vm_events(&ev);
	free0 = nr_free_pages_drained();
	if (dontneed)
		KUNIT_EXPECT_EQ(test, do_madvise(mm, addr + MB / 2, MB, MADV_DONTNEED), 0);
	else
		KUNIT_EXPECT_EQ(test, vm_munmap(addr + MB / 2, MB), 0);
	/* no page is freed yet; munmap's second VMA and its anon_vma_chain may take a slab page */
	KUNIT_EXPECT_LE(test, free0 - nr_free_pages_drained(), dontneed ? 0UL : 1UL);
	free0 = nr_free_pages_drained();
	KUNIT_EXPECT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 256);
	KUNIT_EXPECT_TRUE(test, folio_test_partially_mapped(folio));
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PMD, 1);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_DEFERRED_SPLIT_PAGE, 1);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE, 0);
	drop_slab();
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0 + 256);
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PAGE, 1);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 256);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, MB / 2, 0x5150), MB / 2);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr + 3 * MB / 2, MB / 2, 0x5150 + 3 * MB / 8),
			MB / 2);
	KUNIT_EXPECT_EQ(test, mm->map_count, dontneed ? 1 : 2);
	if (dontneed)		/* the hole reads back as zeroes */
		KUNIT_EXPECT_EQ(test, *(volatile u32 *)(addr + MB), 0);
}

static void munmap_middle_of_thp(struct kunit *test)
{
	partial_unmap_frees_256(test, false);
}

static void dontneed_middle_of_thp(struct kunit *test)
{
	partial_unmap_frees_256(test, true);
}

static void munmap_whole_thp_frees_it_all(struct kunit *test)
{
	unsigned long keep = VM_MMAP(test, PAGE_SIZE);	/* keeps the upper tables in use */
	unsigned long addr = VM_MMAP(test, 2 * MB), free0;
	void *pin = kmalloc(sizeof(struct vm_area_struct), GFP_KERNEL);	/* keeps the slab page */

	vm_fill(addr, 2 * MB, 1);
	*(volatile int *)keep = 1;
	free0 = nr_free_pages_drained();
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, 2 * MB), 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0 + 512 + 1);	/* + the deposit */
	KUNIT_EXPECT_EQ(test, vm_level(test, addr), MAPPING_NONE);
	KUNIT_EXPECT_EQ(test, get_mm_counter(vm_case_mm(test), MM_ANONPAGES), 1);
	kfree(pin);
	/* The range is empty again: a new mapping there gets a THP again. */
	addr = vm_mmap(NULL, addr, 2 * MB, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	vm_fill(addr, 2 * MB, 2);
	KUNIT_EXPECT_EQ(test, vm_level(test, addr), MAPPING_PMD);
}

static struct kunit_case thp_cases[] = {
	KUNIT_CASE(thp_fault_maps_one_pmd),
	KUNIT_CASE(policy_gives_4k),
	KUNIT_CASE(thp_allocation_failure_falls_back),
	KUNIT_CASE(unaligned_vma_has_4k_edges),
	KUNIT_CASE(huge_zero_page_then_thp),
	KUNIT_CASE(huge_zero_write_without_thp_falls_back),
	KUNIT_CASE(split_huge_pmd_keeps_every_byte),
	KUNIT_CASE(split_folio_to_orders),
	KUNIT_CASE(munmap_middle_of_thp),
	KUNIT_CASE(dontneed_middle_of_thp),
	KUNIT_CASE(munmap_whole_thp_frees_it_all),
	{}
};

static struct kunit_suite thp_suite = {
	.name = "thp",
	.init = vm_case_init,
	.exit = vm_case_exit,
	.test_cases = thp_cases,
};
kunit_test_suite(thp_suite);
