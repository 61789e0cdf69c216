/*
 * include/asm/tlbflush.h - forget cached translations after changing entries.
 *
 * The TLB caches translations; after an entry is changed or removed the
 * kernel must flush it, or the CPU may keep using the old one.  Only the
 * mm loaded in CR3 can have TLB entries (loading CR3 flushes non-global
 * ones), so flushes for other mms are free.  Linux: arch/x86/mm/tlb.c.
 */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

struct mm_struct;
struct vm_area_struct;

static inline void __flush_tlb_one_user(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(addr) : "memory");
}

/* Defined by mm/tlb.c, or by the host build's software MMU (tests/host/tlb.c). */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void flush_tlb_mm(struct mm_struct *mm);

/* Macros, as in Linux's asm/tlbflush.h: vma's type is complete where they are used. */
#define flush_tlb_range(vma, start, end)	flush_tlb_mm_range((vma)->vm_mm, start, end)
#define flush_tlb_page(vma, addr)		flush_tlb_mm_range((vma)->vm_mm, addr, (addr) + PAGE_SIZE)

#endif
