/*
 * tests/memblock_kunit.c - memblock's range lists, on a scratch copy.
 *
 * Boot is over when tests run, so each case saves the global memblock,
 * works on an empty one, and puts the real one back.  Also built into the
 * host test program.
 */
#include <kunit/test.h>
#include <mm/memblock.h>

static struct memblock saved;

static int memblock_test_init(struct kunit *test)
{
	saved = memblock;
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	memory_limit = 0;
	return 0;
}

static void memblock_test_exit(struct kunit *test)
{
	memblock = saved;
}

static void add_merges_and_sorts(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, memblock_add(0x300000, 0x100000), 0);
	KUNIT_EXPECT_EQ(test, memblock_add(0x100000, 0x100000), 0);
	KUNIT_EXPECT_EQ(test, memblock.memory.cnt, 2);
	KUNIT_EXPECT_EQ(test, memblock.memory.regions[0].base, 0x100000);
	KUNIT_EXPECT_EQ(test, memblock_add(0x200000, 0x100000), 0);	/* fills the gap */
	KUNIT_ASSERT_EQ(test, memblock.memory.cnt, 1);
	KUNIT_EXPECT_EQ(test, memblock.memory.regions[0].size, 0x300000);
	KUNIT_EXPECT_EQ(test, memblock_add(0x150000, 0x10000), 0);	/* inside */
	KUNIT_EXPECT_EQ(test, memblock.memory.cnt, 1);
	KUNIT_EXPECT_EQ(test, memblock_phys_mem_size(), 0x300000);
	KUNIT_EXPECT_EQ(test, memblock_end_of_DRAM(), 0x400000);
}

static void free_ranges_skip_reserved(struct kunit *test)
{
	phys_addr_t start, end;

	memblock_add(0, 0x100000);
	memblock_add(0x200000, 0x200000);
	memblock_reserve(0, 0x1000);
	memblock_reserve(0x250000, 0x10000);
	memblock_reserve(0x3ff000, 0x2000);	/* runs past the end of RAM */
	KUNIT_ASSERT_TRUE(test, memblock_free_range(0, &start, &end));
	KUNIT_EXPECT_EQ(test, start, 0x1000);
	KUNIT_EXPECT_EQ(test, end, 0x100000);
	KUNIT_ASSERT_TRUE(test, memblock_free_range(1, &start, &end));
	KUNIT_EXPECT_EQ(test, start, 0x200000);
	KUNIT_EXPECT_EQ(test, end, 0x250000);
	KUNIT_ASSERT_TRUE(test, memblock_free_range(2, &start, &end));
	KUNIT_EXPECT_EQ(test, start, 0x260000);
	KUNIT_EXPECT_EQ(test, end, 0x3ff000);
	KUNIT_EXPECT_FALSE(test, memblock_free_range(3, &start, &end));
	KUNIT_EXPECT_TRUE(test, memblock_is_reserved(0x250008));
	KUNIT_EXPECT_FALSE(test, memblock_is_reserved(0x260000));
}

static void phys_alloc_reserves(struct kunit *test)
{
	phys_addr_t a, b;

	memblock_add(0x100000, 0x100000);
	memblock_reserve(0x100000, 0x1234);
	a = memblock_phys_alloc(0x3000, 0x1000);
	KUNIT_EXPECT_EQ(test, a, 0x102000);		/* first aligned free spot */
	KUNIT_EXPECT_TRUE(test, memblock_is_reserved(a + 0x2fff));
	b = memblock_phys_alloc(0x3000, 0x1000);
	KUNIT_EXPECT_EQ(test, b, 0x105000);
	KUNIT_EXPECT_EQ(test, memblock_phys_alloc(0x200000, 0x1000), 0);	/* too big */
}

static void memory_limit_trims_the_top(struct kunit *test)
{
	memblock_add(0, 0x9f000);
	memblock_add(0x100000, 0x3ff00000);
	memblock_enforce_memory_limit(64UL << 20);
	KUNIT_EXPECT_EQ(test, memblock_phys_mem_size(), 64UL << 20);
	KUNIT_EXPECT_EQ(test, memblock_end_of_DRAM(), 0x100000 + (64UL << 20) - 0x9f000);
	memblock_remove_above(0x1000000);
	KUNIT_EXPECT_EQ(test, memblock_end_of_DRAM(), 0x1000000);
}

static struct kunit_case memblock_cases[] = {
	KUNIT_CASE(add_merges_and_sorts),
	KUNIT_CASE(free_ranges_skip_reserved),
	KUNIT_CASE(phys_alloc_reserves),
	KUNIT_CASE(memory_limit_trims_the_top),
	{}
};

static struct kunit_suite memblock_suite = {
	.name = "memblock",
	.init = memblock_test_init,
	.exit = memblock_test_exit,
	.test_cases = memblock_cases,
};
kunit_test_suite(memblock_suite);
