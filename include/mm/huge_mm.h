/*
 * include/mm/huge_mm.h - transparent huge pages (THP).
 *
 * An anonymous fault in a 2 MiB-aligned range that a VMA covers whole can
 * be backed by one order-9 folio mapped by a single PMD entry: one TLB
 * entry instead of 512, one fault instead of 512.  Policy, as Linux's
 * /sys/kernel/mm/transparent_hugepage/enabled: always (default), madvise
 * (only VMAs with MADV_HUGEPAGE) or never; transparent_hugepage= on the
 * command line, set_transparent_hugepage_mode() at run time.
 *
 * Splitting comes in two kinds: split_huge_pmd() turns the PMD mapping into
 * 512 PTEs mapping the same folio; split_folio_to_order() and folio_split()
 * turn the folio itself into smaller folios.  A THP that is only partly
 * unmapped waits on the deferred-split queue until memory is short.
 * Linux: mm/huge_memory.c, include/linux/huge_mm.h.
 */
#ifndef _MM_HUGE_MM_H
#define _MM_HUGE_MM_H

#include <mm/memory.h>
#include <mm/swapops.h>
#include <mm/mm.h>
#include <mm/gfp.h>

enum transparent_hugepage_mode {
	THP_MODE_ALWAYS,
	THP_MODE_MADVISE,
	THP_MODE_NEVER,
	NR_THP_MODES
};

#define HPAGE_PMD_SIZE	(1UL << (PAGE_SHIFT + HPAGE_PMD_ORDER))

extern enum transparent_hugepage_mode transparent_hugepage_mode;
extern const char *const thp_mode_names[NR_THP_MODES];	/* "always", ... */
void set_transparent_hugepage_mode(enum transparent_hugepage_mode mode);
const char *thp_mode_name(enum transparent_hugepage_mode mode);

/*
 * .../transparent_hugepage/defrag: may a THP fault reclaim to get its
 * 2 MiB?  (mmlab has no compaction and no kswapd: "defer" is "never".)
 * Linux's default is madvise.
 */
enum transparent_hugepage_defrag {
	THP_DEFRAG_ALWAYS,		/* every THP fault may reclaim */
	THP_DEFRAG_DEFER,		/* none (Linux: wakes kswapd/kcompactd) */
	THP_DEFRAG_DEFER_MADVISE,	/* MADV_HUGEPAGE VMAs may reclaim */
	THP_DEFRAG_MADVISE,		/* MADV_HUGEPAGE VMAs may reclaim */
	THP_DEFRAG_NEVER,		/* none */
};
extern enum transparent_hugepage_defrag transparent_hugepage_defrag;
/* The GFP flags of a THP fault in vma, by the defrag setting. */
gfp_t vma_thp_gfp_mask(struct vm_area_struct *vma);

/*
 * The files of /sys/kernel/mm/transparent_hugepage/ (mm/huge_memory_sysfs.c):
 * show() fills buf (a page) and returns the length; store() takes what was
 * written and returns count, or -EINVAL, as Linux's sysfs files do.
 */
long enabled_show(char *buf);
long enabled_store(const char *buf, size_t count);
long defrag_show(char *buf);
long defrag_store(const char *buf, size_t count);
long hpage_pmd_size_show(char *buf);

/* Does vma cover the whole 2 MiB around addr? */
bool thp_vma_suitable(struct vm_area_struct *vma, unsigned long addr);
/* ... and do the policy and the VMA's madvise flags allow a THP there? */
bool thp_vma_allowable(struct vm_area_struct *vma, unsigned long addr);

/* The huge zero page: 2 MiB of zeroes, mapped read-only by read faults. */
extern struct folio *huge_zero_folio;
int hugepage_init(void);
static inline bool is_huge_zero_pfn(unsigned long pfn)
{
	return huge_zero_folio && pfn == folio_pfn(huge_zero_folio);
}
static inline bool is_huge_zero_pmd(pmd_t pmd)
{
	return pmd_trans_huge(pmd) && is_huge_zero_pfn(pmd_pfn(pmd));
}

vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf);
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf);
/* The CPU touched a device THP through its PMD (mm/memory.c). */
vm_fault_t do_huge_pmd_device_private(struct vm_fault *vmf);
/* Unmaps the THP mapped by *pmd at haddr and frees what is no longer used. */
void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr);
/* fork: the child shares the huge PMD's folio (or the huge zero page); 0 or -ENOMEM. */
int copy_huge_pmd(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
		  pmd_t *dst_pmd, pmd_t *src_pmd, unsigned long addr);

/* A page table set aside with each huge PMD, so a split never allocates. */
void pgtable_trans_huge_deposit(struct mm_struct *mm, struct page *table);
struct page *pgtable_trans_huge_withdraw(struct mm_struct *mm);

/*
 * Splits a huge PMD - a THP (PROT_NONE ones too), the huge zero page, a
 * device-private or migration entry - into the 512 PTEs of its deposited table.  With
 * freeze the pages become PTE migration entries instead (unmapped: what a
 * split or a migration wants).  Linux: __split_huge_pmd() and the
 * split_huge_pmd() wrapper.
 */
void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address,
		      bool freeze);
static inline void split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
				  unsigned long address)
{
	if (pmd_trans_huge(*pmd) || is_swap_pmd(*pmd))
		__split_huge_pmd(vma, pmd, address, false);
}
/* The same for the PMD that covers address, if there is a huge one. */
void split_huge_pmd_address(struct vm_area_struct *vma, unsigned long address, bool freeze);

/*
 * Splitting a large folio.  The folio must be locked, and the caller holds
 * a reference; every other reference must belong to a mapping
 * (can_split_folio()), or the split fails with -EAGAIN before anything
 * changed.  Errors: -EINVAL (not a large anonymous folio, new_order not
 * below its order, or 1: there are no order-1 anonymous folios), -EBUSY
 * (nothing maps it), -EAGAIN.  On success the folio holding the caller's
 * page keeps the lock and the caller's reference; the other new folios are
 * unlocked and keep only their mappings' references (those nothing maps
 * are freed).  THP_SPLIT_PAGE / THP_SPLIT_PAGE_FAILED count the attempt.
 *
 *   split_huge_page_to_list_to_order()  uniform: every new folio has
 *     new_order; the caller's page is `page` (list must be NULL: no LRU)
 *   folio_split()  non-uniform, like the buddy allocator: only the piece
 *     holding split_at is split down to new_order, the rest stay as large
 *     as they can (orders 8, 7, ... 2 for an order-9 folio and new_order 0);
 *     the caller's page is the folio's first
 *   try_folio_split_to_order()  folio_split() where it is supported, else
 *     the uniform split
 *
 * Linux: mm/huge_memory.c (__folio_split), include/linux/huge_mm.h.
 */
enum split_type {
	SPLIT_TYPE_UNIFORM,
	SPLIT_TYPE_NON_UNIFORM,
};

bool can_split_folio(struct folio *folio, int caller_pins, int *pextra_pins);
bool folio_split_supported(struct folio *folio, unsigned int new_order,
			   enum split_type split_type, bool warns);
int split_huge_page_to_list_to_order(struct page *page, struct list_head *list,
				     unsigned int new_order);
int folio_split(struct folio *folio, unsigned int new_order, struct page *split_at,
		struct list_head *list);

static inline int split_huge_page_to_order(struct page *page, unsigned int new_order)
{
	return split_huge_page_to_list_to_order(page, NULL, new_order);
}
static inline int split_folio_to_order(struct folio *folio, int new_order)
{
	return split_huge_page_to_list_to_order(&folio->page, NULL, new_order);
}
static inline int split_folio(struct folio *folio)
{
	return split_folio_to_order(folio, 0);
}
static inline int try_folio_split_to_order(struct folio *folio, struct page *page,
					   unsigned int new_order)
{
	if (!folio_split_supported(folio, new_order, SPLIT_TYPE_NON_UNIFORM, false))
		return split_huge_page_to_order(&folio->page, new_order);
	return folio_split(folio, new_order, page, NULL);
}

/*
 * Splits a locked large folio that nothing maps - a THP in the middle of a
 * migration - uniformly to new_order.  Only the caller may hold a
 * reference (can_split_folio(folio, 1)), else -EAGAIN.  Every new folio
 * holds one reference and stays locked (finalize unlocks them).  No
 * THP_SPLIT_PAGE count.  Linux: folio_split_unmapped().
 */
int folio_split_unmapped(struct folio *folio, unsigned int new_order);

/*
 * The deferred-split queue.  A large anonymous folio that loses some of
 * its mappings (partial munmap, MADV_DONTNEED) is queued, whole, with
 * partially_mapped set (THP_DEFERRED_SPLIT_PAGE); deferred_split_scan(),
 * a shrinker, splits it when the page allocator runs short, and its
 * unmapped pages go back then.  Freeing the folio takes it off the queue.
 */
void deferred_split_folio(struct folio *folio, bool partially_mapped);

/*
 * The debug trigger, as Linux's /sys/kernel/debug/split_huge_pages takes
 * it: "1" splits every THP in RAM (split_huge_pages_all()); "<pid>,<vaddr_start>,
 * <vaddr_end>[,<new_order>[,<in_folio_offset>]]" (addresses in 0x hex) the
 * THPs mapped in that range of task pid - mmlab's one task is pid 1 - to
 * new_order, around page in_folio_offset of each folio (folio_split())
 * when it is given.  Returns the bytes consumed or a negative errno.
 */
long split_huge_pages_write(const char *buf, size_t count);
void split_huge_pages_all(void);

#endif
