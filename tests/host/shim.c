/*
 * tests/host/shim.c - what the kernel provides to the mm code, on the host.
 *
 * printk (into the kernel's log buffer, kernel/log_buf.c, and to stdout), panic, BUG
 * and WARN, QEMU's exit device, and the one THP hook the free path calls.
 * Built with the kernel's headers; it reaches libc only through the three
 * host_* functions of host_main.c.
 */
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kunit/test.h>
#include <mm/mm.h>
#include <mm/memblock.h>
#include <mm/mm_init.h>
#include <drivers/qemu_exit.h>

void host_write(const char *s, unsigned long n);
void __noreturn host_exit(int status);
void __noreturn host_abort(void);

unsigned long host_page_offset;
bool panic_exits_qemu = true;
unsigned long warn_count;

int vprintk(const char *fmt, va_list args)
{
	char buf[1024];
	const char *text = buf;
	int n = vsnprintf(buf, sizeof(buf), fmt, args);

	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	if (buf[0] == KERN_SOH[0] && buf[1]) {		/* drop the level marker */
		text += 2;
		n -= 2;
	}
	log_store(text, n);
	host_write(text, n);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void dump_stack(void)
{
	printk("Call Trace: (not available in the host build)\n");
}

/* Weak: the benchmark program has no KUnit. */
void kunit_crash_current_test(const char *reason) __attribute__((weak));

void __noreturn die(const char *reason)
{
	if (kunit_crash_current_test)
		kunit_crash_current_test(reason);	/* ends the run if a test runs */
	host_abort();
}

void __noreturn panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("Kernel panic - not syncing: %s\n", buf);
	die("kernel panic");
}

void __noreturn __bug(const char *file, int line, const char *cond)
{
	printk("kernel BUG at %s:%d! (%s)\n", file, line, cond ? cond : "BUG()");
	die("kernel BUG");
}

void __warn(const char *file, int line, const char *cond)
{
	warn_count++;
	printk("WARNING: at %s:%d: %s\n", file, line, cond);
}

void __noreturn qemu_exit(unsigned int code)
{
	host_exit(code == QEMU_EXIT_SUCCESS ? 0 : 1);
}

/*
 * The host build has no page tables, so no THPs and no deferred-split
 * queue (mm/huge_memory.c is not built): nothing is ever queued, and the
 * free path's unqueue finds nothing (like Linux without THP).
 */
bool __folio_unqueue_deferred_split(struct folio *folio)
{
	return false;
}

/* Boots the mm core on [base, base + size) as physical [0, size). */
void host_mm_boot(unsigned long base, unsigned long size)
{
	host_page_offset = base;
	memblock_add(0, size);
	memblock_reserve(0, 0x100000);		/* as on a PC: the first MiB */
	mm_core_init();
}
