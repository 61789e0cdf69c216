/*
 * include/kernel/sched.h - the running task and the address space it uses.
 *
 * mmlab runs one kernel thread, `current`.  Like a Linux kthread, it has no
 * address space of its own (mm == NULL) until it borrows one with
 * kthread_use_mm(), which loads the mm's page tables into CR3; from then on
 * plain pointer accesses to the mm's user addresses fault pages in, exactly
 * as a process's would.  Linux: include/linux/sched.h, kernel/kthread.c.
 */
#ifndef _KERNEL_SCHED_H
#define _KERNEL_SCHED_H

struct mm_struct;

struct task_struct {
	int pid;			/* 1, like the first task of Linux's user space */
	const char *comm;
	struct mm_struct *mm;		/* the user address space in use, or NULL */
	struct mm_struct *active_mm;	/* whose page tables are in CR3 (NULL: kernel's) */
};

extern struct task_struct init_task;
#define current (&init_task)

void kthread_use_mm(struct mm_struct *mm);
void kthread_unuse_mm(struct mm_struct *mm);

#endif
