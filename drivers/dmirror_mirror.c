/*
 * drivers/dmirror_mirror.c - the device mirrors the CPU's page tables.
 *
 * READ and WRITE go through the device page table; a page missing from it
 * is a device "fault": hmm_range_fault() asks the CPU side for the range
 * (faulting it in if needed) and the answer is copied into the device page
 * table, under the notifier sequence protocol.  The caller's buffer is only
 * touched through a bounce buffer, before (WRITE) or after (READ) the
 * device's copy.  The interval notifier drops device entries whenever the
 * CPU page tables change - except for the device's own migrations, which
 * update the table themselves.  SNAPSHOT reports, per page, what the CPU
 * page tables hold right now.
 * Linux: lib/test_hmm.c (dmirror_read/_write/_fault/_snapshot, dmirror_bounce_*,
 * dmirror_interval_invalidate).
 */
#include "dmirror_internal.h"
#include <kernel/setup.h>
#include <mm/hmm.h>
#include <mm/huge_mm.h>
#include <mm/uaccess.h>
#include <mm/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>

#define FAULT_CHUNK	64		/* pages per hmm_range_fault, as dmirror */

static bool dmirror_interval_invalidate(struct mmu_interval_notifier *sub,
					const struct mmu_notifier_range *range,
					unsigned long cur_seq)
{
	struct dmirror *dmirror = container_of(sub, struct dmirror, notifier);

	/*
	 * Our own migration updates the device page table itself.  (Linux's
	 * dmirror checks only the device; mmlab also checks that it is this
	 * mirror migrating, so a second mirror of the device keeps no stale
	 * entries for the pages the migration frees.)
	 */
	if (range->event == MMU_NOTIFY_MIGRATE && range->owner == dmirror->mdevice &&
	    dmirror->migrating)
		return true;
	mmu_interval_set_seq(sub, cur_seq);
	dpt_erase_range(&dmirror->pt, range->start >> PAGE_SHIFT, range->end >> PAGE_SHIFT);
	return true;
}

const struct mmu_interval_notifier_ops dmirror_notifier_ops = {
	.invalidate = dmirror_interval_invalidate,
};

/* Copies hmm_range_fault's answer into the device page table. */
static int dmirror_do_update(struct dmirror *dmirror, struct hmm_range *range)
{
	for (unsigned long a = range->start; a < range->end; a += PAGE_SIZE) {
		unsigned long pfn = range->hmm_pfns[(a - range->start) >> PAGE_SHIFT];
		int err;

		if (!(pfn & HMM_PFN_VALID))
			return -EFAULT;
		/*
		 * hmm_range_fault() leaves our own device pages where they are,
		 * read-only ones too: a write cannot go there (Linux WARNs too).
		 */
		if (!(pfn & HMM_PFN_WRITE) && WARN_ON(range->default_flags & HMM_PFN_REQ_WRITE))
			return -EFAULT;
		err = dpt_store(&dmirror->pt, a >> PAGE_SHIFT,
				PFN_PHYS(page_to_pfn(hmm_pfn_to_page(pfn))) |
				((pfn & HMM_PFN_WRITE) ? DPT_WRITE : 0));
		if (err)
			return err;	/* no memory for the device page table */
	}
	return 0;
}

static int dmirror_range_fault(struct dmirror *dmirror, struct hmm_range *range)
{
	int ret;

	for (;;) {
		range->notifier_seq = mmu_interval_read_begin(range->notifier);
		ret = hmm_range_fault(range);
		if (ret == -EBUSY)
			continue;
		if (ret)
			return ret;
		if (!mmu_interval_read_retry(range->notifier, range->notifier_seq))
			return dmirror_do_update(dmirror, range);
	}
}

/* A range of at most FAULT_CHUNK pages from addr, for hmm_range_fault(). */
static void dmirror_range_init(struct hmm_range *range, struct dmirror *dmirror,
			       unsigned long *pfns, unsigned long addr, unsigned long end,
			       unsigned long default_flags)
{
	*range = (struct hmm_range){
		.notifier = &dmirror->notifier,
		.hmm_pfns = pfns,
		.start = addr,
		.end = min(end, addr + FAULT_CHUNK * PAGE_SIZE),
		.default_flags = default_flags,
		.dev_private_owner = dmirror->mdevice,
	};
}

/* The device page table lacks [start, end): ask the CPU side for it. */
static int dmirror_fault(struct dmirror *dmirror, unsigned long start, unsigned long end,
			 bool write)
{
	unsigned long pfns[FAULT_CHUNK];

	for (unsigned long addr = start; addr < end; addr += FAULT_CHUNK * PAGE_SIZE) {
		struct hmm_range range;
		int ret;

		dmirror_range_init(&range, dmirror, pfns, addr, end, HMM_PFN_REQ_FAULT |
				   (write ? HMM_PFN_REQ_WRITE : 0));
		ret = dmirror_range_fault(dmirror, &range);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The caller's buffer, cmd->ptr, is a user address in Linux and is reached
 * with copy_from_user()/copy_to_user(): a fault there is handled like any
 * user access (it may even migrate device pages back to RAM), and an
 * address that cannot be mapped is -EFAULT.  mmlab's in-kernel callers may
 * also pass a kernel buffer, which is copied directly.
 */
/*
 * An in-kernel caller's buffer must lie in the direct map of RAM or in the
 * kernel image; any other kernel address is -EFAULT, as copy_to_user() of
 * a kernel address is in Linux.  (A wrong pointer into RAM cannot be told
 * from a right one: in-kernel callers are trusted, as kernel code is.)
 */
static bool dmirror_kernel_buffer(u64 ptr, unsigned long n)
{
	u64 end = ptr + n;

	if (end < ptr)
		return false;
	if (kernel_image_contains(ptr, end))
		return true;
	return ptr >= PAGE_OFFSET && end - PAGE_OFFSET <= PFN_PHYS(max_pfn);
}

static int dmirror_copy_user(u64 ptr, void *buf, unsigned long n, bool to_user)
{
	unsigned long left;

	if (ptr >= PAGE_OFFSET) {		/* an in-kernel caller's buffer */
		if (!dmirror_kernel_buffer(ptr, n))
			return -EFAULT;
		memcpy(to_user ? (void *)ptr : buf, to_user ? buf : (const void *)ptr, n);
		return 0;
	}
	left = to_user ? copy_to_user((void __user *)ptr, buf, n) :
			 copy_from_user(buf, (const void __user *)ptr, n);
	return left ? -EFAULT : 0;
}

/*
 * A kernel copy of the caller's buffer.  WRITE fills it from cmd->ptr
 * before the device writes anything, READ empties it to cmd->ptr after the
 * device has read everything: touching cmd->ptr can fault, and when it lies
 * in the range itself the fault moves the very device pages being copied
 * back to RAM and frees them.  Linux vmallocs the buffer; mmlab has no
 * vmalloc, so it is one page per page of the range (as vmalloc keeps its
 * pages in vm_struct->pages).
 */
struct dmirror_bounce {
	void **pages;
	unsigned long addr;		/* the range it stands for */
	unsigned long size;
	unsigned long cpages;		/* pages the device has copied */
};

static void dmirror_bounce_fini(struct dmirror_bounce *bounce)
{
	for (unsigned long i = 0; bounce->pages && i < bounce->size >> PAGE_SHIFT; i++)
		kfree(bounce->pages[i]);
	kfree(bounce->pages);
}

static int dmirror_bounce_init(struct dmirror_bounce *bounce, unsigned long addr,
			       unsigned long size)
{
	*bounce = (struct dmirror_bounce){ .addr = addr, .size = size };
	bounce->pages = kcalloc(size >> PAGE_SHIFT, sizeof(void *), GFP_KERNEL | __GFP_NOWARN);
	for (unsigned long i = 0; bounce->pages && i < size >> PAGE_SHIFT; i++) {
		bounce->pages[i] = kmalloc(PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN);
		if (!bounce->pages[i]) {
			dmirror_bounce_fini(bounce);
			bounce->pages = NULL;
		}
	}
	return bounce->pages ? 0 : -ENOMEM;
}

/* The bounce buffer's copy of the page at addr. */
static void *dmirror_bounce_page(struct dmirror_bounce *bounce, unsigned long addr)
{
	return bounce->pages[(addr - bounce->addr) >> PAGE_SHIFT];
}

/* Between the bounce buffer and the caller's buffer, page by page. */
static int dmirror_bounce_copy(struct dmirror_bounce *bounce, u64 ptr, bool to_user)
{
	for (unsigned long i = 0; i < bounce->size >> PAGE_SHIFT; i++) {
		int ret = dmirror_copy_user(ptr + (i << PAGE_SHIFT), bounce->pages[i],
					    PAGE_SIZE, to_user);

		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The device copies [start, end) between its memory and the bounce buffer
 * (Linux: dmirror_do_read, dmirror_do_write); -ENOENT at a gap.
 */
static int dmirror_do_copy(struct dmirror *dmirror, unsigned long start, unsigned long end,
			   struct dmirror_bounce *bounce, bool write)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		u64 e = dpt_lookup(&dmirror->pt, addr >> PAGE_SHIFT);
		char *mem = __va(e & PAGE_MASK), *b = dmirror_bounce_page(bounce, addr);

		if (!(e & DPT_VALID) || (write && !(e & DPT_WRITE)))
			return -ENOENT;
		if (write)
			memcpy(mem, b, PAGE_SIZE);	/* the device's DMA engine */
		else
			memcpy(b, mem, PAGE_SIZE);
		bounce->cpages++;
	}
	return 0;
}

/* What the device sees of cmd's range, into cmd->ptr; -ENOENT at a gap. */
int dmirror_read_device(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd)
{
	unsigned long size = cmd->npages << PAGE_SHIFT;
	struct dmirror_bounce bounce;
	int ret = dmirror_bounce_init(&bounce, cmd->addr, size);

	if (ret)
		return ret;
	ret = dmirror_do_copy(dmirror, cmd->addr, cmd->addr + size, &bounce, false);
	if (!ret)
		ret = dmirror_bounce_copy(&bounce, cmd->ptr, true);
	cmd->cpages = bounce.cpages;
	dmirror_bounce_fini(&bounce);
	return ret;
}

/*
 * Copy through the device page table; where it has a gap, fault the rest
 * of the range in (one fault round) and go on from there.
 */
static int dmirror_access(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd,
			  struct dmirror_bounce *bounce, bool write)
{
	unsigned long start = cmd->addr, end = start + (cmd->npages << PAGE_SHIFT);
	int ret;

	for (;;) {
		ret = dmirror_do_copy(dmirror, start, end, bounce, write);
		if (ret != -ENOENT)
			return ret;
		start = cmd->addr + (bounce->cpages << PAGE_SHIFT);
		ret = dmirror_fault(dmirror, start, end, write);
		if (ret)
			return ret;
		cmd->faults++;
	}
}

/* READ: device -> bounce buffer, then bounce buffer -> cmd->ptr. */
int dmirror_read(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd)
{
	struct dmirror_bounce bounce;
	int ret = dmirror_bounce_init(&bounce, cmd->addr, cmd->npages << PAGE_SHIFT);

	if (ret)
		return ret;
	ret = dmirror_access(dmirror, cmd, &bounce, false);
	if (!ret)
		ret = dmirror_bounce_copy(&bounce, cmd->ptr, true);
	cmd->cpages = bounce.cpages;
	dmirror_bounce_fini(&bounce);
	return ret;
}

/* WRITE: cmd->ptr -> bounce buffer first, then bounce buffer -> device. */
int dmirror_write(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd)
{
	struct dmirror_bounce bounce;
	int ret = dmirror_bounce_init(&bounce, cmd->addr, cmd->npages << PAGE_SHIFT);

	if (ret)
		return ret;
	ret = dmirror_bounce_copy(&bounce, cmd->ptr, false);
	if (!ret)
		ret = dmirror_access(dmirror, cmd, &bounce, true);
	cmd->cpages = bounce.cpages;
	dmirror_bounce_fini(&bounce);
	return ret;
}

/* One SNAPSHOT byte for what hmm_range_fault reported. */
static u8 dmirror_mkentry(struct dmirror *dmirror, unsigned long entry)
{
	struct page *page;
	u8 perm;

	if (entry & HMM_PFN_ERROR)
		return HMM_DMIRROR_PROT_ERROR;
	if (!(entry & HMM_PFN_VALID))
		return HMM_DMIRROR_PROT_NONE;
	page = hmm_pfn_to_page(entry);
	if (is_device_private_page(page))
		perm = page_pgmap(page)->owner == dmirror->mdevice ?
		       HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL : HMM_DMIRROR_PROT_DEV_PRIVATE_REMOTE;
	else if (is_zero_pfn(page_to_pfn(page)) || is_huge_zero_pfn(page_to_pfn(page) & ~511UL))
		perm = HMM_DMIRROR_PROT_ZERO;
	else
		perm = HMM_DMIRROR_PROT_NONE;
	perm |= (entry & HMM_PFN_WRITE) ? HMM_DMIRROR_PROT_WRITE : HMM_DMIRROR_PROT_READ;
	if (hmm_pfn_to_map_order(entry) + PAGE_SHIFT == PMD_SHIFT)
		perm |= HMM_DMIRROR_PROT_PMD;
	return perm;
}

int dmirror_snapshot(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd)
{
	unsigned long start = cmd->addr, end = start + (cmd->npages << PAGE_SHIFT);
	unsigned long pfns[FAULT_CHUNK];
	u8 perm[FAULT_CHUNK];

	cmd->cpages = 0;
	for (unsigned long addr = start; addr < end; addr += FAULT_CHUNK * PAGE_SIZE) {
		struct hmm_range range;
		unsigned long n;
		int ret;

		dmirror_range_init(&range, dmirror, pfns, addr, end, 0);	/* look, never fault */
		do {
			range.notifier_seq = mmu_interval_read_begin(&dmirror->notifier);
			ret = hmm_range_fault(&range);
		} while (ret == -EBUSY);
		if (ret)
			return ret;
		n = (range.end - range.start) >> PAGE_SHIFT;
		for (unsigned long i = 0; i < n; i++)
			perm[i] = dmirror_mkentry(dmirror, pfns[i]);
		ret = dmirror_copy_user(cmd->ptr + cmd->cpages, perm, n, true);
		if (ret)
			return ret;
		cmd->cpages += n;
	}
	return 0;
}
