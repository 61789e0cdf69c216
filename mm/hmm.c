/*
 * mm/hmm.c - hmm_range_fault(): report (and fault in) what maps a range.
 *
 * A walk over the range, VMA by VMA and PMD by PMD, writes into hmm_pfns[]
 * what the page tables hold for each 4 KiB page.  Where the caller requires
 * a page that is missing, read-only when write is required, or another
 * device's, hmm_vma_fault() faults the rest of that PMD's part of the range
 * in with handle_mm_fault(FAULT_FLAG_REMOTE) and the walk ends with -EBUSY;
 * hmm_range_fault() then walks again from the page that needed the fault
 * (hmm_vma_walk.last), as often as it takes: there is no budget, a page
 * may need more than one fault.  If the notifier's sequence moved meanwhile, -EBUSY goes
 * back to the caller: its view is stale.
 * Linux: mm/hmm.c - the same functions; walk_page_range() and its struct
 * mm_walk are reduced to hmm_walk_page_range() and hmm_vma_walk.vma here.
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

struct hmm_vma_walk {
	struct hmm_range *range;
	unsigned long last;		/* where the next walk starts */
	struct vm_area_struct *vma;	/* NULL outside every VMA (Linux: walk->vma) */
};

/* What a page needs before it can be reported (hmm_pte_need_fault). */
enum {
	HMM_NEED_FAULT = 1 << 0,
	HMM_NEED_WRITE_FAULT = 1 << 1,
	HMM_NEED_ALL_BITS = HMM_NEED_FAULT | HMM_NEED_WRITE_FAULT,
};

static int hmm_pfns_fill(unsigned long addr, unsigned long end, struct hmm_range *range,
			 unsigned long cpu_flags)
{
	unsigned long i = (addr - range->start) >> PAGE_SHIFT;

	for (; addr < end; addr += PAGE_SIZE, i++)
		range->hmm_pfns[i] = cpu_flags;
	return 0;
}

/*
 * Fault in every page of [addr, end), as the CPU would by touching them,
 * and have the walk start again at addr: -EBUSY, or the fault's error.
 */
static int hmm_vma_fault(unsigned long addr, unsigned long end, unsigned int required_fault,
			 struct hmm_vma_walk *hmm_vma_walk)
{
	struct vm_area_struct *vma = hmm_vma_walk->vma;
	unsigned int fault_flags = FAULT_FLAG_REMOTE;

	WARN_ON_ONCE(!required_fault);
	hmm_vma_walk->last = addr;
	if (required_fault & HMM_NEED_WRITE_FAULT) {
		if (!(vma->vm_flags & VM_WRITE))
			return -EPERM;
		fault_flags |= FAULT_FLAG_WRITE;
	}
	for (; addr < end; addr += PAGE_SIZE)
		if (handle_mm_fault(vma, addr, fault_flags) & VM_FAULT_ERROR)
			return -EFAULT;
	return -EBUSY;
}

/*
 * Does a page the tables map with cpu_flags satisfy the request?  The
 * request is the range's default_flags plus the page's own input bits that
 * pfn_flags_mask lets through.
 */
static unsigned int hmm_pte_need_fault(const struct hmm_vma_walk *hmm_vma_walk,
				       unsigned long pfn_req_flags, unsigned long cpu_flags)
{
	struct hmm_range *range = hmm_vma_walk->range;

	pfn_req_flags &= range->pfn_flags_mask;
	pfn_req_flags |= range->default_flags;
	if (!(pfn_req_flags & HMM_PFN_REQ_FAULT))
		return 0;
	if ((pfn_req_flags & HMM_PFN_REQ_WRITE) && !(cpu_flags & HMM_PFN_WRITE))
		return HMM_NEED_FAULT | HMM_NEED_WRITE_FAULT;
	if (!(cpu_flags & HMM_PFN_VALID))
		return HMM_NEED_FAULT;
	return 0;
}

/* The same for npages that one entry maps alike (a hole, a PMD). */
static unsigned int hmm_range_need_fault(const struct hmm_vma_walk *hmm_vma_walk,
					 const unsigned long hmm_pfns[], unsigned long npages,
					 unsigned long cpu_flags)
{
	struct hmm_range *range = hmm_vma_walk->range;
	unsigned int required_fault = 0;

	if (!((range->default_flags | range->pfn_flags_mask) & HMM_PFN_REQ_FAULT))
		return 0;	/* nothing can ask for a fault */
	for (unsigned long i = 0; i < npages; i++) {
		required_fault |= hmm_pte_need_fault(hmm_vma_walk, hmm_pfns[i], cpu_flags);
		if (required_fault == HMM_NEED_ALL_BITS)
			break;
	}
	return required_fault;
}

/* Nothing mapped at [addr, end): no page table, pmd_none, or no VMA at all. */
static int hmm_vma_walk_hole(unsigned long addr, unsigned long end,
			     struct hmm_vma_walk *hmm_vma_walk)
{
	struct hmm_range *range = hmm_vma_walk->range;
	unsigned long i = (addr - range->start) >> PAGE_SHIFT;
	unsigned int required_fault = hmm_range_need_fault(hmm_vma_walk, &range->hmm_pfns[i],
							   (end - addr) >> PAGE_SHIFT, 0);

	if (!hmm_vma_walk->vma) {
		if (required_fault)
			return -EFAULT;
		return hmm_pfns_fill(addr, end, range, HMM_PFN_ERROR);
	}
	if (required_fault)
		return hmm_vma_fault(addr, end, required_fault, hmm_vma_walk);
	return hmm_pfns_fill(addr, end, range, 0);
}

static unsigned long hmm_pfn_flags_order(unsigned long order)
{
	return order << HMM_PFN_ORDER_SHIFT;
}

static unsigned long pmd_to_hmm_pfn_flags(pmd_t pmd)
{
	if (pmd_protnone(pmd))
		return 0;
	return (pmd_write(pmd) ? HMM_PFN_VALID | HMM_PFN_WRITE : HMM_PFN_VALID) |
	       hmm_pfn_flags_order(PMD_SHIFT - PAGE_SHIFT);
}

/* A THP (or the huge zero page) mapped by the PMD: 512 pages alike. */
static int hmm_vma_handle_pmd(struct hmm_vma_walk *hmm_vma_walk, unsigned long addr,
			      unsigned long end, unsigned long hmm_pfns[], pmd_t pmd)
{
	unsigned long cpu_flags = pmd_to_hmm_pfn_flags(pmd), pfn;
	unsigned int required_fault = hmm_range_need_fault(hmm_vma_walk, hmm_pfns,
							   (end - addr) >> PAGE_SHIFT, cpu_flags);

	if (required_fault)
		return hmm_vma_fault(addr, end, required_fault, hmm_vma_walk);
	pfn = pmd_pfn(pmd) + pte_index(addr);
	for (unsigned long i = 0; addr < end; addr += PAGE_SIZE, i++, pfn++)
		hmm_pfns[i] = pfn | cpu_flags;
	return 0;
}

/* A device-private page of the caller's device (Linux's older name). */
static bool hmm_is_device_private_entry(struct hmm_range *range, swp_entry_t entry)
{
	return is_device_private_entry(entry) &&
	       page_pgmap(pfn_swap_entry_to_page(entry))->owner == range->dev_private_owner;
}

static unsigned long device_private_to_hmm_pfn_flags(swp_entry_t entry)
{
	return is_writable_device_private_entry(entry) ? HMM_PFN_VALID | HMM_PFN_WRITE :
							 HMM_PFN_VALID;
}

static unsigned long pte_to_hmm_pfn_flags(pte_t pte)
{
	if (pte_protnone(pte))
		return 0;
	return pte_write(pte) ? HMM_PFN_VALID | HMM_PFN_WRITE : HMM_PFN_VALID;
}

/*
 * One PTE.  The caller's own device pages are reported where they are,
 * never faulted back, even read-only under a write request: the driver
 * asked for them to stay on its device and must cope.  Another device's
 * page is nothing (0) unless a fault is required; then its driver's
 * migrate_to_ram() brings it to RAM.
 */
static int hmm_vma_handle_pte(struct hmm_vma_walk *hmm_vma_walk, unsigned long addr,
			      unsigned long end, pte_t *ptep, unsigned long *hmm_pfn)
{
	unsigned long pfn_req_flags = *hmm_pfn, cpu_flags;
	unsigned int required_fault;
	pte_t pte = ptep_get(ptep);
	swp_entry_t entry;

	if (pte_none(pte)) {
		required_fault = hmm_pte_need_fault(hmm_vma_walk, pfn_req_flags, 0);
		if (required_fault)
			goto fault;
		*hmm_pfn = 0;
		return 0;
	}
	if (pte_present(pte)) {
		cpu_flags = pte_to_hmm_pfn_flags(pte);
		required_fault = hmm_pte_need_fault(hmm_vma_walk, pfn_req_flags, cpu_flags);
		if (required_fault)
			goto fault;
		*hmm_pfn = cpu_flags ? pte_pfn(pte) | cpu_flags : 0;	/* PROT_NONE: 0 */
		return 0;
	}
	entry = pte_to_swp_entry(pte);
	if (hmm_is_device_private_entry(hmm_vma_walk->range, entry)) {
		cpu_flags = device_private_to_hmm_pfn_flags(entry);
		*hmm_pfn = swp_offset_pfn(entry) | cpu_flags;
		return 0;
	}
	required_fault = hmm_pte_need_fault(hmm_vma_walk, pfn_req_flags, 0);
	if (!required_fault) {
		*hmm_pfn = 0;
		return 0;
	}
	if (is_device_private_entry(entry))
		goto fault;
	/*
	 * Linux also faults swap entries in and waits for a migration entry to
	 * go (then walks again).  mmlab has no swap, and with one thread no
	 * migration is in flight: anything else here is an error.
	 */
	return -EFAULT;

fault:
	return hmm_vma_fault(addr, end, required_fault, hmm_vma_walk);
}

/*
 * A non-present PMD: a device-private THP.  The caller's own is reported
 * (order 9).  Another device's is faulted back if required, and otherwise
 * HMM_PFN_ERROR - not 0 as for such a PTE: Linux 6.19 reports it so.
 */
static int hmm_vma_handle_absent_pmd(struct hmm_vma_walk *hmm_vma_walk, unsigned long start,
				     unsigned long end, unsigned long hmm_pfns[], pmd_t pmd)
{
	struct hmm_range *range = hmm_vma_walk->range;
	unsigned long npages = (end - start) >> PAGE_SHIFT;
	swp_entry_t entry = pmd_to_swp_entry(pmd);
	unsigned int required_fault;

	if (hmm_is_device_private_entry(range, entry)) {
		unsigned long cpu_flags = device_private_to_hmm_pfn_flags(entry) |
					  hmm_pfn_flags_order(PMD_SHIFT - PAGE_SHIFT);
		/* Linux 6.19 starts at the folio's first pfn even mid-PMD; not here. */
		unsigned long pfn = swp_offset_pfn(entry) + pte_index(start);

		for (unsigned long i = 0; i < npages; i++, pfn++)
			hmm_pfns[i] = pfn | cpu_flags;
		return 0;
	}
	required_fault = hmm_range_need_fault(hmm_vma_walk, hmm_pfns, npages, 0);
	if (required_fault)
		return is_device_private_entry(entry) ?
		       hmm_vma_fault(start, end, required_fault, hmm_vma_walk) : -EFAULT;
	return hmm_pfns_fill(start, end, range, HMM_PFN_ERROR);
}

/* The part [start, end) of one PMD's 2 MiB. */
static int hmm_vma_walk_pmd(pmd_t *pmdp, unsigned long start, unsigned long end,
			    struct hmm_vma_walk *hmm_vma_walk)
{
	struct hmm_range *range = hmm_vma_walk->range;
	unsigned long *hmm_pfns = &range->hmm_pfns[(start - range->start) >> PAGE_SHIFT];
	pmd_t pmd = pmdp_get(pmdp);
	pte_t *ptep;

	if (pmd_none(pmd))
		return hmm_vma_walk_hole(start, end, hmm_vma_walk);
	if (is_pmd_migration_entry(pmd)) {
		/* Linux waits for it to go; none is in flight in mmlab (hmm_vma_handle_pte). */
		if (hmm_range_need_fault(hmm_vma_walk, hmm_pfns, (end - start) >> PAGE_SHIFT, 0))
			return -EFAULT;
		return hmm_pfns_fill(start, end, range, 0);
	}
	if (!pmd_present(pmd))
		return hmm_vma_handle_absent_pmd(hmm_vma_walk, start, end, hmm_pfns, pmd);
	if (pmd_trans_huge(pmd))
		return hmm_vma_handle_pmd(hmm_vma_walk, start, end, hmm_pfns, pmd);
	ptep = pte_offset_map(pmdp, start);
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE, ptep++, hmm_pfns++) {
		int ret = hmm_vma_handle_pte(hmm_vma_walk, addr, end, ptep, hmm_pfns);

		if (ret)
			return ret;
	}
	return 0;
}

/*
 * A VMA the walk may enter: 0.  One without VM_READ (PROT_NONE) is all
 * HMM_PFN_ERROR and skipped (1), or -EFAULT if a page of it is required.
 */
static int hmm_vma_walk_test(unsigned long start, unsigned long end,
			     struct hmm_vma_walk *hmm_vma_walk)
{
	struct hmm_range *range = hmm_vma_walk->range;

	if (hmm_vma_walk->vma->vm_flags & VM_READ)
		return 0;
	if (hmm_range_need_fault(hmm_vma_walk, &range->hmm_pfns[(start - range->start) >> PAGE_SHIFT],
				 (end - start) >> PAGE_SHIFT, 0))
		return -EFAULT;
	hmm_pfns_fill(start, end, range, HMM_PFN_ERROR);
	return 1;
}

/* The PMDs of [start, end) inside one VMA. */
static int hmm_walk_vma(unsigned long start, unsigned long end, struct hmm_vma_walk *hmm_vma_walk)
{
	struct mm_struct *mm = hmm_vma_walk->range->notifier->mm;
	unsigned long next;

	for (unsigned long addr = start; addr < end; addr = next) {
		pmd_t *pmdp = mm_find_pmd(mm, addr);
		int ret;

		next = min(end, (addr + PMD_SIZE) & PMD_MASK);
		ret = pmdp ? hmm_vma_walk_pmd(pmdp, addr, next, hmm_vma_walk) :
			     hmm_vma_walk_hole(addr, next, hmm_vma_walk);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * walk_page_range(): the gaps between VMAs are holes without a VMA, and
 * an empty or inverted range is -EINVAL.
 */
static int hmm_walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			       struct hmm_vma_walk *hmm_vma_walk)
{
	if (start >= end)
		return -EINVAL;
	for (unsigned long next; start < end; start = next) {
		struct vm_area_struct *vma = find_vma(mm, start);
		int ret;

		if (!vma || start < vma->vm_start) {
			next = vma ? min(end, vma->vm_start) : end;
			hmm_vma_walk->vma = NULL;
			ret = hmm_vma_walk_hole(start, next, hmm_vma_walk);
		} else {
			next = min(end, vma->vm_end);
			hmm_vma_walk->vma = vma;
			ret = hmm_vma_walk_test(start, next, hmm_vma_walk);
			if (!ret)
				ret = hmm_walk_vma(start, next, hmm_vma_walk);
		}
		if (ret < 0)
			return ret;
	}
	return 0;
}

int hmm_range_fault(struct hmm_range *range)
{
	struct hmm_vma_walk hmm_vma_walk = {
		.range = range,
		.last = range->start,
	};
	struct mm_struct *mm = range->notifier->mm;
	int ret;

	do {
		/* The page tables changed since read_begin: the caller starts over. */
		if (mmu_interval_read_retry(range->notifier, range->notifier_seq))
			return -EBUSY;
		/*
		 * -EBUSY: a fault at .last.  Entries before it hold outputs,
		 * from it on still requests (VALID and WRITE are also the
		 * REQ_* bits), so the walk resumes there, not at the start.
		 */
		ret = hmm_walk_page_range(mm, hmm_vma_walk.last, range->end, &hmm_vma_walk);
	} while (ret == -EBUSY);
	return ret;
}
