/*
 * tests/bench/migrate_bench.c - what migrating to device memory and back costs.
 *
 * Linux's hmm-tests benchmark_thp_migration in miniature: for buffers of
 * 512 KiB up to what dmirror0 and RAM can hold, time HMM_DMIRROR_MIGRATE_TO_DEV
 * and _TO_SYS over the whole buffer in three modes:
 *   THP    MADV_HUGEPAGE: 2 MiB folios move whole, both ways;
 *   split  MADV_HUGEPAGE, but the 2 MiB destination cannot be had (device
 *          2 MiB allocations fail to the device, order-9 allocations fail
 *          back to RAM), so every THP is split mid-migration;
 *   4K     MADV_NOHUGEPAGE: 512 small pages per 2 MiB from the start.
 * Each figure is set against an in-kernel memcpy of the same number of
 * bytes timed in the same run (memcpy cycles / migration cycles).  Then the
 * data must have come back intact and the device's free pages back to where
 * they were, or the row says so.  Page poisoning (a debug check) is off
 * while measuring.  Kernel only.  Figures, not pass/fail.
 */
#include <kernel/bench.h>
#include <kernel/time.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <drivers/dmirror.h>
#include <mm/huge_mm.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include <mm/vmstat.h>
#include <mm/fault-inject.h>

/*
 * MIGRATE_TO_DEV copies the range back into cmd.ptr, which must hold it
 * all, and one kmalloc gives at most 4 MiB (MAX_PAGE_ORDER).  So a pass is
 * 2 MiB ioctls (one PMD each: no THP is cut, and the driver works in 2 MiB
 * chunks anyway), their cycles summed, into a 4 MiB mirror at SKEW bytes in.
 *
 * SKEW: under TCG, QEMU's soft TLB is direct-mapped, and a copy between two
 * buffers at the same offset in a power-of-two window of 2 MiB or so runs
 * ~15x slower (measured), which a kmalloc'ed 4 MiB mirror against a 2 MiB
 * device folio would hit every time.  One page of skew avoids it and costs
 * nothing on hardware.  The memcpy yardstick is skewed the same way.
 */
#define MIG_PIECE	PMD_SIZE
#define SKEW		PAGE_SIZE
#define ROUNDS		3
#define ROUNDS_BIG	2		/* >= 64 MiB: each pass is slow under TCG */
#define BIG_SIZE	(64UL << 20)
/* The memcpy pool: 16 x 2 MiB from, 16 x 4 MiB (2 MiB used, skewed) to. */
#define CP_CHUNKS	16
#define CP_DST_ORDER	(HPAGE_PMD_ORDER + 1)
#define FAIL_SEED	0x6d6967ULL

static const unsigned long bench_sizes[] = {
	512UL << 10, 1UL << 20, 2UL << 20, 4UL << 20, 8UL << 20, 16UL << 20,
	32UL << 20, 64UL << 20, 128UL << 20, 256UL << 20,
};

enum mig_mode { MODE_THP, MODE_SPLIT, MODE_4K, NR_MODES };
static const char *const mode_names[NR_MODES] = { "THP", "split", "4K" };

struct mig_bench {
	struct dmirror *dmirror;
	void *mirror;			/* MIG_PIECE + SKEW bytes for the device to copy into */
	struct page *cp_src[CP_CHUNKS], *cp_dst[CP_CHUNKS];
	unsigned int cp_chunks;
	unsigned long dev_free;		/* dmirror0's free pages when we started */
};

struct mig_result {
	u64 to_dev, to_sys;		/* best of the timed passes, cycles */
	/* THPs moved whole / split, in the last timed pass of each direction */
	unsigned long thp_dev, split_dev, thp_sys, split_sys;
	long err;
};

/* ---- the buffer ---- */

static void fill_index(int *p, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		p[i] = (int)i;
}

/* Index of the first int that is not its index, or n. */
static unsigned long first_bad(const int *p, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != (int)i)
			return i;
	return n;
}

/*
 * Maps and fills size bytes; 0 on failure.  vm_mmap aligns mappings of
 * 2 MiB or more to 2 MiB, so with MADV_HUGEPAGE every 2 MiB is a THP.
 */
static unsigned long buf_map(unsigned long size, bool huge)
{
	unsigned long addr = vm_mmap(NULL, 0, size, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, 0);

	if (IS_ERR_VALUE(addr))
		return 0;
	do_madvise(current->mm, addr, size, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
	fill_index((int *)addr, size / sizeof(int));
	return addr;
}

/* ---- migration ---- */

/* One pass over the buffer in MIG_PIECE ioctls; *cycles is their sum. */
static long migrate_pass(struct mig_bench *mb, unsigned long addr, unsigned long size,
			 unsigned int req, u64 *cycles)
{
	u64 total = 0;

	for (unsigned long off = 0; off < size; off += MIG_PIECE) {
		struct hmm_dmirror_cmd cmd = {
			.addr = addr + off,
			.ptr = (u64)mb->mirror + SKEW,
			.npages = min(MIG_PIECE, size - off) >> PAGE_SHIFT,
		};
		u64 t0 = rdtsc_ordered();
		long ret = dmirror_ioctl(mb->dmirror, req, &cmd);

		total += rdtsc_ordered() - t0;
		/* TO_DEV reads the whole piece back: -ENOENT if one page stayed */
		if (ret)
			return ret;
	}
	if (cycles)
		*cycles = total;
	return 0;
}

/* A timed pass; keeps the best time and this pass's THP counts. */
static long timed_pass(struct mig_bench *mb, unsigned long addr, unsigned long size,
		       bool to_dev, struct mig_result *res)
{
	unsigned long moved = vm_event_count(THP_MIGRATION_SUCCESS);
	unsigned long split = vm_event_count(THP_MIGRATION_SPLIT);
	u64 *best = to_dev ? &res->to_dev : &res->to_sys;
	u64 t;
	long ret;

	ret = migrate_pass(mb, addr, size, to_dev ? HMM_DMIRROR_MIGRATE_TO_DEV :
			   HMM_DMIRROR_MIGRATE_TO_SYS, &t);
	if (ret)
		return ret;
	*best = min(*best, t);
	moved = vm_event_count(THP_MIGRATION_SUCCESS) - moved;
	split = vm_event_count(THP_MIGRATION_SPLIT) - split;
	if (to_dev) {
		res->thp_dev = moved;
		res->split_dev = split;
	} else {
		res->thp_sys = moved;
		res->split_sys = split;
	}
	return 0;
}

/* THP and 4K: the same buffer goes there and back round after round. */
static long round_trip(struct mig_bench *mb, unsigned long addr, unsigned long size,
		       struct mig_result *res)
{
	long ret = timed_pass(mb, addr, size, true, res);

	return ret ? ret : timed_pass(mb, addr, size, false, res);
}

/*
 * The split path only happens to a THP, and after one trip through it the
 * buffer is 4 KiB pages for good.  So each direction gets a fresh THP
 * buffer (mapped and filled outside the timing): to the device with its
 * 2 MiB allocations failing, and back to RAM from real device THPs with
 * order-9 allocations failing.  The injection is on only while timing, so
 * the kmalloc of the mirror and the THP faults are never hit.
 */
static long split_to_dev(struct mig_bench *mb, unsigned long *addr, unsigned long size,
			 struct mig_result *res)
{
	long ret;

	dmirror_set_fail_huge(0, 100, FAIL_SEED);
	ret = timed_pass(mb, *addr, size, true, res);
	dmirror_set_fail_huge(0, 0, 0);
	return ret ? ret : migrate_pass(mb, *addr, size, HMM_DMIRROR_MIGRATE_TO_SYS, NULL);
}

static long split_to_sys(struct mig_bench *mb, unsigned long *addr, unsigned long size,
			 struct mig_result *res)
{
	long ret;

	vm_munmap(*addr, size);
	*addr = buf_map(size, true);
	if (!*addr)
		return -ENOMEM;
	ret = migrate_pass(mb, *addr, size, HMM_DMIRROR_MIGRATE_TO_DEV, NULL);
	if (ret)
		return ret;
	fail_page_alloc_setup(HPAGE_PMD_ORDER, 1, 100, -1, 0);
	ret = timed_pass(mb, *addr, size, false, res);
	fail_page_alloc_disable();
	return ret;
}

static long split_round(struct mig_bench *mb, unsigned long *addr, unsigned long size,
			struct mig_result *res, bool last)
{
	long ret;

	vm_munmap(*addr, size);
	*addr = buf_map(size, true);
	if (!*addr)
		return -ENOMEM;
	ret = split_to_dev(mb, addr, size, res);
	/* the first buffer is checked too: it went through the split to the device */
	if (!ret && last && first_bad((int *)*addr, size / sizeof(int)) != size / sizeof(int))
		bench_printf("  %s: DATA MISMATCH after the split to the device\n",
			     mode_names[MODE_SPLIT]);
	return ret ? ret : split_to_sys(mb, addr, size, res);
}

/* Warm-up round trip, then the timed rounds; the buffer ends in RAM. */
static long run_mode(struct mig_bench *mb, unsigned long *addr, unsigned long size,
		     enum mig_mode mode, struct mig_result *res)
{
	int rounds = size >= BIG_SIZE ? ROUNDS_BIG : ROUNDS;
	long ret = 0;

	for (int r = 0; r <= rounds && !ret; r++) {
		if (mode == MODE_SPLIT)
			ret = split_round(mb, addr, size, res, r == rounds);
		else
			ret = round_trip(mb, *addr, size, res);
		if (r == 0) {			/* the warm-up does not count */
			res->to_dev = ~0ULL;
			res->to_sys = ~0ULL;
		}
	}
	return ret;
}

/* ---- memcpy, the yardstick ---- */

static void cp_pool_free(struct mig_bench *mb)
{
	for (unsigned int i = 0; i < mb->cp_chunks; i++) {
		__free_pages(mb->cp_src[i], HPAGE_PMD_ORDER);
		__free_pages(mb->cp_dst[i], CP_DST_ORDER);
	}
	mb->cp_chunks = 0;
}

static void cp_pool_alloc(struct mig_bench *mb)
{
	while (mb->cp_chunks < CP_CHUNKS) {
		struct page *src = alloc_pages(GFP_KERNEL, HPAGE_PMD_ORDER);
		struct page *dst = alloc_pages(GFP_KERNEL, CP_DST_ORDER);

		if (!src || !dst) {
			if (src)
				__free_pages(src, HPAGE_PMD_ORDER);
			if (dst)
				__free_pages(dst, CP_DST_ORDER);
			return;
		}
		memset(page_address(src), 0x5a, PMD_SIZE);
		mb->cp_src[mb->cp_chunks] = src;
		mb->cp_dst[mb->cp_chunks++] = dst;
	}
}

/* size bytes, 2 MiB at a time, cycling through the pool. */
static u64 memcpy_cycles(struct mig_bench *mb, unsigned long size)
{
	u64 t0 = rdtsc_ordered();

	for (unsigned long off = 0; off < size; off += PMD_SIZE) {
		unsigned int k = (off / PMD_SIZE) % mb->cp_chunks;

		memcpy(page_address(mb->cp_dst[k]) + SKEW, page_address(mb->cp_src[k]),
		       min(PMD_SIZE, size - off));
	}
	return rdtsc_ordered() - t0;
}

/* Best of the same number of rounds as the migrations, after a warm-up. */
static u64 memcpy_best(struct mig_bench *mb, unsigned long size)
{
	int rounds = size >= BIG_SIZE ? ROUNDS_BIG : ROUNDS;
	u64 best = ~0ULL;

	memcpy_cycles(mb, size);
	for (int r = 0; r < rounds; r++)
		best = min(best, memcpy_cycles(mb, size));
	return best;
}

/* ---- the table ---- */

/* "12345.67" ms, or "-" if the TSC rate is unknown. */
static void fmt_ms(char *buf, size_t len, u64 cycles)
{
	u64 ns;

	if (!tsc_khz) {
		snprintf(buf, len, "-");
		return;
	}
	ns = cycles_to_ns(cycles);
	snprintf(buf, len, "%lu.%02lu", (unsigned long)(ns / NSEC_PER_MSEC),
		 (unsigned long)(ns / (NSEC_PER_MSEC / 100) % 100));
}

/* memcpy throughput over migration throughput, as a percentage. */
static void fmt_ratio(char *buf, size_t len, u64 copy, u64 mig)
{
	u64 pct = mig ? copy * 10000 / mig : 0;

	snprintf(buf, len, "%lu.%02lu%%", (unsigned long)(pct / 100), (unsigned long)(pct % 100));
}

static void fmt_size(char *buf, size_t len, unsigned long size)
{
	if (size < (1UL << 20))
		snprintf(buf, len, "%lu KiB", size >> 10);
	else
		snprintf(buf, len, "%lu MiB", size >> 20);
}

static void print_header(void)
{
	bench_printf("%-7s %-6s %14s %9s %7s %14s %9s %7s %s\n", "size", "mode",
		     "sys->dev cyc", "ms", "vs cp", "dev->sys cyc", "ms", "vs cp",
		     "thp:split");
}

static void print_memcpy(const char *sz, u64 copy)
{
	char ms[24];

	fmt_ms(ms, sizeof(ms), copy);
	bench_printf("%-7s %-6s %14lu %9s\n", sz, "memcpy", (unsigned long)copy, ms);
}

static void print_row(const char *sz, enum mig_mode mode, const struct mig_result *res,
		      u64 copy)
{
	char ms_dev[24], ms_sys[24], r_dev[16], r_sys[16];

	fmt_ms(ms_dev, sizeof(ms_dev), res->to_dev);
	fmt_ms(ms_sys, sizeof(ms_sys), res->to_sys);
	fmt_ratio(r_dev, sizeof(r_dev), copy, res->to_dev);
	fmt_ratio(r_sys, sizeof(r_sys), copy, res->to_sys);
	bench_printf("%-7s %-6s %14lu %9s %7s %14lu %9s %7s %lu:%lu %lu:%lu\n", sz,
		     mode_names[mode], (unsigned long)res->to_dev, ms_dev, r_dev,
		     (unsigned long)res->to_sys, ms_sys, r_sys, res->thp_dev, res->split_dev,
		     res->thp_sys, res->split_sys);
}

/* ---- driving it ---- */

/*
 * One size in one mode: a failed ioctl, a device page that never came
 * back and data that did not survive each get a line of their own.
 * The device is checked before the data: reading the buffer would fault
 * any page left on the device back and hide the leak.
 */
static void bench_mode(struct mig_bench *mb, unsigned long size, enum mig_mode mode,
		       const char *sz, u64 copy)
{
	struct mig_result res = { .to_dev = ~0ULL, .to_sys = ~0ULL };
	unsigned long addr = buf_map(size, mode != MODE_4K);
	unsigned long n = size / sizeof(int), bad, dev_free;

	if (!addr) {
		bench_printf("%-7s %-6s no memory to map the buffer\n", sz, mode_names[mode]);
		return;
	}
	res.err = run_mode(mb, &addr, size, mode, &res);
	if (res.err)
		bench_printf("%-7s %-6s migration failed: %ld\n", sz, mode_names[mode], res.err);
	else
		print_row(sz, mode, &res, copy);
	dev_free = dmirror_device_free_pages(0);
	if (dev_free != mb->dev_free)
		bench_printf("  %s: DEVICE LEAK: %lu free pages, %lu at the start\n",
			     mode_names[mode], dev_free, mb->dev_free);
	if (addr && !res.err) {
		bad = first_bad((int *)addr, n);
		if (bad != n)
			bench_printf("  %s: DATA MISMATCH at int %lu: %d\n", mode_names[mode],
				     bad, ((int *)addr)[bad]);
	}
	if (addr)
		vm_munmap(addr, size);
}

/* Does size fit on the device and, with room to spare, in RAM? */
static bool size_fits(struct mig_bench *mb, unsigned long size, const char *sz)
{
	unsigned long ram = nr_free_pages() << PAGE_SHIFT;

	if ((size >> PAGE_SHIFT) > mb->dev_free) {
		bench_printf("%-7s skipped: dmirror0 has %lu MiB free\n", sz,
			     (mb->dev_free << PAGE_SHIFT) >> 20);
		return false;
	}
	/* the buffer, its page tables and a chunk in flight: twice is plenty */
	if (2 * size > ram) {
		bench_printf("%-7s skipped: %lu MiB of RAM free\n", sz, ram >> 20);
		return false;
	}
	return true;
}

static void bench_size(struct mig_bench *mb, unsigned long size)
{
	char sz[16];
	u64 copy;

	fmt_size(sz, sizeof(sz), size);
	if (!size_fits(mb, size, sz))
		return;
	copy = memcpy_best(mb, size);
	print_memcpy(sz, copy);
	for (int mode = 0; mode < NR_MODES; mode++)
		bench_mode(mb, size, mode, sz, copy);
}

static void bench_all_sizes(struct mig_bench *mb)
{
	bench_printf("dmirror0: %lu MiB free; best of %d timed passes (%d from %lu MiB)"
		     ", after a warm-up\n", (mb->dev_free << PAGE_SHIFT) >> 20, ROUNDS,
		     ROUNDS_BIG, BIG_SIZE >> 20);
	bench_printf("vs cp = memcpy cycles / migration cycles for the same bytes;"
		     " sys->dev includes\n");
	bench_printf("the ioctl's copy back into its buffer; thp:split = THPs moved whole"
		     " : split, per pass\n");
	print_header();
	for (unsigned int i = 0; i < ARRAY_SIZE(bench_sizes); i++)
		bench_size(mb, bench_sizes[i]);
}

static void migrate_bench(void)
{
	enum transparent_hugepage_mode thp_mode = transparent_hugepage_mode;
	bool poisoning = page_poisoning;
	struct mig_bench mb = { .dev_free = dmirror_device_free_pages(0) };
	unsigned long sys_free = nr_free_pages();
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return;
	page_poisoning = false;
	/* madvise: MADV_HUGEPAGE gets THPs and MADV_NOHUGEPAGE does not, whatever the boot said */
	set_transparent_hugepage_mode(THP_MODE_MADVISE);
	kthread_use_mm(mm);
	mb.dmirror = dmirror_open(0);
	mb.mirror = kmalloc(MIG_PIECE + SKEW, GFP_KERNEL);
	cp_pool_alloc(&mb);
	if (!mb.dmirror || !mb.mirror || !mb.cp_chunks)
		bench_printf("no device, or no memory for the buffers: nothing measured\n");
	else
		bench_all_sizes(&mb);
	cp_pool_free(&mb);
	kfree(mb.mirror);
	dmirror_close(mb.dmirror);
	kthread_unuse_mm(mm);
	mmput(mm);
	dmirror_set_fail_huge(0, 0, 0);
	fail_page_alloc_disable();
	set_transparent_hugepage_mode(thp_mode);
	page_poisoning = poisoning;
	if (nr_free_pages() != sys_free)
		bench_printf("SYSTEM LEAK: %lu free pages, %lu at the start\n", nr_free_pages(),
			     sys_free);
}
benchmark("migrate", migrate_bench);
