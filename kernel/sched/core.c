/*
 * kernel/sched/core.c - the scheduler: which task runs next, and the
 * switch to it.
 *
 * Every task is on one list (init_task's `tasks`) in creation order, and
 * schedule() walks it round robin from current to the next task that is
 * TASK_RUNNING: xv6's scheduler loop without the per-CPU scheduler thread.
 * Linux has a run queue per CPU holding only runnable tasks, ordered by
 * the scheduling class (CFS/EEVDF for normal tasks).  Nothing is preempted
 * yet: a task gives up the CPU only by calling schedule().  There is no
 * idle task either: if nobody can run, that is a bug (a lost wake-up), and
 * the kernel says so instead of hanging.  Linux: kernel/sched/core.c
 * (__schedule, context_switch, try_to_wake_up),
 * arch/x86/kernel/process_64.c (__switch_to).
 */
#include <kernel/sched.h>
#include <kernel/panic.h>
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

void schedule(void)
{
	struct task_struct *prev = current, *next;

	next = pick_next_task(prev);
	if (!next)
		panic("schedule: no task can run (%s, pid %d, sleeps)", prev->comm, prev->pid);
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
