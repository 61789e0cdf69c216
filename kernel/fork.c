/*
 * kernel/fork.c - making tasks: the task_struct and kernel stack every
 * task gets, and clone()/vfork(), which make a user process.
 *
 * Every task has a 16 KiB kernel stack whose top holds a struct pt_regs:
 * the user registers of a task in user mode, unused in a kernel thread.
 * Below it copy_thread() puts the frame __switch_to_asm pops, so the
 * first switch to a new task "returns" into ret_from_kthread (a kernel
 * thread) or ret_from_fork (a user task: its pt_regs are a copy of its
 * parent's with %rax = 0, and the exception exit path takes it to ring 3).
 *
 * clone makes what fork, vfork, posix_spawn and pthread_create need: a
 * copy of the address space (dup_mm, copy-on-write), or a child that
 * shares it (CLONE_VM, with CLONE_VFORK the parent sleeps until the child
 * calls execve or exits), or a thread (CLONE_THREAD); docs/userspace.md
 * section 12 lists the flags that are not modelled.  Pids count up
 * from 1 and are not reused (Linux recycles them through an IDR).
 * Linux: kernel/fork.c (copy_process, kernel_clone, vfork),
 * arch/x86/kernel/process.c (copy_thread).
 */
#include <kernel/sched.h>
#include <kernel/completion.h>
#include <kernel/fdtable.h>
#include <kernel/syscalls.h>
#include <kernel/signal.h>
#include <kernel/printk.h>
#include <kernel/proc_fs.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <mm/mm_types.h>
#include <mm/mmap.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/direct_map.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <asm/fpu.h>
#include <asm/boot.h>

/* Linux's include/uapi/linux/sched.h values. */
#define CSIGNAL			0x000000ff	/* the exit signal */
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000
/* What mmlab's clone can do today. */
#define CLONE_SYSVSEM		0x00040000
#define CLONE_DETACHED		0x00400000
#define CLONE_SUPPORTED		(CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_VFORK | \
				 CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
				 CLONE_CHILD_SETTID | CLONE_SIGHAND | CLONE_THREAD | \
				 CLONE_SYSVSEM | CLONE_DETACHED)

_Static_assert(THREAD_SIZE == BOOT_STACK_SIZE, "kernel stacks are the boot stack's size");

static int last_pid;			/* init_task is 0; the first new task is 1 */

void ret_from_kthread(void);
void ret_from_fork(void);

/* The frame __switch_to_asm pops: r15 r14 r13 r12 rbx rbp, then the return address. */
struct inactive_task_frame {
	unsigned long r15, r14, r13, r12, bx, bp, ret_addr;
};

/*
 * The first switch to p pops this frame and returns to ret: fn in %rbx and
 * arg in %r12 for it.  The frame sits just below pt_regs, so ret_from_fork
 * finds the user registers at its %rsp.
 */
void copy_thread(struct task_struct *p, void (*ret)(void), int (*fn)(void *), void *arg)
{
	struct inactive_task_frame *frame = (void *)task_pt_regs(p) - sizeof(*frame);

	memset(frame, 0, sizeof(*frame));
	frame->bx = (unsigned long)fn;
	frame->r12 = (unsigned long)arg;
	frame->ret_addr = (unsigned long)ret;
	p->switch_sp = (unsigned long)frame;
}

/*
 * A zeroed task with its own kernel stack, the next pid, current as its
 * parent, on the task list and asleep (TASK_UNINTERRUPTIBLE) until
 * wake_up_process().  Linux: dup_task_struct + alloc_pid.
 */
struct task_struct *alloc_task(const char *name)
{
	struct task_struct *p = kmalloc(sizeof(*p), GFP_KERNEL);
	struct page *stack;

	if (!p)
		return NULL;
	stack = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!stack) {
		kfree(p);
		return NULL;
	}
	memset(p, 0, sizeof(*p));
	p->stack = page_address(stack);
	p->thread.sp0 = (unsigned long)p->stack + THREAD_SIZE;
	p->__state = TASK_UNINTERRUPTIBLE;
	p->pid = p->tgid = ++last_pid;
	p->real_parent = current;
	p->sighand = &p->own_sighand;
	p->group_leader = p;
	p->pgrp = current->pgrp;	/* the parent's process group and session */
	p->session = current->session;
	INIT_LIST_HEAD(&p->children);
	list_add_tail(&p->sibling, &current->children);
	strscpy(p->comm, name, sizeof(p->comm));
	list_add_tail(&p->tasks, &init_task.tasks);
	proc_pid_create(p);		/* /proc/PID */
	return p;
}

/* The inverse of alloc_task, for a task that never ran (or was reaped). */
void free_task(struct task_struct *p)
{
	proc_pid_remove(p);
	list_del(&p->tasks);
	list_del(&p->sibling);
	__free_pages(virt_to_page(p->stack), THREAD_SIZE_ORDER);
	kfree(p);
}

/* Linux's checks in copy_process, in its order; then what mmlab lacks. */
static int check_clone_flags(unsigned long flags)
{
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	/* clone() has one parent_tid for both (Linux: kernel_clone) */
	if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID))
		return -EINVAL;
	if ((flags & ~CLONE_SUPPORTED) || (flags & (CLONE_SIGHAND | CLONE_THREAD)) == CLONE_SIGHAND) {
		pr_warn_once("%s[%d]: clone flags %#lx: not modelled (only threads share "
			     "handlers), -ENOSYS\n", current->comm, current->pid, flags);
		return -ENOSYS;
	}
	return 0;
}

/* The child's user registers: the parent's, returning 0 on newsp (if given). */
static void copy_user_regs(struct task_struct *p, unsigned long newsp)
{
	struct pt_regs *regs = task_pt_regs(p);

	*regs = *task_pt_regs(current);
	regs->ax = 0;
	if (newsp)
		regs->sp = newsp;
	/* The CPU holds the parent's live SSE state: save it, then copy it. */
	save_fpregs_to_fpstate(&current->thread.fpu);
	p->thread.fpu = current->thread.fpu;
	p->thread.fsbase = current->thread.fsbase;
	p->thread.gsbase = current->thread.gsbase;
}

/*
 * CLONE_THREAD: p is another thread of current's process - the same tgid
 * (getpid), handlers and process group; it is not a child of current
 * (wait4 waits for processes), and it reports its exit to nobody.
 * Linux: copy_process()'s CLONE_THREAD branch.
 */
static void join_thread_group(struct task_struct *p)
{
	p->tgid = current->tgid;
	p->group_leader = current->group_leader;
	p->real_parent = current->group_leader->real_parent;
	list_del_init(&p->sibling);
	p->sighand = current->sighand;	/* the leader's: it outlives the others */
	p->exit_signal = -1;
}

/*
 * Threads that have exited are freed here, at the next clone (a thread
 * cannot free the stack it exits on; Linux frees it after the switch).
 */
static void free_dead_threads(void)
{
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &init_task.tasks, tasks)
		if (p->exit_state == EXIT_DEAD && p != current)
			free_task(p);
}

/*
 * fork: a new mm with a copy-on-write copy of oldmm (mm/mmap.c dup_mmap);
 * NULL if memory ran out (what was copied is freed).  Linux: dup_mm().
 */
static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/* CLONE_VM shares the parent's mm (vfork, threads); else the child gets a copy. */
static int copy_mm(unsigned long flags, struct task_struct *p)
{
	if (flags & CLONE_VM) {
		p->mm = current->mm;
		mmget(p->mm);
		return 0;
	}
	p->mm = dup_mm(current->mm);
	return p->mm ? 0 : -ENOMEM;
}

static struct task_struct *copy_process(unsigned long flags, unsigned long newsp,
					unsigned long tls, int __user *child_tid)
{
	struct task_struct *p;

	free_dead_threads();
	p = alloc_task(current->comm);
	if (!p)
		return NULL;
	p->files = (flags & CLONE_FILES) ? current->files : dup_fd(current->files);
	if (!p->files) {
		free_task(p);
		return NULL;
	}
	if (flags & CLONE_FILES)
		current->files->count++;
	if (copy_mm(flags, p)) {
		put_files_struct(p->files);
		free_task(p);
		return NULL;
	}
	p->exit_signal = flags & CSIGNAL;
	copy_signal_state(p, current);
	if (flags & CLONE_THREAD)
		join_thread_group(p);
	copy_user_regs(p, newsp);
	if (flags & CLONE_SETTLS)
		p->thread.fsbase = tls;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = child_tid;
	copy_thread(p, ret_from_fork, NULL, NULL);
	return p;
}

/*
 * Tasks that count against max_threads: an exited thread waiting to be
 * freed (EXIT_DEAD, see exit_notify) does not - Linux frees it at once and
 * drops nr_threads then.  Linux: the nr_threads counter.
 */
static unsigned long nr_threads(void)
{
	struct task_struct *p;
	unsigned long n = 1;		/* init_task */

	list_for_each_entry(p, &init_task.tasks, tasks)
		n += p->exit_state != EXIT_DEAD;
	return n;
}

/*
 * At most this many tasks: an eighth of RAM in kernel stacks, as Linux's
 * set_max_threads() - a fork bomb gets -EAGAIN long before memory runs
 * out.  Linux also has RLIMIT_NPROC per user, and /proc/sys/kernel/threads-max.
 */
static unsigned long max_threads(void)
{
	unsigned long n = normal_zone.managed_pages * PAGE_SIZE / (THREAD_SIZE * 8);

	return n < 20 ? 20 : n;		/* Linux: MIN_THREADS */
}

struct kernel_clone_args {
	unsigned long flags;
	unsigned long stack;
	int __user *parent_tid;
	int __user *child_tid;
	unsigned long tls;
};

static long kernel_clone(const struct kernel_clone_args *args)
{
	struct completion vfork;
	struct task_struct *p;
	int err = check_clone_flags(args->flags);
	long pid;

	if (err)
		return err;
	if (!current->mm || !current->files)
		return -EINVAL;		/* a kernel thread has nothing to share */
	if ((args->flags & CLONE_SETTLS) && args->tls >= TASK_SIZE_MAX)
		return -EPERM;		/* as arch_prctl(ARCH_SET_FS): a user address only */
	if (nr_threads() >= max_threads())
		return -EAGAIN;		/* Linux: copy_process()'s data_race(nr_threads >= max_threads) */
	p = copy_process(args->flags, args->stack, args->tls, args->child_tid);
	if (!p)
		return -ENOMEM;
	pid = p->pid;
	/* A bad pointer is ignored, as in Linux; the child's tid goes into the child's memory. */
	if (args->flags & CLONE_PARENT_SETTID)
		(void)!put_user((int)pid, args->parent_tid);
	if (args->flags & CLONE_CHILD_SETTID)
		p->set_child_tid = args->child_tid;
	if (args->flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}
	wake_up_process(p);
	if (args->flags & CLONE_VFORK)
		wait_for_completion(&vfork);	/* the child runs on our memory */
	return pid;
}

/*
 * A new task's first C code, from ret_from_fork: a clone child writes its
 * tid where CLONE_CHILD_SETTID asked - in its own memory, which is not the
 * parent's after fork.  Linux: schedule_tail().
 */
void schedule_tail(void)
{
	if (current->set_child_tid)
		(void)!put_user(task_pid_nr(current), current->set_child_tid);
	current->set_child_tid = NULL;
}

SYSCALL_DEFINE0(fork)
{
	struct kernel_clone_args args = { .flags = SIGCHLD };

	return kernel_clone(&args);
}

SYSCALL_DEFINE0(vfork)
{
	struct kernel_clone_args args = { .flags = CLONE_VFORK | CLONE_VM | SIGCHLD };

	return kernel_clone(&args);
}

/* x86-64's argument order: flags, newsp, parent_tid, child_tid, tls. */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int __user *, parent_tidptr, int __user *, child_tidptr, unsigned long, tls)
{
	struct kernel_clone_args args = {
		.flags = clone_flags, .stack = newsp, .parent_tid = parent_tidptr,
		.child_tid = child_tidptr, .tls = tls,
	};

	return kernel_clone(&args);
}
