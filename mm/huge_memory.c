/*
 * mm/huge_memory.c - transparent huge pages: fault, zap and split.
 *
 * A THP is an order-9 anonymous folio mapped by one PMD entry with the PS
 * bit set.  With each huge PMD we deposit a spare page table, so that
 * splitting the PMD into 512 PTEs later never needs to allocate (and so
 * cannot fail) - Linux does the same.
 *
 * Reference and map counts of a PMD-mapped THP: refcount 1 (the mapping),
 * entire_mapcount 1, large_mapcount 1.  After split_huge_pmd() the same
 * folio is mapped by 512 PTEs: refcount 512, each page's mapcount 1,
 * entire_mapcount 0, large_mapcount 512.  split_folio_to_order() then
 * hands each smaller folio the references of the pages it contains.
 * Linux: mm/huge_memory.c.
 */
#include <mm/huge_mm.h>
#include <mm/mmu_notifier.h>
#include <mm/memremap.h>
#include <mm/swapops.h>
#include <mm/mmap.h>
#include <mm/mm.h>
#include <mm/vmstat.h>
#include "internal.h"
#include <kernel/param.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <asm/tlbflush.h>

enum transparent_hugepage_mode transparent_hugepage_mode = THP_MODE_ALWAYS;
struct folio *huge_zero_folio;

static const char *const thp_mode_names[] = {
	[THP_MODE_ALWAYS] = "always",
	[THP_MODE_MADVISE] = "madvise",
	[THP_MODE_NEVER] = "never",
};

const char *thp_mode_name(enum transparent_hugepage_mode mode)
{
	return thp_mode_names[mode];
}

void set_transparent_hugepage_mode(enum transparent_hugepage_mode mode)
{
	transparent_hugepage_mode = mode;
}

static int __init setup_transparent_hugepage(char *val)
{
	for (unsigned int m = 0; val && m < ARRAY_SIZE(thp_mode_names); m++) {
		if (!strcmp(val, thp_mode_names[m])) {
			transparent_hugepage_mode = m;
			return 0;
		}
	}
	return -EINVAL;
}
__setup("transparent_hugepage", setup_transparent_hugepage);

int hugepage_init(void)
{
	huge_zero_folio = folio_alloc(__GFP_ZERO | __GFP_NOFAULT, HPAGE_PMD_ORDER);
	if (!huge_zero_folio)
		return -ENOMEM;
	count_vm_event(THP_ZERO_PAGE_ALLOC);
	return 0;
}

bool thp_vma_suitable(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long haddr = addr & PMD_MASK;

	return haddr >= vma->vm_start && haddr + PMD_SIZE <= vma->vm_end;
}

bool thp_vma_allowable(struct vm_area_struct *vma, unsigned long addr)
{
	if (!thp_vma_suitable(vma, addr) || (vma->vm_flags & VM_NOHUGEPAGE))
		return false;
	if (transparent_hugepage_mode == THP_MODE_ALWAYS)
		return true;
	return transparent_hugepage_mode == THP_MODE_MADVISE && (vma->vm_flags & VM_HUGEPAGE);
}

void pgtable_trans_huge_deposit(struct mm_struct *mm, struct page *table)
{
	list_add(&table->lru, &mm->pmd_huge_pte);
	mm->nr_deposited++;
}

struct page *pgtable_trans_huge_withdraw(struct mm_struct *mm)
{
	struct page *table;

	VM_BUG_ON(list_empty(&mm->pmd_huge_pte));
	table = list_first_entry(&mm->pmd_huge_pte, struct page, lru);
	list_del(&table->lru);
	INIT_LIST_HEAD(&table->lru);
	mm->nr_deposited--;
	return table;
}

pmd_t folio_mk_pmd(struct folio *folio, pgprot_t pgprot)
{
	return pmd_mkhuge(pfn_pmd(folio_pfn(folio), pgprot));
}

pmd_t maybe_pmd_mkwrite(pmd_t pmd, struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_WRITE) ? pmd_mkwrite(pmd) : pmd;
}

static struct folio *alloc_zeroed_thp(void)
{
	struct folio *folio = folio_alloc(GFP_TRANSHUGE, HPAGE_PMD_ORDER);

	if (folio)
		memset(folio_address(folio), 0, PMD_SIZE);
	return folio;
}

/* Installs a new THP at haddr (the PMD must be empty or cleared). */
static void map_anon_folio_pmd(struct vm_fault *vmf, struct folio *folio, unsigned long haddr)
{
	struct vm_area_struct *vma = vmf->vma;

	folio_add_new_anon_rmap(folio, vma, haddr, true);
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, HPAGE_PMD_NR);
	set_pmd_at(vma->vm_mm, haddr, vmf->pmd,
		   maybe_pmd_mkwrite(pmd_mkdirty(folio_mk_pmd(folio, vma->vm_page_prot)), vma));
	count_vm_event(THP_FAULT_ALLOC);
}

vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf)
{
	struct mm_struct *mm = vmf->vma->vm_mm;
	unsigned long haddr = vmf->address & PMD_MASK;
	struct page *table = pte_alloc_one(mm);
	struct folio *folio;

	if (!table)
		return VM_FAULT_FALLBACK;
	if (!(vmf->flags & FAULT_FLAG_WRITE) && !huge_zero_folio) {
		pte_free(mm, table);		/* no huge zero page: 4 KiB zero pages */
		return VM_FAULT_FALLBACK;
	}
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		/* Reading untouched memory: share the huge zero page. */
		set_pmd_at(mm, haddr, vmf->pmd,
			   pmd_wrprotect(folio_mk_pmd(huge_zero_folio, vmf->vma->vm_page_prot)));
		pgtable_trans_huge_deposit(mm, table);
		return 0;
	}
	folio = alloc_zeroed_thp();
	if (!folio) {
		pte_free(mm, table);
		count_vm_event(THP_FAULT_FALLBACK);
		return VM_FAULT_FALLBACK;
	}
	map_anon_folio_pmd(vmf, folio, haddr);
	pgtable_trans_huge_deposit(mm, table);
	return 0;
}

/* A write to a read-only huge PMD: in mmlab, only ever the huge zero page. */
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long haddr = vmf->address & PMD_MASK;
	struct folio *folio;

	if (!is_huge_zero_pmd(vmf->orig_pmd)) {
		set_pmd_at(vma->vm_mm, haddr, vmf->pmd,
			   pmd_mkdirty(pmd_mkwrite(vmf->orig_pmd)));
		flush_tlb_range(vma, haddr, haddr + PMD_SIZE);
		return 0;
	}
	folio = thp_vma_allowable(vma, haddr) ? alloc_zeroed_thp() : NULL;
	if (!folio) {
		/* No THP: 512 read-only zero PTEs, and a 4 KiB fault for this page. */
		count_vm_event(THP_FAULT_FALLBACK);
		split_huge_pmd(vma, vmf->pmd, haddr);
		return VM_FAULT_FALLBACK;
	}
	mmu_notifier_invalidate(vma->vm_mm, MMU_NOTIFY_CLEAR, haddr, haddr + PMD_SIZE, NULL);
	pmdp_huge_get_and_clear(vma->vm_mm, haddr, vmf->pmd);
	flush_tlb_range(vma, haddr, haddr + PMD_SIZE);
	map_anon_folio_pmd(vmf, folio, haddr);		/* the deposit stays */
	return 0;
}

/* The folio a huge PMD maps: a present THP or a device-private entry. */
static struct folio *pmd_folio(pmd_t pmd)
{
	if (pmd_trans_huge(pmd))
		return page_folio(pfn_to_page(pmd_pfn(pmd)));
	VM_BUG_ON(!is_pmd_device_private_entry(pmd));
	return page_folio(pfn_swap_entry_to_page(pmd_to_swp_entry(pmd)));
}

void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t old = pmdp_huge_get_and_clear(mm, haddr, pmd);
	struct folio *folio;

	VM_BUG_ON(is_pmd_migration_entry(old));		/* only mid-migration */
	flush_tlb_range(vma, haddr, haddr + PMD_SIZE);
	pte_free(mm, pgtable_trans_huge_withdraw(mm));
	if (is_huge_zero_pmd(old))
		return;
	folio = pmd_folio(old);
	folio_remove_rmap_pmd(folio);
	add_mm_counter(mm, MM_ANONPAGES, -HPAGE_PMD_NR);
	folio_put(folio);
}

/* Fills the deposited table with 512 PTEs mapping what the PMD mapped. */
static void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t old;
	struct page *table;
	pte_t *ptes;
	struct folio *folio;
	pgprot_t prot;

	mmu_notifier_invalidate(mm, MMU_NOTIFY_CLEAR, haddr, haddr + PMD_SIZE, NULL);
	old = pmdp_huge_get_and_clear(mm, haddr, pmd);
	table = pgtable_trans_huge_withdraw(mm);
	ptes = page_address(table);

	flush_tlb_range(vma, haddr, haddr + PMD_SIZE);
	if (is_huge_zero_pmd(old)) {
		for (int i = 0; i < PTRS_PER_PTE; i++)
			set_pte_at(mm, haddr + i * PAGE_SIZE, &ptes[i],
				   pfn_pte(zero_pfn(), pmd_pgprot(old)));
	} else {
		bool device = is_pmd_device_private_entry(old);
		bool write = device ? is_writable_device_private_entry(pmd_to_swp_entry(old)) : false;

		folio = pmd_folio(old);
		prot = pmd_pgprot(old);
		for (int i = 0; i < PTRS_PER_PTE; i++) {
			struct page *page = folio_page(folio, i);
			unsigned long pfn = folio_pfn(folio) + i;

			/* A device THP becomes 512 device-private PTEs; it stays large. */
			set_pte_at(mm, haddr + i * PAGE_SIZE, &ptes[i], device ?
				   swp_entry_to_pte(write ? make_writable_device_private_entry(pfn) :
						    make_readable_device_private_entry(pfn)) :
				   pfn_pte(pfn, prot));
			atomic_inc(&page->_mapcount);
			if (PageAnonExclusive(&folio->page))
				SetPageAnonExclusive(page);
		}
		/* one PMD mapping became 512 PTE mappings, each with its reference */
		folio_ref_add(folio, HPAGE_PMD_NR - 1);
		atomic_dec(&folio->_entire_mapcount);
		atomic_add(HPAGE_PMD_NR - 1, &folio->_large_mapcount);
		atomic_add(HPAGE_PMD_NR, &folio->_nr_pages_mapped);
	}
	pmd_populate(mm, pmd, PFN_PHYS(page_to_pfn(table)));
	count_vm_event(THP_SPLIT_PMD);
}

void split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address)
{
	pmd_t cur = pmdp_get(pmd);

	if (pmd_trans_huge(cur) || is_pmd_device_private_entry(cur))
		__split_huge_pmd(vma, pmd, address & PMD_MASK);
}

int set_pmd_migration_entry(struct page_vma_mapped_walk *pvmw, struct page *page)
{
	struct vm_area_struct *vma = pvmw->vma;
	struct folio *folio = page_folio(page);
	pmd_t old = pmdp_huge_get_and_clear(vma->vm_mm, pvmw->address, pvmw->pmd);
	unsigned long pfn = page_to_pfn(page);
	bool write = pmd_trans_huge(old) ? pmd_write(old) :
		     is_writable_device_private_entry(pmd_to_swp_entry(old));

	flush_tlb_range(vma, pvmw->address, pvmw->address + PMD_SIZE);
	if (pmd_trans_huge(old) && pmd_dirty(old))
		folio_set_dirty(folio);
	folio_remove_rmap_pmd(folio);
	folio_put(folio);		/* the mapping's reference; the caller holds one */
	set_pmd_at(vma->vm_mm, pvmw->address, pvmw->pmd, swp_entry_to_pmd(write ?
		   make_writable_migration_entry(pfn) : make_readable_migration_entry(pfn)));
	return 0;
}

void remove_migration_pmd(struct page_vma_mapped_walk *pvmw, struct page *new)
{
	struct vm_area_struct *vma = pvmw->vma;
	struct folio *folio = page_folio(new);
	bool write = is_writable_migration_entry(pmd_to_swp_entry(pmdp_get(pvmw->pmd)));
	unsigned long pfn = page_to_pfn(new);
	pmd_t pmde;

	if (folio_is_device_private(folio)) {
		pmde = swp_entry_to_pmd(write ? make_writable_device_private_entry(pfn) :
					make_readable_device_private_entry(pfn));
	} else {
		pmde = pmd_mkdirty(folio_mk_pmd(folio, vma->vm_page_prot));
		if (write)
			pmde = maybe_pmd_mkwrite(pmde, vma);
	}
	folio_add_anon_rmap_pmd(folio, vma, pvmw->address);
	folio_get(folio);		/* the mapping's reference */
	set_pmd_at(vma->vm_mm, pvmw->address, pvmw->pmd, pmde);
}

/*
 * The "freeze" split used by migration: a PMD migration entry becomes 512
 * PTE migration entries for the same pages, so each 4 KiB page can later
 * be remapped on its own.  Migration entries hold no mapcount.
 */
void split_huge_pmd_migration_entry(struct vm_area_struct *vma, pmd_t *pmd,
				    unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long haddr = address & PMD_MASK;
	pmd_t old = pmdp_huge_get_and_clear(mm, haddr, pmd);
	swp_entry_t entry = pmd_to_swp_entry(old);
	struct page *table = pgtable_trans_huge_withdraw(mm);
	pte_t *ptes = page_address(table);

	VM_BUG_ON(!is_pmd_migration_entry(old));
	for (int i = 0; i < PTRS_PER_PTE; i++) {
		unsigned long pfn = swp_offset_pfn(entry) + i;

		set_pte_at(mm, haddr + i * PAGE_SIZE, &ptes[i], swp_entry_to_pte(
			   is_writable_migration_entry(entry) ?
			   make_writable_migration_entry(pfn) : make_readable_migration_entry(pfn)));
	}
	pmd_populate(mm, pmd, PFN_PHYS(page_to_pfn(table)));
	count_vm_event(THP_SPLIT_PMD);
}

void split_huge_pmd_address(struct vm_area_struct *vma, unsigned long address, bool freeze)
{
	pmd_t *pmd = mm_find_pmd(vma->vm_mm, address);

	if (pmd && freeze && is_pmd_migration_entry(*pmd)) {
		struct page *page = pfn_swap_entry_to_page(pmd_to_swp_entry(*pmd));

		split_huge_pmd_migration_entry(vma, pmd, address);
		put_page(page);		/* as Linux's freeze split does */
	} else if (pmd) {
		split_huge_pmd(vma, pmd, address);
	}
}

/* Page flags every new folio of a split inherits from the old head. */
#define SPLIT_COPY_FLAGS (BIT(PG_anon) | BIT(PG_swapbacked) | BIT(PG_dirty) | \
			  BIT(PG_uptodate) | BIT(PG_referenced))

/* Turns pages [head, head + 2^order) into one folio, keeping mapcounts. */
static void remake_folio(struct page *head, unsigned int order, unsigned long flags,
			 void *mapping, pgoff_t index, int refs)
{
	struct folio *folio = (struct folio *)head;
	unsigned long nr = 1UL << order;
	int mapped = 0, maps = 0;

	for (unsigned long i = 0; i < nr; i++) {
		head[i].compound_head = 0;		/* no longer anyone's tail */
		mapped += page_mapcount(&head[i]) > 0;
		maps += page_mapcount(&head[i]);
	}
	head->flags |= flags;
	head->mapping = mapping;
	head->index = index;
	head->alloc_order = order;	/* what the free path will check */
	set_page_count(head, refs);
	if (!order)
		return;
	SetPageHead(head);
	SetPageLargeRmappable(head);
	for (unsigned long i = 1; i < nr; i++)
		head[i].compound_head = (unsigned long)head | 1;
	folio->_folio_order = order;
	folio->_folio_nr_pages = nr;
	atomic_set(&folio->_entire_mapcount, -1);
	atomic_set(&folio->_large_mapcount, maps - 1);
	atomic_set(&folio->_nr_pages_mapped, mapped);
	atomic_set(&folio->_pincount, 0);
}

/* References each new folio gets: one per mapping of its pages. */
static int split_refs(struct page *head, unsigned int order)
{
	int refs = 0;

	for (unsigned long i = 0; i < (1UL << order); i++)
		refs += page_mapcount(&head[i]);
	return refs;
}

/* A device folio's driver follows the split (dev_pagemap_ops.folio_split). */
static void notify_device_split(struct folio *head, unsigned long nr, unsigned long step)
{
	const struct dev_pagemap_ops *ops;

	if (!folio_is_device_private(head))
		return;
	ops = page_pgmap(&head->page)->ops;
	for (unsigned long i = step; i < nr; i += step) {
		struct folio *tail = (struct folio *)(&head->page + i);

		tail->zone_device_data = head->zone_device_data;
		if (ops->folio_split)
			ops->folio_split(head, tail);
	}
	if (ops->folio_split)
		ops->folio_split(head, NULL);
}

/*
 * Remakes the folio as nr / 2^new_order folios.  refs < 0: each gets the
 * references of its mappings (+1, the caller's, for the first); refs >= 0:
 * each gets exactly refs.
 */
static void remake_all(struct folio *folio, unsigned int new_order, int refs)
{
	struct page *head = &folio->page;
	unsigned long nr = folio_nr_pages(folio), step = 1UL << new_order;
	unsigned long flags = head->flags & SPLIT_COPY_FLAGS;
	void *mapping = folio->mapping;
	pgoff_t index = folio->index;

	ClearPageHead(head);
	ClearPageLargeRmappable(head);
	folio->_folio_order = 0;
	for (unsigned long i = 0; i < nr; i += step)
		remake_folio(head + i, new_order, flags, mapping, index + i, refs >= 0 ? refs :
			     split_refs(head + i, new_order) + (i == 0));
	notify_device_split(folio, nr, step);
}

static void __split_folio_to_order(struct folio *folio, unsigned int new_order)
{
	struct page *head = &folio->page;
	unsigned long nr = folio_nr_pages(folio), step = 1UL << new_order;

	remake_all(folio, new_order, -1);
	/* Pieces nobody maps (their pages were just unmapped) are freed now. */
	for (unsigned long i = step; i < nr; i += step) {
		if (page_ref_count(head + i))
			continue;
		set_page_count(head + i, 1);
		folio_put(page_folio(head + i));
	}
}

int split_folio_to_order(struct folio *folio, int new_order)
{
	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	if (!folio_test_large(folio) || !folio_test_anon(folio) || new_order < 0 ||
	    new_order >= (int)folio_order(folio) || new_order == 1)
		return -EINVAL;		/* Linux has no order-1 anonymous folios either */
	/*
	 * Only the mappings and the caller may hold references (Linux:
	 * can_split_folio), checked before anything changes: a refused split
	 * leaves the PMD mapping as it was.
	 */
	if (folio_ref_count(folio) != folio_mapcount(folio) + 1)
		return -EAGAIN;
	if (atomic_read(&folio->_entire_mapcount) >= 0) {
		/* PMD-mapped: turn the mapping into PTEs first (rmap: mm + index). */
		struct vm_area_struct *vma = vma_lookup(folio_anon_mm(folio),
							folio_anon_address(folio));

		if (!vma)
			return -EINVAL;
		split_huge_pmd_address(vma, folio_anon_address(folio), false);
	}
	__split_folio_to_order(folio, new_order);
	count_vm_event(THP_SPLIT_PAGE);
	return 0;
}

bool folio_can_split_unmapped(struct folio *folio, int refs)
{
	return folio_test_large(folio) && folio_test_locked(folio) &&
	       !folio_mapped(folio) && folio_ref_count(folio) == refs;
}

int folio_split_unmapped(struct folio *folio, unsigned int new_order)
{
	unsigned long nr = folio_nr_pages(folio), step = 1UL << new_order;
	int refs = 1;

	if (!folio_can_split_unmapped(folio, refs) || new_order >= folio_order(folio))
		return -EAGAIN;
	remake_all(folio, new_order, 1);
	set_page_count(&folio->page, refs);		/* the first keeps the extras */
	for (unsigned long i = step; i < nr; i += step)
		SetPageLocked(&folio->page + i);	/* all stay locked, for finalize */
	return 0;
}

void deferred_split_folio(struct folio *folio)
{
	if (!folio_test_large(folio) || !folio_test_anon(folio) || !folio_trylock(folio))
		return;
	split_folio(folio);
	folio_unlock(folio);
}
