/*
 * include/mm/mmu_notifier.h - telling a device that CPU page tables change.
 *
 * A device that mirrors an mm's page tables (it caches translations, like a
 * second MMU) registers an interval notifier on the range it mirrors.  Every
 * change to the CPU page tables in a registered range - unmap, MADV_DONTNEED,
 * a split, a migration, mremap - first calls the notifier's invalidate(),
 * which must drop the device's copies, with the event's kind (so a driver
 * can skip its own MMU_NOTIFY_MIGRATE events, as dmirror does).
 *
 * The mirror side uses a sequence count instead of locks against the
 * invalidations it races with:
 *
 *   seq = mmu_interval_read_begin(sub);
 *   ... hmm_range_fault() reads the CPU page tables ...
 *   if (mmu_interval_read_retry(sub, seq))  start again (something changed)
 *   ... else update the device page table ...
 *
 * Linux: include/linux/mmu_notifier.h, mm/mmu_notifier.c.
 */
#ifndef _MM_MMU_NOTIFIER_H
#define _MM_MMU_NOTIFIER_H

#include <mm/mm_types.h>

enum mmu_notifier_event {
	MMU_NOTIFY_UNMAP,		/* the range is going away (munmap, mremap) */
	MMU_NOTIFY_CLEAR,		/* pages are being freed or remapped (DONTNEED, split) */
	MMU_NOTIFY_PROTECTION_PAGE,	/* write access is being taken away (fork) */
	MMU_NOTIFY_MIGRATE,		/* migrate_vma is moving the pages (owner says who) */
	MMU_NOTIFY_RELEASE,		/* the mm is being destroyed */
};

struct mmu_notifier_range {
	struct mm_struct *mm;
	unsigned long start, end;
	enum mmu_notifier_event event;
	void *owner;			/* MMU_NOTIFY_MIGRATE: the migrating device */
};

struct mmu_interval_notifier;

struct mmu_interval_notifier_ops {
	/* Drop the device's mappings of range; call mmu_interval_set_seq(). */
	bool (*invalidate)(struct mmu_interval_notifier *sub,
			   const struct mmu_notifier_range *range, unsigned long cur_seq);
};

struct mmu_interval_notifier {
	unsigned long start, last;	/* the range, last byte included */
	const struct mmu_interval_notifier_ops *ops;
	struct mm_struct *mm;
	unsigned long invalidate_seq;
	struct list_head list;		/* in mm->notifier_subscriptions */
};

int mmu_interval_notifier_insert(struct mmu_interval_notifier *sub, struct mm_struct *mm,
				 unsigned long start, unsigned long length,
				 const struct mmu_interval_notifier_ops *ops);
void mmu_interval_notifier_remove(struct mmu_interval_notifier *sub);

unsigned long mmu_interval_read_begin(struct mmu_interval_notifier *sub);
bool mmu_interval_read_retry(struct mmu_interval_notifier *sub, unsigned long seq);
static inline void mmu_interval_set_seq(struct mmu_interval_notifier *sub, unsigned long cur_seq)
{
	sub->invalidate_seq = cur_seq;
}

void mmu_notifier_range_init(struct mmu_notifier_range *range, enum mmu_notifier_event event,
			     struct mm_struct *mm, unsigned long start, unsigned long end);
void mmu_notifier_invalidate_range_start(struct mmu_notifier_range *range);
void mmu_notifier_invalidate_range_end(struct mmu_notifier_range *range);

/* Shorthand: start and end an invalidation at once (one thread: nothing in between). */
void mmu_notifier_invalidate(struct mm_struct *mm, enum mmu_notifier_event event,
			     unsigned long start, unsigned long end, void *owner);

#endif
