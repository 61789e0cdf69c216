/*
 * kernel/main.c - kernel_main(): bring the machine up, then test or demo.
 *
 * boot/head.S calls kernel_main(magic, boot_info) in long mode on the boot
 * stack.  The order matters: the console first (so anything can be
 * reported), then the trap handlers (so a fault is explained, not a triple
 * fault), then what GRUB told us, then memory.  Linux: init/main.c
 * (start_kernel).
 */
#include <kernel/trace.h>
#include <asm/cpufeature.h>
#include <kernel/stress.h>
#include <kernel/printk.h>
#include <kernel/proc_fs.h>
#include <kernel/panic.h>
#include <kernel/param.h>
#include <kernel/multiboot2.h>
#include <kernel/time.h>
#include <kernel/boot_demo.h>
#include <kernel/bench.h>
#include <kunit/test.h>
#include <drivers/serial.h>
#include <drivers/qemu_exit.h>
#include <drivers/dmirror.h>
#include <drivers/tty.h>
#include <kernel/setup.h>
#include <kernel/sched.h>
#include <kernel/fdtable.h>
#include <kernel/initrd.h>
#include <mm/direct_map.h>
#include <mm/memblock.h>
#include <mm/mm_init.h>
#include <mm/mm.h>
#include <mm/huge_mm.h>
#include <asm/traps.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/page.h>
#include <asm/boot.h>

extern char _text[], _etext[], __bss_start[], __bss_stop[], _end[];

static void print_memory_map(void)
{
	unsigned long usable = 0;

	pr_info("BIOS-provided physical RAM map (via %s):\n",
		boot_loader_name[0] ? boot_loader_name : "multiboot2");
	for (int i = 0; i < boot_mem_map_nr; i++) {
		const struct boot_mem_region *r = &boot_mem_map[i];

		pr_info("  [mem %#018llx-%#018llx] %s\n", (unsigned long long)r->addr,
			(unsigned long long)(r->addr + r->len - 1), mem_type_name(r->type));
		if (r->type == MULTIBOOT_MEMORY_AVAILABLE)
			usable += r->len;
	}
	pr_info("Memory: %lu MiB usable\n", usable >> 20);
}

static void print_kernel_layout(void)
{
	pr_info("Kernel layout (virtual -> physical):\n");
	pr_info("  text        %016lx-%016lx -> %#lx\n", (unsigned long)_text,
		(unsigned long)_etext, __pa_symbol(_text));
	pr_info("  bss         %016lx-%016lx\n", (unsigned long)__bss_start,
		(unsigned long)__bss_stop);
	pr_info("  image       %#x-%#lx (%lu KiB, boot code included)\n",
		LOAD_PHYSICAL_ADDR, __pa_symbol(_end) - 1,
		(__pa_symbol(_end) - LOAD_PHYSICAL_ADDR) >> 10);
	pr_info("  direct map  %016lx-%016lx (%lu MiB of RAM, 2 MiB pages)\n",
		PAGE_OFFSET, PAGE_OFFSET + direct_map_bytes - 1, direct_map_bytes >> 20);
	pr_info("  command line: %s\n", boot_command_line[0] ? boot_command_line : "(empty)");
}

static int kunit_thread(void *unused)
{
	(void)unused;
	return kunit_run_all_tests();
}

/*
 * The tests run as process 1, as Linux's built-in KUnit tests run from
 * kernel_init: a task with a pid, not the boot thread (pid 0).
 */
static int run_kunit_process(void)
{
	struct task_struct *p = kthread_create(kunit_thread, NULL, "kunit");
	int ret;

	if (!p)
		panic("kunit: no memory for its thread");
	p->files = init_task.files;	/* the console as fds 0-2 (drivers/tty.c) */
	if (p->files)
		p->files->count++;
	wake_up_process(p);
	while (p->exit_state != EXIT_ZOMBIE) {
		current->__state = TASK_UNINTERRUPTIBLE;	/* kthread_exit wakes us */
		schedule();
	}
	ret = p->exit_code;
	put_files_struct(p->files);
	release_task(p);
	return ret;
}

void kernel_main(unsigned long magic, unsigned long boot_info)
{
	boot_tsc = rdtsc();
	identify_boot_cpu();		/* before anything copies much: picks memcpy & co */
	serial_init();
	pr_info("\nmmlab booting: x86-64 teaching kernel (in QEMU: Ctrl-A x quits)\n");
	trap_init();
	syscall_init();			/* syscall/sysretq: MSRs, EFER.SCE */
	fpu__init_cpu();		/* SSE usable in user mode */
	print_cpu_info();
	if (magic != MULTIBOOT2_BOOTLOADER_MAGIC || multiboot_parse(boot_info))
		panic("no multiboot2 boot information (magic %#lx, info at %#lx)",
		      magic, boot_info);
	parse_boot_params();
	if (kunit_enabled() || bench_requested() || stress_requested())
		panic_exits_qemu = true;
	tsc_init();
	time_init();			/* after tsc_init (PIT channel 2): channel 0 ticks at HZ */
	print_memory_map();
	setup_memory_map();
	init_direct_map();
	zap_low_identity_map();
	print_kernel_layout();
	mm_core_init();
	memblock_dump_all();
	show_free_areas();
	if (hugepage_init())
		pr_warn("thp: no memory for the huge zero page\n");
	mm_fault_init();
	if (dmirror_init())
		pr_warn("dmirror: devices not created\n");
	populate_rootfs();
	if (proc_root_init())
		pr_warn("proc: /proc and /sys not created\n");
	if (dmirror_chrdev_init() < 0)
		pr_warn("dmirror: no /dev/hmm_dmirror0 and 1\n");
	if (tty_init())
		pr_warn("tty: no console for user programs\n");

	if (kunit_enabled())
		qemu_exit(run_kunit_process() ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
	if (stress_requested())
		qemu_exit(stress_boot_run() ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
	if (bench_requested()) {
		run_benchmarks(bench_glob());
		qemu_exit(QEMU_EXIT_SUCCESS);
	}

	run_boot_demos();
	trace_boot_dump();
	pr_info("\nmmlab: boot complete; starting user space. Ctrl-A x quits QEMU.\n");
	rest_init();			/* process 1: /sbin/init or init= (kernel/init_process.c) */
}
