/*
 * drivers/dmirror_migrate.c - how dmirror drives migrate_vma, both ways.
 *
 * To the device (HMM_DMIRROR_MIGRATE_TO_DEV), in 2 MiB chunks clipped to
 * the VMA: migrate_vma_setup(SELECT_SYSTEM | SELECT_COMPOUND), allocate a
 * device folio per entry - 2 MiB for a COMPOUND entry, or 512 x 4 KiB when
 * the device has no 2 MiB block (or FAIL_ALLOC says so), which makes the
 * core split the source THP - copy, migrate_vma_pages(), record the pages
 * in the device page table, migrate_vma_finalize().
 *
 * Back to RAM (MIGRATE_TO_SYS, RELEASE and CPU faults): the same with
 * SELECT_DEVICE_PRIVATE; a CPU fault through a PMD (vmf->pte == NULL)
 * moves the whole 2 MiB, through a PTE just the 4 KiB page.
 * Linux: lib/test_hmm.c (dmirror_migrate_alloc_and_copy,
 * dmirror_devmem_fault_alloc_and_copy, dmirror_devmem_fault).
 */
#include "dmirror_internal.h"
#include <mm/huge_mm.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/time.h>

#define CHUNK_PAGES	HPAGE_PMD_NR	/* migrate 2 MiB at a time, as dmirror does */

/* The "DMA engine": copy a page, or zero the destination for a hole. */
static void dma_copy_page(struct page *dst, struct page *src)
{
	if (src)
		copy_page(page_address(dst), page_address(src));
	else
		clear_page(page_address(dst));
}

static bool take_fail_alloc(struct dmirror *dmirror)
{
	if (!dmirror || !(dmirror->flags & HMM_DMIRROR_FLAG_FAIL_ALLOC))
		return false;
	dmirror->flags &= ~HMM_DMIRROR_FLAG_FAIL_ALLOC;		/* one-shot */
	return true;
}

/* System -> device: one destination per src entry, 2 MiB or 512 x 4 KiB. */
static void dmirror_migrate_alloc_and_copy(struct migrate_vma *args, struct dmirror *dmirror)
{
	unsigned long nr;

	for (unsigned long i = 0; i < args->npages; i += nr) {
		unsigned long src = args->src[i];
		struct page *spage = migrate_pfn_to_page(src);
		bool compound = src & MIGRATE_PFN_COMPOUND;
		unsigned long write = src & MIGRATE_PFN_WRITE;
		struct page *dpage;
		struct folio *dfolio;

		nr = 1;
		if (!(src & MIGRATE_PFN_MIGRATE))
			continue;
		if (spage && is_zone_device_page(spage))
			continue;		/* already device memory */
		if (compound)
			nr = min_t(unsigned long, HPAGE_PMD_NR, args->npages - i);
		dpage = take_fail_alloc(dmirror) ? NULL :
			dmirror_devmem_alloc_page(dmirror, compound);
		dfolio = dpage ? page_folio(dpage) : NULL;
		if (dfolio) {
			args->dst[i] = migrate_pfn(folio_pfn(dfolio)) | write |
				       (compound ? MIGRATE_PFN_COMPOUND : 0);
			for (unsigned long j = 0; j < nr; j++)
				dma_copy_page(folio_page(dfolio, j), spage ? spage + j : NULL);
			continue;
		}
		/* No 2 MiB on the device: 512 small pages (the core splits the source). */
		for (unsigned long j = 0; compound && j < nr; j++) {
			struct page *small = dmirror_devmem_alloc_page(dmirror, false);

			if (!small)
				break;		/* device full: the rest stays in RAM */
			args->dst[i + j] = migrate_pfn(page_to_pfn(small)) | write;
			dma_copy_page(small, spage ? spage + j : NULL);
		}
	}
}

/* Records the pages that now live on the device in its page table. */
static void dmirror_migrate_finalize_and_map(struct migrate_vma *args, struct dmirror *dmirror)
{
	for (unsigned long i = 0; i < args->npages; i++) {
		unsigned long dst = args->dst[i];
		unsigned long nr = (dst & MIGRATE_PFN_COMPOUND) ? HPAGE_PMD_NR : 1;
		struct page *dpage = migrate_pfn_to_page(dst);

		if (!dpage || !(args->src[i] & MIGRATE_PFN_MIGRATE))
			continue;
		/* If the table cannot grow, the page is on the device but not
		 * mirrored: the read-back then reports it (-ENOENT). */
		for (unsigned long k = 0; k < nr; k++)
			dpt_store(&dmirror->pt, (args->start >> PAGE_SHIFT) + i + k,
				  PFN_PHYS(page_to_pfn(dpage) + k) |
				  ((dst & MIGRATE_PFN_WRITE) ? DPT_WRITE : 0));
	}
}

/* Device -> system: allocate RAM, copy back, forget the device mapping. */
static vm_fault_t dmirror_devmem_fault_alloc_and_copy(struct migrate_vma *args,
						      struct dmirror *dmirror)
{
	unsigned long nr;

	for (unsigned long i = 0; i < args->npages; i += nr) {
		struct page *spage = migrate_pfn_to_page(args->src[i]);
		unsigned int order;
		struct folio *dfolio = NULL;

		nr = 1;
		if (!spage || !(args->src[i] & MIGRATE_PFN_MIGRATE))
			continue;
		order = folio_order(page_folio(spage));
		nr = 1UL << order;
		args->dst[i] = (args->src[i] & MIGRATE_PFN_WRITE) |
			       (order ? MIGRATE_PFN_COMPOUND : 0);
		if (!take_fail_alloc(dmirror))
			dfolio = order ? folio_alloc(GFP_TRANSHUGE, order) :
				 folio_alloc(__GFP_NOWARN, 0);
		if (!dfolio) {
			if (!order)
				return VM_FAULT_OOM;
			args->dst[i] &= ~MIGRATE_PFN_COMPOUND;	/* 512 small pages then */
		} else {
			folio_lock(dfolio);
			args->dst[i] |= migrate_pfn(folio_pfn(dfolio));
		}
		for (unsigned long j = 0; j < nr; j++) {
			struct page *dpage = dfolio ? folio_page(dfolio, j) : NULL;

			if (!dpage) {
				struct folio *small = folio_alloc(__GFP_NOWARN, 0);

				if (!small)
					return VM_FAULT_OOM;	/* the rest stays on the device */
				folio_lock(small);
				dpage = &small->page;
				args->dst[i + j] = migrate_pfn(page_to_pfn(dpage)) |
						   (args->src[i] & MIGRATE_PFN_WRITE);
			}
			dma_copy_page(dpage, spage + j);
			if (dmirror)
				dpt_erase(&dmirror->pt, (args->start >> PAGE_SHIFT) + i + j);
		}
	}
	return 0;
}

static unsigned long successful_migrated_pages(struct migrate_vma *args)
{
	unsigned long cpages = 0;

	for (unsigned long i = 0; i < args->npages; i++)
		if ((args->src[i] & MIGRATE_PFN_VALID) && (args->src[i] & MIGRATE_PFN_MIGRATE))
			cpages++;
	return cpages;
}

/* Adds the cycles since *t to a phase of the ioctl (make bench) and restarts *t. */
static void mig_clock(struct dmirror *dmirror, enum dmirror_migrate_phase phase, u64 *t)
{
	u64 now = rdtsc_ordered();

	dmirror->mdevice->migrate_cycles[phase] += now - *t;
	*t = now;
}

typedef int (*chunk_fn)(struct dmirror *dmirror, struct migrate_vma *args, u64 *cpages);

/* Runs fn over [start, end) in 2 MiB chunks clipped to each VMA. */
static int for_each_chunk(struct dmirror *dmirror, unsigned long start, unsigned long end,
			  unsigned long flags, chunk_fn fn, u64 *cpages)
{
	unsigned long *src = kcalloc(CHUNK_PAGES, sizeof(*src), GFP_KERNEL);
	unsigned long *dst = kcalloc(CHUNK_PAGES, sizeof(*dst), GFP_KERNEL);
	unsigned long addr, next;
	int ret = 0;

	if (!src || !dst) {
		ret = -ENOMEM;
		goto out;
	}
	for (addr = start; addr < end && !ret; addr = next) {
		struct vm_area_struct *vma = vma_lookup(dmirror->mm, addr);
		struct migrate_vma args = {
			.src = src, .dst = dst, .pgmap_owner = dmirror->mdevice, .flags = flags,
		};
		u64 t;

		if (!vma || !(vma->vm_flags & VM_READ)) {
			ret = -EINVAL;
			break;
		}
		next = min(end, min(addr + (CHUNK_PAGES << PAGE_SHIFT), vma->vm_end));
		args.vma = vma;
		args.start = addr;
		args.end = next;
		dmirror->migrating = true;
		t = rdtsc_ordered();
		ret = migrate_vma_setup(&args);
		mig_clock(dmirror, DMIRROR_MIG_SETUP, &t);
		if (!ret)
			ret = fn(dmirror, &args, cpages);
		dmirror->migrating = false;
	}
out:
	kfree(src);
	kfree(dst);
	return ret;
}

static int to_device_chunk(struct dmirror *dmirror, struct migrate_vma *args, u64 *cpages)
{
	u64 t = rdtsc_ordered();

	dmirror_migrate_alloc_and_copy(args, dmirror);
	mig_clock(dmirror, DMIRROR_MIG_COPY, &t);
	migrate_vma_pages(args);
	mig_clock(dmirror, DMIRROR_MIG_PAGES, &t);
	dmirror_migrate_finalize_and_map(args, dmirror);
	migrate_vma_finalize(args);
	mig_clock(dmirror, DMIRROR_MIG_FINALIZE, &t);
	return 0;
}

static int to_system_chunk(struct dmirror *dmirror, struct migrate_vma *args, u64 *cpages)
{
	u64 t = rdtsc_ordered();
	vm_fault_t ret = dmirror_devmem_fault_alloc_and_copy(args, dmirror);

	mig_clock(dmirror, DMIRROR_MIG_COPY, &t);
	migrate_vma_pages(args);
	mig_clock(dmirror, DMIRROR_MIG_PAGES, &t);
	*cpages += successful_migrated_pages(args);
	migrate_vma_finalize(args);
	mig_clock(dmirror, DMIRROR_MIG_FINALIZE, &t);
	return ret ? -ENOMEM : 0;
}

int dmirror_migrate_to_device(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd)
{
	unsigned long start = cmd->addr, end = start + (cmd->npages << PAGE_SHIFT);
	u64 unused = 0, t;
	int ret;

	ret = for_each_chunk(dmirror, start, end,
			     MIGRATE_VMA_SELECT_SYSTEM | MIGRATE_VMA_SELECT_COMPOUND,
			     to_device_chunk, &unused);
	if (ret)
		return ret;
	/* Hand back the range as the device sees it; a page not there: -ENOENT. */
	t = rdtsc_ordered();
	ret = dmirror_read_device(dmirror, cmd);
	mig_clock(dmirror, DMIRROR_MIG_READBACK, &t);
	return ret;
}

int dmirror_migrate_to_system(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd)
{
	unsigned long start = cmd->addr, end = start + (cmd->npages << PAGE_SHIFT);

	cmd->cpages = 0;
	return for_each_chunk(dmirror, start, end,
			      MIGRATE_VMA_SELECT_DEVICE_PRIVATE | MIGRATE_VMA_SELECT_COMPOUND,
			      to_system_chunk, &cmd->cpages);
}

#define EVICT_PAGES	(2UL * HPAGE_PMD_NR)	/* 4 MiB (DMIRROR_ALIGN) at a time */

/* RAM for one device folio being evicted, copied; false if there is none. */
static bool dmirror_evict_copy(unsigned long *src, unsigned long *dst)
{
	struct folio *sfolio = page_folio(migrate_pfn_to_page(*src));
	unsigned int order = folio_order(sfolio);
	struct folio *dfolio = order ? folio_alloc(GFP_TRANSHUGE, order) :
			       folio_alloc(__GFP_NOWARN, 0);

	if (!dfolio)	/* Linux does not handle it either: no split without a VMA */
		return false;
	folio_lock(dfolio);
	*dst = migrate_pfn(folio_pfn(dfolio)) | (*src & MIGRATE_PFN_WRITE) |
	       (order ? MIGRATE_PFN_COMPOUND : 0);
	for (unsigned long k = 0; k < (1UL << order); k++)
		dma_copy_page(folio_page(dfolio, k), folio_page(sfolio, k));
	return true;
}

/*
 * Every page of the device that is in use goes back to RAM, whatever mm
 * maps it and whatever its protection: the driver knows its pfns, not the
 * addresses, so it uses migrate_device_range() (Linux:
 * dmirror_device_evict_chunk).  2 MiB device folios are 2 MiB aligned, so
 * windows of whole 2 MiB blocks never cut one.  -ENOMEM if RAM ran out
 * (what could not move stays on the device, mapped and intact).
 */
static int dmirror_device_evict_chunk(struct dmirror_device *mdevice, unsigned long *src,
				      unsigned long *dst, unsigned long start_pfn)
{
	int ret = 0;

	memset(dst, 0, EVICT_PAGES * sizeof(*dst));
	migrate_device_range(src, start_pfn, EVICT_PAGES);
	for (unsigned long i = 0; i < EVICT_PAGES; i++) {
		if (!migrate_pfn_to_page(src[i]) || !(src[i] & MIGRATE_PFN_MIGRATE))
			continue;
		VM_BUG_ON_PAGE(!is_device_private_page(migrate_pfn_to_page(src[i])),
			       migrate_pfn_to_page(src[i]));
		if (!dmirror_evict_copy(&src[i], &dst[i]))
			ret = -ENOMEM;
	}
	migrate_device_pages(src, dst, EVICT_PAGES);
	migrate_device_finalize(src, dst, EVICT_PAGES);
	return ret;
}

int dmirror_device_remove_chunks(struct dmirror_device *mdevice)
{
	unsigned long start = PFN_DOWN(mdevice->pagemap.range.start);
	unsigned long end = PFN_DOWN(mdevice->pagemap.range.end + 1);
	unsigned long *src = kcalloc(EVICT_PAGES, sizeof(*src), GFP_KERNEL);
	unsigned long *dst = kcalloc(EVICT_PAGES, sizeof(*dst), GFP_KERNEL);
	int ret = (src && dst) ? 0 : -ENOMEM;

	for (unsigned long pfn = start; pfn < end && src && dst; pfn += EVICT_PAGES)
		if (dmirror_device_evict_chunk(mdevice, src, dst, pfn))
			ret = -ENOMEM;
	kfree(src);
	kfree(dst);
	return ret;
}

/* Did the page the CPU touched move?  (A whole THP: its head's entry says.) */
static bool dmirror_fault_page_moved(struct migrate_vma *args, unsigned long addr)
{
	unsigned long i = (addr - args->start) >> PAGE_SHIFT;

	if (args->src[0] & MIGRATE_PFN_COMPOUND)
		i = 0;
	return args->src[i] & MIGRATE_PFN_MIGRATE;
}

/*
 * dev_pagemap_ops.migrate_to_ram: the CPU touched device memory.  If the
 * page could not move (someone holds a reference on it), Linux returns 0
 * and the CPU faults again until the holder lets go; with one thread that
 * never happens, so mmlab fails the access with VM_FAULT_SIGBUS instead.
 */
vm_fault_t dmirror_devmem_fault(struct vm_fault *vmf)
{
	struct folio *folio = page_folio(vmf->page);
	struct dmirror_device *mdevice = container_of(page_pgmap(vmf->page),
						      struct dmirror_device, pagemap);
	struct dmirror *dmirror = dmirror_of(mdevice, vmf->vma->vm_mm);
	/* Through a PTE: only this 4 KiB, even if the folio is still large. */
	unsigned int order = vmf->pte ? 0 : folio_order(folio);
	unsigned long nr = 1UL << order;
	unsigned long *src = kcalloc(nr, sizeof(*src), GFP_KERNEL);
	unsigned long *dst = kcalloc(nr, sizeof(*dst), GFP_KERNEL);
	struct migrate_vma args = {
		.vma = vmf->vma,
		.start = ALIGN_DOWN(vmf->real_address, PAGE_SIZE << order),
		.src = src,
		.dst = dst,
		.pgmap_owner = mdevice,
		.flags = MIGRATE_VMA_SELECT_DEVICE_PRIVATE |
			 (order ? MIGRATE_VMA_SELECT_COMPOUND : 0),
		.fault_page = vmf->page,
	};
	vm_fault_t ret = VM_FAULT_SIGBUS;

	args.end = args.start + (PAGE_SIZE << order);
	if (dmirror)
		dmirror->migrating = true;	/* it erases its entries itself */
	if (src && dst && !migrate_vma_setup(&args)) {
		ret = dmirror_devmem_fault_alloc_and_copy(&args, dmirror);
		migrate_vma_pages(&args);	/* what got a destination moves */
		if (!ret && !dmirror_fault_page_moved(&args, vmf->address))
			ret = VM_FAULT_SIGBUS;
		migrate_vma_finalize(&args);
	} else if (!src || !dst) {
		ret = VM_FAULT_OOM;
	}
	if (dmirror)
		dmirror->migrating = false;
	kfree(src);
	kfree(dst);
	return ret;
}
