/*
 * include/mm/memory.h - page tables of an mm, page faults, unmapping.
 *
 * handle_mm_fault() resolves a fault on an address of a VMA: it allocates
 * the missing page-table levels and then the memory - a 2 MiB THP mapped
 * by one PMD when the VMA and THP policy allow it, else a 4 KiB page; a
 * read of untouched memory maps the (huge) zero page instead.
 * Linux: mm/memory.c, include/linux/mm.h.
 */
#ifndef _MM_MEMORY_H
#define _MM_MEMORY_H

#include <mm/mm_types.h>
#include <mm/mmap.h>
#include <mm/page-flags.h>
#include <asm/pgtable.h>

typedef unsigned int vm_fault_t;

/* Linux's VM_FAULT_* values */
#define VM_FAULT_OOM		0x000001
#define VM_FAULT_SIGBUS		0x000002
#define VM_FAULT_SIGSEGV	0x000040
#define VM_FAULT_NOPAGE		0x000100
#define VM_FAULT_RETRY		0x000400
#define VM_FAULT_FALLBACK	0x000800	/* THP impossible: use 4 KiB pages */
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_USER		0x02	/* (no user mode in mmlab) */
#define FAULT_FLAG_REMOTE	0x04	/* not on behalf of current (a device) */

struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;		/* page aligned */
	unsigned long real_address;	/* the faulting address itself */
	unsigned int flags;		/* FAULT_FLAG_* */
	pmd_t *pmd;
	pmd_t orig_pmd;
	pte_t *pte;			/* NULL for a PMD-level fault */
	pte_t orig_pte;
	struct page *page;		/* the page the fault is about, if any */
};

/* How a VMA that is not anonymous memory gets its pages.  Linux: include/linux/mm.h. */
struct vm_operations_struct {
	void (*close)(struct vm_area_struct *vma);
	vm_fault_t (*fault)(struct vm_fault *vmf);	/* sets vmf->page, referenced */
};

/* Which RSS counter a mapped folio counts in.  Linux: mm_counter(). */
static inline int mm_counter(struct folio *folio)
{
	return folio_test_anon(folio) ? MM_ANONPAGES : MM_SHMEMPAGES;
}

/* Private anonymous memory: no vm_ops.  Linux: vma_is_anonymous(). */
static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags);

/* Page-table pages (zeroed); counted in mm->pgtables_bytes. */
struct page *pte_alloc_one(struct mm_struct *mm);
void pte_free(struct mm_struct *mm, struct page *table);
pud_t *pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr);
pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr);
int pte_alloc(struct mm_struct *mm, pmd_t *pmd);	/* 0 or -ENOMEM */
/* The PMD entry for addr if the levels above exist, else NULL. */
pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long addr);

/* Unmap [start, end) of vma: free the pages, keep the VMA and page tables. */
void unmap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* Free the empty page tables under [start, end) that no VMA overlaps. */
void free_pgd_range(struct mm_struct *mm, unsigned long start, unsigned long end);
/* Free every page-table page of the user half (all must be empty). */
void free_pgtables(struct mm_struct *mm);

/* The 4 KiB zero page every untouched anonymous page reads as. */
extern unsigned char empty_zero_page[PAGE_SIZE];
unsigned long zero_pfn(void);
static inline bool is_zero_pfn(unsigned long pfn) { return pfn == zero_pfn(); }
/* The page a present PTE maps, or NULL for the zero page. */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte);

/* Adds write access when the VMA allows it (Linux: maybe_mkwrite). */
static inline pte_t maybe_mkwrite(pte_t pte, struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_WRITE) ? pte_mkwrite(pte) : pte;
}

/* fork: the child's VMA gets the parent's mappings, copy-on-write (0 or -ENOMEM). */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);

/* ---- anonymous rmap (see include/mm/rmap.h) ------------------------ */
/*
 * An anonymous folio records where it is mapped: ->mapping is the
 * anon_vma of the VMA it was first mapped in, ->index the linear page
 * offset of its first page (linear_page_index(): the VMA's vm_pgoff plus
 * the page's place in the VMA - the virtual page number, until mremap
 * moves the VMA and keeps its vm_pgoff).  The VMA must have an anon_vma
 * (anon_vma_prepare) before its first folio is added.
 */
void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, bool pmd_mapped);
typedef int rmap_t;
#define RMAP_NONE	0x0
#define RMAP_EXCLUSIVE	0x1	/* the pages are this mapping's alone (PageAnonExclusive) */
void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page, int nr,
			      struct vm_area_struct *vma, unsigned long address, rmap_t flags);
static inline void folio_add_anon_rmap_pte(struct folio *folio, struct page *page,
					   struct vm_area_struct *vma, unsigned long address,
					   rmap_t flags)
{
	folio_add_anon_rmap_ptes(folio, page, 1, vma, address, flags);
}
void folio_add_anon_rmap_pmd(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long haddr, rmap_t flags);
/* fork: one more mapping of pages the parent maps (Linux: never fails without pins). */
int folio_try_dup_anon_rmap_ptes(struct folio *folio, struct page *page, int nr);
static inline int folio_try_dup_anon_rmap_pte(struct folio *folio, struct page *page)
{
	return folio_try_dup_anon_rmap_ptes(folio, page, 1);
}
int folio_try_dup_anon_rmap_pmd(struct folio *folio);
void folio_move_anon_rmap(struct folio *folio, struct vm_area_struct *vma);
/* A PTE maps a page of a file (shmem): its mapcount.  Linux: folio_add_file_rmap_pte(). */
void folio_add_file_rmap_pte(struct folio *folio, struct page *page);
/* Unmapping a large anonymous folio in part queues it for a deferred split. */
void folio_remove_rmap_ptes(struct folio *folio, struct page *page, int nr);
static inline void folio_remove_rmap_pte(struct folio *folio, struct page *page)
{
	folio_remove_rmap_ptes(folio, page, 1);
}
void folio_remove_rmap_pmd(struct folio *folio);
/* The page offset of address in vma: what a folio's ->index holds. */
static inline pgoff_t linear_page_index(const struct vm_area_struct *vma, unsigned long address)
{
	return vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);
}
/*
 * Where the folio's first page is (or would be) in vma, from its index and
 * the VMA's vm_pgoff; it may lie outside the VMA.  Linux: vma_address().
 */
static inline unsigned long folio_address_in_vma(const struct folio *folio,
						 const struct vm_area_struct *vma)
{
	return vma->vm_start + ((folio->index - vma->vm_pgoff) << PAGE_SHIFT);
}

/* rmap_walk() calls rmap_one for each VMA, in any mm, the folio may be mapped in. */
struct rmap_walk_control {
	void *arg;
	/* addr: the range's first address in vma; false stops the walk */
	bool (*rmap_one)(struct folio *folio, struct vm_area_struct *vma,
			 unsigned long addr, void *arg);
};
void rmap_walk(struct folio *folio, const struct rmap_walk_control *rwc);

/* ---- inspecting a mapping (tests, demos, GDB) ------------------------ */

enum mapping_level {
	MAPPING_NONE,		/* no entry maps the address */
	MAPPING_PTE,		/* a 4 KiB page-table entry */
	MAPPING_PMD,		/* a 2 MiB PMD leaf */
};

struct mm_mapping {
	enum mapping_level level;
	bool present;
	bool writable;
	bool dirty;
	bool zero_page;		/* the 4 KiB or the huge zero page */
	bool device_private;	/* a device-private entry (not present) */
	bool migration;		/* a migration entry (not present) */
	bool protnone;		/* a page mapped in a PROT_NONE VMA (not present) */
	unsigned long pfn;
	unsigned long entry;	/* the raw entry */
};

/* What maps addr in mm?  Fills *m (level MAPPING_NONE if nothing). */
void mm_find_mapping(struct mm_struct *mm, unsigned long addr, struct mm_mapping *m);
/* "PMD 2M present rw pfn 0x1234" and the like; returns the length. */
int sprint_mapping(char *buf, size_t size, const struct mm_mapping *m);
/* Prints what maps addr, level by level, like a page-table walk. */
void dump_pagetable(struct mm_struct *mm, unsigned long addr);

#endif
