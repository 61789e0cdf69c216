/*
 * tests/host/tlb.c - flushing the TLB of the software MMU (mm/tlb.c on the
 * host).
 *
 * The host mappings that mmu.c makes in the user window are the TLB: one
 * stays until it is flushed, however the page tables change - a TLB that
 * never forgets on its own, so a missing flush in the mm shows up as stale
 * data (or as page_poisoning's use-after-free report) instead of by luck.
 * A flush maps the range PROT_NONE again; the next access faults and walks
 * the page tables anew.  Only the mm in "CR3" can have entries, as on the
 * CPU, so flushing another mm does nothing.  Linux: arch/x86/mm/tlb.c.
 */
#include <asm/tlbflush.h>
#include <asm/page.h>
#include <kernel/sched.h>
#include <mm/mm_types.h>
#include "host.h"

/* Everything filled since the last full flush lies in [tlb_start, tlb_end). */
static unsigned long tlb_start = ~0UL, tlb_end;

void host_tlb_filled(unsigned long virt, unsigned long len)
{
	tlb_start = min(tlb_start, virt);
	tlb_end = max(tlb_end, virt + len);
}

void host_flush_tlb_all(void)
{
	if (tlb_start < tlb_end)
		host_unmap(tlb_start, tlb_end - tlb_start);
	tlb_start = ~0UL;
	tlb_end = 0;
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	if (current->active_mm != mm)
		return;
	start = max(start & PAGE_MASK, tlb_start);
	end = min(ALIGN(end, PAGE_SIZE), tlb_end);
	if (start < end)
		host_unmap(start, end - start);
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	flush_tlb_mm_range(vma->vm_mm, addr, addr + PAGE_SIZE);
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	flush_tlb_mm_range(vma->vm_mm, start, end);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (current->active_mm == mm)
		host_flush_tlb_all();
}
