/*
 * mm/fail_page_alloc.c - fault injection for the page allocator.
 * See include/mm/fault-inject.h.  Linux: mm/fail_page_alloc.c.
 */
#include <mm/fault-inject.h>
#include <mm/gfp.h>
#include <kernel/random.h>
#include <kernel/param.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/sched.h>

struct fault_attr fail_page_alloc = { .interval = 1, .probability = 100 };
static struct rnd_state fail_rnd;

void fail_page_alloc_setup(unsigned int min_order, unsigned long interval,
			   unsigned int probability, long times, u64 seed)
{
	fail_page_alloc.min_order = min_order;
	fail_page_alloc.interval = interval ? interval : 1;
	fail_page_alloc.probability = probability > 100 ? 100 : probability;
	fail_page_alloc.times = times;
	fail_page_alloc.seed = seed;
	fail_page_alloc.calls = 0;
	fail_page_alloc.failures = 0;
	prandom_seed_state(&fail_rnd, seed);
}

void fail_page_alloc_disable(void)
{
	fail_page_alloc.times = 0;
}

bool should_fail_alloc_page(gfp_t gfp, unsigned int order)
{
	struct fault_attr *a = &fail_page_alloc;

	if ((gfp & __GFP_NOFAULT) || order < a->min_order)
		return false;
	/* /proc/thread-self/fail-nth: this task's nth eligible call fails, whatever the rest says */
	if (current->fail_nth) {
		if (--current->fail_nth)
			return false;
		a->failures++;
		return true;
	}
	if (!a->times)
		return false;
	a->calls++;
	if (a->calls % a->interval)
		return false;
	if (a->probability < 100 && prandom_u32_below(&fail_rnd, 100) >= a->probability)
		return false;
	if (a->times > 0)
		a->times--;
	a->failures++;
	return true;
}

/* fail_page_alloc=<interval>,<probability>,<space>,<times> as in Linux. */
static int __init setup_fail_page_alloc(char *val)
{
	long v[4] = { 1, 100, 0, 0 };
	char *p = val;

	for (int i = 0; i < 4; i++) {		/* all four, as in Linux */
		char *comma = p ? strchr(p, ',') : NULL;

		if (!p || !*p)
			return -EINVAL;
		if (comma)
			*comma = '\0';
		if (kstrtol(p, 0, &v[i]) || (i < 2 && v[i] < 0))
			return -EINVAL;
		p = comma ? comma + 1 : NULL;
	}
	fail_page_alloc_setup(fail_page_alloc.min_order, (unsigned long)v[0], (unsigned int)v[1],
			      v[3], fail_page_alloc.seed);
	return 0;
}
__setup("fail_page_alloc", setup_fail_page_alloc);

static int __init setup_min_order(char *val)
{
	unsigned long v;

	if (!val || kstrtoul(val, 0, &v))
		return -EINVAL;
	fail_page_alloc.min_order = (unsigned int)v;
	return 0;
}
__setup("fail_page_alloc.min_order", setup_min_order);

static int __init setup_seed(char *val)
{
	unsigned long v;

	if (!val || kstrtoul(val, 0, &v))
		return -EINVAL;
	fail_page_alloc.seed = v;
	prandom_seed_state(&fail_rnd, v);
	return 0;
}
__setup("fail_page_alloc.seed", setup_seed);
