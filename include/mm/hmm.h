/*
 * include/mm/hmm.h - hmm_range_fault(): a device reads the CPU page tables.
 *
 * A driver mirroring an mm asks for the pfns of [start, end): for each
 * 4 KiB page, hmm_pfns[i] gets the pfn and flags - VALID, WRITE, ERROR and
 * the order of the mapping (9 for a page of a PMD-mapped THP or device THP)
 * - faulting pages in first when default_flags (or the per-page request
 * bits selected by pfn_flags_mask) ask for it.  Device-private pages of
 * dev_private_owner are reported as they are, never faulted back, read-only
 * ones under a write request too (as in Linux).
 *
 * The caller holds an interval notifier on the range and follows the
 * read_begin / hmm_range_fault / read_retry protocol (mmu_notifier.h);
 * -EBUSY means the page tables changed underneath: start again.
 * Linux: include/linux/hmm.h, mm/hmm.c.
 */
#ifndef _MM_HMM_H
#define _MM_HMM_H

#include <kernel/types.h>
#include <mm/mm.h>

struct mmu_interval_notifier;

enum hmm_pfn_flags {
	/* output */
	HMM_PFN_VALID = 1UL << (BITS_PER_LONG - 1),
	HMM_PFN_WRITE = 1UL << (BITS_PER_LONG - 2),
	HMM_PFN_ERROR = 1UL << (BITS_PER_LONG - 3),
	/*
	 * Linux keeps the next three bits for DMA mapping state carried from
	 * input to output (HMM_PFN_DMA_MAPPED, _P2PDMA, _P2PDMA_BUS); mmlab
	 * has no DMA mapping and leaves them clear.  Then 5 bits of the
	 * mapping's order, and below them the pfn.
	 */
	HMM_PFN_ORDER_SHIFT = (BITS_PER_LONG - 11),
	/* input: what the caller requires (fault the page in if needed) */
	HMM_PFN_REQ_FAULT = HMM_PFN_VALID,
	HMM_PFN_REQ_WRITE = HMM_PFN_WRITE,
	/* everything that is not the pfn */
	HMM_PFN_FLAGS = ~((1UL << HMM_PFN_ORDER_SHIFT) - 1),
};

struct hmm_range {
	struct mmu_interval_notifier *notifier;
	unsigned long notifier_seq;
	unsigned long start;
	unsigned long end;
	unsigned long *hmm_pfns;
	unsigned long default_flags;
	unsigned long pfn_flags_mask;
	void *dev_private_owner;
};

static inline struct page *hmm_pfn_to_page(unsigned long hmm_pfn)
{
	return pfn_to_page(hmm_pfn & ~HMM_PFN_FLAGS);
}

static inline unsigned int hmm_pfn_to_map_order(unsigned long hmm_pfn)
{
	return (hmm_pfn >> HMM_PFN_ORDER_SHIFT) & 0x1f;
}

/* 0, -EFAULT (no access), -EPERM (write to read-only), -EBUSY (retry), -EINVAL (empty range). */
int hmm_range_fault(struct hmm_range *range);

#endif
