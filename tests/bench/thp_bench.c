/*
 * tests/bench/thp_bench.c - what THPs buy and what splitting costs.
 *
 *  1. First touch of 64 MiB (one write per 4 KiB page) with THP and with
 *     4 KiB pages: 32 faults and 32 x 2 MiB clears vs 16384 faults.
 *  2. split_huge_pmd() and splitting a 2 MiB folio to order 0, each as a
 *     fraction of copying 2 MiB with memcpy, measured in the same run.
 * Page poisoning (a debug check) is turned off while measuring, as a
 * production kernel would run.  Kernel only (needs page tables).
 * Figures, not pass/fail.
 */
#include <kernel/bench.h>
#include <kernel/time.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <mm/huge_mm.h>
#include <mm/mmap.h>

#define TOUCH_BYTES	(64UL << 20)
#define ROUNDS		8

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

static u64 memcpy_2m_cycles(void)
{
	struct page *a = alloc_pages(GFP_KERNEL, HPAGE_PMD_ORDER);
	struct page *b = alloc_pages(GFP_KERNEL, HPAGE_PMD_ORDER);
	u64 best = ~0ULL;

	for (int r = 0; r < ROUNDS && a && b; r++) {
		u64 t0 = rdtsc_ordered();

		memcpy(page_address(a), page_address(b), PMD_SIZE);
		best = min(best, rdtsc_ordered() - t0);
	}
	__free_pages(a, HPAGE_PMD_ORDER);
	__free_pages(b, HPAGE_PMD_ORDER);
	return best;
}

/* Best of ROUNDS: the cost of split_huge_pmd, or of split_folio after it. */
static u64 split_cycles(struct mm_struct *mm, bool split_the_folio)
{
	u64 best = ~0ULL;

	for (int r = 0; r < ROUNDS; r++) {
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
		best = min(best, t);
		vm_munmap(addr, PMD_SIZE);
	}
	return best;
}

static void print_ratio(const char *what, u64 num, u64 den)
{
	bench_printf("%-34s %12lu cycles  %5lu.%02lu%% of a 2 MiB memcpy\n", what,
		     (unsigned long)num, (unsigned long)(num * 100 / den),
		     (unsigned long)(num * 10000 / den % 100));
}

static void thp_bench(void)
{
	struct mm_struct *mm = mm_alloc();
	bool poisoning = page_poisoning;
	u64 thp, small, copy;

	if (!mm)
		return;
	page_poisoning = false;
	kthread_use_mm(mm);
	first_touch_cycles(THP_MODE_ALWAYS);		/* warm up */
	thp = first_touch_cycles(THP_MODE_ALWAYS);
	small = first_touch_cycles(THP_MODE_NEVER);
	bench_printf("first touch of 64 MiB (one write per 4 KiB page)\n");
	bench_printf("  with THP (32 faults)      %14lu cycles\n", (unsigned long)thp);
	bench_printf("  with 4 KiB (16384 faults) %14lu cycles\n", (unsigned long)small);
	bench_printf("  THP is %lu.%02lux faster\n", (unsigned long)(small / thp),
		     (unsigned long)(small * 100 / thp % 100));
	copy = memcpy_2m_cycles();
	bench_printf("memcpy of 2 MiB                    %12lu cycles (best of %d)\n",
		     (unsigned long)copy, ROUNDS);
	print_ratio("split_huge_pmd (1 PMD -> 512 PTEs)", split_cycles(mm, false), copy);
	print_ratio("split_folio (order 9 -> 512 x 0)", split_cycles(mm, true), copy);
	kthread_unuse_mm(mm);
	mmput(mm);
	page_poisoning = poisoning;
}
benchmark("thp", thp_bench);
