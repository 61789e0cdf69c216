/*
 * mm/internal.h - helpers shared by the mm files and no one else
 * (Linux keeps the same kind of header at the same place).
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <mm/migrate.h>

/* migrate_device_pages.c */
/* Replaces the migration entry for src[i] by a mapping of dst (or of src again). */
void remove_migration_entry(struct migrate_vma *m, unsigned long i, struct folio *src,
			    struct folio *dst);

/* memory.c */
/* Does pte map page (present, device-private or PROT_NONE)? */
bool pte_maps_page(pte_t pte, struct page *page);
/*
 * How many PTEs from ptep on, up to max_nr, map the next pages of folio
 * the way pte maps its page (all present, or all the same kind of entry).
 * Linux: folio_pte_batch() (present PTEs only).
 */
unsigned int folio_pte_batch(struct folio *folio, pte_t *ptep, pte_t pte, unsigned int max_nr);

/* huge_memory.c */
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

/* Replaces a huge PMD (THP or device-private) by a PMD migration entry. */
void set_pmd_migration_entry(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr,
			     struct folio *folio, bool write);
/* A present huge PMD for pfn with the VMA's permissions. */
pmd_t mk_huge_pmd(unsigned long pfn, struct vm_area_struct *vma);

#endif
