/*
 * mm/internal.h - helpers shared by the mm files and no one else
 * (Linux keeps the same kind of header at the same place).
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <mm/migrate.h>
#include <mm/rmap.h>

/* migrate_device.c: keeps the entries that can move; how many do. */
unsigned long migrate_device_unmap(unsigned long *src_pfns, unsigned long npages,
				   struct page *fault_page);

/* memory.c */
/* Does pte map page (present - PROT_NONE too - or device-private)? */
bool pte_maps_page(pte_t pte, struct page *page);
/*
 * How many PTEs from ptep on, up to max_nr, map the next pages of folio
 * the way pte maps its page (all present, or all the same kind of entry).
 * Linux: folio_pte_batch() (present PTEs only).
 */
unsigned int folio_pte_batch(struct folio *folio, pte_t *ptep, pte_t pte, unsigned int max_nr);

/* huge_memory.c */
/* A huge PMD mapping folio with pgprot (Linux: folio_mk_pmd). */
pmd_t folio_mk_pmd(struct folio *folio, pgprot_t pgprot);
/* Adds write access when the VMA allows it. */
pmd_t maybe_pmd_mkwrite(pmd_t pmd, struct vm_area_struct *vma);
/*
 * A large folio on the deferred-split queue is freed (every page got
 * unmapped before the shrinker came): take it off first.  Only a folio of
 * order 2 or more has the list, in its third page.  Linux: mm/internal.h.
 */
bool __folio_unqueue_deferred_split(struct folio *folio);
static inline bool folio_unqueue_deferred_split(struct folio *folio)
{
	if (folio_order(folio) <= 1 || !folio_test_large_rmappable(folio))
		return false;
	if (list_empty(&folio->_deferred_list))
		return false;
	return __folio_unqueue_deferred_split(folio);
}

#endif
