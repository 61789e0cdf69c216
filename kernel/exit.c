/*
 * kernel/exit.c - a task's user code ends (exit, exit_group, a fatal
 * signal), and its parent collects the status (wait4).
 *
 * The wait status is Linux's encoding: a normal exit is (code & 0xff) << 8,
 * a death by signal is the signal number.  A process lets go of what it
 * holds in Linux's order - its memory (exit_mm: first the vfork parent is
 * released and clear_child_tid zeroed), its files - then gives its
 * children to process 1 and becomes a zombie; its parent's wait4 takes the
 * status and frees the rest (release_task: the task_struct and the kernel
 * stack it was running on).
 *
 * Kernel tests may also run user code inside the current task
 * (run_user_thread, kernel/process_64.c); there do_exit() jumps back to
 * that caller instead, which keeps the task, its mm and its files.
 * Linux: kernel/exit.c (do_exit, exit_mm, exit_notify, forget_original_parent,
 * do_wait, release_task), kernel/fork.c (mm_release).
 */
#include <kernel/sched.h>
#include <kernel/wait.h>
#include <kernel/completion.h>
#include <kernel/fdtable.h>
#include <kernel/syscalls.h>
#include <kernel/umh.h>
#include <kernel/signal.h>
#include <kernel/futex.h>
#include <kernel/panic.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <mm/mm_types.h>
#include <mm/mmap.h>
#include <mm/direct_map.h>
#include <mm/uaccess.h>
#include <kernel/time.h>
#include <asm/fpu.h>

void __exit_to_kernel(unsigned long kernel_sp, int status) __noreturn;

/*
 * Parents sleep here for a child to exit.  Linux has one queue per process
 * (signal->wait_chldexit); with one CPU and few tasks a single queue is
 * enough: every waiter checks its own children when woken.
 */
static DECLARE_WAIT_QUEUE_HEAD(wait_chldexit);

/* Process 1 once it exists: it inherits orphans (Linux: child_reaper). */
struct task_struct *child_reaper;

/*
 * The task no longer uses its memory as it did: let a vfork parent go on,
 * and zero clear_child_tid (musl's thread join waits on it).  Linux:
 * mm_release, called at exit and at exec.
 */
void mm_release(struct task_struct *tsk)
{
	if (tsk->clear_child_tid) {
		/* a bad pointer is ignored, as in Linux; a joiner sleeps on the word */
		if (!put_user(0, tsk->clear_child_tid))
			futex_wake((u32 __user *)tsk->clear_child_tid, FUTEX_PRIVATE_FLAG, 1,
				   FUTEX_BITSET_MATCH_ANY);
		tsk->clear_child_tid = NULL;
	}
	if (tsk->vfork_done) {
		complete(tsk->vfork_done);
		tsk->vfork_done = NULL;
	}
}

/* Leave the address space: the kernel's page tables in CR3, then mmput. */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	mm_release(tsk);
	if (!mm)
		return;
	tsk->mm = NULL;
	tsk->active_mm = NULL;
	write_cr3(init_top_pgt_phys);
	mmput(mm);
}

static void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	tsk->files = NULL;
	put_files_struct(files);
}

/* Children go to process 1 (or, before it exists, to swapper); zombies too. */
static void forget_original_parent(struct task_struct *tsk)
{
	struct task_struct *reaper = child_reaper && child_reaper != tsk ? child_reaper : &init_task;
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &tsk->children, sibling) {
		p->real_parent = reaper;
		list_move_tail(&p->sibling, &reaper->children);
	}
	/* the children's other threads point at tsk too (getppid): never at a freed task */
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->real_parent == tsk)
			p->real_parent = reaper;
	if (!list_empty(&reaper->children))
		wake_up(&wait_chldexit);	/* a zombie among them can be reaped now */
}

static void exit_notify(struct task_struct *tsk);

/* The parent hears of the exit: SIGCHLD (ignored unless it has a handler).  Linux: do_notify_parent(). */
static void do_notify_parent(struct task_struct *tsk)
{
	struct kernel_siginfo info = { .si_signo = SIGCHLD };
	int code = tsk->exit_code;

	if (!tsk->real_parent || tsk->exit_signal != SIGCHLD)
		return;
	info.si_code = (code & 0x7f) ? CLD_KILLED : CLD_EXITED;
	info.chld.pid = tsk->pid;
	info.chld.status = (code & 0x7f) ? (code & 0x7f) : (code >> 8) & 0xff;
	send_sig_info(SIGCHLD, &info, tsk->real_parent);
}

void do_exit(long code)
{
	struct task_struct *tsk = current;

	if (tsk->thread.sp) {		/* run_user_thread's task: back to it */
		save_fpregs_to_fpstate(&tsk->thread.fpu);
		mm_release(tsk);
		tsk->exit_code = code;
		tsk->exit_state = EXIT_ZOMBIE;
		__exit_to_kernel(tsk->thread.sp, code);
	}
	BUG_ON(tsk == &init_task);
	exit_mm(tsk);
	exit_files(tsk);
	forget_original_parent(tsk);
	tsk->exit_code = code;
	tsk->it_real_expires = 0;
	exit_notify(tsk);
	wake_up(&wait_chldexit);
	schedule();
	BUG();				/* a zombie is never picked again */
}

/* A live thread of leader's process: leader itself while it runs.  Linux: find_alive_thread(). */
struct task_struct *find_alive_thread(struct task_struct *leader)
{
	struct task_struct *p;

	if (!leader->exit_state)
		return leader;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->tgid == leader->tgid && !p->exit_state)
			return p;
	return NULL;
}

/* Does another thread of tsk's process still run? */
static bool thread_group_alive(struct task_struct *tsk, struct task_struct *except)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->tgid == tsk->tgid && p != except && !p->exit_state)
			return true;
	return false;
}

/*
 * The last thread of a process out makes it a zombie for its parent; a
 * thread that is not the leader goes at once (EXIT_DEAD, freed at the next
 * clone or with its process).  Linux: exit_notify().
 */
static void exit_notify(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;

	if (leader->group_exit)
		tsk->exit_code = leader->group_exit_code;
	tsk->exit_state = tsk == leader ? EXIT_ZOMBIE : EXIT_DEAD;
	if (thread_group_alive(tsk, tsk))
		return;			/* the last one to go tells the parent */
	if (leader->group_exit)
		leader->exit_code = leader->group_exit_code;
	do_notify_parent(leader);
}

/* exit_group, or a fatal signal: every thread of the process ends with code. */
void __noreturn do_group_exit(long code)
{
	struct task_struct *leader = current->group_leader, *p;

	/*
	 * The process's status is code even when the main thread exited before
	 * (Linux: SIGNAL_GROUP_EXIT, group_exit_code, which wait reports).
	 */
	if (!leader->group_exit) {
		leader->group_exit = true;
		leader->group_exit_code = code;
		list_for_each_entry(p, &init_task.tasks, tasks)
			if (p->tgid == current->tgid && p != current && !p->exit_state)
				send_sig(SIGKILL, p, 1);	/* Linux: zap_other_threads() */
	}
	do_exit(leader->group_exit ? leader->group_exit_code : code);
}

/* The exited threads of leader's process go with it. */
static void release_dead_threads(struct task_struct *leader)
{
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &init_task.tasks, tasks)
		if (p != leader && p->tgid == leader->tgid && p->exit_state == EXIT_DEAD)
			free_task(p);
}

/* Frees a zombie: its task_struct and kernel stack (not current's). */
void release_task(struct task_struct *p)
{
	BUG_ON(p == current || p == &init_task);
	BUG_ON(p->exit_state != EXIT_ZOMBIE);
	BUG_ON(!list_empty(&p->children));
	free_task(p);
}

/* exit ends the calling thread; exit_group the whole process. */
SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}

/* wait4 options (Linux: include/uapi/linux/wait.h) */
#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WCONTINUED	0x00000008
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

/* Does child p match wait4's pid: > 0 that pid, -1 any, 0 my group, < -1 group -pid? */
static bool eligible_child(struct task_struct *p, int pid)
{
	if (pid > 0)
		return p->pid == pid;
	if (pid == 0)
		return p->pgrp == current->pgrp;
	return pid == -1 || p->pgrp == -pid;
}

/*
 * One pass over current's children: a zombie that matches is reaped (its
 * pid returned, its status in *status); 0 if some match but none has
 * exited; -ECHILD if none match.
 */
static long reap_one(int pid, int *status, unsigned long *utime)
{
	struct task_struct *p;
	bool any = false;

	list_for_each_entry(p, &current->children, sibling) {
		if (!eligible_child(p, pid) || (p->flags & PF_KTHREAD))
			continue;		/* kernel threads are reaped by release_task */
		any = true;
		if (p->exit_state != EXIT_ZOMBIE || thread_group_alive(p, p))
			continue;		/* a process is gone when its last thread is */
		long ret = p->pid;

		*status = p->exit_code;
		if (utime)
			*utime = p->utime;
		release_dead_threads(p);
		release_task(p);
		return ret;
	}
	return any ? 0 : -ECHILD;
}

/* Linux's do_wait: sleeps until a matching child exits unless WNOHANG. */
long kernel_wait4(int pid, int *status, int options, unsigned long *utime)
{
	struct wait_queue_entry wait;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == (int)0x80000000)
		return -ESRCH;		/* Linux: -INT_MIN has no process group */
	init_wait_entry(&wait);
	for (;;) {
		prepare_to_wait(&wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		ret = reap_one(pid, status, utime);
		if (ret || (options & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;	/* -EINTR to a handler without SA_RESTART */
			break;
		}
		schedule();
	}
	finish_wait(&wait_chldexit, &wait);
	return ret;
}

/* struct rusage (Linux: include/uapi/linux/resource.h): 18 longs. */
struct rusage {
	long ru_utime[2];		/* struct __kernel_old_timeval */
	long ru_stime[2];
	long ru_other[14];		/* maxrss ... nivcsw: 0 in mmlab */
};

SYSCALL_DEFINE4(wait4, int, upid, int __user *, stat_addr, int, options,
		struct rusage __user *, ru)
{
	unsigned long utime = 0;
	struct rusage r;
	int status = 0;
	long ret = kernel_wait4(upid, &status, options, &utime);

	if (ret <= 0)
		return ret;
	if (stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	if (ru) {
		memset(&r, 0, sizeof(r));
		r.ru_utime[0] = utime / HZ;
		r.ru_utime[1] = utime % HZ * (1000000 / HZ);
		if (copy_to_user(ru, &r, sizeof(r)))
			return -EFAULT;
	}
	return ret;
}
