/*
 * mm/oom_kill.c - when a user page fault finds no memory: kill a process
 * to get some back.
 *
 * The victim is the user process with the most memory in its page tables
 * and RSS (Linux's oom_badness without oom_score_adj), never process 1;
 * it - and every process sharing its mm - gets SIGKILL, and Linux's console
 * line, and dies on its way back to user mode, which frees its memory.  The faulting task retries its fault.
 * While a victim has not died yet nobody else is chosen.  With nothing to
 * kill, Linux panics, and so does mmlab.  A failure that was injected
 * (free memory above the min watermark) kills nobody: the fault is
 * retried.  Linux: mm/oom_kill.c
 * (out_of_memory, oom_badness, oom_kill_process), pagefault_out_of_memory.
 */
#include <mm/oom.h>
#include <mm/mm_types.h>
#include <mm/mmap.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

/* Pages that would be freed with p's mm.  Linux: oom_badness(). */
static unsigned long oom_badness(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;

	return get_mm_counter(mm, MM_ANONPAGES) + get_mm_counter(mm, MM_SHMEMPAGES) +
	       mm->pgtables_bytes / PAGE_SIZE;
}

/*
 * Kernel threads, process 1 and exited tasks are never chosen.  A process
 * whose main thread exited is judged by a thread that still runs (Linux:
 * find_lock_task_mm()), so it cannot hide from the killer.
 */
static bool oom_unkillable(struct task_struct *p)
{
	return p == &init_task || (p->flags & PF_KTHREAD) || !p->mm || p->tgid == 1 ||
	       p->exit_state;
}

static struct task_struct *select_bad_process(void)
{
	struct task_struct *p, *chosen = NULL;
	unsigned long best = 0;

	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (oom_unkillable(p))
			continue;
		if (fatal_signal_pending(p))
			return (struct task_struct *)-1UL;	/* a victim is dying: wait */
		if (oom_badness(p) > best) {
			best = oom_badness(p);
			chosen = p;
		}
	}
	return chosen;
}

/*
 * SIGKILL to the victim's process, and to every other process that shares
 * its mm (a vfork child and its parent): killing only one would leave the
 * memory in use and the other waiting for it.  Linux: __oom_kill_process().
 */
static void oom_kill_process(struct task_struct *victim)
{
	struct mm_struct *mm = victim->mm;
	unsigned long total_vm = 0;
	struct vm_area_struct *vma;
	struct task_struct *p;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		total_vm += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:0kB, shmem-rss:%lukB, UID:0 pgtables:%lukB oom_score_adj:0\n",
	       victim->tgid, victim->comm, total_vm << (PAGE_SHIFT - 10),
	       get_mm_counter(mm, MM_ANONPAGES) << (PAGE_SHIFT - 10),
	       get_mm_counter(mm, MM_SHMEMPAGES) << (PAGE_SHIFT - 10), mm->pgtables_bytes >> 10);
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->mm == mm && !oom_unkillable(p))
			send_sig(SIGKILL, p, 1);
}

void pagefault_out_of_memory(void)
{
	static unsigned long leaked;
	struct task_struct *victim;

	/*
	 * Linux's allocator calls the OOM killer itself, and only when free
	 * memory is below the min watermark.  A fault that failed with more
	 * free than that met an injected failure (fail_page_alloc, fail-nth),
	 * which never gets there: Linux then warns and retries the fault.
	 */
	if (nr_free_pages() > min_wmark_pages(&normal_zone)) {
		if (leaked++ < 10)
			pr_warn("Huh VM_FAULT_OOM leaked out to the #PF handler. Retrying PF\n");
		return;
	}
	victim = select_bad_process();

	if (victim == (struct task_struct *)-1UL) {
		schedule();		/* let the victim run and die */
		return;
	}
	if (!victim)
		panic("Out of memory and no killable processes...");
	oom_kill_process(victim);
	if (victim != current)
		schedule();
}
