/*
 * include/asm/pgtable.h - x86-64 page-table entries and how to walk them.
 *
 * Four levels translate a 48-bit virtual address:
 *
 *   47     39 38     30 29     21 20     12 11        0
 *  [ pgd idx ][ pud idx ][ pmd idx ][ pte idx ][ offset ]
 *     PML4       PDPT       PD         PT
 *
 * Each table is one 4 KiB page of 512 eight-byte entries.  A PMD entry
 * with _PAGE_PSE is a leaf mapping 2 MiB directly (a "huge" PMD: how a THP
 * is mapped); otherwise it points to a PTE table.  The names are Linux's
 * (arch/x86/include/asm/pgtable.h and pgtable_64.h; Linux folds a fifth
 * level, p4d, that mmlab leaves out).
 *
 * Entries that are not present (bit 0 clear) but not empty are "software"
 * entries that the MMU ignores and the kernel interprets; see swapops.h.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <kernel/types.h>
#include <asm/page.h>
#include <asm/pgtable_types.h>

typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pmd; } pmd_t;
typedef struct { unsigned long pud; } pud_t;
typedef struct { unsigned long pgd; } pgd_t;
typedef struct { unsigned long pgprot; } pgprot_t;

#define pte_val(x)	((x).pte)
#define pmd_val(x)	((x).pmd)
#define pud_val(x)	((x).pud)
#define pgd_val(x)	((x).pgd)
#define pgprot_val(x)	((x).pgprot)
#define __pte(x)	((pte_t){ (x) })
#define __pmd(x)	((pmd_t){ (x) })
#define __pud(x)	((pud_t){ (x) })
#define __pgd(x)	((pgd_t){ (x) })
#define __pgprot(x)	((pgprot_t){ (x) })

#define PTRS_PER_PGD	512
#define PTRS_PER_PUD	512
#define PTRS_PER_PMD	512

/*
 * User mappings (Linux's x86 values).  A private writable mapping starts
 * read-only (PAGE_COPY): the fault path adds _PAGE_RW when the VMA allows
 * writing (maybe_mkwrite), which is what copy-on-write later builds on.
 * PAGE_NONE is what a PROT_NONE VMA maps with: not present to the MMU.
 */
#define PAGE_NONE	__pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define PAGE_READONLY	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_COPY	PAGE_READONLY
#define PAGE_SHARED	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_RW | _PAGE_NX)
#define PAGE_READONLY_EXEC __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY_EXEC	PAGE_READONLY_EXEC
#define PAGE_SHARED_EXEC __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_RW)
#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)

/* ---- indices ---------------------------------------------------------- */

static inline unsigned long pgd_index(unsigned long addr) { return (addr >> PGDIR_SHIFT) & 511; }
static inline unsigned long pud_index(unsigned long addr) { return (addr >> PUD_SHIFT) & 511; }
static inline unsigned long pmd_index(unsigned long addr) { return (addr >> PMD_SHIFT) & 511; }
static inline unsigned long pte_index(unsigned long addr) { return (addr >> PAGE_SHIFT) & 511; }

/* ---- PTE ---------------------------------------------------------------- */

static inline bool pte_none(pte_t pte) { return !pte_val(pte); }
/* Present to the kernel: mapped, even if PROT_NONE keeps the MMU out. */
static inline bool pte_present(pte_t pte) { return pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline bool pte_protnone(pte_t pte)
{
	return (pte_val(pte) & (_PAGE_PROTNONE | _PAGE_PRESENT)) == _PAGE_PROTNONE;
}
static inline bool pte_write(pte_t pte) { return pte_val(pte) & _PAGE_RW; }
static inline bool pte_dirty(pte_t pte) { return pte_val(pte) & _PAGE_DIRTY; }
static inline bool pte_young(pte_t pte) { return pte_val(pte) & _PAGE_ACCESSED; }
static inline unsigned long pte_pfn(pte_t pte) { return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT; }
/* Bits the CPU accepts in entries: without NX support, bit 63 is reserved. */
extern unsigned long __supported_pte_mask;

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((pfn << PAGE_SHIFT) | pgprot_val(prot)) & __supported_pte_mask);
}
static inline pte_t pte_mkwrite(pte_t pte) { return __pte(pte_val(pte) | _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_RW); }
static inline pte_t pte_mkdirty(pte_t pte) { return __pte(pte_val(pte) | _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_DIRTY); }
static inline pte_t pte_mkyoung(pte_t pte) { return __pte(pte_val(pte) | _PAGE_ACCESSED); }
static inline pgprot_t pte_pgprot(pte_t pte) { return __pgprot(pte_val(pte) & ~PTE_PFN_MASK); }
/* Bits a protection change keeps: the frame and what the hardware set. */
#define _PAGE_CHG_MASK	(PTE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _HPAGE_CHG_MASK	(_PAGE_CHG_MASK | _PAGE_PSE)
/* The same page with the protection newprot (mprotect). */
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	return __pte(((pte_val(pte) & _PAGE_CHG_MASK) |
		      (pgprot_val(newprot) & ~_PAGE_CHG_MASK)) & __supported_pte_mask);
}

/* ---- PMD ---------------------------------------------------------------- */

static inline bool pmd_none(pmd_t pmd) { return !pmd_val(pmd); }
static inline bool pmd_present(pmd_t pmd) { return pmd_val(pmd) & (_PAGE_PRESENT | _PAGE_PROTNONE); }
/* A present 2 MiB leaf, PROT_NONE ones included (as in Linux). */
static inline bool pmd_trans_huge(pmd_t pmd)
{
	return (pmd_val(pmd) & _PAGE_PSE) && pmd_present(pmd);
}
static inline bool pmd_protnone(pmd_t pmd)
{
	return (pmd_val(pmd) & (_PAGE_PROTNONE | _PAGE_PRESENT)) == _PAGE_PROTNONE;
}
static inline bool pmd_leaf(pmd_t pmd) { return pmd_trans_huge(pmd); }
static inline bool pmd_write(pmd_t pmd) { return pmd_val(pmd) & _PAGE_RW; }
static inline bool pmd_dirty(pmd_t pmd) { return pmd_val(pmd) & _PAGE_DIRTY; }
static inline bool pmd_young(pmd_t pmd) { return pmd_val(pmd) & _PAGE_ACCESSED; }
static inline unsigned long pmd_pfn(pmd_t pmd) { return (pmd_val(pmd) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline pmd_t pfn_pmd(unsigned long pfn, pgprot_t prot)
{
	return __pmd(((pfn << PAGE_SHIFT) | pgprot_val(prot)) & __supported_pte_mask);
}
static inline pmd_t pmd_mkhuge(pmd_t pmd) { return __pmd(pmd_val(pmd) | _PAGE_PSE); }
static inline pmd_t pmd_mkwrite(pmd_t pmd) { return __pmd(pmd_val(pmd) | _PAGE_RW); }
static inline pmd_t pmd_wrprotect(pmd_t pmd) { return __pmd(pmd_val(pmd) & ~_PAGE_RW); }
static inline pmd_t pmd_mkdirty(pmd_t pmd) { return __pmd(pmd_val(pmd) | _PAGE_DIRTY); }
static inline pmd_t pmd_mkyoung(pmd_t pmd) { return __pmd(pmd_val(pmd) | _PAGE_ACCESSED); }
static inline pmd_t pmd_modify(pmd_t pmd, pgprot_t newprot)
{
	return __pmd(((pmd_val(pmd) & _HPAGE_CHG_MASK) |
		      (pgprot_val(newprot) & ~_HPAGE_CHG_MASK)) & __supported_pte_mask);
}
/* The protection bits of a huge PMD, for the PTEs that replace it. */
static inline pgprot_t pmd_pgprot(pmd_t pmd)
{
	return __pgprot(pmd_val(pmd) & ~(PTE_PFN_MASK | _PAGE_PSE));
}
/* Virtual address of the PTE table a (non-leaf) PMD points to. */
static inline pte_t *pmd_page_vaddr(pmd_t pmd)
{
	return (pte_t *)__va(pmd_val(pmd) & PTE_PFN_MASK);
}

/* ---- PUD and PGD (only ever tables, never leaves, in mmlab) ------------ */

static inline bool pud_none(pud_t pud) { return !pud_val(pud); }
static inline bool pud_present(pud_t pud) { return pud_val(pud) & _PAGE_PRESENT; }
static inline pmd_t *pud_pgtable(pud_t pud) { return (pmd_t *)__va(pud_val(pud) & PTE_PFN_MASK); }
static inline bool pgd_none(pgd_t pgd) { return !pgd_val(pgd); }
static inline bool pgd_present(pgd_t pgd) { return pgd_val(pgd) & _PAGE_PRESENT; }
static inline pud_t *pgd_pgtable(pgd_t pgd) { return (pud_t *)__va(pgd_val(pgd) & PTE_PFN_MASK); }

/* ---- walking: pointer to the entry for addr at each level ---------------- */

struct mm_struct;
pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr);
static inline pud_t *pud_offset(pgd_t *pgd, unsigned long addr)
{
	return pgd_pgtable(*pgd) + pud_index(addr);
}
static inline pmd_t *pmd_offset(pud_t *pud, unsigned long addr)
{
	return pud_pgtable(*pud) + pmd_index(addr);
}
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return pmd_page_vaddr(*pmd) + pte_index(addr);
}
#define pte_offset_map(pmd, addr)	pte_offset_kernel(pmd, addr)

/* ---- reading and writing entries ---------------------------------------- */

static inline pte_t ptep_get(pte_t *ptep) { return *(volatile pte_t *)ptep; }
static inline pmd_t pmdp_get(pmd_t *pmdp) { return *(volatile pmd_t *)pmdp; }

/*
 * set_pte_at/set_pmd_at: the only way mm code installs an entry, so one
 * place can check it (a device-private pfn must never become present).
 */
void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte);
void set_pmd_at(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp, pmd_t pmd);

static inline void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	(void)mm;
	(void)addr;
	*ptep = __pte(0);
}

static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	pte_t old = *ptep;

	pte_clear(mm, addr, ptep);
	return old;
}

static inline pmd_t pmdp_huge_get_and_clear(struct mm_struct *mm, unsigned long addr,
					    pmd_t *pmdp)
{
	pmd_t old = *pmdp;

	(void)mm;
	(void)addr;
	*pmdp = __pmd(0);
	return old;
}

/* Point a PMD at a PTE table page (physical address). */
static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmdp, unsigned long table_phys)
{
	(void)mm;
	*pmdp = __pmd(table_phys | _PAGE_TABLE);
}

#endif
