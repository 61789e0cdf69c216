/*
 * include/asm/pgtable_types.h - bits of an x86-64 page-table entry.
 *
 *  63  62..52  51..12          11..9  8  7   6  5  4   3   2  1  0
 * [NX][avail][physical frame][avail][G][PS][D][A][PCD][PWT][U][W][P]
 *
 * PS ("page size") in a PMD entry makes it a 2 MiB leaf, in a PUD a 1 GiB one.
 * Linux: arch/x86/include/asm/pgtable_types.h.
 */
#ifndef _ASM_PGTABLE_TYPES_H
#define _ASM_PGTABLE_TYPES_H

#define _PAGE_PRESENT	(1UL << 0)
#define _PAGE_RW	(1UL << 1)
#define _PAGE_USER	(1UL << 2)
#define _PAGE_PWT	(1UL << 3)
#define _PAGE_PCD	(1UL << 4)
#define _PAGE_ACCESSED	(1UL << 5)
#define _PAGE_DIRTY	(1UL << 6)
#define _PAGE_PSE	(1UL << 7)
#define _PAGE_GLOBAL	(1UL << 8)
/*
 * A PROT_NONE page: present clear (the MMU faults on any access) but the
 * kernel still sees a mapped page.  x86 reuses the global bit, which only
 * means something when present is set.  Linux: _PAGE_PROTNONE.
 */
#define _PAGE_PROTNONE	_PAGE_GLOBAL
#define _PAGE_NX	(1UL << 63)

#define PTE_PFN_MASK	0x000ffffffffff000UL

#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define __PAGE_KERNEL_LARGE \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PSE)

#endif
