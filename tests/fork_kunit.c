/*
 * tests/fork_kunit.c - fork of an address space (dup_mmap) and
 * copy-on-write, step by step: refcounts, mapcounts, PageAnonExclusive,
 * the THP split counter, the anon_vma chain, and that rmap and migration
 * find a page in both mms.  Each case forks the case's mm into a child mm
 * and switches between them with kthread_use_mm(), as a user process
 * and its child would run; every page is back when both are gone.
 */
#include "mm_check.h"
#include "hmm_check.h"
#include <mm/rmap.h>
#include <mm/mmap.h>
#include <mm/huge_mm.h>

/* What maps addr in the mm running now (parent or child). */
static struct folio *folio_here(unsigned long addr)
{
	struct mm_mapping m;

	mm_find_mapping(current->mm, addr, &m);
	return m.present ? page_folio(pfn_to_page(m.pfn)) : NULL;
}

static enum mapping_level level_here(unsigned long addr)
{
	struct mm_mapping m;

	mm_find_mapping(current->mm, addr, &m);
	return m.level;
}

static struct mm_struct *fork_mm(struct kunit *test)
{
	struct mm_struct *child = mm_alloc();

	KUNIT_ASSERT_NOT_NULL(test, child);
	KUNIT_ASSERT_EQ(test, dup_mmap(child, vm_case_mm(test)), 0);
	return child;
}

/* Runs in mm `to` from now on (a context switch to the other process). */
static void switch_mm_to(struct kunit *test, struct mm_struct *to)
{
	kthread_unuse_mm(current->mm);
	kthread_use_mm(to);
	(void)test;
}

static void child_exit(struct kunit *test, struct mm_struct *child)
{
	if (current->mm == child)
		switch_mm_to(test, vm_case_mm(test));
	mmput(child);
}

static void cow_small_page(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 4 * PAGE_SIZE);
	struct mm_struct *child;
	struct folio *folio, *copy;

	vm_fill(addr, 4 * PAGE_SIZE, 100);
	folio = folio_here(addr);
	KUNIT_EXPECT_TRUE(test, PageAnonExclusive(&folio->page));
	child = fork_mm(test);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 2);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 2);
	KUNIT_EXPECT_FALSE(test, PageAnonExclusive(&folio->page));
	KUNIT_EXPECT_EQ(test, get_mm_counter(child, MM_ANONPAGES), 4);
	switch_mm_to(test, child);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 4 * PAGE_SIZE, 100), 4 * PAGE_SIZE);
	*(volatile u32 *)addr = 7;			/* the child copies */
	copy = folio_here(addr);
	KUNIT_EXPECT_PTR_NE(test, copy, folio);
	KUNIT_EXPECT_TRUE(test, PageAnonExclusive(&copy->page));
	KUNIT_EXPECT_PTR_EQ(test, folio_anon_vma(copy), vma_lookup(child, addr)->anon_vma);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);
	switch_mm_to(test, vm_case_mm(test));
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 4 * PAGE_SIZE, 100), 4 * PAGE_SIZE);
	*(volatile u32 *)addr = 8;			/* only reference left: reused */
	KUNIT_EXPECT_PTR_EQ(test, folio_here(addr), folio);
	KUNIT_EXPECT_TRUE(test, PageAnonExclusive(&folio->page));
	child_exit(test, child);
	KUNIT_EXPECT_EQ(test, *(volatile u32 *)(addr + PAGE_SIZE), 100 + PAGE_SIZE / 4);
}

static void cow_thp_splits_and_copies_one_page(struct kunit *test)
{
	unsigned long addr;
	struct folio *thp = vm_filled_thp(test, &addr, 1);
	struct vm_events_snapshot ev;
	struct mm_struct *child;
	long av0, avc0, av, avc;

	anon_vma_counts(&av0, &avc0);
	child = fork_mm(test);
	anon_vma_counts(&av, &avc);
	KUNIT_EXPECT_EQ(test, av - av0, 1);		/* the child's own */
	KUNIT_EXPECT_EQ(test, avc - avc0, 2);		/* to the parent's and its own */
	KUNIT_EXPECT_EQ(test, folio_ref_count(thp), 2);
	KUNIT_EXPECT_EQ(test, (atomic_read(&thp->_entire_mapcount) + 1), 2);
	take_vm_events(&ev);
	switch_mm_to(test, child);
	*(volatile u32 *)(addr + 5 * PAGE_SIZE) = 0;	/* split the child's PMD, copy 4 KiB */
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PMD, 1);
	KUNIT_EXPECT_EQ(test, level_here(addr), MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, (atomic_read(&thp->_entire_mapcount) + 1), 1);	/* the parent's PMD */
	KUNIT_EXPECT_EQ(test, folio_ref_count(thp), 1 + HPAGE_PMD_NR - 1);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 5 * PAGE_SIZE, 1), 5 * PAGE_SIZE);
	switch_mm_to(test, vm_case_mm(test));
	KUNIT_EXPECT_EQ(test, level_here(addr), MAPPING_PMD);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 1), 2 * MB);
	KUNIT_EXPECT_EQ(test, folio_test_partially_mapped(thp), false);
	child_exit(test, child);
	KUNIT_EXPECT_EQ(test, folio_ref_count(thp), 1);
	KUNIT_EXPECT_EQ(test, folio_mapcount(thp), 1);
	take_vm_events(&ev);
	*(volatile u32 *)addr = 0;			/* the parent alone: reused whole */
	KUNIT_EXPECT_EVENTS(test, &ev, THP_SPLIT_PMD, 0);
	KUNIT_EXPECT_PTR_EQ(test, folio_here(addr), thp);
	anon_vma_counts(&av, &avc);
	KUNIT_EXPECT_EQ(test, av, av0);
	KUNIT_EXPECT_EQ(test, avc, avc0);
}

static bool count_mm(struct folio *folio, struct vm_area_struct *vma, unsigned long addr,
		     void *arg)
{
	(void)folio; (void)addr;
	((struct mm_struct **)arg)[vma->vm_mm == ((struct mm_struct **)arg)[2] ? 0 : 1] = vma->vm_mm;
	return true;
}

/* rmap finds a page faulted before fork in both mms; migration unmaps and restores both. */
static void rmap_finds_page_in_both_mms(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, PAGE_SIZE);
	struct mm_struct *seen[3] = { NULL, NULL, vm_case_mm(test) };
	const struct rmap_walk_control rwc = { .rmap_one = count_mm, .arg = seen };
	struct mm_struct *child;
	struct folio *folio;

	*(volatile u32 *)addr = 42;
	folio = folio_here(addr);
	child = fork_mm(test);
	rmap_walk(folio, &rwc);
	KUNIT_EXPECT_PTR_EQ(test, seen[0], vm_case_mm(test));
	KUNIT_EXPECT_PTR_EQ(test, seen[1], child);
	folio_get(folio);
	folio_lock(folio);
	try_to_migrate(folio, 0);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 0);	/* both became migration entries */
	remove_migration_ptes(folio, folio, 0);
	folio_unlock(folio);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 2);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 3);
	folio_put(folio);
	switch_mm_to(test, child);
	KUNIT_EXPECT_EQ(test, *(volatile u32 *)addr, 42);
	child_exit(test, child);
	KUNIT_EXPECT_EQ(test, *(volatile u32 *)addr, 42);
}

/*
 * The child unmaps its copy of a PTE-mapped THP while the parent still
 * maps every page: no page became unmapped, so the folio is not partially
 * mapped and must not wait on the deferred-split queue (Linux queues only
 * when some page's last mapping went and some page is still mapped).
 */
static void child_unmap_keeps_folio_whole(struct kunit *test)
{
	unsigned long addr;
	struct folio *thp = vm_filled_thp(test, &addr, 3);
	struct mm_struct *child;

	split_huge_pmd(vm_vma(test, addr), mm_find_pmd(vm_case_mm(test), addr), addr);
	KUNIT_ASSERT_EQ(test, level_here(addr), MAPPING_PTE);
	child = fork_mm(test);
	switch_mm_to(test, child);
	KUNIT_ASSERT_EQ(test, vm_munmap(addr, 2 * MB), 0);
	KUNIT_EXPECT_FALSE(test, folio_test_partially_mapped(thp));
	KUNIT_EXPECT_EQ(test, folio_mapcount(thp), HPAGE_PMD_NR);
	switch_mm_to(test, vm_case_mm(test));
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 3), 2 * MB);
	child_exit(test, child);
	KUNIT_ASSERT_EQ(test, vm_munmap(addr + PAGE_SIZE, PAGE_SIZE), 0);
	KUNIT_EXPECT_TRUE(test, folio_test_partially_mapped(thp));	/* now it is */
}

static struct kunit_case fork_cases[] = {
	KUNIT_CASE(cow_small_page),
	KUNIT_CASE(cow_thp_splits_and_copies_one_page),
	KUNIT_CASE(rmap_finds_page_in_both_mms),
	KUNIT_CASE(child_unmap_keeps_folio_whole),
	{}
};

static struct kunit_suite fork_suite = {
	.name = "fork",
	.init = vm_case_init,
	.exit = vm_case_exit,
	.test_cases = fork_cases,
};
kunit_test_suite(fork_suite);
