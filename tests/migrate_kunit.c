/*
 * tests/migrate_kunit.c - the migrate_vma engine beyond the hmm-tests ports:
 * the split path in both directions, a failure in the middle of a range,
 * the collect-time split, the counters of each path, the device's free
 * lists re-coalescing, exhaustion and bad input.  Fixture: tests/hmm_check.h
 * (nothing may leak, on either side).
 */
#include "hmm_check.h"
#include <mm/migrate.h>

static struct dmirror *dev(struct kunit *test)
{
	return hmm_ctx(test)->dmirror;
}


static long cmd_at(struct kunit *test, struct hmm_buffer *b, void *addr, unsigned long size,
		   unsigned int req)
{
	return hmm_dmirror_cmd_at(dev(test), req, b, addr, size >> PAGE_SHIFT);
}

static void expect_pages(struct kunit *test, int *p, unsigned long size, bool device,
			 enum mapping_level level)
{
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		struct mm_mapping m = hmm_mapping(test, (char *)p + off);

		if (m.device_private != device || m.level != level) {
			KUNIT_FAIL(test, "at +%#lx: device %d level %d, expected %d %d", off,
				   m.device_private, m.level, device, level);
			return;
		}
	}
}

/* Device THP -> RAM when RAM has no THP: the device folio is split. */
static void dev_to_sys_split_without_system_thp(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), splits = vm_event_count(THP_MIGRATION_SPLIT);
	struct dmirror_device_stats before, after;
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, cmd_at(test, &b, map, TWOMEG, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	expect_pages(test, map, TWOMEG, true, MAPPING_PMD);
	dmirror_device_stats(0, &before);
	fail_page_alloc_setup(HPAGE_PMD_ORDER, 1, 100, -1, 0);	/* no 2 MiB in RAM */
	KUNIT_EXPECT_EQ(test, cmd_at(test, &b, map, TWOMEG, HMM_DMIRROR_MIGRATE_TO_SYS), 0);
	fail_page_alloc_disable();
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);	/* 512 small entries */
	dmirror_device_stats(0, &after);
	KUNIT_EXPECT_EQ(test, after.folio_splits, before.folio_splits + 1);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_MIGRATION_SPLIT), splits + 1);
	expect_pages(test, map, TWOMEG, false, MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, first_not_index(map, n), n);
	hmm_buffer_free(&b);
}

/*
 * The same through a CPU read: a PMD fault whose destination is 4 KiB
 * pages.  mmlab splits the device THP and the read succeeds at once; in
 * Linux 6.19 folio_split_unmapped() refuses the fault folio (one reference
 * too many), the entry fails and the fault is retried - forever if no
 * system THP can be had.  docs/migration.md, "Where mmlab differs from
 * Linux", gives the lines.
 */
static void pmd_fault_split_without_system_thp(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), splits = vm_event_count(THP_MIGRATION_SPLIT);
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, cmd_at(test, &b, map, TWOMEG, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	fail_page_alloc_setup(HPAGE_PMD_ORDER, 1, 100, -1, 0);
	KUNIT_EXPECT_EQ(test, ((volatile int *)map)[12345], 12345);	/* the fault */
	fail_page_alloc_disable();
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_MIGRATION_SPLIT), splits + 1);
	expect_pages(test, map, TWOMEG, false, MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, first_not_index(map, n), n);
	hmm_buffer_free(&b);
}

/* Four THPs; the third cannot get a device THP (FAIL_ALLOC) and is split. */
static void fail_alloc_in_the_middle(struct kunit *test)
{
	unsigned long size = 4 * TWOMEG, n = size / sizeof(int);
	unsigned long moved = vm_event_count(THP_MIGRATION_SUCCESS);
	unsigned long splits = vm_event_count(THP_MIGRATION_SPLIT);
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, size);

	KUNIT_ASSERT_EQ(test, cmd_at(test, &b, map, 2 * TWOMEG, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_EXPECT_EQ(test, cmd_at(test, &b, map, size, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, size >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
	expect_pages(test, map, 2 * TWOMEG, true, MAPPING_PMD);
	expect_pages(test, map + 2 * n / 4, TWOMEG, true, MAPPING_PTE);
	expect_pages(test, map + 3 * n / 4, TWOMEG, true, MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_MIGRATION_SUCCESS), moved + 3);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_MIGRATION_SPLIT), splits + 1);
	KUNIT_EXPECT_EQ(test, first_not_index(map, n), n);		/* all back */
	hmm_buffer_free(&b);
}

/* Migrating 1 MiB inside a THP splits it at collect time. */
static void collect_splits_partly_covered_thp(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), splits = vm_event_count(THP_SPLIT_PAGE);
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	int *mid = map + n / 4;

	KUNIT_ASSERT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, cmd_at(test, &b, mid, ONEMEG, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, ONEMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_SPLIT_PAGE), splits + 1);
	expect_pages(test, map, ONEMEG / 2, false, MAPPING_PTE);
	expect_pages(test, mid, ONEMEG, true, MAPPING_PTE);
	expect_pages(test, mid + n / 2, ONEMEG / 2, false, MAPPING_PTE);
	for (unsigned long i = 0; i < ONEMEG / sizeof(int); i += 1024)
		KUNIT_ASSERT_EQ(test, ((int *)b.mirror)[i], (int)(n / 4 + i));
	hmm_buffer_free(&b);
}

/*
 * The same with a pin on the THP: collect's split_folio() refuses it
 * before touching the PMD (Linux's __folio_split() checks the references
 * first), so the THP stays one PMD on the CPU and nothing is collected.
 */
static void collect_leaves_pinned_thp_whole(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), pmd_splits = vm_event_count(THP_SPLIT_PMD);
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	int *mid = map + n / 4;
	struct folio *folio = page_folio(pfn_to_page(hmm_mapping(test, map).pfn));

	folio_get(folio);				/* the pin */
	/* -ENOENT: the device got none of the pages it asked for */
	KUNIT_EXPECT_EQ(test, cmd_at(test, &b, mid, ONEMEG, HMM_DMIRROR_MIGRATE_TO_DEV), -ENOENT);
	KUNIT_EXPECT_EQ(test, b.cpages, 0);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_SPLIT_PMD), pmd_splits);
	expect_pages(test, map, TWOMEG, false, MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 2);
	folio_put(folio);
	KUNIT_EXPECT_EQ(test, first_not_index(map, n), n);
	hmm_buffer_free(&b);
}

/* 4 KiB pages: no THP counters move, PGMIGRATE_SUCCESS counts pages. */
static void small_pages_counted(struct kunit *test)
{
	unsigned long ok0 = vm_event_count(PGMIGRATE_SUCCESS), thp0 = vm_event_count(THP_MIGRATION_SUCCESS);
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, vm_munmap((unsigned long)map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, vm_mmap(NULL, (unsigned long)map, TWOMEG, PROT_READ | PROT_WRITE,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), (unsigned long)map);
	KUNIT_EXPECT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)map, TWOMEG, MADV_NOHUGEPAGE), 0);
	fill_index(map, 16 * PAGE_SIZE / sizeof(int));
	KUNIT_EXPECT_EQ(test, cmd_at(test, &b, map, 16 * PAGE_SIZE, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, 16);
	KUNIT_EXPECT_EQ(test, vm_event_count(PGMIGRATE_SUCCESS), ok0 + 16);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_MIGRATION_SUCCESS), thp0);
	expect_pages(test, map, 16 * PAGE_SIZE, true, MAPPING_PTE);
	hmm_buffer_free(&b);
}

/* Small device pages freed one by one merge back into 2 MiB blocks. */
static void device_memory_recoalesces(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int);
	struct dmirror_device_stats before, during, after;
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	dmirror_device_stats(0, &before);
	KUNIT_EXPECT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_EXPECT_EQ(test, cmd_at(test, &b, map, TWOMEG, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	dmirror_device_stats(0, &during);
	KUNIT_EXPECT_EQ(test, during.free_pages, before.free_pages - 512);
	KUNIT_EXPECT_LT(test, during.free_huge, before.free_huge);	/* a block was split */
	/* The CPU faults the pages back one 4 KiB page at a time. */
	for (unsigned long i = 0; i < n; i += PAGE_SIZE / sizeof(int))
		KUNIT_ASSERT_EQ(test, ((volatile int *)map)[i], (int)i);
	dmirror_device_stats(0, &after);
	KUNIT_EXPECT_EQ(test, after.free_pages, before.free_pages);
	KUNIT_EXPECT_EQ(test, after.free_huge, before.free_huge);	/* merged back */
	KUNIT_EXPECT_EQ(test, after.cfree - before.cfree, 512);
	hmm_buffer_free(&b);
}

/*
 * munmap of part of a device THP: as in Linux, a device-private folio is
 * never queued for a deferred split (__folio_remove_rmap()), so it stays
 * whole on the device.  The first CPU fault on it splits it (collect,
 * migrate_vma_split_folio()), and then the unmapped 256 pages go back,
 * with each page the CPU faults back.
 */
static void munmap_part_of_device_thp(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), dev0;
	unsigned long deferred = vm_event_count(THP_DEFERRED_SPLIT_PAGE);
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, cmd_at(test, &b, map, TWOMEG, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	dev0 = dmirror_device_free_pages(0);
	KUNIT_EXPECT_EQ(test, vm_munmap((unsigned long)map + ONEMEG / 2, ONEMEG), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), dev0);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_DEFERRED_SPLIT_PAGE), deferred);
	expect_pages(test, map, ONEMEG / 2, true, MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, first_not_index(map, n / 4), n / 4);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), dev0 + 256 + 128);
	hmm_buffer_free(&b);
}

/* More than the device holds: what fits moves, the rest stays, -ENOENT says so. */
static void device_memory_exhausted(struct kunit *test)
{
	unsigned long dev_bytes = dmirror_device_free_pages(0) << PAGE_SHIFT;
	unsigned long size = dev_bytes + 2 * TWOMEG, n = size / sizeof(int);
	struct hmm_buffer b;
	int *map;

	if (dev_bytes > (128UL << 20))
		kunit_skip(test, "device memory larger than this test's budget");
	map = hmm_filled_window(test, &b, size);
	KUNIT_EXPECT_EQ(test, cmd_at(test, &b, map, size, HMM_DMIRROR_MIGRATE_TO_DEV), -ENOENT);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, dev_bytes >> PAGE_SHIFT);	/* what the device holds */
	KUNIT_EXPECT_EQ(test, first_not_index(map, n), n);		/* nothing lost */
	hmm_buffer_free(&b);
}

/* Half of a device THP back to RAM: collect splits the device folio. */
static void partial_device_thp_to_system(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), dev0;
	struct dmirror_device_stats before, after;
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, cmd_at(test, &b, map, TWOMEG, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	dmirror_device_stats(0, &before);
	dev0 = dmirror_device_free_pages(0);
	KUNIT_EXPECT_EQ(test, cmd_at(test, &b, map + n / 2, ONEMEG, HMM_DMIRROR_MIGRATE_TO_SYS), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, 256);
	dmirror_device_stats(0, &after);
	KUNIT_EXPECT_EQ(test, after.folio_splits, before.folio_splits + 1);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), dev0 + 256);
	expect_pages(test, map, ONEMEG, true, MAPPING_PTE);
	expect_pages(test, map + n / 2, ONEMEG, false, MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, first_not_index(map, n), n);
	hmm_buffer_free(&b);
}

/*
 * A device THP moved to an unaligned address is mapped by 512 device PTEs
 * (the folio stays large).  A CPU read in its middle faults through a PTE:
 * collect must split the folio and hand the fault's lock over to the small
 * folio of the faulting page.
 */
static void pte_fault_in_middle_of_device_thp(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), to;
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, cmd_at(test, &b, map, TWOMEG, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_ASSERT_EQ(test, vm_munmap((unsigned long)map + TWOMEG, TWOMEG), 0);
	to = vm_mremap((unsigned long)map, TWOMEG, TWOMEG, MREMAP_MAYMOVE | MREMAP_FIXED,
		       (unsigned long)map + TWOMEG + 5 * PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, to, (unsigned long)map + TWOMEG + 5 * PAGE_SIZE);
	expect_pages(test, (int *)to, TWOMEG, true, MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, ((volatile int *)to)[300 * 1024], 300 * 1024);	/* page 300 first */
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, (char *)to + 300 * PAGE_SIZE).device_private);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, (char *)to + 299 * PAGE_SIZE).device_private);
	KUNIT_EXPECT_EQ(test, first_not_index((int *)to, n), n);
	KUNIT_EXPECT_EQ(test, vm_munmap(to, TWOMEG), 0);
	hmm_buffer_free(&b);
}

static void migrate_vma_setup_bad_input(struct kunit *test)
{
	unsigned long src[4], dst[4];
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct vm_area_struct *vma = vma_lookup(hmm_mm(test), (unsigned long)map);
	struct migrate_vma args = {
		.vma = vma, .src = src, .dst = dst, .start = (unsigned long)map,
		.end = (unsigned long)map + 4 * PAGE_SIZE, .flags = MIGRATE_VMA_SELECT_SYSTEM,
	};
	struct migrate_vma bad;

	bad = args; bad.vma = NULL;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&bad), -EINVAL);
	bad = args; bad.src = NULL;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&bad), -EINVAL);
	bad = args; bad.dst = NULL;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&bad), -EINVAL);
	bad = args; bad.end = bad.start;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&bad), -EINVAL);
	bad = args; bad.start = vma->vm_start - PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&bad), -EINVAL);
	bad = args; bad.end = vma->vm_end + PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&bad), -EINVAL);
	bad = args; bad.fault_page = pfn_to_page(hmm_mapping(test, map).pfn);	/* RAM, not device */
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&bad), -EINVAL);
	/* device pages of another owner are not selected */
	KUNIT_ASSERT_EQ(test, cmd_at(test, &b, map, TWOMEG, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	bad = args;
	bad.flags = MIGRATE_VMA_SELECT_DEVICE_PRIVATE;
	bad.pgmap_owner = &bad;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&bad), 0);
	KUNIT_EXPECT_EQ(test, bad.cpages, 0);
	migrate_vma_pages(&bad);
	migrate_vma_finalize(&bad);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	hmm_buffer_free(&b);
}

static void dmirror_ioctl_bad_input(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct hmm_dmirror_cmd cmd = { .addr = (u64)map, .ptr = (u64)b.mirror, .npages = 1 };
	unsigned long none = vm_mmap(NULL, 0, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, 0);

	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), 0x12345, &cmd), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(NULL, HMM_DMIRROR_MIGRATE_TO_DEV, &cmd), -EINVAL);
	cmd.addr = (u64)map + 8;
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &cmd), -EINVAL);
	cmd.addr = 0x40000000;					/* nothing mapped */
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &cmd), -EINVAL);
	cmd.addr = none;					/* PROT_NONE */
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &cmd), -EINVAL);
	cmd.addr = (u64)map;
	cmd.npages = 0;
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), HMM_DMIRROR_MIGRATE_TO_SYS, &cmd), -EINVAL);
	cmd.npages = 1;
	cmd.ptr = 0;
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &cmd), -EFAULT);
	KUNIT_EXPECT_NULL(test, dmirror_open(7));
	KUNIT_EXPECT_EQ(test, first_not_index(map, TWOMEG / sizeof(int)), TWOMEG / sizeof(int));
	hmm_buffer_free(&b);
}

static struct kunit_case migrate_cases[] = {
	KUNIT_CASE(dev_to_sys_split_without_system_thp),
	KUNIT_CASE(pmd_fault_split_without_system_thp),
	KUNIT_CASE(fail_alloc_in_the_middle),
	KUNIT_CASE(collect_splits_partly_covered_thp),
	KUNIT_CASE(collect_leaves_pinned_thp_whole),
	KUNIT_CASE(small_pages_counted),
	KUNIT_CASE(device_memory_recoalesces),
	KUNIT_CASE(munmap_part_of_device_thp),
	KUNIT_CASE(device_memory_exhausted),
	KUNIT_CASE(partial_device_thp_to_system),
	KUNIT_CASE(pte_fault_in_middle_of_device_thp),
	KUNIT_CASE(migrate_vma_setup_bad_input),
	KUNIT_CASE(dmirror_ioctl_bad_input),
	{}
};

static struct kunit_suite migrate_suite = {
	.name = "migrate",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = migrate_cases,
};
kunit_test_suite(migrate_suite);
