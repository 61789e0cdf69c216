/*
 * mm/rmap.c - keeping count of the page-table entries that map a folio.
 *
 * Counts (all -1 based in struct page/folio, as in Linux):
 *   page->_mapcount          PTEs mapping this page
 *   folio->_entire_mapcount  PMDs mapping the whole folio
 *   folio->_large_mapcount   all mappings of a large folio (PTEs + PMDs)
 * A mapping also holds a folio reference: a PMD one, or one per PTE.
 *
 * mmlab's "reverse map" is just folio->mapping = mm and folio->index = the
 * virtual page number, enough without fork; rmap_walk() visits the VMAs
 * that range lies in.  Linux: mm/rmap.c (anon_vma, rmap_walk_anon).
 */
#include <mm/memory.h>
#include <mm/huge_mm.h>
#include <mm/memremap.h>
#include <mm/mmap.h>
#include <mm/mm.h>

void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, bool pmd_mapped)
{
	folio->mapping = vma->vm_mm;
	folio->index = address >> PAGE_SHIFT;
	folio_set_anon(folio);
	folio_set_swapbacked(folio);
	SetPageAnonExclusive(&folio->page);
	if (!folio_test_large(folio)) {
		atomic_set(&folio->_mapcount, 0);
		return;
	}
	VM_BUG_ON_FOLIO(!pmd_mapped, folio);	/* new large folios are PMD-mapped */
	atomic_set(&folio->_entire_mapcount, 0);
	atomic_set(&folio->_large_mapcount, 0);
	folio_set_large_rmappable(folio);
}

/*
 * nr PTEs mapping page, page + 1, ... of folio went away.  A large
 * anonymous folio left with some pages mapped and some not is "partially
 * mapped": its unmapped pages are wasted until the folio is split, so it
 * goes on the deferred-split queue (device-private folios excepted, as in
 * Linux).  Callers remove a whole run of a folio's PTEs in one call, so a
 * folio unmapped entirely is never queued on the way.
 */
void folio_remove_rmap_ptes(struct folio *folio, struct page *page, int nr)
{
	for (int i = 0; i < nr; i++) {
		VM_BUG_ON_PAGE(page_mapcount(page + i) <= 0, page + i);
		atomic_dec(&page[i]._mapcount);
	}
	if (!folio_test_large(folio))
		return;
	atomic_sub(nr, &folio->_large_mapcount);
	atomic_sub(nr, &folio->_nr_pages_mapped);
	if (atomic_read(&folio->_nr_pages_mapped) && folio_test_anon(folio) &&
	    !folio_test_partially_mapped(folio) && !folio_is_device_private(folio))
		deferred_split_folio(folio, true);
}

void folio_remove_rmap_pmd(struct folio *folio)
{
	VM_BUG_ON_FOLIO(atomic_read(&folio->_entire_mapcount) < 0, folio);
	atomic_dec(&folio->_entire_mapcount);
	atomic_dec(&folio->_large_mapcount);
}

/*
 * Maps nr pages from page (of folio) at address again, one PTE each - a
 * migration destination, a restore, or a huge PMD split into PTEs.
 */
void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page, int nr,
			      struct vm_area_struct *vma, unsigned long address)
{
	folio->mapping = vma->vm_mm;
	folio->index = (address >> PAGE_SHIFT) - (page - &folio->page);
	folio_set_anon(folio);
	folio_set_swapbacked(folio);
	for (int i = 0; i < nr; i++) {
		SetPageAnonExclusive(page + i);
		atomic_inc(&page[i]._mapcount);
	}
	if (folio_test_large(folio)) {
		atomic_add(nr, &folio->_large_mapcount);
		atomic_add(nr, &folio->_nr_pages_mapped);
	}
}

void folio_add_anon_rmap_pmd(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long haddr)
{
	VM_BUG_ON_FOLIO(!folio_test_large(folio), folio);
	folio->mapping = vma->vm_mm;
	folio->index = haddr >> PAGE_SHIFT;
	folio_set_anon(folio);
	folio_set_swapbacked(folio);
	folio_set_large_rmappable(folio);
	SetPageAnonExclusive(&folio->page);
	atomic_inc(&folio->_entire_mapcount);
	atomic_inc(&folio->_large_mapcount);
}

/*
 * mmlab's rmap walk: a folio can only be mapped at folio_anon_address() +
 * i * PAGE_SIZE for its page i, in folio_anon_mm(), so the VMAs to visit
 * are those that overlap that range now (munmap and mprotect may have cut
 * it into several).  rmap_one() gets each VMA and the first address of the
 * range inside it.  Linux: rmap_walk_anon() visits every VMA on the
 * folio's anon_vma, each at the address vma_address() computes from
 * vm_pgoff.
 */
void rmap_walk(struct folio *folio, const struct rmap_walk_control *rwc)
{
	struct mm_struct *mm = folio_anon_mm(folio);
	unsigned long start = folio_anon_address(folio);
	unsigned long end = start + folio_size(folio);

	for (unsigned long addr = start; addr < end; ) {
		struct vm_area_struct *vma = find_vma(mm, addr);

		if (!vma || vma->vm_start >= end)
			return;
		addr = max(addr, vma->vm_start);
		if (!rwc->rmap_one(folio, vma, addr, rwc->arg))
			return;
		addr = vma->vm_end;
	}
}
