/*
 * include/kernel/boot_demo.h - narrated demonstrations shown by `make run`.
 *
 * A subsystem shows what it can do at boot by registering a demo:
 *
 *   static void thp_demo(void) { ... printk what happens ... }
 *   boot_demo("thp", "a THP fault and a split", thp_demo);
 *
 * Demos run in link order after boot in a normal (non-test) run.  demo=NAME
 * runs only that one, demo=none skips them all.
 */
#ifndef _KERNEL_BOOT_DEMO_H
#define _KERNEL_BOOT_DEMO_H

#include <kernel/compiler.h>

struct boot_demo {
	const char *name;
	const char *summary;
	void (*run)(void);
};

#define boot_demo(name, summary, fn)					\
	static const struct boot_demo __boot_demo_##fn			\
	__used __section(".boot_demos") __aligned(8) = { name, summary, fn }

void run_boot_demos(void);

#endif
