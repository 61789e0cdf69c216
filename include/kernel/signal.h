/*
 * include/kernel/signal.h - signal numbers (Linux's x86-64 values) and
 * what mmlab does with them so far: a signal the kernel sends for a fault
 * kills the task (no handlers yet), with the signal as its wait status.
 * Linux: include/uapi/asm-generic/signal.h, kernel/signal.c.
 */
#ifndef _KERNEL_SIGNAL_H
#define _KERNEL_SIGNAL_H

#include <kernel/compiler.h>

#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGSEGV		11
#define SIGCHLD		17

/* Delivers sig to current: for now always its default action, death. */
void __noreturn force_sig(int sig);

struct task_struct;
/*
 * Whether a signal waits for p: an interruptible sleep ends and the system
 * call returns -EINTR (or restarts).  Always false until signals can be
 * sent (issue 12); sleepers test it already.  Linux: include/linux/sched/signal.h.
 */
static inline int signal_pending(struct task_struct *p)
{
	(void)p;
	return 0;
}

#endif
