/*
 * tests/slab_kunit.c - kmalloc/kfree (mm/slab.c).
 *
 * Every case takes a snapshot first - free pages, live kmalloc objects,
 * bad-page reports - and checks at the end that it is exactly the same:
 * slabs go back to the buddy allocator as soon as they are empty, so
 * anything left over is a leak.  The debug reports (double kfree, bad
 * pointers, writes after kfree) are provoked on purpose with
 * mm_debug_report_only set, and must each count exactly one report.
 * Linux: mm/slub_kunit.c, lib/tests/slub_kunit.c.
 */
#include <kunit/test.h>
#include <mm/slab.h>
#include <mm/mm.h>
#include <mm/fault-inject.h>
#include "mm_check.h"
#include <mm/vmstat.h>
#include <kernel/random.h>

struct slab_snapshot {
	unsigned long free_pages;
	unsigned long live;
	unsigned long reports;
};

static void take_snapshot(struct slab_snapshot *s)
{
	s->free_pages = nr_free_pages_drained();
	s->live = kmalloc_live_objects();
	s->reports = bad_page_reports;
}

/* Nothing leaked and nothing reported since the snapshot. */
#define KUNIT_EXPECT_UNCHANGED(test, before) do {			\
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), (before)->free_pages);	\
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), (before)->live);	\
	KUNIT_EXPECT_EQ(test, bad_page_reports, (before)->reports);	\
} while (0)

static bool saved_report_only;

static int slab_test_init(struct kunit *test)
{
	saved_report_only = mm_debug_report_only;
	return 0;
}

/* Runs even when an assertion ended the case: undo what cases may set. */
static void slab_test_exit(struct kunit *test)
{
	fail_page_alloc_disable();
	mm_debug_report_only = saved_report_only;
}

static void fill(void *p, size_t n, u8 seed)
{
	for (size_t i = 0; i < n; i++)
		((u8 *)p)[i] = (u8)(seed + i * 7);
}

static bool check_fill(const void *p, size_t n, u8 seed)
{
	for (size_t i = 0; i < n; i++)
		if (((const u8 *)p)[i] != (u8)(seed + i * 7))
			return false;
	return true;
}

static bool logged_since(size_t mark, const char *what)
{
	static char logged[4096];

	log_read(mark, logged, sizeof(logged));
	return strstr(logged, what) != NULL;
}

static bool same_slab(const void *a, const void *b)
{
	return virt_to_page(a) == virt_to_page(b);
}

/*
 * Two live objects of `size` in the same slab, so that freeing one leaves
 * the slab in use (an empty slab would go back to the buddy allocator).
 */
static void alloc_pair_same_slab(struct kunit *test, size_t size, void **a, void **b)
{
	void *tried[16];
	int n = 0, found = -1;

	while (n < (int)ARRAY_SIZE(tried) && found < 0) {
		tried[n] = kmalloc(size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, tried[n]);
		for (int i = 0; i < n; i++)
			if (same_slab(tried[i], tried[n]))
				found = i;
		n++;
	}
	KUNIT_ASSERT_GE(test, found, 0);
	*a = tried[found];
	*b = tried[n - 1];
	for (int i = 0; i < n - 1; i++)
		if (i != found)
			kfree(tried[i]);
}

/* ---- the cases ---------------------------------------------------------- */

static void every_size_class(struct kunit *test)
{
	struct slab_snapshot before;
	void *obj[NR_KMALLOC_CACHES];

	take_snapshot(&before);
	/* one at a time: the size itself and one byte more than the class below */
	for (size_t size = KMALLOC_MIN_SIZE; size <= KMALLOC_MAX_CACHE_SIZE; size <<= 1) {
		size_t sizes[] = { size, size / 2 + 1 };

		for (unsigned int j = 0; j < ARRAY_SIZE(sizes); j++) {
			u8 *p = kmalloc(sizes[j], GFP_KERNEL);

			KUNIT_ASSERT_NOT_NULL(test, p);
			KUNIT_EXPECT_EQ(test, ksize(p), size);
			KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)p, size));
			KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), before.live + 1);
			fill(p, size, (u8)size);
			KUNIT_EXPECT_TRUE(test, check_fill(p, size, (u8)size));
			kfree(p);
			KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), before.live);
		}
	}
	/* all classes live at once: none may overwrite another */
	for (int i = 0; i < NR_KMALLOC_CACHES; i++) {
		obj[i] = kmalloc(KMALLOC_MIN_SIZE << i, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, obj[i]);
		fill(obj[i], KMALLOC_MIN_SIZE << i, (u8)(i * 31));
	}
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), before.live + NR_KMALLOC_CACHES);
	for (int i = 0; i < NR_KMALLOC_CACHES; i++) {
		KUNIT_EXPECT_TRUE(test, PageSlab(virt_to_page(obj[i])));
		KUNIT_EXPECT_TRUE(test, check_fill(obj[i], KMALLOC_MIN_SIZE << i, (u8)(i * 31)));
		kfree(obj[i]);
	}
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

#define MANY	600

static void *many[MANY];
static unsigned int order_of_free[MANY];

/* Fills several slabs of one class, then frees them in a scrambled order. */
static void many_objects_scrambled(struct kunit *test, size_t size, unsigned int n)
{
	unsigned int per_slab = PAGE_SIZE / size, slabs = DIV_ROUND_UP(n, per_slab);
	struct slab_snapshot before;
	struct rnd_state rnd;
	size_t mark;

	KUNIT_ASSERT_LE(test, n, MANY);
	take_snapshot(&before);
	for (unsigned int i = 0; i < n; i++) {
		many[i] = kmalloc(size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, many[i]);
		fill(many[i], size, (u8)i);
	}
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), before.live + n);
	/* a partly used slab from before may take the first few objects */
	KUNIT_EXPECT_LE(test, before.free_pages - nr_free_pages_drained(), slabs);
	KUNIT_EXPECT_GE(test, before.free_pages - nr_free_pages_drained(), slabs - 1);
	mark = log_next;
	show_slab_info();
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "kmalloc-64"));

	/* a Fisher-Yates shuffle with a fixed seed: the same "random" order each run */
	for (unsigned int i = 0; i < n; i++)
		order_of_free[i] = i;
	prandom_seed_state(&rnd, 42 + size);
	for (unsigned int i = n - 1; i > 0; i--) {
		unsigned int j = prandom_u32_below(&rnd, i + 1), t = order_of_free[i];

		order_of_free[i] = order_of_free[j];
		order_of_free[j] = t;
	}
	for (unsigned int k = 0; k < n; k++) {
		unsigned int i = order_of_free[k];

		/* every object still holds its own bytes: nothing overlapped */
		KUNIT_EXPECT_TRUE(test, check_fill(many[i], size, (u8)i));
		kfree(many[i]);
		many[i] = NULL;
	}
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

static void many_objects_scrambled_free(struct kunit *test)
{
	many_objects_scrambled(test, 64, 4 * (PAGE_SIZE / 64) + 13);	/* 5 slabs */
	many_objects_scrambled(test, 2048, 9);				/* 5 slabs */
	many_objects_scrambled(test, 8, PAGE_SIZE / 8 + 88);		/* 2 slabs */
}

static void zeroed_and_overflow(struct kunit *test)
{
	struct slab_snapshot before;
	u8 *p, *q;

	take_snapshot(&before);
	/* dirty an object first: kzalloc likely gets the same one back */
	p = kmalloc(128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0xff, 128);
	kfree(p);
	p = kzalloc(100, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_NULL(test, memchr_inv(p, 0, ksize(p)));
	q = kcalloc(10, 30, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_EQ(test, ksize(q), 512);
	KUNIT_EXPECT_NULL(test, memchr_inv(q, 0, ksize(q)));
	kfree(q);
	q = kzalloc(5000, GFP_KERNEL);		/* a large one: freed pages hold 0xaa */
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_NULL(test, memchr_inv(q, 0, ksize(q)));
	kfree(q);
	kfree(p);

	q = kmalloc_array(3, 100, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_EQ(test, ksize(q), 512);
	kfree(q);
	KUNIT_EXPECT_NULL(test, kmalloc_array(SIZE_MAX, 2, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kmalloc_array(1UL << 33, 1UL << 31, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kcalloc(SIZE_MAX / 4, 8, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kcalloc(2, SIZE_MAX / 2 + 1, GFP_KERNEL));
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

static void large_allocations(struct kunit *test)
{
	static const struct { size_t size; unsigned int order; } cases[] = {
		{ 2049, 0 }, { 4096, 0 }, { 5000, 1 }, { 64 * 1024, 4 }, { 100 * 1024, 5 },
	};
	struct slab_snapshot before;

	take_snapshot(&before);
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t size = cases[i].size;
		u8 *p = kmalloc(size, GFP_KERNEL);
		struct folio *folio;

		KUNIT_ASSERT_NOT_NULL(test, p);
		folio = page_folio(virt_to_page(p));
		KUNIT_EXPECT_PTR_EQ(test, folio_address(folio), p);
		KUNIT_EXPECT_EQ(test, folio_order(folio), cases[i].order);
		KUNIT_EXPECT_FALSE(test, PageSlab(&folio->page));
		KUNIT_EXPECT_EQ(test, ksize(p), PAGE_SIZE << cases[i].order);
		KUNIT_EXPECT_EQ(test, before.free_pages - nr_free_pages_drained(), 1UL << cases[i].order);
		KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), before.live + 1);
		fill(p, size, (u8)i);
		KUNIT_EXPECT_TRUE(test, check_fill(p, size, (u8)i));
		kfree(p);
		KUNIT_EXPECT_UNCHANGED(test, &before);
	}
	/* above the largest buddy block (4 MiB): fails, quietly with __GFP_NOWARN */
	KUNIT_EXPECT_NULL(test, kmalloc(8UL << 20, __GFP_NOWARN));
	KUNIT_EXPECT_NULL(test, kmalloc(SIZE_MAX, __GFP_NOWARN));
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

static void ksize_is_usable_size(struct kunit *test)
{
	static const struct { size_t request, usable; } cases[] = {
		{ 1, 8 }, { 8, 8 }, { 9, 16 }, { 24, 32 }, { 100, 128 }, { 129, 256 },
		{ 500, 512 }, { 1000, 1024 }, { 2048, 2048 }, { 2049, 4096 },
		{ 5000, 8192 },
	};
	struct slab_snapshot before;

	take_snapshot(&before);
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		u8 *p = kmalloc(cases[i].request, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, ksize(p), cases[i].usable);
		/* all of ksize() is the caller's to use */
		memset(p, 0x5a, ksize(p));
		KUNIT_EXPECT_NULL(test, memchr_inv(p, 0x5a, ksize(p)));
		kfree(p);
	}
	KUNIT_EXPECT_EQ(test, ksize(NULL), 0);
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

static void kfree_null_and_kmalloc_zero(struct kunit *test)
{
	struct slab_snapshot before;

	take_snapshot(&before);
	kfree(NULL);
	KUNIT_EXPECT_NULL(test, kmalloc(0, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kzalloc(0, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kcalloc(0, 16, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kmalloc_array(16, 0, GFP_KERNEL));
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

static void double_free_reported(struct kunit *test)
{
	struct slab_snapshot before;
	char addr[24];
	void *a, *b, *c, *d;
	size_t mark;

	take_snapshot(&before);
	alloc_pair_same_slab(test, 64, &a, &b);
	fill(b, 64, 0x3c);
	kfree(a);

	mm_debug_report_only = true;
	mark = log_next;
	kfree(a);					/* the bug: a is on the freelist */
	KUNIT_EXPECT_EQ(test, bad_page_reports, before.reports + 1);
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "double kfree"));
	snprintf(addr, sizeof(addr), "%p", a);
	KUNIT_EXPECT_TRUE(test, logged_since(mark, addr));
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), before.live + 1);

	/* a large one: its pages are back in the buddy allocator */
	c = kmalloc(5000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	kfree(c);
	mark = log_next;
	kfree(c);					/* the bug */
	KUNIT_EXPECT_EQ(test, bad_page_reports, before.reports + 2);
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "the page is free"));
	mm_debug_report_only = saved_report_only;

	/* the freelist is sound: a comes back once, not twice */
	c = kmalloc(64, GFP_KERNEL);
	d = kmalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_EXPECT_PTR_NE(test, c, d);
	KUNIT_EXPECT_TRUE(test, check_fill(b, 64, 0x3c));
	kfree(b);
	kfree(c);
	kfree(d);
	before.reports += 2;
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

static u8 not_kmalloced[64];

/* kfree/ksize(p) must report once and change nothing. */
static void expect_one_report(struct kunit *test, const void *p, bool use_ksize,
			      const char *why)
{
	unsigned long reports = bad_page_reports, free = nr_free_pages_drained();
	unsigned long live = kmalloc_live_objects();
	size_t mark = log_next;

	if (use_ksize)
		KUNIT_EXPECT_EQ(test, ksize(p), 0);
	else
		kfree(p);
	KUNIT_EXPECT_EQ(test, bad_page_reports, reports + 1);
	KUNIT_EXPECT_TRUE(test, logged_since(mark, why));
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free);
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), live);
}

static void bad_pointer_reported(struct kunit *test)
{
	struct slab_snapshot before;
	struct page *page;
	u8 *small, *large;

	take_snapshot(&before);
	small = kmalloc(64, GFP_KERNEL);
	large = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, small);
	KUNIT_ASSERT_NOT_NULL(test, large);
	KUNIT_ASSERT_NOT_NULL(test, page);
	fill(small, 64, 1);
	fill(large, 3 * PAGE_SIZE, 2);

	mm_debug_report_only = true;
	expect_one_report(test, small + 8, false, "not the start of an object in kmalloc-64");
	expect_one_report(test, small + 1, true, "not the start of an object");
	expect_one_report(test, large + PAGE_SIZE, false, "inside a large kmalloc");
	expect_one_report(test, large + 16, false, "inside a large kmalloc");
	/* A static array is in the kernel image (RAM) in the kernel, outside the
	 * simulated RAM in the host build. */
	expect_one_report(test, not_kmalloced, false,
			  pfn_valid(PFN_DOWN(__pa(not_kmalloced))) ?
			  "neither a slab nor a large kmalloc" : "not an address in RAM");
	expect_one_report(test, page_address(page), false, "neither a slab nor a large kmalloc");
	expect_one_report(test, (void *)0x1000, false, "not an address in RAM");
	mm_debug_report_only = saved_report_only;

	/* nothing was touched */
	KUNIT_EXPECT_TRUE(test, check_fill(small, 64, 1));
	KUNIT_EXPECT_TRUE(test, check_fill(large, 3 * PAGE_SIZE, 2));
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 1);
	__free_page(page);
	kfree(small);
	kfree(large);
	before.reports += 7;
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

/*
 * Allocates objects of `size` into got[] until `target` comes back (other
 * partial slabs may hand out theirs first); returns how many it took.
 */
static int alloc_until(struct kunit *test, size_t size, void *target, void **got, int max)
{
	int n = 0;

	do {
		got[n] = kmalloc(size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, got[n]);
	} while (got[n++] != target && n < max);
	KUNIT_EXPECT_PTR_EQ(test, got[n - 1], target);
	return n;
}

/*
 * Freed objects hold 0x6b after their free pointer; a write after kfree is
 * caught when the object is handed out again.  A write over the free
 * pointer itself is caught too, and the freelist is cut there.
 */
static void use_after_free_detected(struct kunit *test)
{
	struct slab_snapshot before;
	void *got[64];
	u8 *a, *b;
	int n;

	take_snapshot(&before);
	alloc_pair_same_slab(test, 128, (void **)&a, (void **)&b);
	kfree(a);
	KUNIT_EXPECT_NULL(test, memchr_inv(a + sizeof(void *), POISON_FREE,
					   128 - sizeof(void *)));
	a[100] = 0;					/* the bug */
	mm_debug_report_only = true;
	n = alloc_until(test, 128, a, got, ARRAY_SIZE(got));
	mm_debug_report_only = saved_report_only;
	KUNIT_EXPECT_EQ(test, bad_page_reports, before.reports + 1);
	while (--n)				/* all but a, the last one */
		kfree(got[n - 1]);

	kfree(a);
	*(unsigned long *)a = 0xdead000;		/* the bug: a wild free pointer */
	mm_debug_report_only = true;
	n = alloc_until(test, 128, a, got, ARRAY_SIZE(got));
	mm_debug_report_only = saved_report_only;
	KUNIT_EXPECT_EQ(test, bad_page_reports, before.reports + 2);
	/* the objects after a are lost, but the slab is still freed in the end */
	while (n)
		kfree(got[--n]);
	kfree(b);
	before.reports += 2;
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

static void allocation_failure(struct kunit *test)
{
	struct slab_snapshot before;
	void *objs[64];
	unsigned long failures = vm_event_count(PGALLOC_INJECTED_FAIL);
	int n = 0;

	take_snapshot(&before);
	/*
	 * A small kmalloc needs a page only when its class has no free object:
	 * allocate 2048-byte objects until one takes a new slab, then the
	 * other half of that slab - now the class has no free object at all.
	 */
	do {
		unsigned long free = nr_free_pages_drained();

		objs[n] = kmalloc(2048, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[n]);
		if (nr_free_pages_drained() < free)
			break;
	} while (++n < (int)ARRAY_SIZE(objs) - 1);
	KUNIT_ASSERT_LT(test, n, (int)ARRAY_SIZE(objs) - 1);
	objs[++n] = kmalloc(2048, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs[n]);
	KUNIT_EXPECT_TRUE(test, same_slab(objs[n], objs[n - 1]));
	n++;

	fail_page_alloc_setup(0, 1, 100, 1, 0);
	KUNIT_EXPECT_NULL(test, kmalloc(2048, GFP_KERNEL));
	fail_page_alloc_setup(0, 1, 100, 1, 0);
	KUNIT_EXPECT_NULL(test, kzalloc(5000, GFP_KERNEL));
	fail_page_alloc_setup(0, 1, 100, 1, 0);
	KUNIT_EXPECT_NULL(test, kmalloc(64 * 1024, GFP_KERNEL));
	fail_page_alloc_disable();
	KUNIT_EXPECT_EQ(test, vm_event_count(PGALLOC_INJECTED_FAIL), failures + 3);
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), before.live + n);

	/* and it works again */
	objs[n] = kmalloc(2048, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, objs[n]);
	n++;
	while (n)
		kfree(objs[--n]);
	KUNIT_EXPECT_UNCHANGED(test, &before);
}

static struct kunit_case slab_cases[] = {
	KUNIT_CASE(every_size_class),
	KUNIT_CASE(many_objects_scrambled_free),
	KUNIT_CASE(zeroed_and_overflow),
	KUNIT_CASE(large_allocations),
	KUNIT_CASE(ksize_is_usable_size),
	KUNIT_CASE(kfree_null_and_kmalloc_zero),
	KUNIT_CASE(double_free_reported),
	KUNIT_CASE(bad_pointer_reported),
	KUNIT_CASE(use_after_free_detected),
	KUNIT_CASE(allocation_failure),
	{}
};

static struct kunit_suite slab_suite = {
	.name = "slab",
	.init = slab_test_init,
	.exit = slab_test_exit,
	.test_cases = slab_cases,
};
kunit_test_suite(slab_suite);
