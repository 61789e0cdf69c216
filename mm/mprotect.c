/*
 * mm/mprotect.c - do_mprotect(): change the access rights of a range.
 *
 * The VMAs of the range get new vm_flags (split at the edges), and every
 * entry already there is rewritten to match: writable entries become
 * read-only when write goes away, and with PROT_NONE present pages become
 * "PROT_NONE entries" - not present, so any access faults, yet still
 * mapped and counted, so their data come back with the next mprotect.
 * Zero pages are simply unmapped (they read back the same), and writable
 * device-private entries become readable ones.  Like Linux, the start must
 * be page aligned and a hole in the range is -ENOMEM.
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

/* The entry for a page of a VMA whose rights are now vm_flags. */
static pte_t reprotect(unsigned long pfn, bool dirty, vm_flags_t flags)
{
	pgprot_t prot = (flags & VM_WRITE) ? PAGE_SHARED : PAGE_READONLY;
	pte_t pte = pfn_pte(pfn, prot);

	if (!(flags & (VM_READ | VM_WRITE)))
		return swp_entry_to_pte(make_protnone_entry(pfn));
	return dirty ? pte_mkdirty(pte) : pte;
}

static void change_pte(struct vm_area_struct *vma, pte_t *ptep, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pte = ptep_get(ptep);
	swp_entry_t e = pte_to_swp_entry(pte);

	if (pte_none(pte))
		return;
	if (pte_present(pte) && is_zero_pfn(pte_pfn(pte))) {
		pte_clear(mm, addr, ptep);		/* reads back as zeroes anyway */
		return;
	}
	if (pte_present(pte))
		set_pte_at(mm, addr, ptep, reprotect(pte_pfn(pte), pte_dirty(pte), vma->vm_flags));
	else if (is_protnone_entry(e))
		set_pte_at(mm, addr, ptep, reprotect(swp_offset_pfn(e), true, vma->vm_flags));
	else if (is_writable_device_private_entry(e) && !(vma->vm_flags & VM_WRITE))
		set_pte_at(mm, addr, ptep,
			   swp_entry_to_pte(make_readable_device_private_entry(swp_offset_pfn(e))));
}

/* A whole huge PMD covered by the range: rewrite it in one piece. */
static void change_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr)
{
	pmd_t old = pmdp_get(pmd);
	vm_flags_t flags = vma->vm_flags;
	unsigned long pfn;

	if (is_huge_zero_pmd(old)) {
		zap_huge_pmd(vma, pmd, haddr);		/* zeroes come back by themselves */
		return;
	}
	if (is_pmd_device_private_entry(old)) {
		if (!(flags & VM_WRITE))
			set_pmd_at(vma->vm_mm, haddr, pmd, swp_entry_to_pmd(
				   make_readable_device_private_entry(swp_offset_pfn(pmd_to_swp_entry(old)))));
		return;
	}
	pfn = pmd_trans_huge(old) ? pmd_pfn(old) : swp_offset_pfn(pmd_to_swp_entry(old));
	if (!(flags & (VM_READ | VM_WRITE)))
		set_pmd_at(vma->vm_mm, haddr, pmd, swp_entry_to_pmd(make_protnone_entry(pfn)));
	else
		set_pmd_at(vma->vm_mm, haddr, pmd, (flags & VM_WRITE) ? mk_huge_pmd(pfn, vma) :
			   pmd_wrprotect(mk_huge_pmd(pfn, vma)));
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
	vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE)) | newflags;
	change_protection(vma, start, end);
	return 0;
}

int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot)
{
	vm_flags_t newflags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0);
	unsigned long end;

	if (!IS_ALIGNED(start, PAGE_SIZE) || (prot & ~(PROT_READ | PROT_WRITE)) ||
	    len > TASK_SIZE_MAX)
		return -EINVAL;
	len = ALIGN(len, PAGE_SIZE);
	if (start > TASK_SIZE_MAX - len)
		return -EINVAL;
	if (!len)
		return 0;
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
