/*
 * tests/host/mmu_kunit.c - the host's software MMU behaves like the CPU's
 * (host build only; docs/host-build.md).
 *
 * The other suites use it without knowing; these cases pin down what they
 * rely on: the accessed and dirty bits are set by accesses, what the kernel
 * writes through __va() is what a user address reads, a translation stays
 * until it is flushed (and not a moment longer), and a CR3 load (switching
 * mm) forgets them all.
 */
#include "../mm_check.h"
#include <asm/tlbflush.h>
#include <mm/mmap.h>
#include "host.h"

/* The PTE that maps addr in the case's mm (the levels above must exist). */
static pte_t *case_pte(struct kunit *test, unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(vm_case_mm(test), addr);

	KUNIT_ASSERT_NOT_NULL(test, pmd);
	KUNIT_ASSERT_FALSE(test, pmd_none(*pmd) || pmd_trans_huge(*pmd));
	return pte_offset_kernel(pmd, addr);
}

static void set_case_pte(struct kunit *test, unsigned long addr, pte_t pte)
{
	set_pte_at(vm_case_mm(test), addr, case_pte(test, addr), pte);
	flush_tlb_page(vma_lookup(vm_case_mm(test), addr), addr);
}

static void accesses_set_accessed_and_dirty(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, PAGE_SIZE);
	volatile u64 *p = (u64 *)addr;
	pte_t pte;

	*p = 1;
	pte = ptep_get(case_pte(test, addr));
	set_case_pte(test, addr, __pte(pte_val(pte) & ~(_PAGE_ACCESSED | _PAGE_DIRTY)));
	KUNIT_EXPECT_EQ(test, *p, 1);			/* a read sets A, not D */
	pte = ptep_get(case_pte(test, addr));
	KUNIT_EXPECT_TRUE(test, pte_young(pte));
	KUNIT_EXPECT_FALSE(test, pte_dirty(pte));
	*p = 2;					/* the first write sets D */
	KUNIT_EXPECT_TRUE(test, pte_dirty(ptep_get(case_pte(test, addr))));
	KUNIT_EXPECT_EQ(test, *p, 2);
}

static void kernel_and_user_addresses_are_one_memory(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 2 * PAGE_SIZE) + PAGE_SIZE + 40;
	volatile u64 *user = (u64 *)addr, *kernel;
	struct mm_mapping m;

	*user = 0x1111;
	mm_find_mapping(vm_case_mm(test), addr, &m);
	KUNIT_ASSERT_EQ(test, m.level, MAPPING_PTE);
	kernel = (u64 *)((char *)__va(PFN_PHYS(m.pfn)) + (addr & ~PAGE_MASK));
	KUNIT_EXPECT_EQ(test, *kernel, 0x1111);
	*kernel = 0x2222;				/* as a device's DMA would */
	KUNIT_EXPECT_EQ(test, *user, 0x2222);
}

static void translation_stays_until_flushed(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, PAGE_SIZE);
	volatile u64 *p = (u64 *)addr;
	struct page *other = alloc_page(__GFP_ZERO);
	pte_t *ptep, old;

	KUNIT_ASSERT_NOT_NULL(test, other);
	*(u64 *)page_address(other) = 2;
	*p = 1;
	ptep = case_pte(test, addr);
	old = ptep_get(ptep);
	set_pte_at(vm_case_mm(test), addr, ptep, pfn_pte(page_to_pfn(other), pte_pgprot(old)));
	KUNIT_EXPECT_EQ(test, *p, 1);		/* no flush: the old page, as a CPU may */
	flush_tlb_page(vma_lookup(vm_case_mm(test), addr), addr);
	KUNIT_EXPECT_EQ(test, *p, 2);		/* flushed: the new one, always */
	set_case_pte(test, addr, old);
	KUNIT_EXPECT_EQ(test, *p, 1);
	__free_page(other);
}

static void switching_mm_forgets_translations(struct kunit *test)
{
	struct mm_struct *mm = vm_case_mm(test), *other = mm_alloc();
	unsigned long addr = VM_MMAP(test, PAGE_SIZE);
	volatile u64 *p = (u64 *)addr;

	KUNIT_ASSERT_NOT_NULL(test, other);
	*p = 1;
	kthread_unuse_mm(mm);
	kthread_use_mm(other);
	KUNIT_EXPECT_EQ(test, vm_mmap(NULL, addr, PAGE_SIZE, PROT_READ | PROT_WRITE,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), addr);
	KUNIT_EXPECT_EQ(test, *p, 0);		/* other's page, not mm's */
	*p = 2;
	kthread_unuse_mm(other);
	kthread_use_mm(mm);
	KUNIT_EXPECT_EQ(test, *p, 1);
	mmput(other);
}

/*
 * Reading an untouched private page maps the zero page: 72,000 reads make
 * as many host mappings of one physical page, which Linux cannot merge, and
 * a flush now and then splits them further.  The sweep (tlb.c) must keep
 * them below vm.max_map_count (65530), where host_map() would fail.
 */
static void host_mappings_stay_bounded(struct kunit *test)
{
	const unsigned long nr = 72000;
	unsigned long addr = VM_MMAP(test, nr * PAGE_SIZE), base = host_mapping_count();
	struct vm_area_struct *vma = vma_lookup(vm_case_mm(test), addr);
	unsigned long bound = base + 2 * HOST_TLB_SWEEP_OPS + 1;

	KUNIT_ASSERT_EQ(test, do_madvise(vm_case_mm(test), addr, nr * PAGE_SIZE,
					 MADV_NOHUGEPAGE), 0);
	for (unsigned long i = 0; i < nr; i++) {
		KUNIT_ASSERT_EQ(test, *(volatile u8 *)(addr + i * PAGE_SIZE), 0);
		if (i % 7 == 3)		/* odd-shaped flushes over what was filled */
			flush_tlb_range(vma, addr + (i - 3) * PAGE_SIZE, addr + i * PAGE_SIZE);
		if (i % 4096 == 4095)	/* stop well before Linux refuses a mapping */
			KUNIT_ASSERT_LE(test, host_mapping_count(), bound);
	}
}

static struct kunit_case host_mmu_cases[] = {
	KUNIT_CASE(accesses_set_accessed_and_dirty),
	KUNIT_CASE(kernel_and_user_addresses_are_one_memory),
	KUNIT_CASE(translation_stays_until_flushed),
	KUNIT_CASE(switching_mm_forgets_translations),
	KUNIT_CASE(host_mappings_stay_bounded),
	{}
};

static struct kunit_suite host_mmu_suite = {
	.name = "host_mmu",
	.init = vm_case_init,
	.exit = vm_case_exit,
	.test_cases = host_mmu_cases,
};
kunit_test_suite(host_mmu_suite);
