/*
 * kernel/process_64.c - running user code in the current task, and the
 * per-thread CPU state user code can set (arch_prctl).
 *
 * run_user_thread(ip, sp) is what a first exec will do at its end: fill the
 * task's pt_regs so that "returning" from the kernel lands in ring 3 at ip
 * with stack sp (start_thread), with a fresh FPU state and FS base.  Until
 * mmlab has a scheduler the caller's kernel context is parked on its own
 * stack, just above the pt_regs, and do_exit() jumps back to it.  With a
 * scheduler the task would instead have its own kernel stack and do_exit()
 * would switch away for good.  Linux: arch/x86/kernel/process_64.c
 * (start_thread, do_arch_prctl_64).
 */
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/panic.h>
#include <kernel/string.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <mm/uaccess.h>

int enter_user_mode(unsigned long *kernel_sp, unsigned long ip, unsigned long sp);
void prepare_user_entry(unsigned long top, unsigned long ip, unsigned long sp);

/*
 * The registers a new program starts with: all zero but ip and sp, ring 3
 * selectors, and RFLAGS with IF set: the timer interrupts user code (the
 * kernel itself always runs with IF clear).  orig_ax -1: not in a system call.
 */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags = X86_EFLAGS_FIXED | X86_EFLAGS_IF;
	regs->orig_ax = -1UL;
}

/* Called by enter_user_mode with top = the kernel stack top for user mode. */
void prepare_user_entry(unsigned long top, unsigned long ip, unsigned long sp)
{
	struct task_struct *tsk = current;

	tsk->thread.sp0 = top;
	update_task_stack(tsk);
	start_thread(task_pt_regs(tsk), ip, sp);
	restore_fpregs_from_fpstate(&tsk->thread.fpu.fpstate);
	wrmsr(MSR_FS_BASE, tsk->thread.fsbase);
	wrmsr(MSR_GS_BASE, tsk->thread.gsbase);
}

int run_user_thread(unsigned long ip, unsigned long sp)
{
	struct task_struct *tsk = current;
	int status;

	BUG_ON(!tsk->mm);		/* user code needs an address space */
	BUG_ON(tsk->thread.sp);		/* not from inside user mode's own kernel entry */
	tsk->__state = TASK_RUNNING;
	tsk->exit_state = 0;
	tsk->exit_code = 0;
	tsk->group_exit = false;	/* the last program's exit_group is not this one's */
	tsk->group_exit_code = 0;
	tsk->clear_child_tid = NULL;
	tsk->thread.fsbase = 0;
	tsk->thread.gsbase = 0;
	fpstate_init_user(&tsk->thread.fpu.fpstate);

	status = enter_user_mode(&tsk->thread.sp, ip, sp);

	/* Back from do_exit: reap it (Linux: wait4 in the parent). */
	tsk->thread.sp = 0;
	tsk->exit_state = 0;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_GS_BASE, 0);
	return status;
}

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

/*
 * %fs and %gs bases for user TLS (musl's start-up sets FS).  A base must be
 * a user address (-EPERM otherwise, as in Linux); it is kept in the thread
 * and loaded into the MSR now and on every entry to user mode.
 */
SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	struct thread_struct *t = &current->thread;

	switch (option) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (arg2 >= TASK_SIZE_MAX)
			return -EPERM;
		if (option == ARCH_SET_FS) {
			t->fsbase = arg2;
			wrmsr(MSR_FS_BASE, arg2);
		} else {
			t->gsbase = arg2;
			wrmsr(MSR_GS_BASE, arg2);
		}
		return 0;
	case ARCH_GET_FS:
		return put_user(t->fsbase, (unsigned long __user *)arg2);
	case ARCH_GET_GS:
		return put_user(t->gsbase, (unsigned long __user *)arg2);
	default:
		return -EINVAL;
	}
}
