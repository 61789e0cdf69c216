/*
 * mm/tlb.c - flushing the TLB after page-table changes (one CPU).
 *
 * Only the mm whose page tables are in CR3 can have entries in the TLB, so
 * flushing any other mm is a no-op.  A few pages are flushed one by one
 * with invlpg; a larger range by reloading CR3.  Linux: arch/x86/mm/tlb.c.
 */
#include <asm/tlbflush.h>
#include <asm/processor.h>
#include <asm/page.h>
#include <kernel/sched.h>
#include <mm/mm_types.h>

#define FLUSH_ONE_BY_ONE_MAX	32	/* pages; beyond, reload CR3 */

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	if (current->active_mm != mm)
		return;
	if ((end - start) >> PAGE_SHIFT > FLUSH_ONE_BY_ONE_MAX) {
		write_cr3(read_cr3());
		return;
	}
	for (unsigned long addr = start & PAGE_MASK; addr < end; addr += PAGE_SIZE)
		__flush_tlb_one_user(addr);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (current->active_mm == mm)
		write_cr3(read_cr3());
}
