/*
 * kernel/exit.c - a task's user code ends: exit(), exit_group(), or a
 * fatal signal.
 *
 * The wait status is Linux's encoding (what wait4 reports): a normal exit
 * is (code & 0xff) << 8, a death by signal is the signal number.  The last
 * FPU state is saved, clear_child_tid is zeroed as musl's threads expect,
 * and the task becomes a zombie until its parent collects the status;
 * today that "parent" is run_user_thread() in the same task, which
 * do_exit() jumps back to.  Linux: kernel/exit.c, kernel/fork.c
 * (mm_release).
 */
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/panic.h>
#include <mm/uaccess.h>

void __exit_to_kernel(unsigned long kernel_sp, int status) __noreturn;

void do_exit(long code)
{
	struct task_struct *tsk = current;

	BUG_ON(!tsk->thread.sp);	/* only user code exits */
	save_fpregs_to_fpstate(&tsk->thread.fpu);
	if (tsk->clear_child_tid)	/* a bad pointer is ignored, as in Linux */
		put_user(0, tsk->clear_child_tid);
	tsk->exit_code = code;
	tsk->exit_state = EXIT_ZOMBIE;
	__exit_to_kernel(tsk->thread.sp, code);
}

/* One thread per process for now: exit and exit_group both end it. */
SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}
