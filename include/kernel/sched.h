/*
 * include/kernel/sched.h - tasks: who runs, on which stack, in which mm.
 *
 * init_task (pid 0, "swapper") is the thread that boots; it then starts
 * process 1 (init, or the KUnit tests) and waits for it.  kthread_create()
 * makes kernel threads; clone/vfork (kernel/fork.c) make user processes,
 * execve (kernel/exec.c) gives them a program, exit and wait4
 * (kernel/exit.c) end them.  schedule() switches between tasks, and the
 * timer preempts user mode.  A kernel thread has no address space of its
 * own (mm == NULL) until it borrows one with kthread_use_mm(), which loads
 * the mm's page tables into CR3.  A kernel test can also run user code in
 * its own task (run_user_thread, kernel/process_64.c): it drops to ring 3
 * and comes back when the user code exits or is killed.  The fields are
 * Linux's; each task has its own kernel stack, and `current` is the
 * pointer schedule() switches.  Linux: include/linux/sched.h,
 * kernel/kthread.c, kernel/fork.c.
 */
#ifndef _KERNEL_SCHED_H
#define _KERNEL_SCHED_H

#include <kernel/types.h>
#include <kernel/compiler.h>
#include <asm/processor.h>	/* struct thread_struct */
#include <asm/page.h>
#include <asm/ptrace.h>
#include <kernel/list.h>
#include <kernel/signal.h>

struct mm_struct;
struct files_struct;
struct completion;

#define TASK_COMM_LEN		16
#define THREAD_SIZE_ORDER	2	/* a 16 KiB kernel stack, as the boot stack */
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)

/* task->__state */
#define TASK_RUNNING		0x00
#define TASK_INTERRUPTIBLE	0x01	/* asleep, a signal wakes it */
#define TASK_UNINTERRUPTIBLE	0x02	/* asleep until what it waits for happens */
/* task->flags */
#define PF_KTHREAD		0x00200000	/* a kernel thread: never in user mode */
/* task->exit_state */
#define EXIT_DEAD		0x10	/* reaped: nothing left to report */
#define EXIT_ZOMBIE		0x20	/* exited, its exit_code not yet collected */

struct task_struct {
	unsigned int __state;		/* TASK_* */
	void *stack;			/* bottom of its kernel stack */
	int exit_state;			/* EXIT_* once it has exited */
	int exit_code;			/* wait status: code << 8, or the killing signal */
	int pid;			/* thread id (gettid) */
	int tgid;			/* process id (getpid): the first thread's pid */
	struct task_struct *real_parent;	/* NULL for init_task (getppid: 0) */
	struct list_head children;	/* the tasks whose real_parent I am */
	struct list_head sibling;	/* my place in real_parent->children */
	int exit_signal;		/* for the parent at exit (SIGCHLD; none sent yet) */
	struct completion *vfork_done;	/* a vfork parent sleeps on it: exec or exit */
	struct mm_struct *mm;		/* the user address space in use, or NULL */
	struct mm_struct *active_mm;	/* whose page tables are in CR3 (NULL: kernel's) */
	int __user *clear_child_tid;	/* set_tid_address(): zeroed at exit */
	int __user *set_child_tid;	/* CLONE_CHILD_SETTID: written in the child (schedule_tail) */
	struct files_struct *files;	/* open file descriptors (include/kernel/fdtable.h) */
	char comm[TASK_COMM_LEN];	/* name in messages ("segfault at ...") */
	struct list_head tasks;		/* on the list of all tasks, the run order */
	unsigned long utime;		/* timer ticks taken in user mode (Linux: ns) */
	unsigned long switch_sp;	/* kernel %rsp saved by __switch_to_asm */
	unsigned int flags;		/* PF_* */
	unsigned long blocked;		/* rt_sigprocmask's mask: these wait while blocked */
	unsigned long saved_sigmask;	/* rt_sigsuspend's caller's mask, back after the handler */
	bool restore_sigmask;		/* saved_sigmask holds it (Linux: TIF_RESTORE_SIGMASK) */
	struct sigpending pending;	/* sent, not yet taken (kernel/signal.c) */
	struct sighand_struct *sighand;	/* the handlers: &own_sighand (Linux: shared by threads) */
	struct sighand_struct own_sighand;
	/* Linux keeps these in signal_struct, shared by a process's threads: */
	int pgrp, session;		/* process group and session ids */
	struct task_struct *group_leader;	/* the process's first thread (pid == tgid) */
	bool group_exit;		/* exit_group or a fatal signal ends every thread */
	int group_exit_code;		/* and the status the process then reports */
	u64 it_real_expires;		/* ITIMER_REAL: local_clock() ns when SIGALRM is due, 0 off */
	u64 it_real_incr;		/* and its interval (0: once) */
	unsigned int fail_nth;		/* the fail_nth-th allocation from now fails (0: off) */
	struct thread_struct thread;	/* CPU state: kernel sp, FS base, FPU (last) */
};

extern struct task_struct init_task;
extern struct task_struct *current_task;	/* Linux: per-CPU */

static inline struct task_struct *get_current(void)
{
	return current_task;
}
#define current get_current()

/* The saved user registers: at the top of the stack user mode enters on. */
static inline struct pt_regs *task_pt_regs(struct task_struct *tsk)
{
	return (struct pt_regs *)tsk->thread.sp0 - 1;
}

static inline int task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

/*
 * The scheduler (kernel/sched/core.c).  The kernel is not preempted: a task
 * in the kernel runs until it calls schedule(), which picks the next
 * TASK_RUNNING task in round-robin order; a task that set itself asleep
 * first stays off the CPU until wake_up_process().  User mode is preempted
 * by the timer tick (kernel/timer.c).
 */
void schedule(void);
int wake_up_process(struct task_struct *p);	/* 1 if it was asleep */

/*
 * New tasks (kernel/fork.c).  alloc_task() gives a task with its kernel
 * stack, the next pid and current as parent, asleep; copy_thread() sets
 * where its first switch lands: ret_from_kthread (calls fn(arg), then
 * kthread_exit) or ret_from_fork (calls fn(arg) if fn, then enters user
 * mode with task_pt_regs).  free_task() undoes alloc_task().
 */
struct task_struct *alloc_task(const char *name);
void copy_thread(struct task_struct *p, void (*ret)(void), int (*fn)(void *), void *arg);
void free_task(struct task_struct *p);
void ret_from_kthread(void);
void ret_from_fork(void);

/*
 * Kernel threads (kernel/kthread.c): created asleep, started by
 * wake_up_process(); when threadfn returns, the thread is a zombie with
 * exit_code = the return value until its creator calls release_task().
 */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *name);
void release_task(struct task_struct *p);
unsigned long nr_tasks(void);			/* on the task list, init_task included */
/* The task with pid nr on the task list, or NULL (kernel/pid.c). */
struct task_struct *find_task_by_vpid(int nr);

/* Starts process 1 and waits for it; QEMU exits when it does (kernel/init_process.c). */
void __noreturn rest_init(void);

void kthread_use_mm(struct mm_struct *mm);
void kthread_unuse_mm(struct mm_struct *mm);

/*
 * Runs user code at ip with stack sp in current->mm, in ring 3, until it
 * exits or is killed; returns its wait status (Linux's encoding: exit code
 * << 8, or the number of the signal that killed it).
 */
int run_user_thread(unsigned long ip, unsigned long sp);
/* Ends the user code current runs with wait status code (kernel/exit.c). */
void __noreturn do_exit(long code);
/* Ends every thread of current's process, with status code (kernel/exit.c). */
void __noreturn do_group_exit(long code);
/* A live thread of leader's process (leader itself while it runs), or NULL. */
struct task_struct *find_alive_thread(struct task_struct *leader);
/* ret_from_fork's first call in a new task (CLONE_CHILD_SETTID).  Linux: the same. */
void schedule_tail(void);

#endif
