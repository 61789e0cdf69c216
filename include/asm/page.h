/*
 * include/asm/page.h - page size and the two kernel mappings.
 *
 *   __pa(x) / __va(x)   direct map:  virt = phys + PAGE_OFFSET (all RAM)
 *   __pa_symbol(x)      kernel text: virt = phys + __START_KERNEL_map
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <asm/boot.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PMD_SHIFT	21
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))
#define PUD_SHIFT	30
#define PUD_SIZE	(1UL << PUD_SHIFT)
#define PGDIR_SHIFT	39
#define PTRS_PER_PTE	512

/*
 * The seam of the host build (tests/host/host_seam.h, read before this
 * header): there, PAGE_OFFSET is the base of the simulated physical memory,
 * and __pa_symbol knows the one page of the image the mm maps (the zero page).
 */
#ifndef PAGE_OFFSET
#define PAGE_OFFSET	((unsigned long)__PAGE_OFFSET)
#endif

#ifndef __ASSEMBLER__
/* Like Linux's __phys_addr(): accepts both kernel-text and direct-map addresses. */
#define __pa(x)		((unsigned long)(x) >= __START_KERNEL_map ?		\
			 (unsigned long)(x) - __START_KERNEL_map :		\
			 (unsigned long)(x) - PAGE_OFFSET)
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))
#ifndef __pa_symbol
#define __pa_symbol(x)	((unsigned long)(x) - __START_KERNEL_map)
#endif
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((unsigned long)(x) << PAGE_SHIFT)

/* 4 KiB at a time, the fastest way this CPU has (kernel/lib/copy_page.c). */
void copy_page(void *to, void *from);
void clear_page(void *page);
#endif

#endif
