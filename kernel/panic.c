/*
 * kernel/panic.c - panic(), BUG(), WARN() and frame-pointer backtraces.
 *
 * Every function is built with frame pointers, so each stack frame starts
 * with the caller's %rbp and the return address above it.  Following that
 * chain from the current %rbp (boot code set the first one to 0) and naming
 * each return address with kallsyms gives the "Call Trace:".
 * Linux: kernel/panic.c, arch/x86/kernel/dumpstack.c.
 */
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/kallsyms.h>
#include <kunit/test-bug.h>
#include <drivers/qemu_exit.h>
#include <asm/desc.h>
#include <asm/processor.h>

bool panic_exits_qemu;
unsigned long warn_count;

#define MAX_BACKTRACE	32

void show_backtrace(unsigned long bp, unsigned long ip)
{
	printk(KERN_EMERG "Call Trace:\n");
	if (ip)
		printk(KERN_EMERG " [<%016lx>] %pS\n", ip, (void *)ip);
	for (int depth = 0; depth < MAX_BACKTRACE && bp; depth++) {
		unsigned long *frame = (unsigned long *)bp;

		if ((bp & 7) || !on_kernel_stack(bp, 2 * sizeof(long))) {
			printk(KERN_EMERG " (frame pointer %016lx is not on a kernel stack; stop)\n", bp);
			break;
		}
		if (!frame[1])
			break;
		printk(KERN_EMERG " [<%016lx>] %pB\n", frame[1], (void *)frame[1]);
		bp = frame[0];
	}
}

void dump_stack(void)
{
	show_backtrace((unsigned long)__builtin_frame_address(0), 0);
}

void __noreturn die(const char *reason)
{
	static int dying;

	if (dying++) {
		printk(KERN_EMERG "mmlab: fault while dying (%s); stopping\n", reason);
		if (panic_exits_qemu)
			qemu_exit(QEMU_EXIT_FAILURE);
		halt_forever();
	}
	kunit_crash_current_test(reason);	/* returns if no test runs */
	if (panic_exits_qemu) {
		printk(KERN_EMERG "---[ end of run: %s ]---\n", reason);
		qemu_exit(QEMU_EXIT_FAILURE);
	}
	printk(KERN_EMERG "mmlab: system halted. Press Ctrl-A x to quit QEMU.\n");
	halt_forever();
}

void __noreturn panic(const char *fmt, ...)
{
	static char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	die("kernel panic");
}

void __noreturn __bug(const char *file, int line, const char *cond)
{
	if (cond)
		printk(KERN_EMERG "kernel BUG at %s:%d! (BUG_ON(%s))\n", file, line, cond);
	else
		printk(KERN_EMERG "kernel BUG at %s:%d!\n", file, line);
	dump_stack();
	die("kernel BUG");
}

void __warn(const char *file, int line, const char *cond)
{
	warn_count++;
	printk(KERN_WARNING "WARNING: at %s:%d: %s\n", file, line, cond);
	dump_stack();
}
