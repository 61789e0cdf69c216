/*
 * mm/rmap.c - the reverse map: from a folio to the entries that map it.
 *
 * Counts (all -1 based in struct page/folio, as in Linux):
 *   page->_mapcount          PTEs mapping this page
 *   folio->_entire_mapcount  PMDs mapping the whole folio
 *   folio->_large_mapcount   all mappings of a large folio (PTEs + PMDs)
 * A mapping also holds a folio reference: a PMD one, or one per PTE.
 *
 * Where: an anonymous folio points to an anon_vma (folio->mapping), and
 * every VMA that may map it is linked to that anon_vma by an
 * anon_vma_chain.  A VMA's first fault gives it an anon_vma; a split or a
 * move copies its chains (anon_vma_clone); fork links the child's VMA to
 * every anon_vma of the parent's and gives it one of its own
 * (anon_vma_fork), so a folio the parent faulted before fork is found in
 * both, and one the child copies on write is found only in the child.
 * rmap_walk() visits the VMAs of the folio's anon_vma: try_to_migrate()
 * turns every mapping of a folio into a migration entry (for a split or a
 * migration), remove_migration_ptes() puts mappings back (of the same
 * folio, or of the one it migrated to).  Linux: mm/rmap.c (anon_vma_fork,
 * rmap_walk_anon, try_to_migrate_one), mm/migrate.c (remove_migration_pte).
 */
#include <mm/rmap.h>
#include <mm/huge_mm.h>
#include <mm/memremap.h>
#include <mm/mmu_notifier.h>
#include <mm/swapops.h>
#include <mm/vmstat.h>
#include <mm/mmap.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <kernel/errno.h>
#include <asm/tlbflush.h>
#include "internal.h"

/*
 * Pages of folio mapped at least once, as the node counters count them: a
 * PMD maps all of them (Linux: the ENTIRELY_MAPPED bit of _nr_pages_mapped).
 */
static long folio_pages_mapped(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return atomic_read(&folio->_mapcount) >= 0;
	if (atomic_read(&folio->_entire_mapcount) >= 0)
		return folio_nr_pages(folio);
	return atomic_read(&folio->_nr_pages_mapped);
}

static bool folio_pmd_mapped(const struct folio *folio)
{
	return folio_test_large(folio) && atomic_read(&folio->_entire_mapcount) >= 0;
}

/*
 * After an rmap change: NR_ANON_MAPPED and NR_ANON_THPS move by what it
 * changed (/proc/meminfo's AnonPages and AnonHugePages).  Linux:
 * __folio_mod_stat().
 */
static void folio_mod_stat(const struct folio *folio, long mapped_before, bool pmd_before)
{
	if (!folio_test_anon(folio))
		return;		/* shmem: Linux counts NR_SHMEM_PMDMAPPED, NR_FILE_MAPPED; mmlab not */
	mod_node_page_state(NR_ANON_MAPPED, folio_pages_mapped(folio) - mapped_before);
	if (folio_pmd_mapped(folio) != pmd_before)
		mod_node_page_state(NR_ANON_THPS, pmd_before ? -(long)folio_nr_pages(folio) :
				    (long)folio_nr_pages(folio));
}

/* ---- anon_vma and anon_vma_chain --------------------------------------- */

static long nr_anon_vmas, nr_anon_vma_chains;

void anon_vma_counts(long *anon_vmas, long *chains)
{
	*anon_vmas = nr_anon_vmas;
	*chains = nr_anon_vma_chains;
}

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *anon_vma = kzalloc(sizeof(*anon_vma), GFP_KERNEL);

	if (!anon_vma)
		return NULL;
	atomic_set(&anon_vma->refcount, 1);
	anon_vma->root = anon_vma;
	anon_vma->parent = anon_vma;
	INIT_LIST_HEAD(&anon_vma->rb_root);
	nr_anon_vmas++;
	return anon_vma;
}

static void anon_vma_free(struct anon_vma *anon_vma)
{
	VM_BUG_ON(!list_empty(&anon_vma->rb_root));
	nr_anon_vmas--;
	kfree(anon_vma);
}

/* A forked anon_vma holds its root: the root goes with the last of them. */
static void put_anon_vma(struct anon_vma *anon_vma)
{
	struct anon_vma *root = anon_vma->root;

	if (!atomic_dec_and_test(&anon_vma->refcount))
		return;
	if (anon_vma->parent != anon_vma)
		anon_vma->parent->num_children--;
	anon_vma_free(anon_vma);
	if (root != anon_vma && atomic_dec_and_test(&root->refcount))
		anon_vma_free(root);
}

static struct anon_vma_chain *anon_vma_chain_alloc(void)
{
	struct anon_vma_chain *avc = kzalloc(sizeof(*avc), GFP_KERNEL);

	if (avc)
		nr_anon_vma_chains++;
	return avc;
}

static void anon_vma_chain_link(struct vm_area_struct *vma, struct anon_vma_chain *avc,
				struct anon_vma *anon_vma)
{
	avc->vma = vma;
	avc->anon_vma = anon_vma;
	list_add(&avc->same_vma, &vma->anon_vma_chain);
	list_add_tail(&avc->rb, &anon_vma->rb_root);
}

/*
 * vma gets a new anon_vma of its own, chained to it: a first one, or (parent
 * given) a child of the parent VMA's at fork, holding the root.  -ENOMEM.
 */
static int anon_vma_attach_new(struct vm_area_struct *vma, struct anon_vma *parent)
{
	struct anon_vma *anon_vma = anon_vma_alloc();
	struct anon_vma_chain *avc = anon_vma_chain_alloc();

	if (!anon_vma || !avc) {
		if (anon_vma)
			anon_vma_free(anon_vma);
		if (avc)
			nr_anon_vma_chains--;
		kfree(avc);
		return -ENOMEM;
	}
	if (parent) {
		anon_vma->root = parent->root;
		anon_vma->parent = parent;
		atomic_inc(&anon_vma->root->refcount);
		parent->num_children++;
	}
	anon_vma_chain_link(vma, avc, anon_vma);
	vma->anon_vma = anon_vma;
	anon_vma->num_active_vmas++;
	return 0;
}

int anon_vma_prepare(struct vm_area_struct *vma)
{
	if (likely(vma->anon_vma))
		return 0;
	/* Linux first tries a neighbour's (find_mergeable_anon_vma); mmlab never merges VMAs. */
	return anon_vma_attach_new(vma, NULL);
}

int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct anon_vma_chain *pavc;

	/* Oldest first, as src's list is newest first: walks then meet ancestors first. */
	list_for_each_entry_reverse(pavc, &src->anon_vma_chain, same_vma) {
		struct anon_vma_chain *avc = anon_vma_chain_alloc();

		if (!avc) {
			dst->anon_vma = NULL;	/* not counted as active yet */
			unlink_anon_vmas(dst);
			return -ENOMEM;
		}
		anon_vma_chain_link(dst, avc, pavc->anon_vma);
	}
	if (dst->anon_vma)
		dst->anon_vma->num_active_vmas++;
	return 0;
}

int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	if (!pvma->anon_vma)
		return 0;		/* nothing faulted yet: the child's first fault makes one */
	vma->anon_vma = NULL;
	INIT_LIST_HEAD(&vma->anon_vma_chain);
	if (anon_vma_clone(vma, pvma))
		return -ENOMEM;
	/* Linux may reuse an anon_vma with no VMAs left here; mmlab always makes one. */
	if (anon_vma_attach_new(vma, pvma->anon_vma)) {
		unlink_anon_vmas(vma);
		return -ENOMEM;
	}
	return 0;
}

void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *next;

	if (vma->anon_vma)
		vma->anon_vma->num_active_vmas--;
	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		list_del(&avc->rb);
		list_del(&avc->same_vma);
		kfree(avc);
		nr_anon_vma_chains--;
		if (list_empty(&anon_vma->rb_root))
			put_anon_vma(anon_vma);	/* no VMA can map its folios any more */
	}
	vma->anon_vma = NULL;
}

/* ---- adding and removing mappings ---------------------------------------- */

/* A folio's first anonymous mapping: it belongs to vma's anon_vma from now on. */
static void __folio_set_anon(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address)
{
	VM_BUG_ON_FOLIO(!vma->anon_vma, folio);	/* anon_vma_prepare() was not called */
	folio->mapping = (void *)vma->anon_vma;
	folio->index = linear_page_index(vma, address);
	folio_set_anon(folio);
}

void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, bool pmd_mapped)
{
	__folio_set_anon(folio, vma, address);
	folio_set_swapbacked(folio);
	SetPageAnonExclusive(&folio->page);	/* new: no other process can map it */
	if (!folio_test_large(folio)) {
		atomic_set(&folio->_mapcount, 0);
		mod_node_page_state(NR_ANON_MAPPED, 1);
		return;
	}
	VM_BUG_ON_FOLIO(!pmd_mapped, folio);	/* new large folios are PMD-mapped */
	atomic_set(&folio->_entire_mapcount, 0);
	atomic_set(&folio->_large_mapcount, 0);
	folio_set_large_rmappable(folio);
	mod_node_page_state(NR_ANON_MAPPED, folio_nr_pages(folio));
	mod_node_page_state(NR_ANON_THPS, folio_nr_pages(folio));
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
	long mapped = folio_pages_mapped(folio);
	bool pmd = folio_pmd_mapped(folio);

	int unmapped = 0;		/* pages no PTE maps any more (after fork: maybe not all) */

	for (int i = 0; i < nr; i++) {
		VM_BUG_ON_PAGE(page_mapcount(page + i) <= 0, page + i);
		unmapped += atomic_add_negative(-1, &page[i]._mapcount);
	}
	if (!folio_test_large(folio)) {
		folio_mod_stat(folio, mapped, pmd);
		return;
	}
	atomic_sub(nr, &folio->_large_mapcount);
	atomic_sub(unmapped, &folio->_nr_pages_mapped);
	folio_mod_stat(folio, mapped, pmd);
	/*
	 * Partially mapped: some page lost its last mapping and some page is
	 * still mapped.  A forked process unmapping its copy loses no page's
	 * last mapping; one still mapped whole by a PMD is not partial either.
	 */
	if (unmapped && !pmd && atomic_read(&folio->_nr_pages_mapped) && folio_test_anon(folio) &&
	    !folio_test_partially_mapped(folio) && !folio_is_device_private(folio))
		deferred_split_folio(folio, true);
}

void folio_remove_rmap_pmd(struct folio *folio)
{
	long mapped = folio_pages_mapped(folio);

	VM_BUG_ON_FOLIO(atomic_read(&folio->_entire_mapcount) < 0, folio);
	atomic_dec(&folio->_entire_mapcount);
	atomic_dec(&folio->_large_mapcount);
	folio_mod_stat(folio, mapped, true);
}

/*
 * Maps nr pages from page (of folio) at address again, one PTE each - a
 * migration destination, a restore, or a huge PMD split into PTEs.
 * RMAP_EXCLUSIVE: the pages are this mapping's alone (PageAnonExclusive),
 * so a write fault may reuse them; without it they may be shared with a
 * forked process and a write copies.
 */
void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page, int nr,
			      struct vm_area_struct *vma, unsigned long address, rmap_t flags)
{
	long mapped = folio_pages_mapped(folio);
	bool pmd = folio_pmd_mapped(folio);
	int newly_mapped = 0;

	if (!folio_test_anon(folio))
		__folio_set_anon(folio, vma, address - ((page - &folio->page) << PAGE_SHIFT));
	folio_set_swapbacked(folio);
	for (int i = 0; i < nr; i++) {
		if (flags & RMAP_EXCLUSIVE)
			SetPageAnonExclusive(page + i);
		newly_mapped += atomic_inc_and_test(&page[i]._mapcount);
		/* a page mapped twice cannot be one mapping's alone (Linux warns too) */
		VM_WARN_ON_FOLIO(page_mapcount(page + i) > 1 && PageAnonExclusive(page + i), folio);
	}
	if (folio_test_large(folio)) {
		atomic_add(nr, &folio->_large_mapcount);
		atomic_add(newly_mapped, &folio->_nr_pages_mapped);
	}
	folio_mod_stat(folio, mapped, pmd);
}

void folio_add_anon_rmap_pmd(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long haddr, rmap_t flags)
{
	long mapped = folio_pages_mapped(folio);
	bool pmd = folio_pmd_mapped(folio);

	VM_BUG_ON_FOLIO(!folio_test_large(folio), folio);
	if (!folio_test_anon(folio))
		__folio_set_anon(folio, vma, haddr);
	folio_set_swapbacked(folio);
	folio_set_large_rmappable(folio);
	if (flags & RMAP_EXCLUSIVE)
		SetPageAnonExclusive(&folio->page);
	atomic_inc(&folio->_entire_mapcount);
	atomic_inc(&folio->_large_mapcount);
	VM_WARN_ON_FOLIO(atomic_read(&folio->_entire_mapcount) > 0 && PageAnonExclusive(&folio->page), folio);
	folio_mod_stat(folio, mapped, pmd);
}

void folio_add_file_rmap_pte(struct folio *folio, struct page *page)
{
	VM_BUG_ON_FOLIO(folio_test_anon(folio) || folio_test_large(folio), folio);
	atomic_inc(&page->_mapcount);
}

/*
 * fork: the child's PTEs map nr pages the parent maps - one more mapcount
 * each (the caller takes the references), and no page is either
 * process's alone any more.  Linux refuses (-EBUSY: copy instead) when a
 * page may be pinned for DMA; mmlab has no pins, so this never fails.
 * Linux: folio_try_dup_anon_rmap_ptes().
 */
int folio_try_dup_anon_rmap_ptes(struct folio *folio, struct page *page, int nr)
{
	for (int i = 0; i < nr; i++) {
		VM_BUG_ON_PAGE(page_mapcount(page + i) <= 0, page + i);
		ClearPageAnonExclusive(page + i);
		atomic_inc(&page[i]._mapcount);
	}
	if (folio_test_large(folio))
		atomic_add(nr, &folio->_large_mapcount);
	return 0;
}

/* fork: the child's huge PMD maps the folio too.  Linux: folio_try_dup_anon_rmap_pmd(). */
int folio_try_dup_anon_rmap_pmd(struct folio *folio)
{
	VM_BUG_ON_FOLIO(atomic_read(&folio->_entire_mapcount) < 0, folio);
	ClearPageAnonExclusive(&folio->page);
	atomic_inc(&folio->_entire_mapcount);
	atomic_inc(&folio->_large_mapcount);
	return 0;
}

/*
 * A write fault found the folio mapped only here (after fork, the other
 * process unmapped or copied it): it becomes vma's own, so later walks
 * start at vma's anon_vma.  Linux: folio_move_anon_rmap().
 */
void folio_move_anon_rmap(struct folio *folio, struct vm_area_struct *vma)
{
	VM_BUG_ON_FOLIO(!folio_test_anon(folio) || !vma->anon_vma, folio);
	folio->mapping = (void *)vma->anon_vma;
}

/*
 * Every VMA linked to the folio's anon_vma whose page offsets meet the
 * folio's [index, index + nr) - parent and children after fork, pieces
 * after munmap or mprotect cut a VMA, the new place after mremap.
 * rmap_one() gets each with the first address of the folio in it.  A VMA
 * may map other pages at those offsets (a child that copied on write, a
 * new mmap where a moved VMA was): the callers' pfn checks skip them.
 * Linux: rmap_walk_anon(), vma_address().
 */
void rmap_walk(struct folio *folio, const struct rmap_walk_control *rwc)
{
	struct anon_vma *anon_vma = folio_anon_vma(folio);
	pgoff_t first = folio->index, last = first + folio_nr_pages(folio);
	struct anon_vma_chain *avc, *next;

	VM_BUG_ON_FOLIO(!anon_vma, folio);
	list_for_each_entry_safe(avc, next, &anon_vma->rb_root, rb) {
		struct vm_area_struct *vma = avc->vma;
		pgoff_t start = vma->vm_pgoff;
		pgoff_t end = start + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);

		if (end <= first || start >= last)
			continue;
		if (!rwc->rmap_one(folio, vma, vma->vm_start +
				   ((max(first, start) - start) << PAGE_SHIFT), rwc->arg))
			return;
	}
}

/* ---- migration entries ------------------------------------------------ */

/* The entry for page: writable as its mapping was, exclusive as the page is. */
static swp_entry_t make_migration_entry(struct page *page, bool write)
{
	return make_migration_entry_for(page_to_pfn(page), write, PageAnonExclusive(page));
}

/* Was this mapping writable (a present PTE, or a device-private entry)? */
static bool pte_mapping_write(pte_t pte)
{
	return pte_present(pte) ? pte_write(pte) :
	       is_writable_device_private_entry(pte_to_swp_entry(pte));
}

void set_pte_migration_entry(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			     struct folio *folio, struct page *page, bool write)
{
	pte_t old = ptep_get_and_clear(vma->vm_mm, addr, ptep);

	if (pte_present(old) && pte_dirty(old))
		folio_set_dirty(folio);
	/*
	 * remove_migration_ptes() finds this entry through the rmap: make a
	 * small folio's index name this page's offset, whatever it inherited
	 * from a large folio it was split off.
	 */
	if (!folio_test_large(folio))
		folio->index = linear_page_index(vma, addr);
	set_pte_at(vma->vm_mm, addr, ptep,
		   swp_entry_to_pte(make_migration_entry(page, write)));
	folio_remove_rmap_pte(folio, page);
	folio_put(folio);		/* the mapping's reference; the caller holds one */
}

/* Does the huge PMD map this folio (a THP, PROT_NONE too, or a device THP)? */
static bool pmd_maps_folio(pmd_t pmd, struct folio *folio)
{
	if (pmd_trans_huge(pmd))
		return pmd_pfn(pmd) == folio_pfn(folio);
	return is_pmd_device_private_entry(pmd) &&
	       swp_offset_pfn(pmd_to_swp_entry(pmd)) == folio_pfn(folio);
}

/* The PTE for addr if a page table (not a huge PMD) covers it, else NULL. */
static pte_t *walk_to_pte(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);

	if (!pmd || !pmd_present(*pmd) || pmd_trans_huge(*pmd))
		return NULL;
	return pte_offset_kernel(pmd, addr);
}

/* Replaces a run of nr PTEs mapping page, page + 1, ... by migration entries. */
static void set_pte_migration_entries(struct vm_area_struct *vma, unsigned long addr,
				      pte_t *ptep, struct folio *folio, struct page *page,
				      unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		pte_t old = ptep_get_and_clear(vma->vm_mm, addr + i * PAGE_SIZE, ptep + i);

		if (pte_present(old) && pte_dirty(old))
			folio_set_dirty(folio);
		set_pte_at(vma->vm_mm, addr + i * PAGE_SIZE, ptep + i, swp_entry_to_pte(
			   make_migration_entry(page + i, pte_mapping_write(old))));
	}
	flush_tlb_range(vma, addr, addr + nr * PAGE_SIZE);
	/* A run leaves the rmap in one step: a folio unmapped whole is never queued. */
	folio_remove_rmap_ptes(folio, page, nr);
	folio_put_refs(folio, nr);
}

/*
 * Unmaps the folio's pages in vma from addr on.  A huge PMD becomes a PMD
 * migration entry (a THP migrates whole), or - with TTU_SPLIT_HUGE_PMD, for
 * a split - 512 PTE migration entries (a freeze split).  Each run of PTEs
 * becomes migration entries that remember whether they were writable.
 * Linux: try_to_migrate_one().
 */
static bool try_to_migrate_one(struct folio *folio, struct vm_area_struct *vma,
			       unsigned long addr, void *arg)
{
	int flags = *(int *)arg;
	unsigned long start = folio_address_in_vma(folio, vma);
	unsigned long end = min(vma->vm_end, start + folio_size(folio));
	struct page_vma_mapped_walk pvmw = { .vma = vma, .address = addr };
	unsigned int nr;

	pvmw.pmd = mm_find_pmd(vma->vm_mm, addr);
	if (pvmw.pmd && pmd_maps_folio(pmdp_get(pvmw.pmd), folio)) {
		if (flags & TTU_SPLIT_HUGE_PMD) {
			split_huge_pmd_address(vma, addr, true);
		} else {
			mmu_notifier_invalidate(vma->vm_mm, MMU_NOTIFY_CLEAR, addr,
						addr + PMD_SIZE, NULL);
			set_pmd_migration_entry(&pvmw, &folio->page);
		}
		return true;
	}
	mmu_notifier_invalidate(vma->vm_mm, MMU_NOTIFY_CLEAR, addr, end, NULL);
	for (; addr < end; addr += nr * PAGE_SIZE) {
		struct page *page = folio_page(folio, (addr - start) >> PAGE_SHIFT);
		pte_t *ptep = walk_to_pte(vma->vm_mm, addr);
		unsigned long table_end = min(end, (addr + PMD_SIZE) & PMD_MASK);

		nr = 1;
		if (!ptep || !pte_maps_page(ptep_get(ptep), page))
			continue;
		nr = folio_pte_batch(folio, ptep, ptep_get(ptep), (table_end - addr) >> PAGE_SHIFT);
		set_pte_migration_entries(vma, addr, ptep, folio, page, nr);
	}
	return true;
}

void try_to_migrate(struct folio *folio, int flags)
{
	const struct rmap_walk_control rwc = { .rmap_one = try_to_migrate_one, .arg = &flags };

	VM_BUG_ON_FOLIO(!folio_test_locked(folio) || !folio_test_anon(folio), folio);
	rmap_walk(folio, &rwc);
}

/*
 * The mapping of new where a migration entry was: a device-private entry
 * for device memory, else the VMA's own protection (PAGE_NONE in a
 * PROT_NONE VMA), writable if the entry was and the VMA allows it.
 */
static pte_t mk_restored_pte(struct vm_area_struct *vma, struct page *new, bool write)
{
	struct folio *folio = page_folio(new);
	unsigned long pfn = page_to_pfn(new);
	pte_t pte;

	if (folio_is_device_private(folio))
		return swp_entry_to_pte(write ? make_writable_device_private_entry(pfn) :
					make_readable_device_private_entry(pfn));
	pte = pfn_pte(pfn, vma->vm_page_prot);
	if (folio_test_dirty(folio))
		pte = pte_mkdirty(pte);
	return write ? maybe_mkwrite(pte, vma) : pte;
}

/*
 * Puts a mapping of dst where src's migration entries are in vma (dst ==
 * src after a split or a failed migration).  src is found by its rmap: its
 * page i can only be at src's address + i pages.  Linux:
 * remove_migration_pte() (and remove_migration_pmd() for a whole THP).
 */
static bool remove_migration_pte(struct folio *src, struct vm_area_struct *vma,
				 unsigned long addr, void *arg)
{
	struct folio *dst = arg;
	unsigned long start = folio_address_in_vma(src, vma);
	unsigned long end = min(vma->vm_end, start + folio_size(src));

	for (; addr < end; addr += PAGE_SIZE) {
		unsigned long i = (addr - start) >> PAGE_SHIFT;
		struct page_vma_mapped_walk pvmw = { .vma = vma, .address = addr };
		swp_entry_t entry;

		pvmw.pmd = mm_find_pmd(vma->vm_mm, addr);
		if (!pvmw.pmd || pmd_none(*pvmw.pmd))
			continue;
		if (is_pmd_migration_entry(*pvmw.pmd)) {
			entry = pmd_to_swp_entry(*pvmw.pmd);
			if (!i && swp_offset_pfn(entry) == folio_pfn(src)) {
				remove_migration_pmd(&pvmw, &dst->page);
				return true;	/* the whole folio here; other mms may map it too */
			}
			continue;
		}
		if (!pmd_present(*pvmw.pmd) || pmd_trans_huge(*pvmw.pmd))
			continue;
		pvmw.pte = pte_offset_kernel(pvmw.pmd, addr);	/* the PMD found above */
		if (!is_swap_pte(ptep_get(pvmw.pte)))
			continue;
		entry = pte_to_swp_entry(ptep_get(pvmw.pte));
		if (!is_migration_entry(entry) || swp_offset_pfn(entry) != folio_pfn(src) + i)
			continue;
		folio_add_anon_rmap_pte(dst, folio_page(dst, i), vma, addr,
					!is_readable_migration_entry(entry) ? RMAP_EXCLUSIVE : RMAP_NONE);
		folio_get(dst);			/* the mapping's reference */
		set_pte_at(vma->vm_mm, addr, pvmw.pte, mk_restored_pte(vma, folio_page(dst, i),
			   is_writable_migration_entry(entry)));
	}
	return true;
}

void remove_migration_ptes(struct folio *src, struct folio *dst, int flags)
{
	const struct rmap_walk_control rwc = { .rmap_one = remove_migration_pte, .arg = dst };

	rmap_walk(src, &rwc);
}
