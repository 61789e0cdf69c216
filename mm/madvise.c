/*
 * mm/madvise.c - do_madvise(): MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTNEED
 * (and MADV_FREE and MADV_NORMAL, which change nothing in mmlab).
 *
 * The hugepage advice changes vm_flags (splitting VMAs so only the range
 * gets it); MADV_DONTNEED frees the range's memory, which reads back as
 * zeroes.  Like Linux: the start must be page aligned, an unknown advice is
 * -EINVAL, and a range with unmapped holes is -ENOMEM (the mapped parts are
 * still advised).  Linux: mm/madvise.c.
 */
#include <mm/mmap.h>
#include <mm/memory.h>
#include <mm/mmu_notifier.h>
#include <kernel/errno.h>

static bool madvise_behavior_valid(int behavior)
{
	return behavior == MADV_HUGEPAGE || behavior == MADV_NOHUGEPAGE ||
	       behavior == MADV_DONTNEED || behavior == MADV_NORMAL ||
	       behavior == MADV_FREE;
}

static int madvise_vma(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, int behavior)
{
	if (behavior == MADV_DONTNEED) {
		mmu_notifier_invalidate(vma->vm_mm, MMU_NOTIFY_CLEAR, start, end, NULL);
		unmap_page_range(vma, start, end);
		return 0;
	}
	if (behavior == MADV_FREE && !vma_is_anonymous(vma))
		return -EINVAL;	/* Linux: madvise_free_single_vma(), private anonymous only */
	if (behavior == MADV_FREE || behavior == MADV_NORMAL)
		return 0;	/* MADV_FREE lets the kernel reclaim lazily; mmlab never reclaims */
	if (start > vma->vm_start && split_vma(vma, start))
		return -ENOMEM;
	if (start > vma->vm_start)
		vma = list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
	if (end < vma->vm_end && split_vma(vma, end))
		return -ENOMEM;
	if (behavior == MADV_HUGEPAGE)
		vma->vm_flags = (vma->vm_flags & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
	else if (behavior == MADV_NOHUGEPAGE)
		vma->vm_flags = (vma->vm_flags & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
	return 0;
}

/*
 * Linux: is_valid_madvise() - a known advice, an aligned start, a length
 * that did not round up to zero from just below 2^64, no wrap.  A range
 * beyond user space is not refused here: it is a hole (-ENOMEM) below.
 */
static bool is_valid_madvise(unsigned long start, size_t len_in, int behavior)
{
	size_t len = ALIGN(len_in, PAGE_SIZE);

	if (!madvise_behavior_valid(behavior) || !IS_ALIGNED(start, PAGE_SIZE))
		return false;
	if (len_in && !len)
		return false;
	return start + len >= start;
}

int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in, int behavior)
{
	unsigned long end;
	int unmapped = 0;

	if (!is_valid_madvise(start, len_in, behavior))
		return -EINVAL;
	end = start + ALIGN(len_in, PAGE_SIZE);
	if (end == start)
		return 0;		/* Linux: madvise_should_skip() */
	if (mm_migrate_vma_busy(mm, "do_madvise"))
		return -EBUSY;
	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);
		unsigned long vend;
		int err;

		if (!vma || vma->vm_start >= end)
			return -ENOMEM;
		if (vma->vm_start > start) {
			unmapped = -ENOMEM;		/* a hole before this VMA */
			start = vma->vm_start;
		}
		vend = min(end, vma->vm_end);
		err = madvise_vma(vma, start, vend, behavior);
		if (err)
			return err;
		start = vend;
	}
	return unmapped;
}
