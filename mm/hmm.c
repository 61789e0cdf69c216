/*
 * mm/hmm.c - hmm_range_fault(): report (and fault in) what maps a range.
 *
 * One pass over the range, page by page.  A page that is there with the
 * rights the caller needs is reported; one that is missing, read-only when
 * write is required, or another device's, is faulted in with
 * handle_mm_fault() (FAULT_FLAG_REMOTE) and the pass starts again - the
 * fault may have changed more than one page.  If the notifier's sequence
 * moved meanwhile, -EBUSY tells the caller its view is stale.
 * Linux: mm/hmm.c (hmm_vma_walk_pmd, hmm_vma_handle_pte, hmm_vma_fault).
 */
#include <mm/hmm.h>
#include <mm/mmu_notifier.h>
#include <mm/memory.h>
#include <mm/huge_mm.h>
#include <mm/memremap.h>
#include <mm/swapops.h>
#include <mm/mmap.h>
#include <kernel/errno.h>
#include <kernel/panic.h>
#include <kernel/printk.h>

/* What the caller wants for page i: HMM_PFN_REQ_FAULT / _REQ_WRITE bits. */
static unsigned long required(const struct hmm_range *range, unsigned long i)
{
	return (range->default_flags | (range->hmm_pfns[i] & range->pfn_flags_mask)) &
	       (HMM_PFN_REQ_FAULT | HMM_PFN_REQ_WRITE);
}

/* Does a mapping with these flags satisfy the request? */
static bool enough(unsigned long req, unsigned long have)
{
	if (!(req & HMM_PFN_REQ_FAULT))
		return true;
	if (!(have & HMM_PFN_VALID))
		return false;
	return !(req & HMM_PFN_REQ_WRITE) || (have & HMM_PFN_WRITE);
}

static unsigned long order_bits(unsigned int order)
{
	return (unsigned long)order << HMM_PFN_ORDER_SHIFT;
}

/* What the page tables say about addr, as an hmm_pfn (0: nothing usable). */
static unsigned long hmm_lookup(struct hmm_range *range, struct mm_struct *mm,
				unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);
	pte_t pte;

	if (!pmd || pmd_none(*pmd))
		return 0;
	if (pmd_trans_huge(*pmd))
		return (pmd_pfn(*pmd) + pte_index(addr)) | HMM_PFN_VALID | order_bits(9) |
		       (pmd_write(*pmd) ? HMM_PFN_WRITE : 0);
	if (is_swap_pmd(*pmd)) {
		swp_entry_t e = pmd_to_swp_entry(*pmd);

		if (!is_device_private_entry(e) ||
		    page_pgmap(pfn_swap_entry_to_page(e))->owner != range->dev_private_owner)
			return 0;
		return (swp_offset_pfn(e) + pte_index(addr)) | HMM_PFN_VALID | order_bits(9) |
		       (is_writable_device_private_entry(e) ? HMM_PFN_WRITE : 0);
	}
	pte = ptep_get(pte_offset_kernel(pmd, addr));
	if (pte_present(pte))
		return pte_pfn(pte) | HMM_PFN_VALID | (pte_write(pte) ? HMM_PFN_WRITE : 0);
	if (is_swap_pte(pte)) {
		swp_entry_t e = pte_to_swp_entry(pte);

		if (is_device_private_entry(e) &&
		    page_pgmap(pfn_swap_entry_to_page(e))->owner == range->dev_private_owner)
			return swp_offset_pfn(e) | HMM_PFN_VALID |
			       (is_writable_device_private_entry(e) ? HMM_PFN_WRITE : 0);
	}
	return 0;
}

/*
 * One pass from *last; -EBUSY after a fault (look again from *last, where
 * it happened - the outputs before it are done and must not be read back
 * as requests), or 0 / -EFAULT / -EPERM.
 */
static int hmm_walk(struct hmm_range *range, struct mm_struct *mm, unsigned long *last)
{
	for (unsigned long addr = *last; addr < range->end; addr += PAGE_SIZE) {
		unsigned long i = (addr - range->start) >> PAGE_SHIFT;
		unsigned long req = required(range, i), have;
		struct vm_area_struct *vma = vma_lookup(mm, addr);

		if (!vma || !(vma->vm_flags & (VM_READ | VM_WRITE))) {
			if (req & HMM_PFN_REQ_FAULT)
				return -EFAULT;
			range->hmm_pfns[i] = HMM_PFN_ERROR;
			continue;
		}
		if ((req & HMM_PFN_REQ_WRITE) && (req & HMM_PFN_REQ_FAULT) &&
		    !(vma->vm_flags & VM_WRITE))
			return -EPERM;
		have = hmm_lookup(range, mm, addr);
		if (!enough(req, have)) {
			vm_fault_t ret = handle_mm_fault(vma, addr, FAULT_FLAG_REMOTE |
					 ((req & HMM_PFN_REQ_WRITE) ? FAULT_FLAG_WRITE : 0));

			*last = addr;
			return (ret & VM_FAULT_ERROR) ? -EFAULT : -EBUSY;
		}
		range->hmm_pfns[i] = have;
	}
	return 0;
}

int hmm_range_fault(struct hmm_range *range)
{
	struct mm_struct *mm = range->notifier->mm;
	/* Each pass faults one page in; more passes than pages means no progress. */
	unsigned long passes = ((range->end - range->start) >> PAGE_SHIFT) + 2;
	unsigned long last = range->start;
	int ret;

	do {
		if (mmu_interval_read_retry(range->notifier, range->notifier_seq))
			return -EBUSY;
		ret = hmm_walk(range, mm, &last);
	} while (ret == -EBUSY && --passes);
	WARN_ON(ret == -EBUSY);		/* a fault that never makes the page usable */
	return ret == -EBUSY ? -EFAULT : ret;
}
