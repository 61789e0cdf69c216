/*
 * include/mm/fault-inject.h - make page allocations fail on purpose.
 *
 * Like Linux's fail_page_alloc: allocations of at least min_order fail
 * every interval-th time and/or with the given probability (percent, from a
 * seeded generator so runs repeat), at most `times` times (-1: no limit).
 * Later code uses it to make THP allocations fail and force fallbacks.
 * Boot: fail_page_alloc=<interval>,<probability>,<space>,<times>
 * (space is ignored), fail_page_alloc.min_order=N, fail_page_alloc.seed=N.
 * Per task, as syzkaller uses it: writing N to /proc/thread-self/fail-nth
 * makes the task's Nth allocation from then on fail (whatever the settings
 * above say); reading it gives what is left of N, 0 once it failed.
 * Linux: mm/fail_page_alloc.c, lib/fault-inject.c (should_fail_ex),
 * fs/proc/base.c (proc_fail_nth_write).
 */
#ifndef _MM_FAULT_INJECT_H
#define _MM_FAULT_INJECT_H

#include <kernel/types.h>

struct fault_attr {
	unsigned long interval;		/* fail every Nth eligible call (1: each) */
	unsigned int probability;	/* percent of eligible calls, 0..100 */
	long times;			/* failures left; -1 = unlimited, 0 = off */
	unsigned int min_order;		/* only allocations of this order or more */
	u64 seed;
	unsigned long calls;		/* eligible calls seen */
	unsigned long failures;		/* failures injected */
};

extern struct fault_attr fail_page_alloc;

void fail_page_alloc_setup(unsigned int min_order, unsigned long interval,
			   unsigned int probability, long times, u64 seed);
void fail_page_alloc_disable(void);
/* Called by the allocator: should this allocation fail? */
bool should_fail_alloc_page(gfp_t gfp, unsigned int order);

#endif
