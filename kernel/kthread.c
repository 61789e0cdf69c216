/*
 * kernel/kthread.c - kernel threads: the boot thread init_task, creating
 * more (kthread_create), and lending a thread an address space.
 *
 * A new thread gets a task_struct and kernel stack from alloc_task()
 * (kernel/fork.c); its stack starts with the frame __switch_to_asm pops,
 * so that the first switch to it "returns" into ret_from_kthread, which
 * calls threadfn (Linux: copy_thread and ret_from_fork).  When threadfn
 * returns the thread is a zombie; it cannot free the stack it runs on, so
 * release_task() (kernel/exit.c) by someone else does.
 *
 * kthread_use_mm(mm) loads mm's page tables into CR3 and makes it
 * current->mm: the thread can now touch mm's user addresses directly, and
 * faults there are resolved against mm's VMAs.  kthread_unuse_mm() goes
 * back to the kernel's own page tables.  Linux: kernel/kthread.c.
 */
#include <kernel/sched.h>
#include <kernel/panic.h>
#include <mm/mm_types.h>
#include <mm/direct_map.h>
#include <asm/processor.h>
#include <asm/page.h>
#include <asm/boot.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <kernel/string.h>
#include <kernel/proc_fs.h>

extern char boot_stack[];

/*
 * pid 0, as Linux's swapper: the boot thread, parent of process 1 (init)
 * and of every kernel thread.
 */
struct task_struct init_task = {
	.pid = 0, .tgid = 0, .comm = "swapper", .stack = boot_stack,
	.tasks = { &init_task.tasks, &init_task.tasks },
	.children = { &init_task.children, &init_task.children },
};
struct task_struct *current_task = &init_task;

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *name)
{
	struct task_struct *p = alloc_task(name);

	if (p) {
		p->flags |= PF_KTHREAD;
		copy_thread(p, ret_from_kthread, threadfn, data);
	}
	return p;
}

/* threadfn returned (ret_from_kthread): a zombie until release_task(). */
void __noreturn kthread_exit(int result)
{
	struct task_struct *tsk = current;

	tsk->exit_code = result;
	tsk->exit_state = EXIT_ZOMBIE;
	if (tsk->real_parent)
		wake_up_process(tsk->real_parent);
	schedule();
	BUG();				/* a zombie is never picked again */
}

unsigned long nr_tasks(void)
{
	struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, &init_task.tasks)
		n++;
	return n + 1;			/* the head, init_task, is a task too */
}

void kthread_use_mm(struct mm_struct *mm)
{
	BUG_ON(current->mm);		/* one at a time, as in Linux */
	current->mm = mm;
	current->active_mm = mm;
	write_cr3(__pa(mm->pgd));
}

void kthread_unuse_mm(struct mm_struct *mm)
{
	BUG_ON(current->mm != mm);
	current->mm = NULL;
	current->active_mm = NULL;
	write_cr3(init_top_pgt_phys);
}
