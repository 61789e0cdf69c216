/*
 * tests/migrate_stress_kunit.c - random migrations with failures injected.
 *
 * Eight 2 MiB windows; each step picks one at random and moves it to the
 * device, back to RAM, or touches it from the CPU (a read, or a write that
 * changes its data), while a seeded fraction of device 2 MiB allocations
 * and of system order-9 allocations fail - so the whole-THP path, the
 * split path in both directions and the PTE-level paths all get mixed.
 * After every step every byte of the window is checked against a model,
 * and at the end both the system and the device must have every page back.
 */
#include "hmm_check.h"
#include <kernel/random.h>

#define WINDOWS		8
#define STEPS		300
#define WINT		(TWOMEG / sizeof(int))

static struct dmirror *dev(struct kunit *test)
{
	return hmm_ctx(test)->dmirror;
}

static long window_move(struct kunit *test, struct hmm_buffer *b, int *w, unsigned int req)
{
	return hmm_dmirror_cmd_at(dev(test), req, b, w, TWOMEG >> PAGE_SHIFT);
}

/* Where does the data differ from the model (seed + index)?  WINT if nowhere. */
static unsigned long check_window(const int *w, int seed)
{
	for (unsigned long i = 0; i < WINT; i += 7)	/* every 7th int: all pages */
		if (w[i] != seed + (int)i)
			return i;
	return WINT;
}

static void random_migrations_keep_every_byte(struct kunit *test)
{
	static int seeds[WINDOWS];
	unsigned long counts[4] = { 0 }, splits0 = vm_event_count(THP_MIGRATION_SPLIT);
	unsigned long moved0 = vm_event_count(THP_MIGRATION_SUCCESS);
	struct rnd_state rnd;
	struct hmm_buffer b;
	unsigned long base;
	int *win[WINDOWS];

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, (WINDOWS + 1) * TWOMEG,
						 PROT_READ | PROT_WRITE, TWOMEG));
	base = ALIGN((unsigned long)b.ptr, TWOMEG);
	prandom_seed_state(&rnd, 2026);
	for (int i = 0; i < WINDOWS; i++) {
		win[i] = (int *)(base + i * TWOMEG);
		seeds[i] = i * 1000000;
		for (unsigned long j = 0; j < WINT; j++)
			win[i][j] = seeds[i] + (int)j;
	}
	dmirror_set_fail_huge(0, 30, 7);			/* 30% of device THPs fail */
	fail_page_alloc_setup(HPAGE_PMD_ORDER, 1, 30, -1, 11);	/* and 30% of system ones */
	for (int step = 0; step < STEPS; step++) {
		unsigned int w = prandom_u32_below(&rnd, WINDOWS), op = prandom_u32_below(&rnd, 4);
		long ret = 0;

		if (op == 0)
			ret = window_move(test, &b, win[w], HMM_DMIRROR_MIGRATE_TO_DEV);
		else if (op == 1)
			ret = window_move(test, &b, win[w], HMM_DMIRROR_MIGRATE_TO_SYS);
		else if (op == 2)		/* a CPU read somewhere: faults back what it hits */
			KUNIT_ASSERT_EQ(test, ((volatile int *)win[w])[prandom_u32_below(&rnd, WINT)] -
					seeds[w] >= 0, true);
		else {				/* a CPU write: new data for the whole window */
			seeds[w] += 17;
			for (unsigned long j = 0; j < WINT; j += 7)
				win[w][j] = seeds[w] + (int)j;
		}
		counts[op]++;
		if (ret) {
			KUNIT_FAIL(test, "step %d: op %u on window %u returned %ld", step, op, w, ret);
			break;
		}
		if (check_window(win[w], seeds[w]) != WINT) {
			KUNIT_FAIL(test, "step %d: window %u differs at int %lu after op %u", step, w,
				   check_window(win[w], seeds[w]), op);
			break;
		}
	}
	fail_page_alloc_disable();
	dmirror_set_fail_huge(0, 0, 0);
	for (int i = 0; i < WINDOWS; i++)
		KUNIT_EXPECT_EQ(test, check_window(win[i], seeds[i]), WINT);
	kunit_info(test, "%lu to device, %lu to RAM, %lu reads, %lu writes; THPs moved whole %lu, "
		   "split %lu", counts[0], counts[1], counts[2], counts[3],
		   vm_event_count(THP_MIGRATION_SUCCESS) - moved0,
		   vm_event_count(THP_MIGRATION_SPLIT) - splits0);
	KUNIT_EXPECT_GT(test, vm_event_count(THP_MIGRATION_SPLIT), splits0);
	KUNIT_EXPECT_GT(test, vm_event_count(THP_MIGRATION_SUCCESS), moved0);
	hmm_buffer_free(&b);
}

static struct kunit_case migrate_stress_cases[] = {
	KUNIT_CASE(random_migrations_keep_every_byte),
	{}
};

static struct kunit_suite migrate_stress_suite = {
	.name = "migrate_stress",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = migrate_stress_cases,
};
kunit_test_suite(migrate_stress_suite);
