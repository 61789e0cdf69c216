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

/* huge_memory.c */
/* A huge PMD mapping folio with pgprot (Linux: folio_mk_pmd). */
pmd_t folio_mk_pmd(struct folio *folio, pgprot_t pgprot);
/* Adds write access when the VMA allows it. */
pmd_t maybe_pmd_mkwrite(pmd_t pmd, struct vm_area_struct *vma);

#endif
