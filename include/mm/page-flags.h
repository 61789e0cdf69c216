/*
 * include/mm/page-flags.h - the flag bits of struct page and their helpers.
 *
 * PageFoo(page) tests PG_foo, SetPageFoo/ClearPageFoo change it; the
 * folio_test_foo(folio) forms do the same on a folio's head page.  The
 * zone a page belongs to is kept in the top bits of page->flags, as in
 * Linux.  Names in page_flag_names[] (mm/debug.c) are what dump_page()
 * prints.  Linux: include/linux/page-flags.h.
 */
#ifndef _MM_PAGE_FLAGS_H
#define _MM_PAGE_FLAGS_H

#include <mm/mm_types.h>

enum pageflags {
	PG_locked,		/* folio is locked (folio_lock) */
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,			/* on an LRU list (reserved for later use) */
	PG_head,		/* first page of a compound page / large folio */
	PG_buddy,		/* free, in the buddy allocator; order in private */
	PG_reserved,		/* never handed to the allocator (kernel, holes) */
	PG_slab,		/* used by kmalloc */
	PG_anon,		/* anonymous memory (Linux: a bit in ->mapping) */
	PG_anon_exclusive,	/* mapped by exactly one process, writable */
	PG_swapbacked,
	PG_free_poisoned,	/* freed and filled with PAGE_POISON_FREE */
	PG_large_rmappable,	/* a large anonymous folio (THP) */
	NR_PAGEFLAGS,
	/* Flags of a large folio kept in its second page's flags (_flags_1). */
	PG_partially_mapped = PG_referenced,	/* some pages were unmapped: deferred split */
};

#define ZONES_SHIFT	2
#define ZONES_PGSHIFT	(64 - ZONES_SHIFT)

extern const char *const page_flag_names[NR_PAGEFLAGS];

static inline bool test_page_bit(const struct page *page, int nr)
{
	return page->flags & (1UL << nr);
}

static inline void set_page_bit(struct page *page, int nr)
{
	page->flags |= 1UL << nr;
}

static inline void clear_page_bit(struct page *page, int nr)
{
	page->flags &= ~(1UL << nr);
}

#define PAGEFLAG(Name, bit)						\
static inline bool Page##Name(const struct page *p) { return test_page_bit(p, PG_##bit); } \
static inline void SetPage##Name(struct page *p) { set_page_bit(p, PG_##bit); }	\
static inline void ClearPage##Name(struct page *p) { clear_page_bit(p, PG_##bit); } \
static inline bool folio_test_##bit(const struct folio *f) { return test_page_bit(&f->page, PG_##bit); } \
static inline void folio_set_##bit(struct folio *f) { set_page_bit(&f->page, PG_##bit); } \
static inline void folio_clear_##bit(struct folio *f) { clear_page_bit(&f->page, PG_##bit); }

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Head, head)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Slab, slab)
PAGEFLAG(Anon, anon)
PAGEFLAG(AnonExclusive, anon_exclusive)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(FreePoisoned, free_poisoned)
PAGEFLAG(LargeRmappable, large_rmappable)

/*
 * PG_partially_mapped lives in the second page, as in Linux
 * (FOLIO_FLAG(partially_mapped, FOLIO_SECOND_PAGE)): a small folio has no
 * second page, and never is partially mapped.
 */
static inline bool folio_test_partially_mapped(const struct folio *folio)
{
	return PageHead(&folio->page) && (folio->_flags_1 & (1UL << PG_partially_mapped));
}
static inline void folio_set_partially_mapped(struct folio *folio)
{
	folio->_flags_1 |= 1UL << PG_partially_mapped;
}
static inline void folio_clear_partially_mapped(struct folio *folio)
{
	folio->_flags_1 &= ~(1UL << PG_partially_mapped);
}

/* A tail page points at its head with bit 0 set in compound_head. */
static inline bool PageTail(const struct page *page)
{
	return page->compound_head & 1;
}

static inline bool PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

static inline struct page *compound_head(const struct page *page)
{
	if (PageTail(page))
		return (struct page *)(page->compound_head - 1);
	return (struct page *)page;
}

#endif
