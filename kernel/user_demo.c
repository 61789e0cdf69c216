/*
 * kernel/user_demo.c - user mode narrated at boot (make run).
 *
 * Makes an address space, copies a tiny program into it (read + exec) with
 * a stack, and runs it in ring 3: it writes a line through the write
 * system call, then dereferences NULL and is killed with SIGSEGV - the
 * "segfault at" line Linux prints, and a wait status of 11.
 * docs/userspace.md explains each step.
 */
#include <kernel/boot_demo.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <asm/segment.h>
#include <mm/mmap.h>
#include <mm/uaccess.h>

#define DEMO_CODE	0x400000UL
#define DEMO_STACK_TOP	0x800000UL

extern const char user_demo_prog[], user_demo_prog_end[];

static int map_demo(struct mm_struct *mm)
{
	const unsigned long pa = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
	unsigned long len = user_demo_prog_end - user_demo_prog;

	if (vm_mmap(NULL, DEMO_CODE, PAGE_SIZE, PROT_READ | PROT_WRITE, pa, 0) != DEMO_CODE ||
	    copy_to_user((void __user *)DEMO_CODE, user_demo_prog, len) ||
	    do_mprotect(mm, DEMO_CODE, PAGE_SIZE, PROT_READ | PROT_EXEC) ||
	    vm_mmap(NULL, DEMO_STACK_TOP - PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE, pa,
		    0) != DEMO_STACK_TOP - PAGE_SIZE)
		return -ENOMEM;
	pr_info("  a new mm: %lu bytes of code at %#lx (r-x), a stack page below %#lx (rw-)\n",
		len, DEMO_CODE, DEMO_STACK_TOP);
	return 0;
}

static void user_demo(void)
{
	struct mm_struct *mm = mm_alloc();
	int status;

	if (!mm) {
		pr_info("  no memory for an address space\n");
		return;
	}
	kthread_use_mm(mm);
	if (!map_demo(mm)) {
		pr_info("  run_user_thread(%#lx, %#lx): iretq to ring 3 (cs %#x)\n", DEMO_CODE,
			DEMO_STACK_TOP, __USER_CS);
		status = run_user_thread(DEMO_CODE, DEMO_STACK_TOP);
		if (status & 0x7f)
			pr_info("  back in the kernel: wait status %d, killed by signal %d%s\n",
				status, status & 0x7f, status == SIGSEGV ? " (SIGSEGV)" : "");
		else
			pr_info("  back in the kernel: wait status %#x, exit code %d\n", status,
				status >> 8);
	}
	kthread_unuse_mm(mm);
	mmput(mm);
}
boot_demo(50, "user", "a program in ring 3: a write system call, then a segfault", user_demo);
