/*
 * include/kernel/panic.h - panic(), BUG(), WARN() and backtraces.
 *
 * BUG_ON(cond) is for states that must never happen: it names the file and
 * line, prints the registers' story (a symbolized backtrace) and stops the
 * kernel (in a test run: fails the running test and ends the run).
 * WARN_ON(cond) reports the same but carries on, and returns cond so it can
 * sit inside an if.  Linux: include/asm-generic/bug.h, kernel/panic.c.
 */
#ifndef _KERNEL_PANIC_H
#define _KERNEL_PANIC_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct pt_regs;

void __noreturn panic(const char *fmt, ...) __printf(1, 2);
void __noreturn __bug(const char *file, int line, const char *cond);
void __warn(const char *file, int line, const char *cond);
void dump_stack(void);
void show_backtrace(unsigned long bp, unsigned long ip);

/* Ends the kernel after an oops/BUG/panic; never returns. */
void __noreturn die(const char *reason);

/* When set (test and bench runs), death exits QEMU with the fail status. */
extern bool panic_exits_qemu;
extern unsigned long warn_count;	/* WARN()s so far, for tests */

#define BUG()		__bug(__FILE__, __LINE__, NULL)
#define BUG_ON(cond)	do { if (unlikely(cond)) __bug(__FILE__, __LINE__, #cond); } while (0)

#define WARN_ON(cond) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		__warn(__FILE__, __LINE__, #cond);			\
	unlikely(__ret_warn);						\
})

#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret_warn_once = !!(cond);					\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__warn(__FILE__, __LINE__, #cond);			\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn)) {					\
		printk(KERN_WARNING fmt, ##__VA_ARGS__);		\
		__warn(__FILE__, __LINE__, #cond);			\
	}								\
	unlikely(__ret_warn);						\
})

#endif
