/*
 * tests/hmm_check.h - the fixture of the hmm-tests ports.
 *
 * Like tools/testing/selftests/mm/hmm-tests.c: each case gets a fresh
 * address space (its "process") with device 0 opened on it, and buffers
 * made of an mmap'ed range (ptr) and a mirror buffer the device copies
 * into.  On top of Linux's checks, the fixture proves nothing leaked:
 * system free pages and device free pages return to where they started.
 */
#ifndef _TESTS_HMM_CHECK_H
#define _TESTS_HMM_CHECK_H

#include "mm_check.h"
#include <drivers/dmirror.h>
#include <mm/slab.h>
#include <mm/memremap.h>
#include <mm/swapops.h>
#include <mm/mmu_notifier.h>

#define ONEMEG		(1UL << 20)
#define TWOMEG		(1UL << 21)
#define HMM_BUFFER_SIZE	(1024UL << 12)		/* 4 MiB, 1024 pages */

struct hmm_ctx {
	struct vm_case vm;
	struct dmirror *dmirror;
	unsigned long dev_free[DMIRROR_NDEVICES];
	unsigned long slab_live;
};

struct hmm_buffer {
	void *ptr;		/* the mapping */
	void *mirror;		/* what the device reads into */
	unsigned long size;
	unsigned long mirror_size;
	u64 cpages;		/* from the last command */
	u64 faults;
};

static inline int hmm_init(struct kunit *test)
{
	static struct hmm_ctx ctx;
	int err;

	for (int i = 0; i < DMIRROR_NDEVICES; i++)
		ctx.dev_free[i] = dmirror_device_free_pages(i);
	ctx.slab_live = kmalloc_live_objects();
	err = vm_case_init(test);
	if (err)
		return err;
	ctx.vm = *(struct vm_case *)test->priv;
	ctx.dmirror = dmirror_open(0);
	if (!ctx.dmirror)
		return -ENODEV;
	test->priv = &ctx;
	return 0;
}

static inline void hmm_exit(struct kunit *test)
{
	struct hmm_ctx *ctx = test->priv;

	dmirror_close(ctx->dmirror);
	test->priv = &ctx->vm;
	vm_case_exit(test);		/* system pages all back */
	for (int i = 0; i < DMIRROR_NDEVICES; i++)
		KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(i), ctx->dev_free[i]);
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), ctx->slab_live);
}

static inline struct hmm_ctx *hmm_ctx(struct kunit *test)
{
	return test->priv;
}

static inline struct mm_struct *hmm_mm(struct kunit *test)
{
	return hmm_ctx(test)->vm.mm;
}

static inline long hmm_dmirror_cmd(struct dmirror *dmirror, unsigned int request,
				   struct hmm_buffer *buffer, unsigned long npages)
{
	struct hmm_dmirror_cmd cmd = {
		.addr = (u64)buffer->ptr,
		.ptr = (u64)buffer->mirror,
		.npages = npages,
	};
	long ret = dmirror_ioctl(dmirror, request, &cmd);

	buffer->cpages = cmd.cpages;
	buffer->faults = cmd.faults;
	return ret;
}

/* The same command on npages at addr instead of at buffer->ptr. */
static inline long hmm_dmirror_cmd_at(struct dmirror *dmirror, unsigned int request,
				      struct hmm_buffer *buffer, void *addr, unsigned long npages)
{
	void *old = buffer->ptr;
	long ret;

	buffer->ptr = addr;
	ret = hmm_dmirror_cmd(dmirror, request, buffer, npages);
	buffer->ptr = old;
	return ret;
}

/* The SNAPSHOT byte the device reports for the page at addr; 0xee on error. */
static inline u8 hmm_snapshot(struct dmirror *dmirror, const void *addr)
{
	u8 byte;
	struct hmm_dmirror_cmd cmd = { .addr = (u64)addr, .ptr = (u64)&byte, .npages = 1 };

	return dmirror_ioctl(dmirror, HMM_DMIRROR_SNAPSHOT, &cmd) ? 0xee : byte;
}

static inline long hmm_flags(struct dmirror *dmirror, u64 flags)
{
	struct hmm_dmirror_cmd cmd = { .npages = flags };

	return dmirror_ioctl(dmirror, HMM_DMIRROR_FLAGS, &cmd);
}

static inline void *map_anon(unsigned long size, unsigned long prot)
{
	unsigned long addr = vm_mmap(NULL, 0, size, prot, MAP_PRIVATE | MAP_ANONYMOUS, 0);

	return IS_ERR_VALUE(addr) ? NULL : (void *)addr;
}

/*
 * mmap(NULL, size, prot, MAP_PRIVATE | MAP_ANONYMOUS) and a mirror buffer:
 * kmalloc'ed up to 4 MiB (the largest block the allocator has), beyond that
 * an anonymous mapping of the same mm, which the kernel reaches as easily.
 */
static inline bool hmm_buffer_alloc(struct hmm_buffer *b, unsigned long size,
				    unsigned long prot, unsigned long mirror_size)
{
	b->size = size;
	b->mirror_size = mirror_size;
	b->ptr = map_anon(size, prot);
	b->mirror = mirror_size <= (PAGE_SIZE << MAX_PAGE_ORDER) ?
		    kmalloc(mirror_size, GFP_KERNEL) :
		    map_anon(mirror_size, PROT_READ | PROT_WRITE);
	return b->ptr && b->mirror;
}

static inline void hmm_buffer_free(struct hmm_buffer *b)
{
	if (b->ptr)
		vm_munmap((unsigned long)b->ptr, b->size);
	if (b->mirror_size > (PAGE_SIZE << MAX_PAGE_ORDER))
		vm_munmap((unsigned long)b->mirror, b->mirror_size);
	else
		kfree(b->mirror);
	b->ptr = b->mirror = NULL;
}

/* Index of the first int of p[0..n) that is not i (or not value), or n. */
static inline unsigned long first_not_index(const int *p, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != (int)i)
			return i;
	return n;
}

static inline unsigned long first_not_value(const int *p, unsigned long n, int value)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != value)
			return i;
	return n;
}

static inline void fill_index(int *p, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		p[i] = (int)i;
}

/*
 * An aligned window of `size` (a multiple of 2 MiB) inside a fresh
 * read-write mapping b (with a mirror of `size`), filled with ints
 * 0, 1, 2, ...; untouched THP policy, so each 2 MiB is a THP.
 */
static inline int *hmm_filled_window(struct kunit *test, struct hmm_buffer *b,
				     unsigned long size)
{
	unsigned long map;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(b, size + TWOMEG, PROT_READ | PROT_WRITE, size));
	map = ALIGN((unsigned long)b->ptr, TWOMEG);
	fill_index((int *)map, size / sizeof(int));
	return (int *)map;
}

/* An interval notifier that only records invalidations, for calling hmm_range_fault(). */
static inline bool hmm_test_invalidate(struct mmu_interval_notifier *sub,
				       const struct mmu_notifier_range *range,
				       unsigned long cur_seq)
{
	mmu_interval_set_seq(sub, cur_seq);
	return true;
}

static const struct mmu_interval_notifier_ops hmm_test_notifier_ops = {
	.invalidate = hmm_test_invalidate,
};

/* What maps addr: for checks of PMD vs PTE and device vs RAM. */
static inline struct mm_mapping hmm_mapping(struct kunit *test, void *addr)
{
	struct mm_mapping m;

	mm_find_mapping(hmm_mm(test), (unsigned long)addr, &m);
	return m;
}

#endif
