/*
 * mm/migrate_device_pages.c - migrate_vma_pages() and migrate_vma_finalize().
 *
 * By now the driver has allocated a locked destination for each src entry
 * it wants moved (dst[i]) and copied the data.  migrate_vma_pages() commits
 * entry by entry:
 *
 *   no destination                      the entry does not migrate
 *   hole (no source page)               install the new page, or a whole
 *                                       2 MiB one, where nothing was mapped
 *   source THP, destination 4 KiB       the seed of the Linux series: split
 *   (src COMPOUND, dst not)             the PMD migration entry into 512 PTE
 *                                       migration entries, split the
 *                                       unmapped, locked folio to order 0,
 *                                       give src[i+1..i+511] their pages,
 *                                       and carry on 4 KiB at a time
 *   source 4 KiB, destination THP       never merge: the entry fails
 *   otherwise                           the destination takes over the
 *                                       source's identity (mapping, index)
 *
 * migrate_vma_finalize() then replaces every migration entry by a mapping
 * of the destination - or of the source again where migration failed - and
 * drops the references, which frees the old pages.  A failure anywhere
 * leaves the old data mapped.  Linux: mm/migrate_device.c
 * (__migrate_device_pages, migrate_vma_split_unmapped_folio,
 * migrate_vma_insert_page, __migrate_device_finalize).
 */
#include <mm/migrate.h>
#include <mm/huge_mm.h>
#include <mm/memremap.h>
#include <mm/swapops.h>
#include <mm/mmap.h>
#include <mm/vmstat.h>
#include <kernel/errno.h>
#include <asm/tlbflush.h>
#include "internal.h"

static struct folio *fault_folio(struct migrate_vma *m)
{
	return m->fault_page ? page_folio(m->fault_page) : NULL;
}

static pgprot_t vma_prot(const struct vm_area_struct *vma, bool write)
{
	return (write && (vma->vm_flags & VM_WRITE)) ? PAGE_SHARED : PAGE_READONLY;
}

/* The PTE for page: present for RAM, a device-private entry for device memory. */
static pte_t mk_folio_pte(struct vm_area_struct *vma, struct folio *folio,
			  struct page *page, bool write)
{
	unsigned long pfn = page_to_pfn(page);

	if (folio_is_device_private(folio))
		return swp_entry_to_pte(write ? make_writable_device_private_entry(pfn) :
					make_readable_device_private_entry(pfn));
	return pte_mkdirty(pfn_pte(pfn, vma_prot(vma, write)));
}

static pmd_t mk_folio_pmd(struct vm_area_struct *vma, struct folio *folio, bool write)
{
	unsigned long pfn = folio_pfn(folio);

	if (folio_is_device_private(folio))
		return swp_entry_to_pmd(write ? make_writable_device_private_entry(pfn) :
					make_readable_device_private_entry(pfn));
	return write ? mk_huge_pmd(pfn, vma) : pmd_wrprotect(mk_huge_pmd(pfn, vma));
}

void remove_migration_entry(struct migrate_vma *m, unsigned long i, struct folio *src,
			    struct folio *dst)
{
	struct vm_area_struct *vma = m->vma;
	unsigned long addr = m->start + (i << PAGE_SHIFT);
	pmd_t *pmd = mm_find_pmd(vma->vm_mm, addr);
	swp_entry_t entry;
	pte_t *ptep;

	if (is_pmd_migration_entry(*pmd)) {		/* a whole THP */
		entry = pmd_to_swp_entry(*pmd);
		VM_BUG_ON_FOLIO(swp_offset_pfn(entry) != folio_pfn(src), src);
		folio_add_anon_rmap_pmd(dst, vma, addr & PMD_MASK);
		folio_get(dst);				/* the mapping's reference */
		set_pmd_at(vma->vm_mm, addr, pmd,
			   mk_folio_pmd(vma, dst, is_writable_migration_entry(entry)));
		return;
	}
	ptep = pte_offset_kernel(pmd, addr);
	entry = pte_to_swp_entry(ptep_get(ptep));
	VM_BUG_ON_FOLIO(!is_migration_entry(entry) || swp_offset_pfn(entry) != folio_pfn(src), src);
	folio_add_anon_rmap_pte(dst, &dst->page, vma, addr);
	folio_get(dst);
	set_pte_at(vma->vm_mm, addr, ptep,
		   mk_folio_pte(vma, dst, &dst->page, is_writable_migration_entry(entry)));
}

/* A whole 2 MiB destination for a 2 MiB hole (empty or huge-zero PMD). */
static void insert_huge_pmd_page(struct migrate_vma *m, unsigned long addr,
				 struct folio *folio, unsigned long *src)
{
	unsigned long nr = min_t(unsigned long, HPAGE_PMD_NR,
				 m->npages - (src - m->src));
	struct vm_area_struct *vma = m->vma;
	struct mm_struct *mm = vma->vm_mm;
	pud_t *pud = pud_alloc(mm, pgd_offset(mm, addr), addr);
	pmd_t *pmd = pud ? pmd_alloc(mm, pud, addr) : NULL;
	struct page *table;

	if (!(*src & MIGRATE_PFN_COMPOUND)) {
		*src &= ~MIGRATE_PFN_MIGRATE;	/* a 4 KiB hole never takes 2 MiB */
		return;
	}
	if (!pmd || !IS_ALIGNED(addr, PMD_SIZE) || !thp_vma_suitable(vma, addr) ||
	    folio_order(folio) != HPAGE_PMD_ORDER)
		goto abort;
	if (is_huge_zero_pmd(*pmd)) {
		pmdp_huge_get_and_clear(mm, addr, pmd);	/* its deposit stays */
		flush_tlb_range(vma, addr, addr + PMD_SIZE);
	} else if (pmd_none(*pmd)) {
		table = pte_alloc_one(mm);
		if (!table)
			goto abort;
		pgtable_trans_huge_deposit(mm, table);
	} else {
		goto abort;		/* something got mapped there */
	}
	folio_add_new_anon_rmap(folio, vma, addr, true);
	add_mm_counter(mm, MM_ANONPAGES, HPAGE_PMD_NR);
	folio_get(folio);
	set_pmd_at(mm, addr, pmd, mk_folio_pmd(vma, folio, vma->vm_flags & VM_WRITE));
	count_vm_event(THP_FAULT_ALLOC);
	*src = MIGRATE_PFN_MIGRATE;
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
	struct folio *folio;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *ptep;

	if (!page)
		goto abort;
	folio = page_folio(page);
	if (dst & MIGRATE_PFN_COMPOUND) {
		insert_huge_pmd_page(m, addr, folio, src);
		return;
	}
	pud = pud_alloc(mm, pgd_offset(mm, addr), addr);
	pmd = pud ? pmd_alloc(mm, pud, addr) : NULL;
	if (!pmd)
		goto abort;
	if (is_huge_zero_pmd(*pmd))
		split_huge_pmd(vma, pmd, addr);		/* 512 zero PTEs */
	if (pmd_trans_huge(*pmd) || is_swap_pmd(*pmd) || (pmd_none(*pmd) && pte_alloc(mm, pmd)))
		goto abort;
	ptep = pte_offset_kernel(pmd, addr);
	if (!pte_none(*ptep)) {
		if (!pte_present(*ptep) || !is_zero_pfn(pte_pfn(*ptep)))
			goto abort;
		pte_clear(mm, addr, ptep);
		flush_tlb_page(vma, addr);
	}
	folio_add_new_anon_rmap(folio, vma, addr, false);
	add_mm_counter(mm, MM_ANONPAGES, 1);
	folio_get(folio);
	set_pte_at(mm, addr, ptep, mk_folio_pte(vma, folio, page, vma->vm_flags & VM_WRITE));
	*src = MIGRATE_PFN_MIGRATE;
	return;
abort:
	*src &= ~MIGRATE_PFN_MIGRATE;
}

/*
 * The destination could not take a 2 MiB folio: split the source, already
 * unmapped and locked, so it can move 4 KiB at a time.
 */
static int migrate_vma_split_unmapped_folio(struct migrate_vma *m, unsigned long idx,
					    unsigned long addr, struct folio *folio)
{
	pmd_t *pmd = mm_find_pmd(m->vma->vm_mm, addr);
	int refs = 1 + (folio == fault_folio(m));
	unsigned long flags = m->src[idx] & (MIGRATE_PFN_MIGRATE | MIGRATE_PFN_WRITE);

	if (!pmd || !is_pmd_migration_entry(*pmd) || idx + HPAGE_PMD_NR > m->npages ||
	    !can_split_folio(folio, refs, NULL))
		return -EAGAIN;
	folio_get(folio);		/* the freeze split drops one, as in Linux */
	split_huge_pmd_address(m->vma, addr, true);
	folio_ref_sub(folio, refs - 1);	/* interim: Linux expects no fault pin here */
	folio_split_unmapped(folio, 0);
	folio_ref_add(folio, refs - 1);	/* the fault's pin stays with the first piece */
	m->src[idx] &= ~MIGRATE_PFN_COMPOUND;
	for (unsigned long k = 1; k < HPAGE_PMD_NR; k++)
		m->src[idx + k] = migrate_pfn(folio_pfn(folio) + k) | flags;
	count_vm_event(THP_MIGRATION_SPLIT);
	return 0;
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

void migrate_vma_pages(struct migrate_vma *m)
{
	unsigned long nr;

	for (unsigned long i = 0; i < m->npages; i += nr) {
		unsigned long addr = m->start + (i << PAGE_SHIFT);
		struct page *newpage = migrate_pfn_to_page(m->dst[i]);
		struct page *page = migrate_pfn_to_page(m->src[i]);
		struct folio *folio;

		nr = 1;
		if (!(m->src[i] & MIGRATE_PFN_MIGRATE))
			continue;
		if (!newpage) {
			m->src[i] &= ~MIGRATE_PFN_MIGRATE;
			continue;
		}
		if (!page) {
			if ((m->src[i] & MIGRATE_PFN_COMPOUND) &&
			    !(m->dst[i] & MIGRATE_PFN_COMPOUND)) {
				/* a 2 MiB hole filled with 512 small pages */
				nr = min_t(unsigned long, HPAGE_PMD_NR, m->npages - i);
				m->src[i] &= ~MIGRATE_PFN_COMPOUND;
				for (unsigned long j = 0; j < nr; j++) {
					m->src[i + j] |= MIGRATE_PFN_MIGRATE;
					migrate_vma_insert_page(m, addr + (j << PAGE_SHIFT),
								m->dst[i + j], &m->src[i + j]);
				}
				continue;
			}
			migrate_vma_insert_page(m, addr, m->dst[i], &m->src[i]);
			continue;
		}
		folio = page_folio(page);
		if ((m->src[i] & MIGRATE_PFN_COMPOUND) && !(m->dst[i] & MIGRATE_PFN_COMPOUND)) {
			if (migrate_vma_split_unmapped_folio(m, i, addr, folio)) {
				/* stays whole where it was; counted here, finalize sees no COMPOUND */
				m->src[i] &= ~(MIGRATE_PFN_MIGRATE | MIGRATE_PFN_COMPOUND);
				count_vm_event(THP_MIGRATION_FAIL);
				continue;
			}
			nr = HPAGE_PMD_NR;
		} else if (!(m->src[i] & MIGRATE_PFN_COMPOUND) &&
			   (m->dst[i] & MIGRATE_PFN_COMPOUND)) {
			m->src[i] &= ~MIGRATE_PFN_MIGRATE;	/* small pages never merge */
			continue;
		}
		for (unsigned long j = i; j < i + nr; j++) {
			struct page *np = migrate_pfn_to_page(m->dst[j]);
			struct folio *of = page_folio(migrate_pfn_to_page(m->src[j]));

			if (!np || folio_migrate_mapping(page_folio(np), of, of == fault_folio(m)))
				m->src[j] &= ~MIGRATE_PFN_MIGRATE;
		}
	}
}

static void count_migration(bool moved, bool compound, unsigned long nr)
{
	count_vm_events(moved ? PGMIGRATE_SUCCESS : PGMIGRATE_FAIL, nr);
	if (compound)
		count_vm_event(moved ? THP_MIGRATION_SUCCESS : THP_MIGRATION_FAIL);
}

void migrate_vma_finalize(struct migrate_vma *m)
{
	struct folio *ff = fault_folio(m);

	for (unsigned long i = 0; i < m->npages; i++) {
		struct page *newpage = migrate_pfn_to_page(m->dst[i]);
		struct page *page = migrate_pfn_to_page(m->src[i]);
		struct folio *folio, *newfolio;
		bool moved;

		if (!page) {		/* a hole: an inserted page holds its own ref */
			if (newpage) {
				folio_unlock(page_folio(newpage));
				folio_put(page_folio(newpage));
			}
			continue;
		}
		folio = page_folio(page);
		moved = (m->src[i] & MIGRATE_PFN_MIGRATE) && newpage;
		count_migration(moved, m->src[i] & MIGRATE_PFN_COMPOUND, folio_nr_pages(folio));
		newfolio = moved ? page_folio(newpage) : folio;
		if (!moved && newpage) {	/* the driver's page is not needed */
			folio_unlock(page_folio(newpage));
			folio_put(page_folio(newpage));
		}
		remove_migration_entry(m, i, folio, newfolio);
		if (folio != ff)
			folio_unlock(folio);
		folio_put(folio);		/* the last reference of a moved page */
		if (newfolio != folio) {
			folio_unlock(newfolio);
			folio_put(newfolio);	/* the driver's; the mapping holds its own */
		}
	}
}
