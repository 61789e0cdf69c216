/*
 * mm/mmu_notifier.c - interval notifiers and the invalidation sequence.
 *
 * mm->notifier_seq is even while nothing is being invalidated and odd
 * during an invalidation.  An invalidation bumps it to odd, calls every
 * subscription overlapping the range (each records that odd value with
 * mmu_interval_set_seq), and bumps it to even again at the end.  A reader
 * samples its subscription's value in mmu_interval_read_begin(); if
 * mmu_interval_read_retry() then finds another value, an invalidation hit
 * its range in between.  Linux: mm/mmu_notifier.c (with real concurrency to handle).
 */
#include <mm/mmu_notifier.h>
#include <kernel/panic.h>
#include <kernel/errno.h>

int mmu_interval_notifier_insert(struct mmu_interval_notifier *sub, struct mm_struct *mm,
				 unsigned long start, unsigned long length,
				 const struct mmu_interval_notifier_ops *ops)
{
	if (!length || start + length - 1 < start)
		return -EOVERFLOW;		/* Linux: check_add_overflow() */
	if (!ops || !ops->invalidate)
		return -EINVAL;
	sub->start = start;
	sub->last = start + length - 1;
	sub->ops = ops;
	sub->mm = mm;
	sub->invalidate_seq = mm->notifier_seq;
	list_add_tail(&sub->list, &mm->notifier_subscriptions);
	return 0;
}

void mmu_interval_notifier_remove(struct mmu_interval_notifier *sub)
{
	list_del(&sub->list);
}

/* The subscription's sequence now; it changes when an invalidation hits it. */
unsigned long mmu_interval_read_begin(struct mmu_interval_notifier *sub)
{
	BUG_ON(sub->mm->notifier_seq & 1);	/* no reader runs inside an invalidation */
	return sub->invalidate_seq;
}

bool mmu_interval_read_retry(struct mmu_interval_notifier *sub, unsigned long seq)
{
	return sub->invalidate_seq != seq;
}

void mmu_notifier_range_init(struct mmu_notifier_range *range, enum mmu_notifier_event event,
			     struct mm_struct *mm, unsigned long start, unsigned long end)
{
	range->mm = mm;
	range->start = start;
	range->end = end;
	range->event = event;
	range->owner = NULL;
}

void mmu_notifier_invalidate_range_start(struct mmu_notifier_range *range)
{
	struct mm_struct *mm = range->mm;
	struct mmu_interval_notifier *sub;

	mm->notifier_seq |= 1;
	list_for_each_entry(sub, &mm->notifier_subscriptions, list)
		if (sub->start < range->end && range->start <= sub->last)
			sub->ops->invalidate(sub, range, mm->notifier_seq);
}

void mmu_notifier_invalidate_range_end(struct mmu_notifier_range *range)
{
	range->mm->notifier_seq++;		/* odd -> even */
}

void mmu_notifier_invalidate(struct mm_struct *mm, enum mmu_notifier_event event,
			     unsigned long start, unsigned long end, void *owner)
{
	struct mmu_notifier_range range;

	if (list_empty(&mm->notifier_subscriptions))
		return;
	mmu_notifier_range_init(&range, event, mm, start, end);
	range.owner = owner;
	mmu_notifier_invalidate_range_start(&range);
	mmu_notifier_invalidate_range_end(&range);
}
