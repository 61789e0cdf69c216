/*
 * tests/bench/thp_bench.c - what THPs buy and what splitting costs.
 *
 *  1. First touch of 64 MiB (one write per 4 KiB page) with THP and with
 *     4 KiB pages: 32 faults and 32 x 2 MiB clears vs 16384 faults and
 *     16384 x 4 KiB clears; in millions of cycles, and 4 KiB over THP.
 *  2. split_huge_pmd() and splitting a 2 MiB folio to order 0, each as a
 *     fraction of a copy_page() loop over 2 MiB timed just before.
 * Each figure bench_runs times, after a warm-up.  Page poisoning (a debug
 * check) is turned off while measuring, as a production kernel would run.
 * Kernel only (needs page tables).  docs/bench.md explains the figures.
 */
#include <kernel/bench.h>
#include <kernel/time.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <mm/huge_mm.h>
#include <mm/mmap.h>

#define TOUCH_BYTES	(64UL << 20)
#define TOUCH		"THP: first touch of 64 MiB, one write per 4 KiB"
#define SPLITS		"THP: splits / a copy_page loop over 2 MiB"

static u64 first_touch_cycles(enum transparent_hugepage_mode mode)
{
	enum transparent_hugepage_mode saved = transparent_hugepage_mode;
	unsigned long addr;
	u64 t0, t1;

	set_transparent_hugepage_mode(mode);
	addr = vm_mmap(NULL, 0, TOUCH_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	t0 = rdtsc_ordered();
	for (unsigned long off = 0; off < TOUCH_BYTES; off += PAGE_SIZE)
		*(volatile char *)(addr + off) = 1;
	t1 = rdtsc_ordered();
	vm_munmap(addr, TOUCH_BYTES);
	set_transparent_hugepage_mode(saved);
	return t1 - t0;
}

/* copy_page() over 2 MiB, one page into the destination, as migrate_bench's yardstick. */
static u64 copy_2m_cycles(struct page *to, struct page *from)
{
	u64 t0 = rdtsc_ordered();

	for (unsigned long off = 0; off < PMD_SIZE; off += PAGE_SIZE)
		copy_page(page_address(to) + PAGE_SIZE + off, page_address(from) + off);
	return rdtsc_ordered() - t0;
}

/* The cost of split_huge_pmd of a fresh THP, or of split_folio after it. */
static u64 split_cycles(struct mm_struct *mm, bool split_the_folio)
{
	unsigned long addr = vm_mmap(NULL, 0, PMD_SIZE, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, 0);
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	struct mm_mapping m;
	struct folio *folio;
	u64 t0, t;

	*(volatile char *)addr = 1;			/* a THP */
	mm_find_mapping(mm, addr, &m);
	folio = page_folio(pfn_to_page(m.pfn));
	t0 = rdtsc_ordered();
	split_huge_pmd(vma, mm_find_pmd(mm, addr), addr);
	t = rdtsc_ordered() - t0;
	if (split_the_folio) {
		folio_get(folio);
		folio_lock(folio);
		t0 = rdtsc_ordered();
		split_folio(folio);
		t = rdtsc_ordered() - t0;
		folio_unlock(folio);
		folio_put(folio);
	}
	vm_munmap(addr, PMD_SIZE);
	return t;
}

static void one_run(struct mm_struct *mm, struct page *a, struct page *b)
{
	u64 thp = first_touch_cycles(THP_MODE_ALWAYS);
	u64 small = first_touch_cycles(THP_MODE_NEVER);
	u64 copy;

	bench_sample(TOUCH, "first touch", "THP Mcycles", thp, 1000000);
	bench_sample(TOUCH, "first touch", "4 KiB Mcycles", small, 1000000);
	bench_sample(TOUCH, "first touch", "4 KiB / THP", small, thp);
	if (!a || !b)
		return;
	copy = copy_2m_cycles(a, b);
	bench_sample(SPLITS, "split_huge_pmd (1 PMD -> 512 PTEs)", "/ copy",
		     split_cycles(mm, false), copy);
	copy = copy_2m_cycles(a, b);
	bench_sample(SPLITS, "split_folio (order 9 -> 512 x 0)", "/ copy",
		     split_cycles(mm, true), copy);
}

static void thp_bench(void)
{
	struct mm_struct *mm = mm_alloc();
	struct page *a = alloc_pages(GFP_KERNEL, HPAGE_PMD_ORDER + 1);	/* 2 MiB + a page used */
	struct page *b = alloc_pages(GFP_KERNEL, HPAGE_PMD_ORDER);
	bool poisoning = page_poisoning;

	if (!mm)
		return;
	page_poisoning = false;
	kthread_use_mm(mm);
	if (a && b)
		memset(page_address(b), 0x5a, PMD_SIZE);
	first_touch_cycles(THP_MODE_ALWAYS);		/* warm up */
	first_touch_cycles(THP_MODE_NEVER);
	split_cycles(mm, true);
	for (unsigned int r = 0; r < bench_runs; r++)
		one_run(mm, a, b);
	kthread_unuse_mm(mm);
	mmput(mm);
	__free_pages(a, HPAGE_PMD_ORDER + 1);
	__free_pages(b, HPAGE_PMD_ORDER);
	page_poisoning = poisoning;
}
benchmark("thp", thp_bench);
