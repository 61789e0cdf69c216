/*
 * tests/fork_hmm_kunit.c - fork meets device memory and mirrors: pages a
 * forked child shares with its parent migrate to the device and back in
 * both mms at once (the anon_vma walk), a device-private THP and split
 * device pages are copied at fork as readable entries in both and a write
 * in either faults back and copies, and a mirror of the parent never sees
 * the child's copy.  Device pages, system pages and slab objects are all
 * back at the end (tests/hmm_check.h).
 */
#include "mm_check.h"
#include "hmm_check.h"
#include <mm/rmap.h>
#include <mm/mmap.h>

#define INTS_PER_PAGE	(PAGE_SIZE / sizeof(int))

static struct mm_struct *fork_child(struct kunit *test)
{
	struct mm_struct *child = mm_alloc();

	KUNIT_ASSERT_NOT_NULL(test, child);
	KUNIT_ASSERT_EQ(test, dup_mmap(child, hmm_mm(test)), 0);
	return child;
}

static void run_in(struct mm_struct *mm)
{
	kthread_unuse_mm(current->mm);
	kthread_use_mm(mm);
}

static struct mm_mapping mapping_in(struct mm_struct *mm, void *addr)
{
	struct mm_mapping m;

	mm_find_mapping(mm, (unsigned long)addr, &m);
	return m;
}

/* migrate_vma called on the parent moves a page the child maps too: both follow. */
static void shared_page_to_device_and_back(struct kunit *test)
{
	struct hmm_buffer b;
	struct mm_struct *child;
	int *p;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, PAGE_SIZE, PROT_READ | PROT_WRITE, PAGE_SIZE));
	p = b.ptr;
	fill_index(p, INTS_PER_PAGE);
	child = fork_child(test);
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd(hmm_ctx(test)->dmirror, HMM_DMIRROR_MIGRATE_TO_DEV,
					      &b, 1), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, 1);
	KUNIT_EXPECT_TRUE(test, mapping_in(hmm_mm(test), p).device_private);
	KUNIT_EXPECT_TRUE(test, mapping_in(child, p).device_private);
	KUNIT_EXPECT_FALSE(test, mapping_in(child, p).writable);	/* still copy-on-write */
	run_in(child);
	KUNIT_EXPECT_EQ(test, first_not_index(p, INTS_PER_PAGE), INTS_PER_PAGE);	/* back for both */
	run_in(hmm_mm(test));
	KUNIT_EXPECT_TRUE(test, mapping_in(hmm_mm(test), p).present);
	KUNIT_EXPECT_EQ(test, mapping_in(hmm_mm(test), p).pfn, mapping_in(child, p).pfn);
	p[0] = -1;					/* the parent copies */
	KUNIT_EXPECT_NE(test, mapping_in(hmm_mm(test), p).pfn, mapping_in(child, p).pfn);
	run_in(child);
	KUNIT_EXPECT_EQ(test, p[0], 0);
	run_in(hmm_mm(test));
	mmput(child);
	hmm_buffer_free(&b);
}

/* A device THP at fork: a readable device PMD in both; the child's write copies 4 KiB. */
static void fork_device_thp_then_write(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct mm_struct *child;
	struct folio *dev;

	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(hmm_ctx(test)->dmirror,
						 HMM_DMIRROR_MIGRATE_TO_DEV, &b, map, HPAGE_PMD_NR), 0);
	KUNIT_ASSERT_EQ(test, hmm_mapping(test, map).level, MAPPING_PMD);
	KUNIT_ASSERT_TRUE(test, hmm_mapping(test, map).device_private);
	dev = page_folio(pfn_to_page(hmm_mapping(test, map).pfn));
	child = fork_child(test);
	KUNIT_EXPECT_EQ(test, folio_mapcount(dev), 2);
	KUNIT_EXPECT_FALSE(test, mapping_in(child, map).writable);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, map).writable);
	run_in(child);
	map[5 * INTS_PER_PAGE] = -5;			/* faults the THP back, then copies */
	KUNIT_EXPECT_EQ(test, map[5 * INTS_PER_PAGE], -5);
	KUNIT_EXPECT_EQ(test, first_not_index(map, 5 * INTS_PER_PAGE), 5 * INTS_PER_PAGE);
	run_in(hmm_mm(test));
	KUNIT_EXPECT_EQ(test, first_not_index(map, TWOMEG / sizeof(int)), TWOMEG / sizeof(int));
	mmput(child);
	KUNIT_EXPECT_EQ(test, first_not_index(map, TWOMEG / sizeof(int)), TWOMEG / sizeof(int));
	hmm_buffer_free(&b);
}

/* Split device pages (4 KiB entries) at fork; the parent's write copies. */
static void fork_split_device_pages(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	int *piece = map + 3 * INTS_PER_PAGE;
	struct mm_struct *child;

	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(hmm_ctx(test)->dmirror,
						 HMM_DMIRROR_MIGRATE_TO_DEV, &b, piece, 8), 0);
	KUNIT_ASSERT_TRUE(test, hmm_mapping(test, piece).device_private);
	KUNIT_ASSERT_EQ(test, hmm_mapping(test, piece).level, MAPPING_PTE);
	child = fork_child(test);
	KUNIT_EXPECT_TRUE(test, mapping_in(child, piece).device_private);
	KUNIT_EXPECT_FALSE(test, mapping_in(child, piece).writable);
	piece[1] = -1;					/* the parent writes */
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, piece).present);
	run_in(child);
	KUNIT_EXPECT_EQ(test, first_not_index(map, TWOMEG / sizeof(int)), TWOMEG / sizeof(int));
	run_in(hmm_mm(test));
	KUNIT_EXPECT_EQ(test, piece[1], -1);
	mmput(child);
	hmm_buffer_free(&b);
}

/* A mirror of the parent keeps no write access across fork; its WRITE breaks COW. */
static void mirror_of_parent_across_fork(struct kunit *test)
{
	struct hmm_buffer b;
	struct mm_struct *child;
	int *p, *m;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
						 4 * PAGE_SIZE));
	p = b.ptr;
	m = b.mirror;
	fill_index(p, 4 * INTS_PER_PAGE);
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd(hmm_ctx(test)->dmirror, HMM_DMIRROR_READ, &b, 4), 0);
	child = fork_child(test);
	for (unsigned long i = 0; i < 4 * INTS_PER_PAGE; i++)
		m[i] = -(int)i - 1;
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd(hmm_ctx(test)->dmirror, HMM_DMIRROR_WRITE, &b, 4), 0);
	KUNIT_EXPECT_EQ(test, p[7], -8);			/* the parent sees the device's write */
	run_in(child);
	KUNIT_EXPECT_EQ(test, first_not_index(p, 4 * INTS_PER_PAGE), 4 * INTS_PER_PAGE);
	run_in(hmm_mm(test));
	mmput(child);
	hmm_buffer_free(&b);
}

/*
 * A THP both processes map by their PMDs migrates to a device that has no
 * 2 MiB page (FAIL_ALLOC): the folio is split mid-migration, so the
 * child's PMD migration entry must be split too.  Found by the stress
 * with fork (seed 5): restoring a 4 KiB piece met the child's 2 MiB entry.
 */
static void shared_thp_split_mid_migration(struct kunit *test)
{
	struct hmm_buffer b;
	int *map = hmm_filled_window(test, &b, TWOMEG);
	struct mm_struct *child = fork_child(test);

	KUNIT_ASSERT_EQ(test, mapping_in(child, map).level, MAPPING_PMD);
	KUNIT_ASSERT_EQ(test, hmm_flags(hmm_ctx(test)->dmirror, HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(hmm_ctx(test)->dmirror,
						 HMM_DMIRROR_MIGRATE_TO_DEV, &b, map, HPAGE_PMD_NR), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, HPAGE_PMD_NR);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, map).level, MAPPING_PTE);
	KUNIT_EXPECT_TRUE(test, mapping_in(child, map + 100 * INTS_PER_PAGE).device_private);
	run_in(child);
	KUNIT_EXPECT_EQ(test, first_not_index(map, TWOMEG / sizeof(int)), TWOMEG / sizeof(int));
	run_in(hmm_mm(test));
	KUNIT_EXPECT_EQ(test, first_not_index(map, TWOMEG / sizeof(int)), TWOMEG / sizeof(int));
	mmput(child);
	hmm_buffer_free(&b);
}

static struct kunit_case fork_hmm_cases[] = {
	KUNIT_CASE(shared_thp_split_mid_migration),
	KUNIT_CASE(shared_page_to_device_and_back),
	KUNIT_CASE(fork_device_thp_then_write),
	KUNIT_CASE(fork_split_device_pages),
	KUNIT_CASE(mirror_of_parent_across_fork),
	{}
};

static struct kunit_suite fork_hmm_suite = {
	.name = "fork_hmm",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = fork_hmm_cases,
};
kunit_test_suite(fork_hmm_suite);
