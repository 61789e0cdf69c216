/*
 * mm/folio.c - compound pages, folio reference counting and the folio lock.
 *
 * A compound page is 2^order pages allocated as one: the first is the head
 * (PG_head), every other page is a tail whose compound_head points back at
 * it.  The folio - the head seen as the whole - holds the only reference
 * count that matters; tails keep refcount 0 and are never freed alone.
 * When folio_put() drops the last reference, the whole folio goes back to
 * the allocator at its order.
 *
 * Linux: mm/page_alloc.c (prep_compound_page), mm/swap.c (folio_put),
 * mm/filemap.c (folio_lock), include/linux/mm.h.
 */
#include <mm/mm.h>
#include <mm/memremap.h>
#include <kernel/printk.h>
#include "internal.h"

void prep_compound_page(struct page *page, unsigned int order)
{
	struct folio *folio = (struct folio *)page;
	unsigned long nr = 1UL << order;

	VM_BUG_ON_PAGE(order == 0, page);
	SetPageHead(page);
	for (unsigned long i = 1; i < nr; i++) {
		struct page *p = page + i;

		p->mapping = NULL;
		p->compound_head = (unsigned long)page | 1;	/* before the folio fields */
		set_page_count(p, 0);
		atomic_set(&p->_mapcount, -1);
	}
	folio->_folio_order = order;
	atomic_set(&folio->_large_mapcount, -1);
	atomic_set(&folio->_entire_mapcount, -1);
	atomic_set(&folio->_nr_pages_mapped, 0);
	atomic_set(&folio->_pincount, 0);
	folio->_folio_nr_pages = nr;
	if (order > 1)
		INIT_LIST_HEAD(&folio->_deferred_list);
}

/* Checks every tail and makes them plain pages again before freeing. */
void destroy_compound_page(struct page *page, unsigned int order)
{
	struct folio *folio = (struct folio *)page;

	VM_BUG_ON_FOLIO(atomic_read(&folio->_entire_mapcount) != -1, folio);
	VM_BUG_ON_FOLIO(atomic_read(&folio->_large_mapcount) != -1, folio);
	/* __folio_put() took it off the deferred-split queue */
	VM_BUG_ON_FOLIO(order > 1 && !list_empty(&folio->_deferred_list), folio);
	for (unsigned long i = 1; i < (1UL << order); i++) {
		struct page *p = page + i;

		VM_BUG_ON_PAGE(compound_head(p) != page, p);
		VM_BUG_ON_PAGE(page_ref_count(p) != 0, p);
		VM_BUG_ON_PAGE(page_mapcount(p) != 0, p);
		p->compound_head = 0;
		p->mapping = NULL;
		p->flags &= ~((1UL << ZONES_PGSHIFT) - 1);
	}
	folio->_folio_order = 0;
	folio->_head_1 = 0;
	folio->_large_mapcount.counter = 0;
	folio->_entire_mapcount.counter = 0;
	folio->_folio_nr_pages = 0;
	ClearPageHead(page);
	ClearPageLargeRmappable(page);
}

/* The folio's last reference is gone: give all of it back. */
static void __folio_put(struct folio *folio)
{
	struct page *page = &folio->page;
	unsigned int order = folio_order(folio);
	bool device = is_zone_device_page(page);

	if (!device)
		folio_unqueue_deferred_split(folio);	/* a partly unmapped THP freed whole */
	/* zone_free_pages() drops the (restored) reference and frees. */
	set_page_count(page, 1);
	folio_clear_anon(folio);
	folio_clear_dirty(folio);
	folio_clear_uptodate(folio);
	folio_clear_swapbacked(folio);
	folio->mapping = NULL;
	if (device)
		free_zone_device_folio(folio);	/* back to the device's driver */
	else
		__free_pages(page, order);
}

void folio_put(struct folio *folio)
{
	if (!folio)
		return;
	if (put_page_testzero(&folio->page))
		__folio_put(folio);
}

void folio_put_refs(struct folio *folio, int refs)
{
	VM_BUG_ON_FOLIO(folio_ref_count(folio) < refs, folio);
	page_ref_add(&folio->page, -(refs - 1));
	folio_put(folio);
}

void put_page(struct page *page)
{
	if (page)
		folio_put(page_folio(page));
}

int folio_mapcount(const struct folio *folio)
{
	if (folio_test_large(folio))
		return atomic_read(&folio->_large_mapcount) + 1;
	return atomic_read(&folio->_mapcount) + 1;
}

bool folio_trylock(struct folio *folio)
{
	if (folio_test_locked(folio))
		return false;
	folio_set_locked(folio);
	return true;
}

/*
 * mmlab runs one thread: if the folio is already locked, nobody could ever
 * unlock it, so waiting would hang forever.  Say so instead.
 */
void folio_lock(struct folio *folio)
{
	VM_BUG_ON_FOLIO(folio_test_locked(folio), folio);
	folio_set_locked(folio);
}

void folio_unlock(struct folio *folio)
{
	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	folio_clear_locked(folio);
}
