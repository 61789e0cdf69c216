/*
 * mm/page_alloc.c - the buddy page allocator.
 *
 * Free memory is kept as blocks of 2^order pages, each aligned to its own
 * size, on the zone's free_area[order] lists.  To allocate order n, take a
 * block from the smallest non-empty list of order >= n and split it in
 * halves, putting each unused upper half back one order lower (expand).
 * To free, look at the block's "buddy" - the other half of the block one
 * order up, at pfn ^ (1 << order) - and while it is free and of the same
 * order, take it off its list and merge, one order up each time.  Every
 * step is O(1) per order.  docs/buddy.md draws it.
 *
 * Debug checks (always on): bad page state on free and on allocation is
 * reported with the culprit page (bad_page).  With page_poison=1 (Linux's
 * parameter; off by default, as there) freed pages are also filled with
 * 0xaa and checked when handed out again, which catches writes after free
 * - at a price: every page freed is written whole.
 *
 * Orders 0-3 and the THP order go through the per-CPU lists first (struct
 * per_cpu_pages): a block freed there is handed out again without merging
 * or splitting.  When no block is free, an allocation that may reclaim
 * (__GFP_DIRECT_RECLAIM) asks the shrinkers for memory and tries once
 * more, then drains the per-CPU lists and tries again.
 *
 * Linux: mm/page_alloc.c (__free_one_page, expand, __rmqueue_smallest,
 * free_pages_prepare, check_new_page, __alloc_pages_slowpath).  mmlab
 * leaves out per-cpu lists, migrate types, watermarks, kswapd and all
 * reclaim but the shrinkers.
 */
#include <kernel/trace.h>
#include <mm/mm.h>
#include <mm/vmstat.h>
#include <mm/fault-inject.h>
#include <mm/shrinker.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/param.h>
#include <kernel/errno.h>

struct zone normal_zone;
/* Off by default, as in Linux; page_poison=1 (and `make test`) turns it on. */
bool page_poisoning;

/* Flags a page must not carry when it is freed (others are just cleared). */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	(BIT(PG_locked) | BIT(PG_lru) | BIT(PG_slab) | BIT(PG_buddy) |	\
	 BIT(PG_reserved))
#define PAGE_FLAGS_CHECK_AT_PREP					\
	(((1UL << NR_PAGEFLAGS) - 1) & ~BIT(PG_free_poisoned))

static unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

static void add_to_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	page->private = order;
	SetPageBuddy(page);
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
	zone->free_pages += 1UL << order;
}

static void del_page_from_free_list(struct page *page, struct zone *zone,
				    unsigned int order)
{
	list_del(&page->lru);
	ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
	zone->free_pages -= 1UL << order;
}

/* The buddy of the order-`order` block at pfn. */
static unsigned long __find_buddy_pfn(unsigned long pfn, unsigned int order)
{
	return pfn ^ (1UL << order);
}

/* Is buddy a free block of exactly this order in this zone? */
static bool page_is_buddy(const struct zone *zone, const struct page *buddy,
			  unsigned int order)
{
	return zone_spans_pfn(zone, page_to_pfn(buddy)) && PageBuddy(buddy) &&
	       buddy_order(buddy) == order;
}

/* Puts a block on the free lists, merging it with free buddies. */
static void __free_one_page(struct page *page, unsigned long pfn,
			    struct zone *zone, unsigned int order)
{
	VM_BUG_ON_PAGE(pfn & ((1UL << order) - 1), page);	/* misaligned */
	VM_BUG_ON_PAGE(!zone_spans_pfn(zone, pfn), page);

	/* LAB(buddy) BEGIN: while the buddy of the block is free too, take it off its list and merge */
	//@ (void)__find_buddy_pfn; (void)page_is_buddy;	/* never merged: memory fragments */
	while (order < MAX_PAGE_ORDER) {
		unsigned long buddy_pfn = __find_buddy_pfn(pfn, order);
		struct page *buddy = page + ((long)buddy_pfn - (long)pfn);	/* may be below */

		if (!page_is_buddy(zone, buddy, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		pfn &= buddy_pfn;		/* the merged block starts at the lower one */
		page = pfn_to_page(pfn);
		order++;
		trace_mm_buddy_merge(pfn, order);
	}
	/* LAB END */
	add_to_free_list(page, zone, order);
}

/* Splits an order-high block down to order low, freeing the upper halves. */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		trace_mm_buddy_split(page_to_pfn(page), high);
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high);
	}
}

static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++) {
		struct free_area *area = &zone->free_area[o];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_page_from_free_list(page, zone, o);
		expand(zone, page, order, o);
		return page;
	}
	return NULL;
}

static void poison_pages(struct page *page, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++) {
		memset(page_address(page + i), PAGE_POISON_FREE, PAGE_SIZE);
		SetPageFreePoisoned(page + i);
	}
}

/* A page written after it was freed no longer holds the poison. */
static void check_poison(struct page *page)
{
	const u8 *addr = page_address(page);
	const u8 *bad = memchr_inv(addr, PAGE_POISON_FREE, PAGE_SIZE);

	ClearPageFreePoisoned(page);
	if (bad) {
		char why[96];

		snprintf(why, sizeof(why),
			 "use after free: byte at offset 0x%lx is 0x%02x, not the 0x%02x poison",
			 (unsigned long)(bad - addr), *bad, PAGE_POISON_FREE);
		bad_page(page, why);
	}
}

/* Is this free page fit to hand out? Reports and returns false if not. */
static bool check_new_page(struct page *page)
{
	if (PageFreePoisoned(page))
		check_poison(page);	/* reported, but the page itself is sound */
	if (page_ref_count(page) != 0) {
		bad_page(page, "nonzero refcount in a free page");
		return false;
	}
	if (page_mapcount(page) != 0) {
		bad_page(page, "nonzero mapcount in a free page");
		return false;
	}
	if (page->flags & PAGE_FLAGS_CHECK_AT_PREP) {
		bad_page(page, "unexpected flags in a free page");
		return false;
	}
	return true;
}

/* Are all pages of a block just taken off a free list fit to hand out? */
static bool check_new_pages(struct page *page, unsigned int order)
{
	bool ok = true;

	for (unsigned long i = 0; i < (1UL << order); i++)
		ok &= check_new_page(page + i);
	return ok;
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		page[i].private = 0;
		page[i].mapping = NULL;
		page[i].index = 0;
	}
	set_page_count(page, 1);
	page->alloc_order = order;	/* checked again when it is freed */
	if ((gfp & __GFP_COMP) && order)
		prep_compound_page(page, order);
	if (gfp & __GFP_ZERO)		/* Linux: kernel_init_pages() -> clear_highpage() */
		for (unsigned long i = 0; i < (1UL << order); i++)
			clear_page(page_address(page + i));
}

/* ---- the per-CPU page lists (struct per_cpu_pages) ----------------------- */

static struct per_cpu_pages normal_pcp;

static bool pcp_allowed_order(unsigned int order)
{
	return order <= PAGE_ALLOC_COSTLY_ORDER || order == HPAGE_PMD_ORDER;
}

static unsigned int order_to_pindex(unsigned int order)
{
	return order == HPAGE_PMD_ORDER ? PAGE_ALLOC_COSTLY_ORDER + 1 : order;
}

static unsigned int pindex_to_order(unsigned int pindex)
{
	return pindex == PAGE_ALLOC_COSTLY_ORDER + 1 ? HPAGE_PMD_ORDER : pindex;
}

/* Fills an empty list with blocks from the buddy: batch pages' worth, at least one. */
static void rmqueue_bulk(struct zone *zone, unsigned int order, struct per_cpu_pages *pcp)
{
	struct list_head *list = &pcp->lists[order_to_pindex(order)];
	int nr = max(pcp->batch >> order, 1);

	for (int i = 0; i < nr; i++) {
		struct page *page = __rmqueue_smallest(zone, order);

		if (!page)
			break;
		list_add_tail(&page->lru, list);
		pcp->count += 1 << order;
	}
}

/* Linux: rmqueue_pcplist() - a block of this order from the zone's list. */
static struct page *rmqueue_pcplist(struct zone *zone, unsigned int order)
{
	struct per_cpu_pages *pcp = zone->per_cpu_pageset;
	struct list_head *list = &pcp->lists[order_to_pindex(order)];
	struct page *page;

	if (list_empty(list))
		rmqueue_bulk(zone, order, pcp);
	if (list_empty(list))
		return NULL;
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp->count -= 1 << order;
	return page;
}

/* Gives count pages' worth back to the buddy, oldest first, list by list. */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	unsigned int pindex = 0;

	while (count > 0 && pcp->count) {
		struct list_head *list = &pcp->lists[pindex];
		unsigned int order = pindex_to_order(pindex);
		struct page *page;

		pindex = (pindex + 1) % NR_PCP_LISTS;
		if (list_empty(list))
			continue;
		page = list_last_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count -= 1 << order;
		count -= 1 << order;
		__free_one_page(page, page_to_pfn(page), zone, order);
	}
}

/* Linux: free_unref_page_commit() - onto the list; past high, a batch goes back. */
static void free_unref_page_commit(struct zone *zone, struct page *page, unsigned int order)
{
	struct per_cpu_pages *pcp = zone->per_cpu_pageset;

	list_add(&page->lru, &pcp->lists[order_to_pindex(order)]);
	pcp->count += 1 << order;
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, max(pcp->count - pcp->high + pcp->batch, pcp->batch), pcp);
}

void drain_all_pages(struct zone *zone)
{
	if (!zone)
		zone = &normal_zone;	/* the only zone with per-CPU lists */
	if (zone->per_cpu_pageset)
		free_pcppages_bulk(zone, zone->per_cpu_pageset->count, zone->per_cpu_pageset);
}

unsigned long zone_pcp_count(const struct zone *zone)
{
	return zone->per_cpu_pageset ? zone->per_cpu_pageset->count : 0;
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/*
 * Linux's sizes: batch about a quarter of managed/1024 pages, at most
 * 1 MiB's worth, rounded to 2^n - 1 (63 for any zone of 256 MiB and more);
 * high the zone's low watermark (min_free_kbytes = 4 * sqrt(lowmem KiB),
 * plus a quarter of it) and at least 4 * batch.  Linux: zone_batchsize(),
 * zone_highsize(), calculate_min_free_kbytes().
 */
void setup_zone_pageset(struct zone *zone)
{
	struct per_cpu_pages *pcp = &normal_pcp;
	unsigned long batch = min(zone->managed_pages >> 10, (1UL << 20) / PAGE_SIZE) / 4;
	unsigned long min_wmark = int_sqrt((zone->managed_pages << (PAGE_SHIFT - 10)) * 16) >>
				  (PAGE_SHIFT - 10);
	unsigned long b = 1;

	while (b * 2 <= batch + batch / 2)
		b *= 2;
	pcp->batch = max(b - 1, 1UL);
	pcp->high = max(min_wmark + min_wmark / 4, 4UL * pcp->batch);
	zone->_watermark[WMARK_MIN] = min_wmark;
	pcp->count = 0;
	for (int i = 0; i < NR_PCP_LISTS; i++)
		INIT_LIST_HEAD(&pcp->lists[i]);
	zone->per_cpu_pageset = pcp;
}

/* The fast path: a free block of this order or larger, or NULL. */
static struct page *get_page_from_freelist(struct zone *zone, gfp_t gfp, unsigned int order)
{
	bool pcp = zone->per_cpu_pageset && pcp_allowed_order(order);
	struct page *page;

	/* A block in a bad state is reported and left out (leaked), as Linux does. */
	do {
		page = pcp ? rmqueue_pcplist(zone, order) : __rmqueue_smallest(zone, order);
	} while (page && !check_new_pages(page, order));
	if (!page)
		return NULL;
	prep_new_page(page, order, gfp);
	/* in pages, per zone, as Linux's __count_zid_vm_events(PGALLOC, ...) */
	count_vm_events(PGALLOC_NORMAL + zone->type - ZONE_NORMAL, 1L << order);
	return page;
}

/* The allocation failed for good: count it and say so. */
static void warn_alloc(const struct zone *zone, gfp_t gfp, unsigned int order)
{
	count_vm_event(PGALLOC_FAIL);
	if (!(gfp & __GFP_NOWARN))
		pr_warn("page_alloc: zone %s: no free block of order %u\n", zone->name, order);
}

static bool order_too_big(gfp_t gfp, unsigned int order)
{
	if (order <= MAX_PAGE_ORDER)
		return false;
	if (!(gfp & __GFP_NOWARN))
		pr_warn_once("page_alloc: order %u is above MAX_PAGE_ORDER (%d); failing\n",
			     order, MAX_PAGE_ORDER);
	return true;
}

struct page *zone_alloc_pages(struct zone *zone, gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (order_too_big(gfp, order))
		return NULL;
	page = get_page_from_freelist(zone, gfp, order);
	if (!page)
		warn_alloc(zone, gfp, order);
	return page;
}

/*
 * Nothing free: ask the shrinkers for memory, then try again.  Linux's
 * __alloc_pages_slowpath() wakes kswapd, compacts and reclaims page cache
 * and anonymous memory too (__alloc_pages_direct_reclaim ->
 * try_to_free_pages -> shrink_node -> shrink_slab); mmlab has no LRU or
 * compaction, so the shrinkers - today the THP deferred-split queue - are
 * all it can reclaim.  An allocation made while reclaiming must not
 * reclaim again: Linux marks the task PF_MEMALLOC, mmlab's one task a
 * flag here.
 */
static struct page *__alloc_pages_direct_reclaim(gfp_t gfp, unsigned int order)
{
	static bool in_reclaim;
	unsigned long freed;

	struct page *page = NULL;

	if (!(gfp & __GFP_DIRECT_RECLAIM) || in_reclaim)
		return NULL;
	in_reclaim = true;
	freed = shrink_slab(gfp);
	in_reclaim = false;
	if (freed)
		page = get_page_from_freelist(&normal_zone, gfp, order);
	if (!page && zone_pcp_count(&normal_zone)) {
		/* Blocks sitting on the per-CPU lists cannot merge: give them back. */
		drain_all_pages(NULL);
		page = get_page_from_freelist(&normal_zone, gfp, order);
	}
	return page;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (order_too_big(gfp, order))
		return NULL;
	/* An injected failure is a failure at once: it never reclaims (Linux: the same). */
	if (should_fail_alloc_page(gfp, order)) {
		count_vm_event(PGALLOC_INJECTED_FAIL);
		return NULL;
	}
	page = get_page_from_freelist(&normal_zone, gfp, order);
	if (!page)
		page = __alloc_pages_direct_reclaim(gfp, order);
	if (!page)
		warn_alloc(&normal_zone, gfp, order);
	/* a failure too, as Linux: page NULL, pfn 0 */
	trace_mm_page_alloc((unsigned long)page, page ? page_to_pfn(page) : 0, order);
	return page;
}

struct folio *folio_alloc(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp | (order ? __GFP_COMP : 0), order);

	/* Linux: page_rmappable_folio() - a large folio may go on the deferred-split queue */
	if (page && order > 1)
		folio_set_large_rmappable(page_folio(page));
	return page ? page_folio(page) : NULL;
}

/*
 * Checks a block whose last reference is about to go; on bad state reports
 * the culprit and returns false, and the caller leaves the block alone
 * (leaked, as Linux does) rather than corrupting the free lists.
 */
static bool free_page_checks_ok(struct page *page, unsigned int order)
{
	if (PageHead(page) && folio_order(page_folio(page)) != order) {
		bad_page(page, "freeing with the wrong order (not the folio's order)");
		return false;
	}
	if (!PageHead(page) && page->alloc_order != order) {
		bad_page(page, "freeing with the wrong order (not the allocation's order)");
		return false;
	}
	if (page_mapcount(page) != 0) {
		bad_page(page, "freeing a page that is still mapped");
		return false;
	}
	if (page->flags & PAGE_FLAGS_CHECK_AT_FREE) {
		bad_page(page, "freeing a page with flags that must be clear");
		return false;
	}
	return true;
}

/* The last reference is gone: undo what allocation and use set up. */
static void free_pages_prepare(struct page *page, unsigned int order)
{
	if (PageHead(page))
		destroy_compound_page(page, order);
	page->flags &= ~((1UL << ZONES_PGSHIFT) - 1);	/* keep only the zone */
	page->alloc_order = 0;
}

void zone_free_pages(struct zone *zone, struct page *page, unsigned int order)
{
	if (!page)
		return;
	if (PageTail(page)) {
		bad_page(page, "freeing a tail page (free the folio's head instead)");
		return;
	}
	if (PageBuddy(page) || page_ref_count(page) == 0) {
		bad_page(page, "freeing a page that is not allocated (refcount 0: a double free?)");
		return;
	}
	/* Checked while we still hold the reference: a bad page stays as it is. */
	if (page_ref_count(page) == 1 && !free_page_checks_ok(page, order))
		return;
	if (!put_page_testzero(page))
		return;			/* someone else still holds a reference */
	free_pages_prepare(page, order);
	trace_mm_page_free((unsigned long)page, page_to_pfn(page), order);
	if (page_poisoning && zone->type == ZONE_NORMAL)
		poison_pages(page, 1UL << order);
	if (zone->per_cpu_pageset && pcp_allowed_order(order))
		free_unref_page_commit(zone, page, order);
	else
		__free_one_page(page, page_to_pfn(page), zone, order);
	count_vm_events(PGFREE, 1L << order);
}

void __free_pages(struct page *page, unsigned int order)
{
	zone_free_pages(&normal_zone, page, order);
}

/*
 * Hands a never-used, aligned block to the allocator at boot (no checks,
 * no poisoning: nothing was ever stored there).  Linux: __free_pages_core.
 */
void __free_pages_core(struct zone *zone, struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	zone->managed_pages += 1UL << order;
	__free_one_page(page, page_to_pfn(page), zone, order);
}

void zone_init(struct zone *zone, const char *name, enum zone_type type,
	       unsigned long start_pfn, unsigned long nr_pages)
{
	memset(zone, 0, sizeof(*zone));
	zone->name = name;
	zone->type = type;
	zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = nr_pages;
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		INIT_LIST_HEAD(&zone->free_area[o].free_list);
}

static int free_list_problem(const struct zone *zone, const struct page *page,
			     unsigned int order, const char *what, int problems)
{
	if (problems < 5)
		pr_err("buddy: zone %s, order %u, pfn %#lx: %s\n", zone->name, order,
		       page ? page_to_pfn(page) : 0UL, what);
	return problems + 1;
}

/*
 * Checks the buddy invariants of a zone: every listed block is marked free
 * with its order, aligned to its size and inside the zone; no two free
 * blocks overlap; no block's buddy is free at the same order (it would
 * have been merged); the counts agree.  Returns the number of problems.
 */
int zone_check_free_lists(const struct zone *zone)
{
	unsigned long pages = 0;
	int problems = 0;

	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++) {
		const struct free_area *area = &zone->free_area[o];
		unsigned long blocks = 0, nr = 1UL << o;
		struct page *page;

		list_for_each_entry(page, &area->free_list, lru) {
			unsigned long pfn = page_to_pfn(page), buddy = __find_buddy_pfn(pfn, o);

			if (!PageBuddy(page) || buddy_order(page) != o)
				problems = free_list_problem(zone, page, o, "not marked free at this order", problems);
			if (pfn & (nr - 1))
				problems = free_list_problem(zone, page, o, "not aligned to its order", problems);
			if (!zone_spans_pfn(zone, pfn) || !zone_spans_pfn(zone, pfn + nr - 1))
				problems = free_list_problem(zone, page, o, "outside the zone", problems);
			for (unsigned long i = 1; i < nr; i++)
				if (PageBuddy(page + i))
					problems = free_list_problem(zone, page + i, o, "overlaps another free block", problems);
			if (o < MAX_PAGE_ORDER && page_is_buddy(zone, pfn_to_page(buddy), o))
				problems = free_list_problem(zone, page, o, "its buddy is free too: not merged", problems);
			blocks++;
			pages += nr;
		}
		if (blocks != area->nr_free)
			problems = free_list_problem(zone, NULL, o, "nr_free disagrees with the list", problems);
	}
	if (pages != zone->free_pages)
		problems = free_list_problem(zone, NULL, 0, "free_pages disagrees with the lists", problems);
	return problems;
}

unsigned long nr_free_pages(void)
{
	return normal_zone.free_pages;
}

void show_zone_free_areas(const struct zone *zone)
{
	char line[160];
	int n = scnprintf(line, sizeof(line), "Node 0, zone %8s", zone->name);

	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		n += scnprintf(line + n, sizeof(line) - n, " %6lu",
			       zone->free_area[o].nr_free);
	pr_info("%s\n", line);
}

/* Like /proc/buddyinfo: free blocks per order, then the totals. */
void show_free_areas(void)
{
	char head[160];
	int n = scnprintf(head, sizeof(head), "buddyinfo: %-19s", "order:");

	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		n += scnprintf(head + n, sizeof(head) - n, " %6d", o);
	pr_info("%s\n", head);
	show_zone_free_areas(&normal_zone);
	pr_info("free: %lu pages (%lu MiB) of %lu managed\n", normal_zone.free_pages,
		normal_zone.free_pages >> (20 - PAGE_SHIFT), normal_zone.managed_pages);
}

static int __init set_page_poison(char *val)
{
	return val ? kstrtobool(val, &page_poisoning) : -EINVAL;
}
__setup("page_poison", set_page_poison);
