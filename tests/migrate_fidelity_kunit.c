/*
 * tests/migrate_fidelity_kunit.c - migrate_vma and device eviction behave
 * as in Linux 6.19: protections come from vm_page_prot (PROT_NONE stays
 * inaccessible after a migration), RELEASE evicts every device page of
 * every mm, a filled 2 MiB hole keeps COMPOUND, a pinned device page is
 * collected and refused later, setup rounds its range down, a pinned THP
 * partly covered stays whole, and misuse between setup and finalize is
 * refused.  Fixture: tests/hmm_check.h (nothing may leak, on either side).
 */
#include "hmm_check.h"
#include <mm/migrate.h>
#include <mm/uaccess.h>
#include <mm/huge_mm.h>
#include <mm/memremap.h>
#include <mm/vmstat.h>
#include <kernel/sched.h>

static struct dmirror *dev(struct kunit *test)
{
	return hmm_ctx(test)->dmirror;
}

/* An aligned 2 MiB window of ints 0, 1, 2, ... inside b. */
static int *window(struct kunit *test, struct hmm_buffer *b)
{
	unsigned long map;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(b, 2 * TWOMEG, PROT_READ | PROT_WRITE, TWOMEG));
	map = ALIGN((unsigned long)b->ptr, TWOMEG);
	fill_index((int *)map, TWOMEG / sizeof(int));
	return (int *)map;
}

static bool cpu_can_read(const void *addr)
{
	int v;

	return !copy_from_user(&v, addr, sizeof(v));
}

/* A locked RAM folio for a migrate_vma destination. */
static struct folio *ram_dst(unsigned int order)
{
	struct folio *folio = folio_alloc(order ? GFP_TRANSHUGE : __GFP_ZERO, order);

	if (folio)
		folio_lock(folio);
	return folio;
}

/* C: pages inserted into a PROT_NONE VMA (4 KiB and 2 MiB) stay inaccessible. */
static void insert_into_prot_none_vma_faults(struct kunit *test)
{
	unsigned long src[HPAGE_PMD_NR], dst[HPAGE_PMD_NR];
	void *buf = map_anon(2 * TWOMEG, PROT_NONE);
	unsigned long map = ALIGN((unsigned long)buf, TWOMEG);
	struct migrate_vma args = {
		.vma = vma_lookup(hmm_mm(test), map), .src = src, .dst = dst,
		.start = map, .end = map + TWOMEG,
		.flags = MIGRATE_VMA_SELECT_SYSTEM | MIGRATE_VMA_SELECT_COMPOUND,
	};
	struct folio *thp, *small;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_ASSERT_EQ(test, args.cpages, 1);		/* one 2 MiB hole */
	thp = ram_dst(HPAGE_PMD_ORDER);
	KUNIT_ASSERT_NOT_NULL(test, thp);
	memset(folio_address(thp), 0, TWOMEG);		/* a hole reads as zeroes */
	dst[0] = migrate_pfn(folio_pfn(thp)) | MIGRATE_PFN_COMPOUND;
	migrate_vma_pages(&args);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, (void *)map).level, MAPPING_PMD);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, (void *)map).protnone);
	KUNIT_EXPECT_FALSE(test, cpu_can_read((void *)map));

	args.start = map + TWOMEG;			/* now a 4 KiB hole */
	args.end = args.start + PAGE_SIZE;
	args.flags = MIGRATE_VMA_SELECT_SYSTEM;
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	small = ram_dst(0);
	KUNIT_ASSERT_NOT_NULL(test, small);
	dst[0] = migrate_pfn(folio_pfn(small));
	migrate_vma_pages(&args);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, (void *)args.start).protnone);
	KUNIT_EXPECT_FALSE(test, cpu_can_read((void *)args.start));
	/* Access comes back with the protection, the data with it. */
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)buf, 2 * TWOMEG,
					  PROT_READ), 0);
	KUNIT_EXPECT_TRUE(test, cpu_can_read((void *)map));
	KUNIT_EXPECT_EQ(test, ((int *)map)[100], 0);
	vm_munmap((unsigned long)buf, 2 * TWOMEG);
}

/* C + D: RELEASE brings device pages of a PROT_NONE VMA back, still PROT_NONE. */
static void release_evicts_prot_none_and_stays_inaccessible(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), total = dmirror_device_free_pages(0);
	struct hmm_buffer b;
	int *map = window(test, &b);

	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, map,
						 HPAGE_PMD_NR), 0);
	/* and one 4 KiB page of the next window, PTE-mapped on the device */
	((int *)map)[n + 1] = 77;
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b,
						 map + n, 1), 0);
	KUNIT_EXPECT_LT(test, dmirror_device_free_pages(0), total);
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)b.ptr, b.size, PROT_NONE), 0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_RELEASE, &b, 1), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), total);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);	/* came back whole */
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).protnone);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + n).protnone);
	KUNIT_EXPECT_FALSE(test, cpu_can_read(map));
	KUNIT_EXPECT_FALSE(test, cpu_can_read(map + n));
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)b.ptr, b.size, PROT_READ), 0);
	KUNIT_EXPECT_EQ(test, first_not_index(map, n), n);
	KUNIT_EXPECT_EQ(test, map[n + 1], 77);
	hmm_buffer_free(&b);
}

/* D: a write-only VMA's device pages are evicted too. */
static void release_evicts_write_only_vma(struct kunit *test)
{
	unsigned long total = dmirror_device_free_pages(0);
	struct hmm_buffer b;
	int *map = window(test, &b);

	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, map, 4), 0);
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)b.ptr, b.size, PROT_WRITE), 0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_RELEASE, &b, 1), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), total);
	KUNIT_EXPECT_EQ(test, map[3 * PAGE_SIZE / sizeof(int) + 5], 3 * PAGE_SIZE / sizeof(int) + 5);
	hmm_buffer_free(&b);
}

/* 7: RELEASE evicts the device's pages of every mm, not just the caller's. */
static void release_evicts_two_address_spaces(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), total = dmirror_device_free_pages(0);
	struct mm_struct *mm1 = hmm_mm(test), *mm2 = mm_alloc();
	struct hmm_buffer b1, b2;
	struct dmirror *d2;
	int *map1 = window(test, &b1), *map2;

	KUNIT_ASSERT_NOT_NULL(test, mm2);
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b1, map1,
						 HPAGE_PMD_NR), 0);
	kthread_unuse_mm(mm1);
	kthread_use_mm(mm2);
	map2 = window(test, &b2);
	for (unsigned long i = 0; i < n; i++)
		map2[i] = -(int)i;
	d2 = dmirror_open(0);
	KUNIT_ASSERT_NOT_NULL(test, d2);
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(d2, HMM_DMIRROR_MIGRATE_TO_DEV, &b2, map2, 8), 0);
	dmirror_close(d2);			/* closing evicts nothing, as in Linux */
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), total - HPAGE_PMD_NR - 8);
	kthread_unuse_mm(mm2);
	kthread_use_mm(mm1);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_RELEASE, &b1, 1), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), total);
	KUNIT_EXPECT_EQ(test, first_not_index(map1, n), n);
	kthread_unuse_mm(mm1);
	kthread_use_mm(mm2);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map2).device_private);
	KUNIT_EXPECT_EQ(test, first_not_value(map2 + 5, 1, -5), 1);
	KUNIT_EXPECT_EQ(test, map2[7 * PAGE_SIZE / sizeof(int)], -(int)(7 * PAGE_SIZE / sizeof(int)));
	hmm_buffer_free(&b2);
	kthread_unuse_mm(mm2);
	mmput(mm2);
	kthread_use_mm(mm1);
	hmm_buffer_free(&b1);
}

/* 4: a 2 MiB hole filled by a 2 MiB destination keeps COMPOUND in src. */
static void filled_huge_hole_keeps_compound(struct kunit *test)
{
	unsigned long src[HPAGE_PMD_NR], dst[HPAGE_PMD_NR];
	struct hmm_buffer b;
	int *map = window(test, &b);
	struct migrate_vma args = {
		.vma = vma_lookup(hmm_mm(test), (unsigned long)map), .src = src, .dst = dst,
		.start = (unsigned long)map, .end = (unsigned long)map + TWOMEG,
		.flags = MIGRATE_VMA_SELECT_SYSTEM | MIGRATE_VMA_SELECT_COMPOUND,
	};
	struct folio *thp;

	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)map, TWOMEG,
					 MADV_DONTNEED), 0);
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_ASSERT_EQ(test, src[0], MIGRATE_PFN_MIGRATE | MIGRATE_PFN_COMPOUND);
	thp = ram_dst(HPAGE_PMD_ORDER);
	KUNIT_ASSERT_NOT_NULL(test, thp);
	memset(folio_address(thp), 0x5a, TWOMEG);	/* the "copy" */
	dst[0] = migrate_pfn(folio_pfn(thp)) | MIGRATE_PFN_COMPOUND;
	migrate_vma_pages(&args);
	KUNIT_EXPECT_EQ(test, src[0], MIGRATE_PFN_MIGRATE | MIGRATE_PFN_COMPOUND);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).pfn, folio_pfn(thp));
	KUNIT_EXPECT_EQ(test, map[HPAGE_PMD_NR], 0x5a5a5a5a);
	hmm_buffer_free(&b);
}

/* 5: a device page with one extra reference is collected, then refused. */
static void pinned_device_page_collected_then_refused(struct kunit *test)
{
	unsigned long src[1], dst[1];
	struct hmm_buffer b;
	int *map = window(test, &b);
	struct folio *dfolio, *ram;
	struct migrate_vma args = {
		.vma = vma_lookup(hmm_mm(test), (unsigned long)map), .src = src, .dst = dst,
		.start = (unsigned long)map, .end = (unsigned long)map + PAGE_SIZE,
		.flags = MIGRATE_VMA_SELECT_DEVICE_PRIVATE,
	};

	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, map, 1), 0);
	KUNIT_ASSERT_TRUE(test, hmm_mapping(test, map).device_private);
	dfolio = page_folio(pfn_to_page(hmm_mapping(test, map).pfn));
	args.pgmap_owner = page_pgmap(&dfolio->page)->owner;
	folio_get(dfolio);					/* the pin */
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_EXPECT_EQ(test, args.cpages, 1);			/* counted, as in Linux */
	KUNIT_EXPECT_TRUE(test, src[0] & MIGRATE_PFN_MIGRATE);
	ram = ram_dst(0);
	KUNIT_ASSERT_NOT_NULL(test, ram);
	dst[0] = migrate_pfn(folio_pfn(ram));
	migrate_vma_pages(&args);
	KUNIT_EXPECT_FALSE(test, src[0] & MIGRATE_PFN_MIGRATE);	/* the mapping check */
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, folio_ref_count(dfolio), 2);
	folio_put(dfolio);
	KUNIT_EXPECT_EQ(test, map[7], 7);			/* faults it back */
	hmm_buffer_free(&b);
}

/* 6: start and end are rounded down; then Linux's checks, Linux's errors. */
static void setup_rounds_range_down(struct kunit *test)
{
	unsigned long src[4], dst[4];
	struct hmm_buffer b;
	int *map = window(test, &b);
	struct vm_area_struct *vma = vma_lookup(hmm_mm(test), (unsigned long)map);
	struct migrate_vma args = {
		.vma = vma, .src = src, .dst = dst, .start = (unsigned long)map + 100,
		.end = (unsigned long)map + 3 * PAGE_SIZE + 5, .flags = MIGRATE_VMA_SELECT_SYSTEM,
	};

	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)map, TWOMEG,
					 MADV_NOHUGEPAGE), 0);
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_EXPECT_EQ(test, args.start, (unsigned long)map);
	KUNIT_EXPECT_EQ(test, args.end, (unsigned long)map + 3 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, args.npages, 3);
	migrate_vma_pages(&args);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_EQ(test, map[2 * PAGE_SIZE / sizeof(int)], 2 * PAGE_SIZE / sizeof(int));
	args.start = (unsigned long)map + PAGE_SIZE;		/* end before start */
	args.end = (unsigned long)map;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&args), -EINVAL);
	args.start = vma->vm_end;				/* start at the end */
	args.end = vma->vm_end + PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&args), -EINVAL);
	hmm_buffer_free(&b);
}

/* 1: a pinned THP that the range covers only in part stays whole and mapped. */
static void pinned_thp_partly_covered_stays_whole(struct kunit *test)
{
	unsigned long src[1], dst[1], pmd_splits = vm_event_count(THP_SPLIT_PMD);
	struct hmm_buffer b;
	int *map = window(test, &b);
	struct folio *thp;
	struct migrate_vma args = {
		.vma = vma_lookup(hmm_mm(test), (unsigned long)map), .src = src, .dst = dst,
		.start = (unsigned long)map + PAGE_SIZE, .end = (unsigned long)map + 2 * PAGE_SIZE,
		.flags = MIGRATE_VMA_SELECT_SYSTEM | MIGRATE_VMA_SELECT_COMPOUND,
	};

	KUNIT_ASSERT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	thp = page_folio(pfn_to_page(hmm_mapping(test, map).pfn));
	folio_get(thp);						/* the pin */
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_EXPECT_EQ(test, args.cpages, 0);
	KUNIT_EXPECT_EQ(test, src[0], 0);
	migrate_vma_pages(&args);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_SPLIT_PMD), pmd_splits);
	KUNIT_EXPECT_EQ(test, folio_ref_count(thp), 2);
	folio_put(thp);
	KUNIT_EXPECT_EQ(test, first_not_index(map, TWOMEG / sizeof(int)), TWOMEG / sizeof(int));
	hmm_buffer_free(&b);
}

/* 1: split_folio() of a pinned PMD-mapped THP: -EAGAIN, the PMD untouched. */
static void refused_split_keeps_pmd(struct kunit *test)
{
	unsigned long pmd_splits = vm_event_count(THP_SPLIT_PMD);
	unsigned long page_splits = vm_event_count(THP_SPLIT_PAGE);
	struct hmm_buffer b;
	int *map = window(test, &b);
	struct folio *thp = page_folio(pfn_to_page(hmm_mapping(test, map).pfn));

	KUNIT_ASSERT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	folio_get(thp);			/* the caller's reference */
	folio_get(thp);			/* and a pin */
	folio_lock(thp);
	KUNIT_EXPECT_EQ(test, split_folio(thp), -EAGAIN);
	folio_unlock(thp);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_SPLIT_PMD), pmd_splits);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_SPLIT_PAGE), page_splits);
	KUNIT_EXPECT_EQ(test, folio_ref_count(thp), 3);
	KUNIT_EXPECT_EQ(test, folio_mapcount(thp), 1);
	folio_put(thp);
	folio_put(thp);
	KUNIT_EXPECT_EQ(test, first_not_index(map, TWOMEG / sizeof(int)), TWOMEG / sizeof(int));
	hmm_buffer_free(&b);
}

/* E: munmap, mremap, mprotect between setup and finalize are refused. */
static void mremap_between_setup_and_pages_is_refused(struct kunit *test)
{
	unsigned long src[1], dst[1], addr;
	struct hmm_buffer b;
	int *map = window(test, &b);
	struct migrate_vma args = {
		.vma = vma_lookup(hmm_mm(test), (unsigned long)map), .src = src, .dst = dst,
		.start = (unsigned long)map, .end = (unsigned long)map + PAGE_SIZE,
		.flags = MIGRATE_VMA_SELECT_SYSTEM,
	};

	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)map, TWOMEG,
					 MADV_NOHUGEPAGE), 0);
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_ASSERT_EQ(test, args.cpages, 1);
	addr = vm_mremap((unsigned long)map, TWOMEG, 2 * TWOMEG, MREMAP_MAYMOVE, 0);
	KUNIT_EXPECT_EQ(test, addr, (unsigned long)-EBUSY);
	KUNIT_EXPECT_EQ(test, vm_munmap((unsigned long)map, PAGE_SIZE), -EBUSY);
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, PAGE_SIZE, PROT_READ),
			-EBUSY);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).migration);
	migrate_vma_pages(&args);			/* no destination: stays */
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_EQ(test, map[5], 5);
	addr = vm_mremap((unsigned long)map, TWOMEG, TWOMEG / 2, 0, 0);	/* allowed again */
	KUNIT_EXPECT_EQ(test, addr, (unsigned long)map);
	KUNIT_EXPECT_EQ(test, map[5], 5);
	hmm_buffer_free(&b);
}

static struct kunit_case migrate_fidelity_cases[] = {
	KUNIT_CASE(insert_into_prot_none_vma_faults),
	KUNIT_CASE(release_evicts_prot_none_and_stays_inaccessible),
	KUNIT_CASE(release_evicts_write_only_vma),
	KUNIT_CASE(release_evicts_two_address_spaces),
	KUNIT_CASE(filled_huge_hole_keeps_compound),
	KUNIT_CASE(pinned_device_page_collected_then_refused),
	KUNIT_CASE(setup_rounds_range_down),
	KUNIT_CASE(pinned_thp_partly_covered_stays_whole),
	KUNIT_CASE(refused_split_keeps_pmd),
	KUNIT_CASE(mremap_between_setup_and_pages_is_refused),
	{}
};

static struct kunit_suite migrate_fidelity_suite = {
	.name = "migrate_fidelity",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = migrate_fidelity_cases,
};
kunit_test_suite(migrate_fidelity_suite);
