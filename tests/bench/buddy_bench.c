/*
 * tests/bench/buddy_bench.c - cycles per alloc_pages() + __free_pages() pair.
 *
 * Three patterns, each with page poisoning off (Linux's default) and on
 * (the debug check: every free writes 0xaa over the block and every
 * allocation reads it back), per order 0-10:
 *   ping-pong       allocate a block and free it at once, over and over.
 *                   Orders 0-3 and 9 go to the per-CPU list and come
 *                   straight back from it (a pcp hit); other orders split
 *                   a block and merge it again every time.
 *   fill+free       allocate FILL_BYTES in blocks of one order, then free
 *                   them in address order (sorted outside the timing),
 *                   from drained per-CPU lists.
 *   random trace    TRACE_OPS steps of a trace made beforehand from a fixed
 *                   seed: allocate a block of a random order 0-9, or free a
 *                   random live one, at most TRACE_BUDGET live; everything
 *                   left is freed at the end, inside the timing.
 * The figure is TSC cycles over the number of pairs.  Built into the host
 * benchmark program (`make bench`: native rdtsc, -O2, per-CPU lists on);
 * the kernel has it too (bench=buddy), where TCG cycles are emulation time.
 */
#include <kernel/bench.h>
#include <kernel/time.h>
#include <kernel/random.h>
#include <kernel/printk.h>
#include <mm/mm.h>

#define FILL_BYTES	(16UL << 20)
#define FILL_MAX	(FILL_BYTES >> PAGE_SHIFT)
#define TRACE_OPS	20000
#define TRACE_SLOTS	256		/* live blocks at most */
#define TRACE_BUDGET	((16UL << 20) >> PAGE_SHIFT)	/* live pages at most */
#define TRACE_MAX_ORDER	9
#define TRACE_SEED	0x6275646479ULL
#define SECTION		"buddy: cycles per alloc+free pair"

static struct page *blocks[FILL_MAX > TRACE_SLOTS ? FILL_MAX : TRACE_SLOTS];

struct trace_op {
	u8 alloc;		/* else free */
	u8 order;
	u16 slot;		/* blocks[slot] */
};
static struct trace_op trace[TRACE_OPS];
static unsigned long trace_allocs;

static unsigned long pingpong_iterations(unsigned int order)
{
	return max(100000UL >> order, 64UL);	/* about as many bytes per order */
}

static u64 pingpong_cycles(unsigned int order, unsigned long n)
{
	u64 t0;

	for (int i = 0; i < 16; i++)		/* warm up caches and lists */
		__free_pages(alloc_pages(__GFP_NOFAULT, order), order);
	t0 = rdtsc_ordered();
	for (unsigned long i = 0; i < n; i++)
		__free_pages(alloc_pages(__GFP_NOFAULT, order), order);
	return rdtsc_ordered() - t0;
}

/* Shell sort of blocks[0..n) by address: the free order of fill+free. */
static void sort_blocks(unsigned long n)
{
	for (unsigned long gap = n / 2; gap; gap /= 2)
		for (unsigned long i = gap; i < n; i++)
			for (unsigned long j = i; j >= gap && blocks[j - gap] > blocks[j]; j -= gap) {
				struct page *t = blocks[j];

				blocks[j] = blocks[j - gap];
				blocks[j - gap] = t;
			}
}

/* Cycles for n blocks of this order allocated, then freed; *n is how many came. */
static u64 fill_free_cycles(unsigned int order, unsigned long *n)
{
	unsigned long want = FILL_MAX >> order, got = 0;
	u64 t0, alloc, t1;

	drain_all_pages(NULL);
	t0 = rdtsc_ordered();
	while (got < want && (blocks[got] = alloc_pages(__GFP_NOFAULT | __GFP_NOWARN, order)))
		got++;
	alloc = rdtsc_ordered() - t0;
	sort_blocks(got);
	t1 = rdtsc_ordered();
	for (unsigned long i = 0; i < got; i++)
		__free_pages(blocks[i], order);
	*n = got;
	return alloc + rdtsc_ordered() - t1;
}

/* The random trace, the same every run: TRACE_BUDGET pages and TRACE_SLOTS blocks at most. */
static void make_trace(void)
{
	u16 live[TRACE_SLOTS], free_slots[TRACE_SLOTS];
	u8 order_of[TRACE_SLOTS];
	unsigned int nlive = 0, nfree = TRACE_SLOTS;
	unsigned long pages = 0;
	struct rnd_state rnd;

	prandom_seed_state(&rnd, TRACE_SEED);
	for (unsigned int i = 0; i < TRACE_SLOTS; i++)
		free_slots[i] = TRACE_SLOTS - 1 - i;
	trace_allocs = 0;
	for (unsigned int i = 0; i < TRACE_OPS; i++) {
		unsigned int order = prandom_u32_below(&rnd, TRACE_MAX_ORDER + 1);
		bool alloc = prandom_u32_below(&rnd, 2) && nfree &&
			     pages + (1UL << order) <= TRACE_BUDGET;

		if (alloc || !nlive) {
			if (!alloc)		/* nothing live and no room: cannot happen */
				order = 0;
			trace[i] = (struct trace_op){ 1, order, free_slots[--nfree] };
			order_of[trace[i].slot] = order;
			live[nlive++] = trace[i].slot;
			pages += 1UL << order;
			trace_allocs++;
		} else {
			unsigned int k = prandom_u32_below(&rnd, nlive);
			u16 slot = live[k];

			live[k] = live[--nlive];
			trace[i] = (struct trace_op){ 0, order_of[slot], slot };
			free_slots[nfree++] = slot;
			pages -= 1UL << order_of[slot];
		}
	}
}

/* Replays the trace, then frees what is still live; *failed counts NULL allocations. */
static u64 trace_cycles(unsigned long *failed)
{
	static u8 live_order[TRACE_SLOTS];
	unsigned long nulls = 0;
	u64 t0;

	for (unsigned int s = 0; s < TRACE_SLOTS; s++)
		blocks[s] = NULL;
	t0 = rdtsc_ordered();
	for (unsigned int i = 0; i < TRACE_OPS; i++) {
		const struct trace_op *op = &trace[i];

		if (op->alloc) {
			blocks[op->slot] = alloc_pages(__GFP_NOFAULT | __GFP_NOWARN, op->order);
			live_order[op->slot] = op->order;
			nulls += !blocks[op->slot];	/* freeing NULL is a no-op */
		} else {
			__free_pages(blocks[op->slot], op->order);
			blocks[op->slot] = NULL;
		}
	}
	for (unsigned int s = 0; s < TRACE_SLOTS; s++)
		if (blocks[s])
			__free_pages(blocks[s], live_order[s]);
	*failed = nulls;
	return rdtsc_ordered() - t0;
}

/* One sample of every figure, poisoning as given. */
static void one_run(bool poison)
{
	const char *mode = poison ? "poison on" : "poison off";
	unsigned long n, failed;
	char label[32];
	u64 c;

	page_poisoning = poison;
	for (unsigned int order = 0; order <= MAX_PAGE_ORDER; order++) {
		n = pingpong_iterations(order);
		snprintf(label, sizeof(label), "ping-pong order %u", order);
		bench_sample(SECTION, label, mode, pingpong_cycles(order, n), n);
	}
	for (unsigned int order = 0; order <= MAX_PAGE_ORDER; order++) {
		snprintf(label, sizeof(label), "fill+free order %u", order);
		c = fill_free_cycles(order, &n);
		if (n < (FILL_MAX >> order))
			bench_printf("%s: only %lu of %lu blocks\n", label, n, FILL_MAX >> order);
		bench_sample(SECTION, label, mode, c, n);
	}
	c = trace_cycles(&failed);
	if (failed)
		bench_printf("random trace: %lu allocations failed\n", failed);
	bench_sample(SECTION, "random trace, orders 0-9", mode, c, trace_allocs);
}

static void buddy_bench(void)
{
	bool saved = page_poisoning;

	make_trace();
	bench_printf("buddy: per-CPU lists %s; fill+free: %lu MiB per order; random trace: "
		     "%d steps, %lu allocations, at most %lu MiB live\n",
		     normal_zone.per_cpu_pageset ? "on" : "off", FILL_BYTES >> 20, TRACE_OPS,
		     trace_allocs, (TRACE_BUDGET << PAGE_SHIFT) >> 20);
	/*
	 * All runs without poisoning first: a block freed with poisoning on is
	 * checked when it is handed out again whatever the mode by then, which
	 * would charge the check to "poison off".
	 */
	for (int poison = 0; poison < 2; poison++)
		for (unsigned int r = 0; r < bench_runs; r++)
			one_run(poison);
	page_poisoning = saved;
}
benchmark("buddy", buddy_bench);
