/*
 * include/mm/mmzone.h - zones and the buddy allocator's free lists.
 *
 * A zone is a range of page frames with its own free lists.  mmlab has
 * ZONE_NORMAL (all RAM) and ZONE_DEVICE (the simulated device's memory,
 * whose driver gets its own zone and uses the same buddy code).  Free
 * blocks of 2^order pages, naturally aligned, sit on free_area[order].
 * Linux: include/linux/mmzone.h.
 */
#ifndef _MM_MMZONE_H
#define _MM_MMZONE_H

#include <mm/mm_types.h>

#define MAX_PAGE_ORDER	10		/* largest block: 2^10 pages = 4 MiB */
#define NR_PAGE_ORDERS	(MAX_PAGE_ORDER + 1)
#define HPAGE_PMD_ORDER	9		/* a 2 MiB THP */
#define HPAGE_PMD_NR	(1 << HPAGE_PMD_ORDER)

enum zone_type {
	ZONE_NORMAL,
	ZONE_DEVICE,
	MAX_NR_ZONES,
};

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks (not pages) on the list */
};

/*
 * The per-CPU page lists (mmlab has one CPU, so one per zone): small
 * blocks and THPs freed recently, kept off the buddy lists so the next
 * allocation of that order takes one without touching them (no merging,
 * no splitting).  Orders 0-3 (PAGE_ALLOC_COSTLY_ORDER) and the THP order,
 * as Linux 5.13+.  Filled and emptied batch pages at a time; more than
 * high pages go back to the buddy.  Pages here are not counted free.
 * Linux: struct per_cpu_pages.
 */
#define PAGE_ALLOC_COSTLY_ORDER	3
#define NR_PCP_LISTS		(PAGE_ALLOC_COSTLY_ORDER + 2)

struct per_cpu_pages {
	int count;			/* pages on the lists */
	int high;			/* free back to the buddy above this */
	int batch;			/* pages moved to or from the buddy at once */
	struct list_head lists[NR_PCP_LISTS];
};

/* mmlab keeps the min watermark only (no kswapd, no reclaim to wake). */
enum zone_watermarks { WMARK_MIN, NR_WMARK };

struct zone {
	const char *name;
	enum zone_type type;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* pfns from start to end, holes included */
	unsigned long managed_pages;	/* pages given to the buddy allocator */
	unsigned long free_pages;	/* sum of 2^order * nr_free */
	struct free_area free_area[NR_PAGE_ORDERS];
	struct per_cpu_pages *per_cpu_pageset;	/* NULL: every page straight to the buddy */
	unsigned long _watermark[NR_WMARK];	/* only WMARK_MIN: where the OOM killer starts */
};

/* Below this many free pages Linux's allocator calls the OOM killer. */
static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_MIN];
}

extern struct zone normal_zone;

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn &&
	       pfn < zone->zone_start_pfn + zone->spanned_pages;
}

void zone_init(struct zone *zone, const char *name, enum zone_type type,
	       unsigned long start_pfn, unsigned long nr_pages);
/* Gives the zone its per-CPU lists, sized from its managed pages. */
void setup_zone_pageset(struct zone *zone);
/* Returns every page on the per-CPU lists to the buddy (NULL: all zones). */
void drain_all_pages(struct zone *zone);
/* Pages on the zone's per-CPU lists. */
unsigned long zone_pcp_count(const struct zone *zone);
/* Checks the free lists' invariants; returns the number of problems found. */
int zone_check_free_lists(const struct zone *zone);

#endif
