/*
 * include/mm/mm_init.h - bringing up the memory manager at boot.
 */
#ifndef _MM_MM_INIT_H
#define _MM_MM_INIT_H

#include <mm/mmzone.h>

/* Builds mem_map for pfns [0, max_pfn) and frees unreserved RAM to the buddy. */
void mm_core_init(void);
/* Gives the aligned blocks covering pfns [start, end) to a zone's allocator. */
void free_pfn_range_to_zone(struct zone *zone, unsigned long start, unsigned long end);
void __free_pages_core(struct zone *zone, struct page *page, unsigned int order);

#endif
