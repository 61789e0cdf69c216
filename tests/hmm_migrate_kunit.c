/*
 * tests/hmm_migrate_kunit.c - Linux's hmm-tests migration cases, ported.
 *
 * Each case follows tools/testing/selftests/mm/hmm-tests.c (the same
 * sizes, the same assertions, in the same order; "ptr" is the mapping,
 * "mirror" the buffer the device copies into), with what the kernel side
 * adds: the mapping level and kind after each step, and - in the fixture -
 * that every system and device page came back.
 */
#include "hmm_check.h"

static struct dmirror *dev(struct kunit *test)
{
	return hmm_ctx(test)->dmirror;
}

/* migrate: 4 MiB, every page to the device and read back by the device. */
static void migrate(struct kunit *test)
{
	unsigned long npages = HMM_BUFFER_SIZE >> PAGE_SHIFT;
	struct hmm_buffer b;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, HMM_BUFFER_SIZE, PROT_READ | PROT_WRITE,
						 HMM_BUFFER_SIZE));
	fill_index(b.ptr, HMM_BUFFER_SIZE / sizeof(int));
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, npages), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, npages);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, HMM_BUFFER_SIZE / sizeof(int)),
			HMM_BUFFER_SIZE / sizeof(int));
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, b.ptr).device_private);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0),
			hmm_ctx(test)->dev_free[0] - npages);
	hmm_buffer_free(&b);
}

/* migrate_fault: migrate, read the first half back on the CPU, migrate again. */
static void migrate_fault(struct kunit *test)
{
	unsigned long npages = HMM_BUFFER_SIZE >> PAGE_SHIFT, n = HMM_BUFFER_SIZE / sizeof(int);
	struct hmm_buffer b;
	int *ptr;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, HMM_BUFFER_SIZE, PROT_READ | PROT_WRITE,
						 HMM_BUFFER_SIZE));
	ptr = b.ptr;
	fill_index(ptr, n);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, npages), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, npages);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
	/* the CPU faults the first half back */
	KUNIT_EXPECT_EQ(test, first_not_index(ptr, n / 2), n / 2);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, ptr).present);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, ptr + n / 2).device_private);
	/* migrate the whole range again: the second half is still there */
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, npages), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, npages);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
	hmm_buffer_free(&b);
}

/* migrate_release: RELEASE evicts everything back to RAM. */
static void migrate_release(struct kunit *test)
{
	unsigned long npages = HMM_BUFFER_SIZE >> PAGE_SHIFT, n = HMM_BUFFER_SIZE / sizeof(int);
	struct hmm_buffer b;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, HMM_BUFFER_SIZE, PROT_READ | PROT_WRITE,
						 HMM_BUFFER_SIZE));
	fill_index(b.ptr, n);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, npages), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, npages);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_RELEASE, &b, npages), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, b.ptr).present);
	KUNIT_EXPECT_EQ(test, first_not_index(b.ptr, n / 2), n / 2);
	hmm_buffer_free(&b);
}

/* migrate_multiple: ten rounds of map, migrate, read back, unmap. */
static void migrate_multiple(struct kunit *test)
{
	unsigned long npages = HMM_BUFFER_SIZE >> PAGE_SHIFT, n = HMM_BUFFER_SIZE / sizeof(int);

	for (int round = 0; round < 10; round++) {
		struct hmm_buffer b;

		KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, HMM_BUFFER_SIZE,
							 PROT_READ | PROT_WRITE, HMM_BUFFER_SIZE));
		fill_index(b.ptr, n);
		KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV,
						      &b, npages), 0);
		KUNIT_EXPECT_EQ(test, b.cpages, npages);
		KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
		KUNIT_EXPECT_EQ(test, first_not_index(b.ptr, n), n);	/* all back by faults */
		hmm_buffer_free(&b);
	}
}

/* A 2 MiB-aligned window inside a 4 MiB mapping, madvised for THP. */
static int *huge_window(struct kunit *test, struct hmm_buffer *b, unsigned long prot,
			bool hugepage)
{
	unsigned long map;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(b, 2 * TWOMEG, prot, 2 * TWOMEG));
	map = ALIGN((unsigned long)b->ptr, TWOMEG);
	KUNIT_EXPECT_EQ(test, do_madvise(hmm_mm(test), map, TWOMEG,
					 hugepage ? MADV_HUGEPAGE : MADV_NOHUGEPAGE), 0);
	return (int *)map;
}

/* Runs a command on the 2 MiB window at map. */
static long window_cmd(struct kunit *test, struct hmm_buffer *b, int *map, unsigned int req)
{
	return hmm_dmirror_cmd_at(dev(test), req, b, map, TWOMEG >> PAGE_SHIFT);
}

/* migrate_anon_huge_empty: an untouched 2 MiB hole becomes a device THP. */
static void migrate_anon_huge_empty(struct kunit *test)
{
	unsigned long allocs = vm_event_count(THP_FAULT_ALLOC), n = TWOMEG / sizeof(int);
	struct hmm_buffer b;
	struct mm_mapping m;
	int *map = huge_window(test, &b, PROT_READ, true);

	memset(b.mirror, 0xff, 2 * TWOMEG);
	KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, first_not_value(b.mirror, n, 0), n);
	m = hmm_mapping(test, map + n / 2);
	KUNIT_EXPECT_EQ(test, m.level, MAPPING_PMD);		/* a device-private PMD */
	KUNIT_EXPECT_TRUE(test, m.device_private);
	KUNIT_EXPECT_EQ(test, hmm_snapshot(dev(test), map), HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL |
			HMM_DMIRROR_PROT_PMD | HMM_DMIRROR_PROT_READ);	/* a read-only VMA */
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_FAULT_ALLOC), allocs + 1);	/* inserted */
	hmm_buffer_free(&b);
}

/* migrate_anon_huge_zero: the huge zero page counts as a hole. */
static void migrate_anon_huge_zero(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int);
	struct hmm_buffer b;
	int *map = huge_window(test, &b, PROT_READ, true);

	KUNIT_EXPECT_EQ(test, *(volatile int *)map, 0);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).zero_page);
	memset(b.mirror, 0xff, 2 * TWOMEG);
	KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, first_not_value(b.mirror, n, 0), n);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	/* the CPU reads it back through a PMD fault */
	KUNIT_EXPECT_EQ(test, first_not_value(map, n, 0), n);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).present);
	hmm_buffer_free(&b);
}

/* migrate_anon_huge_free: a device THP freed by MADV_FREE then munmap. */
static void migrate_anon_huge_free(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int);
	struct hmm_buffer b;
	int *map = huge_window(test, &b, PROT_READ | PROT_WRITE, true);

	fill_index(map, n);
	KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
	KUNIT_EXPECT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)map, TWOMEG, MADV_FREE), 0);
	hmm_buffer_free(&b);		/* zaps the device PMD: the fixture sees it freed */
}

/* migrate_anon_huge_fault: a device THP comes back whole on a CPU read. */
static void migrate_anon_huge_fault(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), moved = vm_event_count(THP_MIGRATION_SUCCESS);
	struct hmm_buffer b;
	int *map = huge_window(test, &b, PROT_READ | PROT_WRITE, true);

	fill_index(map, n);
	KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
	KUNIT_EXPECT_EQ(test, first_not_index(map, n), n);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map + 1000).level, MAPPING_PMD);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + 1000).present);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_MIGRATION_SUCCESS), moved + 2);	/* there and back */
	hmm_buffer_free(&b);
}

/* migrate_anon_huge_err: FAIL_ALLOC forces the split path, both ways. */
static void migrate_anon_huge_err(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int), splits = vm_event_count(THP_MIGRATION_SPLIT);
	struct hmm_buffer b;
	int *map = huge_window(test, &b, PROT_READ | PROT_WRITE, true);

	memset(b.mirror, 0xff, 2 * TWOMEG);
	fill_index(map, n);
	KUNIT_EXPECT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_MIGRATION_SPLIT), splits + 1);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PTE);	/* 512 device PTEs */
	KUNIT_EXPECT_EQ(test, ((volatile int *)map)[2048], 2048);	/* one 4 KiB fault */
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + 2048).present);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + 4096).device_private);
	/* SNAPSHOT: split device pages and the page back in RAM have no PMD bit */
	KUNIT_EXPECT_EQ(test, hmm_snapshot(dev(test), map + 4096),
			HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL | HMM_DMIRROR_PROT_WRITE);
	KUNIT_EXPECT_EQ(test, hmm_snapshot(dev(test), map + 2048), HMM_DMIRROR_PROT_WRITE);
	hmm_buffer_free(&b);

	/* Again, with a real device THP coming back to a system without THPs. */
	map = huge_window(test, &b, PROT_READ | PROT_WRITE, true);
	fill_index(map, n);
	KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, hmm_snapshot(dev(test), map + 4096), HMM_DMIRROR_PROT_PMD |
			HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL | HMM_DMIRROR_PROT_WRITE);
	KUNIT_EXPECT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_SYS), 0);
	KUNIT_EXPECT_EQ(test, ((volatile int *)map)[2048], 2048);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, hmm_snapshot(dev(test), map + 4096), HMM_DMIRROR_PROT_WRITE);
	KUNIT_EXPECT_EQ(test, first_not_index(map, n), n);
	KUNIT_EXPECT_EQ(test, vm_event_count(THP_MIGRATION_SPLIT), splits + 2);
	hmm_buffer_free(&b);
}

/* migrate_anon_huge_zero_err: a 2 MiB hole filled with 512 small device pages. */
static void migrate_anon_huge_zero_err(struct kunit *test)
{
	unsigned long n = TWOMEG / sizeof(int);
	struct hmm_buffer b;
	int *map = huge_window(test, &b, PROT_READ, true);

	memset(b.mirror, 0xff, 2 * TWOMEG);
	KUNIT_EXPECT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, first_not_value(b.mirror, n, 0), n);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, ((volatile int *)map)[2048], 0);
	hmm_buffer_free(&b);

	/* Again over the huge zero page. */
	map = huge_window(test, &b, PROT_READ, true);
	KUNIT_EXPECT_EQ(test, *(volatile int *)map, 0);
	KUNIT_EXPECT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, first_not_value(map, n, 0), n);
	hmm_buffer_free(&b);
}

/* migrate_partial_unmap_fault: munmap 1 MiB of what is on the device. */
static void migrate_partial_unmap_fault(struct kunit *test)
{
	static const unsigned long offsets[] = { 0, ONEMEG / 2, ONEMEG };
	unsigned long n = TWOMEG / sizeof(int);

	for (int use_thp = 0; use_thp < 2; use_thp++) {
		for (unsigned int o = 0; o < ARRAY_SIZE(offsets); o++) {
			unsigned long off = offsets[o];
			struct hmm_buffer b;
			int *map = huge_window(test, &b, PROT_READ | PROT_WRITE, use_thp);

			fill_index(map, n);
			KUNIT_EXPECT_EQ(test, window_cmd(test, &b, map, HMM_DMIRROR_MIGRATE_TO_DEV), 0);
			KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
			KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
			vm_munmap((unsigned long)map + off, ONEMEG);	/* return not checked */
			for (unsigned long i = 0; i < n; i++) {
				unsigned long byte = i * sizeof(int);

				if (byte >= off && byte < off + ONEMEG)
					continue;
				if (((volatile int *)map)[i] != (int)i) {
					KUNIT_FAIL(test, "use_thp %d offset %#lx: ptr[%lu] = %d",
						   use_thp, off, i, map[i]);
					break;
				}
			}
			hmm_buffer_free(&b);
		}
	}
}

static struct kunit_case hmm_migrate_cases[] = {
	KUNIT_CASE(migrate),
	KUNIT_CASE(migrate_fault),
	KUNIT_CASE(migrate_release),
	KUNIT_CASE(migrate_multiple),
	KUNIT_CASE(migrate_anon_huge_empty),
	KUNIT_CASE(migrate_anon_huge_zero),
	KUNIT_CASE(migrate_anon_huge_free),
	KUNIT_CASE(migrate_anon_huge_fault),
	KUNIT_CASE(migrate_anon_huge_err),
	KUNIT_CASE(migrate_anon_huge_zero_err),
	KUNIT_CASE(migrate_partial_unmap_fault),
	{}
};

static struct kunit_suite hmm_migrate_suite = {
	.name = "hmm_migrate",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = hmm_migrate_cases,
};
kunit_test_suite(hmm_migrate_suite);
