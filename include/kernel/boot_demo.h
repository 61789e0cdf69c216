/*
 * include/kernel/boot_demo.h - narrated demonstrations shown by `make run`.
 *
 * A subsystem shows what it can do at boot by registering a demo:
 *
 *   static void thp_demo(void) { ... printk what happens ... }
 *   boot_demo(30, "thp", "a THP fault and a split", thp_demo);
 *
 * Demos run after boot in a normal (non-test) run, in the order of their
 * first number (the order a course meets the subjects).  demo=NAME runs
 * only that one, demo=none skips them all.
 */
#ifndef _KERNEL_BOOT_DEMO_H
#define _KERNEL_BOOT_DEMO_H

#include <kernel/compiler.h>

struct boot_demo {
	int order;
	const char *name;
	const char *summary;
	void (*run)(void);
};

#define boot_demo(order, name, summary, fn)				\
	static const struct boot_demo __boot_demo_##fn			\
	__used __section(".boot_demos") __aligned(8) = { order, name, summary, fn }

void run_boot_demos(void);

#endif
