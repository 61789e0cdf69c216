/*
 * tests/host/exit.c - what kernel/signal.c and kernel/signal_64.c need of
 * kernel/exit.c and the scheduler, on the host, which has one task
 * (init_task, arch.c) and no user mode.  Signals are queued, dequeued and
 * delivered with the kernel's own code: the signal frame goes onto the
 * user stack through copy_to_user (the software MMU's faults), and
 * rt_sigreturn reads it back.  Only a process's end is different: there
 * is no process to end, so do_group_exit() returns to the caller of
 * mm_stress_take_signal(), which takes the wait status.
 */
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/panic.h>
#include <kernel/errno.h>
#include <asm/ptrace.h>
#include "../stress/mm_stress.h"
#include "host.h"

void exit_to_user_mode(struct pt_regs *regs);	/* kernel/signal_64.c */

void __noreturn do_group_exit(long code)
{
	host_group_exit(code);
	panic("host build: do_group_exit(%ld) with no process to end", code);
}

/* One task: it is awake, since it is running. */
int wake_up_process(struct task_struct *p)
{
	p->__state = TASK_RUNNING;
	return 0;
}

/* Nothing else could run, and nothing would wake it (pause, sigsuspend). */
void schedule(void)
{
	if (current->__state != TASK_RUNNING)
		panic("host build: schedule() to sleep, with no other task to wake it");
}

struct task_struct *find_alive_thread(struct task_struct *leader)
{
	return leader->exit_state ? NULL : leader;
}

static void return_to_user(void *regs)
{
	exit_to_user_mode(regs);
}

/* See mm_stress.h: the signal as a fault would send it, then back to user mode. */
int mm_stress_take_signal(int sig, int code, void __user *addr, struct pt_regs *regs)
{
	force_sig_fault(sig, code, addr);
	return host_catch_group_exit(return_to_user, regs);
}
