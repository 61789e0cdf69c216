/*
 * mm/mm_init.c - build mem_map and fill the buddy allocator at boot.
 *
 * mem_map gets one struct page per page frame up to max_pfn, allocated from
 * memblock.  Every page starts "reserved" with one reference; then every
 * RAM range memblock has not reserved is handed to the buddy allocator in
 * the largest aligned blocks that fit.  Reserved pages (the first MiB, the
 * kernel, mem_map itself) stay reserved forever.
 * Linux: mm/mm_init.c (free_area_init, memmap_init), mm/memblock.c
 * (memblock_free_all).
 */
#include <mm/mm.h>
#include <mm/mm_init.h>
#include <mm/memblock.h>
#include <kernel/printk.h>

struct page *mem_map;
unsigned long max_pfn;

static void init_struct_pages(unsigned long nr)
{
	for (unsigned long pfn = 0; pfn < nr; pfn++) {
		struct page *page = &mem_map[pfn];

		page->flags = 0;
		set_page_zone(page, ZONE_NORMAL);
		SetPageReserved(page);
		set_page_count(page, 1);
		atomic_set(&page->_mapcount, -1);
		INIT_LIST_HEAD(&page->lru);
	}
}

void free_pfn_range_to_zone(struct zone *zone, unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_PAGE_ORDER;

		/* the largest block that is aligned at start and fits */
		while (order && ((start & ((1UL << order) - 1)) || start + (1UL << order) > end))
			order--;
		__free_pages_core(zone, pfn_to_page(start), order);
		start += 1UL << order;
	}
}

void mm_core_init(void)
{
	phys_addr_t start, end;

	max_pfn = PFN_DOWN(memblock_end_of_DRAM());
	mem_map = memblock_alloc(max_pfn * sizeof(struct page), PAGE_SIZE);
	init_struct_pages(max_pfn);
	zone_init(&normal_zone, "Normal", ZONE_NORMAL, 0, max_pfn);
	for (unsigned int i = 0; memblock_free_range(i, &start, &end); i++)
		free_pfn_range_to_zone(&normal_zone, PFN_UP(start), PFN_DOWN(end));
	setup_zone_pageset(&normal_zone);
	pr_info("mm: mem_map %lu KiB for %lu pages; %lu pages (%lu MiB) to the buddy allocator\n",
		(max_pfn * sizeof(struct page)) >> 10, max_pfn,
		normal_zone.managed_pages, normal_zone.managed_pages >> (20 - PAGE_SHIFT));
	pr_info("mm: page poisoning %s (page_poison=%d); per-CPU lists: batch %d, high %d\n",
		page_poisoning ? "on" : "off", page_poisoning,
		normal_zone.per_cpu_pageset->batch, normal_zone.per_cpu_pageset->high);
}
