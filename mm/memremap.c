/*
 * mm/memremap.c - ZONE_DEVICE pages: create them, hand them out, take them back.
 *
 * memremap_pages() turns every page of a driver's range into a free
 * ZONE_DEVICE page (refcount 0, zone bits set, not reserved).  Which
 * pagemap a page belongs to is found from its pfn: mmlab keeps the few
 * registered pagemaps in a table instead of a pointer in every page (the
 * driver's free lists reuse that part of struct page).
 * Linux: mm/memremap.c (memremap_pages, zone_device_page_init,
 * free_zone_device_folio).
 */
#include <mm/memremap.h>
#include <mm/memblock.h>
#include <kernel/printk.h>
#include <kernel/errno.h>

#define MAX_PGMAPS	8

static struct dev_pagemap *pgmaps[MAX_PGMAPS];

struct dev_pagemap *page_pgmap(const struct page *page)
{
	unsigned long phys = PFN_PHYS(page_to_pfn(page));

	for (int i = 0; i < MAX_PGMAPS; i++)
		if (pgmaps[i] && phys >= pgmaps[i]->range.start && phys <= pgmaps[i]->range.end)
			return pgmaps[i];
	dump_page(page, "ZONE_DEVICE page in no registered dev_pagemap");
	BUG();
}

void *memremap_pages(struct dev_pagemap *pgmap, int nid)
{
	unsigned long start = PFN_DOWN(pgmap->range.start);
	unsigned long end = PFN_DOWN(pgmap->range.end + 1);
	int slot = -1;

	if (!pgmap->nr_range)
		return ERR_PTR(-EINVAL);	/* Linux: WARN, -EINVAL, first of all */
	if (pgmap->type != MEMORY_DEVICE_PRIVATE || !pgmap->ops || !pgmap->owner ||
	    !pgmap->ops->folio_free || !pgmap->ops->migrate_to_ram)
		return ERR_PTR(-EINVAL);	/* Linux refuses these too */
	if (!IS_ALIGNED(pgmap->range.start, PAGE_SIZE) || end <= start || end > max_pfn)
		return ERR_PTR(-EINVAL);
	for (int i = 0; i < MAX_PGMAPS; i++) {
		if (!pgmaps[i] && slot < 0)
			slot = i;
		else if (pgmaps[i] && pgmaps[i]->range.start <= pgmap->range.end &&
			 pgmap->range.start <= pgmaps[i]->range.end)
			return ERR_PTR(-ENOMEM);	/* overlaps another pagemap (Linux: the same) */
	}
	if (slot < 0)
		return ERR_PTR(-ENOSPC);
	/* Only memory set aside at boot can be device memory (Linux: not System RAM). */
	for (unsigned long pfn = start; pfn < end; pfn++)
		if (!memblock_is_reserved(PFN_PHYS(pfn)))
			return ERR_PTR(-ENXIO);
	for (unsigned long pfn = start; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		VM_BUG_ON_PAGE(!memblock_is_reserved(PFN_PHYS(pfn)), page);
		page->flags = 0;
		set_page_zone(page, ZONE_DEVICE);
		set_page_count(page, 0);
		atomic_set(&page->_mapcount, -1);
	}
	pgmap->ref = 0;
	pgmaps[slot] = pgmap;
	return __va(pgmap->range.start);
}

void zone_device_folio_init(struct folio *folio, unsigned int order)
{
	struct page *page = &folio->page;

	/* A free device page has no references: this is the first. */
	VM_BUG_ON_FOLIO(!is_zone_device_page(page), folio);
	VM_BUG_ON_FOLIO(page_ref_count(page) != 0, folio);
	page_pgmap(page)->ref += 1L << order;
	set_page_count(page, 1);
	folio_lock(folio);
	if (order && !PageHead(page)) {
		prep_compound_page(page, order);
		folio_set_large_rmappable(folio);
	}
}

void free_zone_device_folio(struct folio *folio)
{
	struct dev_pagemap *pgmap = page_pgmap(&folio->page);

	VM_BUG_ON_FOLIO(folio_test_locked(folio), folio);
	pgmap->ref -= folio_nr_pages(folio);
	folio_clear_anon(folio);
	folio->mapping = NULL;
	pgmap->ops->folio_free(folio);
}
