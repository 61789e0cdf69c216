/*
 * tests/bad_input_kunit.c - every public API given bad input, as tables.
 *
 * Each row is one call: its arguments as data, the result Linux 6.19 gives
 * (read from its source: the function that decides it is named above each
 * table), and a label printed if mmlab answers otherwise.  A row whose
 * .note is set expects mmlab's own answer instead: a difference listed in
 * "Where mmlab differs from Linux" (docs/paging.md, docs/migration.md,
 * docs/hmm.md, docs/buddy.md), the note saying what Linux does.  A row with .pending
 * expects Linux's answer, which mmlab does not give yet: it runs in the
 * case "pending" only, which is skipped while any such row still differs
 * ("known difference, fix pending in <file>"); a .crashes row is not run
 * at all.  docs/bad-input.md says how to add a row.
 *
 * Every row starts from the same address space (layout()), so rows that
 * succeed or half succeed cannot disturb the next one.  The hmm_check.h
 * fixture opens dmirror device 0 and checks at the end that every system
 * page, device page and kmalloc object came back.
 */
#include "hmm_check.h"
#include <kernel/proc_fs.h>
#include <mm/hmm.h>
#include <mm/migrate.h>
#include <mm/mmu_notifier.h>
#include <mm/uaccess.h>
#include <mm/huge_mm.h>
#include <kernel/string.h>
#include <kernel/fs.h>
#include <kernel/fdtable.h>
#include <kernel/binfmts.h>
#include <kernel/elf.h>

#ifndef EOVERFLOW
#define EOVERFLOW	75	/* Linux's value; mmlab never returns it (yet) */
#endif
#ifndef ENXIO
#define ENXIO		6
#endif

/* ---- the address space every row starts from ------------------------------- */

#define P	PAGE_SIZE
#define LA	0x200000000000UL	/* the layout's base, 2 MiB aligned (in the host's user window too) */
#define RW	LA			/* 4 pages PROT_READ | PROT_WRITE */
#define HOLE	(LA + 4 * P)		/* 4 pages with nothing mapped */
#define RO	(LA + 8 * P)		/* 4 pages PROT_READ */
#define NONE	(LA + 12 * P)		/* 4 pages PROT_NONE, right after RO; then a hole */
#define WO	(LA + 32 * P)		/* 4 pages PROT_WRITE */
#define THPA	(LA + TWOMEG)		/* 2 MiB PROT_READ | PROT_WRITE, a THP if asked */
#define FAR	0x40000000UL		/* nothing mapped around here */
#define TOP	TASK_SIZE_MAX		/* the end of user space */
#define KHALF	PAGE_OFFSET		/* the direct map */
#define NONCANON (1UL << 47)		/* the first non-canonical address */
#define WRAP	(~0UL & PAGE_MASK)	/* the last page of the 64-bit space */

#define PA	(MAP_PRIVATE | MAP_ANONYMOUS)
#define RWP	(PROT_READ | PROT_WRITE)

/* What every table's row has first. */
#define ROW_COMMON							\
	const char *label;						\
	long expect;		/* -errno or a value; see each table */	\
	const char *note;	/* set: a documented mmlab difference */\
	const char *pending;	/* set: Linux's answer, fix pending in this file */ \
	bool crashes		/* pending, and mmlab would crash: never run */

struct row_stats {
	unsigned int rows, notes, pending, crashes, fixed;
};

static struct row_stats stats;

static void unmap_all(struct mm_struct *mm)
{
	while (!list_empty(&mm->mmap)) {
		struct vm_area_struct *vma = list_first_entry(&mm->mmap, struct vm_area_struct,
							      vm_list);

		do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	}
}

static void map_fixed(struct kunit *test, unsigned long addr, unsigned long len,
		      unsigned long prot)
{
	KUNIT_ASSERT_EQ(test, vm_mmap(NULL, addr, len, prot, PA | MAP_FIXED, 0), addr);
}

/* A fresh copy of the layout above; thp: fault THPA in as one THP. */
static void layout(struct kunit *test, bool thp)
{
	unmap_all(hmm_mm(test));
	map_fixed(test, RW, 4 * P, RWP);
	map_fixed(test, RO, 4 * P, PROT_READ);
	map_fixed(test, NONE, 4 * P, PROT_NONE);
	map_fixed(test, WO, 4 * P, PROT_WRITE);
	map_fixed(test, THPA, TWOMEG, RWP);
	if (thp) {
		memset((void *)THPA, 0x5a, TWOMEG);
		KUNIT_ASSERT_EQ(test, hmm_mapping(test, (void *)THPA).level, MAPPING_PMD);
	}
}

/*
 * Should this row run in this pass?  Normal cases run the rows Linux and
 * mmlab agree on (or that differ as documented); the "pending" case runs
 * the rest.
 */
static bool row_selected(struct kunit *test, const char *label, const char *pending,
			 bool crashes, bool pending_pass)
{
	if (!pending_pass) {
		if (!pending)
			stats.rows++;
		return !pending;
	}
	if (!pending)
		return false;
	stats.rows++;
	if (crashes) {
		stats.crashes++;
		kunit_info(test, "%s: not run (mmlab would crash), fix pending in %s\n",
			   label, pending);
	}
	return !crashes;
}

static void check_row(struct kunit *test, const char *label, long expect, const char *note,
		      const char *pending, long got)
{
	stats.notes += note != NULL;
	if (got == expect) {
		if (pending) {
			stats.fixed++;
			kunit_info(test, "%s: now %ld as in Linux: drop its .pending\n", label, got);
		}
		return;
	}
	if (pending) {
		stats.pending++;
		kunit_info(test, "%s: %ld, Linux %ld: known difference, fix pending in %s\n",
			   label, got, expect, pending);
		return;
	}
	KUNIT_FAIL(test, "%s: got %ld, expected %ld%s%s", label, got, expect,
		   note ? ", mmlab's documented difference: " : " (Linux 6.19)", note ? note : "");
}

#define RUN_ROW(test, r, pass)						\
	row_selected(test, (r)->label, (r)->pending, (r)->crashes, pass)
#define CHECK(test, r, got)						\
	check_row(test, (r)->label, (r)->expect, (r)->note, (r)->pending, (long)(got))

static void begin(void)
{
	memset(&stats, 0, sizeof(stats));
}

static void end(struct kunit *test)
{
	kunit_info(test, "%u rows, %u of them documented differences\n", stats.rows, stats.notes);
}

/* ---- vm_mmap ----------------------------------------------------------------- */

/*
 * Linux: ksys_mmap_pgoff (no MAP_ANONYMOUS: -EBADF for fd -1), do_mmap
 * (len 0: -EINVAL; rounds to 0: -ENOMEM; the type: -EINVAL),
 * __get_unmapped_area (len or MAP_FIXED range past TASK_SIZE: -ENOMEM,
 * unaligned: -EINVAL), cap_mmap_addr (below mmap_min_addr: -EPERM).
 * expect 0: success (with MAP_FIXED, at addr).
 */
struct mmap_row {
	ROW_COMMON;
	unsigned long addr, len, prot, flags;
};

static const struct mmap_row mmap_rows[] = {
	{ "mmap: len 0", -EINVAL, .len = 0, .prot = RWP, .flags = PA },
	{ "mmap: len 0 at address 0 with MAP_FIXED: len first", -EINVAL,
	  .len = 0, .prot = RWP, .flags = PA | MAP_FIXED },
	{ "mmap: len rounds up to 0", -ENOMEM, .len = ~0UL, .prot = RWP, .flags = PA },
	{ "mmap: len 2^64 - 4 KiB", -ENOMEM, .len = WRAP, .prot = RWP, .flags = PA },
	{ "mmap: len past TASK_SIZE", -ENOMEM, .len = TOP + P, .prot = RWP, .flags = PA },
	{ "mmap: len TASK_SIZE: no room", -ENOMEM, .len = TOP, .prot = RWP, .flags = PA },
	{ "mmap: no MAP_ANONYMOUS (fd -1)", -EBADF, .len = P, .prot = RWP, .flags = MAP_PRIVATE },
	{ "mmap: no MAP_ANONYMOUS, len 0: the fd first", -EBADF, .len = 0, .prot = RWP,
	  .flags = MAP_PRIVATE },
	{ "mmap: no type", -EINVAL, .len = P, .prot = RWP, .flags = MAP_ANONYMOUS },
	{ "mmap: MAP_SHARED_VALIDATE, anonymous", -EINVAL, .len = P, .prot = RWP,
	  .flags = MAP_SHARED_VALIDATE | MAP_ANONYMOUS },
	{ "mmap: type 0xf", -EINVAL, .len = P, .prot = RWP, .flags = MAP_ANONYMOUS | 0xf },
	{ "mmap: MAP_SHARED (a shmem file)", 0, .len = P, .prot = RWP,
	  .flags = MAP_SHARED | MAP_ANONYMOUS },
	{ "mmap: MAP_DROPPABLE", -EINVAL, "Linux maps droppable memory (0)",
	  .len = P, .prot = RWP, .flags = MAP_DROPPABLE | MAP_ANONYMOUS },
	{ "mmap: MAP_FIXED, unaligned", -EINVAL, .addr = 0x12345, .len = P, .prot = RWP,
	  .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED at 0", -EPERM, .addr = 0, .len = P, .prot = RWP,
	  .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED just below mmap_min_addr", -EPERM, .addr = MMAP_MIN_ADDR - P,
	  .len = P, .prot = RWP, .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED at mmap_min_addr", 0, .addr = MMAP_MIN_ADDR, .len = P,
	  .prot = RWP, .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED low and unaligned: alignment first", -EINVAL, .addr = 0x1001,
	  .len = P, .prot = RWP, .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED, the last page of user space", 0, .addr = TOP - P, .len = P,
	  .prot = RWP, .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED across TASK_SIZE", -ENOMEM, .addr = TOP - P, .len = 2 * P,
	  .prot = RWP, .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED at TASK_SIZE", -ENOMEM, .addr = TOP, .len = P, .prot = RWP,
	  .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED in the kernel half", -ENOMEM, .addr = KHALF, .len = P, .prot = RWP,
	  .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED, addr + len wraps", -ENOMEM, .addr = WRAP, .len = 2 * P,
	  .prot = RWP, .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED unaligned past TASK_SIZE: the end first", -ENOMEM, .addr = TOP + 1,
	  .len = P, .prot = RWP, .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED over a mapping replaces it", 0, .addr = RW, .len = 4 * P,
	  .prot = PROT_READ, .flags = PA | MAP_FIXED },
	{ "mmap: MAP_FIXED_NOREPLACE over a mapping", -EEXIST, .addr = RW, .len = P,
	  .prot = RWP, .flags = PA | MAP_FIXED_NOREPLACE },
	{ "mmap: MAP_FIXED_NOREPLACE over a mapping's end", -EEXIST, .addr = RW + 3 * P,
	  .len = 2 * P, .prot = RWP, .flags = PA | MAP_FIXED_NOREPLACE },
	{ "mmap: MAP_FIXED_NOREPLACE in a hole", 0, .addr = HOLE, .len = 4 * P, .prot = RWP,
	  .flags = PA | MAP_FIXED_NOREPLACE },
	{ "mmap: MAP_FIXED_NOREPLACE at 0", -EPERM, .addr = 0, .len = P, .prot = RWP,
	  .flags = PA | MAP_FIXED_NOREPLACE },
	{ "mmap: MAP_FIXED_NOREPLACE unaligned", -EINVAL, .addr = HOLE + 8, .len = P,
	  .prot = RWP, .flags = PA | MAP_FIXED_NOREPLACE },
	{ "mmap: PROT_EXEC", 0, .len = P, .prot = PROT_READ | PROT_EXEC, .flags = PA },
	{ "mmap: unknown prot bit 0x10 is ignored", 0, .len = P, .prot = RWP | 0x10,
	  .flags = PA },
	{ "mmap: PROT_SEM is ignored", 0, .len = P, .prot = RWP | PROT_SEM, .flags = PA },
	{ "mmap: hint in the kernel half is ignored", 0, .addr = KHALF, .len = P, .prot = RWP,
	  .flags = PA },
	{ "mmap: unaligned hint is ignored", 0, .addr = 0x12345, .len = P, .prot = RWP,
	  .flags = PA },
	{ "mmap: unknown flag bits are ignored", 0, .len = P, .prot = RWP,
	  .flags = PA | 0x400 | 0x200000 },
	{ "mmap: MAP_NORESERVE is ignored", 0, .len = P, .prot = RWP, .flags = PA | MAP_NORESERVE },
	{ "mmap: MAP_DENYWRITE | MAP_EXECUTABLE are ignored", 0, .len = P, .prot = RWP,
	  .flags = PA | MAP_DENYWRITE | MAP_EXECUTABLE },
	{ "mmap: MAP_STACK", 0, .len = P, .prot = RWP, .flags = PA | MAP_STACK },
	{ "mmap: MAP_GROWSDOWN", -EINVAL, "Linux maps a stack that grows down (0)", .len = P,
	  .prot = RWP, .flags = PA | MAP_GROWSDOWN },
	{ "mmap: MAP_LOCKED", -EINVAL, "Linux mlocks the mapping (0)", .len = P, .prot = RWP,
	  .flags = PA | MAP_LOCKED },
	{ "mmap: MAP_POPULATE", -EINVAL, "Linux faults the range in (0)", .len = P,
	  .prot = RWP, .flags = PA | MAP_POPULATE },
	{ "mmap: MAP_HUGETLB", -EINVAL, "Linux uses hugetlbfs (-ENOMEM with no huge pages "
	  "reserved)", .len = P, .prot = RWP, .flags = PA | MAP_HUGETLB },
	{ "mmap: MAP_32BIT", -EINVAL, "Linux maps below 2 GiB (0)", .len = P, .prot = RWP,
	  .flags = PA | MAP_32BIT },
	{ "mmap: MAP_SHARED at 0 with MAP_FIXED: the address first", -EPERM, .addr = 0,
	  .len = P, .prot = RWP, .flags = MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED },
	{ "mmap: PROT_EXEC past TASK_SIZE with MAP_FIXED: the address first", -ENOMEM,
	  .addr = TOP, .len = P, .prot = PROT_EXEC, .flags = PA | MAP_FIXED },
};

static void run_mmap(struct kunit *test, bool pending)
{
	for (const struct mmap_row *r = mmap_rows; r < mmap_rows + ARRAY_SIZE(mmap_rows); r++) {
		unsigned long got;

		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		got = vm_mmap(NULL, r->addr, r->len, r->prot, r->flags, 0);
		if (!IS_ERR_VALUE(got) && (!(r->flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) ||
					   got == r->addr))
			got = 0;
		CHECK(test, r, got);
	}
}

/* ---- vm_munmap ---------------------------------------------------------------- */

/* Linux: do_vmi_munmap(). */
struct munmap_row {
	ROW_COMMON;
	unsigned long start, len;
};

static const struct munmap_row munmap_rows[] = {
	{ "munmap: unaligned start", -EINVAL, .start = RW + 1, .len = P },
	{ "munmap: len 0", -EINVAL, .start = RW, .len = 0 },
	{ "munmap: len 0, unaligned", -EINVAL, .start = RW + 1, .len = 0 },
	{ "munmap: start past TASK_SIZE", -EINVAL, .start = TOP + P, .len = P },
	{ "munmap: at TASK_SIZE", -EINVAL, .start = TOP, .len = P },
	{ "munmap: across TASK_SIZE", -EINVAL, .start = TOP - P, .len = 2 * P },
	{ "munmap: the kernel half", -EINVAL, .start = KHALF, .len = P },
	{ "munmap: len 2^64 - 1", -EINVAL, .start = RW, .len = ~0UL },
	{ "munmap: start + len wraps", -EINVAL, .start = RW, .len = -RW + P },
	{ "munmap: nothing mapped", 0, .start = FAR, .len = P },
	{ "munmap: page 0 (nothing there)", 0, .start = 0, .len = P },
	{ "munmap: a range with holes", 0, .start = RW, .len = 16 * P },
	{ "munmap: unaligned len rounds up", 0, .start = RW, .len = 1 },
	{ "munmap: the last page of user space", 0, .start = TOP - P, .len = P },
};

static void run_munmap(struct kunit *test, bool pending)
{
	for (const struct munmap_row *r = munmap_rows; r < munmap_rows + ARRAY_SIZE(munmap_rows);
	     r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, vm_munmap(r->start, r->len));
	}
}

/* ---- do_mprotect -------------------------------------------------------------- */

/* Linux: do_mprotect_pkey(), arch_validate_prot(). */
struct mprotect_row {
	ROW_COMMON;
	unsigned long start, len, prot;
};

static const struct mprotect_row mprotect_rows[] = {
	{ "mprotect: unaligned start", -EINVAL, .start = RW + 1, .len = P, .prot = PROT_READ },
	{ "mprotect: len 0 is done before prot is looked at", 0, .start = RW, .len = 0,
	  .prot = 0xff0 },
	{ "mprotect: len 0, unaligned start", -EINVAL, .start = RW + 1, .len = 0,
	  .prot = PROT_READ },
	{ "mprotect: len 0 in a hole", 0, .start = HOLE, .len = 0, .prot = PROT_READ },
	{ "mprotect: len rounds up to 0", -ENOMEM, .start = RW, .len = ~0UL, .prot = PROT_READ },
	{ "mprotect: end exactly 2^64", -ENOMEM, .start = RW, .len = -RW, .prot = PROT_READ },
	{ "mprotect: past TASK_SIZE", -ENOMEM, .start = TOP, .len = P, .prot = PROT_READ },
	{ "mprotect: the kernel half", -ENOMEM, .start = KHALF, .len = P, .prot = PROT_READ },
	{ "mprotect: unknown prot bit", -EINVAL, .start = RW, .len = P, .prot = 0x10 },
	{ "mprotect: unknown prot bit in a hole: prot first", -EINVAL, .start = HOLE,
	  .len = P, .prot = 0x10 },
	{ "mprotect: unknown prot bit, wrapping end: the end first", -ENOMEM, .start = RW,
	  .len = ~0UL, .prot = 0x10 },
	{ "mprotect: PROT_SEM is accepted", 0, .start = RW, .len = P,
	  .prot = PROT_READ | PROT_SEM },
	{ "mprotect: PROT_EXEC", 0, .start = RW, .len = P, .prot = PROT_READ | PROT_EXEC },
	{ "mprotect: PROT_GROWSDOWN | PROT_GROWSUP", -EINVAL, .start = RW, .len = P,
	  .prot = PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP },
	{ "mprotect: both GROWS, len 0: still -EINVAL", -EINVAL, .start = RW, .len = 0,
	  .prot = PROT_GROWSDOWN | PROT_GROWSUP },
	{ "mprotect: PROT_GROWSDOWN, not a stack VMA", -EINVAL, .start = RW, .len = P,
	  .prot = PROT_READ | PROT_GROWSDOWN },
	{ "mprotect: PROT_GROWSUP, not a stack VMA", -EINVAL, .start = RW, .len = P,
	  .prot = PROT_READ | PROT_GROWSUP },
	{ "mprotect: PROT_GROWSDOWN in a hole", -ENOMEM, .start = HOLE, .len = P,
	  .prot = PROT_READ | PROT_GROWSDOWN },
	{ "mprotect: PROT_GROWSUP from a hole into a VMA", -ENOMEM, .start = HOLE + 3 * P,
	  .len = 2 * P, .prot = PROT_READ | PROT_GROWSUP },
	{ "mprotect: a hole", -ENOMEM, .start = HOLE, .len = P, .prot = PROT_READ },
	{ "mprotect: a hole in the middle", -ENOMEM, .start = RW, .len = 12 * P,
	  .prot = PROT_READ },
	{ "mprotect: a hole at the end", -ENOMEM, .start = NONE, .len = 8 * P,
	  .prot = PROT_READ },
	{ "mprotect: nothing mapped", -ENOMEM, .start = FAR, .len = P, .prot = PROT_READ },
	{ "mprotect: PROT_NONE", 0, .start = RW, .len = P, .prot = PROT_NONE },
	{ "mprotect: two adjacent VMAs", 0, .start = RO, .len = 8 * P, .prot = RWP },
	{ "mprotect: unaligned len rounds up", 0, .start = RW, .len = 1, .prot = PROT_READ },
	{ "mprotect: PROT_WRITE alone", 0, .start = RW, .len = P, .prot = PROT_WRITE },
};

static void run_mprotect(struct kunit *test, bool pending)
{
	for (const struct mprotect_row *r = mprotect_rows;
	     r < mprotect_rows + ARRAY_SIZE(mprotect_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, do_mprotect(hmm_mm(test), r->start, r->len, r->prot));
	}
}

/* ---- do_madvise --------------------------------------------------------------- */

/* Linux's values of advice mmlab does not implement. */
#define MADV_WILLNEED		3
#define MADV_COLD		20
#define MADV_PAGEOUT		21
#define MADV_HWPOISON		100
#define MADV_GUARD_INSTALL	102

/* Linux: is_valid_madvise(), madvise_should_skip(), madvise_walk_vmas(). */
struct madvise_row {
	ROW_COMMON;
	unsigned long start, len;
	int advice;
};

static const struct madvise_row madvise_rows[] = {
	{ "madvise: unknown advice", -EINVAL, .start = RW, .len = P, .advice = 12345 },
	{ "madvise: negative advice", -EINVAL, .start = RW, .len = P, .advice = -1 },
	{ "madvise: advice 26, after MADV_COLLAPSE", -EINVAL, .start = RW, .len = P,
	  .advice = 26 },
	{ "madvise: unknown advice, len 0: advice first", -EINVAL, .start = RW, .len = 0,
	  .advice = 12345 },
	{ "madvise: unaligned start", -EINVAL, .start = RW + 1, .len = P,
	  .advice = MADV_DONTNEED },
	{ "madvise: len 0", 0, .start = RW, .len = 0, .advice = MADV_DONTNEED },
	{ "madvise: len 0 in a hole", 0, .start = HOLE, .len = 0, .advice = MADV_DONTNEED },
	{ "madvise: len rounds up to 0", -EINVAL, .start = RW, .len = ~0UL,
	  .advice = MADV_DONTNEED },
	{ "madvise: range wraps", -EINVAL, .start = RW, .len = -RW + P,
	  .advice = MADV_DONTNEED },
	{ "madvise: end exactly 2^64", -EINVAL, .start = RW, .len = -RW,
	  .advice = MADV_DONTNEED },
	{ "madvise: past TASK_SIZE", -ENOMEM, .start = TOP, .len = P, .advice = MADV_DONTNEED },
	{ "madvise: the kernel half", -ENOMEM, .start = KHALF, .len = P,
	  .advice = MADV_DONTNEED },
	{ "madvise: a hole", -ENOMEM, .start = HOLE, .len = P, .advice = MADV_DONTNEED },
	{ "madvise: a hole in the middle", -ENOMEM, .start = RW, .len = 12 * P,
	  .advice = MADV_DONTNEED },
	{ "madvise: a hole at the end", -ENOMEM, .start = NONE, .len = 8 * P,
	  .advice = MADV_DONTNEED },
	{ "madvise: MADV_HUGEPAGE on a hole", -ENOMEM, .start = HOLE, .len = P,
	  .advice = MADV_HUGEPAGE },
	{ "madvise: MADV_DONTNEED on PROT_NONE", 0, .start = NONE, .len = 4 * P,
	  .advice = MADV_DONTNEED },
	{ "madvise: MADV_FREE on PROT_READ", 0, .start = RO, .len = 4 * P, .advice = MADV_FREE },
	{ "madvise: MADV_NORMAL", 0, .start = RW, .len = P, .advice = MADV_NORMAL },
	{ "madvise: MADV_NOHUGEPAGE, part of a VMA", 0, .start = RW + P, .len = P,
	  .advice = MADV_NOHUGEPAGE },
	{ "madvise: MADV_WILLNEED", -EINVAL, "Linux reads ahead (0)", .start = RW, .len = P,
	  .advice = MADV_WILLNEED },
	{ "madvise: MADV_COLD", -EINVAL, "Linux deactivates the pages (0)", .start = RW,
	  .len = P, .advice = MADV_COLD },
	{ "madvise: MADV_PAGEOUT", -EINVAL, "Linux reclaims the pages (0)", .start = RW,
	  .len = P, .advice = MADV_PAGEOUT },
	{ "madvise: MADV_GUARD_INSTALL", -EINVAL, "Linux installs guard entries (0)",
	  .start = RW, .len = P, .advice = MADV_GUARD_INSTALL },
	{ "madvise: MADV_HWPOISON", -EINVAL, "Linux: -EPERM without CAP_SYS_ADMIN",
	  .start = RW, .len = P, .advice = MADV_HWPOISON },
};

static void run_madvise(struct kunit *test, bool pending)
{
	for (const struct madvise_row *r = madvise_rows;
	     r < madvise_rows + ARRAY_SIZE(madvise_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, do_madvise(hmm_mm(test), r->start, r->len, r->advice));
	}
}

/* ---- vm_mremap ---------------------------------------------------------------- */

#define MM	MREMAP_MAYMOVE
#define FX	(MREMAP_MAYMOVE | MREMAP_FIXED)
#define DU	(MREMAP_MAYMOVE | MREMAP_DONTUNMAP)
#define ONE_VMA	"Linux 6.19 moves every VMA of an equal-size MREMAP_FIXED range " \
		"(remap_move); mmlab moves one VMA"

/*
 * Linux: check_mremap_params() (flags, addresses, lengths, overlap:
 * -EINVAL), check_prep_vma() (no VMA or an old range past it: -EFAULT;
 * an empty private old range: -EINVAL), expand_vma() (no room, no
 * MREMAP_MAYMOVE: -ENOMEM), get_unmapped_area() (-EPERM below
 * mmap_min_addr).  expect 0: success (with MREMAP_FIXED, at new_addr).
 */
struct mremap_row {
	ROW_COMMON;
	unsigned long addr, old_len, new_len, flags, new_addr;
};

static const struct mremap_row mremap_rows[] = {
	{ "mremap: unknown flag", -EINVAL, .addr = RW, .old_len = P, .new_len = P,
	  .flags = 0x80 },
	{ "mremap: flag 8 (not in 6.19)", -EINVAL, .addr = RW, .old_len = P, .new_len = P,
	  .flags = MM | 8 },
	{ "mremap: unaligned addr", -EINVAL, .addr = RW + 1, .old_len = P, .new_len = P },
	{ "mremap: new_len 0", -EINVAL, .addr = RW, .old_len = P, .new_len = 0 },
	{ "mremap: new_len rounds up to 0", -EINVAL, .addr = RW, .old_len = P,
	  .new_len = ~0UL, .flags = MM },
	{ "mremap: new_len past TASK_SIZE", -EINVAL, .addr = RW, .old_len = P,
	  .new_len = TOP + P, .flags = MM },
	{ "mremap: new_len 0 in a hole: lengths first", -EINVAL, .addr = HOLE, .old_len = P,
	  .new_len = 0 },
	{ "mremap: nothing mapped", -EFAULT, .addr = FAR, .old_len = P, .new_len = P },
	{ "mremap: nothing mapped, grow", -EFAULT, .addr = FAR, .old_len = P,
	  .new_len = 2 * P, .flags = MM },
	{ "mremap: the kernel half", -EFAULT, .addr = KHALF, .old_len = P, .new_len = P },
	{ "mremap: FIXED without MAYMOVE", -EINVAL, .addr = RW, .old_len = P, .new_len = P,
	  .flags = MREMAP_FIXED, .new_addr = FAR },
	{ "mremap: FIXED, unaligned new_addr", -EINVAL, .addr = RW, .old_len = P,
	  .new_len = P, .flags = FX, .new_addr = FAR + 1 },
	{ "mremap: FIXED past TASK_SIZE", -EINVAL, .addr = RW, .old_len = P, .new_len = P,
	  .flags = FX, .new_addr = TOP },
	{ "mremap: FIXED in the kernel half", -EINVAL, .addr = RW, .old_len = P,
	  .new_len = P, .flags = FX, .new_addr = KHALF },
	{ "mremap: FIXED, new range wraps", -EINVAL, .addr = RW, .old_len = P,
	  .new_len = 2 * P, .flags = FX, .new_addr = WRAP },
	{ "mremap: FIXED, ranges overlap", -EINVAL, .addr = RW, .old_len = 2 * P,
	  .new_len = 2 * P, .flags = FX, .new_addr = RW + P },
	{ "mremap: FIXED onto itself", -EINVAL, .addr = RW, .old_len = P, .new_len = P,
	  .flags = FX, .new_addr = RW },
	{ "mremap: FIXED overlap, nothing mapped: overlap first", -EINVAL, .addr = FAR,
	  .old_len = 2 * P, .new_len = 2 * P, .flags = FX, .new_addr = FAR + P },
	{ "mremap: FIXED, nothing mapped", -EFAULT, .addr = FAR, .old_len = P, .new_len = P,
	  .flags = FX, .new_addr = FAR + 16 * P },
	{ "mremap: FIXED to 0", -EPERM, .addr = RW, .old_len = P, .new_len = P, .flags = FX,
	  .new_addr = 0 },
	{ "mremap: FIXED just below mmap_min_addr", -EPERM, .addr = RW, .old_len = P,
	  .new_len = P, .flags = FX, .new_addr = MMAP_MIN_ADDR - P },
	{ "mremap: FIXED, old range runs into a hole", -EFAULT, ONE_VMA, .addr = RW,
	  .old_len = 8 * P, .new_len = 8 * P, .flags = FX, .new_addr = FAR },
	{ "mremap: FIXED, old range over two VMAs", -EFAULT, ONE_VMA, .addr = RO,
	  .old_len = 8 * P, .new_len = 8 * P, .flags = FX, .new_addr = FAR },
	{ "mremap: FIXED, old range starts in a hole", -EFAULT, .addr = HOLE,
	  .old_len = 8 * P, .new_len = 8 * P, .flags = FX, .new_addr = FAR },
	{ "mremap: FIXED onto a mapping replaces it", 0, .addr = RW, .old_len = P,
	  .new_len = P, .flags = FX, .new_addr = RO },
	{ "mremap: FIXED and shrink", 0, .addr = RW, .old_len = 4 * P, .new_len = 2 * P,
	  .flags = FX, .new_addr = FAR },
	{ "mremap: FIXED, shrink, new length past the VMA", -EFAULT, .addr = RW,
	  .old_len = 8 * P, .new_len = 5 * P, .flags = FX, .new_addr = FAR },
	{ "mremap: DONTUNMAP, sizes differ", -EINVAL, .addr = RW, .old_len = P,
	  .new_len = 2 * P, .flags = DU },
	{ "mremap: DONTUNMAP without MAYMOVE", -EINVAL, .addr = RW, .old_len = P,
	  .new_len = P, .flags = MREMAP_DONTUNMAP },
	{ "mremap: DONTUNMAP, hint overlaps", -EINVAL, .addr = RW, .old_len = P, .new_len = P,
	  .flags = DU, .new_addr = RW },
	{ "mremap: DONTUNMAP, unaligned hint", -EINVAL, .addr = RW, .old_len = P,
	  .new_len = P, .flags = DU, .new_addr = FAR + 1 },
	{ "mremap: DONTUNMAP, hint past TASK_SIZE", -EINVAL, .addr = RW, .old_len = P,
	  .new_len = P, .flags = DU, .new_addr = TOP },
	{ "mremap: DONTUNMAP", 0, .addr = RW, .old_len = P, .new_len = P, .flags = DU },
	{ "mremap: grow an empty old range", -EINVAL, .addr = RW, .old_len = 0,
	  .new_len = P, .flags = MM },
	{ "mremap: FIXED, empty old range", -EINVAL, .addr = RW, .old_len = 0, .new_len = P,
	  .flags = FX, .new_addr = FAR },
	{ "mremap: empty old range, nothing mapped: the VMA first", -EFAULT, .addr = FAR,
	  .old_len = 0, .new_len = P, .flags = MM },
	{ "mremap: grow inside a VMA without MAYMOVE", -ENOMEM, .addr = RW, .old_len = P,
	  .new_len = 2 * P },
	{ "mremap: grow, old range past the VMA", -EFAULT, .addr = RW, .old_len = 8 * P,
	  .new_len = 9 * P, .flags = MM },
	{ "mremap: grow into the next VMA without MAYMOVE", -ENOMEM, .addr = RO,
	  .old_len = 4 * P, .new_len = 8 * P },
	{ "mremap: grow in place", 0, .addr = NONE, .old_len = 4 * P, .new_len = 8 * P },
	{ "mremap: grow by moving", 0, .addr = RO, .old_len = 4 * P, .new_len = 8 * P,
	  .flags = MM },
	{ "mremap: shrink, old range past the VMA", 0, .addr = RW, .old_len = 8 * P,
	  .new_len = P },
	{ "mremap: same size, old range past the VMA", 0, .addr = RW, .old_len = 8 * P,
	  .new_len = 8 * P },
	{ "mremap: same size, unaligned lengths round up", 0, .addr = RW, .old_len = 1,
	  .new_len = 2 },
};

static void run_mremap(struct kunit *test, bool pending)
{
	for (const struct mremap_row *r = mremap_rows;
	     r < mremap_rows + ARRAY_SIZE(mremap_rows); r++) {
		unsigned long got;

		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		got = vm_mremap(r->addr, r->old_len, r->new_len, r->flags, r->new_addr);
		if (!IS_ERR_VALUE(got) && (!(r->flags & MREMAP_FIXED) || got == r->new_addr))
			got = 0;
		CHECK(test, r, got);
	}
}

/* ---- dmirror_ioctl ------------------------------------------------------------- */

#define BUF_PAGES	16
#define BUF		(~0ULL)		/* ptr: a kernel buffer of BUF_PAGES pages */
#define KBAD		(PAGE_OFFSET + (1UL << 45))	/* kernel address, no RAM there */

enum handle { H_OPEN, H_NULL, H_CLOSED, H_BOGUS };

#define IOC(dir, type, nr) \
	(((dir) << 30) | ((unsigned int)sizeof(struct hmm_dmirror_cmd) << 16) | ((type) << 8) | (nr))
#define EXCL	"Linux makes the pages device-exclusive; mmlab has no such entries"
#define WRAPPED	"Linux goes on with the wrapped byte count (here one page: 0)"

/*
 * Linux: dmirror_fops_unlocked_ioctl() (NULL private data: -EINVAL; the
 * struct cannot be read: -EFAULT; unaligned addr or addr + npages pages
 * not above addr: -EINVAL; unknown command: -EINVAL), then each command:
 * dmirror_read/_write (bounce buffer: -ENOMEM; hmm_range_fault: -EFAULT,
 * -EPERM; copy_to/from_user: -EFAULT), dmirror_migrate_to_device/_system
 * (no VMA or no VM_READ: -EINVAL), dmirror_snapshot (never faults).
 * A closed or made-up handle is -EBADF (Linux: the fd is not open).
 */
struct ioctl_row {
	ROW_COMMON;
	unsigned int cmd;
	u64 addr, ptr, npages;
	enum handle handle;
	bool no_arg;
};

static const struct ioctl_row ioctl_rows[] = {
	{ "ioctl: NULL handle", -EINVAL, .cmd = HMM_DMIRROR_READ, .addr = RW, .ptr = BUF,
	  .npages = 1, .handle = H_NULL },
	{ "ioctl: NULL handle and NULL struct: the handle first", -EINVAL,
	  .cmd = HMM_DMIRROR_READ, .handle = H_NULL, .no_arg = true },
	{ "ioctl: closed handle", -EBADF, .cmd = HMM_DMIRROR_READ, .addr = RW, .ptr = BUF,
	  .npages = 1, .handle = H_CLOSED },
	{ "ioctl: not a handle", -EBADF, .cmd = HMM_DMIRROR_READ, .addr = RW, .ptr = BUF,
	  .npages = 1, .handle = H_BOGUS },
	{ "ioctl: NULL struct", -EFAULT, .cmd = HMM_DMIRROR_READ, .no_arg = true },
	{ "ioctl: command 0", -EINVAL, .cmd = 0, .addr = RW, .ptr = BUF, .npages = 1 },
	{ "ioctl: command 'H' 0x0a", -EINVAL, .cmd = IOC(3U, 'H', 0x0a), .addr = RW,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: READ's number with type 'G'", -EINVAL, .cmd = IOC(3U, 'G', 0), .addr = RW,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: READ's number as _IOR", -EINVAL, .cmd = IOC(2U, 'H', 0), .addr = RW,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: READ's number, struct size 32", -EINVAL,
	  .cmd = (3U << 30) | (32 << 16) | ('H' << 8), .addr = RW, .ptr = BUF, .npages = 1 },
	{ "ioctl: unknown command, unaligned addr", -EINVAL, .cmd = IOC(3U, 'H', 0xff),
	  .addr = RW + 8, .ptr = BUF, .npages = 1 },
	{ "ioctl: EXCLUSIVE", -EINVAL, EXCL " (0)", .cmd = HMM_DMIRROR_EXCLUSIVE, .addr = RW,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: CHECK_EXCLUSIVE", -EINVAL, EXCL " (0: none)",
	  .cmd = HMM_DMIRROR_CHECK_EXCLUSIVE, .addr = RW, .ptr = BUF, .npages = 1 },
	{ "ioctl: READ, unaligned addr", -EINVAL, .cmd = HMM_DMIRROR_READ, .addr = RW + 8,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: READ, npages 0", -EINVAL, .cmd = HMM_DMIRROR_READ, .addr = RW, .ptr = BUF },
	{ "ioctl: READ, npages 2^52: the bytes wrap to 0", -EINVAL, .cmd = HMM_DMIRROR_READ,
	  .addr = RW, .ptr = BUF, .npages = 1ULL << 52 },
	{ "ioctl: READ, npages 2^52 + 1: the bytes wrap to 4 KiB", -EINVAL, WRAPPED,
	  .cmd = HMM_DMIRROR_READ, .addr = RW, .ptr = BUF, .npages = (1ULL << 52) + 1 },
	{ "ioctl: READ, range wraps", -EINVAL, .cmd = HMM_DMIRROR_READ, .addr = WRAP,
	  .ptr = BUF, .npages = 2 },
	{ "ioctl: READ past TASK_SIZE", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = TOP,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: READ, the kernel half", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = KHALF,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: READ a hole", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = HOLE, .ptr = BUF,
	  .npages = 1 },
	{ "ioctl: READ PROT_NONE", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = NONE, .ptr = BUF,
	  .npages = 1 },
	{ "ioctl: READ write-only", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = WO, .ptr = BUF,
	  .npages = 1 },
	{ "ioctl: READ into a hole", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = RW, .ptr = BUF,
	  .npages = 5 },
	{ "ioctl: READ PROT_READ", 0, .cmd = HMM_DMIRROR_READ, .addr = RO, .ptr = BUF,
	  .npages = 4 },
	{ "ioctl: READ, ptr NULL", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = RW, .ptr = 0,
	  .npages = 1 },
	{ "ioctl: READ, ptr read-only", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = RW,
	  .ptr = RO, .npages = 1 },
	{ "ioctl: READ, ptr PROT_NONE", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = RW,
	  .ptr = NONE, .npages = 1 },
	{ "ioctl: READ, ptr half in a hole", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = RO,
	  .ptr = RW + 3 * P, .npages = 2 },
	{ "ioctl: READ, ptr not canonical", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = RW,
	  .ptr = NONCANON, .npages = 1 },
	{ "ioctl: READ, ptr in the kernel, no RAM there", -EFAULT, .cmd = HMM_DMIRROR_READ,
	  .addr = RW, .ptr = KBAD, .npages = 1 },
	{ "ioctl: READ, ptr a hole", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = RW,
	  .ptr = HOLE, .npages = 1 },
	{ "ioctl: READ 2^34 pages: no bounce buffer", -ENOMEM, .cmd = HMM_DMIRROR_READ,
	  .addr = RW, .ptr = BUF, .npages = 1ULL << 34 },
	{ "ioctl: READ a hole, ptr NULL", -EFAULT, .cmd = HMM_DMIRROR_READ, .addr = HOLE,
	  .ptr = 0, .npages = 1 },
	{ "ioctl: WRITE PROT_READ", -EPERM, .cmd = HMM_DMIRROR_WRITE, .addr = RO, .ptr = BUF,
	  .npages = 1 },
	{ "ioctl: WRITE PROT_NONE", -EFAULT, .cmd = HMM_DMIRROR_WRITE, .addr = NONE,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: WRITE a hole", -EFAULT, .cmd = HMM_DMIRROR_WRITE, .addr = HOLE, .ptr = BUF,
	  .npages = 1 },
	{ "ioctl: WRITE write-only", -EFAULT, .cmd = HMM_DMIRROR_WRITE, .addr = WO,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: WRITE, npages 0", -EINVAL, .cmd = HMM_DMIRROR_WRITE, .addr = RW, .ptr = BUF },
	{ "ioctl: WRITE, ptr NULL", -EFAULT, .cmd = HMM_DMIRROR_WRITE, .addr = RW, .ptr = 0,
	  .npages = 1 },
	{ "ioctl: WRITE, ptr a hole", -EFAULT, .cmd = HMM_DMIRROR_WRITE, .addr = RW,
	  .ptr = HOLE, .npages = 1 },
	{ "ioctl: WRITE, ptr PROT_NONE", -EFAULT, .cmd = HMM_DMIRROR_WRITE, .addr = RW,
	  .ptr = NONE, .npages = 1 },
	{ "ioctl: WRITE, ptr PROT_READ is fine", 0, .cmd = HMM_DMIRROR_WRITE, .addr = RW,
	  .ptr = RO, .npages = 1 },
	{ "ioctl: WRITE PROT_READ, ptr NULL: the buffer first", -EFAULT,
	  .cmd = HMM_DMIRROR_WRITE, .addr = RO, .ptr = 0, .npages = 1 },
	{ "ioctl: SNAPSHOT a hole", 0, .cmd = HMM_DMIRROR_SNAPSHOT, .addr = HOLE, .ptr = BUF,
	  .npages = 4 },
	{ "ioctl: SNAPSHOT PROT_NONE", 0, .cmd = HMM_DMIRROR_SNAPSHOT, .addr = NONE,
	  .ptr = BUF, .npages = 4 },
	{ "ioctl: SNAPSHOT past TASK_SIZE", 0, .cmd = HMM_DMIRROR_SNAPSHOT, .addr = TOP,
	  .ptr = BUF, .npages = 1 },
	{ "ioctl: SNAPSHOT, ptr NULL", -EFAULT, .cmd = HMM_DMIRROR_SNAPSHOT, .addr = RW,
	  .ptr = 0, .npages = 1 },
	{ "ioctl: SNAPSHOT, ptr read-only", -EFAULT, .cmd = HMM_DMIRROR_SNAPSHOT, .addr = RW,
	  .ptr = RO, .npages = 1 },
	{ "ioctl: SNAPSHOT, unaligned addr", -EINVAL, .cmd = HMM_DMIRROR_SNAPSHOT,
	  .addr = RW + 1, .ptr = BUF, .npages = 1 },
	{ "ioctl: MIGRATE_TO_DEV a hole", -EINVAL, .cmd = HMM_DMIRROR_MIGRATE_TO_DEV,
	  .addr = HOLE, .ptr = BUF, .npages = 1 },
	{ "ioctl: MIGRATE_TO_DEV PROT_NONE", -EINVAL, .cmd = HMM_DMIRROR_MIGRATE_TO_DEV,
	  .addr = NONE, .ptr = BUF, .npages = 1 },
	{ "ioctl: MIGRATE_TO_DEV write-only", -EINVAL, .cmd = HMM_DMIRROR_MIGRATE_TO_DEV,
	  .addr = WO, .ptr = BUF, .npages = 1 },
	{ "ioctl: MIGRATE_TO_DEV past TASK_SIZE", -EINVAL, .cmd = HMM_DMIRROR_MIGRATE_TO_DEV,
	  .addr = TOP, .ptr = BUF, .npages = 1 },
	{ "ioctl: MIGRATE_TO_DEV into a hole", -EINVAL, .cmd = HMM_DMIRROR_MIGRATE_TO_DEV,
	  .addr = RW, .ptr = BUF, .npages = 5 },
	{ "ioctl: MIGRATE_TO_DEV, ptr NULL", -EFAULT, .cmd = HMM_DMIRROR_MIGRATE_TO_DEV,
	  .addr = RW, .ptr = 0, .npages = 1 },
	{ "ioctl: MIGRATE_TO_DEV, npages 0", -EINVAL, .cmd = HMM_DMIRROR_MIGRATE_TO_DEV,
	  .addr = RW, .ptr = BUF },
	{ "ioctl: MIGRATE_TO_SYS a hole", -EINVAL, .cmd = HMM_DMIRROR_MIGRATE_TO_SYS,
	  .addr = HOLE, .ptr = BUF, .npages = 1 },
	{ "ioctl: MIGRATE_TO_SYS PROT_NONE", -EINVAL, .cmd = HMM_DMIRROR_MIGRATE_TO_SYS,
	  .addr = NONE, .ptr = BUF, .npages = 1 },
	{ "ioctl: MIGRATE_TO_SYS, ptr NULL is not used", 0, .cmd = HMM_DMIRROR_MIGRATE_TO_SYS,
	  .addr = RW, .ptr = 0, .npages = 1 },
	{ "ioctl: MIGRATE_TO_SYS, nothing on the device", 0, .cmd = HMM_DMIRROR_MIGRATE_TO_SYS,
	  .addr = RW, .ptr = BUF, .npages = 4 },
	{ "ioctl: FLAGS 0 at addr 0: the range is empty", -EINVAL, .cmd = HMM_DMIRROR_FLAGS,
	  .addr = 0, .npages = 0 },
	{ "ioctl: FLAGS, unaligned addr", -EINVAL, .cmd = HMM_DMIRROR_FLAGS, .addr = 1,
	  .npages = 2 },
	{ "ioctl: FLAGS 2^52: the bytes wrap to 0", -EINVAL, .cmd = HMM_DMIRROR_FLAGS,
	  .addr = 0, .npages = 1ULL << 52 },
	{ "ioctl: FLAGS, an unknown flag is kept", 0, .cmd = HMM_DMIRROR_FLAGS, .addr = 0,
	  .npages = 2 },
	{ "ioctl: RELEASE, npages 0", -EINVAL, .cmd = HMM_DMIRROR_RELEASE, .addr = RW },
	{ "ioctl: RELEASE, unaligned addr", -EINVAL, .cmd = HMM_DMIRROR_RELEASE,
	  .addr = RW + 1, .npages = 1 },
	{ "ioctl: RELEASE", 0, .cmd = HMM_DMIRROR_RELEASE, .addr = RW, .npages = 1 },
};

static void *kbuf;			/* BUF_PAGES pages for ptr = BUF */
static u64 bogus_handle_space[16];	/* never opened: not a handle */

static struct dmirror *row_handle(struct kunit *test, enum handle h)
{
	struct dmirror *d;

	switch (h) {
	case H_NULL:
		return NULL;
	case H_CLOSED:
		d = dmirror_open(0);
		KUNIT_ASSERT_NOT_NULL(test, d);
		KUNIT_ASSERT_EQ(test, dmirror_close(d), 0);
		return d;		/* nothing is opened before it is used */
	case H_BOGUS:
		return (struct dmirror *)bogus_handle_space;
	default:
		return hmm_ctx(test)->dmirror;
	}
}

static void run_ioctl(struct kunit *test, bool pending)
{
	for (const struct ioctl_row *r = ioctl_rows; r < ioctl_rows + ARRAY_SIZE(ioctl_rows);
	     r++) {
		struct hmm_dmirror_cmd cmd = {
			.addr = r->addr, .ptr = r->ptr == BUF ? (u64)kbuf : r->ptr,
			.npages = r->npages,
		};

		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, dmirror_ioctl(row_handle(test, r->handle), r->cmd,
					     r->no_arg ? NULL : &cmd));
	}
}

/* ---- dmirror_open, dmirror_close, dmirror_device_stats (mmlab's own API) ------- */

enum dev_op { OPEN, CLOSE_NULL, CLOSE_TWICE, CLOSE_BOGUS, STATS, STATS_NULL };

/*
 * No Linux counterpart: opening /dev/hmm_dmirrorN, closing a file, the
 * device's counters.  An open of a device that does not exist gives NULL
 * (expect 0); the rest are the errnos include/drivers/dmirror.h promises.
 */
struct dev_row {
	ROW_COMMON;
	enum dev_op op;
	unsigned int minor;
};

static const struct dev_row dev_rows[] = {
	{ "dmirror_open: minor 2 (no such device)", 0, .op = OPEN, .minor = 2 },
	{ "dmirror_open: minor UINT_MAX", 0, .op = OPEN, .minor = ~0U },
	{ "dmirror_close: NULL", 0, .op = CLOSE_NULL },
	{ "dmirror_close: twice", -EBADF, .op = CLOSE_TWICE },
	{ "dmirror_close: not a handle", -EBADF, .op = CLOSE_BOGUS },
	{ "dmirror_device_stats: minor 2", -EINVAL, .op = STATS, .minor = 2 },
	{ "dmirror_device_stats: minor UINT_MAX", -EINVAL, .op = STATS, .minor = ~0U },
	{ "dmirror_device_stats: NULL stats", -EINVAL, .op = STATS_NULL, .minor = 0 },
	{ "dmirror_device_stats: NULL stats, minor 9", -EINVAL, .op = STATS_NULL, .minor = 9 },
	{ "dmirror_device_stats: minor 0", 0, .op = STATS, .minor = 0 },
};

static long dev_op(struct kunit *test, const struct dev_row *r)
{
	struct dmirror_device_stats s;
	struct dmirror *d;

	switch (r->op) {
	case OPEN:
		d = dmirror_open(r->minor);
		if (d)
			dmirror_close(d);
		return d ? 1 : 0;
	case CLOSE_NULL:
		return dmirror_close(NULL);
	case CLOSE_TWICE:
		d = dmirror_open(0);
		KUNIT_ASSERT_NOT_NULL(test, d);
		KUNIT_ASSERT_EQ(test, dmirror_close(d), 0);
		return dmirror_close(d);
	case CLOSE_BOGUS:
		return dmirror_close((struct dmirror *)bogus_handle_space);
	case STATS:
		return dmirror_device_stats(r->minor, &s);
	default:
		return dmirror_device_stats(r->minor, NULL);
	}
}

static void run_dev(struct kunit *test, bool pending)
{
	for (const struct dev_row *r = dev_rows; r < dev_rows + ARRAY_SIZE(dev_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		CHECK(test, r, dev_op(test, r));
	}
}

/* ---- hmm_range_fault ------------------------------------------------------------ */

#define REQ_F	HMM_PFN_REQ_FAULT
#define REQ_W	(HMM_PFN_REQ_FAULT | HMM_PFN_REQ_WRITE)
#define HMM_NPAGES	8

/*
 * Linux: hmm_range_fault() (a changed notifier sequence: -EBUSY),
 * walk_page_range() (start >= end: -EINVAL), hmm_vma_walk_hole() (a
 * required page with no VMA: -EFAULT), hmm_vma_walk_test() (no VM_READ:
 * -EFAULT if required), hmm_vma_fault() (write to a VMA without VM_WRITE:
 * -EPERM).  Pages not required come back as HMM_PFN_ERROR or 0: success.
 */
struct hmm_row {
	ROW_COMMON;
	unsigned long start, end, default_flags, mask, in;
	bool stale;
};

static const struct hmm_row hmm_rows[] = {
	{ "hmm_range_fault: a hole, nothing required", 0, .start = HOLE, .end = HOLE + 4 * P },
	{ "hmm_range_fault: a hole, fault", -EFAULT, .start = HOLE, .end = HOLE + P,
	  .default_flags = REQ_F },
	{ "hmm_range_fault: PROT_NONE, nothing required", 0, .start = NONE,
	  .end = NONE + 4 * P },
	{ "hmm_range_fault: PROT_NONE, fault", -EFAULT, .start = NONE, .end = NONE + P,
	  .default_flags = REQ_F },
	{ "hmm_range_fault: write-only VMA, fault", -EFAULT, .start = WO, .end = WO + P,
	  .default_flags = REQ_F },
	{ "hmm_range_fault: PROT_READ, write fault", -EPERM, .start = RO, .end = RO + P,
	  .default_flags = REQ_W },
	{ "hmm_range_fault: PROT_READ, read fault", 0, .start = RO, .end = RO + 4 * P,
	  .default_flags = REQ_F },
	{ "hmm_range_fault: read-write, write fault", 0, .start = RW, .end = RW + 4 * P,
	  .default_flags = REQ_W },
	{ "hmm_range_fault: read-write then a hole, fault", -EFAULT, .start = RW + 3 * P,
	  .end = RW + 5 * P, .default_flags = REQ_F },
	{ "hmm_range_fault: PROT_READ then PROT_NONE, fault", -EFAULT, .start = RO + 3 * P,
	  .end = NONE + P, .default_flags = REQ_F },
	{ "hmm_range_fault: past TASK_SIZE, nothing required", 0, .start = TOP,
	  .end = TOP + P },
	{ "hmm_range_fault: past TASK_SIZE, fault", -EFAULT, .start = TOP, .end = TOP + P,
	  .default_flags = REQ_F },
	{ "hmm_range_fault: the kernel half, nothing required", 0, .start = KHALF,
	  .end = KHALF + P },
	{ "hmm_range_fault: a hole, fault asked per page", -EFAULT, .start = HOLE,
	  .end = HOLE + P, .mask = REQ_W, .in = REQ_F },
	{ "hmm_range_fault: a hole, the per-page request masked off", 0, .start = HOLE,
	  .end = HOLE + P, .mask = 0, .in = REQ_F },
	{ "hmm_range_fault: PROT_READ, write asked per page", -EPERM, .start = RO,
	  .end = RO + P, .mask = REQ_W, .in = REQ_W },
	{ "hmm_range_fault: a stale notifier sequence", -EBUSY, .start = RW, .end = RW + P,
	  .stale = true },
	{ "hmm_range_fault: start == end", -EINVAL, .start = RW,
	  .end = RW },
	{ "hmm_range_fault: start > end", -EINVAL, .start = RW + P,
	  .end = RW },
};

static bool noop_invalidate(struct mmu_interval_notifier *sub,
			    const struct mmu_notifier_range *range, unsigned long cur_seq)
{
	mmu_interval_set_seq(sub, cur_seq);
	return true;
}

static const struct mmu_interval_notifier_ops noop_ops = { .invalidate = noop_invalidate };
static const struct mmu_interval_notifier_ops no_invalidate_ops;

static long hmm_row_call(struct mmu_interval_notifier *sub, const struct hmm_row *r)
{
	unsigned long pfns[HMM_NPAGES];
	struct hmm_range range = {
		.notifier = sub, .start = r->start, .end = r->end, .hmm_pfns = pfns,
		.default_flags = r->default_flags, .pfn_flags_mask = r->mask,
	};
	long ret;

	for (int i = 0; i < HMM_NPAGES; i++)
		pfns[i] = r->in;
	if (r->stale) {
		range.notifier_seq = mmu_interval_read_begin(sub) - 1;
		return hmm_range_fault(&range);
	}
	for (int tries = 0; tries < 16; tries++) {	/* faults may invalidate: retry */
		range.notifier_seq = mmu_interval_read_begin(sub);
		ret = hmm_range_fault(&range);
		if (ret != -EBUSY)
			break;
	}
	return ret;
}

static void run_hmm(struct kunit *test, bool pending)
{
	struct mmu_interval_notifier sub;

	KUNIT_ASSERT_EQ(test, mmu_interval_notifier_insert(&sub, hmm_mm(test), 0, PAGE_MASK,
							   &noop_ops), 0);
	for (const struct hmm_row *r = hmm_rows; r < hmm_rows + ARRAY_SIZE(hmm_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, hmm_row_call(&sub, r));
	}
	mmu_interval_notifier_remove(&sub);
}

/* ---- mmu_interval_notifier_insert ------------------------------------------------ */

/* Linux: __mmu_interval_notifier_insert() (empty or wrapping: -EOVERFLOW). */
struct notifier_row {
	ROW_COMMON;
	unsigned long start, length;
	const struct mmu_interval_notifier_ops *ops;
};

static const struct notifier_row notifier_rows[] = {
	{ "mmu_interval_notifier_insert: length 0", -EOVERFLOW, .start = RW, .length = 0, .ops = &noop_ops },
	{ "mmu_interval_notifier_insert: start + length wraps", -EOVERFLOW,
	  .start = WRAP, .length = 2 * P, .ops = &noop_ops },
	{ "mmu_interval_notifier_insert: ops NULL", -EINVAL,
	  "Linux does not check: the first invalidation oopses", .start = RW, .length = P },
	{ "mmu_interval_notifier_insert: no invalidate op", -EINVAL,
	  "Linux does not check: the first invalidation oopses", .start = RW, .length = P,
	  .ops = &no_invalidate_ops },
	{ "mmu_interval_notifier_insert: up to the last byte of 2^64", 0, .start = 0,
	  .length = ~0UL, .ops = &noop_ops },
};

static void run_notifier(struct kunit *test, bool pending)
{
	for (const struct notifier_row *r = notifier_rows;
	     r < notifier_rows + ARRAY_SIZE(notifier_rows); r++) {
		struct mmu_interval_notifier sub;
		long ret;

		if (!RUN_ROW(test, r, pending))
			continue;
		ret = mmu_interval_notifier_insert(&sub, hmm_mm(test), r->start, r->length, r->ops);
		if (!ret)
			mmu_interval_notifier_remove(&sub);
		CHECK(test, r, ret);
	}
}

/* ---- migrate_vma_setup ------------------------------------------------------------ */

enum fault_page { FP_NONE, FP_RAM, FP_DEVICE };
#define MV_PAGES	16

/*
 * Linux: migrate_vma_setup() - every check is -EINVAL: no VMA, fewer than
 * one page (counted before start and end are rounded down), start or end
 * outside the VMA, no src or dst, a fault_page that is not a locked
 * device-private page.  expect 0: set up (then finalized, nothing moved).
 */
struct migrate_row {
	ROW_COMMON;
	unsigned long vma_at, start, end, flags;
	bool no_src, no_dst;
	enum fault_page fp;
};

#define SYS	MIGRATE_VMA_SELECT_SYSTEM

static const struct migrate_row migrate_rows[] = {
	{ "migrate_vma_setup: no VMA", -EINVAL, .vma_at = 0, .start = RW, .end = RW + P,
	  .flags = SYS },
	{ "migrate_vma_setup: start == end", -EINVAL, .vma_at = RW, .start = RW, .end = RW,
	  .flags = SYS },
	{ "migrate_vma_setup: less than a page", -EINVAL, .vma_at = RW, .start = RW,
	  .end = RW + P - 1, .flags = SYS },
	{ "migrate_vma_setup: end below start", -EINVAL,
	  "Linux counts the pages unsigned: a huge count, and clears that much of src",
	  .vma_at = RW, .start = RW + 2 * P, .end = RW + P, .flags = SYS },
	{ "migrate_vma_setup: start below the VMA", -EINVAL, .vma_at = RW, .start = RW - P,
	  .end = RW + P, .flags = SYS },
	{ "migrate_vma_setup: start at the VMA's end", -EINVAL, .vma_at = RW,
	  .start = RW + 4 * P, .end = RW + 5 * P, .flags = SYS },
	{ "migrate_vma_setup: end past the VMA", -EINVAL, .vma_at = RW, .start = RW,
	  .end = RW + 5 * P, .flags = SYS },
	{ "migrate_vma_setup: another VMA's range", -EINVAL, .vma_at = RW, .start = RO,
	  .end = RO + P, .flags = SYS },
	{ "migrate_vma_setup: src NULL", -EINVAL, .vma_at = RW, .start = RW, .end = RW + P,
	  .flags = SYS, .no_src = true },
	{ "migrate_vma_setup: dst NULL", -EINVAL, .vma_at = RW, .start = RW, .end = RW + P,
	  .flags = SYS, .no_dst = true },
	{ "migrate_vma_setup: fault_page in RAM", -EINVAL, .vma_at = RW, .start = RW,
	  .end = RW + P, .flags = SYS, .fp = FP_RAM },
	{ "migrate_vma_setup: fault_page not locked", -EINVAL, .vma_at = RW, .start = RW,
	  .end = RW + P, .flags = MIGRATE_VMA_SELECT_DEVICE_PRIVATE, .fp = FP_DEVICE },
	{ "migrate_vma_setup: unaligned start and end round down", 0, .vma_at = RW,
	  .start = RW + 0x800, .end = RW + 0x1800, .flags = SYS },
	{ "migrate_vma_setup: no SELECT flag", 0, .vma_at = RW, .start = RW, .end = RW + 4 * P },
	{ "migrate_vma_setup: PROT_NONE VMA", 0, .vma_at = NONE, .start = NONE,
	  .end = NONE + P, .flags = SYS },
	{ "migrate_vma_setup: PROT_READ VMA", 0, .vma_at = RO, .start = RO, .end = RO + 4 * P,
	  .flags = SYS },
};

/* The device page that now holds RW's first page (moved there by the device). */
static struct page *device_page(struct kunit *test)
{
	struct hmm_dmirror_cmd cmd = { .addr = RW, .ptr = (u64)kbuf, .npages = 1 };
	struct mm_mapping m;

	KUNIT_ASSERT_EQ(test, dmirror_ioctl(hmm_ctx(test)->dmirror, HMM_DMIRROR_MIGRATE_TO_DEV,
					    &cmd), 0);
	mm_find_mapping(hmm_mm(test), RW, &m);
	KUNIT_ASSERT_TRUE(test, m.device_private);
	return pfn_to_page(m.pfn);
}

static long migrate_row_call(struct kunit *test, const struct migrate_row *r)
{
	unsigned long src[MV_PAGES], dst[MV_PAGES];
	struct migrate_vma args = {
		.vma = r->vma_at ? vma_lookup(hmm_mm(test), r->vma_at) : NULL,
		.src = r->no_src ? NULL : src, .dst = r->no_dst ? NULL : dst,
		.start = r->start, .end = r->end, .flags = r->flags,
		.pgmap_owner = NULL,
	};
	long ret;

	memset(dst, 0, sizeof(dst));
	if (r->fp == FP_RAM)
		args.fault_page = virt_to_page(kbuf);
	else if (r->fp == FP_DEVICE)
		args.fault_page = device_page(test);
	ret = migrate_vma_setup(&args);
	if (!ret) {				/* nothing to copy: everything stays */
		migrate_vma_pages(&args);
		migrate_vma_finalize(&args);
	}
	return ret;
}

static void run_migrate(struct kunit *test, bool pending)
{
	for (const struct migrate_row *r = migrate_rows;
	     r < migrate_rows + ARRAY_SIZE(migrate_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, migrate_row_call(test, r));
	}
}

/* ---- migrate_device_range, migrate_device_pfns ----------------------------------- */

enum mdev_pfn { MD_FREE_RAM, MD_TAIL, MD_PAST_RAM };

/*
 * Linux: migrate_device_range() and migrate_device_pfns() return 0; a pfn
 * whose page has no reference (free, or a tail) gets src 0.  expect 1
 * below stands for "0, but src[0] was filled in".  Linux checks nothing
 * else: a pfn without a struct page is the caller's bug.
 */
struct mdev_row {
	ROW_COMMON;
	bool by_pfns;
	enum mdev_pfn pfn;
	unsigned long npages;
};

static const struct mdev_row mdev_rows[] = {
	{ "migrate_device_range: 0 pages", 0, .pfn = MD_FREE_RAM, .npages = 0 },
	{ "migrate_device_pfns: 0 pages", 0, .by_pfns = true, .pfn = MD_FREE_RAM, .npages = 0 },
	{ "migrate_device_range: a free page of RAM", 0, .pfn = MD_FREE_RAM, .npages = 1 },
	{ "migrate_device_range: a tail page", 0, .pfn = MD_TAIL, .npages = 1 },
	{ "migrate_device_pfns: a free page of RAM", 0, .by_pfns = true, .pfn = MD_FREE_RAM,
	  .npages = 1 },
	{ "migrate_device_pfns: a tail page", 0, .by_pfns = true, .pfn = MD_TAIL, .npages = 1 },
	{ "migrate_device_range: a pfn past the end of RAM (skipped, src 0)", 0,
	  "Linux does not check it (pfn_to_page of a pfn with no struct page)",
	  NULL, false, .pfn = MD_PAST_RAM, .npages = 1 },
};

static long mdev_row_call(const struct mdev_row *r)
{
	unsigned long src[1] = { 0 }, dst[1] = { 0 }, pfn;
	struct folio *folio = NULL;
	struct page *page;
	long ret;

	switch (r->pfn) {
	case MD_FREE_RAM:
		page = alloc_page(__GFP_NOWARN);
		if (!page)
			return -ENOMEM;
		pfn = page_to_pfn(page);
		__free_page(page);		/* free: refcount 0 */
		break;
	case MD_TAIL:
		folio = folio_alloc(__GFP_NOWARN, 2);
		if (!folio)
			return -ENOMEM;
		pfn = folio_pfn(folio) + 1;
		break;
	default:
		pfn = max_pfn + HPAGE_PMD_NR;
	}
	src[0] = pfn;
	ret = r->by_pfns ? migrate_device_pfns(src, r->npages) :
			   migrate_device_range(src, pfn, r->npages);
	if (!ret && r->npages && src[0]) {
		migrate_device_finalize(src, dst, r->npages);	/* put it back */
		ret = 1;
	}
	if (folio)
		folio_put(folio);
	return ret;
}

static void run_mdev(struct kunit *test, bool pending)
{
	for (const struct mdev_row *r = mdev_rows; r < mdev_rows + ARRAY_SIZE(mdev_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		CHECK(test, r, mdev_row_call(r));
	}
}

/* ---- split_folio_to_order, folio_split, try_folio_split_to_order ----------------- */

enum split_folio { SF_THP, SF_SMALL, SF_PINNED, SF_UNMAPPED, SF_KERNEL, SF_HUGE_ZERO };
enum split_fn { UNIFORM, NON_UNIFORM, TRY };
enum split_at { AT_HEAD, AT_7, AT_OTHER };

/*
 * Linux: __folio_split() - split_at or lock_at not in the folio, new_order
 * not below the folio's, order 1 of an anonymous folio: -EINVAL; a folio
 * neither anonymous nor in a mapping (kernel memory, the huge zero folio):
 * -EBUSY; an anonymous folio nothing maps (no anon_vma): -EBUSY; an extra
 * reference (can_split_folio): -EAGAIN.  The folio is locked, as the API
 * requires.
 */
struct split_row {
	ROW_COMMON;
	enum split_folio folio;
	enum split_fn fn;
	unsigned int order;
	enum split_at at;
};

static const struct split_row split_rows[] = {
	{ "split_folio_to_order: THP to order 9", -EINVAL, .folio = SF_THP, .order = 9 },
	{ "split_folio_to_order: THP to order 10", -EINVAL, .folio = SF_THP, .order = 10 },
	{ "split_folio_to_order: THP to order 1 (anonymous)", -EINVAL, .folio = SF_THP,
	  .order = 1 },
	{ "split_folio_to_order: THP to order -1", -EINVAL, .folio = SF_THP, .order = ~0U },
	{ "folio_split: at a page of another folio", -EINVAL, .folio = SF_THP,
	  .fn = NON_UNIFORM, .order = 0, .at = AT_OTHER },
	{ "folio_split: THP to order 1", -EINVAL, .folio = SF_THP, .fn = NON_UNIFORM,
	  .order = 1, .at = AT_7 },
	{ "folio_split: THP to order 9", -EINVAL, .folio = SF_THP, .fn = NON_UNIFORM,
	  .order = 9, .at = AT_7 },
	{ "try_folio_split_to_order: THP to order 1", -EINVAL, .folio = SF_THP, .fn = TRY,
	  .order = 1, .at = AT_7 },
	{ "try_folio_split_to_order: at a page of another folio", -EINVAL, .folio = SF_THP,
	  .fn = TRY, .order = 0, .at = AT_OTHER },
	{ "split_folio_to_order: an order-0 anonymous folio", -EINVAL, .folio = SF_SMALL,
	  .order = 0 },
	{ "split_folio_to_order: a pinned THP", -EAGAIN, .folio = SF_PINNED, .order = 0 },
	{ "split_folio_to_order: a THP nothing maps", -EBUSY, .folio = SF_UNMAPPED,
	  .order = 0 },
	{ "split_folio_to_order: a kernel folio (no mapping)", -EBUSY,
	  .folio = SF_KERNEL, .order = 0 },
	{ "folio_split: a kernel folio (no mapping)", -EBUSY,
	  .folio = SF_KERNEL, .fn = NON_UNIFORM, .order = 0, .at = AT_HEAD },
	{ "split_folio_to_order: the huge zero folio", -EBUSY,
	  .folio = SF_HUGE_ZERO, .order = 0 },
};

static struct folio *split_row_folio(struct kunit *test, enum split_folio kind)
{
	struct folio *folio;

	switch (kind) {
	case SF_SMALL:
		*(volatile int *)RW = 1;
		return page_folio(pfn_to_page(hmm_mapping(test, (void *)RW).pfn));
	case SF_KERNEL:
		folio = folio_alloc(__GFP_NOWARN, 2);
		KUNIT_ASSERT_NOT_NULL(test, folio);
		return folio;
	case SF_HUGE_ZERO:
		KUNIT_ASSERT_NOT_NULL(test, huge_zero_folio);
		return huge_zero_folio;
	default:
		folio = page_folio(pfn_to_page(hmm_mapping(test, (void *)THPA).pfn));
		KUNIT_ASSERT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
		if (kind == SF_PINNED || kind == SF_UNMAPPED)
			folio_get(folio);	/* the caller's reference */
		if (kind == SF_PINNED)
			folio_get(folio);	/* and a pin */
		if (kind == SF_UNMAPPED)
			KUNIT_ASSERT_EQ(test, vm_munmap(THPA, TWOMEG), 0);
		return folio;
	}
}

static long split_row_call(struct kunit *test, const struct split_row *r)
{
	struct folio *folio = split_row_folio(test, r->folio);
	struct page *at = r->at == AT_OTHER ? virt_to_page(kbuf) :
			  folio_page(folio, r->at == AT_7 ? 7 : 0);
	long ret;

	KUNIT_ASSERT_TRUE(test, folio_trylock(folio));
	if (r->fn == UNIFORM)
		ret = split_folio_to_order(folio, r->order);
	else if (r->fn == NON_UNIFORM)
		ret = folio_split(folio, r->order, at, NULL);
	else
		ret = try_folio_split_to_order(folio, at, r->order);
	folio_unlock(folio);
	if (r->folio == SF_PINNED)
		folio_put(folio);
	if (r->folio == SF_PINNED || r->folio == SF_UNMAPPED || r->folio == SF_KERNEL)
		folio_put(folio);
	return ret;
}

static void run_split(struct kunit *test, bool pending)
{
	for (const struct split_row *r = split_rows; r < split_rows + ARRAY_SIZE(split_rows);
	     r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, r->folio != SF_SMALL && r->folio != SF_KERNEL &&
			     r->folio != SF_HUGE_ZERO);
		CHECK(test, r, split_row_call(test, r));
	}
}

/* ---- split_huge_pages_write -------------------------------------------------------- */

#define LEN(s)	((long)sizeof(s) - 1)
#define RANGE	"0x200000200000,0x200000400000"		/* THPA, THPA + 2 MiB */

/*
 * Linux: split_huge_pages_write() - "1" alone splits every THP; otherwise
 * sscanf("%d,0x%lx,0x%lx,%d,%ld") must match 3 to 5 fields (-EINVAL);
 * split_huge_pages_pid() finds no task: -ESRCH.  Success returns the
 * length of what was read (at most 254 bytes).  .count 0: the whole string.
 */
struct shp_row {
	ROW_COMMON;
	const char *buf;	/* NULL: "1," and 300 'x' */
	size_t count;
};

static const struct shp_row shp_rows[] = {
	{ "split_huge_pages: empty", -EINVAL, .buf = "" },
	{ "split_huge_pages: a newline", -EINVAL, .buf = "\n" },
	{ "split_huge_pages: \"1\" splits every THP", LEN("1"), .buf = "1" },
	{ "split_huge_pages: \"1\\n\" counts the newline", LEN("1\n"),
	  .buf = "1\n" },
	{ "split_huge_pages: \"2\" alone", -EINVAL, .buf = "2" },
	{ "split_huge_pages: not a number", -EINVAL, .buf = "abc" },
	{ "split_huge_pages: two fields", -EINVAL, .buf = "1,0x200000200000" },
	{ "split_huge_pages: no such pid", -ESRCH, .buf = "999," RANGE },
	{ "split_huge_pages: pid 0", -ESRCH, .buf = "0," RANGE },
	{ "split_huge_pages: pid -1", -ESRCH, .buf = "-1," RANGE },
	{ "split_huge_pages: pid 1, a range", LEN("1," RANGE),
	  .buf = "1," RANGE },
	{ "split_huge_pages: end below start", LEN("1,0x200000400000,0x200000200000"),
	  .buf = "1,0x200000400000,0x200000200000" },
	{ "split_huge_pages: order 9 (nothing to do)", LEN("1," RANGE ",9"),
	  .buf = "1," RANGE ",9" },
	{ "split_huge_pages: order 1 (refused inside, still done)", LEN("1," RANGE ",1"),
	  .buf = "1," RANGE ",1" },
	{ "split_huge_pages: in_folio_offset past the folio", LEN("1," RANGE ",0,100000"),
	  .buf = "1," RANGE ",0,100000" },
	{ "split_huge_pages: a sixth field is not read", LEN("1," RANGE ",0,1,5"),
	  .buf = "1," RANGE ",0,1,5" },
	{ "split_huge_pages: new_order junk: 3 fields", LEN("1," RANGE ",x"),
	  .buf = "1," RANGE ",x" },
	{ "split_huge_pages: no 0x: \"1\" alone", LEN("1,200000200000,0x200000400000"),
	  .buf = "1,200000200000,0x200000400000" },
	{ "split_huge_pages: order -1 is a huge unsigned order", LEN("1," RANGE ",-1"),
	  .buf = "1," RANGE ",-1" },
	{ "split_huge_pages: junk inside an address", -EINVAL,
	  .buf = "1,0x2000002zz000,0x200000400000" },
	{ "split_huge_pages: a leading space", LEN(" 1"), .buf = " 1" },
	{ "split_huge_pages: a second 0x in an address", LEN("1,0x0x200000200000,0x200000400000"),
	  .buf = "1,0x0x200000200000,0x200000400000" },
	{ "split_huge_pages: 0x with no digits after it", LEN("1,0x0x,0x200000400000"),
	  .buf = "1,0x0x,0x200000400000" },
	{ "split_huge_pages: pid 2^32+1 is int 1", LEN("4294967297"), .buf = "4294967297" },
	{ "split_huge_pages: a Latin-1 no-break space", 2, .buf = "\xa0" "1" },
	{ "split_huge_pages: a file path (no such file)", -EINVAL, .buf = "/tmp/f,0x0,0x10" },
	{ "split_huge_pages: a file path alone", -EINVAL, .buf = "/tmp/f" },
	{ "split_huge_pages: 302 bytes: 254 are read", 254,
	  .buf = NULL, .count = 302 },
	{ "split_huge_pages: count 1 of a longer string", 1, .buf = "1," RANGE, .count = 1 },
};

static long shp_row_call(const struct shp_row *r)
{
	static char longbuf[303];

	if (!r->buf) {
		memset(longbuf, 'x', sizeof(longbuf) - 1);
		memcpy(longbuf, "1,", 2);
		return split_huge_pages_write(longbuf, r->count);
	}
	return split_huge_pages_write(r->buf, r->count ? r->count : strlen(r->buf));
}

static void run_shp(struct kunit *test, bool pending)
{
	for (const struct shp_row *r = shp_rows; r < shp_rows + ARRAY_SIZE(shp_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, true);
		CHECK(test, r, shp_row_call(r));
	}
}

/* ---- transparent_hugepage/enabled, defrag; /proc/PID/pagemap ----------------------- */

enum proc_file { TS_ENABLED, TS_DEFRAG, TS_PAGEMAP };

/*
 * Linux: enabled_store(), defrag_store() (mm/huge_memory.c): sysfs_streq()
 * against each choice - one trailing newline allowed, nothing else - or
 * -EINVAL, on the count bytes written (.count 0: the string's length);
 * success returns count.  pagemap_read() (fs/proc/task_mmu.c):
 * pos or count not a multiple of 8: -EINVAL; count 0: 0; from past the
 * task size: 0 bytes; else the bytes read.  .buf and .count as written.
 */
struct ts_row {
	ROW_COMMON;
	enum proc_file file;
	const char *buf;
	u64 pos;
	size_t count;
};

#define END_PM	((TASK_SIZE_MAX + 1) >> PAGE_SHIFT) * 8	/* the first entry past it */

static const struct ts_row ts_rows[] = {
	{ "thp enabled: empty", -EINVAL, .file = TS_ENABLED, .buf = "" },
	{ "thp enabled: always", 6, .file = TS_ENABLED, .buf = "always", .count = 6 },
	{ "thp enabled: never\\n, as echo writes it", 6, .file = TS_ENABLED, .buf = "never\n",
	  .count = 6 },
	{ "thp enabled: madvise", 7, .file = TS_ENABLED, .buf = "madvise", .count = 7 },
	{ "thp enabled: 6 bytes of \"alwaysX\" are \"always\"", 6, .file = TS_ENABLED,
	  .buf = "alwaysX", .count = 6 },
	{ "thp enabled: 64 bytes, longer than any choice", -EINVAL, .file = TS_ENABLED,
	  .buf = "never                                                           " },
	{ "thp enabled: two newlines", -EINVAL, .file = TS_ENABLED, .buf = "never\n\n" },
	{ "thp enabled: a leading space", -EINVAL, .file = TS_ENABLED, .buf = " never" },
	{ "thp enabled: a trailing space", -EINVAL, .file = TS_ENABLED, .buf = "never " },
	{ "thp enabled: upper case", -EINVAL, .file = TS_ENABLED, .buf = "NEVER" },
	{ "thp enabled: in brackets, as shown", -EINVAL, .file = TS_ENABLED, .buf = "[never]" },
	{ "thp enabled: a prefix", -EINVAL, .file = TS_ENABLED, .buf = "alw" },
	{ "thp enabled: inherit (mTHP files only)", -EINVAL, .file = TS_ENABLED, .buf = "inherit" },
	{ "thp defrag: defer+madvise", 13, .file = TS_DEFRAG, .buf = "defer+madvise",
	  .count = 13 },
	{ "thp defrag: defer", 6, .file = TS_DEFRAG, .buf = "defer\n", .count = 6 },
	{ "thp defrag: defer+", -EINVAL, .file = TS_DEFRAG, .buf = "defer+" },
	{ "thp defrag: a newline alone", -EINVAL, .file = TS_DEFRAG, .buf = "\n" },
	{ "pagemap: count 0", 0, .file = TS_PAGEMAP, .pos = 0, .count = 0 },
	{ "pagemap: one entry", 8, .file = TS_PAGEMAP, .pos = (RW >> PAGE_SHIFT) * 8, .count = 8 },
	{ "pagemap: pos not a multiple of 8", -EINVAL, .file = TS_PAGEMAP, .pos = 4, .count = 8 },
	{ "pagemap: count not a multiple of 8", -EINVAL, .file = TS_PAGEMAP, .pos = 0, .count = 12 },
	{ "pagemap: both unaligned", -EINVAL, .file = TS_PAGEMAP, .pos = 1, .count = 1 },
	{ "pagemap: unaligned count 0", -EINVAL, .file = TS_PAGEMAP, .pos = 3, .count = 0 },
	{ "pagemap: two entries, one left before the end", 8, .file = TS_PAGEMAP,
	  .pos = END_PM - 8, .count = 16 },
	{ "pagemap: at the end of the address space", 0, .file = TS_PAGEMAP, .pos = END_PM,
	  .count = 8 },
	{ "pagemap: the largest aligned offset", 0, .file = TS_PAGEMAP, .pos = ~7ULL, .count = 8 },
};

static long ts_row_call(struct kunit *test, const struct ts_row *r)
{
	static u64 entries[2];

	switch (r->file) {
	case TS_ENABLED:
		return enabled_store(r->buf, r->count ? r->count : strlen(r->buf));
	case TS_DEFRAG:
		return defrag_store(r->buf, r->count ? r->count : strlen(r->buf));
	default:
		return pagemap_read(hmm_mm(test), entries, r->count, r->pos);
	}
}

static void run_ts(struct kunit *test, bool pending)
{
	enum transparent_hugepage_mode mode = transparent_hugepage_mode;
	enum transparent_hugepage_defrag defrag = transparent_hugepage_defrag;

	for (const struct ts_row *r = ts_rows; r < ts_rows + ARRAY_SIZE(ts_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, ts_row_call(test, r));
	}
	set_transparent_hugepage_mode(mode);
	transparent_hugepage_defrag = defrag;
}

/* ---- memremap_pages ---------------------------------------------------------------- */

enum pgmap_bad { PG_TYPE0, PG_NO_OPS, PG_NO_MIGRATE, PG_NO_FREE, PG_NO_OWNER, PG_NR_RANGE0,
		 PG_OVERLAP, PG_RAM, PG_PAST_RAM, PG_UNALIGNED };

/*
 * Linux: memremap_pages() (nr_range 0, no migrate_to_ram, no folio_free,
 * no owner: -EINVAL), pagemap_range() (a range of another pagemap:
 * -ENOMEM; System RAM: -ENXIO), check_pfn_span() (not 2 MiB aligned:
 * -EINVAL).  Each row changes one thing in device 0's pagemap, moved to
 * just past the end of RAM.
 */
struct pgmap_row {
	ROW_COMMON;
	enum pgmap_bad bad;
};

static const struct pgmap_row pgmap_rows[] = {
	{ "memremap_pages: type 0", -EINVAL,
	  "Linux WARNs \"Invalid pgmap type\" and maps it", .bad = PG_TYPE0 },
	{ "memremap_pages: ops NULL", -EINVAL, .bad = PG_NO_OPS },
	{ "memremap_pages: no migrate_to_ram", -EINVAL, .bad = PG_NO_MIGRATE },
	{ "memremap_pages: no folio_free", -EINVAL, .bad = PG_NO_FREE },
	{ "memremap_pages: no owner", -EINVAL, .bad = PG_NO_OWNER },
	{ "memremap_pages: past the end of RAM", -EINVAL,
	  "Linux puts device-private memory in unused physical space (maps it); mmlab's "
	  "is a RAM carve-out reserved at boot", .bad = PG_PAST_RAM },
	{ "memremap_pages: not 2 MiB aligned", -EINVAL, .bad = PG_UNALIGNED },
	{ "memremap_pages: nr_range 0", -EINVAL, .bad = PG_NR_RANGE0 },
	{ "memremap_pages: device 0's memory again", -ENOMEM, .bad = PG_OVERLAP },
	{ "memremap_pages: ordinary RAM", -ENXIO, 
	  .bad = PG_RAM },
};

static long pgmap_row_call(struct kunit *test, const struct pgmap_row *r)
{
	static struct dev_pagemap_ops ops;
	struct dev_pagemap *dev0 = page_pgmap(device_page(test));
	u64 past = ALIGN(PFN_PHYS(max_pfn), TWOMEG);
	struct dev_pagemap pgmap = {
		.type = MEMORY_DEVICE_PRIVATE, .ops = &ops, .owner = dev0->owner,
		.nr_range = 1, .range = { past, past + TWOMEG - 1 },
	};
	struct folio *ram = NULL;
	void *ret;

	ops = *dev0->ops;
	switch (r->bad) {
	case PG_RAM:		/* RAM the page allocator has handed out */
		ram = folio_alloc(GFP_KERNEL, HPAGE_PMD_ORDER);
		KUNIT_ASSERT_NOT_NULL(test, ram);
		pgmap.range.start = PFN_PHYS(folio_pfn(ram));
		pgmap.range.end = pgmap.range.start + TWOMEG - 1;
		break;
	case PG_TYPE0:		pgmap.type = 0; break;
	case PG_NO_OPS:		pgmap.ops = NULL; break;
	case PG_NO_MIGRATE:	ops.migrate_to_ram = NULL; break;
	case PG_NO_FREE:	ops.folio_free = NULL; break;
	case PG_NO_OWNER:	pgmap.owner = NULL; break;
	case PG_NR_RANGE0:	pgmap.nr_range = 0; pgmap.range = dev0->range; break;
	case PG_OVERLAP:	pgmap.range = dev0->range; break;
	case PG_UNALIGNED:	pgmap.range.start += 0x800; break;
	default:		break;
	}
	ret = memremap_pages(&pgmap, 0);
	folio_put(ram);
	KUNIT_ASSERT_TRUE(test, IS_ERR(ret));	/* else a pagemap on the stack is live */
	return PTR_ERR(ret);
}

static void run_pgmap(struct kunit *test, bool pending)
{
	for (const struct pgmap_row *r = pgmap_rows; r < pgmap_rows + ARRAY_SIZE(pgmap_rows);
	     r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, pgmap_row_call(test, r));
	}
}

/* ---- alloc_pages, folio_alloc, kmalloc and friends, kfree, ksize ------------------ */

enum alloc_op { A_PAGES, A_FOLIO, A_KMALLOC, A_KZALLOC, A_ARRAY, A_CALLOC, A_KFREE_NULL,
		A_KFREE_MID, A_KFREE_STACK, A_KFREE_USER, A_KFREE_PAGE, A_KSIZE_MID,
		A_KSIZE_NULL };

#define NW	__GFP_NOWARN
#define ZERO_SIZE "Linux returns ZERO_SIZE_PTR, a non-NULL pointer that faults"
#define NOT_OBJ	"mmlab reports the pointer and ignores it; Linux "

/*
 * Linux: __alloc_pages (order > MAX_PAGE_ORDER: NULL, WARN unless
 * __GFP_NOWARN), kmalloc_large (the same), kmalloc_array/kcalloc (size
 * overflow: NULL).  expect 1: an allocation, 0: NULL.  The kfree/ksize
 * rows expect 0: nothing freed (the live kmalloc objects unchanged; for
 * ksize, its result).
 */
struct alloc_row {
	ROW_COMMON;
	enum alloc_op op;
	unsigned long a, b;
};

static const struct alloc_row alloc_rows[] = {
	{ "alloc_pages: order MAX_PAGE_ORDER + 1", 0, .op = A_PAGES, .a = MAX_PAGE_ORDER + 1 },
	{ "alloc_pages: order 31", 0, .op = A_PAGES, .a = 31 },
	{ "alloc_pages: order UINT_MAX", 0, .op = A_PAGES, .a = ~0U },
	{ "folio_alloc: order MAX_PAGE_ORDER + 1", 0, .op = A_FOLIO, .a = MAX_PAGE_ORDER + 1 },
	{ "folio_alloc: order 64", 0, .op = A_FOLIO, .a = 64 },
	{ "kmalloc: 0 bytes", 0, ZERO_SIZE, .op = A_KMALLOC, .a = 0 },
	{ "kmalloc: 4 MiB, the largest", 1, .op = A_KMALLOC, .a = PAGE_SIZE << MAX_PAGE_ORDER },
	{ "kmalloc: 4 MiB + 1", 0, .op = A_KMALLOC, .a = (PAGE_SIZE << MAX_PAGE_ORDER) + 1 },
	{ "kmalloc: SIZE_MAX", 0, .op = A_KMALLOC, .a = ~0UL },
	{ "kzalloc: SIZE_MAX / 2", 0, .op = A_KZALLOC, .a = ~0UL / 2 },
	{ "kmalloc_array: SIZE_MAX * 2", 0, .op = A_ARRAY, .a = ~0UL, .b = 2 },
	{ "kmalloc_array: 2^32 * 2^32", 0, .op = A_ARRAY, .a = 1UL << 32, .b = 1UL << 32 },
	{ "kmalloc_array: 0 * 8", 0, ZERO_SIZE, .op = A_ARRAY, .a = 0, .b = 8 },
	{ "kcalloc: (SIZE_MAX / 8 + 1) * 8", 0, .op = A_CALLOC, .a = ~0UL / 8 + 1, .b = 8 },
	{ "kfree: NULL", 0, .op = A_KFREE_NULL },
	{ "kfree: the middle of an object", 0, NOT_OBJ "frees the whole object",
	  .op = A_KFREE_MID },
	{ "kfree: a stack address", 0, NOT_OBJ "frees whatever page it is on",
	  .op = A_KFREE_STACK },
	{ "kfree: a user address", 0, NOT_OBJ "oopses", .op = A_KFREE_USER },
	{ "kfree: a page from alloc_page", 0, NOT_OBJ "WARNs and frees the page",
	  .op = A_KFREE_PAGE },
	{ "ksize: the middle of an object", 0, NOT_OBJ "returns the object's size",
	  .op = A_KSIZE_MID },
	{ "ksize: NULL", 0, .op = A_KSIZE_NULL },
};

/* A kfree() that must change nothing: how many live objects it freed. */
static long kfree_bad(const void *p)
{
	unsigned long live = kmalloc_live_objects();

	kfree(p);
	return (long)(live - kmalloc_live_objects());
}

static long alloc_row_call(const struct alloc_row *r)
{
	void *p = NULL, *obj;
	struct page *page = NULL;
	long ret;
	int on_stack = 0;

	switch (r->op) {
	case A_PAGES:
		page = alloc_pages(NW, r->a);
		if (page)
			__free_pages(page, r->a);
		return page != NULL;
	case A_FOLIO: {
		struct folio *folio = folio_alloc(NW, r->a);

		if (folio)
			folio_put(folio);
		return folio != NULL;
	}
	case A_KMALLOC:  p = kmalloc(r->a, NW); break;
	case A_KZALLOC:  p = kzalloc(r->a, NW); break;
	case A_ARRAY:    p = kmalloc_array(r->a, r->b, NW); break;
	case A_CALLOC:   p = kcalloc(r->a, r->b, NW); break;
	case A_KFREE_NULL:  return kfree_bad(NULL);
	case A_KFREE_STACK: return kfree_bad(&on_stack);
	case A_KFREE_USER:  return kfree_bad((void *)RW);
	case A_KSIZE_NULL:  return (long)ksize(NULL);
	case A_KFREE_PAGE:
		page = alloc_page(NW);
		if (!page)
			return -ENOMEM;
		ret = kfree_bad(page_address(page));
		__free_page(page);
		return ret;
	default:			/* the middle of a 64-byte object */
		obj = kmalloc(64, NW);
		if (!obj)
			return -ENOMEM;
		ret = r->op == A_KFREE_MID ? kfree_bad((char *)obj + 8) :
					     (long)ksize((char *)obj + 8);
		kfree(obj);
		return ret;
	}
	kfree(p);
	return p != NULL;
}

static void run_alloc(struct kunit *test, bool pending)
{
	for (const struct alloc_row *r = alloc_rows; r < alloc_rows + ARRAY_SIZE(alloc_rows);
	     r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, alloc_row_call(r));
	}
}

/* ---- copy_from_user, copy_to_user, get_user, put_user ------------------------------ */

enum ua_op { CFU, CTU, GET, PUT };
#define KTEXT	__START_KERNEL_map
#define WRAPS_UA	"mm/uaccess.c"

/*
 * Linux: copy_from_user/copy_to_user (check_copy_size: more than INT_MAX
 * bytes WARNs and copies nothing; access_ok: not all below TASK_SIZE, no
 * byte copied; a fault: the bytes not copied, and copy_from_user zeroes
 * them in the destination), get_user/put_user (-EFAULT, get_user's value
 * 0).  expect: bytes not copied, or 0/-EFAULT.  A get_user that fails
 * without zeroing, a copy_from_user that leaves stale bytes: 999.
 */
struct ua_row {
	ROW_COMMON;
	enum ua_op op;
	unsigned long addr, n;
};

static const struct ua_row ua_rows[] = {
	{ "copy_from_user: NULL", 8, .op = CFU, .addr = 0, .n = 8 },
	{ "copy_to_user: NULL", 8, .op = CTU, .addr = 0, .n = 8 },
	{ "copy_from_user: a hole", 8, .op = CFU, .addr = HOLE, .n = 8 },
	{ "copy_to_user: PROT_READ", 8, .op = CTU, .addr = RO, .n = 8 },
	{ "copy_from_user: PROT_READ", 0, .op = CFU, .addr = RO, .n = 8 },
	{ "copy_from_user: PROT_NONE", 8, .op = CFU, .addr = NONE, .n = 8 },
	{ "copy_to_user: PROT_NONE", 8, .op = CTU, .addr = NONE, .n = 8 },
	{ "copy_from_user: write-only (x86 reads it)", 0, .op = CFU, .addr = WO, .n = 8 },
	{ "copy_to_user: write-only", 0, .op = CTU, .addr = WO, .n = 8 },
	{ "copy_from_user: half in a hole", 8, .op = CFU, .addr = HOLE - 8, .n = 16 },
	{ "copy_to_user: half in a hole", 8, .op = CTU, .addr = HOLE - 8, .n = 16 },
	{ "copy_from_user: half PROT_NONE", 8, .op = CFU, .addr = NONE - 8, .n = 16 },
	{ "copy_to_user: across two pages of one VMA", 0, .op = CTU, .addr = RW + P - 8,
	  .n = 16 },
	{ "copy_from_user: the kernel half", 8, .op = CFU, .addr = KHALF, .n = 8 },
	{ "copy_to_user: kernel text", 8, .op = CTU, .addr = KTEXT, .n = 8 },
	{ "copy_from_user: not canonical", 8, .op = CFU, .addr = NONCANON, .n = 8 },
	{ "copy_from_user: at TASK_SIZE", 8, .op = CFU, .addr = TOP, .n = 8 },
	{ "copy_from_user: just below TASK_SIZE, nothing mapped", 8, .op = CFU,
	  .addr = TOP - 8, .n = 8 },
	{ "copy_from_user: across TASK_SIZE", 16, .op = CFU, .addr = TOP - 8, .n = 16 },
	{ "copy_from_user: 0 bytes from NULL", 0, .op = CFU, .addr = 0, .n = 0 },
	{ "copy_to_user: 0 bytes to the kernel half", 0, .op = CTU, .addr = KHALF, .n = 0 },
	{ "copy_from_user: 2^64 - 1 bytes", -1, 
	  .op = CFU, .addr = RW, .n = ~0UL },
	{ "copy_to_user: 2 GiB, more than INT_MAX", 1L << 31, .op = CTU, .addr = RW, .n = 1UL << 31 },
	{ "get_user: NULL", -EFAULT, .op = GET, .addr = 0 },
	{ "get_user: the kernel half", -EFAULT, .op = GET, .addr = KHALF },
	{ "get_user: kernel text", -EFAULT, .op = GET, .addr = KTEXT },
	{ "get_user: PROT_READ", 0, .op = GET, .addr = RO },
	{ "get_user: PROT_NONE", -EFAULT, .op = GET, .addr = NONE },
	{ "get_user: write-only", 0, .op = GET, .addr = WO },
	{ "get_user: half in a hole", -EFAULT, .op = GET, .addr = HOLE - 2 },
	{ "get_user: at TASK_SIZE", -EFAULT, .op = GET, .addr = TOP },
	{ "put_user: PROT_READ", -EFAULT, .op = PUT, .addr = RO },
	{ "put_user: read-write", 0, .op = PUT, .addr = RW },
	{ "put_user: PROT_NONE", -EFAULT, .op = PUT, .addr = NONE },
	{ "put_user: write-only", 0, .op = PUT, .addr = WO },
	{ "put_user: the kernel half", -EFAULT, .op = PUT, .addr = KHALF },
	{ "put_user: half PROT_NONE", -EFAULT, .op = PUT, .addr = NONE - 2 },
};

static long ua_row_call(const struct ua_row *r)
{
	u8 kb[32];
	u32 v = 0x12345678;
	unsigned long left;
	long ret;

	switch (r->op) {
	case CFU:
		memset(kb, 0xaa, sizeof(kb));
		left = copy_from_user(kb, (const void __user *)r->addr, r->n);
		/* (a copy past INT_MAX is refused whole: nothing copied, nothing cleared) */
		for (unsigned long i = r->n - left; i < r->n && r->n <= sizeof(kb); i++)
			if (kb[i])
				return 999;		/* stale bytes left behind */
		return (long)left;
	case CTU:
		memset(kb, 0xaa, sizeof(kb));
		return (long)copy_to_user((void __user *)r->addr, kb, r->n);
	case GET:
		ret = get_user(v, (u32 __user *)r->addr);
		return ret && v ? 999 : ret;
	default:
		return put_user(v, (u32 __user *)r->addr);
	}
}

static void run_ua(struct kunit *test, bool pending)
{
	for (const struct ua_row *r = ua_rows; r < ua_rows + ARRAY_SIZE(ua_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		CHECK(test, r, ua_row_call(r));
	}
}

/* ---- the file system: filp_open, kern_path, read/write/lseek/getdents64 ------------ */

/*
 * Every row starts from the same private root file system (fs_layout()):
 * /d a directory, /d/f a file holding "abc", /l -> /d/f, /loop1 <-> /loop2,
 * /null the node 1:3 (/dev/null's), /nodrv a node no driver has (1:200),
 * and /proc (proc_root_init: /proc/self, /proc/1 for init_task, ...).
 * The boot's root is put back after each table.
 */
static struct fs_struct saved_fs;

static void fs_layout(struct kunit *test)
{
	struct file *f;
	loff_t pos = 0;

	if (init_fs.root != saved_fs.root)
		ramfs_kill_root(init_fs.root);
	init_fs.root = init_fs.pwd = ramfs_new_root();
	KUNIT_ASSERT_NOT_NULL(test, init_fs.root);
	KUNIT_ASSERT_EQ(test, vfs_mkdir("/d", 0755), 0);
	f = filp_open("/d/f", O_WRONLY | O_CREAT, 0644);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_ASSERT_EQ(test, kernel_write(f, "abc", 3, &pos), 3L);
	fput(f);
	KUNIT_ASSERT_EQ(test, vfs_symlink("/d/f", "/l"), 0);
	KUNIT_ASSERT_EQ(test, vfs_symlink("loop2", "/loop1"), 0);
	KUNIT_ASSERT_EQ(test, vfs_symlink("loop1", "/loop2"), 0);
	KUNIT_ASSERT_EQ(test, vfs_mknod("/null", S_IFCHR | 0666, MKDEV(1, 3)), 0);
	KUNIT_ASSERT_EQ(test, vfs_mknod("/nodrv", S_IFCHR | 0666, MKDEV(1, 200)), 0);
	KUNIT_ASSERT_EQ(test, proc_root_init(), 0);
}

static void fs_begin(struct kunit *test)
{
	saved_fs = init_fs;
}

static void fs_end(void)
{
	if (init_fs.root != saved_fs.root)
		ramfs_kill_root(init_fs.root);
	init_fs = saved_fs;
}

static char long_name[NAME_MAX + 3] = "/";	/* "/" and NAME_MAX + 1 bytes (filled at run time) */

/*
 * Linux: do_sys_openat2 -> getname (-ENOENT for "", -ENAMETOOLONG), path_openat:
 * link_path_walk (-ENOENT, -ENOTDIR, -ENAMETOOLONG, -ELOOP), open_last_lookups
 * (O_CREAT: -EISDIR for a trailing slash or a directory, -EEXIST under O_EXCL),
 * do_open/may_open (-ENOTDIR for O_DIRECTORY, -EISDIR for writing a directory,
 * -ELOOP for O_NOFOLLOW on a symlink), chrdev_open (-ENXIO), proc_pid_lookup
 * (name_to_int: a name with a leading 0 or not a number, or no task with
 * that pid: -ENOENT).  expect 0: opened.
 */
struct open_row {
	ROW_COMMON;
	const char *path;
	int flags;
};

static const struct open_row open_rows[] = {
	{ "open: empty path", -ENOENT, .path = "", .flags = O_RDONLY },
	{ "open: missing", -ENOENT, .path = "/none", .flags = O_RDONLY },
	{ "open: a file", 0, .path = "/d/f", .flags = O_RDWR | O_LARGEFILE },
	{ "open: a file used as a directory", -ENOTDIR, .path = "/d/f/x", .flags = O_RDONLY },
	{ "open: a file with a trailing slash", -ENOTDIR, .path = "/d/f/", .flags = O_RDONLY },
	{ "open: a name over NAME_MAX", -ENAMETOOLONG, .path = long_name, .flags = O_RDONLY },
	{ "open: O_DIRECTORY on a file", -ENOTDIR, .path = "/d/f", .flags = O_DIRECTORY },
	{ "open: a directory O_RDONLY", 0, .path = "/d", .flags = O_RDONLY | O_DIRECTORY },
	{ "open: O_ACCMODE 3 on a file: neither read nor write", 0, .path = "/d/f",
	  .flags = O_ACCMODE },
	{ "open: a directory O_WRONLY", -EISDIR, .path = "/d", .flags = O_WRONLY },
	{ "open: a directory O_RDWR", -EISDIR, .path = "/d", .flags = O_RDWR },
	{ "open: a directory with O_ACCMODE 3", -EISDIR, .path = "/d", .flags = O_ACCMODE },
	{ "open: a directory O_RDONLY | O_TRUNC", -EISDIR, .path = "/d", .flags = O_TRUNC },
	{ "open: O_CREAT on a directory", -EISDIR, .path = "/d", .flags = O_CREAT },
	{ "open: O_CREAT on /", -EISDIR, .path = "/", .flags = O_CREAT },
	{ "open: O_CREAT with a trailing slash", -EISDIR, .path = "/d/new/", .flags = O_CREAT | O_WRONLY },
	{ "open: O_CREAT, parent missing", -ENOENT, .path = "/none/new", .flags = O_CREAT | O_WRONLY },
	{ "open: O_CREAT, parent a file", -ENOTDIR, .path = "/d/f/new", .flags = O_CREAT | O_WRONLY },
	{ "open: O_CREAT | O_EXCL, exists", -EEXIST, .path = "/d/f", .flags = O_CREAT | O_EXCL | O_WRONLY },
	{ "open: O_CREAT | O_EXCL, a symlink: not followed", -EEXIST, .path = "/l",
	  .flags = O_CREAT | O_EXCL | O_WRONLY },
	{ "open: O_CREAT | O_EXCL, new", 0, .path = "/d/new", .flags = O_CREAT | O_EXCL | O_WRONLY },
	{ "open: a symlink, followed", 0, .path = "/l", .flags = O_RDONLY },
	{ "open: a symlink with O_NOFOLLOW", -ELOOP, .path = "/l", .flags = O_RDONLY | O_NOFOLLOW },
	{ "open: a symlink loop", -ELOOP, .path = "/loop1", .flags = O_RDONLY },
	{ "open: a node without a driver", -ENXIO, .path = "/nodrv", .flags = O_RDONLY },
	{ "open: /dev/null's node", 0, .path = "/null", .flags = O_RDWR },
	{ "open: O_TMPFILE", -EOPNOTSUPP, "Linux's ramfs and tmpfs make an unnamed file (0)",
	  .path = "/d", .flags = O_TMPFILE | O_RDWR },
	{ "open: O_TMPFILE read-only", -EINVAL, .path = "/d", .flags = O_TMPFILE },
	{ "open: __O_TMPFILE without O_DIRECTORY", -EINVAL, .path = "/d",
	  .flags = __O_TMPFILE | O_RDWR },
	{ "open: O_CREAT | O_DIRECTORY (Linux 6.4 on)", -EINVAL, .path = "/d/new",
	  .flags = O_CREAT | O_DIRECTORY },
	{ "open: O_CREAT | O_DIRECTORY on a directory: the flags first", -EINVAL, .path = "/d",
	  .flags = O_CREAT | O_DIRECTORY },
	{ "open: /proc/1/stat (pid 1)", 0, .path = "/proc/1/stat", .flags = O_RDONLY },
	{ "open: /proc/1 as a directory", 0, .path = "/proc/1", .flags = O_RDONLY | O_DIRECTORY },
	{ "open: /proc/PID of no task", -ENOENT, .path = "/proc/999999/stat", .flags = O_RDONLY },
	{ "open: /proc/01: a leading 0 is not a pid", -ENOENT, .path = "/proc/01/stat",
	  .flags = O_RDONLY },
	{ "open: /proc/0: pid 0 has no directory", -ENOENT, .path = "/proc/0/stat",
	  .flags = O_RDONLY },
	{ "open: a name /proc/PID does not have", -ENOENT, .path = "/proc/1/nosuch",
	  .flags = O_RDONLY },
};

static void run_open(struct kunit *test, bool pending)
{
	fs_begin(test);
	memset(long_name + 1, 'n', NAME_MAX + 1);
	for (const struct open_row *r = open_rows; r < open_rows + ARRAY_SIZE(open_rows); r++) {
		struct file *f;

		if (!RUN_ROW(test, r, pending))
			continue;
		fs_layout(test);
		f = filp_open(r->path, r->flags, 0644);
		CHECK(test, r, IS_ERR(f) ? PTR_ERR(f) : 0);
		if (!IS_ERR(f))
			fput(f);
	}
	fs_end();
}

/*
 * Linux: vfs_read/vfs_write (-EBADF not open for it, -EINVAL no such
 * operation, -EFAULT !access_ok, rw_verify_area: -EINVAL), the copy
 * (-EFAULT if nothing was copied, else the short count), generic_read_dir
 * (-EISDIR), vfs_llseek/generic_file_llseek_size (-EINVAL, -ENXIO, -ESPIPE),
 * getdents64 (-ENOTDIR, -EINVAL if the first record does not fit, -EFAULT).
 * Buffers are the layout's user addresses; expect: bytes, a position, -errno.
 */
enum fs_op { FS_READ, FS_WRITE, FS_LSEEK, FS_GETDENTS };

struct fsio_row {
	ROW_COMMON;
	enum fs_op op;
	const char *path;
	int flags;
	unsigned long buf, count;
	long long pos;			/* read/write: the position; lseek: the offset */
	int whence;
};

static const struct fsio_row fsio_rows[] = {
	{ "read: the file into RW", 3, .op = FS_READ, .path = "/d/f", .buf = RW, .count = 100 },
	{ "read: opened O_WRONLY", -EBADF, .op = FS_READ, .path = "/d/f", .flags = O_WRONLY,
	  .buf = RW, .count = 3 },
	{ "read: O_WRONLY, bad buffer: the mode first", -EBADF, .op = FS_READ, .path = "/d/f",
	  .flags = O_WRONLY, .buf = KHALF, .count = 3 },
	{ "read: into the kernel half", -EFAULT, .op = FS_READ, .path = "/d/f", .buf = KHALF, .count = 3 },
	{ "read: count 0 into the kernel half", -EFAULT, .op = FS_READ, .path = "/d/f", .buf = KHALF },
	{ "read: count 0", 0, .op = FS_READ, .path = "/d/f", .buf = RW },
	{ "read: into a hole", -EFAULT, .op = FS_READ, .path = "/d/f", .buf = HOLE, .count = 3 },
	{ "read: into PROT_READ", -EFAULT, .op = FS_READ, .path = "/d/f", .buf = RO, .count = 3 },
	{ "read: into PROT_NONE", -EFAULT, .op = FS_READ, .path = "/d/f", .buf = NONE, .count = 3 },
	{ "read: one byte before a hole: short", 1, .op = FS_READ, .path = "/d/f",
	  .buf = HOLE - 1, .count = 3 },
	{ "read: at the end, bad buffer: nothing to copy", 0, .op = FS_READ, .path = "/d/f",
	  .buf = HOLE, .count = 3, .pos = 3 },
	{ "read: negative position", -EINVAL, .op = FS_READ, .path = "/d/f", .buf = RW,
	  .count = 3, .pos = -1 },
	{ "read: position + count overflows", -EINVAL, .op = FS_READ, .path = "/d/f", .buf = RW,
	  .count = 16, .pos = LLONG_MAX - 8 },
	{ "read: count past TASK_SIZE", -EFAULT, .op = FS_READ, .path = "/d/f", .buf = RW,
	  .count = TOP },
	{ "read: a directory", -EISDIR, .op = FS_READ, .path = "/d", .buf = RW, .count = 3 },
	{ "read: /dev/null", 0, .op = FS_READ, .path = "/null", .buf = RW, .count = 3 },
	{ "write: from RW", 3, .op = FS_WRITE, .path = "/d/f", .flags = O_WRONLY, .buf = RW,
	  .count = 3 },
	{ "write: opened O_RDONLY", -EBADF, .op = FS_WRITE, .path = "/d/f", .buf = RW, .count = 3 },
	{ "write: from a hole", -EFAULT, .op = FS_WRITE, .path = "/d/f", .flags = O_WRONLY,
	  .buf = HOLE, .count = 3 },
	{ "write: from PROT_NONE", -EFAULT, .op = FS_WRITE, .path = "/d/f", .flags = O_WRONLY,
	  .buf = NONE, .count = 3 },
	{ "write: from PROT_READ", 3, .op = FS_WRITE, .path = "/d/f", .flags = O_WRONLY,
	  .buf = RO, .count = 3 },
	{ "write: from the kernel half", -EFAULT, .op = FS_WRITE, .path = "/d/f", .flags = O_WRONLY,
	  .buf = KHALF, .count = 3 },
	{ "write: negative position", -EINVAL, .op = FS_WRITE, .path = "/d/f", .flags = O_WRONLY,
	  .buf = RW, .count = 3, .pos = -4096 },
	{ "write: at ramfs's size limit", -EFBIG, "Linux's ramfs: MAX_LFS_FILESIZE (2^63 - 1)",
	  .op = FS_WRITE, .path = "/d/f", .flags = O_WRONLY, .buf = RW, .count = 3,
	  .pos = RAMFS_MAX_FILE_SIZE },
	{ "write: /dev/null from a hole: never read", 3, .op = FS_WRITE, .path = "/null",
	  .flags = O_WRONLY, .buf = HOLE, .count = 3 },
	{ "lseek: SEEK_END - 1", 2, .op = FS_LSEEK, .path = "/d/f", .pos = -1, .whence = SEEK_END },
	{ "lseek: past the end is fine", 4096, .op = FS_LSEEK, .path = "/d/f", .pos = 4096 },
	{ "lseek: negative result", -EINVAL, .op = FS_LSEEK, .path = "/d/f", .pos = -4,
	  .whence = SEEK_END },
	{ "lseek: whence 5", -EINVAL, .op = FS_LSEEK, .path = "/d/f", .whence = 5 },
	{ "lseek: SEEK_DATA at the end", -ENXIO, .op = FS_LSEEK, .path = "/d/f", .pos = 3,
	  .whence = SEEK_DATA },
	{ "lseek: SEEK_HOLE", 3, .op = FS_LSEEK, .path = "/d/f", .whence = SEEK_HOLE },
	{ "lseek: a directory, SEEK_END", -EINVAL, .op = FS_LSEEK, .path = "/d", .whence = SEEK_END },
	{ "lseek: /dev/null: always 0", 0, .op = FS_LSEEK, .path = "/null", .pos = 99 },
	{ "getdents64: into RW", 48 + 24, .op = FS_GETDENTS, .path = "/d", .buf = RW, .count = 4096 },
	{ "getdents64: count 0", -EINVAL, .op = FS_GETDENTS, .path = "/d", .buf = RW },
	{ "getdents64: no room for the first record", -EINVAL, .op = FS_GETDENTS, .path = "/d",
	  .buf = RW, .count = 23 },
	{ "getdents64: into PROT_READ", -EFAULT, .op = FS_GETDENTS, .path = "/d", .buf = RO,
	  .count = 4096 },
	{ "getdents64: into a hole", -EFAULT, .op = FS_GETDENTS, .path = "/d", .buf = HOLE,
	  .count = 100 },
	{ "getdents64: into the kernel half", -EFAULT, .op = FS_GETDENTS, .path = "/d",
	  .buf = KHALF, .count = 100 },
	{ "getdents64: the second record in a hole: the first", 24, .op = FS_GETDENTS,
	  .path = "/d", .buf = HOLE - 24, .count = 100 },
	{ "getdents64: a file", -ENOTDIR, .op = FS_GETDENTS, .path = "/d/f", .buf = RW,
	  .count = 100 },
};

static long fsio_call(struct kunit *test, const struct fsio_row *r)
{
	struct file *f = filp_open(r->path, r->flags, 0);
	loff_t pos = r->pos;
	long ret;

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	switch (r->op) {
	case FS_READ:
		ret = vfs_read(f, (char *)r->buf, r->count, &pos);
		break;
	case FS_WRITE:
		ret = vfs_write(f, (const char *)r->buf, r->count, &pos);
		break;
	case FS_LSEEK:
		ret = vfs_llseek(f, r->pos, r->whence);
		break;
	default:
		ret = vfs_getdents64(f, (void *)r->buf, r->count, true);
	}
	fput(f);
	return ret;
}

static void run_fsio(struct kunit *test, bool pending)
{
	fs_begin(test);
	for (const struct fsio_row *r = fsio_rows; r < fsio_rows + ARRAY_SIZE(fsio_rows); r++) {
		if (!RUN_ROW(test, r, pending))
			continue;
		layout(test, false);
		fs_layout(test);
		CHECK(test, r, fsio_call(test, r));
	}
	fs_end();
}

/*
 * Linux: fs/file.c (close_fd: -EBADF; ksys_dup: -EBADF, -EMFILE; ksys_dup3:
 * flags -EINVAL, oldfd == newfd -EINVAL, newfd >= RLIMIT_NOFILE -EBADF, then
 * oldfd -EBADF; dup2 to itself: oldfd's validity), fs/fcntl.c (do_fcntl:
 * -EBADF, unknown cmd -EINVAL, F_DUPFD at or past the limit -EINVAL).  Each
 * row has a table with fd 0 = /d/f O_RDWR and fd 1 = /d/f O_RDONLY|O_CLOEXEC;
 * expect: the new number, a flag word, 0, or -errno.
 */
enum fd_op { FD_CLOSE, FD_DUP, FD_DUP2, FD_DUP3, FD_FCNTL };

struct fd_row {
	ROW_COMMON;
	enum fd_op op;
	int fd, newfd;			/* newfd: dup2/dup3's; fcntl's cmd */
	long arg;			/* dup3's flags; fcntl's argument */
};

static const struct fd_row fd_rows[] = {
	{ "close: an open fd", 0, .op = FD_CLOSE, .fd = 0 },
	{ "close: a free fd", -EBADF, .op = FD_CLOSE, .fd = 5 },
	{ "close: -1", -EBADF, .op = FD_CLOSE, .fd = -1 },
	{ "close: past the table", -EBADF, .op = FD_CLOSE, .fd = 1 << 30 },
	{ "dup: the lowest free", 2, .op = FD_DUP, .fd = 1 },
	{ "dup: a free fd", -EBADF, .op = FD_DUP, .fd = 2 },
	{ "dup2: to itself", 1, .op = FD_DUP2, .fd = 1, .newfd = 1 },
	{ "dup2: a free fd to itself", -EBADF, .op = FD_DUP2, .fd = 3, .newfd = 3 },
	{ "dup2: over an open fd", 1, .op = FD_DUP2, .fd = 0, .newfd = 1 },
	{ "dup2: to RLIMIT_NOFILE", -EBADF, .op = FD_DUP2, .fd = 0, .newfd = NR_OPEN_MAX },
	{ "dup2: to RLIMIT_NOFILE - 1", NR_OPEN_MAX - 1, .op = FD_DUP2, .fd = 0,
	  .newfd = NR_OPEN_MAX - 1 },
	{ "dup2: to -1", -EBADF, .op = FD_DUP2, .fd = 0, .newfd = -1 },
	{ "dup3: to itself", -EINVAL, .op = FD_DUP3, .fd = 0, .newfd = 0 },
	{ "dup3: flags O_RDWR", -EINVAL, .op = FD_DUP3, .fd = 0, .newfd = 4, .arg = O_RDWR },
	{ "dup3: bad flags, bad oldfd: the flags first", -EINVAL, .op = FD_DUP3, .fd = 9,
	  .newfd = 4, .arg = 1 },
	{ "dup3: bad oldfd", -EBADF, .op = FD_DUP3, .fd = 9, .newfd = 4 },
	{ "dup3: O_CLOEXEC", 4, .op = FD_DUP3, .fd = 0, .newfd = 4, .arg = O_CLOEXEC },
	{ "fcntl: F_GETFD, O_CLOEXEC", FD_CLOEXEC, .op = FD_FCNTL, .fd = 1, .newfd = F_GETFD },
	{ "fcntl: F_GETFL", O_RDWR, .op = FD_FCNTL, .fd = 0, .newfd = F_GETFL },
	{ "fcntl: a free fd", -EBADF, .op = FD_FCNTL, .fd = 7, .newfd = F_GETFD },
	{ "fcntl: unknown cmd", -EINVAL, .op = FD_FCNTL, .fd = 0, .newfd = 12345 },
	{ "fcntl: F_DUPFD from 10", 10, .op = FD_FCNTL, .fd = 0, .newfd = F_DUPFD, .arg = 10 },
	{ "fcntl: F_DUPFD from RLIMIT_NOFILE", -EINVAL, .op = FD_FCNTL, .fd = 0,
	  .newfd = F_DUPFD, .arg = NR_OPEN_MAX },
	{ "fcntl: F_DUPFD from -1 (unsigned: huge)", -EINVAL, .op = FD_FCNTL, .fd = 0,
	  .newfd = F_DUPFD, .arg = -1 },
};

static long fd_row_call(struct kunit *test, const struct fd_row *r)
{
	struct files_struct *files = files_alloc();
	long ret;

	KUNIT_ASSERT_NOT_NULL(test, files);
	fd_install(files, get_unused_fd_flags(files, 0), filp_open("/d/f", O_RDWR, 0));
	fd_install(files, get_unused_fd_flags(files, O_CLOEXEC),
		   filp_open("/d/f", O_RDONLY | O_CLOEXEC, 0));
	switch (r->op) {
	case FD_CLOSE:
		ret = close_fd(files, r->fd);
		break;
	case FD_DUP:
		ret = ksys_dup(files, r->fd);
		break;
	case FD_DUP2:
		ret = ksys_dup3(files, r->fd, r->newfd, -1);
		break;
	case FD_DUP3:
		ret = ksys_dup3(files, r->fd, r->newfd, r->arg);
		break;
	default:
		ret = do_fcntl(files, r->fd, r->newfd, r->arg);
	}
	put_files_struct(files);
	return ret;
}

static void run_fd(struct kunit *test, bool pending)
{
	fs_begin(test);
	fs_layout(test);
	for (const struct fd_row *r = fd_rows; r < fd_rows + ARRAY_SIZE(fd_rows); r++)
		if (RUN_ROW(test, r, pending))
			CHECK(test, r, fd_row_call(test, r));
	fs_end();
}

/*
 * Linux: load_elf_binary (-ENOEXEC: ELFMAG, e_type, elf_check_arch,
 * load_elf_phdrs; -EINVAL: the PT_LOAD loop, BAD_ADDR(e_entry)), and
 * fs/exec.c's limits (-E2BIG).  One minimal image (a header, one PT_LOAD at
 * RW's address in a fresh mm), with one field patched per row.
 */
struct elf_row {
	ROW_COMMON;
	unsigned int at, width;		/* patch width bytes at offset at (width 0: none) */
	u64 value;
	size_t size;			/* 0: the whole image */
};

#define ELF_ROW_IMG	0x1000
#define PH0		sizeof(Elf64_Ehdr)	/* the one program header */

static const struct elf_row elf_rows[] = {
	{ "elf: the image as built", 0, .width = 0 },
	{ "elf: 0 bytes", -ENOEXEC, .size = 1 },
	{ "elf: ELFMAG", -ENOEXEC, .at = 0, .width = 1, .value = 0x7e },
	{ "elf: ELFCLASS32", -ENOEXEC, .at = EI_CLASS, .width = 1, .value = 1 },
	{ "elf: e_type ET_REL", -ENOEXEC, .at = offsetof(Elf64_Ehdr, e_type), .width = 2,
	  .value = ET_REL },
	{ "elf: e_machine EM_386", -ENOEXEC, .at = offsetof(Elf64_Ehdr, e_machine), .width = 2,
	  .value = 3 },
	{ "elf: e_phentsize 0", -ENOEXEC, .at = offsetof(Elf64_Ehdr, e_phentsize), .width = 2 },
	{ "elf: e_phnum 0xffff", -ENOEXEC, .at = offsetof(Elf64_Ehdr, e_phnum), .width = 2,
	  .value = 0xffff },
	{ "elf: e_phoff 2^64 - 8", -ENOEXEC, .at = offsetof(Elf64_Ehdr, e_phoff), .width = 8,
	  .value = ~7ULL },
	{ "elf: PT_INTERP", -ENOEXEC, "Linux opens the interpreter (-ENOENT if missing)",
	  .at = PH0 + offsetof(Elf64_Phdr, p_type), .width = 4, .value = PT_INTERP },
	{ "elf: p_filesz > p_memsz", -EINVAL, .at = PH0 + offsetof(Elf64_Phdr, p_filesz),
	  .width = 8, .value = 0x2000 },
	{ "elf: p_filesz past the file", -ENOEXEC, "Linux maps past EOF; touching it is SIGBUS",
	  .at = PH0 + offsetof(Elf64_Phdr, p_filesz), .width = 8, .value = 0x1800 },
	{ "elf: p_vaddr in the kernel half", -EINVAL, .at = PH0 + offsetof(Elf64_Phdr, p_vaddr),
	  .width = 8, .value = KHALF },
	{ "elf: p_vaddr at TASK_SIZE - 4 KiB, 8 KiB", -EINVAL,
	  .at = PH0 + offsetof(Elf64_Phdr, p_vaddr), .width = 8, .value = TOP - P },
	{ "elf: e_entry in the kernel half", -EINVAL, .at = offsetof(Elf64_Ehdr, e_entry),
	  .width = 8, .value = KHALF },
	{ "elf: p_vaddr below mmap_min_addr", -EPERM, .at = PH0 + offsetof(Elf64_Phdr, p_vaddr),
	  .width = 8, .value = P },
};

static void build_elf_row_image(u8 *img)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	Elf64_Phdr *ph = (Elf64_Phdr *)(img + PH0);

	memset(img, 0, ELF_ROW_IMG);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_entry = RW + 0x100;
	eh->e_phoff = PH0;
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 1;
	*ph = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0, RW, RW, 0x200, 0x1800, P };
}

static long elf_row_call(struct kunit *test, const struct elf_row *r, u8 *img)
{
	static const char *const argv[] = { "row", NULL };
	struct mm_struct *mm = mm_alloc();
	struct elf_load_result out;
	size_t size = r->size ? r->size : ELF_ROW_IMG;
	u8 *copy;
	long ret;

	KUNIT_ASSERT_NOT_NULL(test, mm);
	build_elf_row_image(img);
	if (r->width)
		memcpy(img + r->at, &r->value, r->width);
	copy = kmalloc(size, GFP_KERNEL);	/* exactly the file: ASan sees an over-read */
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, img, size);
	ret = load_elf_binary(mm, &(struct linux_binprm){ .buf = copy, .size = size,
			      .filename = "row", .argv = argv }, &out);
	kfree(copy);
	mmput(mm);
	return ret;
}

static void run_elf(struct kunit *test, bool pending)
{
	u8 *img = kmalloc(ELF_ROW_IMG, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, img);
	kthread_unuse_mm(hmm_mm(test));		/* the loader borrows each row's fresh mm */
	for (const struct elf_row *r = elf_rows; r < elf_rows + ARRAY_SIZE(elf_rows); r++)
		if (RUN_ROW(test, r, pending))
			CHECK(test, r, elf_row_call(test, r, img));
	kthread_use_mm(hmm_mm(test));
	kfree(img);
}

/* ---- the cases ---------------------------------------------------------------------- */

static int bad_input_init(struct kunit *test)
{
	int err = init_rootfs() ?: hmm_init(test);	/* the root: not counted as a leak */

	if (err)
		return err;
	kbuf = kzalloc(BUF_PAGES * PAGE_SIZE, GFP_KERNEL);
	return kbuf ? 0 : -ENOMEM;
}

static void bad_input_exit(struct kunit *test)
{
	unmap_all(hmm_mm(test));
	kfree(kbuf);
	kbuf = NULL;
	hmm_exit(test);
}

#define TABLE_CASE(name, runner)					\
static void name##_table(struct kunit *test)				\
{									\
	begin();							\
	runner(test, false);						\
	end(test);							\
}

TABLE_CASE(vm_mmap, run_mmap)
TABLE_CASE(vm_munmap, run_munmap)
TABLE_CASE(do_mprotect, run_mprotect)
TABLE_CASE(do_madvise, run_madvise)
TABLE_CASE(vm_mremap, run_mremap)
TABLE_CASE(dmirror_ioctl, run_ioctl)
TABLE_CASE(dmirror_open_close_stats, run_dev)
TABLE_CASE(hmm_range_fault, run_hmm)
TABLE_CASE(mmu_interval_notifier_insert, run_notifier)
TABLE_CASE(migrate_vma_setup, run_migrate)
TABLE_CASE(migrate_device_range_pfns, run_mdev)
TABLE_CASE(folio_split, run_split)
TABLE_CASE(split_huge_pages_write, run_shp)
TABLE_CASE(thp_sysfs_and_pagemap, run_ts)
TABLE_CASE(memremap_pages, run_pgmap)
TABLE_CASE(page_and_slab_allocators, run_alloc)
TABLE_CASE(uaccess, run_ua)
TABLE_CASE(filp_open, run_open)
TABLE_CASE(vfs_read_write_llseek_getdents64, run_fsio)
TABLE_CASE(load_elf_binary, run_elf)
TABLE_CASE(close_dup_fcntl, run_fd)

static void (*const runners[])(struct kunit *, bool) = {
	run_mmap, run_munmap, run_mprotect, run_madvise, run_mremap, run_ioctl, run_dev,
	run_hmm, run_notifier, run_migrate, run_mdev, run_split, run_shp, run_ts, run_pgmap,
	run_alloc, run_ua, run_open, run_fsio, run_elf, run_fd,
};

/*
 * The rows that expect Linux's answer mmlab does not give yet.  Skipped
 * while any differs; passes (and says which marks to drop) once all the
 * fixes have landed.
 */
static void pending(struct kunit *test)
{
	begin();
	for (unsigned int i = 0; i < ARRAY_SIZE(runners); i++)
		runners[i](test, true);
	kunit_info(test, "%u rows: %u still differ, %u not run, %u fixed\n", stats.rows,
		   stats.pending, stats.crashes, stats.fixed);
	if (stats.pending || stats.crashes)
		kunit_skip(test, "%u rows: known differences, fixes pending (see the log)",
			   stats.pending + stats.crashes);
}

static struct kunit_case bad_input_cases[] = {
	KUNIT_CASE(vm_mmap_table),
	KUNIT_CASE(vm_munmap_table),
	KUNIT_CASE(do_mprotect_table),
	KUNIT_CASE(do_madvise_table),
	KUNIT_CASE(vm_mremap_table),
	KUNIT_CASE(dmirror_ioctl_table),
	KUNIT_CASE(dmirror_open_close_stats_table),
	KUNIT_CASE(hmm_range_fault_table),
	KUNIT_CASE(mmu_interval_notifier_insert_table),
	KUNIT_CASE(migrate_vma_setup_table),
	KUNIT_CASE(migrate_device_range_pfns_table),
	KUNIT_CASE(folio_split_table),
	KUNIT_CASE(split_huge_pages_write_table),
	KUNIT_CASE(thp_sysfs_and_pagemap_table),
	KUNIT_CASE(memremap_pages_table),
	KUNIT_CASE(page_and_slab_allocators_table),
	KUNIT_CASE(uaccess_table),
	KUNIT_CASE(filp_open_table),
	KUNIT_CASE(vfs_read_write_llseek_getdents64_table),
	KUNIT_CASE(load_elf_binary_table),
	KUNIT_CASE(close_dup_fcntl_table),
	KUNIT_CASE(pending),
	{}
};

static struct kunit_suite bad_input_suite = {
	.name = "bad_input",
	.init = bad_input_init,
	.exit = bad_input_exit,
	.test_cases = bad_input_cases,
};
kunit_test_suite(bad_input_suite);
