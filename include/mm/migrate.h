/*
 * include/mm/migrate.h - moving a range of memory between RAM and a device.
 *
 * A driver migrates [start, end) of one VMA in three calls, with its own
 * work in between (Linux 6.19, mm/migrate_device.c):
 *
 *   migrate_vma_setup(&args)     collect: fill args.src[] with the pages
 *                                (or holes) to move, lock them and replace
 *                                their mappings by migration entries
 *   ... driver: for each src entry with MIGRATE, allocate a locked
 *       destination page, copy the data, write args.dst[] ...
 *   migrate_vma_pages(&args)     commit: move each page's state to its
 *                                destination (splitting a THP whose
 *                                destination is 512 small pages)
 *   ... driver: update its own page table ...
 *   migrate_vma_finalize(&args)  map the new pages (or the old ones, where
 *                                migration failed), unlock, free the old
 *
 * src[]/dst[] hold one entry per 4 KiB page: pfn << MIGRATE_PFN_SHIFT |
 * flags.  A COMPOUND entry stands for a whole 2 MiB folio and is followed by
 * 511 zero entries; it counts once in cpages.
 */
#ifndef _MM_MIGRATE_H
#define _MM_MIGRATE_H

#include <mm/mm.h>
#include <mm/memory.h>

#define MIGRATE_PFN_VALID	(1UL << 0)	/* the pfn field is meaningful */
#define MIGRATE_PFN_MIGRATE	(1UL << 1)	/* migrate this entry */
#define MIGRATE_PFN_WRITE	(1UL << 3)	/* mapped (or to be mapped) writable */
#define MIGRATE_PFN_COMPOUND	(1UL << 4)	/* a whole PMD-sized folio */
#define MIGRATE_PFN_SHIFT	6

static inline unsigned long migrate_pfn(unsigned long pfn)
{
	return (pfn << MIGRATE_PFN_SHIFT) | MIGRATE_PFN_VALID;
}

static inline struct page *migrate_pfn_to_page(unsigned long mpfn)
{
	if (!(mpfn & MIGRATE_PFN_VALID))
		return NULL;
	return pfn_to_page(mpfn >> MIGRATE_PFN_SHIFT);
}

enum migrate_vma_direction {
	MIGRATE_VMA_SELECT_SYSTEM = 1 << 0,		/* RAM pages (and holes) */
	MIGRATE_VMA_SELECT_DEVICE_PRIVATE = 1 << 1,	/* pgmap_owner's device pages */
	MIGRATE_VMA_SELECT_COMPOUND = 1 << 3,		/* whole 2 MiB folios */
};

struct migrate_vma {
	struct vm_area_struct *vma;
	unsigned long *dst;
	unsigned long *src;
	unsigned long cpages;		/* entries collected (a THP counts once) */
	unsigned long npages;		/* entries in src/dst */
	unsigned long start;
	unsigned long end;
	void *pgmap_owner;		/* selects device pages of this owner */
	unsigned long flags;		/* MIGRATE_VMA_SELECT_* */
	struct page *fault_page;	/* the locked device page of a CPU fault */
};

int migrate_vma_setup(struct migrate_vma *args);
void migrate_vma_pages(struct migrate_vma *migrate);
void migrate_vma_finalize(struct migrate_vma *migrate);

/*
 * The same three steps for a driver that must empty its memory (eviction)
 * and knows pfns, not addresses: migrate_device_range() locks and unmaps
 * every page in use among npages device pfns from start (a large folio is
 * one COMPOUND entry), wherever and however it is mapped;
 * migrate_device_pfns() does it for the pfns already in src_pfns[].  Then
 * migrate_device_pages() and migrate_device_finalize() as above - except
 * that without a VMA a THP cannot be split: it needs a 2 MiB destination.
 */
int migrate_device_range(unsigned long *src_pfns, unsigned long start, unsigned long npages);
int migrate_device_pfns(unsigned long *src_pfns, unsigned long npages);
void migrate_device_pages(unsigned long *src_pfns, unsigned long *dst_pfns,
			  unsigned long npages);
void migrate_device_finalize(unsigned long *src_pfns, unsigned long *dst_pfns,
			     unsigned long npages);

#endif
