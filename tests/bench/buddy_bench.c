/*
 * tests/bench/buddy_bench.c - cycles per alloc+free pair of the buddy allocator.
 *
 * For orders 0, 1, 3 and 9, allocate and immediately free the same block
 * size many times and divide the TSC cycles by the number of pairs.  Run
 * with page poisoning on (the debug default: every free fills the block
 * with 0xaa and every allocation checks it) and off, so the price of the
 * debug check is visible.  Also built into the host benchmark program.
 */
#include <kernel/bench.h>
#include <kernel/time.h>
#include <mm/mm.h>

static const unsigned int bench_orders[] = { 0, 1, 3, 9 };

static u64 cycles_per_pair(unsigned int order, unsigned long iterations)
{
	u64 start, end;

	for (int i = 0; i < 16; i++)		/* warm up caches and lists */
		__free_pages(alloc_pages(__GFP_NOFAULT, order), order);
	start = rdtsc_ordered();
	for (unsigned long i = 0; i < iterations; i++) {
		struct page *page = alloc_pages(__GFP_NOFAULT, order);

		__free_pages(page, order);
	}
	end = rdtsc_ordered();
	return (end - start) / iterations;
}

static void buddy_bench(void)
{
	bool saved = page_poisoning;

	bench_printf("cycles per alloc_pages()+__free_pages() pair (TSC cycles)\n");
	bench_printf("%-6s %16s %16s %10s\n", "order", "poison on", "poison off", "ratio");
	for (unsigned int i = 0; i < ARRAY_SIZE(bench_orders); i++) {
		unsigned int order = bench_orders[i];
		unsigned long n = order >= 9 ? 2000 : 200000 >> order;
		u64 on, off;

		page_poisoning = true;
		on = cycles_per_pair(order, n);
		page_poisoning = false;
		off = cycles_per_pair(order, n);
		bench_printf("%-6u %16lu %16lu %9lu.%lux\n", order, (unsigned long)on,
			     (unsigned long)off, (unsigned long)(on / (off ? off : 1)),
			     (unsigned long)(on * 10 / (off ? off : 1) % 10));
	}
	page_poisoning = saved;
}
benchmark("buddy", buddy_bench);
