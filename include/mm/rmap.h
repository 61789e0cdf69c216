/*
 * include/mm/rmap.h - from a folio back to the page-table entries that map it.
 *
 * Migration needs the reverse of a page-table walk: given a folio, find
 * every entry that maps it, replace each by a migration entry
 * (try_to_migrate), and later put a mapping of the new folio where each
 * migration entry was (remove_migration_ptes).  mmlab's anonymous rmap is
 * folio->mapping = the mm and folio->index = the virtual page of its first
 * page: one place, since there is no fork yet; rmap_walk() (mm/memory.h)
 * visits the VMAs around it (Linux walks anon_vma chains).
 * Linux: include/linux/rmap.h, mm/rmap.c, mm/migrate.c.
 */
#ifndef _MM_RMAP_H
#define _MM_RMAP_H

#include <mm/memory.h>

/* Where one mapping of a folio sits (Linux's walker state, much reduced). */
struct page_vma_mapped_walk {
	struct vm_area_struct *vma;
	unsigned long address;		/* of the entry (2 MiB aligned for a PMD) */
	pmd_t *pmd;
	pte_t *pte;			/* NULL when the folio is mapped by pmd */
};

/* try_to_migrate() flags (Linux: enum ttu_flags) */
#define TTU_SPLIT_HUGE_PMD	0x4	/* a huge PMD becomes 512 PTE migration entries */
/* remove_migration_ptes() flags */
#define RMP_LOCKED		0x1	/* the caller holds the rmap lock (always, here) */

/* Replaces every mapping of the locked folio by a migration entry. */
void try_to_migrate(struct folio *folio, int flags);
/* Replaces src's migration entries by mappings of dst (src again: restore). */
void remove_migration_ptes(struct folio *src, struct folio *dst, int flags);

/* One PTE of page (in folio) becomes a migration entry; drops its mapping. */
void set_pte_migration_entry(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			     struct folio *folio, struct page *page, bool write);
/* The huge PMD at pvmw (a THP or a device THP) becomes a PMD migration entry. */
int set_pmd_migration_entry(struct page_vma_mapped_walk *pvmw, struct page *page);
/* The PMD migration entry at pvmw becomes a mapping of new's folio. */
void remove_migration_pmd(struct page_vma_mapped_walk *pvmw, struct page *new);

#endif
