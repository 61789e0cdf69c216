/*
 * tests/dmirror_misuse_kunit.c - the dmirror kernel API used wrongly.
 *
 * A mirror closed twice, an ioctl on a closed mirror, the stats of a
 * device that does not exist: each must fail with an error code (and, for
 * a stale handle, a warning naming the caller), touch no freed memory and
 * leave the open mirrors working.  The hmm_check.h fixture proves that
 * every system page, device page and kmalloc object came back.
 */
#include "hmm_check.h"
#include <kernel/printk.h>
#include <kernel/string.h>

static struct dmirror *dev(struct kunit *test)
{
	return hmm_ctx(test)->dmirror;
}

/* Did the log get a line naming what since mark? */
static bool logged_since(size_t mark, const char *what)
{
	static char text[512];

	log_read(mark, text, sizeof(text));
	return strstr(text, what) != NULL;
}

/* Four pages of ints 0, 1, 2, ... */
static void filled_buffer(struct kunit *test, struct hmm_buffer *b)
{
	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(b, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
						 4 * PAGE_SIZE));
	fill_index(b->ptr, 4 * PAGE_SIZE / sizeof(int));
}

/* The fixture's mirror (device 0) still reads its buffer right. */
static void expect_mirror_works(struct kunit *test, struct hmm_buffer *b)
{
	unsigned long n = b->size / sizeof(int);

	memset(b->mirror, 0, b->size);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(dev(test), HMM_DMIRROR_READ, b, b->size >> PAGE_SHIFT), 0);
	KUNIT_EXPECT_EQ(test, first_not_index(b->mirror, n), n);
}

/* dmirror_close() twice: the second one is -EBADF and names the caller. */
static void close_twice(struct kunit *test)
{
	struct dmirror *d = dmirror_open(1);
	struct hmm_buffer b;
	size_t mark;

	KUNIT_ASSERT_NOT_NULL(test, d);
	filled_buffer(test, &b);
	KUNIT_EXPECT_EQ(test, hmm_dmirror_cmd(d, HMM_DMIRROR_MIGRATE_TO_DEV, &b, 4), 0);
	KUNIT_EXPECT_EQ(test, dmirror_close(d), 0);
	mark = log_next;
	KUNIT_EXPECT_EQ(test, dmirror_close(d), -EBADF);
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "dmirror_close"));
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "close_twice"));
	expect_mirror_works(test, &b);		/* faults device 1's pages back */
	KUNIT_EXPECT_EQ(test, dmirror_close(NULL), 0);
	hmm_buffer_free(&b);
}

/* Any ioctl on a closed mirror is -EBADF and changes nothing. */
static void ioctl_after_close(struct kunit *test)
{
	struct dmirror *d = dmirror_open(1);
	struct hmm_dmirror_cmd cmd;
	struct hmm_buffer b;
	size_t mark;

	KUNIT_ASSERT_NOT_NULL(test, d);
	filled_buffer(test, &b);
	KUNIT_EXPECT_EQ(test, dmirror_close(d), 0);
	mark = log_next;
	cmd = (struct hmm_dmirror_cmd){ .addr = (u64)b.ptr, .ptr = (u64)b.mirror, .npages = 4,
					.cpages = 77, .faults = 77 };
	KUNIT_EXPECT_EQ(test, dmirror_ioctl(d, HMM_DMIRROR_MIGRATE_TO_DEV, &cmd), -EBADF);
	KUNIT_EXPECT_EQ(test, cmd.cpages, 77);		/* not even the outputs touched */
	KUNIT_EXPECT_EQ(test, hmm_flags(d, HMM_DMIRROR_FLAG_FAIL_ALLOC), -EBADF);
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "dmirror_ioctl"));
	KUNIT_EXPECT_TRUE(test, logged_since(mark, "ioctl_after_close"));
	KUNIT_EXPECT_FALSE(test, hmm_mapping(test, b.ptr).device_private);	/* nothing moved */
	expect_mirror_works(test, &b);
	hmm_buffer_free(&b);
}

/* dmirror_device_stats() of a minor past the last device: -EINVAL, no answer. */
static void stats_of_missing_device(struct kunit *test)
{
	struct dmirror_device_stats s;

	memset(&s, 0xa5, sizeof(s));
	KUNIT_EXPECT_EQ(test, dmirror_device_stats(9, &s), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmirror_device_stats(DMIRROR_NDEVICES, &s), -EINVAL);
	KUNIT_EXPECT_EQ(test, s.nr_pages, 0xa5a5a5a5a5a5a5a5UL);	/* untouched */
	KUNIT_EXPECT_EQ(test, dmirror_device_stats(1, &s), 0);
	KUNIT_EXPECT_EQ(test, s.free_pages, dmirror_device_free_pages(1));
	KUNIT_EXPECT_GE(test, s.nr_pages, s.free_pages);
}

static struct kunit_case dmirror_misuse_cases[] = {
	KUNIT_CASE(close_twice),
	KUNIT_CASE(ioctl_after_close),
	KUNIT_CASE(stats_of_missing_device),
	{}
};

static struct kunit_suite dmirror_misuse_suite = {
	.name = "dmirror_misuse",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = dmirror_misuse_cases,
};
kunit_test_suite(dmirror_misuse_suite);
