/*
 * tests/rmap_kunit.c - the anon_vma reverse map: which anon_vma a folio
 * points to, the chains VMAs get when they are split and moved, that the
 * walk still finds the folio (migration entries set and removed), and that
 * every anon_vma and chain is freed with its last VMA.  Fork's side (a
 * folio found in two mms) is in tests/fork_kunit.c.
 */
#include "mm_check.h"
#include <mm/rmap.h>
#include <mm/mmap.h>

static void rmap_counts(long *avs, long *avcs)
{
	anon_vma_counts(avs, avcs);
}

static long nr_chains(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;
	long n = 0;

	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		n++;
	return n;
}

/* The first write fault makes the VMA's anon_vma; the folio points to it. */
static void first_fault_makes_anon_vma(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 8 * PAGE_SIZE);
	struct vm_area_struct *vma = vm_vma(test, addr);
	long av0, avc0, av, avc;
	struct folio *folio;

	rmap_counts(&av0, &avc0);
	KUNIT_EXPECT_NULL(test, vma->anon_vma);
	KUNIT_EXPECT_EQ(test, *(volatile u8 *)addr, 0);	/* a read: the zero page, no anon_vma */
	KUNIT_EXPECT_NULL(test, vma->anon_vma);
	*(volatile u8 *)(addr + PAGE_SIZE) = 7;
	KUNIT_ASSERT_NOT_NULL(test, vma->anon_vma);
	rmap_counts(&av, &avc);
	KUNIT_EXPECT_EQ(test, av - av0, 1);
	KUNIT_EXPECT_EQ(test, avc - avc0, 1);
	KUNIT_EXPECT_EQ(test, nr_chains(vma), 1);
	KUNIT_EXPECT_PTR_EQ(test, vma->anon_vma->root, vma->anon_vma);
	folio = vm_folio_at(test, addr + PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_EXPECT_PTR_EQ(test, folio_anon_vma(folio), vma->anon_vma);
	KUNIT_EXPECT_EQ(test, folio->index, linear_page_index(vma, addr + PAGE_SIZE));
	*(volatile u8 *)(addr + 2 * PAGE_SIZE) = 8;		/* the same anon_vma again */
	rmap_counts(&av, &avc);
	KUNIT_EXPECT_EQ(test, av - av0, 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, 8 * PAGE_SIZE), 0);
	rmap_counts(&av, &avc);
	KUNIT_EXPECT_EQ(test, av, av0);
	KUNIT_EXPECT_EQ(test, avc, avc0);
}

/* munmap and mprotect cut a VMA: each piece is chained to the one anon_vma. */
static void split_pieces_share_anon_vma(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 8 * PAGE_SIZE);
	struct vm_area_struct *lo, *hi;
	long av0, avc0, av, avc;

	rmap_counts(&av0, &avc0);
	for (int i = 0; i < 8; i++)
		*(volatile u8 *)(addr + i * PAGE_SIZE) = i + 1;
	KUNIT_EXPECT_EQ(test, vm_munmap(addr + 3 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, do_mprotect(vm_case_mm(test), addr, PAGE_SIZE, PROT_READ), 0);
	lo = vm_vma(test, addr + PAGE_SIZE);
	hi = vm_vma(test, addr + 6 * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, lo);
	KUNIT_ASSERT_NOT_NULL(test, hi);
	KUNIT_EXPECT_PTR_NE(test, lo, hi);
	KUNIT_EXPECT_PTR_EQ(test, lo->anon_vma, hi->anon_vma);
	KUNIT_EXPECT_PTR_EQ(test, vm_vma(test, addr)->anon_vma, hi->anon_vma);
	rmap_counts(&av, &avc);
	KUNIT_EXPECT_EQ(test, av - av0, 1);
	KUNIT_EXPECT_EQ(test, avc - avc0, 3);		/* three VMAs, one chain each */
	KUNIT_EXPECT_EQ(test, hi->anon_vma->num_active_vmas, 3);
	for (int i = 0; i < 8; i++)
		if (i < 3 || i > 4)
			KUNIT_EXPECT_EQ(test, *(volatile u8 *)(addr + i * PAGE_SIZE), i + 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, 8 * PAGE_SIZE), 0);
	rmap_counts(&av, &avc);
	KUNIT_EXPECT_EQ(test, av, av0);
	KUNIT_EXPECT_EQ(test, avc, avc0);
}

static bool count_one(struct folio *folio, struct vm_area_struct *vma, unsigned long addr,
		      void *arg)
{
	(void)folio; (void)vma; (void)addr;
	++*(int *)arg;
	return true;
}

/*
 * mremap moves the VMA and keeps the offsets: the walk finds the folio at
 * its new address, so migration entries go in and come out there.
 */
static void mremap_keeps_folio_findable(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 4 * PAGE_SIZE), dst = VM_MMAP(test, 64 * PAGE_SIZE), to;
	struct folio *folio;
	int visits = 0;
	const struct rmap_walk_control rwc = { .rmap_one = count_one, .arg = &visits };

	*(volatile u32 *)(addr + PAGE_SIZE) = 0xabcd;
	to = vm_mremap(addr, 4 * PAGE_SIZE, 64 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	KUNIT_ASSERT_EQ(test, to, dst);
	folio = vm_folio_at(test, to + PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	rmap_walk(folio, &rwc);
	KUNIT_EXPECT_EQ(test, visits, 1);		/* the old VMA is gone, its chain too */
	folio_get(folio);		/* as a migration holds it while it is unmapped */
	folio_lock(folio);
	try_to_migrate(folio, 0);
	KUNIT_EXPECT_FALSE(test, folio_mapped(folio));
	remove_migration_ptes(folio, folio, 0);
	folio_unlock(folio);
	folio_put(folio);
	KUNIT_EXPECT_TRUE(test, folio_mapped(folio));
	KUNIT_EXPECT_EQ(test, *(volatile u32 *)(to + PAGE_SIZE), 0xabcd);
	KUNIT_EXPECT_EQ(test, vm_munmap(to, 64 * PAGE_SIZE), 0);
}

static struct kunit_case rmap_cases[] = {
	KUNIT_CASE(first_fault_makes_anon_vma),
	KUNIT_CASE(split_pieces_share_anon_vma),
	KUNIT_CASE(mremap_keeps_folio_findable),
	{}
};

static struct kunit_suite rmap_suite = {
	.name = "rmap",
	.init = vm_case_init,
	.exit = vm_case_exit,
	.test_cases = rmap_cases,
};
kunit_test_suite(rmap_suite);
