/*
 * mm/migrate_device.c - migrate_vma_setup(): collect and unmap; and the
 * same start for a driver evicting its memory (migrate_device_range).
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
 * Unmap (migrate_device_unmap) then drops any page someone else holds a
 * reference to (it cannot be moved safely) and restores its mapping.
 *
 * Linux: mm/migrate_device.c (migrate_vma_collect_skip/_hole/_pmd/
 * _huge_pmd, migrate_vma_split_folio, migrate_vma_check_page,
 * migrate_device_unmap, migrate_vma_setup, migrate_device_range/_pfns).
 * Simplifications: one thread and no locks, no LRU; the walk is a plain
 * loop over PMDs instead of walk_page_range().
 */
#include <kernel/trace.h>
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

static void migrate_vma_collect_entry(struct migrate_vma *m, unsigned long mpfn)
{
	m->src[m->npages] = mpfn;
	m->dst[m->npages] = 0;
	m->npages++;
}

/* Entries to leave alone: one memset for a run, such as the 511 after a THP's entry. */
static int migrate_vma_collect_skip(struct migrate_vma *m, unsigned long start,
				    unsigned long end)
{
	unsigned long n = (end - start) >> PAGE_SHIFT;

	memset(&m->src[m->npages], 0, n * sizeof(*m->src));
	memset(&m->dst[m->npages], 0, n * sizeof(*m->dst));
	m->npages += n;
	return 0;
}

static bool collect_compound(struct migrate_vma *m, unsigned long start, unsigned long end)
{
	return (m->flags & MIGRATE_VMA_SELECT_COMPOUND) && IS_ALIGNED(start, PMD_SIZE) &&
	       IS_ALIGNED(end, PMD_SIZE);
}

/* Nothing mapped (or only the zero page): the driver may fill it. */
static int migrate_vma_collect_hole(struct migrate_vma *m, unsigned long start,
				    unsigned long end)
{
	if (!vma_is_anonymous(m->vma))	/* a shmem hole is not filled with device memory */
		return migrate_vma_collect_skip(m, start, end);
	if (collect_compound(m, start, end)) {
		migrate_vma_collect_entry(m, MIGRATE_PFN_MIGRATE | MIGRATE_PFN_COMPOUND);
		m->cpages++;
		/* The other 511 stay empty, in case the hole is filled 4 KiB at a time. */
		return migrate_vma_collect_skip(m, start + PAGE_SIZE, end);
	}
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		migrate_vma_collect_entry(m, MIGRATE_PFN_MIGRATE);
		m->cpages++;
	}
	return 0;
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

/*
 * A huge PMD: a THP, or a device THP of ours.  Returns 0 when the 2 MiB
 * was handled, -ENOENT to walk its PTEs instead (after a split).
 */
static int migrate_vma_collect_huge_pmd(struct migrate_vma *m, pmd_t *pmd,
					unsigned long start, unsigned long end)
{
	pmd_t orig = pmdp_get(pmd);
	struct page_vma_mapped_walk pvmw = { .vma = m->vma, .address = start, .pmd = pmd };
	unsigned long write = 0;
	struct folio *folio;
	int ret;

	if (pmd_trans_huge(orig)) {
		if (!(m->flags & MIGRATE_VMA_SELECT_SYSTEM))
			return migrate_vma_collect_skip(m, start, end);
		if (is_huge_zero_pmd(orig))	/* reads as zeroes: a hole */
			return migrate_vma_collect_hole(m, start, end);
		folio = page_folio(pfn_to_page(pmd_pfn(orig)));
		write = pmd_write(orig) ? MIGRATE_PFN_WRITE : 0;
	} else if (is_pmd_device_private_entry(orig)) {
		swp_entry_t entry = pmd_to_swp_entry(orig);

		folio = page_folio(pfn_swap_entry_to_page(entry));
		if (!owner_matches(m, &folio->page))
			return migrate_vma_collect_skip(m, start, end);
		write = is_writable_device_private_entry(entry) ? MIGRATE_PFN_WRITE : 0;
	} else {
		/* a migration entry: someone else's migration (Linux waits on it) */
		return migrate_vma_collect_skip(m, start, end);
	}
	folio_get(folio);
	if (folio != fault_folio(m) && !folio_trylock(folio)) {
		folio_put(folio);	/* busy: migration is best effort, skip it */
		return migrate_vma_collect_skip(m, start, end);
	}
	if (collect_compound(m, start, end)) {
		migrate_vma_collect_entry(m, migrate_pfn(folio_pfn(folio)) | write |
					  MIGRATE_PFN_MIGRATE | MIGRATE_PFN_COMPOUND);
		m->cpages++;
		set_pmd_migration_entry(&pvmw, &folio->page);
		return migrate_vma_collect_skip(m, start + PAGE_SIZE, end);
	}
	/* Only part of the THP is in the range (or no COMPOUND): split it. */
	ret = split_folio(folio);
	if (folio != fault_folio(m))
		folio_unlock(folio);
	folio_put(folio);
	if (ret)	/* refused (say, pinned): the THP stays mapped, whole */
		return migrate_vma_collect_skip(m, start, end);
	return -ENOENT;
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
	/*
	 * Only anonymous pages move to device memory.  Linux collects a shmem
	 * page too, unmaps it, and migrate_vma_pages() refuses it for a
	 * device-private destination; mmlab's rmap walks anonymous folios
	 * only, so it is left out here - with the same outcome: not migrated.
	 */
	if (!page || !folio_test_anon(page_folio(page)))
		return 0;
	*folio_out = page_folio(page);
	return migrate_pfn(pte_pfn(pte)) | MIGRATE_PFN_MIGRATE |
	       (pte_write(pte) ? MIGRATE_PFN_WRITE : 0);
}

static int migrate_vma_collect_pmd(struct migrate_vma *m, pmd_t *pmd, unsigned long start,
				   unsigned long end)
{
	unsigned long addr = start;

again:
	if (pmd_none(*pmd))
		return migrate_vma_collect_hole(m, addr, end);
	if ((pmd_trans_huge(*pmd) || !pmd_present(*pmd)) &&
	    migrate_vma_collect_huge_pmd(m, pmd, addr, end) != -ENOENT)
		return 0;
	for (; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = pte_offset_kernel(pmd, addr);
		pte_t pte = ptep_get(ptep);
		struct folio *folio;
		unsigned long mpfn;

		if (pte_none(pte)) {
			/* as collect_hole: only an anonymous hole may be filled */
			bool anon = vma_is_anonymous(m->vma);

			migrate_vma_collect_entry(m, anon ? MIGRATE_PFN_MIGRATE : 0);
			m->cpages += anon;
			continue;
		}
		mpfn = pte_mpfn(m, pte, addr, &folio);
		if (folio && folio_test_large(folio)) {
			/* A large folio mapped by PTEs: split it, then look again. */
			if (migrate_vma_split_folio(folio, m->fault_page)) {
				flush_tlb_range(m->vma, start, end);
				return migrate_vma_collect_skip(m, addr, end);
			}
			goto again;
		}
		if (folio) {
			folio_get(folio);
			if (folio == fault_folio(m) || folio_trylock(folio)) {
				set_pte_migration_entry(m->vma, addr, ptep, folio,
							migrate_pfn_to_page(mpfn),
							mpfn & MIGRATE_PFN_WRITE);
			} else {
				folio_put(folio);	/* busy: leave it */
				mpfn = 0;
			}
		}
		if (mpfn & MIGRATE_PFN_MIGRATE)
			m->cpages++;
		migrate_vma_collect_entry(m, mpfn);
	}
	flush_tlb_range(m->vma, start, end);
	return 0;
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
		if (!pmd)
			migrate_vma_collect_hole(m, addr, next);
		else
			migrate_vma_collect_pmd(m, pmd, addr, next);
	}
	m->end = m->start + (m->npages << PAGE_SHIFT);
}

/*
 * Nothing but the references we expect may remain: our collect (or
 * isolation) reference, the fault path's, and - as in Linux - one more
 * for a ZONE_DEVICE page.  A pinned page cannot move.
 */
static bool migrate_vma_check_page(struct page *page, struct page *fault_page)
{
	struct folio *folio = page_folio(page);
	int extra = 1 + (page == fault_page);

	if (folio_is_zone_device(folio))
		extra++;
	return folio_ref_count(folio) - extra <= folio_mapcount(folio);
}

/*
 * Unmaps what is still mapped (the eviction path finds its pages mapped;
 * collect already unmapped its own) and keeps only the pages that can
 * move.  Returns how many entries migrate.
 */
unsigned long migrate_device_unmap(unsigned long *src_pfns, unsigned long npages,
				   struct page *fault_page)
{
	struct folio *ff = fault_page ? page_folio(fault_page) : NULL;
	unsigned long unmapped = 0, restore = 0, nr;

	for (unsigned long i = 0; i < npages; i += nr) {
		struct page *page = migrate_pfn_to_page(src_pfns[i]);
		struct folio *folio;

		nr = 1;
		if (!page) {
			if (src_pfns[i] & MIGRATE_PFN_MIGRATE)
				unmapped++;		/* a hole */
			continue;
		}
		folio = page_folio(page);
		nr = folio_nr_pages(folio);
		if (nr > 1)
			src_pfns[i] |= MIGRATE_PFN_COMPOUND;
		if (folio_mapped(folio))
			try_to_migrate(folio, 0);
		if (folio_mapped(folio) || !migrate_vma_check_page(page, fault_page)) {
			src_pfns[i] &= ~MIGRATE_PFN_MIGRATE;	/* pinned: leave it */
			restore++;
			continue;
		}
		unmapped++;
	}
	/* Put back what will not migrate. */
	for (unsigned long i = 0; i < npages && restore; i++) {
		struct page *page = migrate_pfn_to_page(src_pfns[i]);
		struct folio *folio;

		if (!page || (src_pfns[i] & MIGRATE_PFN_MIGRATE))
			continue;
		folio = page_folio(page);
		remove_migration_ptes(folio, folio, 0);
		src_pfns[i] = 0;
		if (folio != ff)
			folio_unlock(folio);
		folio_put(folio);
		restore--;
	}
	return unmapped;
}

/* Linux's checks, in Linux's order: a range of one VMA, arrays, a locked fault page. */
static int migrate_vma_check_args(struct migrate_vma *args, long nr_pages)
{
	struct vm_area_struct *vma = args->vma;

	if (!vma || nr_pages <= 0)
		return -EINVAL;
	if (args->start < vma->vm_start || args->start >= vma->vm_end)
		return -EINVAL;
	if (args->end <= vma->vm_start || args->end > vma->vm_end)
		return -EINVAL;
	if (!args->src || !args->dst)
		return -EINVAL;
	if (args->fault_page && !is_device_private_page(args->fault_page))
		return -EINVAL;
	if (args->fault_page && !folio_test_locked(page_folio(args->fault_page)))
		return -EINVAL;
	return 0;
}

int migrate_vma_setup(struct migrate_vma *args)
{
	/* Counted before rounding, as Linux does. */
	long nr_pages = (long)(args->end - args->start) >> PAGE_SHIFT;
	int ret;

	args->start &= PAGE_MASK;
	args->end &= PAGE_MASK;
	ret = migrate_vma_check_args(args, nr_pages);
	if (ret)
		return ret;
	memset(args->src, 0, nr_pages * sizeof(*args->src));
	args->cpages = 0;
	args->npages = 0;
	migrate_vma_collect(args);
	if (args->cpages)
		args->cpages = migrate_device_unmap(args->src, args->npages, args->fault_page);
	if (args->cpages)	/* finalize must put the mappings back */
		args->vma->vm_mm->migrate_vma_active++;
	trace_mm_migrate_vma_setup(args->start, args->npages, args->cpages);
	return 0;
}

/*
 * Locks and references a device folio that is in use; 0 if it is free,
 * busy, or mapped nowhere.  A folio nothing maps is held by someone else
 * (a free device page has no references), so it could not move anyway;
 * Linux collects it and fails it in migrate_device_pages().  mmlab leaves
 * it here because its rmap would be walked: folio->mapping still names the
 * mm that last mapped it, which may have been freed since.
 */
static unsigned long migrate_device_pfn_lock(unsigned long pfn)
{
	struct page *page;
	struct folio *folio;

	/* Linux trusts the driver's pfns; mmlab must not crash on a bad one. */
	if (WARN_ON_ONCE(!pfn_valid(pfn)))
		return 0;
	page = pfn_to_page(pfn);
	if (PageTail(page) || !page_ref_count(page))
		return 0;
	folio = page_folio(page);
	folio_get(folio);
	if (!folio_trylock(folio)) {
		folio_put(folio);
		return 0;
	}
	if (!folio_mapped(folio)) {
		folio_unlock(folio);
		folio_put(folio);
		return 0;
	}
	return migrate_pfn(pfn) | MIGRATE_PFN_MIGRATE;
}

/* Fills src_pfns for the pfns in it (or from start), a large folio as COMPOUND. */
static void migrate_device_lock_pfns(unsigned long *src_pfns, unsigned long start,
				     unsigned long npages, bool from_start)
{
	for (unsigned long i = 0; i < npages; i++) {
		unsigned long pfn = from_start ? start + i : src_pfns[i];
		unsigned long nr;

		src_pfns[i] = migrate_device_pfn_lock(pfn);
		if (!src_pfns[i])
			continue;
		nr = folio_nr_pages(page_folio(pfn_to_page(pfn)));
		if (nr == 1)
			continue;
		src_pfns[i] |= MIGRATE_PFN_COMPOUND;
		for (unsigned long j = 1; j < nr && i + 1 < npages; j++)
			src_pfns[++i] = 0;
	}
}

int migrate_device_range(unsigned long *src_pfns, unsigned long start, unsigned long npages)
{
	migrate_device_lock_pfns(src_pfns, start, npages, true);
	migrate_device_unmap(src_pfns, npages, NULL);
	return 0;
}

int migrate_device_pfns(unsigned long *src_pfns, unsigned long npages)
{
	migrate_device_lock_pfns(src_pfns, 0, npages, false);
	migrate_device_unmap(src_pfns, npages, NULL);
	return 0;
}
