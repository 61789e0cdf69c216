/*
 * tests/stress/stress_boot.c - `make stress`: the boot parameter
 * stress=STEPS[,SEED[,FAIL_PERCENT]] runs the model-checked stress once
 * at boot in a fresh address space, prints its report and whether every
 * page came back, and exits QEMU with the result (scripts/run_stress.py).
 */
#include "mm_stress.h"
#include <kernel/stress.h>
#include <drivers/dmirror.h>
#include <mm/mmap.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <kernel/sched.h>
#include <kernel/param.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/errno.h>

static struct mm_stress_config stress_cfg = { .seed = 1, .fail_percent = 2 };

/* The next comma-separated field of *p as a number; false if malformed. */
static bool next_number(char **p, unsigned long *val)
{
	char *comma = *p ? strchr(*p, ',') : NULL;

	if (!*p)
		return true;		/* absent: keep the default */
	if (comma)
		*comma = '\0';
	if (kstrtoul(*p, 0, val))
		return false;
	*p = comma ? comma + 1 : NULL;
	return true;
}

static int __init set_stress(char *val)
{
	unsigned long seed = stress_cfg.seed, fail = stress_cfg.fail_percent, verbose = 0;
	char *p = val;

	if (!next_number(&p, &stress_cfg.steps) || !next_number(&p, &seed) ||
	    !next_number(&p, &fail) || !next_number(&p, &verbose) || !stress_cfg.steps ||
	    fail > 100)
		return -EINVAL;
	stress_cfg.seed = seed;
	stress_cfg.fail_percent = fail;
	stress_cfg.verbose = verbose;
	return 0;
}
__setup("stress", set_stress);

bool stress_requested(void)
{
	return stress_cfg.steps;
}

/* 0 if the stress passed and nothing leaked, else 1. */
int stress_boot_run(void)
{
	static struct mm_stress_result res;
	unsigned long dev_free[DMIRROR_NDEVICES], free_before, slab_before;
	struct mm_struct *mm;
	bool leaked = false;

	drain_all_pages(NULL);
	free_before = nr_free_pages();
	slab_before = kmalloc_live_objects();
	for (int d = 0; d < DMIRROR_NDEVICES; d++)
		dev_free[d] = dmirror_device_free_pages(d);
	mm = mm_alloc();
	if (!mm)
		return 1;
	kthread_use_mm(mm);
	mm_stress_run(&stress_cfg, &res);
	kthread_unuse_mm(mm);
	mmput(mm);
	mm_stress_print(&stress_cfg, &res);
	drain_all_pages(NULL);
	for (int d = 0; d < DMIRROR_NDEVICES; d++)
		leaked |= dmirror_device_free_pages(d) != dev_free[d];
	leaked |= nr_free_pages() != free_before || kmalloc_live_objects() != slab_before;
	pr_info("stress: free pages %lu -> %lu, kmalloc objects %lu -> %lu: %s\n", free_before,
		nr_free_pages(), slab_before, kmalloc_live_objects(),
		leaked ? "LEAKED" : "nothing leaked");
	return res.failed || leaked;
}
