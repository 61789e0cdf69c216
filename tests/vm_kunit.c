/*
 * tests/vm_kunit.c - address spaces: mmap, munmap, madvise, faults, uaccess,
 * and what bad input gets.  Each case runs in a fresh mm (tests/mm_check.h)
 * and every page must come back when it is destroyed.
 */
#include "mm_check.h"
#include <mm/uaccess.h>
#include <mm/slab.h>

static void mmap_places_and_aligns(struct kunit *test)
{
	struct mm_struct *mm = vm_case_mm(test);
	unsigned long small = VM_MMAP(test, 3 * PAGE_SIZE), big = VM_MMAP(test, 5 * MB);
	struct vm_area_struct *vma;

	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(small, PAGE_SIZE));
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(big, PMD_SIZE));	/* >= 2 MiB: THP-ready */
	KUNIT_EXPECT_GE(test, small, MMAP_MIN_ADDR);
	KUNIT_EXPECT_LT(test, big + 5 * MB, MMAP_BASE + 1);
	vma = vma_lookup(mm, big + 4 * MB);
	KUNIT_ASSERT_NOT_NULL(test, vma);
	KUNIT_EXPECT_EQ(test, vma->vm_start, big);
	KUNIT_EXPECT_EQ(test, vma->vm_end, big + 5 * MB);
	KUNIT_EXPECT_EQ(test, vma->vm_flags & (VM_READ | VM_WRITE), VM_READ | VM_WRITE);
	KUNIT_EXPECT_EQ(test, mm->map_count, 2);
	/* find_vma: the first VMA that ends above addr, even if it starts above. */
	KUNIT_EXPECT_PTR_EQ(test, find_vma(mm, MMAP_MIN_ADDR), mm->map_count ?
			    list_first_entry(&mm->mmap, struct vm_area_struct, vm_list) : NULL);
	KUNIT_EXPECT_NULL(test, vma_lookup(mm, big + 5 * MB + 0x1000 * 1024 * 1024UL));
}

static void demand_paging_counts_faults(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 16 * PAGE_SIZE);
	volatile u8 *p = (u8 *)addr;
	unsigned long faults, free0;

	vm_prepare_anon_vma(test, addr);
	faults = vm_event_count(PGFAULT);
	free0 = nr_free_pages_drained();

	KUNIT_EXPECT_EQ(test, vm_level(test, addr), MAPPING_NONE);
	p[0] = 1;
	p[PAGE_SIZE + 5] = 2;			/* a second page */
	KUNIT_EXPECT_EQ(test, p[0] + p[PAGE_SIZE + 5], 3);
	KUNIT_EXPECT_EQ(test, vm_event_count(PGFAULT), faults + 2);
	KUNIT_EXPECT_EQ(test, vm_level(test, addr), MAPPING_PTE);
	KUNIT_EXPECT_EQ(test, get_mm_counter(vm_case_mm(test), MM_ANONPAGES), 2);
	/* two data pages plus the page tables: pud, pmd and pte level */
	KUNIT_EXPECT_EQ(test, free0 - nr_free_pages_drained(), 2 + 3);
	KUNIT_EXPECT_EQ(test, p[2 * PAGE_SIZE], 0);	/* a read maps the zero page */
	KUNIT_EXPECT_EQ(test, free0 - nr_free_pages_drained(), 2 + 3);
}

static void read_then_write_replaces_zero_page(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, PAGE_SIZE);
	volatile u32 *p = (u32 *)addr;
	struct mm_mapping m;

	KUNIT_EXPECT_EQ(test, p[10], 0);
	mm_find_mapping(vm_case_mm(test), addr, &m);
	KUNIT_EXPECT_TRUE(test, m.zero_page);
	KUNIT_EXPECT_FALSE(test, m.writable);
	p[10] = 0xabcd;
	mm_find_mapping(vm_case_mm(test), addr, &m);
	KUNIT_EXPECT_FALSE(test, m.zero_page);
	KUNIT_EXPECT_TRUE(test, m.writable);
	KUNIT_EXPECT_EQ(test, p[10], 0xabcd);
	KUNIT_EXPECT_EQ(test, p[11], 0);
}

static void uaccess_copies_and_faults_in(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 3 * PAGE_SIZE);
	char buf[64], back[64];
	u64 v = 0;

	for (int i = 0; i < 64; i++)
		buf[i] = (char)i;
	/* straddles a page boundary; both pages are faulted in by the copy */
	KUNIT_EXPECT_EQ(test, copy_to_user((void *)(addr + PAGE_SIZE - 32), buf, 64), 0);
	KUNIT_EXPECT_EQ(test, copy_from_user(back, (void *)(addr + PAGE_SIZE - 32), 64), 0);
	KUNIT_EXPECT_MEMEQ(test, back, buf, 64);
	KUNIT_EXPECT_EQ(test, put_user(0x1122334455667788UL, (u64 *)(addr + 8)), 0);
	KUNIT_EXPECT_EQ(test, get_user(v, (u64 *)(addr + 8)), 0);
	KUNIT_EXPECT_EQ(test, v, 0x1122334455667788UL);
}

static void uaccess_bad_addresses_fail_cleanly(struct kunit *test)
{
	unsigned long ro = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	unsigned long rw = VM_MMAP(test, PAGE_SIZE);
	char buf[32] = "mmlab";
	u32 v = 7;

	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(ro));
	/* writing a read-only mapping: -EFAULT, nothing written */
	KUNIT_EXPECT_EQ(test, copy_to_user((void *)ro, buf, sizeof(buf)), sizeof(buf));
	KUNIT_EXPECT_EQ(test, put_user(1u, (u32 *)ro), -EFAULT);
	KUNIT_EXPECT_EQ(test, *(volatile u32 *)ro, 0);		/* reading is fine */
	/* outside any VMA, and in the kernel half */
	KUNIT_EXPECT_EQ(test, get_user(v, (u32 *)(rw + 16 * PAGE_SIZE * 1024)), -EFAULT);
	KUNIT_EXPECT_EQ(test, v, 0);				/* zeroed on failure */
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, (void *)PAGE_OFFSET, 8), 8);
	/* a copy that runs off the end of a mapping stops at the end */
	KUNIT_EXPECT_EQ(test, copy_to_user((void *)(rw + PAGE_SIZE - 8), buf, 32), 24);
}

static void munmap_cuts_vmas(struct kunit *test)
{
	struct mm_struct *mm = vm_case_mm(test);
	unsigned long addr = VM_MMAP(test, 8 * PAGE_SIZE);
	volatile u8 *p = (u8 *)addr;

	for (int i = 0; i < 8; i++)
		p[i * PAGE_SIZE] = (u8)(i + 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr + 2 * PAGE_SIZE, 3 * PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, mm->map_count, 2);
	KUNIT_EXPECT_NULL(test, vma_lookup(mm, addr + 3 * PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 5);
	KUNIT_EXPECT_EQ(test, p[PAGE_SIZE], 2);
	KUNIT_EXPECT_EQ(test, p[7 * PAGE_SIZE], 8);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr + 2 * PAGE_SIZE, PAGE_SIZE), 0);	/* a hole: fine */
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, 8 * PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, mm->map_count, 0);
	KUNIT_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 0);
}

static void map_fixed_replaces(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 4 * PAGE_SIZE), got;

	*(volatile u8 *)(addr + PAGE_SIZE) = 9;
	got = vm_mmap(NULL, addr + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	KUNIT_EXPECT_EQ(test, got, addr + PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, *(volatile u8 *)(addr + PAGE_SIZE), 0);	/* fresh memory */
	KUNIT_EXPECT_EQ(test, vm_case_mm(test)->map_count, 3);
}

static void bad_mmap_munmap_madvise_input(struct kunit *test)
{
	const unsigned long pa = MAP_PRIVATE | MAP_ANONYMOUS, rw = PROT_READ | PROT_WRITE;
	unsigned long addr = VM_MMAP(test, PAGE_SIZE);

	KUNIT_EXPECT_EQ(test, (long)vm_mmap(NULL, 0, 0, rw, pa, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(NULL, 0x12345, PAGE_SIZE, rw, pa | MAP_FIXED, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(NULL, 0, PAGE_SIZE, rw, pa | MAP_POPULATE, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(NULL, 0, PAGE_SIZE, rw, MAP_ANONYMOUS, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(NULL, PAGE_OFFSET, PAGE_SIZE, rw, pa | MAP_FIXED, 0),
			-ENOMEM);				/* the kernel half */
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(NULL, TASK_SIZE_MAX - PAGE_SIZE, 2 * PAGE_SIZE, rw,
					    pa | MAP_FIXED, 0), -ENOMEM);
	KUNIT_EXPECT_EQ(test, (long)vm_mmap(NULL, 0, PAGE_SIZE, rw, pa | MAP_FIXED, 0), -EPERM);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr + 1, PAGE_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, vm_munmap(0x40000000, PAGE_SIZE), 0);	/* nothing there */
	KUNIT_EXPECT_EQ(test, do_madvise(vm_case_mm(test), addr, PAGE_SIZE, 12345), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_madvise(vm_case_mm(test), addr + 1, PAGE_SIZE, MADV_DONTNEED),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, do_madvise(vm_case_mm(test), 0x40000000, PAGE_SIZE, MADV_DONTNEED),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, vm_case_mm(test)->map_count, 1);
}

static void madvise_dontneed_frees_and_zeroes(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 4 * PAGE_SIZE), free0;
	volatile u8 *p = (u8 *)addr;

	for (int i = 0; i < 4; i++)
		p[i * PAGE_SIZE] = 0x77;
	free0 = nr_free_pages_drained();
	KUNIT_EXPECT_EQ(test, do_madvise(vm_case_mm(test), addr + PAGE_SIZE, 2 * PAGE_SIZE,
					 MADV_DONTNEED), 0);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0 + 2);
	KUNIT_EXPECT_EQ(test, p[PAGE_SIZE], 0);		/* reads back as zero */
	KUNIT_EXPECT_EQ(test, p[0], 0x77);
	KUNIT_EXPECT_EQ(test, p[3 * PAGE_SIZE], 0x77);
}

/*
 * mremap and mprotect change entries the CPU may hold in its TLB: what it
 * sees right after must be the new state (a missing flush shows on the
 * host build, whose TLB never forgets on its own).
 */
static void mremap_and_mprotect_reach_the_cpu(struct kunit *test)
{
	struct mm_struct *mm = vm_case_mm(test);
	unsigned long addr = VM_MMAP(test, 2 * PAGE_SIZE), to = addr - 4 * MB;
	volatile u32 *p = (u32 *)addr, *q = (u32 *)to;
	u32 v = 7;

	p[0] = 1;				/* both pages mapped, writable */
	p[PAGE_SIZE / 4] = 2;
	KUNIT_ASSERT_EQ(test, vm_mremap(addr, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
					MREMAP_MAYMOVE | MREMAP_FIXED, to), to);
	KUNIT_EXPECT_EQ(test, get_user(v, (u32 *)addr), -EFAULT);	/* moved away */
	KUNIT_EXPECT_EQ(test, v, 0);
	KUNIT_EXPECT_EQ(test, q[0], 1);
	KUNIT_EXPECT_EQ(test, q[PAGE_SIZE / 4], 2);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, to, PAGE_SIZE, PROT_READ), 0);
	KUNIT_EXPECT_EQ(test, put_user(3u, (u32 *)to), -EFAULT);
	KUNIT_EXPECT_EQ(test, q[0], 1);
	KUNIT_EXPECT_EQ(test, put_user(4u, (u32 *)(to + PAGE_SIZE)), 0);
	KUNIT_EXPECT_EQ(test, do_mprotect(mm, to, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	KUNIT_EXPECT_EQ(test, put_user(5u, (u32 *)to), 0);
	KUNIT_EXPECT_EQ(test, q[0], 5);
	KUNIT_EXPECT_EQ(test, q[PAGE_SIZE / 4], 4);
}

/* Create, use and destroy address spaces; not one page may stay behind. */
static void many_address_spaces_no_leak(struct kunit *test)
{
	struct mm_struct *mine = vm_case_mm(test);
	unsigned long free0 = nr_free_pages_drained(), slab0 = kmalloc_live_objects();

	kthread_unuse_mm(mine);
	for (int i = 0; i < 50; i++) {
		struct mm_struct *mm = mm_alloc();
		unsigned long a, b;

		KUNIT_ASSERT_NOT_NULL(test, mm);
		kthread_use_mm(mm);
		a = VM_MMAP(test, 3 * PAGE_SIZE);
		b = VM_MMAP(test, 4 * MB);
		*(volatile int *)(a + PAGE_SIZE) = i;
		*(volatile int *)(b + 3 * MB) = i;		/* a THP */
		*(volatile int *)(b + 100);			/* huge zero page */
		kthread_unuse_mm(mm);
		mmput(mm);
	}
	kthread_use_mm(mine);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free0);
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), slab0);
}

static struct kunit_case vm_cases[] = {
	KUNIT_CASE(mmap_places_and_aligns),
	KUNIT_CASE(demand_paging_counts_faults),
	KUNIT_CASE(read_then_write_replaces_zero_page),
	KUNIT_CASE(uaccess_copies_and_faults_in),
	KUNIT_CASE(uaccess_bad_addresses_fail_cleanly),
	KUNIT_CASE(munmap_cuts_vmas),
	KUNIT_CASE(map_fixed_replaces),
	KUNIT_CASE(bad_mmap_munmap_madvise_input),
	KUNIT_CASE(madvise_dontneed_frees_and_zeroes),
	KUNIT_CASE(mremap_and_mprotect_reach_the_cpu),
	KUNIT_CASE(many_address_spaces_no_leak),
	{}
};

static struct kunit_suite vm_suite = {
	.name = "vm",
	.init = vm_case_init,
	.exit = vm_case_exit,
	.test_cases = vm_cases,
};
kunit_test_suite(vm_suite);
