/*
 * tests/mm_check.h - helpers shared by the memory-management test suites.
 *
 *   free_snapshot       nr_free_pages_drained() and nr_free of every order; compare
 *                       before and after a case to prove nothing leaked
 *   test_zone           a small private zone carved from one free block, so
 *                       buddy tests see exact, predictable free lists
 *   vm_case_init/exit   a fresh address space per case (kernel build only)
 *   vm_fill, vm_first_mismatch, vm_folio_at, vm_filled_thp
 *                       fill user memory with a pattern, find the first
 *                       word that changed, the folio mapped at an address,
 *                       a new THP full of a pattern
 *   take_vm_events, KUNIT_EXPECT_EVENTS
 *                       what a step added to the vmstat counters
 */
#ifndef _TESTS_MM_CHECK_H
#define _TESTS_MM_CHECK_H

#include <kunit/test.h>
#include <mm/rmap.h>
#include <mm/mm.h>
#include <mm/mm_init.h>
#include <kernel/errno.h>
#include <mm/fault-inject.h>

/*
 * Free pages as a leak check must count them: the per-CPU lists emptied
 * back into the buddy first (drain_all_pages), so every free page is on a
 * free list whatever path freed it.
 */
static inline unsigned long nr_free_pages_drained(void)
{
	drain_all_pages(NULL);
	return nr_free_pages();
}

struct free_snapshot {
	unsigned long free_pages;
	unsigned long nr_free[NR_PAGE_ORDERS];
};

static inline void take_free_snapshot(struct zone *zone, struct free_snapshot *s)
{
	drain_all_pages(zone);
	s->free_pages = zone->free_pages;
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		s->nr_free[o] = zone->free_area[o].nr_free;
}

/* Expects the zone's free lists to look exactly as in the snapshot. */
#define KUNIT_EXPECT_FREE_UNCHANGED(test, zone, before) do {		\
	struct free_snapshot __now;					\
	take_free_snapshot(zone, &__now);				\
	KUNIT_EXPECT_EQ(test, __now.free_pages, (before)->free_pages);	\
	for (int __o = 0; __o < NR_PAGE_ORDERS; __o++)			\
		KUNIT_EXPECT_EQ_MSG_ORDER(test, __now.nr_free[__o],	\
					  (before)->nr_free[__o], __o);	\
} while (0)

#define KUNIT_EXPECT_EQ_MSG_ORDER(test, now, then, order) do {		\
	if ((now) != (then))						\
		KUNIT_FAIL(test, "nr_free[%d] is %lu, was %lu", order,	\
			   (unsigned long)(now), (unsigned long)(then));	\
} while (0)

struct test_zone {
	struct zone zone;
	unsigned int order;
};

/* A zone of 2^order pages taken from the normal allocator, all free. */
static inline int test_zone_create(struct test_zone *tz, unsigned int order)
{
	struct page *page = alloc_pages(__GFP_NOWARN | __GFP_NOFAULT, order);
	unsigned long pfn;

	if (!page)
		return -ENOMEM;
	pfn = page_to_pfn(page);
	tz->order = order;
	zone_init(&tz->zone, "test", ZONE_NORMAL, pfn, 1UL << order);
	page->alloc_order = 0;
	free_pfn_range_to_zone(&tz->zone, pfn, pfn + (1UL << order));
	return 0;
}

/* Gives the block back; fails (returns false) if any page is still in use. */
static inline bool test_zone_destroy(struct test_zone *tz)
{
	struct page *page = zone_alloc_pages(&tz->zone, __GFP_NOWARN, tz->order);

	if (!page)
		return false;
	__free_pages(page, tz->order);
	return true;
}

#include <mm/mmap.h>
#include <mm/memory.h>
#include <mm/huge_mm.h>
#include <mm/vmstat.h>
#include <kernel/sched.h>

/*
 * A fresh address space for each case, in use by the running thread, and
 * the free-page count from before it existed: after mmput() every page,
 * page tables included, must be back.
 */
struct vm_case {
	struct mm_struct *mm;
	unsigned long free_before;
	long anon_before[NR_VM_NODE_STAT_ITEMS];	/* the rmap's node counters */
	enum transparent_hugepage_mode thp_mode;
};

static inline int vm_case_init(struct kunit *test)
{
	static struct vm_case ctx;

	ctx.free_before = nr_free_pages_drained();
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		ctx.anon_before[i] = vm_node_stat[i];
	ctx.thp_mode = transparent_hugepage_mode;
	ctx.mm = mm_alloc();
	if (!ctx.mm)
		return -ENOMEM;
	kthread_use_mm(ctx.mm);
	test->priv = &ctx;
	return 0;
}

/* vm_case_exit without the free-page check: for a fixture that checks later. */
static inline void vm_case_teardown(struct kunit *test)
{
	struct vm_case *ctx = test->priv;

	fail_page_alloc_disable();
	set_transparent_hugepage_mode(ctx->thp_mode);
	kthread_unuse_mm(ctx->mm);
	mmput(ctx->mm);
	/* every page the case mapped is unmapped again: the counters agree */
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		KUNIT_EXPECT_EQ(test, vm_node_stat[i], ctx->anon_before[i]);
}

static inline void vm_case_exit(struct kunit *test)
{
	struct vm_case *ctx = test->priv;

	vm_case_teardown(test);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), ctx->free_before);
}

static inline struct mm_struct *vm_case_mm(struct kunit *test)
{
	return ((struct vm_case *)test->priv)->mm;
}

/* Maps len bytes of anonymous read-write memory (asserts it worked). */
#define VM_MMAP(test, len) ({						\
	unsigned long __addr = vm_mmap(NULL, 0, (len), PROT_READ | PROT_WRITE, \
				       MAP_PRIVATE | MAP_ANONYMOUS, 0);	\
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(__addr));			\
	__addr;								\
})

static inline enum mapping_level vm_level(struct kunit *test, unsigned long addr)
{
	struct mm_mapping m;

	mm_find_mapping(vm_case_mm(test), addr, &m);
	return m.level;
}
#ifndef MB
#define MB	(1UL << 20)
#endif

static inline struct vm_area_struct *vm_vma(struct kunit *test, unsigned long addr)
{
	return vma_lookup(vm_case_mm(test), addr);
}

/*
 * Gives the VMA at addr its anon_vma now, for a test that counts the pages
 * a fault takes: the first fault would otherwise also make the anon_vma,
 * whose slab object may need a page of its own.
 */
static inline void vm_prepare_anon_vma(struct kunit *test, unsigned long addr)
{
	KUNIT_ASSERT_EQ(test, anon_vma_prepare(vm_vma(test, addr)), 0);
}

/* The folio a present PTE or PMD maps at addr, or NULL. */
static inline struct folio *vm_folio_at(struct kunit *test, unsigned long addr)
{
	struct mm_mapping m;

	mm_find_mapping(vm_case_mm(test), addr, &m);
	return m.present ? page_folio(pfn_to_page(m.pfn)) : NULL;
}

/* Writes seed, seed + 1, ... into the u32 words of [addr, addr + len). */
static inline void vm_fill(unsigned long addr, unsigned long len, u32 seed)
{
	for (unsigned long off = 0; off < len; off += sizeof(u32))
		*(volatile u32 *)(addr + off) = seed + (u32)(off / 4);
}

/* Every vm event counter now, to see later what a step counted. */
struct vm_events_snapshot {
	unsigned long v[NR_VM_EVENT_ITEMS];
};

static inline void take_vm_events(struct vm_events_snapshot *s)
{
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		s->v[i] = vm_event_count(i);
}

/* Expects counter `item` to have gone up by exactly delta since the snapshot. */
#define KUNIT_EXPECT_EVENTS(test, snap, item, delta)				\
	KUNIT_EXPECT_EQ(test, vm_event_count(item) - (snap)->v[item], (unsigned long)(delta))

/* Maps 2 MiB, fills it with vm_fill() (one THP fault): the THP's folio. */
static inline struct folio *vm_filled_thp(struct kunit *test, unsigned long *addr, u32 seed)
{
	struct folio *folio;

	*addr = VM_MMAP(test, 2 * MB);
	vm_fill(*addr, 2 * MB, seed);
	folio = vm_folio_at(test, *addr);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	KUNIT_ASSERT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
	return folio;
}

/* Offset of the first word that is not what vm_fill() wrote, or len. */
static inline unsigned long vm_first_mismatch(unsigned long addr, unsigned long len, u32 seed)
{
	for (unsigned long off = 0; off < len; off += sizeof(u32))
		if (*(volatile u32 *)(addr + off) != seed + (u32)(off / 4))
			return off;
	return len;
}
#endif
