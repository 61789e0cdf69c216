/*
 * tests/trace_kunit.c - trace events (include/kernel/trace.h): an event
 * that is off records nothing; one turned on records each call, in order,
 * and /sys/kernel/tracing/trace's text (trace_show) has Linux's line
 * format with the event's fields; a THP split mid-migration leaves the
 * events the picture is drawn from (scripts/trace2svg.py).
 */
#include "mm_check.h"
#include <drivers/dmirror.h>
#include <kernel/trace.h>
#include <kernel/seq_file.h>
#include <kernel/string.h>
#include <mm/slab.h>

static unsigned long saved_mask;

static int trace_case_init(struct kunit *test)
{
	saved_mask = trace_enabled_mask;
	trace_enabled_mask = 0;
	return vm_case_init(test);
}

static void trace_case_exit(struct kunit *test)
{
	trace_enabled_mask = saved_mask;
	vm_case_exit(test);
}

/* The trace file's text now (kfree it). */
static char *trace_text(struct kunit *test)
{
	size_t len;
	char *text = seq_render(trace_show, NULL, &len);

	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(text));
	return text;
}

static int count(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void off_records_nothing_on_records_each(struct kunit *test)
{
	char *before = trace_text(test), *after, line[96];
	struct page *page;
	int n0 = count(before, "mm_page_alloc: page=");

	page = alloc_pages(GFP_KERNEL, 3);		/* off: not recorded */
	KUNIT_ASSERT_NOT_NULL(test, page);
	__free_pages(page, 3);
	trace_enabled_mask = 1UL << TRACE_mm_page_alloc;
	page = alloc_pages(GFP_KERNEL, 3);
	KUNIT_ASSERT_NOT_NULL(test, page);
	trace_enabled_mask = 0;
	__free_pages(page, 3);
	after = trace_text(test);
	KUNIT_EXPECT_EQ(test, count(after, "mm_page_alloc: page="), min(n0 + 1, 8192));
	scnprintf(line, sizeof(line), "mm_page_alloc: page=%p pfn=0x%lx order=3\n", page,
		  page_to_pfn(page));
	KUNIT_EXPECT_NOT_NULL(test, strstr(after, line));
	KUNIT_EXPECT_NOT_NULL(test, strstr(after, "# tracer: nop"));
	KUNIT_EXPECT_EQ(test, count(after, "mm_page_free:"), count(before, "mm_page_free:"));
	kfree(before);
	kfree(after);
}

/* A THP whose destination has no huge page: split mid-migration, traced in order. */
static void split_mid_migration_is_traced(struct kunit *test)
{
	unsigned long addr;
	struct folio *thp = vm_filled_thp(test, &addr, 5);
	struct dmirror *d = dmirror_open(0);
	void *mirror = kmalloc(2 * MB, GFP_KERNEL);
	struct hmm_dmirror_cmd flags = { .npages = HMM_DMIRROR_FLAG_FAIL_ALLOC };
	struct hmm_dmirror_cmd cmd = { .addr = addr, .ptr = (u64)mirror, .npages = 512 };
	char *text, *setup, *split, *final;

	KUNIT_ASSERT_TRUE(test, thp && d && mirror);
	KUNIT_ASSERT_EQ(test, dmirror_ioctl(d, HMM_DMIRROR_FLAGS, &flags), 0);
	trace_enabled_mask = (1UL << TRACE_mm_migrate_vma_setup) |
			     (1UL << TRACE_mm_migrate_vma_split) |
			     (1UL << TRACE_mm_migrate_vma_finalize);
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(d, HMM_DMIRROR_MIGRATE_TO_DEV, &cmd), 0);
	trace_enabled_mask = 0;
	text = trace_text(test);
	setup = strstr(text, "mm_migrate_vma_setup: start=");
	split = strstr(text, "mm_migrate_vma_split: addr=");
	final = strstr(text, "mm_migrate_vma_finalize: start=");
	KUNIT_EXPECT_TRUE(test, setup && split && final && setup < split && split < final);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "func=migrate_vma_split_unmapped_folio"));
	kfree(text);
	KUNIT_EXPECT_EQ(test, vm_first_mismatch(addr, 2 * MB, 5), 2 * MB);	/* faults back */
	dmirror_close(d);
	kfree(mirror);
}

/* A full buffer still renders: the newest records that fit, the oldest said to be left out. */
static void full_buffer_still_opens(struct kunit *test)
{
	char *text, line[96];
	struct page *page = NULL;

	trace_enabled_mask = 1UL << TRACE_mm_page_alloc;
	for (int i = 0; i < 9000; i++) {
		page = alloc_pages(GFP_KERNEL, 0);
		KUNIT_ASSERT_NOT_NULL(test, page);
		__free_pages(page, 0);
	}
	trace_enabled_mask = 0;
	text = trace_text(test);		/* asserts it rendered */
	scnprintf(line, sizeof(line), "mm_page_alloc: page=%p pfn=0x%lx order=0\n", page,
		  page_to_pfn(page));
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, line));	/* the newest is there */
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "are left out of this file"));
	kfree(text);
}

static struct kunit_case trace_cases[] = {
	KUNIT_CASE(off_records_nothing_on_records_each),
	KUNIT_CASE(split_mid_migration_is_traced),
	KUNIT_CASE(full_buffer_still_opens),
	{}
};

static struct kunit_suite trace_suite = {
	.name = "trace",
	.init = trace_case_init,
	.exit = trace_case_exit,
	.test_cases = trace_cases,
};
kunit_test_suite(trace_suite);
