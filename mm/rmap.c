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
 * virtual page number, enough without fork.  try_to_migrate() and
 * remove_migration_ptes() walk it: from a folio to its entries and back.
 * Linux: mm/rmap.c (anon_vma, try_to_migrate_one), mm/migrate.c
 * (remove_migration_pte).
 */
#include <mm/rmap.h>
#include <mm/memremap.h>
#include <mm/huge_mm.h>
#include <mm/mmu_notifier.h>
#include <mm/swapops.h>
#include <mm/mmap.h>
#include <mm/mm.h>
#include <asm/tlbflush.h>

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

/* ---- migration entries ------------------------------------------------ */

void set_pte_migration_entry(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			     struct folio *folio, struct page *page, bool write)
{
	pte_t old = ptep_get_and_clear(vma->vm_mm, addr, ptep);
	unsigned long pfn = page_to_pfn(page);

	if (pte_present(old) && pte_dirty(old))
		folio_set_dirty(folio);
	/*
	 * remove_migration_ptes() finds this entry through the rmap: make
	 * it name addr.  A small folio split off a large one that mremap()
	 * moved only in part inherited an index that is true only for the
	 * part that moved (Linux's anon_vma and vm_pgoff keep it right).
	 */
	if (!folio_test_large(folio))
		folio->index = addr >> PAGE_SHIFT;
	set_pte_at(vma->vm_mm, addr, ptep, swp_entry_to_pte(write ?
		   make_writable_migration_entry(pfn) : make_readable_migration_entry(pfn)));
	folio_remove_rmap_pte(folio, page);
	folio_put(folio);		/* the mapping's reference */
}

/* The PMD mapping the whole folio at addr, or NULL. */
static pmd_t *folio_pmd(struct folio *folio, struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);

	if (!pmd || !IS_ALIGNED(addr, PMD_SIZE))
		return NULL;
	if (pmd_trans_huge(*pmd) && pmd_pfn(*pmd) == folio_pfn(folio))
		return pmd;
	if (is_pmd_device_private_entry(*pmd) &&
	    swp_offset_pfn(pmd_to_swp_entry(*pmd)) == folio_pfn(folio))
		return pmd;
	return NULL;
}

/* Is pte a mapping of page (present or device-private)?  *write: may it write? */
static bool pte_maps_page(pte_t pte, struct page *page, bool *write)
{
	swp_entry_t e = pte_to_swp_entry(pte);

	if (pte_present(pte)) {
		*write = pte_write(pte);
		return pte_pfn(pte) == page_to_pfn(page);
	}
	*write = is_writable_device_private_entry(e);
	return !pte_none(pte) && is_device_private_entry(e) &&
	       swp_offset_pfn(e) == page_to_pfn(page);
}

void try_to_migrate(struct folio *folio, int flags)
{
	struct mm_struct *mm = folio_anon_mm(folio);
	unsigned long base = folio_anon_address(folio);

	VM_BUG_ON_FOLIO(!folio_test_locked(folio) || !folio_test_anon(folio), folio);
	for (unsigned long i = 0; i < folio_nr_pages(folio) && folio_mapped(folio); i++) {
		unsigned long addr = base + (i << PAGE_SHIFT);
		struct page_vma_mapped_walk pvmw = { .vma = vma_lookup(mm, addr), .address = addr };
		struct page *page = folio_page(folio, i);
		pte_t *ptep;
		bool write;

		if (!pvmw.vma)
			continue;
		pvmw.pmd = i ? NULL : folio_pmd(folio, mm, addr);
		if (pvmw.pmd) {
			mmu_notifier_invalidate(mm, MMU_NOTIFY_CLEAR, addr, addr + PMD_SIZE, NULL);
			set_pmd_migration_entry(&pvmw, page);
			return;
		}
		pvmw.pmd = mm_find_pmd(mm, addr);
		if (!pvmw.pmd || !pmd_present(*pvmw.pmd) || pmd_trans_huge(*pvmw.pmd))
			continue;
		ptep = pte_offset_kernel(pvmw.pmd, addr);
		if (!pte_maps_page(ptep_get(ptep), page, &write))
			continue;
		mmu_notifier_invalidate(mm, MMU_NOTIFY_CLEAR, addr, addr + PAGE_SIZE, NULL);
		set_pte_migration_entry(pvmw.vma, addr, ptep, folio, page, write);
		flush_tlb_page(pvmw.vma, addr);
	}
}

/* The entry that maps new where a migration entry was (Linux: remove_migration_pte). */
static pte_t mk_restored_pte(struct vm_area_struct *vma, struct page *new, bool write)
{
	unsigned long pfn = page_to_pfn(new);
	pte_t pte;

	if (folio_is_device_private(page_folio(new)))
		return swp_entry_to_pte(write ? make_writable_device_private_entry(pfn) :
					make_readable_device_private_entry(pfn));
	pte = pte_mkdirty(pfn_pte(pfn, vma->vm_page_prot));
	return write ? maybe_mkwrite(pte, vma) : pte;
}

static void remove_migration_pte(struct folio *dst, struct page_vma_mapped_walk *pvmw,
				 struct page *new)
{
	swp_entry_t entry = pte_to_swp_entry(ptep_get(pvmw->pte));

	folio_add_anon_rmap_pte(dst, new, pvmw->vma, pvmw->address);
	folio_get(dst);			/* the mapping's reference */
	set_pte_at(pvmw->vma->vm_mm, pvmw->address, pvmw->pte,
		   mk_restored_pte(pvmw->vma, new, is_writable_migration_entry(entry)));
}

void remove_migration_ptes(struct folio *src, struct folio *dst, int flags)
{
	struct mm_struct *mm = folio_anon_mm(src);
	unsigned long base = folio_anon_address(src);

	for (unsigned long i = 0; i < folio_nr_pages(src); i++) {
		struct page_vma_mapped_walk pvmw = { .address = base + (i << PAGE_SHIFT) };
		swp_entry_t entry;

		pvmw.vma = vma_lookup(mm, pvmw.address);
		pvmw.pmd = pvmw.vma ? mm_find_pmd(mm, pvmw.address) : NULL;
		if (!pvmw.pmd || pmd_none(*pvmw.pmd))
			continue;
		if (is_pmd_migration_entry(*pvmw.pmd)) {
			entry = pmd_to_swp_entry(*pvmw.pmd);
			if (i == 0 && swp_offset_pfn(entry) == folio_pfn(src)) {
				remove_migration_pmd(&pvmw, &dst->page);
				return;
			}
			continue;
		}
		if (!pmd_present(*pvmw.pmd) || pmd_trans_huge(*pvmw.pmd))
			continue;
		pvmw.pte = pte_offset_kernel(pvmw.pmd, pvmw.address);
		entry = pte_to_swp_entry(ptep_get(pvmw.pte));
		if (is_swap_pte(ptep_get(pvmw.pte)) && is_migration_entry(entry) &&
		    swp_offset_pfn(entry) == folio_pfn(src) + i)
			remove_migration_pte(dst, &pvmw, folio_page(dst, i));
	}
}
