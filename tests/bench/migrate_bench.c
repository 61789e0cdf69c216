/*
 * tests/bench/migrate_bench.c - what migrating to device memory and back
 * costs, set against copying the same bytes.
 *
 * Linux's hmm-tests benchmark_thp_migration in miniature.  For buffers of
 * 2 MiB to 256 MiB, HMM_DMIRROR_MIGRATE_TO_DEV and _TO_SYS over the whole
 * buffer, in three modes:
 *   THP    MADV_HUGEPAGE: 2 MiB folios move whole, both ways;
 *   split  MADV_HUGEPAGE, but the 2 MiB destination cannot be had (device
 *          2 MiB allocations fail to the device, order-9 allocations fail
 *          back to RAM), so every THP is split mid-migration;
 *   4K     MADV_NOHUGEPAGE: 512 small pages per 2 MiB from the start.
 * Buffers under 2 MiB hold no THP: they run as 4K only, and say so.
 *
 * What is timed: each 2 MiB ioctl minus its read-back (TO_DEV copies the
 * range back into cmd.ptr, as Linux's dmirror does; the driver times that
 * in dmirror_device_stats.migrate_cycles[DMIRROR_MIG_READBACK], and it is
 * left out).  The yardstick, timed just before each ioctl: copy_page() over
 * the same number of bytes, 4 KiB at a time (copy_loop_cycles).  Two
 * figures per pass, summed over its ioctls:
 *   share     copy cycles / migration cycles (1.0: migrating costs no more
 *             than copying the data);
 *   residual  (migration - copy) cycles per 4 KiB page: what the engine and
 *             the driver cost per page on top of the copy.
 * Each figure is measured bench_runs times after a warm-up round trip; a
 * sample of a buffer under SAMPLE_MIN sums as many round trips as make
 * SAMPLE_MIN, so that one ioctl's luck (an interrupt, a cache line that
 * was or was not there) does not decide a small row.
 * For one size (PROFILE_SIZE) the driver's phases also go out, as shares
 * of the migration.  Then the data must have come back intact and the
 * device's free pages back to where they were, or a line says so.  Page
 * poisoning (a debug check) is off while measuring.  Kernel only.
 * docs/bench.md explains the figures.
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
 * buffers at the same offset in a power-of-two window (1 MiB with its
 * default 256 entries; QEMU resizes the TLB as it is used) runs up to ~8x
 * slower (measured).  One page of skew keeps the read-back and the
 * yardstick (which copies each page to the next one, below) out of it,
 * whatever the TLB's size, and costs nothing on hardware.  (The
 * migration's own copies, 2 MiB-aligned block to block, fall into it
 * when the two blocks happen to be a window apart: on host time that is
 * part of what the figures show; -icount does not see it.)
 */
#define MIG_PIECE	PMD_SIZE
#define SKEW		PAGE_SIZE
#define PROFILE_SIZE	(64UL << 20)
#define SAMPLE_MIN	(16UL << 20)	/* bytes moved each way by one sample, at least */
/*
 * The yardstick's pool: CP_CHUNKS pairs of 2 MiB blocks, from and to, as
 * many as the largest buffer has pieces, so that each row's copy loop
 * streams through as many bytes as its migration does.  (With a smaller
 * pool reused, the copies of a 256 MiB row stayed in this machine's cache
 * while the migration went to memory, and the share fell with the size.)
 * The copy of page i goes to page i + 1 of its block (the last to the
 * first): the skew, without a bigger block.
 */
#define CP_CHUNKS	((256UL << 20) / PMD_SIZE)
#define FAIL_SEED	0x6d6967ULL

static const unsigned long bench_sizes[] = {
	512UL << 10, 1UL << 20, 2UL << 20, 4UL << 20, 8UL << 20, 16UL << 20,
	32UL << 20, 64UL << 20, 128UL << 20, 256UL << 20,
};

enum mig_mode { MODE_THP, MODE_SPLIT, MODE_4K, NR_MODES };
static const char *const mode_names[NR_MODES] = { "THP", "split", "4 KiB" };

struct mig_bench {
	struct dmirror *dmirror;
	void *mirror;			/* MIG_PIECE + SKEW bytes for the device to copy into */
	struct page *cp_src[CP_CHUNKS], *cp_dst[CP_CHUNKS];
	unsigned int cp_chunks;
	unsigned long dev_free;		/* dmirror0's free pages when we started */
};

/* One timed pass in one direction. */
struct mig_pass {
	u64 cycles;			/* the ioctls minus the read-back */
	u64 copy;			/* the yardstick over the same bytes */
	u64 phase[DMIRROR_MIG_NR_PHASES];
	unsigned long thp, split;	/* THPs moved whole / split */
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

static u64 copy_loop_cycles(struct mig_bench *mb, unsigned long size, unsigned int k);

static void phase_cycles(u64 out[DMIRROR_MIG_NR_PHASES])
{
	struct dmirror_device_stats st;

	if (dmirror_device_stats(0, &st))
		memset(&st, 0, sizeof(st));
	memcpy(out, st.migrate_cycles, sizeof(st.migrate_cycles));
}

/*
 * One pass over the buffer in MIG_PIECE ioctls; times it into *pass if
 * asked, each ioctl right after the yardstick over as many bytes, so that
 * whatever slows the machine down for a while (under TCG: other work on
 * the host) weighs on both alike.
 */
static long migrate_pass(struct mig_bench *mb, unsigned long addr, unsigned long size,
			 bool to_dev, struct mig_pass *pass)
{
	unsigned long thp = vm_event_count(THP_MIGRATION_SUCCESS);
	unsigned long split = vm_event_count(THP_MIGRATION_SPLIT);
	u64 before[DMIRROR_MIG_NR_PHASES], after[DMIRROR_MIG_NR_PHASES], total = 0, copy = 0;

	phase_cycles(before);
	for (unsigned long off = 0; off < size; off += MIG_PIECE) {
		struct hmm_dmirror_cmd cmd = {
			.addr = addr + off,
			.ptr = (u64)mb->mirror + SKEW,
			.npages = min(MIG_PIECE, size - off) >> PAGE_SHIFT,
		};
		long ret;
		u64 t0;

		if (pass)
			copy += copy_loop_cycles(mb, cmd.npages << PAGE_SHIFT,
						 off / MIG_PIECE % DIV_ROUND_UP(size, MIG_PIECE));
		t0 = rdtsc_ordered();
		ret = dmirror_ioctl(mb->dmirror, to_dev ? HMM_DMIRROR_MIGRATE_TO_DEV :
				    HMM_DMIRROR_MIGRATE_TO_SYS, &cmd);
		total += rdtsc_ordered() - t0;
		/* TO_DEV reads the whole piece back: -ENOENT if one page stayed */
		if (ret)
			return ret;
	}
	if (!pass)
		return 0;
	phase_cycles(after);
	for (int p = 0; p < DMIRROR_MIG_NR_PHASES; p++)
		pass->phase[p] = after[p] - before[p];
	pass->cycles = total - pass->phase[DMIRROR_MIG_READBACK];
	pass->copy = copy;
	pass->thp = vm_event_count(THP_MIGRATION_SUCCESS) - thp;
	pass->split = vm_event_count(THP_MIGRATION_SPLIT) - split;
	return 0;
}

/*
 * The split path only happens to a THP, and after one trip through it the
 * buffer is 4 KiB pages for good.  So each direction gets a fresh THP
 * buffer (mapped and filled outside the timing): to the device with its
 * 2 MiB allocations failing, and back to RAM from real device THPs with
 * order-9 allocations failing.  The injection is on only during the pass,
 * so the kmalloc of the mirror and the THP faults are never hit.
 */
static long split_remap(unsigned long *addr, unsigned long size)
{
	vm_munmap(*addr, size);
	*addr = buf_map(size, true);
	return *addr ? 0 : -ENOMEM;
}

static long split_pass(struct mig_bench *mb, unsigned long *addr, unsigned long size,
		       bool to_dev, struct mig_pass *pass)
{
	long ret = split_remap(addr, size);

	if (!ret && !to_dev)		/* whole THPs to the device first */
		ret = migrate_pass(mb, *addr, size, true, NULL);
	if (ret)
		return ret;
	if (to_dev)
		dmirror_set_fail_huge(0, 100, FAIL_SEED);
	else
		fail_page_alloc_setup(HPAGE_PMD_ORDER, 1, 100, -1, 0);
	ret = migrate_pass(mb, *addr, size, to_dev, pass);
	dmirror_set_fail_huge(0, 0, 0);
	fail_page_alloc_disable();
	if (ret || !to_dev)
		return ret;
	/* the buffer went through the split to the device: check it there and back */
	ret = migrate_pass(mb, *addr, size, false, NULL);
	if (!ret && first_bad((int *)*addr, size / sizeof(int)) != size / sizeof(int))
		bench_printf("split: DATA MISMATCH after the split to the device\n");
	return ret;
}

/* A pass of this mode and direction; THP and 4K buffers go back and forth. */
static long mode_pass(struct mig_bench *mb, unsigned long *addr, unsigned long size,
		      enum mig_mode mode, bool to_dev, struct mig_pass *pass)
{
	if (mode == MODE_SPLIT)
		return split_pass(mb, addr, size, to_dev, pass);
	return migrate_pass(mb, *addr, size, to_dev, pass);
}

/* ---- copy_page, the yardstick ---- */

static void cp_pool_free(struct mig_bench *mb)
{
	for (unsigned int i = 0; i < mb->cp_chunks; i++) {
		__free_pages(mb->cp_src[i], HPAGE_PMD_ORDER);
		__free_pages(mb->cp_dst[i], HPAGE_PMD_ORDER);
	}
	mb->cp_chunks = 0;
}

static void cp_pool_alloc(struct mig_bench *mb)
{
	while (mb->cp_chunks < CP_CHUNKS) {
		struct page *src = alloc_pages(GFP_KERNEL, HPAGE_PMD_ORDER);
		struct page *dst = alloc_pages(GFP_KERNEL, HPAGE_PMD_ORDER);

		if (!src || !dst) {
			if (src)
				__free_pages(src, HPAGE_PMD_ORDER);
			if (dst)
				__free_pages(dst, HPAGE_PMD_ORDER);
			return;
		}
		memset(page_address(src), 0x5a, PMD_SIZE);
		memset(page_address(dst), 0, PMD_SIZE);
		mb->cp_src[mb->cp_chunks] = src;
		mb->cp_dst[mb->cp_chunks++] = dst;
	}
}

/*
 * copy_page() over size bytes (at most 2 MiB), a 4 KiB page at a time,
 * from and to pair k of the pool (modulo its size), each page one on in
 * the destination.  The caller's k runs over as many pairs as its buffer
 * has 2 MiB pieces, so that the yardstick stays in the caches when the
 * buffer does (between 4 and 32 MiB it does not quite: docs/bench.md).
 */
static u64 copy_loop_cycles(struct mig_bench *mb, unsigned long size, unsigned int k)
{
	void *dst, *src;
	u64 t0;

	k %= mb->cp_chunks;
	dst = page_address(mb->cp_dst[k]);
	src = page_address(mb->cp_src[k]);
	t0 = rdtsc_ordered();
	for (unsigned long off = 0; off < size; off += PAGE_SIZE)
		copy_page(dst + ((off + PAGE_SIZE) & (PMD_SIZE - 1)), src + off);
	return rdtsc_ordered() - t0;
}

/* ---- the figures ---- */

static void fmt_size(char *buf, size_t len, unsigned long size)
{
	if (size < (1UL << 20))
		snprintf(buf, len, "%lu KiB", size >> 10);
	else
		snprintf(buf, len, "%lu MiB", size >> 20);
}

static const char *const phase_names[DMIRROR_MIG_NR_PHASES] = {
	"setup", "alloc+copy", "pages", "finalize", "read-back",
};

/* The figures of one pass; row is mode and size, and the direction picks the columns. */
static void sample_pass(const char *row, bool to_dev, unsigned long size,
			const struct mig_pass *pass, bool profile)
{
	const char *dir = to_dev ? "sys->dev" : "dev->sys";
	char unit[32], label[48];
	u64 in_phases = 0;

	snprintf(unit, sizeof(unit), "share %s", dir);
	bench_sample("migration: copy_page loop / migration, same bytes", row, unit,
		     pass->copy, pass->cycles);
	snprintf(unit, sizeof(unit), "residual/page %s", dir);
	bench_sample("migration: copy_page loop / migration, same bytes", row, unit,
		     ((s64)pass->cycles - (s64)pass->copy) / (s64)(size >> PAGE_SHIFT), 1);
	if (!profile)
		return;
	snprintf(label, sizeof(label), "%s %s", row, dir);
	for (int p = 0; p < DMIRROR_MIG_READBACK; p++) {
		bench_sample("migration phases: share of the migration", label, phase_names[p],
			     pass->phase[p], pass->cycles);
		in_phases += pass->phase[p];
	}
	bench_sample("migration phases: share of the migration", label, "ioctl, loop",
		     pass->cycles - in_phases, pass->cycles);
}

/* Did the pass move the THPs the mode means to (whole, split, none)? */
static void check_thps(const char *row, bool to_dev, enum mig_mode mode, unsigned long size,
		       const struct mig_pass *pass)
{
	unsigned long thps = size >= PMD_SIZE && mode != MODE_4K ? size / PMD_SIZE : 0;
	unsigned long whole = mode == MODE_THP ? thps : 0, split = mode == MODE_SPLIT ? thps : 0;

	if (pass->thp != whole || pass->split != split)
		bench_printf("%s %s: %lu THPs moved whole and %lu split, not %lu and %lu\n",
			     row, to_dev ? "sys->dev" : "dev->sys", pass->thp, pass->split,
			     whole, split);
}

/* Adds pass b to sum a. */
static void pass_add(struct mig_pass *a, const struct mig_pass *b)
{
	a->cycles += b->cycles;
	a->copy += b->copy;
	for (int p = 0; p < DMIRROR_MIG_NR_PHASES; p++)
		a->phase[p] += b->phase[p];
	a->thp += b->thp;
	a->split += b->split;
}

/*
 * One sample of each direction: reps round trips, summed per direction,
 * each pass checked for the THPs it moved.
 */
static long sample_round_trips(struct mig_bench *mb, unsigned long *addr, unsigned long size,
			       enum mig_mode mode, unsigned long reps, const char *row)
{
	struct mig_pass sum[2] = { 0 };
	long ret = 0;

	for (unsigned long i = 0; i < reps && !ret; i++) {
		for (int to_dev = 1; to_dev >= 0 && !ret; to_dev--) {
			struct mig_pass pass;

			ret = mode_pass(mb, addr, size, mode, to_dev, &pass);
			if (ret)
				break;
			check_thps(row, to_dev, mode, size, &pass);
			pass_add(&sum[to_dev], &pass);
		}
	}
	for (int to_dev = 1; to_dev >= 0 && !ret; to_dev--)
		sample_pass(row, to_dev, size * reps, &sum[to_dev], size == PROFILE_SIZE);
	return ret;
}

/*
 * One size in one mode: a warm-up round trip, then bench_runs samples per
 * direction, each ioctl timed right after its yardstick.  A failed ioctl,
 * a device page that never came back and data that did not survive each
 * get a line of their own.  The device is checked before the data:
 * reading the buffer would fault any page left on the device back and
 * hide the leak.
 */
static void bench_mode(struct mig_bench *mb, unsigned long size, enum mig_mode mode)
{
	unsigned long addr = buf_map(size, mode != MODE_4K);
	unsigned long n = size / sizeof(int), bad, dev_free;
	unsigned long reps = DIV_ROUND_UP(SAMPLE_MIN, size);
	char sz[16], row[24];
	long ret;

	fmt_size(sz, sizeof(sz), size);
	snprintf(row, sizeof(row), "%-5s %7s", mode_names[mode], sz);
	if (!addr) {
		bench_printf("%s: no memory to map the buffer\n", row);
		return;
	}
	ret = mode_pass(mb, &addr, size, mode, true, NULL);
	if (!ret)
		ret = mode_pass(mb, &addr, size, mode, false, NULL);
	for (unsigned int r = 0; r < bench_runs && !ret; r++)
		ret = sample_round_trips(mb, &addr, size, mode, reps, row);
	if (ret)
		bench_printf("%s: migration failed: %ld\n", row, ret);
	dev_free = dmirror_device_free_pages(0);
	if (dev_free != mb->dev_free)
		bench_printf("%s: DEVICE LEAK: %lu free pages, %lu at the start\n",
			     mode_names[mode], dev_free, mb->dev_free);
	if (addr && !ret) {
		bad = first_bad((int *)addr, n);
		if (bad != n)
			bench_printf("%s %s: DATA MISMATCH at int %lu: %d\n", mode_names[mode], sz,
				     bad, ((int *)addr)[bad]);
	}
	if (addr)
		vm_munmap(addr, size);
}

/* Does size fit on the device and, with room to spare, in RAM? */
static bool size_fits(struct mig_bench *mb, unsigned long size)
{
	unsigned long ram = nr_free_pages() << PAGE_SHIFT;
	char sz[16];

	fmt_size(sz, sizeof(sz), size);
	if ((size >> PAGE_SHIFT) > mb->dev_free) {
		bench_printf("%s skipped: dmirror0 has %lu MiB free\n", sz,
			     (mb->dev_free << PAGE_SHIFT) >> 20);
		return false;
	}
	/* the buffer, its page tables and a chunk in flight: twice is plenty */
	if (2 * size > ram) {
		bench_printf("%s skipped: %lu MiB of RAM free\n", sz, ram >> 20);
		return false;
	}
	return true;
}

static void bench_all_sizes(struct mig_bench *mb)
{
	bench_printf("migration: dmirror0 has %lu MiB free; %u runs of each figure after a"
		     " warm-up\n", (mb->dev_free << PAGE_SHIFT) >> 20, bench_runs);
	for (unsigned int i = 0; i < ARRAY_SIZE(bench_sizes); i++) {
		unsigned long size = bench_sizes[i];

		if (!size_fits(mb, size))
			continue;
		if (size > mb->cp_chunks * PMD_SIZE)
			bench_printf("%lu MiB: the copy loop has only %u MiB to copy from, and"
				     " repeats it\n", size >> 20, mb->cp_chunks * 2);
		for (int mode = 0; mode < NR_MODES; mode++)
			if (size >= PMD_SIZE || mode == MODE_4K)
				bench_mode(mb, size, mode);
	}
}

static void migrate_bench(void)
{
	enum transparent_hugepage_mode thp_mode = transparent_hugepage_mode;
	bool poisoning = page_poisoning;
	struct mig_bench mb = { .dev_free = dmirror_device_free_pages(0) };
	unsigned long sys_free;
	struct mm_struct *mm;

	drain_all_pages(NULL);		/* pages on the per-CPU lists are not counted free */
	sys_free = nr_free_pages();
	mm = mm_alloc();
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
	drain_all_pages(NULL);
	if (nr_free_pages() != sys_free)
		bench_printf("SYSTEM LEAK: %lu free pages, %lu at the start\n", nr_free_pages(),
			     sys_free);
}
benchmark("migrate", migrate_bench);
