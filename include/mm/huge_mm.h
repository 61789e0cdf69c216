/*
 * include/mm/huge_mm.h - transparent huge pages (THP).
 *
 * An anonymous fault in a 2 MiB-aligned range that a VMA covers whole can
 * be backed by one order-9 folio mapped by a single PMD entry: one TLB
 * entry instead of 512, one fault instead of 512.  Policy, as Linux's
 * /sys/kernel/mm/transparent_hugepage/enabled: always (default), madvise
 * (only VMAs with MADV_HUGEPAGE) or never; transparent_hugepage= on the
 * command line, set_transparent_hugepage_mode() at run time.
 *
 * Splitting comes in two kinds: split_huge_pmd() turns the PMD mapping into
 * 512 PTEs mapping the same folio; split_folio_to_order() turns the folio
 * itself into smaller folios.  Linux: mm/huge_memory.c, include/linux/huge_mm.h.
 */
#ifndef _MM_HUGE_MM_H
#define _MM_HUGE_MM_H

#include <mm/memory.h>
#include <mm/mm.h>

enum transparent_hugepage_mode {
	THP_MODE_ALWAYS,
	THP_MODE_MADVISE,
	THP_MODE_NEVER,
};

extern enum transparent_hugepage_mode transparent_hugepage_mode;
void set_transparent_hugepage_mode(enum transparent_hugepage_mode mode);
const char *thp_mode_name(enum transparent_hugepage_mode mode);

/* Does vma cover the whole 2 MiB around addr? */
bool thp_vma_suitable(struct vm_area_struct *vma, unsigned long addr);
/* ... and do the policy and the VMA's madvise flags allow a THP there? */
bool thp_vma_allowable(struct vm_area_struct *vma, unsigned long addr);

/* The huge zero page: 2 MiB of zeroes, mapped read-only by read faults. */
extern struct folio *huge_zero_folio;
int hugepage_init(void);
static inline bool is_huge_zero_pfn(unsigned long pfn)
{
	return huge_zero_folio && pfn == folio_pfn(huge_zero_folio);
}
static inline bool is_huge_zero_pmd(pmd_t pmd)
{
	return pmd_trans_huge(pmd) && is_huge_zero_pfn(pmd_pfn(pmd));
}

vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf);
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf);
/* The CPU touched a device THP through its PMD (mm/memory.c). */
vm_fault_t do_huge_pmd_device_private(struct vm_fault *vmf);
/* Unmaps the THP mapped by *pmd at haddr and frees what is no longer used. */
void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr);

/* A page table set aside with each huge PMD, so a split never allocates. */
void pgtable_trans_huge_deposit(struct mm_struct *mm, struct page *table);
struct page *pgtable_trans_huge_withdraw(struct mm_struct *mm);

/* Splits a huge PMD (a THP or a device-private entry) into 512 PTEs. */
void split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address);
/* Splits a PMD migration entry into 512 PTE migration entries. */
void split_huge_pmd_migration_entry(struct vm_area_struct *vma, pmd_t *pmd,
				    unsigned long address);
/* Splits the huge PMD mapping address, if there is one. */
void split_huge_pmd_address(struct vm_area_struct *vma, unsigned long address, bool freeze);

/*
 * Splits a locked anonymous large folio into folios of 2^new_order pages.
 * The caller holds one reference, which stays with the new folio that
 * contains the old head; that folio stays locked, the others are unlocked.
 * Returns 0, -EINVAL (not splittable) or -EAGAIN (unexpected references).
 */
int split_folio_to_order(struct folio *folio, int new_order);
static inline int split_folio(struct folio *folio)
{
	return split_folio_to_order(folio, 0);
}

/*
 * A large folio lost some of its mappings (partial munmap/MADV_DONTNEED):
 * split it so the unmapped part can be freed.  Linux queues the folio and
 * splits it later under memory pressure; mmlab splits at once.
 */
void deferred_split_folio(struct folio *folio);

/*
 * Splits a locked large folio that nothing maps - a THP in the middle of a
 * migration - whose refcount must be exactly refs (the migration's
 * reference, plus the fault path's for a faulting device folio).  Every
 * new folio holds one reference and stays locked; the first also keeps the
 * extras.  No THP_SPLIT_PAGE count, as in Linux's folio_split_unmapped()
 * (which finds the expected references itself).  0 or -EAGAIN.
 */
bool folio_can_split_unmapped(struct folio *folio, int refs);
int folio_split_unmapped(struct folio *folio, unsigned int new_order);

#endif
