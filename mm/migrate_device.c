/*
 * mm/migrate_device.c - migrate_vma_setup(): collect and unmap.
 *
 * Collect walks [start, end) of the VMA and writes one src[] entry per
 * 4 KiB: a page to migrate (VALID | MIGRATE [| WRITE]), a hole to fill
 * (MIGRATE only: nothing mapped, or the zero page), or 0 (leave it).  A
 * THP - or device THP - that the range covers whole becomes ONE entry with
 * COMPOUND, followed by 511 zeros, when the caller asked for
 * MIGRATE_VMA_SELECT_COMPOUND; a large folio only partly covered is split
 * first.  Every page collected is locked, holds a reference, and its
 * mapping is replaced by a migration entry, so nothing can touch it until
 * migrate_vma_finalize() puts a mapping back.
 *
 * Unmap then drops any page someone else holds a reference to (it cannot
 * be moved safely) and restores its mapping.
 *
 * Linux: mm/migrate_device.c (migrate_vma_collect_pmd, _collect_huge_pmd,
 * _collect_hole, migrate_vma_split_folio, migrate_device_unmap).
 * Simplifications: one thread and no locks, no LRU, no rmap walk - the
 * VMA and the index tell where each page is mapped.
 */
#include <mm/migrate.h>
#include "internal.h"
#include <mm/huge_mm.h>
#include <mm/mmu_notifier.h>
#include <mm/memremap.h>
#include <mm/swapops.h>
#include <mm/mmap.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <asm/tlbflush.h>

static void collect_entry(struct migrate_vma *m, unsigned long mpfn)
{
	m->src[m->npages] = mpfn;
	m->dst[m->npages] = 0;
	m->npages++;
}

static void collect_skip(struct migrate_vma *m, unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE)
		collect_entry(m, 0);
}

/* Nothing mapped (or only the zero page): the driver may fill it. */
static void collect_hole(struct migrate_vma *m, unsigned long start, unsigned long end)
{
	if ((m->flags & MIGRATE_VMA_SELECT_COMPOUND) && IS_ALIGNED(start, PMD_SIZE) &&
	    end - start == PMD_SIZE) {
		collect_entry(m, MIGRATE_PFN_MIGRATE | MIGRATE_PFN_COMPOUND);
		m->cpages++;
		collect_skip(m, start + PAGE_SIZE, end);	/* 511 reserved entries */
		return;
	}
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		collect_entry(m, MIGRATE_PFN_MIGRATE);
		m->cpages++;
	}
}

static bool owner_matches(struct migrate_vma *m, struct page *page)
{
	return (m->flags & MIGRATE_VMA_SELECT_DEVICE_PRIVATE) &&
	       page_pgmap(page)->owner == m->pgmap_owner;
}

static struct folio *fault_folio(struct migrate_vma *m)
{
	return m->fault_page ? page_folio(m->fault_page) : NULL;
}

/* Locks and references a folio to collect; false if it is busy. */
static bool collect_lock(struct migrate_vma *m, struct folio *folio)
{
	folio_get(folio);
	if (folio == fault_folio(m) || folio_trylock(folio))
		return true;
	folio_put(folio);	/* busy: migration is best effort, skip it */
	return false;
}

/*
 * Splits a large folio found where we need small ones.  The fault path
 * holds the fault page's folio locked and referenced; after the split that
 * lock and reference must move to the small folio holding the fault page.
 */
static int migrate_vma_split_folio(struct folio *folio, struct page *fault_page)
{
	struct folio *ff = fault_page ? page_folio(fault_page) : NULL, *nf;
	int ret;

	if (folio != ff) {
		folio_get(folio);
		folio_lock(folio);
	}
	ret = split_folio(folio);
	if (ret || folio != ff) {
		if (folio != ff) {	/* not the fault's folio: just let go */
			folio_unlock(folio);
			folio_put(folio);
		}
		return ret;
	}
	/* We split the fault's folio: its lock and reference follow the fault page. */
	nf = page_folio(fault_page);
	if (nf != folio) {
		folio_get(nf);
		folio_lock(nf);
		folio_unlock(folio);
		folio_put(folio);
	}
	return 0;
}

/* Returns 0 if the 2 MiB was handled, -ENOENT to walk its PTEs instead. */
static int collect_huge_pmd(struct migrate_vma *m, pmd_t *pmd, unsigned long start,
			    unsigned long end)
{
	pmd_t orig = pmdp_get(pmd);
	struct folio *folio;
	bool write;

	if (pmd_trans_huge(orig)) {
		if (!(m->flags & MIGRATE_VMA_SELECT_SYSTEM))
			goto skip;
		if (is_huge_zero_pmd(orig)) {
			collect_hole(m, start, end);	/* reads as zeroes: a hole */
			return 0;
		}
		folio = page_folio(pfn_to_page(pmd_pfn(orig)));
		write = pmd_write(orig);
	} else if (is_pmd_device_private_entry(orig)) {
		swp_entry_t entry = pmd_to_swp_entry(orig);

		folio = page_folio(pfn_swap_entry_to_page(entry));
		if (!owner_matches(m, &folio->page))
			goto skip;
		write = is_writable_device_private_entry(entry);
	} else {
		goto skip;		/* a migration entry: someone else's migration */
	}
	if (!collect_lock(m, folio))
		goto skip;
	if ((m->flags & MIGRATE_VMA_SELECT_COMPOUND) && IS_ALIGNED(start, PMD_SIZE) &&
	    end - start == PMD_SIZE) {
		set_pmd_migration_entry(m->vma, pmd, start, folio, write);
		collect_entry(m, migrate_pfn(folio_pfn(folio)) | MIGRATE_PFN_MIGRATE |
			      MIGRATE_PFN_COMPOUND | (write ? MIGRATE_PFN_WRITE : 0));
		m->cpages++;
		collect_skip(m, start + PAGE_SIZE, end);
		return 0;
	}
	/* Only part of the THP is in the range (or no COMPOUND): split it. */
	{
		int ret = split_folio(folio);

		if (folio != fault_folio(m))
			folio_unlock(folio);
		folio_put(folio);
		if (ret)
			goto skip;
	}
	return -ENOENT;
skip:
	collect_skip(m, start, end);
	return 0;
}

/* The entry to collect for one PTE, or 0; *folio_out is its folio if any. */
static unsigned long pte_mpfn(struct migrate_vma *m, pte_t pte, unsigned long addr,
			      struct folio **folio_out)
{
	struct page *page;

	*folio_out = NULL;
	if (!pte_present(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);

		if (!is_device_private_entry(entry))
			return 0;
		page = pfn_swap_entry_to_page(entry);
		if (!owner_matches(m, page))
			return 0;
		*folio_out = page_folio(page);
		return migrate_pfn(page_to_pfn(page)) | MIGRATE_PFN_MIGRATE |
		       (is_writable_device_private_entry(entry) ? MIGRATE_PFN_WRITE : 0);
	}
	if (!(m->flags & MIGRATE_VMA_SELECT_SYSTEM))
		return 0;
	if (is_zero_pfn(pte_pfn(pte)))
		return MIGRATE_PFN_MIGRATE;		/* a hole */
	page = vm_normal_page(m->vma, addr, pte);
	*folio_out = page_folio(page);
	return migrate_pfn(pte_pfn(pte)) | MIGRATE_PFN_MIGRATE |
	       (pte_write(pte) ? MIGRATE_PFN_WRITE : 0);
}

/* Replaces the mapping of one collected page by a migration entry. */
static void collect_unmap_pte(struct migrate_vma *m, pte_t *ptep, unsigned long addr,
			      struct folio *folio, unsigned long mpfn)
{
	pte_t old = ptep_get_and_clear(m->vma->vm_mm, addr, ptep);
	struct page *page = migrate_pfn_to_page(mpfn);
	unsigned long pfn = page_to_pfn(page);

	if (pte_present(old) && pte_dirty(old))
		folio_set_dirty(folio);
	set_pte_at(m->vma->vm_mm, addr, ptep, swp_entry_to_pte(
		   (mpfn & MIGRATE_PFN_WRITE) ? make_writable_migration_entry(pfn) :
		   make_readable_migration_entry(pfn)));
	folio_remove_rmap_pte(folio, page);
	folio_put(folio);		/* the mapping's reference; ours stays */
}

static void collect_pte_range(struct migrate_vma *m, pmd_t *pmd, unsigned long start,
			      unsigned long end)
{
	unsigned long addr = start;

again:
	for (; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = pte_offset_kernel(pmd, addr);
		pte_t pte = ptep_get(ptep);
		struct folio *folio;
		unsigned long mpfn;

		if (pte_none(pte)) {
			collect_entry(m, MIGRATE_PFN_MIGRATE);
			m->cpages++;
			continue;
		}
		mpfn = pte_mpfn(m, pte, addr, &folio);
		if (folio && folio_test_large(folio)) {
			/* A large folio mapped by PTEs: split it, then look again. */
			if (migrate_vma_split_folio(folio, m->fault_page)) {
				collect_skip(m, addr, end);
				break;
			}
			goto again;
		}
		if (folio && !collect_lock(m, folio))
			mpfn = 0;
		if (folio && mpfn)
			collect_unmap_pte(m, ptep, addr, folio, mpfn);
		if (mpfn & MIGRATE_PFN_MIGRATE)
			m->cpages++;
		collect_entry(m, mpfn);
	}
	flush_tlb_range(m->vma, start, end);
}

static void migrate_vma_collect(struct migrate_vma *m)
{
	unsigned long addr, next;

	/* Mirrors drop the range; the migrating device itself may skip this. */
	mmu_notifier_invalidate(m->vma->vm_mm, MMU_NOTIFY_MIGRATE, m->start, m->end,
				m->pgmap_owner);

	for (addr = m->start; addr < m->end; addr = next) {
		pmd_t *pmd = mm_find_pmd(m->vma->vm_mm, addr);

		next = min((addr + PMD_SIZE) & PMD_MASK, m->end);
		if (!pmd || pmd_none(*pmd)) {
			collect_hole(m, addr, next);
			continue;
		}
		if ((pmd_trans_huge(*pmd) || is_swap_pmd(*pmd)) &&
		    !collect_huge_pmd(m, pmd, addr, next))
			continue;
		collect_pte_range(m, pmd, addr, next);
	}
	m->end = m->start + (m->npages << PAGE_SHIFT);
}

/* Nothing but our collect reference (and the fault path's) may remain. */
static bool migrate_vma_check_folio(struct folio *folio, struct folio *fault)
{
	int extra = 1 + (folio == fault);

	return folio_ref_count(folio) - extra <= folio_mapcount(folio);
}

static void migrate_vma_unmap(struct migrate_vma *m)
{
	unsigned long unmapped = 0;

	for (unsigned long i = 0; i < m->npages; i++) {
		struct page *page = migrate_pfn_to_page(m->src[i]);
		struct folio *folio;

		if (!page) {
			if (m->src[i] & MIGRATE_PFN_MIGRATE)
				unmapped++;		/* a hole */
			continue;
		}
		folio = page_folio(page);
		if (folio_test_large(folio))
			m->src[i] |= MIGRATE_PFN_COMPOUND;
		if (folio_mapped(folio) || !migrate_vma_check_folio(folio, fault_folio(m))) {
			m->src[i] &= ~MIGRATE_PFN_MIGRATE;	/* pinned: leave it */
			continue;
		}
		unmapped++;
	}
	/* Put back what will not migrate. */
	for (unsigned long i = 0; i < m->npages; i++) {
		struct page *page = migrate_pfn_to_page(m->src[i]);
		struct folio *folio;

		if (!page || (m->src[i] & MIGRATE_PFN_MIGRATE))
			continue;
		folio = page_folio(page);
		remove_migration_entry(m, i, folio, folio);
		m->src[i] = 0;
		if (folio != fault_folio(m))
			folio_unlock(folio);
		folio_put(folio);
	}
	m->cpages = unmapped;
}

int migrate_vma_setup(struct migrate_vma *args)
{
	unsigned long nr;

	if (!args || !args->vma || !args->src || !args->dst ||
	    !IS_ALIGNED(args->start, PAGE_SIZE) || !IS_ALIGNED(args->end, PAGE_SIZE) ||
	    args->end <= args->start || args->start < args->vma->vm_start ||
	    args->end > args->vma->vm_end)
		return -EINVAL;
	if (args->fault_page && (!is_device_private_page(args->fault_page) ||
				 !folio_test_locked(page_folio(args->fault_page))))
		return -EINVAL;
	nr = (args->end - args->start) >> PAGE_SHIFT;
	memset(args->src, 0, nr * sizeof(*args->src));
	memset(args->dst, 0, nr * sizeof(*args->dst));
	args->cpages = 0;
	args->npages = 0;
	migrate_vma_collect(args);
	if (args->cpages)
		migrate_vma_unmap(args);
	return 0;
}
