/*
 * kernel/sched/core.c - the scheduler: which task runs next, and the
 * switch to it.
 *
 * Every task is on one list (init_task's `tasks`) in creation order, and
 * schedule() walks it round robin from current to the next task that is
 * TASK_RUNNING: xv6's scheduler loop without the per-CPU scheduler thread.
 * Linux has a run queue per CPU holding only runnable tasks, ordered by
 * the scheduling class (CFS/EEVDF for normal tasks).  The kernel is not
 * preempted: a task in the kernel gives up the CPU only by calling
 * schedule() (the tick preempts user mode, kernel/timer.c).  There is no
 * idle task either: if nobody can run, the kernel says who sleeps instead
 * of hanging silently (no_task_can_run).  Linux: kernel/sched/core.c
 * (__schedule, context_switch, try_to_wake_up),
 * arch/x86/kernel/process_64.c (__switch_to).
 */
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/panic.h>
#include <kernel/param.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/mm_types.h>
#include <mm/direct_map.h>
#include <asm/processor.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/segment.h>

void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp);

/*
 * Load next's page tables.  A task without an mm (a kernel thread) gets
 * the kernel's own: Linux lets it borrow the previous mm instead (lazy
 * TLB, with mmgrab so that mm cannot go away); mmlab has no mm refcount
 * for that yet.
 */
static void switch_mm(struct task_struct *prev, struct task_struct *next)
{
	unsigned long cr3 = next->mm ? __pa(next->mm->pgd) : init_top_pgt_phys;

	next->active_mm = next->mm;
	if (read_cr3() != cr3)
		write_cr3(cr3);
}

/*
 * The CPU state that belongs to a task but is not on its kernel stack: the
 * stack ring 3 enters on (TSS.sp0), the TLS bases, the SSE registers.  Only
 * a task with user code has FPU state (the kernel itself is built without
 * SSE), so only such a task saves and restores it.
 */
/*
 * An exception from ring 3 leaves SS null; AMD CPUs keep a null SS's
 * hidden attributes across sysretq, so a task that entered by an exception
 * must not hand that SS to another task leaving by sysretq (the note in
 * kernel/entry_64.S).  Reload a real one, as Linux's __switch_to does on
 * X86_BUG_SYSRET_SS_ATTRS; cheap enough to do on every CPU.
 */
static void load_kernel_ss(void)
{
	unsigned short ss;

	__asm__ __volatile__("mov %%ss, %0" : "=r"(ss));
	if (ss != __KERNEL_DS)
		__asm__ __volatile__("mov %0, %%ss" : : "r"((unsigned short)__KERNEL_DS));
}

static void __switch_to(struct task_struct *prev, struct task_struct *next)
{
	if (prev->mm)
		save_fpregs_to_fpstate(&prev->thread.fpu);
	if (next->mm) {
		restore_fpregs_from_fpstate(&next->thread.fpu.fpstate);
		wrmsr(MSR_FS_BASE, next->thread.fsbase);
		wrmsr(MSR_GS_BASE, next->thread.gsbase);
	}
	update_task_stack(next);
	load_kernel_ss();
}

static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	switch_mm(prev, next);
	__switch_to(prev, next);
	current_task = next;
	__switch_to_asm(&prev->switch_sp, next->switch_sp);
	/* Back here when some later schedule() picks prev again. */
}

/* The first TASK_RUNNING task after prev in list order (prev itself last). */
static struct task_struct *pick_next_task(struct task_struct *prev)
{
	struct list_head *pos = &prev->tasks;

	do {
		pos = pos->next;	/* init_task's node is the head and a task */
		struct task_struct *p = list_entry(pos, struct task_struct, tasks);

		if (p->__state == TASK_RUNNING && !p->exit_state)
			return p;
	} while (pos != &prev->tasks);
	return NULL;
}

/* hung_task_panic=1: a deadlock panics (QEMU exits) instead of halting. */
static bool hung_task_panic;

static int __init set_hung_task_panic(char *val)
{
	long v;

	if (!val || kstrtol(val, 10, &v) || (v != 0 && v != 1))
		return -EINVAL;
	hung_task_panic = v;
	return 0;
}
__setup("hung_task_panic", set_hung_task_panic);

/*
 * Every task sleeps and nothing can wake one: no interrupt reaches the
 * kernel, and there are no signals yet.  A kernel bug (a lost wake-up) or
 * user processes that wait for each other (a process reading a pipe only
 * it can write).  Say who sleeps, then halt - or panic, which ends QEMU at
 * once: in test boots, and with hung_task_panic=1 (Linux's name, for its
 * hung-task detector).
 */
static void __noreturn no_task_can_run(struct task_struct *prev)
{
	struct task_struct *p;

	if (panic_exits_qemu || hung_task_panic)
		panic("schedule: no task can run (%s, pid %d, sleeps)", prev->comm, prev->pid);
	pr_err("INFO: every task sleeps and none can be woken (a deadlock); the CPU halts:\n");
	pr_err("  %s[%d]\n", init_task.comm, init_task.pid);
	list_for_each_entry(p, &init_task.tasks, tasks)
		pr_err("  %s[%d]%s\n", p->comm, p->pid, p->exit_state ? " (exited)" : "");
	halt_forever();
}

void schedule(void)
{
	struct task_struct *prev = current, *next;

	while (!(next = pick_next_task(prev))) {
		/* Everyone sleeps: only a timer's SIGALRM can wake one (wait for the tick). */
		if (!itimers_armed())
			no_task_can_run(prev);
		__asm__ __volatile__("sti; hlt; cli" ::: "memory");
		run_itimers();
	}
	if (next != prev)
		context_switch(prev, next);
}

int wake_up_process(struct task_struct *p)
{
	if (p->__state == TASK_RUNNING)
		return 0;
	p->__state = TASK_RUNNING;
	return 1;
}
