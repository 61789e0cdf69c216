/*
 * include/mm/memremap.h - device memory described by struct pages (ZONE_DEVICE).
 *
 * A driver describes its memory with a struct dev_pagemap and calls
 * memremap_pages(): from then on every page of the range has a struct page
 * in ZONE_DEVICE.  MEMORY_DEVICE_PRIVATE memory is the device's own RAM:
 * the CPU can never map it (set_pte_at refuses), so CPU page tables point
 * at it only through non-present "device-private entries"; a CPU access
 * faults and the driver's migrate_to_ram() brings the data back.
 *
 * In mmlab the "device memory" is a carve-out of RAM reserved at boot:
 * only the driver's copy routine (its simulated DMA engine) touches it.
 * Linux: include/linux/memremap.h, mm/memremap.c.
 */
#ifndef _MM_MEMREMAP_H
#define _MM_MEMREMAP_H

#include <mm/mm.h>
#include <mm/memory.h>

enum memory_type {
	MEMORY_DEVICE_PRIVATE = 1,
};

struct range {
	u64 start;
	u64 end;		/* inclusive, as in Linux */
};

static inline u64 range_len(const struct range *r)
{
	return r->end - r->start + 1;
}

struct dev_pagemap;

struct dev_pagemap_ops {
	/* The folio's refcount reached zero: give the memory back. */
	void (*folio_free)(struct folio *folio);
	/*
	 * The CPU touched a device-private entry: move the data to RAM.
	 * vmf->page is the device page (locked); vmf->pte is NULL when the
	 * fault came through a PMD (a whole device THP).
	 */
	vm_fault_t (*migrate_to_ram)(struct vm_fault *vmf);
	/* A device folio was split: called per new tail, then with tail NULL. */
	void (*folio_split)(struct folio *head, struct folio *tail);
};

struct dev_pagemap {
	enum memory_type type;
	struct range range;
	const struct dev_pagemap_ops *ops;
	void *owner;			/* matched against migrate_vma.pgmap_owner */
	unsigned long nr_range;
	long ref;			/* pages handed out (Linux: a percpu ref) */
};

/* Gives the range struct pages in ZONE_DEVICE; returns its address or an ERR_PTR. */
void *memremap_pages(struct dev_pagemap *pgmap, int nid);
/* The pagemap a ZONE_DEVICE page belongs to (found by its pfn). */
struct dev_pagemap *page_pgmap(const struct page *page);

static inline bool is_device_private_page(const struct page *page)
{
	return is_zone_device_page(page) &&
	       page_pgmap(page)->type == MEMORY_DEVICE_PRIVATE;
}

static inline bool folio_is_device_private(const struct folio *folio)
{
	return is_device_private_page(&folio->page);
}

/*
 * A free device folio (refcount 0) the driver hands out: make it order
 * `order` (compound if > 0), give it its first reference and lock it -
 * what migrate_vma_pages() expects of a destination.
 */
void zone_device_folio_init(struct folio *folio, unsigned int order);
/* Called by folio_put() when a device folio's last reference goes. */
void free_zone_device_folio(struct folio *folio);

#endif
