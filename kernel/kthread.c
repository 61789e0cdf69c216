/*
 * kernel/kthread.c - the one kernel thread, and lending it an address space.
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

extern char boot_stack[];

/* pid 1, like the first task of Linux's user space; no parent. */
struct task_struct init_task = {
	.pid = 1, .tgid = 1, .comm = "mmlab", .stack = boot_stack,
};
struct task_struct *current_task = &init_task;

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
