/*
 * tests/migrate_hostile_kunit.c - migrate_vma, migrate_device_range and
 * dmirror driven with bad input and misuse: arguments Linux refuses, pages
 * locked or pinned by someone else, eviction with no RAM, protections and
 * mremap changing under device memory, buffers inside the range being
 * migrated, destinations of the wrong size.  Each case checks the data,
 * the references, the free pages on both sides and the counters; the
 * fixture (tests/hmm_check.h) checks that nothing leaked.
 */
#include "hmm_check.h"
#include <mm/migrate.h>
#include <mm/uaccess.h>
#include <mm/huge_mm.h>
#include <mm/memremap.h>
#include <mm/vmstat.h>
#include <mm/hmm.h>
#include <mm/mmu_notifier.h>
#include <kernel/sched.h>
#include <kernel/panic.h>

#define NINTS		(TWOMEG / sizeof(int))	/* ints in 2 MiB */
#define PAGE_INTS	(PAGE_SIZE / sizeof(int))
#define SYS_COMPOUND	(MIGRATE_VMA_SELECT_SYSTEM | MIGRATE_VMA_SELECT_COMPOUND)
#define DEV_COMPOUND	(MIGRATE_VMA_SELECT_DEVICE_PRIVATE | MIGRATE_VMA_SELECT_COMPOUND)

static struct dmirror *dev(struct kunit *test)
{
	return hmm_ctx(test)->dmirror;
}

static long to_dev(struct kunit *test, struct hmm_buffer *b, void *addr, unsigned long size)
{
	return hmm_dmirror_cmd_at(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, b, addr,
				  size >> PAGE_SHIFT);
}

static long to_sys(struct kunit *test, struct hmm_buffer *b, void *addr, unsigned long size)
{
	return hmm_dmirror_cmd_at(dev(test), HMM_DMIRROR_MIGRATE_TO_SYS, b, addr,
				  size >> PAGE_SHIFT);
}

static long release(struct kunit *test, struct hmm_buffer *b)
{
	return hmm_dmirror_cmd(dev(test), HMM_DMIRROR_RELEASE, b, 1);	/* Linux wants npages > 0 */
}

/* Can the CPU write v at p?  (No read first: a read may migrate the page.) */
static bool cpu_writes(int *p, int v)
{
	return !copy_to_user(p, &v, sizeof(v));
}

/* Does the CPU read v at p?  A failed access is false, not an oops. */
static bool cpu_reads(const int *p, int v)
{
	int got;

	return !copy_from_user(&got, p, sizeof(got)) && got == v;
}

/* The device folio that maps addr (a device-private entry). */
static struct folio *device_folio(struct kunit *test, void *addr)
{
	struct mm_mapping m = hmm_mapping(test, addr);

	KUNIT_ASSERT_TRUE(test, m.device_private);
	return page_folio(pfn_to_page(m.pfn));
}

/* A locked RAM folio for a migrate_vma destination. */
static struct folio *ram_dst(unsigned int order)
{
	struct folio *folio = folio_alloc(order ? GFP_TRANSHUGE : __GFP_ZERO, order);

	if (folio)
		folio_lock(folio);
	return folio;
}

/* migrate_vma arguments for npages at addr, in the VMA there now. */
static struct migrate_vma range_args(struct kunit *test, void *addr, unsigned long npages,
				     unsigned long *src, unsigned long *dst, unsigned long flags)
{
	return (struct migrate_vma){
		.vma = vma_lookup(hmm_mm(test), (unsigned long)addr), .src = src, .dst = dst,
		.start = (unsigned long)addr, .end = (unsigned long)addr + (npages << PAGE_SHIFT),
		.flags = flags,
	};
}

/* Every int of [p, p + n) is its index plus base. */
static unsigned long first_bad(const int *p, unsigned long n, int base)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != (int)i + base)
			return i;
	return n;
}

/* ---- migrate_vma_setup() arguments ------------------------------------- */

/* Each argument Linux refuses: -EINVAL, src untouched, the mm not left busy. */
static void setup_rejects_bad_arguments(struct kunit *test)
{
	unsigned long src[4], dst[4];
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct vm_area_struct *vma = vma_lookup(hmm_mm(test), (unsigned long)map);
	struct folio *unlocked;
	struct migrate_vma bad, good = range_args(test, map, 4, src, dst,
						  MIGRATE_VMA_SELECT_SYSTEM);
	unsigned long a = (unsigned long)map;
	struct { unsigned long start, end; } ranges[] = {
		{ a + PAGE_SIZE, a },					/* end < start */
		{ a, a },						/* empty */
		{ a + 100, a + 200 },					/* under a page */
		{ vma->vm_end, vma->vm_end + PAGE_SIZE },		/* start == vm_end */
		{ vma->vm_start - PAGE_SIZE, vma->vm_start + PAGE_SIZE }, /* before the VMA */
		{ a, a + (1UL << 62) },					/* huge npages */
		{ a, ~0UL },						/* to the top */
		{ 0, PAGE_SIZE },					/* another place */
	};

	for (unsigned long i = 0; i < ARRAY_SIZE(ranges); i++) {
		bad = good;
		bad.start = ranges[i].start;
		bad.end = ranges[i].end;
		src[0] = 0x5a5a;
		if (migrate_vma_setup(&bad) != -EINVAL || src[0] != 0x5a5a)
			KUNIT_FAIL(test, "range %lu [%#lx, %#lx) not refused", i,
				   bad.start, bad.end);
	}
	/* (NULL vma, src, dst: migrate.migrate_vma_setup_bad_input) */
	/* a device page as fault_page, but not locked */
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map + NINTS - PAGE_INTS, PAGE_SIZE), 0);
	unlocked = device_folio(test, map + NINTS - PAGE_INTS);
	bad = good; bad.fault_page = &unlocked->page;
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&bad), -EINVAL);
	/* none of it left the mm busy or moved anything */
	KUNIT_EXPECT_EQ(test, hmm_mm(test)->migrate_vma_active, 0);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).migration);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/* A range over two VMAs (a split made by mprotect) is -EINVAL, as in Linux. */
static void setup_range_crossing_vmas(struct kunit *test)
{
	unsigned long src[8], dst[8];
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	unsigned long mid = (unsigned long)map + 4 * PAGE_SIZE;
	struct migrate_vma args = range_args(test, map, 8, src, dst,
					     MIGRATE_VMA_SELECT_SYSTEM);

	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), mid, TWOMEG - 4 * PAGE_SIZE, PROT_READ), 0);
	args.vma = vma_lookup(hmm_mm(test), (unsigned long)map);
	KUNIT_ASSERT_EQ(test, args.vma->vm_end, mid);
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&args), -EINVAL);
	args.vma = vma_lookup(hmm_mm(test), mid);
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&args), -EINVAL);
	KUNIT_EXPECT_EQ(test, hmm_mm(test)->migrate_vma_active, 0);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/* Finalize without pages, and a second setup over what the first holds. */
static void nested_setup_and_finalize_without_pages(struct kunit *test)
{
	/* 16 KiB of arrays: off the (16 KiB) kernel stack */
	static unsigned long src1[HPAGE_PMD_NR], dst1[HPAGE_PMD_NR];
	static unsigned long src2[HPAGE_PMD_NR], dst2[HPAGE_PMD_NR];
	unsigned long ok = vm_event_count(PGMIGRATE_SUCCESS);
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct migrate_vma a1 = range_args(test, map, HPAGE_PMD_NR, src1, dst1, SYS_COMPOUND);
	struct migrate_vma a2 = a1;
	struct folio *thp = page_folio(pfn_to_page(hmm_mapping(test, map).pfn));

	a2.src = src2;
	a2.dst = dst2;
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&a1), 0);
	KUNIT_ASSERT_EQ(test, a1.cpages, 1);
	KUNIT_EXPECT_EQ(test, migrate_vma_setup(&a2), 0);	/* finds migration entries */
	KUNIT_EXPECT_EQ(test, a2.cpages, 0);
	KUNIT_EXPECT_EQ(test, src2[0], 0);
	migrate_vma_finalize(&a2);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).migration);	/* a1 still holds it */
	migrate_vma_finalize(&a1);				/* no pages(): all restored */
	KUNIT_EXPECT_EQ(test, hmm_mm(test)->migrate_vma_active, 0);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).pfn, folio_pfn(thp));
	KUNIT_EXPECT_FALSE(test, folio_test_locked(thp));
	KUNIT_EXPECT_EQ(test, folio_ref_count(thp), 1);
	KUNIT_EXPECT_EQ(test, vm_event_count(PGMIGRATE_SUCCESS), ok);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/* ---- destinations of the wrong size ------------------------------------ */

/* A 4 KiB source given a 2 MiB destination: the entry fails, nothing leaks. */
static void small_source_huge_destination(struct kunit *test)
{
	unsigned long src[1], dst[1], fail = vm_event_count(PGMIGRATE_FAIL);
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct folio *dfolio, *thp;
	struct migrate_vma args = range_args(test, map, 1, src, dst,
					     MIGRATE_VMA_SELECT_DEVICE_PRIVATE);

	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, PAGE_SIZE), 0);
	dfolio = device_folio(test, map);
	args.pgmap_owner = page_pgmap(&dfolio->page)->owner;
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_ASSERT_EQ(test, args.cpages, 1);
	thp = ram_dst(HPAGE_PMD_ORDER);
	KUNIT_ASSERT_NOT_NULL(test, thp);
	dst[0] = migrate_pfn(folio_pfn(thp)) | MIGRATE_PFN_COMPOUND;
	migrate_vma_pages(&args);
	KUNIT_EXPECT_FALSE(test, src[0] & MIGRATE_PFN_MIGRATE);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_EQ(test, vm_event_count(PGMIGRATE_FAIL), fail + 1);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, folio_ref_count(dfolio), 1);
	KUNIT_EXPECT_FALSE(test, folio_test_locked(dfolio));
	KUNIT_EXPECT_EQ(test, map[5], 5);			/* faults it back */
	hmm_buffer_free(&b);
}

/*
 * A destination whose COMPOUND flag lies about its folio: an order-0 page
 * flagged COMPOUND for a 2 MiB source, and a 2 MiB folio without the flag
 * for a 4 KiB source.  Mapping either would map memory that is not the
 * driver's (or panic in the rmap); the entry must fail instead, with a
 * warning, and both folios come back intact.
 */
static void destination_flag_does_not_match_folio(struct kunit *test)
{
	unsigned long src[HPAGE_PMD_NR], dst[HPAGE_PMD_NR], warns = warn_count;
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct folio *dfolio, *small, *thp;
	struct migrate_vma args = range_args(test, map, HPAGE_PMD_NR, src, dst, DEV_COMPOUND);

	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	dfolio = device_folio(test, map);
	args.pgmap_owner = page_pgmap(&dfolio->page)->owner;
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_ASSERT_EQ(test, src[0] & MIGRATE_PFN_COMPOUND, MIGRATE_PFN_COMPOUND);
	small = ram_dst(0);
	KUNIT_ASSERT_NOT_NULL(test, small);
	dst[0] = migrate_pfn(folio_pfn(small)) | MIGRATE_PFN_COMPOUND;	/* the lie */
	migrate_vma_pages(&args);
	KUNIT_EXPECT_FALSE(test, src[0] & MIGRATE_PFN_MIGRATE);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_GT(test, warn_count, warns);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, folio_ref_count(dfolio), 1);

	/* the other lie: a 4 KiB device page given a whole THP without the flag */
	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)map + TWOMEG - PAGE_SIZE,
					 PAGE_SIZE, MADV_DONTNEED), 0);
	map[NINTS - PAGE_INTS] = 77;
	KUNIT_ASSERT_EQ(test, to_sys(test, &b, map + NINTS - PAGE_INTS, PAGE_SIZE), 0);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map + NINTS - PAGE_INTS, PAGE_SIZE), 0);
	args.start = (unsigned long)map + TWOMEG - PAGE_SIZE;
	args.end = args.start + PAGE_SIZE;
	warns = warn_count;
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_ASSERT_EQ(test, args.cpages, 1);
	thp = ram_dst(HPAGE_PMD_ORDER);
	KUNIT_ASSERT_NOT_NULL(test, thp);
	dst[0] = migrate_pfn(folio_pfn(thp));
	migrate_vma_pages(&args);
	KUNIT_EXPECT_FALSE(test, src[0] & MIGRATE_PFN_MIGRATE);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_GT(test, warn_count, warns);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, (void *)args.start).device_private);
	KUNIT_EXPECT_EQ(test, map[NINTS - PAGE_INTS], 77);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS - PAGE_INTS), NINTS - PAGE_INTS);
	hmm_buffer_free(&b);
}

/* A THP source with 4 KiB destinations for only some pages: those move. */
static void huge_source_few_small_destinations(struct kunit *test)
{
	unsigned long src[HPAGE_PMD_NR], dst[HPAGE_PMD_NR];
	unsigned long ok = vm_event_count(PGMIGRATE_SUCCESS), fail = vm_event_count(PGMIGRATE_FAIL);
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct migrate_vma args = range_args(test, map, HPAGE_PMD_NR, src, dst, SYS_COMPOUND);
	struct folio *small[10];

	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_ASSERT_EQ(test, args.cpages, 1);
	for (int i = 0; i < 10; i++) {
		small[i] = ram_dst(0);
		KUNIT_ASSERT_NOT_NULL(test, small[i]);
		fill_index(folio_address(small[i]), PAGE_INTS);
		for (unsigned long k = 0; k < PAGE_INTS; k++)	/* the "copy", marked */
			((int *)folio_address(small[i]))[k] = -(int)(i * PAGE_INTS + k);
		dst[i * 7] = migrate_pfn(folio_pfn(small[i])) | MIGRATE_PFN_WRITE;
	}
	migrate_vma_pages(&args);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_EQ(test, vm_event_count(PGMIGRATE_SUCCESS), ok + 10);
	KUNIT_EXPECT_EQ(test, vm_event_count(PGMIGRATE_FAIL), fail + HPAGE_PMD_NR - 10);
	for (int i = 0; i < 10; i++) {
		KUNIT_EXPECT_EQ(test, hmm_mapping(test, map + i * 7 * PAGE_INTS).pfn,
				folio_pfn(small[i]));
		KUNIT_EXPECT_EQ(test, map[i * 7 * PAGE_INTS + 3], -(int)(i * PAGE_INTS + 3));
		map[i * 7 * PAGE_INTS + 3] = i * 7 * PAGE_INTS + 3;
	}
	for (unsigned long i = 0; i < NINTS; i++)
		if (i % (7 * PAGE_INTS) >= PAGE_INTS || i >= 70 * PAGE_INTS) {
			if (map[i] != (int)i) {
				KUNIT_FAIL(test, "int %lu is %d", i, map[i]);
				break;
			}
		}
	hmm_buffer_free(&b);
}

/* ---- migrate_device_range() ---------------------------------------------- */

/* The first pfn of the 4 MiB block of device memory holding the page at addr. */
static unsigned long device_block(struct kunit *test, void *addr)
{
	return ALIGN_DOWN(hmm_mapping(test, addr).pfn, 2 * HPAGE_PMD_NR);
}

static struct folio *evict_dst(unsigned long src)
{
	struct folio *s = page_folio(migrate_pfn_to_page(src));
	struct folio *d = ram_dst(folio_order(s));

	if (d)
		memcpy(folio_address(d), __va(PFN_PHYS(folio_pfn(s))), folio_size(s));
	return d;
}

/* Gives every locked entry a copy in RAM, then pages() and finalize(). */
static void evict_all(struct kunit *test, unsigned long *src, unsigned long *dst,
		      unsigned long npages)
{
	memset(dst, 0, npages * sizeof(*dst));
	for (unsigned long i = 0; i < npages; i++) {
		struct folio *d;

		if (!migrate_pfn_to_page(src[i]) || !(src[i] & MIGRATE_PFN_MIGRATE))
			continue;
		d = evict_dst(src[i]);
		KUNIT_ASSERT_NOT_NULL(test, d);
		dst[i] = migrate_pfn(folio_pfn(d)) |
			 (src[i] & (MIGRATE_PFN_WRITE | MIGRATE_PFN_COMPOUND));
	}
	migrate_device_pages(src, dst, npages);
	migrate_device_finalize(src, dst, npages);
}

/* Over free device memory: nothing is selected, nothing changes. */
static void device_range_over_free_pages(struct kunit *test)
{
	static unsigned long src[2 * HPAGE_PMD_NR], dst[2 * HPAGE_PMD_NR];
	unsigned long free0, fail = vm_event_count(PGMIGRATE_FAIL), block;
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, PAGE_SIZE), 0);
	block = device_block(test, map);
	KUNIT_ASSERT_EQ(test, to_sys(test, &b, map, PAGE_SIZE), 0);	/* all free again */
	free0 = dmirror_device_free_pages(0);
	migrate_device_range(src, block, ARRAY_SIZE(src));
	for (unsigned long i = 0; i < ARRAY_SIZE(src); i++)
		if (src[i]) {
			KUNIT_FAIL(test, "src[%lu] = %#lx over free memory", i, src[i]);
			break;
		}
	evict_all(test, src, dst, ARRAY_SIZE(src));
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), free0);
	KUNIT_EXPECT_EQ(test, vm_event_count(PGMIGRATE_FAIL), fail);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/* A folio someone else holds locked is skipped; twice in a row, the second gets nothing. */
static void device_range_locked_and_twice(struct kunit *test)
{
	static unsigned long src[2 * HPAGE_PMD_NR], dst[2 * HPAGE_PMD_NR];
	static unsigned long src2[2 * HPAGE_PMD_NR], dst2[2 * HPAGE_PMD_NR];
	unsigned long free0, block;
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct folio *locked;

	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)map, TWOMEG,
					 MADV_NOHUGEPAGE), 0);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, 4 * PAGE_SIZE), 0);
	block = device_block(test, map);
	for (int i = 1; i < 4; i++)
		KUNIT_ASSERT_EQ(test, device_block(test, map + i * PAGE_INTS), block);
	free0 = dmirror_device_free_pages(0);
	locked = device_folio(test, map + PAGE_INTS);
	folio_lock(locked);				/* someone holds page 1 */
	migrate_device_range(src, block, ARRAY_SIZE(src));
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + PAGE_INTS).device_private);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).migration);
	/* again, before the first one finished: everything is busy */
	migrate_device_range(src2, block, ARRAY_SIZE(src2));
	for (unsigned long i = 0; i < ARRAY_SIZE(src2); i++)
		KUNIT_ASSERT_EQ(test, src2[i], 0);
	evict_all(test, src2, dst2, ARRAY_SIZE(src2));
	evict_all(test, src, dst, ARRAY_SIZE(src));
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), free0 + 3);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map + 3 * PAGE_INTS).device_private);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + PAGE_INTS).device_private);
	KUNIT_EXPECT_EQ(test, folio_ref_count(locked), 1);
	folio_unlock(locked);
	KUNIT_EXPECT_EQ(test, first_not_index(map, 4 * PAGE_INTS), 4 * PAGE_INTS);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), free0 + 4);
	hmm_buffer_free(&b);
}

/*
 * A range that ends inside a device THP: src[] must not be written past
 * npages (Linux writes the THP's 511 zeros regardless); a range that
 * starts at a tail page selects nothing.
 */
static void device_range_cuts_a_thp(struct kunit *test)
{
	static unsigned long src[HPAGE_PMD_NR + 1], dst[HPAGE_PMD_NR];
	unsigned long head, free0;
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	head = hmm_mapping(test, map).pfn;
	free0 = dmirror_device_free_pages(0);
	migrate_device_range(src, head + 1, HPAGE_PMD_NR - 1);		/* tails only */
	for (unsigned long i = 0; i < HPAGE_PMD_NR - 1; i++)
		KUNIT_ASSERT_EQ(test, src[i], 0);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	src[100] = 0xdead;						/* the guard */
	migrate_device_range(src, head, 100);
	KUNIT_EXPECT_EQ(test, src[100], 0xdead);
	KUNIT_EXPECT_EQ(test, src[0] & (MIGRATE_PFN_MIGRATE | MIGRATE_PFN_COMPOUND),
			MIGRATE_PFN_MIGRATE | MIGRATE_PFN_COMPOUND);
	evict_all(test, src, dst, 100);
	KUNIT_EXPECT_EQ(test, src[100], 0xdead);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), free0 + HPAGE_PMD_NR);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/*
 * Between migrate_device_range() and migrate_device_finalize() the driver
 * holds no mmap_lock (Linux neither): mprotect may run.  Over a whole PMD
 * migration entry it must take write away (a failed eviction then puts
 * back a read-only device THP); over part of one it must split it into
 * PTE migration entries, as Linux's split does - never walk it as a page
 * table.
 */
static void mprotect_during_eviction(struct kunit *test)
{
	static unsigned long src[2 * HPAGE_PMD_NR], dst[2 * HPAGE_PMD_NR];
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	unsigned long block;

	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	block = device_block(test, map);
	/* whole PMD: the migration entry becomes read-only, and so does the restore */
	migrate_device_range(src, block, ARRAY_SIZE(src));
	KUNIT_ASSERT_TRUE(test, hmm_mapping(test, map).migration);
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, TWOMEG, PROT_READ), 0);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).writable);
	memset(dst, 0, sizeof(dst));
	migrate_device_pages(src, dst, ARRAY_SIZE(src));	/* no RAM given: stays */
	migrate_device_finalize(src, dst, ARRAY_SIZE(src));
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).writable);
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, TWOMEG,
					  PROT_READ | PROT_WRITE), 0);
	/* half the PMD: split into PTE migration entries, data untouched */
	migrate_device_range(src, block, ARRAY_SIZE(src));
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, ONEMEG, PROT_READ), 0);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PTE);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + NINTS - 1).migration);
	evict_all(test, src, dst, ARRAY_SIZE(src));
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_FALSE(test, cpu_writes(map + 1, 1));
	KUNIT_EXPECT_TRUE(test, cpu_writes(map + NINTS - 1, NINTS - 1));
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/*
 * munmap in the same window: Linux zaps the migration entries (they hold
 * no reference) and finalize then frees both folios.
 *
 * BUG (fix belongs in mm/memory.c): unmap_page_range() and zap_pte_range()
 * VM_BUG_ON a migration entry ("never between migrate calls"), but an
 * eviction leaves them in place without refusing munmap.
 */
static void munmap_during_eviction(struct kunit *test)
{
	static unsigned long src[2 * HPAGE_PMD_NR], dst[2 * HPAGE_PMD_NR];
	struct hmm_buffer b;
	unsigned long block;
	int *map;

	map = hmm_filled_window(test, &b, TWOMEG);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)(map + NINTS / 2), ONEMEG,
					 MADV_NOHUGEPAGE), 0);	/* PTE-mapped now */
	block = device_block(test, map);
	migrate_device_range(src, block, ARRAY_SIZE(src));
	KUNIT_EXPECT_EQ(test, vm_munmap((unsigned long)map, ONEMEG), 0);
	evict_all(test, src, dst, ARRAY_SIZE(src));
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_EQ(test, first_bad(map + NINTS / 2, NINTS / 2, NINTS / 2), NINTS / 2);
	hmm_buffer_free(&b);
}

/*
 * mremap in the same window: the migration entries move, and finalize
 * must find them at their new address.
 *
 * BUG (fix belongs in mm/mremap.c and mm/huge_memory.c): move_pte() does
 * not update the rmap index for a migration entry, so finalize misses it
 * (the entry stays, the data is freed); an unaligned move of a PMD
 * migration entry is not split (split_huge_pmd() ignores migration PMDs)
 * and move_pte() walks the entry as if it were a page table.
 */
static void mremap_during_eviction(struct kunit *test)
{
	static unsigned long src[2 * HPAGE_PMD_NR], dst[2 * HPAGE_PMD_NR];
	struct hmm_buffer b;
	unsigned long block, to;
	int *map;

	map = hmm_filled_window(test, &b, 2 * TWOMEG);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, vm_munmap((unsigned long)(map + NINTS), TWOMEG), 0);
	block = device_block(test, map);
	migrate_device_range(src, block, ARRAY_SIZE(src));
	to = vm_mremap((unsigned long)map, TWOMEG, TWOMEG, MREMAP_MAYMOVE | MREMAP_FIXED,
		       (unsigned long)map + 4 * TWOMEG + PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, to, (unsigned long)map + 4 * TWOMEG + PAGE_SIZE);
	evict_all(test, src, dst, ARRAY_SIZE(src));
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_TRUE(test, cpu_reads((int *)to + 5, 5));
	KUNIT_EXPECT_EQ(test, first_not_index((int *)to, NINTS), NINTS);
	KUNIT_EXPECT_EQ(test, vm_munmap(to, TWOMEG), 0);
	hmm_buffer_free(&b);
}

/* ---- RELEASE ------------------------------------------------------------- */

/*
 * Four device THPs in four shapes: PMD-mapped; PTE-mapped after mprotect
 * of its first half; PTE-mapped and partly unmapped by MADV_DONTNEED; and
 * 512 small pages (FAIL_ALLOC).  RELEASE brings every byte back with each
 * VMA's protection.
 */
static void *four_device_thps(struct kunit *test, struct hmm_buffer *b)
{
	int *map = hmm_filled_window(test, b, 4 * TWOMEG);

	KUNIT_ASSERT_EQ(test, to_dev(test, b, map, 3 * TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_ASSERT_EQ(test, to_dev(test, b, map + 3 * NINTS, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)(map + NINTS), ONEMEG,
					  PROT_READ), 0);
	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)(map + 2 * NINTS),
					 ONEMEG, MADV_DONTNEED), 0);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map + NINTS).level, MAPPING_PTE);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + NINTS).device_private);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + 2 * NINTS + NINTS / 2).device_private);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map + 3 * NINTS).level, MAPPING_PTE);
	/* a PMD split keeps the device folio large */
	KUNIT_EXPECT_EQ(test, folio_order(device_folio(test, map + NINTS)), HPAGE_PMD_ORDER);
	return map;
}

static void expect_four_thps_back(struct kunit *test, int *map)
{
	for (int w = 0; w < 4; w++)
		for (unsigned long off = 0; off < TWOMEG; off += PAGE_SIZE)
			if (hmm_mapping(test, (char *)(map + w * NINTS) + off).device_private) {
				KUNIT_FAIL(test, "window %d +%#lx still on the device", w, off);
				break;
			}
	KUNIT_EXPECT_FALSE(test, cpu_writes(map + NINTS, NINTS));	/* the PROT_READ half */
	KUNIT_EXPECT_TRUE(test, cpu_writes(map + NINTS + NINTS / 2, NINTS + NINTS / 2));
	KUNIT_EXPECT_EQ(test, first_not_index(map, 2 * NINTS), 2 * NINTS);
	KUNIT_EXPECT_EQ(test, first_not_value(map + 2 * NINTS, NINTS / 2, 0), NINTS / 2);
	KUNIT_EXPECT_EQ(test, first_bad(map + 2 * NINTS + NINTS / 2, NINTS + NINTS / 2,
					2 * NINTS + NINTS / 2), NINTS + NINTS / 2);
}

static void release_thps_of_every_shape(struct kunit *test)
{
	unsigned long total;
	struct hmm_buffer b;
	int *map = four_device_thps(test, &b);

	KUNIT_EXPECT_EQ(test, release(test, &b), 0);
	total = dmirror_device_free_pages(0);
	KUNIT_EXPECT_EQ(test, total, hmm_ctx(test)->dev_free[0]);
	expect_four_thps_back(test, map);
	hmm_buffer_free(&b);
}

/* How many pages of [p, p + size) are on the device. */
static unsigned long pages_on_device(struct kunit *test, int *p, unsigned long size)
{
	unsigned long n = 0;

	for (unsigned long off = 0; off < size; off += PAGE_SIZE)
		n += hmm_mapping(test, (char *)p + off).device_private;
	return n;
}

/* ... of them, those in small device folios (eviction needs no THP for these). */
static unsigned long small_pages_on_device(struct kunit *test, int *p, unsigned long size)
{
	unsigned long n = 0;

	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		struct mm_mapping m = hmm_mapping(test, (char *)p + off);

		n += m.device_private && !folio_test_large(page_folio(pfn_to_page(m.pfn)));
	}
	return n;
}

/*
 * RELEASE with no RAM at all (not even for its arrays), with every third
 * allocation failing, then with no 2 MiB of RAM: what cannot get RAM stays
 * on the device, mapped and intact, and -ENOMEM says so; with RAM back,
 * RELEASE finishes the job and the range works as before.
 */
static void release_without_ram(struct kunit *test)
{
	unsigned long used, fail, some;
	struct hmm_buffer b;
	int *map = four_device_thps(test, &b);

	used = dmirror_device_free_pages(0);
	fail = vm_event_count(PGMIGRATE_FAIL);
	fail_page_alloc_setup(0, 1, 100, -1, 0);
	KUNIT_EXPECT_EQ(test, release(test, &b), -ENOMEM);
	fail_page_alloc_disable();
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), used);
	KUNIT_EXPECT_EQ(test, vm_event_count(PGMIGRATE_FAIL), fail);	/* nothing tried */

	fail_page_alloc_setup(0, 3, 100, -1, 0);	/* the arrays, then 1 in 3 fails */
	KUNIT_EXPECT_EQ(test, release(test, &b), -ENOMEM);
	fail_page_alloc_disable();
	some = dmirror_device_free_pages(0);
	KUNIT_EXPECT_GT(test, some, used);
	KUNIT_EXPECT_LT(test, some, hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_GT(test, vm_event_count(PGMIGRATE_FAIL), fail);
	KUNIT_EXPECT_GT(test, pages_on_device(test, map + 3 * NINTS, TWOMEG), 0);
	KUNIT_EXPECT_LT(test, pages_on_device(test, map + 3 * NINTS, TWOMEG), HPAGE_PMD_NR);

	/*
	 * Small pages only: every small device folio comes back; a large one
	 * (even PTE-mapped in part) needs a 2 MiB destination, as in Linux's
	 * migrate_device_pages(), which cannot split without a VMA.
	 */
	fail_page_alloc_setup(HPAGE_PMD_ORDER, 1, 100, -1, 0);
	release(test, &b);
	fail_page_alloc_disable();
	for (int w = 0; w < 4; w++)
		KUNIT_EXPECT_EQ(test, small_pages_on_device(test, map + w * NINTS, TWOMEG), 0);

	KUNIT_EXPECT_EQ(test, release(test, &b), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	expect_four_thps_back(test, map);
	/* usable: there and back again */
	KUNIT_EXPECT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, NINTS), NINTS);
	KUNIT_EXPECT_EQ(test, to_sys(test, &b, map, TWOMEG), 0);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/*
 * A device THP at the start of a 4 MiB window and npages small device
 * pages in its second half; the THP and the first small page are pinned
 * (an extra reference, as a driver would hold).
 */
static int *pin_device_pages(struct kunit *test, struct hmm_buffer *b, unsigned long npages,
			     struct folio **thp, struct folio **small)
{
	int *map = hmm_filled_window(test, b, 2 * TWOMEG);

	KUNIT_ASSERT_EQ(test, to_dev(test, b, map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)(map + NINTS), TWOMEG,
					 MADV_NOHUGEPAGE), 0);
	KUNIT_ASSERT_EQ(test, to_dev(test, b, map + NINTS, npages * PAGE_SIZE), 0);
	*thp = device_folio(test, map);
	*small = device_folio(test, map + NINTS);
	folio_get(*thp);
	folio_get(*small);
	return map;
}

/* A device page and a device THP pinned across RELEASE stay, intact, and go after. */
static void release_with_pinned_device_pages(struct kunit *test)
{
	struct hmm_buffer b;
	struct folio *thp, *small;
	int *map = pin_device_pages(test, &b, 2, &thp, &small);

	KUNIT_EXPECT_EQ(test, release(test, &b), 0);		/* Linux's RELEASE says 0 too */
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + NINTS).device_private);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map + NINTS + PAGE_INTS).device_private);
	KUNIT_EXPECT_EQ(test, folio_ref_count(thp), 2);
	KUNIT_EXPECT_EQ(test, folio_ref_count(small), 2);
	KUNIT_EXPECT_FALSE(test, folio_test_locked(thp));
	KUNIT_EXPECT_FALSE(test, folio_test_locked(small));
	folio_put(thp);
	folio_put(small);
	KUNIT_EXPECT_EQ(test, release(test, &b), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS + 2 * PAGE_INTS), NINTS + 2 * PAGE_INTS);
	hmm_buffer_free(&b);
}

/* RELEASE while a migrate_vma holds some of the device's pages: those wait. */
static void release_while_migrate_vma_is_open(struct kunit *test)
{
	unsigned long src[4], dst[4];
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct folio *held;
	struct migrate_vma args = range_args(test, map, 4, src, dst,
					     MIGRATE_VMA_SELECT_DEVICE_PRIVATE);

	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)map, TWOMEG,
					 MADV_NOHUGEPAGE), 0);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, 8 * PAGE_SIZE), 0);
	held = device_folio(test, map);
	args.pgmap_owner = page_pgmap(&held->page)->owner;
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_ASSERT_EQ(test, args.cpages, 4);
	KUNIT_EXPECT_EQ(test, release(test, &b), 0);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).migration);	/* still ours */
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map + 4 * PAGE_INTS).device_private);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0] - 4);
	migrate_vma_pages(&args);				/* no destinations */
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, folio_ref_count(held), 1);
	KUNIT_EXPECT_EQ(test, release(test, &b), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_EQ(test, first_not_index(map, 8 * PAGE_INTS), 8 * PAGE_INTS);
	hmm_buffer_free(&b);
}

/*
 * A CPU access to a device page the driver holds a reference on: the page
 * cannot move.  With one thread nobody can drop that reference while the
 * CPU retries, so the fault must fail (SIGBUS) rather than loop; the data
 * stays on the device and reads back once the reference is gone.
 */
static void cpu_fault_on_pinned_device_page(struct kunit *test)
{
	struct hmm_buffer b;
	struct folio *thp, *small;
	int *map = pin_device_pages(test, &b, 1, &thp, &small);

	KUNIT_EXPECT_FALSE(test, cpu_reads(map + 7, 7));
	KUNIT_EXPECT_FALSE(test, cpu_reads(map + NINTS + 7, NINTS + 7));
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + NINTS).device_private);
	KUNIT_EXPECT_EQ(test, folio_ref_count(thp), 2);
	KUNIT_EXPECT_EQ(test, folio_ref_count(small), 2);
	KUNIT_EXPECT_FALSE(test, folio_test_locked(thp));
	/* the same THP mapped by PTEs: collect cannot split it while pinned */
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, ONEMEG, PROT_READ), 0);
	KUNIT_ASSERT_EQ(test, hmm_mapping(test, map).level, MAPPING_PTE);
	KUNIT_EXPECT_FALSE(test, cpu_reads(map + NINTS / 2 + 7, NINTS / 2 + 7));
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + NINTS / 2).device_private);
	KUNIT_EXPECT_EQ(test, folio_ref_count(thp), HPAGE_PMD_NR + 1);
	folio_put(thp);
	folio_put(small);
	KUNIT_EXPECT_TRUE(test, cpu_reads(map + 7, 7));
	KUNIT_EXPECT_TRUE(test, cpu_reads(map + NINTS / 2 + 7, NINTS / 2 + 7));
	KUNIT_EXPECT_TRUE(test, cpu_reads(map + NINTS + 7, NINTS + 7));
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS + PAGE_INTS), NINTS + PAGE_INTS);
	hmm_buffer_free(&b);
}

/*
 * MIGRATE_TO_SYS of a device THP with no 2 MiB of RAM and RAM running out
 * part way through the 512 small pages: -ENOMEM, and every page is either
 * still on the device or in RAM, with its data.
 */
static void migrate_to_sys_runs_out_of_ram(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	fail_page_alloc_setup(0, 100, 100, 1, 0);
	KUNIT_EXPECT_EQ(test, to_sys(test, &b, map, TWOMEG), -ENOMEM);
	fail_page_alloc_disable();
	KUNIT_EXPECT_EQ(test, fail_page_alloc.failures, 1);
	for (unsigned long i = 0; i < NINTS; i += PAGE_INTS)
		if (!cpu_reads(map + i + 1, i + 1)) {
			KUNIT_FAIL(test, "page %lu lost", i / PAGE_INTS);
			break;
		}
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/*
 * A THP window (moved to the device first if dev) whose second half
 * mremap() moved 8 MiB away: the folio is mapped in two places now.
 * Returns the moved half; *map is the half that stayed.
 */
static int *move_half_away(struct kunit *test, struct hmm_buffer *b, int **map, bool dev)
{
	unsigned long to;

	*map = hmm_filled_window(test, b, 2 * TWOMEG);
	if (dev)
		KUNIT_ASSERT_EQ(test, to_dev(test, b, *map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, vm_munmap((unsigned long)(*map + NINTS), TWOMEG), 0);
	to = vm_mremap((unsigned long)(*map + NINTS / 2), ONEMEG, ONEMEG,
		       MREMAP_MAYMOVE | MREMAP_FIXED, (unsigned long)*map + 4 * TWOMEG);
	KUNIT_ASSERT_EQ(test, to, (unsigned long)*map + 4 * TWOMEG);
	return (int *)to;
}

/* Both halves read back right, and the moved one is unmapped. */
static void expect_halves_and_unmap(struct kunit *test, int *map, int *moved)
{
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS / 2), NINTS / 2);
	KUNIT_EXPECT_EQ(test, first_bad(moved, NINTS / 2, NINTS / 2), NINTS / 2);
	KUNIT_EXPECT_EQ(test, vm_munmap((unsigned long)moved, ONEMEG), 0);
}

/*
 * RELEASE after half of a device THP moved away: both halves come back.
 *
 * BUG (fix belongs in mm/mremap.c, not ours to change): move_page_tables()
 * rewrites the index of a PTE-mapped large folio it moves only in part,
 * so mmlab's rmap (index = virtual page) is wrong for the half that
 * stayed.  try_to_migrate() then misses those pages, the folio stays
 * mapped, and RELEASE leaves all of it on the device (returning 0).
 */
static void release_after_partial_mremap(struct kunit *test)
{
	struct hmm_buffer b;
	int *map, *moved;

	moved = move_half_away(test, &b, &map, true);
	KUNIT_EXPECT_EQ(test, release(test, &b), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, moved).device_private);
	KUNIT_EXPECT_TRUE(test, cpu_reads(map + 5, 5));
	KUNIT_EXPECT_TRUE(test, cpu_reads(moved + 5, NINTS / 2 + 5));
	expect_halves_and_unmap(test, map, moved);
	hmm_buffer_free(&b);
}

/*
 * A device page pinned by the driver outlives the mm that mapped it.
 * RELEASE finds it in use; it must not walk the dead mm looking for its
 * mappings (the folio still names it), and the page stays until unpinned.
 */
static void release_pinned_page_of_dead_mm(struct kunit *test)
{
	struct mm_struct *mm1 = hmm_mm(test), *mm2 = mm_alloc();
	struct hmm_buffer b1, b2;
	struct folio *pinned;
	struct mm_mapping m;
	struct dmirror *d2;
	int *map2;

	KUNIT_ASSERT_NOT_NULL(test, mm2);
	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b1, PAGE_SIZE, PROT_READ | PROT_WRITE,
						 PAGE_SIZE));
	kthread_unuse_mm(mm1);
	kthread_use_mm(mm2);
	map2 = hmm_filled_window(test, &b2, TWOMEG);
	d2 = dmirror_open(0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd_at(d2, HMM_DMIRROR_MIGRATE_TO_DEV, &b2,
						 map2 + PAGE_INTS, 1), 0);
	mm_find_mapping(mm2, (unsigned long)(map2 + PAGE_INTS), &m);
	pinned = page_folio(pfn_to_page(m.pfn));
	folio_get(pinned);
	dmirror_close(d2);
	hmm_buffer_free(&b2);
	kthread_unuse_mm(mm2);
	mmput(mm2);				/* the only mm that mapped it is gone */
	kthread_use_mm(mm1);
	KUNIT_EXPECT_EQ(test, folio_ref_count(pinned), 1);
	KUNIT_EXPECT_FALSE(test, folio_mapped(pinned));
	KUNIT_EXPECT_EQ(test, release(test, &b1), 0);
	KUNIT_EXPECT_EQ(test, folio_ref_count(pinned), 1);
	KUNIT_EXPECT_FALSE(test, folio_test_locked(pinned));
	KUNIT_EXPECT_EQ(test, ((int *)__va(PFN_PHYS(folio_pfn(pinned))))[3], PAGE_INTS + 3);
	folio_put(pinned);			/* now it is free */
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	hmm_buffer_free(&b1);
}

/* ---- protections --------------------------------------------------------- */

/* A device THP made read-only comes back read-only, and writable again after. */
static void mprotect_read_only_device_thp(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, TWOMEG, PROT_READ), 0);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).writable);
	KUNIT_EXPECT_FALSE(test, cpu_writes(map + 9, 9));	/* refused before any migration */
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, map[9], 9);			/* the read brings it back */
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).writable);
	KUNIT_EXPECT_FALSE(test, cpu_writes(map + 9, 9));
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, TWOMEG,
					  PROT_READ | PROT_WRITE), 0);
	KUNIT_EXPECT_TRUE(test, cpu_writes(map + 9, 9));
	map[9] = -9;
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);	/* and again, writable */
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).writable);
	KUNIT_EXPECT_EQ(test, ((int *)b.mirror)[9], -9);
	map[9] = 9;
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/* Read-only RAM to the device and back, then write access. */
static void read_only_ram_round_trip(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);

	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, TWOMEG, PROT_READ), 0);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).writable);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, NINTS), NINTS);
	KUNIT_ASSERT_EQ(test, to_sys(test, &b, map, TWOMEG), 0);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_FALSE(test, cpu_writes(map, 0));
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, TWOMEG,
					  PROT_READ | PROT_WRITE), 0);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).writable);
	map[NINTS - 1] = -1;					/* a PMD fault, writable */
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS - 1), NINTS - 1);
	hmm_buffer_free(&b);
}

/*
 * PROT_NONE over small device pages and a device THP: no access and no
 * migration while it lasts (dmirror's -EINVAL as in Linux), everything
 * intact after PROT_READ | PROT_WRITE; PROT_WRITE alone reads too (x86).
 */
static void prot_none_and_write_only_over_device_pages(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, 2 * TWOMEG);

	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)(map + NINTS), TWOMEG,
					 MADV_NOHUGEPAGE), 0);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map + NINTS, 8 * PAGE_SIZE), 0);
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, 2 * TWOMEG,
					  PROT_NONE), 0);
	KUNIT_EXPECT_FALSE(test, cpu_writes(map, 0));
	KUNIT_EXPECT_FALSE(test, cpu_writes(map + NINTS, NINTS));
	KUNIT_EXPECT_EQ(test, to_sys(test, &b, map, 2 * TWOMEG), -EINVAL);
	KUNIT_EXPECT_EQ(test, to_dev(test, &b, map + NINTS + 8 * PAGE_INTS, PAGE_SIZE), -EINVAL);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map + NINTS).device_private);
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, 2 * TWOMEG,
					  PROT_WRITE), 0);
	/* the write faults it back */
	KUNIT_EXPECT_TRUE(test, cpu_writes(map + NINTS + PAGE_INTS, NINTS + PAGE_INTS));
	KUNIT_EXPECT_EQ(test, map[NINTS + PAGE_INTS + 1], NINTS + PAGE_INTS + 1);
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, 2 * TWOMEG,
					  PROT_READ | PROT_WRITE), 0);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS + 8 * PAGE_INTS), NINTS + 8 * PAGE_INTS);
	hmm_buffer_free(&b);
}

/* migrate_vma straight into a PROT_NONE VMA's pages (dmirror would refuse). */
static void migrate_prot_none_pages_directly(struct kunit *test)
{
	unsigned long src[4], dst[4];
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct folio *d[4];
	struct migrate_vma args;

	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)map, TWOMEG,
					 MADV_NOHUGEPAGE), 0);
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, TWOMEG, PROT_NONE), 0);
	/* in the VMA mprotect made */
	args = range_args(test, map, 4, src, dst, MIGRATE_VMA_SELECT_SYSTEM);
	KUNIT_ASSERT_EQ(test, migrate_vma_setup(&args), 0);
	KUNIT_EXPECT_EQ(test, args.cpages, 4);
	for (int i = 0; i < 4; i++) {
		KUNIT_EXPECT_FALSE(test, src[i] & MIGRATE_PFN_WRITE);
		d[i] = ram_dst(0);
		KUNIT_ASSERT_NOT_NULL(test, d[i]);
		memcpy(folio_address(d[i]), __va(PFN_PHYS(src[i] >> MIGRATE_PFN_SHIFT)), PAGE_SIZE);
		dst[i] = migrate_pfn(folio_pfn(d[i]));
	}
	migrate_vma_pages(&args);
	migrate_vma_finalize(&args);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).protnone);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).pfn, folio_pfn(d[0]));
	KUNIT_EXPECT_FALSE(test, cpu_writes(map, 0));
	KUNIT_ASSERT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)map, TWOMEG,
					  PROT_READ | PROT_WRITE), 0);
	KUNIT_EXPECT_TRUE(test, cpu_writes(map + 3 * PAGE_INTS, 3 * PAGE_INTS));
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/* ---- mremap of device THPs ---------------------------------------------- */

/* A device THP moved whole, then to an unaligned place: the data follows. */
static void mremap_device_thp_whole(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, 2 * TWOMEG);
	unsigned long to, to2;

	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_ASSERT_EQ(test, vm_munmap((unsigned long)(map + NINTS), TWOMEG), 0);
	to = vm_mremap((unsigned long)map, TWOMEG, TWOMEG, MREMAP_MAYMOVE | MREMAP_FIXED,
		       (unsigned long)map + 4 * TWOMEG);
	KUNIT_ASSERT_EQ(test, to, (unsigned long)map + 4 * TWOMEG);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, (void *)to).level, MAPPING_PMD);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, (void *)to).device_private);
	to2 = vm_mremap(to, TWOMEG, TWOMEG, MREMAP_MAYMOVE | MREMAP_FIXED,
			to + TWOMEG + 3 * PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, to2, to + TWOMEG + 3 * PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, (void *)to2).device_private);
	KUNIT_EXPECT_EQ(test, release(test, &b), 0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	KUNIT_EXPECT_EQ(test, first_not_index((int *)to2, NINTS), NINTS);
	KUNIT_EXPECT_EQ(test, vm_munmap(to2, TWOMEG), 0);
	hmm_buffer_free(&b);
}

/*
 * Half of a device THP moved away: the folio is now mapped in two places.
 * A CPU read of either half, MIGRATE_TO_SYS of either half and RELEASE
 * must each find every page where it is.
 */
static void mremap_half_of_device_thp(struct kunit *test)
{
	struct hmm_buffer b;
	int *map, *moved = move_half_away(test, &b, &map, true);

	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, moved).device_private);
	/* CPU reads in the half that stayed and in the half that moved */
	KUNIT_EXPECT_TRUE(test, cpu_reads(map + 5, 5));
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_TRUE(test, cpu_reads(moved + 5, NINTS / 2 + 5));
	/* the device's own migration of part of each half */
	KUNIT_EXPECT_EQ(test, to_sys(test, &b, map + PAGE_INTS, 4 * PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, to_sys(test, &b, moved + PAGE_INTS, 4 * PAGE_SIZE), 0);
	for (unsigned long i = 0; i < NINTS / 2; i += PAGE_INTS)
		if (!cpu_reads(map + i, i) || !cpu_reads(moved + i, NINTS / 2 + i)) {
			KUNIT_FAIL(test, "page %lu lost", i / PAGE_INTS);
			break;
		}
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), hmm_ctx(test)->dev_free[0]);
	expect_halves_and_unmap(test, map, moved);
	hmm_buffer_free(&b);
}

/* Half of a RAM THP moved away, then the half that stayed to the device and back. */
static void mremap_half_of_ram_thp_then_migrate(struct kunit *test)
{
	struct hmm_buffer b;
	int *map, *moved = move_half_away(test, &b, &map, false);

	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, to_dev(test, &b, map, ONEMEG), 0);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, NINTS / 2), NINTS / 2);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, map).device_private);
	KUNIT_EXPECT_EQ(test, to_dev(test, &b, moved, ONEMEG), 0);
	KUNIT_EXPECT_EQ(test, first_bad(b.mirror, NINTS / 2, NINTS / 2), NINTS / 2);
	expect_halves_and_unmap(test, map, moved);
	hmm_buffer_free(&b);
}

/* ---- dmirror buffers inside the range ----------------------------------- */

/* ptr == addr: the read-back, READ, WRITE and SNAPSHOT all land in the range. */
static void ioctl_buffer_inside_range(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct hmm_dmirror_cmd cmd = { .addr = (u64)map, .ptr = (u64)map, .npages = HPAGE_PMD_NR };
	u8 *snap;

	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &cmd), 0);
	KUNIT_EXPECT_EQ(test, cmd.cpages, HPAGE_PMD_NR);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).device_private);	/* written back */
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), HMM_DMIRROR_READ, &cmd), 0);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), HMM_DMIRROR_WRITE, &cmd), 0);
	KUNIT_EXPECT_EQ(test, cmd.cpages, HPAGE_PMD_NR);
	KUNIT_EXPECT_EQ(test, first_not_index(map, NINTS), NINTS);
	KUNIT_ASSERT_EQ(test, to_dev(test, &b, map, TWOMEG), 0);
	cmd.npages = 8;
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), HMM_DMIRROR_SNAPSHOT, &cmd), 0);
	snap = (u8 *)map;		/* own device THP, writable: 0x26 per page */
	for (int i = 0; i < 8; i++)
		KUNIT_EXPECT_EQ(test, snap[i], HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL |
				HMM_DMIRROR_PROT_PMD | HMM_DMIRROR_PROT_WRITE);
	KUNIT_EXPECT_EQ(test, first_bad(map + 2, NINTS - 2, 2), NINTS - 2);
	hmm_buffer_free(&b);
}

/* ---- hmm_range_fault() --------------------------------------------------- */

/* An empty range: Linux's walk_page_range() says -EINVAL. */
static void hmm_range_fault_empty_range(struct kunit *test)
{
	unsigned long pfns[1] = { 0x77 };
	struct mmu_interval_notifier sub;
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct hmm_range range = {
		.notifier = &sub, .start = (unsigned long)map, .end = (unsigned long)map,
		.hmm_pfns = pfns, .default_flags = HMM_PFN_REQ_FAULT,
	};

	KUNIT_ASSERT_EQ(test, mmu_interval_notifier_insert(&sub, hmm_mm(test), 0, TASK_SIZE_MAX,
							   &hmm_test_notifier_ops), 0);
	range.notifier_seq = mmu_interval_read_begin(&sub);
	KUNIT_EXPECT_EQ(test, hmm_range_fault(&range), -EINVAL);
	range.end = range.start - PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, hmm_range_fault(&range), -EINVAL);
	KUNIT_EXPECT_EQ(test, pfns[0], 0x77);
	mmu_interval_notifier_remove(&sub);
	hmm_buffer_free(&b);
}

static struct kunit_case migrate_hostile_cases[] = {
	KUNIT_CASE(setup_rejects_bad_arguments),
	KUNIT_CASE(setup_range_crossing_vmas),
	KUNIT_CASE(nested_setup_and_finalize_without_pages),
	KUNIT_CASE(small_source_huge_destination),
	KUNIT_CASE(destination_flag_does_not_match_folio),
	KUNIT_CASE(huge_source_few_small_destinations),
	KUNIT_CASE(device_range_over_free_pages),
	KUNIT_CASE(device_range_locked_and_twice),
	KUNIT_CASE(device_range_cuts_a_thp),
	KUNIT_CASE(mprotect_during_eviction),
	KUNIT_CASE(munmap_during_eviction),
	KUNIT_CASE(mremap_during_eviction),
	KUNIT_CASE(release_thps_of_every_shape),
	KUNIT_CASE(release_without_ram),
	KUNIT_CASE(release_with_pinned_device_pages),
	KUNIT_CASE(release_while_migrate_vma_is_open),
	KUNIT_CASE(release_pinned_page_of_dead_mm),
	KUNIT_CASE(cpu_fault_on_pinned_device_page),
	KUNIT_CASE(migrate_to_sys_runs_out_of_ram),
	KUNIT_CASE(release_after_partial_mremap),
	KUNIT_CASE(mprotect_read_only_device_thp),
	KUNIT_CASE(read_only_ram_round_trip),
	KUNIT_CASE(prot_none_and_write_only_over_device_pages),
	KUNIT_CASE(migrate_prot_none_pages_directly),
	KUNIT_CASE(mremap_device_thp_whole),
	KUNIT_CASE(mremap_half_of_device_thp),
	KUNIT_CASE(mremap_half_of_ram_thp_then_migrate),
	KUNIT_CASE(ioctl_buffer_inside_range),
	KUNIT_CASE(hmm_range_fault_empty_range),
	{}
};

static struct kunit_suite migrate_hostile_suite = {
	.name = "migrate_hostile",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = migrate_hostile_cases,
};
kunit_test_suite(migrate_hostile_suite);
