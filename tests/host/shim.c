/*
 * tests/host/shim.c - the host's boot: kernel_main's steps, on the simulated
 * RAM, with stdout for the serial console and exit() for QEMU's exit device.
 * Built with the kernel's headers; it reaches libc only through the host_*
 * functions of host_main.c.
 */
#include <kernel/printk.h>
#include <kernel/setup.h>
#include <asm/cpufeature.h>
#include <kernel/panic.h>
#include <kernel/param.h>
#include <kernel/string.h>
#include <kunit/test.h>
#include <mm/mm.h>
#include <mm/memblock.h>
#include <mm/mm_init.h>
#include <mm/huge_mm.h>
#include <asm/traps.h>
#include <drivers/dmirror.h>
#include <drivers/qemu_exit.h>
#include "host.h"

/*
 * The simulated RAM: 1 GiB, as `make test` gives QEMU (MEM=1G), unless the
 * program defines its own (the benchmark wants the kernel bench's 2 GiB,
 * the fuzzer a small machine whose whole-memory scans are short).
 */
unsigned long host_ram_size __attribute__((weak)) = 1UL << 30;
#define HOST_RAM_SIZE	host_ram_size
/*
 * Touch all of it at start-up.  The host gives a page of the memfd on its
 * first touch, a page fault of some microseconds that the kernel's RAM
 * never takes: the benchmark sets this, so no figure contains one.
 */
bool host_ram_populate __attribute__((weak));

/* The console: what the serial port is to the kernel. */
static void host_console_write(const char *s, size_t n)
{
	host_write(s, n);
}

static struct console host_console = { .name = "stdout", .write = host_console_write };

/* Weak: the benchmark program has no KUnit, so no test to crash. */
void __weak kunit_crash_current_test(const char *reason)
{
}

void __noreturn qemu_exit(unsigned int code)
{
	host_exit(code == QEMU_EXIT_SUCCESS ? 0 : 1);
}

/*
 * kernel_main's memory steps (kernel/main.c, kernel/setup.c) on RAM at
 * PAGE_OFFSET: the first MiB is reserved as on a PC and holds what the
 * kernel's image would (arch.c), then the devices' memory is set aside.
 */
void host_boot(const char *cmdline)
{
	identify_boot_cpu();		/* copy_page and friends as on this CPU */
	register_console(&host_console);
	host_kallsyms_init();
	panic_exits_qemu = true;	/* a crash ends the program */
	strscpy(boot_command_line, cmdline, sizeof(boot_command_line));
	parse_boot_params();
	host_ram_create(PAGE_OFFSET, HOST_RAM_SIZE, host_ram_populate);
	memblock_add(0, HOST_RAM_SIZE);
	memblock_reserve(0, 0x100000);
	host_arch_init();
	dmirror_reserve_memory();
	mm_core_init();
	if (hugepage_init())
		pr_warn("thp: no memory for the huge zero page\n");
	mm_fault_init();
	host_mmu_init();
	if (dmirror_init())
		pr_warn("dmirror: devices not created\n");
}

bool host_mapped(unsigned long start, unsigned long end);	/* host_main.c */

/*
 * The host program's own memory (its "image": stack, heap, data) lies above
 * the simulated RAM, which host_main.c checks at start; of that, what is
 * mapped.
 */
bool kernel_image_contains(unsigned long start, unsigned long end)
{
	return start >= PAGE_OFFSET + HOST_RAM_SIZE && start <= end && end <= (1UL << 47) &&
	       host_mapped(start, end);
}

/*
 * mm/oom_kill.c needs processes and signals, which the host build has not:
 * a user fault out of memory cannot happen here (the host's faults come
 * from kernel code, not user mode), so reaching this is a bug.
 */
void pagefault_out_of_memory(void)
{
	panic("host build: pagefault_out_of_memory() with no processes to kill");
}
