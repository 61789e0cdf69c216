/*
 * mm/migrate_device_pages.c - migrate_vma_pages() and migrate_vma_finalize()
 * (and their eviction twins, migrate_device_pages/_finalize).
 *
 * By now the driver has allocated a locked destination for each src entry
 * it wants moved (dst[i]) and copied the data.  __migrate_device_pages()
 * commits entry by entry:
 *
 *   no destination                      the entry does not migrate
 *   hole (no source page)               install the new page, or a whole
 *                                       2 MiB one, where nothing was mapped
 *   source THP, destination 4 KiB       the seed of the Linux series: split
 *   (src COMPOUND, dst not)             the PMD migration entry into 512 PTE
 *                                       migration entries, split the
 *                                       unmapped, locked folio to order 0,
 *                                       give src[i+1..i+511] their pages,
 *                                       and carry on 4 KiB at a time (only
 *                                       with a VMA: eviction cannot split)
 *   source 4 KiB, destination THP       never merge: the entry fails
 *   otherwise                           the destination takes over the
 *                                       source's identity (mapping, index)
 *
 * __migrate_device_finalize() then replaces every migration entry by a
 * mapping of the destination - or of the source again where migration
 * failed - and drops the references, which frees the old pages.  A
 * failure anywhere leaves the old data mapped.  Linux: mm/migrate_device.c
 * (__migrate_device_pages, migrate_vma_split_unmapped_folio,
 * migrate_vma_insert_page, migrate_vma_insert_huge_pmd_page,
 * __migrate_device_finalize).
 */
#include <kernel/trace.h>
#include <mm/rmap.h>
#include <mm/migrate.h>
#include <mm/huge_mm.h>
#include <mm/memremap.h>
#include <mm/swapops.h>
#include <mm/mmap.h>
#include <mm/vmstat.h>
#include <kernel/errno.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <asm/tlbflush.h>
#include "internal.h"

/*
 * A new page where nothing was mapped: a device-private entry for device
 * memory (writable iff the VMA is), else the VMA's own protection.
 */
static pte_t mk_new_pte(struct vm_area_struct *vma, struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	if (folio_is_device_private(page_folio(page)))
		return swp_entry_to_pte((vma->vm_flags & VM_WRITE) ?
					make_writable_device_private_entry(pfn) :
					make_readable_device_private_entry(pfn));
	return maybe_mkwrite(pte_mkdirty(pfn_pte(pfn, vma->vm_page_prot)), vma);
}

static pmd_t mk_new_pmd(struct vm_area_struct *vma, struct folio *folio)
{
	unsigned long pfn = folio_pfn(folio);

	if (folio_is_device_private(folio))
		return swp_entry_to_pmd((vma->vm_flags & VM_WRITE) ?
					make_writable_device_private_entry(pfn) :
					make_readable_device_private_entry(pfn));
	return maybe_pmd_mkwrite(pmd_mkdirty(folio_mk_pmd(folio, vma->vm_page_prot)), vma);
}

/*
 * Is the driver's destination what its flag says: a whole PMD-sized folio
 * with COMPOUND, an order-0 folio without?  Linux takes the flag on trust;
 * a folio of another size would map memory that is not the driver's (or
 * break the rmap), so here the entry fails, with a warning naming it.
 */
static bool migrate_dst_size_ok(unsigned long dst)
{
	struct page *page = migrate_pfn_to_page(dst);
	struct folio *folio = page_folio(page);
	unsigned int order = (dst & MIGRATE_PFN_COMPOUND) ? HPAGE_PMD_ORDER : 0;

	return !WARN(page != &folio->page || folio_order(folio) != order,
		     "migrate: dst pfn %#lx is %s an order-%u folio, the entry says order %u\n",
		     page_to_pfn(page), page == &folio->page ? "" : "inside", folio_order(folio),
		     order);
}

/*
 * A whole 2 MiB destination for a 2 MiB hole (empty or huge-zero PMD).
 * On success src keeps MIGRATE | COMPOUND, as in Linux: the entry stands
 * for 512 pages.  On failure none of the 512 entries migrates.
 */
static void migrate_vma_insert_huge_pmd_page(struct migrate_vma *m, unsigned long addr,
					     struct folio *folio, unsigned long *src, pmd_t *pmd)
{
	unsigned long nr = min_t(unsigned long, HPAGE_PMD_NR, m->npages - (src - m->src));
	struct vm_area_struct *vma = m->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct page *table = NULL;

	if (!(*src & MIGRATE_PFN_COMPOUND)) {
		*src &= ~MIGRATE_PFN_MIGRATE;	/* a 4 KiB hole never takes 2 MiB */
		return;
	}
	if (!IS_ALIGNED(addr, PMD_SIZE) || !thp_vma_suitable(vma, addr) ||
	    folio_order(folio) != HPAGE_PMD_ORDER || anon_vma_prepare(vma))
		goto abort;
	if (pmd_none(*pmd)) {
		table = pte_alloc_one(mm);
		if (!table)
			goto abort;
	} else if (!is_huge_zero_pmd(*pmd)) {
		goto abort;		/* something got mapped there */
	}
	folio_add_new_anon_rmap(folio, vma, addr, true);
	add_mm_counter(mm, MM_ANONPAGES, HPAGE_PMD_NR);
	folio_get(folio);
	if (table) {
		pgtable_trans_huge_deposit(mm, table);
	} else {		/* the huge zero page's deposit stays */
		pmdp_huge_get_and_clear(mm, addr, pmd);
		flush_tlb_range(vma, addr, addr + PMD_SIZE);
	}
	set_pmd_at(mm, addr, pmd, mk_new_pmd(vma, folio));
	count_vm_event(THP_FAULT_ALLOC);
	return;
abort:
	for (unsigned long j = 0; j < nr; j++)
		src[j] &= ~MIGRATE_PFN_MIGRATE;
}

/* Maps the driver's new page where nothing (or the zero page) was mapped. */
static void migrate_vma_insert_page(struct migrate_vma *m, unsigned long addr,
				    unsigned long dst, unsigned long *src)
{
	struct vm_area_struct *vma = m->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct page *page = migrate_pfn_to_page(dst);
	pud_t *pud = pud_alloc(mm, pgd_offset(mm, addr), addr);
	pmd_t *pmd = pud ? pmd_alloc(mm, pud, addr) : NULL;
	pte_t *ptep;

	if (!page || !pmd || !migrate_dst_size_ok(dst) || anon_vma_prepare(vma))
		goto abort;
	if (dst & MIGRATE_PFN_COMPOUND) {
		migrate_vma_insert_huge_pmd_page(m, addr, page_folio(page), src, pmd);
		return;
	}
	if (is_huge_zero_pmd(*pmd))
		split_huge_pmd(vma, pmd, addr);		/* 512 zero PTEs */
	if (pmd_trans_huge(*pmd) || is_swap_pmd(*pmd))
		goto abort;
	if (pmd_none(*pmd) && pte_alloc(mm, pmd))
		goto abort;
	ptep = pte_offset_kernel(pmd, addr);
	if (!pte_none(*ptep)) {
		if (!pte_present(*ptep) || !is_zero_pfn(pte_pfn(*ptep)))
			goto abort;
		pte_clear(mm, addr, ptep);
		flush_tlb_page(vma, addr);
	}
	folio_add_new_anon_rmap(page_folio(page), vma, addr, false);
	add_mm_counter(mm, MM_ANONPAGES, 1);
	folio_get(page_folio(page));
	set_pte_at(mm, addr, ptep, mk_new_pte(vma, page));
	*src = MIGRATE_PFN_MIGRATE;
	return;
abort:
	*src &= ~MIGRATE_PFN_MIGRATE;
}

/*
 * The destination could not take a 2 MiB folio: split the source, already
 * unmapped and locked, so it can move 4 KiB at a time.
 *
 * The fault path (a CPU touched a device THP through its PMD) holds one
 * more reference on the folio than folio_split_unmapped() accepts.  Linux
 * lets the split fail there and the fault is retried; mmlab hands that
 * reference over to the fault page's new folio around the split instead
 * (docs/migration.md, "Where mmlab differs from Linux").
 */
/*
 * A PMD migration entry of folio in vma becomes 512 PTE migration entries
 * (the freeze split drops the reference it is given).  An mmlab rmap_one
 * callback: Linux calls split_huge_pmd_address() for the migrating VMA only.
 */
static bool split_pmd_migration_entry(struct folio *folio, struct vm_area_struct *vma,
				      unsigned long addr, void *arg)
{
	pmd_t *pmd = mm_find_pmd(vma->vm_mm, addr);

	(void)arg;
	if (pmd && is_pmd_migration_entry(*pmd) &&
	    swp_offset_pfn(pmd_to_swp_entry(*pmd)) == folio_pfn(folio)) {
		folio_get(folio);
		split_huge_pmd_address(vma, addr, true);
	}
	return true;
}

static int migrate_vma_split_unmapped_folio(struct migrate_vma *m, unsigned long idx,
					    unsigned long addr, struct folio *folio)
{
	if (idx + HPAGE_PMD_NR > m->npages)
		return -EAGAIN;
	/* LAB(migrate) BEGIN: split the unmapped THP into 512 pages, and make src[] describe them */
	//@ (void)split_pmd_migration_entry;
	//@ return -EAGAIN;	/* not split: the THP stays where it is */
	unsigned long flags = m->src[idx] & ((1UL << MIGRATE_PFN_SHIFT) - 1);
	bool fault = m->fault_page && folio == page_folio(m->fault_page);
	int ret;
	/*
	 * Every PMD migration entry of the folio - this VMA's, and a forked
	 * process's - must become PTE entries before the folio is split, or
	 * restoring a 4 KiB piece would meet a 2 MiB entry.  (Linux splits the
	 * migrating VMA's PMD here; the other mms' were not checked.)
	 */
	const struct rmap_walk_control rwc = { .rmap_one = split_pmd_migration_entry };

	rmap_walk(folio, &rwc);
	(void)addr;
	if (fault)
		folio_put(folio);	/* the fault path's, for the split's count */
	ret = folio_split_unmapped(folio, 0);
	if (fault)
		folio_get(page_folio(m->fault_page));
	if (ret)
		return ret;
	m->src[idx] &= ~MIGRATE_PFN_COMPOUND;
	flags &= ~MIGRATE_PFN_COMPOUND;
	for (unsigned long k = 1; k < HPAGE_PMD_NR; k++)
		m->src[idx + k] = migrate_pfn(folio_pfn(folio) + k) | flags;
	count_vm_event(THP_MIGRATION_SPLIT);
	trace_mm_migrate_vma_split(addr, folio_pfn(folio));
	return 0;
	/* LAB END */
}

/* The new folio takes over the old one's place: its mapping and index. */
static int folio_migrate_mapping(struct folio *newfolio, struct folio *folio, int extra)
{
	VM_BUG_ON_FOLIO(!folio_test_locked(newfolio), newfolio);
	if (folio_ref_count(folio) != 1 + extra)
		return -EAGAIN;
	newfolio->mapping = folio->mapping;
	newfolio->index = folio->index;
	if (folio_test_anon(folio)) {
		folio_set_anon(newfolio);
		folio_set_swapbacked(newfolio);
	}
	if (folio_test_dirty(folio))
		folio_set_dirty(newfolio);
	folio_set_uptodate(newfolio);
	return 0;
}

/* src[i] is a hole: fill it, 2 MiB at once or 512 times 4 KiB. */
static unsigned long migrate_vma_fill_hole(struct migrate_vma *m, unsigned long i)
{
	unsigned long addr = m->start + (i << PAGE_SHIFT), nr = 1;

	if ((m->src[i] & MIGRATE_PFN_COMPOUND) && !(m->dst[i] & MIGRATE_PFN_COMPOUND)) {
		nr = min_t(unsigned long, HPAGE_PMD_NR, m->npages - i);
		m->src[i] &= ~MIGRATE_PFN_COMPOUND;
	}
	for (unsigned long j = 0; j < nr; j++) {
		m->src[i + j] |= MIGRATE_PFN_MIGRATE;
		migrate_vma_insert_page(m, addr + (j << PAGE_SHIFT), m->dst[i + j],
					&m->src[i + j]);
	}
	return nr;
}

/*
 * A source THP with a small destination must be split (not possible
 * without a VMA); a small source never merges into a THP.  Returns how
 * many entries the source now spans, or 0 if it does not migrate.
 */
static unsigned long migrate_match_sizes(unsigned long *src, unsigned long *dst,
					 unsigned long i, struct migrate_vma *m,
					 struct folio *folio)
{
	if ((src[i] & MIGRATE_PFN_COMPOUND) && !(dst[i] & MIGRATE_PFN_COMPOUND)) {
		if (!m || migrate_vma_split_unmapped_folio(m, i, m->start + (i << PAGE_SHIFT),
							   folio)) {
			/* stays whole where it was: counted here, finalize sees no COMPOUND */
			src[i] &= ~(MIGRATE_PFN_MIGRATE | MIGRATE_PFN_COMPOUND);
			count_vm_event(THP_MIGRATION_FAIL);
			return 0;
		}
		return HPAGE_PMD_NR;
	}
	if (!(src[i] & MIGRATE_PFN_COMPOUND) && (dst[i] & MIGRATE_PFN_COMPOUND)) {
		src[i] &= ~MIGRATE_PFN_MIGRATE;
		return 0;
	}
	return 1;
}

static void __migrate_device_pages(unsigned long *src, unsigned long *dst,
				   unsigned long npages, struct migrate_vma *m)
{
	unsigned long nr;

	for (unsigned long i = 0; i < npages; i += nr) {
		struct page *newpage = migrate_pfn_to_page(dst[i]);
		struct page *page = migrate_pfn_to_page(src[i]);
		struct folio *folio;

		nr = 1;
		if (!newpage) {
			src[i] &= ~MIGRATE_PFN_MIGRATE;
			continue;
		}
		if (!(src[i] & MIGRATE_PFN_MIGRATE))
			continue;
		if (!page) {
			VM_BUG_ON(!m);		/* eviction has no holes */
			nr = migrate_vma_fill_hole(m, i);
			continue;
		}
		if (!migrate_dst_size_ok(dst[i])) {
			src[i] &= ~MIGRATE_PFN_MIGRATE;
			continue;
		}
		folio = page_folio(page);
		nr = migrate_match_sizes(src, dst, i, m, folio);
		if (!nr) {
			nr = 1;
			continue;
		}
		for (unsigned long j = i; j < i + nr && j < npages; j++) {
			struct page *np = migrate_pfn_to_page(dst[j]);
			struct page *op = migrate_pfn_to_page(src[j]);
			/*
			 * Linux takes extra from src[i] once, for all pieces;
			 * after mmlab's split of the fault folio (see above)
			 * only the fault page's own piece holds the extra one.
			 */
			int extra = m && m->fault_page == op;

			if (!np || (j > i && !migrate_dst_size_ok(dst[j])) ||
			    folio_migrate_mapping(page_folio(np), page_folio(op), extra))
				src[j] &= ~MIGRATE_PFN_MIGRATE;
		}
		/* A THP moving whole is one entry: step over the empty ones after it. */
		if (nr == 1 && folio_test_large(folio))
			nr = folio_nr_pages(folio);
	}
}

void migrate_vma_pages(struct migrate_vma *migrate)
{
	__migrate_device_pages(migrate->src, migrate->dst, migrate->npages, migrate);
	if (trace_enabled_mask & (1UL << TRACE_mm_migrate_vma_pages)) {	/* the count costs a pass */
		unsigned long migrated = 0;

		for (unsigned long i = 0; i < migrate->npages; i++)
			migrated += !!(migrate->src[i] & MIGRATE_PFN_MIGRATE);
		trace_mm_migrate_vma_pages(migrate->start, migrate->npages, migrated);
	}
}

void migrate_device_pages(unsigned long *src_pfns, unsigned long *dst_pfns,
			  unsigned long npages)
{
	__migrate_device_pages(src_pfns, dst_pfns, npages, NULL);
}

static void count_migration(bool moved, bool compound, unsigned long nr)
{
	count_vm_events(moved ? PGMIGRATE_SUCCESS : PGMIGRATE_FAIL, nr);
	if (compound)
		count_vm_event(moved ? THP_MIGRATION_SUCCESS : THP_MIGRATION_FAIL);
}

static void unlock_put(struct folio *folio, struct folio *ff)
{
	WARN_ON(folio == ff);
	folio_unlock(folio);
	folio_put(folio);
}

static void __migrate_device_finalize(unsigned long *src_pfns, unsigned long *dst_pfns,
				      unsigned long npages, struct page *fault_page)
{
	struct folio *ff = fault_page ? page_folio(fault_page) : NULL;

	for (unsigned long i = 0; i < npages; i++) {
		struct page *newpage = migrate_pfn_to_page(dst_pfns[i]);
		struct page *page = migrate_pfn_to_page(src_pfns[i]);
		struct folio *src, *dst = newpage ? page_folio(newpage) : NULL;
		bool moved;

		if (!page) {		/* a hole: an inserted page holds its own ref */
			if (dst)
				unlock_put(dst, ff);
			continue;
		}
		src = page_folio(page);
		moved = (src_pfns[i] & MIGRATE_PFN_MIGRATE) && dst;
		count_migration(moved, src_pfns[i] & MIGRATE_PFN_COMPOUND, folio_nr_pages(src));
		if (!moved) {
			if (dst)	/* the driver's page is not needed */
				unlock_put(dst, ff);
			dst = src;
		}
		remove_migration_ptes(src, dst, 0);
		if (src != ff)
			folio_unlock(src);
		folio_put(src);		/* the last reference of a moved page */
		if (dst != src)
			unlock_put(dst, ff);	/* the driver's; the mapping holds its own */
	}
}

void migrate_vma_finalize(struct migrate_vma *migrate)
{
	trace_mm_migrate_vma_finalize(migrate->start, migrate->npages);
	__migrate_device_finalize(migrate->src, migrate->dst, migrate->npages,
				  migrate->fault_page);
	if (migrate->cpages) {
		WARN_ON(!migrate->vma->vm_mm->migrate_vma_active);
		migrate->vma->vm_mm->migrate_vma_active--;
	}
}

void migrate_device_finalize(unsigned long *src_pfns, unsigned long *dst_pfns,
			     unsigned long npages)
{
	__migrate_device_finalize(src_pfns, dst_pfns, npages, NULL);
}
