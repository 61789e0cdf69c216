/*
 * tests/hmm_mirror_kunit.c - the device mirroring CPU memory: Linux's
 * hmm-tests anon_* cases, migrate_mixed and migrate_remap_fault, ported,
 * plus SNAPSHOT of every migration state, invalidation cases (after an
 * unmap or a split the device must not read stale data) and commands whose
 * buffer lies in the device memory they work on.
 */
#include "hmm_check.h"
#include <mm/hmm.h>
#include <mm/mmu_notifier.h>
#include <kernel/panic.h>

static struct dmirror *dev(struct kunit *test)
{
	return hmm_ctx(test)->dmirror;
}

#define NPAGES	(HMM_BUFFER_SIZE >> PAGE_SHIFT)
#define NINTS	(HMM_BUFFER_SIZE / sizeof(int))

static void rw_buffer(struct kunit *test, struct hmm_buffer *b, unsigned long prot)
{
	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(b, HMM_BUFFER_SIZE, prot, HMM_BUFFER_SIZE));
}

/* anon_read: the device reads system memory, zero pages included. */
static void anon_read(struct kunit *test)
{
	struct hmm_buffer b;
	int *ptr, *mirror;
	unsigned long i;

	rw_buffer(test, &b, PROT_READ | PROT_WRITE);
	ptr = b.ptr;
	for (i = 2 * PAGE_SIZE / sizeof(int); i < NINTS; i++)	/* first two pages: zero */
		ptr[i] = (int)i;
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)ptr, HMM_BUFFER_SIZE,
					  PROT_READ), 0);
	KUNIT_EXPECT_EQ(test, *(volatile int *)((char *)ptr + PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, NPAGES), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, NPAGES);
	KUNIT_EXPECT_EQ(test, b.faults, 1);
	mirror = b.mirror;
	KUNIT_EXPECT_EQ(test, first_not_value(mirror, 2 * PAGE_SIZE / sizeof(int), 0),
			2 * PAGE_SIZE / sizeof(int));
	for (i = 2 * PAGE_SIZE / sizeof(int); i < NINTS && mirror[i] == (int)i; i++)
		;
	KUNIT_EXPECT_EQ(test, i, NINTS);
	hmm_buffer_free(&b);
}

/* anon_read_prot: PROT_NONE memory cannot be read by the device either. */
static void anon_read_prot(struct kunit *test)
{
	struct hmm_buffer b;
	int *mirror;

	rw_buffer(test, &b, PROT_READ | PROT_WRITE);
	fill_index(b.ptr, NINTS);
	mirror = b.mirror;
	for (unsigned long i = 0; i < NINTS; i++)
		mirror[i] = -(int)i;
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)b.ptr, HMM_BUFFER_SIZE,
					  PROT_NONE), 0);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, b.ptr).protnone);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, NPAGES), -EFAULT);
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)b.ptr, HMM_BUFFER_SIZE,
					  PROT_READ), 0);
	KUNIT_EXPECT_EQ(test, first_not_index(b.ptr, NINTS), NINTS);
	for (unsigned long i = 0; i < NINTS; i++)
		if (mirror[i] != -(int)i) {
			KUNIT_FAIL(test, "the device wrote mirror[%lu]", i);
			break;
		}
	hmm_buffer_free(&b);
}

/* anon_write: the device writes system memory. */
static void anon_write(struct kunit *test)
{
	struct hmm_buffer b;

	rw_buffer(test, &b, PROT_READ | PROT_WRITE);
	fill_index(b.mirror, NINTS);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_WRITE, &b, NPAGES), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, NPAGES);
	KUNIT_EXPECT_EQ(test, b.faults, 1);
	KUNIT_EXPECT_EQ(test, first_not_index(b.ptr, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/* anon_write_prot: no writing a read-only mapping; after mprotect, yes. */
static void anon_write_prot(struct kunit *test)
{
	struct hmm_buffer b;

	rw_buffer(test, &b, PROT_READ);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, 1), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, 1);
	KUNIT_EXPECT_EQ(test, b.faults, 1);
	fill_index(b.mirror, NINTS);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_WRITE, &b, NPAGES), -EPERM);
	KUNIT_EXPECT_EQ(test, first_not_value(b.ptr, NINTS, 0), NINTS);
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)b.ptr, HMM_BUFFER_SIZE,
					  PROT_READ | PROT_WRITE), 0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_WRITE, &b, NPAGES), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, NPAGES);
	KUNIT_EXPECT_EQ(test, b.faults, 1);
	KUNIT_EXPECT_EQ(test, first_not_index(b.ptr, NINTS), NINTS);
	hmm_buffer_free(&b);
}

/* anon_write_huge: the device writes into a system THP in one fault round. */
static void anon_write_huge(struct kunit *test)
{
	struct hmm_buffer b;
	unsigned long map;
	void *old;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, 2 * TWOMEG, PROT_READ | PROT_WRITE, TWOMEG));
	map = ALIGN((unsigned long)b.ptr, TWOMEG);
	KUNIT_EXPECT_EQ(test, do_madvise(hmm_mm(test), map, TWOMEG, MADV_HUGEPAGE), 0);
	old = b.ptr;
	b.ptr = (void *)map;
	fill_index(b.mirror, TWOMEG / sizeof(int));
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_WRITE, &b, TWOMEG >> PAGE_SHIFT), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, TWOMEG >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, b.faults, 1);
	KUNIT_EXPECT_EQ(test, first_not_index((int *)map, TWOMEG / sizeof(int)), TWOMEG / sizeof(int));
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, (void *)map).level, MAPPING_PMD);	/* still a THP */
	b.ptr = old;
	hmm_buffer_free(&b);
}

/* anon_read_multiple: ten fresh buffers read by the device. */
static void anon_read_multiple(struct kunit *test)
{
	for (int c = 0; c < 10; c++) {
		struct hmm_buffer b;
		int *ptr, *mirror;

		rw_buffer(test, &b, PROT_READ | PROT_WRITE);
		ptr = b.ptr;
		mirror = b.mirror;
		for (unsigned long i = 0; i < NINTS; i++)
			ptr[i] = (int)i + c;
		KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, NPAGES), 0);
		KUNIT_EXPECT_EQ(test, b.cpages, NPAGES);
		KUNIT_EXPECT_EQ(test, b.faults, 1);
		for (unsigned long i = 0; i < NINTS; i++)
			if (mirror[i] != (int)i + c) {
				KUNIT_FAIL(test, "round %d: mirror[%lu] = %d", c, i, mirror[i]);
				break;
			}
		hmm_buffer_free(&b);
	}
}

/*
 * anon_teardown: Linux unmaps from a second thread while the device reads.
 * With one thread, both orders: read then unmap, and unmap then read - the
 * second read must fail, never return what the device saw before.
 */
static void anon_teardown(struct kunit *test)
{
	for (int c = 0; c < 10; c++) {
		struct hmm_buffer b;
		int *ptr;

		rw_buffer(test, &b, PROT_READ | PROT_WRITE);
		ptr = b.ptr;
		for (unsigned long i = 0; i < NINTS; i++)
			ptr[i] = (int)i + c;
		if (c & 1) {
			KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, NPAGES), 0);
			KUNIT_EXPECT_EQ(test, b.cpages, NPAGES);
			KUNIT_EXPECT_EQ(test, ((int *)b.mirror)[NINTS - 1], (int)(NINTS - 1) + c);
		}
		KUNIT_EXPECT_EQ(test, vm_munmap((unsigned long)b.ptr, HMM_BUFFER_SIZE), 0);
		KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, NPAGES), -EFAULT);
		b.ptr = NULL;
		hmm_buffer_free(&b);
	}
}

/* migrate_mixed: PROT_NONE, a hole, read-only pages, and the other device. */
static void migrate_mixed(struct kunit *test)
{
	struct mm_struct *mm = hmm_mm(test);
	struct dmirror *dev1 = dmirror_open(1);
	struct hmm_buffer b;
	char *p;
	int val;

	KUNIT_ASSERT_NOT_NULL(test, dev1);
	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, 6 * PAGE_SIZE, PROT_NONE, 6 * PAGE_SIZE));
	p = b.ptr;
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev1, HMM_DMIRROR_MIGRATE_TO_DEV, &b, 6), -EINVAL);
	KUNIT_EXPECT_EQ(test, vm_munmap((unsigned long)p + PAGE_SIZE, PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev1, HMM_DMIRROR_MIGRATE_TO_DEV, &b, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, (unsigned long)p + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	val = *(volatile int *)(p + 2 * PAGE_SIZE) + 3;		/* page 2: the zero page */
	KUNIT_EXPECT_EQ(test, val, 3);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, (unsigned long)p + 3 * PAGE_SIZE, PAGE_SIZE,
					  PROT_READ | PROT_WRITE), 0);
	*(volatile int *)(p + 3 * PAGE_SIZE) = val;
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, (unsigned long)p + 3 * PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, (unsigned long)p + 4 * PAGE_SIZE, 2 * PAGE_SIZE,
					  PROT_READ | PROT_WRITE), 0);
	*(volatile int *)(p + 4 * PAGE_SIZE) = val;
	*(volatile int *)(p + 5 * PAGE_SIZE) = val;
	b.ptr = p + 2 * PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev1, HMM_DMIRROR_MIGRATE_TO_DEV, &b, 4), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, 4);
	b.ptr = p + 5 * PAGE_SIZE;		/* on device 1: device 0 cannot have it */
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, 1), -ENOENT);
	KUNIT_EXPECT_EQ(test, *(volatile int *)(p + 5 * PAGE_SIZE), 3);	/* back from device 1 */
	b.ptr = p;
	hmm_buffer_free(&b);
	dmirror_close(dev1);
}

/* One migrate_remap_fault run: mremap before or after the migration. */
static void remap_fault_one(struct kunit *test, bool before, bool dont_unmap, bool use_thp,
			    unsigned long offset)
{
	unsigned long flags = MREMAP_MAYMOVE | MREMAP_FIXED | (dont_unmap ? MREMAP_DONTUNMAP : 0);
	unsigned long n = TWOMEG / sizeof(int), map, old;
	struct hmm_buffer b;
	char what[64];

	snprintf(what, sizeof(what), "before %d dont_unmap %d thp %d offset %#lx",
		 before, dont_unmap, use_thp, offset);
	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, 8 * TWOMEG, PROT_READ | PROT_WRITE, TWOMEG));
	old = (unsigned long)b.ptr;
	map = ALIGN(old, TWOMEG);
	do_madvise(hmm_mm(test), map, TWOMEG, use_thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
	KUNIT_ASSERT_EQ(test, vm_munmap(map + TWOMEG, 2 * TWOMEG), 0);	/* the gap */
	fill_index((int *)map, n);
	if (before) {
		unsigned long to = vm_mremap(map, TWOMEG, TWOMEG, flags, map + TWOMEG + offset);

		KUNIT_ASSERT_EQ(test, to, map + TWOMEG + offset);
		map = to;
	}
	b.ptr = (void *)map;
	if (hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, TWOMEG >> PAGE_SHIFT) ||
	    b.cpages != TWOMEG >> PAGE_SHIFT ||
	    first_not_index(b.mirror, n) != n)
		KUNIT_FAIL(test, "%s: migration to the device failed (cpages %llu)", what,
			   (unsigned long long)b.cpages);
	if (!before) {
		unsigned long to = vm_mremap(map, TWOMEG, TWOMEG, flags, map + TWOMEG + offset);

		if (to != map + TWOMEG + offset)
			KUNIT_FAIL(test, "%s: mremap after migration = %#lx", what, to);
		map = to;
	}
	if (first_not_index((int *)map, n) != n)
		KUNIT_FAIL(test, "%s: the CPU read wrong data", what);
	vm_munmap(map, TWOMEG);
	b.ptr = (void *)old;
	hmm_buffer_free(&b);		/* the rest of the 16 MiB */
}

/* migrate_remap_fault: all 24 combinations. */
static void migrate_remap_fault(struct kunit *test)
{
	static const unsigned long offsets[] = { 0, ONEMEG / 2, ONEMEG };

	for (int before = 0; before < 2; before++)
		for (int dont_unmap = 0; dont_unmap < 2; dont_unmap++)
			for (int thp = 0; thp < 2; thp++)
				for (unsigned int o = 0; o < ARRAY_SIZE(offsets); o++)
					remap_fault_one(test, before, dont_unmap, thp, offsets[o]);
}

/* SNAPSHOT bytes for each state a 2 MiB range can be in. */
static void snapshot_of_each_state(struct kunit *test)
{
	struct dmirror *dev1 = dmirror_open(1);
	struct hmm_buffer b;
	unsigned long map;
	u8 *snap;
	void *old;

	KUNIT_ASSERT_NOT_NULL(test, dev1);
	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, 2 * TWOMEG, PROT_READ | PROT_WRITE, TWOMEG));
	map = ALIGN((unsigned long)b.ptr, TWOMEG);
	old = b.ptr;
	b.ptr = (void *)map;
	snap = b.mirror;
#define SNAP(d) (hmm_dmirror_cmd(d, HMM_DMIRROR_SNAPSHOT, &b, TWOMEG >> PAGE_SHIFT))
	KUNIT_EXPECT_EQ(test, SNAP(dev(test)), 0);
	KUNIT_EXPECT_EQ(test, snap[0], HMM_DMIRROR_PROT_NONE);		/* nothing there */
	KUNIT_EXPECT_EQ(test, *(volatile int *)map, 0);			/* huge zero page */
	KUNIT_EXPECT_EQ(test, SNAP(dev(test)), 0);
	KUNIT_EXPECT_EQ(test, snap[100], HMM_DMIRROR_PROT_ZERO | HMM_DMIRROR_PROT_READ |
			HMM_DMIRROR_PROT_PMD);
	fill_index((int *)map, TWOMEG / sizeof(int));			/* a THP */
	KUNIT_EXPECT_EQ(test, SNAP(dev(test)), 0);
	KUNIT_EXPECT_EQ(test, snap[511], HMM_DMIRROR_PROT_WRITE | HMM_DMIRROR_PROT_PMD);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, 512), 0);
	KUNIT_EXPECT_EQ(test, SNAP(dev(test)), 0);			/* a device THP */
	KUNIT_EXPECT_EQ(test, snap[7], HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL |
			HMM_DMIRROR_PROT_WRITE | HMM_DMIRROR_PROT_PMD);
	/*
	 * As device 1 sees it: device-private pages are reported only to their
	 * owner and a snapshot never faults, so another device's THP is an
	 * error (Linux 6.19's hmm_vma_handle_absent_pmd()); a 4 KiB page of
	 * it would be nothing (PROT_NONE), as Linux's hmm2 snapshot test
	 * expects - see other_device_thp_snapshot_and_read.
	 */
	KUNIT_EXPECT_EQ(test, SNAP(dev1), 0);
	KUNIT_EXPECT_EQ(test, snap[7], HMM_DMIRROR_PROT_ERROR);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_SYS, &b, 512), 0);
	KUNIT_EXPECT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, 512), 0);
	KUNIT_EXPECT_EQ(test, SNAP(dev(test)), 0);			/* split: no PMD bit */
	KUNIT_EXPECT_EQ(test, snap[7], HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL | HMM_DMIRROR_PROT_WRITE);
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), map, TWOMEG, PROT_NONE), 0);
	KUNIT_EXPECT_EQ(test, SNAP(dev(test)), 0);
	KUNIT_EXPECT_EQ(test, snap[0], HMM_DMIRROR_PROT_ERROR);		/* no access */
#undef SNAP
	b.ptr = old;
	hmm_buffer_free(&b);
	dmirror_close(dev1);
}

/* After a split or an unmap, the device reads fresh data or fails. */
static void invalidation_after_split_and_unmap(struct kunit *test)
{
	struct hmm_buffer b;
	unsigned long map;
	int *p;
	void *old;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, 2 * TWOMEG, PROT_READ | PROT_WRITE, TWOMEG));
	map = ALIGN((unsigned long)b.ptr, TWOMEG);
	p = (int *)map;
	fill_index(p, TWOMEG / sizeof(int));
	old = b.ptr;
	b.ptr = p;
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, 512), 0);
	KUNIT_EXPECT_EQ(test, b.faults, 1);
	/* Free one page in the THP: the PMD splits, the mirror must forget. */
	KUNIT_EXPECT_EQ(test, do_madvise(hmm_mm(test), map + PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED), 0);
	p[0] = 777;
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, 512), 0);
	KUNIT_EXPECT_EQ(test, b.faults, 1);			/* it had to look again */
	KUNIT_EXPECT_EQ(test, ((int *)b.mirror)[0], 777);
	KUNIT_EXPECT_EQ(test, ((int *)b.mirror)[PAGE_SIZE / sizeof(int)], 0);	/* freed page */
	KUNIT_EXPECT_EQ(test, ((int *)b.mirror)[2 * PAGE_SIZE / sizeof(int)], 2048);
	/* Unmap half: the device cannot read it any more. */
	KUNIT_EXPECT_EQ(test, vm_munmap(map + ONEMEG, ONEMEG), 0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, 512), -EFAULT);
	b.ptr = old;
	hmm_buffer_free(&b);
}

/*
 * Two mirrors of one device: when the first migrates pages to the device,
 * the second must forget the system pages it mirrored (they are freed) and
 * read the device's copy - here changed through the first mirror.
 */
static void second_mirror_follows_migration(struct kunit *test)
{
	struct dmirror *dev2 = dmirror_open(0);
	struct hmm_buffer b;
	int *mirror;

	KUNIT_ASSERT_NOT_NULL(test, dev2);
	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE,
						 16 * PAGE_SIZE));
	mirror = b.mirror;
	fill_index(b.ptr, 16 * PAGE_SIZE / sizeof(int));
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev2, HMM_DMIRROR_READ, &b, 16), 0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, 16), 0);
	KUNIT_EXPECT_EQ(test, b.cpages, 16);
	for (unsigned long i = 0; i < 16 * PAGE_SIZE / sizeof(int); i++)
		mirror[i] = -(int)i;
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_WRITE, &b, 16), 0);
	memset(mirror, 0, 16 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev2, HMM_DMIRROR_READ, &b, 16), 0);
	KUNIT_EXPECT_EQ(test, b.faults, 1);			/* it had to look again */
	KUNIT_EXPECT_EQ(test, mirror[5 * PAGE_SIZE / sizeof(int) + 3],
			-(int)(5 * PAGE_SIZE / sizeof(int) + 3));
	KUNIT_EXPECT_EQ(test, ((int *)b.ptr)[7], -7);		/* the CPU faults it back */
	dmirror_close(dev2);
	hmm_buffer_free(&b);
}

/*
 * vm_mremap() that runs out of memory for a destination page table half
 * way must leave everything where it was: the -ENOMEM caller still finds
 * every byte at the old address and nothing at the new one.  The n-th page
 * allocation fails, for n = 1..8, so each table level fails in turn.
 */
static void mremap_enomem_moves_nothing(struct kunit *test)
{
	const unsigned long dst = 0x200000000000UL;	/* no page tables there */
	unsigned long n = 2 * TWOMEG / PAGE_SIZE, failed = 0;

	for (unsigned long nth = 1; nth <= 8; nth++) {
		unsigned long map = (unsigned long)map_anon(3 * TWOMEG, PROT_READ | PROT_WRITE);
		unsigned long src = ALIGN(map, TWOMEG), r, at;

		KUNIT_ASSERT_NE(test, map, 0);
		KUNIT_EXPECT_EQ(test, do_madvise(hmm_mm(test), map, 3 * TWOMEG, MADV_NOHUGEPAGE), 0);
		for (unsigned long i = 0; i < n; i++)
			((int *)src)[i * (PAGE_SIZE / sizeof(int))] = (int)i + 1;
		fail_page_alloc_setup(0, nth, 100, 1, 0);
		r = vm_mremap(src, 2 * TWOMEG, 2 * TWOMEG, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
		fail_page_alloc_disable();
		if (IS_ERR_VALUE(r)) {
			KUNIT_EXPECT_EQ(test, (long)r, -ENOMEM);
			KUNIT_EXPECT_NULL(test, vma_lookup(hmm_mm(test), dst));
			failed++;
		}
		at = IS_ERR_VALUE(r) ? src : dst;
		for (unsigned long i = 0; i < n; i++)
			if (((volatile int *)at)[i * (PAGE_SIZE / sizeof(int))] != (int)i + 1) {
				KUNIT_FAIL(test, "nth %lu: page %lu lost (mremap %ld)", nth, i, (long)r);
				break;
			}
		vm_munmap(map, 3 * TWOMEG);
		vm_munmap(dst, 2 * TWOMEG);
	}
	KUNIT_EXPECT_GT(test, failed, 0);		/* the failure path did run */
}

/* The aligned 2 MiB window of b (mapped 2 * TWOMEG), filled with 0, 1, 2, ... */
static int *thp_window(struct kunit *test, struct hmm_buffer *b)
{
	int *p;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(b, 2 * TWOMEG, PROT_READ | PROT_WRITE, TWOMEG));
	p = (int *)ALIGN((unsigned long)b->ptr, TWOMEG);
	fill_index(p, TWOMEG / sizeof(int));
	return p;
}

/* The window's THP moved whole to device 0: one device-private PMD. */
static void thp_to_device(struct kunit *test, struct hmm_buffer *b, int *p)
{
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd_at(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, b, p,
						 TWOMEG >> PAGE_SHIFT), 0);
	KUNIT_ASSERT_TRUE(test, hmm_mapping(test, p).device_private);
	KUNIT_ASSERT_EQ(test, hmm_mapping(test, p).level, MAPPING_PMD);
}

/* Index of the first int of p[0..n) that is not first + i, or n. */
static unsigned long first_not_from(const int *p, unsigned long n, int first)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != first + (int)i)
			return i;
	return n;
}

/* Index of the first byte of p[0..n) that is not v, or n. */
static unsigned long first_byte_not(const u8 *p, unsigned long n, u8 v)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != v)
			return i;
	return n;
}

/*
 * A command on the first half of a device THP with cmd.ptr in its second
 * half.  Touching cmd.ptr faults the THP back to RAM, which frees the
 * device pages the command works on: Linux copies the source into a bounce
 * buffer before the device writes anything (and copies out only after the
 * device read everything), so the device then finds the pages in RAM.
 * Both halves end up with the source's data: the second half for a WRITE,
 * the first for a READ.
 */
static void copy_within_device_thp(struct kunit *test, unsigned int request)
{
	unsigned long half = TWOMEG / sizeof(int) / 2, npages = TWOMEG / 2 >> PAGE_SHIFT;
	int from = request == HMM_DMIRROR_WRITE ? half : 0;
	struct hmm_buffer b;
	int *p = thp_window(test, &b);
	struct hmm_dmirror_cmd cmd = { .addr = (u64)p, .ptr = (u64)(p + half), .npages = npages };

	thp_to_device(test, &b, p);
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(dev(test), request, &cmd), 0);
	KUNIT_EXPECT_EQ(test, cmd.cpages, npages);
	KUNIT_EXPECT_EQ(test, first_not_from(p, half, from), half);
	KUNIT_EXPECT_EQ(test, first_not_from(p + half, half, from), half);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, p).device_private);	/* back in RAM */
	hmm_buffer_free(&b);
}

static void write_from_same_device_thp(struct kunit *test)
{
	copy_within_device_thp(test, HMM_DMIRROR_WRITE);
}

static void read_into_same_device_thp(struct kunit *test)
{
	copy_within_device_thp(test, HMM_DMIRROR_READ);
}

/* RO_PAGES small pages with ints 0, 1, 2, ..., moved read-only to d; the VMA writable again. */
#define RO_PAGES	256
static void readonly_on_device(struct kunit *test, struct hmm_buffer *b, struct dmirror *d)
{
	unsigned long size = RO_PAGES * PAGE_SIZE;
	struct mm_mapping m;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(b, size, PROT_READ | PROT_WRITE, size));
	KUNIT_EXPECT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)b->ptr, size, MADV_NOHUGEPAGE), 0);
	fill_index(b->ptr, size / sizeof(int));
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)b->ptr, size, PROT_READ), 0);
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd(d, HMM_DMIRROR_MIGRATE_TO_DEV, b, RO_PAGES), 0);
	KUNIT_EXPECT_EQ(test, do_mprotect(hmm_mm(test), (unsigned long)b->ptr, size,
					  PROT_READ | PROT_WRITE), 0);
	m = hmm_mapping(test, (char *)b->ptr + size - PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, m.device_private && !m.writable);
}

/* The device WRITEs -i into int i of all RO_PAGES pages: nothing may fail. */
static void write_all_and_check(struct kunit *test, struct hmm_buffer *b)
{
	unsigned long warns = warn_count, n = RO_PAGES * PAGE_SIZE / sizeof(int);
	int *mirror = b->mirror, *ptr = b->ptr;

	for (unsigned long i = 0; i < n; i++)
		mirror[i] = -(int)i;
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_WRITE, b, RO_PAGES), 0);
	KUNIT_EXPECT_EQ(test, b->cpages, RO_PAGES);
	KUNIT_EXPECT_EQ(test, b->faults, 1);
	KUNIT_EXPECT_EQ(test, warn_count, warns);
	for (unsigned long i = 0; i < n; i++)
		if (ptr[i] != -(int)i) {
			KUNIT_FAIL(test, "int %lu is %d", i, ptr[i]);
			break;
		}
}

/*
 * Item B: the caller's own read-only device pages under a write request are
 * reported read-only, never faulted (Linux hmm_vma_handle_pte); the walk
 * has no budget to run out of (mmlab's old one WARNed and gave -EFAULT).
 */
static void hmm_range_fault_own_readonly_device_pages(struct kunit *test)
{
	static unsigned long pfns[RO_PAGES];
	struct mmu_interval_notifier sub;
	struct hmm_buffer b;
	struct hmm_range range;
	unsigned long warns;
	struct page *page;
	int ret;

	readonly_on_device(test, &b, dev(test));
	page = pfn_to_page(hmm_mapping(test, b.ptr).pfn);
	KUNIT_ASSERT_EQ(test, mmu_interval_notifier_insert(&sub, hmm_mm(test), 0, TASK_SIZE_MAX,
							   &hmm_test_notifier_ops), 0);
	range = (struct hmm_range){
		.notifier = &sub, .start = (unsigned long)b.ptr,
		.end = (unsigned long)b.ptr + RO_PAGES * PAGE_SIZE, .hmm_pfns = pfns,
		.default_flags = HMM_PFN_REQ_FAULT | HMM_PFN_REQ_WRITE,
		.dev_private_owner = page_pgmap(page)->owner,
	};
	warns = warn_count;
	do {
		range.notifier_seq = mmu_interval_read_begin(&sub);
		ret = hmm_range_fault(&range);
	} while (ret == -EBUSY);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, warn_count, warns);
	for (unsigned long i = 0; i < RO_PAGES; i++)
		if ((pfns[i] & (HMM_PFN_VALID | HMM_PFN_WRITE | HMM_PFN_ERROR)) != HMM_PFN_VALID ||
		    !is_device_private_page(hmm_pfn_to_page(pfns[i]))) {
			KUNIT_FAIL(test, "page %lu: %#lx", i, pfns[i]);
			break;
		}
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, b.ptr).device_private);
	mmu_interval_notifier_remove(&sub);
	hmm_buffer_free(&b);
}

/* ... and dmirror's WRITE there fails with -EFAULT and a WARN, as in Linux. */
static void write_to_own_readonly_device_pages(struct kunit *test)
{
	unsigned long warns = warn_count;
	struct hmm_buffer b;

	readonly_on_device(test, &b, dev(test));
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_WRITE, &b, RO_PAGES), -EFAULT);
	KUNIT_EXPECT_EQ(test, b.cpages, 0);
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	KUNIT_EXPECT_TRUE(test, hmm_mapping(test, b.ptr).device_private);
	KUNIT_EXPECT_EQ(test, ((int *)b.ptr)[9], 9);		/* nothing written */
	hmm_buffer_free(&b);
}

/*
 * The same with device 1's read-only pages, written by device 0: two faults
 * each again (each migration back to RAM invalidates device 0's view, so
 * hmm_range_fault() returns -EBUSY and the driver starts over).
 */
static void write_to_other_device_readonly_pages(struct kunit *test)
{
	struct dmirror *dev1 = dmirror_open(1);
	struct hmm_buffer b;

	KUNIT_ASSERT_NOT_NULL(test, dev1);
	readonly_on_device(test, &b, dev1);
	write_all_and_check(test, &b);
	hmm_buffer_free(&b);
	dmirror_close(dev1);
}

/*
 * Another device's memory, as Linux 6.19 reports it: without a fault
 * request, a device-private PMD is HMM_PFN_ERROR (hmm_vma_handle_absent_pmd)
 * and a device-private PTE is 0 (nothing); with one, it is faulted back to
 * RAM through its owner's migrate_to_ram().
 */
static void other_device_thp_snapshot_and_read(struct kunit *test)
{
	struct dmirror *dev1 = dmirror_open(1);
	unsigned long npages = TWOMEG >> PAGE_SHIFT, n = TWOMEG / sizeof(int);
	struct hmm_buffer b;
	int *p = thp_window(test, &b);
	u8 *snap = b.mirror;

	KUNIT_ASSERT_NOT_NULL(test, dev1);
	thp_to_device(test, &b, p);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd_at(dev1, HMM_DMIRROR_SNAPSHOT, &b, p, npages), 0);
	KUNIT_EXPECT_EQ(test, snap[0], HMM_DMIRROR_PROT_ERROR);
	KUNIT_EXPECT_EQ(test, first_byte_not(snap, npages, HMM_DMIRROR_PROT_ERROR), npages);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd_at(dev1, HMM_DMIRROR_READ, &b, p, npages), 0);
	KUNIT_EXPECT_EQ(test, b.faults, 1);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, p).device_private);
	/* Again as 512 small device pages: PTEs, reported as nothing. */
	KUNIT_EXPECT_EQ(test, hmm_flags(dev(test), HMM_DMIRROR_FLAG_FAIL_ALLOC), 0);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd_at(dev(test), HMM_DMIRROR_MIGRATE_TO_DEV, &b, p, npages), 0);
	KUNIT_EXPECT_EQ(test, hmm_mapping(test, p).level, MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd_at(dev1, HMM_DMIRROR_SNAPSHOT, &b, p, npages), 0);
	KUNIT_EXPECT_EQ(test, first_byte_not(snap, npages, HMM_DMIRROR_PROT_NONE), npages);
	memset(b.mirror, 0, TWOMEG);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd_at(dev1, HMM_DMIRROR_READ, &b, p, npages), 0);
	KUNIT_EXPECT_EQ(test, first_not_index(b.mirror, n), n);
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, p + n - 1).device_private);
	hmm_buffer_free(&b);
	dmirror_close(dev1);
}

/* hmm_range_fault() over npages at addr, no fault requested, as a driver calls it. */
static int range_lookup(struct kunit *test, void *addr, unsigned long npages, unsigned long *pfns)
{
	struct mmu_interval_notifier sub;
	struct hmm_range range = {
		.notifier = &sub, .start = (unsigned long)addr,
		.end = (unsigned long)addr + (npages << PAGE_SHIFT), .hmm_pfns = pfns,
	};
	int ret;

	KUNIT_ASSERT_EQ(test, mmu_interval_notifier_insert(&sub, hmm_mm(test), range.start,
							   range.end - range.start,
							   &hmm_test_notifier_ops), 0);
	do {
		range.notifier_seq = mmu_interval_read_begin(&sub);
		ret = hmm_range_fault(&range);
	} while (ret == -EBUSY);
	mmu_interval_notifier_remove(&sub);
	return ret;
}

/*
 * The hmm_pfn layout of Linux 6.19 (include/linux/hmm.h): the map order in
 * the 5 bits from BITS_PER_LONG - 11, and HMM_PFN_FLAGS everything above.
 */
static void hmm_pfn_layout(struct kunit *test)
{
	static unsigned long pfns[2];
	struct hmm_buffer b;
	int *p = thp_window(test, &b);
	unsigned long pfn = hmm_mapping(test, p).pfn;

	KUNIT_EXPECT_EQ(test, (unsigned long)HMM_PFN_ORDER_SHIFT, 64UL - 11);
	KUNIT_EXPECT_EQ(test, (unsigned long)HMM_PFN_FLAGS, ~((1UL << (64 - 11)) - 1));
	KUNIT_EXPECT_EQ(test, range_lookup(test, p + PAGE_SIZE / sizeof(int), 2, pfns), 0);
	KUNIT_EXPECT_EQ(test, pfns[1], (pfn + 2) | HMM_PFN_VALID | HMM_PFN_WRITE | (9UL << (64 - 11)));
	KUNIT_EXPECT_EQ(test, hmm_pfn_to_map_order(pfns[1]), 9);
	KUNIT_EXPECT_EQ(test, page_to_pfn(hmm_pfn_to_page(pfns[1])), pfn + 2);
	hmm_buffer_free(&b);
}

static void mirror_bad_input(struct kunit *test)
{
	struct hmm_buffer b;
	unsigned long a;
	void *old, *mirror;

	rw_buffer(test, &b, PROT_READ | PROT_WRITE);
	old = b.ptr;
	mirror = b.mirror;
	a = (unsigned long)b.ptr;
	b.ptr = (char *)old + 8;
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_SNAPSHOT, &b, 1), -EINVAL);
	b.ptr = old;
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_WRITE, &b, 0), -EINVAL);
	/* 4 PiB past a mapping: no bounce buffer that big (Linux: vmalloc fails) */
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, 1UL << 40), -ENOMEM);
	/* a range that runs past the mapping into a hole */
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, NPAGES + 1), -EFAULT);
	/* a user buffer with nothing mapped: copy_from_user/copy_to_user fail */
	b.mirror = (void *)0x40000000;
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_WRITE, &b, 1), -EFAULT);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, &b, 1), -EFAULT);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_SNAPSHOT, &b, 1), -EFAULT);
	b.mirror = mirror;
	/* mremap: unaligned, unknown flags, overlapping, nothing there */
	KUNIT_EXPECT_EQ(test, (long)vm_mremap(a + 1, PAGE_SIZE, PAGE_SIZE, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)vm_mremap(a, PAGE_SIZE, PAGE_SIZE, 0x80, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)vm_mremap(a, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
					      MREMAP_MAYMOVE | MREMAP_FIXED, a + PAGE_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)vm_mremap(a, PAGE_SIZE, PAGE_SIZE, MREMAP_FIXED, a + TWOMEG * 8),
			-EINVAL);			/* FIXED without MAYMOVE */
	KUNIT_EXPECT_EQ(test, (long)vm_mremap(a, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE |
					      MREMAP_DONTUNMAP, 0), -EINVAL);	/* sizes differ */
	KUNIT_EXPECT_EQ(test, (long)vm_mremap(0x40000000, PAGE_SIZE, PAGE_SIZE, 0, 0), -EFAULT);
	/* and one that works: grow by moving, the data follows */
	fill_index(b.ptr, NINTS);
	a = vm_mremap(a, HMM_BUFFER_SIZE, 2 * HMM_BUFFER_SIZE, MREMAP_MAYMOVE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(a));
	KUNIT_EXPECT_EQ(test, first_not_index((int *)a, NINTS), NINTS);
	KUNIT_EXPECT_EQ(test, vm_munmap(a, 2 * HMM_BUFFER_SIZE), 0);
	b.ptr = NULL;
	hmm_buffer_free(&b);
}

static struct kunit_case hmm_mirror_cases[] = {
	KUNIT_CASE(anon_read),
	KUNIT_CASE(anon_read_prot),
	KUNIT_CASE(anon_write),
	KUNIT_CASE(anon_write_prot),
	KUNIT_CASE(anon_write_huge),
	KUNIT_CASE(anon_read_multiple),
	KUNIT_CASE(anon_teardown),
	KUNIT_CASE(migrate_mixed),
	KUNIT_CASE(migrate_remap_fault),
	KUNIT_CASE(snapshot_of_each_state),
	KUNIT_CASE(invalidation_after_split_and_unmap),
	KUNIT_CASE(second_mirror_follows_migration),
	KUNIT_CASE(mremap_enomem_moves_nothing),
	KUNIT_CASE(mirror_bad_input),
	KUNIT_CASE(write_from_same_device_thp),
	KUNIT_CASE(read_into_same_device_thp),
	KUNIT_CASE(hmm_range_fault_own_readonly_device_pages),
	KUNIT_CASE(write_to_own_readonly_device_pages),
	KUNIT_CASE(write_to_other_device_readonly_pages),
	KUNIT_CASE(other_device_thp_snapshot_and_read),
	KUNIT_CASE(hmm_pfn_layout),
	{}
};

static struct kunit_suite hmm_mirror_suite = {
	.name = "hmm_mirror",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = hmm_mirror_cases,
};
kunit_test_suite(hmm_mirror_suite);
