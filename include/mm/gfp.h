/*
 * include/mm/gfp.h - "get free pages" flags and the page allocator's API.
 * Linux: include/linux/gfp_types.h, include/linux/gfp.h.
 */
#ifndef _MM_GFP_H
#define _MM_GFP_H

#include <mm/mm_types.h>

#define __GFP_ZERO	0x01u	/* return zeroed memory */
#define __GFP_COMP	0x02u	/* make a compound page (a large folio) */
#define __GFP_NOWARN	0x04u	/* no warning if the allocation fails */
#define __GFP_NORETRY	0x08u	/* (kept for Linux readers; nothing retries here) */
#define __GFP_NOFAULT	0x10u	/* never subject to fault injection */
#define __GFP_DIRECT_RECLAIM 0x20u /* may run the shrinkers and retry before failing */

#define GFP_KERNEL	__GFP_DIRECT_RECLAIM
/* A THP allocation that fails rather than reclaims (Linux: defrag=never). */
#define GFP_TRANSHUGE_LIGHT (__GFP_COMP | __GFP_NOWARN | __GFP_NORETRY)
#define GFP_TRANSHUGE	(GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)

struct zone;

/*
 * Allocate 2^order contiguous pages; NULL if none (or order too big).  With
 * __GFP_DIRECT_RECLAIM, an empty free list first makes the shrinkers give
 * memory back (shrink_slab) and the allocation is tried once more.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp)	alloc_pages(gfp, 0)
/* Drop a reference; frees the 2^order pages when it was the last one. */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)
/* A folio of 2^order pages (compound when order > 0), refcount 1. */
struct folio *folio_alloc(gfp_t gfp, unsigned int order);

/* The same on any zone (the device driver has its own). */
struct page *zone_alloc_pages(struct zone *zone, gfp_t gfp, unsigned int order);
void zone_free_pages(struct zone *zone, struct page *page, unsigned int order);

unsigned long nr_free_pages(void);
void show_free_areas(void);
void show_zone_free_areas(const struct zone *zone);

/* Page poisoning (debug): freed pages hold PAGE_POISON_FREE. */
#define PAGE_POISON_FREE	0xaa
extern bool page_poisoning;

#endif
