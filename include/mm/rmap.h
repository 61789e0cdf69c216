/*
 * include/mm/rmap.h - from a folio back to the page-table entries that map it.
 *
 * Migration needs the reverse of a page-table walk: given a folio, find
 * every entry that maps it, replace each by a migration entry
 * (try_to_migrate), and later put a mapping of the new folio where each
 * migration entry was (remove_migration_ptes).  An anonymous folio points
 * (folio->mapping) to the anon_vma of the VMA it was first mapped in, and
 * folio->index is its page offset there; after fork the same folio is also
 * mapped in the child, whose VMA is linked to that anon_vma by an
 * anon_vma_chain.  rmap_walk() visits every VMA linked to the folio's
 * anon_vma, in every mm.  Linux: include/linux/rmap.h, mm/rmap.c,
 * mm/migrate.c.
 */
#ifndef _MM_RMAP_H
#define _MM_RMAP_H

#include <mm/memory.h>
#include <mm/page-flags.h>

/*
 * One per "generation" of anonymous memory: a VMA's first fault makes one
 * (anon_vma_prepare), and each fork gives the child VMA a new one whose
 * parent is the forking VMA's.  A folio points to the anon_vma it was born
 * in; the chains linked to that anon_vma are every VMA - the original, its
 * split pieces, the children's copies - where the folio may be mapped.
 */
struct anon_vma {
	struct anon_vma *root;		/* the first ancestor (Linux locks it) */
	struct anon_vma *parent;	/* the anon_vma this one was forked from */
	atomic_t refcount;		/* 1 while chains are linked, + 1 per descendant on root */
	unsigned long num_children;	/* anon_vmas forked from this one */
	unsigned long num_active_vmas;	/* VMAs whose ->anon_vma this is */
	struct list_head rb_root;	/* its anon_vma_chains (Linux: an interval tree) */
};

/* Links one VMA to one anon_vma whose folios it may map. */
struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma;	/* in vma->anon_vma_chain */
	struct list_head rb;		/* in anon_vma->rb_root */
};

/* Gives vma an anon_vma before its first anonymous folio is mapped; -ENOMEM. */
int anon_vma_prepare(struct vm_area_struct *vma);
/* dst (split from or a copy of src) may map what src maps: link it to src's anon_vmas. */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src);
/* fork: vma (the child's copy of pvma) gets pvma's chains and a new anon_vma of its own. */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);
/* vma goes away: drop its chains, and each anon_vma left with none. */
void unlink_anon_vmas(struct vm_area_struct *vma);
/* The anon_vma an anonymous folio points to. */
static inline struct anon_vma *folio_anon_vma(const struct folio *folio)
{
	return folio_test_anon(folio) ? (struct anon_vma *)folio->mapping : NULL;
}
/* anon_vmas and anon_vma_chains allocated now: an mmlab helper for tests (Linux: /proc/slabinfo's lines). */
void anon_vma_counts(long *anon_vmas, long *chains);

/* Where one mapping of a folio sits (Linux's walker state, much reduced). */
struct page_vma_mapped_walk {
	struct vm_area_struct *vma;
	unsigned long address;		/* of the entry (2 MiB aligned for a PMD) */
	pmd_t *pmd;
	pte_t *pte;			/* NULL when the folio is mapped by pmd */
};

/* try_to_migrate() flags (Linux: enum ttu_flags) */
#define TTU_SPLIT_HUGE_PMD	0x4	/* a huge PMD becomes 512 PTE migration entries */
/* remove_migration_ptes() flags */
#define RMP_LOCKED		0x1	/* the caller holds the rmap lock (always, here) */

/* Replaces every mapping of the locked folio by a migration entry. */
void try_to_migrate(struct folio *folio, int flags);
/* Replaces src's migration entries by mappings of dst (src again: restore). */
void remove_migration_ptes(struct folio *src, struct folio *dst, int flags);

/* One PTE of page (in folio) becomes a migration entry; drops its mapping. */
void set_pte_migration_entry(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			     struct folio *folio, struct page *page, bool write);
/* The huge PMD at pvmw (a THP or a device THP) becomes a PMD migration entry. */
int set_pmd_migration_entry(struct page_vma_mapped_walk *pvmw, struct page *page);
/* The PMD migration entry at pvmw becomes a mapping of new's folio. */
void remove_migration_pmd(struct page_vma_mapped_walk *pvmw, struct page *new);

#endif
