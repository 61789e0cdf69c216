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
 * virtual page number, enough without fork.  Linux: mm/rmap.c (anon_vma).
 */
#include <mm/memory.h>
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

void folio_remove_rmap_pte(struct folio *folio, struct page *page)
{
	VM_BUG_ON_PAGE(page_mapcount(page) <= 0, page);
	atomic_dec(&page->_mapcount);
	if (folio_test_large(folio)) {
		atomic_dec(&folio->_large_mapcount);
		atomic_dec(&folio->_nr_pages_mapped);
	}
}

void folio_remove_rmap_pmd(struct folio *folio)
{
	VM_BUG_ON_FOLIO(atomic_read(&folio->_entire_mapcount) < 0, folio);
	atomic_dec(&folio->_entire_mapcount);
	atomic_dec(&folio->_large_mapcount);
}

/* Maps page (of folio) at address again - a migration destination or a restore. */
void folio_add_anon_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma, unsigned long address)
{
	folio->mapping = vma->vm_mm;
	folio->index = (address >> PAGE_SHIFT) - (page - &folio->page);
	folio_set_anon(folio);
	folio_set_swapbacked(folio);
	SetPageAnonExclusive(page);
	atomic_inc(&page->_mapcount);
	if (folio_test_large(folio)) {
		atomic_inc(&folio->_large_mapcount);
		atomic_inc(&folio->_nr_pages_mapped);
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
