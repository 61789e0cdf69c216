/*
 * mm/mprotect.c - do_mprotect(): change the access rights of a range.
 *
 * The VMAs of the range get new vm_flags and vm_page_prot (split at the
 * edges), and every entry already there is rewritten from vm_page_prot:
 * with PROT_NONE a present page gets PAGE_NONE - _PAGE_PROTNONE, not
 * _PAGE_PRESENT - so any access faults, yet it stays mapped and counted
 * and its data come back with the next mprotect.  Write access is given
 * back at once only to exclusive anonymous pages (never the zero page);
 * writable
 * device-private and migration entries become readable ones, so a later
 * write faults.  Like Linux, the start must be page aligned and a hole in
 * the range is -ENOMEM.
 * Linux: mm/mprotect.c (mprotect_fixup, change_pte_range, change_huge_pmd).
 */
#include <mm/mmap.h>
#include <mm/memory.h>
#include <mm/huge_mm.h>
#include <mm/swapops.h>
#include <mm/mmu_notifier.h>
#include <kernel/errno.h>
#include <asm/tlbflush.h>
#include "internal.h"

/*
 * A present entry gets the VMA's new protection (pte_modify keeps the
 * frame, accessed and dirty).  vm_page_prot of a writable private VMA is
 * read-only, so write access is added back for an exclusive anonymous
 * page, as Linux's can_change_pte_writable() allows - never for the zero
 * page, whose write fault must allocate.
 */
static pte_t change_present_pte(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	pte_t ptent = pte_modify(pte, vma->vm_page_prot);
	struct page *page = vm_normal_page(vma, addr, pte);

	if ((vma->vm_flags & VM_WRITE) && page &&
	    folio_test_anon(page_folio(page)) && PageAnonExclusive(page))
		ptent = pte_mkwrite(ptent);
	return ptent;
}

static void change_pte(struct vm_area_struct *vma, pte_t *ptep, unsigned long addr)
{
	pte_t pte = ptep_get(ptep);
	swp_entry_t e = pte_to_swp_entry(pte);

	if (pte_none(pte))
		return;
	if (pte_present(pte))
		set_pte_at(vma->vm_mm, addr, ptep, change_present_pte(vma, addr, pte));
	else if (is_writable_device_private_entry(e))	/* a write faults it back */
		set_pte_at(vma->vm_mm, addr, ptep,
			   swp_entry_to_pte(make_readable_device_private_entry(swp_offset_pfn(e))));
	else if (is_writable_migration_entry(e))	/* read-only now, still exclusive */
		set_pte_at(vma->vm_mm, addr, ptep, swp_entry_to_pte(
			   make_readable_exclusive_migration_entry(swp_offset_pfn(e))));
}

/*
 * A whole huge PMD covered by the range: rewrite it in one piece.  A
 * writable device-private or migration entry becomes a readable one (a
 * migration entry is there while a driver evicts its memory: the folio
 * comes back read-only, not with the rights the VMA no longer gives).
 */
static void change_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr)
{
	pmd_t old = pmdp_get(pmd), entry;
	swp_entry_t e = pmd_to_swp_entry(old);

	if (is_pmd_device_private_entry(old) && is_writable_device_private_entry(e)) {
		set_pmd_at(vma->vm_mm, haddr, pmd, swp_entry_to_pmd(
			   make_readable_device_private_entry(swp_offset_pfn(e))));
		return;
	}
	if (is_pmd_migration_entry(old) && is_writable_migration_entry(e)) {
		set_pmd_at(vma->vm_mm, haddr, pmd, swp_entry_to_pmd(
			   make_readable_exclusive_migration_entry(swp_offset_pfn(e))));
		return;
	}
	if (!pmd_trans_huge(old))
		return;
	entry = pmd_modify(old, vma->vm_page_prot);
	if ((vma->vm_flags & VM_WRITE) && !is_huge_zero_pmd(old) &&
	    PageAnonExclusive(pfn_to_page(pmd_pfn(old))))
		entry = pmd_mkwrite(entry);
	set_pmd_at(vma->vm_mm, haddr, pmd, entry);
}

static void change_protection(struct vm_area_struct *vma, unsigned long start,
			      unsigned long end)
{
	for (unsigned long addr = start, next; addr < end; addr = next) {
		pmd_t *pmd = mm_find_pmd(vma->vm_mm, addr);

		next = min((addr + PMD_SIZE) & PMD_MASK, end);
		if (!pmd || pmd_none(*pmd))
			continue;
		if (pmd_trans_huge(*pmd) || is_swap_pmd(*pmd)) {
			if (IS_ALIGNED(addr, PMD_SIZE) && next - addr == PMD_SIZE) {
				change_huge_pmd(vma, pmd, addr);
				continue;
			}
			/* a PMD migration entry becomes 512 PTE ones too */
			split_huge_pmd(vma, pmd, addr);
		}
		for (unsigned long a = addr; a < next; a += PAGE_SIZE)
			change_pte(vma, pte_offset_kernel(pmd, a), a);
	}
	flush_tlb_range(vma, start, end);
}

static int mprotect_fixup(struct vm_area_struct *vma, unsigned long start,
			  unsigned long end, vm_flags_t newflags)
{
	if (start > vma->vm_start) {
		if (split_vma(vma, start))
			return -ENOMEM;
		vma = list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
	}
	if (end < vma->vm_end && split_vma(vma, end))
		return -ENOMEM;
	vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | newflags;
	vma_set_page_prot(vma);
	change_protection(vma, start, end);
	return 0;
}

/*
 * The checks of Linux's do_mprotect_pkey(), in its order: both GROWS
 * flags, an unaligned start (-EINVAL); an empty range is done (0) even with
 * a bad prot; a wrapping end (-ENOMEM, like a hole); then prot
 * (arch_validate_prot: READ, WRITE, EXEC, SEM).
 */
static int mprotect_check_args(unsigned long start, size_t *len, unsigned long *prot)
{
	unsigned long grows = *prot & (PROT_GROWSDOWN | PROT_GROWSUP);

	*prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || !IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	if (!*len)
		return 1;
	*len = ALIGN(*len, PAGE_SIZE);
	if (start + *len <= start)
		return -ENOMEM;
	if (*prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	return 0;
}

/*
 * PROT_GROWSDOWN/UP ask to extend the range to a stack VMA's edge; mmlab
 * has no VM_GROWSDOWN/UP VMAs, so when a VMA is found it is -EINVAL, as in
 * Linux for any VMA without the flag.
 */
static int mprotect_check_grows(struct mm_struct *mm, unsigned long start, unsigned long end,
				unsigned long grows)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (!vma || vma->vm_start >= end)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN)
		return -EINVAL;
	return vma->vm_start > start ? -ENOMEM : -EINVAL;
}

int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot)
{
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP), end;
	vm_flags_t newflags;
	int err = mprotect_check_args(start, &len, &prot);

	if (err)
		return err < 0 ? err : 0;
	if (grows)
		return mprotect_check_grows(mm, start, start + len, grows);
	newflags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		   (prot & PROT_EXEC ? VM_EXEC : 0);
	if (mm_migrate_vma_busy(mm, "do_mprotect"))
		return -EBUSY;
	end = start + len;
	mmu_notifier_invalidate(mm, MMU_NOTIFY_CLEAR, start, end, NULL);
	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);
		unsigned long vend;
		int err;

		if (!vma || vma->vm_start > start)
			return -ENOMEM;		/* a hole */
		vend = min(end, vma->vm_end);
		err = mprotect_fixup(vma, start, vend, newflags);
		if (err)
			return err;
		start = vend;
	}
	return 0;
}
