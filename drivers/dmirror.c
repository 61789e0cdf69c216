/*
 * drivers/dmirror.c - a simulated device with its own memory (like Linux's
 * lib/test_hmm.c "dmirror"): its memory, its page table, its ioctls.
 *
 * Each device owns a block of RAM reserved at boot and turned into
 * device-private struct pages (memremap_pages).  The device hands out 4 KiB
 * and 2 MiB folios from its own buddy allocator - the same code as the
 * kernel's, over its own zone - so 4 KiB pages freed one by one after a
 * split merge back into 2 MiB blocks (Linux's dmirror keeps two free lists
 * and never re-merges).  The data of a device page is in that RAM; only
 * the driver's copy routine (its pretend DMA engine) ever touches it.
 *
 * Migration lives in dmirror_migrate.c, the device page table in
 * dmirror_pt.c.
 */
#include "dmirror_internal.h"
#include <mm/memblock.h>
#include <mm/mm_init.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include <kernel/sched.h>
#include <kernel/param.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/errno.h>

#define DMIRROR_DEFAULT_SIZE	(64UL << 20)
#define DMIRROR_ALIGN		(4UL << 20)	/* whole MAX_PAGE_ORDER blocks */

static struct dmirror_device devices[DMIRROR_NDEVICES];
static unsigned long dmirror_size = DMIRROR_DEFAULT_SIZE;
static phys_addr_t dmirror_base[DMIRROR_NDEVICES];

static int __init set_dmirror_size(char *val)
{
	char *end;
	unsigned long size = val ? memparse(val, &end) : 0;

	if (!val || *end || size < DMIRROR_ALIGN)
		return -EINVAL;
	dmirror_size = ALIGN(size, DMIRROR_ALIGN);
	return 0;
}
__setup("dmirror.size", set_dmirror_size);

void dmirror_reserve_memory(void)
{
	for (int i = 0; i < DMIRROR_NDEVICES; i++) {
		dmirror_base[i] = memblock_phys_alloc(dmirror_size, DMIRROR_ALIGN);
		if (!dmirror_base[i])
			pr_warn("dmirror%d: no %lu MiB of RAM to reserve\n", i, dmirror_size >> 20);
	}
}

struct dmirror *dmirror_of(struct dmirror_device *mdevice, struct mm_struct *mm)
{
	struct dmirror *dmirror;

	list_for_each_entry(dmirror, &mdevice->mirrors, list)
		if (dmirror->mm == mm)
			return dmirror;
	return NULL;
}

/*
 * A device folio's last reference went: every mirror forgets the pages
 * (the device must never read freed memory), and they go back to the
 * device's free lists.
 */
static void dmirror_devmem_free(struct folio *folio)
{
	struct dmirror_device *mdevice = container_of(page_pgmap(&folio->page),
						      struct dmirror_device, pagemap);
	unsigned long nr = folio_nr_pages(folio), pfn = folio_pfn(folio);
	struct dmirror *dmirror;

	list_for_each_entry(dmirror, &mdevice->mirrors, list) {
		for (unsigned long i = 0; i < nr; i++) {
			/* the offset is the address unless mremap moved the VMA:
			 * then the notifier erased the entries already */
			unsigned long vpn = folio->index + i;
			u64 e = dpt_lookup(&dmirror->pt, vpn);

			if ((e & DPT_VALID) && (e >> PAGE_SHIFT) == pfn + i)
				dpt_erase(&dmirror->pt, vpn);
		}
	}
	mdevice->cfree += nr;
	zone_free_pages(&mdevice->zone, &folio->page, folio_order(folio));
}

/* The core split one of our folios; our records are per page, so just count. */
static void dmirror_devmem_folio_split(struct folio *head, struct folio *tail)
{
	struct dmirror_device *mdevice = container_of(page_pgmap(&head->page),
						      struct dmirror_device, pagemap);

	if (!tail)
		mdevice->folio_splits++;
}

static const struct dev_pagemap_ops dmirror_devmem_ops = {
	.folio_free = dmirror_devmem_free,
	.migrate_to_ram = dmirror_devmem_fault,
	.folio_split = dmirror_devmem_folio_split,
};

int dmirror_init(void)
{
	for (unsigned int i = 0; i < DMIRROR_NDEVICES; i++) {
		struct dmirror_device *mdevice = &devices[i];
		unsigned long start = PFN_DOWN(dmirror_base[i]);
		void *va;

		if (!dmirror_base[i])
			continue;
		mdevice->minor = i;
		INIT_LIST_HEAD(&mdevice->mirrors);
		mdevice->pagemap.type = MEMORY_DEVICE_PRIVATE;
		mdevice->pagemap.range.start = dmirror_base[i];
		mdevice->pagemap.range.end = dmirror_base[i] + dmirror_size - 1;
		mdevice->pagemap.nr_range = 1;
		mdevice->pagemap.ops = &dmirror_devmem_ops;
		mdevice->pagemap.owner = mdevice;
		va = memremap_pages(&mdevice->pagemap, 0);
		if (IS_ERR(va))
			return (int)PTR_ERR(va);
		zone_init(&mdevice->zone, i ? "Device1" : "Device0", ZONE_DEVICE, start,
			  PFN_DOWN(dmirror_size));
		free_pfn_range_to_zone(&mdevice->zone, start, start + PFN_DOWN(dmirror_size));
		pr_info("dmirror%u: %lu MiB of device-private memory at [%#lx-%#lx]\n", i,
			dmirror_size >> 20, (unsigned long)dmirror_base[i],
			(unsigned long)mdevice->pagemap.range.end);
	}
	return 0;
}

static bool fail_huge(struct dmirror_device *mdevice)
{
	return mdevice->fail_huge_percent &&
	       prandom_u32_below(&mdevice->fail_rnd, 100) < mdevice->fail_huge_percent;
}

struct page *dmirror_devmem_alloc_page(struct dmirror *dmirror, bool is_large)
{
	struct dmirror_device *mdevice = dmirror->mdevice;
	unsigned int order = is_large ? HPAGE_PMD_ORDER : 0;
	struct page *page;

	if (is_large && fail_huge(mdevice))
		return NULL;
	page = zone_alloc_pages(&mdevice->zone, __GFP_NOWARN, order);
	if (!page)
		return NULL;
	/* Our free memory is kept by a buddy allocator, which hands out one
	 * reference; Linux's device pages are free at refcount 0. */
	set_page_count(page, 0);
	zone_device_folio_init(page_folio(page), order);	/* refcount 1, locked */
	mdevice->calloc += 1UL << order;
	return page;
}

void dmirror_set_fail_huge(unsigned int minor, unsigned int percent, u64 seed)
{
	if (minor >= DMIRROR_NDEVICES)
		return;
	devices[minor].fail_huge_percent = percent > 100 ? 100 : percent;
	prandom_seed_state(&devices[minor].fail_rnd, seed);
}

unsigned long dmirror_device_free_pages(unsigned int minor)
{
	return minor < DMIRROR_NDEVICES ? devices[minor].zone.free_pages : 0;
}

static bool dmirror_device_present(unsigned int minor)
{
	return minor < DMIRROR_NDEVICES && devices[minor].pagemap.ops;
}

int dmirror_device_stats(unsigned int minor, struct dmirror_device_stats *s)
{
	struct dmirror_device *mdevice;

	if (minor >= DMIRROR_NDEVICES)
		return -EINVAL;
	if (!dmirror_device_present(minor))
		return -ENODEV;			/* its memory could not be reserved */
	if (!s)
		return -EINVAL;
	mdevice = &devices[minor];
	memset(s, 0, sizeof(*s));
	s->nr_pages = mdevice->zone.spanned_pages;
	s->free_pages = mdevice->zone.free_pages;
	for (int o = HPAGE_PMD_ORDER; o < NR_PAGE_ORDERS; o++)
		s->free_huge += mdevice->zone.free_area[o].nr_free << (o - HPAGE_PMD_ORDER);
	s->calloc = mdevice->calloc;
	s->cfree = mdevice->cfree;
	s->folio_splits = mdevice->folio_splits;
	memcpy(s->migrate_cycles, mdevice->migrate_cycles, sizeof(s->migrate_cycles));
	return 0;
}

/*
 * One struct dmirror per open, bound to current->mm (Linux:
 * dmirror_fops_open, one per open file, in filp->private_data).
 */
struct dmirror *dmirror_open(unsigned int minor)
{
	struct dmirror *dmirror;

	if (!dmirror_device_present(minor) || !current->mm)
		return NULL;
	dmirror = kzalloc(sizeof(*dmirror), GFP_KERNEL);
	if (!dmirror)
		return NULL;
	dmirror->mdevice = &devices[minor];
	dmirror->mm = current->mm;
	if (mmu_interval_notifier_insert(&dmirror->notifier, dmirror->mm, 0, TASK_SIZE_MAX,
					 &dmirror_notifier_ops)) {
		kfree(dmirror);
		return NULL;
	}
	mmget(dmirror->mm);
	list_add(&dmirror->list, &devices[minor].mirrors);
	return dmirror;
}

/*
 * Is this a handle dmirror_open() returned and dmirror_close() has not
 * freed yet?  Only addresses are compared, so a stale handle is never
 * read.  (With /dev/hmm_dmirrorN files the VFS makes misuse impossible: a
 * closed fd finds no file, and an open file's private_data is its mirror.)
 */
static bool dmirror_is_open(const struct dmirror *dmirror)
{
	for (unsigned int i = 0; i < DMIRROR_NDEVICES; i++) {
		const struct dmirror *d;

		if (!dmirror_device_present(i))
			continue;
		list_for_each_entry(d, &devices[i].mirrors, list)
			if (d == dmirror)
				return true;
	}
	return false;
}

/* A stale handle: name who used it, and fail as a closed fd does. */
static int dmirror_bad_handle(const char *what, const struct dmirror *dmirror, void *caller)
{
	pr_warn("WARNING: %s(%px): not an open dmirror (closed already?), called from %pB\n",
		what, dmirror, caller);
	return -EBADF;
}

/* Linux: dmirror_fops_release.  NULL is ignored, like kfree(NULL). */
int dmirror_close(struct dmirror *dmirror)
{
	if (!dmirror)
		return 0;
	if (!dmirror_is_open(dmirror))
		return dmirror_bad_handle(__func__, dmirror, __builtin_return_address(0));
	list_del(&dmirror->list);
	mmu_interval_notifier_remove(&dmirror->notifier);
	dpt_destroy(&dmirror->pt);
	mmput(dmirror->mm);
	kfree(dmirror);
	return 0;
}

/*
 * Linux's prelude, for every command (dmirror_fops_unlocked_ioctl): addr
 * page aligned, and addr + npages pages above addr - so no empty range and
 * no wrap.  The range may lie beyond user space: the command then finds no
 * VMA there, as in Linux.  mmlab also refuses an npages whose byte count
 * wraps (Linux goes on with the wrapped, smaller size).
 */
static int dmirror_check_cmd(const struct hmm_dmirror_cmd *cmd)
{
	if (cmd->addr & ~PAGE_MASK)
		return -EINVAL;
	if (cmd->npages > (~0ULL >> PAGE_SHIFT))
		return -EINVAL;
	if (cmd->addr >= cmd->addr + (cmd->npages << PAGE_SHIFT))
		return -EINVAL;
	return 0;
}

/* Linux: dmirror_fops_unlocked_ioctl. */
long dmirror_ioctl(struct dmirror *dmirror, unsigned int cmd, struct hmm_dmirror_cmd *arg)
{
	int ret;

	if (!dmirror)
		return -EINVAL;
	if (!dmirror_is_open(dmirror))
		return dmirror_bad_handle(__func__, dmirror, __builtin_return_address(0));
	if (!arg)
		return -EFAULT;			/* Linux: copy_from_user() of the struct */
	ret = dmirror_check_cmd(arg);
	if (ret)
		return ret;
	arg->cpages = 0;
	arg->faults = 0;
	switch (cmd) {
	case HMM_DMIRROR_FLAGS:
		dmirror->flags = arg->npages;
		return 0;
	case HMM_DMIRROR_RELEASE:
		return dmirror_device_remove_chunks(dmirror->mdevice);
	case HMM_DMIRROR_READ:
		return dmirror_read(dmirror, arg);
	case HMM_DMIRROR_WRITE:
		return dmirror_write(dmirror, arg);
	case HMM_DMIRROR_SNAPSHOT:
		return dmirror_snapshot(dmirror, arg);
	case HMM_DMIRROR_MIGRATE_TO_DEV:
		return dmirror_migrate_to_device(dmirror, arg);
	case HMM_DMIRROR_MIGRATE_TO_SYS:
		return dmirror_migrate_to_system(dmirror, arg);
	default:
		return -EINVAL;		/* EXCLUSIVE, CHECK_EXCLUSIVE too: not modelled */
	}
}
