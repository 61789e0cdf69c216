/*
 * include/mm/mm.h - pages, folios and their reference counts.
 *
 *   pfn_to_page / page_to_pfn   mem_map[] index <-> struct page
 *   page_address(page)          its bytes, through the direct map
 *   page_folio(page)            the folio a page belongs to (its head)
 *   folio_get / folio_put       take / drop a reference; the last put frees
 *                               the whole folio to the buddy allocator
 *
 * Rules (checked with VM_BUG_ON_*): a tail page's own refcount stays 0 and
 * is never freed alone; a folio's order lives in its second page.
 * Linux: include/linux/mm.h, include/linux/page_ref.h.
 */
#ifndef _MM_MM_H
#define _MM_MM_H

#include <kernel/types.h>
#include <kernel/compiler.h>
#include <mm/mm_types.h>
#include <mm/page-flags.h>
#include <mm/mmzone.h>
#include <mm/mmdebug.h>
#include <mm/gfp.h>
#include <asm/page.h>

extern struct page *mem_map;
extern unsigned long max_pfn;		/* one past the last page frame */

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

static inline void *page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(__pa(addr)));
}

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)(page->flags >> ZONES_PGSHIFT);
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags = (page->flags & ((1UL << ZONES_PGSHIFT) - 1)) |
		      ((unsigned long)zone << ZONES_PGSHIFT);
}

static inline bool is_zone_device_page(const struct page *page)
{
	return page_zonenum(page) == ZONE_DEVICE;
}

static inline bool folio_is_zone_device(const struct folio *folio)
{
	return is_zone_device_page(&folio->page);
}

/* ---- reference counts ------------------------------------------------ */

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void page_ref_add(struct page *page, int nr)
{
	atomic_add(nr, &page->_refcount);
}

/* Drops one reference; true if it was the last. */
static inline bool put_page_testzero(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page) <= 0, page);
	return atomic_dec_and_test(&page->_refcount);
}

static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

/* ---- folios ------------------------------------------------------------ */

static inline struct folio *page_folio(const struct page *page)
{
	return (struct folio *)compound_head(page);
}

static inline struct page *folio_page(struct folio *folio, unsigned long n)
{
	return &folio->page + n;
}

static inline bool folio_test_large(const struct folio *folio)
{
	return PageHead(&folio->page);
}

static inline unsigned int folio_order(const struct folio *folio)
{
	return folio_test_large(folio) ? folio->_folio_order : 0;
}

static inline unsigned long folio_nr_pages(const struct folio *folio)
{
	return 1UL << folio_order(folio);
}

static inline unsigned long folio_pfn(const struct folio *folio)
{
	return page_to_pfn(&folio->page);
}

static inline void *folio_address(const struct folio *folio)
{
	return page_address(&folio->page);
}

static inline unsigned long folio_size(const struct folio *folio)
{
	return PAGE_SIZE << folio_order(folio);
}

static inline int folio_ref_count(const struct folio *folio)
{
	return page_ref_count(&folio->page);
}

static inline void folio_ref_add(struct folio *folio, int nr)
{
	page_ref_add(&folio->page, nr);
}

static inline void folio_ref_sub(struct folio *folio, int nr)
{
	VM_BUG_ON_FOLIO(folio_ref_count(folio) < nr, folio);
	page_ref_add(&folio->page, -nr);
}

static inline void folio_get(struct folio *folio)
{
	VM_BUG_ON_FOLIO(folio_ref_count(folio) <= 0, folio);
	atomic_inc(&folio->_refcount);
}

/* A reference unless the folio is already on its way back (refcount 0). */
static inline bool folio_try_get(struct folio *folio)
{
	if (!folio_ref_count(folio))
		return false;
	folio_get(folio);
	return true;
}

/*
 * Freezing: if exactly `count` references are held, take them all away
 * (refcount 0) so nobody can take a new one while a split rewrites the
 * folio; unfreezing hands the refcount back.  Linux does it with one
 * cmpxchg because others may race; mmlab has one thread.
 * Linux: include/linux/page_ref.h.
 */
static inline bool folio_ref_freeze(struct folio *folio, int count)
{
	if (folio_ref_count(folio) != count)
		return false;
	set_page_count(&folio->page, 0);
	return true;
}

static inline void folio_ref_unfreeze(struct folio *folio, int count)
{
	VM_BUG_ON_FOLIO(folio_ref_count(folio) != 0, folio);
	set_page_count(&folio->page, count);
}

void folio_put(struct folio *folio);
/* Drops refs references at once (a batch of mappings going away). */
void folio_put_refs(struct folio *folio, int refs);
void put_page(struct page *page);
static inline void get_page(struct page *page)
{
	folio_get(page_folio(page));
}

/* Mappings of the folio by page tables (a PMD mapping counts once). */
int folio_mapcount(const struct folio *folio);
static inline bool folio_mapped(const struct folio *folio)
{
	return folio_mapcount(folio) > 0;
}

/*
 * The references a folio should have if nobody but its page tables holds
 * it: one per mapping.  (Linux adds the page cache's and swap cache's,
 * which mmlab has not.)  Linux: include/linux/mm.h.
 */
static inline int folio_expected_ref_count(const struct folio *folio)
{
	return folio_mapcount(folio);
}

/* The folio that follows this one in memory. */
static inline struct folio *folio_next(struct folio *folio)
{
	return (struct folio *)folio_page(folio, folio_nr_pages(folio));
}

/* ---- the folio lock (PG_locked) ---------------------------------------- */

bool folio_trylock(struct folio *folio);
void folio_lock(struct folio *folio);
void folio_unlock(struct folio *folio);

/* ---- compound pages ----------------------------------------------------- */

void prep_compound_page(struct page *page, unsigned int order);
/* Undo prep_compound_page (for a block going back to the allocator). */
void destroy_compound_page(struct page *page, unsigned int order);

#endif
