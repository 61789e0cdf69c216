/*
 * tests/copy_page_kunit.c - copy_page, clear_page, memcpy and memset give
 * the same bytes whichever instruction sequence the CPU features pick
 * (each path is forced in turn by setting boot_cpu_data's bits), at every
 * length and misalignment that matters for memcpy/memset's tails.
 */
#include <kunit/test.h>
#include <asm/cpufeature.h>
#include <asm/page.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <kernel/string.h>

/* Each combination of the bits the string routines look at. */
static const unsigned long feature_sets[] = {
	0,
	1UL << X86_FEATURE_REP_GOOD,
	1UL << X86_FEATURE_ERMS,
	(1UL << X86_FEATURE_REP_GOOD) | (1UL << X86_FEATURE_ERMS) |
	(1UL << X86_FEATURE_FSRM) | (1UL << X86_FEATURE_FSRS),
};

static void fill_pattern(u8 *p, unsigned long n, unsigned int seed)
{
	for (unsigned long i = 0; i < n; i++)
		p[i] = (u8)(i * 7 + seed);
}

static void copy_and_clear_page_every_path(struct kunit *test)
{
	struct page *pages = alloc_pages(GFP_KERNEL, 1);
	unsigned long saved = boot_cpu_data.capability;
	u8 *a, *b;

	KUNIT_ASSERT_NOT_NULL(test, pages);
	a = page_address(pages);
	b = page_address(pages + 1);
	for (unsigned int s = 0; s < ARRAY_SIZE(feature_sets); s++) {
		boot_cpu_data.capability = feature_sets[s];
		fill_pattern(a, PAGE_SIZE, s);
		memset(b, 0x5a, PAGE_SIZE);
		copy_page(b, a);
		KUNIT_EXPECT_EQ(test, memcmp(a, b, PAGE_SIZE), 0);
		clear_page(b);
		KUNIT_EXPECT_NULL(test, memchr_inv(b, 0, PAGE_SIZE));
	}
	boot_cpu_data.capability = saved;
	__free_pages(pages, 1);
}

/* memcpy/memset: lengths 0..40 at every alignment 0..7, nothing past the end touched. */
static void memcpy_memset_tails_every_path(struct kunit *test)
{
	unsigned long saved = boot_cpu_data.capability;
	static u8 src[64], dst[64], want[64];

	for (unsigned int s = 0; s < ARRAY_SIZE(feature_sets); s++) {
		boot_cpu_data.capability = feature_sets[s];
		for (unsigned int off = 0; off < 8; off++) {
			for (unsigned int len = 0; len <= 40; len++) {
				fill_pattern(src, sizeof(src), len);
				memset(dst, 0xee, sizeof(dst));
				memset(want, 0xee, sizeof(want));
				for (unsigned int i = 0; i < len; i++)
					want[off + i] = src[i];
				memcpy(dst + off, src, len);
				KUNIT_EXPECT_EQ(test, memcmp(dst, want, sizeof(dst)), 0);
				memset(dst + off, 0x3c, len);
				for (unsigned int i = 0; i < len; i++)
					want[off + i] = 0x3c;
				KUNIT_EXPECT_EQ(test, memcmp(dst, want, sizeof(dst)), 0);
			}
		}
	}
	boot_cpu_data.capability = saved;
}

static struct kunit_case copy_page_cases[] = {
	KUNIT_CASE(copy_and_clear_page_every_path),
	KUNIT_CASE(memcpy_memset_tails_every_path),
	{}
};

static struct kunit_suite copy_page_suite = {
	.name = "copy_page",
	.test_cases = copy_page_cases,
};
kunit_test_suite(copy_page_suite);
