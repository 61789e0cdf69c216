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
 * entire_mapcount 0, large_mapcount 512.
 *
 * Splitting the folio itself follows Linux's __folio_split(): check the
 * references, turn every mapping into a migration entry, freeze the
 * refcount, rewrite the struct pages (uniformly, or buddy-like around one
 * page), and map the new folios back.  A THP only partly unmapped is not
 * split at once but queued (the deferred-split queue) until a shrinker
 * needs its memory.  split_huge_pages_write() is the debugfs trigger.
 * Linux: mm/huge_memory.c.
 */
#include <kernel/trace.h>
#include <mm/rmap.h>
#include <mm/huge_mm.h>
#include <mm/mmu_notifier.h>
#include <mm/memremap.h>
#include <mm/swapops.h>
#include <mm/mmap.h>
#include <mm/mm.h>
#include <mm/vmstat.h>
#include <mm/shrinker.h>
#include "internal.h"
#include <kernel/param.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <asm/tlbflush.h>

enum transparent_hugepage_mode transparent_hugepage_mode = THP_MODE_ALWAYS;
struct folio *huge_zero_folio;

const char *const thp_mode_names[NR_THP_MODES] = {
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

static struct shrinker deferred_split_shrinker;

int hugepage_init(void)
{
	shrinker_register(&deferred_split_shrinker);
	huge_zero_folio = folio_alloc(__GFP_ZERO | __GFP_NOFAULT, HPAGE_PMD_ORDER);
	if (!huge_zero_folio)
		return -ENOMEM;
	count_vm_event(THP_ZERO_PAGE_ALLOC);
	/* said, so a reader comparing free counts before and after knows where they went */
	pr_info("huge_memory: the huge zero page took %d pages (pfn %#lx..%#lx) from the free count\n",
		HPAGE_PMD_NR, folio_pfn(huge_zero_folio), folio_pfn(huge_zero_folio) + HPAGE_PMD_NR - 1);
	return 0;
}

bool thp_vma_suitable(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long haddr = addr & PMD_MASK;

	return haddr >= vma->vm_start && haddr + PMD_SIZE <= vma->vm_end;
}

bool thp_vma_allowable(struct vm_area_struct *vma, unsigned long addr)
{
	if (!thp_vma_suitable(vma, addr) || (vma->vm_flags & VM_NOHUGEPAGE) ||
	    !vma_is_anonymous(vma))
		return false;		/* shmem THPs (shmem_enabled) are not modelled */
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

static struct folio *alloc_zeroed_thp(struct vm_area_struct *vma)
{
	struct folio *folio = folio_alloc(vma_thp_gfp_mask(vma), HPAGE_PMD_ORDER);

	/* Linux: folio_zero_user(), a clear_page() per page */
	for (unsigned long i = 0; folio && i < HPAGE_PMD_NR; i++)
		clear_page(page_address(folio_page(folio, i)));
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
	trace_thp_fault_alloc(haddr, folio_pfn(folio));
}

vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf)
{
	struct mm_struct *mm = vmf->vma->vm_mm;
	unsigned long haddr = vmf->address & PMD_MASK;
	struct page *table = pte_alloc_one(mm);

	if (!table)
		return VM_FAULT_FALLBACK;
	if (unlikely(anon_vma_prepare(vmf->vma))) {
		pte_free(mm, table);
		return VM_FAULT_OOM;
	}
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
	/* LAB(thp) BEGIN: a zeroed THP mapped by the PMD, its page table deposited for a split */
	//@ pte_free(mm, table);
	//@ (void)map_anon_folio_pmd;
	//@ return VM_FAULT_FALLBACK;	/* every fault gets 4 KiB pages */
	struct folio *folio = alloc_zeroed_thp(vmf->vma);

	if (!folio) {
		pte_free(mm, table);
		count_vm_event(THP_FAULT_FALLBACK);
		return VM_FAULT_FALLBACK;
	}
	map_anon_folio_pmd(vmf, folio, haddr);
	pgtable_trans_huge_deposit(mm, table);
	return 0;
	/* LAB END */
}

/* The folio a huge PMD maps: a THP (PROT_NONE too), or a device-private or migration entry. */
static struct folio *pmd_folio(pmd_t pmd)
{
	if (pmd_trans_huge(pmd))
		return page_folio(pfn_to_page(pmd_pfn(pmd)));
	VM_BUG_ON(!is_swap_pmd(pmd));
	return page_folio(pfn_swap_entry_to_page(pmd_to_swp_entry(pmd)));
}

/* The huge zero page written: a new THP, or 512 zero PTEs and a 4 KiB fault. */
static vm_fault_t do_huge_zero_wp_pmd(struct vm_fault *vmf, unsigned long haddr)
{
	struct vm_area_struct *vma = vmf->vma;
	struct folio *folio;

	folio = thp_vma_allowable(vma, haddr) && !anon_vma_prepare(vma) ?
		alloc_zeroed_thp(vma) : NULL;
	if (!folio) {
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

/*
 * A write to a read-only huge PMD.  A THP only this process maps (never
 * forked, or the other side has let go: one reference left) is made
 * writable in place; one still shared with a forked process is not copied
 * whole: the PMD is split and the 4 KiB fault copies just the written
 * page, as Linux does.  Linux: do_huge_pmd_wp_page().
 */
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long haddr = vmf->address & PMD_MASK;
	struct page *page;
	struct folio *folio;

	if (is_huge_zero_pmd(vmf->orig_pmd))
		return do_huge_zero_wp_pmd(vmf, haddr);
	page = pfn_to_page(pmd_pfn(vmf->orig_pmd));
	folio = page_folio(page);
	if (!PageAnonExclusive(page)) {
		if (folio_ref_count(folio) != 1) {
			__split_huge_pmd(vma, vmf->pmd, vmf->address, false);
			return VM_FAULT_FALLBACK;
		}
		folio_move_anon_rmap(folio, vma);
		SetPageAnonExclusive(page);
	}
	set_pmd_at(vma->vm_mm, haddr, vmf->pmd, pmd_mkdirty(maybe_pmd_mkwrite(vmf->orig_pmd, vma)));
	flush_tlb_range(vma, haddr, haddr + PMD_SIZE);
	return 0;
}

/*
 * fork, one huge PMD: the child maps the same THP (or the huge zero page,
 * or the device THP) with a deposited table of its own for a later split;
 * a writable mapping becomes read-only in both, as in copy_present_pte().
 * A PMD migration entry cannot be met (no fork during a migration).
 * Linux: copy_huge_pmd(), with the series' device-private PMD case.
 */
int copy_huge_pmd(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
		  pmd_t *dst_pmd, pmd_t *src_pmd, unsigned long addr)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	struct page *table = pte_alloc_one(dst_mm);
	pmd_t pmd = pmdp_get(src_pmd);
	struct folio *folio;
	bool cow = is_cow_mapping(src_vma->vm_flags);

	if (!table)
		return -ENOMEM;
	pgtable_trans_huge_deposit(dst_mm, table);
	if (is_huge_zero_pmd(pmd))
		goto set;
	VM_BUG_ON(is_pmd_migration_entry(pmd));
	folio = pmd_folio(pmd);
	folio_get(folio);
	folio_try_dup_anon_rmap_pmd(folio);
	add_mm_counter(dst_mm, MM_ANONPAGES, HPAGE_PMD_NR);
	if (is_pmd_device_private_entry(pmd)) {
		if (cow && is_writable_device_private_entry(pmd_to_swp_entry(pmd))) {
			pmd = swp_entry_to_pmd(make_readable_device_private_entry(folio_pfn(folio)));
			set_pmd_at(src_mm, addr, src_pmd, pmd);
		}
		goto set;
	}
	if (cow && pmd_write(pmd)) {
		pmd = pmd_wrprotect(pmd);
		set_pmd_at(src_mm, addr, src_pmd, pmd);
	}
set:
	set_pmd_at(dst_mm, addr, dst_pmd, pmd);
	return 0;
}

void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t old = pmdp_huge_get_and_clear(mm, haddr, pmd);
	struct folio *folio;

	flush_tlb_range(vma, haddr, haddr + PMD_SIZE);
	pte_free(mm, pgtable_trans_huge_withdraw(mm));
	if (is_huge_zero_pmd(old))
		return;
	add_mm_counter(mm, MM_ANONPAGES, -HPAGE_PMD_NR);
	if (is_pmd_migration_entry(old))
		return;		/* no mapcount, no reference: the migration holds it */
	folio = pmd_folio(old);
	folio_remove_rmap_pmd(folio);
	folio_put(folio);
}

/* ---- splitting a huge PMD ------------------------------------------------ */

/* Was the huge PMD's mapping writable (present, device-private or migration entry)? */
static bool pmd_entry_write(pmd_t pmd)
{
	swp_entry_t entry = pmd_to_swp_entry(pmd);

	if (pmd_trans_huge(pmd))
		return pmd_write(pmd);
	return is_writable_migration_entry(entry) || is_writable_device_private_entry(entry);
}

/* The PTE that takes over page pfn from a split huge PMD. */
static pte_t split_pte(pmd_t old, unsigned long pfn, bool freeze, bool write, bool exclusive)
{
	if (freeze || is_pmd_migration_entry(old))
		return swp_entry_to_pte(make_migration_entry_for(pfn, write, exclusive));
	if (is_pmd_device_private_entry(old))
		return swp_entry_to_pte(write ? make_writable_device_private_entry(pfn) :
					make_readable_device_private_entry(pfn));
	return pfn_pte(pfn, pmd_pgprot(old));	/* PAGE_NONE stays PAGE_NONE */
}

/*
 * Replaces the huge PMD at haddr by its deposited table, filled with 512
 * PTEs for the same pages.  Without freeze, each PTE maps its page as the
 * PMD did (present - PROT_NONE too - or device-private) and takes its own
 * mapcount and reference.  With freeze - what try_to_migrate() asks for -
 * each PTE is a migration entry instead: the pages are unmapped and the
 * PMD's reference is dropped.  A PMD migration entry becomes 512 PTE
 * migration entries either way (it holds no mapcount), and freeze drops a
 * reference there too, as Linux does.  Linux: __split_huge_pmd_locked().
 */
static void __split_huge_pmd_locked(struct vm_area_struct *vma, pmd_t *pmd,
				    unsigned long haddr, bool freeze)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t old = pmdp_huge_get_and_clear(mm, haddr, pmd);
	struct page *table = pgtable_trans_huge_withdraw(mm);
	pte_t *ptes = page_address(table);

	count_vm_event(THP_SPLIT_PMD);
	trace_split_huge_pmd(haddr, pmd_val(old));
	flush_tlb_range(vma, haddr, haddr + PMD_SIZE);
	if (is_huge_zero_pmd(old)) {
		for (int i = 0; i < PTRS_PER_PTE; i++)
			set_pte_at(mm, haddr + i * PAGE_SIZE, &ptes[i],
				   pfn_pte(zero_pfn(), pmd_pgprot(old)));
		goto populate;
	}
	/* LAB(thp) BEGIN: 512 PTEs that map what the PMD mapped, and the folio's rmap and refcount to match */
	//@ (void)split_pte; (void)ptes;	/* the PTEs stay empty: the 2 MiB is lost */
	struct folio *folio = pmd_folio(old);
	bool migration = is_pmd_migration_entry(old), write, exclusive;

	/* the PTEs inherit it */
	exclusive = migration ? !is_readable_migration_entry(pmd_to_swp_entry(old)) :
				PageAnonExclusive(&folio->page);
	write = pmd_entry_write(old);
	if (pmd_present(old) && pmd_dirty(old))
		folio_set_dirty(folio);		/* a migration entry keeps no dirty bit */
	for (int i = 0; i < PTRS_PER_PTE; i++)
		set_pte_at(mm, haddr + i * PAGE_SIZE, &ptes[i],
			   split_pte(old, folio_pfn(folio) + i, freeze, write, exclusive));
	if (!migration && !freeze) {
		/* one PMD mapping becomes 512 PTE mappings, each with its reference */
		folio_add_anon_rmap_ptes(folio, &folio->page, HPAGE_PMD_NR, vma, haddr,
					 exclusive ? RMAP_EXCLUSIVE : RMAP_NONE);
		folio_ref_add(folio, HPAGE_PMD_NR - 1);
	}
	if (!migration)
		folio_remove_rmap_pmd(folio);
	if (freeze)
		folio_put(folio);	/* the PMD's reference; the caller holds its own */
	/* LAB END */
populate:
	pmd_populate(mm, pmd, PFN_PHYS(page_to_pfn(table)));
}

void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address,
		      bool freeze)
{
	unsigned long haddr = address & PMD_MASK;
	pmd_t cur = pmdp_get(pmd);

	if (!pmd_trans_huge(cur) && !is_swap_pmd(cur))
		return;
	mmu_notifier_invalidate(vma->vm_mm, MMU_NOTIFY_CLEAR, haddr, haddr + PMD_SIZE, NULL);
	__split_huge_pmd_locked(vma, pmd, haddr, freeze);
}

void split_huge_pmd_address(struct vm_area_struct *vma, unsigned long address, bool freeze)
{
	pmd_t *pmd = mm_find_pmd(vma->vm_mm, address);

	if (pmd)
		__split_huge_pmd(vma, pmd, address, freeze);
}

int set_pmd_migration_entry(struct page_vma_mapped_walk *pvmw, struct page *page)
{
	struct vm_area_struct *vma = pvmw->vma;
	struct folio *folio = page_folio(page);
	pmd_t old = pmdp_huge_get_and_clear(vma->vm_mm, pvmw->address, pvmw->pmd);
	unsigned long pfn = page_to_pfn(page);
	bool write = pmd_entry_write(old);

	flush_tlb_range(vma, pvmw->address, pvmw->address + PMD_SIZE);
	if (pmd_trans_huge(old) && pmd_dirty(old))
		folio_set_dirty(folio);
	folio_remove_rmap_pmd(folio);
	folio_put(folio);		/* the mapping's reference; the caller holds one */
	set_pmd_at(vma->vm_mm, pvmw->address, pvmw->pmd, swp_entry_to_pmd(
		   make_migration_entry_for(pfn, write, PageAnonExclusive(page))));
	trace_set_migration_pmd(pvmw->address, pmd_val(pmdp_get(pvmw->pmd)));
	return 0;
}

void remove_migration_pmd(struct page_vma_mapped_walk *pvmw, struct page *new)
{
	struct vm_area_struct *vma = pvmw->vma;
	struct folio *folio = page_folio(new);
	swp_entry_t entry = pmd_to_swp_entry(pmdp_get(pvmw->pmd));
	bool write = is_writable_migration_entry(entry);
	unsigned long pfn = page_to_pfn(new);
	pmd_t pmde;

	if (folio_is_device_private(folio)) {
		pmde = swp_entry_to_pmd(write ? make_writable_device_private_entry(pfn) :
					make_readable_device_private_entry(pfn));
	} else {
		pmde = folio_mk_pmd(folio, vma->vm_page_prot);
		if (folio_test_dirty(folio))
			pmde = pmd_mkdirty(pmde);
		if (write)
			pmde = maybe_pmd_mkwrite(pmde, vma);
	}
	folio_add_anon_rmap_pmd(folio, vma, pvmw->address,
				!is_readable_migration_entry(entry) ? RMAP_EXCLUSIVE : RMAP_NONE);
	folio_get(folio);		/* the mapping's reference */
	set_pmd_at(vma->vm_mm, pvmw->address, pvmw->pmd, pmde);
	trace_remove_migration_pmd(pvmw->address, pmd_val(pmde));
}

/* ---- unmapping a folio for a split, and mapping it back ------------------ */

/* Linux: unmap_folio() - every mapping of the folio becomes a migration entry. */
static void unmap_folio(struct folio *folio)
{
	try_to_migrate(folio, TTU_SPLIT_HUGE_PMD);
}

/* Linux: remap_page() - the nr pages from folio on, in their new folios, map again. */
static void remap_page(struct folio *folio, unsigned long nr)
{
	for (unsigned long done = 0; done < nr; done += folio_nr_pages(folio),
	     folio = folio_next(folio))
		remove_migration_ptes(folio, folio, RMP_LOCKED);
}

/* ---- splitting a folio ---------------------------------------------------- */

/*
 * Page flags every new folio of a split inherits from the old head; all of
 * them are locked at first, as the old folio was.
 */
#define SPLIT_COPY_FLAGS (BIT(PG_locked) | BIT(PG_anon) | BIT(PG_swapbacked) | BIT(PG_dirty) | \
			  BIT(PG_uptodate) | BIT(PG_referenced))

bool can_split_folio(struct folio *folio, int caller_pins, int *pextra_pins)
{
	int extra_pins = 0;	/* the page cache's or swap cache's: mmlab has neither */

	if (pextra_pins)
		*pextra_pins = extra_pins;
	return folio_mapcount(folio) == folio_ref_count(folio) - extra_pins - caller_pins;
}

bool folio_split_supported(struct folio *folio, unsigned int new_order,
			   enum split_type split_type, bool warns)
{
	/*
	 * A non-anonymous folio: Linux checks its page cache's largest order
	 * here.  mmlab has no page cache, so __folio_split() refuses such a
	 * folio later, for having no mapping (-EBUSY), as Linux does.
	 */
	if (!folio_test_anon(folio))
		return true;
	if (new_order == 1) {
		/* the deferred-split list lives in the third page */
		if (warns)
			pr_warn_once("huge_memory: cannot split to an order-1 anonymous folio\n");
		return false;
	}
	return true;
}

/*
 * Rewrites the frozen, unmapped folio of order old_order as folios of
 * new_order: each gets the old head's flags, mapping and the index of its
 * first page, and is made compound again if new_order > 0.  Refcounts
 * stay 0 (frozen) and mapcounts -1 (unmapped).
 * Linux: __split_folio_to_order().
 */
static void __split_folio_to_order(struct folio *folio, int old_order, int new_order)
{
	struct page *head = &folio->page;
	unsigned long nr = 1UL << old_order, step = 1UL << new_order;
	unsigned long flags = head->flags & SPLIT_COPY_FLAGS;
	bool rmappable = folio_test_large_rmappable(folio);
	void *mapping = folio->mapping;
	pgoff_t index = folio->index;

	ClearPageHead(head);
	ClearPageLargeRmappable(head);
	for (unsigned long i = 0; i < nr; i++)
		head[i].compound_head = 0;		/* no longer anyone's tail */
	for (unsigned long i = 0; i < nr; i += step) {
		struct page *page = head + i;

		page->flags |= flags;
		page->mapping = mapping;
		page->index = index + i;
		page->alloc_order = new_order;	/* what the free path will check */
		if (!new_order)
			continue;
		prep_compound_page(page, new_order);
		if (rmappable)
			SetPageLargeRmappable(page);
	}
}

/*
 * Splits an unmapped, frozen folio, two ways (Linux: __split_unmapped_folio()):
 *
 *   uniform      all at once into folios of new_order;
 *   non-uniform  like the buddy allocator splitting a block: halve the
 *                folio, keep halving the half that holds split_at, until
 *                that piece is of new_order.  An order-9 folio split at a
 *                page to order 0 leaves one folio each of orders 8 down to
 *                2 and four of order 0 - anonymous memory skips order 1
 *                (Linux keeps a large anonymous folio's deferred-split list
 *                in its third page, which an order-1 folio lacks), so the
 *                order-2 piece goes straight to order 0.
 */
static void __split_unmapped_folio(struct folio *folio, int new_order,
				   struct page *split_at, enum split_type split_type)
{
	bool is_anon = folio_test_anon(folio);
	int old_order = folio_order(folio);
	int start_order = split_type == SPLIT_TYPE_UNIFORM ? new_order : old_order - 1;

	for (int split_order = start_order; split_order >= new_order; split_order--) {
		if (is_anon && split_order == 1)
			continue;
		__split_folio_to_order(folio, old_order, split_order);
		folio = page_folio(split_at);	/* the piece to halve next */
		old_order = split_order;
	}
}

/* A device folio's driver follows the split: called per new folio, then with NULL. */
static void zone_device_private_split_cb(struct folio *original, struct folio *new_folio)
{
	const struct dev_pagemap_ops *ops;

	if (!folio_is_device_private(original))
		return;
	ops = page_pgmap(&original->page)->ops;
	if (new_folio)
		new_folio->zone_device_data = original->zone_device_data;
	if (ops->folio_split)
		ops->folio_split(original, new_folio);
}

/*
 * The split proper, of a folio nothing maps: freeze the refcount at what
 * it must be (the caller's reference plus extra_pins; anything else is
 * someone we do not know about: -EAGAIN), take the folio off the
 * deferred-split queue, rewrite the struct pages, and unfreeze each new
 * folio at its expected references + 1.  Every new folio is left locked.
 * Linux: __folio_freeze_and_split_unmapped().
 */
static int __folio_freeze_and_split_unmapped(struct folio *folio, unsigned int new_order,
					     struct page *split_at, enum split_type split_type,
					     int extra_pins)
{
	struct folio *end_folio = folio_next(folio), *new_folio;

	if (!folio_ref_freeze(folio, 1 + extra_pins))
		return -EAGAIN;
	folio_unqueue_deferred_split(folio);
	if (folio_test_partially_mapped(folio))
		folio_clear_partially_mapped(folio);	/* the scan took it off the queue */
	trace_split_huge_page(folio_pfn(folio), folio_order(folio), new_order);
	__split_unmapped_folio(folio, new_order, split_at, split_type);
	for (new_folio = folio_next(folio); new_folio != end_folio;
	     new_folio = folio_next(new_folio)) {
		zone_device_private_split_cb(folio, new_folio);
		folio_ref_unfreeze(new_folio, folio_expected_ref_count(new_folio) + 1);
	}
	zone_device_private_split_cb(folio, NULL);
	folio_ref_unfreeze(folio, folio_expected_ref_count(folio) + 1);
	return 0;
}

/*
 * Splits a locked, mapped anonymous folio (Linux: __folio_split()), in the
 * order Linux does it:
 *
 *   1. refuse what cannot be split (-EINVAL), or is not mapped (-EBUSY:
 *      Linux finds no anon_vma then);
 *   2. can_split_folio(): every reference but the caller's must belong to
 *      a mapping - if not, -EAGAIN, and nothing has been touched;
 *   3. unmap_folio(): PMD and PTEs become migration entries;
 *   4. freeze the refcount and split (__folio_freeze_and_split_unmapped);
 *   5. remap_page(): the migration entries map the new folios;
 *   6. unlock every new folio but lock_at's, and drop the reference each
 *      got: one nothing maps is freed.  The folio holding lock_at keeps the
 *      caller's reference and the lock.
 *
 * THP_SPLIT_PAGE or THP_SPLIT_PAGE_FAILED counts an order-9 folio's split.
 */
static int __folio_split(struct folio *folio, unsigned int new_order, struct page *split_at,
			 struct page *lock_at, enum split_type split_type)
{
	struct folio *end_folio = folio_next(folio), *new_folio, *next;
	int old_order = folio_order(folio);
	int extra_pins, ret;

	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	if (folio != page_folio(split_at) || folio != page_folio(lock_at) ||
	    new_order >= old_order || !folio_split_supported(folio, new_order, split_type, true))
		return -EINVAL;
	if (is_huge_zero_pfn(folio_pfn(folio))) {
		pr_warn_once("huge_memory: called split_huge_page for the huge zero page\n");
		return -EBUSY;
	}
	ret = -EBUSY;
	/* no anon_vma (Linux: folio_get_anon_vma() fails), or no page cache mapping */
	if (!folio_test_anon(folio) || !folio_mapped(folio))
		goto out;
	ret = -EAGAIN;
	if (!can_split_folio(folio, 1, &extra_pins))
		goto out;
	unmap_folio(folio);
	ret = __folio_freeze_and_split_unmapped(folio, new_order, split_at, split_type, extra_pins);
	remap_page(folio, 1UL << old_order);
	if (ret)
		goto out;	/* a mapping the rmap walk could not find */
	for (new_folio = folio; new_folio != end_folio; new_folio = next) {
		next = folio_next(new_folio);
		if (new_folio == page_folio(lock_at))
			continue;
		folio_unlock(new_folio);
		folio_put(new_folio);
	}
out:
	if (old_order == HPAGE_PMD_ORDER)
		count_vm_event(!ret ? THP_SPLIT_PAGE : THP_SPLIT_PAGE_FAILED);
	return ret;
}

int split_huge_page_to_list_to_order(struct page *page, struct list_head *list,
				     unsigned int new_order)
{
	struct folio *folio = page_folio(page);

	VM_BUG_ON_FOLIO(list, folio);		/* no LRU: nothing to collect them on */
	return __folio_split(folio, new_order, &folio->page, page, SPLIT_TYPE_UNIFORM);
}

int folio_split(struct folio *folio, unsigned int new_order, struct page *split_at,
		struct list_head *list)
{
	VM_BUG_ON_FOLIO(list, folio);
	return __folio_split(folio, new_order, split_at, &folio->page, SPLIT_TYPE_NON_UNIFORM);
}

int folio_split_unmapped(struct folio *folio, unsigned int new_order)
{
	int extra_pins;

	VM_BUG_ON_FOLIO(folio_mapped(folio), folio);
	VM_BUG_ON_FOLIO(!folio_test_locked(folio), folio);
	VM_BUG_ON_FOLIO(!folio_test_large(folio), folio);
	VM_BUG_ON_FOLIO(!folio_test_anon(folio), folio);
	if (!can_split_folio(folio, 1, &extra_pins))
		return -EAGAIN;
	return __folio_freeze_and_split_unmapped(folio, new_order, &folio->page,
						 SPLIT_TYPE_UNIFORM, extra_pins);
}

/* ---- the deferred-split queue --------------------------------------------- */

/*
 * Large anonymous folios that are only partly mapped.  Splitting them at
 * once, on the munmap() or MADV_DONTNEED that unmapped part of them, would
 * make that path slow and waste the THP if the rest gets unmapped soon
 * anyway; so they wait here, whole, until memory is short: then the
 * shrinker splits them and the pieces nothing maps go back to the
 * allocator.  Linux keeps one queue per node (and per memcg) under a
 * spinlock; mmlab one.
 */
struct deferred_split {
	struct list_head split_queue;
	unsigned long split_queue_len;
};

static struct deferred_split deferred_split_queue = {
	.split_queue = LIST_HEAD_INIT(deferred_split_queue.split_queue),
};

/*
 * Queues a large anonymous folio for splitting later.  partially_mapped:
 * some of its pages were unmapped (counted once, THP_DEFERRED_SPLIT_PAGE).
 * Linux also queues every new THP with partially_mapped false, for the
 * "underused THP" shrinker; mmlab's callers always pass true.
 */
void deferred_split_folio(struct folio *folio, bool partially_mapped)
{
	struct deferred_split *ds_queue = &deferred_split_queue;

	if (folio_order(folio) <= 1)
		return;			/* no room for the list in an order-1 folio */
	if (partially_mapped) {
		if (!folio_test_partially_mapped(folio)) {
			folio_set_partially_mapped(folio);
			if (folio_order(folio) == HPAGE_PMD_ORDER)
				count_vm_event(THP_DEFERRED_SPLIT_PAGE);
		}
	} else {
		/* a partially mapped folio cannot become whole again */
		VM_BUG_ON_FOLIO(folio_test_partially_mapped(folio), folio);
	}
	if (list_empty(&folio->_deferred_list)) {
		list_add_tail(&folio->_deferred_list, &ds_queue->split_queue);
		ds_queue->split_queue_len++;
	}
}

bool __folio_unqueue_deferred_split(struct folio *folio)
{
	struct deferred_split *ds_queue = &deferred_split_queue;

	VM_BUG_ON_FOLIO(folio_ref_count(folio), folio);	/* freed or frozen */
	if (list_empty(&folio->_deferred_list))
		return false;
	ds_queue->split_queue_len--;
	folio_clear_partially_mapped(folio);
	list_del_init(&folio->_deferred_list);
	return true;
}

static unsigned long deferred_split_count(struct shrinker *shrink, struct shrink_control *sc)
{
	return deferred_split_queue.split_queue_len;
}

/* How many queued folios one pass pins and works on (Linux: a folio_batch). */
#define DEFERRED_SPLIT_BATCH	31

/* Takes up to DEFERRED_SPLIT_BATCH folios off the queue, each with a reference. */
static unsigned int deferred_split_take(struct deferred_split *ds_queue,
					struct shrink_control *sc, struct folio **batch)
{
	struct folio *folio, *next;
	unsigned int n = 0;

	list_for_each_entry_safe(folio, next, &ds_queue->split_queue, _deferred_list) {
		folio_get(folio);	/* a queued folio is never free: __folio_put unqueues */
		batch[n++] = folio;
		list_del_init(&folio->_deferred_list);
		ds_queue->split_queue_len--;
		if (!--sc->nr_to_scan || n == DEFERRED_SPLIT_BATCH)
			break;
	}
	return n;
}

/*
 * The shrinker: split the queued folios.  A folio that is busy (locked) or
 * cannot be split now (a pin) goes back on the queue.  A folio queued
 * without partially_mapped is Linux's "maybe underused" THP, split only if
 * mostly zero-filled - never with the default max_ptes_none (511), which
 * is what mmlab models: it just leaves the queue.  Linux: deferred_split_scan().
 */
static unsigned long deferred_split_scan(struct shrinker *shrink, struct shrink_control *sc)
{
	struct deferred_split *ds_queue = &deferred_split_queue;
	struct folio *batch[DEFERRED_SPLIT_BATCH];
	unsigned long split = 0;

	do {
		unsigned int n = deferred_split_take(ds_queue, sc, batch);

		for (unsigned int i = 0; i < n; i++) {
			struct folio *folio = batch[i];
			bool did_split = false;

			if (folio_test_partially_mapped(folio) && folio_trylock(folio)) {
				did_split = !split_folio(folio);
				folio_unlock(folio);
			}
			split += did_split;
			if (!did_split && folio_test_partially_mapped(folio))
				deferred_split_folio(folio, true);	/* try again later */
			folio_put(folio);
		}
	} while (sc->nr_to_scan && !list_empty(&ds_queue->split_queue));
	if (!split && list_empty(&ds_queue->split_queue))
		return SHRINK_STOP;
	return split;
}

static struct shrinker deferred_split_shrinker = {
	.count_objects = deferred_split_count,
	.scan_objects = deferred_split_scan,
	.name = "thp-deferred_split",
};

/* ---- split_huge_pages: the debug trigger ----------------------------------- */

/* A folio of a THP: a large anonymous one (the huge zero folio excepted). */
static bool is_transparent_hugepage(const struct folio *folio)
{
	return folio_test_large(folio) && folio_test_large_rmappable(folio);
}

/*
 * Splits every THP in RAM to order 0.  Linux: split_huge_pages_all(),
 * what writing 1 to /sys/kernel/debug/split_huge_pages does.  A locked
 * folio is skipped (Linux waits for the lock; mmlab's one thread cannot).
 */
void split_huge_pages_all(void)
{
	struct zone *zone = &normal_zone;
	unsigned long end_pfn = zone->zone_start_pfn + zone->spanned_pages;
	unsigned long total = 0, split = 0;

	for (unsigned long pfn = zone->zone_start_pfn; pfn < end_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);
		struct folio *folio;

		if (page_zonenum(page) != ZONE_NORMAL || PageTail(page))
			continue;
		folio = page_folio(page);
		if (!folio_try_get(folio))
			continue;
		if (is_transparent_hugepage(folio) && folio_trylock(folio)) {
			unsigned long nr = folio_nr_pages(folio);

			total++;
			split += !split_folio(folio);
			pfn += nr - 1;
			folio_unlock(folio);
		}
		folio_put(folio);
	}
	pr_debug("huge_memory: %lu of %lu THP split\n", split, total);
}

/*
 * Splits the THPs mapped in [vaddr_start, vaddr_end) of task pid's address
 * space to new_order: uniformly, or with in_folio_offset >= 0 non-uniformly
 * around that page of each folio.  Every page's folio is looked at, so a
 * range of one page splits one folio.  The task is found by pid (-ESRCH);
 * one without an mm is -EINVAL.  Linux's get_task_mm() also refuses a
 * kernel thread's borrowed mm (kthread_use_mm); mmlab takes it, so the
 * kernel tests can split their own mappings.  Linux: split_huge_pages_pid().
 */
static int split_huge_pages_pid(int pid, unsigned long vaddr_start, unsigned long vaddr_end,
				unsigned int new_order, long in_folio_offset)
{
	struct task_struct *task = find_task_by_vpid(pid);
	struct mm_struct *mm = task ? task->mm : NULL;
	unsigned long total = 0, split = 0;

	if (!task)
		return -ESRCH;
	if (!mm)
		return -EINVAL;
	for (unsigned long addr = vaddr_start & PAGE_MASK; addr < (vaddr_end & PAGE_MASK);
	     addr += PAGE_SIZE) {
		struct mm_mapping m;
		struct folio *folio;

		if (!vma_lookup(mm, addr))
			break;
		mm_find_mapping(mm, addr, &m);
		if (!m.present || m.zero_page)
			continue;
		folio = page_folio(pfn_to_page(m.pfn));
		if (!is_transparent_hugepage(folio) || new_order >= folio_order(folio))
			continue;
		total++;
		/* a pinned folio cannot be split: do not even try */
		if (folio_expected_ref_count(folio) != folio_ref_count(folio) || !folio_trylock(folio))
			continue;
		folio_get(folio);
		if (in_folio_offset < 0 || in_folio_offset >= (long)folio_nr_pages(folio))
			split += !split_folio_to_order(folio, new_order);
		else
			split += !folio_split(folio, new_order, folio_page(folio, in_folio_offset), NULL);
		folio_unlock(folio);
		folio_put(folio);
	}
	pr_debug("huge_memory: %lu of %lu THP split\n", split, total);
	return 0;
}

#define MAX_INPUT_BUF_SZ	255

/*
 * One number the way vsscanf() reads it: blanks skipped, a '-' only in a
 * signed field, at least one digit, a hex field's "0x" skipped; too many
 * digits wrap.  False, with
 * *p unchanged, when there is none.
 */
static bool scan_number(const char **p, unsigned int base, bool is_sign, long *val)
{
	const char *s = skip_spaces(*p);
	bool neg = is_sign && *s == '-';
	unsigned long v = 0;

	s += neg;
	if (hex_to_bin(*s) < 0 || hex_to_bin(*s) >= (int)base)
		return false;
	if (base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;		/* simple_strtoul() skips a prefix, digits or not */
	for (; hex_to_bin(*s) >= 0 && hex_to_bin(*s) < (int)base; s++)
		v = v * base + hex_to_bin(*s);
	*val = neg ? -(long)v : (long)v;
	*p = s;
	return true;
}

/*
 * Reads "pid,0xstart,0xend[,new_order[,in_folio_offset]]" as Linux's
 * sscanf(buf, "%d,0x%lx,0x%lx,%d,%ld", ...) does: the number of fields
 * that matched before the first mismatch.  Nothing after the fifth is read.
 */
static int split_huge_pages_scan(const char *s, long val[5])
{
	static const struct { const char *sep; unsigned int base; bool is_sign; } fmt[5] = {
		{ "", 10, true }, { ",0x", 16, false }, { ",0x", 16, false },
		{ ",", 10, true }, { ",", 10, true },
	};
	int n;

	for (n = 0; n < 5; n++) {
		size_t len = strlen(fmt[n].sep);

		if (strncmp(s, fmt[n].sep, len))
			break;
		s += len;
		if (!scan_number(&s, fmt[n].base, fmt[n].is_sign, &val[n]))
			break;
	}
	return n;
}

/*
 * The debugfs write: "1" splits every THP; "pid,0xstart,0xend[,order[,
 * offset]]" the THPs of one range; "/path,..." a file's, and mmlab has
 * no files (-EINVAL, as for a path that does not open).  Success returns
 * the length of what was read, at most MAX_INPUT_BUF_SZ - 1 bytes.
 * Linux: split_huge_pages_write().
 */
long split_huge_pages_write(const char *buf, size_t count)
{
	char input[MAX_INPUT_BUF_SZ];
	long val[5] = { 0, 0, 0, 0, -1 };	/* new_order 0, in_folio_offset -1 */
	int n, ret;

	count = min(count, sizeof(input) - 1);
	memcpy(input, buf, count);
	input[count] = '\0';
	if (input[0] == '/')
		return -EINVAL;
	n = split_huge_pages_scan(input, val);
	if (n == 1 && (int)val[0] == 1) {	/* Linux reads pid with %d: an int */
		split_huge_pages_all();
		return strlen(input);
	}
	if (n < 3)
		return -EINVAL;
	/* Linux reads the order with %d into an unsigned int: -1 is a huge order */
	ret = split_huge_pages_pid((int)val[0], val[1], val[2], (unsigned int)(int)val[3], val[4]);
	return ret ? ret : (long)strlen(input);
}
